"""The patterns :mod:`sayso.events.casualties` reads figures with: the verbs and
outcomes of killing and wounding ("killed 12", "were killed", "leaving 18 dead",
"lost four soldiers"), death-toll statements, sub-figures ("including four
children", "12 of them children") and what ends a list of the counted."""

from __future__ import annotations

import re

from sayso.events.numbers import EXACT, MOD, NOUN, QUALIFIER, VAGUE

NUMBER = rf"(?:{QUALIFIER}\s+)?(?:between\s+)?(?:{EXACT}|{VAGUE})"
# "12 Alawites were killed": an unknown noun, when a passive outcome follows.
UNKNOWN = re.compile(rf"(?:\s+{MOD}){{1,3}}(?=\s+(?:were|was|have|had|are)\s)", re.I)
SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|as\s+well\s+as|along\s+with|plus)\s+", re.I)
AUX = (
    r"were|was|are|is|have|has|had|been|being|be|get|got|reportedly|also|all|both|later|since"
    r"|now|subsequently|confirmed|reported|believed|thought|said|feared|presumed|to|found"
    r"|allegedly|apparently|initially|officially|already|eventually|mostly|still|who|either"
    r"|then|instantly|immediately|may|might|could|would|likely"
)
KILLED = (
    # "eliminated", "neutralised": armies' communiqués' word for killed
    r"(?:killed|dead|died|slain|perished|massacred|executed|martyred|murdered|beheaded"
    r"|eliminated|neutrali[sz]ed"
    r"|lost\s+(?:their|his|her)\s+lives?|shot\s+(?:dead|and\s+killed)|burn(?:ed|t)\s+"
    r"(?:alive|to\s+death))(?!\s+(?:or|and|and/or)\s+(?:wounded|injured|hurt))"
)
INJURED = r"wounded|injured|hurt|maimed|(?:suffered|sustained)\s+(?:\w+\s+)?(?:injuries|wounds)"
AMONG = r"among\s+(?:the\s+|those\s+)?(?:[\w,]+\s+)?(?:dead|victims|killed|fatalities)"
BARE = (
    rf"(?:\s*,(?=\s*(?:were|was|have|had|are)\s))?\s*(?:(?:{AUX})\s+){{0,5}}"
    rf"(?:(?P<killed>{KILLED})|(?P<injured>{INJURED})|(?P<sub>{AMONG}))(?![\w-])"
)
# The outcome after a list, maybe past an aside ("12 people, including children, were
# killed"; "leaving 18 people - including six women - dead"), which states none itself.
OUTCOMES = [
    re.compile(
        r"\s*(?:,|\(|\s[-–—]+|[–—])\s*(?P<inner>[^()\n.;:]{1,120}?)\s*(?:,|\)|[-–—]+\s|[–—])"
        + BARE,
        re.I,
    ),
    re.compile(r"\s+(?P<inner>(?:including|among\s+them)\s[^()\n.;:]{1,80}?)\s*,?" + BARE, re.I),
    re.compile(BARE, re.I),
    # "30 fighters from the Nusra Front were killed"
    re.compile(
        r"\s+(?P<inner>(?:from|of|with|in|inside|near|belonging\s+to|loyal\s+to)\s+"
        r"[^,.;:\d#()]{1,50}?)(?=\s+(?:were|was|have|had|are)\s)" + BARE,
        re.I,
    ),
]
# "A mother and her three children were killed": the number is not the toll.
BESIDE = re.compile(
    r"\b(?:an?|his|her|their)\s+[\w-]+(?:\s+[\w-]+)?\s+(?:and|as\s+well\s+as)\s+"
    r"(?:(?:his|her|their)\s+)?$",
    re.I,
)
STATES = re.compile(r"kill|wound|injur|\bdead\b|\bdied\b|\bhurt\b", re.I)
VERBS = re.compile(
    r"\b(?:(?P<killed>kill(?:ed|ing|s)?|slew|slay(?:s|ing)?|slaughter(?:ed|ing|s)?"
    r"|eliminat(?:e|ed|ing|es)|neutrali[sz](?:e|ed|ing|es)"
    r"|massacr(?:ed|ing|es)|execut(?:ed|ing|es)|murder(?:ed|ing|s)?|shot\s+dead"
    r"|(?P<buried>bur(?:y|ies|ied|ying))"  # "the town buried 40 of its people"
    r"|shooting\s+dead|(?:claim(?:ed|ing|s)?|t(?:akes?|ook|aking)|cost(?:s|ing)?)\s+the\s+lives"
    r"\s+of|the\s+(?:bodies|deaths?|killings?|executions?|massacre|murders?)\s+of"
    r"|massacre\s+of)|(?P<injured>wound(?:ed|ing|s)?|injur(?:ed|ing|es|e)|hurt(?:ing|s)?"
    r"|maim(?:ed|ing|s)?)|(?P<leaving>left|leaving|leaves|leave)"
    r"|(?P<lost>lost|los(?:e|es|ing)))\s+(?=" + NUMBER + r"|an?\s)",
    re.I,
)
# "the death toll climbed to at least 45", "Death toll from market bombing at least 90".
TOLL = re.compile(
    r"\b(?:(?P<civ>civilian)\s+)?(?:(?:death|casualty|fatality)\s+)?toll\b|\bnumber\s+of\s+"
    r"(?:(?:(?:people|those|civilians|persons)\s+(?:who\s+(?:were|have\s+been|had\s+been)\s+)?)?"
    r"(?:killed|dead)|(?:the\s+)?(?:dead|deaths"
    r"|fatalities|victims|martyrs|casualties|bodies))\b|(?P<hurt>\bnumber\s+of\s+(?:the\s+)?"
    r"(?:(?:people|those|civilians)\s+)?(?:wounded|injured|injuries|hurt))\b",
    re.I,
)
TO = (
    r"(?:\s(?:to|at|of|reached|reaching|reaches|hit|hits|is|was|now|stands|stood|passed"
    r"|exceeded|topped|surpassed|rose|climbed|jumped|risen|increased|reach)|:|,)\s+"
)
TOLL_NUMBER = [
    re.compile(rf"[^.;\n]{{0,160}}?{TO}(?={NUMBER})", re.I),
    re.compile(rf"[^.;\n]{{0,80}}?\s(?={QUALIFIER}\s+(?:{EXACT}|{VAGUE}))", re.I),
]
SUBS = re.compile(
    r"\s*(?:,|;|\(|\s[-–—]+|[–—])?\s*(?:(?P<including>including|among\s+(?:them|whom|the\s+"
    r"(?:dead|victims))|of\s+whom|they(?=\s+(?:are|were)\s))(?:\s+(?:were|was|are|is))?|(?P<all>all|both)(?:\s+of\s+"
    r"(?:them|whom))?(?:\s+(?:were|are|being))?)\s+",
    re.I,
)
# "killed 20 people in Douma on Monday, among them five children", maybe past an
# aside with a measure ("in X, about 30 kilometres east of Y, among them 26 civilians")
ADJUNCT = re.compile(
    r"\s+[^,.;:\d#()]{1,60}?(?:,[^,.;:\d()]{1,80}?)?(?=\s*,\s*(?:including|among\s+(?:them|whom)"
    r"|all\s+of\s+them|of\s+whom)\b)",
    re.I,
)
LEAD = re.compile(r"\s*(?:,|;|\(|\s[-–—]+|[–—]|\s+and)?\s*")
ALL = re.compile(rf"(?:{MOD}\s+){{0,2}}?{NOUN}", re.I)
OF_THEM = re.compile(
    rf"\s+of\s+(?:them|whom)(?:\s+(?:were|are|being))?\s+(?:{MOD}\s+){{0,2}}?{NOUN}", re.I
)
AMONG_DEAD = re.compile(
    r"\b(?:among\s+(?:the\s+)?(?:dead|victims|killed|fatalities)|among\s+those\s+killed|the\s+"
    r"(?:dead|victims)\s+includ(?:ed|e|es))(?:\s+(?:were|are|was|is))?\s+(?=" + NUMBER + ")",
    re.I,
)
OVERALL = re.compile(r"\b(?:overall|total|cumulative)\b", re.I)
# "buried 12 people under the rubble": trapped, maybe alive; not a toll
UNDER_RUBBLE = re.compile(r"\s+(?:alive|under|beneath|in\s+the\s+rubble)\b", re.I)
