"""Canonical names: one name per thing an article mentions, for facets and the side panel.

"U.S.", "US" and "the United States" are "United States"; "al-Sudani" after
"Mohammed Shia al-Sudani" is "Mohammed Shia al-Sudani"; "SEC" after
"Securities and Exchange Commission" is the long name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|an|at|az|ash|ath)-", re.IGNORECASE)
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?\s+")
ACRONYM_PATTERN = re.compile(r"(?:[A-Z]\.?){2,6}")
_ACRONYM_SKIP = frozenset({"of", "and", "the", "for", "on", "in", "de", "du", "la", "&", "to"})

# Keys (see name_key) of common short and long forms of the same country or body.
ALIASES = {
    "us": "United States",
    "usa": "United States",
    "unitedstates": "United States",
    "unitedstatesofamerica": "United States",
    "uk": "United Kingdom",
    "unitedkingdom": "United Kingdom",
    "britain": "United Kingdom",
    "greatbritain": "United Kingdom",
    "uae": "United Arab Emirates",
    "unitedarabemirates": "United Arab Emirates",
    "eu": "European Union",
    "europeanunion": "European Union",
    "un": "United Nations",
    "unitednations": "United Nations",
    "nato": "NATO",
    "northatlantictreatyorganization": "NATO",
    "ussr": "Soviet Union",
    "sovietunion": "Soviet Union",
    "drc": "Democratic Republic of the Congo",
    "drcongo": "Democratic Republic of the Congo",
    "democraticrepublicofcongo": "Democratic Republic of the Congo",
    "democraticrepublicofthecongo": "Democratic Republic of the Congo",
    "russianfederation": "Russia",
    "peoplesrepublicofchina": "China",
    "prc": "China",
    "republicofkorea": "South Korea",
    "southkorea": "South Korea",
    "dprk": "North Korea",
    "northkorea": "North Korea",
    "holland": "Netherlands",
    "fed": "Federal Reserve",
    "federalreserve": "Federal Reserve",
    "usfederalreserve": "Federal Reserve",
    "federalreserveboard": "Federal Reserve",
    "isis": "Islamic State",
    "isil": "Islamic State",
    "daesh": "Islamic State",
    "islamicstate": "Islamic State",
    "islamicstateofiraqandthelevant": "Islamic State",
    "islamicstateofiraqandsyria": "Islamic State",
}
_BODY_LABELS = frozenset({"ORG", "NORP"})
# Aliases that only hold for one label ("America" the continent is not the country).
_GPE_ONLY_ALIASES = {"america": "United States"}


def surface(text: str) -> str:
    """The written name without line breaks, a leading "the" or a possessive 's."""
    name = _SPACES.sub(" ", text).strip()
    name = _LEADING_THE.sub("", name)
    for suffix in (" 's", "'s", "\u2019s", " \u2019s"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name.strip()


def name_key(name: str) -> str:
    """A key under which spellings of one name meet: "U.S." and "US" -> "us"."""
    return _NON_ALNUM.sub("", name.lower())


def alias(name: str, label: str) -> str | None:
    """The fixed canonical name of a well-known short or long form, if there is one."""
    key = name_key(name)
    if label == "GPE" and key in _GPE_ONLY_ALIASES:
        return _GPE_ONLY_ALIASES[key]
    return ALIASES.get(key)


@lru_cache(maxsize=8192)
def person_tokens(name: str) -> tuple[str, ...]:
    return tuple(_ARTICLE_PREFIX.sub("", t).lower() for t in without_honorific(name).split())


def without_honorific(name: str) -> str:
    """Drop a leading "Mr", "Mrs", "Dr"...: "Mr Blair" -> "Blair" (a lone honorific stays)."""
    stripped = _HONORIFIC.sub("", name)
    return stripped or name


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return n < len(longer) and any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def full_person_name(name: str, full_names: Sequence[str]) -> str | None:
    """The one longer name in ``full_names`` that ``name`` is part of ("al-Sudani"), if unambiguous."""
    tokens = person_tokens(name)
    if not tokens:
        return None
    matches = [f for f in full_names if _contains(person_tokens(f), tokens)]
    if not matches:
        return None
    longest = max(matches, key=lambda f: len(person_tokens(f)))
    longest_tokens = person_tokens(longest)
    for other in matches:
        other_tokens = person_tokens(other)
        if other_tokens != longest_tokens and not _contains(longest_tokens, other_tokens):
            return None  # two different people share this part ("Bush": George W. and Laura)
    return longest


def initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _ACRONYM_SKIP]
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return ""
    return "".join(w[0] for w in words)


def expand_acronym(name: str, long_names: Sequence[str]) -> str | None:
    if not ACRONYM_PATTERN.fullmatch(name):
        return None
    letters = name.replace(".", "")
    found = {n for n in long_names if initials(n) == letters}
    return found.pop() if len(found) == 1 else None


def best_written(names: list[str]) -> str:
    """The form to show for names of one key: most used, not shouted, longest, first."""
    counts = Counter(names)
    order = {n: i for i, n in reversed(list(enumerate(names)))}
    return min(counts, key=lambda n: (-counts[n], n.isupper() and len(n) > 4, -len(n), order[n]))


def canonical_names(mentions: Sequence[tuple[str, str]]) -> list[str]:
    """Canonical names for ``(surface, label)`` mentions of one article, in the same order."""
    full_people = sorted({s for s, label in mentions if label == "PERSON" and len(person_tokens(s)) > 1})
    long_orgs = sorted({s for s, label in mentions if label == "ORG" and len(s.split()) > 1})
    resolved: list[str] = []
    for name, label in mentions:
        target = alias(name, label)
        if target is None and label == "PERSON":
            target = full_person_name(name, full_people) or without_honorific(name)
        if target is None and label == "ORG":
            target = expand_acronym(name, long_orgs)
        resolved.append(target or name)
    keys = _plural_folded(resolved, [label for _, label in mentions])
    by_key: dict[str, list[str]] = defaultdict(list)
    for name, key in zip(resolved, keys, strict=True):
        by_key[key].append(name)
    shown = {key: best_written(names) for key, names in by_key.items()}
    return [shown[key] for key in keys]


def _plural_folded(names: list[str], labels: list[str]) -> list[str]:
    """Keys of ``names``, an organisation's plural joining its singular in the same article
    ("Lib Dems" and "Lib Dem"): the names differ by a final "s" and both name a body."""
    keys = [name_key(n) for n in names]
    bodies = {k for k, label in zip(keys, labels, strict=True) if label in _BODY_LABELS}
    return [
        k[:-1] if label in _BODY_LABELS and k.endswith("s") and k[:-1] in bodies else k
        for k, label in zip(keys, labels, strict=True)
    ]
