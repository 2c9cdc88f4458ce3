"""Pure parts of evidence selection: answer types, question parts, quote focus, follow-ups."""

from __future__ import annotations

import importlib
import re

import pytest

from qa.answering import compose
from qa.asking import choice_options, offers_options, owners, question_parts, question_type, untimed_option
from qa.bridging import bridge
from qa.citations import Citation, focus_span
from qa.conversation import follow_up_parts, standalone_question
from qa.scoring import score_sentences
from qa.text import tokens
from qa.verification import check_reply
from qa.vocabulary import asked_abbreviation, concepts, correct_terms, definition, unknown_names

EVIDENCE_MODULES = ("asking", "bridging", "completion", "counting", "evidence", "scoring", "values", "vocabulary")


def patch_rule(monkeypatch, name: str, value: object) -> None:  # type: ignore[no-untyped-def]
    """Set `name` to `value` in every module of the evidence step that reads it, so a rule is
    switched off wherever it applies."""
    patched = [module for module in (importlib.import_module(f"qa.{m}") for m in EVIDENCE_MODULES) if hasattr(module, name)]
    assert patched, f"no evidence module reads {name}"
    for module in patched:
        monkeypatch.setattr(module, name, value)


def ranked_sentences(pipeline, question: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The sentences `score_sentences` ranks for the question, best first, as the pipeline retrieves them."""
    vector = pipeline.embedder.embed([question])[0]
    hits = pipeline._retrieve(pipeline.index, question, vector, None)
    return [e.sentence.text for e in score_sentences(question, vector, hits, pipeline.index)]


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
        ("How long is the Oppama assembly line?", None),  # a length, not years
        # A follow-up's own words are typed first; the earlier question in parentheses only when they ask nothing.
        ("For how long (Which company leads the EV battery market)?", "count"),
        ("in 2029 (How much will Nissan invest in LFP batteries)?", "money"),
        ("Why did Nissan pull out, and how much support went with it?", "money"),  # the second part's
        ("What did LG Energy Solution say about Toyota?", "statement"),  # LG's words, not words about LG
        ("What has Foxconn said about the report?", "statement"),
        ("What does the article say that choice reveals?", None),  # the article speaks, not a party
        ("How much did it say the companies would spend?", "money"),
    ],
)
def test_question_type(question: str, wanted: str | None) -> None:
    assert question_type(question) == wanted


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
    from qa.vocabulary import concepts

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


def test_a_description_of_what_is_asked_about_becomes_a_question_of_its_own() -> None:
    question = "Who is the CEO of the automaker that cancelled its planned plant in Kitakyushu?"
    found = bridge(question)
    assert found is not None
    assert found.question == "Which automaker cancelled its planned plant in Kitakyushu?"
    assert found.resolve(question, "Nissan") == "Who is the CEO of Nissan?"
    where = bridge("How many people work at the Yokosuka factory where Foxconn might build cars?")
    assert where is not None and where.question == "Which Yokosuka factory where Foxconn might build cars?"
    # A description may open the question, up to its main verb, and may be a participle there.
    subject = "The carmaker planning a plant for its next Lexus EVs is building a factory in which US state?"
    opening = bridge(subject)
    assert opening is not None and opening.question == "Which carmaker planning a plant for its next Lexus EVs?"
    assert opening.resolve(subject, "Toyota") == "Toyota is building a factory in which US state?"


def test_a_description_resolves_to_the_name_of_its_kind_of_thing() -> None:
    factory = bridge("How many people work at the Yokosuka factory where Foxconn might build cars?")
    assert factory is not None
    text = "Nissan Motor Co. is in talks with Foxconn to let it build cars at its Oppama plant in Yokosuka, Japan."
    assert factory.entity_in(text) == "Oppama"  # "plant" is the kind "factory" asks for
    automaker = bridge("Who is the CEO of the automaker that cancelled its plant in Kitakyushu?")
    assert automaker is not None
    assert automaker.entity_in("The unraveling began with Nissan’s decision to cancel its plant in Kitakyushu.") == "Nissan"
    assert automaker.entity_in("The plant in Kitakyushu was cancelled.") is None


def test_a_company_described_by_a_person_in_it_is_the_name_just_before_the_person() -> None:
    question = "How much was Ivan Espinosa's company going to put into LFP batteries?"
    owned = bridge(question)
    assert owned is not None and owned.question == "Which company is Ivan Espinosa at?"
    text = "The Oppama plant faced closure under a plan revealed by Nissan's CEO Ivan Espinosa, reports Reuters."
    assert owned.entity_in(text) == "Nissan"  # not "Oppama", the first name the sentence adds
    assert owned.entity_in("Ivan Espinosa spoke to Reuters.") is None
    assert owned.resolve(question, "Nissan") == "How much was Nissan going to put into LFP batteries?"
    assert bridge("How much did Toyota's company spend?") is None  # one word: a company, not a person


@pytest.mark.parametrize(
    "question",
    [
        "Who is Nissan's CEO?",
        "The automaker that cancelled it?",  # no main verb: the question is the description
        "Which company is Nissan in talks with?",
        "What do they make?",
        "When is the plant opening in 2027?",  # a participle after the subject is its verb
    ],
)
def test_questions_that_name_what_they_ask_about_have_no_description(question: str) -> None:
    assert bridge(question) is None


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


def test_a_role_asked_about_must_stand_in_the_evidence(make_pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import qa.scoring as scoring

    pipeline = make_pipeline()
    index = pipeline.index
    espinosa = "Espinosa"
    catl = "CATL retained"

    monkeypatch.setattr(scoring.index_stats(index), "name_tokens", frozenset())  # "CEO" is also a name in the articles
    patch_rule(monkeypatch, "named_thing", lambda question: None)  # typing by a name beside the role aside
    with_rule = _score(pipeline, "Who is CATL's CEO?", catl), _score(pipeline, "Who is Nissan's CEO?", espinosa)
    patch_rule(monkeypatch, "ROLE", re.compile(r"(?!)"))  # matches nothing: no role is required
    without = _score(pipeline, "Who is CATL's CEO?", catl), _score(pipeline, "Who is Nissan's CEO?", espinosa)
    # A sentence about CATL that names no CEO loses the missing-name penalty; Espinosa's keeps its score.
    assert without[0] - with_rule[0] == pytest.approx(scoring.WEIGHTS["missing_name"])
    assert without[1] == pytest.approx(with_rule[1])


def test_a_sentence_about_another_party_of_its_title_does_not_answer_for_the_one_asked(make_pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Under "Toyota, Nissan to Invest ...", "Nissan intends to ... investing $1 billion" is no answer
    to what Toyota invests ("And Toyota?" after Nissan's figure), whoever the sentences around it name."""
    import qa.scoring as scoring

    pipeline = make_pipeline()
    index = pipeline.index

    nissan = "Nissan intends to start producing LFP batteries"
    assert any(s.startswith(nissan) for s in ranked_sentences(pipeline, "How much is Nissan investing in LFP batteries?"))
    assert not any(s.startswith(nissan) for s in ranked_sentences(pipeline, "How much is Toyota investing in LFP batteries?"))
    monkeypatch.setattr(scoring.index_stats(index), "title_names", {})
    assert any(s.startswith(nissan) for s in ranked_sentences(pipeline, "How much is Toyota investing in LFP batteries?"))


def test_the_parties_a_title_names_are_companies_its_text_names_not_topics_or_places(make_pipeline, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import qa.scoring as scoring

    index = make_pipeline().index
    parties = {index.sources[i].title: set(names) for i, names in scoring.index_stats(index).title_names.items()}
    assert parties == {
        "Nissan Eyes EV Production with Foxconn at Japan Plant": {"nissan", "foxconn"},  # not "EV", not "Japan"
        "Toyota, Nissan to Invest $7 Billion in EV Batteries": {"toyota", "nissan"},
        "China races ahead, casting a shadow over Japan’s battery industry": set(),  # places, not parties
    }
    menu = tmp_path / "menu"
    menu.mkdir()
    (menu / "a.txt").write_text("Wire | Home | Policy | Subscribe\n\nThe Policy team met Acme. Policy staff grew.\n", encoding="utf-8")
    index = make_pipeline(corpus_dir=menu).index
    assert set(scoring.index_stats(index).title_names["a.txt"]) == {"policy"}  # named in the text twice; "Home" never


def test_a_capital_that_only_starts_the_question_is_not_an_unknown_name() -> None:
    vocabulary = frozenset({"china", "nissan", "foxconn", "industry"})
    assert unknown_names("Pressure from which country's industry lies behind Nissan's tie-up?", vocabulary) == []
    assert unknown_names("Tesla market share?", vocabulary) == ["Tesla"]  # no question word: a keyword query
    assert unknown_names("What is Tesla's share?", vocabulary) == ["Tesla"]


def test_a_place_is_known_by_its_people_and_a_hyphenated_name_by_its_capitalised_part() -> None:
    vocabulary = frozenset({"taiwanese", "chinese", "foxconn", "nissan"})
    assert unknown_names("What has the Taiwan-based maker agreed with Nissan?", vocabulary) == []
    assert unknown_names("Is Foxconn a China-based firm?", vocabulary) == []
    assert unknown_names("Is Foxconn a Korea-based firm?", vocabulary) == ["Korea-based"]


def test_a_well_known_abbreviation_is_known_where_the_corpus_spells_it_out() -> None:
    vocabulary = frozenset({"foxconn", "memorandum", "understanding", "mitsubishi"})
    assert unknown_names("Which partner did Foxconn sign an MoU with?", vocabulary) == []
    assert unknown_names("Which partner did Foxconn sign an MoU with?", vocabulary - {"memorandum"}) == ["MoU"]


def test_typo_correction_leaves_real_words_alone_except_for_their_endings() -> None:
    vocabulary = frozenset({"sale", "employee", "import", "maker"})
    assert correct_terms(["sole", "emploees", "imported"], vocabulary) == ["sole", "employee", "import"]


def test_focus_span_keeps_the_clause_with_the_answer_and_stays_verbatim() -> None:
    text = (
        "The Oppama facility, which has approximately 3,900 employees, faced potential shutdown due to a "
        "significant global restructuring plan revealed earlier this year by the company's chief executive."
    )
    start, end = focus_span(text, 0, len(text), set(tokens("employees Oppama")), {"3900"})
    assert "3,900 employees" in text[start:end]
    assert len(text[start:end].split()) < len(text.split())
    assert text[start:end] == text[start:end].strip()


def test_focus_span_keeps_a_clause_that_says_the_question_s_word_another_way() -> None:
    from qa.vocabulary import concept

    text = (
        "Foxconn, officially known as Hon Hai Precision, has been swiftly entering the EV market and has recently "
        "established a memorandum of understanding with Mitsubishi Motors, to provide a new electric vehicle model."
    )
    keep = set(tokens("What is Foxconn supposed to supply Mitsubishi Motors with?"))
    assert "provide" not in text[slice(*focus_span(text, 0, len(text), keep, set()))]
    assert "provide a new electric vehicle model" in text[slice(*focus_span(text, 0, len(text), keep, set(), same=concept))]


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
    ],
)
def test_a_reference_is_resolved_to_the_name_the_answer_gives_it(earlier: str, answer: str, follow_up: str, expected: str) -> None:
    assert standalone_question(follow_up, [(earlier, answer)]) == expected


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


