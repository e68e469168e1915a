"""Word lists the attribution rules read: cue verbs, role nouns, name particles."""

from __future__ import annotations

# Verbs that introduce what somebody said.
SPEECH_VERBS = frozenset(
    """say tell state claim allege insist argue warn add explain deny report announce
    confirm acknowledge admit note suggest estimate predict write tweet post declare
    assert maintain stress emphasize emphasise reiterate recall describe accuse urge
    complain concede contend reveal disclose testify vow promise threaten question
    caution charge counter respond reply answer ask remark observe indicate signal
    comment mention repeat quip joke boast brag announce proclaim exclaim beam gush
    scoff sneer muse wonder retort snap shout yell scream chant cry whisper marvel
    concur interject opine posit advise inform demand recommend acknowledge conclude
    pledge swear vow lament decry protest plead recount recall relate reason imply
    grouse gripe grumble rant bemoan anticipate ponder speculate rule""".split()
)
# Verbs of belief, and of findings ("the report found that", "polls show that"):
# attributions too (PolNeAR annotates them), but weaker than speech.
FINDING_VERBS = frozenset("find show conclude learn".split())
BELIEF_VERBS = (
    frozenset(
        "believe think fear hope expect feel suspect doubt worry reckon know understand".split()
    )
    | FINDING_VERBS
)
CUE_VERBS = SPEECH_VERBS | BELIEF_VERBS

# Nouns that name a person by role; used to find descriptors and to read
# "the activist" back to the person introduced as an activist.
ROLE_NOUNS = frozenset(
    """activist fighter journalist correspondent reporter editor spokesman spokeswoman
    spokesperson official minister commander leader coordinator resident doctor nurse
    medic director chief head president governor mayor general colonel officer soldier
    analyst researcher expert witness source father mother son daughter brother sister
    man woman farmer teacher student worker volunteer representative envoy ambassador
    diplomat negotiator lawyer judge member chairman chairwoman secretary adviser advisor
    aide militant rebel monitor observer engineer driver survivor refugee villager
    merchant trader owner shopkeeper priest imam cleric sheikh chief lawmaker legislator
    senator congressman congresswoman politician candidate strategist pollster voter
    supporter critic protester demonstrator""".split()
)

# Roles that are the same kind of person for reading an unnamed speaker forward
# to the named one ("a pro-regime journalist ... told" then "said correspondent X").
ROLE_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset("journalist correspondent reporter editor".split()),
    frozenset("spokesman spokeswoman spokesperson".split()),
    frozenset("official minister representative envoy ambassador diplomat".split()),
    frozenset("fighter commander rebel militant soldier officer".split()),
    frozenset("doctor nurse medic".split()),
    frozenset("activist monitor".split()),
    frozenset("resident villager farmer".split()),
)

# Name particles of Arabic and other names: "al-", "Abu", "bin". A capitalised
# run holding one of these is a person far more often than a place.
NAME_PARTICLES = frozenset("abu umm um bin ibn bint abd abdel abdul abdal al el ould wad".split())
HYPHEN_PARTICLES = ("al-", "el-", "a-", "as-", "ash-", "ad-", "an-", "ar-", "az-", "at-")

TITLES = frozenset(
    """mr mrs ms dr prof sheikh sheik gen col maj capt lt sgt brig president prime
    minister king queen prince emir imam pope rev sen rep gov daw""".split()
)

PERSON_PRONOUNS = frozenset("he she him her".split())
GROUP_PRONOUNS = frozenset("they them".split())
FIRST_PERSON = frozenset("i we".split())

# Nouns that name places inside a speaker phrase ("the east", "regime areas").
COMPASS = frozenset("east west north south eastern western northern southern central".split())


def role_family(noun: str) -> frozenset[str]:
    """The set of roles that count as the same kind of person as ``noun``."""
    for family in ROLE_FAMILIES:
        if noun in family:
            return family
    return frozenset({noun})


