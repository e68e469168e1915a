"""One small paragraph per attribution rule: the accounts it must give, and no more."""

from __future__ import annotations

import pytest

from sayso.extract import build_article
from sayso.model import Analysis, Document
from sayso.pipeline import Settings, analyze_article


def _analyse(body: str) -> Analysis:
    doc = Document(id="doc_test", source="test.txt", kind="text", sha256="0" * 64, size=0)
    return analyze_article(doc, build_article(doc, "Talks resume\n\n" + body), Settings())


def _accounts(body: str) -> list[tuple[str, str, str, str | None]]:
    """(rule, kind, content, speaker name or group) of each account."""
    analysis = _analyse(body)
    text = analysis.article.text
    out = []
    for account in analysis.accounts:
        speaker = analysis.speaker(account.speaker_id)
        who = (speaker.name or speaker.group) if speaker else None
        out.append((account.rule, account.kind, account.content.text(text), who))
    return out


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # a clause that opens a quote runs to the quote's end: one mixed account
            "Colonel Samir Haddad said that the army will “hold every street of the city.”",
            [
                (
                    "reported-speech",
                    "mixed",
                    "the army will “hold every street of the city.”",
                    "Samir Haddad",
                )
            ],
        ),
        (  # a quote right after a clause under the same cue joins it
            "Colonel Samir Haddad said the truce had collapsed. “We will answer every attack.”",
            [
                (
                    "reported-speech",
                    "mixed",
                    "the truce had collapsed. “We will answer every attack.”",
                    "Samir Haddad",
                )
            ],
        ),
        (  # the tag verb between two quotes introduces both
            "“We held the bridge,” Colonel Samir Haddad continued. “Nobody crossed it all night.”",
            [
                (
                    "direct-quote",
                    "direct",
                    "We held the bridge,” Colonel Samir Haddad continued. "
                    "“Nobody crossed it all night.",
                    "Samir Haddad",
                )
            ],
        ),
        (  # a participle borrows the subject of its clause
            "Colonel Samir Haddad tweeted on Friday to say the bridge had fallen.",
            [("reported-speech", "indirect", "the bridge had fallen", "Samir Haddad")],
        ),
        (  # naming without quotes
            "Colonel Samir Haddad has taken to calling the rebels a gang of thieves.",
            [("speech-act", "indirect", "the rebels a gang of thieves", "Samir Haddad")],
        ),
        (  # "called for X to ...": the infinitive clause is what was called for
            "The foreign minister called for the United Nations to open a corridor.",
            [("speech-act", "indirect", "the United Nations to open a corridor", None)],
        ),
        (  # evidence shows a noun phrase
            "A UN survey showed a sharp rise in hunger across Darfur.",
            [("speech-act", "indirect", "a sharp rise in hunger across Darfur", None)],
        ),
        (  # a view with its object
            "Many residents see the militia as their only protection.",
            [("belief", "indirect", "the militia as their only protection", "Many residents")],
        ),
        (  # a speech act whose object opens with a quoted fragment keeps its mark
            "Colonel Samir Haddad spoke of “a wave of reprisals” across the province.",
            [
                (
                    "speech-act",
                    "mixed",
                    "“a wave of reprisals” across the province",
                    "Samir Haddad",
                )
            ],
        ),
        (  # the clause after the cue, not the one before the semicolon; a state speaks
            "The convoy never arrived; Russia insists it was never sent.",
            [("reported-speech", "indirect", "it was never sent", "Russia")],
        ),
        (  # a second that-clause with a cue inside is still what was said
            "Colonel Samir Haddad said that the truce held but that the army insisted on "
            "inspecting every truck.",
            [
                (
                    "reported-speech",
                    "indirect",
                    "the truce held but that the army insisted on inspecting every truck",
                    "Samir Haddad",
                )
            ],
        ),
        (  # a noun of saying with its possessor
            "Colonel Samir Haddad spoke on Monday. His call for a ceasefire went unanswered.",
            [("nominal", "indirect", "a ceasefire", "Samir Haddad")],
        ),
        (  # a noun of saying made by the subject of its verb, with a that-clause
            "Colonel Samir Haddad made the claim that the bridge was never mined.",
            [("nominal", "indirect", "the bridge was never mined", "Samir Haddad")],
        ),
        (  # an adjective of stance
            "Colonel Samir Haddad is confident that the bridge will hold.",
            [("belief", "indirect", "the bridge will hold", "Samir Haddad")],
        ),
        (  # a verb that says only with its particle
            "Colonel Samir Haddad pointed out that the bridge was never mined.",
            [("reported-speech", "indirect", "the bridge was never mined", "Samir Haddad")],
        ),
        (  # a passive cue with no agent: the account stays, its speaker unknown
            "Colonel Samir Haddad was asked whether the army would withdraw.",
            [("reported-speech", "indirect", "whether the army would withdraw", None)],
        ),
        (  # a cue opening the sentence, set off by commas, that the parser hangs
            # on the clause after it
            "Instead, Colonel Samir Haddad told CNN, the army would “hold every street.”",
            [("reported-speech", "mixed", "the army would “hold every street.”", "Samir Haddad")],
        ),
        (  # "say" with an object and no clause
            "Three-quarters of the voters said the same of Sanders.",
            [("reported-speech", "indirect", "the same of Sanders", None)],
        ),
        (  # "tell" with the person told and what to do
            "Colonel Samir Haddad told the militias to leave the city.",
            [("reported-speech", "indirect", "the militias to leave the city", "Samir Haddad")],
        ),
        (  # the writer's hedge: a subject and what it appears to do, no source
            "The rebels appear to have withdrawn from the town overnight.",
            [
                (
                    "appearance",
                    "indirect",
                    "The rebels appear to have withdrawn from the town overnight",
                    None,
                )
            ],
        ),
        (  # ... or what it appears to be
            "The commander seemed irritated by the question.",
            [("appearance", "indirect", "The commander seemed irritated by the question", None)],
        ),
        (  # with "it", what follows the hedge
            "It appeared that the talks had collapsed overnight.",
            [("appearance", "indirect", "that the talks had collapsed overnight", None)],
        ),
        (  # "calling X Y", parsed as X holding Y
            "Colonel Samir Haddad has been calling the militia a gang.",
            [("speech-act", "indirect", "the militia a gang", "Samir Haddad")],
        ),
        (  # a speech act with a plain object
            "Colonel Samir Haddad noted the rising number of desertions.",
            [("speech-act", "indirect", "the rising number of desertions", "Samir Haddad")],
        ),
        (  # a question put to someone: who asked is not written
            "Asked whether the talks had failed, the envoy smiled.",
            [("question", "indirect", "whether the talks had failed", None)],
        ),
        (  # a speech act whose object is a gerund
            "Colonel Samir Haddad supports evacuating the wounded by sea.",
            [("speech-act", "indirect", "evacuating the wounded by sea", "Samir Haddad")],
        ),
        (  # the cue after a relative pronoun: what was said follows the cue
            "The deal, which critics say was signed in haste, collapsed.",
            [("reported-speech", "indirect", "was signed in haste", "critics")],
        ),
        (  # a short line of dialogue is no quoted name
            "Asked where the convoy was going, the driver paused. “Kassala,” he answered.",
            [
                ("question", "indirect", "where the convoy was going", None),
                ("direct-quote", "partial", "Kassala,", None),
            ],
        ),
        (  # a verb after a quote that ends its sentence introduces the next quote
            "Colonel Samir Haddad said, “The shelling stopped at dawn. We counted the damage.”"
            " He added, “The bridge is still standing.”",
            [
                (
                    "direct-quote",
                    "direct",
                    "The shelling stopped at dawn. We counted the damage.",
                    "Samir Haddad",
                ),
                ("direct-quote", "direct", "The bridge is still standing.", "Samir Haddad"),
            ],
        ),
        (  # a participle on the second of two coordinated verbs has their subject
            "Colonel Samir Haddad visited the front, and spoke to the troops, saying the army"
            " would “hold every street.”",
            [("reported-speech", "mixed", "the army would “hold every street.”", "Samir Haddad")],
        ),
        (  # a participle of saying after the content is an account of its own
            "Colonel Samir Haddad insisted that the army had “held the line,” claiming that the"
            " rebels had fled.",
            [
                ("reported-speech", "mixed", "the army had “held the line,”", "Samir Haddad"),
                ("reported-speech", "indirect", "the rebels had fled", None),
            ],
        ),
        (  # a quoted phrase belongs to the cue that governs it, not to a nearer one
            "Another exchange has Colonel Samir Haddad discussing who deserves credit for the"
            " term “liberation” in the north. The ministry wrote that he was right.",
            [
                (
                    "direct-quote",
                    "mixed",
                    "who deserves credit for the term “liberation” in the north",
                    "Samir Haddad",
                ),
                ("reported-speech", "indirect", "he was right", None),
            ],
        ),
        (  # a tag followed by someone else's clause does not introduce the next quote
            "“Tell her I promised you a picture,” Samir Haddad said, and his wife cut in."
            " “Don’t forget the camera.”",
            [
                ("direct-quote", "direct", "Tell her I promised you a picture,", "Samir Haddad"),
                # whose it is the text does not say: the speaker is not checked
                ("direct-quote", "direct", "Don’t forget the camera.", None),
            ],
        ),
        (  # a short sentence of its own, after its cue, is a direct quote
            "Colonel Samir Haddad wrote back, “You are right.”",
            [("direct-quote", "direct", "You are right.", "Samir Haddad")],
        ),
        (  # a refusal to speak replaces the speech act inside it
            "The Defence Ministry declined to comment on the report.",
            [("refusal", "indirect", "to comment on the report", "Defence Ministry")],
        ),
    ],
)
def test_rule_gives_its_accounts(
    body: str, expected: list[tuple[str, str, str, str | None]]
) -> None:
    found = _accounts(body)
    # The foreign minister and the survey are unnamed: only the rule, kind and content count.
    assert [(r, k, c) for r, k, c, _ in found] == [(r, k, c) for r, k, c, _ in expected]
    for (_, _, _, who), (_, _, _, want) in zip(found, expected, strict=True):
        if want is not None:
            assert who == want


