"""The values a sentence holds of the kind asked: counts, amounts, times, places, names
(qa/values.py, qa/counting.py)."""

from __future__ import annotations

import pytest
from evidence_tools import answers_count

from qa.asking import question_type
from qa.text import tokens
from qa.vocabulary import concepts


def test_where_a_company_is_from_may_be_said_by_its_people_s_word() -> None:
    from qa.values import places

    text = "Third and fourth were South Korean companies LG Energy Solution and SK On."
    assert places(text, "What country is LG Energy Solution from?") == ["South Korean"]
    assert places(text, "Where is LG Energy Solution's plant?") == []  # a plant's place is no nationality
    # Where a company works is not where it is from.
    oppama = "Permitting Foxconn to produce its own electric vehicles at Oppama would aid Nissan."
    assert places(oppama, "What country is Foxconn from?") == []
    assert [p.strip() for p in places(oppama, "Where could Foxconn produce its vehicles?")] == ["Oppama"]


def test_where_a_thing_bought_from_stands_is_not_where_its_maker_is_from() -> None:
    from qa.values import places

    text = "Toyota opted to procure batteries from LG Energy Solution's facility in Lansing, Michigan."
    korean = "Third and fourth were South Korean companies LG Energy Solution and SK On."
    question = "Where is the LG Energy Solution plant Toyota buys from?"
    assert "Lansing, Michigan" in [p.strip() for p in places(text, question)]
    assert places(korean, question) == []  # not "South Korean"
    assert places(korean, "Where is LG Energy Solution from?") == ["South Korean"]


def test_a_place_may_be_named_with_the() -> None:
    from qa.values import places

    text = "Analysts agree it is far more likely to do so in the United States rather than in Japan."
    assert [p.strip() for p in places(text, "Where is Toyota likely to expand?")] == ["United States"]  # Japan is denied


def test_a_month_or_a_weekday_is_no_place() -> None:
    from qa.values import places

    question = "Where is the crane maker building its new factory?"
    dates = "The company said the work would begin in March 2026, from May to June, and end on Friday."
    assert places(dates, question) == []
    assert [p.strip() for p in places("It will open in Marseille in May.", question)] == ["Marseille"]
    assert [p.strip() for p in places("Talks moved to Mayfield.", question)] == ["Mayfield"]  # a name beginning like a month


def test_where_a_company_is_from_is_said_by_its_people_word() -> None:
    from qa.values import places

    talks = "Nissan is said to be in talks with Taiwanese technology leader Foxconn to permit EV manufacturing."
    assert "Taiwanese" in places(talks, "Where is Foxconn from?")
    assert "Taiwanese" not in places(talks, "Where will Foxconn make cars?")
    assert concepts("Nissan is talking to Foxconn") == concepts("Nissan is in talks with Foxconn")


def test_an_island_is_a_place_said_with_on() -> None:
    from qa.values import places

    question = "Which island was the Kitakyushu plant on?"
    text = "Nissan cancelled its planned plant in Kitakyushu on Kyushu Island."
    assert "Kyushu Island" in [p.strip() for p in places(text, question)]
    assert [p.strip() for p in places("The deal was signed on Monday in Tokyo.", question)] == ["Tokyo"]


def test_a_name_of_question_needs_a_name_next_to_the_thing_it_names() -> None:
    from qa.asking import named_thing
    from qa.values import has_new_value

    question = "What is the name of the new electric vehicle model that Foxconn will provide to Mitsubishi Motors?"
    assert named_thing(question) == "model" and named_thing("What is the name of Nissan's CEO?") == "ceo"
    asked = set(tokens("Foxconn Mitsubishi Motors"))
    unnamed = "Foxconn, known as Hon Hai Precision, will provide Mitsubishi Motors with a new electric vehicle model."
    assert not has_new_value(unnamed, "entity", set(), asked, "model")
    assert has_new_value(unnamed, "entity", set(), asked)  # without the rule, Hon Hai would do
    assert has_new_value("The plan was revealed by Nissan's CEO Ivan Espinosa.", "entity", set(), {"nissan"}, "ceo")


