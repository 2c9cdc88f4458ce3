"""The `qa` command: index the articles, ask a question, or run the evaluation."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from dataclasses import asdict
from pathlib import Path

from qa.errors import InvalidQuestionError, QAError
from qa.settings import Settings


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", type=Path, help="folder of articles (default: $QA_CORPUS_DIR or seeds/)")
    parser.add_argument("--index", type=Path, help="index folder (default: $QA_INDEX_DIR or index/)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1 (got {value!r})")
    return int(value)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="qa", description="Answer questions about news articles, with citations.")
    commands = parser.add_subparsers(dest="command", required=True)

    index = commands.add_parser("index", help="build or update the search index")
    _common(index)

    ask = commands.add_parser("ask", help="answer one question")
    ask.add_argument("question", help="the question, in quotes")
    ask.add_argument("--history", type=Path, help="JSON file of earlier [question, answer] pairs, for follow-ups")
    ask.add_argument("--top-k", type=_positive, help="passages to retrieve")
    ask.add_argument("--json", action="store_true", help="print the full answer as JSON")
    _common(ask)

    evaluate = commands.add_parser("eval", help="score the assistant on the fixed question set")
    evaluate.add_argument("--questions", type=Path, help="question file (default: questions/questions.jsonl)")
    evaluate.add_argument("--split", choices=("dev", "test", "all"), default="test")
    evaluate.add_argument("--baseline", choices=("naive", "extractive"), action="append",
                          help="also run a baseline (repeatable; default: both)")
    evaluate.add_argument("--no-baselines", action="store_true", help="score the assistant only")
    evaluate.add_argument("--out", type=Path, default=Path("eval-out"), help="folder for the JSON, report and chart")
    evaluate.add_argument("--check-targets", action="store_true", help="exit 1 when a quality target is missed")
    _common(evaluate)
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings().replace(corpus_dir=args.corpus, index_dir=args.index)
    # The eval scores a fixed corpus: articles someone added in the chat would change its answers.
    return settings.replace(uploads_dir=None) if args.command == "eval" else settings


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s: %(message)s")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        if args.command == "index":
            return _index(args)
        if args.command == "ask":
            return _ask(args)
        from qa.evaluation import run_cli

        return run_cli(args, _settings(args))
    except InvalidQuestionError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except QAError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


def _index(args: argparse.Namespace) -> int:
    from qa.embedding import make_embedder
    from qa.index import build_index

    settings = _settings(args)
    index = build_index(
        settings.corpus_dir, settings.index_dir, make_embedder(settings.embedding_model, settings.embedder),
        uploads_dir=settings.uploads, chunk_size=settings.chunk_sentences, chunk_overlap=settings.chunk_overlap,
        max_article_bytes=settings.max_article_bytes, progress=True,
    )
    print(f"indexed {len(index.sources)} articles, {len(index.chunks)} passages, "
          f"{len(index.sentences)} sentences into {settings.index_dir}")
    return 0


def _read_history(path: Path) -> list[tuple[str, str]]:
    """Earlier turns from a JSON file; InvalidQuestionError unless a list of [question, answer] strings."""
    rule = "--history must be a JSON list of [question, answer] pairs"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InvalidQuestionError(f"{rule} ({error})") from None
    if not isinstance(data, list):
        raise InvalidQuestionError(f"{rule} (got a JSON {type(data).__name__})")
    for turn in data:
        if not (isinstance(turn, list) and len(turn) == 2 and all(isinstance(part, str) for part in turn)):
            raise InvalidQuestionError(f"{rule} (got {json.dumps(turn)[:60]})")
    return [(question, answer) for question, answer in data]


def _ask(args: argparse.Namespace) -> int:
    from qa.pipeline import Pipeline

    history = _read_history(args.history) if args.history else None
    answer = Pipeline(_settings(args)).ask(args.question, history=history, top_k=args.top_k)  # type: ignore[arg-type]
    if args.json:
        record = asdict(answer)
        record["passages"] = [
            {"rank": h.rank, "score": h.score, "dense": h.dense, "bm25": h.bm25, "article": h.chunk.article_id, "text": h.chunk.text}
            for h in answer.passages
        ]
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return 0
    print(answer.text)
    if answer.citations:
        print()
    for citation in answer.citations:
        date = citation.date or "undated"
        print(f"[{citation.number}] {citation.title} ({citation.article_id}, {date}, chars {citation.start}-{citation.end})")
        print(f"    “{citation.quote}”")
    if answer.abstained and answer.passages:
        print("\nClosest passages:")
        for hit in answer.passages[:3]:
            print(f"  - {hit.chunk.article_id}: {hit.chunk.text[:160]}…")
    return 0


if __name__ == "__main__":
    sys.exit(main())
