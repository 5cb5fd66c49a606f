"""The frozen app's blis.py.gemm (through blis.cy's sgemm) gives blis.py's numbers to the bit."""

from __future__ import annotations

import blis.py
import numpy
import pytest

from briefing.core.analysis import blis_gemm


@pytest.mark.parametrize("trans1", [False, True])
@pytest.mark.parametrize("trans2", [False, True])
@pytest.mark.parametrize("beta", [0.0, 1.0])
def test_the_same_product_as_blis_py(trans1: bool, trans2: bool, beta: float) -> None:
    rng = numpy.random.default_rng(7)
    a = rng.standard_normal((37, 53)).astype("f")  # op(A): 37x53, op(B): 53x29
    b = rng.standard_normal((53, 29)).astype("f")
    a = numpy.ascontiguousarray(a.T) if trans1 else a
    b = numpy.ascontiguousarray(b.T) if trans2 else b
    expected = blis.py.gemm(a, b, trans1=trans1, trans2=trans2, beta=beta)
    got = blis_gemm.gemm(a, b, trans1=trans1, trans2=trans2, beta=beta)
    assert got.shape == expected.shape and got.dtype == numpy.float32
    assert numpy.array_equal(got, expected)
    out = numpy.ones_like(expected)
    into = blis_gemm.gemm(a, b, out=out, trans1=trans1, trans2=trans2, beta=beta, alpha=0.5)
    assert into is out
    assert numpy.array_equal(out, blis.py.gemm(a, b, out=numpy.ones_like(expected), trans1=trans1,
                                               trans2=trans2, beta=beta, alpha=0.5))


def test_mismatched_shapes_and_doubles_are_refused() -> None:
    with pytest.raises(ValueError, match="Shape mismatch"):
        blis_gemm.gemm(numpy.zeros((2, 3), "f"), numpy.zeros((4, 2), "f"))
    with pytest.raises(TypeError):
        blis_gemm.gemm(numpy.zeros((2, 3)), numpy.zeros((3, 2)))
