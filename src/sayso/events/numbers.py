"""Numbers as a text writes them ("31", "1,200", "twenty-three", "a dozen"), vague
amounts ("dozens", "scores"), qualifiers ("at least"), the people they count
("civilians", "fighters"), the spans that make a total cumulative ("since the war
began"), and the numbers that are never a casualty figure: dates, times, years,
ages, ordinals, measures, labels.

Numbers, the nouns of the counted and verb forms are the grammar of a casualty
statement, not vocabulary to extend (docs/lexicons.md), so they stay here.
:func:`masked` blanks the non-figures of a text (same length, so offsets hold);
:data:`EXACT`, :data:`VAGUE` and :data:`QUALIFIER` are the patterns a figure is
read with, and :func:`value` turns an exact number into an int.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ONES = "one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_VALUES = (
    {w: i + 1 for i, w in enumerate(_ONES)}
    | {w: i + 10 for i, w in enumerate(_TEENS)}
    | {w: (i + 2) * 10 for i, w in enumerate(_TENS)}
    | {"a": 1, "an": 1, "zero": 0}
)
_DOZENS = {"a": 12, "one": 12, "two": 24, "three": 36, "four": 48, "five": 60, "half a": 6}
_SMALL = (
    rf"(?:(?:{'|'.join(_TENS)})(?:[\s-](?:{'|'.join(_ONES)}))?"
    rf"|{'|'.join(_TEENS)}|{'|'.join(_ONES)}|zero)"
)
_WORDS = (
    rf"(?:(?:a|{_SMALL})\s+hundred(?:\s+(?:and\s+)?{_SMALL})?|{_SMALL})(?:\s+thousand)?"
    rf"|(?:a|one)\s+thousand"
)
_DOZEN = r"(?:a|one|two|three|four|five|half\s+a)\s+dozen"
_DIGITS = r"\d+(?:\.\d+)?\s+(?:thousand|million)|\d{1,3}(?:,\d{3})+|\d+"
#: An exact number, as digits or words: "31", "1,200", "twenty-three", "a dozen".
EXACT = rf"(?<![\w.,#])(?:{_DIGITS}|{_DOZEN}|{_WORDS})(?![\w#]|[.,]\d)"
#: A vague amount: no number, but it holds the place of one ("dozens of people").
VAGUE = (
    r"(?<![\w#-])(?:(?:several|a\s+few)\s+(?:dozen|hundred)|dozens|scores|hundreds|thousands"
    r"|tens(?=\s+of)|several|numerous|a\s+(?:number|handful)(?=\s+of)|a\s+few)(?!\w)(?:\s+of)?"
)
#: The words a figure is qualified with, as written.
QUALIFIER = (
    r"(?:at\s+least|at\s+most|(?:well\s+|just\s+)?(?:more|fewer|less)\s+than|no\s+(?:fewer|less)"
    r"\s+than|(?:well\s+|just\s+)?over|nearly|almost|about|around|roughly|approximately|some"
    r"|up\s+to|as\s+many\s+as|close\s+to|upwards\s+of|in\s+excess\s+of|an\s+estimated"
    r"|estimated|another|a\s+further)"
)


def value(written: str) -> int | None:
    """The value of a number :data:`EXACT` matched ("twenty-three" is 23)."""
    text = " ".join(written.lower().replace("-", " ").split())
    digits = text.replace(",", "")
    if re.fullmatch(r"\d+", digits):
        return int(digits)
    scaled = re.fullmatch(r"(\d+(?:\.\d+)?) (thousand|million)", digits)
    if scaled:
        factor = 1000 if scaled.group(2) == "thousand" else 1_000_000
        return round(float(scaled.group(1)) * factor)
    if text.endswith(" dozen"):
        return _DOZENS.get(text[: -len(" dozen")])
    total = current = 0
    for word in text.split():
        if word == "and":
            continue
        if word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total, current = (total + max(current, 1)) * 1000, 0
        elif word in _VALUES:
            current += _VALUES[word]
        else:
            return None
    return total + current


# A span of time that makes a toll a running or war-long total: "since the war began in
# 2011", "so far this year", "in the conflict", "over the past week".
CUMULATIVE = re.compile(
    r"\bsince\s+then\b|\brepeatedly\b|\b(?:almost\s+|nearly\s+)?daily\b|\bregularly\b|\bha(?:ve|s)\s+(?:been\s+)?killed\s+(?:more\s+than\s+|over\s+"
    r"|some\s+|at\s+least\s+)?(?:hundreds|thousands|tens\s+of\s+thousands)\b"
    r"|\bsince\s+(?:the\s+(?:start|beginning|outbreak|onset)\b|(?:the|its|their)\s+(?:[\w-]+\s+){0,2}"
    r"(?:war|conflict"
    r"|uprising|revolution|crisis|revolt|insurgency|offensive|campaign|operation|intervention"
    r"|siege|ceasefire|truce|fighting|battle|clashes)\b|(?:it|they|fighting)\s+(?:began|started"
    r"|erupted|broke\s+out)|(?:early\s+|late\s+|mid-?)?(?:1[89]|20)\d{2}\b|last\s+(?:year|month)"
    r"|(?:early\s+|late\s+|mid-?)?(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December)\b)|\bso\s+far\b|\bto\s+date\b|\bthis\s+(?:year|month)\b|\b(?:over|in|during"
    r"|within|for)\s+the\s+(?:past|last|previous)\s+(?:[\w-]+\s+)?(?:hours|days|weeks?|months?|years?"
    r"|decades?)\b|\bin\s+recent\s+(?:days|weeks|months|years)\b|\bfor\s+(?:several\s+|many\s+)?"
    r"(?:weeks|months|years)\b|\b(?:in|during|throughout)\s+"
    r"(?:the|this|[a-z]+['’]s|the\s+country['’]s)\s+(?:[\w-]+-year(?:-long|-old)?\s+)?(?:civil\s+)?"
    r"(?:war|conflict)\b(?!-)|\b(?:war|conflict|crisis|uprising)\s+(?:that\s+)?(?:has|had)\s+"
    r"(?:so\s+far\s+)?(?:killed|claimed|left)\b|\bcumulative\b",
    re.I,
)

# "the deadliest attack this year", "earlier this month": one incident, not a total.
_ONE_OF = re.compile(r"\b(?:\w+est|worst|earlier|later)\b(?:\s+[\w'’-]+){0,3}\s+$", re.I)


# "a town that has been under siege since 2013": the span of a state a relative
# clause describes, not of a total.
_STATE = re.compile(r"\b(?:that|which)\s+(?:has|have|had)\s+(?:long\s+)?been\b[^,.;]*$", re.I)
_TOTAL = re.compile(r"\b(?:killed|claimed|left|died|dead)\b", re.I)


def is_cumulative(text: str) -> bool:
    """Whether the text states a running or war-long total ("since the war began in
    2011", "so far this year", "in the conflict", "over the past week"): context for
    an incident, not its toll."""
    for match in CUMULATIVE.finditer(text):
        if _STATE.search(text, max(0, match.start() - 80), match.start()) and not _TOTAL.search(
            text, match.end()
        ):
            continue
        if not match.group().lower().startswith("this ") or not _ONE_OF.search(
            text, max(0, match.start() - 50), match.start()
        ):
            return True
    return False


# --- what a figure counts -----------------------------------------------------

#: The nouns for the people a figure counts, by class: "civilian", the dead are
#: civilians by this description; "part", a group among the civilians (children);
#: "dead", the noun itself says they died; "people", anyone.
CLASSES = {
    "civilian": r"women\s+and\s+children|children\s+and\s+women|civilians?|residents?"
    r"|villagers?|inhabitants?|locals|non-combatants?|citizens|townspeople|market-?goers?"
    r"|shoppers?|worshipp?ers?|students?|pupils?|schoolchildren|patients?",
    "part": r"women|woman|children|child|kids?|bab(?:y|ies)|infants?|boys?|girls?|toddlers?"
    r"|minors?|teenagers?|passengers?|pilgrims?|refugees?|displaced\s+people|farmers?"
    r"|workers?|medics?|doctors?|nurses?|paramedics?|rescuers?|volunteers?|journalists?"
    r"|reporters?|teachers?|family\s+members|members\s+of\s+(?:the\s+same|one|a|an|the|their"
    r"|his|her)\s+family|relatives?|elderly\s+people|mourners?|protesters?|demonstrators?"
    r"|families",
    "fighter": r"soldiers?|fighters?|militants?|troops?|rebels?|insurgents?|jihadists?|jihadis"
    r"|gunm[ae]n|terrorists?|mercenar(?:y|ies)|militiam[ae]n|militias?|servicem[ae]n"
    r"|combatants?|commanders?|officers?|guards?|recruits?|conscripts?|personnel"
    r"|paratroopers?|marines?|extremists?|islamists?|policem[ae]n|police|forces?",
    "dead": r"bodies|body|corpses?|martyrs?|deaths?|fatalit(?:y|ies)|lives",
    "people": r"people|persons?|individuals?|others|m[ae]n|victims?|members?|syrians?|kurds?"
    r"|iraqis?|palestinians?|lebanese|afghans?|iranians?|russians?|turks?|foreigners?"
    r"|migrants?",
}
NOUN = "|".join(rf"(?P<{c}>{p})" for c, p in CLASSES.items())
NOUN = rf"(?:{NOUN})(?![\w-])"
# A word between a number and its noun ("31 Syrian civilians"), never a clause's.
_STOP = (
    r"and|or|but|nor|were|was|are|is|be|been|being|have|has|had|who|whom|which|that|in|on|at"
    r"|by|from|to|of|with|for|into|after|before|during|when|while|as|including|among|the|a|an"
    r"|this|these|those|their|his|her|its|more|than|least|said|says|say|according|near|since"
    r"|until|amid|all|both|dead|died|hurt|kill\w*|wound\w*|injur\w*"
)
MOD = rf"(?!(?-i:{_STOP})(?![\w-]))[A-Za-z][\w'’-]*"  # "12 IS militants": "IS" is no "is"

#: A counted group: "at least 31 civilians", "between 20 and 25", "dozens of people".
COUNTED = re.compile(
    rf"(?:(?P<qualifier>{QUALIFIER})\s+)?"
    rf"(?:between\s+(?P<low>{EXACT})\s+and\s+(?P<high>{EXACT})"
    rf"|(?P<number>{EXACT})(?:\s*(?:-|–|—|to|or)\s*(?P<upper>{EXACT}))?"
    rf"|(?P<vague>{VAGUE})|(?P<a>an?)(?=\s))"
    rf"(?:\s+(?:the\s+)?(?:{MOD}\s+){{0,3}}?{NOUN})?",
    re.I,
)


@dataclass
class Counted:
    """One counted group: "at least 31 civilians", "20 to 25", "dozens of people"."""

    at: int  # where its number starts: the same number is claimed once
    end: int
    number: int | None
    upper: int | None
    qualifier: str | None
    noun: str | None
    cls: str | None  # a key of CLASSES


def _lowered(text: str | None) -> str | None:
    return " ".join(text.lower().split()) if text else None


def counted(text: str, pos: int) -> Counted | None:
    """The group counted at ``pos``, if one starts there."""
    match = COUNTED.match(text, pos)
    if not match:
        return None
    cls = next((c for c in CLASSES if match.group(c)), None)
    if match.group("a") and cls is None:  # "a boy" is no number
        return None
    exact = match.group("number") or match.group("low")
    upper = match.group("upper") or match.group("high")
    number = value(exact) if exact else None
    high = value(upper) if upper else None
    if high is not None and (number is None or high <= number):
        high = None
    at = next(match.start(g) for g in ("number", "low", "vague", "a") if match.group(g))
    end = match.end()
    noun = _lowered(match.group(cls)) if cls else None
    return Counted(at, end, number, high, _lowered(match.group("qualifier")), noun, cls)


# --- what is never a figure ---------------------------------------------------

_NUM = rf"(?:\d[\d,.]*|{_WORDS}|a|an)"
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_YEAR = r"(?:1[89]|20)\d{2}"
_UNIT = (
    r"(?:seconds?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|months?|years?|decades?"
    r"|centur(?:y|ies)|kms?|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|feet|foot|yards?|percent"
    r"|per\s+cent|kgs?|kilograms?|tons?|tonnes?|dollars?|euros?|pounds?|liras?|lit(?:er|re)s?"
    r"|hectares?|acres?|mph|times|fold|stor(?:e?y|eys|ies)|floors?|mm|millimet(?:er|re)s?"
    r"|calib(?:er|re)|rounds?|GMT|UTC|o'clock|a\.m\.|p\.m\.|am|pm)"
)
_LABEL = (
    r"(?:resolution|article|chapter|no\.|number|route|road|highway|page|line|flight|brigade"
    r"|division|regiment|battalion|corps|unit|room|building|block|gate|phase|zone|sector"
    r"|checkpoint|hill|geneva|astana|channel|level|grade|class|section|paragraph|protocol"
    r"|item|base|platform|tower|point|code|tel|phone|fax|box)"
)
# Each pattern marks a stretch that holds no figure; a group "n" narrows it to the number.
_NOT_FIGURES = [
    re.compile(p, f)
    for p, f in [
        (r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b", 0),  # dates
        (rf"\b{_YEAR}\s*[/–-]\s*\d{{2,4}}\b", 0),  # "2012/13", "2011-2013"
        (r"\b\d{1,2}(?::\d{2}(?::\d{2})?|\.\d{2}(?=\s*(?:[ap]\.?m\b|GMT|UTC|local\b)))", re.I),
        (r"\b\d{3,4}\s*(?:GMT|UTC|hrs|local\s+time)\b", re.I),  # times: "10:31", "1030 GMT"
        (rf"\b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR}\b)?", 0),  # "March 9"
        (rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b\.?(?:,?\s+{_YEAR}\b)?", 0),
        (r"\b\d+(?:st|nd|rd|th)\b", re.I),  # ordinals: "the 5th Brigade"
        (rf"\b{_NUM}[\s-]+(?:years?|months?|weeks?|days?)[\s-]+old\b", re.I),  # ages
        (
            rf"\b(?:aged?|ages)\s+(?:of\s+|between\s+)?{_NUM}(?:\s*(?:and|to|or|-|–)\s*{_NUM})?",
            re.I,
        ),
        (
            r"\b(?:[A-Z][\w'’-]+),\s*(?P<n>\d{1,2})\s*,\s*(?=(?:was|is|a|an|and|who|from|had"
            r"|has|died|the|his|her)\b)",
            0,
        ),  # "Ahmed, 12, was killed"
        (r"\b[A-Z][\w'’-]+\s*\((?P<n>\d{1,2})\)", 0),  # "Ahmed (12)"
        (rf"(?<![\w-]){_NUM}(?:[\s-]+|(?=%)){_UNIT}(?!\w)|\b\d+\s*%", re.I),  # measures
        (r"[$£€]\s*\d[\d,.]*|\b\d+-[a-z]\w*", re.I),  # money; "12-strong", "3-day"
        (rf"\b{_LABEL}\s+(?:no\.?\s*)?\d[\d,./-]*", re.I),  # "Resolution 2254", "route 5"
        (r"\b[A-Za-z]+-\d+\w*", 0),  # "Su-24", "F-16", "COVID-19"
        (r"\bno[\s-]one\b|\bone\s+(?:another|of\s+(?:the|them|those|whom|its|their)\b)", re.I),
    ]
]
# A four-digit number from 1800 to 2099 is a year unless it counts people ("some 2000
# people", "at least 2000 dead").
_YEARS = re.compile(
    rf"(?<![\w,.]){_YEAR}(?!\w|[.,]\d)"
    r"(?!\s+(?:people|persons|civilians|dead|killed|wounded|injured|others|soldiers)\b)"
)
_COUNTS = re.compile(  # "some 2000", "killed 1800", "the toll rose to 1900"
    rf"(?:{QUALIFIER}|\b(?:kill|wound|injur)\w*|\btoll\s+(?:[\w-]+\s+){{0,3}}(?:to|at|of))\s+$",
    re.I,
)


def masked(text: str) -> str:
    """``text`` with every number that is no figure blanked with ``#``."""
    chars = list(text)

    def blank(start: int, end: int) -> None:
        chars[start:end] = "#" * (end - start)

    for pattern in _NOT_FIGURES:
        for match in pattern.finditer(text):
            if "n" in pattern.groupindex:
                blank(match.start("n"), match.end("n"))
            else:
                blank(match.start(), match.end())
    for match in _YEARS.finditer(text):
        if not _COUNTS.search(text, max(0, match.start() - 40), match.start()):
            blank(match.start(), match.end())
    return "".join(chars)
