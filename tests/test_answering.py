"""The answer's text: the direct value, dated times, composition (qa/answering.py)."""

from __future__ import annotations

import pytest
from evidence_tools import answers_count

from qa.answering import compose
from qa.citations import Citation
from qa.conversation import standalone_question


def test_a_second_article_is_introduced_with_its_date_and_not_its_title() -> None:
    first = Citation(1, "a.txt", "Plan", "2024-01-01", None, "Nissan will open a plant in 2028.", 0, 33)
    later = Citation(2, "b.txt", "Reversal", "2025-03-01", None, "Nissan cancelled the plant.", 0, 27)
    undated = Citation(3, "c.txt", "Rumour", None, None, "Nissan may build it.", 0, 20)
    text = compose("2028", [first, later])
    assert text.startswith("2028. [1]")
    assert "A later article (2025-03-01) says: “Nissan cancelled the plant.” [2]" in text
    assert "An earlier article (2024-01-01) says: “Nissan will open a plant in 2028.” [1]" in compose(None, [later, first])
    assert "Reversal" not in text  # the title stands in the sources listed under the answer
    assert compose(None, [first, undated]).endswith("Another article says: “Nissan may build it.” [3]")


def test_beside_a_third_article_each_other_one_is_dated_against_the_first() -> None:
    first = Citation(1, "a.txt", "Plan", "2024-04-11", None, "Halvern promised 350 jobs.", 0, 26)
    middle = Citation(2, "b.txt", "Deal", "2025-02-19", None, "Halvern now expects 280 jobs.", 0, 29)
    latest = Citation(3, "c.txt", "Cut", "2026-03-27", None, "Halvern now expects 240 jobs.", 0, 29)
    text = compose("240 [3]", [first, middle, latest])
    assert "A later article (2025-02-19) says: “Halvern now expects 280 jobs.” [2]" in text
    assert "A later article (2026-03-27) says:" in text
    assert "An earlier article (2024-04-11) says:" in compose(None, [latest, middle, first])


def test_an_article_is_introduced_once_per_run_of_its_quotes() -> None:
    from qa.answering import answer_content

    first = Citation(1, "a.txt", "Plan", "2024-01-01", None, "Nissan will open a plant.", 0, 25)
    other = Citation(2, "b.txt", "Reversal", "2025-03-01", None, "Nissan cancelled the plant.", 0, 27)
    more = Citation(3, "b.txt", "Reversal", "2025-03-01", None, "Toyota paused its plant.", 30, 54)
    back = Citation(4, "a.txt", "Plan", "2024-01-01", None, "It employs 3,900.", 30, 47)
    text = compose(None, [first, other, more, back])
    assert text.count("A later article") == 1
    assert "says: “Nissan cancelled the plant.” [2] “Toyota paused its plant.” [3]" in text
    assert text.endswith("The first article says: “It employs 3,900.” [4]")
    assert "says" not in answer_content(text)


def test_a_bullet_copied_from_the_prompt_is_not_part_of_the_reply() -> None:
    from qa.answering import parse_reply

    assert parse_reply("- Approximately 3,900 employees.") == "Approximately 3,900 employees."
    assert parse_reply("• CATL.") == "CATL."


@pytest.mark.parametrize(
    ("quote", "wanted", "expected"),
    [
        ("The Oppama facility, which has approximately 3,900 employees, faced closure.", "count", "Approximately 3,900 employees"),
        ("Corporations will spend $7 billion (1 trillion yen) on batteries.", "money", "$7 billion (1 trillion yen)"),
        ("It plans to close 7 out of its 17 factories.", "count", None),  # two values: no single answer
        ("Production starts in 2028 after investing $1 billion.", "time", "2028"),
        ("Production starts in 2028.", "percent", None),  # no value of the asked kind
        ("It has 3,900 employees.", None, None),  # the question asks for no value
        ("Panasonic, once a pioneer, was trailing at sixth place.", "rank", "Sixth place"),
        ("Third and fourth, respectively, were LG Energy Solution and SK On.", "rank", None),  # whose is whose: the quote says
        ("CATL led for the eighth consecutive year.", "rank", None),  # a count of years, no rank
        ("Sales were 29,282 units in June 2024, a 39% decrease.", "time", "June 2024"),  # the month with its year
        # Currencies other than the four signs, written before or after the amount
        ("Nordvang paid SKr 121 in cash.", "money", "SKr 121"),
        ("The shares fell to 97 kronor.", "money", "97 kronor"),
    ],
)
def test_direct_value_is_the_one_value_of_the_asked_kind(quote: str, wanted: str | None, expected: str | None) -> None:
    from qa.answering import direct_value

    assert direct_value(quote, wanted, "How many or how much?") == expected


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("Sales reached 2 million cars, a 5% rise worth $3 billion.", "2 million cars"),  # "million" alone is no sum
        ("Sales rose 5% to $3 billion.", None),
        ("It spent 350 billion yen on 12 new cars.", "12"),
    ],
)
def test_a_tally_is_never_answered_by_a_share_or_a_sum(quote: str, expected: str | None) -> None:
    """The value shown first and the evidence typing share one definition of a share or a sum."""
    from qa.answering import direct_value

    assert direct_value(quote, "count", "How many cars were sold?") == expected


