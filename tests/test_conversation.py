"""Follow-up questions rewritten into standalone ones (qa/conversation.py)."""

from __future__ import annotations

import pytest

from qa.conversation import follow_up_parts, standalone_question


def test_follow_ups_resolve_against_history() -> None:
    catl = [("What market share did CATL hold as of July 2024?", "37.6% [1]")]
    assert standalone_question("And BYD?", catl) == "What market share did BYD hold as of July 2024?"
    who = [("Which automaker is in talks with Foxconn?", "Nissan Motor Co. [1]")]
    assert standalone_question("Who is its CEO?", who) == "Who is Nissan Motor Co.'s CEO?"
    chain = [*who, ("Who is its CEO?", "Ivan Espinosa [1]")]
    assert standalone_question("And Toyota?", chain) == "Who is Toyota's CEO?"
    assert standalone_question("Who is Nissan's CEO?", None) == "Who is Nissan's CEO?"
    # A capitalised auxiliary that starts the earlier question is not part of its subject's name.
    confirmed = [("Has Nissan confirmed the talks with Foxconn?", "No [1]")]
    assert standalone_question("What did Foxconn say about them?", confirmed) == "What did Foxconn say about Nissan?"


def test_a_thing_the_question_itself_defines_points_at_no_earlier_turn() -> None:
    earlier = [("Which ministry set the 150 GWh goal?", "METI set it. [1]")]
    own = "What did the automaker in talks with Foxconn intend to produce?"
    assert standalone_question(own, earlier) == own  # not "Ministry's automaker"
    assert standalone_question("When will the plant in Kitakyushu open?", earlier) == "When will the plant in Kitakyushu open?"
    oppama = [("Where is Nissan's Oppama plant?", "In Yokosuka. [1]")]
    assert standalone_question("How many worked at the plant in 2025?", oppama) == "How many worked at the Oppama plant in 2025?"


def test_he_or_she_points_at_the_person_the_answer_names_for_a_role() -> None:
    earlier = [("What is Nissan's CEO's name?", "Nissan's CEO Ivan Espinosa. [1]")]
    assert standalone_question("What did he announce?", earlier) == "What did Ivan Espinosa announce?"
    # "it" still points at the company the earlier question is about.
    assert standalone_question("What did it announce?", earlier) == "What did Nissan announce?"


@pytest.mark.parametrize("follow_up", ["For how many years?", "Since when?", "By how much exactly?", "Why?", "Out of how many?"])
def test_a_follow_up_that_is_only_a_phrase_asks_about_the_question_before(follow_up: str) -> None:
    earlier = [("Which company is the biggest battery maker?", "CATL [1]")]
    assert standalone_question(follow_up, earlier) == f"{follow_up.rstrip('?')} (Which company is the biggest battery maker)?"


@pytest.mark.parametrize(
    ("follow_up", "expected"),
    [
        # Carried on with "And", a question that names nothing asks about the one before.
        ("And when does production start?", "When does production start (How much will Nissan invest in LFP batteries)?"),
        ("And what is its share?", "What is Nissan's share?"),
        ("And when will Toyota's plant open?", "When will Toyota's plant open?"),
        ("And BYD?", "How much will BYD invest in LFP batteries?"),
        # Another time or place for the same question; a deed pointed at is the last question's.
        ("And in 2029?", "in 2029 (How much will Nissan invest in LFP batteries)?"),
        ("And abroad?", "abroad (How much will Nissan invest in LFP batteries)?"),
        ("And why did it do that?", "Why did Nissan do that (How much will Nissan invest in LFP batteries)?"),
    ],
)
def test_a_question_carried_on_with_and_keeps_the_subject_of_the_one_before(follow_up: str, expected: str) -> None:
    earlier = [("How much will Nissan invest in LFP batteries?", "Approximately $1 billion [1]")]
    assert standalone_question(follow_up, earlier) == expected


def test_a_new_subject_that_names_its_thing_stands_for_the_old_one_s_whole_phrase() -> None:
    earlier = [("When was Nissan's LFP plant supposed to open?", "2028 [1]")]
    assert standalone_question("And Toyota's Fukuoka plant?", earlier) == "When was Toyota's Fukuoka plant supposed to open?"
    assert standalone_question("And Toyota?", earlier) == "When was Toyota's LFP plant supposed to open?"


