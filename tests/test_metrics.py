"""The evaluation metrics on hand-made cases: number formats, empty answers, no citations, abstention."""

from __future__ import annotations

import dataclasses

import pytest

from qa.citations import Citation
from qa.metrics import (
    Record,
    answer_words,
    attached_claims,
    cites_gold,
    exact_match,
    missing_facts,
    normalize_text,
    percentile,
    retrieval_rank,
    short_answer,
    summarize,
    supporting,
    token_f1,
    verbatim,
)

ARTICLE = "Intro line.\nThe  Oppama plant has about 3,900 workers.\nIt is in Yokosuka, Japan."
START = ARTICLE.index("The")
END = ARTICLE.index("workers.") + len("workers.")


def cite(number: int, quote: str, start: int = 0, end: int = 1, article: str = "a.txt") -> Citation:
    return Citation(number, article, "Title", None, None, quote, start, end)


# --- key facts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("about 3900 workers", ["3,900"]),
        ("about 3,900 workers", ["3900"]),
        ("CATL held 37.6 % of the market", ["37.6%"]),
        ("$1.5 billion of batteries", ["1.5 billion"]),
        ("published 7 July 2025", ["07 July 2025"]),
        ("in YOKOSUKA", ["Yokosuka"]),
        ("Nissan’s plant", ["Nissan's"]),
        ("the plan was cancelled", ["cancel"]),
        ("put on indefinite hold", ["suspen", "hold"]),
    ],
)
def test_key_fact_found_across_formats_and_case(text: str, fact: list[str]) -> None:
    assert missing_facts(text, [fact]) == []


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("the target for 2030", ["30"]),  # a year is not the count 30
        ("$11.5 billion", ["1.5 billion"]),
        ("12.45%", ["12.4"]),
        ("battery level", ["EV"]),  # a word must start where the fact starts
        ("", ["Yokosuka"]),
    ],
)
def test_key_fact_not_found_inside_other_numbers_or_words(text: str, fact: list[str]) -> None:
    assert missing_facts(text, [fact]) == [tuple(fact)]


def test_missing_facts_lists_only_the_absent_ones() -> None:
    facts = [["3,900", "3900"], ["Yokosuka"], ["Espinosa"]]
    assert missing_facts("3,900 staff in Yokosuka", facts) == [("Espinosa",)]
    assert missing_facts("anything", []) == []


def test_normalize_text_puts_numbers_in_one_format() -> None:
    assert normalize_text("$3,900 and 37.6 %") == normalize_text("3900 AND 37.6%") == "3900 and 37.6"


# --- short answer, EM, F1, length ----------------------------------------------------------------


def test_short_answer_is_the_text_before_the_first_marker() -> None:
    assert short_answer("Yokosuka, Japan. [1] Another article says: “x” [2]") == "Yokosuka, Japan."
    assert short_answer("“The plant is in Yokosuka.” [1]") == "The plant is in Yokosuka."
    assert short_answer("No markers at all.") == "No markers at all."
    assert short_answer("") == ""


def test_exact_match_ignores_case_articles_punctuation_and_number_format() -> None:
    assert exact_match("The Yokosuka.", ["Yokosuka"]) == 1.0
    assert exact_match("approximately 3,900", ["approximately 3900"]) == 1.0
    assert exact_match("Yokosuka, Japan", ["Yokosuka"]) == 0.0
    assert exact_match("", ["Yokosuka"]) == 0.0
    assert exact_match("Yokosuka", []) == 0.0


def test_token_f1_takes_the_best_answer() -> None:
    assert token_f1("Yokosuka", ["Lansing", "Yokosuka, Japan"]) == pytest.approx(2 / 3)
    assert token_f1("about 3,900 employees", ["3900"]) == pytest.approx(0.5)
    assert token_f1("", ["Yokosuka"]) == 0.0
    assert token_f1("the", ["a"]) == 0.0  # nothing left after dropping articles


def test_answer_words_do_not_count_markers() -> None:
    assert answer_words("It is in Yokosuka. [1][2]") == 4
    assert answer_words("") == 0


# --- citations -------------------------------------------------------------------------------------


def test_cites_gold_needs_the_same_article_and_overlapping_offsets() -> None:
    gold = [("a.txt", 100, 200)]
    assert cites_gold([cite(1, "q", 150, 260)], gold)
    assert cites_gold([cite(1, "q", 0, 50), cite(2, "q", 199, 300)], gold)
    assert not cites_gold([cite(1, "q", 200, 300)], gold)  # touching is not overlapping
    assert not cites_gold([cite(1, "q", 100, 200, article="b.txt")], gold)
    assert not cites_gold([], gold)


def test_retrieval_rank_is_the_first_passage_holding_gold_evidence() -> None:
    gold = [("a.txt", 100, 200), ("b.txt", 0, 10)]
    passages = [("a.txt", 0, 99), ("b.txt", 5, 40), ("a.txt", 90, 300)]
    assert retrieval_rank(passages, gold) == 2
    assert retrieval_rank(passages[:1], gold) is None
    assert retrieval_rank([], gold) is None


def test_attached_claims_take_the_quote_rather_than_its_lead_in() -> None:
    text = "BYD had 16.1%. [1] Another article (Japan Review, 2025-07-07) says: “CATL led.” [2][3]"
    assert attached_claims(text) == {1: ["BYD had 16.1%."], 2: ["CATL led."], 3: ["CATL led."]}
    assert attached_claims("no markers") == {}


