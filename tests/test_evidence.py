"""Which scored sentences are cited: runners-up, rivals, later updates (qa/evidence.py)."""

from __future__ import annotations


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
