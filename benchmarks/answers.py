"""Warm answers over the question set with one backend: per-phase times, tokens and peak memory.

Run by run.py as a child process, so that the peak memory is the answering process's own.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import ROOT, child_options, peak_rss_mb, report  # noqa: E402


class RecordingGenerator:
    """Passes calls through to a real generator and keeps each prompt and reply."""

    def __init__(self, inner):  # type: ignore[no-untyped-def]
        self.inner = inner
        self.name = inner.name
        self.calls: list[tuple[list[dict[str, str]], object]] = []

    def load(self):  # type: ignore[no-untyped-def]
        return self.inner.load()

    def generate(self, messages, *, max_new_tokens: int):  # type: ignore[no-untyped-def]
        reply = self.inner.generate(messages, max_new_tokens=max_new_tokens)
        self.calls.append((messages, reply))
        return reply


def load_questions(path: Path, limit: int | None) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows[:limit] if limit else rows


def main() -> None:
    options = child_options()
    from qa.generation import make_generator
    from qa.pipeline import Pipeline
    from qa.settings import Settings

    settings = Settings().replace(
        corpus_dir=options["corpus_dir"], index_dir=options["index_dir"], backend=options["backend"], uploads_dir=None
    )
    generator = RecordingGenerator(
        make_generator(settings.generator_model, settings.backend, settings.cache_dir)
    )
    pipeline = Pipeline(settings, generator=generator)
    questions = load_questions(
        Path(options.get("questions") or ROOT / "questions" / "questions.jsonl"), options.get("limit")
    )
    pipeline.ask(questions[0]["question"])  # warm-up: every model loaded, first-call costs paid
    generator.load()
    generator.calls.clear()

    answers = []
    started = time.perf_counter()
    for _ in range(options.get("passes", 1)):
        for question in questions:
            history = []
            for turn, asked in enumerate([*question["history"], question["question"]]):
                before = len(generator.calls)
                answer = pipeline.ask(asked, history=history)
                messages, reply = generator.calls[-1] if len(generator.calls) > before else (None, None)
                answers.append(
                    {
                        "id": question["id"],
                        "turn": turn,
                        "timings": answer.timings,
                        "abstained": answer.abstained,
                        "prompt_tokens": getattr(reply, "prompt_tokens", None),
                        "messages": messages,
                    }
                )
                history = [*history, (asked, answer.text)]
    report(
        {
            "backend": options["backend"],
            "generator": generator.name,
            "questions": len(questions),
            "answers": answers,
            "seconds": time.perf_counter() - started,
            "peak_rss_mb": peak_rss_mb(),
        }
    )


if __name__ == "__main__":
    main()