def test_supporting_checks_each_citation_against_its_own_claim() -> None:
    text = "BYD had 16.1%. [1] “CATL had 37.6%.” [2]"
    citations = [
        cite(1, "BYD held 16.1% of the market."),
        cite(2, "CATL had 37.6%."),
        cite(3, "BYD held 16.1% of the market."),  # listed but attached to nothing
    ]
    assert supporting(text, citations) == [True, True, False]
    wrong_number = [cite(1, "BYD held 12.4% of the market."), citations[1]]
    assert supporting(text, wrong_number) == [False, True]


def test_supporting_without_markers_offers_every_citation_for_the_whole_text() -> None:
    citations = [cite(1, "The plant is in Yokosuka, Japan."), cite(2, "Toyota buys batteries in Lansing.")]
    assert supporting("Yokosuka.", citations) == [True, False]
    assert supporting("", citations) == [False, False]
    assert supporting("Yokosuka. [1]", []) == []


def test_verbatim_compares_the_quote_with_the_article_at_its_offsets() -> None:
    articles = {"a.txt": ARTICLE}
    quote = "The Oppama plant has about 3,900 workers."  # whitespace shown collapsed
    assert verbatim([cite(1, quote, START, END)], articles) == [True]
    assert verbatim([cite(1, quote, START + 1, END)], articles) == [False]
    assert verbatim([cite(1, quote.replace("3,900", "3900"), START, END)], articles) == [False]
    assert verbatim([cite(1, quote, START, END, article="missing.txt")], articles) == [False]
    assert verbatim([], articles) == []


# --- summaries -------------------------------------------------------------------------------------

BASE = Record(
    id="q",
    system="assistant",
    split="dev",
    kind="fact",
    question="?",
    history=(),
    standalone_question="?",
    answerable=True,
    answer="Yokosuka. [1]",
    short_answer="Yokosuka.",
    abstained=False,
    correct=True,
    missing=(),
    exact_match=1.0,
    f1=1.0,
    cites_gold=True,
    citations=(),
    supporting=(True,),
    verbatim=(True,),
    retrieval_rank=1,
    words=1,
    seconds=0.1,
    first_turn_answer=None,
    draft="",
    problems=(),
    failures=(),
)


def record(**changes: object) -> Record:
    return dataclasses.replace(BASE, **changes)  # type: ignore[arg-type]


def test_summarize_separates_answerable_and_unanswerable() -> None:
    records = [
        record(words=10),
        record(
            correct=False,
            exact_match=0.0,
            f1=0.5,
            cites_gold=False,
            supporting=(True, False),
            retrieval_rank=2,
            words=30,
        ),
        record(
            abstained=True,
            correct=False,
            exact_match=0.0,
            f1=0.0,
            cites_gold=None,
            supporting=(),
            verbatim=(),
            retrieval_rank=None,
            words=12,
        ),
        record(
            answerable=False,
            abstained=True,
            correct=True,
            exact_match=None,
            f1=None,
            cites_gold=None,
            supporting=(),
            verbatim=(),
            retrieval_rank=None,
            words=12,
        ),
        record(
            answerable=False,
            correct=False,
            exact_match=None,
            f1=None,
            cites_gold=None,
            verbatim=(False,),
            retrieval_rank=None,
            history=("first?",),
            kind="dialog",
            words=50,
        ),
    ]
    summary = summarize(records, [5.0, 1.0, 2.0, 3.0])
    assert summary["answerable"] == 3 and summary["unanswerable"] == 2
    assert summary["accuracy"] == pytest.approx(1 / 3)
    assert summary["accuracy_all"] == pytest.approx(2 / 5)
    assert summary["exact_match"] == pytest.approx(1 / 3)
    assert summary["f1"] == pytest.approx(0.5)
    assert summary["citation_support"] == pytest.approx(0.5)  # of the two answered answerable ones
    assert summary["citation_precision"] == pytest.approx(3 / 4)
    assert summary["verbatim"] == pytest.approx(2 / 3)
    assert summary["abstention"] == pytest.approx(0.5)
    assert summary["false_abstention"] == pytest.approx(1 / 3)
    assert summary["hit_at_k"] == pytest.approx(2 / 3)
    assert summary["mrr"] == pytest.approx((1 + 1 / 2) / 3)
    assert summary["dialog_accuracy"] == 0.0
    assert summary["median_words"] == 20  # answered answerable answers: 10 and 30
    assert summary["first_answer_seconds"] == 5.0
    assert summary["p50_seconds"] == pytest.approx(2.0)
    assert summary["p95_seconds"] == pytest.approx(2.9)


def test_summarize_reports_none_for_what_it_cannot_measure() -> None:
    summary = summarize([record()], [])
    assert summary["abstention"] is None and summary["dialog_accuracy"] is None
    assert summary["first_answer_seconds"] is None and summary["p50_seconds"] is None
    nothing = summarize([], [])
    assert (
        nothing["accuracy"] is None
        and nothing["median_words"] is None
        and nothing["citation_precision"] is None
    )


def test_percentile_interpolates() -> None:
    assert percentile([3.0, 1.0, 2.0], 0.5) == 2.0
    assert percentile([1.0, 2.0], 0.95) == pytest.approx(1.95)
    assert percentile([4.0], 0.95) == 4.0
    assert percentile([], 0.5) is None