def test_it_after_a_question_asking_what_was_done_keeps_that_question_whole() -> None:
    # "it" may be the thing bought as well as the buyer: no guess, the earlier question goes along.
    earlier = [("What did Toyota buy from LG Energy Solution?", "Batteries worth $1.5 billion. [1]")]
    expected = "How much was it worth (What did Toyota buy from LG Energy Solution)?"
    assert standalone_question("How much was it worth?", earlier) == expected
    assert standalone_question("How much did Nissan pay for it?", earlier) == "How much did Nissan pay for it (What did Toyota buy from LG Energy Solution)?"
    # "it" that does something is the party, as before.
    assert standalone_question("What is it discussing with Foxconn?", earlier) == "What is Toyota discussing with Foxconn?"
    # After a question asking what something is, "it" is its subject, as before.
    assert standalone_question("What did it announce?", [("What is Nissan's CEO's name?", "Ivan Espinosa. [1]")]) == "What did Nissan announce?"


def test_a_short_question_of_its_own_stands_alone() -> None:
    earlier = [("Which company is the biggest battery maker?", "CATL [1]")]
    assert standalone_question("Which one ranks second?", earlier) == "Which one ranks second?"
    assert standalone_question("What does BYD make?", earlier) == "What does BYD make?"


@pytest.mark.parametrize(
    ("earlier", "answer", "follow_up", "expected"),
    [
        # "them" is not Foxconn, which its own question names, but the name next to "junior alliance partner".
        ("Which company is Nissan's junior alliance partner?",
         "Foxconn has signed a memorandum with Mitsubishi Motors, which is Nissan's junior alliance partner. [1]",
         "What will Foxconn supply them with?", "What will Foxconn supply Mitsubishi Motors with?"),
        ("Which of Nissan's plants is in the talks?", "Nissan is in EV talks about its Oppama plant. [1]",
         "Why could that plant close?", "Why could the Oppama plant close?"),
        ("Which company's facility supplies Toyota?",
         "Toyota buys $1.5 billion USD of batteries from LG Energy Solution's facility. [1]",
         "When will that facility ship?", "When will LG Energy Solution's facility ship?"),
        # Neither a nationality nor the country the question already named ("Japanese") is what "it" is.
        ("Which Japanese automaker put its battery plant on hold?",
         "Chinese batteries led Toyota, Japan's largest automaker, to put the plant on hold. [1]",
         "Where does it buy batteries?", "Where does Toyota buy batteries?"),
        # "What is holding back ...?" asks about the market, not for a name: "it" is not the answer's South Korea.
        ("What is holding back Japan's EV market?", "China and South Korea are the market leaders. [1]",
         "What did the importers say about it?", "What did the importers say about Japan?"),
        ("Why is the Japanese government helping?", "To diversify. [1]",
         "How much will it spend?", "How much will the Japanese government spend?"),
        # The name the answer leads with is the answer, though the quote names others nearer "CEO".
        ("Who is Nissan's CEO?",
         "Ivan Espinosa. [1] “… revealed earlier this year by Nissan's CEO Ivan Espinosa, reports News.Az, referencing Reuters.” [1]",
         "What is he cutting?", "What is Ivan Espinosa cutting?"),
        # "it" is the plant the earlier question asked about, not its owner.
        ("Where was Nissan's LFP plant going to be?", "In Kitakyushu. [1]",
         "When should it have opened?", "When should Nissan's LFP plant have opened?"),
        # "that company" is the company named, not something it owns.
        ("Which company is Nissan talking to about Oppama?", "“Nissan is in talks with Foxconn to allow EV production.” [1]",
         "Where is that company from?", "Where is Foxconn from?"),
        # The name the answer's own words give comes before one a quote gives beside the asked words.
        ("Which company is building the depot at Marwick?",
         "The company building the depot at Marwick is Carden Builders. [1] “Carden Builders won the contract.” [1] "
         "“The group also plans a depot at Marwick General Hospital.” [2]",
         "How much is its contract worth?", "How much is Carden Builders's contract worth?"),
        # "her members" are the members of the body she leads, which the earlier question named.
        ("Who is the general secretary of the Harbour Workers' Union?",
         "Dana Ilves. [1] “…said Dana Ilves, general secretary of the Harbour Workers' Union.” [1]",
         "When did her members walk out?", "When did the Harbour Workers' Union's members walk out?"),
        ("Who is the general secretary of the Harbour Workers' Union?", "Dana Ilves. [1]",
         "What is her pay?", "What is Dana Ilves's pay?"),  # her own, not the union's
        # A bare lead pairs no name with what was asked: the quote's words say which name is meant.
        ("Which company is Harlow buying cranes from?",
         "Dunmore, Ohio. [1] “Harlow is buying cranes from Kestrel Lift's plant in Dunmore, Ohio.” [1]",
         "What was its market share?", "What was Kestrel Lift's market share?"),
        # "who is X?" asks about X, however typed: "her" is X, not a place the answer names.
        ("who is margaret oduya-fenn?",
         "“Margaret Oduya-Fenn, who was elected mayor of Hollin Vale in May 2025, said she was angry.” [1]",
         "what's her job now?", "what's Margaret Oduya-Fenn's job now?"),
        # A question asking what kind a thing is names no new thing: "its" is that thing, however typed.
        ("what kind of company is foxconn", "“Nissan is in talks with Taiwanese technology leader Foxconn about EVs.” [1]",
         "what's its official name", "what's Foxconn's official name"),
        ("What kind of company is Foxconn", "“Nissan is in talks with Taiwanese technology leader Foxconn about EVs.” [1]",
         "what's its official name", "what's Foxconn's official name"),
    ],
)
def test_a_reference_is_resolved_to_the_name_the_answer_gives_it(earlier: str, answer: str, follow_up: str, expected: str) -> None:
    assert standalone_question(follow_up, [(earlier, answer)]) == expected


