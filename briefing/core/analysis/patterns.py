"""Word lists and patterns that correct the NER model on news text."""

from __future__ import annotations

import re

# Armed groups, militias and bodies the model calls places or people.
KNOWN_ORGS = frozenset(
    {
        "Pentagon", "Kremlin", "White House", "Hamas", "Hezbollah", "Hizbollah", "Hizballah", "Taliban",
        "ISIS", "ISIL", "Daesh", "Islamic State", "Islamic Jihad", "al-Qaeda", "al-Qaida", "al Qaeda",
        "Al-Qaeda", "Al Qaeda", "al-Shabaab", "Al-Shabaab", "al-Nusra", "Nusra Front", "Boko Haram", "PKK",
        "YPG", "SDF", "PMF", "PMU", "Popular Mobilization Forces", "Popular Mobilisation Forces",
        "Popular Mobilization Units", "Wagner", "Wagner Group", "Ansarallah", "Ansar Allah",
        "Hayat Tahrir al-Sham", "Tahrir al-Sham", "Peshmerga",
    }
)  # fmt: skip

# First words of Iraqi, Syrian and Lebanese armed-group names ("Kataib Hezbollah", "Hashd al-Shaabi").
MILITIA_PREFIXES = frozenset(
    {
        "Hashd", "Kataib", "Kata'ib", "Kataeb", "Asaib", "Asa'ib", "Harakat", "Saraya", "Liwa", "Jaish",
        "Jabhat", "Hayat", "Hay'at", "Ansar", "Hizb", "Faylaq", "Alwiya", "Tanzim",
    }
)  # fmt: skip

# Last words that make a name an organisation, whoever it is named after ("Robert Kilroy-Silk Party").
ORG_LAST_WORDS = frozenset(
    {
        "Party", "Foundation", "Group", "Inc", "Ltd", "Plc", "PLC", "LLC", "Corp", "Corporation", "Company",
        "University", "College", "Institute", "Trust", "Council", "Association", "Club", "Fund", "Bank",
        "Agency", "Ministry", "Department", "Committee", "Commission", "Brigade", "Brigades", "Army",
        "Movement", "Front", "Organisation", "Organization", "Society", "Union", "Federation",
    }
)  # fmt: skip

# Names the model splits into pieces ("The Islamic State of Iraq" + "Levant").
LONG_ORG_NAMES = re.compile(
    r"\b(?:Islamic State of Iraq and (?:the Levant|Syria|al-Sham)"
    r"|Islamic State of Iraq|Popular Mobili[sz]ation (?:Forces|Units)"
    r"|Islamic Revolutionary Guard Corps|Syrian Democratic Forces|Kurdistan Workers'? Party)\b"
)

# "<name> air base", "<name> airport": the name is a facility.
FACILITY_AFTER = re.compile(
    r"\s*(?:air ?base|air ?field|air ?port|air ?strip|(?:air|military|naval|army|navy|marine|rocket|missile)"
    r" (?:base|station|facility|complex)|barracks|(?:refugee|military|army|prison) camp|dam|prison"
    r"|refinery|power (?:plant|station)|nuclear (?:plant|site|facility)|border crossing|checkpoint"
    r"|garrison|outpost)\b",
    re.IGNORECASE,
)

# The part of those an organisation's name can stand before ("al-Tanf garrison").
MILITARY_AFTER = re.compile(
    r"\s*(?:air ?base|air ?field|air ?port|air ?strip|(?:air|military|naval|army|navy) (?:base|station)"
    r"|barracks|garrison|outpost)\b",
    re.IGNORECASE,
)

# Words before a name that mark a place ("in Raqqah", "the Levant").
PLACE_BEFORE = frozenset(
    {
        "in", "at", "from", "to", "near", "into", "across", "outside", "inside", "toward", "towards",
        "around", "through", "via", "throughout", "within", "northern", "southern", "eastern", "western",
        "central", "north", "south", "east", "west", "province", "city",
    }
)  # fmt: skip

PERSON_TITLES = frozenset(
    {
        "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "president", "minister",
        "king", "queen", "prince", "princess", "general", "gen", "col", "colonel", "captain", "capt", "lt",
        "sgt", "sheikh", "pope", "senator", "sen", "rep", "judge", "mayor", "governor", "chancellor",
        "secretary", "chief", "coach", "striker", "midfielder", "defender", "singer", "actor", "actress",
    }
)  # fmt: skip