@pytest.mark.parametrize(
    ("text", "tally", "expected"),
    [
        ("EV sales fell from 0.7% to 1.6%.", True, False),  # a share is not a number of cars
        ("EV sales fell from 0.7% to 1.6%.", False, True),  # "By how much did sales fall?" is answered by it
        ("Toyota will buy $1.5 billion worth of batteries.", True, False),
        ("Panasonic will spend 463 billion yen.", True, False),
        ("The plant has about 3,900 employees.", True, True),
        ("It led the industry for the eighth consecutive year.", True, True),  # an ordinal counts years
        ("It led the industry for the eighth consecutive year.", False, False),
    ],
)
def test_a_tally_is_answered_by_a_number_of_things(text: str, tally: bool, expected: bool) -> None:
    question = "How many of them were there?"
    assert answers_count(text, question if tally else "How much?") is expected


def test_a_state_of_a_country_is_not_answered_by_the_country() -> None:
    from qa.values import has_new_value

    question = "In which US state is Toyota building a major factory?"
    asked = {"us", "toyota"}
    assert not has_new_value("They turn abroad, particularly to the United States.", "place", set(), asked, question=question)
    assert has_new_value("It is building a major factory in North Carolina.", "place", set(), asked, question=question)
    denied = "Its future is anchored in the United States, not in Japan."
    assert not has_new_value(denied, "place", set(), asked, question=question)  # a place denied is no answer


@pytest.mark.parametrize(
    ("question", "typed"),
    [
        ("How many factories is Nissan planning to shut?", False),  # the number counts employees
        ("How many people work at the Oppama plant?", True),  # people may be employees
        ("How many workers does the plant have?", True),  # a synonym
        ("How many employees does it have?", True),
        ("How many emploees at Opama?", True),  # mistyped
    ],
)
def test_a_tally_is_a_number_of_what_it_asks_about(question: str, typed: bool) -> None:
    text = "The Oppama facility, which has approximately 3,900 employees, faced potential shutdown."
    assert answers_count(text, question) is typed


@pytest.mark.parametrize(
    ("text", "typed"),
    [
        ("The restructuring includes closing 7 factories and cutting jobs.", False),
        ("The town has 40,000 residents.", True),
        ("It employs 1,200 full-time staff.", True),
        ("The firm runs 12 plants.", False),
        ("It made 300 shipments.", False),
    ],
)
def test_people_are_counted_by_what_people_are_called(text: str, typed: bool) -> None:
    assert answers_count(text, "How many people are affected?") is typed


@pytest.mark.parametrize(
    ("question", "counts"),
    [
        ("How many factories does Nissan have worldwide?", ["17"]),  # not the 7 it closes
        ("How many factories will Nissan close?", ["7"]),  # not the 17 it has
        ("How many factories are mentioned?", ["7", "17"]),  # no verb: either
    ],
)
def test_a_count_is_of_what_is_cut_added_or_held_as_the_question_asks(question: str, counts: list[str]) -> None:
    from qa.counting import counts_other
    from qa.text import NUMBER

    text = "The vehicle manufacturer intends to close 7 out of its 17 factories globally."
    assert [m.group(0) for m in NUMBER.finditer(text) if not counts_other(text, m, question)] == counts
    staff = "The Oppama facility, which has approximately 3,900 employees, faced shutdown."
    assert counts_other(staff, NUMBER.search(staff), "How many jobs will be cut at Oppama?")
    assert not counts_other(staff, NUMBER.search(staff), "How many people work at Oppama?")
    assert not counts_other(staff, NUMBER.search(staff), "how many peple work at oppama")  # one letter off
    assert counts_other(staff, NUMBER.search(staff), "How many plants does it have?")


def test_a_measure_counts_what_follows_its_of() -> None:
    from qa.counting import counts_other
    from qa.text import NUMBER

    water = "The plant will produce 150,000 cubic metres of drinking water a day when it is complete."
    assert not counts_other(water, NUMBER.search(water), "How much drinking water will the plant produce?")
    assert counts_other(water, NUMBER.search(water), "How much electricity will the plant produce?")
    lithium = "The mine will produce 40,000 tonnes of lithium a year."
    assert counts_other(lithium, NUMBER.search(lithium), "How much nickel will the mine produce?")


