"""Units and currencies around a number, with the canonical names the figures carry.

Canonical names follow the NewsQuant gold ("percentage", "dollar", "pound sterling",
"kilometre", "mile per hour", ...): singular, British spelling, lower case.
"""

from __future__ import annotations

import re

from .numbers import SCALE_ABBREVIATIONS, SCALES

# Currency written before the number: "$", "US$", "£", "PS" (a mangled "£" in feeds), "RM", "USD".
CURRENCY_PREFIXES = {
    "$": "dollar", "US$": "dollar", "US $": "dollar", "$US": "dollar", "USD": "dollar", "U.S. $": "dollar",
    "A$": "australian dollar", "$A": "australian dollar", "AU$": "australian dollar",
    "AUD": "australian dollar",
    "C$": "canadian dollar", "CA$": "canadian dollar", "CAD": "canadian dollar",
    "NZ$": "new zealand dollar", "NZD": "new zealand dollar", "HK$": "hong kong dollar",
    "HK $": "hong kong dollar", "HKD": "hong kong dollar", "S$": "singapore dollar",
    "SGD": "singapore dollar",
    "R$": "brazilian real", "£": "pound sterling", "PS": "pound sterling", "GBP": "pound sterling",
    "€": "euro", "EUR": "euro", "¥": "japanese yen", "Y=": "japanese yen", "JPY": "japanese yen",
    "₹": "indian rupee", "Rs": "indian rupee", "Rs.": "indian rupee", "INR": "indian rupee",
    "RM": "malaysian ringgit", "₩": "south korean won", "₪": "shekel", "NIS": "shekel",
    "CHF": "swiss franc", "CNY": "chinese yuan", "RMB": "chinese yuan", "₽": "russian ruble",
}  # fmt: skip

# Currency written after the number: "10.5 million Australian dollars", "333.6 million yen", "1,200€".
CURRENCY_WORDS = {
    "dollars": "dollar", "dollar": "dollar", "us dollars": "dollar", "u.s. dollars": "dollar",
    "australian dollars": "australian dollar", "canadian dollars": "canadian dollar",
    "hong kong dollars": "hong kong dollar", "new zealand dollars": "new zealand dollar",
    "singapore dollars": "singapore dollar", "euros": "euro", "euro": "euro", "€": "euro",
    "pounds sterling": "pound sterling", "sterling": "pound sterling", "£": "pound sterling",
    "yen": "japanese yen", "yuan": "chinese yuan", "renminbi": "chinese yuan", "rupees": "indian rupee",
    "rupee": "indian rupee", "shekels": "shekel", "shekel": "shekel", "new shekels": "shekel",
    "danish crowns": "danish krone", "danish kroner": "danish krone", "swedish crowns": "swedish krona",
    "swedish kronor": "swedish krona", "norwegian crowns": "norwegian krone",
    "norwegian kroner": "norwegian krone",
    "crowns": "krone", "kroner": "krone", "kronor": "krona", "roubles": "russian ruble",
    "rubles": "russian ruble",
    "francs": "swiss franc", "swiss francs": "swiss franc", "ringgit": "malaysian ringgit",
    "won": "south korean won",
    "pesos": "peso", "rand": "south african rand", "lira": "turkish lira", "dinars": "dinar",
    "riyals": "riyal",
    "dirhams": "dirham", "baht": "thai baht", "naira": "nigerian naira", "usd": "dollar", "eur": "euro",
    "gbp": "pound sterling", "jpy": "japanese yen", "cents": "cent", "cent": "cent", "pence": "pence",
    "sen": "sen", "bitcoin": "bitcoin", "bitcoins": "bitcoin",
}  # fmt: skip