def test_its_after_a_name_in_the_same_question_is_that_names() -> None:
    history = [("Compare the companies Nissan and Toyota turn to", "x")]
    assert standalone_question("Which firm is Nissan talking to about its plant?", history) == "Which firm is Nissan talking to about its plant?"
    # An imperative that opens the earlier question is no subject: "its" is Nissan, not "Compare".
    assert standalone_question("Where is its plant?", history) == "Where is Nissan's plant?"


def test_a_question_that_points_back_at_a_statement_asked_with_it_is_resolved_by_its_evidence() -> None:
    from qa.conversation import resolve_in_context
    from qa.pipeline import CONTEXT_THEN_QUESTION

    asked = "The article says rivalry comes mostly from one country. What share does that country's top maker hold?"
    context = CONTEXT_THEN_QUESTION.match(asked)
    assert context is not None and context.group("question") == "What share does that country's top maker hold?"
    evidence = "The deal comes amid rising rivalry in the EV industry, especially from China."
    resolved = resolve_in_context(context.group("question"), context.group("statement"), evidence)
    assert resolved == "What share does China's top maker hold?"
    assert resolve_in_context("What share does CATL hold?", context.group("statement"), evidence) == "What share does CATL hold?"
    assert CONTEXT_THEN_QUESTION.match("What share does CATL hold?") is None


def test_he_after_a_question_about_a_role_is_the_person_named_next_to_the_role() -> None:
    answer = (
        "“The Oppama facility faced shutdown due to a global restructuring plan revealed earlier this year by "
        "Nissan's CEO Ivan Espinosa, reports News.Az.” [1]"
    )
    follow = standalone_question("How many factories is he planning to shut?", [("Who is Nissan's CEO?", answer)])
    assert follow == "How many factories is Ivan Espinosa planning to shut?"


def test_its_never_points_at_a_currency() -> None:
    answer = "“Toyota opted to procure approximately $1.5 billion USD worth of batteries from LG Energy Solution.” [1]"
    previous = "Which company is Toyota buying about $1.5 billion worth of batteries from?"
    follow = standalone_question("What was its market share in July 2024?", [(previous, answer)])
    assert follow == "What was LG Energy Solution's market share in July 2024?"


def test_a_later_part_of_a_question_asks_its_own_words_about_what_the_first_part_covers() -> None:
    from qa.conversation import later_part

    first = "Has Nissan confirmed the talks with Foxconn"
    evidence = "Although Nissan did not verify the specifics of the alleged discussions, it said little."
    # "them" is the talks, which the first part's evidence covers: "about Nissan" would find Nissan again.
    assert later_part("what has Foxconn said about them", first, evidence) == "what has Foxconn said"
    # A reference the part cannot do without is resolved as a follow-up's would be.
    where = later_part("where is it located", "How many employees work at the Oppama plant", "The Oppama facility has 3,900 employees.")
    assert where == "where is Oppama located"
    assert later_part("what about it", first, evidence) != "what"


def test_a_follow_up_written_with_the_earlier_question_is_read_back_into_its_two_parts():
    written = standalone_question("For how long?", [("Which company leads the market?", "CATL. [1]")])
    assert follow_up_parts(written) == ("For how long", "Which company leads the market")
    assert follow_up_parts("Which company leads the market?") is None


def test_a_short_follow_up_pointing_at_what_was_asked_takes_the_question_along() -> None:
    history = [("What was Halvern planning to do with the waste heat from the data halls?", "It would pipe it to a greenhouse.")]
    resolved = standalone_question("Is that still going ahead?", history)
    assert follow_up_parts(resolved) == ("Is that still going ahead", "What was Halvern planning to do with the waste heat from the data halls")
    # A later part of one compound question is answered on its own: its first part is not searched again.
    from qa.conversation import later_part

    assert later_part("how did toyota itself frame it", "how does the article label toyota's pullback", "") == "how did toyota itself frame it"
    # A longer question that points back still stands on its own words.
    assert standalone_question("Is that still going ahead now that the co-operative found no money?", history).startswith("Is that")
