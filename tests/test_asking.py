"""What a question asks: its kind of value, its parts, the options it weighs (qa/asking.py)."""

from __future__ import annotations

import pytest

from qa.asking import choice_options, offers_options, owners, question_parts, question_type, untimed_option


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("How many employees work at Oppama?", "count"),
        ("How many projects did the ministry back with subsidies?", "count"),  # counts projects, not money
        ("How many billion yen will the government give?", "money"),
        ("What is Foxconn's official company name?", "entity"),
        ("What is Foxconn officially known as?", "entity"),
        ("How much will Toyota spend on batteries?", "money"),
        ("By how much will production rise?", "count"),
        ("What market share did CATL hold?", "percent"),
        ("When will the plant open?", "time"),
        ("Who is Nissan's CEO?", "entity"),
        ("Which company ranked third?", "entity"),
        ("Where is the Oppama plant?", "place"),
        ("In which US state is the factory?", "place"),
        ("Why did Toyota suspend the plant?", "reason"),
        ("What does Foxconn make?", None),
        ("Where did Panasonic place in 2024?", "rank"),  # a rank, not a place
        ("What is holding back Japan's EV market?", "reason"),
        ("What did Nissan blame for dropping the plant?", "reason"),
        ("What prompted Toyota to pause the plant?", "reason"),
        ("What made Nissan cancel the plant?", "reason"),
        ("How come Toyota buys its batteries abroad?", "reason"),
        ("What made up the restructuring plan?", None),
        ("What made the project pricier the first time its budget went up?", "reason"),  # a cause, whatever money it names
        ("What made up the rest of the budget?", "money"),
        ("Which carmakers is Panasonic working with?", "entity"),
        ("Which subsidiary was to run the plant?", "entity"),
        ("What is made at the plant?", None),
        ("Is Japan on track to hit its 2030 goal?", "judgement"),
        ("Has Nissan confirmed the talks?", "judgement"),
        ("Is the plant located in Fukuoka?", "place"),  # a more telling kind wins over yes/no
        ("What month did Espinosa announce the plan?", "time"),
        ("Which day was the deal signed?", "time"),
        ("How much does Japan produce now?", "count"),  # output: GWh, not money
        ("Apart from Reuters, which outlet did the story lean on?", "entity"),
        ("To which publication did a spokesperson complain?", "entity"),
        ("From which company will Toyota buy batteries?", "entity"),
        ("What stake does Subaru hold in the venture?", "percent"),  # a share of a company
        ("What is at stake for Nissan?", None),
        ("Where did Panasonic rank among battery makers in 2024?", "rank"),  # a rank, however it goes on
        ("What position does CATL hold?", "rank"),
        ("Where will Toyota place its new plant?", "place"),
        ("Is Toyota adding output at its subsidiaries?", "judgement"),  # a subsidiary is no subsidy
        ("How large is the subsidy?", "money"),
        ("What did Foxconn pay Mitsubishi Motors?", "money"),
        ("How much of the EV battery market does BYD control?", "percent"),  # a share, not a sum
        ("What pay rise did the dockworkers get?", "percent"),  # "a pay rise of 6.5%"
        ("How much has the line's cost estimate grown?", "money"),  # a change in a sum, not a count
        ("What is the value of the tunnelling contract?", "money"),  # a deal's value is a sum
        ("What is the value of its stake?", "percent"),
        ("How far is Lowmere from Pellingford General?", "count"),  # a distance: "38 kilometres away"
        ("How far behind China is Japan?", None),
        ("How much would battery production rise?", "count"),
        ("How much are the dockworkers paid?", "money"),
        ("What's discouraging Japanese companies from building at home?", "reason"),  # what discourages: a cause
        ("How much of the $7 billion will Toyota spend?", "money"),
        ("Any sign Japan will win back its place in batteries soon?", "judgement"),  # "Is there any sign ...?"  # a payment is money, and without one no answer
        ("Who will pay for the plant?", "entity"),
        ("Which construction company is building the Calloway Wing?", "entity"),  # a party named for what it does
        ("which dredging firms will deepen the channel", "entity"),
        ("what the companies are spending", "money"),  # "the" says which companies, not what they do
        ("The carmaker slated for 55.7 billion yen: how big a cut is it planning?", "count"),  # a stated amount
        ("What is the $7 billion for?", None),
        ("How many yen per dollar do the articles use?", "money"),
        ("What city is the Oppama plant in?", "place"),
        ("What country is Foxconn from?", "place"),
        ("What state is Japan's battery industry in?", None),  # a condition, not a US state
        ("What was the Kitakyushu plant's start date supposed to be?", "time"),
        ("What did the government pledge to the battery effort?", "money"),
        ("What happened to the METI subsidy after the cancellation?", None),  # an event, not an amount
        ("Why are Japanese firms investing abroad instead of at home?", "reason"),  # a cause, not a sum
        ("What is Japan's current battery production?", "count"),  # an amount, asked by its noun
        ("What is the production technique?", None),
        ("For how long?", "count"),  # a number of years
        ("How long has CATL led the market?", "count"),
        ("How long is the Oppama assembly line?", "count"),  # a length: a number, if not of years
        ("drane tram bridge length", "count"),
        ("HOW DEEP WILL THE CHANNEL BE DREDGED", "count"),
        ("How long ago did the plant close?", None),
        ("how much deeper did the piles for the bridge have to go", "count"),  # metres, not money
        ("How much later will the line open?", "count"),
        ("How much higher is the cost now?", "money"),
        # A follow-up's own words are typed first; the earlier question in parentheses only when they ask nothing.
        ("For how long (Which company leads the EV battery market)?", "count"),
        ("in 2029 (How much will Nissan invest in LFP batteries)?", "money"),
        ("Why did Nissan pull out, and how much support went with it?", "money"),  # the second part's
        ("What did LG Energy Solution say about Toyota?", "statement"),  # LG's words, not words about LG
        ("What has Foxconn said about the report?", "statement"),
        ("What does the article say that choice reveals?", None),  # the article speaks, not a party
        ("How much did it say the companies would spend?", "money"),
        # A "when" after another question word dates what is asked; it asks a time only as a part of its own.
        ("What will the plant be called when it opens?", None),
        ("What job did she hold when the merger was announced?", "role"),
        ("What was announced, and when?", "time"),
        ("Did the club say when the plant opens?", "time"),
        ("When will the plant open?", "time"),
        # A price per share is money; a share of something is a percentage.
        ("how much did nordvang offer per share for hallvik?", "money"),
        ("What share of the milk market does Hallvik have?", "percent"),
        ("How big a share of the market does CATL hold?", "percent"),
        # Where money or news comes from is what gives it, not a place; where a company comes from is one.
        ("where was the 900m a year of savings supposed to come from?", None),
        ("Where does Foxconn come from?", "place"),
        # What a party thinks is what it says.
        ("what did the fyrholm analyst think would happen to brennvik?", "statement"),
        ("what sent hallvik's shares down to 97 kronor in 2025?", "reason"),
        ("hallvik delisting date", "time"),  # the date of a doing, asked in keywords
        # A job is a role; job cuts and the role a company plays are not.
        ("what job did she get after the takeover went through?", "role"),
        ("What role does Hana Lyle-Brennock have now?", "role"),
        ("what job cuts are planned?", None),
        ("which hallvik factory did nordvang originally want to shut down?", "entity"),  # a named factory
        ("What role did Toyota play in the deal?", None),
    ],
)
def test_question_type(question: str, wanted: str | None) -> None:
    assert question_type(question) == wanted


