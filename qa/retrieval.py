"""Hybrid retrieval: dense (FAISS) and BM25 rankings fused with reciprocal rank fusion."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qa.chunking import Chunk
from qa.index import SearchIndex


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    rank: int  # 1-based position after fusion
    score: float  # fused RRF score
    dense: float  # cosine similarity with the question (0 when only BM25 found it)
    bm25: float  # BM25 score (0 when only the dense search found it)


def rrf_fuse(rankings: list[list[int]], *, k: int = 60) -> list[tuple[int, float]]:
    """Reciprocal rank fusion: sum of 1 / (k + rank) over the rankings each item appears in."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for position, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + position)
    return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))


def retrieve(index: SearchIndex, query: str, query_vector: np.ndarray, *, top_k: int, rrf_k: int = 60) -> list[Hit]:
    """The `top_k` passages for a query, best first, with the scores that placed them."""
    depth = max(top_k * 4, 20)
    dense = index.vector_search.search(query_vector, depth)
    lexical = index.word_search.search(query, depth)
    dense_scores, lexical_scores = dict(dense), dict(lexical)
    fused = rrf_fuse([[row for row, _ in dense], [row for row, _ in lexical]], k=rrf_k)[:top_k]
    return [
        Hit(index.chunks[row], rank, score, dense_scores.get(row, 0.0), lexical_scores.get(row, 0.0))
        for rank, (row, score) in enumerate(fused, start=1)
    ]
