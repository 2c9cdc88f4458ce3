"""The fixed question set: one question per JSON line, validated, with gold evidence offsets."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from qa.errors import QAError
from qa.metrics import Span
from qa.settings import PROJECT_ROOT

DEFAULT_QUESTIONS = PROJECT_ROOT / "questions" / "questions.jsonl"
SPLITS = ("dev", "test")
FIELDS = {
    "id": str,
    "split": str,
    "kind": str,
    "question": str,
    "history": list,
    "answerable": bool,
    "answers": list,
    "key_facts": list,
    "gold_articles": list,
    "evidence": list,
}


@dataclass(frozen=True)
class Question:
    id: str
    split: str  # "dev" (tune on it) or "test" (report on it)
    kind: str  # fact, number, dialog, unanswerable, ...
    question: str  # the scored turn
    history: tuple[str, ...]  # earlier turns, asked first; the system's own answers become the history
    answerable: bool
    answers: tuple[str, ...]  # accepted short answers, fullest first
    key_facts: tuple[tuple[str, ...], ...]  # each fact: alternatives, any one of which counts
    evidence: tuple[Span, ...]  # gold evidence spans in the original article text
    note: str = ""


def parse_question(entry: object, where: str) -> Question:
    """One question from its JSON object; QAError naming the line and field when malformed."""
    if not isinstance(entry, dict):
        raise QAError(f"{where}: expected a JSON object (got {type(entry).__name__})")
    for name, kind in FIELDS.items():
        if not isinstance(entry.get(name), kind):
            got = type(entry[name]).__name__ if name in entry else "nothing"
            raise QAError(f"{where}: field {name!r} must be a {kind.__name__} (got {got})")
    if entry["split"] not in SPLITS:
        raise QAError(f"{where}: split must be 'dev' or 'test' (got {entry['split']!r})")
    if not entry["question"].strip() or not all(isinstance(q, str) and q.strip() for q in entry["history"]):
        raise QAError(f"{where}: question and history turns must be non-empty strings")
    facts = entry["key_facts"]
    if not all(isinstance(f, list) and f and all(isinstance(a, str) and a for a in f) for f in facts):
        raise QAError(f"{where}: key_facts must be a list of non-empty lists of strings (got {facts!r})")
    spans = []
    for item in entry["evidence"]:
        if not (
            isinstance(item, dict)
            and isinstance(item.get("article"), str)
            and isinstance(item.get("start"), int)
            and isinstance(item.get("end"), int)
            and item["start"] < item["end"]
        ):
            raise QAError(
                f"{where}: evidence entries need article, start < end offsets "
                f"(got {item!r}); rebuild with questions/make_questions.py"
            )
        spans.append((item["article"], item["start"], item["end"]))
    if entry["answerable"] and not (facts and spans):
        raise QAError(f"{where}: an answerable question needs key_facts and evidence")
    return Question(
        entry["id"],
        entry["split"],
        entry["kind"],
        entry["question"],
        tuple(entry["history"]),
        entry["answerable"],
        tuple(entry["answers"]),
        tuple(tuple(f) for f in facts),
        tuple(spans),
        str(entry.get("note", "")),
    )


def load_questions(path: Path, split: str = "all") -> list[Question]:
    """The questions of one split ("dev", "test" or "all") from a JSON-lines file."""
    if split not in (*SPLITS, "all"):
        raise QAError(f"split must be dev, test or all (got {split!r})")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise QAError(f"cannot read the question file {path}: {error.strerror or error}") from None
    questions, seen = [], set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as error:
            raise QAError(f"{path}:{number}: not valid JSON ({error.msg})") from None
        question = parse_question(entry, f"{path}:{number}")
        if question.id in seen:
            raise QAError(f"{path}:{number}: duplicate id {question.id!r}")
        seen.add(question.id)
        if split in ("all", question.split):
            questions.append(question)
    if not questions:
        raise QAError(f"{path} holds no questions for split {split!r}")
    return questions
