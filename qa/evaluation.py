"""`qa eval`: ask every system every question, score each answer, and write the report."""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from qa.baselines import BASELINES
from qa.errors import QAError
from qa.metrics import (
    Record,
    Span,
    answer_words,
    cites_gold,
    exact_match,
    missing_facts,
    retrieval_rank,
    short_answer,
    summarize,
    supporting,
    token_f1,
    verbatim,
)
from qa.pipeline import Answer, History, Pipeline
from qa.questions import DEFAULT_QUESTIONS, Question, load_questions
from qa.settings import Settings

ASSISTANT = "assistant"


@dataclass(frozen=True)
class Evaluation:
    questions: tuple[Question, ...]
    records: dict[str, list[Record]]  # system -> one record per question
    seconds: dict[str, list[float]]  # system -> wall time of every answer, in the order asked
    summaries: dict[str, dict[str, float | None]]


def passage_spans(answer: Answer, pipeline: Pipeline) -> list[Span]:
    """Where each retrieved passage lies in its article: first sentence start to last sentence end."""
    spans = []
    for hit in answer.passages:
        sentences = pipeline.index.chunk_sentences(hit.chunk)
        spans.append((hit.chunk.article_id, sentences[0].start, sentences[-1].end))
    return spans


def describe_failures(
    question: Question,
    answer: Answer,
    missing: list[tuple[str, ...]],
    gold_cited: bool | None,
    quotes: list[bool],
) -> tuple[str, ...]:
    """What went wrong with an answer, in words a developer can act on (empty when nothing did)."""
    failures = [problem for problem in answer.problems if problem.startswith("error: ")]
    if question.answerable and answer.abstained:
        failures.append("abstained although the articles answer it")
    elif missing:
        failures.append("missing key facts: " + "; ".join(" / ".join(fact) for fact in missing))
    if not question.answerable and not answer.abstained:
        failures.append("answered although the articles do not say")
    if gold_cited is False:
        failures.append("no citation covers the gold evidence")
    if not all(quotes):
        failures.append(f"{quotes.count(False)} quote(s) not verbatim at their offsets")
    return tuple(failures)


def score(
    question: Question,
    system: str,
    answer: Answer,
    seconds: float,
    pipeline: Pipeline,
    first_turn: str | None,
) -> Record:
    """Every per-question metric of one answer."""
    articles = {source_id: source.text for source_id, source in pipeline.index.sources.items()}
    missing = missing_facts(answer.text, question.key_facts) if question.answerable else []
    correct = (not answer.abstained and not missing) if question.answerable else answer.abstained
    short = short_answer(answer.text)
    gold_cited = (
        cites_gold(answer.citations, question.evidence)
        if question.answerable and not answer.abstained
        else None
    )
    flags, quotes = supporting(answer.text, answer.citations), verbatim(answer.citations, articles)
    rank = retrieval_rank(passage_spans(answer, pipeline), question.evidence) if question.answerable else None
    failures = describe_failures(question, answer, missing, gold_cited, quotes)
    return Record(
        id=question.id,
        system=system,
        split=question.split,
        kind=question.kind,
        question=question.question,
        history=question.history,
        standalone_question=answer.standalone_question,
        answerable=question.answerable,
        answer=answer.text,
        short_answer=short,
        abstained=answer.abstained,
        correct=correct,
        missing=tuple(missing),
        exact_match=exact_match(short, question.answers) if question.answerable else None,
        f1=token_f1(short, question.answers) if question.answerable else None,
        cites_gold=gold_cited,
        citations=answer.citations,
        supporting=tuple(flags),
        verbatim=tuple(quotes),
        retrieval_rank=rank,
        words=answer_words(answer.text),
        seconds=seconds,
        first_turn_answer=first_turn,
        draft=answer.draft,
        problems=answer.problems,
        failures=failures,
    )


def _timed(system: str, pipeline: Pipeline, question: str, history: History) -> tuple[Answer, float]:
    earlier = list(history) or None  # a copy: the caller appends this turn afterwards
    started = time.perf_counter()
    if system == ASSISTANT:
        answer = pipeline.ask(question, history=earlier)
    else:
        answer = BASELINES[system](pipeline, question, history=earlier)
    return answer, time.perf_counter() - started


def failed_answer(question: str, error: Exception) -> Answer:
    """An empty answer standing for an error, so one bad question does not end the run."""
    return Answer(question, question, "", (), False, (), "", (f"error: {error}",), {})


def run_question(system: str, pipeline: Pipeline, question: Question, seconds: list[float]) -> Record:
    """Ask the earlier turns, then the scored one with this system's own answers as history."""
    history: History = []
    for turn in (*question.history, question.question):
        try:
            answer, took = _timed(system, pipeline, turn, history)
        except QAError as error:
            answer, took = failed_answer(turn, error), 0.0
        seconds.append(took)
        history.append((turn, answer.text))
    first_turn = history[0][1] if question.history else None
    return score(question, system, answer, took, pipeline, first_turn)


def evaluate(
    pipeline: Pipeline,
    questions: Sequence[Question],
    systems: Iterable[str] = (ASSISTANT,),
    *,
    startup_seconds: float = 0.0,
    progress: bool = False,
) -> Evaluation:
    """Score every system on every question; the first answer's time includes `startup_seconds`."""
    from tqdm.auto import tqdm

    systems = list(systems)
    unknown = [s for s in systems if s != ASSISTANT and s not in BASELINES]
    if unknown:
        raise QAError(f"unknown system {unknown[0]!r}; choose from {ASSISTANT}, {', '.join(BASELINES)}")
    records: dict[str, list[Record]] = {s: [] for s in systems}
    seconds: dict[str, list[float]] = {s: [] for s in systems}
    with tqdm(total=len(questions) * len(systems), desc="eval", unit="answer", disable=not progress) as bar:
        for question in questions:
            for system in systems:
                bar.set_postfix_str(f"{question.id} {system}")
                records[system].append(run_question(system, pipeline, question, seconds[system]))
                bar.update()
    if systems and seconds[systems[0]]:
        seconds[systems[0]][0] += startup_seconds
    summaries = {s: summarize(records[s], seconds[s]) for s in systems}
    return Evaluation(tuple(questions), records, seconds, summaries)


def run_cli(args: argparse.Namespace, settings: Settings) -> int:
    """`qa eval`: run, print the table, write results.json, report.md and chart.png; the exit code."""
    from qa.report import check_targets, terminal_table, write_outputs

    questions = load_questions(args.questions or DEFAULT_QUESTIONS, args.split)
    baselines = [] if args.no_baselines else list(dict.fromkeys(args.baseline or BASELINES))
    started = time.perf_counter()
    pipeline = Pipeline(settings)
    startup = time.perf_counter() - started
    evaluation = evaluate(
        pipeline, questions, [ASSISTANT, *baselines], startup_seconds=startup, progress=True
    )
    targets = check_targets(evaluation.summaries)
    print(terminal_table(evaluation.summaries, targets, top_k=settings.top_k))
    written = write_outputs(evaluation, targets, args.out, split=args.split, settings=settings)
    print("wrote " + ", ".join(str(path) for path in written))
    missed = [t for t in targets if t.met is False]
    if missed:
        print(f"{len(missed)} target(s) missed: " + "; ".join(f"{t.label} ({t.gap})" for t in missed))
    return 1 if args.check_targets and missed else 0
