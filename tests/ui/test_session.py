"""The window's state model (briefing/ui/session.py) without a window: plain pytest, no Qt, a real
index of the sample library on disk."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.core.library import Library
from briefing.ui.session import OPENING_MESSAGE, OpenArticle, Session

SEED = "000_1485d72a6eece34e.txt"


class Heard:
    """Every event a session emits, in order, as (name, value)."""

    def __init__(self, session: Session) -> None:
        self.events: list[tuple[str, object]] = []
        for name, event in vars(session.events).items():
            event.connect(lambda value, name=name: self.events.append((name, value)))

    def names(self) -> list[str]:
        return [name for name, _value in self.events]

    def take(self) -> list[tuple[str, object]]:
        events, self.events = self.events, []
        return events


@pytest.fixture
def library(index_dir: Path) -> Iterator[Library]:
    with Library(index_dir) as lib:
        yield lib


@pytest.fixture
def seed_path(library: Library) -> str:
    paths = [hit.path for hit in library.searcher().search("", limit=10, facets=False).hits]
    assert len(paths) == 1 and paths[0].endswith(SEED)
    return paths[0]


def test_a_new_session_shows_the_opening_message_and_the_types_it_was_given() -> None:
    session = Session({"ORG", "GPE"})
    assert session.article is None and session.open_path is None and session.library is None
    assert session.message == OPENING_MESSAGE
    assert session.visible_types == frozenset({"ORG", "GPE"})
    assert session.filters == {} and session.query == ""
    assert not session.open("/nowhere.txt")  # no library yet: nothing opens
    assert not session.may_open_pending()


def test_toggling_a_filter_sets_it_then_removes_it_and_asks_for_a_search_each_time() -> None:
    session = Session(())
    heard = Heard(session)
    session.toggle_filter("source", "Al Jazeera")
    assert session.filters == {"source": "Al Jazeera"}
    assert heard.take() == [("filters_changed", {"source": "Al Jazeera"}), ("search_wanted", None)]
    session.toggle_filter("place", "Iraq")
    session.toggle_filter("source", "Al Jazeera")  # the same value again: off
    assert session.filters == {"place": "Iraq"}
    assert heard.names() == ["filters_changed", "search_wanted", "filters_changed", "search_wanted"]
    heard.take()
    session.toggle_filter("place", "Syria")  # another value of the same field replaces it
    assert session.filters == {"place": "Syria"}
    session.remove_filter("place")
    session.remove_filter("place")  # gone already: nothing changes, the search still runs
    assert session.filters == {}
    assert heard.names() == ["filters_changed", "search_wanted", "filters_changed", "search_wanted",
                             "search_wanted"]


def test_a_subscriber_gets_a_copy_of_the_filters() -> None:
    session = Session(())
    seen: list[dict[str, str]] = []
    session.events.filters_changed.connect(seen.append)
    session.toggle_filter("org", "Opec")
    seen[0]["org"] = "changed by a widget"
    assert session.filters == {"org": "Opec"}


def test_show_all_clears_query_and_filters() -> None:
    session = Session(())
    session.submit_query("oil")
    session.toggle_filter("org", "Opec")
    heard = Heard(session)
    session.show_all()
    assert session.filters == {} and session.query == ""
    assert heard.take() == [("filters_changed", {}), ("query_changed", ""), ("search_wanted", None)]
    session.show_all()  # nothing left to clear: only the search
    assert heard.take() == [("search_wanted", None)]


def test_the_query_follows_the_field_and_searches_only_when_submitted() -> None:
    session = Session(())
    heard = Heard(session)
    session.set_query("oil")
    session.set_query("oil")  # the same text: no event
    assert heard.take() == [("query_changed", "oil")]
    session.submit_query("oil prices")
    assert session.query == "oil prices"
    assert heard.take() == [("query_changed", "oil prices"), ("search_wanted", None)]


def test_articles_naming_an_entity_filter_by_its_facet_or_search_its_name() -> None:
    session = Session(())
    heard = Heard(session)
    session.show_articles_naming("Ain al-Asad", "FAC")
    assert session.filters == {"facility": "Ain al-Asad"} and session.query == ""
    session.show_articles_naming("Opec", "ORG")  # another facet: both filters hold
    assert session.filters == {"facility": "Ain al-Asad", "org": "Opec"}
    heard.take()
    session.show_articles_naming("20 January", "DATE")  # a type without a facet: its name as a phrase
    assert session.query == '"20 January"'
    assert session.filters == {"facility": "Ain al-Asad", "org": "Opec"}
    assert heard.take() == [("query_changed", '"20 January"'), ("search_wanted", None)]


def test_a_type_shown_or_hidden_is_told_once() -> None:
    session = Session({"ORG", "GPE"})
    heard = Heard(session)
    session.set_type_visible("GPE", False)
    session.set_type_visible("GPE", False)
    session.set_type_visible("PERSON", True)
    assert session.visible_types == frozenset({"ORG", "PERSON"})
    assert heard.take() == [("visible_types_changed", frozenset({"ORG"})),
                            ("visible_types_changed", frozenset({"ORG", "PERSON"}))]


def test_opening_an_article_reads_it_from_the_index(library: Library, seed_path: str) -> None:
    session = Session(())
    session.attach(library, open_path=None, last_article=None)
    heard = Heard(session)
    assert session.open(seed_path)
    opened = session.article
    assert isinstance(opened, OpenArticle) and opened.path == seed_path == session.open_path
    assert opened.title and opened.article.text and opened.analysis is not None
    assert opened.analysis.entities  # the analysis stored in the index, not a new one
    assert opened.article.published is None  # the sample gives no date: the day its file was saved
    assert opened.saved is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", opened.saved)
    assert session.last_open_ms is not None and session.last_open_ms >= 0
    assert heard.take() == [("article_opened", opened)]
    assert not session.open(str(Path(seed_path).with_name("not-indexed.txt")))
    assert session.article is opened and heard.take() == []  # the open article stays
    session.show_message("Nothing open")
    assert session.article is None and session.open_path is None and session.message == "Nothing open"
    assert heard.take() == [("message_shown", "Nothing open")]


def test_an_article_with_its_own_date_has_no_saved_day(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    article = folder / "dated.md"
    article.write_text("---\ntitle: A dated note\ndate: 2024-01-20\n---\n\nThe council met on Saturday.\n",
                       encoding="utf-8")
    with Library(tmp_path / "index") as library:
        report = library.update([folder])
        assert report.added == 1
        session = Session(())
        session.attach(library, open_path=None, last_article=None)
        assert session.open(str(article.resolve()))
        assert session.article is not None and session.article.title == "A dated note"
        assert session.article.article.published is not None and session.article.saved is None


def test_the_article_asked_for_is_opened_once_it_is_in_the_index(library: Library, seed_path: str) -> None:
    session = Session(())
    later = str(Path(seed_path).with_name("later.txt"))
    session.attach(library, open_path=later, last_article=seed_path)
    assert session.pending_open == later and not session.open_first_hit  # asked for: not the last read
    assert session.may_open_pending() and not session.open_pending()
    assert session.pending_open == later  # still waited for
    # While indexing runs, the article asked for is waited for (nothing else opens)...
    assert session.fallback(hits=True, indexing=True) is None
    assert session.fallback(hits=False, indexing=True) is None
    # ...and when it ran dry, a search is asked for, to see whether it came.
    heard = Heard(session)
    session.indexing_idle()
    assert heard.take() == [("search_wanted", None)]
    # Never the first hit instead of it; an empty library says so.
    assert session.fallback(hits=True, indexing=False) is None
    assert session.fallback(hits=False, indexing=False) == "empty_library"
    session.pending_open = seed_path  # as if it were indexed under this path
    assert session.open_pending() and session.pending_open is None and session.open_path == seed_path
    assert not session.may_open_pending()  # an article is open
    session.indexing_idle()
    assert heard.names() == ["article_opened"]  # nothing waited for: no search


def test_without_an_article_asked_for_the_last_one_read_or_the_first_hit_opens(
    library: Library, seed_path: str,
) -> None:
    session = Session(())
    session.attach(library, open_path=None, last_article=seed_path)
    assert session.pending_open == seed_path and session.open_first_hit
    assert session.open_pending() and session.pending_open is None
    session.show_message("closed")
    gone = str(Path(seed_path).with_name("deleted-since.txt"))
    session.attach(library, open_path=None, last_article=gone)
    assert not session.open_pending()
    assert session.fallback(hits=True, indexing=True) is None  # the last article may still come
    assert session.fallback(hits=True, indexing=False) == "first_hit"
    assert session.pending_open is None  # given up
    assert session.fallback(hits=True, indexing=True) == "first_hit"  # nothing waited for any more


def test_a_change_to_the_index_asks_for_a_search_and_a_fresh_open_article(
    library: Library, seed_path: str,
) -> None:
    session = Session(())
    session.attach(library, open_path=None, last_article=None)
    heard = Heard(session)
    session.index_changed()
    assert heard.take() == [("search_wanted", None)]  # nothing open to refresh
    session.open(seed_path)
    heard.take()
    session.index_changed()
    assert heard.take() == [("search_wanted", None), ("reopen_wanted", seed_path)]


def test_a_filter_on_a_hidden_entity_is_dropped(library: Library, seed_path: str) -> None:
    session = Session(())
    session.attach(library, open_path=None, last_article=None)
    session.open(seed_path)
    session.toggle_filter("facility", "Ain al-Asad")
    session.toggle_filter("source", "sample")
    heard = Heard(session)
    library.overrides.retype(["Ain al-Asad"], "ORG")
    session.entities_corrected()  # retyped, not hidden: the filters stay
    assert session.filters == {"facility": "Ain al-Asad", "source": "sample"}
    assert heard.take() == [("search_wanted", None), ("reopen_wanted", seed_path)]
    library.overrides.hide(["Ain al-Asad"])
    session.entities_corrected()
    assert session.filters == {"source": "sample"}
    assert heard.take() == [("filters_changed", {"source": "sample"}), ("search_wanted", None),
                            ("reopen_wanted", seed_path)]
