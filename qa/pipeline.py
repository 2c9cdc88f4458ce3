"""The one place that wires the parts: question -> passages -> evidence -> checked answer."""

from __future__ import annotations

import logging
import re
import threading
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from qa.answering import (
    abstention,
    addresses_assistant,
    answer_content,
    build_prompt,
    compose,
    dated_time,
    direct_value,
    parse_reply,
)
from qa.articles import date_line
from qa.asking import (
    PUBLICATION,
    asks_publication_date,
    choice_options,
    offers_options,
    question_parts,
    question_type,
    role_question,
    told_apart,
    untimed_option,
)
from qa.bridging import bridge
from qa.citations import Citation, focus_span, shown, unsupported
from qa.completion import Complement, complement, gap, introduced_names
from qa.conversation import ANAPHORA, later_part, resolve_in_context, standalone_question
from qa.embedding import Embedder, make_embedder
from qa.errors import IndexCorruptError, InvalidQuestionError
from qa.evidence import (
    VERSIONS,
    Evidence,
    find_update,
    latest_first,
    select_evidence,
    spelled_out,
    what_follows,
    with_versions,
)
from qa.generation import Generator, Reply, make_generator
from qa.index import SearchIndex, Source, build_index, corpus_changed, load_index
from qa.retrieval import Hit, retrieve, sentence_hits, sentence_holders, word_hits
from qa.scoring import SOFT_TYPES, context_text, prepare, score_sentences
from qa.settings import Settings
from qa.text import names, tokens
from qa.values import ASKS_WHEN, VALUE_TYPES, answer_tokens, asks_end
from qa.verification import check_reply
from qa.vocabulary import (
    asked_abbreviation,
    concept,
    concepts,
    correct_terms,
    definition,
    name_concepts,
    place_names_used,
    unknown_names,
)

log = logging.getLogger(__name__)
History = list[tuple[str, str]]
# "The article says competition comes from one country. What share does that country's leader hold?"
CONTEXT_THEN_QUESTION = re.compile(r"^(?P<statement>[^?]+?[.!])\s+(?P<question>[A-Z][^?]*\?)\s*$")
NEAREST_SENTENCES = 4  # the passages of the sentences nearest the question are searched too
FIRST_BY_WORDS = 2  # and the passages that share the question's rarest words most
# "will cost €3.05 billion, even without the Line 4 extension": what the value leaves out.
EXCLUDED = re.compile(r"\b(?:without|excluding|except(?:\s+for)?|apart from|besides|not counting)\s+((?:[\w’'-]+\s+){0,5}[\w’'-]+)", re.I)
BRIDGE_CANDIDATES = 3  # sentences searched for the name a description refers to
BRIDGE_SHARE = 0.7  # of the abstain threshold, for the sentence that resolves a description
PART_OWN_WORDS = 4  # content words by which a later part that points back may be found as asked


@dataclass(frozen=True)
class Answer:
    question: str  # as asked
    standalone_question: str  # with follow-up references resolved
    text: str  # the answer shown, with [n] markers
    citations: tuple[Citation, ...]
    abstained: bool
    passages: tuple[Hit, ...]  # retrieved passages, ranked, with scores
    draft: str  # the model's raw reply ("" when it was not asked)
    problems: tuple[str, ...]  # why the draft was not shown, if it was not
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    confidence: float = 0.0  # score of the best evidence sentence; below the threshold it abstains
    coverage: float = 0.0  # IDF-weighted share of the question's terms the best evidence holds


def validate_question(question: object, max_chars: int) -> str:
    """The question with control characters removed; InvalidQuestionError when unusable."""
    if not isinstance(question, str):
        raise InvalidQuestionError(f"question must be a string (got {type(question).__name__})")
    cleaned = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in question)
    cleaned = " ".join(cleaned.split())
    if not cleaned:
        raise InvalidQuestionError(f"question must not be empty (got {question[:20]!r})")
    if len(cleaned) > max_chars:
        raise InvalidQuestionError(f"question is {len(cleaned):,} characters; the limit is {max_chars:,}")
    if not any(ch.isalnum() for ch in cleaned):
        raise InvalidQuestionError(f"question must contain words or numbers (got {cleaned[:40]!r})")
    return cleaned