def test_people_are_not_counted_in_units_of_power() -> None:
    from qa.counting import counts_other
    from qa.text import NUMBER

    power = "The terminal's demand will rise to about 38 MW at peak."
    assert counts_other(power, NUMBER.search(power), "How many dockworkers does the terminal employ?")
    assert not counts_other(power, NUMBER.search(power), "How many megawatts will the terminal need?")
    assert not answers_count(power, "How many dockworkers does the terminal employ?")
    assert answers_count("The terminal employs about 1,450 dockworkers.", "How many dockworkers does the terminal employ?")


@pytest.mark.parametrize(
    ("text", "typed"),
    [
        ("The vehicle manufacturer intends to close 7 out of its 17 factories globally.", False),
        ("It will hire 500 workers at the site.", False),
        ("The plant produces 80 GWh of cells a year.", True),
        ("Production would increase from 80 GWh to 120 GWh.", True),  # no verb before the number: either
    ],
)
def test_how_much_a_plant_produces_is_not_what_it_closes_hires_or_has(text: str, typed: bool) -> None:
    assert answers_count(text, "How much is the plant producing?") is typed


def test_how_much_is_had_may_be_answered_by_what_there_is() -> None:
    assert answers_count("Japan has 80 GWh of annual capacity.", "How much battery capacity does Japan have?")
    assert not answers_count("Japan has 80 GWh of annual capacity.", "How much battery capacity will Japan cut?")


def test_a_currency_code_is_a_unit_not_a_name() -> None:
    from qa.text import names

    assert names("Toyota will buy $1.5 billion USD worth of batteries from LG Energy Solution") == [
        "Toyota", "LG", "Energy", "Solution"
    ]


@pytest.mark.parametrize(
    "text",
    ["Nordvang would pay SKr 112 in cash for each share.", "The shares fell to 97 kronor.", "Tickets cost CHF 40.",
     "The port paid US$3 million.", "Nissan will invest 150 billion yen."],
)
def test_an_amount_of_money_is_one_in_any_currency(text: str) -> None:
    from qa.counting import not_a_count
    from qa.text import NUMBER
    from qa.values import has_new_value

    assert has_new_value(text, "money", set(), set(), None, question="How much will they pay?")
    assert not_a_count(text, NUMBER.search(text), "How much does the plant produce?")  # a sum, not an output


def test_who_asks_for_a_name_beside_the_role_it_names() -> None:
    from qa.asking import named_thing
    from qa.values import has_new_value

    question = "Who is the Japan Automobile Importers Association representative quoted by Argus?"
    asked = {"japan", "automobile", "importer", "association", "argus", "representative"}
    text = "A representative from the Japan Automobile Importers Association (JAIA) told Argus that imports fell."
    assert named_thing(question) is not None
    assert not has_new_value(text, "entity", set(), asked, named_thing(question), question=question)
    named = "The association's representative, Kenji Sato, told Argus that imports fell."
    assert has_new_value(named, "entity", set(), asked, named_thing(question), question=question)
    assert named_thing("Where did Japan's sole representative among the top ten place?") is None


def test_an_adjective_or_an_abbreviation_of_what_was_asked_is_no_new_name() -> None:
    from qa.values import _new_names

    asked = {"japan", "automobile", "importer", "association"}
    text = "The Japan Automobile Importers Association (JAIA) says the Japanese electric vehicle (EV) market shrank."
    assert _new_names(text, asked) == []
    assert _new_names("Toyota says the Japanese market shrank.", asked) == ["Toyota"]
    assert _new_names("The Korean maker grew.", {"japan"}) == ["Korean"]  # not of an asked name
    assert _new_names("The Ministry of Economy, Trade and Industry (METI) set it.", asked) == ["Ministry", "Economy", "Trade", "Industry", "METI"]


def test_one_of_the_biggest_is_no_count() -> None:
    question = "How many jobs will be cut?"
    assert not answers_count("It is one of the globe's biggest electronics companies.", question)
    assert answers_count("It will cut two hundred jobs.", question)


