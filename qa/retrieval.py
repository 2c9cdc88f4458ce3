"""Hybrid retrieval: dense (FAISS) and BM25 rankings fused with reciprocal rank fusion."""

from __future__ import annotations

from collections.abc import Iterable
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


def sentence_hits(
    index: SearchIndex, query_vector: np.ndarray, hits: list[Hit], *, sentences: int
) -> list[Hit]:
    """Passages holding the `sentences` sentences nearest the question that `hits` lack, after them.

    A passage's vector blurs its three sentences: "Third and fourth ... were South Korean companies
    LG Energy Solution and SK On" may match "which South Korean battery makers" better than any
    passage it sits in. The scan is one product over the stored sentence vectors.
    """
    if sentences <= 0 or not len(index.sentence_vectors):
        return []
    similarity = index.sentence_vectors @ query_vector
    k = min(sentences, len(similarity))
    nearest = np.argpartition(-similarity, k - 1)[:k]
    nearest = nearest[np.argsort(-similarity[nearest], kind="stable")]
    holder = sentence_holders(index)
    return _added(index, query_vector, hits, ((holder[int(position)], 0.0) for position in nearest))


def word_hits(index: SearchIndex, query: str, query_vector: np.ndarray, hits: list[Hit], *, passages: int) -> list[Hit]:
    """The `passages` passages BM25 ranks first that `hits` lack, after them.

    Fusion weighs a rank by its place in both lists: "The town's mayor, Ove Lindgård, ..." is first
    for "who's the mayor of Brennvik?" by its one rare word, but far down the dense list, and loses
    to passages middling in both.
    """
    return _added(index, query_vector, hits, index.word_search.search(query, passages))


def _added(index: SearchIndex, query_vector: np.ndarray, hits: list[Hit], rows: Iterable[tuple[int, float]]) -> list[Hit]:
    """Hits for the passages at `rows` (each with its BM25 score) that `hits` lack, ranked after them."""
    have = {hit.chunk.id for hit in hits}
    added: list[Hit] = []
    for row, bm25 in rows:
        chunk = index.chunks[row]
        if chunk.id in have:
            continue
        have.add(chunk.id)
        dense = float(index.chunk_vectors[row] @ query_vector)
        added.append(Hit(chunk, len(hits) + len(added) + 1, 0.0, dense, bm25))
    return added


def sentence_holders(index: SearchIndex) -> list[int]:
    """For each sentence, the row of the first passage that holds it (cached on the index; built
    when the index loads, with the sentence statistics)."""
    holder = index.__dict__.get("_sentence_chunks")
    if holder is None:
        holder = [0] * len(index.sentences)
        for row in range(len(index.chunks) - 1, -1, -1):  # backwards, so the first passage wins
            chunk = index.chunks[row]
            for offset in range(chunk.last - chunk.first):
                holder[index.sentence_index(chunk, offset)] = row
        index.__dict__["_sentence_chunks"] = holder
    return holder