def test_a_second_article_is_introduced_with_its_date_and_not_its_title() -> None:
    first = Citation(1, "a.txt", "Plan", "2024-01-01", None, "Nissan will open a plant in 2028.", 0, 33)
    later = Citation(2, "b.txt", "Reversal", "2025-03-01", None, "Nissan cancelled the plant.", 0, 27)
    undated = Citation(3, "c.txt", "Rumour", None, None, "Nissan may build it.", 0, 20)
    text = compose("2028", [first, later])
    assert text.startswith("2028. [1]")
    assert "Another article (2025-03-01, the more recent of the two) says: “Nissan cancelled the plant.” [2]" in text
    assert "Reversal" not in text  # the title stands in the sources listed under the answer
    assert compose(None, [first, undated]).endswith("Another article says: “Nissan may build it.” [3]")


def test_an_article_is_introduced_once_per_run_of_its_quotes() -> None:
    from qa.answering import answer_content

    first = Citation(1, "a.txt", "Plan", "2024-01-01", None, "Nissan will open a plant.", 0, 25)
    other = Citation(2, "b.txt", "Reversal", "2025-03-01", None, "Nissan cancelled the plant.", 0, 27)
    more = Citation(3, "b.txt", "Reversal", "2025-03-01", None, "Toyota paused its plant.", 30, 54)
    back = Citation(4, "a.txt", "Plan", "2024-01-01", None, "It employs 3,900.", 30, 47)
    text = compose(None, [first, other, more, back])
    assert text.count("Another article") == 1
    assert "says: “Nissan cancelled the plant.” [2] “Toyota paused its plant.” [3]" in text
    assert text.endswith("The first article says: “It employs 3,900.” [4]")
    assert "says" not in answer_content(text)


def _evidence(position: int, article: str, text: str, score: float, overlap: float = 0.5):  # type: ignore[no-untyped-def]
    from qa.chunking import Sentence
    from qa.evidence import Evidence

    return Evidence(Sentence(article, 0, len(text), text, False), position, score, 0.5, overlap, True)


def test_a_close_runner_up_is_cited_only_from_another_article() -> None:
    from qa.evidence import select_evidence

    best = _evidence(0, "a.txt", "Toyota will build the plant in Fukuoka.", 0.80)
    same_article = _evidence(1, "a.txt", "Analysts expect growth in the United States.", 0.78)
    other_article = _evidence(7, "b.txt", "A later report says construction was put on hold.", 0.75)
    assert select_evidence([best, same_article, other_article], ratio=0.85) == [best, other_article]


def test_another_article_giving_another_figure_for_the_same_thing_is_cited_beside_the_best() -> None:
    from qa.evidence import select_evidence

    best = _evidence(0, "a.txt", "The Tessmoor battery will have a power rating of 250 MW.", 0.76)
    filler = _evidence(1, "a.txt", "Tessmoor burned coal for fifty-two years.", 0.70)
    rival = _evidence(7, "b.txt", "The fab is backed up by the 200 MW battery being built at Tessmoor.", 0.62)
    assert select_evidence([best, filler, rival], ratio=0.85) == [best, rival]
    # The same figure, or no figure in that unit, is no disagreement; a far weaker one is not sought.
    agreeing = _evidence(7, "b.txt", "The fab is backed up by the 250 MW battery being built at Tessmoor.", 0.62)
    assert select_evidence([best, filler, agreeing], ratio=0.85) == [best]
    weak = _evidence(7, "b.txt", "The fab is backed up by the 200 MW battery being built at Tessmoor.", 0.40)
    assert select_evidence([best, filler, weak], ratio=0.85) == [best]
    # A word after a number is no unit: "closes 7 of its 17 plants" against "2 of them".
    plants = _evidence(0, "a.txt", "Nissan will close 7 of its 17 plants.", 0.76)
    other_plants = _evidence(7, "b.txt", "Nissan has already closed 2 of them.", 0.62)
    assert select_evidence([plants, other_plants], ratio=0.85) == [plants]


