"""What the best sentence leaves out of the question, and the sentence that completes it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.asking import question_type, type_words
from qa.evidence import Evidence, same_content
from qa.index import SearchIndex
from qa.scoring import (
    ANSWER_HEAD,
    POINTS_BACK,
    SOFT_TYPES,
    context_words,
    index_stats,
    leaned_words,
    question_concepts,
)
from qa.text import names, place_forms, tokens
from qa.values import VALUE_TYPES
from qa.vocabulary import concept, concepts, name_concepts

# "the automaker in talks with Foxconn", "the only Japanese company in the top ten": a party left unnamed.
UNNAMED_PARTY = re.compile(
    r"\bthe\s+(?:[\w-]+\s+){0,3}?"
    r"(?:company|automaker|carmaker|firm|maker|manufacturer|producer|supplier|partner|group)\b",
    re.I,
)
MIN_LEFT_OUT = 0.1
# How much of something, not what: "running fully automated" is answered by "running in automated
# mode", and a sentence saying "fully funded" completes nothing.
DEGREE_WORDS = frozenset("fully completely entirely wholly totally partly partially mostly largely".split())
MIN_GAIN = 0.5
NEIGHBOURS = 2  # sentences either side of the best one, in its article, that may complete it
VERDICT_REACH = 4  # how far after what it judges a verdict may come, within the same section


@dataclass(frozen=True)
class Gap:
    """What the best sentence leaves out of a question."""

    first: Evidence
    weights: dict[str, float]  # left-out terms (synonyms merged) and their weights
    words: list[str]  # the question's words for them, with what the answer is ("two carmakers"): a query
    needs_soft: bool  # a why (or yes/no) question whose best sentence gives no cause (or verdict)
    also: tuple[Evidence, ...] = ()  # the runners-up cited beside the best sentence


@dataclass(frozen=True)
class Complement:
    evidence: Evidence
    bridged: bool  # it answers about a name the first sentence introduced: it is the answer, the first the link


def gap(question: str, first: Evidence, index: SearchIndex, *, also: tuple[Evidence, ...] = ()) -> Gap | None:
    """What `first` (with the runners-up `also` cited beside it) leaves out of the question,
    when that is enough to seek another sentence."""
    stats = index_stats(index)
    terms = question_concepts(question, index)
    head = ANSWER_HEAD.match(question)  # "Which two carmakers ...": what the answer is, not what it says
    head_terms = question_concepts(head.group("head"), index) if head else set()
    wanted = question_type(question)
    if first.typed and wanted not in (None, *SOFT_TYPES):
        head_terms |= {concept(t) for t in type_words(question)}  # "By what percentage …" is answered by "15%"
    seen = frozenset().union(*(stats.words[e.position] | context_words(index, stats, e.position) for e in (first, *also)))
    weights = {t: stats.weight(t) for t in terms - head_terms - DEGREE_WORDS if t not in seen}
    needs_soft = wanted in SOFT_TYPES and not first.typed
    if sum(weights.values()) < MIN_LEFT_OUT * (sum(stats.weight(t) for t in terms - head_terms) or 1.0) and not needs_soft:
        return None
    words = [w for w in tokens(question) if concept(w) in weights or concept(w) in head_terms]
    return Gap(first, weights, words, needs_soft, also)


def complement(question: str, found: Gap, candidates: list[Evidence], index: SearchIndex, *, floor: float) -> Complement | None:
    """A sentence holding what the best one leaves out of the question, or None.

    "Why did Nissan pull out of the Kitakyushu plant?" is answered by the sentence after the one
    that names the plant; "Which carmakers teamed up with the only Japanese firm in the top ten?"
    by a sentence about the firm the best one names. A candidate must sit next to the best
    sentence, share a name it introduced, or score `floor` on its own.
    """
    stats = index_stats(index)
    first, left_weight = found.first, sum(found.weights.values())
    wanted = question_type(question)
    introduced = {t for name in introduced_names(question, first.sentence.text, index) for t in tokens(name)}
    asked = name_concepts(question)
    pairs = _pairs(question)
    # What a verdict must speak of; only a yes/no question asks for one.
    terms = question_concepts(question, index) if wanted == "judgement" else set()
    best: tuple[float, int, float, Complement] | None = None
    for candidate in candidates:
        sentence = candidate.sentence
        if candidate.position == first.position or sentence.heading or same_content(candidate, first):
            continue
        near = _near(candidate, first)
        bridged = bool(introduced & set(tokens(sentence.text))) and not near
        # Unless the question describes a party the name may be ("the automaker in talks with Foxconn"),
        # a sentence about a name the best one gave still speaks of what the question names: "industry
        # observers agree ... Nissan's departure" says nothing of what Mitsubishi Motors agreed with Foxconn.
        if bridged and asked and not UNNAMED_PARTY.search(question):
            said = stats.words[candidate.position] | context_words(index, stats, candidate.position)
            bridged = not asked.isdisjoint(said)
        # The cause or verdict may follow a runner-up from another article instead.
        near = near or (found.needs_soft and any(_near(candidate, e) for e in found.also))
        own = stats.words[candidate.position]
        if not near and found.needs_soft and wanted == "judgement" and found.weights and set(found.weights) <= own:
            # "Is the Fukuoka pause temporary?": the sentence saying "temporary" may come a paragraph
            # after the one naming the pause, as long as no heading parts them.
            near = _in_section(candidate, first, index, VERDICT_REACH)
        if not (near or bridged or candidate.score >= floor):
            continue
        if wanted not in (None, *SOFT_TYPES) and bridged and not candidate.typed:
            continue  # a sentence about the linked name must still hold the kind of value asked for
        if not bridged and candidate.typed and wanted in VALUE_TYPES and asked and not _speaks_of(asked, candidate, index):
            # "Around $3.8 billion is what it is anticipated to put in" comes after Toyota's spending
            # but gives Panasonic's: a value is another party's unless the sentence, or one it leans
            # on, names a party the question names. The article's title says nothing of whose it is.
            continue
        gain = sum(w for t, w in found.weights.items() if t in own) / left_weight if left_weight else 0.0
        # A verdict is about what the question asks: "Fictional test article, not real news." beside
        # the lead says "not" of nothing the question names, unless it points back ("It was later scrapped").
        on_topic = wanted != "judgement" or bool(own & terms) or POINTS_BACK.search(sentence.text) is not None
        if found.needs_soft and near and candidate.typed and on_topic:
            gain = 1.0  # the cause (or verdict) the best sentence does not give
        # Of equal gains, the sentence that says the question's words in its order: "intends to start producing".
        rank = (gain, len(pairs & _pairs(sentence.text)), candidate.score)
        if gain >= MIN_GAIN and (best is None or rank > best[:3]):
            best = (*rank, Complement(candidate, bridged))
    return best[3] if best else None


def _speaks_of(asked: set[str], candidate: Evidence, index: SearchIndex) -> bool:
    """The candidate, or an earlier sentence it leans on, names one of the asked parties or its people."""
    stats = index_stats(index)
    said = stats.words[candidate.position] | leaned_words(index, stats, candidate.position)
    return any(place_forms(token) & said for token in asked)


def _in_section(candidate: Evidence, anchor: Evidence, index: SearchIndex, reach: int) -> bool:
    """Within `reach` sentences of the anchor, in its article, with no heading between them."""
    low, high = sorted((candidate.position, anchor.position))
    return (
        candidate.sentence.article_id == anchor.sentence.article_id
        and high - low <= reach
        and not any(index.sentences[position].heading for position in range(low, high + 1))
    )


def _near(candidate: Evidence, anchor: Evidence) -> bool:
    """Within NEIGHBOURS sentences of the anchor, in its article."""
    same_article = candidate.sentence.article_id == anchor.sentence.article_id
    return same_article and abs(candidate.position - anchor.position) <= NEIGHBOURS


def _pairs(text: str) -> set[tuple[str, str]]:
    """Neighbouring search words, synonyms merged: "intend to start producing" -> (plan, start), (start, produce)."""
    words = concepts(text)
    return set(zip(words, words[1:], strict=False))


def introduced_names(question: str, text: str, index: SearchIndex | None = None) -> list[str]:
    """Names `text` gives that the question does not: what a description refers to, where a second hop starts.

    With the index, a word capitalised only because it opens the sentence ("Major automakers like
    Nissan ...") is not one: the articles write it in lower case elsewhere.
    """
    asked = set(tokens(question))
    found = [name for name in names(text) if not set(tokens(name)) <= asked]
    opens = bool(found) and text.lstrip(" \"“‘'(").startswith(found[0])
    if index is not None and opens and not set(tokens(found[0])) & index_stats(index).name_tokens:
        return found[1:]
    return found
