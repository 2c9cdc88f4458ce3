"""The two searchers behind retrieval: FAISS inner product over vectors, BM25 over words."""

from __future__ import annotations

import functools
import hashlib
import inspect
import logging
import os
from pathlib import Path
from typing import Any

import numpy as np

import qa.text
from qa.text import tokens


def _bm25s():  # type: ignore[no-untyped-def]
    """bm25s, imported on first use; it sets its own logger to DEBUG on import, so quiet it after."""
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)  # else it logs every index build
    return bm25s


# Up to this many passages the vector search is exact (a flat scan: ~13 ms at 50,000 on this
# machine). Above it every passage is still scanned, but as a 4-bit product-quantized code read
# with SIMD (FAISS "PQ<d/2>x4fs", 96 bytes a vector at 384 dimensions), and the best
# RERANK_FACTOR × k rows are then re-scored exactly from the stored vectors. On the synthetic
# benchmark (benchmarks/README.md) this keeps recall@10 at 1.00 / 0.996 at 100k / 1M with a p50 of
# ~0.6 / ~7 ms, and trains and adds in seconds. HNSW (M=32) needed 30 min to build at 1M and
# reached recall 0.84 at efSearch 256; IVF-Flat reached 0.80 at 1M while scanning a quarter of it.
ANN_THRESHOLD = 50_000
APPROXIMATE = "pq-fastscan"
RERANK_FACTOR = 8  # 4 already gives 0.98 at 1M; 8 costs no measurable time and gives 0.996
TRAINING_ROWS = (
    50_000  # the codebooks (16 centroids per 2 dimensions) need few; a fixed sample is deterministic
)


