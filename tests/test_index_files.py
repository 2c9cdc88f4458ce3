"""The searchers saved with the index: loading and adding an article neither re-tokenize nor retrain."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import numpy as np
import pytest
from conftest import FakeEmbedder
from test_index import NEW_ARTICLE, CountingEmbedder, texts_of

import qa.index
import qa.search
from qa.errors import IndexCorruptError
from qa.index import ANN, BM25, TOKENS, build_index, current_version, load_index
from qa.search import APPROXIMATE, WordSearch

QUERIES = ["Oppama facility employees", "3900", "CATL battery market share", "ferry terminal cost", "zebra"]


@pytest.fixture
def approximate(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat the seeds' ~40 passages as a large index, so the approximate search is built and saved."""
    monkeypatch.setattr(qa.search, "ANN_THRESHOLD", 10)


def live(index_dir: Path) -> Path:
    return current_version(index_dir)  # type: ignore[return-value]


def restamp(index_dir: Path, **changes: str) -> None:
    """Rewrite the live version's manifest with these entries changed, as an older build would have left it."""
    manifest_path = live(index_dir) / "manifest.json"
    manifest_path.write_text(json.dumps(json.loads(manifest_path.read_text()) | changes))


def counting_tokens(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every text qa.index and qa.search tokenize."""
    seen: list[str] = []
    real = qa.search.tokens

    def recording(text: str) -> list[str]:
        seen.append(text)
        return real(text)

    monkeypatch.setattr(qa.index, "tokens", recording)
    monkeypatch.setattr(qa.search, "tokens", recording)
    return seen


def test_a_large_index_saves_its_approximate_search_and_loads_it_without_retraining(
    corpus: Path, tmp_path: Path, approximate: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = build_index(corpus, tmp_path / "index", FakeEmbedder())
    assert built.vector_search.kind == APPROXIMATE == built.manifest["vector_search"]
    assert (live(tmp_path / "index") / ANN).is_file()
    monkeypatch.setattr(qa.search, "_quantized", lambda vectors: pytest.fail("load retrained the index"))
    loaded = load_index(tmp_path / "index", FakeEmbedder())
    assert loaded.vector_search.kind == APPROXIMATE
    for query in FakeEmbedder().embed(QUERIES):
        assert loaded.vector_search.search(query, 10) == built.vector_search.search(query, 10)


def test_a_small_index_stays_exact_and_writes_no_approximate_index(corpus: Path, tmp_path: Path) -> None:
    index = build_index(corpus, tmp_path / "index", FakeEmbedder())
    assert index.vector_search.kind == "flat" == index.manifest["vector_search"]
    assert not (live(tmp_path / "index") / ANN).exists()
    assert load_index(tmp_path / "index", FakeEmbedder()).vector_search.kind == "flat"


@pytest.mark.parametrize("damage", ["missing", "truncated", "emptied", "garbage"])
def test_a_damaged_approximate_index_is_refused_in_words_and_rebuilt(
    corpus: Path,
    tmp_path: Path,
    approximate: None,
    make_pipeline,
    damage: str,  # type: ignore[no-untyped-def]
) -> None:
    build_index(corpus, tmp_path / "index", FakeEmbedder())
    path = live(tmp_path / "index") / ANN
    data = path.read_bytes()
    if damage == "missing":
        path.unlink()
    else:
        path.write_bytes(
            {"truncated": data[: len(data) // 2], "emptied": b"", "garbage": b"\x00\xff\x93junk" * 9}[damage]
        )
    with pytest.raises(IndexCorruptError, match=r"chunk_ann\.faiss.*rebuild it with: qa index"):
        load_index(tmp_path / "index", FakeEmbedder())
    embedder = CountingEmbedder()
    pipeline = make_pipeline("It has approximately 3,900 employees.", abstain_threshold=0.0)
    pipeline.embedder = embedder
    assert pipeline.index.vector_search.kind == APPROXIMATE  # rebuilt from the stored vectors
    assert embedder.calls == []
    assert load_index(tmp_path / "index", FakeEmbedder()).vector_search.kind == APPROXIMATE


def test_loading_tokenizes_no_passage(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_index(corpus, tmp_path / "index", FakeEmbedder())
    seen = counting_tokens(monkeypatch)
    index = load_index(tmp_path / "index", FakeEmbedder())
    assert seen == []
    assert index.vocabulary and "3900" in index.vocabulary


def test_the_saved_bm25_index_answers_as_a_fresh_one(corpus: Path, tmp_path: Path) -> None:
    built = build_index(corpus, tmp_path / "index", FakeEmbedder())
    loaded = load_index(tmp_path / "index", FakeEmbedder())
    fresh = WordSearch([chunk.text for chunk in loaded.chunks])
    assert loaded.vocabulary == fresh.vocabulary == built.vocabulary
    for query in QUERIES:
        assert (
            loaded.word_search.search(query, 10)
            == fresh.search(query, 10)
            == built.word_search.search(query, 10)
        )


def test_adding_an_article_tokenizes_and_embeds_only_that_article(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_index(corpus, tmp_path / "index", FakeEmbedder())
    (corpus / "harbor.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    seen = counting_tokens(monkeypatch)
    embedder = CountingEmbedder()
    index = build_index(corpus, tmp_path / "index", embedder)
    new_passages = [chunk.text for chunk in index.chunks if chunk.article_id == "harbor.txt"]
    assert sorted(seen) == sorted(new_passages)
    assert set(embedder.embedded) == texts_of(corpus, "harbor.txt")


def test_an_incremental_build_equals_a_fresh_one(corpus: Path, tmp_path: Path, approximate: None) -> None:
    build_index(corpus, tmp_path / "index", FakeEmbedder())
    (corpus / "harbor.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    (corpus / "002_0b82c0a571192d8b.txt").unlink()
    grown = build_index(corpus, tmp_path / "index", FakeEmbedder())
    fresh = build_index(corpus, tmp_path / "fresh", FakeEmbedder())
    assert [c.id for c in grown.chunks] == [c.id for c in fresh.chunks]
    assert np.array_equal(grown.chunk_vectors, fresh.chunk_vectors)
    assert (live(tmp_path / "index") / TOKENS).read_text() == (live(tmp_path / "fresh") / TOKENS).read_text()
    loaded = load_index(tmp_path / "index", FakeEmbedder())
    for query, vector in zip(QUERIES, FakeEmbedder().embed(QUERIES), strict=True):
        assert loaded.word_search.search(query, 10) == fresh.word_search.search(query, 10)
        assert loaded.vector_search.search(vector, 10) == fresh.vector_search.search(vector, 10)


def test_damaged_saved_tokens_are_made_again_not_trusted(
    corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    build_index(corpus, tmp_path / "index", FakeEmbedder())
    tokens_file = live(tmp_path / "index") / TOKENS
    tokens_file.write_text(tokens_file.read_text()[:50])
    assert load_index(tmp_path / "index", FakeEmbedder()).word_search.search(
        "3900", 3
    )  # answering needs no tokens
    (corpus / "harbor.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    embedder = CountingEmbedder()
    with caplog.at_level(logging.WARNING):
        index = build_index(corpus, tmp_path / "index", embedder)
    assert "tokenizing every passage again" in caplog.text
    assert set(embedder.embedded) == texts_of(corpus, "harbor.txt")  # vectors are still reused
    fresh = WordSearch([chunk.text for chunk in index.chunks])
    for query in QUERIES:
        assert index.word_search.search(query, 10) == fresh.search(query, 10)


def test_an_index_split_by_another_tokenizer_is_refused_then_re_tokenized_without_re_embedding(
    corpus: Path, tmp_path: Path
) -> None:
    build_index(corpus, tmp_path / "index", FakeEmbedder())
    restamp(tmp_path / "index", tokenizer="0123456789abcdef")
    with pytest.raises(IndexCorruptError, match="another version of qa/text.py.*qa index"):
        load_index(tmp_path / "index", FakeEmbedder())
    embedder = CountingEmbedder()
    build_index(corpus, tmp_path / "index", embedder)
    assert embedder.calls == []
    assert (
        load_index(tmp_path / "index", FakeEmbedder()).manifest["tokenizer"]
        == qa.search.tokenizer_fingerprint()
    )


def test_an_index_read_by_another_article_reader_is_refused_then_read_and_embedded_again(
    corpus: Path, tmp_path: Path
) -> None:
    build_index(corpus, tmp_path / "index", FakeEmbedder())
    restamp(tmp_path / "index", reader="0123456789abcdef")
    with pytest.raises(IndexCorruptError, match="another version of qa/articles.py.*qa index"):
        load_index(tmp_path / "index", FakeEmbedder())
    embedder = CountingEmbedder()
    build_index(corpus, tmp_path / "index", embedder)  # its sentences and titles may be stale: nothing is reused
    assert embedder.calls
    assert load_index(tmp_path / "index", FakeEmbedder()).manifest["reader"] == qa.index.reader_fingerprint()


def test_a_format_1_index_is_refused_in_words_but_its_vectors_are_reused(
    corpus: Path, tmp_path: Path
) -> None:
    first = build_index(corpus, tmp_path / "index", FakeEmbedder())
    folder = live(tmp_path / "index")
    manifest = json.loads((folder / "manifest.json").read_text())
    for key in ("tokenizer", "vector_search"):
        del manifest[key]
    (folder / "manifest.json").write_text(json.dumps(manifest | {"format_version": 1}))
    (folder / TOKENS).unlink()
    shutil.rmtree(folder / BM25)
    with pytest.raises(IndexCorruptError, match="format 1 is not the supported 2"):
        load_index(tmp_path / "index", FakeEmbedder())
    embedder = CountingEmbedder()
    build_index(corpus, tmp_path / "index", embedder)
    assert embedder.calls == []
    loaded = load_index(tmp_path / "index", FakeEmbedder())
    assert np.array_equal(loaded.chunk_vectors, first.chunk_vectors)
    assert loaded.word_search.search("3900", 3) == first.word_search.search("3900", 3)
