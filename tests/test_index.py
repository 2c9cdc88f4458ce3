"""The on-disk index: build, incremental update, removal, manifest, and refusing what does not match."""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path

import numpy as np
import pytest
from conftest import FakeEmbedder

from qa.articles import load_article
from qa.chunking import article_sentences
from qa.errors import IndexCorruptError
from qa.index import FORMAT_VERSION, build_index, corpus_changed, current_version, load_index


class CountingEmbedder(FakeEmbedder):
    """The fake embedder, remembering every batch of texts it was asked to embed."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def embed(self, texts: list[str], **options: object) -> np.ndarray:
        self.calls.append(list(texts))
        return super().embed(texts)

    @property
    def embedded(self) -> list[str]:
        return [text for call in self.calls for text in call]


class OtherModel(FakeEmbedder):
    name = "another-model"
    fingerprint = "other0001"


NEW_ARTICLE = "Harbor City Opens Ferry Terminal\nHarbor City opened a ferry terminal. It cost $120 million.\n"


def texts_of(corpus: Path, name: str) -> set[str]:
    """Every passage and sentence text build_index would embed for one article."""
    from qa.chunking import chunk_sentences

    article = load_article(corpus / name)
    sentences = article_sentences(article)
    return {s.text for s in sentences} | {c.text for c in chunk_sentences(article, sentences)}


def test_build_writes_a_loadable_index(corpus: Path, tmp_path: Path) -> None:
    built = build_index(corpus, tmp_path / "index", FakeEmbedder())
    loaded = load_index(tmp_path / "index", FakeEmbedder())
    assert sorted(loaded.sources) == sorted(p.name for p in corpus.glob("*.txt"))
    assert [c.id for c in loaded.chunks] == [c.id for c in built.chunks]
    assert np.array_equal(loaded.chunk_vectors, built.chunk_vectors)
    assert loaded.chunk_vectors.shape == (len(loaded.chunks), 64)
    assert loaded.sentence_vectors.shape == (len(loaded.sentences), 64)
    for chunk in loaded.chunks:  # each passage is its sentences, in order
        assert chunk.text == " ".join(s.text for s in loaded.chunk_sentences(chunk))
    for sentence in loaded.sentences:  # and each sentence stands at its offsets in the stored text
        text = loaded.sources[sentence.article_id].text
        assert " ".join(text[sentence.start : sentence.end].split()) == sentence.text


def test_manifest_records_what_a_reader_needs_to_trust_the_index(corpus: Path, tmp_path: Path) -> None:
    index = build_index(corpus, tmp_path / "index", FakeEmbedder(), chunk_size=4, chunk_overlap=2)
    manifest = json.loads((current_version(tmp_path / "index") / "manifest.json").read_text())  # type: ignore[operator]
    assert manifest == index.manifest
    assert manifest["format_version"] == FORMAT_VERSION
    assert (manifest["embedding_model"], manifest["embedding_hash"]) == ("fake-bow", "fake0001")
    assert manifest["dimension"] == 64
    assert manifest["chunking"] == {"size": 4, "overlap": 2}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", manifest["created_at"])
    article = load_article(corpus / "000_33c6a3bce54667ed.txt")
    assert manifest["articles"]["000_33c6a3bce54667ed.txt"] == {
        "content_hash": article.content_hash,
        "title": article.title,
        "date": "2025-07-07",
    }
    assert set(manifest["corpus_files"]) == {p.name for p in corpus.iterdir()}


def test_rebuilding_an_unchanged_corpus_embeds_nothing(corpus: Path, tmp_path: Path) -> None:
    build_index(corpus, tmp_path / "index", FakeEmbedder())
    embedder = CountingEmbedder()
    build_index(corpus, tmp_path / "index", embedder)
    assert embedder.calls == []


def test_changing_one_article_re_embeds_only_that_article(corpus: Path, tmp_path: Path) -> None:
    first = build_index(corpus, tmp_path / "index", FakeEmbedder())
    changed = corpus / "001_1039260d6b251263.txt"
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\nA new closing sentence was added.\n", encoding="utf-8"
    )
    embedder = CountingEmbedder()
    second = build_index(corpus, tmp_path / "index", embedder)
    assert len(embedder.calls) == 1
    assert set(embedder.embedded) == texts_of(corpus, changed.name)
    assert "A new closing sentence was added." in embedder.embedded
    # The other articles' vectors were reused, row for row.
    for name in ("000_33c6a3bce54667ed.txt", "002_0b82c0a571192d8b.txt"):
        before = [i for i, c in enumerate(first.chunks) if c.article_id == name]
        after = [i for i, c in enumerate(second.chunks) if c.article_id == name]
        assert np.array_equal(first.chunk_vectors[before], second.chunk_vectors[after])
    assert load_index(tmp_path / "index", FakeEmbedder()).manifest == second.manifest


def test_adding_an_article_embeds_only_the_new_one(corpus: Path, tmp_path: Path) -> None:
    build_index(corpus, tmp_path / "index", FakeEmbedder())
    (corpus / "harbor.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    embedder = CountingEmbedder()
    index = build_index(corpus, tmp_path / "index", embedder)
    assert set(embedder.embedded) == texts_of(corpus, "harbor.txt")
    assert "harbor.txt" in index.sources


def test_a_removed_article_leaves_the_index(corpus: Path, tmp_path: Path) -> None:
    build_index(corpus, tmp_path / "index", FakeEmbedder())
    (corpus / "002_0b82c0a571192d8b.txt").unlink()
    embedder = CountingEmbedder()
    build_index(corpus, tmp_path / "index", embedder)
    index = load_index(tmp_path / "index", FakeEmbedder())
    assert embedder.calls == []
    assert "002_0b82c0a571192d8b.txt" not in index.sources
    assert "002_0b82c0a571192d8b.txt" not in index.manifest["articles"]
    assert all(c.article_id != "002_0b82c0a571192d8b.txt" for c in index.chunks)
    assert all(s.article_id != "002_0b82c0a571192d8b.txt" for s in index.sentences)
    assert not any("Kitakyushu" in chunk.text for chunk in index.chunks)
    assert index.chunk_vectors.shape[0] == len(index.chunks)


def test_new_chunk_settings_re_embed_everything(corpus: Path, tmp_path: Path) -> None:
    build_index(corpus, tmp_path / "index", FakeEmbedder())
    embedder = CountingEmbedder()
    index = build_index(corpus, tmp_path / "index", embedder, chunk_size=2, chunk_overlap=0)
    assert {c.text for c in index.chunks} <= set(embedder.embedded)
    assert all(c.last - c.first <= 2 for c in index.chunks)


def test_another_embedding_model_rebuilds_everything_with_a_warning(
    corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    build_index(corpus, tmp_path / "index", FakeEmbedder())
    with caplog.at_level(logging.WARNING):
        index = build_index(corpus, tmp_path / "index", OtherModel())
    assert "another-model" in caplog.text
    assert index.manifest["embedding_hash"] == "other0001"
    assert load_index(tmp_path / "index", OtherModel()).manifest["embedding_model"] == "another-model"


def test_only_the_live_version_stays_on_disk(corpus: Path, tmp_path: Path) -> None:
    for extra in range(3):
        (corpus / f"extra{extra}.txt").write_text(
            NEW_ARTICLE.replace("Harbor", f"Harbor{extra}"), encoding="utf-8"
        )
        build_index(corpus, tmp_path / "index", FakeEmbedder())
    versions = [p.name for p in (tmp_path / "index").iterdir() if p.is_dir()]
    assert versions == [current_version(tmp_path / "index").name]  # type: ignore[union-attr]


def test_loading_without_an_index_says_how_to_build_one(tmp_path: Path) -> None:
    with pytest.raises(IndexCorruptError, match="qa index"):
        load_index(tmp_path / "empty", FakeEmbedder())


def test_loading_with_another_embedding_model_is_refused_in_words(corpus: Path, tmp_path: Path) -> None:
    build_index(corpus, tmp_path / "index", FakeEmbedder())
    with pytest.raises(
        IndexCorruptError, match=r"built with embedding model fake-bow.*not the configured another-model"
    ):
        load_index(tmp_path / "index", OtherModel())


def test_an_older_format_is_refused_in_words(corpus: Path, tmp_path: Path) -> None:
    build_index(corpus, tmp_path / "index", FakeEmbedder())
    manifest_path = current_version(tmp_path / "index") / "manifest.json"  # type: ignore[operator]
    manifest = json.loads(manifest_path.read_text())
    manifest["format_version"] = FORMAT_VERSION - 1
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(
        IndexCorruptError, match=f"format {FORMAT_VERSION - 1} is not the supported {FORMAT_VERSION}"
    ):
        load_index(tmp_path / "index", FakeEmbedder())


def test_corpus_changed_notices_added_touched_and_removed_files(corpus: Path, tmp_path: Path) -> None:
    index = build_index(corpus, tmp_path / "index", FakeEmbedder())
    assert not corpus_changed(index, corpus)
    path = corpus / "000_33c6a3bce54667ed.txt"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert corpus_changed(index, corpus)
    index = build_index(corpus, tmp_path / "index", FakeEmbedder())
    (corpus / "harbor.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    assert corpus_changed(index, corpus)
    index = build_index(corpus, tmp_path / "index", FakeEmbedder())
    (corpus / "harbor.txt").unlink()
    assert corpus_changed(index, corpus)


def test_uploads_are_indexed_beside_the_corpus_and_their_changes_noticed(corpus: Path, tmp_path: Path) -> None:
    uploads = tmp_path / "uploads"
    index = build_index(corpus, tmp_path / "index", FakeEmbedder(), uploads_dir=uploads)  # not made yet
    assert not corpus_changed(index, corpus, uploads)
    uploads.mkdir()
    (uploads / "harbor.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    assert corpus_changed(index, corpus, uploads) and not corpus_changed(index, corpus)
    index = build_index(corpus, tmp_path / "index", FakeEmbedder(), uploads_dir=uploads)
    assert "harbor.txt" in index.sources and len(index.sources) == 4
    (uploads / "harbor.txt").unlink()
    assert corpus_changed(index, corpus, uploads)


def test_an_upload_never_shadows_a_corpus_article_of_the_same_name(
    corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    name = sorted(p.name for p in corpus.iterdir())[0]
    (uploads / name).write_text(NEW_ARTICLE, encoding="utf-8")
    index = build_index(corpus, tmp_path / "index", FakeEmbedder(), uploads_dir=uploads)
    assert index.sources[name].text == (corpus / name).read_text(encoding="utf-8")
    assert "already has an article of that name" in caplog.text


def test_an_empty_corpus_builds_an_empty_index(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    index = build_index(tmp_path / "corpus", tmp_path / "index", FakeEmbedder())
    assert index.chunks == [] and index.chunk_vectors.shape == (0, 64)
    assert load_index(tmp_path / "index", FakeEmbedder()).sources == {}


def test_a_file_removed_while_the_folder_is_listed_is_left_out_not_fatal(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An upload or a delete can land between listing the folder and looking at a file."""
    index = build_index(corpus, tmp_path / "index", FakeEmbedder())
    real_iterdir = Path.iterdir

    def with_a_ghost(self: Path):  # type: ignore[no-untyped-def]
        yield from real_iterdir(self)
        if self == corpus:
            yield corpus / "ghost.txt"  # listed, then gone

    monkeypatch.setattr(Path, "iterdir", with_a_ghost)
    assert not corpus_changed(index, corpus)
    assert "ghost.txt" not in build_index(corpus, tmp_path / "index", FakeEmbedder()).sources
