"""Many callers at once: a shared pipeline answers 20 threads as it answers one, loading everything once."""

from __future__ import annotations

import os
import sys
import threading
import time
import types
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from hardening import OPPAMA, fake_pipeline, seed_corpus

import qa.pipeline
from qa.embedding import SentenceTransformerEmbedder
from qa.generation import TransformersGenerator

THREADS = 20
QUESTIONS = [
    OPPAMA,
    "What market share did CATL hold as of July 2024?",
    "What is Tesla's market share in Japan?",
    "Where is the Oppama plant?",
    "How much will Toyota and Nissan spend on EV batteries?",
]


def all_at_once(count: int, work):  # type: ignore[no-untyped-def]
    """Run work(i) in `count` threads released together; return the results in order."""
    barrier = threading.Barrier(count)

    def run(i: int):  # type: ignore[no-untyped-def]
        barrier.wait()
        return work(i)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def summary(answer):  # type: ignore[no-untyped-def]
    return answer.text, answer.citations, answer.abstained, [h.chunk.id for h in answer.passages]


class Counting:
    """Wraps a function and counts its calls (thread-safe)."""

    def __init__(self, function):  # type: ignore[no-untyped-def]
        self.function, self.calls, self.lock = function, 0, threading.Lock()

    def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        with self.lock:
            self.calls += 1
        return self.function(*args, **kwargs)


def test_twenty_threads_get_the_same_answers_as_one_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = seed_corpus(tmp_path / "corpus")
    sequential = [summary(fake_pipeline(corpus, tmp_path / "one").ask(q)) for q in QUESTIONS]

    builds = Counting(qa.pipeline.build_index)
    monkeypatch.setattr(qa.pipeline, "build_index", builds)
    shared = fake_pipeline(corpus, tmp_path / "shared")  # no index yet: the threads race to build it
    results = all_at_once(THREADS, lambda i: summary(shared.ask(QUESTIONS[i % len(QUESTIONS)])))
    assert results == [sequential[i % len(QUESTIONS)] for i in range(THREADS)]
    assert builds.calls == 1


def test_an_existing_index_is_loaded_once_for_twenty_threads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = seed_corpus(tmp_path / "corpus")
    fake_pipeline(corpus, tmp_path / "index").ask(OPPAMA)  # builds the index on disk
    loads, builds = Counting(qa.pipeline.load_index), Counting(qa.pipeline.build_index)
    monkeypatch.setattr(qa.pipeline, "load_index", loads)
    monkeypatch.setattr(qa.pipeline, "build_index", builds)
    shared = fake_pipeline(corpus, tmp_path / "index")
    answers = all_at_once(THREADS, lambda i: shared.ask(QUESTIONS[i % len(QUESTIONS)]))
    assert all(answer.text for answer in answers)
    assert (loads.calls, builds.calls) == (1, 0)


def test_an_article_added_during_traffic_is_indexed_once_without_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = seed_corpus(tmp_path / "corpus")
    builds = Counting(qa.pipeline.build_index)
    monkeypatch.setattr(qa.pipeline, "build_index", builds)
    shared = fake_pipeline(corpus, tmp_path / "index")
    shared.ask(OPPAMA)

    def work(i: int):  # type: ignore[no-untyped-def]
        if i == THREADS // 2:  # written whole, then renamed in: the way an upload lands
            staging = tmp_path / "harbor.txt.part"
            staging.write_text("Harbor Ferry News\nHarbor City opened a ferry terminal.\n", encoding="utf-8")
            os.replace(staging, corpus / "harbor.txt")
        return shared.ask(QUESTIONS[i % len(QUESTIONS)])

    answers = all_at_once(THREADS, work)
    assert all(answer.text for answer in answers)
    assert "harbor.txt" in shared.index.sources
    assert builds.calls == 2  # the first build, and one for the new article


def test_the_process_wide_pipeline_is_made_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    corpus = seed_corpus(tmp_path / "corpus")
    made = Counting(lambda: fake_pipeline(corpus, tmp_path / "index"))
    monkeypatch.setattr(qa.pipeline, "_default", None)
    monkeypatch.setattr(qa.pipeline, "Pipeline", made)
    answers = all_at_once(THREADS, lambda i: qa.pipeline.ask(QUESTIONS[i % len(QUESTIONS)]))
    assert all(answer.text for answer in answers)
    assert made.calls == 1


@pytest.fixture
def model_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "config.json").write_text("{}", encoding="utf-8")
    (folder / "model.safetensors").write_bytes(b"weights")
    return folder


def test_the_embedding_model_loads_once_for_twenty_threads(
    monkeypatch: pytest.MonkeyPatch, model_folder: Path
) -> None:
    constructed = Counting(lambda: None)

    class FakeSentenceTransformer:
        def __init__(self, *args: object, **kwargs: object) -> None:
            constructed()
            time.sleep(0.2)  # a slow load widens the window for a second one

        def get_sentence_embedding_dimension(self) -> int:
            return 8

        def encode(self, texts: list[str], **kwargs: object) -> np.ndarray:
            return np.ones((len(texts), 8), dtype=np.float32) / np.sqrt(8)

    module = types.ModuleType("sentence_transformers")
    module.SentenceTransformer = FakeSentenceTransformer  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sentence_transformers", module)
    embedder = SentenceTransformerEmbedder(str(model_folder))
    shapes = all_at_once(THREADS, lambda i: embedder.embed([f"text {i}", "another"]).shape)
    assert shapes == [(2, 8)] * THREADS
    assert constructed.calls == 1


def test_the_answer_model_loads_once_for_twenty_threads(
    monkeypatch: pytest.MonkeyPatch, model_folder: Path
) -> None:
    loads = Counting(lambda: None)

    class Loader:
        @staticmethod
        def from_pretrained(*args: object, **kwargs: object) -> types.SimpleNamespace:
            loads()
            time.sleep(0.2)
            return types.SimpleNamespace(eval=lambda: None)

    transformers = types.ModuleType("transformers")
    transformers.AutoTokenizer = Loader  # type: ignore[attr-defined]
    transformers.AutoModelForCausalLM = Loader  # type: ignore[attr-defined]
    torch = types.ModuleType("torch")
    torch.float32 = "float32"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "transformers", transformers)
    monkeypatch.setitem(sys.modules, "torch", torch)
    generator = TransformersGenerator(str(model_folder), cache_dir=model_folder.parent / "cache")
    loaded = all_at_once(THREADS, lambda i: generator.load())
    assert all(model is loaded[0] for model in loaded)
    assert loads.calls == 2  # the tokenizer and the model, once each