def test_transcript_labels_speak_and_a_dateline_does_not() -> None:
    found = _accounts(
        "AMMAN: Reporter Lina Haddad interviewed commander Omar Saleh.\n\n"
        "HADDAD: Will the army hold the bridge tonight?\n\n"
        "OMAR SALEH: We will hold it, whatever they send."
    )
    transcript = [(c, who) for rule, _, c, who in found if rule == "transcript"]
    assert transcript == [
        ("Will the army hold the bridge tonight?", "Lina Haddad"),
        ("We will hold it, whatever they send", "Omar Saleh"),
    ]


def test_a_single_capitalised_label_is_no_transcript() -> None:
    found = _accounts("AMMAN: Commander Omar Saleh said the bridge had fallen.")
    assert all(rule != "transcript" for rule, *_ in found)


def test_headline_with_speaker_and_verb() -> None:
    doc = Document(id="doc_test", source="test.txt", kind="text", sha256="0" * 64, size=0)
    text = (
        "Kharkiv Mayor Now Says Shelling ‘Destroyed Half The Town’\n\nThe market was hit at dawn."
    )
    analysis = analyze_article(doc, build_article(doc, text), Settings())
    [account] = analysis.accounts
    assert (account.rule, account.kind) == ("headline", "mixed")
    assert account.content.text(text) == "Shelling ‘Destroyed Half The Town’"
    assert account.speaker_mention is not None
    assert account.speaker_mention.text(text) == "Kharkiv Mayor"


