"""Pick the sentences that answer a question, and decide when nothing does.

Passages come from retrieval; here every sentence in them is scored on its own, because a
citation must support the sentence it is attached to, not merely sit near it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from qa.chunking import Sentence
from qa.index import SearchIndex
from qa.retrieval import Hit
from qa.text import NUMBER, edit_distance_at_most, fold, names, numbers, tokens

NUMBER_WORDS = r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred|thousand)\b"
TYPE_PATTERNS = {
    "count": re.compile(r"\d|" + NUMBER_WORDS, re.I),
    "money": re.compile(r"[$€£¥]\s?\d|\d\s*(billion|million|trillion)?\s*(yen|dollars?|usd|euros?)\b|\b\d[\d.,]*\s*(billion|million|trillion)\b", re.I),
    "percent": re.compile(r"\d\s?%|\bpercent\b|\bper cent\b", re.I),
    "time": re.compile(r"\b(19|20)\d\d\b|\b(january|february|march|april|may|june|july|august|september|october|november|december)\b", re.I),
}
QUESTION_TYPES = (
    ("percent", re.compile(r"\b(percent|percentage|share|%|proportion|rate)\b")),
    ("money", re.compile(r"\bhow much\b|\b(cost|costs|invest\w*|spend\w*|spent|worth|funding|subsid\w*|amount|price|budget|yen|dollars?)\b")),
    ("count", re.compile(r"\bhow many\b|\bnumber of\b|\bcount\b")),
    ("time", re.compile(r"\bwhen\b|\bwhat year\b|\bwhich year\b|\bby when\b|\bwhat date\b|\bdeadline\b|\btimeline\b")),
)
# Weights of the sentence score; chosen on the dev half of the question set.
WEIGHTS = {"dense": 0.45, "overlap": 0.35, "context": 0.20, "type_bonus": 0.08, "type_penalty": 0.20, "heading": 0.25}


@dataclass(frozen=True)
class Evidence:
    sentence: Sentence
    position: int  # index into SearchIndex.sentences
    score: float
    dense: float
    overlap: float
    typed: bool  # holds the kind of value the question asks for (a number, a year, ...)


def question_type(question: str) -> str | None:
    """'count', 'money', 'percent', 'time' or None: the kind of value the question wants."""
    folded = fold(question)
    for name, pattern in QUESTION_TYPES:
        if pattern.search(folded):
            return name
    return None


def correct_terms(terms: list[str], vocabulary: frozenset[str]) -> list[str]:
    """Replace words the corpus never uses by its closest word ("emploees" -> "employee")."""
    corrected = []
    for term in terms:
        if term in vocabulary or term[0].isdigit() or len(term) < 4:
            corrected.append(term)
            continue
        limit = 1 if len(term) < 7 else 2
        candidates = (w for w in vocabulary if abs(len(w) - len(term)) <= limit and w[:1] == term[:1])
        corrected.append(next((w for w in sorted(candidates) if edit_distance_at_most(term, w, limit)), term))
    return corrected


def unknown_names(question: str, vocabulary: frozenset[str]) -> list[str]:
    """Names in the question that no indexed passage contains, even allowing a typo."""
    unknown = []
    for name in names(question):
        parts = [p for p in tokens(name) if not p[0].isdigit()]
        if parts and any(p not in vocabulary for p in correct_terms(parts, vocabulary)):
            unknown.append(name)
    return unknown


def score_sentences(question: str, query_vector: np.ndarray, hits: list[Hit], index: SearchIndex) -> list[Evidence]:
    """Every sentence of the retrieved passages, scored against the question, best first."""
    terms = set(correct_terms(tokens(question), index.vocabulary))
    wanted = question_type(question)
    asked_numbers = numbers(question)
    best: dict[int, Evidence] = {}
    for hit in hits:
        for offset, sentence in enumerate(index.chunk_sentences(hit.chunk)):
            position = index.sentence_index(hit.chunk, offset)
            dense = float(index.sentence_vectors[position] @ query_vector)
            words = set(tokens(sentence.text))
            overlap = len(terms & words) / len(terms) if terms else 0.0
            typed = wanted is not None and _has_new_value(sentence.text, wanted, asked_numbers)
            score = WEIGHTS["dense"] * dense + WEIGHTS["overlap"] * overlap + WEIGHTS["context"] * hit.dense
            if wanted:
                score += WEIGHTS["type_bonus"] if typed else -WEIGHTS["type_penalty"]
            if sentence.heading:
                score -= WEIGHTS["heading"]
            if position not in best or best[position].score < score:
                best[position] = Evidence(sentence, position, score, dense, overlap, typed)
    return sorted(best.values(), key=lambda e: (-e.score, e.position))


def _has_new_value(text: str, wanted: str, asked_numbers: set[str]) -> bool:
    """The sentence holds a value of the wanted kind that the question did not already state."""
    if not TYPE_PATTERNS[wanted].search(text):
        return False
    if wanted in ("count", "money", "percent"):
        found = {n for n in (m.group(0) for m in NUMBER.finditer(text))}
        return bool(found) and bool(numbers(" ".join(found)) - asked_numbers) or bool(
            wanted == "count" and re.search(NUMBER_WORDS, text, re.I)
        )
    return True


def select_evidence(ranked: list[Evidence], *, ratio: float, limit: int = 2) -> list[Evidence]:
    """The best sentence, plus close runners-up that add something (another article or value)."""
    if not ranked:
        return []
    chosen = [ranked[0]]
    for candidate in ranked[1:]:
        if len(chosen) >= limit or candidate.score < ratio * ranked[0].score:
            break
        if candidate.sentence.heading or any(_same_content(candidate, c) for c in chosen):
            continue
        chosen.append(candidate)
    return sorted(chosen, key=lambda e: e.position) if len({e.sentence.article_id for e in chosen}) == 1 else chosen


def _same_content(a: Evidence, b: Evidence) -> bool:
    words_a, words_b = set(tokens(a.sentence.text)), set(tokens(b.sentence.text))
    return len(words_a & words_b) >= 0.7 * min(len(words_a), len(words_b))
