"""Which scored sentences are cited: runners-up, rivals, later updates (qa/evidence.py)."""

from __future__ import annotations

import dataclasses


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


def test_a_figure_that_changed_twice_is_cited_in_all_three_versions() -> None:
    from qa.evidence import select_evidence

    first = _evidence(0, "a.txt", "Halvern says the campus would create 350 permanent jobs.", 0.67)
    filler = _evidence(1, "a.txt", "Halvern runs eleven data centers in Europe.", 0.50)
    second = _evidence(7, "b.txt", "Halvern now expects 280 permanent jobs, down from the 350 it promised.", 0.47)
    third = _evidence(12, "c.txt", "With a smaller second phase, Halvern now expects 240 permanent jobs.", 0.41)
    repeated = _evidence(13, "c.txt", "Halvern had promised 350 permanent jobs.", 0.45)
    # A later article that repeats the first figure beside its own still gives another one; a unit may be
    # a longer word ("permanent") or joined by a hyphen ("a 42,500-seat stadium").
    assert select_evidence([first, second, filler, repeated, third], ratio=0.85, figure=True) == [first, second, third]
    # Only a question asking for a figure has it cited three times ("Who won the contract?" is answered by two).
    assert select_evidence([first, second, filler, repeated, third], ratio=0.85) == [first, second]
    # Nor is a sentence without the kind of value asked for a version of it, unless it measures it in the
    # same two words ("240 permanent jobs" for a question counting people).
    untyped = _evidence(12, "c.txt", "With a smaller second phase, Halvern now expects 240 jobs.", 0.41)
    assert select_evidence([first, second, dataclasses.replace(untyped, typed=False)], ratio=0.85, figure=True) == [first, second]
    untyped_alike = dataclasses.replace(third, typed=False)
    assert select_evidence([first, second, untyped_alike], ratio=0.85, figure=True) == [first, second, untyped_alike]
    seats = _evidence(0, "a.txt", "Velmora Athletic unveiled a 42,500-seat stadium.", 0.63)
    more_seats = _evidence(7, "b.txt", "Velmora Athletic's planned 44,000-seat ground opens in 2027.", 0.43)
    assert select_evidence([seats, more_seats], ratio=0.85) == [seats, more_seats]
    # A third article must give yet another figure, and a far weaker one is not sought.
    same_again = _evidence(12, "c.txt", "Halvern expects 280 permanent jobs.", 0.45)
    assert select_evidence([first, second, same_again], ratio=0.85, figure=True) == [first, second]
    assert select_evidence([first, second, _evidence(12, "c.txt", third.sentence.text, 0.20)], ratio=0.85, figure=True) == [first, second]
    # Measured in the same two words ("permanent jobs"), a weaker one is sought further down, named or not.
    unnamed = _evidence(12, "c.txt", "With a smaller second phase, the company now expects 240 permanent jobs.", 0.30)
    assert select_evidence([first, second, unnamed], ratio=0.85, figure=True) == [first, second, unnamed]
    one_word = _evidence(12, "c.txt", "With a smaller second phase, Halvern now expects 240 jobs.", 0.30)
    assert select_evidence([first, second, one_word], ratio=0.85, figure=True) == [first, second]


def test_a_year_is_another_version_only_when_the_question_asks_when() -> None:
    from qa.evidence import select_evidence

    promised = _evidence(0, "a.txt", "Trams could be running to Ashgrove by the end of 2027.", 0.77)
    later = _evidence(9, "c.txt", "The extension to Ashgrove will not be fully open until spring 2029, the authority said.", 0.59)
    assert select_evidence([promised, later], ratio=0.85, figure=True, dated=True) == [promised, later]
    assert select_evidence([promised, later], ratio=0.85) == [promised]
    # A year that is part of a longer number is none ("2,029 passengers").
    counted = _evidence(9, "c.txt", "Ashgrove trams carried 2,029 passengers.", 0.59)
    assert select_evidence([promised, counted], ratio=0.85, figure=True, dated=True) == [promised]


def test_a_close_runner_up_with_another_figure_is_followed_by_a_third_version() -> None:
    from qa.evidence import select_evidence

    first = _evidence(0, "a.txt", "Halvern says the campus would draw 600 megawatts.", 0.60)
    middle = _evidence(7, "b.txt", "Halvern cut the campus to 450 megawatts.", 0.58)
    latest = _evidence(12, "c.txt", "Halvern put the campus at 300 megawatts.", 0.40)
    assert select_evidence([first, middle, latest], ratio=0.85, figure=True) == [first, middle, latest]
    # A close runner-up that gives no other figure is cited alone beside the best.
    agreeing = _evidence(7, "b.txt", "Halvern told the county board on Monday it still wants 600 megawatts.", 0.58)
    assert select_evidence([first, agreeing, latest], ratio=0.85, figure=True) == [first, agreeing]