def test_a_part_asking_an_amount_keeps_the_unit_the_question_states() -> None:
    assert question_parts("Which ministry set the 150 GWh goal, and how much does Japan produce now?") == [
        "Which ministry set the 150 GWh goal",
        "how much GWh does Japan produce now",
    ]
    assert question_parts("Who set the 150 GWh goal, and how many GWh are made now?")[1] == "how many GWh are made now"


def test_two_part_questions_split_and_single_ones_do_not() -> None:
    assert question_parts("How many employees work at Oppama, and where is it located?") == [
        "How many employees work at Oppama",
        "where is it located",
    ]
    assert question_parts("Did Toyota and Nissan invest?") == ["Did Toyota and Nissan invest?"]


def test_a_part_that_is_only_its_question_word_asks_it_of_the_part_before() -> None:
    """"... and why" asks why of what the first part asks about; alone, "why" finds nothing."""
    assert question_parts("when did Greymarch give up on the Pellam Moor plant and why") == [
        "when did Greymarch give up on the Pellam Moor plant",
        "why did Greymarch give up on the Pellam Moor plant",
    ]
    assert question_parts("how much deeper did the piles have to go, and why?")[1] == "why deeper did the piles have to go"
    assert question_parts("Which firm builds the trams, and where?")[1] == "where firm builds the trams"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who is Toyota's CEO?", {"toyota"}),
        ("Who is the CEO of Toyota?", {"toyota"}),
        ("What share did CATL hold?", set()),
        ("Which company is Nissan in talks with?", set()),
        ("WHO IS TOYOTA'S CEO?", set()),  # shouted: no word is a name by its case
    ],
)
def test_owners_are_the_names_a_question_asks_something_of(question: str, expected: set[str]) -> None:
    assert owners(question) == expected


