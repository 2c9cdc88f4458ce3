"""The model's reply checked against the cited quotes (qa/verification.py)."""

from __future__ import annotations

import pytest

from qa.asking import question_type
from qa.citations import Citation
from qa.verification import check_reply


def test_a_reply_giving_one_value_to_more_things_than_the_quotes_do_is_not_shown() -> None:
    question = "What is the total cost of the plan, and how much of it is coming from a grant?"
    quotes = ["The grant will cover £90 million of the building's cost."]
    reply = "The total cost of the plan is £90 million, and the grant is £90 million."
    assert any("more things" in problem for problem in check_reply(reply, question, quotes, "money"))
    # Once for once passes; a value stated twice by the quotes may be stated twice; so may one the question states.
    assert not any("more things" in p for p in check_reply("The grant is £90 million.", question, quotes, "money"))
    twice = ["The grant will cover £90 million, and the council will add £90 million."]
    assert not any("more things" in p for p in check_reply(reply, question, twice, "money"))
    asked = "Did the grant of £90 million cover the £90 million building?"
    assert not any("more things" in p for p in check_reply(reply, asked, quotes, None))


def test_a_bare_number_does_not_answer_a_money_question() -> None:
    quotes = ["Toyota and Nissan will spend $7 billion to raise production."]
    assert check_reply("7", "How much will they spend?", quotes, "money")
    assert not check_reply("$7 billion", "How much will they spend?", quotes, "money")


def test_a_reply_that_breaks_off_mid_sentence_is_not_shown() -> None:
    quotes = ["The contract covers the 9.4km route, the new bridge over the River Drane and the tram depot at Kestle Road."]
    question = "What does the contract cover?"
    broken = "The contract covers the 9.4km route, the new bridge over the River Drane, and."
    assert "the reply breaks off mid-sentence" in check_reply(broken, question, quotes, None)
    assert not check_reply("The 9.4km route, the new bridge and the tram depot.", question, quotes, None)
    makers = ["Third and fourth were South Korean companies LG Energy Solution and SK On."]
    assert not check_reply("LG Energy Solution and SK On.", "Which Korean makers are mentioned?", makers, "entity")  # a name
    lansing = ["Toyota opted to procure batteries from LG Energy Solution's facility in Lansing, Michigan."]
    stranded = "The facility in Lansing, Michigan, is where Toyota will procure batteries from."
    assert not check_reply(stranded, "Where is the facility Toyota buys from?", lansing, "place")


def test_a_reply_may_not_give_the_figure_a_quote_says_was_replaced() -> None:
    quotes = ["The route will have 11 stops rather than 12."]
    question = "how many stops will the extension have?"
    assert any("was replaced" in p for p in check_reply("12.", question, quotes, "count"))
    assert not check_reply("11.", question, quotes, "count")
    assert not any("was replaced" in p for p in check_reply("12.", "How many stops did the plan first have?", quotes, "count"))
    # A figure another quote gives as it stands is no replaced one.
    both = ["Halvern now expects 280 jobs, down from the 350 it promised.", "The campus would create 350 jobs."]
    assert not any("was replaced" in p for p in check_reply("350.", "How many jobs will it create?", both, "count"))


def test_a_reply_that_embroiders_on_the_quotes_is_not_shown() -> None:
    quotes = ["Permitting Foxconn to build cars at Oppama would aid Nissan in lowering expenses."]
    question = "How would letting Foxconn make cars at Oppama help Nissan?"
    problems = check_reply("It would help Nissan reduce its carbon footprint.", question, quotes, None)
    assert any("carbon" in p and "footprint" in p for p in problems)
    # Synonyms of quoted words pass ("help" for "aid", "reduce" for "lowering").
    assert not check_reply("It would help Nissan reduce expenses.", question, quotes, None)


@pytest.mark.parametrize(
    ("reply", "shown"),
    [
        ("The Oppama facility will shut down 3,900 factories.", False),  # the quote counts employees
        ("The Oppama facility has about 3,900 employees.", True),
        ("The Oppama facility has about 3,900 staff.", True),  # the same thing, by another word
        ("It employs 3,900 and will close in 2027 after review.", True),  # no counted word; a year counts nothing
    ],
)
def test_a_reply_may_not_pair_a_quoted_number_with_another_thing(reply: str, shown: bool) -> None:
    quotes = ["The Oppama facility, which has approximately 3,900 employees, may close in 2027 after a review."]
    problems = check_reply(reply, "How many does the plant have?", quotes, "count")
    assert any(p.startswith("counts what the quotes do not") for p in problems) is not shown


