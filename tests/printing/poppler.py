"""Reading PDFs back with poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm)."""

from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        message = f"{name} not found: install poppler-utils"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def normalise(text: str) -> str:
    """PDF text made comparable: ligatures undone (NFKC), whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def pdf_text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    args = [_tool("pdftotext")]
    if first is not None:
        args += ["-f", str(first)]
    if last is not None:
        args += ["-l", str(last)]
    result = subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True)
    return normalise(result.stdout)


def pdf_pages(pdf: Path) -> int:
    result = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True)
    line = next(x for x in result.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def pdf_page_points(pdf: Path) -> tuple[float, float]:
    result = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True)
    line = next(x for x in result.stdout.splitlines() if x.startswith("Page size:"))
    parts = line.split()
    return float(parts[2]), float(parts[4])


def pdf_fonts(pdf: Path) -> list[list[str]]:
    result = subprocess.run([_tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True)
    return [line.split() for line in result.stdout.splitlines()[2:] if line.strip()]


def page_png(pdf: Path, page: int, out_dir: Path, dpi: int = 50) -> Path:
    prefix = out_dir / f"{pdf.stem}-p{page}"
    subprocess.run(
        [
            _tool("pdftoppm"),
            "-png",
            "-r",
            str(dpi),
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(prefix),
        ],
        check=True,
    )
    return prefix.with_suffix(".png")