def test_a_one_that_ends_its_phrase_counts_nothing() -> None:
    question = "How many employees does Toyota Battery have?"
    assert not answers_count("Executives may establish an entirely new one.", question)
    assert not answers_count("Japan is stepping into a new one: that of a dependent importer.", question)
    assert answers_count("Toyota Battery has one plant in Fukuoka.", "How many plants does Toyota Battery have?")


def test_a_month_s_figure_does_not_answer_for_the_whole_year() -> None:
    from qa.values import has_new_value

    june = "Domestic passenger EV sales were 29,282 units in June 2024, a 39% decrease."
    assert not answers_count(june, "How many EVs were sold in the whole of 2024?")
    assert answers_count(june, "How many EVs were sold in June 2024?")
    both = "Sales reached 2 million in 2024, and 300,000 in June 2024."
    assert answers_count(both, "How many cars were sold in 2024?")
    assert answers_count(june, "how many evs were sold in june 2024")  # typed lower case
    halves = "From the first half of 2023 to the second, the EV share rose from 0.7% to 1.6%."
    assert has_new_value(halves, "percent", set(), set(), question="Did the EV share go up or down in 2023?")
    # A share "as of July 2024" is a month's, not the year's.
    july = "As of July 2024, CATL held a dominant 37.6% share of the market."
    assert not has_new_value(july, "percent", set(), set(), question="What was CATL's market share in 2024?")
    assert has_new_value(july, "percent", set(), set(), question="What was CATL's market share in July 2024?")
    # So is one asked "in mid-2024", "early 2024" or "late 2024".
    for part in ("mid-2024", "early 2024", "the middle of 2024", "late 2024"):
        assert has_new_value(july, "percent", set(), set(), question=f"What was CATL's market share in {part}?")


def test_an_amount_asked_per_period_is_not_answered_by_a_total() -> None:
    from qa.values import has_new_value

    build = "It will cost €480 million (about $521 million), the largest water project on the coast."
    running = "Running the plant will cost €12 million a year, the authority said."
    asked = "How much will the desalination plant cost to run each year?"
    assert not has_new_value(build, "money", set(), set(), question=asked)
    assert has_new_value(running, "money", set(), set(), question=asked)
    assert has_new_value(build, "money", set(), set(), question="How much will the plant cost?")
    assert not answers_count("The fab employs 1,200 people.", "How many wafers per month will the fab produce?")
    assert answers_count("It will turn out 40,000 wafers a month.", "How many wafers per month will the fab produce?")
    assert answers_count("The line has 4,000 workers.", "How many workers did the line have a year ago?")  # when, not how often


def test_a_price_asked_per_unit_is_not_answered_by_a_sum() -> None:
    from qa.values import has_new_value

    asked = "What price per megawatt-hour did the developer agree to pay for the power?"
    assert not has_new_value("The supplier estimates the plant will cost $520 million.", "money", set(), set(), question=asked)
    assert has_new_value("It will pay $62 per megawatt-hour for 20 years.", "money", set(), set(), question=asked)
    assert has_new_value("The agreed price is $62/MWh.", "money", set(), set(), question=asked)
    assert has_new_value("Sales rose 12 per cent to $4 billion.", "money", set(), set(), question="How much did sales rise, per cent?")


def test_a_total_asked_is_not_answered_by_an_amount_per_period() -> None:
    from qa.values import has_new_value

    extra = "Keeping the unit open will cost about £6.5 million a year more than the original plan, the group said."
    whole = "The plan will cost £412 million (about €490 million) over five years."
    asked = "What is the total cost of the merger plan?"
    assert not has_new_value(extra, "money", set(), set(), question=asked)
    assert has_new_value(whole, "money", set(), set(), question=asked)
    assert has_new_value(extra, "money", set(), set(), question="What will keeping the unit open cost?")
    assert has_new_value(extra, "money", set(), set(), question="What is the total yearly cost?")  # a total per year


