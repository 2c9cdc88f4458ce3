"""What the best sentence leaves out, and the sentence that completes it (qa/completion.py)."""

from __future__ import annotations

from evidence_tools import article_folder, evidence_at, patch_rule

from qa.bridging import bridge


def test_a_why_question_is_completed_by_the_cause_next_to_its_best_sentence(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    from qa.completion import complement, gap

    index = make_pipeline().index
    question = "Why did Nissan pull out of the Kitakyushu battery plant?"
    first = evidence_at(index, "The unraveling began", 0.7, typed=False)  # names the plant, gives no cause
    schedule = evidence_at(index, "The facility, which was expected", 0.4, typed=False)
    cause = evidence_at(index, "However, amid weak profitability", 0.6)
    found = gap(question, first, index)
    assert found is not None and found.needs_soft
    chosen = complement(question, found, [first, schedule, cause], index, floor=0.35)
    assert chosen is not None and chosen.evidence == cause and not chosen.bridged


def test_a_yes_no_question_takes_the_verdict_a_paragraph_later_in_the_same_section(make_pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import qa.completion as completion
    from qa.completion import complement, gap

    index = make_pipeline().index
    question = "Is Toyota's Fukuoka battery plant pause temporary?"
    first = evidence_at(index, "The situation worsened when Toyota", 0.7, typed=False)  # the pause, no verdict
    verdict = evidence_at(index, "Toyota may have presented its decision as a temporary", 0.2, typed=False)  # 4 sentences on
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
    first = evidence_at(index, "In contrast, Panasonic", 0.6)  # resolves the description to Panasonic
    partners = evidence_at(index, "In an effort to increase domestic production, Subaru", 0.2)  # another article, names Panasonic
    unrelated = evidence_at(index, "Toyota and Nissan will spend", 0.3)
    found = gap(question, first, index)
    assert found is not None and "teamed" in found.words and "carmaker" in found.words
    chosen = complement(question, found, [first, unrelated, partners], index, floor=0.35)
    assert chosen is not None and chosen.evidence == partners and chosen.bridged
    # Without the link through the name, a weak sentence from elsewhere is not taken.
    assert complement(question, found, [first, unrelated], index, floor=0.35) is None


def test_a_sentence_linked_by_a_name_must_still_speak_of_what_the_question_names(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    from qa.completion import complement, gap

    index = make_pipeline().index
    question = "What did Mitsubishi Motors agree with Foxconn?"
    first = evidence_at(index, "Foxconn, officially known as Hon Hai", 0.7, typed=False)  # names Nissan; says no "agree"
    observers = evidence_at(index, "Yet, despite its progress, industry observers agree", 0.2, typed=False)  # Nissan, "agree"
    found = gap(question, first, index)
    assert found is not None and "agree" in found.words
    assert complement(question, found, [first, observers], index, floor=0.35) is None


def test_a_value_beside_the_answer_that_speaks_of_another_party_does_not_complete_it(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    from qa.completion import complement, gap

    index = make_pipeline().index
    question = "How much will Toyota put into its two battery subsidiaries?"
    first = evidence_at(index, "With intentions to increase battery production at two subsidiaries", 0.8)  # says no "put"
    # "… is what it is anticipated to put in": Panasonic's sum, in an article whose title names Toyota.
    panasonic = evidence_at(index, "Around $3.8 billion, or 550 billion yen", 0.42)
    found = gap(question, first, index)
    assert found is not None and "put" in found.words
    assert complement(question, found, [first, panasonic], index, floor=0.35) is None
    # The same sentence completes a question about the party it leans on.
    about_panasonic = "How much will Panasonic put into the battery components plant with Subaru?"
    found = gap(about_panasonic, evidence_at(index, "In an effort to increase domestic production, Subaru", 0.8), index)
    chosen = complement(about_panasonic, found, [panasonic], index, floor=0.35) if found else None
    assert chosen is not None and chosen.evidence == panasonic


def test_no_second_sentence_is_sought_when_the_best_one_covers_the_question(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    from qa.completion import gap

    index = make_pipeline().index
    first = evidence_at(index, "The Oppama facility, which has approximately 3,900", 0.8)
    assert gap("How many employees does the Oppama facility have?", first, index) is None


def test_what_a_cited_runner_up_holds_is_not_left_out(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    from qa.completion import gap

    index = make_pipeline().index
    question = "How many employees does the Oppama plant have if Nissan closes it?"
    first = evidence_at(index, "The Oppama facility, which has approximately 3,900", 0.8)
    closing = evidence_at(index, "The vehicle manufacturer intends to close 7", 0.7)
    found = gap(question, first, index)
    assert found is not None and "close" in found.weights
    assert gap(question, first, index, also=(closing,)) is None


def test_the_words_naming_the_kind_of_value_are_not_left_out_when_it_is_given(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    from qa.completion import gap

    index = make_pipeline().index
    first = evidence_at(index, "The vehicle manufacturer intends to close 7", 0.8)  # "… cut its workforce by 15%."
    assert gap("By what percentage does Nissan plan to cut its workforce?", first, index) is None


def test_of_equal_complements_the_one_in_the_questions_word_order_wins(make_pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import qa.completion as completion
    import qa.evidence as evidence

    index = make_pipeline().index

    def at(start: str) -> evidence.Evidence:
        return evidence_at(index, start, 0.2, typed=False, overlap=0.3)  # middling evidence

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


def test_a_verdict_may_stand_next_to_a_runner_up_from_another_article(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    import qa.completion as completion
    import qa.evidence as evidence

    index = make_pipeline().index

    def at(start: str, typed: bool = False) -> evidence.Evidence:
        return evidence_at(index, start, 0.2, typed=typed, overlap=0.3)  # middling evidence

    question = "Is Japan on track to hit its 2030 battery production goal?"
    first, runner_up = at("The target is to achieve 150 GWh"), at("The Ministry of Economy, Trade and Industry")
    verdict = at("Its cancellation has thrown into question", typed=True)
    alone = completion.Gap(first, {"track": 1.0}, ["track"], needs_soft=True)
    assert completion.complement(question, alone, [verdict], index, floor=1.0) is None
    beside = completion.Gap(first, {"track": 1.0}, ["track"], needs_soft=True, also=(runner_up,))
    chosen = completion.complement(question, beside, [verdict], index, floor=1.0)
    assert chosen is not None and chosen.evidence == verdict


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


def test_a_verdict_is_about_what_the_question_asks(make_pipeline, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import qa.completion as completion

    folder = article_folder(
        tmp_path / "port",
        "Title: Harbour operator suspends a terminal plan\n\n"
        "Fictional test article, not real news.\n\n"
        "Quayline has suspended its plan to automate the South Basin terminal, the company said on Monday.\n"
        "It will not be revived before 2030.\n",
        name="article.txt",
    )
    index = make_pipeline(corpus_dir=folder).index
    question = "Is Quayline going ahead with automating the South Basin terminal?"
    first = evidence_at(index, "Quayline has suspended", 0.7, typed=False)
    disclaimer = evidence_at(index, "Fictional test article", 0.1, typed=True)  # "not": a stance, but on nothing asked
    found = completion.gap(question, first, index)
    assert found is not None and found.needs_soft
    assert completion.complement(question, found, [first, disclaimer], index, floor=0.35) is None
    # A verdict that points back at what the sentence before named is about it, whatever its words.
    pointing = evidence_at(index, "It will not be revived", 0.1, typed=True)
    chosen = completion.complement(question, found, [first, pointing], index, floor=0.35)
    assert chosen is not None and chosen.evidence == pointing