@pytest.mark.parametrize(
    ("reply", "shown"),
    [
        ("15/17.", False),  # both numbers are quoted, the pair is the model's
        ("7 out of 17 factories.", True),
        ("7/17 of its factories.", True),  # the quote's pair, written another way
        ("Nissan will close 7 factories.", True),  # no ratio at all
    ],
)
def test_a_reply_may_not_join_quoted_numbers_into_a_ratio_the_quotes_do_not_give(reply: str, shown: bool) -> None:
    quotes = ["The vehicle manufacturer intends to close 7 out of its 17 factories globally and cut its workforce by 15%."]
    problems = check_reply(reply, "What share of Nissan's factories will close?", quotes, None)
    assert any(p.startswith("joins numbers") for p in problems) is not shown


@pytest.mark.parametrize(
    ("reply", "shown"),
    [
        ("Tarrick Arena opened in October 2019.", False),  # 2019 is the arena's, October the pay deal's
        ("Tarrick Arena opened in 2019.", True),
        ("The pay deal came in October 2025.", True),  # one quote gives both
    ],
)
def test_a_reply_may_not_join_a_month_and_a_year_from_two_events(reply: str, shown: bool) -> None:
    quotes = ["The company built the 18,000-seat Tarrick Arena, which opened in 2019.",
              "In October 2025, Brennock Construction agreed a 6.5% pay rise with the union."]
    problems = check_reply(reply, "When did the arena open?", quotes, "time")
    assert any(p.startswith("joins a month") for p in problems) is not shown


def test_a_named_answer_must_stand_in_the_best_evidence_not_only_beside_it() -> None:
    question = "Which Japanese company is the only one among the top ten battery makers?"
    best = ["In contrast, Panasonic, once a pioneer, was the only Japanese firm to make the list, trailing at sixth place."]
    aside = ["Japanese corporations will spend $7 billion, with Toyota and Nissan among them."]
    problems = check_reply("Toyota.", question, best + aside, "entity", best=best)
    assert any(p.startswith("names what only a quote beside") for p in problems)
    assert not check_reply("Panasonic is the only one.", question, best + aside, "entity", best=best)
    assert not any(p.startswith("names what only") for p in check_reply("Toyota.", question, best + aside, "entity"))


@pytest.mark.parametrize(
    ("reply", "shown"),
    [
        ("Chinese firms led, while Panasonic held a 37.6% share of the market.", False),  # the quote's 37.6% is CATL's
        ("CATL held a 37.6% share.", True),
        ("BYD held 16.1%.", True),  # named in the quote that gives 16.1%
        ("BYD's share of CATL was 16.1%.", False),  # the quote names CATL, but gives it 37.6%
        ("CATL led, and BYD had 16.1%.", True),
        ("Nissan will close 7 of its 17 factories.", True),  # the quote names no one before 7: "The vehicle manufacturer"
    ],
)
def test_a_value_may_not_be_given_to_a_party_the_quote_holding_it_does_not_name(reply: str, shown: bool) -> None:
    quotes = [
        "As of July 2024, CATL held a dominant 37.6% share of the market, with BYD in second place with 16.1%.",
        "The vehicle manufacturer intends to close 7 out of its 17 factories globally.",
    ]
    problems = check_reply(reply, "How dominant were the top makers?", quotes, None)
    assert any(p.startswith("gives a value to whom") for p in problems) is not shown


def test_a_value_from_a_respectively_list_is_not_trusted_to_the_model() -> None:
    quotes = ["Third and fourth, respectively, with 12.4% and 4.7% of the market, were LG Energy Solution and SK On."]
    question = "What share did LG Energy Solution hold?"
    assert any("respectively" in p for p in check_reply("LG Energy Solution held 4.7%.", question, quotes, "percent"))
    plain = ["LG Energy Solution held 12.4% of the market."]
    assert not any("respectively" in p for p in check_reply("LG Energy Solution held 12.4%.", question, plain, "percent"))


def test_a_reply_that_only_repeats_a_quote_is_dropped_for_the_quote() -> None:
    quotes = ["In contrast, Panasonic was the only Japanese firm to make the list, trailing at sixth place."]
    problems = check_reply("- " + quotes[0], "Which firm?", quotes, None)
    assert any("repeats a quote" in p for p in problems)


