"""Reciprocal rank fusion and hybrid retrieval over a small index."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from conftest import FakeEmbedder
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.index import SearchIndex, build_index
from qa.retrieval import retrieve, rrf_fuse, sentence_hits, word_hits
from qa.search import VectorSearch, WordSearch


def test_rrf_sums_reciprocal_ranks_over_the_rankings() -> None:
    fused = dict(rrf_fuse([[7, 3, 5], [3, 9]], k=60))
    assert fused[3] == pytest.approx(1 / 62 + 1 / 61)
    assert fused[7] == pytest.approx(1 / 61)
    assert fused[5] == pytest.approx(1 / 63)
    assert fused[9] == pytest.approx(1 / 62)


def test_rrf_puts_an_item_found_by_both_searches_first() -> None:
    assert [item for item, _ in rrf_fuse([[1, 2, 3], [3, 4, 5]])][0] == 3


def test_rrf_breaks_ties_by_item_so_results_are_deterministic() -> None:
    assert rrf_fuse([[4, 2], [2, 4]]) == rrf_fuse([[2, 4], [4, 2]])
    assert [item for item, _ in rrf_fuse([[4], [2]])] == [2, 4]


def test_rrf_of_nothing_is_nothing() -> None:
    assert rrf_fuse([]) == [] and rrf_fuse([[], []]) == []


def test_a_smaller_k_rewards_top_ranks_more() -> None:
    sharp, flat = dict(rrf_fuse([[1, 2]], k=1)), dict(rrf_fuse([[1, 2]], k=1000))
    assert sharp[1] / sharp[2] > flat[1] / flat[2]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(0, 30), unique=True, max_size=15), max_size=4))
def test_rrf_properties(rankings: list[list[int]]) -> None:
    fused = rrf_fuse(rankings)
    assert {item for item, _ in fused} == {item for ranking in rankings for item in ranking}
    scores = [score for _, score in fused]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < score <= len(rankings) / 61 for score in scores)


@pytest.fixture
def index(corpus: Path, tmp_path: Path) -> SearchIndex:
    return build_index(corpus, tmp_path / "index", FakeEmbedder())


def ask_index(index: SearchIndex, query: str, top_k: int = 5):  # type: ignore[no-untyped-def]
    return retrieve(index, query, FakeEmbedder().embed([query])[0], top_k=top_k)


def test_retrieve_ranks_the_passage_that_holds_the_words_first(index: SearchIndex) -> None:
    hits = ask_index(index, "Oppama facility approximately 3,900 employees")
    assert "3,900 employees" in hits[0].chunk.text
    assert hits[0].chunk.article_id == "000_33c6a3bce54667ed.txt"


def test_retrieve_returns_ranked_hits_with_their_scores(index: SearchIndex) -> None:
    hits = ask_index(index, "CATL market share BYD", top_k=4)
    assert [hit.rank for hit in hits] == [1, 2, 3, 4]
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    assert all(hit.dense != 0 or hit.bm25 > 0 for hit in hits)
    assert len({hit.chunk.id for hit in hits}) == 4


def test_the_passage_of_the_sentence_nearest_the_question_is_added_once_after_the_hits(index: SearchIndex) -> None:
    sentence = next(s for s in index.sentences if s.text.startswith("Third and fourth, respectively"))
    vector = FakeEmbedder().embed([sentence.text])[0]  # a question that says what this sentence says
    added = sentence_hits(index, vector, [], sentences=1)
    assert len(added) == 1 and sentence.text in added[0].chunk.text
    assert added[0].rank == 1 and added[0].bm25 == 0.0 and added[0].dense > 0
    elsewhere = ask_index(index, "Oppama facility approximately 3,900 employees", top_k=2)
    assert not any(sentence.text in hit.chunk.text for hit in elsewhere)
    assert [hit.rank for hit in sentence_hits(index, vector, elsewhere, sentences=1)] == [3]
    assert sentence_hits(index, vector, added, sentences=1) == []  # already found: not added twice
    assert sentence_hits(index, vector, [], sentences=0) == []


def test_the_passage_bm25_ranks_first_is_added_after_the_hits_when_fusion_left_it_out(index: SearchIndex) -> None:
    """A passage first by its one rare word may be far down the dense list and lose the fusion to
    passages middling in both; it is searched too."""
    query = "Oppama facility approximately 3,900 employees"
    vector = FakeEmbedder().embed([query])[0]
    first_by_words = index.chunks[index.word_search.search(query, 1)[0][0]]
    others = [hit for hit in ask_index(index, "CATL market share BYD", top_k=3) if hit.chunk.id != first_by_words.id]
    added = word_hits(index, query, vector, others, passages=1)
    assert [hit.chunk.id for hit in added] == [first_by_words.id]
    assert added[0].rank == len(others) + 1 and added[0].bm25 > 0 and added[0].score == 0.0
    assert word_hits(index, query, vector, others + added, passages=1) == []  # already found: not added twice


def test_bm25_matches_numbers_however_they_are_written(index: SearchIndex) -> None:
    rows = index.word_search.search("3900", 3)
    assert rows and "3,900" in index.chunks[rows[0][0]].text


def test_words_the_corpus_never_uses_find_nothing_by_bm25(index: SearchIndex) -> None:
    assert index.word_search.search("zebra xylophone", 5) == []


def test_searchers_over_nothing_return_nothing() -> None:
    assert VectorSearch(np.zeros((0, 8), dtype=np.float32)).search(np.ones(8), 5) == []
    assert WordSearch([]).search("anything", 5) == []


def test_approximate_search_is_used_above_the_threshold_and_still_finds_the_exact_vector() -> None:
    vectors = FakeEmbedder().embed([f"passage number {n} about topic {n % 7}" for n in range(300)])
    search = VectorSearch(vectors, ann_threshold=100)
    assert search.kind == "pq-fastscan"
    assert search.search(vectors[123], 1)[0][0] == 123
