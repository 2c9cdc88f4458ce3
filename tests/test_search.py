"""The searchers on their own: exact and approximate vector search, BM25, and saving both."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from conftest import FakeEmbedder

from qa.search import APPROXIMATE, VectorSearch, WordSearch, tokenizer_fingerprint

TEXTS = [
    "Nissan will close the Oppama plant, which has about 3,900 employees.",
    "CATL and BYD together hold more than half of the battery market.",
    "The ferry terminal in Harbor City cost $120 million.",
    "",  # a passage without a single search token still gets a row
    "Oppama workers may move to the Kyushu plant in 2027.",
]


def clustered(count: int, dimension: int = 64, seed: int = 0) -> np.ndarray:
    """Unit vectors in clusters of ~20, as passages about the same story are."""
    rng = np.random.default_rng(seed)
    topics = rng.standard_normal((max(count // 20, 1), dimension))
    rows = topics[rng.integers(0, len(topics), count)] + 0.8 * rng.standard_normal((count, dimension))
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_above_the_threshold_the_search_is_approximate_and_still_finds_the_exact_vector() -> None:
    vectors = FakeEmbedder().embed([f"passage number {n} about topic {n % 7}" for n in range(300)])
    search = VectorSearch(vectors, ann_threshold=100)
    assert search.kind == APPROXIMATE
    assert search.search(vectors[123], 1)[0][0] == 123
    assert VectorSearch(vectors, ann_threshold=300).kind == "flat"


def test_the_approximate_search_ranks_like_exact_search_and_gives_exact_cosines() -> None:
    vectors = clustered(3000)
    exact, approximate = VectorSearch(vectors, ann_threshold=3000), VectorSearch(vectors, ann_threshold=0)
    queries = clustered(40, seed=1)
    overlap = []
    for query in queries:
        want, got = exact.search(query, 10), approximate.search(query, 10)
        overlap.append(len({r for r, _ in want} & {r for r, _ in got}) / 10)
        for row, score in got:
            assert score == pytest.approx(float(vectors[row] @ query), abs=1e-5)
        assert [s for _, s in got] == sorted((s for _, s in got), reverse=True)
    assert np.mean(overlap) >= 0.95


def test_a_saved_approximate_search_loads_with_the_same_results(tmp_path: Path) -> None:
    vectors = clustered(1000)
    built = VectorSearch(vectors, ann_threshold=0)
    built.save(tmp_path / "ann.faiss")
    loaded = VectorSearch.load(tmp_path / "ann.faiss", vectors, APPROXIMATE)
    assert loaded.kind == APPROXIMATE
    for query in clustered(10, seed=2):
        assert loaded.search(query, 8) == built.search(query, 8)


@pytest.mark.parametrize("damage", ["truncated", "emptied", "garbage"])
def test_a_damaged_approximate_index_file_is_refused(tmp_path: Path, damage: str) -> None:
    vectors = clustered(500)
    path = tmp_path / "ann.faiss"
    VectorSearch(vectors, ann_threshold=0).save(path)
    data = path.read_bytes()
    path.write_bytes(
        {"truncated": data[: len(data) // 2], "emptied": b"", "garbage": b"\x00\xff\x93junk" * 9}[damage]
    )
    with pytest.raises(ValueError, match="ann.faiss"):
        VectorSearch.load(path, vectors, APPROXIMATE)


def test_an_approximate_index_of_other_vectors_is_refused(tmp_path: Path) -> None:
    VectorSearch(clustered(500), ann_threshold=0).save(tmp_path / "ann.faiss")
    with pytest.raises(ValueError, match="does not index these 400 vectors"):
        VectorSearch.load(tmp_path / "ann.faiss", clustered(400), APPROXIMATE)
    with pytest.raises(ValueError, match="kind 'hnsw'"):
        VectorSearch.load(tmp_path / "ann.faiss", clustered(500), "hnsw")


def test_bm25_from_tokens_and_from_a_saved_index_answer_as_from_texts(tmp_path: Path) -> None:
    from qa.text import tokens

    fresh = WordSearch(TEXTS)
    from_tokens = WordSearch(passage_tokens=[tokens(text) for text in TEXTS])
    fresh.save(tmp_path / "bm25")
    loaded = WordSearch.load(tmp_path / "bm25", len(TEXTS))
    assert fresh.vocabulary == from_tokens.vocabulary == loaded.vocabulary
    assert "" not in loaded.vocabulary and "3900" in loaded.vocabulary
    for query in ("Oppama employees", "3900", "battery market CATL", "Harbor ferry $120 million", "zebra"):
        assert fresh.search(query, 3) == from_tokens.search(query, 3) == loaded.search(query, 3)


def test_a_saved_bm25_index_of_another_size_is_refused(tmp_path: Path) -> None:
    WordSearch(TEXTS).save(tmp_path / "bm25")
    with pytest.raises(ValueError, match="BM25 index of 4 passages"):
        WordSearch.load(tmp_path / "bm25", 4)
    with pytest.raises(ValueError, match="missing"):
        WordSearch.load(tmp_path / "nothing", 4)


def test_nothing_to_save_and_nothing_to_load_for_no_passages(tmp_path: Path) -> None:
    WordSearch([]).save(tmp_path / "bm25")
    assert not (tmp_path / "bm25").exists()
    assert WordSearch.load(tmp_path / "bm25", 0).search("anything", 5) == []


def test_the_tokenizer_fingerprint_is_a_stable_short_hash() -> None:
    assert tokenizer_fingerprint() == tokenizer_fingerprint()
    assert len(tokenizer_fingerprint()) == 16 and int(tokenizer_fingerprint(), 16) >= 0


def test_the_tokenizer_fingerprint_changes_with_the_tokenizer_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    import qa.text

    fingerprint = tokenizer_fingerprint.__wrapped__  # uncached
    before = fingerprint()
    monkeypatch.setattr(qa.text, "ROLE", re.compile("chief"))  # not used to split words
    assert fingerprint() == before
    monkeypatch.setattr(qa.text, "STOPWORDS", qa.text.STOPWORDS | {"plant"})
    assert fingerprint() != before
