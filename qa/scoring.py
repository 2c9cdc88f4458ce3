"""Score every retrieved sentence against the question, and decide when none answers it.

Passages come from retrieval; here every sentence in them is scored on its own, because a
citation must support the sentence it is attached to, not merely sit near it. A sentence is
read with the one before it and its article's title, so "It will invest $3.8 billion" can
answer a question that names the company only in the previous sentence.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Set
from dataclasses import dataclass

import numpy as np

from qa.asking import ARTICLE_REFERENCE, named_thing, owners, question_type
from qa.chunking import Sentence
from qa.evidence import YEAR, Evidence
from qa.index import SearchIndex
from qa.retrieval import Hit
from qa.text import ROLE, fold, names, numbers, place_forms, tokens
from qa.values import MONTH, NUMBER_WORDS, has_new_value, new_name_beside, part_of_year_only
from qa.vocabulary import (
    acronyms,
    concept,
    concepts,
    correct_terms,
    english_stems,
    role_tokens,
    tokens_of_name,
)

# A reason is often given without "because", a verdict without "not": these kinds earn a bonus
# but never a penalty, and evidence without one still answers.
SOFT_TYPES = {"reason", "judgement", "kind", "variety", "rank", "role"}
# "Nissan's Kitakyushu project": an owner, a name, a thing.
QUALIFIED = re.compile(r"\b([A-Z][\w&.-]*)['’]s\s+([A-Z][\w-]*)\s+([a-z][\w-]+)")
# "the Kitakyushu project": a named thing whose owner the question leaves to the articles.
UNOWNED_THING = re.compile(r"\bthe\s+([A-Z][\w-]*)\s+(plant|factory|facility|project|site|venture)\b")
# "How much will a season ticket cost?": the thing priced, whose head a sentence giving its cost names.
# "What is the total cost" asks nothing of the kind: there "cost" is no verb.
PRICED = re.compile(
    r"\b(?:(?:how much|what)\s+(?:will|would|does|do|did)|how much\s+(?P<be>is|are|was|were))\s+"
    r"(?P<thing>(?:[\w'’-]+\s+){0,4}?[\w'’-]+)\s+"
    # where it goes, or from, says which one: "a single ticket from Ashgrove to the city centre"
    r"(?:(?:from|to|for|between|across|into|in|at|on)\s+(?:[\w'’-]+\s+){0,6}?)?(?:(?:now|still|really|actually|eventually|finally)\s+)?"
    r"(?(be)(?:going|expected|likely|set)\s+to\s+|(?:(?:going|expected|likely|set)\s+to\s+)?)cost\b",
    re.I,
)
ANSWER_HEAD = re.compile(r"^\W*(?:(?:by|in|at|for|from|to|of|on|with)\s+)?(which|what)\s+(?P<head>(?:[\w-]+\s+){0,2}?[\w-]+?)\s+"
                         r"(?=(is|are|was|were|has|have|had|did|does|do|will|would|can|could|[\w-]+ed)\b)", re.I)
# "According to the Toyota–Nissan investment article, ...", "the piece on Japan's battery slump"
DATE_WORDS = frozenset({"date", "timeline"})  # the kind a "when" question asks for, not what it is about
REFERENCE_NOUNS = frozenset({"article", "story", "piece"})  # what a reference calls an article, not which one
# Weights of the sentence score; chosen on the dev half of the question set.
WEIGHTS = {"dense": 0.45, "overlap": 0.40, "context": 0.15, "type_bonus": 0.05, "reason_bonus": 0.15, "kind_bonus": 0.25,
           "type_penalty": 0.25, "heading": 0.25, "missing_name": 0.30,
           "other_article": 0.20}
# The bonus a soft kind earns: a description of a company is rarer, and surer, than a cause.
SOFT_BONUS = {"reason": "reason_bonus", "kind": "kind_bonus", "variety": "kind_bonus", "rank": "kind_bonus", "role": "reason_bonus"}
CONTEXT_DISCOUNT = 0.5
CONTEXT_SENTENCES = 2  # earlier sentences a sentence may lean on: "The move underscored ..." names no move
ANAPHORIC_OPENING = re.compile(r"\W*(?:this|these|that|those|such|it|its|they|their)\b", re.I)
# "The facility, which was expected to produce LFP batteries, ...": the thing named one sentence before.
THING_OPENING = re.compile(
    r"\W*the\s+(?:facility|plant|factory|site|project|venture|company|firm|automaker|carmaker)\b", re.I
)
FULL_NAME = re.compile(r"\b(?!The\b)[A-Z][\w&'’-]*(?:\s+(?:of\s+)?[A-Z][\w&'’-]*){1,4}")  # "Ashcombe Regional Health Board"
SHORT_NAME = re.compile(r"\bthe\s+([\w-]+)(?:\s+([\w-]+))?")  # "the health board", "the board"
# "that share", "these plans", or a sentence opening "It"/"Their": words that point back to what came before.
# A cause given next to what it explains: the party's own account, opening the sentence after the
# event ("The company said ..."), and what the event was forced by, in the sentence before it.
ACCOUNT = re.compile(
    r"\W*(?:(?:the|its)\s+(?:[\w-]+\s+)?(?:company|firm|developer|operator|authority|council|board|government|"
    r"ministry|agency|group|university|carmaker|automaker|maker|owner|club|school|hospital)|it|they|officials?)\s+"
    r"(?:said|says|blamed|cited|explained|attributed)\b",
    re.I,
)
# "Hallvik's shares fell to SKr 97 in the weeks that followed": what came before set it off.
FOLLOWED = re.compile(r"\b(?:that|which)\s+followed\b|\bin the (?:wake|aftermath)\b|\bin response\b|^\W*(?:after that|afterwards|as a result)\b", re.I)
FORCED = re.compile(r"\b(?:had|has|have|were|was|are|is|will be)\s+(?:forced\s+|obliged\s+)?to\b|\bneeded\s+to\b", re.I)
PARTY_NOUN = re.compile(r"compan(?:y|ies)|firms?|contractors?", re.I)  # what "Which construction company" asks for
KIND_STEM = 5  # letters of a word saying what a party does that its other forms share: "construct"
EVENT_SHARE = 0.3  # of the question's weight a sentence must hold to be what the question asks about
POINTS_BACK = re.compile(
    r"\b(?:this|that|these|those)\s+(?!(?:the|a|an|it|its|they|he|she|we)\b)[a-z]+\b|^\W*(?:it|its|they|their)\b", re.I
)
ANAPHORIC_REACH = 4  # for a sentence that opens by pointing back
# What "The facility, ..." borrows from the sentence that named it: that name or place. Its numbers
# and dates belong to other facts ("X, founded in 2021, ...": not when "the company" opens a plant).
LEANING_TYPES = ("place", "entity")
RARE_NAME_SHARE = 0.15
# A second sentence is sought when the best one leaves this share of the question's weight out,
# and is taken when it holds this share of what was left out.
PROJECT = "project"  # what an article may call any plant, factory or venture it has named
NAMING = re.compile(r"\b(?:officially|formally|legally|also|better|formerly|previously)\s+(?:known as|called|named)\b", re.I)


class _Stats:
    """Per-index caches: each sentence's token set and each term's inverse document frequency."""

    def __init__(self, index: SearchIndex):
        said = " ".join(s.text for s in index.sentences)
        self.long_forms = acronyms(said)
        self.words = [self.abbreviated(frozenset(concepts(s.text))) for s in index.sentences]
        self.title_words = {i: frozenset(concepts(src.title)) for i, src in index.sources.items()}
        # Words the articles only ever write capitalised ("Subaru", "CATL"), not counting a sentence's
        # first word ("However"): names, however a question writes them.
        lower = set(tokens(" ".join(re.findall(r"(?<![\w.'’-])[a-z][\w'’.-]*", said))))
        inner = " ".join(s.text.split(maxsplit=1)[-1] for s in index.sentences if not s.heading)
        self.name_tokens = frozenset(t for name in names(inner) for t in tokens(name)) - lower
        self.called = _called_by_name(index)
        article_words: dict[str, set[str]] = {}
        for sentence, words in zip(index.sentences, self.words, strict=True):
            article_words.setdefault(sentence.article_id, set()).update(words)
        self.article_words = {article: frozenset(words) for article, words in article_words.items()}
        frequency = Counter(word for words in self.words for word in words)
        self.count = max(len(self.words), 1)
        self.idf = {word: math.log(1 + self.count / n) for word, n in frequency.items()}
        # The parties a title names ("Toyota, Nissan to Invest ..."): whose story each sentence is.
        # Not an abbreviation ("EV") nor a place ("Japan", which the articles also call "Japanese"):
        # a sentence about China may well answer a question about Japan's industry.
        # A party is named in its article's text too, not only in the title ("Home | Policy | ...").
        common_abbreviations = {t for t, long in self.long_forms.items() if not long & self.name_tokens}
        parties = {concept(t) for t in self.name_tokens} - common_abbreviations
        parties = {t for t in parties if not any(form in self.idf for form in place_forms(t) - {t})}
        self.parties = frozenset(parties)
        named_in_text: Counter[tuple[str, str]] = Counter()
        for sentence, words in zip(index.sentences, self.words, strict=True):
            if not sentence.heading:
                named_in_text.update((sentence.article_id, t) for t in words & self.title_words.get(sentence.article_id, frozenset()))
        self.title_names = {
            i: frozenset(t for t in words & parties if named_in_text[i, t] >= 2) for i, words in self.title_words.items()
        }

    def abbreviated(self, words: frozenset[str]) -> frozenset[str]:
        """The words, and the abbreviation of each long form they hold: "electric vehicle" is also "ev"."""
        short = {name for name, long in self.long_forms.items() if long <= words}
        return words | short if short else words

    def long_form(self, name: str) -> frozenset[str]:
        """The concepts of what the name abbreviates ("evs" as well as "ev"); empty when it is none."""
        return self.long_forms.get(name) or self.long_forms.get(name.removesuffix("s"), frozenset())

    def weight(self, term: str) -> float:
        return self.idf.get(term, math.log(1 + self.count))


def prepare(index: SearchIndex) -> None:
    """Build the index's sentence statistics now, so that its first question does not wait for them
    (seconds on a large index: every sentence is tokenized)."""
    index_stats(index)


def index_stats(index: SearchIndex) -> _Stats:
    stats = index.__dict__.get("_evidence_stats")
    if stats is None:
        stats = index.__dict__["_evidence_stats"] = _Stats(index)
    return stats


@dataclass(frozen=True)
class _Asked:
    """What scoring needs of a question, worked out once for all the sentences it is scored against."""

    question: str
    wanted: str | None
    weights: dict[str, float]  # the question's concepts, by how rare they are in the corpus
    total_weight: float  # their sum (1.0 when there are none), by which a sentence's overlap is divided
    numbers: set[str]
    years: set[str]
    names: set[str]
    concepts: set[str]  # of the names, each sought also as its other name ("Hon Hai" as "Foxconn")
    named: str | None  # the thing whose name an entity question asks for ("model", "ceo")
    parties: set[str]  # the asked names that some article's title names as a party
    rare_names: list[str]  # names that must stand near the evidence, with their forms and long forms
    rare_forms: list[set[str]]
    long_forms: list[frozenset[str]]
    qualified: dict[str, tuple[str, str]]
    unowned: dict[str, str]
    referenced: frozenset[str]  # articles the question names ("the Oppama story")
    priced: str | None  # the common noun whose cost is asked ("ticket"); None when none or a name
    kind_words: frozenset[str]  # what the party asked for does: "construction" in "Which construction company"


def _asked(question: str, index: SearchIndex, wanted: str | None) -> _Asked:
    """The question's concepts, names and kind of value, as the sentences are scored against them."""
    stats = index_stats(index)
    wanted = question_type(question) if wanted == "" else wanted
    asked_numbers = numbers(question)
    # "panasonic" in a question typed in lower case (or in capitals) is still a name.
    asked_names = {token for name in names(question) for token in tokens_of_name(name)}
    asked_names |= {token for token in tokens(question) if token in stats.name_tokens}
    # A question's first word is capitalised by its place: "Apart from ..." names nothing.
    opening = tokens(" ".join(question.split()[:1]))
    asked_names -= {t for t in opening if t in english_stems() and t not in stats.name_tokens}
    # A name asked in full ("Hon Hai Precision") is sought as its other name ("Foxconn"), which the
    # sentences that spell it out also hold.
    sought = _shortened(asked_names, stats.long_forms, same=concept)
    asked_concepts = {concept(t) for t in sought}
    # Names most sentences share ("Japan", "EV") say little; rarer ones must appear near the evidence.
    rare = math.log(1 + 1 / RARE_NAME_SHARE)
    rare_names = {n for n in sought if stats.weight(n) > rare}
    # A place named in what the answer is ("In which US state ...") lies around the answer, which
    # seldom repeats it ("in North Carolina"); "Which Japanese company" is still said "Japanese firm".
    head = ANSWER_HEAD.match(question) if wanted == "place" else None
    rare_names -= set(tokens(head.group("head"))) if head else set()
    # "Toyota's CEO" is not answered by Nissan's CEO, however common the name "Toyota" is.
    rare_names |= owners(question)
    # So is a role asked about: "Who is CATL's CEO?" needs a sentence that names a CEO.
    rare_names |= {token for m in ROLE.finditer(question) for token in role_tokens(m.group(0))}
    rare_in_order = sorted(rare_names)
    qualified = _qualified(question)
    # "hallvik delisting date" asks for a date: "the date it set" says no more of it than "on 3 October".
    asked_terms = question_concepts(question, index) - (DATE_WORDS if wanted == "time" else set())
    weights = {t: stats.weight(t) for t in asked_terms}
    return _Asked(
        question=question,
        wanted=wanted,
        weights=weights,
        total_weight=sum(weights.values()) or 1.0,
        numbers=asked_numbers,
        years={n for n in asked_numbers if YEAR.fullmatch(n)},
        names=asked_names,
        concepts=asked_concepts,
        named=named_thing(question) if wanted == "entity" else None,
        # Parties however common ("Toyota") of which an article names none: nothing there is about them.
        parties=asked_concepts & stats.parties,
        rare_names=rare_in_order,
        # "North American" is said as "North America"; "Japanese" is not said by the common "Japan";
        # compared with the sentence's concepts: a "spokesperson" is said "representative".
        rare_forms=[
            {concept(form) for form in place_forms(name) if form == name or stats.weight(form) > rare}
            for name in rare_in_order
        ],
        long_forms=[stats.long_form(name) for name in rare_in_order],  # "EV" is also "electric vehicle"
        qualified=qualified,
        unowned={
            token: concept(m.group(2)) for m in UNOWNED_THING.finditer(question)
            for token in tokens(m.group(1))[:1] if token not in qualified
        },
        referenced=referenced_articles(question, index),
        priced=_priced(question, stats),
        kind_words=_kind_words(question, stats) if wanted == "entity" else frozenset(),
    )