def test_a_reply_that_affirms_what_the_quote_denies_is_not_shown() -> None:
    quotes = ["Toyota's production is increasingly anchored in the United States, not in Japan."]
    question = "Where is Toyota building?"
    assert any("opposite" in p for p in check_reply("Toyota is building in Japan.", question, quotes, None))
    assert not any("opposite" in p for p in check_reply("In the United States, not in Japan.", question, quotes, None))
    assert not any("opposite" in p for p in check_reply("Toyota is building in the United States.", question, quotes, None))


def test_a_reply_about_another_party_than_the_question_names_is_not_shown() -> None:
    quotes = ["As of July 2024, CATL held a dominant 37.6% share of the market, with BYD in second place with 16.1%."]
    question = "What is BYD's market share?"
    assert any("speaks of CATL" in p for p in check_reply("The market share of CATL is 16.1%.", question, quotes, "percent"))
    assert not any("speaks of" in p for p in check_reply("BYD holds 16.1% of the market.", question, quotes, "percent"))
    assert not any("speaks of" in p for p in check_reply("It holds 16.1% of the market.", question, quotes, "percent"))
    # Places are named many ways ("US", "the United States"); an asked-for name is new by design.
    us = ["Early this year, sales of electric vehicles in the United States dropped by 39%."]
    assert not any("speaks of" in p for p in check_reply("Sales fell 39% in the United States.", "How much did EV sales in the US fall?", us, "percent"))
    assert not any("speaks of" in p for p in check_reply("CATL.", "Which company leads, ahead of BYD?", quotes, "entity"))


def test_a_company_s_country_in_a_reply_is_one_the_quote_gives_as_where_it_is_from() -> None:
    quotes = ["Nissan is in talks with Taiwanese technology leader Foxconn about its Oppama plant in Yokosuka, Japan."]
    question = "What country is Foxconn from?"
    assert any("country asked for" in p for p in check_reply("Japan.", question, quotes, "place"))
    assert check_reply("Taiwan.", question, quotes, "place") == []  # a country is its people's word
    assert check_reply("Yokosuka, Japan.", "Where is the Oppama plant?", quotes, "place") == []


def test_a_value_the_quote_gives_another_party_is_not_given_to_the_one_asked() -> None:
    quotes = ["As of July 2024, CATL held a dominant 37.6% share of the market, with BYD in second place with 16.1%."]
    question = "What was CATL's market share in 2024?"
    assert any("for BYD" in p for p in check_reply("The market share of CATL in 2024 was 16.1%.", question, quotes, "percent"))
    assert not any("gives a value" in p for p in check_reply("CATL held 37.6% of the market.", question, quotes, "percent"))
    byd = "What is BYD's market share?"
    assert not any("gives a value" in p for p in check_reply("BYD's market share is 16.1%.", byd, quotes, "percent"))
    # A place between the party and the value is where, not whose: "in Fukuoka Prefecture".
    toyota = ["Toyota announced a battery plant in Fukuoka Prefecture, due to start in 2028."]
    when = "When will Toyota's battery plant start?"
    assert not any("gives a value" in p for p in check_reply("Toyota's plant will start in 2028.", when, toyota, "time"))


def test_a_yes_no_reply_may_not_echo_the_claim_it_was_asked_about() -> None:
    question = "Is Toyota's Fukuoka battery plant pause temporary?"
    quotes = ["Toyota announced the suspension of its battery plant in Fukuoka Prefecture."]
    echo = "The suspension of Toyota's Fukuoka battery plant is temporary."
    assert any("temporary" in p for p in check_reply(echo, question, quotes, "judgement"))
    # In other questions the question's words pass.
    assert not any("temporary" in p for p in check_reply(echo, question, quotes, None))