def test_the_figure_a_quote_says_was_replaced_does_not_lead() -> None:
    from qa.answering import direct_value

    quote = "The route will have 11 stops rather than 12."
    assert direct_value(quote, "count", "How many stops will the line have?") == "11 stops"
    assert direct_value(quote, "count", "How many stops did the line first have?") is None  # both are in the quote
    assert direct_value("Halvern now expects 280 jobs, down from the 350 it promised.", "count", "How many jobs?") == "280 jobs"


def test_no_value_leads_from_a_quote_that_does_not_say_the_month_asked() -> None:
    from qa.answering import direct_value

    whole_year = "CATL retained the top position with a dominant 37.9% market share."
    question = "What share did CATL hold in July 2024?"
    assert direct_value(whole_year, "percent", question) is None  # said for 2024, not for July
    assert direct_value("As of July 2024, CATL held a dominant 37.6% share.", "percent", question) == "37.6%"
    assert direct_value(whole_year, "percent", "What share did CATL hold in 2024?") == "37.9%"


def test_when_work_begins_does_not_lead_an_answer_to_when_the_thing_runs() -> None:
    from qa.answering import direct_value

    begins = "Construction at the site is scheduled to begin in May 2026, once demolition is complete."
    assert direct_value(begins, "time", "When will the battery be fully up and running?") is None
    assert direct_value(begins, "time", "When will construction begin?") == "May 2026"
    both = "Work starts in 2025, and the line opens in 2027."
    assert direct_value(both, "time", "When does the line open?") == "2027"


def test_a_reply_that_cites_as_it_goes_keeps_its_markers() -> None:
    citations = [Citation(1, "a", "A", "", "", "It opens in 2027.", 0, 17), Citation(2, "b", "B", "", "", "It opens in 2029.", 0, 17)]
    text = compose("The Subaru plant: 2027 [1]; the Lexus plant: 2029 [2]", citations)
    assert text.startswith("The Subaru plant: 2027 [1]; the Lexus plant: 2029 [2]. “It opens in 2027.” [1]")


def test_a_reply_joining_two_quotes_is_marked_with_both() -> None:
    plan = Citation(1, "a", "A", "", "", "Bracken Quay Terminals will spend €640 million on the North Basin.", 0, 66)
    strike = Citation(2, "b", "B", "", "", "The strike cost Bracken Quay about €27 million.", 0, 47)
    text = compose("Bracken Quay Terminals lost €27 million", [plan, strike])
    assert text.startswith("Bracken Quay Terminals lost €27 million. [1][2]")
    # A reply one quote holds is marked with that quote alone.
    assert compose("It lost €27 million", [plan, strike]).startswith("It lost €27 million. [2]")


def test_a_follow_up_reads_the_answer_without_its_lead_ins() -> None:
    from qa.answering import answer_content

    answer = ("“Third and fourth were South Korean companies LG Energy Solution and SK On.” [1] Another article "
              "(2025-07-07) says: “CATL led.” [2]")
    assert answer_content(answer) == ("“Third and fourth were South Korean companies LG Energy Solution and SK On.” [1] "
                                      "“CATL led.” [2]")
    previous = "Which company was fourth in EV battery market share?"
    assert standalone_question("What country is it from?", [(previous, answer_content(answer))]) == (
        "What country is LG Energy Solution from?"
    )


def test_a_sum_of_money_answers_how_much_only_when_money_is_asked() -> None:
    from qa.answering import direct_value
    spend = "Japanese corporations will spend $7 billion (1 trillion yen) to increase production."
    assert not answers_count(spend, "How much does Japan produce now?")
    assert answers_count(spend, "How much will they invest to raise output?")
    grant = "Oskar will receive a €1.8 billion grant from the fund."
    assert answers_count(grant, "How large is the government grant?")
    raise_by = "Toyota and Nissan will spend $7 billion to raise Japan's EV battery production by 50%."
    assert direct_value(raise_by, "count", "How much will Japan's battery output grow?") == "50%"