def _kind_words(question: str, stats: _Stats) -> frozenset[str]:
    """The common words before the noun an entity question asks for, which say what the party does:
    "construction" in "Which construction company is building the halls?". A name or its people's
    word ("Japanese company"), a number ("two carmakers") and the noun itself are not among them."""
    head = ANSWER_HEAD.match(question)
    words = re.findall(r"[\w-]+", head.group("head")) if head else []
    if not words or not PARTY_NOUN.fullmatch(words[-1]):
        return frozenset()  # "Which outlet says ...", "Which battery maker ...": no party described by its trade
    words = words[:-1]
    # A question written in one case says nothing by it: there the articles say what is a name.
    one_case = question.islower() or question.isupper()
    return frozenset(
        word.lower() for word in words
        if (word.lower() not in stats.name_tokens if one_case else word.islower())
        and not re.fullmatch(NUMBER_WORDS, word, re.I)
    )


def _priced(question: str, stats: _Stats) -> str | None:
    """The concept of the common noun a money question asks the cost of: "ticket" in "How much will a
    season ticket cost?"; None for a name ("Fab K1", sought as a name), a thing a headline names, or
    no such question."""
    match = PRICED.search(question)
    said = match.group("thing").split()[-1] if match else ""
    head = tokens(said)[-1:]
    if not head or said[:1].isupper() and not question.isupper() or head[0] in stats.name_tokens or head[0] not in english_stems():
        return None  # "the Calloway Wing" is a name
    # What a headline is about ("Data Center Campus Proposed ...") the articles call many ways: the
    # campus, the project, the site. A thing no headline names is called by its name.
    if any(concept(head[0]) in words for words in stats.title_words.values()):
        return None
    return concept(head[0])