def test_a_relative_time_types_a_when_question_and_is_led_with_its_article_s_date() -> None:
    from qa.answering import dated_time
    from qa.values import TYPE_PATTERNS, has_new_value

    quote = "a restructuring plan revealed earlier this year by Nissan's CEO"
    assert TYPE_PATTERNS["time"].search(quote)
    assert not TYPE_PATTERNS["time"].search("this is the year of the EV")
    assert has_new_value(quote, "time", set(), set(), question="When was the plan revealed?")
    assert not has_new_value(quote, "time", set(), set(), question="What month was the plan revealed?")
    # A year does not say which month.
    schedule = "The plant was expected to start operations in 2028."
    assert has_new_value(schedule, "time", set(), set(), question="When was the plant to start?")
    assert not has_new_value(schedule, "time", set(), set(), question="In which month was the plant to start?")
    assert has_new_value("It starts in May 2028.", "time", set(), set(), question="In which month does it start?")
    assert check_reply("In 2028.", "In which month was the plant to start?", [schedule], "time")
    # Who did it, named after the time, is no event: the time dates the plan, not Nissan's plant.
    assert not has_new_value(quote, "time", set(), set(), question="When did Nissan open the Oppama plant?")
    assert has_new_value(quote, "time", set(), set(), question="When did Nissan's CEO announce the plan?")
    fukuoka = "Toyota suspended its battery plant in Fukuoka Prefecture earlier this year."
    assert has_new_value(fukuoka, "time", set(), set(), question="When did Toyota halt Fukuoka?")  # where, before the time
    # It dates what stands beside it, and a past time does not say what will happen.
    assert not has_new_value(quote, "time", set(), set(), question="When will the plant close?")
    assert not has_new_value(quote, "time", set(), set(), question="When will the plan be revealed?")
    cited = Citation(1, "a.txt", "T", "2025-07-07", None, quote, 0, len(quote))
    assert dated_time(cited, "When was the plan revealed?") == "Earlier this year (article dated 2025-07-07)"
    assert dated_time(cited, "What month was the plan revealed?") is None  # it does not say the month
    assert dated_time(Citation(1, "a.txt", "T", None, None, quote, 0, len(quote)), "When?") is None  # undated


def test_a_time_answers_when_only_from_a_clause_about_what_is_asked() -> None:
    from qa.values import has_new_value

    chosen = ("The water company has chosen Tidewell to build a desalination plant at Gullhaven Point, "
              "ending a search for a partner that began in January.")
    question = "When is the Gullhaven Point desalination plant expected to produce its first water?"
    assert not has_new_value(chosen, "time", set(), set(), question=question)  # January dates the search
    assert has_new_value(chosen, "time", set(), set(), question="When did the search for a partner begin?")
    scheduled = "Construction is scheduled to begin in October 2026, and the first water is expected in June 2029."
    assert has_new_value(scheduled, "time", set(), set(), question=question)
    # A short clause is read with the one beside it, and a word by its first letters.
    assert has_new_value("In 2019, Toyota opened the plant.", "time", set(), set(), question="When did Toyota open it?")
    assert has_new_value("It was founded in 1987.", "time", set(), set(), question="When?")  # nothing asked beyond when
    # What happened counts, not to whom: the start of construction does not say when it will run.
    start = "Construction at Tessmoor is scheduled to begin in May 2026, once demolition is complete."
    assert not has_new_value(start, "time", set(), set(), question="When will the Tessmoor battery be fully running?")
    # A clause that describes the name before it, or goes on from the subject, is read with it.
    arena = "The company built the 18,000-seat Tarrick Arena, which opened in 2019, and will begin ground works in May."
    assert has_new_value(arena, "time", set(), set(), question="When was the Tarrick Arena built?")
    backed = "The plant, backed by a 463 billion yen investment, is expected to open in 2027."
    assert has_new_value(backed, "time", set(), set(), question="When will the battery plant start up?")


def test_a_reply_may_not_answer_how_many_with_a_count_of_other_things() -> None:
    from qa.answering import direct_value

    quotes = ["The vehicle manufacturer intends to close 7 out of its 17 factories globally."]
    question = "How many vehicles a year does the Oppama plant produce?"
    assert any("other things" in p for p in check_reply("17.", question, quotes, "count"))
    assert direct_value(quotes[0], "count", question) is None
    assert not any("other things" in p for p in check_reply("17.", "How many factories does it have?", quotes, "count"))
    vote = ["The council voted 31 to 14 on 6 May to drop the extension."]  # a count of votes names no noun
    assert not any("other things" in p for p in check_reply("31.", "How many councillors voted for it?", vote, "count"))


