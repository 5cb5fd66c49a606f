"""Property-based tests: readers and the query parser take arbitrary bytes and strings without crashing.

Deterministic for CI (derandomize, no example database), bounded, no deadline (2 shared cores).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.core.errors import QueryError, ReadError
from briefing.core.ingest import SUPPORTED_SUFFIXES, decode, read
from briefing.core.library import Library
from briefing.core.library.search import Searcher

CI = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

CHARSETS = st.one_of(
    st.none(),
    st.text(max_size=20),
    st.sampled_from(
        [
            "utf-8",
            "rot13",
            "base64",
            "hex",
            "zlib",
            "utf-7",
            "unicode_escape",
            "undefined",
            "idna",
            "utf-16",
            "utf-32",
            "cp1252",
            "shift_jis",
            "x-unknown",
            "utf-8\x00",
            " 'latin1' ",
            "mbcs",
        ]
    ),
)
TAGS = [
    "p",
    "div",
    "script",
    "style",
    "title",
    "meta",
    "iframe",
    "svg",
    "math",
    "table",
    "td",
    "br",
    "article",
    "h1",
    "!--",
    "![CDATA[",
    "?xml",
    "!DOCTYPE html",
    "template",
    "noscript",
    "base",
]
MARKUP = st.lists(
    st.one_of(
        st.sampled_from(TAGS).map(lambda t: f"<{t}>"),
        st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
        st.sampled_from(
            [
                '<meta charset="',
                '<a href="javascript:',
                "&amp;",
                "&#0;",
                "&#xD800;",
                "&bogus;",
                "-->",
                "]]>",
                "<",
                ">",
                '"',
                "'",
                "\x00",
                "\ufeff",
                "\r",
            ]
        ),
        st.text(max_size=40),
    ),
    max_size=60,
).map("".join)
FRONT_MATTER = st.tuples(
    st.sampled_from(["---\n", "---\r\n", "", "--- \n"]),
    st.text(max_size=200),
    st.sampled_from(["\n---\n", "\n...\n", "\n", ""]),
    st.text(max_size=200),
).map("".join)


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="briefing-fuzz-") as folder:
        yield Path(folder)


def _read_clean(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        article = read(path)
    except ReadError as error:
        assert error.reason and error.path == str(path)
        return
    assert article.title.strip() and isinstance(article.text, str)
    for value in (article.title, article.text):
        value.encode("utf-8")  # no lone surrogates: the index and JSON can hold it


@CI
@given(data=st.binary(max_size=3000), declared=CHARSETS)
def test_decode_takes_any_bytes_and_any_declared_charset(data: bytes, declared: str | None) -> None:
    text = decode(data, declared)
    assert isinstance(text, str)


@CI
@given(
    data=st.binary(max_size=3000),
    suffix=st.sampled_from(sorted(SUPPORTED_SUFFIXES)),
)
def test_read_takes_any_bytes(scratch: Path, data: bytes, suffix: str) -> None:
    _read_clean(scratch / f"fuzz{suffix}", data)


@CI
@given(
    body=st.binary(max_size=3000),
    content_type=st.sampled_from(
        ["text/html", "text/plain; charset=x-unknown", 'multipart/related; boundary="b"', "multipart/mixed"]
    ),
    encoding=st.sampled_from(["base64", "quoted-printable", "8bit", "x-uuencode", "bogus"]),
    suffix=st.sampled_from([".mhtml", ".eml"]),
)
def test_read_takes_any_mime_body(
    scratch: Path, body: bytes, content_type: str, encoding: str, suffix: str
) -> None:
    head = f"From: a@example.org\r\nSubject: s\r\nDate: x\r\nContent-Type: {content_type}\r\n"
    head += f"Content-Transfer-Encoding: {encoding}\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n"
    _read_clean(scratch / f"fuzz{suffix}", head.encode() + body)


@CI
@given(markup=MARKUP, encoding=st.sampled_from(["utf-8", "utf-16", "cp1252", "utf-8-sig"]))
def test_read_takes_any_tag_soup(scratch: Path, markup: str, encoding: str) -> None:
    _read_clean(scratch / "soup.html", markup.encode(encoding, "replace"))


@CI
@given(text=FRONT_MATTER)
def test_read_takes_any_front_matter(scratch: Path, text: str) -> None:
    _read_clean(scratch / "front.md", text.encode("utf-8", "surrogatepass"))


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Searcher]:
    root = tmp_path_factory.mktemp("fuzz-library")
    for n, word in enumerate(["harbour", "council", "zebra"]):
        (root / f"{n}.txt").write_text(
            f"Title {word}\n\nThe {word} story of 2024 in Genève.\n", encoding="utf-8"
        )
    with Library(tmp_path_factory.mktemp("fuzz-index")) as lib:
        lib.update([root])
        yield lib.searcher()


QUERY_TOKENS = st.sampled_from(
    [
        '"',
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ":",
        "*",
        "?",
        "~",
        "^",
        "AND",
        "OR",
        "NOT",
        "ANDNOT",
        "ANDMAYBE",
        "title:",
        "body:",
        "date:",
        "date:[",
        " to ",
        "person:",
        "source:",
        "nofield:",
        "-",
        "+",
        "\\",
        "/",
        "2024-01-01",
        "<",
        ">",
        ">=",
        "'",
        "zebra",
        "gen*",
        "\x00",
        "\ud800",
        "\u2019",
        " ",
    ]
)
QUERIES = st.one_of(
    st.text(max_size=80), st.lists(st.one_of(QUERY_TOKENS, st.text(max_size=5)), max_size=25).map("".join)
)


@settings(parent=CI, max_examples=400)
@given(query=QUERIES, sort=st.sampled_from(["relevance", "date"]))
def test_any_query_gives_results_or_a_clean_error(searcher: Searcher, query: str, sort: str) -> None:
    try:
        result = searcher.search(query, sort=sort, limit=5)  # type: ignore[arg-type]
    except QueryError as error:
        assert str(error)
        return
    assert result.total >= len(result.hits)