def score_sentences(
    question: str, query_vector: np.ndarray, hits: list[Hit], index: SearchIndex, *, wanted: str | None = ""
) -> list[Evidence]:
    """Every sentence of the retrieved passages, scored against the question, best first.

    `wanted` overrides the kind of value the question asks for (by default read from it).
    """
    asked = _asked(question, index, wanted)
    owner_in = functools.cache(functools.partial(_owner_in, index))
    best: dict[int, Evidence] = {}
    for hit in hits:
        for offset, sentence in enumerate(index.chunk_sentences(hit.chunk)):
            position = index.sentence_index(hit.chunk, offset)
            scored = _scored(asked, index, hit, sentence, position, query_vector, owner_in)
            if scored is not None and (position not in best or best[position].score < scored.score):
                best[position] = scored
    return sorted(best.values(), key=lambda e: (-e.score, e.position))


def _scored(
    asked: _Asked,
    index: SearchIndex,
    hit: Hit,
    sentence: Sentence,
    position: int,
    query_vector: np.ndarray,
    owner_in: Callable[[str, str], str],
) -> Evidence | None:
    """The sentence (at `position`, in the hit's passage) scored against the question; None when it
    cannot answer it."""
    stats = index_stats(index)
    article = sentence.article_id
    # "39.4 million last year", in an article of 2026, says the 2025 a question asks about.
    own = stats.words[position] | relative_years(sentence.text, index.sources[article].date)
    context = context_words(index, stats, position)
    overlap = sum(
        weight * (1.0 if t in own else CONTEXT_DISCOUNT if t in context else 0.0) for t, weight in asked.weights.items()
    ) / asked.total_weight
    dense = float(index.sentence_vectors[position] @ query_vector)
    wanted = asked.wanted
    typed = wanted is not None and has_new_value(
        sentence.text, wanted, asked.numbers, asked.names, asked.named, question=asked.question
    )
    if typed and wanted == "money" and asked.priced and asked.priced not in own | context:
        typed = False  # "The cost of the new stadium has risen to €685 million" does not price a season ticket
    if typed and asked.kind_words and not _described_as(sentence.text, asked.kind_words, asked.names):
        typed = False  # "Which construction company ...?" is not answered by a name nothing calls a builder
    if typed and asked.years and asked.years.isdisjoint(own) and _dated_by_part_of_year(asked, index, stats, position):
        typed = False  # "Third and fourth, with 12.4% and 4.7%", after "As of July 2024, CATL held 37.6%"
    explains = wanted == "reason" and not typed and _explains_its_neighbour(asked, index, stats, position)
    typed = typed or explains
    leans_on = None
    if wanted in LEANING_TYPES and not typed:
        leans_on = _leaned_on(index, position, wanted, asked.numbers, asked.names, asked.named, asked.question)
        typed = leans_on is not None
    score = WEIGHTS["dense"] * dense + WEIGHTS["overlap"] * overlap + WEIGHTS["context"] * hit.dense
    if wanted:
        if wanted in SOFT_TYPES:
            score += WEIGHTS[SOFT_BONUS.get(wanted, "type_bonus")] if typed else 0.0
        elif leans_on is None:
            score += WEIGHTS["type_bonus"] if typed else -WEIGHTS["type_penalty"]
        # A value borrowed from the sentence before earns no bonus: a sentence holding its
        # own ("... from LG Energy Solution's facility in Lansing") ranks above it.
    if sentence.heading:
        score -= WEIGHTS["heading"]
    if asked.referenced and article not in asked.referenced:
        score -= WEIGHTS["other_article"]  # "the Oppama story" names the article to answer from
    if asked.years and not _says_year_asked(asked.years, own | context, _dated_text(index, position), index.sources[article].date):
        return None  # "CATL's share in 2023" is not answered by its share in 2024
    if _misses_a_name(asked, stats, own, context, article, owner_in):
        score -= WEIGHTS["missing_name"]
    # Of the parties a title names, a sentence naming only another one is not about the one
    # asked: "Nissan intends to invest $1 billion" under "Toyota, Nissan to Invest ..." says
    # nothing of what Toyota invests, however near Toyota is named.
    parties = stats.title_names.get(article, frozenset())
    other_party = parties & asked.concepts and (parties & own) - asked.concepts and not parties & asked.concepts & own
    # A sentence that points back ("By 2025 that share had slipped") is about the party the
    # sentence before it names.
    # So is a cause given beside what it explains: "In May the authority sent Nordvang its objections"
    # before "Hallvik's shares fell ... in the weeks that followed".
    if other_party and not explains and not (
        POINTS_BACK.search(sentence.text) and parties & asked.concepts & leaned_words(index, stats, position)
    ):
        return None
    return Evidence(sentence, position, score, dense, overlap, typed, leans_on)