def test_an_update_may_name_the_plan_s_subject_in_the_sentence_before(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    from qa.evidence import find_update

    index = make_pipeline().index
    position = {s.text[:30]: i for i, s in enumerate(index.sentences)}

    def at(prefix: str, score: float):  # type: ignore[no-untyped-def]
        row = next(i for text, i in position.items() if text.startswith(prefix))
        sentence = index.sentences[row]
        return _evidence(row, sentence.article_id, sentence.text, score)

    plan = at("Nissan intends to start produc", 0.9)
    withdrew = at("However, amid weak profitabili", 0.2)  # names no one; the sentence before says LFP
    assert find_update([plan, withdrew], [plan], index) == withdrew


def test_quotes_are_not_cut_inside_a_parenthesis() -> None:
    text = (
        "Nissan Motor Co. is said to be in talks with Taiwanese technology leader Foxconn to permit "
        "electric vehicle (EV) manufacturing at its Oppama plant in Yokosuka, Japan, a step that may "
        "prevent the closure of the facility, sources familiar with the situation revealed."
    )
    start, end = focus_span(text, 0, len(text), {"oppama", "yokosuka"}, {"yokosuka"})
    assert not text[start:end].startswith("EV)")


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


def _at(index, prefix: str, score: float, *, typed: bool = True, overlap: float = 0.5):  # type: ignore[no-untyped-def]
    """The indexed sentence starting with `prefix`, as evidence with the given score."""
    from qa.evidence import Evidence

    row = next(i for i, s in enumerate(index.sentences) if s.text.startswith(prefix))
    return Evidence(index.sentences[row], row, score, 0.5, overlap, typed)


def test_a_why_question_is_completed_by_the_cause_next_to_its_best_sentence(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    from qa.completion import complement, gap

    index = make_pipeline().index
    question = "Why did Nissan pull out of the Kitakyushu battery plant?"
    first = _at(index, "The unraveling began", 0.7, typed=False)  # names the plant, gives no cause
    schedule = _at(index, "The facility, which was expected", 0.4, typed=False)
    cause = _at(index, "However, amid weak profitability", 0.6)
    found = gap(question, first, index)
    assert found is not None and found.needs_soft
    chosen = complement(question, found, [first, schedule, cause], index, floor=0.35)
    assert chosen is not None and chosen.evidence == cause and not chosen.bridged


def test_a_yes_no_question_takes_the_verdict_a_paragraph_later_in_the_same_section(make_pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import qa.completion as completion
    from qa.completion import complement, gap

    index = make_pipeline().index
    question = "Is Toyota's Fukuoka battery plant pause temporary?"
    first = _at(index, "The situation worsened when Toyota", 0.7, typed=False)  # the pause, no verdict
    verdict = _at(index, "Toyota may have presented its decision as a temporary", 0.2, typed=False)  # 4 sentences on
    found = gap(question, first, index)
    assert found is not None and found.needs_soft
    chosen = complement(question, found, [first, verdict], index, floor=0.35)
    assert chosen is not None and chosen.evidence == verdict
    patch_rule(monkeypatch, "VERDICT_REACH", completion.NEIGHBOURS)
    assert complement(question, found, [first, verdict], index, floor=0.35) is None


def test_a_name_the_best_sentence_gives_leads_to_the_sentence_that_answers(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    from qa.completion import complement, gap

    index = make_pipeline().index
    question = "Which two carmakers teamed up with the only Japanese company in the 2024 top ten of EV battery makers?"
    first = _at(index, "In contrast, Panasonic", 0.6)  # resolves the description to Panasonic
    partners = _at(index, "In an effort to increase domestic production, Subaru", 0.2)  # another article, names Panasonic
    unrelated = _at(index, "Toyota and Nissan will spend", 0.3)
    found = gap(question, first, index)
    assert found is not None and "teamed" in found.words and "carmaker" in found.words
    chosen = complement(question, found, [first, unrelated, partners], index, floor=0.35)
    assert chosen is not None and chosen.evidence == partners and chosen.bridged
    # Without the link through the name, a weak sentence from elsewhere is not taken.
    assert complement(question, found, [first, unrelated], index, floor=0.35) is None


def test_a_later_part_not_answered_by_the_sentence_already_cited_takes_its_own(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    pipeline = make_pipeline()
    index = pipeline.index
    what, why = "What did Toyota decide about its Fukuoka plant", "why (What did Toyota decide about its Fukuoka plant)?"
    suspension = _at(index, "The situation worsened when Toyota", 0.65, typed=False)
    cause = _at(index, "But slower-than-expected growth", 0.58)
    # The "why" part ranks the suspension first too, but it gives no cause: the part takes the cause.
    answerable = [([suspension], what), ([_at(index, "The situation worsened", 0.64, typed=False), cause], why)]
    evidence, firsts = pipeline._gather(answerable, [suspension], None, index, None, several=True)
    assert firsts[1][0].position == cause.position and cause.position in [e.position for e in evidence]


def test_a_place_borrowed_from_the_sentence_before_earns_no_bonus(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    from qa.retrieval import Hit
    from qa.scoring import score_sentences

    pipeline = make_pipeline()
    index = pipeline.index
    question = "Where do Toyota's batteries come from now?"
    vector = pipeline.embedder.embed([question])[0]
    hits = [Hit(chunk, n, 0.0, 0.5, 0.0) for n, chunk in enumerate(index.chunks, 1)]
    typed = {e.position: e for e in score_sentences(question, vector, hits, index)}
    plain = {e.position: e for e in score_sentences(question, vector, hits, index, wanted=None)}
    factory = _at(index, "The factory, to be built and operated by Toyota Battery", 0.5).position
    assert typed[factory].leans_on == factory - 1  # Fukuoka, named the sentence before
    assert typed[factory].score == pytest.approx(plain[factory].score)  # neither bonus nor penalty


def test_a_sentence_that_points_back_leans_on_more_of_what_came_before(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    from qa.scoring import context_words, index_stats

    index = make_pipeline().index
    setback = _at(index, "This setback dealt a significant blow", 0.5).position  # Kitakyushu: three sentences back
    assert "kitakyushu" in context_words(index, index_stats(index), setback)
    plain = _at(index, "The Ministry of Economy, Trade and Industry (METI) had aimed", 0.5).position
    assert "kitakyushu" not in context_words(index, index_stats(index), plain)  # four back, and it points at nothing


def test_a_sentence_linked_by_a_name_must_still_speak_of_what_the_question_names(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    from qa.completion import complement, gap

    index = make_pipeline().index
    question = "What did Mitsubishi Motors agree with Foxconn?"
    first = _at(index, "Foxconn, officially known as Hon Hai", 0.7, typed=False)  # names Nissan; says no "agree"
    observers = _at(index, "Yet, despite its progress, industry observers agree", 0.2, typed=False)  # Nissan, "agree"
    found = gap(question, first, index)
    assert found is not None and "agree" in found.words
    assert complement(question, found, [first, observers], index, floor=0.35) is None


def test_a_value_beside_the_answer_that_speaks_of_another_party_does_not_complete_it(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    from qa.completion import complement, gap

    index = make_pipeline().index
    question = "How much will Toyota put into its two battery subsidiaries?"
    first = _at(index, "With intentions to increase battery production at two subsidiaries", 0.8)  # says no "put"
    # "… is what it is anticipated to put in": Panasonic's sum, in an article whose title names Toyota.
    panasonic = _at(index, "Around $3.8 billion, or 550 billion yen", 0.42)
    found = gap(question, first, index)
    assert found is not None and "put" in found.words
    assert complement(question, found, [first, panasonic], index, floor=0.35) is None
    # The same sentence completes a question about the party it leans on.
    about_panasonic = "How much will Panasonic put into the battery components plant with Subaru?"
    found = gap(about_panasonic, _at(index, "In an effort to increase domestic production, Subaru", 0.8), index)
    chosen = complement(about_panasonic, found, [panasonic], index, floor=0.35) if found else None
    assert chosen is not None and chosen.evidence == panasonic


def test_no_second_sentence_is_sought_when_the_best_one_covers_the_question(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    from qa.completion import gap

    index = make_pipeline().index
    first = _at(index, "The Oppama facility, which has approximately 3,900", 0.8)
    assert gap("How many employees does the Oppama facility have?", first, index) is None


def test_what_a_cited_runner_up_holds_is_not_left_out(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    from qa.completion import gap

    index = make_pipeline().index
    question = "How many employees does the Oppama plant have if Nissan closes it?"
    first = _at(index, "The Oppama facility, which has approximately 3,900", 0.8)
    closing = _at(index, "The vehicle manufacturer intends to close 7", 0.7)
    found = gap(question, first, index)
    assert found is not None and "close" in found.weights
    assert gap(question, first, index, also=(closing,)) is None


def test_the_words_naming_the_kind_of_value_are_not_left_out_when_it_is_given(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    from qa.completion import gap

    index = make_pipeline().index
    first = _at(index, "The vehicle manufacturer intends to close 7", 0.8)  # "… cut its workforce by 15%."
    assert gap("By what percentage does Nissan plan to cut its workforce?", first, index) is None


def test_a_name_may_stand_in_the_evidence_as_its_place_or_people(make_pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import qa.scoring as scoring

    pipeline = make_pipeline()
    goal = "sales in North America from 50%"
    question = "What share of Toyota's North American sales are electric or hybrid?"

    with_forms = _score(pipeline, question, goal)
    patch_rule(monkeypatch, "place_forms", lambda word: {word})
    # "American" in the question is "America" in the sentence: no missing-name penalty.
    assert with_forms - _score(pipeline, question, goal) == pytest.approx(scoring.WEIGHTS["missing_name"])


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


def test_its_after_a_name_in_the_same_question_is_that_names() -> None:
    history = [("Compare the companies Nissan and Toyota turn to", "x")]
    assert standalone_question("Which firm is Nissan talking to about its plant?", history) == "Which firm is Nissan talking to about its plant?"
    # An imperative that opens the earlier question is no subject: "its" is Nissan, not "Compare".
    assert standalone_question("Where is its plant?", history) == "Where is Nissan's plant?"


def test_words_that_name_an_article_do_not_set_the_answer_type() -> None:
    assert question_type("According to the Toyota-Nissan investment article, which carmaker starts first?") != "money"
    assert question_type("In the piece on Japan's battery slump, how much did Toyota spend?") == "money"
    assert question_type("How much will Toyota invest?") == "money"


def test_a_part_may_start_with_a_preposition() -> None:
    assert question_parts("What batteries will Nissan make, and from which year?") == [
        "What batteries will Nissan make",
        "from which year",
    ]


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


def test_a_choice_is_answered_with_each_options_quoted_value_or_not_at_all() -> None:
    from qa.pipeline import Pipeline

    first = Citation(1, "a", "A", "", "", "The plant is expected to open in 2027.", 0, 38)
    second = Citation(2, "b", "B", "", "", "By 2029, Toyota plans a new plant.", 0, 34)
    options = ("the Subaru plant", "the Lexus plant")
    cited = [(first, "When is the Subaru plant due?"), (second, "When is the Lexus plant due?")]
    assert Pipeline._weighed(options, cited) == "The Subaru plant: 2027 [1]; The Lexus plant: 2029 [2]"
    vague = Citation(2, "b", "B", "", "", "Toyota plans a new plant.", 0, 25)
    assert Pipeline._weighed(options, [cited[0], (vague, "When is the Lexus plant due?")]) is None
    # A value both options share is neither one's: no lead, the quotes speak for themselves.
    # A value said to leave an option out is not that option's.
    without = Citation(2, "b", "B", "", "", "The programme will cost €3.05 billion, even without the Line 4 extension.", 0, 72)
    costs = [(Citation(1, "a", "A", "", "", "The battery is expected to cost €410 million.", 0, 45), "the battery costs"),
             (without, "the Line 4 extension costs")]
    assert Pipeline._weighed(("the battery", "the Line 4 extension"), costs) is None
    shared = Citation(2, "b", "B", "", "", "Toyota and Nissan will spend a combined $7 billion.", 0, 51)
    money = [(Citation(1, "a", "A", "", "", "Toyota will spend $1.7 billion.", 0, 31), "Toyota spending"), (shared, "Nissan spending")]
    assert Pipeline._weighed(("Toyota", "Nissan"), money) is None
    alone = Citation(2, "b", "B", "", "", "Nissan will spend $1 billion.", 0, 29)
    assert Pipeline._weighed(("Toyota", "Nissan"), [money[0], (alone, "Nissan spending")]) == (
        "Toyota: $1.7 billion [1]; Nissan: $1 billion [2]"
    )


def test_of_equal_complements_the_one_in_the_questions_word_order_wins(make_pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import qa.completion as completion
    import qa.evidence as evidence

    index = make_pipeline().index

    def at(start: str) -> evidence.Evidence:
        return _at(index, start, 0.2, typed=False, overlap=0.3)  # middling evidence

    question = "What kind of batteries did the automaker in talks with Foxconn over the Oppama plant intend to start producing"
    first = at("Nissan is in talks with Foxconn")
    found = completion.Gap(first, {"plan": 1.0, "start": 1.0}, ["intend", "start"], needs_soft=False)
    # Both name Nissan and hold "plan" and "start" ("planned", "began"; "intends", "start").
    candidates = [at("The unraveling began with Nissan"), at("Nissan intends to start producing")]
    chosen = completion.complement(question, found, candidates, index, floor=1.0)
    assert chosen is not None and chosen.evidence.sentence.text.startswith("Nissan intends to start producing")
    patch_rule(monkeypatch, "_pairs", lambda text: set())
    chosen = completion.complement(question, found, candidates, index, floor=1.0)
    assert chosen is not None and chosen.evidence.sentence.text.startswith("The unraveling began")


def test_only_a_sentence_that_names_no_one_borrows_its_subject_from_the_one_before() -> None:
    from qa.evidence import _names_no_one

    assert _names_no_one("However, amid weak profitability, the company withdrew from the project.")
    assert _names_no_one("However, the EV market slowed.")  # an acronym is no subject
    assert not _names_no_one("The situation worsened when Toyota announced the suspension of its plant.")


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


def test_a_verdict_may_stand_next_to_a_runner_up_from_another_article(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    import qa.completion as completion
    import qa.evidence as evidence

    index = make_pipeline().index

    def at(start: str, typed: bool = False) -> evidence.Evidence:
        return _at(index, start, 0.2, typed=typed, overlap=0.3)  # middling evidence

    question = "Is Japan on track to hit its 2030 battery production goal?"
    first, runner_up = at("The target is to achieve 150 GWh"), at("The Ministry of Economy, Trade and Industry")
    verdict = at("Its cancellation has thrown into question", typed=True)
    alone = completion.Gap(first, {"track": 1.0}, ["track"], needs_soft=True)
    assert completion.complement(question, alone, [verdict], index, floor=1.0) is None
    beside = completion.Gap(first, {"track": 1.0}, ["track"], needs_soft=True, also=(runner_up,))
    chosen = completion.complement(question, beside, [verdict], index, floor=1.0)
    assert chosen is not None and chosen.evidence == verdict



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
    assert _answers_count(text, question if tally else "How much?") is expected


def test_a_place_named_in_what_the_answer_is_need_not_stand_in_the_evidence(make_pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import qa.scoring as scoring

    pipeline = make_pipeline()
    patch_rule(monkeypatch, "acronyms", lambda text: {})  # the text before says "United States"
    carolina = "North Carolina"
    catl = "CATL retained"
    state, company = "In which US state is Toyota building a major factory?", "Which Japanese company trails CATL?"

    with_rule = _score(pipeline, state, carolina), _score(pipeline, company, catl)
    patch_rule(monkeypatch, "ANSWER_HEAD", re.compile(r"(?!)"))  # no head: "US" must stand nearby
    assert with_rule[0] - _score(pipeline, state, carolina) == pytest.approx(scoring.WEIGHTS["missing_name"])
    assert _score(pipeline, company, catl) == pytest.approx(with_rule[1])  # a company's "Japanese" is always required


def test_a_state_of_a_country_is_not_answered_by_the_country() -> None:
    from qa.values import has_new_value

    question = "In which US state is Toyota building a major factory?"
    asked = {"us", "toyota"}
    assert not has_new_value("They turn abroad, particularly to the United States.", "place", set(), asked, question=question)
    assert has_new_value("It is building a major factory in North Carolina.", "place", set(), asked, question=question)
    denied = "Its future is anchored in the United States, not in Japan."
    assert not has_new_value(denied, "place", set(), asked, question=question)  # a place denied is no answer


def test_us_is_one_concept_however_abbreviated() -> None:
    assert concepts("US U.S. USA") == ["us", "us", "us"]


def test_citing_a_source_is_one_concept_however_said() -> None:
    assert len(set(concepts("cite cited citing reference referenced referencing"))) == 1  # "reports X, referencing Reuters"


def test_a_yes_no_reply_may_not_echo_the_claim_it_was_asked_about() -> None:
    question = "Is Toyota's Fukuoka battery plant pause temporary?"
    quotes = ["Toyota announced the suspension of its battery plant in Fukuoka Prefecture."]
    echo = "The suspension of Toyota's Fukuoka battery plant is temporary."
    assert any("temporary" in p for p in check_reply(echo, question, quotes, "judgement"))
    # In other questions the question's words pass.
    assert not any("temporary" in p for p in check_reply(echo, question, quotes, None))


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


def test_a_choice_asked_with_whos_is_asked_of_each_option() -> None:
    question = "Who's putting in more money on batteries, Toyota or Nissan?"
    assert question_parts(question) == ["Toyota putting in money on batteries", "Nissan putting in money on batteries"]
    assert question_type(question_parts(question)[0]) == "money"


def test_a_name_typed_in_lower_case_is_still_a_name(make_pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import qa.scoring as scoring

    pipeline = make_pipeline()
    index = pipeline.index
    stats = scoring.index_stats(index)
    assert {"subaru", "panasonic", "catl"} <= stats.name_tokens
    assert not {"however", "although", "battery"} & stats.name_tokens  # capitalised only where a sentence opens
    fukuoka = "suspension of its next-generation"
    question = "where in japan is the panasonic subaru battery plant being built"

    with_rule = _score(pipeline, question, fukuoka)
    monkeypatch.setattr(stats, "name_tokens", frozenset())
    assert _score(pipeline, question, fukuoka) - with_rule == pytest.approx(scoring.WEIGHTS["missing_name"])


def test_a_questions_first_word_is_no_name_when_it_is_an_english_word(make_pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import qa.scoring as scoring

    pipeline = make_pipeline()
    source = "referencing Reuters"
    question = "Apart from Reuters, which outlet did the Yokosuka factory story cite?"

    with_rule = _score(pipeline, question, source)
    patch_rule(monkeypatch, "english_stems", frozenset)  # no English words: "Apart" is a missing name
    assert with_rule - _score(pipeline, question, source) == pytest.approx(scoring.WEIGHTS["missing_name"])


def test_a_name_that_says_which_of_an_owner_s_things_it_is_may_be_left_out_in_its_article(make_pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import qa.scoring as scoring

    pipeline = make_pipeline()
    source = "project alone was slated"  # "Nissan's project": the article named Kitakyushu paragraphs before
    question = "How much public support was Nissan's Kitakyushu project going to get?"

    # The owner and the thing must both stand in the sentence: Toyota's plant is not Nissan's project.
    assert scoring._qualified("What did Toyota's Fukuoka plant get?") == {"fukuoka": ("toyota", "plant")}
    assert not scoring._calls_it(("toyota", "plant"), frozenset({"nissan", "plant"}))
    assert not scoring._calls_it(("nissan", "plant"), frozenset({"nissan", "strategy"}))
    # A plant, once named, may be called the owner's project.
    asked_as_plant = "How much public support was Nissan's Kitakyushu plant going to get?"
    with_rule = _score(pipeline, question, source), _score(pipeline, asked_as_plant, source)
    patch_rule(monkeypatch, "_qualified", lambda question: {})
    assert with_rule[0] - _score(pipeline, question, source) == pytest.approx(scoring.WEIGHTS["missing_name"])
    assert with_rule[1] - _score(pipeline, asked_as_plant, source) == pytest.approx(scoring.WEIGHTS["missing_name"])


def test_a_role_may_stand_in_the_evidence_under_another_word(make_pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]

    pipeline = make_pipeline()
    jaia = "Importers Association (JAIA) told Argus"
    question = "Which publication did a spokesperson for the importers talk to?"

    with_role = _score(pipeline, question, jaia)
    patch_rule(monkeypatch, "ROLE", re.compile(r"(?!)"))  # no role required at all
    assert _score(pipeline, question, jaia) == pytest.approx(with_role)  # "A representative from ..." is the spokesperson asked about


def test_only_the_capitalised_parts_of_a_name_are_names() -> None:
    from qa.vocabulary import tokens_of_name

    assert tokens_of_name("Taiwan-based") == ["taiwan"]
    assert tokens_of_name("Panasonic Energy–Subaru") == ["panasonic", "energy", "subaru"]


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


def _answers_count(text: str, question: str) -> bool:
    """The sentence holds a count that could answer the question (no number or name asked)."""
    from qa.values import has_new_value

    return has_new_value(text, "count", set(), set(), question=question)


def _score(pipeline, question: str, holding: str) -> float:  # type: ignore[no-untyped-def]
    """The score, through retrieval as the pipeline does it, of the first sentence holding `holding`."""
    import qa.scoring as scoring

    index = pipeline.index
    position = next(i for i, s in enumerate(index.sentences) if holding in s.text)
    vector = pipeline.embedder.embed([question])[0]
    ranked = scoring.score_sentences(question, vector, pipeline._retrieve(index, question, vector, None), index)
    return next(e.score for e in ranked if e.position == position)


def test_a_relative_time_types_a_when_question_and_is_led_with_its_article_s_date() -> None:
    from qa.answering import dated_time
    from qa.citations import Citation
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
    assert _answers_count(text, question) is typed


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
    assert _answers_count(text, "How many people are affected?") is typed


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
    assert not _answers_count(power, "How many dockworkers does the terminal employ?")
    assert _answers_count("The terminal employs about 1,450 dockworkers.", "How many dockworkers does the terminal employ?")


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
    assert _answers_count(text, "How much is the plant producing?") is typed


def test_how_much_is_had_may_be_answered_by_what_there_is() -> None:
    assert _answers_count("Japan has 80 GWh of annual capacity.", "How much battery capacity does Japan have?")
    assert not _answers_count("Japan has 80 GWh of annual capacity.", "How much battery capacity will Japan cut?")


def test_a_reply_may_not_answer_how_many_with_a_count_of_other_things() -> None:
    from qa.answering import direct_value

    quotes = ["The vehicle manufacturer intends to close 7 out of its 17 factories globally."]
    question = "How many vehicles a year does the Oppama plant produce?"
    assert any("other things" in p for p in check_reply("17.", question, quotes, "count"))
    assert direct_value(quotes[0], "count", question) is None
    assert not any("other things" in p for p in check_reply("17.", "How many factories does it have?", quotes, "count"))
    vote = ["The council voted 31 to 14 on 6 May to drop the extension."]  # a count of votes names no noun
    assert not any("other things" in p for p in check_reply("31.", "How many councillors voted for it?", vote, "count"))


def test_a_currency_code_is_a_unit_not_a_name() -> None:
    from qa.text import names

    assert names("Toyota will buy $1.5 billion USD worth of batteries from LG Energy Solution") == [
        "Toyota", "LG", "Energy", "Solution"
    ]


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


def test_abbreviations_are_learned_from_their_definitions() -> None:
    from qa.vocabulary import acronyms

    found = acronyms("Foxconn may permit electric vehicle (EV) making. The Ministry of Economy, Trade and Industry (METI) "
                     "said so. It uses lithium iron phosphate (LFP) cells.")
    assert found["ev"] == {"electric", "vehicle"}
    assert found["meti"] == {"ministry", "economy", "trade", "industry"}
    assert "lfp" not in found  # its initials do not spell it
    assert found["us"] == {"united", "state"}  # said without a definition


def test_an_abbreviation_asked_about_may_be_spelled_out_in_the_evidence(make_pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]

    pipeline = make_pipeline()
    question, holding = "what happened to US ev sales early this year", "sales of electric vehicles in the United States"
    spelled_out = _score(pipeline, question, holding)
    patch_rule(monkeypatch, "acronyms", lambda text: {})
    monkeypatch.delitem(pipeline.index.__dict__, "_evidence_stats")  # recomputed without abbreviations
    assert _score(pipeline, question, holding) < spelled_out


def test_a_role_spelled_out_finds_its_abbreviation(make_pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import qa.scoring as scoring

    pipeline = make_pipeline()
    index, holding = pipeline.index, "CEO Ivan Espinosa"

    def overlap(question: str) -> float:
        """How much of the question the sentence holds, among passages retrieved for the sentence itself."""
        vector = pipeline.embedder.embed([holding])[0]
        ranked = scoring.score_sentences(question, vector, pipeline._retrieve(index, holding, vector, None), index)
        return next(e.overlap for e in ranked if holding in e.sentence.text)

    assert overlap("Who is Nissan's chief executive?") == pytest.approx(overlap("Who is Nissan's CEO?"))
    patch_rule(monkeypatch, "acronyms", lambda text: {})
    monkeypatch.delitem(index.__dict__, "_evidence_stats")  # recomputed without abbreviations
    assert overlap("Who is Nissan's chief executive?") < overlap("Who is Nissan's CEO?") - 0.3


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
    assert not _answers_count("It is one of the globe's biggest electronics companies.", question)
    assert _answers_count("It will cut two hundred jobs.", question)


def test_a_company_s_other_name_is_learned_from_the_articles() -> None:
    from qa.vocabulary import acronyms

    assert acronyms("Foxconn, officially known as Hon Hai Precision, said so.")["foxconn"] == {"hon", "hai", "precision"}
    assert acronyms("Reuters.\nHon Hai Precision Industry, better known as Foxconn, said so.")["foxconn"] == {
        "hon", "hai", "precision", "industry"
    }
    assert "called" not in acronyms("The plan, so called by critics, failed.")  # no second name


def test_a_party_an_article_never_names_costs_its_sentences_as_a_missing_name(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    from qa.retrieval import Hit
    from qa.scoring import WEIGHTS, score_sentences

    pipeline = make_pipeline()
    index = pipeline.index
    oppama = _at(index, "The Oppama facility, which has approximately 3,900", 0.5).position
    hits = [Hit(chunk, n, 0.0, 0.5, 0.0) for n, chunk in enumerate(index.chunks, 1)]

    def score(question: str) -> float:
        vector = pipeline.embedder.embed([question])[0]
        return next(e.score for e in score_sentences(question, vector, hits, index) if e.position == oppama)

    # The Oppama story gives a headcount but never names Toyota, however common Toyota is elsewhere.
    toyota, nissan = score("How many employees does Toyota have?"), score("How many employees does Nissan have?")
    assert toyota < nissan - WEIGHTS["missing_name"] + 0.1


def test_a_named_thing_is_found_as_its_owner_s_project_where_the_article_names_that_owner(make_pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import qa.scoring as scoring
    from qa.retrieval import Hit

    pipeline = make_pipeline()
    index = pipeline.index
    subsidy = _at(index, "Nissan’s project alone was slated", 0.5)
    panasonic = _at(index, "The plant, backed by a 463 billion yen", 0.5)
    hits = [Hit(chunk, n, 0.0, 0.5, 0.0) for n, chunk in enumerate(index.chunks, 1)]
    assert scoring._owner_in(index, subsidy.sentence.article_id, "kitakyushu") == "nissan"
    question = "How much public support was the Kitakyushu project to receive?"

    def scores() -> tuple[float, float]:
        vector = pipeline.embedder.embed([question])[0]
        ranked = {e.position: e.score for e in scoring.score_sentences(question, vector, hits, index)}
        return ranked[subsidy.position], ranked[panasonic.position]

    found, other = scores()
    patch_rule(monkeypatch, "UNOWNED_THING", re.compile(r"(?!)"))  # no owner is looked up
    unfound, same = scores()
    # "the Kitakyushu project" is "Nissan's project" once the article has named it; the Panasonic plant is not.
    assert found == pytest.approx(unfound + scoring.WEIGHTS["missing_name"])
    assert other == pytest.approx(same)


def test_a_one_that_ends_its_phrase_counts_nothing() -> None:
    question = "How many employees does Toyota Battery have?"
    assert not _answers_count("Executives may establish an entirely new one.", question)
    assert not _answers_count("Japan is stepping into a new one: that of a dependent importer.", question)
    assert _answers_count("Toyota Battery has one plant in Fukuoka.", "How many plants does Toyota Battery have?")


def test_a_name_asked_in_full_finds_sentences_that_use_its_other_name(make_pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]

    question = "Has Hon Hai Precision commented on the report?"
    with_alias = _score(make_pipeline(), question, "public comments")
    patch_rule(monkeypatch, "ALIAS", re.compile(r"(?!)"))  # matches nothing: no other names are learned
    without = _score(make_pipeline(), question, "public comments")
    assert with_alias > without


def test_a_sum_of_money_answers_how_much_only_when_money_is_asked() -> None:
    from qa.answering import direct_value
    spend = "Japanese corporations will spend $7 billion (1 trillion yen) to increase production."
    assert not _answers_count(spend, "How much does Japan produce now?")
    assert _answers_count(spend, "How much will they invest to raise output?")
    grant = "Oskar will receive a €1.8 billion grant from the fund."
    assert _answers_count(grant, "How large is the government grant?")
    raise_by = "Toyota and Nissan will spend $7 billion to raise Japan's EV battery production by 50%."
    assert direct_value(raise_by, "count", "How much will Japan's battery output grow?") == "50%"


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


def test_a_quote_is_not_cut_inside_a_name_or_a_list_of_names() -> None:
    text = (
        "The Ministry of Economy, Trade and Industry (METI) had aimed to expand domestic battery production capacity "
        "to 150 GWh annually by 2030, backing roughly 30 related projects with government subsidies."
    )
    start, end = focus_span(text, 0, len(text), set(tokens("How much battery capacity did METI aim for?")), {"150"})
    assert text[start:end].startswith("The Ministry of Economy, Trade and Industry (METI)")
    assert text[start:end].endswith("by 2030")


def test_a_who_question_about_a_role_leads_with_the_name_beside_it() -> None:
    from qa.answering import direct_value

    quote = "The plan was revealed earlier this year by Nissan's CEO Ivan Espinosa, reports News.Az."
    assert direct_value(quote, "entity", "Who is Nissan's CEO?") == "Ivan Espinosa"
    assert direct_value(quote, "entity", "Who is Nissan's chief executive?") == "Ivan Espinosa"
    assert direct_value(quote, "entity", "Which company reported it?") is None  # no role asked
    unnamed = "A representative from the Japan Automobile Importers Association (JAIA) told Argus so."
    assert direct_value(unnamed, "entity", "Who is the JAIA representative?") is None


def test_a_month_s_figure_does_not_answer_for_the_whole_year() -> None:
    from qa.values import has_new_value

    june = "Domestic passenger EV sales were 29,282 units in June 2024, a 39% decrease."
    assert not _answers_count(june, "How many EVs were sold in the whole of 2024?")
    assert _answers_count(june, "How many EVs were sold in June 2024?")
    both = "Sales reached 2 million in 2024, and 300,000 in June 2024."
    assert _answers_count(both, "How many cars were sold in 2024?")
    assert _answers_count(june, "how many evs were sold in june 2024")  # typed lower case
    halves = "From the first half of 2023 to the second, the EV share rose from 0.7% to 1.6%."
    assert has_new_value(halves, "percent", set(), set(), question="Did the EV share go up or down in 2023?")
    # A share "as of July 2024" is a month's, not the year's.
    july = "As of July 2024, CATL held a dominant 37.6% share of the market."
    assert not has_new_value(july, "percent", set(), set(), question="What was CATL's market share in 2024?")
    assert has_new_value(july, "percent", set(), set(), question="What was CATL's market share in July 2024?")


def test_an_amount_asked_per_period_is_not_answered_by_a_total() -> None:
    from qa.values import has_new_value

    build = "It will cost €480 million (about $521 million), the largest water project on the coast."
    running = "Running the plant will cost €12 million a year, the authority said."
    asked = "How much will the desalination plant cost to run each year?"
    assert not has_new_value(build, "money", set(), set(), question=asked)
    assert has_new_value(running, "money", set(), set(), question=asked)
    assert has_new_value(build, "money", set(), set(), question="How much will the plant cost?")
    assert not _answers_count("The fab employs 1,200 people.", "How many wafers per month will the fab produce?")
    assert _answers_count("It will turn out 40,000 wafers a month.", "How many wafers per month will the fab produce?")
    assert _answers_count("The line has 4,000 workers.", "How many workers did the line have a year ago?")  # when, not how often


def test_a_number_in_words_must_count_what_is_asked_too() -> None:
    text = "In 2024, six of the world's top ten EV battery producers were Chinese companies."
    assert not _answers_count(text, "How many electric cars were sold?")
    assert _answers_count(text, "How many of the top ten producers were Chinese?")
    # "six of ..." counts what its whole clause names, not just the two words after it.
    chinese = "In 2024, six of the world's top ten EV battery producers were Chinese companies, according to SNE Research."
    assert _answers_count(chinese, "How many Chinese companies were among the top ten battery producers?")
    assert not _answers_count(chinese, "How many employees do the producers have?")


def test_how_much_is_produced_is_not_answered_by_a_number_of_people() -> None:
    staff = "The Oppama facility, which has approximately 3,900 employees, faced shutdown."
    assert not _answers_count(staff, "How much is the Oppama plant producing?")
    assert _answers_count(staff, "How many workers produce cars at Oppama?")
    assert _answers_count("It produces 240,000 vehicles a year.", "How much does it produce?")


def test_a_capital_that_only_opens_a_sentence_is_not_a_name_it_introduces(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    from qa.completion import introduced_names

    index = make_pipeline().index
    text = "Major automakers like Nissan and Toyota are no longer investing in domestic battery production."
    question = "Which carmaker was slated for public support?"
    assert introduced_names(question, text)[0] == "Major"  # without the index, case is all there is
    assert introduced_names(question, text, index) == ["Nissan", "Toyota"]  # the articles also write "major"
    described = bridge("The carmaker whose battery project was slated for public support: how big a cut is it planning?")
    assert described is not None and described.entity_in(text, index) == "Nissan"
    # A name that opens a sentence is still a name: the articles never write "nissan".
    assert introduced_names(question, "Nissan intends to start producing LFP batteries.", index) == ["Nissan", "LFP"]


def test_where_a_thing_goes_answers_where_but_not_where_it_comes_from() -> None:
    from qa.values import places

    text = "Major automakers are redirecting their focus abroad—particularly to the United States."
    assert places(text, "Where are Nissan and Toyota redirecting their battery focus?") == ["United States"]
    assert places(text, "Where is Toyota getting its batteries from instead?") == []
    assert places("It buys batteries from LG Energy Solution.", "Where does it buy batteries from?") == ["LG Energy Solution"]


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


def test_focus_span_keeps_the_name_a_clause_describes() -> None:
    text = (
        "Foxconn, officially known as Hon Hai Precision, has been swiftly entering the EV market and has recently "
        "established a memorandum of understanding with Mitsubishi Motors, which is Nissan's junior alliance partner, "
        "to provide a new electric vehicle model."
    )
    start, end = focus_span(text, 0, len(text), set(tokens("What is Hon Hai?")), set())
    assert text[start:end] == "Foxconn, officially known as Hon Hai Precision"  # not "officially known as ..." alone
    start, end = focus_span(text, 0, len(text), set(tokens("Who is Nissan's junior alliance partner?")), set())
    assert "Mitsubishi Motors, which is Nissan's junior alliance partner" in text[start:end]


def test_focus_span_keeps_what_a_colon_promises() -> None:
    text = (
        "With this shift, Japan appears to be stepping back from its former role as a global leader in battery "
        "innovation and stepping into a new one: that of a dependent importer in a rapidly electrifying world."
    )
    keep = set(tokens("What role does the article say that leaves Japan in?"))
    start, end = focus_span(text, 0, len(text), keep, set())
    assert text[start:end].endswith("a dependent importer in a rapidly electrifying world.")
    assert not text[start:end].startswith("With this shift")  # still trimmed at the front


def test_a_company_described_by_where_it_is_from_is_the_name_after_that_word() -> None:
    question = "What pact has the Taiwan-based electronics maker struck with Nissan's alliance partner?"
    found = bridge(question)
    assert found is not None and found.question == "Which Taiwan-based electronics maker?" and found.origin == "Taiwan"
    text = "Nissan Motor Co. is in talks with Taiwanese technology leader Foxconn about its Oppama plant."
    assert found.entity_in(text) == "Foxconn"  # not Nissan, the first name the sentence adds
    assert found.entity_in("Six of the top ten were Chinese companies, led by CATL.") is None
    korean = bridge("What did the South Korean battery maker sell to Toyota?")
    assert korean is not None and korean.origin == "South Korean"
    assert bridge("Which Chinese battery makers lead?") is None  # several makers, no one name to resolve
    assert bridge("Who runs the Toyota group?") is None  # a name, not an origin


def test_a_place_is_searched_for_as_the_articles_name_it() -> None:
    from qa.vocabulary import place_names_used

    vocabulary = frozenset({"taiwanese", "japan", "foxconn"})
    assert place_names_used(["taiwan", "base", "maker"], vocabulary) == ["taiwanese"]
    assert place_names_used(["japan", "maker"], vocabulary) == []  # named as the articles name it already


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


def test_a_reply_that_gives_no_value_is_not_also_called_a_bare_year() -> None:
    quotes = ["It has 2,000 employees."]
    problems = check_reply("Many employees.", "How many employees does it have?", quotes, "count")
    assert any("gives none" in p for p in problems)
    assert not any("only a year" in p for p in problems)  # one reason is enough, and it is the right one


@pytest.mark.parametrize(
    ("question", "abbreviation"),
    [
        ("What does METI stand for?", "METI"),
        ("what is the full name of jaia", "jaia"),
        ("What is LFP short for?", "LFP"),
        ("What does EV mean?", "EV"),
        ("What does the deal mean for Nissan?", None),
        ("What did Foxconn say?", None),
    ],
)
def test_a_question_about_an_abbreviation_names_it(question: str, abbreviation: str | None) -> None:
    assert asked_abbreviation(question) == abbreviation


def test_a_definition_is_found_where_the_long_form_precedes_the_bracket() -> None:
    text = "In 2030 the Ministry of Economy, Trade and Industry (METI) wants 150 GWh of electric vehicle (EV) batteries."
    start, end = definition("meti", text) or (0, 0)
    assert text[start:end] == "Ministry of Economy, Trade and Industry (METI)"
    assert definition("EV", text) is not None and definition("LFP", text) is None


def test_a_sentence_giving_a_rank_is_preferred_for_a_rank_question(make_pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import qa.scoring as scoring

    pipeline = make_pipeline()
    question = "Where did Japan's only firm among the top ten battery makers place in 2024?"
    with_rank = _score(pipeline, question, "trailing at sixth place")
    patch_rule(monkeypatch, "RANK", re.compile(r"(?!)"))
    assert with_rank - _score(pipeline, question, "trailing at sixth place") == pytest.approx(scoring.WEIGHTS["kind_bonus"])


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


def test_the_context_of_a_sentence_is_its_title_and_the_sentences_it_leans_on(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    from qa.scoring import context_text

    index = make_pipeline().index
    position = next(i for i, s in enumerate(index.sentences) if s.text.startswith("The company’s mid- to long-term goal"))
    context = context_text(index, position)
    assert context.startswith(index.sources[index.sentences[position].article_id].title)
    assert "Toyota’s core production infrastructure" in context  # the sentence just before
    assert index.sentences[position].text not in context


def test_a_sign_is_an_indication_and_little_of_one_is_a_verdict() -> None:
    from qa.values import TYPE_PATTERNS
    from qa.vocabulary import concepts

    assert concepts("any sign Japan will regain") == concepts("any indication Japan will recover")
    assert TYPE_PATTERNS["judgement"].search("There is little indication that Japan will regain its footing.")


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


def test_the_direct_value_of_a_change_is_the_end_the_question_asks_for() -> None:
    from qa.answering import direct_value

    quote = "Production would increase from 80 GWh to 120 GWh with the help of the funds."
    assert direct_value(quote, "count", "How many GWh does Japan produce now?") == "80 GWh"
    assert direct_value(quote, "count", "How many GWh will Japan produce with the funds?") == "120 GWh"
    assert direct_value(quote, "count", "How many GWh?") is None  # both ends: the quote says which is which
    goal = "METI had aimed to expand domestic battery production capacity to 150 GWh annually by 2030."
    assert direct_value(goal, "count", "How many GWh does Japan produce now?") is None
    assert direct_value(goal, "count", "How many GWh does Japan aim for?") == "150 GWh"


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
    assert _answers_count(text, question) is typed


def test_deciding_against_making_at_home_is_said_as_opting_out_of_domestic_production() -> None:
    from qa.vocabulary import concepts

    assert set(concepts("decided against making batteries at home")) >= set(concepts("opted for domestic"))


@pytest.mark.parametrize(("asked", "written"), [("run", "operated"), ("leads", "leader")])
def test_words_for_the_same_deed_share_a_concept(asked: str, written: str) -> None:
    # "Who would run the factory?" is answered by "to be built and operated by Toyota Battery".
    assert concepts(asked) == concepts(written)
    assert concepts("leading") != concepts("leader")  # "leading Toyota to put the plan on hold" leads no market


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


def test_a_site_is_said_as_a_facility() -> None:
    from qa.vocabulary import concepts

    assert concepts("the Oppama site") == concepts("the Oppama facility")


def test_a_pledge_is_said_as_an_allocation() -> None:
    from qa.vocabulary import concepts

    assert concepts("the government pledged") == concepts("the government allocating")


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


def test_what_discourages_a_party_is_a_cause() -> None:
    from qa.values import TYPE_PATTERNS

    assert TYPE_PATTERNS["reason"].search("Companies are turning outward, discouraged by high domestic operating costs.")
    assert not TYPE_PATTERNS["reason"].search("The government discouraged imports.")


def test_what_a_party_blames_is_a_cause() -> None:
    from qa.values import TYPE_PATTERNS

    assert TYPE_PATTERNS["reason"].search("Oskar blamed late deliveries of equipment and a shortage of technicians.")
    assert TYPE_PATTERNS["reason"].search("The council blames rising costs.")
    assert not TYPE_PATTERNS["reason"].search("The fab will not produce its first wafers until 2028.")


def test_a_follow_up_written_with_the_earlier_question_is_read_back_into_its_two_parts():
    written = standalone_question("For how long?", [("Which company leads the market?", "CATL. [1]")])
    assert follow_up_parts(written) == ("For how long", "Which company leads the market")
    assert follow_up_parts("Which company leads the market?") is None


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


def test_a_promise_is_a_plan_a_later_article_may_cancel() -> None:
    from qa.evidence import PLAN

    assert PLAN.search("Kessel City has also promised to extend Metro Line 4 to the campus by 2029.")
    assert PLAN.search("The ministry pledged to cover half the cost.")
    assert not PLAN.search("The council promised nothing about the line.")
    assert PLAN.search("The company said the work would begin in March 2026.")
    assert not PLAN.search("Permitting Foxconn to build cars there would aid Nissan.")  # a condition, no plan


def test_a_plan_reported_may_slip_in_a_later_article(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    from qa.evidence import find_update

    index = make_pipeline().index
    plan = _evidence(0, "a.txt", "The company said the whole North Basin would run automated by the end of 2027.", 0.9)
    slip = _evidence(9, "b.txt", "He said full automated operation at the North Basin would slip to mid-2028.", 0.4)
    assert find_update([plan, slip], [plan], index) == slip
    pushed = _evidence(9, "b.txt", "Automation of the North Basin has been pushed back a year.", 0.4)
    assert find_update([plan, pushed], [plan], index) == pushed
    unrelated = _evidence(9, "b.txt", "The South Pier opening slipped to June.", 0.4)
    assert find_update([plan, unrelated], [plan], index) is None


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


def test_not_only_denies_nothing() -> None:
    # "a blow not only to Nissan" is a blow to Nissan: a reply saying so is not contradicted.
    blow = ["This setback dealt a blow not only to Nissan but also to Japan."]
    assert not any("opposite" in p for p in check_reply("It dealt a blow to Nissan.", "Whom did the setback hurt?", blow, "entity"))
    never = ["The plant will not open in Kitakyushu."]
    assert any("opposite" in p for p in check_reply("It will open in Kitakyushu.", "Where will the plant open?", never, "place"))


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


def test_a_name_called_short_carries_its_full_name_as_context(make_pipeline, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """"a spokesperson for the health board" is for the Ashcombe Regional Health Board named earlier,
    so a question naming the board in full does not find its name missing there."""
    import qa.scoring as scoring

    corpus = tmp_path / "board"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Board Approves Hospital Merger\n\n"
        "The Ashcombe Regional Health Board approved the merger on Thursday. Officials in the United States took note. "
        "Staff were told on Friday. Patients were not. "
        '"We are satisfied," said Caspar Whitlow, a spokesperson for the health board. '
        "The research states that waiting times fell.\n",
        encoding="utf-8",
    )
    index = make_pipeline(corpus_dir=corpus).index
    called = dict(zip((s.text for s in index.sentences), scoring.index_stats(index).called, strict=True))
    whitlow = next(text for text in called if "Whitlow" in text)
    assert {"ashcombe", "regional"} <= called[whitlow]
    assert scoring.context_words(index, scoring.index_stats(index), list(called).index(whitlow)) >= {"ashcombe", "regional"}
    assert not called["The research states that waiting times fell."]  # "research" is no part of "United States"


def test_a_sentence_pointing_back_is_about_the_party_named_before_it(make_pipeline, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Under a title naming Oskar and Varnet, "By 2025 that share had slipped to 5.9%, while Varnet's
    rose" is still about Oskar's share: "that share" is the one the sentence before gave."""
    import qa.scoring as scoring

    corpus = tmp_path / "chips"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Oskar Slips as Varnet Unveils Rival Plan\n\n"
        "Oskar Semiconductor said its new fab will open late. Varnet Microsystems plans a rival fab.\n\n"
        "In 2023, Oskar held 6.8% of the market for microcontrollers. "
        "By 2025 that share had slipped to 5.9%, while Varnet's rose from 4.1% to 5.2%.\n\n"
        "Varnet said its fab would open in 2029.\n",
        encoding="utf-8",
    )
    pipeline = make_pipeline(corpus_dir=corpus)
    index = pipeline.index
    assert set(scoring.index_stats(index).title_names["a.txt"]) == {"oskar", "varnet"}

    slipped = "By 2025 that share had slipped"
    assert any(s.startswith(slipped) for s in ranked_sentences(pipeline, "What was Oskar's share of the market in 2025?"))
    # A sentence naming only the other party, pointing back at nothing of Oskar's, is still no answer.
    assert not any(s.startswith("Varnet said") for s in ranked_sentences(pipeline, "When will Oskar's fab open?"))