def test_speech_act_inside_reported_speech_is_not_an_account() -> None:
    found = _accounts("Colonel Samir Haddad said he would support the ceasefire plan.")
    assert [(rule, content) for rule, _, content, _ in found] == [
        ("reported-speech", "he would support the ceasefire plan")
    ]


def test_a_military_attack_is_no_account() -> None:
    assert _accounts("The attack on the village killed 12 people, medics said.") == [
        ("reported-speech", "indirect", "The attack on the village killed 12 people", "medics")
    ]


def test_a_generic_role_takes_the_side_of_the_organisation_it_names() -> None:
    analysis = _analyse(
        "The Russian Defence Ministry denied that its forces had struck the market.\n\n"
        "Ministry spokesman Igor Konashenkov said the army had hit a depot."
    )
    sides = {s.name: s.side for s in analysis.speakers}
    assert sides["Igor Konashenkov"] == "russia"


def test_two_fragments_under_one_cue_give_one_account() -> None:
    # Both quoted fragments take the clause their cue governs: one account per span,
    # since account ids are made from the span and the store keys on them.
    analysis = _analyse(
        "The commander tells his fighters at a rally in Idlib to “go to your posts and "
        "wait” and then “go hold some other post” at night."
    )
    text = analysis.article.text
    contents = [a.content.text(text) for a in analysis.accounts]
    assert len(contents) == len(set(contents)) == 1
    assert "go to your posts" in contents[0] and "some other post" in contents[0]