def _described_as(text: str, kind_words: frozenset[str], asked_names: set[str]) -> bool:
    """A new name stands next to every word of what the party asked for does: "Thrandle Construction",
    "SNE Research", "the dredging firm Ostrander". The words are compared as written, not as concepts:
    "will build" says nothing of a construction company."""
    return all(new_name_beside(text, kind[: max(KIND_STEM, len(kind) - 3)], asked_names) for kind in kind_words)


def _explains_its_neighbour(asked: _Asked, index: SearchIndex, stats: _Stats, position: int) -> bool:
    """A cause a report gives without "because": the party's account right after what the question
    asks about ("Greymarch abandoned its plant. The company said the cost had climbed ..."), or what
    was found right before what it forced ("Engineers found softer ground. The piles had to be driven
    deeper") or set off ("The authority objected. The shares fell in the weeks that followed")."""
    sentence = index.sentences[position]

    def asked_about(i: int) -> bool:
        if not 0 <= i < len(index.sentences) or index.sentences[i].article_id != sentence.article_id:
            return False
        said = sum(weight for term, weight in asked.weights.items() if term in stats.words[i])
        return said >= EVENT_SHARE * asked.total_weight

    if ACCOUNT.match(sentence.text) and asked_about(position - 1):
        return True
    after = index.sentences[position + 1].text if position + 1 < len(index.sentences) else ""
    return asked_about(position + 1) and (FORCED.search(after) or FOLLOWED.search(after)) is not None


