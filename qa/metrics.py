"""Judge-free answer metrics: key facts, SQuAD EM/F1, citation checks, retrieval rank, and summaries."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from qa.citations import QUOTE_CLOSE, QUOTE_OPEN, Citation, unsupported, verify_citation
from qa.text import NUMBER, fold, normalize_number, tokens

MARKER = re.compile(r"\[(\d+)\]")
MARKER_GROUP = re.compile(r"(?:\s*\[\d+\])+")
QUOTED = re.compile(f"{QUOTE_OPEN}([^{QUOTE_CLOSE}]*){QUOTE_CLOSE}")
ARTICLES = frozenset({"a", "an", "the"})
Span = tuple[str, int, int]  # article id, start, end (end exclusive)


def normalize_text(text: str) -> str:
    """Folded case and accents, numbers in one format ("3,900" -> "3900", "37.6 %" -> "37.6")."""
    folded = NUMBER.sub(lambda match: normalize_number(match.group(0)), fold(text))
    return " ".join(folded.split())


def fact_pattern(alternative: str) -> re.Pattern[str]:
    """A pattern for one key-fact alternative, matched in normalize_text() output.

    Numbers must match whole ("30" is not in "2030", "1.5" not in "11.5"); words must start a word
    but may run on, so the stem "cancel" matches "cancelled" and "EV" does not match "level".
    """
    wanted = normalize_text(alternative)
    left = r"(?<![\d.])" if wanted[:1].isdigit() else (r"(?<![a-z0-9])" if wanted[:1].isalnum() else "")
    right = r"(?!\.?\d)" if wanted[-1:].isdigit() else ""
    return re.compile(left + re.escape(wanted) + right)


def missing_facts(text: str, key_facts: Sequence[Sequence[str]]) -> list[tuple[str, ...]]:
    """The key facts none of whose alternatives stands in the text (empty when all are present)."""
    normalized = normalize_text(text)
    return [
        tuple(fact) for fact in key_facts if not any(fact_pattern(alt).search(normalized) for alt in fact)
    ]


def short_answer(text: str) -> str:
    """The direct answer: the text before the first [n] marker, without quote marks."""
    head = MARKER.split(text, maxsplit=1)[0] if MARKER.search(text) else text
    head = head.strip().strip(QUOTE_OPEN + QUOTE_CLOSE + '"')
    return " ".join((head or MARKER.sub("", text)).split())


def squad_tokens(text: str) -> list[str]:
    """SQuAD normalization (lower case, no punctuation or articles), with numbers kept whole."""
    words = re.findall(r"\d+(?:\.\d+)?|[^\W_]+", normalize_text(text))
    return [word for word in words if word not in ARTICLES]


def exact_match(prediction: str, answers: Sequence[str]) -> float:
    """1.0 when the prediction equals some accepted answer after SQuAD normalization."""
    predicted = squad_tokens(prediction)
    return float(any(predicted == squad_tokens(answer) for answer in answers))


def token_f1(prediction: str, answers: Sequence[str]) -> float:
    """The best SQuAD token F1 of the prediction against the accepted answers (0.0 when none)."""
    predicted = squad_tokens(prediction)
    best = 0.0
    for answer in answers:
        gold = squad_tokens(answer)
        common = sum((Counter(predicted) & Counter(gold)).values())
        if common:
            precision, recall = common / len(predicted), common / len(gold)
            best = max(best, 2 * precision * recall / (precision + recall))
    return best


def answer_words(text: str) -> int:
    """Length in words, not counting [n] markers."""
    return len(MARKER.sub(" ", text).split())


def overlaps(a: Span, b: Span) -> bool:
    """Same article and the character ranges share at least one character."""
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def cites_gold(citations: Sequence[Citation], gold: Sequence[Span]) -> bool:
    """Some citation covers (part of) a gold evidence span."""
    return any(overlaps((c.article_id, c.start, c.end), span) for c in citations for span in gold)


def retrieval_rank(passages: Sequence[Span], gold: Sequence[Span]) -> int | None:
    """1-based rank of the first passage holding gold evidence; None when none does."""
    for rank, passage in enumerate(passages, start=1):
        if any(overlaps(passage, span) for span in gold):
            return rank
    return None


def attached_claims(text: str) -> dict[int, list[str]]:
    """For each marker number, the claims it stands after.

    A claim is the text since the previous marker; when that text quotes (“…”), the quote is the
    claim, so a lead-in such as "Another article (title) says:" is not held against the citation.
    """
    claims: dict[int, list[str]] = {}
    previous = 0
    for group in MARKER_GROUP.finditer(text):
        segment = text[previous : group.start()]
        quoted = QUOTED.findall(segment)
        claim = " ".join(quoted) if quoted else segment.strip()
        for number in MARKER.findall(group.group(0)):
            claims.setdefault(int(number), []).append(claim)
        previous = group.end()
    return claims


def supports(claim: str, quote: str) -> bool:
    """The quote holds every number and name of the claim and shares at least one word with it."""
    return not unsupported(claim, [quote]) and bool(set(tokens(claim)) & set(tokens(quote)))


def supporting(text: str, citations: Sequence[Citation]) -> list[bool]:
    """Per citation: attached to a claim that it supports.

    Text without any marker offers every citation for the whole text (how the naive baseline cites).
    """
    claims = attached_claims(text)
    if not claims:
        return [supports(text, c.quote) if text.strip() else False for c in citations]
    return [any(supports(claim, c.quote) for claim in claims.get(c.number, [])) for c in citations]


def verbatim(citations: Sequence[Citation], articles: Mapping[str, str]) -> list[bool]:
    """Per citation: the quote is the article's text at its offsets."""
    return [c.article_id in articles and verify_citation(c, articles[c.article_id]) for c in citations]