def test_sums_of_money_are_no_versions_of_one_figure() -> None:
    """"Toyota and Nissan will spend $7 billion" and "Toyota opted to procure $1.5 billion of batteries"
    are spent on different things; so are "250 billion yen" and "55.7 billion yen"."""
    from qa.evidence import disagrees

    assert not disagrees("Toyota and Nissan will spend $7 billion.", "Toyota opted to procure $1.5 billion of batteries.")
    assert not disagrees("Toyota will spend 250 billion yen.", "Nissan was to receive 55.7 billion yen.")
    assert disagrees("Toyota will build 200 MW.", "Toyota now plans 250 MW.")


def test_an_article_cited_for_its_own_figure_is_not_searched_for_an_update(make_pipeline) -> None:  # type: ignore[no-untyped-def]
    from qa.evidence import find_update

    index = make_pipeline().index
    plan = _evidence(0, "a.txt", "Halvern says the campus would create 350 permanent jobs.", 0.67)
    figure = _evidence(7, "b.txt", "Halvern now expects 280 permanent jobs.", 0.47)
    cancelled = _evidence(8, "b.txt", "The gas plant that was to power Halvern was cancelled.", 0.30)
    assert find_update([plan, figure, cancelled], [plan], index) == cancelled
    assert find_update([plan, figure, cancelled], [plan, figure], index, versions=(figure,)) is None
    # A sentence cited for another part of the question is no version of the figure.
    assert find_update([plan, figure, cancelled], [plan, figure], index) == cancelled


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


def test_only_a_sentence_that_names_no_one_borrows_its_subject_from_the_one_before() -> None:
    from qa.evidence import _names_no_one

    assert _names_no_one("However, amid weak profitability, the company withdrew from the project.")
    assert _names_no_one("However, the EV market slowed.")  # an acronym is no subject
    assert not _names_no_one("The situation worsened when Toyota announced the suspension of its plant.")


def test_a_promise_is_a_plan_a_later_article_may_cancel() -> None:
    from qa.evidence import PLAN

    assert PLAN.search("Kessel City has also promised to extend Metro Line 4 to the campus by 2029.")
    assert PLAN.search("The ministry pledged to cover half the cost.")
    assert not PLAN.search("The council promised nothing about the line.")
    assert PLAN.search("The company said the work would begin in March 2026.")
    assert not PLAN.search("Permitting Foxconn to build cars there would aid Nissan.")  # a condition, no plan
    # A proposal's terms are a plan, however long the subject before "would".
    assert PLAN.search("Under the proposal, the maternity unit at Lowmere Royal Infirmary, which delivered 2,100 babies last year, "
                       "would close in the autumn of 2026.")


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


def test_a_measure_joined_by_hyphens_is_a_version_of_the_same_measure_spelled_out() -> None:
    """"a 120,000-cubic-metre-a-day plant" is another figure for "150,000 cubic metres of drinking water
    a day", though neither sentence names anything the other does."""
    from qa.evidence import disagrees

    first = "The plant will produce 150,000 cubic metres of drinking water a day when it is complete."
    assert disagrees(first, "Work is due to start on a 120,000-cubic-metre-a-day desalination plant next month.")
    assert not disagrees(first, "Work is due to start on a 120,000-cubic-yard dam next month.")


def test_prices_of_one_unit_are_versions_of_one_figure() -> None:
    """"SKr 112 ... for each share", "SKr 119 a share" and "SKr 121 a share" are three prices for one
    share, as sums of money are not versions of one thing; "a year" makes a rate, not a price."""
    from qa.evidence import disagrees

    first = "Nordvang said it would pay SKr 112 in cash for each Hallvik share."
    assert disagrees(first, "In June it raised its original offer to SKr 119 a share.")
    assert disagrees("It raised its original offer to SKr 119 a share.", "Nordvang paid SKr 121 a share in cash.")
    assert not disagrees("It raised its original offer to SKr 119 a share.", "Nordvang paid SKr 119 a share in cash.")
    assert not disagrees("The depot costs €12 million a year to run.", "The line costs €15 million a year to run.")