def _dated_by_part_of_year(asked: _Asked, index: SearchIndex, stats: _Stats, position: int) -> bool:
    """The sentence takes the year asked from the one before it, which gives only a part of that year:
    its figures are of that part too."""
    dating = next((i for i in _leaned_positions(index, position) if not asked.years.isdisjoint(stats.words[i])), None)
    return dating is not None and part_of_year_only(index.sentences[dating].text, asked.question, asked.wanted)


def _misses_a_name(
    asked: _Asked, stats: _Stats, own: frozenset[str], context: frozenset[str], article: str, owner_in: Callable[[str, str], str]
) -> bool:
    """A rare name the question asks about stands neither in the sentence nor in its context, in
    any of its forms; or the question's parties are named nowhere in the sentence's article."""
    named_here = stats.article_words[article]
    return any(
        own.isdisjoint(forms) and context.isdisjoint(forms) and not (long and (long <= own or long <= context))
        and not (name in asked.qualified and _calls_it(asked.qualified[name], own) and name in named_here)
        and not (name in asked.unowned and _calls_it((owner_in(article, name), asked.unowned[name]), own))
        for name, forms, long in zip(asked.rare_names, asked.rare_forms, asked.long_forms, strict=True)
    ) or bool(asked.parties and asked.parties.isdisjoint(named_here))


