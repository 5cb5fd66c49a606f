"""Small files that once hung or crashed a run (issue 16), generated on the spot.

Each is a few hundred kilobytes at most (the huge PDF a few megabytes): what makes them hostile is
their shape (nesting, unclosed markup, a giant scalar), not their size.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject

_STORY = (
    "The harbour authority said on Tuesday that the new quay would open in spring. "
    "Fishermen welcomed the decision after years of delays, the mayor added.\n\n"
)


def _brackets() -> str:
    return "# Brackets\n\n" + _STORY + "[" * 100_000 + "\n"


def _emphasis() -> str:
    return "# Emphasis\n\n" + _STORY + "*_" * 50_000 + "\n"


def _nested_list() -> str:
    return "# Nested list\n\n" + _STORY + "".join("  " * depth + "- item\n" for depth in range(2_000))


def _stars() -> str:
    return "# Stars\n\n" + _STORY + "*" * 100_000 + "\n"


def _huge_scalar() -> str:
    return "---\ntitle: " + "harbour quay " * 400_000 + "\n---\n\n" + _STORY


def _deep_sequence() -> str:
    return "---\ntags: " + "[" * 100_000 + "]" * 100_000 + "\n---\n\n# Deep sequence\n\n" + _STORY


def _deep_mapping() -> str:
    return "---\ntags: " + "{a: " * 100_000 + "b" + "}" * 100_000 + "\n---\n\n# Deep mapping\n\n" + _STORY


# name -> text of the Markdown file
MARKDOWN: dict[str, Callable[[], str]] = {
    "brackets.md": _brackets,
    "emphasis.md": _emphasis,
    "nested-list.md": _nested_list,
    "stars.md": _stars,
    "huge-scalar.md": _huge_scalar,
    "deep-sequence.md": _deep_sequence,
    "deep-mapping.md": _deep_mapping,
}


def write_markdown(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in MARKDOWN.items():
        path = folder / name
        path.write_text(make(), encoding="utf-8")
        written.append(path)
    return written


def write_huge_pdf(path: Path, pages: int = 5_000) -> Path:
    """A real ``pages``-page PDF with a few lines of text on each page (pypdf + a shared content stream)."""
    writer = PdfWriter()
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    for number in range(pages):
        page = writer.add_blank_page(595, 842)
        lines = [
            f"Harbour report page {number}: the quay authority met on Tuesday.",
            "Fishermen welcomed the decision after years of delays, the mayor added.",
        ]
        ops = "BT /F1 11 Tf 72 770 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
        stream = DecodedStreamObject()
        stream.set_data(ops.encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        box = [NumberObject(0), NumberObject(0), NumberObject(595), NumberObject(842)]
        page[NameObject("/MediaBox")] = ArrayObject(box)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        writer.write(handle)
    return path