# Speech acts whose content is a noun phrase rather than a clause: the preposition
# that introduces it ("called for a ceasefire", "warned of famine") ...
PREP_CUES: dict[str, frozenset[str]] = {
    "call": frozenset({"for"}),
    "warn": frozenset({"of", "about", "against"}),
    "speak": frozenset({"of", "about"}),
    "talk": frozenset({"about"}),
    "comment": frozenset({"on"}),
    "complain": frozenset({"about", "of"}),
    "argue": frozenset({"for", "against"}),
    "push": frozenset({"for"}),
    "press": frozenset({"for"}),
    "appeal": frozenset({"for"}),
    "ask": frozenset({"for", "about"}),
    "point": frozenset({"to"}),
    "refer": frozenset({"to"}),
    "write": frozenset({"about"}),
    "agree": frozenset({"to", "with", "on"}),
}
# ... or the direct object ("condemned the strike", "denied the allegations").
OBJECT_CUES = frozenset(
    """criticize criticise praise condemn deny reject dismiss welcome announce endorse
    denounce defend dispute support oppose back express mention discuss propose cite
    recommend highlight tout hail decry lament slam mock thank applaud laud question
    reaffirm embrace note stress emphasize emphasise acknowledge recall describe list
    echo recognize recognise favor favour advocate""".split()
)
# Verbs of belief with an object and its description: "voters see Clinton as the
# stronger candidate", "consider the deal a betrayal".
VIEW_CUES = frozenset("see view regard consider".split())
# Verbs by which evidence shows something: "a CNN poll showed a dead heat".
EVIDENCE_CUES = frozenset("show reveal indicate suggest".split())
# ... or all that follows the verb: "accused the army of shelling the market",
# "asked the campaign to stop", "called on Congress to act".
ACCUSE_CUES = frozenset("accuse blame credit ask urge challenge encourage implore invite".split())
# Sources whose findings are attributions without a "that": "polls show Clinton ahead".
EVIDENCE_NOUNS = frozenset(
    """poll polls survey surveys data record records report reports study studies
    figures numbers analysis research census email emails document documents filing
    filings result results video footage image images photo photos""".split()
)

# Verbs that name or describe with the speaker's own words, quoted: "called the
# report a “rush to judgment”", "described them as “thugs”".
NAMING_CUES = frozenset(
    "call describe refer label dub brand term characterize portray herald".split()
)

# Verbs of intention or commitment whose infinitive says what was promised or
# wanted ("vowed to retaliate", "plans to expand"): attributions, the weakest kind.
INTENT_CUES = frozenset(
    """promise vow pledge threaten refuse agree plan intend want hope expect seek aim
    urge""".split()
)

# Common given names whose gender is near-certain, across the languages of news
# from conflicts (English, Arabic, Ukrainian and Russian, Burmese honorifics), for
# agreeing "he" and "she" with a person. A person whose first name is not here
# has no known gender, and any pronoun may refer to them.
MALE_NAMES = frozenset(
    """john james robert michael william david richard joseph thomas charles christopher
    daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian
    george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan
    stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick
    raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter
    kyle ethan walter noah jeremy christian keith roger terry gerald harold sean austin
    carl arthur lawrence dylan jesse jordan bryan billy joe bruce gabriel logan albert
    willie alan juan wayne elijah randy roy vincent ralph eugene russell bobby mason
    philip louis barack bernie bill mike ted marco jeb chris rand rick lindsey mitch
    vladimir volodymyr dmitry sergei sergey oleksandr andriy mykola taras viktor ivan
    mohammed muhammad mohammad ahmed ahmad ali hassan hussein hussain omar khaled khalid
    mahmoud mustafa yusuf youssef ibrahim abdullah abdel abdul bashar hamza tariq karim
    samir salim saleh ziad yazan bassam walid nabil majid fadi rami ko""".split()
)
FEMALE_NAMES = frozenset(
    """mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy
    lisa betty margaret sandra ashley kimberly emily donna michelle dorothy carol
    amanda melissa deborah stephanie rebecca sharon laura cynthia kathleen amy shirley
    angela helen anna brenda pamela nicole emma samantha katherine christine debra
    rachel catherine carolyn janet ruth maria heather diane virginia julie joyce
    victoria olivia kelly christina lauren joan evelyn judith megan cheryl andrea
    hannah martha jacqueline frances gloria ann teresa kathryn sara janice jean alice
    madison doris abigail julia judy grace denise amber marilyn beverly danielle
    theresa sophia marie diana brittany natalie isabella charlotte rose alexis kayla
    hillary chelsea nikki carly elise kamala condoleezza
    olena iryna oksana natalia natalya tetiana yulia svetlana olga
    fatima fatma aisha aysha khadija maryam mariam zainab layla leila amina amna hawa
    huda noor nour rania rana salma samira yasmin yasmine hana mona umm daw ma""".split()
)