def test_a_number_opening_the_sentence_is_the_speaker() -> None:
    """The parser reads "About two-thirds" as a number modifying the verb."""
    analysis = _analyse("About two-thirds of the residents support reopening the crossing.")
    [account] = analysis.accounts
    assert account.speaker_mention is not None
    text = analysis.article.text
    assert account.speaker_mention.text(text) == "About two-thirds of the residents"
    assert account.content.text(text) == "reopening the crossing"


@pytest.mark.parametrize(
    ("body", "rule", "content", "speaker"),
    [
        (  # the poll that opens the sentence is the source
            "In a new Reuters poll, the ruling party held a ten-point lead in the capital.",
            "frame",
            "the ruling party held a ten-point lead in the capital",
            "a new Reuters poll",
        ),
        (  # the writer's own knowledge is an account too
            "We know that the convoy was stopped at the border.",
            "reported-speech",
            "the convoy was stopped at the border",
            "We",
        ),
        (  # all that the poll shows, not only its object
            "A Gallup poll shows the ruling party with 47 percent against 44 for the opposition.",
            "speech-act",
            "the ruling party with 47 percent against 44 for the opposition",
            "A Gallup poll",
        ),
        (  # a participle on a channel noun: the issuer speaks through it
            "The ministry issued a statement saying the strike hit a fuel depot.",
            "reported-speech",
            "the strike hit a fuel depot",
            "The ministry",
        ),
        (  # a participle on a group noun: the group speaks
            "Police received calls from residents saying shots had been fired near the school.",
            "reported-speech",
            "shots had been fired near the school",
            "residents",
        ),
    ],
)
def test_sources_written_around_the_cue(body: str, rule: str, content: str, speaker: str) -> None:
    analysis = _analyse(body)
    text = analysis.article.text
    [account] = analysis.accounts
    assert (account.rule, account.content.text(text)) == (rule, content)
    assert account.speaker_mention is not None
    assert account.speaker_mention.text(text) == speaker


def test_a_relative_clause_read_as_adverbial_keeps_its_speaker() -> None:
    """The parser may hang "who sits at zero endorsements" on the cue as an
    adverbial clause, taking the speaker with it."""
    from sayso.nlp.parse import load_nlp
    from sayso.nlp.syntax import speaker_phrase

    text = (
        "Sanders, meanwhile, who sits at zero such endorsements, said that he would fight"
        " for every delegate."
    )
    doc = load_nlp()(text)
    said = next(t for t in doc if t.text == "said")
    if any(c.dep_ == "nsubj" for c in said.children):
        pytest.skip("this model parses the subject directly")
    speaker = speaker_phrase(said, [], None, text)
    assert speaker is not None and speaker.text(text) == "Sanders"


def _contents(body: str) -> list[tuple[str, str, str | None]]:
    return [(kind, content, who) for _, kind, content, who in _accounts(body)]


def test_a_quote_closing_a_reported_clause_is_part_of_it() -> None:
    """The quote after the comma ends the writer's clause; it is not a sentence
    of its own, so the whole clause is one mixed account."""
    body = (
        "Colonel Samir Haddad explained that the corridor stays open to every family"
        " that asks, “day or night, in any weather.”"
    )
    assert _contents(body) == [
        (
            "mixed",
            "the corridor stays open to every family that asks, “day or night, in any weather.”",
            "Samir Haddad",
        )
    ]


def test_a_tag_after_a_closed_quote_introduces_the_next_quote_alone() -> None:
    body = "“Why now, after the shelling?” Colonel Samir Haddad wrote back, “The road is clear.”"
    contents = [content for _, content, _ in _contents(body)]
    assert "The road is clear." in contents
    assert not any("Why now" in c and "road is clear" in c for c in contents)


