# ruff: noqa: RUF001  (typographic dashes are the data here)
"""Who published a page: the parts of its title and the web sites its links point to.

A saved or printed page's links are mostly its own site's navigation, the rest advertisements,
partners and "share" buttons; its title names the site ("Headline - The Times") or a section. The
source is the part of the title naming a linked site, else the most-linked site (by the name it
registered: news.bbc.co.uk is bbc.co.uk), else the title's site part.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from itertools import tee
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from briefing.core.ingest.aboutness import LONG_WORD, TITLE_SEPARATOR, words
from briefing.core.ingest.headline import looks_like_publication

_LABEL = re.compile(r"(?<=[^\W\d_]):\s+")  # "Bloomberg.com: Japan", "Clips: Headline"
_SITE_SHARE = 0.3  # of the links' addresses: the page's own site
_LINK_EVIDENCE = 3  # links: fewer (one "share" button) do not outweigh the site a title names
_MAX_SITE_WORDS = 6
_CLEAR_LEAD = 3  # times the next site's links: the page's own site among many linked once or twice
_FAIR_SHARE = 0.1  # of the most-linked site's links: a site the page links to, not a stray link
_LONG_LABEL = 6  # letters: a host's first label that names a site ("icscotland"), not a section ("news")
_SECOND_LEVEL = frozenset(["co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go"])  # bbc.co.uk


# An address inside another one's path or query: a click-tracker's link ("ad.doubleclick.net/clk;1;2;
# ?http://www.advertiser.com/"), which counts for neither site.
_EMBEDDED_ADDRESS = re.compile(r"(?:https?:/|www\.)", re.IGNORECASE)


def linked_sites(addresses: Iterable[str]) -> Counter[str]:
    """How many different web addresses of each host ("www." dropped) links point to: a site's
    navigation goes to many of its pages. A click-tracker's link, which carries the advertiser's
    address ("ad.doubleclick.net/clk;1;2;?http://www.advertiser.com/"), counts for no one."""
    hosts: Counter[str] = Counter()
    for address in dict.fromkeys(addresses):
        try:
            parts = urlsplit(address)
            host = (parts.hostname or "").lower().removeprefix("www.")
        except ValueError:  # "http://[bad" and the like
            continue
        embedded = _EMBEDDED_ADDRESS.search(unquote(f"{parts.path}?{parts.query}"))
        if parts.scheme.lower() in ("http", "https") and "." in host and not embedded:
            hosts[host] += 1
    return hosts


# "(c) Copyright Clubcall.com 2006", "© 2002-2008 Online Betting Guide (OLBG), part of ...", "All
# content © Copyright 2000 - 2008 WorldNow and KMPH" (two words at most before the sign, then a
# year or the word; not before the word alone, "he said copyright law", nor a caption's credit,
# "Benni McCarthy © Action Images"): the
# holder's name after the sign, the word and the years, up to a year, a bracket, a sentence's end or
# a colon ("© 2000-2008 FinanzNachrichten.de: Aktie, Aktien").
_COPYRIGHT = re.compile(
    r"^\s*(?:(?:[^\W\d_]+\s+){1,2}(?=(?:©|\(c\))\s*(?:copyright\b|\d{4})))?(?:©|\(c\)|copyright\b)(?:\s*(?:©|\(c\)|copyright\b|\d{4}(?:\s*[-–]\s*\d{2,4})?),?)*\s*"
    r"(?:by\s+)?(?P<holder>[^\W\d_][^()|,;\n]*?)\s*(?=$|\d{4}|[()|,;]|[.:]\s|\ball rights\b)",
    re.IGNORECASE,
)
_COMPANY = re.compile(r"(?:\s+(?:inc|ltd|llc|plc|pvt|limited|corp|corporation|co)\.?)+$", re.IGNORECASE)


def copyright_holder(lines: Iterable[str]) -> str | None:
    """The site a page's own copyright line names: its last line starting with a copyright sign or
    word ("(c) Copyright Clubcall.com 2006" -> "Clubcall.com"; an agency's line over the story, "©
    2007 Agence France Presse", comes before the site's own at the foot of the page)."""
    holder = None
    for line in lines:
        found = _COPYRIGHT.match(line)
        name = _COMPANY.sub("", found.group("holder")).strip(" .-–") if found else ""
        if name and len(words(name)) <= _MAX_SITE_WORDS:
            holder = name
    return holder


# A whole line that is a site's address ("madison.com", "NBC11.com": a masthead's or a logo's text),
# and the domain of an e-mail address ("letters@nwherald.com").
_HOST_LINE = re.compile(r"^(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,6}$", re.IGNORECASE)
# An address inside a title's part ("Rugby News, Results ... from Planet-Rugby.com"): the site's name.
_ADDRESS_IN = re.compile(r"\b[a-z0-9-]+\.(?:com|net|org|co\.[a-z]{2}|[a-z]{2})\b", re.IGNORECASE)
_EMAIL_DOMAIN = re.compile(r"\b[\w.+-]+@((?:[a-z0-9-]+\.)+[a-z]{2,6})\b", re.IGNORECASE)


def is_address(name: str) -> bool:
    """Whether a name is a site's address ("Clubcall.com", "nwherald.com")."""
    return bool(_HOST_LINE.match(name))


class Printed(NamedTuple):
    """A name a page prints for a site; ``address``: a whole line of the page's top or foot that is
    a site's address ("madison.com"), not a copyright holder or an e-mail address's domain."""

    name: str
    address: bool = False


def printed_names(lines: Iterable[str], ends: int) -> list[Printed]:
    """The names a page prints for a site, in the page's order: the holder of each copyright line
    ("© 2008, The Columbus Dispatch"), a line of the first or last ``ends`` lines that is a site's
    address ("madison.com" over the page's navigation), each e-mail address's domain. Which of them
    is the page's own site is for ``site_source`` to weigh by the page's links."""
    lines = [line.strip() for line in lines if line.strip()]
    edges = {*range(min(ends, len(lines))), *range(max(0, len(lines) - ends), len(lines))}
    names: list[Printed] = []
    for index, line in enumerate(lines):
        holder = copyright_holder([line])
        if holder:
            names.append(Printed(holder))
        if index in edges and _HOST_LINE.match(line):
            names.append(Printed(line.removeprefix("www.").removeprefix("WWW."), address=True))
        names += [Printed(domain.lower()) for domain in _EMAIL_DOMAIN.findall(line)]
    return list(dict.fromkeys(names))


def _names(source: str, host: str) -> bool:
    """Whether a source's name agrees with a site's host: "The Hindu" and hindu.com, "New York
    Times" and nytimes.com; not "Local Sports Wire" and cbs11tv.com."""
    labels = [label for label in host.lower().split(".")[:-1] if len(label) >= 3 and label != "www"]
    compact = re.sub(r"[^a-z0-9]", "", source.lower())
    long = [word for word in words(source) if len(word) >= LONG_WORD]
    return any(label in compact or compact in label or any(w in label for w in long) for label in labels)


def domain(host: str) -> str:
    """The name a site registered: news.bbc.co.uk -> bbc.co.uk, software.silicon.com -> silicon.com."""
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def _naming(piece: str, site: str, hosts: Iterable[str]) -> int:
    """How surely a part of the title names a linked site: 2 when it spells the site's registered
    name ("Khaleej Times" and khaleejtimes.com) or one of its hosts' own labels, whole when long
    ("icScotland" and icscotland.icnetwork.co.uk) or alone ("ESPN" and sports.espn.go.com; not
    "Breaking News" and news.brisbanetimes.com.au); 1 when only one of its words is in the name
    ("Independent and Minor League Sports News" and oursportscentral.com); else 0."""
    compact = re.sub(r"[^a-z0-9]", "", piece.lower())
    names = [label for label in site.split(".")[:-1] if len(label) >= 3]
    labels = {label for host in hosts for label in host.removesuffix(site).split(".") if label}
    if any(name in compact or compact.removeprefix("the") in name for name in names) or any(
        label == compact or (len(label) >= _LONG_LABEL and label in compact) for label in labels
    ):
        return 2
    return int(_names(piece, site))


def _by_site(hosts: Counter[str]) -> tuple[Counter[str], dict[str, list[str]]]:
    """The links counted by registered name, and each name's hosts."""
    sites: Counter[str] = Counter()
    members: dict[str, list[str]] = {}
    for host, count in hosts.items():
        sites[domain(host)] += count
        members.setdefault(domain(host), []).append(host)
    return sites, members


def names_linked_site(text: str, hosts: Counter[str]) -> bool:
    """Whether a title (or its part) surely names a site with a fair share of the page's links:
    "Bloomberg.com: Japan" and bloomberg.com, "Winnipeg Free Press" and winnipegfreepress2.com are
    the site's name (and a section), not an article's headline."""
    if not hosts or len(words(text)) > _MAX_SITE_WORDS:
        return False
    sites, members = _by_site(hosts)
    fair = _FAIR_SHARE * sites.most_common(1)[0][1]
    return any(_naming(text, site, members[site]) >= 2 for site, n in sites.items() if n >= fair)


def _once(name: str | None) -> str | None:
    """A name printed twice as one word (a logo's text and the name, "EuroNewsEuroNews"), once."""
    if name is None:
        return None
    half = len(name) // 2
    return name[:half] if len(name) >= 6 and len(name) % 2 == 0 and name[:half] == name[half:] else name


def _naming_most(
    pieces: Iterable[str], said: set[str], sites: Counter[str], members: dict[str, list[str]], fair: float
) -> str | None:
    """The piece that most surely names the most-linked of the fairly linked sites; the first of
    equals. A piece of the headline's words names no one."""
    best, linked = None, None
    for piece in pieces:
        spelled = words(piece)
        if not spelled or len(spelled) > _MAX_SITE_WORDS or set(spelled) <= said:
            continue
        named = [(_naming(piece, site, members[site]), n) for site, n in sites.items() if n >= fair]
        surest = max(((sure, n) for sure, n in named if sure), default=None)
        if surest is not None and (linked is None or surest > linked):
            best, linked = piece, surest
    return best


def _under(address: str, site: str, hosts: list[str]) -> bool:
    """Whether an address names the site under another one's name: seattlepi.com for the page's
    links to seattlepi.nwsource.com (one site, as linked)."""
    label = domain(address.lower()).split(".")[0]
    return domain(address.lower()) != site and any(label in host.split(".") for host in hosts)


def _printed_own(
    printed: Iterable[Printed],
    said: set[str],
    sites: Counter[str],
    members: dict[str, list[str]],
    fair: float,
) -> str | None:
    """The first name the page prints that is the address of a site it links to fairly ("madison.com"
    over the navigation of a page linking more to its owner's capitalnewspapers.com) or that surely
    names the most-linked site ("© 2008, The Columbus Dispatch" on a page linking mostly to
    dispatch.com); the site's address itself when the name says no more than it ("News" of "©
    News Limited" for news.com.au, "OMH" for musicomh.com). Other names of other sites the page
    links to (a partner's, "Canoe"; a parent company's) and names only partly the site's ("Times
    Internet" for indiatimes.com) are not the page's own."""
    (site, count), *others = sites.most_common(2)
    leads = not others or count > others[0][1]  # a tie tells nothing
    labels = {label for label in site.split(".")[:-1] if len(label) >= 3}
    for name, address in printed:
        spelled = words(name)
        if not spelled or len(spelled) > _MAX_SITE_WORDS or set(spelled) <= said:
            continue
        registered = domain(name.lower())
        if address and sites[registered] >= fair:
            return site if registered != site and _under(name, site, members[site]) else name
        if leads and _naming(name, site, members[site]) >= 2:
            compact = re.sub(r"[^a-z0-9]", "", name.lower()).removeprefix("the")
            less = any(compact in label for label in labels)
            return site if less or (_HOST_LINE.match(name) and _under(name, site, members[site])) else name
    return None


def site_source(
    title: str | None,
    headline: str | None,
    source: str | None,
    hosts: Counter[str],
    printed: Iterable[Printed] = (),
) -> str | None:
    """Who published a printed page, from the title's parts, the names the page prints for a site
    (``printed_names``) and the sites (by registered name) the first pages' links point to: the part
    of the title that names (most surely: ``_naming``) the most-linked site among those with a fair
    share of the links (a tenth of the most-linked site's: not one "share" button among a site's
    navigation), the title's site part first among equals, or a printed name spelling more of that
    site's name (``_fuller``); else a name the page prints that surely names the most-linked site
    (``_printed_own``: the title's parts may be a section and a place, "KNTV | San Francisco", while
    the page prints "NBC11.com" over its navigation); else a title's part that is an address; else
    the most-linked site when it has a good share of all links and, against a title's site part,
    enough links to tell; else the title's site part, unless it is there only for its place at the
    end ("Headline - News - Charleston, SC") and a site leads the links, or a title's part is in a
    name the page prints for itself ("Gulf Times", "© Gulf Times Newspaper"), or the page prints an
    address as a line of its own at its top or foot (its links to its own pages lost:
    "TheDenverChannel.com" against "... - KMGH Denver")."""
    printed, addresses = tee(printed)  # read by the links' rules and, failing them, for a weak part
    if source is not None and headline and words(source) == words(headline):
        # the headline taken for the site's part: the title's other part, when it has one
        others = [piece for piece in _title_pieces(title) if words(piece) != words(headline)]
        source = others[0] if len(others) == 1 else None
    # A part taken only for its place at the end of the title, not for a publication's word.
    weak = source is None or not (looks_like_publication(source) or _ADDRESS_IN.search(source))
    if hosts:
        linked = _linked_source(title, headline, source, hosts, printed, weak=weak)
        if linked is not None:
            return linked
    if weak:
        names = list(addresses)
        held = [name for name, is_address in names if not is_address]
        named = next(filter(None, (_copyrighted(piece, held) for piece in _title_pieces(title))), None)
        address = named or next((name for name, is_address in names if is_address), None)
        if address is not None:
            return address
    return _once(source)


def _fuller(piece: str, printed: Iterable[Printed], sites: Counter[str]) -> str | None:
    """A name the page prints that spells the whole of a site's name, when a title's part spells
    only some of it ("The Elements" of hiphop-elements.com, which the page prints as
    "HipHop-Elements.com")."""
    flat = _flat(piece).removeprefix("the")
    labels = [label.replace("-", "") for site in sites for label in site.split(".")[:-1]]
    longer = [label for label in labels if flat in label and len(flat) < len(label) >= _LONG_LABEL]
    if not flat or not longer:
        return None
    return next((name for name, _ in printed if any(label in _flat(name) for label in longer)), None)


def _flat(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _copyrighted(piece: str, held: list[str]) -> str | None:
    """A title's part that is in a name the page prints for itself (a copyright line's holder, an
    e-mail address's domain): "Gulf Times" in "© Gulf Times Newspaper, 2008"; not "NBA News
    Story". The printed name when it is an address ("clubcall" and "© Clubcall.com": Clubcall.com)."""
    flat = _flat(piece)
    if len(flat) < _LONG_LABEL:
        return None
    name = next((name for name in held if flat in _flat(name)), None)
    return None if name is None else name if _HOST_LINE.match(name) else piece


# A site's address opening a title with its dash stuck to it: "Mangalorean.Com- Serving Mangaloreans".
_STUCK_ADDRESS = re.compile(
    r"^((?:www\.)?[a-z0-9][a-z0-9-]*\.(?:com|net|org|co\.[a-z]{2}|[a-z]{2}))[-–—]\s", re.IGNORECASE
)


def _title_pieces(title: str | None) -> list[str]:
    """A title's parts, and the label before each part's colon ("Bloomberg.com: Japan")."""
    pieces: list[str] = []
    for piece in TITLE_SEPARATOR.split(_STUCK_ADDRESS.sub(r"\1 - ", title or "")):
        pieces += [*(part.strip(" /@()") for part in _LABEL.split(piece)[:-1]), piece.strip(" /@()")]
    return [piece for piece in pieces if piece]


def _linked_source(
    title: str | None,
    headline: str | None,
    source: str | None,
    hosts: Counter[str],
    printed: Iterable[Printed],
    *,
    weak: bool,
) -> str | None:
    """``site_source``'s choice among the sites the page links to, or None."""
    sites, members = _by_site(hosts)
    fair = _FAIR_SHARE * sites.most_common(1)[0][1]
    said = set(words(headline or ""))
    pieces = [*([source] if source else []), *_title_pieces(title)]
    best = _naming_most(pieces, said, sites, members, fair)
    printed, again = tee(printed)
    if best is not None:
        return _fuller(best, again, sites) or _once(best)
    own = _printed_own(printed, said, sites, members, fair)
    if own is not None:
        return own
    address = next((piece for piece in pieces if _HOST_LINE.match(piece)), None)
    (site, count), *others = sites.most_common(2)
    if address is not None:  # "soccer365.com | european news | Headline": the site's own address,
        flat = domain(address.lower()).replace("-", "")  # as the page links to it (motorcycle-usa.com)
        linked = next((site for site in sites if site.replace("-", "") == flat), None)
        return linked or (site if _under(address, site, members[site]) else address)
    total = sum(sites.values())
    leads = not others or count > others[0][1]  # a tie tells nothing
    if leads and count >= _SITE_SHARE * total and (source is None or total >= _LINK_EVIDENCE):
        return site
    if source is None and others and count >= _LINK_EVIDENCE and count >= _CLEAR_LEAD * others[0][1]:
        return site  # far ahead of every other site, among many sites linked once (ads, partners)
    if leads and weak and source is not None and total >= _LINK_EVIDENCE:
        return site  # any lead of a site over the others tells more than a place
    return None