def test_a_number_in_words_must_count_what_is_asked_too() -> None:
    text = "In 2024, six of the world's top ten EV battery producers were Chinese companies."
    assert not answers_count(text, "How many electric cars were sold?")
    assert answers_count(text, "How many of the top ten producers were Chinese?")
    # "six of ..." counts what its whole clause names, not just the two words after it.
    chinese = "In 2024, six of the world's top ten EV battery producers were Chinese companies, according to SNE Research."
    assert answers_count(chinese, "How many Chinese companies were among the top ten battery producers?")
    assert not answers_count(chinese, "How many employees do the producers have?")


def test_how_much_is_produced_is_not_answered_by_a_number_of_people() -> None:
    staff = "The Oppama facility, which has approximately 3,900 employees, faced shutdown."
    assert not answers_count(staff, "How much is the Oppama plant producing?")
    assert answers_count(staff, "How many workers produce cars at Oppama?")
    assert answers_count("It produces 240,000 vehicles a year.", "How much does it produce?")


def test_where_a_thing_goes_answers_where_but_not_where_it_comes_from() -> None:
    from qa.values import places

    text = "Major automakers are redirecting their focus abroad—particularly to the United States."
    assert places(text, "Where are Nissan and Toyota redirecting their battery focus?") == ["United States"]
    assert places(text, "Where is Toyota getting its batteries from instead?") == []
    assert places("It buys batteries from LG Energy Solution.", "Where does it buy batteries from?") == ["LG Energy Solution"]


def test_what_kind_of_thing_is_read_from_the_words_before_it() -> None:
    from qa.values import thing_kind

    question = "What type of batteries was the Kitakyushu plant going to make?"
    assert question_type(question) == "variety"
    plant = "The facility was expected to produce lithium iron phosphate (LFP) batteries from 2028."
    assert thing_kind(plant, question) == "lithium iron phosphate (LFP)"
    assert thing_kind("Nissan cancelled its planned battery plant in Kitakyushu.", question) is None  # a kind of plant
    assert thing_kind("Japan wants a steady supply of EV batteries.", question) is None  # one word: what they all are
    assert thing_kind("Kitakyushu batteries were planned.", question) is None  # what the question says already

    # A thing named in two words: its kind is what stands before both.
    station = "What kind of power station used to stand on the site?"
    coal = "The battery will be built on the site of the former Tessmoor coal-fired power station near Brackwell."
    assert thing_kind(coal, station) == "former Tessmoor coal-fired"
    assert thing_kind("The site once held a power plant run by a coal-mining firm.", station) is None


def test_a_sign_is_an_indication_and_little_of_one_is_a_verdict() -> None:
    from qa.values import TYPE_PATTERNS

    assert concepts("any sign Japan will regain") == concepts("any indication Japan will recover")
    assert TYPE_PATTERNS["judgement"].search("There is little indication that Japan will regain its footing.")


@pytest.mark.parametrize(
    ("text", "question", "typed"),
    [
        # A percentage answers by how much something moves, not how much is produced.
        ("Toyota and Nissan will spend $7 billion to raise Japan's EV battery production by 50%.",
         "How much does Japan produce now?", False),
        ("Toyota and Nissan will spend $7 billion to raise Japan's EV battery production by 50%.",
         "How much will Japan's battery production rise?", True),
        # Nor does a span of years, unless years are asked.
        ("The timing will depend on how the market evolves over the next two to three years.",
         "How much does Japan produce now?", False),
        ("The timing will depend on how the market evolves over the next two to three years.",
         "How many years will the market take to grow?", True),
        # An amount asked by its noun is not answered by a number of subsidiaries.
        ("With intentions to increase battery production at two subsidiaries, Toyota is anticipated to spend $1.7 billion.",
         "What is Japan's current battery production?", False),
        ("Production would increase from 80 GWh to 120 GWh with the help of the funds.",
         "What is Japan's current battery production?", True),
        # What is produced now is not answered by a target for a later year.
        ("METI had aimed to expand domestic battery production capacity to 150 GWh annually by 2030.",
         "How much battery output does Japan have today in GWh?", False),
        ("METI had aimed to expand domestic battery production capacity to 150 GWh annually by 2030.",
         "How much battery output does Japan aim for in GWh?", True),
    ],
)
def test_how_much_is_produced_is_not_answered_by_a_rise_or_a_span_of_years(text: str, question: str, typed: bool) -> None:
    assert answers_count(text, question) is typed


