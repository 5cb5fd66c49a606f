"""``blis.py.gemm`` for the frozen app, through the ``sgemm`` that ``blis.cy`` exports.

thinc's NumpyOps multiplies with ``blis.py.gemm``, and ``blis.py`` does it by calling
``blis.cy.gemm``; but its compiled module carries a second copy of the whole BLIS library (17.8 MB).
The frozen app ships this module as ``blis/py.py`` instead (build.spec): the same function of
``blis.cy`` with the same arguments, so the numbers are the same to the bit.
"""

from __future__ import annotations

import ctypes
from typing import Any

import numpy
from blis import cy

_get_name = ctypes.pythonapi.PyCapsule_GetName
_get_name.restype = ctypes.c_char_p
_get_name.argtypes = [ctypes.py_object]
_get_pointer = ctypes.pythonapi.PyCapsule_GetPointer
_get_pointer.restype = ctypes.c_void_p
_get_pointer.argtypes = [ctypes.py_object, ctypes.c_char_p]

_float_p = ctypes.POINTER(ctypes.c_float)
# cdef void sgemm(bint transA, bint transB, int M, int N, int K, float alpha, const float* A, int lda,
#                 const float* B, int ldb, float beta, float* C, int ldc) noexcept nogil
_SGEMM_TYPE = ctypes.CFUNCTYPE(
    None, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_float, _float_p,
    ctypes.c_int, _float_p, ctypes.c_int, ctypes.c_float, _float_p, ctypes.c_int,
)


def _sgemm() -> Any:
    capsule = cy.__pyx_capi__["sgemm"]  # Cython's table of cdef functions
    return _SGEMM_TYPE(_get_pointer(capsule, _get_name(capsule)))


_SGEMM = _sgemm()


def gemm(A: numpy.ndarray, B: numpy.ndarray, out: numpy.ndarray | None = None, trans1: bool = False,
         trans2: bool = False, alpha: float = 1.0, beta: float = 1.0) -> numpy.ndarray:
    """``out = alpha * op(A) @ op(B) + beta * out`` for C-contiguous float32 matrices (as blis.py)."""
    if A.dtype != numpy.float32 or B.dtype != numpy.float32:
        raise TypeError("Unhandled fused type")
    rows = A.shape[1] if trans1 else A.shape[0]
    inner = A.shape[0] if trans1 else A.shape[1]
    inner_b = B.shape[1] if trans2 else B.shape[0]
    cols = B.shape[0] if trans2 else B.shape[1]
    if inner != inner_b:
        raise ValueError(f"Shape mismatch for blis.gemm: ({rows}, {inner}), ({inner_b}, {cols})")
    if out is None:
        out = numpy.empty((rows, cols), dtype="f") if beta == 0.0 else numpy.zeros((rows, cols), dtype="f")
    A = numpy.ascontiguousarray(A)
    B = numpy.ascontiguousarray(B)
    _SGEMM(int(trans1), int(trans2), rows, cols, inner, alpha, A.ctypes.data_as(_float_p), A.shape[1],
           B.ctypes.data_as(_float_p), B.shape[1], beta, out.ctypes.data_as(_float_p), out.shape[1])
    return out