# Ranks and offices written before a name: part of no person's name ("Navy Capt" alone is nobody).
RANKS = frozenset(
    {
        "capt", "captain", "cpt", "gen", "general", "col", "colonel", "lt", "lieutenant", "maj", "major",
        "sgt", "sergeant", "cpl", "corporal", "pvt", "private", "adm", "admiral", "cmdr", "commander",
        "cdr", "brig", "brigadier", "lieut", "sen", "senator", "rep", "representative", "gov", "governor",
        "president", "minister", "secretary", "ambassador", "premier", "chancellor", "mayor", "envoy",
        "spokesman", "spokeswoman", "spokesperson", "director", "chairman", "chief", "prime", "deputy",
        "vice", "foreign", "defence", "defense", "interior", "lord", "justice", "judge", "prosecutor",
        "sheikh", "commissioner", "inspector", "superintendent", "detective", "officer", "staff",
    }
)  # fmt: skip

# The kind of place a name followed (or ended) by one of these is: "Anbar Governorate", "Euphrates River".
PLACE_HEADS = {
    **dict.fromkeys(
        ("governorate", "province", "district", "subdistrict", "sub-district", "county", "prefecture",
         "oblast", "canton", "municipality", "region", "emirate", "neighbourhood",
         "neighborhood", "suburb", "village", "town", "city"),
        "GPE",
    ),
    **dict.fromkeys(
        ("river", "valley", "mountains", "mountain", "mount", "desert", "lake", "sea", "gulf", "strait",
         "plain", "plains", "basin", "peninsula", "island", "islands", "hills", "coast", "canal"),
        "LOC",
    ),
}  # fmt: skip
PLACE_HEAD_AFTER = re.compile(
    r"[ \t]+(" + "|".join(sorted(PLACE_HEADS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
# "the river Tigris", "Mount Sinjar": a head before the name.
PLACE_BEFORE_HEADS = frozenset({"river", "mount", "lake", "governorate", "province", "district"})

# A team beating, holding or playing another: the place names a club ("Leicestershire beat Somerset").
_MATCH_VERBS = (
    r"(?:beat|beats|drew with|draw with|lost to|lose to|loses to|defeated|defeat|thrashed|edged|crushed"
    r"|routed|overcame|hammered|held|hosts|host|hosted|v|vs\.?|versus)"
)
TEAM_AFTER = re.compile(r"[ \t]+" + _MATCH_VERBS + r"[ \t]+(?:the[ \t]+)?[A-Z]")
TEAM_BEFORE = re.compile(r"\b[A-Z][\w.'\-]*[ \t]+" + _MATCH_VERBS + r"[ \t]+(?:the[ \t]+)?$")

PRONOUNS = frozenset(
    {
        "i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours", "he", "him", "his",
        "she", "her", "hers", "it", "its", "they", "them", "their", "theirs", "this", "that", "these",
        "those", "who", "whom", "which", "what",
    }
)  # fmt: skip

# Words of web-page furniture that the model sometimes tags as names.
DEBRIS_WORDS = frozenset(
    {
        "advertising", "advertisement", "sponsored", "subscribe", "newsletter", "share", "comments",
        "related", "read more", "sign up", "log in", "login", "menu", "home", "skip", "cookie", "cookies",
        "getty images", "image caption", "media caption", "photo", "video", "watch",
    }
)  # fmt: skip

# A photo credit in parentheses: "(Source: NAME /Agency)", "(Photo: ...)".
CREDIT = re.compile(
    r"\((?:Source|Photo|Photos|Photograph|Picture|Image|Credit|Credits|Photo credit|Illustration)"
    r"\s*:[^()\n]*\)",
    re.IGNORECASE,
)

# Furniture standing alone at a paragraph's end ("... before being defeated. Advertising").
TRAILING_DEBRIS = re.compile(
    r"(?<=[.!?\"\u201d\u2019)])\s+"
    r"(?:Advertising|Advertisement|ADVERTISEMENT|Sponsored|Read more|Continue reading)\s*$"
)

# A role between a name and a person's name: the first name is whose the role is, a party or a
# body ("Lib Dem leader Charles Kennedy", "Labour MP Diane Abbott"), not a person.
ROLE_BETWEEN = re.compile(
    r"[ \t]+(?:leader|deputy leader|spokesman|spokeswoman|spokesperson|chairman|chairwoman|candidate"
    r"|MP|MEP|MSP|AM|councillor|peer|activist|member|official|boss|chief executive|president|treasurer"
    r"|secretary|minister)[ \t]+(?=[A-Z])"
)
