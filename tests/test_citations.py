"""Quotes cut to the clauses that hold the answer (qa/citations.py)."""

from __future__ import annotations

from qa.citations import Citation, focus_span
from qa.text import tokens


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


def test_quotes_are_not_cut_inside_a_parenthesis() -> None:
    text = (
        "Nissan Motor Co. is said to be in talks with Taiwanese technology leader Foxconn to permit "
        "electric vehicle (EV) manufacturing at its Oppama plant in Yokosuka, Japan, a step that may "
        "prevent the closure of the facility, sources familiar with the situation revealed."
    )
    start, end = focus_span(text, 0, len(text), {"oppama", "yokosuka"}, {"yokosuka"})
    assert not text[start:end].startswith("EV)")


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


def test_a_quote_is_not_cut_inside_a_name_or_a_list_of_names() -> None:
    text = (
        "The Ministry of Economy, Trade and Industry (METI) had aimed to expand domestic battery production capacity "
        "to 150 GWh annually by 2030, backing roughly 30 related projects with government subsidies."
    )
    start, end = focus_span(text, 0, len(text), set(tokens("How much battery capacity did METI aim for?")), {"150"})
    assert text[start:end].startswith("The Ministry of Economy, Trade and Industry (METI)")
    assert text[start:end].endswith("by 2030")


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


def test_focus_span_keeps_a_list_whole() -> None:
    text = (
        "The city council will contribute €90 million towards a new road junction, a bus interchange and flood "
        "defences along the river, which borders the site, the mayor said on Monday after a long debate."
    )
    keep = set(tokens("How much is the council putting into the scheme, and what will its money pay for?"))
    start, end = focus_span(text, 0, len(text), keep, {"90"})
    assert text[start:end].endswith("a bus interchange and flood defences along the river")  # not cut at the list's comma
    assert not text[start:end].endswith("the mayor said on Monday after a long debate.")  # still cut at a clause
