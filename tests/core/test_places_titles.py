"""Places that are places, titles that are nobody, known groups the model misses: on real text.

The texts are the re3d dev documents (Syria/Iraq defence and diplomacy), wikigold and CoNLL++
dev, read from ../shared through the shared_dir fixture.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pycountry
import pytest

from briefing.core.analysis import Analyzer, gazetteer
from briefing.core.analysis.known_names import known_org_spans
from briefing.core.analysis.titles import missed_people_after_titles
from briefing.core.article import Analysis


def gold_text(shared_dir: Path, gold: str, phrase: str) -> str:
    """The text of the first document of ``gold`` (a path under gold/) that contains ``phrase``."""
    for line in (shared_dir / "gold" / gold).read_text(encoding="utf-8").splitlines():
        if line.strip() and phrase in (text := str(json.loads(line)["text"])):
            return text
    raise AssertionError(f"no document with {phrase!r} in {gold}")


RE3D = "ner-re3d-dev/re3d-dev.docs.jsonl"
WIKIGOLD = "ner-wikigold/wikigold.docs.jsonl"
CONLL = "ner-conll-dev/conllpp-dev.docs.jsonl"


def labels(analysis: Analysis, written: str) -> set[str]:
    return {e.label for e in analysis.entities if e.text == written}


@pytest.mark.shared
def test_a_name_after_a_kind_of_place_is_that_place(analyzer: Analyzer, shared_dir: Path) -> None:
    dabiq = analyzer.analyse_text(gold_text(shared_dir, RE3D, "the Syrian town of Dabiq"))
    # Every mention, "Dabiq held symbolic importance" too: the article says what Dabiq is once.
    assert [e.label for e in dabiq.entities if e.text == "Dabiq"].count("GPE") >= 3
    assert labels(dabiq, "Dabiq") == {"GPE"}
    tartus = analyzer.analyse_text(gold_text(shared_dir, RE3D, "the port city of Tartus"))
    assert labels(tartus, "Tartus") == {"GPE"}
    tel_tamer = analyzer.analyse_text(gold_text(shared_dir, RE3D, "the town of Tel Tamer"))
    assert labels(tel_tamer, "Tel Tamer") == {"GPE"}


@pytest.mark.shared
def test_a_known_place_said_as_a_place_is_no_organisation(analyzer: Analyzer, shared_dir: Path) -> None:
    analysis = analyzer.analyse_text(gold_text(shared_dir, RE3D, "advances around Manbij in Syria"))
    assert labels(analysis, "Manbij") == {"GPE"}


@pytest.mark.shared
def test_wikigold_university_named_after_a_place_stays_an_organisation(
    analyzer: Analyzer, shared_dir: Path
) -> None:
    text = gold_text(shared_dir, WIKIGOLD, "at The University of Texas")
    analysis = analyzer.analyse_text(text)
    assert {e.label for e in analysis.entities if e.text.endswith("University of Texas")} == {"ORG"}


@pytest.mark.shared
def test_titles_are_nobody_and_the_name_after_one_is_a_person(analyzer: Analyzer, shared_dir: Path) -> None:
    thames = analyzer.analyse_text(gold_text(shared_dir, RE3D, "Special Advisor Thames"))
    people = {e.text: e.canonical for e in thames.entities if e.label == "PERSON"}
    assert people.get("Thames") == "Knox Thames" and people.get("Knox Thames") == "Knox Thames"
    assert not [e for e in thames.entities if "Advisor" in e.text]
    carter = analyzer.analyse_text(gold_text(shared_dir, RE3D, "Secretary of Defense Ash Carter"))
    assert labels(carter, "Ash Carter") == {"PERSON"}
    assert not [e for e in carter.entities if e.text in ("State", "Defense Ash Carter")]
    blinken = analyzer.analyse_text(gold_text(shared_dir, RE3D, "Deputy Secretary of State Antony Blinken"))
    assert labels(blinken, "Antony Blinken") == {"PERSON"}
    assert labels(blinken, "State") == set()


@pytest.mark.shared
def test_conll_department_of_a_title_is_no_organisation(analyzer: Analyzer, shared_dir: Path) -> None:
    text = gold_text(shared_dir, CONLL, "Secretary of State John Kornblum")
    analysis = analyzer.analyse_text(text)
    assert labels(analysis, "John Kornblum") == {"PERSON"}
    assert labels(analysis, "State") == set()


@pytest.mark.shared
def test_wikigold_a_place_after_an_office_of_stays_the_place(analyzer: Analyzer, shared_dir: Path) -> None:
    analysis = analyzer.analyse_text(
        gold_text(shared_dir, WIKIGOLD, "Mayor of Labasa")
    )
    assert labels(analysis, "Labasa") == {"GPE"}


@pytest.mark.shared
def test_daesh_however_spelt_is_an_organisation(analyzer: Analyzer, shared_dir: Path) -> None:
    curly = analyzer.analyse_text(gold_text(shared_dir, RE3D, "claimed by Da\u2019esh"))
    assert {(e.label, e.canonical) for e in curly.entities if e.text == "Da\u2019esh"} == {
        ("ORG", "Islamic State")
    }
    capitals = analyzer.analyse_text(gold_text(shared_dir, RE3D, "acronym as DAESH"))
    assert labels(capitals, "DAESH") == {"ORG"}


def test_no_known_group_inside_another_word(analyzer: Analyzer) -> None:
    analysis = analyzer.analyse_text(
        "The Hamasian Society met in Daeshville. Later, Daesh attacked a convoy."
    )
    assert not [e for e in analysis.entities if e.text in ("Hamas", "Daesh") and e.start < 40]
    assert labels(analysis, "Daesh") == {"ORG"}


def test_subdivisions_come_from_iso_3166_2() -> None:
    # "Al Anbār", "Helmand", "Nīnawá" are governorates and provinces in pycountry's ISO 3166-2.
    assert gazetteer.place_kind("Al Anbar") == "subdivision"
    assert gazetteer.place_kind("Ninawa") == "subdivision"
    assert gazetteer.place_kind("Helmand") == "subdivision"
    assert gazetteer.subdivision_names("Central") == []  # a direction alone is no name
    assert gazetteer.subdivision_names("Al Anb\u0101r") == ["Al Anbar", "Anbar"]
    assert gazetteer.subdivision_names("Bridgend [Pen-y-bont ar Ogwr GB-POG]") == ["Bridgend"]


def test_slimmed_subdivisions_give_every_name(tmp_path: Path) -> None:
    # What the frozen app ships (build.spec: slim_subdivisions into resources/places) reads as the full file.
    source = gazetteer.subdivisions_file()
    assert source == Path(pycountry.DATABASE_DIR) / "iso3166-2.json"  # from source: pycountry's own
    slim_path = tmp_path / "iso3166-2.json"
    full = json.loads(source.read_text(encoding="utf-8"))
    slim_text = json.dumps(gazetteer.slim_subdivisions(full), separators=(",", ":"), ensure_ascii=False)
    slim_path.write_text(slim_text, encoding="utf-8")
    assert slim_path.stat().st_size < source.stat().st_size / 2
    names = gazetteer.read_subdivisions(slim_path)
    assert names == gazetteer.read_subdivisions(source) and {"Anbar", "Helmand", "Idlib"} <= set(names)


@pytest.mark.shared
def test_wikigold_a_subdivision_fled_to_is_a_place(analyzer: Analyzer, shared_dir: Path) -> None:
    # Abra, a Philippine province the model took for a person ("She fled again to Abra").
    analysis = analyzer.analyse_text(
        gold_text(shared_dir, WIKIGOLD, "fled again to Abra")
    )
    assert gazetteer.place_kind("Abra") == "subdivision"
    assert labels(analysis, "Abra") <= {"GPE", "LOC"} and labels(analysis, "Abra")


@pytest.mark.shared
def test_a_known_place_listed_with_a_place_is_a_place(analyzer: Analyzer, shared_dir: Path) -> None:
    analysis = analyzer.analyse_text(gold_text(shared_dir, RE3D, "attacks on Aleppo and Daraya"))
    assert labels(analysis, "Daraya") == {"GPE"}


@pytest.mark.shared
def test_a_player_named_once_after_a_city_stays_a_name(analyzer: Analyzer, shared_dir: Path) -> None:
    # "... play in Ottawa and Halifax, Cowley ...": Cowley, a town too, is the player in the rest.
    analysis = analyzer.analyse_text(gold_text(shared_dir, WIKIGOLD, "in Ottawa and Halifax , Cowley"))
    assert not labels(analysis, "Cowley") & {"GPE", "LOC"}


@pytest.mark.shared
def test_a_countrys_people_is_no_place(analyzer: Analyzer, shared_dir: Path) -> None:
    dabiq = analyzer.analyse_text(gold_text(shared_dir, RE3D, "the Syrian town of Dabiq"))
    assert labels(dabiq, "Syrian") == {"NORP"}
    text = gold_text(shared_dir, CONLL, "administrative centre of the Kurdish")
    conll = analyzer.analyse_text(text)
    assert labels(conll, "Kurdish") == {"NORP"} and labels(conll, "Iraqi") <= {"NORP"}


def test_a_company_a_city_is_also_called_stays_a_company(analyzer: Analyzer) -> None:
    text = "The firm is one of the biggest investors in Google. It owns 8% of search-engine Google."
    assert labels(analyzer.analyse_text(text), "Google") <= {"ORG"}


@pytest.mark.shared
def test_a_stance_is_no_person_nor_organisation(analyzer: Analyzer, shared_dir: Path) -> None:
    truth = json.loads((shared_dir / "corpus" / "html-l3s-gn1" / "ground-truth.json").read_text("utf-8"))
    for key, stance in (("709e2656-9246-4959-ace0-9846614a1284", "pro-Taliban"),
                        ("de230665-1128-441f-8261-b3dadd94ec5a", "anti-Qaida")):  # fmt: skip
        analysis = analyzer.analyse_text(truth[key]["articleBody"])
        assert labels(analysis, stance) == {"NORP"}


@pytest.mark.shared
def test_events_and_meeting_series_by_their_last_word(analyzer: Analyzer, shared_dir: Path) -> None:
    fed_cup = analyzer.analyse_text(gold_text(shared_dir, CONLL, "The victory against Japan marked the"))
    assert labels(fed_cup, "Fed Cup") == {"EVENT"}
    games = analyzer.analyse_text(gold_text(shared_dir, WIKIGOLD, "the 1971 Pan American Games"))
    assert labels(games, "Pan American Games") == {"EVENT"}
    manama = analyzer.analyse_text(gold_text(shared_dir, RE3D, "announced today at the Manama Dialogue"))
    assert labels(manama, "Manama Dialogue") == {"ORG"}


@pytest.mark.shared
def test_a_name_the_model_missed_after_a_title_is_a_person(analyzer: Analyzer, shared_dir: Path) -> None:
    major = analyzer.analyse_text(gold_text(shared_dir, CONLL, "of British Prime Minister John Major"))
    assert labels(major, "John Major") == {"PERSON"}
    babylon = analyzer.analyse_text(gold_text(shared_dir, RE3D, "King Nebuchadnezzar II"))
    assert labels(babylon, "Nebuchadnezzar II") == {"PERSON"}
    saperstein = analyzer.analyse_text(gold_text(shared_dir, RE3D, "Ambassador Saperstein"))
    assert labels(saperstein, "Saperstein") == {"PERSON"}


def test_a_street_or_a_body_after_a_title_is_no_person() -> None:
    text = "Protesters gathered in King Street and outside the President Hotel, said Ambassador Saperstein."
    spans = missed_people_after_titles(text, [])
    assert [text[s:e] for s, e in spans] == ["Saperstein"]
    assert missed_people_after_titles(text, spans) == []  # a name already tagged is left alone


@pytest.mark.shared
def test_bbc_titles_before_sentence_starts_and_possessives(analyzer: Analyzer, shared_dir: Path) -> None:
    bbc = shared_dir / "corpus" / "bbc"
    films = analyzer.analyse_text((bbc / "bbc_entertainment_046.txt").read_text(encoding="utf-8"))
    # "... The Return of the King. The second highest-grossing": no person "The".
    assert "The" not in {e.text for e in films.entities if e.label == "PERSON"}
    budget = analyzer.analyse_text((bbc / "bbc_politics_005.txt").read_text(encoding="utf-8"))
    people = {e.text for e in budget.entities if e.label == "PERSON"}
    assert "Balls" in people and not {"Budget", "Brown's Budget"} & people


@pytest.mark.shared
def test_bbc_a_player_in_a_team_list_stays_a_person(analyzer: Analyzer, shared_dir: Path) -> None:
    # "Joe Shaw" in the report, "Charlton, Shaw, Fanolua" in the list (the model took Fanolua for a place).
    analysis = analyzer.analyse_text((shared_dir / "corpus" / "bbc" / "bbc_sport_293.txt").read_text("utf-8"))
    assert labels(analysis, "Shaw") == {"PERSON"}


def test_frozen_reads_the_shipped_subdivisions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Laid out as build.spec lays the frozen folder: resources/places/iso3166-2.json under sys._MEIPASS.
    shipped = tmp_path.joinpath("resources", *gazetteer.SHIPPED_SUBDIVISIONS)
    shipped.parent.mkdir(parents=True)
    full = json.loads((Path(pycountry.DATABASE_DIR) / "iso3166-2.json").read_text(encoding="utf-8"))
    shipped.write_text(json.dumps(gazetteer.slim_subdivisions(full)), encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert gazetteer.subdivisions_file() == shipped
    assert "Helmand" in gazetteer.read_subdivisions(gazetteer.subdivisions_file())


def test_a_known_group_never_spans_a_line_break() -> None:
    text = "Fighters of al\nQaeda and al Qaeda and Da\u2019esh."
    assert [text[s:e] for s, e in known_org_spans(text, [])] == ["al Qaeda", "Da\u2019esh"]