def now_first(ranking: list[Evidence], question: str, index: SearchIndex) -> list[Evidence]:
    """"What is Hallvik's share now?" is answered by the latest article's figure, where articles differ;
    "What job does she have now?" by the latest article's role."""
    wanted = question_type(question)
    if wanted not in (*VALUE_TYPES, "role") or asks_end(question) != "start":
        return ranking
    return latest_first(ranking, index, dated=wanted == "time", figure=wanted != "role")


class Pipeline:
    """Holds the loaded models and index; safe to share between threads."""

    def __init__(self, settings: Settings | None = None, *, embedder: Embedder | None = None, generator: Generator | None = None):
        self.settings = settings or Settings()
        self.embedder = embedder or make_embedder(self.settings.embedding_model, self.settings.embedder)
        self.generator = generator or make_generator(
            self.settings.generator_model, self.settings.backend, self.settings.cache_dir
        )
        self._index: SearchIndex | None = None
        self._index_lock = threading.Lock()

    @property
    def index(self) -> SearchIndex:
        """The index, loaded on first use and rebuilt when the corpus folder changed."""
        with self._index_lock:
            settings = self.settings
            if self._index is not None and not corpus_changed(self._index, settings.corpus_dir, settings.uploads):
                return self._index
            if self._index is None:
                try:
                    self._index = load_index(settings.index_dir, self.embedder)
                except IndexCorruptError as error:
                    log.info("building the index: %s", error)
            if self._index is None or corpus_changed(self._index, settings.corpus_dir, settings.uploads):
                self._index = build_index(
                    settings.corpus_dir,
                    settings.index_dir,
                    self.embedder,
                    uploads_dir=settings.uploads,
                    chunk_size=settings.chunk_sentences,
                    chunk_overlap=settings.chunk_overlap,
                    max_article_bytes=settings.max_article_bytes,
                )
            prepare(self._index)  # here, where the app warms up or an upload waits, not in a question
            sentence_holders(self._index)
            return self._index

    def ask(self, question: str, *, history: History | None = None, top_k: int | None = None) -> Answer:
        """Answer from the articles, with verified citations, or abstain."""
        started = time.perf_counter()
        asked = validate_question(question, self.settings.max_question_chars)
        limit = self.settings.max_question_chars  # a pasted essay in the history must not grow the question
        turns = [(str(q)[:limit], answer_content(str(a))[:limit]) for q, a in (history or [])[-4:]]
        index = self.index
        standalone = role_question(standalone_question(asked, turns), index.vocabulary)[: 2 * limit]
        timings = {"index": time.perf_counter() - started}

        mark = time.perf_counter()
        query_vector = self.embedder.embed([standalone])[0]
        hits = self._retrieve(index, standalone, query_vector, top_k)
        passages = tuple(hits[: top_k or self.settings.top_k])
        unknown = unknown_names(standalone, index.vocabulary)
        shortcut = self._shortcut(asked, standalone, index, passages, timings, top_k, unknown=bool(unknown))
        if shortcut is not None:
            timings["retrieval"] = time.perf_counter() - mark
            timings["total"] = time.perf_counter() - started
            return shortcut
        link, search = self._bridge(standalone, index, top_k)
        parts = question_parts(search)
        if len(parts) == 1:
            ranking = self._rank(search, index, top_k) if link else score_sentences(standalone, query_vector, hits, index)
            rankings = [now_first(ranking, search, index)]
        else:  # each part is scored on its own; the whole question's ranking would go unused
            rankings = self._rank_parts(parts, search, index, top_k)
        timings["retrieval"] = time.perf_counter() - mark

        options = choice_options(search)
        if options:
            self._tell_options_apart(parts, rankings, options, index, top_k)
        answerable = [(r, q) for r, q in zip(rankings, parts, strict=True) if self._answers(r, q)]
        confidence = max((r[0].score for r in rankings if r), default=0.0)
        coverage = max((r[0].overlap for r in rankings if r), default=0.0)
        if unknown or not answerable:
            timings["total"] = time.perf_counter() - started
            return Answer(asked, standalone, abstention(unknown), (), True, passages, "", (), timings, confidence, coverage)

        several = len(parts) > 1
        evidence, firsts = self._gather(answerable, rankings[0], link, index, top_k, several=several)
        evidence = by_article(evidence)
        # From here on the question is the resolved one: "Which automaker is the partner of Nissan?"
        text, citations, draft, problems = self._answer_text(search, evidence, firsts, options, index, timings, several=several)
        timings["total"] = time.perf_counter() - started
        return Answer(
            asked, standalone, text, tuple(citations), False, passages, draft, tuple(problems), timings, confidence, coverage
        )

    def _shortcut(
        self, asked: str, standalone: str, index: SearchIndex, passages: tuple[Hit, ...], timings: dict[str, float],
        top_k: int | None, *, unknown: bool,
    ) -> Answer | None:
        """"When was the article about ... published?" is answered by its dateline, "What does METI
        stand for?" where the articles spell it out; neither asks the model. None for other questions."""
        source = self._publication(standalone, index, top_k) if asks_publication_date(standalone) and not unknown else None
        if source is not None:
            return self._dated(asked, standalone, source, passages, timings)
        abbreviation = asked_abbreviation(standalone)
        return self._meaning(abbreviation, asked, standalone, index, passages, timings) if abbreviation else None

    def _rank_parts(self, parts: list[str], search: str, index: SearchIndex, top_k: int | None) -> list[list[Evidence]]:
        """Each part's own ranking; a part that points back at the one before is resolved in place."""
        rankings: list[list[Evidence]] = []
        previous, whole = ("", ""), offers_options(search)
        for number, part in enumerate(parts):
            # "…, and when is its plant expected to open?" points back at the first part's answer.
            resolved = later_part(part, *previous) if number and not whole else part
            ranking = self._rank(resolved, index, top_k)
            says_enough = resolved != part and (names(part) or len(tokens(part)) >= PART_OWN_WORDS)
            if says_enough and not self._answers(ranking, resolved):
                # "how much of it is Northmere paying" read as "how much of Tessmoor ...": a wrong
                # referent must not lose a part that names what it asks about, or says enough of it
                # ("why does the end of the naming deal matter for paying it back"), which as asked may
                # still find its sentence ("from which year" says nothing to find it by).
                as_asked = self._rank(part, index, top_k)
                if self._answers(as_asked, part):
                    resolved, ranking = part, as_asked
            rankings.append(now_first(ranking, resolved, index))
            previous = (resolved, ranking[0].sentence.text if ranking else "")
            parts[number] = resolved
        return rankings

    def _tell_options_apart(
        self, parts: list[str], rankings: list[list[Evidence]], options: tuple[str, str], index: SearchIndex, top_k: int | None
    ) -> None:
        """"Which happened first: A or B?": each option's ranking keeps to its option (in place)."""
        for number, (part, other) in enumerate(zip(parts, options[::-1], strict=True)):
            # Where only B's date is given, what is said of A still stands beside it, for the reader to weigh.
            untimed = untimed_option(part)
            if untimed != part and not self._answers(rankings[number], part):
                parts[number], rankings[number] = untimed, self._rank(untimed, index, top_k)
            rankings[number] = told_apart(rankings[number], other)

    def _answer_text(
        self,
        search: str,
        evidence: list[Evidence],
        firsts: list[tuple[Evidence, list[Evidence], str]],
        options: tuple[str, str] | None,
        index: SearchIndex,
        timings: dict[str, float],
        *,
        several: bool,
    ) -> tuple[str, list[Citation], str, list[str]]:
        """The answer's text, its citations, the model's draft and why the draft is not shown (if not)."""
        quotes = [item.sentence.text for item in evidence]
        mark = time.perf_counter()
        wanted = question_type(search)
        if addresses_assistant(quotes):  # an article giving orders is quoted, never obeyed
            reply = Reply("", 0, 0, 0.0, 0.0)
            problems = ["the evidence addresses the assistant; quoting it instead of asking the model"]
        else:
            reply = self.generator.generate(build_prompt(search, quotes), max_new_tokens=self.settings.max_new_tokens)
            # A one-part question is answered by its best evidence; other articles' quotes stand beside it.
            main = firsts[0][0].sentence.article_id
            from_main = [quote for item, quote in zip(evidence, quotes, strict=True) if item.sentence.article_id == main]
            best = None if several else from_main
            contexts = [context_text(index, item.position) for item in evidence]
            problems = check_reply(parse_reply(reply.text), search, quotes, wanted, best=best, contexts=contexts)
        timings.update(generation=time.perf_counter() - mark, prefill=reply.prefill_seconds, decode=reply.generate_seconds)
        timings["new_tokens"] = reply.new_tokens
        draft = parse_reply(reply.text)
        keep = set(tokens(search)) | (set() if problems else set(tokens(draft)))
        # Each part's sentence is cut to what its own part asks: "…, and why?" keeps the cause.
        asks = {first.position: part for first, _, part in firsts} if several else {}
        citations = [
            self._citation(n, item, index, keep, *self._asked(item, asks, wanted, search))
            for n, item in enumerate(evidence, 1)
        ]
        if not problems and unsupported(draft, [c.quote for c in citations]):
            citations = [self._citation(n, item, index, None, wanted, search) for n, item in enumerate(evidence, 1)]
        # When the model's reply cannot be shown, the answer still leads with the value asked for.
        lead = direct_value(citations[0].quote, wanted, search) if problems and citations else None
        if problems and citations and wanted == "time" and lead is None:
            lead = dated_time(citations[0], search)  # "earlier this year" means little without the article's date
        if problems and options and len(firsts) == 2:  # "Which opens first: A or B?": each one's value
            lead = self._weighed(options, [(citations[evidence.index(first)], part) for first, _, part in firsts]) or lead
        return compose(lead if problems else draft, citations), citations, reply.text, problems

    def _gather(
        self,
        answerable: list[tuple[list[Evidence], str]],
        ranking: list[Evidence],
        link: Evidence | None,
        index: SearchIndex,
        top_k: int | None,
        *,
        several: bool,
    ) -> tuple[list[Evidence], list[tuple[Evidence, list[Evidence], str]]]:
        """The sentences to cite, in order, and each part's best one with its ranking and part.

        Each part's best sentence, what completes it, what a description in the question refers
        to, and a later article's update to a plan the evidence states.
        """
        # One sentence per part when the question has several parts or a description to resolve.
        limit = 1 if several or link else 2
        wanted = question_type(answerable[0][1])
        figure = wanted in VALUE_TYPES
        evidence = select_evidence(
            answerable[0][0], ratio=self.settings.second_source_ratio, limit=limit, figure=figure, dated=wanted == "time"
        )
        if several and figure and not link:
            # "What share do data centers use, and what will it be by 2030?": a figure that changed from
            # article to article is cited in each version, however many parts the question has.
            evidence = with_versions(answerable[0][0], evidence, most=VERSIONS, figure=True, dated=wanted == "time")
        firsts = [(evidence[0], *answerable[0])]
        runners_up = tuple(evidence[1:])
        for part_ranking, part in answerable[1:]:
            chosen = {e.position: e for e in evidence}
            shared = chosen.get(part_ranking[0].position)
            named = name_concepts(part)
            if (
                shared is not None and part_ranking[0].typed and named
                and named <= set(concepts(shared.sentence.text))
            ):
                # One sentence answers both: it names what each asks and holds the value each asks for,
                # "CATL held 37.6%, with BYD ... 16.1%". "…, and why?" is not answered by what happened.
                firsts.append((shared, part_ranking, part))
                continue
            extra = next((e for e in part_ranking if e.position not in chosen), None)
            if shared is not None and question_type(part) == "reason" and not (part_ranking[0].typed or extra and extra.typed):
                # "…, and why?" of what the part before found, where no sentence gives a cause outright:
                # it is sought beside that sentence (as this part ranks it, untyped: it gives no cause).
                firsts.append((part_ranking[0], part_ranking, part))
                continue
            if extra is not None and self._answers([extra], part):
                evidence.append(extra)
                firsts.append((extra, part_ranking, part))
        for number, (first, part_ranking, part) in enumerate(firsts if link is None else []):
            found = self._complement(part, first, part_ranking, index, top_k, also=() if number else runners_up)
            if found is not None and found.evidence.position not in {e.position for e in evidence}:
                # A sentence about a name the first one gave is the answer; the first is its link.
                at = next(i for i, e in enumerate(evidence) if e.position == first.position)
                evidence.insert(at if found.bridged else at + 1, found.evidence)
        for item in list(evidence):  # "The facility, which ...": the sentence that names it holds the value
            if item.leans_on is not None and item.leans_on not in {e.position for e in evidence}:
                before = Evidence(index.sentences[item.leans_on], item.leans_on, item.score, item.dense, item.overlap, True)
                evidence.insert(evidence.index(item), before)
        for item in list(evidence):  # "The grant comes with conditions.": what they are comes next
            following = what_follows(item, index)
            if following is not None and following.position not in {e.position for e in evidence}:
                evidence.insert(evidence.index(item) + 1, following)
        if link is not None and link.position not in {e.position for e in evidence}:
            evidence.append(link)  # what the description in the question refers to
        update = find_update(ranking, evidence, index, versions=runners_up)
        if update is not None:
            evidence.append(update)
        return evidence, firsts

    @staticmethod
    def _weighed(options: tuple[str, str], cited: list[tuple[Citation, str]]) -> str | None:
        """"the Subaru plant: 2027 [1]; the Lexus plant: 2029 [2]": each option's value, quoted, or None."""
        values = []
        own = [set(tokens(option)) - set(tokens(options[1 - n])) for n, option in enumerate(options)]
        for n, (option, (citation, part)) in enumerate(zip(options, cited, strict=True)):
            if own[1 - n] & set(tokens(citation.quote)):
                return None  # "Toyota and Nissan will spend a combined $7 billion" is neither one's value
            if any(own[n] & set(tokens(left_out.group(1))) for left_out in EXCLUDED.finditer(citation.quote)):
                return None  # "the programme will cost €3.05 billion, even without the Line 4 extension"
            value = direct_value(citation.quote, question_type(part), part)
            if value is None:
                return None
            option, value = option.strip(), value if value[:2].isupper() else value[:1].lower() + value[1:]
            values.append(f"{option[:1].upper()}{option[1:]}: {value} [{citation.number}]")
        return "; ".join(values)

    def _retrieve(self, index: SearchIndex, question: str, vector, top_k: int | None) -> list[Hit]:  # type: ignore[no-untyped-def]
        """Passages for the question; evidence is sought in twice as many as are shown."""
        words = tokens(question)
        search_text = " ".join([question, *correct_terms(words, index.vocabulary), *place_names_used(words, index.vocabulary)])
        depth = 2 * (top_k or self.settings.top_k)
        hits = retrieve(index, search_text, vector, top_k=depth, rrf_k=self.settings.rrf_k)
        hits += word_hits(index, search_text, vector, hits, passages=FIRST_BY_WORDS)
        return hits + sentence_hits(index, vector, hits, sentences=NEAREST_SENTENCES)

    def _rank(self, question: str, index: SearchIndex, top_k: int | None, *, wanted: str | None = "") -> list[Evidence]:
        """Retrieve for the question on its own and score the sentences of what came back."""
        vector = self.embedder.embed([question])[0]
        return score_sentences(question, vector, self._retrieve(index, question, vector, top_k), index, wanted=wanted)

    def _bridge(self, question: str, index: SearchIndex, top_k: int | None) -> tuple[Evidence | None, str]:
        """Resolve a description in the question first: "the CEO of the automaker that cancelled X".

        Returns the sentence that says what the description refers to, and the question with the
        description replaced by the name that sentence gives for it; (None, question) when there is none.
        """
        context = CONTEXT_THEN_QUESTION.match(question)
        if context and ANAPHORA.search(context.group("question")):
            return self._in_context(context.group("statement"), context.group("question"), index, top_k)
        found = bridge(question)
        if found is None:
            return None, question
        ranking = self._rank(found.question, index, top_k, wanted="entity")
        # A description is vaguer than a question ("the factory where ..."), so weaker evidence
        # may resolve it: the resolved question must still clear the full threshold.
        floor = BRIDGE_SHARE * self.settings.abstain_threshold
        if not ranking or not ranking[0].typed or ranking[0].score < floor:
            return None, question
        # Of the close sentences, one that names who does what the description says ("Cellvane
        # Storage is building") resolves it before the best one's first new name.
        close = [e for e in ranking[:BRIDGE_CANDIDATES] if e.typed and e.score >= floor]
        doer = next(((e, name) for e in close if (name := found.doer_in(e.sentence.text)) is not None), None)
        best, entity = doer if doer is not None else (ranking[0], found.entity_in(ranking[0].sentence.text, index))
        if entity is None:
            return None, question
        resolved = found.resolve(question, entity)
        if not set(tokens(resolved)) - set(tokens(entity)):
            return None, question  # "What is the plant that …?" is answered by the description itself
        return best, resolved

    def _in_context(self, statement: str, question: str, index: SearchIndex, top_k: int | None) -> tuple[Evidence | None, str]:
        """"X says competition comes from one country. What share does that country's leader hold?":
        the sentence the statement describes resolves what the question points at."""
        ranking = self._rank(statement, index, top_k, wanted=None)
        if not ranking or ranking[0].score < BRIDGE_SHARE * self.settings.abstain_threshold:
            return None, question
        resolved = resolve_in_context(question, statement, ranking[0].sentence.text)
        return (ranking[0], resolved) if resolved != question else (None, question)

    def _publication(self, question: str, index: SearchIndex, top_k: int | None) -> Source | None:
        """The article a question about a publication date is about; None when none is close enough."""
        ranking = self._rank(ASKS_WHEN.sub(" ", PUBLICATION.sub(" ", question)), index, top_k, wanted=None)
        if not ranking or ranking[0].score < self.settings.abstain_threshold:
            return None
        return index.sources[ranking[0].sentence.article_id]

    @staticmethod
    def _dated(asked: str, standalone: str, source: Source, passages: tuple[Hit, ...], timings: dict[str, float]) -> Answer:
        """The article's publication date, citing its dateline; an abstention when it gives none."""
        span = date_line(source.text) if source.date else None
        if span is None:
            text = f"The article “{source.title}” does not give its publication date."
            return Answer(asked, standalone, text, (), True, passages, "", (), timings)
        cited = Citation(1, source.id, source.title, source.date, source.url, shown(source.text[span[0] : span[1]]), *span)
        return Answer(asked, standalone, compose(f"Published {source.date}", [cited]), (cited,), False, passages, "", (), timings)

    @staticmethod
    def _meaning(
        abbreviation: str, asked: str, standalone: str, index: SearchIndex, passages: tuple[Hit, ...], timings: dict[str, float]
    ) -> Answer | None:
        """The long form of the abbreviation asked about, citing the sentence that defines it; None when none does."""
        bracketed = f"({abbreviation.lower()})"
        for sentence in index.sentences:
            span = definition(abbreviation, sentence.text) if bracketed in sentence.text.lower() else None
            if span is None:
                continue
            source = index.sources[sentence.article_id]
            start, end = sentence.start + span[0], sentence.start + span[1]
            defined = set(tokens(source.text[start:end]))
            start, end = focus_span(source.text, sentence.start, sentence.end, defined, defined)
            cited = Citation(1, source.id, source.title, source.date, source.url, shown(source.text[start:end]), start, end)
            long_form = sentence.text[span[0] : span[1]].rsplit("(", 1)[0].strip()
            long_form = long_form[:1].upper() + long_form[1:]  # "electric vehicle" leads as "Electric vehicle"
            return Answer(asked, standalone, compose(long_form, [cited]), (cited,), False, passages, "", (), timings)
        return None

    def _complement(
        self, question: str, first: Evidence, ranking: list[Evidence], index: SearchIndex, top_k: int | None, *, also: tuple[Evidence, ...]
    ) -> Complement | None:
        """What the evidence leaves out of the question, sought also next to the names the best sentence gives."""
        found = gap(question, first, index, also=also)
        if found is None:
            return None
        candidates = list(ranking)
        introduced = introduced_names(question, first.sentence.text, index)
        if introduced and found.words:  # the second hop: "two carmakers teamed" + "Panasonic"
            hop = " ".join([*found.words, *introduced[:2]])
            candidates += self._rank(hop, index, top_k, wanted=question_type(question))
        return complement(question, found, candidates, index, floor=self.settings.abstain_threshold)

    def _answers(self, ranking: list[Evidence], question: str, *, wanted: str | None = "") -> bool:
        """The best sentence is strong enough, and holds the kind of value asked for."""
        if not ranking or ranking[0].score < self.settings.abstain_threshold:
            return False
        if ranking[0].overlap < self.settings.min_overlap:
            return False
        wanted = question_type(question) if wanted == "" else wanted
        return wanted is None or wanted in SOFT_TYPES or ranking[0].typed

    def ask_stream(self, question: str, *, history: History | None = None, top_k: int | None = None) -> Iterator[str | Answer]:
        """Text pieces of the answer, then the final Answer.

        The reply is checked before any of it is shown, so pieces come after verification.
        """
        answer = self.ask(question, history=history, top_k=top_k)
        words = answer.text.split(" ")
        for position, word in enumerate(words):
            yield word + (" " if position < len(words) - 1 else "")
        yield answer

    @staticmethod
    def _asked(
        item: Evidence, parts: dict[int, str], wanted: str | None, question: str
    ) -> tuple[str | None, str]:
        """What the evidence answers: the part of the question it was found for, with that part's kind
        of value ("What did Toyota decide, and why?", "How much did it rise, and what did they blame?");
        else the whole question."""
        part = parts.get(item.position)
        return (question_type(part), part) if part is not None else (wanted, question)

    @staticmethod
    def _citation(
        number: int, evidence: Evidence, index: SearchIndex, keep: set[str] | None, wanted: str | None, question: str
    ) -> Citation:
        """Cite the evidence sentence, cut to the clauses that hold the answer when `keep` is given."""
        sentence = evidence.sentence
        source = index.sources[sentence.article_id]
        start, end = sentence.start, sentence.end
        # A yes/no question is answered by the whole statement: which clause holds the verdict, and
        # its where and when, its words do not tell ("…no longer need to travel to Pellingford for
        # routine scans" was cut from "a diagnostic hub at Stennick Community Hospital in 2027").
        # Nor is what a sentence before announced ("The grant comes with conditions."): all of it is asked.
        if keep is not None and wanted != "judgement" and not spelled_out(index, evidence.position):
            values = answer_tokens(sentence.text, wanted, question)
            if wanted in ("reason", "statement", "role"):  # a cause, what was said or a job is kept, whatever the model said
                needed = values
            else:  # the model's words pick which value to keep
                needed = values & keep if wanted else keep - set(tokens(question))
            needed = needed or values
            start, end = focus_span(source.text, start, end, keep, needed, same=concept)
        quote = shown(source.text[start:end])
        return Citation(number, source.id, source.title, source.date, source.url, quote, start, end)


def by_article(evidence: list[Evidence]) -> list[Evidence]:
    """The evidence with each article's sentences together, articles in the order they first come:
    the answer introduces each article once, and no quote reads as another article's."""
    first_seen = {article: n for n, article in enumerate(dict.fromkeys(e.sentence.article_id for e in evidence))}
    return sorted(evidence, key=lambda e: first_seen[e.sentence.article_id])


_default: Pipeline | None = None
_default_lock = threading.Lock()


def default_pipeline() -> Pipeline:
    """The process-wide pipeline: models and index load once, however many callers."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Pipeline()
        return _default


def ask(question: str, *, history: History | None = None, top_k: int | None = None) -> Answer:
    """Answer a question about the articles (see Pipeline.ask)."""
    return default_pipeline().ask(question, history=history, top_k=top_k)


def ask_stream(question: str, *, history: History | None = None, top_k: int | None = None) -> Iterator[str | Answer]:
    """Stream an answer (see Pipeline.ask_stream)."""
    return default_pipeline().ask_stream(question, history=history, top_k=top_k)