# "39.4 million last year", in an article dated 2026-02-19, is a figure for 2025.
RELATIVE_YEAR = {"last year": -1, "this year": 0, "next year": 1}
RELATIVE_YEARS = re.compile(r"\b(?:" + "|".join(RELATIVE_YEAR) + r")\b", re.I)


def relative_years(text: str, date: str | None) -> frozenset[str]:
    """The years a text names by its article's date: "last year", in an article of 2026, is 2025."""
    if not date:
        return frozenset()
    return frozenset(str(int(date[:4]) + RELATIVE_YEAR[m.group(0).lower()]) for m in RELATIVE_YEARS.finditer(text))


def _says_year_asked(years: set[str], words: Set[str], text: str, date: str | None) -> bool:
    """The sentence (its `words`, with those of its context) is of the years the question asks: of
    each, or, where the question spans several ("from 2022 to 2025"), of one. A year the article's
    date gives ("last year", "in August") counts."""
    said = {year for year in years if year in words} | (relative_years(text, date) & years)
    if said and (said == years or len(years) > 1):
        return True
    return _dated_by_article(text, date, years)


def _dated_text(index: SearchIndex, position: int) -> str:
    """The sentence, or where it names no month, it with the one before: "In May the authority
    objected. The shares fell in the weeks that followed." dates the fall to May too."""
    sentence = index.sentences[position]
    before = index.sentences[position - 1] if position else None
    if MONTH.search(sentence.text) or before is None or before.article_id != sentence.article_id:
        return sentence.text
    return f"{before.text} {sentence.text}"