def test_a_year_does_not_answer_how_large() -> None:
    quotes = ["The city promised to extend Metro Line 4 to the campus by 2029."]
    assert any("only a year" in p for p in check_reply("The grant was 2029.", "How large is the grant?", quotes, "count"))
    staff = ["It has 2,000 employees."]
    assert not any("only a year" in p for p in check_reply("2,000 employees.", "How many employees?", staff, "count"))


def test_how_much_of_a_thing_is_not_answered_by_a_count_of_other_things() -> None:
    from qa.answering import direct_value

    question = "How much battery capacity did METI aim for?"
    quotes = ["METI had aimed to expand battery capacity to 150 GWh by 2030, backing roughly 30 related projects."]
    assert any("other things" in p for p in check_reply("30.", question, quotes, "count"))
    assert not any("other things" in p for p in check_reply("150 GWh.", question, quotes, "count"))
    assert direct_value(quotes[0], "count", question) == "150 GWh"
    # "How much did Toyota invest?" names no thing: any amount may answer it.
    assert not any("other things" in p for p in check_reply("30.", "How much did Toyota invest?", quotes, "count"))


def test_what_kind_of_company_a_name_is_is_read_from_how_the_quote_describes_it() -> None:
    from qa.answering import direct_value
    from qa.values import company_kind

    question = "what kind of company is foxconn?"
    assert question_type(question) == "kind"
    assert question_type("What sort of pact has Foxconn struck?") != "kind"  # a kind of pact, not of company
    talks = "Nissan Motor Co. is said to be in talks with Taiwanese technology leader Foxconn to permit EV manufacturing."
    assert company_kind(talks, question) == "Taiwanese technology leader"  # not "with Taiwanese ..."
    assert company_kind("Foxconn, a Taiwanese electronics maker, said nothing.", question) == "a Taiwanese electronics maker"
    assert company_kind("Foxconn, officially known as Hon Hai Precision, is entering the EV market.", question) is None
    assert company_kind(talks, "What kind of company is Nissan?") is None  # the description is Foxconn's
    assert direct_value(talks, "kind", question) == "A Taiwanese technology leader"
    # The model's reply is never shown for it: it names the wrong company as readily as the right one.
    assert check_reply("The company is Nissan Motor Co.", question, [talks], "kind")


def test_a_reply_that_gives_no_value_is_not_also_called_a_bare_year() -> None:
    quotes = ["It has 2,000 employees."]
    problems = check_reply("Many employees.", "How many employees does it have?", quotes, "count")
    assert any("gives none" in p for p in problems)
    assert not any("only a year" in p for p in problems)  # one reason is enough, and it is the right one


def test_a_value_for_the_party_asked_about_must_come_from_a_quote_about_that_party() -> None:
    goal = "The company's goal is to raise electric sales in North America from 50% to 80% by 2030."
    reply = "The target is to raise electric sales from 50% to 80% by 2030."
    question = "What is Nissan's EV sales target for 2030?"
    about_toyota = ["China races ahead. This suggests Toyota's future lies in the United States."]
    assert any("for nissan" in p for p in check_reply(reply, question, [goal], None, contexts=about_toyota))
    # The sentences before the quote may name the party: "The company" is then Nissan.
    about_nissan = ["Plans. Nissan set out its plans for North America."]
    assert not any("for nissan" in p for p in check_reply(reply, question, [goal], None, contexts=about_nissan))
    # A question about no one's thing, or a reply naming the party, is left to the other checks.
    assert not any("do not give for" in p for p in check_reply(reply, "What is the 2030 target?", [goal], None, contexts=about_toyota))


def test_a_reply_must_give_the_end_of_a_change_the_question_asks_for() -> None:
    quotes = ["Production would increase from 80 GWh to 120 GWh with the help of the funds."]
    now, later = "How many GWh does Japan produce now?", "What will production rise to?"
    assert any("what it is now" in p for p in check_reply("120 GWh.", now, quotes, "count"))
    assert not any("what it is now" in p for p in check_reply("80 GWh.", now, quotes, "count"))
    assert any("what it will be" in p for p in check_reply("80 GWh.", later, quotes, "count"))
    assert not any("what it will be" in p for p in check_reply("120 GWh.", later, quotes, "count"))
    # A question asking neither, or both, leaves the reply to the other checks.
    both = "How much does Japan produce now, and what will it reach?"
    assert not any("a quote says" in p for p in check_reply("From 80 GWh to 120 GWh.", both, quotes, "count"))
    assert not any("a quote says" in p for p in check_reply("120 GWh.", "How much GWh?", quotes, "count"))
    goal = ["METI had aimed to expand domestic battery production capacity to 150 GWh annually by 2030."]
    assert any("for a later year" in p for p in check_reply("150 GWh.", now, goal, "count"))
    assert not any("for a later year" in p for p in check_reply("150 GWh.", later, goal, "count"))


