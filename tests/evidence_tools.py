"""Helpers the tests of the evidence step share: a question's ranking, one sentence's score, a sentence
as evidence, a rule switched off."""

from __future__ import annotations

import importlib

from qa.scoring import score_sentences

EVIDENCE_MODULES = ("asking", "bridging", "completion", "counting", "evidence", "scoring", "values", "vocabulary")


def article_folder(folder, text: str, name: str = "a.txt"):  # type: ignore[no-untyped-def]
    """A new corpus folder holding one article file with this text."""
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def patch_rule(monkeypatch, name: str, value: object) -> None:  # type: ignore[no-untyped-def]
    """Set `name` to `value` in every module of the evidence step that reads it, so a rule is
    switched off wherever it applies."""
    patched = [module for module in (importlib.import_module(f"qa.{m}") for m in EVIDENCE_MODULES) if hasattr(module, name)]
    assert patched, f"no evidence module reads {name}"
    for module in patched:
        monkeypatch.setattr(module, name, value)


def ranked_sentences(pipeline, question: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The sentences `score_sentences` ranks for the question, best first, as the pipeline retrieves them."""
    vector = pipeline.embedder.embed([question])[0]
    hits = pipeline._retrieve(pipeline.index, question, vector, None)
    return [e.sentence.text for e in score_sentences(question, vector, hits, pipeline.index)]


def evidence_at(index, prefix: str, score: float, *, typed: bool = True, overlap: float = 0.5):  # type: ignore[no-untyped-def]
    """The indexed sentence starting with `prefix`, as evidence with the given score."""
    from qa.evidence import Evidence

    row = next(i for i, s in enumerate(index.sentences) if s.text.startswith(prefix))
    return Evidence(index.sentences[row], row, score, 0.5, overlap, typed)


def answers_count(text: str, question: str) -> bool:
    """The sentence holds a count that could answer the question (no number or name asked)."""
    from qa.values import has_new_value

    return has_new_value(text, "count", set(), set(), question=question)


def sentence_evidence(pipeline, question: str, holding: str):  # type: ignore[no-untyped-def]
    """The first sentence holding `holding` as scored evidence, through retrieval as the pipeline does it."""
    import qa.scoring as scoring

    index = pipeline.index
    position = next(i for i, s in enumerate(index.sentences) if holding in s.text)
    vector = pipeline.embedder.embed([question])[0]
    ranked = scoring.score_sentences(question, vector, pipeline._retrieve(index, question, vector, None), index)
    return next(e for e in ranked if e.position == position)


def sentence_score(pipeline, question: str, holding: str) -> float:  # type: ignore[no-untyped-def]
    """The score of the first sentence holding `holding` (see sentence_evidence)."""
    return float(sentence_evidence(pipeline, question, holding).score)