def _dated_by_article(text: str, date: str | None, years: set[str]) -> bool:
    """A month the text names without a year is of its article's year: "entered service in August", in
    an article dated 2026-09-16, answers "by August 2026"."""
    if not date or MONTH.search(text) is None:
        return False
    return not any(YEAR.fullmatch(n) for n in numbers(text)) and years == {date[:4]}


def referenced_articles(question: str, index: SearchIndex) -> frozenset[str]:
    """The articles the question names as such ("the Oppama story", "the Nissan–Foxconn article");
    empty unless every one it names is told apart from the others by its words."""
    stats = index_stats(index)
    found: set[str] = set()
    for reference in ARTICLE_REFERENCE.finditer(fold(question)):
        words = set(concepts(reference.group(0))) - REFERENCE_NOUNS
        total = sum(stats.weight(w) for w in words)
        scores = {article: sum(stats.weight(w) for w in words if w in said) for article, said in stats.article_words.items()}
        top = max(scores.values(), default=0.0)
        best = [article for article, score in scores.items() if score == top]
        if not words or len(best) != 1 or top < total / 2:
            return frozenset()  # "the article", or words every article shares: no telling which
        found.add(best[0])
    return frozenset(found)


def _leaned_on(
    index: SearchIndex,
    position: int,
    wanted: str,
    asked_numbers: set[str],
    asked_names: set[str],
    named: str | None,
    question: str,
) -> int | None:
    """The sentence just before, in the same article, when this one opens by pointing at a thing
    it named ("The facility, which was expected to produce LFP batteries, ...") and it holds the
    name or place asked for ("Where would the LFP batteries have been made?": "... in Kitakyushu")."""
    sentence = index.sentences[position]
    if position == 0 or not THING_OPENING.match(sentence.text):
        return None
    before = index.sentences[position - 1]
    if before.article_id != sentence.article_id or before.heading:
        return None
    holds = has_new_value(before.text, wanted, asked_numbers, asked_names, named, question=question)
    return position - 1 if holds else None


def _qualified(question: str) -> dict[str, tuple[str, str]]:
    """Names the question uses to say which of an owner's things it means, with the owner and the
    thing: "Nissan's Kitakyushu plant" -> {"kitakyushu": ("nissan", "plant")}. An article that
    names Kitakyushu may go on to call it just "Nissan's plant", or "Nissan's project"."""
    found = {}
    for match in QUALIFIED.finditer(question):
        owner, name, thing = (tokens(match.group(i)) for i in (1, 2, 3))
        if owner and name and thing:
            found[name[0]] = (concept(owner[0]), concept(thing[0]))
    return found


def _owner_in(index: SearchIndex, article: str, name: str) -> str:
    """The party an article names last before it first names a thing: "Nissan" for Kitakyushu in
    "Nissan's decision to cancel its planned EV battery plant in Kitakyushu"; "" when none."""
    stats = index_stats(index)
    for sentence in index.sentences:
        said = sentence.text.lower().find(name) if sentence.article_id == article else -1
        if said >= 0:
            before = [concept(token) for token in tokens(sentence.text[:said])]
            return next((token for token in reversed(before) if token in stats.parties), "")
    return ""