def test_a_value_given_to_no_name_may_not_be_another_party_s() -> None:
    from qa.verification import check_reply

    question = "What share of the market did the eight-years-running battery leader have in July 2024?"
    quotes = [
        "CATL retained the top position with a dominant 37.9% market share, making it the industry leader for the eighth consecutive year.",
        "As of July 2024, CATL held a dominant 37.6% share of the market, with BYD in second place with 16.1%.",
    ]
    def unheld(reply: str, asked: str = question) -> bool:
        return any("to whom" in p for p in check_reply(reply, asked, quotes, "percent"))
    assert unheld("The eight-years-running battery leader had a 16.1% share of the market in July 2024.")  # BYD's
    assert not unheld("37.6%.")  # the value of the party the quote is about
    assert not unheld("16.1%.", "What share did BYD hold in July 2024?")  # the question names its owner


def test_a_what_question_is_not_answered_by_a_place_alone() -> None:
    from qa.verification import check_reply

    quotes = ["Toyota opted to procure approximately $1.5 billion USD worth of batteries from LG Energy Solution’s facility in Lansing, Michigan."]
    question = "What did Toyota buy from LG Energy Solution?"
    assert any("asks what" in p for p in check_reply("Lansing, Michigan.", question, quotes, None))
    assert not any("asks what" in p for p in check_reply("Batteries from Lansing, Michigan.", question, quotes, None))
    assert not any("asks what" in p for p in check_reply("Lansing, Michigan.", "Where does Toyota buy batteries?", quotes, None))


def test_a_reply_may_not_deny_what_the_quotes_say_of_a_name() -> None:
    quotes = ["Nissan is in talks with Foxconn to allow EV production at its Oppama plant, possibly avoiding factory closure."]
    question = "Which company is Nissan talking to?"
    assert any("denies what" in p for p in check_reply("The company is talking to Nissan, not Foxconn.", question, quotes, "entity"))
    assert not any("denies what" in p for p in check_reply("Nissan is talking to Foxconn.", question, quotes, "entity"))
    anchored = ["Toyota's production is increasingly anchored in the United States, not in Japan."]
    assert not any("denies what" in p for p in check_reply("In the United States, not in Japan.", "Where?", anchored, "place"))


def test_a_reply_may_not_drop_the_percent_sign_the_quote_gives() -> None:
    quotes = ["Early this year, sales of electric vehicles in the United States dropped by 39%."]
    question = "How much did EV sales in the US fall?"
    assert any("percent sign" in p for p in check_reply("39.", question, quotes, "count"))
    assert not any("percent sign" in p for p in check_reply("39%.", question, quotes, "count"))
    assert not any("percent sign" in p for p in check_reply("By 39 percent.", question, quotes, "count"))


def test_a_count_is_not_answered_by_a_reply_giving_only_a_sum() -> None:
    quotes = ["With intentions to increase battery production at two subsidiaries, Toyota is anticipated to spend approximately $1.7 billion, or 250 billion yen."]
    question = "What is Japan's current battery production?"
    problems = check_reply("The current battery production in Japan is 250 billion yen.", question, quotes, "count")
    assert any("values that cannot answer it" in p for p in problems)
    assert not any("values that cannot answer it" in p for p in check_reply("Two subsidiaries.", "How many subsidiaries?", quotes, "count"))


@pytest.mark.parametrize(
    ("reply", "shown"),
    [
        ("The price of an LFP battery is approximately $1.00.", False),  # "$1 billion", without its billion
        ("Approximately $1 million.", False),
        ("Approximately $1 billion (150 billion yen).", True),
        ("Production starts in 2028.", True),
    ],
)
def test_a_reply_may_not_give_a_number_at_another_scale_than_the_quote(reply: str, shown: bool) -> None:
    quotes = ["Nissan intends to start producing LFP batteries in 2028 after investing approximately $1 billion (150 billion yen)."]
    problems = check_reply(reply, "What does Nissan invest in LFP batteries?", quotes, None)
    assert any("another scale" in p for p in problems) is not shown