def test_what_discourages_a_party_is_a_cause() -> None:
    from qa.values import TYPE_PATTERNS

    assert TYPE_PATTERNS["reason"].search("Companies are turning outward, discouraged by high domestic operating costs.")
    assert not TYPE_PATTERNS["reason"].search("The government discouraged imports.")


def test_what_a_party_blames_is_a_cause() -> None:
    from qa.values import TYPE_PATTERNS

    assert TYPE_PATTERNS["reason"].search("Oskar blamed late deliveries of equipment and a shortage of technicians.")
    assert TYPE_PATTERNS["reason"].search("The council blames rising costs.")
    assert TYPE_PATTERNS["reason"].search("The higher cost reflects the price of transformers and switchgear.")
    assert not TYPE_PATTERNS["reason"].search("The fab will not produce its first wafers until 2028.")


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("Tarnow Dredging is due to start building the quay next month.", False),
        ("The hall is due to be finished in 2027 and due to open in May.", False),
        ("The opening slipped due to a shortage of cranes.", True),
        ("Work stopped due to rising costs.", True),
    ],
)
def test_what_is_due_to_happen_is_no_cause(text: str, cause: bool) -> None:
    from qa.values import TYPE_PATTERNS

    assert bool(TYPE_PATTERNS["reason"].search(text)) is cause


def test_a_count_of_one_side_of_a_vote_does_not_answer_for_the_other() -> None:
    opposed = "The 14 councillors who opposed the cancellation said the city would regret it."
    tally = "The council voted 31 to 14 on 6 May to drop the extension."
    asked = "HOW MANY COUNCILLORS VOTED FOR CANCELLING THE LINE 4 EXTENSION?"
    assert not answers_count(opposed, asked)
    assert answers_count(tally, asked)
    assert answers_count(opposed, "How many councillors voted against the cancellation?")
    assert not answers_count("Some 200 members backed the deal.", "How many members voted against the deal?")
    assert answers_count(opposed, "How many councillors spoke?")  # no side asked


def test_how_many_people_live_somewhere_is_a_count_of_its_residents() -> None:
    asked = "how many people live in brindlecombe"
    assert not answers_count("More than 300 people packed the gymnasium of the high school for the hearing.", asked)
    assert answers_count("The mayor, whose town of 14,000 would provide sewer service to the site, backed it.", asked)
    assert answers_count("Brindlecombe has about 14,000 residents.", asked)
    assert answers_count("More than 300 people packed the gymnasium.", "how many people came to the hearing")


def test_a_measure_joined_to_its_number_gives_the_amount_of_what_the_thing_makes() -> None:
    """"a 120,000-cubic-metre-a-day plant" says how much water the plant will produce; "a 450-megawatt
    plant" how much power. A count of other things ("3,900 employees") still does not."""
    from qa.counting import counts_other
    from qa.text import NUMBER

    water = "Work starts next month on a 120,000-cubic-metre-a-day desalination plant."
    assert not counts_other(water, NUMBER.search(water), "How much drinking water will the plant produce each day?")
    power = "Greymarch plans to build a 450-megawatt gas-fired plant at Pellam Moor."
    assert not counts_other(power, NUMBER.search(power), "How much electricity will the plant generate?")
    staff = "The plant will employ 3,900 desalination workers."
    assert counts_other(staff, NUMBER.search(staff), "How much drinking water will the plant produce each day?")


def test_a_price_for_each_unit_is_a_price_per_unit() -> None:
    """"SKr 112 in cash for each Hallvik share" answers "how much per share" as "SKr 119 a share" does;
    the company's value ("SKr 11.8 billion") does not."""
    from qa.values import has_new_value

    question = "How much did Nordvang offer per share?"
    assert has_new_value("Nordvang would pay SKr 112 in cash for each Hallvik share.", "money", set(), set(), None, question=question)
    assert has_new_value("It raised its offer to SKr 119 a share.", "money", set(), set(), None, question=question)
    assert not has_new_value("The offer values Hallvik at SKr 11.8 billion.", "money", set(), set(), None, question=question)
