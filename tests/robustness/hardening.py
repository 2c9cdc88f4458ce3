"""Shared helpers for the hardening suite: temp corpora and pipelines with the fakes."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SEEDS, FakeEmbedder, ScriptedGenerator

from qa.pipeline import Pipeline
from qa.settings import Settings

OPPAMA = "How many employees does the Oppama facility have?"
OPPAMA_REPLY = "It has approximately 3,900 employees."


def seed_corpus(folder: Path) -> Path:
    """A fresh copy of the seed articles in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    return folder


def fake_pipeline(corpus_dir: Path, index_dir: Path, *replies: str, **settings: object) -> Pipeline:
    """A Pipeline over the folders with the fake embedder and scripted replies (abstaining rarely)."""
    settings.setdefault("abstain_threshold", 0.0)
    chosen = Settings().replace(
        corpus_dir=corpus_dir, index_dir=index_dir, cache_dir=index_dir.parent / "cache", **settings
    )
    return Pipeline(chosen, embedder=FakeEmbedder(), generator=ScriptedGenerator(*replies or (OPPAMA_REPLY,)))