# Units of measure written after the number, matched case-insensitively.
UNIT_WORDS = {
    "%": "percentage", "percent": "percentage", "per cent": "percentage", "per-cent": "percentage",
    "pc": "percentage",
    "percentage points": "percentage point", "percentage point": "percentage point",
    "basis points": "basis point", "basis point": "basis point", "bps": "basis point", "bp": "basis point",
    "points": "point", "point": "point", "pts": "point",
    "kilometres": "kilometre", "kilometers": "kilometre", "kilometre": "kilometre", "kilometer": "kilometre",
    "km": "kilometre", "kms": "kilometre", "metres": "metre", "meters": "metre", "metre": "metre",
    "meter": "metre",
    "centimetres": "centimetre", "centimeters": "centimetre", "cm": "centimetre", "millimetres": "millimetre",
    "millimeters": "millimetre", "millimetre": "millimetre", "millimeter": "millimetre", "mm": "millimetre",
    "micrometres": "micrometre", "micrometers": "micrometre", "microns": "micrometre", "μm": "micrometre",
    "µm": "micrometre", "nanometres": "nanometre", "nanometers": "nanometre", "nanometre": "nanometre",
    "nanometer": "nanometre", "nm": "nanometre", "miles": "mile", "mile": "mile", "yards": "yard",
    "yard": "yard",
    "yds": "yard", "feet": "foot", "foot": "foot", "ft": "foot", "inches": "inch", "inch": "inch",
    "″": "inch",
    "square metres": "square metre", "square meters": "square metre", "sq m": "square metre",
    "m2": "square metre",
    "m²": "square metre", "sqm": "square metre", "square feet": "square foot", "sq ft": "square foot",
    "square foot": "square foot", "square miles": "square mile", "square mile": "square mile",
    "square kilometres": "square kilometre", "square kilometers": "square kilometre",
    "sq km": "square kilometre",
    "km2": "square kilometre", "km²": "square kilometre", "acres": "acre", "acre": "acre",
    "hectares": "hectare",
    "hectare": "hectare", "ha": "hectare", "cubic feet": "cubic foot", "cubic metres": "cubic metre",
    "cubic meters": "cubic metre", "kilograms": "kilogram", "kilogram": "kilogram", "kg": "kilogram",
    "kgs": "kilogram", "kilos": "kilogram", "grams": "gram", "gram": "gram", "g": "gram",
    "milligrams": "milligram",
    "mg": "milligram", "micrograms": "microgram", "tonnes": "tonne", "tonne": "tonne", "tons": "ton",
    "ton": "ton",
    "metric tons": "tonne", "lbs": "pound-mass", "lb": "pound-mass", "ounces": "ounce", "ounce": "ounce",
    "oz": "ounce", "litres": "litre", "liters": "litre", "litre": "litre", "liter": "litre", "l": "litre",
    "millilitres": "millilitre", "milliliters": "millilitre", "ml": "millilitre", "gallons": "gallon",
    "gallon": "gallon", "pints": "pint", "pint": "pint", "quarts": "quart", "barrels": "barrel",
    "barrel": "barrel",
    "bbl": "barrel", "miles per hour": "mile per hour", "mph": "mile per hour", "km/h": "kilometre per hour",
    "km/hr": "kilometre per hour", "kph": "kilometre per hour", "kmh": "kilometre per hour",
    "kilometres per hour": "kilometre per hour", "kilometers per hour": "kilometre per hour",
    "miles per gallon": "mile per gallon", "mpg": "mile per gallon", "knots": "knot",
    "rpm": "revolutions per minute",
    "horsepower": "horsepower", "hp": "horsepower", "bhp": "brake horsepower", "kilowatts": "kilowatt",
    "kilowatt": "kilowatt", "kw": "kilowatt", "megawatts": "megawatt", "megawatt": "megawatt",
    "mw": "megawatt",
    "gigawatts": "gigawatt", "gigawatt": "gigawatt", "gw": "gigawatt", "watts": "watt", "watt": "watt",
    "w": "watt",
    "kwh": "kilowatt hour", "kilowatt hours": "kilowatt hour", "kilowatt-hours": "kilowatt hour",
    "mwh": "megawatt hour", "gwh": "gigawatt hour", "twh": "terawatt hour", "volts": "volt", "volt": "volt",
    "v": "volt", "mah": "milliampere-hour", "amps": "ampere", "hz": "hertz", "hertz": "hertz",
    "khz": "kilohertz",
    "mhz": "megahertz", "ghz": "gigahertz", "gb": "gigabyte", "gigabytes": "gigabyte", "tb": "terabyte",
    "terabytes": "terabyte", "mb": "megabyte", "megabytes": "megabyte", "mbps": "megabit per second",
    "gbps": "gigabit per second", "megapixels": "megapixel", "mp": "megapixel", "ppm": "parts-per-million",
    "ppb": "parts-per-billion", "decibels": "decibel", "db": "decibel", "gigapascals": "gigapascal",
    "gpa": "gigapascal", "nm of torque": "newton metre", "newton metres": "newton metre",
    "lb-ft": "foot pound-force",
    "pound-feet": "pound-foot", "calories": "calorie", "kcal": "kilocalorie", "mmbtu": "mmbtu",
    "degrees celsius": "celsius", "degrees centigrade": "celsius", "degree celsius": "celsius",
    "°c": "celsius",
    "° c": "celsius", "celsius": "celsius", "degrees fahrenheit": "fahrenheit", "°f": "fahrenheit",
    "fahrenheit": "fahrenheit", "degrees": "degree", "degree": "degree", "°": "degree",
    "seconds": "second", "second": "second", "secs": "second", "sec": "second", "minutes": "minute",
    "minute": "minute", "mins": "minute", "min": "minute", "hours": "hour", "hour": "hour", "hrs": "hour",
    "hr": "hour", "days": "day", "day": "day", "weeks": "week", "week": "week", "months": "month",
    "month": "month",
    "years": "year", "year": "year", "yrs": "year", "decades": "decade", "decade": "decade",
    "centuries": "century",
    "century": "century", "year-old": "year of age", "years-old": "year of age", "years old": "year of age",
    "year old": "year of age", "years of age": "year of age", "month-old": "month of age",
    "months old": "month of age",
    "week-old": "week of age", "weeks old": "week of age", "day-old": "day of age",
}  # fmt: skip
# Abbreviations whose case matters ("m" metre vs "M" million, "C" Celsius, "PS" metric horsepower).
UNIT_CASED = {
    "WAR": "win above replacement",
    "W": "watt",
    "V": "volt",
    "m": "metre",
    "C": "celsius",
    "F": "fahrenheit",
    "PS": "horsepower",
    "Nm": "newton metre",
    "p": "pence",
    "ms": "millisecond",
}

TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"})
AGE_UNITS = frozenset({"year of age", "month of age", "week of age", "day of age"})
PERCENT_UNITS = frozenset({"percentage", "percentage point", "basis point"})
CURRENCIES = frozenset({*CURRENCY_PREFIXES.values(), *CURRENCY_WORDS.values()})
# Units that only make sense glued to the numeral ("118.5p", "10W"): never after a space.
FUSED_ONLY = frozenset({"p", "l", "w", "v", "g", "mp", "ha", "db", "°"})

# What may follow "per"/"a"/"an" to make a rate: "$58.24 per barrel", "$3500 a month".
PER_WORDS = {
    "barrel": "barrel", "share": "share", "gallon": "gallon", "ounce": "ounce", "gram": "gram", "day": "day",
    "week": "week", "month": "month", "year": "year", "annum": "year", "hour": "hour", "person": "person",
    "head": "head", "capita": "capita", "kilo": "kilogram", "kilogram": "kilogram", "kg": "kilogram",
    "tonne": "tonne", "ton": "ton", "litre": "litre", "liter": "litre", "night": "night", "mile": "mile",
    "square foot": "square foot", "square feet": "square foot", "sq ft": "square foot",
    "sq m": "square metre",
    "square metre": "square metre", "square meter": "square metre", "mmbtu": "mega british thermal unit",
    "kwh": "kilowatt hour", "pound": "pound", "unit": "unit", "seat": "seat", "game": "game",
    "century": "century",
    "minute": "minute", "second": "second", "household": "household", "employee": "employee",
}  # fmt: skip