def test_a_who_question_about_a_role_leads_with_the_name_beside_it() -> None:
    from qa.answering import direct_value

    quote = "The plan was revealed earlier this year by Nissan's CEO Ivan Espinosa, reports News.Az."
    assert direct_value(quote, "entity", "Who is Nissan's CEO?") == "Ivan Espinosa"
    assert direct_value(quote, "entity", "Who is Nissan's chief executive?") == "Ivan Espinosa"
    assert direct_value(quote, "entity", "Which company reported it?") is None  # no role asked
    unnamed = "A representative from the Japan Automobile Importers Association (JAIA) told Argus so."
    assert direct_value(unnamed, "entity", "Who is the JAIA representative?") is None


def test_the_direct_value_of_a_change_is_the_end_the_question_asks_for() -> None:
    from qa.answering import direct_value

    quote = "Production would increase from 80 GWh to 120 GWh with the help of the funds."
    assert direct_value(quote, "count", "How many GWh does Japan produce now?") == "80 GWh"
    assert direct_value(quote, "count", "How many GWh will Japan produce with the funds?") == "120 GWh"
    assert direct_value(quote, "count", "How many GWh?") is None  # both ends: the quote says which is which
    goal = "METI had aimed to expand domestic battery production capacity to 150 GWh annually by 2030."
    assert direct_value(goal, "count", "How many GWh does Japan produce now?") is None
    assert direct_value(goal, "count", "How many GWh does Japan aim for?") == "150 GWh"


def test_a_role_spelled_out_after_its_holder_names_the_holder() -> None:
    from qa.answering import direct_value
    from qa.asking import named_thing
    from qa.values import has_new_value

    question = "Who is Oskar Semiconductor's chief executive?"
    said = "\"We would rather open late,\" said Marta Quillan, Oskar's chief executive, on a call with analysts."
    asked = {"oskar", "semiconductor"}
    assert direct_value(said, "entity", question) == "Marta Quillan"
    assert has_new_value(said, "entity", set(), asked, named_thing(question), question=question)
    # The role alone names no one, spelled out or not.
    for alone in ("Oskar's chief executive said nothing new.", "Oskar's CEO said nothing new."):
        assert not has_new_value(alone, "entity", set(), asked, named_thing(question), question=question)
    assert direct_value("The plan was revealed by Nissan's CEO Ivan Espinosa.", "entity", "Who is Nissan's CEO?") == "Ivan Espinosa"


def test_a_holder_named_before_a_relative_clause_giving_the_role_holds_it() -> None:
    from qa.answering import direct_value
    from qa.asking import named_thing
    from qa.values import has_new_value

    question = "Who will be the new board's first chief executive?"
    said = "Dr Anselm Pryde-Kettle, who will be the board's first chief executive when it meets in May, backed the plan."
    asked = {"board"}
    assert direct_value(said, "entity", question) == "Dr Anselm Pryde-Kettle"
    assert has_new_value(said, "entity", set(), asked, named_thing(question), question=question)
    # A relative clause about something else names no holder.
    other = "Dr Anselm Pryde-Kettle, who chairs the finance panel, said the chief executive would be named in May."
    assert direct_value(other, "entity", question) is None


def test_a_role_said_to_be_another_organisations_names_no_holder() -> None:
    from qa.answering import direct_value
    from qa.asking import named_thing
    from qa.values import has_new_value

    question = "Who is the chief executive of Bracken Quay Terminals?"
    asked = {"bracken", "quay", "terminals"}
    other = "\"We have the funds,\" said Henrika Solberg-Ames, chief executive of the Vellamar Port Authority."
    assert direct_value(other, "entity", question) is None
    assert not has_new_value(other, "entity", set(), asked, named_thing(question), question=question)
    for own in ("\"We have the funds,\" said Ivo Brandt, chief executive of Bracken Quay Terminals.",
                "Bracken Quay CEO Ivo Brandt said the funds were there.",
                "Chief executive Ivo Brandt said the funds were there."):  # whose is unsaid
        assert direct_value(own, "entity", question) == "Ivo Brandt"
        assert has_new_value(own, "entity", set(), asked, named_thing(question), question=question)
    # A question naming no owner takes anyone's.
    assert direct_value(other, "entity", "Who is the chief executive?") == "Henrika Solberg-Ames"