def test_a_reply_may_not_rank_what_the_quotes_do_not_rank() -> None:
    sixth = ["In contrast, Panasonic, once a pioneer, was the only Japanese firm to make the list, trailing at sixth place."]
    question = "Who is the biggest EV battery maker?"  # the question's own word is no evidence for the claim
    assert any("biggest" in p for p in check_reply("The biggest battery maker is Panasonic.", question, sixth, "entity"))
    assert not any("ranks" in p for p in check_reply("Panasonic is the only Japanese firm.", "Which firm?", sixth, "entity"))
    largest = ["The situation worsened when Toyota, Japan's largest automaker, announced a suspension."]
    assert not any("ranks" in p for p in check_reply("Toyota is Japan's biggest carmaker.", "Which is the biggest?", largest, "entity"))
    # The rank must be given by a quote naming whom the reply ranks, not by one beside it.
    top_ten = "In 2024, six of the world's top ten EV battery producers were Chinese companies."
    top = "Which company is the top EV battery maker in 2024?"
    assert any("top" in p for p in check_reply("The top maker in 2024 is Panasonic.", top, [top_ten, *sixth], "entity"))
    catl = "CATL retained the top position with a 37.9% market share."
    assert not any("ranks" in p for p in check_reply("The top maker in 2024 is CATL.", top, [top_ten, catl], "entity"))


def test_a_name_the_quote_does_not_say_the_asked_thing_of_is_not_the_answer() -> None:
    quotes = [
        "Toyota and Nissan will spend $7 billion to raise Japan’s EV battery production by 50%, seeking to "
        "reduce reliance on China and South Korea as global leaders in the electric vehicle battery market."
    ]
    question = "Which company leads the EV battery market?"
    reply = "The company that leads the EV battery market is Nissan."
    assert any("names Nissan" in p for p in check_reply(reply, question, quotes, "entity"))
    # Said of the name in its own clause, or in a clause naming no one else, the answer stands.
    leader = ["CATL retained the top position with a 37.9% market share, making it the industry leader."]
    assert not any("names CATL" in p for p in check_reply("CATL leads the market.", question, leader, "entity"))
    shares = ["As of July 2024, CATL held a 37.6% share of the market, with BYD in second place with 16.1%."]
    second = "Which company was in second place?"
    assert any("names CATL" in p for p in check_reply("CATL was in second place.", second, shares, "entity"))
    assert not any("names" in p for p in check_reply("BYD was in second place.", second, shares, "entity"))
    # A clause naming no one before the name is said of it: "our parent, Aldane Maritime".
    parent = ["About €410 million comes from our parent, Aldane Maritime, and the rest from three banks.",
              "Bracken Quay Terminals will automate its North Basin terminal, the company said."]
    reply = "The parent company of Bracken Quay Terminals is Aldane Maritime."
    assert not any("names" in p for p in check_reply(reply, "Which company is the parent of Bracken Quay Terminals?", parent, "entity"))


def test_a_reply_may_not_deny_a_thing_the_quotes_affirm_even_when_it_is_no_name() -> None:
    quotes = [
        "The new battery will keep power steady for the fab and other large industrial customers.",
        "The fab is backed up by the battery that Cellvane is building at the former Tessmoor power station.",
    ]
    question = "What kind of power station used to stand on the battery's site?"
    denies = check_reply("The battery is a large industrial customer, not a power station.", question, quotes, "variety")
    assert any(p.startswith("denies what the quotes say about: power, station") for p in denies)
    # Denying what a quote denies too is no contradiction: "not in Japan" said by both.
    anchored = ["Toyota's production is increasingly anchored in the United States, not in Japan."]
    where = check_reply("Toyota builds in the United States, not in Japan.", "Where does Toyota build?", anchored, "place")
    assert not any(p.startswith("denies") for p in where)


def test_not_only_denies_nothing() -> None:
    # "a blow not only to Nissan" is a blow to Nissan: a reply saying so is not contradicted.
    blow = ["This setback dealt a blow not only to Nissan but also to Japan."]
    assert not any("opposite" in p for p in check_reply("It dealt a blow to Nissan.", "Whom did the setback hurt?", blow, "entity"))
    never = ["The plant will not open in Kitakyushu."]
    assert any("opposite" in p for p in check_reply("It will open in Kitakyushu.", "Where will the plant open?", never, "place"))
