"""The `qa` command: exit codes, messages, and JSON output (fakes injected; one real subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FakeEmbedder, ScriptedGenerator

import qa.pipeline
from qa import cli


@pytest.fixture
def fake_models(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Pipeline the CLI makes uses the fake embedder and a scripted reply."""
    real = qa.pipeline.Pipeline

    def with_fakes(settings=None, **_: object):  # type: ignore[no-untyped-def]
        settings = settings.replace(abstain_threshold=0.0)
        return real(settings, embedder=FakeEmbedder(), generator=ScriptedGenerator("About 3,900 employees."))

    monkeypatch.setattr(qa.pipeline, "Pipeline", with_fakes)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(("question", "words"), [("", "must not be empty"), ("  \t", "must not be empty")])
def test_an_empty_question_exits_2_with_the_reason(
    fake_models: None,
    capsys: pytest.CaptureFixture[str],
    corpus: Path,
    tmp_path: Path,
    question: str,
    words: str,
) -> None:
    code, out, err = run(capsys, "ask", question, "--corpus", str(corpus), "--index", str(tmp_path / "index"))
    assert code == 2 and out == ""
    assert err.startswith("error: ") and words in err
    assert "Traceback" not in err


def test_an_over_long_question_exits_2(
    fake_models: None, capsys: pytest.CaptureFixture[str], corpus: Path, tmp_path: Path
) -> None:
    code, _, err = run(capsys, "ask", "why " * 5000, "--corpus", str(corpus), "--index", str(tmp_path / "i"))
    assert code == 2 and "the limit is 1,000" in err


def test_json_output_parses_and_holds_the_answer(
    fake_models: None, capsys: pytest.CaptureFixture[str], corpus: Path, tmp_path: Path
) -> None:
    question = "How many employees does the Oppama facility have?"
    code, out, _ = run(
        capsys, "ask", question, "--json", "--corpus", str(corpus), "--index", str(tmp_path / "i")
    )
    assert code == 0
    record = json.loads(out)
    assert record["question"] == question and record["abstained"] is False
    assert "3,900" in record["text"]
    assert record["citations"] and {"quote", "start", "end", "article_id", "title"} <= set(
        record["citations"][0]
    )
    assert [p["rank"] for p in record["passages"]] == list(range(1, len(record["passages"]) + 1))
    source = (corpus / record["citations"][0]["article_id"]).read_text(encoding="utf-8")
    cited = record["citations"][0]
    assert " ".join(source[cited["start"] : cited["end"]].split()) == cited["quote"]


def test_plain_output_shows_the_answer_and_each_citation(
    fake_models: None, capsys: pytest.CaptureFixture[str], corpus: Path, tmp_path: Path
) -> None:
    question = "How many employees does the Oppama facility have?"
    code, out, _ = run(capsys, "ask", question, "--corpus", str(corpus), "--index", str(tmp_path / "i"))
    assert code == 0
    assert "3,900" in out.splitlines()[0]
    assert "[1] " in out and "000_33c6a3bce54667ed.txt" in out


def test_a_broken_history_file_exits_2(
    fake_models: None, capsys: pytest.CaptureFixture[str], corpus: Path, tmp_path: Path
) -> None:
    history = tmp_path / "history.json"
    history.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "ask", "And BYD?", "--history", str(history), "--corpus", str(corpus))
    assert code == 2 and "--history must be a JSON list" in err


@pytest.mark.parametrize(
    "content", ['[["What is it?"]]', "[[1, 2]]", '"abc"', '{"q": "a"}', '[["q", "a", "extra"]]', "[null]"]
)
def test_a_history_that_is_not_question_answer_pairs_exits_2(
    fake_models: None, capsys: pytest.CaptureFixture[str], corpus: Path, tmp_path: Path, content: str
) -> None:
    history = tmp_path / "history.json"
    history.write_text(content, encoding="utf-8")
    argv = [
        "ask",
        "What about it?",
        "--history",
        str(history),
        "--corpus",
        str(corpus),
        "--index",
        str(tmp_path),
    ]
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert "--history must be a JSON list of [question, answer] pairs" in err and "Traceback" not in err


def test_history_file_resolves_a_follow_up(
    fake_models: None, capsys: pytest.CaptureFixture[str], corpus: Path, tmp_path: Path
) -> None:
    history = tmp_path / "history.json"
    history.write_text(
        json.dumps([["What market share did CATL hold as of July 2024?", "37.6%"]]), encoding="utf-8"
    )
    argv = [
        "ask",
        "And BYD?",
        "--json",
        "--history",
        str(history),
        "--corpus",
        str(corpus),
        "--index",
        str(tmp_path),
    ]
    code, out, _ = run(capsys, *argv)
    assert code == 0 and "BYD" in json.loads(out)["standalone_question"]


def test_index_command_reports_what_it_indexed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], corpus: Path, tmp_path: Path
) -> None:
    monkeypatch.setattr("qa.embedding.make_embedder", lambda *_: FakeEmbedder())
    code, out, _ = run(capsys, "index", "--corpus", str(corpus), "--index", str(tmp_path / "index"))
    assert code == 0 and out.startswith("indexed 3 articles")
    assert (tmp_path / "index" / "CURRENT").exists()


def test_index_reads_the_uploads_and_eval_leaves_them_out(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], corpus: Path, tmp_path: Path
) -> None:
    uploads = tmp_path / "uploads"  # QA_UPLOADS_DIR (conftest)
    uploads.mkdir()
    (uploads / "extra.txt").write_text("Solar Robotics opens a plant in Osaka.\n\nIt will hire 1,250 workers.\n", encoding="utf-8")
    monkeypatch.setattr("qa.embedding.make_embedder", lambda *_: FakeEmbedder())
    code, out, _ = run(capsys, "index", "--corpus", str(corpus), "--index", str(tmp_path / "index"))
    assert code == 0 and out.startswith("indexed 4 articles")
    parser = cli.build_parser()
    assert cli._settings(parser.parse_args(["eval", "--corpus", str(corpus)])).uploads is None
    assert cli._settings(parser.parse_args(["ask", "x", "--corpus", str(corpus)])).uploads == uploads


def test_a_missing_corpus_folder_exits_1_in_words(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr("qa.embedding.make_embedder", lambda *_: FakeEmbedder())
    code, _, err = run(
        capsys, "index", "--corpus", str(tmp_path / "nowhere"), "--index", str(tmp_path / "index")
    )
    assert code == 1 and "corpus folder does not exist" in err and "Traceback" not in err


@pytest.mark.parametrize("value", ["0", "-3", "many"])
def test_top_k_must_be_a_positive_number(
    fake_models: None, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["ask", "How many employees?", "--top-k", value])
    assert exited.value.code == 2
    assert "--top-k" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["index", "ask"])
def test_help_exits_0(capsys: pytest.CaptureFixture[str], command: str) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main([command, "--help"])
    assert exited.value.code == 0 and "--corpus" in capsys.readouterr().out


def test_the_installed_command_exits_2_on_an_empty_question(tmp_path: Path) -> None:
    """The real entry point, in a fresh process: no model is loaded to refuse an empty question."""
    result = subprocess.run(
        [sys.executable, "-m", "qa.cli", "ask", "", "--index", str(tmp_path / "index")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == "error: question must not be empty (got '')"
    assert not (tmp_path / "index").exists()
