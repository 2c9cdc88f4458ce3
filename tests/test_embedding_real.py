"""The real all-MiniLM-L6-v2: the transformers-only embedder gives sentence-transformers' vectors."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from qa.embedding import SentenceTransformerEmbedder, TransformersEmbedder

pytestmark = pytest.mark.integration

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TOLERANCE = 1e-5  # float32 sums in another order; measured differences are ~1e-7

TEXTS = [
    "How many employees work at Nissan's Oppama plant?",
    "EV",
    "",
    "   ",
    "Ünïcödé — 東京の工場, Ελληνικά, emoji 🚗🔋, and a ligature ﬁ.",
    "The plant " + "produced vehicles and batteries for export " * 60,  # far past 256 tokens: truncated
    " ".join((SEEDS / "000_33c6a3bce54667ed.txt").read_text(encoding="utf-8").split()[:400]),
    "Tab\tseparated\nand\r\nnew lines",
]


@pytest.fixture(scope="module")
def embedders() -> tuple[TransformersEmbedder, SentenceTransformerEmbedder]:
    return TransformersEmbedder(batch_size=3), SentenceTransformerEmbedder()


def test_both_give_the_same_unit_vectors(
    embedders: tuple[TransformersEmbedder, SentenceTransformerEmbedder],
) -> None:
    fast, reference = embedders
    ours, theirs = fast.embed(TEXTS), reference.embed(TEXTS)
    assert ours.shape == theirs.shape == (len(TEXTS), 384) and ours.dtype == np.float32
    assert np.abs(ours - theirs).max() < TOLERANCE
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_text_past_the_token_limit_is_cut_like_sentence_transformers_does(
    embedders: tuple[TransformersEmbedder, SentenceTransformerEmbedder],
) -> None:
    fast, _ = embedders
    long_text = TEXTS[5]
    longer = long_text + " and then something else entirely about football and weather"
    assert np.abs(fast.embed([long_text]) - fast.embed([longer])).max() < TOLERANCE


def test_a_batch_gives_the_vectors_of_one_text_at_a_time(
    embedders: tuple[TransformersEmbedder, SentenceTransformerEmbedder],
) -> None:
    fast, reference = embedders
    one_by_one = np.vstack([fast.embed([text]) for text in TEXTS])
    assert np.abs(fast.embed(TEXTS) - one_by_one).max() < TOLERANCE
    assert np.abs(reference.embed(TEXTS) - one_by_one).max() < TOLERANCE


def test_the_default_embedder_needs_no_sentence_transformers(
    embedders: tuple[TransformersEmbedder, SentenceTransformerEmbedder],
) -> None:
    """Checked in a fresh interpreter: this session has imported sentence-transformers already.

    SciPy is not on the list: transformers' own modeling_utils imports scipy.optimize when it is
    installed (for an object-detection loss), whichever embedder runs.
    """
    import subprocess

    script = (
        "import sys; from qa.embedding import make_embedder; make_embedder(None).embed(['warm up']); "
        "print(sorted(m for m in ('sentence_transformers', 'sklearn', 'pandas') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
