"""A broken, stale or foreign index is reported in words and rebuilt; crashes and races lose nothing."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FakeEmbedder
from hardening import OPPAMA, OPPAMA_REPLY, fake_pipeline, seed_corpus

from qa.errors import IndexCorruptError
from qa.index import FILES, FORMAT_VERSION, build_index, current_version, load_index

INDEXER = Path(__file__).resolve().parent / "indexer_process.py"


class OtherModel(FakeEmbedder):
    """Another embedding model: other name, other weights, other dimension."""

    name = "other-model"
    fingerprint = "other0001"

    def embed(self, texts: list[str], **options: object):  # type: ignore[no-untyped-def]
        return super().embed(texts)[:, :32] * 2**0.5


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    """(corpus, index) with a fresh index of the seeds."""
    corpus = seed_corpus(tmp_path / "corpus")
    build_index(corpus, tmp_path / "index", FakeEmbedder())
    return corpus, tmp_path / "index"


def live_file(index_dir: Path, name: str) -> Path:
    return current_version(index_dir) / name  # type: ignore[operator]


def damage_cases() -> list[tuple[str, str, bytes | None]]:
    cases: list[tuple[str, str, bytes | None]] = []
    for name in FILES:
        cases += [
            (name, "truncated to half", None),
            (name, "emptied", b""),
            (name, "garbage", b"\x00\xff\x93junk" * 9),
        ]
    return cases + [
        ("manifest.json", "a JSON list", b"[1, 2]"),
        ("articles.json", "an entry without fields", b"[{}]"),
        ("articles.json", "an entry without sentences", b'[{"id": "x.txt"}]'),
        ("articles.json", "a JSON object", b'{"id": "x.txt"}'),
        ("articles.json", "bad sentence rows", b'[{"id": "x", "title": "t", "date": null, "url": null, '
         b'"content_hash": "h", "text": "t", "sentences": [[1]]}]'),
        ("chunks.jsonl", "a row of the wrong shape", b"[1, 2]\n"),
        ("CURRENT", "not UTF-8", b"\xff\xfe\x00v-"),
        ("CURRENT", "a missing folder", b"v-19990101-000000-1-abcdef"),
        ("CURRENT", "empty", b""),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "how", "data"), damage_cases(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_a_damaged_index_file_is_reported_in_words_and_rebuilt(
    built: tuple[Path, Path], name: str, how: str, data: bytes | None
) -> None:
    corpus, index_dir = built
    path = index_dir / "CURRENT" if name == "CURRENT" else live_file(index_dir, name)
    original = path.read_bytes()
    path.write_bytes(original[: len(original) // 2] if data is None else data)

    with pytest.raises(IndexCorruptError) as raised:
        load_index(index_dir, FakeEmbedder())
    assert str(raised.value).strip(), "the error must say what is wrong"
    assert (
        "qa index" in str(raised.value) or "rebuild" in str(raised.value) or "no index" in str(raised.value)
    )

    pipeline = fake_pipeline(corpus, index_dir)
    answer = pipeline.ask(OPPAMA)  # the pipeline rebuilds instead of crashing
    assert answer.text.startswith(OPPAMA_REPLY) and not answer.abstained
    assert load_index(index_dir, FakeEmbedder()).manifest["articles"].keys() == pipeline.index.sources.keys()


def test_a_manifest_from_an_older_format_is_refused_then_rebuilt(built: tuple[Path, Path]) -> None:
    corpus, index_dir = built
    manifest_path = live_file(index_dir, "manifest.json")
    manifest = json.loads(manifest_path.read_text())
    manifest["format_version"] = 0
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(
        IndexCorruptError, match=f"index format 0 is not the supported {FORMAT_VERSION}.*qa index"
    ):
        load_index(index_dir, FakeEmbedder())
    answer = fake_pipeline(corpus, index_dir).ask(OPPAMA)
    assert not answer.abstained
    assert load_index(index_dir, FakeEmbedder()).manifest["format_version"] == FORMAT_VERSION


def test_an_index_from_another_embedding_model_is_refused_then_rebuilt(built: tuple[Path, Path]) -> None:
    corpus, index_dir = built
    with pytest.raises(
        IndexCorruptError, match="built with embedding model fake-bow .*not the configured other-model"
    ):
        load_index(index_dir, OtherModel())
    with pytest.raises(IndexCorruptError, match="rebuild it with: qa index"):
        load_index(index_dir, OtherModel())
    pipeline = fake_pipeline(corpus, index_dir)
    pipeline.embedder = OtherModel()  # the user switched models: 32 dimensions instead of 64
    answer = pipeline.ask(OPPAMA)  # no FAISS dimension assertion: the index was rebuilt
    assert answer.passages
    assert load_index(index_dir, OtherModel()).chunk_vectors.shape[1] == 32


def test_a_leftover_half_build_does_not_disturb_loading_and_is_cleared(built: tuple[Path, Path]) -> None:
    corpus, index_dir = built
    staging = index_dir / ".build-deadbeef"
    staging.mkdir()
    (staging / "chunks.jsonl").write_text('{"id": "partial"', encoding="utf-8")
    assert load_index(index_dir, FakeEmbedder()).chunks
    (corpus / "extra.txt").write_text("Extra Story Title\nAn extra story appears.\n", encoding="utf-8")
    build_index(corpus, index_dir, FakeEmbedder())
    assert not staging.exists()


def start_indexer(corpus: Path, index_dir: Path, marker: Path, *options: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(INDEXER), str(corpus), str(index_dir), str(marker), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(path: Path, process: subprocess.Popen[str], limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit
    while not path.exists():
        if process.poll() is not None:
            raise AssertionError(f"indexer ended early: {process.stderr.read()}")  # type: ignore[union-attr]
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"indexer never reached {path.suffix}")
        time.sleep(0.02)


def big_corpus(folder: Path, articles: int = 20) -> Path:
    seed_corpus(folder)
    for number in range(articles):
        lines = [f"Harbor Story Number {number}"] + [
            f"Harbor district {number} reported {number * 7 + line} new ferry riders in week {line}."
            for line in range(40)
        ]
        (folder / f"harbor_{number:03d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("moment", ["embedding", "writing"])
def test_sigkill_during_a_build_leaves_the_previous_index_loading_and_answering(
    built: tuple[Path, Path], tmp_path: Path, moment: str
) -> None:
    corpus, index_dir = built
    before = load_index(index_dir, FakeEmbedder()).manifest
    big_corpus(corpus)
    marker = tmp_path / "marker"
    process = start_indexer(corpus, index_dir, marker, "--slow-embed", "0.5", "--slow-write", "30")
    wait_for(marker.with_suffix(f".{moment}"), process)
    if moment == "writing":
        assert any(p.name.startswith(".build-") for p in index_dir.iterdir())  # killed mid-write
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    after = load_index(index_dir, FakeEmbedder())
    assert after.manifest == before  # the previous index, whole
    answer = fake_pipeline(corpus, index_dir).ask(OPPAMA)  # and the next ask brings it up to date
    assert not answer.abstained and answer.text.startswith(OPPAMA_REPLY)
    assert len(load_index(index_dir, FakeEmbedder()).sources) == 23
    assert not any(p.name.startswith(".build-") for p in index_dir.iterdir())


def test_two_indexers_at_once_both_finish_and_leave_one_whole_index(tmp_path: Path) -> None:
    corpus = big_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    first = start_indexer(corpus, index_dir, tmp_path / "one", "--slow-embed", "0.3", "--slow-write", "0.1")
    second = start_indexer(corpus, index_dir, tmp_path / "two", "--slow-embed", "0.3", "--slow-write", "0.1")
    outputs = [process.communicate(timeout=120) for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    index = load_index(index_dir, FakeEmbedder())
    assert len(index.sources) == 23
    assert index.chunk_vectors.shape[0] == len(index.chunks)
    versions = [p for p in index_dir.iterdir() if p.is_dir()]
    assert versions == [current_version(index_dir)]
    assert outputs[1][0].split() == ["done", versions[0].name] or outputs[0][0].split() == [
        "done",
        versions[0].name,
    ]


def test_a_reader_during_a_rebuild_always_sees_a_whole_index(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, index_dir = built
    big_corpus(corpus)
    process = start_indexer(corpus, index_dir, tmp_path / "marker", "--slow-write", "0.05")
    sizes = set()
    while process.poll() is None:
        try:
            sizes.add(len(load_index(index_dir, FakeEmbedder()).sources))
        except IndexCorruptError as error:  # a version deleted under the reader: reported, never half-read
            assert "unreadable" in str(error) or "no index" in str(error)
    assert process.returncode == 0
    sizes.add(len(load_index(index_dir, FakeEmbedder()).sources))
    assert sizes <= {3, 23} and 23 in sizes
    shutil.rmtree(index_dir)