@dataclass(frozen=True)
class Record:
    """One scored answer: the scored turn of one question, for one system."""

    id: str
    system: str
    split: str
    kind: str
    question: str
    history: tuple[str, ...]  # earlier turns' questions (a dialog's first turn)
    standalone_question: str  # the question as the system searched for it (follow-ups resolved)
    answerable: bool
    answer: str  # Answer.text as shown
    short_answer: str
    abstained: bool
    correct: bool  # answerable: every key fact present; unanswerable: abstained
    missing: tuple[tuple[str, ...], ...]  # key facts not found in the answer
    exact_match: float | None  # None for unanswerable questions
    f1: float | None
    cites_gold: bool | None  # None unless answerable and answered
    citations: tuple[Citation, ...]
    supporting: tuple[bool, ...]  # per citation
    verbatim: tuple[bool, ...]  # per citation
    retrieval_rank: int | None  # rank of the first passage holding gold evidence
    words: int
    seconds: float  # wall time of the scored turn
    first_turn_answer: str | None  # the system's own answer to the dialog's first turn
    draft: str  # the model's raw reply
    problems: tuple[str, ...]  # why the pipeline rejected its draft
    failures: tuple[str, ...]  # what went wrong, in words (empty when nothing did)


def ratio(hits: float, total: int) -> float | None:
    return hits / total if total else None


def percentile(values: Sequence[float], share: float) -> float | None:
    """Linear-interpolated percentile (share in 0..1); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summarize(records: Sequence[Record], seconds: Sequence[float]) -> dict[str, float | None]:
    """Overall figures for one system; `seconds` is every answer's wall time in the order asked."""
    answerable = [r for r in records if r.answerable]
    unanswerable = [r for r in records if not r.answerable]
    answered = [r for r in answerable if not r.abstained]
    citations = [flag for r in records for flag in r.supporting]
    quotes = [flag for r in records for flag in r.verbatim]
    ranks = [r.retrieval_rank for r in answerable]
    dialogs = [r for r in records if r.history]
    return {
        "questions": len(records),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "accuracy": ratio(sum(r.correct for r in answerable), len(answerable)),
        "accuracy_all": ratio(sum(r.correct for r in records), len(records)),
        "exact_match": ratio(sum(r.exact_match or 0.0 for r in answerable), len(answerable)),
        "f1": ratio(sum(r.f1 or 0.0 for r in answerable), len(answerable)),
        "citation_support": ratio(sum(bool(r.cites_gold) for r in answered), len(answered)),
        "citation_precision": ratio(sum(citations), len(citations)),
        "verbatim": ratio(sum(quotes), len(quotes)),
        "abstention": ratio(sum(r.abstained for r in unanswerable), len(unanswerable)),
        "false_abstention": ratio(sum(r.abstained for r in answerable), len(answerable)),
        "hit_at_k": ratio(sum(rank is not None for rank in ranks), len(ranks)),
        "mrr": ratio(sum(1 / rank for rank in ranks if rank), len(ranks)),
        "dialog_accuracy": ratio(sum(r.correct for r in dialogs), len(dialogs)),
        "median_words": statistics.median(r.words for r in answered) if answered else None,
        "first_answer_seconds": seconds[0] if seconds else None,
        "p50_seconds": percentile(seconds[1:], 0.50),
        "p95_seconds": percentile(seconds[1:], 0.95),
    }