def _alternation(words: dict[str, str] | set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_PREFIX_RE = re.compile(
    r"(?:(?<![A-Za-z])(?:US ?\$|U\.S\. \$|\$ ?US|\$A|A\$|AU\$|C\$|CA\$|NZ\$|HK ?\$|S\$|R\$|Y=|Rs\.?|RM|PS"
    r"|USD|AUD|CAD|NZD|HKD|SGD|GBP|EUR|JPY|INR|NIS|CHF|CNY|RMB) ?|[$£€¥₹₩₪₽] ?)$"
)
_WORD_UNIT_RE = re.compile(rf"(?:{_alternation(UNIT_WORDS)})(?![A-Za-z0-9²])", re.IGNORECASE)
_CASED_UNIT_RE = re.compile(rf"(?:{_alternation(UNIT_CASED)})(?![A-Za-z0-9²])")
_CURRENCY_WORD_RE = re.compile(rf"(?:{_alternation(CURRENCY_WORDS)})(?![A-Za-z])", re.IGNORECASE)
_PER_RE = re.compile(
    rf"[\s-]?(?:per|a|an|each|/)[\s-]?({_alternation(PER_WORDS)})s?(?![A-Za-z])"
    r"(?!\s+(?:earlier|ago|later|before|after|on|from)\b)",
    re.IGNORECASE,
)
_SCALE_RE = re.compile(
    r"\s?-?\s?(hundred|thousand|million|billion|trillion|lakh|crore)(?![A-Za-z])"
    r"|\s?(bn|mn|mln|bln|tn|trn)(?![A-Za-z])|(k|K|m|M|b|B|T)(?![A-Za-z0-9])"
)


def currency_before(text: str, pos: int) -> tuple[int, str] | None:
    """The currency prefix ending at ``pos`` (start offset, canonical name), if any."""
    window = text[max(0, pos - 8) : pos]
    match = _PREFIX_RE.search(window)
    if not match:
        return None
    raw = match.group(0).strip()
    key = raw.replace(" ", "") if raw.replace(" ", "") in CURRENCY_PREFIXES else raw
    name = CURRENCY_PREFIXES.get(key) or CURRENCY_PREFIXES.get(raw.replace(" ", "")) or "dollar"
    return pos - len(window) + match.start(), name


def scale_after(text: str, pos: int, money: bool) -> tuple[int, float] | None:
    """A scale word right after a numeral ("million", "bn", fused "m" when ``money``): (end, factor)."""
    match = _SCALE_RE.match(text, pos)
    if not match:
        return None
    if match.group(1):
        return match.end(), SCALES[match.group(1).lower()]
    if match.group(2):
        return match.end(), SCALE_ABBREVIATIONS[match.group(2).lower()]
    letter = match.group(3)
    if letter == "m" and not money and _CURRENCY_WORD_RE.match(text, match.end() + 1) and (
        text[match.end() : match.end() + 1] == " "
    ):
        return match.end(), SCALE_ABBREVIATIONS[letter]  # "60m euros": millions, not metres
    if (letter in "mbT" and not money) or (letter == "B" and not money):
        return None
    return match.end(), SCALE_ABBREVIATIONS[letter]


def unit_after(text: str, pos: int, *, scaled: bool) -> tuple[int, str] | None:
    """The unit right after a number at ``pos``: (end offset, canonical name)."""
    gap = 0
    while pos + gap < len(text) and text[pos + gap] in " -" and gap < 2:
        gap += 1
    start = pos + gap
    best: tuple[int, str] | None = None
    for regex, table, lower in ((_WORD_UNIT_RE, UNIT_WORDS, True), (_CASED_UNIT_RE, UNIT_CASED, False)):
        match = regex.match(text, start)
        if match and (best is None or match.end() > best[0]):
            raw = match.group(0)
            if gap and (raw.lower() if lower else raw) in FUSED_ONLY:
                continue
            best = (match.end(), table[raw.lower() if lower else raw])
    currency = _CURRENCY_WORD_RE.match(text, start)
    if currency and (best is None or currency.end() > best[0]):
        raw = currency.group(0).lower().strip()
        name = CURRENCY_WORDS.get(raw)
        if name is not None and not (raw[0].isalpha() and start > 0 and text[start - 1].isalnum()):
            best = (currency.end(), name)
    if text.startswith("pounds", start) or text.startswith("pound", start):
        end = start + (6 if text.startswith("pounds", start) else 5)
        if end >= len(text) or not text[end].isalpha():
            best = (end, "pound sterling" if scaled else "pound-mass")
    return best


def per_after(text: str, pos: int) -> tuple[int, str] | None:
    """A rate suffix ("per barrel", "a month", "/kg"): (end offset, singular noun)."""
    match = _PER_RE.match(text, pos)
    if not match:
        return None
    return match.end(), PER_WORDS[match.group(1).lower()]


def kind(unit: str | None) -> str:
    """The family of a unit: "currency", "percent", "time", "age", "measure" or "count"."""
    if unit is None:
        return "count"
    head = unit.split(" per ")[0]
    if head in CURRENCIES:
        return "currency"
    if head in PERCENT_UNITS:
        return "percent"
    if head in TIME_UNITS:
        return "time"
    if head in AGE_UNITS:
        return "age"
    return "measure"