def _calls_it(owner_thing: tuple[str, str], words: frozenset[str]) -> bool:
    """The words name the owner and its thing, or call the thing a project, as news calls a plant
    or a venture once it has named it."""
    owner, thing = owner_thing
    return owner in words and (thing in words or PROJECT in words)


def question_concepts(question: str, index: SearchIndex) -> set[str]:
    """The question's concepts; a long form asked ("chief executive") as its abbreviation ("ceo"),
    which sentences that spell it out also hold."""
    question = NAMING.sub(" ", question)  # "the firm formally called Hon Hai": the words only name it
    return _shortened({concept(t) for t in correct_terms(tokens(question), index.vocabulary)}, index_stats(index).long_forms)


def _shortened(terms: set[str], long_forms: dict[str, frozenset[str]], same: Callable[[str], str] = str) -> set[str]:
    """The terms with each long form they hold in full ("hon hai precision", "chief executive")
    replaced by its short form ("foxconn", "ceo"); `same` gives a term's concept."""
    for short, long in long_forms.items():
        if len(long) > 1 and long <= {same(t) for t in terms}:
            terms = {t for t in terms if same(t) not in long} | {short}
    return terms


def context_words(index: SearchIndex, stats: _Stats, position: int) -> frozenset[str]:
    """Words of the previous sentence(s) in the same article and of the article's title, and the
    full names of what the sentence calls short.

    A sentence that opens by pointing back ("This setback dealt a blow ...") leans on more of what
    came before: the setback was named three sentences earlier.
    """
    article = index.sentences[position].article_id
    return stats.title_words.get(article, frozenset()) | leaned_words(index, stats, position) | stats.called[position]


def _called_by_name(index: SearchIndex) -> list[frozenset[str]]:
    """For each sentence, the words of the names it calls by their last word: "a spokesperson for
    the health board" is for the Ashcombe Regional Health Board its article named earlier; or by
    the word before "of": "the board" for the Wexholm County Board of Supervisors."""
    called: list[frozenset[str]] = []
    # Last word of a name of two or more words -> the latest such name's words and its concepts.
    named: dict[str, tuple[list[str], frozenset[str]]] = {}
    article = None
    for sentence in index.sentences:
        if sentence.article_id != article:
            named, article = {}, sentence.article_id
        words: set[str] = set()
        # "the health board", "the board"; not "the research states" for the United States.
        for short in SHORT_NAME.finditer(fold(sentence.text)):
            for before, last in ((short.group(1), short.group(2)), (None, short.group(1))):
                name = named.get(last)
                if name and (before is None or before in name[0]):
                    words |= name[1]
        called.append(frozenset(words))
        if not sentence.heading:  # a heading capitalises every word: "Among Global Battery Giants"
            for match in FULL_NAME.finditer(sentence.text):
                said = fold(match.group(0)).split()
                entry = (said, frozenset(concepts(match.group(0))))
                named[said[-1]] = entry
                if "of" in said[1:-1]:  # "the board" is the Wexholm County Board of Supervisors
                    named[said[said.index("of") - 1]] = entry
    return called


def leaned_words(index: SearchIndex, stats: _Stats, position: int) -> frozenset[str]:
    """Words of the earlier sentences a sentence leans on, without its article's title: whom "it"
    is, where the title only says what the whole article is about."""
    return frozenset().union(*(stats.words[previous] for previous in _leaned_positions(index, position)))


def _leaned_positions(index: SearchIndex, position: int) -> list[int]:
    """The earlier sentences of its article a sentence may lean on for what it names."""
    sentence = index.sentences[position]
    reach = ANAPHORIC_REACH if ANAPHORIC_OPENING.match(sentence.text) else CONTEXT_SENTENCES
    earlier = range(position - 1, position - 1 - reach, -1)
    return [i for i in earlier if i >= 0 and index.sentences[i].article_id == sentence.article_id]


def context_text(index: SearchIndex, position: int) -> str:
    """The article's title and the sentences before this one that it may lean on: where "the
    company's goal" says whose goal it is."""
    title = index.sources[index.sentences[position].article_id].title
    return " ".join([title, *(index.sentences[i].text for i in reversed(_leaned_positions(index, position)))])
