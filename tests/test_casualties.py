"""Casualty figures of a sentence or a headline: the toll, its range, civilians and
fighters, the wounded, sub-figures; never a date, a time, a year or an age."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sayso.events.casualties import Casualties, Figure, casualties, injured, is_cumulative, killed
from sayso.events.numbers import masked, value

Written = tuple[int, str | None] | None


def _as_written(figure: Figure | None) -> Written:
    return (figure.number, figure.qualifier) if figure else None


def _numbers(found: Casualties) -> set[int]:
    """Every number the figures hold."""
    figures = [found.killed, found.civilians, found.fighters, found.injured, *found.sub]
    bounds = {found.killed_max, found.injured_max} - {None}
    return {f.number for f in figures if f} | {n for n in bounds if n is not None}


# --- the toll -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        ("at least 31 civilians and four children were killed", (31, "at least")),
        # an army's communiqué: "eliminated", "neutralised"
        ("More than forty servicemen were eliminated, the ministry said.", (40, "more than")),
        ("The army said it had neutralised about 20 terrorists near Ber.", (20, "about")),
        ("the shelling hit the market, leaving 18 people - including six women - dead", (18, None)),
        ("the death toll climbed to at least 45", (45, "at least")),
        ("The death toll rose to 45 on Tuesday.", (45, None)),
        ("The death toll has reached 45.", (45, None)),
        ("an attack with a death toll of 45", (45, None)),
        ("The toll stood at 45, medics said.", (45, None)),
        (
            "The death toll of the car bomb explosion that struck the al-Zahraa"
            " neighbourhood in Homs city this evening rose to 21",
            (21, None),
        ),
        ("Death toll from market bombing at least 90", (90, "at least")),
        ("Syria: 12 killed in Idlib strike", (12, None)),
        ("Car bomb kills 12 in Syria", (12, None)),
        ("Airstrikes kill 20 civilians in Aleppo", (20, None)),
        ("Troops razed the clinic, leaving 11 dead.", (11, None)),
        ("The bombing claimed the lives of 14.", (14, None)),
        ("At least 14 people lost their lives.", (14, "at least")),
        ("14 bodies were recovered from the rubble.", (14, None)),
        ("Rescuers pulled out the bodies of 14 men.", (14, None)),
        ("the massacre of 14 in Houla", (14, None)),
        ("14 martyrs in regime shelling on Douma", (14, None)),
        ("Jets pounded the town, killing seven.", (7, None)),
        ("Seven were killed.", (7, None)),
        ("Twenty-three people were killed.", (23, None)),
        ("twenty three people were killed", (23, None)),
        ("A dozen people were killed.", (12, None)),
        ("More than a dozen people were killed.", (12, "more than")),
        ("More than 40 people were killed.", (40, "more than")),
        ("Nearly 1,200 people were killed.", (1200, "nearly")),
        ("Up to 30 people may have been killed, according to reports.", (30, "up to")),
        ("some 2000 people died", (2000, "some")),
        ("one person was killed", (1, None)),
        ("Twelve people, nine of them civilians, were killed.", (12, None)),
        ("killed 20 people, including 12 civilians", (20, None)),
        ("20 people, 12 civilians and eight fighters, were killed", (20, None)),
        ("At least 12 dead as jets pound Idlib", (12, "at least")),
        ("12 dead, 30 wounded in Idlib", (12, None)),
        ("The shelling claimed 12 lives.", (12, None)),
        ("Ariha buries 40 of its people after Russian strikes", (40, None)),
        ("Two more people died of their wounds, raising the death toll to 45.", (45, None)),
        ("An airstrike killed 12 people, bringing the death toll this month to 145.", (12, None)),
        ("The number of dead rose to 45.", (45, None)),
        ("SOHR said 21 civilians including 5 children were killed.", (21, None)),
        ("Russian strikes kill 12 IS militants", (12, None)),
        ("12 Civilians Killed In Idlib Airstrike", (12, None)),
        ("12 Alawites were killed in the village.", (12, None)),
        ("12 airstrikes killed 20 people", (20, None)),
        ("12 rockets were fired and 2 people were killed", (2, None)),
        ("In 2013, 12 people were killed.", (12, None)),
        ("A barrel bomb dropped on 9/3/2015 killed 8 members of the same family", (8, None)),
        ("The Su-24 killed 5 people.", (5, None)),
        ("is looking into reports that at least 40 civilians were killed", (40, "at least")),
        ("Some 30 fighters from the Nusra Front were killed in 48 hours of clashes.", (30, "some")),
        ("12 members of the Free Syrian Army were killed.", (12, None)),
        ("Monitors said 11 children were among the 31 killed.", (31, None)),
        ("20 people, 12 civilians and eight fighters, were killed", (20, None)),
        ("Aleppo, Jan 12 (Reuters) - Air strikes killed 17 people on Tuesday.", (17, None)),
        ("Homs bombings: 45 dead", (45, None)),
        ("Syria: death toll rises to 45 in Homs bombing", (45, None)),
        ("One person was killed and 5 others were wounded.", (1, None)),
        ("a car bomb exploded at 8.30 am, killing 5", (5, None)),
        ("13 people including seven children were killed on 10 January 2016", (13, None)),
    ],
)
def test_the_toll_as_written(text: str, toll: Written) -> None:
    assert _as_written(casualties(text).killed) == toll


@pytest.mark.parametrize(
    "text",
    [
        "Dozens were killed in the fighting.",
        "Scores of people were killed.",
        "Hundreds of thousands of people have been killed.",
        "tens of thousands were killed",
        "At least 12 people were killed or wounded.",  # together: neither
        "12 civilians and eight fighters were killed",  # no total written
        "Three soldiers were killed and two civilians died.",
        "Five soldiers and a civilian were killed.",
        "The raid killed a woman and her two children.",
        "No one was killed in the attack.",
        "A man was killed.",
        "A mother and her three children were killed when a shell hit their home.",
        "A woman and two children were killed.",
        "The army killed dozens of terrorists and destroyed 5 vehicles.",
        "Russian jets carried out 25 sorties and hit 67 targets.",
    ],
)
def test_no_toll_unless_one_is_written(text: str) -> None:
    assert casualties(text).killed is None


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("between 20 and 25 people were killed", 20, 25),
        ("20-25 people were killed", 20, 25),
        ("20–25 killed in Idlib", 20, 25),
        ("20 to 25 killed", 20, 25),
        ("two or three people were killed", 2, 3),
        ("the strike killed between 20 and 25 civilians", 20, 25),
    ],
)
def test_a_range_is_its_low_end_and_its_high_end(text: str, low: int, high: int) -> None:
    found = casualties(text)
    assert found.killed is not None and (found.killed.number, found.killed_max) == (low, high)


def test_the_death_toll_rose_from_one_figure_to_another() -> None:
    found = casualties("the death toll rose from 12 to 20")
    assert _as_written(found.killed) == (20, None) and found.killed_max is None


# --- civilians, fighters, sub-figures -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "civilians", "fighters"),
    [
        ("at least 31 civilians and four children were killed", (31, "at least"), None),
        ("Airstrikes kill 20 civilians in Aleppo", (20, None), None),
        ("killed 20 people, including 12 civilians", (12, None), None),
        ("12 civilians and eight fighters were killed", (12, None), (8, None)),
        ("20 people, 12 civilians and eight fighters were killed", (12, None), (8, None)),
        ("killed 20 people, all of them civilians", (20, None), None),
        ("Twelve people, nine of them civilians, were killed", (9, None), None),
        ("The strike killed 14 worshippers at the mosque.", (14, None), None),
        ("Shelling killed nine students and two teachers.", (9, None), None),
        ("The raid killed 20 women and children.", (20, None), None),
        ("12 market-goers were killed", (12, None), None),
        ("Five patients died when the hospital was hit.", (5, None), None),
        ("The civilian death toll rose to 30.", (30, None), None),
        ("The Observatory said 12 pro-government fighters were killed.", None, (12, None)),
        ("A car bomb killed 12 soldiers and wounded 20 civilians.", None, (12, None)),
        ("Three soldiers were killed and two civilians died.", (2, None), (3, None)),
        ("Five soldiers and a civilian were killed.", None, (5, None)),
        ("At least 14 people were killed.", None, None),
        (
            "Among the dead were at least 19 civilians, including 2 children.",
            (19, "at least"),
            None,
        ),
        ("the strikes made it possible to neutralise about twenty terrorists", None, (20, "about")),
        (
            "37 people died in the assault on Aqarib, about 30 kilometres east of the town of"
            " Salamiyah, among them 26 civilians.",
            (26, None),
            None,
        ),
        # the Observatory's English: the toll of people "who were killed", then
        # "they are" its parts
        (
            "The Observatory documented the rise in the number of people who were killed in the"
            " massacre committed by warplanes yesterday in al-Sha'ar neighborhood in the eastern"
            " neighborhoods of Aleppo city to 21 people, they are 16 civilians including 5"
            " children, and 5 people whose identities are not known yet.",
            (16, None),
            None,
        ),
        # an army's losses are its dead; a sub-figure with no number takes no role
        ("The brigade lost nine soldiers in the ambush.", None, (9, None)),
        (
            "The rebels said they killed 30 members of the army, among them a colonel,"
            " while seven fighters of the brigade were killed.",
            None,
            (7, None),
        ),
    ],
)
def test_civilians_and_fighters_where_the_text_tells(
    text: str, civilians: Written, fighters: Written
) -> None:
    found = casualties(text)
    assert (_as_written(found.civilians), _as_written(found.fighters)) == (civilians, fighters)


@pytest.mark.parametrize(
    ("text", "subs"),
    [
        ("leaving 18 people - including six women - dead", [(6, "women")]),
        ("at least 31 civilians and four children were killed", [(4, "children")]),
        ("12 people, including four children, were killed in the raid", [(4, "children")]),
        ("12 people (including 4 children) were killed", [(4, "children")]),
        ("killing 12, including four children and two women", [(4, "children"), (2, "women")]),
        ("the strike killed 20 civilians, including 12 children", [(12, "children")]),
        ("Six people, among them two women, were killed", [(2, "women")]),
        ("killed eight, six of them children", [(6, "children")]),
        ("Among the dead were four children.", [(4, "children")]),
        ("Four children were among the dead.", [(4, "children")]),
        (
            "The bombardment killed at least 20 people in Douma on Monday, among them 5 children",
            [(5, "children")],
        ),
        (
            "The death toll from Tuesday's attack has risen to 86, including 30 children.",
            [(30, "children")],
        ),
        ("killed 20 people, including 12 civilians", []),  # civilians, not a sub-figure
        ("Monitors said 11 children were among the 31 killed.", [(11, "children")]),
        ("A mother and her three children were killed.", [(3, "children")]),
        ("The strike killed 14 people overnight, including five children.", [(5, "children")]),
        ("More than 70 people died, 20 of them children.", [(20, "children")]),
        # past an aside with a measure; never past another figure
        (
            "killed 20 people in Douma, a town east of Damascus, including 12 children",
            [(12, "children")],
        ),
        ("Shelling killed 20 people in Douma, 12 in Harasta, including 5 children.", []),
    ],
)
def test_sub_figures_of_the_toll(text: str, subs: list[tuple[int, str]]) -> None:
    assert [(f.number, f.noun) for f in casualties(text).sub] == subs


# --- the wounded -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hurt", "high"),
    [
        ("Shelling wounded 30 in the old city.", (30, None), None),
        ("30 others were injured.", (30, None), None),
        ("The blast killed two, injuring dozens.", None, None),
        ("killed at least 12 civilians and wounded more than 30 others", (30, "more than"), None),
        ("killed 12 people and 30 others were injured", (30, None), None),
        ("The strike left at least 14 people dead and 30 wounded.", (30, None), None),
        ("between 20 and 30 people were wounded", (20, None), 30),
        ("The number of wounded rose to 80.", (80, None), None),
        ("12 dead, 30 wounded in Idlib", (30, None), None),
        ("Four civilians were killed and seven wounded.", (7, None), None),
        ("At least 12 people were killed or wounded.", None, None),
    ],
)
def test_the_wounded(text: str, hurt: Written, high: int | None) -> None:
    found = casualties(text)
    assert (_as_written(found.injured), found.injured_max) == (hurt, high)


def test_the_blast_killed_two_and_the_dozens_wounded_take_no_number() -> None:
    found = casualties("The blast killed two, injuring dozens.")
    assert _as_written(found.killed) == (2, None) and found.injured is None


def test_a_figure_keeps_its_noun() -> None:
    found = casualties("Airstrikes kill 20 civilians in Aleppo")
    assert found.killed == Figure(20, None, "civilians")


# --- never a figure --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Published March 9 2015",
        "Published March 9, 2015\n\nA man was killed in the strike.",
        "On March 9 a man was killed.",
        "9 March: a man was killed in the shelling",
        "A 12-year-old boy was killed.",
        "a twelve-year-old boy was killed",
        "A boy, aged 12, was killed.",
        "Ahmed, 12, was killed with his father.",
        "He was killed in 2014.",
        "Resolution 2254 was adopted as civilians were killed.",
        "At 10:31 GMT a shell hit the market, killing a child.",
        "The 5th Brigade lost a man, killed at a checkpoint.",
        "A soldier was killed on route 5.",
        "They were killed two years ago.",
        "killed 3 km from the town",
        "He was killed in the first week of the siege.",
        "The town was bombed for the third time; a woman was killed.",
        "Killed on 9/3/2015",
        "killed 12 hours after the truce",
        "The Su-24 was shot down; its pilot was killed.",
        "Killed at 5 pm on Tuesday",
        "No one was killed.",
        "the 2011 uprising killed a man",
        "The rebels lost two villages and 40 tanks.",
        "The quake buried 12 people under the rubble.",
        "The party lost 12 seats.",
    ],
)
def test_never_a_figure(text: str) -> None:
    assert _numbers(casualties(text)) == set()


# --- cumulative tolls ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Since the war began in 2011 more than 300,000 people have been killed.",
        "The death toll in the province this month rose to 210.",
        "At least 500 civilians have been killed so far this year.",
        "Since the start of the offensive, 400 people have died.",
        "More than 400,000 people have died in the conflict.",
        "Airstrikes killed 90 people over the past week.",
        "More than 1,200 people have been injured since March.",
        "In Syria's civil war, hundreds of thousands have been killed.",
        "More than 400,000 people have died in Syria’s war.",
        "The war has killed more than 300,000 people.",
        "Russian strikes killed 50 civilians in recent days.",
        "killed to date",
        "The militants have been firing mortars at the capital for weeks, killing 12.",
        "More than 400,000 people are estimated to have been killed in Syria's six-year war.",
        "Over the past 24 hours Russian aircraft performed 59 sorties and struck 212 targets.",
        "The fighting, which has been raging since 2011, has killed 300,000 people.",
        "More than 500 people have been killed in the barrel bomb campaign since mid-December.",
    ],
)
def test_cumulative_tolls(text: str) -> None:
    assert is_cumulative(text)


@pytest.mark.parametrize(
    "text",
    [
        "The death toll climbed to at least 45.",
        "Car bomb kills 12 in Syria",
        "An airstrike on Tuesday killed 12 people in the town of Saraqeb.",
        "The strike last week killed 20 civilians.",
        "Four people died in the war-torn city of Aleppo.",
        "Since Tuesday's attack, rescuers have pulled 30 bodies from the rubble.",
        "In the deadliest attack this year, a car bomb killed 40 people.",
        "A strike earlier this month killed 12 people in Douma.",
        "The attack took place in Erbin, a town that has been under siege since 2013.",
    ],
)
def test_an_incidents_toll_is_not_cumulative(text: str) -> None:
    assert not is_cumulative(text)


def test_a_cumulative_toll_is_still_read() -> None:
    found = casualties("Since the war began in 2011 more than 300,000 people have been killed.")
    assert _as_written(found.killed) == (300000, "more than")


# --- killed() and injured() -------------------------------------------------------


def test_killed_and_injured_are_the_main_figures() -> None:
    sentence = "A Russian missile killed at least 12 people and wounded 40 at the market."
    assert (_as_written(killed(sentence)), _as_written(injured(sentence))) == (
        (12, "at least"),
        (40, None),
    )
    assert killed("at least 31 civilians and four children were killed") == Figure(
        31, "at least", "civilians"
    )


# --- numbers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("31", 31),
        ("1,200", 1200),
        ("300,000", 300000),
        ("1.5 million", 1500000),
        ("twenty-three", 23),
        ("twenty three", 23),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half a dozen", 6),
        ("a hundred", 100),
        ("two hundred and fifty", 250),
        ("three thousand", 3000),
        ("nineteen", 19),
    ],
)
def test_numbers_as_written(written: str, number: int) -> None:
    assert value(written) == number


def test_masking_keeps_offsets() -> None:
    text = "On March 9, 2015, a 12-year-old and 14 others were killed at 10:31 GMT."
    hidden = masked(text)
    assert len(hidden) == len(text) and "14 others" in hidden
    assert "9" not in hidden and "2015" not in hidden and "12" not in hidden


# --- properties -------------------------------------------------------------------

_UNITS = "zero one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def _in_words(n: int) -> str:
    """1..999 in words, as a reporter would write them."""
    if n >= 100:
        rest = n % 100
        head = f"{_UNITS[n // 100]} hundred"
        return f"{head} and {_in_words(rest)}" if rest else head
    if n >= 20:
        return _TENS[n // 10 - 2] + (f"-{_UNITS[n % 10]}" if n % 10 else "")
    return _TEENS.split()[n - 10] if n >= 10 else _UNITS[n]


_QUALIFIERS = st.sampled_from([None, "at least", "more than", "nearly", "about", "up to", "some"])
_PEOPLE = st.sampled_from(["people", "civilians", "soldiers", "residents", "others", ""])
_SHAPES = [
    "{q}{n} {p} were killed in the strike.",
    "The strike killed {q}{n} {p} on Tuesday.",
    "Shelling on the town left {q}{n} {p} dead.",
    "Syria: {q}{n} {p} killed in Idlib",
    "The death toll rose to {q}{n}.",
]


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=1, max_value=999_999),
    st.booleans(),
    _QUALIFIERS,
    _PEOPLE,
    st.sampled_from(_SHAPES),
)
def test_a_written_toll_is_read_as_written(
    n: int, words: bool, qualifier: str | None, people: str, shape: str
) -> None:
    written = _in_words(n) if words and n < 1000 else f"{n:,}"
    text = shape.format(q=f"{qualifier} " if qualifier else "", n=written, p=people)
    text = " ".join(text.split())
    assert _as_written(casualties(text).killed) == (n, qualifier), text


_MONTHS = st.sampled_from(
    ["January", "March", "May", "June", "September", "Sept", "Dec", "October", "April"]
)
_NO_FIGURE = [
    "Published {month} {day} {year}\n\nA man was killed in the strike.",
    "Published {month} {day}, {year}. A child was killed.",
    "On {month} {day}, a boy was killed.",
    "{day} {month} {year}: a woman was killed in the shelling",
    "A {age}-year-old boy was killed.",
    "A {age} year old girl was killed in the raid.",
    "A boy, aged {age}, was killed.",
    "Ahmed, {age}, was killed in the raid.",
    "He was killed in {year}.",
    "Killed in {month} {year}",
    "At {hour}:{minute} GMT a shell hit the market, killing a man.",
    "The strike at {hour}:{minute} killed a child.",
    "Killed on {day}/{month_number}/{year}",
    "They were killed {age} years ago.",
    "killed {age} km from Aleppo",
    "a man was killed on route {age}",
    "killed in the {day}th attack since {year}",
]


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(_NO_FIGURE),
    _MONTHS,
    st.integers(min_value=1, max_value=31),
    st.integers(min_value=1900, max_value=2030),
    st.integers(min_value=1, max_value=99),
    st.integers(min_value=0, max_value=23),
    st.integers(min_value=0, max_value=59),
)
def test_never_a_date_a_time_a_year_or_an_age(
    shape: str, month: str, day: int, year: int, age: int, hour: int, minute: int
) -> None:
    text = shape.format(
        month=month,
        day=day,
        year=year,
        age=age,
        hour=hour,
        minute=f"{minute:02d}",
        month_number=(day % 12) + 1,
    )
    assert _numbers(casualties(text)) == set(), text


_VOCABULARY = st.sampled_from(
    "killed killing kills dead died wounded injuring injured toll death rose to at least "
    "more than between and or including among them of whom civilians people soldiers "
    "children women left leaving the a in on since 2011 12 1,200 twenty-three dozens "
    "- – , . ( ) : ; 10:31 GMT March 9 year-old aged all bodies martyrs number".split()
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_VOCABULARY, max_size=40))
def test_never_raises_on_casualty_words(words: list[str]) -> None:
    found = casualties(" ".join(words))
    for figure in [found.killed, found.civilians, found.fighters, found.injured, *found.sub]:
        assert figure is None or figure.number >= 0
    if found.killed_max is not None:
        assert found.killed is not None and found.killed_max > found.killed.number
    if found.injured_max is not None:
        assert found.injured is not None and found.injured_max > found.injured.number
    is_cumulative(" ".join(words))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_any_text(text: str) -> None:
    assert isinstance(casualties(text), Casualties)
    assert masked(text).__len__() == len(text)


_WITH_FIGURE = [
    "On {month} {day}, {year}, {n} people were killed in the strike.",
    "Published {month} {day} {year}\n\nShelling killed {n} civilians on Tuesday.",
    "A {age}-year-old boy was among {n} people killed at {hour}:{minute} GMT.",
    "Since {year}, the town has been shelled; on {day} {month} it killed {n}.",
    "{n} dead as {age}-year-old bomber strikes at {hour}:{minute}",
]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(_WITH_FIGURE),
    _MONTHS,
    st.integers(min_value=1, max_value=31),
    st.integers(min_value=1900, max_value=2030),
    st.integers(min_value=1, max_value=99),
    st.integers(min_value=0, max_value=23),
    st.integers(min_value=0, max_value=59),
    st.integers(min_value=2, max_value=5000),
)
def test_only_the_figure_beside_a_date_a_time_a_year_or_an_age(
    shape: str, month: str, day: int, year: int, age: int, hour: int, minute: int, n: int
) -> None:
    text = shape.format(
        month=month, day=day, year=year, age=age, hour=hour, minute=f"{minute:02d}", n=n
    )
    found = casualties(text)
    assert found.killed is not None and found.killed.number == n, text
    assert _numbers(found) == {n}, text
