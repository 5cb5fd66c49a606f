"""Named entities on real articles: the seed, BBC news and a Syria/Iraq defence paragraph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.core.analysis import ENTITY_LABELS, Analyzer
from briefing.core.analysis.canonical import alias, canonical_names, full_person_name, surface
from briefing.core.article import Analysis, Article, Entity
from tests.core.articles import raw_article

DEFENCE = (
    "Coalition aircraft struck positions of the Islamic State of Iraq and the Levant near Raqqah on "
    "Tuesday, the Pentagon said. The strikes hit weapons depots outside Raqqah and a training camp used "
    "by fighters loyal to Abu Bakr al-Baghdadi.\n\n"
    "Raqqah fell to Kurdish-led forces in 2017. Fighting across the Levant has displaced millions, and "
    "Kataib Hezbollah threatened US forces at al-Tanf garrison."
)


@pytest.fixture(scope="module")
def seed(analyzer: Analyzer, seed_path: Path) -> tuple[Article, Analysis]:
    article = raw_article(seed_path)
    return article, analyzer.analyse(article)


def labels_of(analysis: Analysis, written: str) -> set[str]:
    return {e.label for e in analysis.entities if e.text == written}


def test_seed_places_people_and_organisations(seed: tuple[Article, Analysis]) -> None:
    _, analysis = seed
    assert labels_of(analysis, "Erbil") == {"GPE"}
    assert labels_of(analysis, "Pentagon") == {"ORG"}
    sudani = [e for e in analysis.entities if e.text == "Mohammed Shia al-Sudani"]
    assert sudani and {(e.label, e.canonical) for e in sudani} == {("PERSON", "Mohammed Shia al-Sudani")}


def test_seed_fixes_what_the_model_gets_wrong(seed: tuple[Article, Analysis]) -> None:
    _, analysis = seed
    ain = labels_of(analysis, "Ain al-Asad")
    assert ain and ain <= {"FAC", "GPE", "LOC"}
    hashd = labels_of(analysis, "Hashd al-Shaabi")
    assert hashd and hashd <= {"ORG", "NORP"}


def test_seed_united_states_has_one_canonical_name(seed: tuple[Article, Analysis]) -> None:
    _, analysis = seed
    spellings = [e for e in analysis.entities if e.text in ("US", "U.S.", "United States")]
    assert {e.text for e in spellings} == {"US", "U.S.", "United States"}
    assert {e.canonical for e in spellings} == {"United States"}
    assert {e.label for e in spellings} == {"GPE"}


def test_seed_has_no_junk(seed: tuple[Article, Analysis]) -> None:
    article, analysis = seed
    credit = article.text.index("(Source:")
    for e in analysis.entities:
        assert article.text[e.start : e.end] == e.text
        assert e.label in ENTITY_LABELS
        assert e.text != "Advertising"
        assert any(c.isupper() or c.isdigit() for c in e.text), e
        assert not e.canonical.lower().startswith("the "), e
        assert not credit <= e.start < article.text.index(")", credit), e
    starts = [e.start for e in analysis.entities]
    assert starts == sorted(starts)


def test_seed_through_the_reader(analyzer: Analyzer, seed_path: Path) -> None:
    from briefing.core.ingest import read

    article = read(seed_path)
    analysis = analyzer.analyse(article)
    assert labels_of(analysis, "Erbil") == {"GPE"}
    assert "Ain al-Asad" in {e.canonical for e in analysis.entities if e.label in ("FAC", "GPE", "LOC")}
    canonical = {e.canonical for e in analysis.entities}
    assert {"Mohammed Shia al-Sudani", "United States", "Pentagon"} <= canonical
    for e in analysis.entities:
        where = article.text if e.caption is None else article.captions[e.caption]
        assert where[e.start : e.end] == e.text
    # "Hashd al-Shaabi" is named only in the photo caption the reader cuts from the text.
    hashd = [e for e in analysis.entities if e.text == "Hashd al-Shaabi"]
    assert hashd and {e.label for e in hashd} <= {"ORG", "NORP"}
    assert {e.caption for e in hashd} == {0}


def test_syria_iraq_places_are_not_people(analyzer: Analyzer) -> None:
    analysis = analyzer.analyse_text(DEFENCE)
    assert len(labels_of(analysis, "Raqqah")) == 1
    assert labels_of(analysis, "Raqqah") <= {"GPE", "LOC"}
    assert not any(e.label == "PERSON" and "Levant" in e.text for e in analysis.entities)
    isil = [e for e in analysis.entities if e.text == "Islamic State of Iraq and the Levant"]
    assert isil and isil[0].label == "ORG"
    assert labels_of(analysis, "Levant") == {"LOC"}
    assert labels_of(analysis, "Kataib Hezbollah") == {"ORG"}
    assert labels_of(analysis, "Pentagon") == {"ORG"}
    assert labels_of(analysis, "al-Tanf") == {"FAC"}
    assert labels_of(analysis, "Abu Bakr al-Baghdadi") == {"PERSON"}


def test_later_partial_mention_maps_to_the_full_name(analyzer: Analyzer) -> None:
    text = (
        "Iraqi Prime Minister Mohammed Shia al-Sudani met US officials in Baghdad on Sunday. "
        "Al-Sudani said Iraq would not become a battlefield for other countries."
    )
    analysis = analyzer.analyse_text(text)
    partial = [e for e in analysis.entities if e.text == "Al-Sudani"]
    assert partial and partial[0].label == "PERSON"
    assert partial[0].canonical == "Mohammed Shia al-Sudani"


@pytest.mark.shared
def test_bbc_business_companies_are_organisations(analyzer: Analyzer, shared_dir: Path) -> None:
    article = raw_article(shared_dir / "corpus" / "bbc" / "bbc_business_001.txt")
    analysis = analyzer.analyse(article)
    orgs = {e.canonical for e in analysis.entities if e.label == "ORG"}
    assert {"TimeWarner", "Google", "AOL"} <= orgs
    assert "Richard Parsons" in {e.canonical for e in analysis.entities if e.label == "PERSON"}
    # "Time Warner" and "TimeWarner" are one company.
    spellings = {e.canonical for e in analysis.entities if e.text in ("Time Warner", "TimeWarner")}
    assert spellings == {"TimeWarner"}


@pytest.mark.shared
@pytest.mark.parametrize(
    ("name", "written", "label"),
    [
        ("bbc_business_400.txt", "Monsanto", "ORG"),
        ("bbc_tech_020.txt", "Microsoft", "ORG"),
        ("bbc_politics_333.txt", "Robert Kilroy-Silk", "PERSON"),
        ("bbc_sport_005.txt", "Stuttgart", "GPE"),
    ],
)
def test_bbc_sanity(analyzer: Analyzer, shared_dir: Path, name: str, written: str, label: str) -> None:
    analysis = analyzer.analyse(raw_article(shared_dir / "corpus" / "bbc" / name))
    assert labels_of(analysis, written) == {label}


@pytest.mark.shared
def test_bbc_surnames_share_the_full_name(analyzer: Analyzer, shared_dir: Path) -> None:
    analysis = analyzer.analyse(raw_article(shared_dir / "corpus" / "bbc" / "bbc_politics_333.txt"))
    kilroy = {e.canonical for e in analysis.entities if "Kilroy" in e.text and e.label == "PERSON"}
    assert kilroy == {"Robert Kilroy-Silk"}
    # "the Robert Kilroy-Silk Party" is named after him but is not him.
    assert labels_of(analysis, "Robert Kilroy-Silk Party") == {"ORG"}


def test_canonical_helpers() -> None:
    assert surface("the United States") == "United States"
    assert surface("Iraq's") == "Iraq"
    assert alias("U.S.", "GPE") == alias("USA", "GPE") == "United States"
    assert alias("America", "LOC") is None
    assert full_person_name("al-Sudani", ["Mohammed Shia al-Sudani"]) == "Mohammed Shia al-Sudani"
    # A surname two people share stays as written.
    assert full_person_name("Bush", ["George W. Bush", "Laura Bush"]) is None
    names = canonical_names(
        [("Securities and Exchange Commission", "ORG"), ("SEC", "ORG"), ("UK", "GPE"), ("Britain", "GPE")]
    )
    assert names == ["Securities and Exchange Commission"] * 2 + ["United Kingdom"] * 2


def test_short_text_entities(analyzer: Analyzer) -> None:
    analysis = analyzer.analyse_text("Angela Merkel visited Paris on 3 May 2015.")
    assert [(e.text, e.label) for e in analysis.entities] == [
        ("Angela Merkel", "PERSON"),
        ("Paris", "GPE"),
        ("3 May 2015", "DATE"),
    ]
    assert all(isinstance(e, Entity) for e in analysis.entities)


@pytest.mark.shared
def test_bbc_honorifics_and_surnames_join_the_full_name(analyzer: Analyzer, shared_dir: Path) -> None:
    analysis = analyzer.analyse(raw_article(shared_dir / "corpus" / "bbc" / "bbc_politics_007.txt"))
    blair = [e for e in analysis.entities if "Blair" in e.text]
    assert {e.text for e in blair} >= {"Tony Blair", "Mr Blair", "Blair"}
    assert {(e.label, e.canonical) for e in blair} == {("PERSON", "Tony Blair")}


@pytest.mark.shared
def test_bbc_surname_the_model_took_for_a_town(analyzer: Analyzer, shared_dir: Path) -> None:
    # The model calls "Davenport" (a city in Iowa) a place once Lindsay Davenport has been named.
    analysis = analyzer.analyse(raw_article(shared_dir / "corpus" / "bbc" / "bbc_sport_430.txt"))
    davenport = [e for e in analysis.entities if "Davenport" in e.text]
    assert len(davenport) > 1
    assert {(e.label, e.canonical) for e in davenport} == {("PERSON", "Lindsay Davenport")}


@pytest.mark.shared
def test_bbc_descriptions_are_not_people(analyzer: Analyzer, shared_dir: Path) -> None:
    analysis = analyzer.analyse(raw_article(shared_dir / "corpus" / "bbc" / "bbc_politics_275.txt"))
    assert not any(e.label == "PERSON" and "Tory" in e.text for e in analysis.entities)
    assert "Michael Howard" in {e.canonical for e in analysis.entities if e.label == "PERSON"}


HEADED = (
    "Operation Inherent Resolve\n"
    "Coalition forces struck Islamic State positions in Anbar Governorate and along the Euphrates River "
    "near the al-Tanf garrison on Sunday, a statement said.\n\n"
    "Press operations director Navy Capt. Tamara Lawrence said the strikes destroyed two boats. "
    "Lawrence said Iraqi Lt. Gen. Abdul Amir Yarallah had asked for them."
)


def test_no_entity_crosses_a_heading_or_paragraph_break(analyzer: Analyzer, seed_path: Path) -> None:
    for text in (HEADED, seed_path.read_text(encoding="utf-8")):
        analysis = analyzer.analyse_text(text)
        assert analysis.entities
        assert not [e.text for e in analysis.entities if "\n" in e.text]


def test_ranks_are_not_people_and_people_lose_their_rank(analyzer: Analyzer) -> None:
    analysis = analyzer.analyse_text(HEADED)
    people = {e.text for e in analysis.entities if e.label == "PERSON"}
    assert "Tamara Lawrence" in people and "Abdul Amir Yarallah" in people
    assert not [p for p in people if p.split()[-1].rstrip(".").lower() in ("capt", "gen", "lt", "col")]
    lawrence = [e for e in analysis.entities if e.text == "Lawrence"]
    assert lawrence and {e.canonical for e in lawrence} == {"Tamara Lawrence"}


def test_governorates_and_rivers_are_places(analyzer: Analyzer) -> None:
    analysis = analyzer.analyse_text(HEADED)
    labels = {e.text: e.label for e in analysis.entities}
    assert labels.get("Anbar Governorate") == "GPE"
    assert labels.get("Euphrates River") == "LOC"


@pytest.mark.shared
def test_re3d_provinces_are_places_and_no_span_crosses_a_line(analyzer: Analyzer, shared_dir: Path) -> None:
    gold = shared_dir / "gold" / "ner-re3d-dev" / "re3d-dev.docs.jsonl"
    docs = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    provinces: dict[str, str] = {}
    for doc in docs:
        for e in analyzer.analyse_text(doc["text"]).entities:
            assert "\n" not in e.text
            if e.text.endswith("Province"):
                provinces[e.text] = e.label
    assert provinces and set(provinces.values()) <= {"GPE", "LOC"}, provinces


@pytest.mark.shared
def test_real_us_news_ranks_are_not_people(analyzer: Analyzer, shared_dir: Path) -> None:
    truth = json.loads((shared_dir / "corpus" / "html-l3s-gn1" / "ground-truth.json").read_text("utf-8"))
    analysis = analyzer.analyse_text(truth["ce6830ee-9292-4855-be7b-c5fe64d347b2"]["articleBody"])
    people = {e.text for e in analysis.entities if e.label == "PERSON"}
    assert "David Petraeus" in people or "Petraeus" in people
    assert not [p for p in people if p.split()[0].rstrip(".") in ("Gen", "Lt", "Col", "Capt", "Maj")]


@pytest.mark.shared
def test_a_county_beating_another_is_its_club(analyzer: Analyzer, shared_dir: Path) -> None:
    gold = shared_dir / "gold" / "ner-conll-dev" / "conllpp-dev.docs.jsonl"
    first = json.loads(gold.read_text(encoding="utf-8").splitlines()[0])
    assert "Leicestershire beat Somerset" in first["text"]
    labels = {e.label for e in analyzer.analyse_text(first["text"]).entities if e.text == "Somerset"}
    assert labels == {"ORG"}
    japan = analyzer.analyse_text("Japan beat Syria 2-1 in their Asian Cup group match in Abu Dhabi.")
    assert {e.label for e in japan.entities if e.text == "Japan"} == {"GPE"}  # a national side stays a place


def test_a_party_before_a_role_and_a_name_is_no_person(analyzer: Analyzer) -> None:
    analysis = analyzer.analyse_text("Tory spokesman John Redwood attacked the plan.")
    assert labels_of(analysis, "Tory") == {"ORG"}
    assert labels_of(analysis, "John Redwood") == {"PERSON"}


def test_a_person_before_a_role_stays_a_person_when_named_in_full(analyzer: Analyzer) -> None:
    text = "Tony Blair promised reform. Blair spokesman Tom Kelly said the plan was ready."
    assert labels_of(analyzer.analyse_text(text), "Blair") == {"PERSON"}


@pytest.mark.shared
def test_bbc_lib_dem_leader_is_a_party(analyzer: Analyzer, shared_dir: Path) -> None:
    analysis = analyzer.analyse(raw_article(shared_dir / "corpus" / "bbc" / "bbc_politics_007.txt"))
    assert labels_of(analysis, "Lib Dem") == {"ORG"}


def test_an_organisations_plural_joins_its_singular() -> None:
    mentions = [("Lib Dems", "ORG"), ("Lib Dem", "ORG"), ("Reuters", "ORG"), ("Reuter", "PERSON")]
    names = canonical_names(mentions)
    assert names[:2] == ["Lib Dems", "Lib Dems"]
    assert names[2:] == ["Reuters", "Reuter"]  # a person is no plural of a body
