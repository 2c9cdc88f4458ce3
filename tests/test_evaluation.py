"""The eval harness end to end with the fake models: question loading, dialogs, baselines, outputs."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from qa.baselines import NAIVE_INSTRUCTION, extractive_answer, naive_answer
from qa.citations import verify_citation
from qa.errors import QAError
from qa.evaluation import evaluate, run_cli
from qa.metrics import missing_facts
from qa.questions import DEFAULT_QUESTIONS, load_questions
from qa.report import check_targets, terminal_table, write_outputs

ROWS = {
    json.loads(line)["id"]: json.loads(line) for line in DEFAULT_QUESTIONS.read_text().splitlines() if line
}


def write_questions(path: Path, *entries: dict) -> Path:
    path.write_text("".join(json.dumps(entry) + "\n" for entry in entries), encoding="utf-8")
    return path


# --- the question file -----------------------------------------------------------------------------


def test_the_question_set_loads_by_split() -> None:
    dev, test, everything = (load_questions(DEFAULT_QUESTIONS, split) for split in ("dev", "test", "all"))
    assert len(dev) + len(test) == len(everything) >= 60
    assert {q.split for q in dev} == {"dev"} and {q.split for q in test} == {"test"}
    assert sum(not q.answerable for q in everything) >= 12
    assert sum(bool(q.history) for q in everything) >= 8


def test_every_gold_answer_and_evidence_passes_the_key_fact_check() -> None:
    # The matcher is stricter than plain substrings ("30" is not in "2030"); the gold must still pass.
    for question in load_questions(DEFAULT_QUESTIONS):
        if question.answerable:
            assert missing_facts(question.answers[0], question.key_facts) == [], question.id
            evidence = " ".join(item["text"] for item in ROWS[question.id]["evidence"])
            assert missing_facts(evidence, question.key_facts) == [], question.id


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"split": "train"}, "split must be 'dev' or 'test' (got 'train')"),
        ({"answerable": "yes"}, "field 'answerable' must be a bool (got str)"),
        ({"key_facts": ["Yokosuka"]}, "key_facts must be a list of non-empty lists"),
        ({"evidence": [{"article": "a.txt", "text": "x"}]}, "rebuild with questions/make_questions.py"),
        ({"evidence": []}, "an answerable question needs key_facts and evidence"),
        ({"question": "  "}, "must be non-empty strings"),
    ],
)
def test_malformed_questions_are_refused_in_words(tmp_path: Path, change: dict, message: str) -> None:
    path = write_questions(tmp_path / "q.jsonl", {**ROWS["q001"], **change})
    with pytest.raises(QAError, match="q.jsonl:1: ") as error:
        load_questions(path)
    assert message in str(error.value)


def test_question_file_errors_name_the_problem(tmp_path: Path) -> None:
    missing = {key: value for key, value in ROWS["q001"].items() if key != "kind"}
    with pytest.raises(QAError, match="field 'kind' must be a str .got nothing."):
        load_questions(write_questions(tmp_path / "a.jsonl", missing))
    with pytest.raises(QAError, match="duplicate id 'q001'"):
        load_questions(write_questions(tmp_path / "b.jsonl", ROWS["q001"], ROWS["q001"]))
    with pytest.raises(QAError, match="no questions for split 'test'"):
        load_questions(write_questions(tmp_path / "c.jsonl", ROWS["q001"]), "test")
    (tmp_path / "d.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(QAError, match="d.jsonl:1: not valid JSON"):
        load_questions(tmp_path / "d.jsonl")
    with pytest.raises(QAError, match="cannot read the question file"):
        load_questions(tmp_path / "absent.jsonl")


# --- baselines ------------------------------------------------------------------------------------


def test_naive_baseline_shows_the_raw_reply_and_cites_the_passages(make_pipeline) -> None:
    pipeline = make_pipeline("It is in Yokosuka, Japan.\nExtra line.")
    answer = naive_answer(pipeline, "Where is Nissan's Oppama plant located?")
    assert answer.text == "It is in Yokosuka, Japan. Extra line."  # unchecked, as the model said it
    assert not answer.abstained
    assert len(answer.citations) == len(answer.passages) == pipeline.settings.top_k
    prompt = pipeline.generator.prompts[-1][-1]["content"]
    assert NAIVE_INSTRUCTION + "Where is Nissan's Oppama plant located?" in prompt
    assert all(hit.chunk.text in prompt for hit in answer.passages)


def test_naive_baseline_abstains_only_when_the_model_declines(make_pipeline) -> None:
    pipeline = make_pipeline("The text does not mention Tesla.")
    assert naive_answer(pipeline, "What is Tesla's EV market share in Japan?").abstained


def test_naive_baseline_passes_earlier_turns_as_chat(make_pipeline) -> None:
    pipeline = make_pipeline("16.1%.")
    naive_answer(pipeline, "And BYD?", history=[("What was CATL's share?", "37.6%.")])
    roles = [message["role"] for message in pipeline.generator.prompts[-1]]
    assert roles == ["user", "assistant", "user"]
    assert pipeline.generator.prompts[-1][1]["content"] == "37.6%."


def test_extractive_baseline_quotes_one_verbatim_sentence_and_never_abstains(make_pipeline) -> None:
    pipeline = make_pipeline()
    for question in (
        "How many employees work at the Oppama plant?",
        "What is Tesla's EV market share in Japan?",
    ):
        answer = extractive_answer(pipeline, question)
        assert not answer.abstained and len(answer.citations) == 1
        citation = answer.citations[0]
        assert answer.text == f"“{citation.quote}” [1]"
        assert verify_citation(citation, pipeline.index.sources[citation.article_id].text)
    assert pipeline.generator.prompts == []  # no model call


# --- the whole run ---------------------------------------------------------------------------------


def test_dialog_second_turn_gets_the_first_answer_as_history(make_pipeline, monkeypatch) -> None:
    pipeline = make_pipeline("The Oppama plant.")
    calls = []
    real_ask = pipeline.ask

    def spy(question, *, history=None, top_k=None):  # type: ignore[no-untyped-def]
        calls.append((question, history))
        return real_ask(question, history=history, top_k=top_k)

    monkeypatch.setattr(pipeline, "ask", spy)
    question = next(q for q in load_questions(DEFAULT_QUESTIONS) if q.id == "q071")
    evaluation = evaluate(pipeline, [question])
    (record,) = evaluation.records["assistant"]
    assert [asked for asked, _ in calls] == [question.history[0], question.question]
    assert calls[0][1] is None
    assert calls[1][1] == [(question.history[0], record.first_turn_answer)]
    assert record.history == question.history and len(evaluation.seconds["assistant"]) == 2


def test_end_to_end_eval_scores_every_system_and_writes_the_outputs(make_pipeline, tmp_path: Path) -> None:
    path = write_questions(tmp_path / "q.jsonl", ROWS["q001"], ROWS["q034"], ROWS["q070"], ROWS["q080"])
    questions = load_questions(path)
    pipeline = make_pipeline("The plant is in Yokosuka, Japan.")
    evaluation = evaluate(pipeline, questions, ["assistant", "naive", "extractive"], startup_seconds=2.0)

    assert set(evaluation.records) == {"assistant", "naive", "extractive"}
    for system, records in evaluation.records.items():
        assert [r.id for r in records] == ["q001", "q034", "q070", "q080"]
        assert len(evaluation.seconds[system]) == 6  # two dialogs ask twice
        for r in records:
            assert r.correct == ((not r.abstained and not r.missing) if r.answerable else r.abstained)
            assert len(r.supporting) == len(r.verbatim) == len(r.citations)
            assert bool(r.failures) == (not r.correct or r.cites_gold is False or not all(r.verbatim))
    assert evaluation.seconds["assistant"][0] >= 2.0  # the first answer carries the start-up time
    assert all(evaluation.records["extractive"][i].abstained is False for i in range(4))
    assert evaluation.summaries["extractive"]["abstention"] == 0.0
    assert evaluation.summaries["assistant"]["verbatim"] in (None, 1.0)

    targets = check_targets(evaluation.summaries)
    labels = [t.label for t in targets]
    assert "accuracy above naive" in labels and "abstention above extractive" in labels
    table = terminal_table(evaluation.summaries, targets, top_k=pipeline.settings.top_k)
    assert "Answer accuracy (answerable)" in table and "extractive" in table

    written = write_outputs(evaluation, targets, tmp_path / "out", split="all", settings=pipeline.settings)
    assert [p.name for p in written] == ["results.json", "report.md", "chart.png"]
    results = json.loads(written[0].read_text(encoding="utf-8"))
    assert [r["id"] for r in results["records"]["naive"]] == ["q001", "q034", "q070", "q080"]
    assert results["summaries"]["assistant"]["questions"] == 4
    report = written[1].read_text(encoding="utf-8")
    assert "| Metric | assistant | naive | extractive |" in report and "## Failures (assistant)" in report
    for record in evaluation.records["assistant"]:
        assert (f"### {record.id} " in report) == bool(record.failures)
    assert written[2].read_bytes().startswith(b"\x89PNG")


def test_run_cli_exits_1_only_when_asked_to_check_a_missed_target(
    make_pipeline, tmp_path, monkeypatch
) -> None:
    impossible = {**ROWS["q001"], "key_facts": [["Atlantis"]]}  # no answer can hold it: accuracy is 0
    path = write_questions(tmp_path / "q.jsonl", impossible)
    pipeline = make_pipeline("The plant is in Yokosuka, Japan.")
    monkeypatch.setattr("qa.evaluation.Pipeline", lambda settings: pipeline)
    args = argparse.Namespace(
        questions=path,
        split="all",
        baseline=None,
        no_baselines=True,
        out=tmp_path / "out",
        check_targets=False,
    )
    assert run_cli(args, pipeline.settings) == 0
    assert run_cli(argparse.Namespace(**{**vars(args), "check_targets": True}), pipeline.settings) == 1
    results = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert list(results["records"]) == ["assistant"]
    assert results["records"]["assistant"][0]["missing"] == [["Atlantis"]]
