"""Word lists standing in for a tagger: what is a determiner, a preposition, a verb, a change word."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


DETERMINERS = _words(
    "a an the this that these those its their his her our your my some any each every all another both no "
    "such which what whose"
)
PREPOSITIONS = _words(
    "in on at of for from to by with into onto across over under per between among through during after "
    "before since than about around against toward towards via including like as within without amid despite "
    "until till upon off out up down near behind beyond below above along throughout versus vs"
)
CONJUNCTIONS = _words(
    "and or but nor yet so while whereas although though because if when where which who whom whose that "
    "whether unless whilst once"
)
PRONOUNS = _words("i you he she it we they me him us them itself themselves himself herself there here")
AUXILIARIES = _words(
    "is are was were be been being am has have had having do does did will would can could may might must "
    "shall should 's \u2019s"
)
# Frequent verbs in news that do not end in -ed; -ed forms are caught by their suffix.
VERBS = _words(
    "said says say rose rise rises risen fell fall falls fallen grew grow grows grown gain gains lost lose "
    "loses hit hits reach reaches stood stand stands saw see sees made make makes took take takes got get "
    "gets gave give gives went go goes came come comes put puts set sets cut cuts paid pay pays spent spend "
    "spends sold sell sells bought buy buys won win wins led lead leads kept keep keeps left leave leaves "
    "brought bring brings held hold holds told tell tells found find finds became become becomes began begin "
    "begins ran run runs drew draw draws slid slide slides sank sink sinks shed sheds climb climbs jump "
    "jumps "
    "drop drops add adds expect expects employ employs generate generates own owns offer offers account "
    "accounts represent represents remain remains include includes contain contains report reports estimate "
    "estimates plan plans cost costs need needs want wants show shows mean means total totals amount amounts "
    "average averages averaging weigh weighs measure measures stretch stretches range ranges bring "
    "brings send sends sent build builds built raise raises lift lifts post posts record records deliver "
    "delivers charge charges earn earns earned hire hires kill kills killed injure injures fly flies flew "
    "produce produces serve serves seek seeks sought face faces rank ranks hold trade trades trading "
    "traded slump slumps soar soars surge surges plunge plunges tumble tumbles dip dips slip slips ease "
    "eases "
    "advance advances decline declines increase increases decrease decreases jumped dropped"
)
# Verb forms that are never nouns (most of VERBS can be: "charge", "record", "range", "cost").
CLEAR_VERBS = _words(
    "said says rose risen fell fallen grew grown lost made took got gave went came paid spent sold bought "
    "led "
    "kept brought held told found became began ran drew slid sank seems seemed is are was were left stay "
    "stays saw"
)
NOT_VERBS_ED = _words(
    "hundred red bed speed seed need feed weed breed shed bred shred sled greed creed united limited "
    "indeed naked wicked sacred beloved aged"
)
UP_WORDS = _words(
    "up rose rise rises risen rising increased increase increases increasing jumped jump jumps jumping "
    "gained "
    "gain gains gaining climbed climb climbs climbing grew grow grows growing growth added adds add soared "
    "soar soaring surged surge surging advanced advance advancing rallied rally boosted boost raised raise "
    "higher lifted spiked expanded improved improvement hike hiked rebounded rebound accelerated widened "
    "ballooned doubled tripled swelled"
)
DOWN_WORDS = _words(
    "down fell fall falls fallen falling dropped drop drops dropping declined decline declines declining "
    "decreased decrease decreases decreasing lost lose loses losing slid slide slides sliding slipped slip "
    "sank sink plunged plunge plunging plummeted tumbled tumble shed cut cuts cutting eased ease slumped "
    "slump dipped dip lower lowered reduced reduction shrank shrunk contracted retreated shrinking "
    "slashed tumbling narrowed sagged skidded slowed"
)
# Words after the figure that say it is a change: "0.68 percent lower", "a sharp 3 percent drop".
UP_AFTER = _words("higher up rise increase gain jump hike surge rally rebound improvement growth")
DOWN_AFTER = _words("lower down drop fall decline cut reduction decrease loss slump plunge dip")
APPROXIMATE = _words(
    "about around approximately roughly nearly almost some circa ca c. ~ ≈ estimated approx. approx "
    "close roughly"
)
AT_LEAST = _words("over above exceeding exceeds beyond > ≥ upwards minimum")
AT_MOST = _words("under below < ≤ maximum max")
# Two-word bounds, keyed by the word right before the number.
AT_LEAST_PAIRS = {("at", "least"), ("more", "than"), ("greater", "than"), ("no", "fewer"), ("in", "excess"),
                  ("north", "of"), ("upwards", "of"), ("than", "more")}  # fmt: skip
AT_MOST_PAIRS = {("up", "to"), ("at", "most"), ("less", "than"), ("fewer", "than"), ("no", "more"),
                 ("as", "much"), ("just", "under"), ("as", "little")}  # fmt: skip
# Words that introduce a figure without changing what it means.
FILLERS = _words(
    "just only a an the some another further additional extra total whopping staggering mere record"
)
TIME_WORDS = _words(
    "year years month months week weeks day days today yesterday tomorrow quarter quarters "
    "decade decades century morning evening night afternoon weekend time times hour hours minute minutes "
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday last next earlier later ago annual annually"
)
# Counted things that say little on their own ("two security sources said").
WEAK_NOUNS = _words(
    "source sources official officials people person persons thing things way ways time times one ones side "
    "sides other others day days reason reasons part parts point points case cases example examples "
    "member members man men woman women child children person kind kinds sort sorts lot lots bit"
)
# Capitalised words that may precede a number without making it part of a name ("About 70%").
FUNCTION_WORDS = (
    DETERMINERS
    | PREPOSITIONS
    | CONJUNCTIONS
    | PRONOUNS
    | AUXILIARIES
    | APPROXIMATE
    | _words(
        "only just nearly almost more less fewer another total plus minus even still perhaps maybe also then "
        "now just exactly roughly up down some top bottom estimated average averaged sold bought killed "
        "and yes no over under about around has had have said says was were is are"
    )
)
STREET_WORDS = _words(
    "road rd street st avenue ave lane ln way drive dr boulevard blvd place pl court ct square sq terrace "
    "crescent close highway hwy parkway"
)
# Comparatives, quantifiers, adverbs and dimension adjectives that end a noun phrase.
NOT_NOUNS = _words(
    "not also still even only just very more less most least fewer much many several few other such same own "
    "lower higher bigger smaller larger longer shorter wide long deep tall high thick heavy old away apart "
    "ago earlier later worth each else instead too well respectively upward upwards downward downwards back "
    "maybe perhaps past first second third fourth fifth last next"
)


def is_verb(word: str) -> bool:
    """A guess without a tagger: frequent verbs, auxiliaries and -ed forms."""
    low = word.lower()
    if low in VERBS or low in AUXILIARIES:
        return True
    return (
        low.endswith("ed")
        and len(low) > 4
        and low.isalpha()
        and low not in NOT_VERBS_ED
        and word[0].islower()
    )


def is_nounish(word: str) -> bool:
    """Could be part of a noun phrase: a content word that is no function word, verb or adverb."""
    low = word.lower()
    if not word or not (word[0].isalpha() or word[0].isdigit()):
        return False
    if len(word) > 1 and word.isupper():  # "US", "EU", "NFL"
        return True
    if low in DETERMINERS or low in PREPOSITIONS or low in CONJUNCTIONS or low in PRONOUNS:
        return False
    if low in AUXILIARIES or low in CLEAR_VERBS or low in TIME_WORDS:
        return False
    if low.endswith("ed") and is_verb(word):
        return False
    if low.endswith(("able", "ible", "ous", "ful")) and len(low) > 5:
        return False
    if low.endswith("ly") and len(low) > 4 and low not in ("family", "supply", "italy", "july", "assembly"):
        return False
    if word.isdigit():
        return False
    return low not in APPROXIMATE and low not in NOT_NOUNS