class VectorSearch:
    """Nearest passages by inner product of unit vectors (cosine similarity)."""

    def __init__(self, vectors: np.ndarray, *, ann_threshold: int | None = None):
        self.vectors = vectors
        self.size = len(vectors) if vectors.ndim == 2 else 0
        threshold = ANN_THRESHOLD if ann_threshold is None else ann_threshold
        self.kind = APPROXIMATE if self.size > threshold else "flat"
        self.index = _quantized(vectors) if self.kind == APPROXIMATE else _flat(vectors)
        self.rerank = RERANK_FACTOR

    @classmethod
    def load(cls, path: Path, vectors: np.ndarray, kind: str) -> VectorSearch:
        """The search over `vectors` as saved at `path`; ValueError when it is unusable or does not match."""
        if kind == "flat":
            return cls(vectors, ann_threshold=len(vectors))
        if kind != APPROXIMATE:
            raise ValueError(f"vector search kind {kind!r} is not 'flat' or {APPROXIMATE!r}")
        import faiss

        try:
            index = faiss.deserialize_index(np.fromfile(path, dtype=np.uint8))
        except RuntimeError as error:  # FAISS reports a short or foreign file this way
            raise ValueError(
                f"{path.name} is not a FAISS index ({str(error).splitlines()[0][-120:]})"
            ) from error
        if not isinstance(index, faiss.IndexPQFastScan) or (index.ntotal, index.d) != vectors.shape:
            raise ValueError(
                f"{path.name} does not index these {vectors.shape[0]} vectors of dimension {vectors.shape[1]}"
            )
        search = cls.__new__(cls)
        search.vectors, search.size, search.kind, search.index, search.rerank = (
            vectors, len(vectors), kind, index, RERANK_FACTOR
        )  # fmt: skip
        return search

    def save(self, path: Path) -> None:
        """Write the quantized codes (nothing to write for exact search: the vectors are the index)."""
        import faiss

        assert self.kind == APPROXIMATE, "only the approximate index is saved"
        with open(path, "wb") as handle:
            handle.write(faiss.serialize_index(self.index).tobytes())
            handle.flush()
            os.fsync(handle.fileno())

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(row, cosine) pairs, best first."""
        if self.size == 0 or k <= 0:
            return []
        query = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        if self.kind == "flat":
            scores, rows = self.index.search(query, min(k, self.size))
            return [(int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if r >= 0]
        _, found = self.index.search(query, min(k * self.rerank, self.size))
        candidates = found[0][found[0] >= 0]
        exact = self.vectors[candidates] @ query[0]  # the codes only shortlist; scores are exact
        best = np.argsort(-exact, kind="stable")[:k]
        return [(int(candidates[i]), float(exact[i])) for i in best]


def _flat(vectors: np.ndarray) -> Any:
    import faiss

    index = faiss.IndexFlatIP(max(vectors.shape[1] if vectors.ndim == 2 else 0, 1))
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def _quantized(vectors: np.ndarray) -> Any:
    """A trained and filled 4-bit PQ fast-scan index: one sub-quantizer per 2 dimensions."""
    import faiss

    dimension = vectors.shape[1]
    index = faiss.IndexPQFastScan(
        dimension, dimension // 2 if dimension % 2 == 0 else dimension, 4, faiss.METRIC_INNER_PRODUCT
    )
    index.pq.cp.min_points_per_centroid = 1  # small test indexes: no warning per sub-quantizer
    rows = np.random.default_rng(0).choice(len(vectors), min(len(vectors), TRAINING_ROWS), replace=False)
    index.train(np.ascontiguousarray(vectors[np.sort(rows)], dtype=np.float32))
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


@functools.cache
def tokenizer_fingerprint() -> str:
    """A hash of what splits text into search tokens: saved BM25 tokens are stale once it changes.

    Only the tokenizer counts, so a change elsewhere in qa/text.py (a new role word) keeps indexes.
    """
    parts = [qa.text.WORD.pattern, " ".join(sorted(qa.text.STOPWORDS)), repr(sorted(qa.text.ORDINALS.items()))]
    try:
        parts += [inspect.getsource(f) for f in (qa.text.tokens, qa.text.fold, qa.text._stem, qa.text.normalize_number)]
    except (OSError, TypeError):  # no source shipped: compare behaviour on a probe instead
        parts.append(" ".join(tokens("The 3,900 Workers’ Co-ops: Nissan's $1.5bn, 37.6 % fifth cities")))
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


class WordSearch:
    """BM25 (bm25s) over the package's own tokens, so "3,900" matches "3900"."""

    FILES = (
        "params.index.json",
        "vocab.index.json",
        "data.csc.index.npy",
        "indices.csc.index.npy",
        "indptr.csc.index.npy",
    )

    def __init__(self, texts: list[str] | None = None, *, passage_tokens: list[list[str]] | None = None):
        """BM25 over `texts`, or over `passage_tokens` (qa.text.tokens of each passage) when at hand."""
        bm25s = _bm25s()

        rows = passage_tokens if passage_tokens is not None else [tokens(text) for text in texts or []]
        rows = [row or ["∅"] for row in rows]
        retriever = bm25s.BM25()
        if rows:
            retriever.index(rows, show_progress=False)
        self._use(retriever, len(rows))

    def _use(self, retriever: Any, size: int) -> None:
        self.retriever, self.size = retriever, size
        vocabulary = getattr(retriever, "vocab_dict", None) or {}
        self.vocabulary = frozenset(vocabulary) - {""}  # bm25s adds "" to score token-less queries

    @classmethod
    def load(cls, folder: Path, size: int) -> WordSearch:
        """The BM25 index saved in `folder` for `size` passages; ValueError when unusable."""
        bm25s = _bm25s()

        search = cls.__new__(cls)
        if size == 0:
            search._use(bm25s.BM25(), 0)
            return search
        if not folder.is_dir():
            raise ValueError(f"{folder.name}/ is missing")
        try:
            retriever = bm25s.BM25.load(folder, show_progress=False)
        except (AttributeError, TypeError, KeyError) as error:  # valid JSON of the wrong shape
            raise ValueError(
                f"{folder.name}/ holds no BM25 index ({type(error).__name__}: {error})"
            ) from error
        scores, vocabulary = retriever.scores, retriever.vocab_dict
        data, indices, pointers = scores["data"], scores["indices"], scores["indptr"]
        columns = [column for token, column in vocabulary.items() if token]  # "" has no column
        if (
            scores["num_docs"] != size
            or pointers.ndim != 1
            or not len(data) == len(indices) == pointers[-1]
            or (columns and not 0 <= min(columns) <= max(columns) < len(pointers) - 1)
            or (len(indices) and not 0 <= indices.min() <= indices.max() < size)
        ):
            raise ValueError(f"{folder.name}/ does not hold a BM25 index of {size} passages")
        search._use(retriever, size)
        return search

    def save(self, folder: Path) -> None:
        """Write the index into `folder` with bm25s's own format, each file synced to disk."""
        if self.size == 0:
            return
        self.retriever.save(folder, show_progress=False)
        for path in folder.iterdir():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """(row, BM25 score) pairs with a positive score, best first."""
        query_tokens = [token for token in tokens(query) if token in self.vocabulary]
        if not query_tokens or self.size == 0 or k <= 0:
            return []
        rows, scores = self.retriever.retrieve([query_tokens], k=min(k, self.size), show_progress=False)
        return [(int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if s > 0]
