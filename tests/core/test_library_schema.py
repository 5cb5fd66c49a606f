"""The analysers and field translation of the library schema, on a real Whoosh index."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.qparser import QueryParser

from briefing.core.article import Analysis, Article, Entity
from briefing.core.ingest.dates import parse_date
from briefing.core.library.documents import FileState, entity_fields, to_article, to_fields
from briefing.core.library.schema import build_schema, facet_field, name_analyzer, text_analyzer


def _words(analyzer: object, text: str) -> list[str]:
    return [t.text for t in analyzer(text)]  # type: ignore[operator]


def test_body_analyser_stems_with_porter2() -> None:
    assert _words(text_analyzer(), "running runs RUN") == ["run", "run", "run"]
    assert _words(text_analyzer(), "Québec's companies") == ["quebec", "compani"]


def test_name_analyser_keeps_names_whole_and_apart() -> None:
    tokens = [(t.text, t.pos) for t in name_analyzer()("Mohammed Shia al-Sudani\nThe Hague", positions=True)]
    assert [text for text, _ in tokens] == ["mohammed", "shia", "al", "sudani", "the", "hague"]
    # A gap between values: no phrase can span the end of one name and the start of the next.
    assert tokens[4][1] - tokens[3][1] > 1


def test_partial_and_zoned_dates() -> None:
    assert parse_date("2024-01-20") == datetime(2024, 1, 20)
    assert parse_date("2024-01-20T10:15:00+02:00") == datetime(2024, 1, 20, 8, 15)
    assert parse_date("2024-03") == datetime(2024, 3, 1)
    assert parse_date("2024") == datetime(2024, 1, 1)
    assert parse_date("last tuesday") is None
    assert parse_date(None) is None


def test_entity_fields_by_label() -> None:
    analysis = Analysis(
        entities=(
            Entity(0, 9, "al-Sudani", "PERSON", "Mohammed Shia al-Sudani"),
            Entity(20, 31, "Ain al-Asad", "FAC", "Ain al-Asad Airbase"),
            Entity(40, 47, "Baghdad", "GPE", "Baghdad"),
            Entity(50, 56, "Iraqis", "NORP", "Iraqi"),
        )
    )
    fields = entity_fields(analysis)
    assert fields["person"].split("\n") == ["al-Sudani", "Mohammed Shia al-Sudani"]
    assert fields[facet_field("person")] == "Mohammed Shia al-Sudani"
    # FAC words are searched under place: too, but the name is listed under one facet only.
    assert fields["place"].split("\n") == ["Ain al-Asad", "Ain al-Asad Airbase", "Baghdad"]
    assert fields[facet_field("facility")] == "Ain al-Asad Airbase"
    assert fields[facet_field("place")] == "Baghdad"
    assert fields[facet_field("group")] == "Iraqi"
    assert "org" not in fields and "event" not in fields


def test_a_name_is_faceted_under_the_label_most_of_its_mentions_give_it() -> None:
    analysis = Analysis(
        entities=(
            Entity(0, 11, "Ain al-Asad", "FAC", "Ain al-Asad"),
            Entity(20, 31, "Ain al-Asad", "GPE", "Ain al-Asad"),
            Entity(40, 51, "Ain al-Asad", "FAC", "Ain al-Asad"),
            Entity(60, 67, "Baghdad", "GPE", "Baghdad"),
        )
    )
    fields = entity_fields(analysis)
    assert fields[facet_field("facility")] == "Ain al-Asad"
    assert fields[facet_field("place")] == "Baghdad"  # not also under Places
    assert "Ain al-Asad" in fields["place"]  # place:"Ain al-Asad" still finds it


def test_stemmed_search_and_entity_phrase_on_a_real_index(tmp_path: Path) -> None:
    ix = whoosh_index.create_in(str(tmp_path), build_schema())
    article = Article(
        path="/a.txt", title="Leaders meet", text="The minister was running late.", source="Reuters",
        published="2024-01-20", tags=("iraq",), format="md", warnings=("odd bytes",),
    )
    analysis = Analysis(entities=(Entity(0, 3, "al-Sudani", "PERSON", "Mohammed Shia al-Sudani"),))
    writer = ix.writer()
    writer.add_document(**to_fields(article, FileState(1, 2, "h"), analysis, "v1"))
    other = Article(path="/b.txt", title="Other", text="Mohammed met Shia leaders.")
    writer.add_document(**to_fields(other, FileState(1, 2, "g"), None, "v1"))
    writer.commit()
    with ix.searcher() as searcher:

        def paths(field: str, text: str) -> list[str]:
            return [hit["path"] for hit in searcher.search(QueryParser(field, ix.schema).parse(text))]

        assert paths("body", "run") == ["/a.txt"]
        assert paths("person", '"al-Sudani"') == ["/a.txt"]
        assert paths("person", '"Shia al-Sudani"') == ["/a.txt"]
        assert paths("body", '"Shia leaders"') == ["/b.txt"]
        stored = searcher.document(path="/a.txt")
        assert stored is not None
        assert to_article(stored) == article
