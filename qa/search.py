"""The two searchers behind retrieval: FAISS inner product over vectors, BM25 over words."""

from __future__ import annotations

import logging

import numpy as np

from qa.text import tokens

logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG

# Above this many passages an HNSW graph replaces exact search (see benchmarks/README.md).
ANN_THRESHOLD = 50_000
HNSW_NEIGHBOURS = 32
HNSW_EF_SEARCH = 128


class VectorSearch:
    """Nearest passages by inner product of unit vectors (cosine similarity)."""

    def __init__(self, vectors: np.ndarray, *, ann_threshold: int = ANN_THRESHOLD):
        import faiss

        self.size, dimension = vectors.shape if vectors.ndim == 2 else (0, 0)
        if self.size > ann_threshold:
            self.index = faiss.IndexHNSWFlat(dimension, HNSW_NEIGHBOURS, faiss.METRIC_INNER_PRODUCT)
            self.index.hnsw.efConstruction = 80
            self.index.hnsw.efSearch = HNSW_EF_SEARCH
            self.kind = "hnsw"
        else:
            self.index = faiss.IndexFlatIP(max(dimension, 1))
            self.kind = "flat"
        if self.size:
            self.index.add(np.ascontiguousarray(vectors, dtype=np.float32))

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(row, cosine) pairs, best first."""
        if self.size == 0 or k <= 0:
            return []
        scores, rows = self.index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), min(k, self.size))
        return [(int(r), float(s)) for r, s in zip(rows[0], scores[0]) if r >= 0]


class WordSearch:
    """BM25 (bm25s) over the package's own tokens, so "3,900" matches "3900"."""

    def __init__(self, texts: list[str]):
        import bm25s

        self.size = len(texts)
        corpus_tokens = [tokens(text) or ["∅"] for text in texts]
        self.vocabulary = frozenset(token for row in corpus_tokens for token in row)
        self.retriever = bm25s.BM25()
        if texts:
            self.retriever.index(corpus_tokens, show_progress=False)

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """(row, BM25 score) pairs with a positive score, best first."""
        query_tokens = [token for token in tokens(query) if token in self.vocabulary]
        if not query_tokens or self.size == 0 or k <= 0:
            return []
        rows, scores = self.retriever.retrieve([query_tokens], k=min(k, self.size), show_progress=False)
        return [(int(r), float(s)) for r, s in zip(rows[0], scores[0]) if s > 0]