def test_capitalised_words_in_quotes_that_the_sentence_runs_on_from_are_a_fragment() -> None:
    body = (
        "Colonel Samir Haddad said “We held the bridge” for three days before the"
        " reinforcements came."
    )
    [(kind, content, who)] = _contents(body)
    assert kind == "mixed" and who == "Samir Haddad"
    assert content.startswith("“We held the bridge”") and content.endswith("reinforcements came")


def test_a_naming_participle_with_two_objects_is_a_finite_verb() -> None:
    """The parser may read "one lawmaker called X “Y”" as "a lawmaker (who is)
    called X": two objects after the participle show it is the lawmaker's verb.
    The parse is built by hand, as the parser gives it, so the test does not
    depend on the parser's mood."""
    from spacy.tokens import Doc

    from sayso.nlp.parse import load_nlp
    from sayso.nlp.syntax import speaker_phrase

    words = "The vote prompted a debate ; one lawmaker called the siege a crime .".split()
    doc = Doc(
        load_nlp().vocab,
        words=words,
        spaces=[True] * 4 + [False] + [True] * 7 + [False, False],
        heads=[1, 2, 2, 4, 2, 2, 7, 1, 7, 9, 8, 11, 8, 2],
        deps="det nsubj ROOT det dobj punct nummod appos acl det oprd det oprd punct".split(),
        tags="DT NN VBD DT NN : CD NN VBN DT NN DT NN .".split(),
        pos="DET NOUN VERB DET NOUN PUNCT NUM NOUN VERB DET NOUN DET NOUN PUNCT".split(),
        lemmas="the vote prompt a debate ; one lawmaker call the siege a crime .".split(),
    )
    speaker = speaker_phrase(doc[8], [], None, doc.text)
    assert speaker is not None and speaker.text(doc.text) == "one lawmaker"


def test_a_quote_that_opens_on_punctuation_is_still_a_quote() -> None:
    body = '".@UNHCR counted four thousand families on the road," Minister Ali Haidar tweeted.'
    [(kind, content, who)] = _contents(body)
    assert content.startswith(".@UNHCR counted") and who == "Ali Haidar"


@pytest.mark.parametrize(
    ("body", "quoted"),
    [
        ("The army dubbed the offensive “Dawn of Freedom” on Monday.", "Dawn of Freedom"),
        ("Protesters outside the ministry chanted “Free Syria!” for an hour.", "Free Syria!"),
    ],
)
def test_a_name_or_slogan_a_speaker_gives_is_their_words(body: str, quoted: str) -> None:
    contents = [content for _, content, _ in _contents(body)]
    assert any(quoted in c for c in contents)


def test_a_title_in_quotes_under_no_cue_is_nobody_s_words() -> None:
    assert _contents("She watched “Modern Family” with her sons on Sunday.") == []


def test_a_civilian_takes_no_side_from_an_organisation_their_description_names() -> None:
    """A civilian's words ("a vegetable seller ... the Russian strike") are never
    a role of the organisation they name (issue 17: a side from a description
    must be said of the speaker)."""
    analysis = _analyse(
        "The Russian Defence Ministry said its jets had hit a depot.\n\n"
        "Abu Ali, a vegetable seller who lost his stall in the Russian strike, said the "
        "jets hit the market."
    )
    sides = {s.name: s.side for s in analysis.speakers}
    assert sides["Abu Ali"] == "civilian"


def test_it_the_military_and_the_group_are_the_body_that_spoke_before() -> None:
    """ "It", "the group" and "the military" name the body named before them,
    also when it is read as a group ("The Israel Defense Forces", "the Kanbalu
    People's Defense Force (PDF)") (issue 17: pronoun speakers)."""
    analysis = _analyse(
        "The Israel Defense Forces said it struck a command centre, where it said "
        "fighters had been planning attacks.\n\n"
        '"Steps were taken to limit the risk," the military said in a statement.\n\n'
        "Eleven people were killed, according to the Kanbalu People's Defense Force "
        "(PDF).\n\nTwo bombs hit the school, the group said in a statement."
    )
    text = analysis.article.text
    speakers = {}
    for account in analysis.accounts:
        speaker = analysis.speaker(account.speaker_id)
        assert speaker is not None
        speakers[account.content.text(text)[:12]] = speaker.group or speaker.name
    assert speakers["fighters had"] == speakers["Steps were t"] == "The Israel Defense Forces"
    assert speakers["Two bombs hi"] == "the Kanbalu People's Defense Force (PDF)"
