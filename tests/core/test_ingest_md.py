"""Markdown articles: front matter, headings as titles, malformed front matter, no markup left."""

from __future__ import annotations

import re
from pathlib import Path

from briefing.core.ingest import read

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"
MARKUP = re.compile(r"[*_`#>\[\]<]|\]\(|https?://")


def test_front_matter_fields() -> None:
    article = read(FIXTURES / "front_matter.md")
    assert article.format == "md"
    assert article.title == "Council approves the riverside housing plan"
    assert article.source == "The Riverside Gazette"
    assert article.author == "Jane Doe"
    assert article.published == "2024-03-05"
    assert article.url == "https://example.org/news/riverside-housing"
    assert article.tags == ("housing", "council")
    assert article.warnings == ()
    assert article.paragraphs[0].startswith("The city council voted 7 to 2")
    assert (
        "approve 400 new homes on the old warehouse site by the river, after a three-hour debate."
        in article.paragraphs[0]
    )
    assert "What happens next" in article.paragraphs  # subheading kept as its own paragraph
    assert "Phase one: 150 homes" in article.paragraphs
    assert "Advertisement" not in article.text
    assert article.paragraphs[-1] == '"This is a good day for the town," the mayor said.'
    assert not MARKUP.search(article.text), article.text


def test_title_from_first_heading_without_front_matter() -> None:
    article = read(FIXTURES / "no_front_matter.md")
    assert article.title == "Rail strike called off after late-night talks"
    assert article.source is None and article.published is None
    assert article.paragraphs[0] == "By our transport correspondent"
    assert "Rail strike called off" not in article.text
    assert not MARKUP.search(article.text)


def test_malformed_front_matter_is_read_with_a_warning() -> None:
    article = read(FIXTURES / "malformed_front_matter.md")
    assert article.title == "Flood warnings issued: rivers rising"
    assert article.published == "2023-11-02"
    assert any("malformed front matter" in w for w in article.warnings)
    assert article.paragraphs[0].startswith("Flood warnings were issued for three rivers")
    assert "---" not in article.text


def test_unclosed_front_matter_and_no_title(tmp_path: Path) -> None:
    path = tmp_path / "loose_notes.md"
    path.write_text(
        "---\nsource: Harbour Weekly\nauthor: Sam\n\nJust a paragraph of *text* here.\n", encoding="utf-8"
    )
    article = read(path)
    assert article.source == "Harbour Weekly"
    assert article.title == "loose notes"
    assert article.text == "Just a paragraph of text here."
    assert any("not closed" in w for w in article.warnings)


def test_front_matter_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "list.md"
    path.write_text("---\n- a\n- b\n---\n# Heading\n\nBody text.\n", encoding="utf-8")
    article = read(path)
    assert article.title == "Heading"
    assert article.text == "Body text."
    assert article.warnings


def test_deeply_nested_markdown_does_not_crash(tmp_path: Path) -> None:
    path = tmp_path / "nested.md"
    path.write_text("# Deep\n\n" + ">" * 3000 + " quoted\n\nAfter.\n", encoding="utf-8")
    article = read(path)
    assert article.title == "Deep"
    assert "After." in article.text
    assert any("flattened" in w for w in article.warnings)
