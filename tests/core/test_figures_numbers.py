"""Number parsing and mention finding for key figures (no spaCy needed)."""

from __future__ import annotations

import math

import pytest

from briefing.core.analysis.figures import parse_number
from briefing.core.analysis.figures.mentions import find_mentions
from briefing.core.analysis.figures.units import kind


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2,500", 2500),
        ("13000", 13000),
        (".001", 0.001),
        ("three", 3),
        ("twenty-five", 25),
        ("one hundred and five", 105),
        ("a dozen", 12),
        ("half a million", 500_000),
        ("2.5 million", 2_500_000),
        ("4 hundred million", 400_000_000),
        ("1.2bn", 1.2e9),
        ("600m", 6e8),
        ("3/4", 0.75),
        ("two-thirds", 2 / 3),
        ("-3", -3),
        ("minus 5", -5),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    parsed = parse_number(text)
    assert parsed is not None
    assert math.isclose(parsed, value)


@pytest.mark.parametrize("text", ["", "hello", "3 apples", "one two zebra"])
def test_parse_number_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


def _only(text: str) -> tuple[str, object, str | None]:
    found = [m for m in find_mentions(text) if not m.excluded]
    assert len(found) == 1, found
    m = found[0]
    return text[m.start : m.end], m.value, m.unit


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("Profits jumped 76% on the year.", "76%", 76.0, "percentage"),
        ("It made $1.13bn last year.", "$1.13bn", 1.13e9, "dollar"),
        ("It made £600m last year.", "£600m", 6e8, "pound sterling"),
        ("It costs 1,200€ now.", "1,200€", 1200.0, "euro"),
        (
            "a fine of 10.5 million Australian dollars",
            "10.5 million Australian dollars",
            1.05e7,
            "australian dollar",
        ),
        ("crude at US $58.24 per barrel", "US $58.24 per barrel", 58.24, "dollar per barrel"),
        ("They paid PS2.7m for it.", "PS2.7m", 2.7e6, "pound sterling"),
        ("The rate is 1.38pc today.", "1.38pc", 1.38, "percentage"),
        ("a 5-10W laser", "5-10W", (5.0, 10.0), "watt"),
        ("between 3 and 4 million people", "3 and 4 million", (3e6, 4e6), None),
        ("revenue of US $89 to $93 billion", "US $89 to $93 billion", (89e9, 93e9), "dollar"),
        ("claims from $200 to $4 million", "$200 to $4 million", (200.0, 4e6), "dollar"),
        ("it can go 0 to 80km/h quickly", "0 to 80km/h", (0.0, 80.0), "kilometre per hour"),
        ("down to minus-130 degrees Fahrenheit", "minus-130 degrees Fahrenheit", -130.0, "fahrenheit"),
        ("a balance of $-50.8bn", "$-50.8bn", -5.08e10, "dollar"),
        ("He weighed 208 pounds then.", "208 pounds", 208.0, "pound-mass"),
        ("a fund of 50 million pounds", "50 million pounds", 5e7, "pound sterling"),
        ("a $3500 a month mortgage", "$3500 a month", 3500.0, "dollar per month"),
        ("a 50 year-old man", "50 year-old", 50.0, "year of age"),
        ("tens of millions of dollars", "tens of millions of dollars", (1e7, 1e8), "dollar"),
        ("One out of three Germans", "One out of three", 1 / 3, None),
        ("1/16 of a pint", "1/16", 0.0625, None),
    ],
)
def test_mentions(text: str, span: str, value: object, unit: str | None) -> None:
    found_span, found_value, found_unit = _only(text)
    assert found_span == span
    if isinstance(value, tuple):
        assert isinstance(found_value, tuple)
        assert all(math.isclose(a, b) for a, b in zip(found_value, value, strict=True))
    else:
        assert isinstance(found_value, float)
        assert math.isclose(found_value, float(value))  # type: ignore[arg-type]
    assert found_unit == unit


@pytest.mark.parametrize(
    "text",
    ["a G8 summit", "COVID-19 cases", "at 10:27 PM", "at 5pm", "in the 1990s", "his 96th minute", "on 9/11"],
)
def test_mentions_marked_excluded(text: str) -> None:
    assert all(m.excluded for m in find_mentions(text)), [(m.value, m.excluded) for m in find_mentions(text)]


def test_unit_families() -> None:
    assert kind("dollar per barrel") == "currency"
    assert kind("percentage") == "percent"
    assert kind("kilometre") == "measure"
    assert kind("year") == "time"
    assert kind("year of age") == "age"
    assert kind(None) == "count"
