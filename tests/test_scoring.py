"""Sentences scored against a question, through retrieval as the pipeline does it (qa/scoring.py)."""

from __future__ import annotations

import re

import pytest
from evidence_tools import (
    article_folder,
    evidence_at,
    patch_rule,
    ranked_sentences,
    sentence_evidence,
    sentence_score,
)

from qa.scoring import score_sentences


def test_a_role_asked_about_must_stand_in_the_evidence(make_pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import qa.scoring as scoring

    pipeline = make_pipeline()
    index = pipeline.index
    espinosa = "Espinosa"
    catl = "CATL retained"

    monkeypatch.setattr(scoring.index_stats(index), "name_tokens", frozenset())  # "CEO" is also a name in the articles
    patch_rule(monkeypatch, "named_thing", lambda question: None)  # typing by a name beside the role aside
    with_rule = sentence_score(pipeline, "Who is CATL's CEO?", catl), sentence_score(pipeline, "Who is Nissan's CEO?", espinosa)
    patch_rule(monkeypatch, "ROLE", re.compile(r"(?!)"))  # matches nothing: no role is required
    without = sentence_score(pipeline, "Who is CATL's CEO?", catl), sentence_score(pipeline, "Who is Nissan's CEO?", espinosa)
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
    menu = article_folder(tmp_path / "menu", "Wire | Home | Policy | Subscribe\n\nThe Policy team met Acme. Policy staff grew.\n")
    index = make_pipeline(corpus_dir=menu).index
    assert set(scoring.index_stats(index).title_names["a.txt"]) == {"policy"}  # named in the text twice; "Home" never


def test_a_later_part_not_answered_by_the_sentence_already_cited_takes_its_own(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    pipeline = make_pipeline()
    index = pipeline.index
    what, why = "What did Toyota decide about its Fukuoka plant", "why (What did Toyota decide about its Fukuoka plant)?"
    suspension = evidence_at(index, "The situation worsened when Toyota", 0.65, typed=False)
    cause = evidence_at(index, "But slower-than-expected growth", 0.58)
    # The "why" part ranks the suspension first too, but it gives no cause: the part takes the cause.
    answerable = [([suspension], what), ([evidence_at(index, "The situation worsened", 0.64, typed=False), cause], why)]
    evidence, firsts = pipeline._gather(answerable, [suspension], None, index, None, several=True)
    assert firsts[1][0].position == cause.position and cause.position in [e.position for e in evidence]


def test_a_place_borrowed_from_the_sentence_before_earns_no_bonus(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    from qa.retrieval import Hit

    pipeline = make_pipeline()
    index = pipeline.index
    question = "Where do Toyota's batteries come from now?"
    vector = pipeline.embedder.embed([question])[0]
    hits = [Hit(chunk, n, 0.0, 0.5, 0.0) for n, chunk in enumerate(index.chunks, 1)]
    typed = {e.position: e for e in score_sentences(question, vector, hits, index)}
    plain = {e.position: e for e in score_sentences(question, vector, hits, index, wanted=None)}
    factory = evidence_at(index, "The factory, to be built and operated by Toyota Battery", 0.5).position
    assert typed[factory].leans_on == factory - 1  # Fukuoka, named the sentence before
    assert typed[factory].score == pytest.approx(plain[factory].score)  # neither bonus nor penalty


def test_a_sentence_that_points_back_leans_on_more_of_what_came_before(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    from qa.scoring import context_words, index_stats

    index = make_pipeline().index
    setback = evidence_at(index, "This setback dealt a significant blow", 0.5).position  # Kitakyushu: three sentences back
    assert "kitakyushu" in context_words(index, index_stats(index), setback)
    plain = evidence_at(index, "The Ministry of Economy, Trade and Industry (METI) had aimed", 0.5).position
    assert "kitakyushu" not in context_words(index, index_stats(index), plain)  # four back, and it points at nothing


def test_a_name_may_stand_in_the_evidence_as_its_place_or_people(make_pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import qa.scoring as scoring

    pipeline = make_pipeline()
    goal = "sales in North America from 50%"
    question = "What share of Toyota's North American sales are electric or hybrid?"

    with_forms = sentence_score(pipeline, question, goal)
    patch_rule(monkeypatch, "place_forms", lambda word: {word})
    # "American" in the question is "America" in the sentence: no missing-name penalty.
    assert with_forms - sentence_score(pipeline, question, goal) == pytest.approx(scoring.WEIGHTS["missing_name"])


def test_a_place_named_in_what_the_answer_is_need_not_stand_in_the_evidence(make_pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import qa.scoring as scoring

    pipeline = make_pipeline()
    patch_rule(monkeypatch, "acronyms", lambda text: {})  # the text before says "United States"
    carolina = "North Carolina"
    catl = "CATL retained"
    state, company = "In which US state is Toyota building a major factory?", "Which Japanese company trails CATL?"

    with_rule = sentence_score(pipeline, state, carolina), sentence_score(pipeline, company, catl)
    patch_rule(monkeypatch, "ANSWER_HEAD", re.compile(r"(?!)"))  # no head: "US" must stand nearby
    assert with_rule[0] - sentence_score(pipeline, state, carolina) == pytest.approx(scoring.WEIGHTS["missing_name"])
    assert sentence_score(pipeline, company, catl) == pytest.approx(with_rule[1])  # a company's "Japanese" is always required


def test_a_name_typed_in_lower_case_is_still_a_name(make_pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import qa.scoring as scoring

    pipeline = make_pipeline()
    index = pipeline.index
    stats = scoring.index_stats(index)
    assert {"subaru", "panasonic", "catl"} <= stats.name_tokens
    assert not {"however", "although", "battery"} & stats.name_tokens  # capitalised only where a sentence opens
    fukuoka = "suspension of its next-generation"
    question = "where in japan is the panasonic subaru battery plant being built"

    with_rule = sentence_score(pipeline, question, fukuoka)
    monkeypatch.setattr(stats, "name_tokens", frozenset())
    assert sentence_score(pipeline, question, fukuoka) - with_rule == pytest.approx(scoring.WEIGHTS["missing_name"])


def test_a_questions_first_word_is_no_name_when_it_is_an_english_word(make_pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import qa.scoring as scoring

    pipeline = make_pipeline()
    source = "referencing Reuters"
    question = "Apart from Reuters, which outlet did the Yokosuka factory story cite?"

    with_rule = sentence_score(pipeline, question, source)
    patch_rule(monkeypatch, "english_stems", frozenset)  # no English words: "Apart" is a missing name
    assert with_rule - sentence_score(pipeline, question, source) == pytest.approx(scoring.WEIGHTS["missing_name"])


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
    with_rule = sentence_score(pipeline, question, source), sentence_score(pipeline, asked_as_plant, source)
    patch_rule(monkeypatch, "_qualified", lambda question: {})
    assert with_rule[0] - sentence_score(pipeline, question, source) == pytest.approx(scoring.WEIGHTS["missing_name"])
    assert with_rule[1] - sentence_score(pipeline, asked_as_plant, source) == pytest.approx(scoring.WEIGHTS["missing_name"])


def test_a_role_may_stand_in_the_evidence_under_another_word(make_pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]

    pipeline = make_pipeline()
    jaia = "Importers Association (JAIA) told Argus"
    question = "Which publication did a spokesperson for the importers talk to?"

    with_role = sentence_score(pipeline, question, jaia)
    patch_rule(monkeypatch, "ROLE", re.compile(r"(?!)"))  # no role required at all
    assert sentence_score(pipeline, question, jaia) == pytest.approx(with_role)  # "A representative from ..." is the spokesperson asked about


def test_an_abbreviation_asked_about_may_be_spelled_out_in_the_evidence(make_pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]

    pipeline = make_pipeline()
    question, holding = "what happened to US ev sales early this year", "sales of electric vehicles in the United States"
    spelled_out = sentence_score(pipeline, question, holding)
    patch_rule(monkeypatch, "acronyms", lambda text: {})
    monkeypatch.delitem(pipeline.index.__dict__, "_evidence_stats")  # recomputed without abbreviations
    assert sentence_score(pipeline, question, holding) < spelled_out


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


def test_a_party_an_article_never_names_costs_its_sentences_as_a_missing_name(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    from qa.retrieval import Hit
    from qa.scoring import WEIGHTS

    pipeline = make_pipeline()
    index = pipeline.index
    oppama = evidence_at(index, "The Oppama facility, which has approximately 3,900", 0.5).position
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
    subsidy = evidence_at(index, "Nissan’s project alone was slated", 0.5)
    panasonic = evidence_at(index, "The plant, backed by a 463 billion yen", 0.5)
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


def test_a_name_asked_in_full_finds_sentences_that_use_its_other_name(make_pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]

    question = "Has Hon Hai Precision commented on the report?"
    with_alias = sentence_score(make_pipeline(), question, "public comments")
    patch_rule(monkeypatch, "ALIAS", re.compile(r"(?!)"))  # matches nothing: no other names are learned
    without = sentence_score(make_pipeline(), question, "public comments")
    assert with_alias > without


def test_a_sentence_giving_a_rank_is_preferred_for_a_rank_question(make_pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import qa.scoring as scoring

    pipeline = make_pipeline()
    question = "Where did Japan's only firm among the top ten battery makers place in 2024?"
    with_rank = sentence_score(pipeline, question, "trailing at sixth place")
    patch_rule(monkeypatch, "RANK", re.compile(r"(?!)"))
    assert with_rank - sentence_score(pipeline, question, "trailing at sixth place") == pytest.approx(scoring.WEIGHTS["kind_bonus"])


def test_the_context_of_a_sentence_is_its_title_and_the_sentences_it_leans_on(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    from qa.scoring import context_text

    index = make_pipeline().index
    position = next(i for i, s in enumerate(index.sentences) if s.text.startswith("The company’s mid- to long-term goal"))
    context = context_text(index, position)
    assert context.startswith(index.sources[index.sentences[position].article_id].title)
    assert "Toyota’s core production infrastructure" in context  # the sentence just before
    assert index.sentences[position].text not in context


def test_a_name_called_short_carries_its_full_name_as_context(make_pipeline, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """"a spokesperson for the health board" is for the Ashcombe Regional Health Board named earlier,
    so a question naming the board in full does not find its name missing there."""
    import qa.scoring as scoring

    corpus = article_folder(
        tmp_path / "board",
        "Board Approves Hospital Merger\n\n"
        "The Ashcombe Regional Health Board approved the merger on Thursday. Officials in the United States took note. "
        "Staff were told on Friday. Patients were not. "
        '"We are satisfied," said Caspar Whitlow, a spokesperson for the health board. '
        "The research states that waiting times fell.\n",
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

    corpus = article_folder(
        tmp_path / "chips",
        "Oskar Slips as Varnet Unveils Rival Plan\n\n"
        "Oskar Semiconductor said its new fab will open late. Varnet Microsystems plans a rival fab.\n\n"
        "In 2023, Oskar held 6.8% of the market for microcontrollers. "
        "By 2025 that share had slipped to 5.9%, while Varnet's rose from 4.1% to 5.2%.\n\n"
        "Varnet said its fab would open in 2029.\n",
    )
    pipeline = make_pipeline(corpus_dir=corpus)
    index = pipeline.index
    assert set(scoring.index_stats(index).title_names["a.txt"]) == {"oskar", "varnet"}

    slipped = "By 2025 that share had slipped"
    assert any(s.startswith(slipped) for s in ranked_sentences(pipeline, "What was Oskar's share of the market in 2025?"))
    # A sentence naming only the other party, pointing back at nothing of Oskar's, is still no answer.
    assert not any(s.startswith("Varnet said") for s in ranked_sentences(pipeline, "When will Oskar's fab open?"))


def test_a_cost_answers_a_question_about_the_thing_it_prices(make_pipeline, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The club's stadium costing €685 million does not say what a season ticket there will cost."""
    import qa.scoring as scoring

    corpus = article_folder(
        tmp_path / "club",
        "Club Confirms Higher Bill for Its Ground\n\n"
        "The club said on Monday that building its new stadium will cost €685 million.\n\n"
        "It has promised to freeze season ticket prices for two seasons.\n",
    )
    pipeline = make_pipeline(corpus_dir=corpus)
    stats = scoring.index_stats(pipeline.index)
    assert scoring._priced("How much will a season ticket cost at the new stadium?", stats) == "ticket"
    # Where it goes says which one: the thing priced is still the ticket.
    assert scoring._priced("how much will a single ticket from the station to the stadium cost?", stats) == "ticket"
    assert scoring._priced("How much will the Calloway Wing cost?", stats) is None  # a name is sought as a name
    assert scoring._priced("What is the total cost of the project?", stats) is None  # "cost" is no verb there
    assert scoring._priced("How much will the ground cost?", stats) is None  # the headline's subject goes by many names
    stadium = "The club said on Monday"
    assert not sentence_evidence(pipeline, "How much will a season ticket cost at the new stadium?", stadium).typed
    assert sentence_evidence(pipeline, "How much is the new stadium going to cost?", stadium).typed


def test_a_name_with_of_is_called_short_by_the_word_before_it(make_pipeline, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """"the board" in a later sentence is the Wexholm County Board of Supervisors named earlier."""
    import qa.scoring as scoring

    corpus = article_folder(
        tmp_path / "county",
        "Data Center Campus Proposed Outside Town\n\n"
        "The plans were shown to the Wexholm County Board of Supervisors on Thursday. Residents asked questions. "
        "Board chairman Desmond Farrow-Lusk said the board would hold a public hearing.\n",
    )
    index = make_pipeline(corpus_dir=corpus).index
    called = dict(zip((s.text for s in index.sentences), scoring.index_stats(index).called, strict=True))
    chairman = next(text for text in called if text.startswith("Board chairman"))
    assert {"wexholm", "supervisor"} <= called[chairman]


def test_a_sentence_is_of_the_years_asked_by_its_own_or_its_article_s_date() -> None:
    from qa.scoring import _says_year_asked

    text = "It carried 31.2 million passengers in 2022 and 34.8 million in 2023."
    words = {"carried", "passenger", "2022", "2023"}
    assert _says_year_asked({"2022"}, words, text, "2024-03-12")
    assert not _says_year_asked({"2024"}, words, text, "2024-03-12")
    # A question spanning several years ("from 2022 to 2025") is answered a year at a time.
    assert _says_year_asked({"2022", "2025"}, words, text, "2024-03-12")
    # "last year" is the year before the article's date.
    later = "The tramway carried 39.4 million passengers last year."
    assert _says_year_asked({"2025"}, {"tramway", "carried", "passenger"}, later, "2026-02-19")
    assert not _says_year_asked({"2025"}, {"tramway", "carried", "passenger"}, later, "2025-02-19")


def test_a_sentence_taking_its_year_from_a_month_before_it_gives_no_figure_for_the_whole_year(make_pipeline, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """After "As of March 2025, Oskar held 21.4% ...", "Third and fourth, with 9.8% and 6.1%" gives
    March's shares too: it answers no question about all of 2025."""
    corpus = article_folder(
        tmp_path / "chips",
        "Chipmakers Race for Share\n\n"
        "As of March 2025, Oskar held 21.4% of the market, with Varnet second at 14.2%. "
        "Third and fourth, respectively, with 9.8% and 6.1% of the market, were Tellan and Brask.\n\n"
        "In 2025, Tellan held 11.3% of the market.\n",
    )
    pipeline = make_pipeline(corpus_dir=corpus)
    third = "Third and fourth"
    assert not sentence_evidence(pipeline, "What share of the market did Brask hold in 2025?", third).typed
    assert sentence_evidence(pipeline, "What share of the market did Brask hold as of March 2025?", third).typed
    assert sentence_evidence(pipeline, "What share of the market did Tellan hold in 2025?", "In 2025, Tellan").typed


def test_a_cause_given_without_because_beside_what_it_explains_is_one(make_pipeline, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Reports give causes plainly: the party's account right after the event ("The company said the
    cost had climbed ..."), or what was found right before what it forced ("... had to be driven deeper")."""
    corpus = article_folder(
        tmp_path / "works",
        "Tram Works Run Late\n\n"
        "Orrin Power abandoned its gas plant at Pellam Moor in October. "
        "The company said the cost had climbed to more than $800 million. "
        "The tram depot will open in May.\n\n"
        "At the river crossing, engineers found softer ground than expected. "
        "The bridge piles had to be driven 12 metres deeper than designed. "
        "The company said the new trams would arrive in March.\n",
    )
    pipeline = make_pipeline(corpus_dir=corpus)
    assert sentence_evidence(pipeline, "Why did Orrin Power abandon the Pellam Moor gas plant?", "The company said the cost").typed
    assert sentence_evidence(pipeline, "Why did the bridge piles have to be driven deeper?", "At the river crossing").typed
    # An account after something else, or a finding before what it did not force, explains nothing asked.
    assert not sentence_evidence(pipeline, "Why did Orrin Power abandon the Pellam Moor gas plant?", "The company said the new trams").typed
    assert not sentence_evidence(pipeline, "Why will the tram depot open in May?", "Orrin Power abandoned").typed


def test_a_party_asked_for_by_what_it_does_must_be_called_that(make_pipeline, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """"Which construction company is building the wing?" is not answered by the developer's name
    where nothing calls it a builder; "Thrandle Construction has won the contract" is called one."""
    corpus = article_folder(
        tmp_path / "wing",
        "Hospital Wing Approved\n\n"
        "Pellham Health will build the Calloway Wing at a cost of £186 million. "
        "Thrandle Construction has won a £23 million contract to build the diagnostic hub at Stennick. "
        "A dredging firm, Ostrander Marine, will deepen the harbour channel.\n",
    )
    pipeline = make_pipeline(corpus_dir=corpus)
    asked = "Which construction company is building the Calloway Wing?"
    assert not sentence_evidence(pipeline, asked, "Pellham Health will build").typed
    assert sentence_evidence(pipeline, "Which construction company is building the Stennick hub?", "Thrandle").typed
    assert sentence_evidence(pipeline, "which dredging company will deepen the harbour channel", "A dredging firm").typed
    # Asked for a company without saying what it does, the developer's name answers.
    assert sentence_evidence(pipeline, "Which company is building the Calloway Wing?", "Pellham Health will build").typed
    # Nor do the words after the noun ("Which company gets described as ...") say what the party does.
    assert sentence_evidence(pipeline, "Which company gets described as building the Calloway Wing?", "Pellham Health will build").typed


def test_a_year_said_as_last_year_counts_as_the_year_asked(make_pipeline, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """"39.4 million last year", in an article of 2026, holds the 2025 that "ridership in 2025" asks
    about, as much as a sentence that only names 2025 does."""
    folder = tmp_path / "trams"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Title: Tram line extension delayed\nPublished 2026-02-19\n\n"
        "The contractor entered administration in October 2025. "
        "The tramway carried 37.9 million passengers in 2024, and 39.4 million last year. "
        "The depot will cost £55 million.\n",
        encoding="utf-8",
    )
    pipeline = make_pipeline(corpus_dir=folder)
    question = "What was ridership in 2025?"
    relative = sentence_evidence(pipeline, question, "39.4 million last year")
    assert relative.overlap > 0 and relative.overlap == sentence_evidence(pipeline, question, "October 2025").overlap


def test_what_came_before_what_followed_it_is_its_cause(make_pipeline, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """"In May the authority sent Nordvang its objections. Hallvik's shares fell to SKr 97 in the weeks
    that followed.": the objections sent the shares down, though they name Nordvang, not Hallvik, and
    the fall is dated by May, in the sentence before it."""
    folder = tmp_path / "bid"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Title: Nordvang completes takeover of Hallvik\nPublished 2025-09-18\n\n"
        "Nordvang paid SKr 121 a share. "
        "In May the authority sent Nordvang a formal statement of objections. "
        "Hallvik's shares fell to SKr 97 in the weeks that followed. "
        "Nordvang said in July that it would sell the butter brand.\n",
        encoding="utf-8",
    )
    pipeline = make_pipeline(corpus_dir=folder)
    question = "What sent Hallvik's shares down to 97 kronor in 2025?"
    assert sentence_evidence(pipeline, question, "statement of objections").typed
    assert any(s.startswith("Hallvik's shares fell") for s in ranked_sentences(pipeline, question))  # of 2025, by May
    # What came before something that did not follow from it explains nothing asked.
    assert not sentence_evidence(pipeline, "Why did Nordvang sell the butter brand?", "Hallvik's shares fell").typed


def test_the_word_date_in_a_when_question_is_what_it_asks_not_what_it_is_about(make_pipeline, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """"hallvik delisting date": "the date it set" holds the question's word "date" but says nothing of
    the delisting; "will be delisted on 3 October" answers it."""
    corpus = article_folder(
        tmp_path / "listing",
        "Takeover Completed\n\n"
        "The authority's decision came six months after the date it set when it opened its investigation in October. "
        "Hallvik's shares will be delisted from the exchange on 3 October.\n",
    )
    pipeline = make_pipeline(corpus_dir=corpus)
    question = "hallvik delisting date"
    assert sentence_evidence(pipeline, question, "the date it set").overlap == 0
    assert sentence_evidence(pipeline, question, "will be delisted").overlap > 0