def test_a_request_with_several_asks_splits_into_parts() -> None:
    assert question_parts("Name the ministry behind the goal, and state how much the government will give.") == [
        "Name the ministry behind the goal", "how much the government will give."
    ]
    assert question_parts("Describe Panasonic: what it once was, where it ranked, and how it ends up.") == [
        "Describe Panasonic", "what it once was", "where it ranked", "how it ends up."
    ]
    # A relative clause is not a part of its own.
    assert question_parts("The plant, which has 3,900 employees, may close. Why?") == ["The plant, which has 3,900 employees, may close. Why?"]


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("How does the government's battery money compare to what the companies are spending?",
         ["the government's battery money", "what the companies are spending"]),
        ("How does CATL's share compare with BYD's?", ["CATL's share", "BYD's share"]),  # the second side's thing
        ("Compare Toyota's battery spending with Nissan's.", ["Toyota's battery spending", "Nissan's battery spending"]),
        ("How does Panasonic compare to CATL?", ["How does Panasonic compare to CATL?"]),  # too little to seek alone
        ("How did EV sales in Japan compare with the US?", ["How did EV sales in Japan compare with the US?"]),
        # A change between two times is told by the value at each.
        ("How did CATL's market share change between July 2024 and the full year 2024?",
         ["What was CATL's market share in July 2024?", "What was CATL's market share in the full year 2024?"]),
        ("how has tram ridership changed from 2022 to 2025?",
         ["What was tram ridership in 2022?", "What was tram ridership in 2025?"]),
        ("How has the cost changed from 2024 to now?", ["What was the cost in 2024?", "What is the cost now?"]),
        ("how has hallvik's share of the milk market moved since 2023?",
         ["What was hallvik's share of the milk market in 2023?", "What is hallvik's share of the milk market now?"]),
        ("How has the plan changed since the merger?", ["How has the plan changed since the merger?"]),
        # "from ... to ..." spans two times, or else two things
        ("How has the plan changed from a bridge to a tunnel?", ["How has the plan changed from a bridge to a tunnel?"]),
        ("How did Toyota change its plans?", ["How did Toyota change its plans?"]),
    ],
)
def test_a_comparison_seeks_each_side_on_its_own(question: str, parts: list[str]) -> None:
    assert question_parts(question) == parts


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("Were Nissan's Kitakyushu plant and Toyota's Fukuoka plant due to start operating in the same year?",
         ["When were Nissan's Kitakyushu plant due to start operating?", "When were Toyota's Fukuoka plant due to start operating?"]),
        ("Do Foxconn and LG Energy Solution come from the same country?",
         ["Which country do Foxconn come from?", "Which country do LG Energy Solution come from?"]),
        ("Were the Subaru plant and the Lexus plant expected to open at the same time?",
         ["When were the Subaru plant expected to open?", "When were the Lexus plant expected to open?"]),
        # Two things with nothing to compare them by, or one thing, are no such question.
        ("Are Toyota and Nissan investing the same amount?", ["Are Toyota and Nissan investing the same amount?"]),
        ("Were the plants due to open in the same year?", ["Were the plants due to open in the same year?"]),
    ],
)
def test_whether_two_things_share_a_date_or_place_is_asked_of_each(question: str, parts: list[str]) -> None:
    assert question_parts(question) == parts


def test_words_that_name_an_article_do_not_set_the_answer_type() -> None:
    assert question_type("According to the Toyota-Nissan investment article, which carmaker starts first?") != "money"
    assert question_type("In the piece on Japan's battery slump, how much did Toyota spend?") == "money"
    assert question_type("How much will Toyota invest?") == "money"


def test_a_part_may_start_with_a_preposition() -> None:
    assert question_parts("What batteries will Nissan make, and from which year?") == [
        "What batteries will Nissan make",
        "from which year",
    ]


