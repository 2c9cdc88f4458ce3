"""Shared fixtures: a deterministic fake embedder, a scripted fake generator, temp corpora."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np
import pytest

from qa.generation import Reply
from qa.pipeline import Pipeline
from qa.settings import Settings
from qa.text import tokens

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DIMENSION = 64


class FakeEmbedder:
    """Bag-of-words vectors: each token adds a hash-seeded random direction; rows are unit length.

    Deterministic and offline, and similar texts get similar vectors, so retrieval tests mean something.
    """

    name = "fake-bow"
    fingerprint = "fake0001"

    def embed(self, texts: list[str], **_: object) -> np.ndarray:
        rows = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in tokens(text) or ["∅"]:
                seed = int.from_bytes(hashlib.sha256(token.encode()).digest()[:4], "little")
                rows[row] += np.random.default_rng(seed).standard_normal(DIMENSION).astype(np.float32)
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.where(norms == 0, 1, norms)


class ScriptedGenerator:
    """Returns scripted replies in order (the last one repeats); records every prompt."""

    name = "scripted"

    def __init__(self, *replies: str):
        self.replies = list(replies) or [""]
        self.prompts: list[list[dict[str, str]]] = []

    def generate(self, messages, *, max_new_tokens: int) -> Reply:  # type: ignore[no-untyped-def]
        self.prompts.append(messages)
        text = self.replies[min(len(self.prompts) - 1, len(self.replies) - 1)]
        return Reply(text, prompt_tokens=100, new_tokens=len(text.split()), prefill_seconds=0.0, generate_seconds=0.0)


@pytest.fixture(autouse=True)
def _own_uploads_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test stores and reads uploads in its own folder, never the project's uploads/."""
    monkeypatch.setenv("QA_UPLOADS_DIR", str(tmp_path / "uploads"))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A temporary copy of the seed articles."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture
def make_pipeline(tmp_path: Path, corpus: Path):
    """Build a Pipeline over a temp corpus and index with the fakes: make_pipeline("reply", ...)."""

    def make(*replies: str, corpus_dir: Path | None = None, **settings: object) -> Pipeline:
        chosen = Settings().replace(
            corpus_dir=corpus_dir or corpus, index_dir=tmp_path / "index", cache_dir=tmp_path / "cache", **settings
        )
        return Pipeline(chosen, embedder=FakeEmbedder(), generator=ScriptedGenerator(*replies))

    return make