def test_a_choice_is_asked_about_each_option() -> None:
    question = "Which is due to open first: the Subaru plant or Toyota's Lexus plant?"
    assert question_parts(question) == ["When is the Subaru plant due to open?", "When is Toyota's Lexus plant due to open?"]
    assert question_type(question_parts(question)[0]) == "time"
    assert choice_options(question) == ("the Subaru plant", "Toyota's Lexus plant")
    assert question_parts("Which sum is bigger, what Toyota spends or what Nissan invests?") == [
        "what Toyota spends", "what Nissan invests"
    ]
    assert choice_options("Did Toyota or Nissan cancel a plant?") is None
    # "..., and by how much?" is answered by both options' values.
    margin = "Which costs more, the North Basin automation or the Gullhaven plant, and by how much?"
    assert question_parts(margin) == ["the North Basin automation costs", "the Gullhaven plant costs"]
    assert choice_options(margin) == ("the North Basin automation", "the Gullhaven plant")
    figures = "Which costs more, the Tessmoor battery or the Line 4 extension, and what are the two figures?"
    assert choice_options(figures) == ("the Tessmoor battery", "the Line 4 extension")
    # What the ask says besides its wh-word and comparative is asked of each option, the wh-word is not.
    assert question_parts("Which happened first: Nissan scrapping Kitakyushu or Toyota pausing Fukuoka?") == [
        "When is Nissan scrapping Kitakyushu happened?", "When is Toyota pausing Fukuoka happened?"
    ]
    assert untimed_option("When is Nissan scrapping Kitakyushu happened?") == "Nissan scrapping Kitakyushu happened"


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("Is demand rising or falling, according to the articles?",
         ["Is demand rising, according to the articles?", "Is demand falling, according to the articles?"]),
        ("did ev sales fall 39% in japan or in the us?", ["did ev sales fall 39% in japan?", "did ev sales fall 39% in the us?"]),
        ("Is Toyota producing its own batteries or buying them from someone else?",
         ["Is Toyota producing its own batteries?", "Is Toyota buying them from someone else?"]),
        ("did the ev share go up or down in 2023?", ["did the ev share go up in 2023?", "did the ev share go down in 2023?"]),
        ("Are the firms from Taiwan or South Korea?", ["Are the firms from Taiwan?", "Are the firms from South Korea?"]),
        ("Does Nissan or Toyota plan a plant in Kyushu?", ["Does Nissan plan a plant in Kyushu?", "Does Toyota plan a plant in Kyushu?"]),
    ],
)
def test_a_yes_no_question_offering_alternatives_is_asked_about_each(question: str, parts: list[str]) -> None:
    assert question_parts(question) == parts
    assert offers_options(question)


@pytest.mark.parametrize(
    "question",
    [
        "Will Japan reach 150 GWh by 2030 or not?",  # no second alternative
        "Is it Toyota or Nissan, or both?",  # more than two
        "What did Toyota build or buy?",  # not a yes/no question
        "Or is it Toyota?",
    ],
)
def test_other_questions_with_or_are_not_split_into_alternatives(question: str) -> None:
    assert question_parts(question) == [question]
    assert not offers_options(question)


def test_a_choice_asked_with_whos_is_asked_of_each_option() -> None:
    question = "Who's putting in more money on batteries, Toyota or Nissan?"
    assert question_parts(question) == ["Toyota putting in money on batteries", "Nissan putting in money on batteries"]
    assert question_type(question_parts(question)[0]) == "money"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("When was the article about Oppama published?", True),
        ("Nissan Foxconn Oppama article publication date", True),
        ("To which publication did a spokesperson complain?", False),  # asks for a name
        ("Which outlet published the report?", False),
        ("What day of the week did the Oppama story come out?", True),
        ("When did the sales figures come out?", False),  # "came out" dates a story, not any figure
    ],
)
def test_a_publication_date_question_asks_for_a_date(question: str, expected: bool) -> None:
    from qa.asking import asks_publication_date

    assert asks_publication_date(question) is expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("who heads nissan?", "Who is nissan's CEO?"),  # "heads" is the verb, not the role "head"
        ("Who runs Nissan Motor Co.?", "Who is Nissan Motor Co.'s CEO?"),
        ("Who is the head of Nissan?", "Who is Nissan's CEO?"),
        ("Who leads the market?", "Who is the market's CEO?"),  # abstains unless a sentence names one
        ("Who is Nissan's CEO?", "Who is Nissan's CEO?"),
        ("Which company leads the market?", "Which company leads the market?"),  # asks for a company
        # A description is resolved as one; "the startup that ...'s CEO" would hide it.
        ("Who leads the startup that is building the battery?", "Who leads the startup that is building the battery?"),
    ],
)
def test_who_runs_a_company_asks_for_its_chief_executive(question: str, expected: str) -> None:
    from qa.asking import role_question

    assert role_question(question, frozenset({"ceo", "nissan"})) == expected
    # Articles that never say "CEO" would make the rewritten question an unknown name.
    assert role_question(question, frozenset({"founder", "nissan"})) == question
