"""Wrong, broken or odd article files: each is handled, or skipped with a warning naming it."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from conftest import FakeEmbedder
from hardening import OPPAMA, fake_pipeline, seed_corpus

from qa.chunking import MAX_SENTENCE_CHARS
from qa.citations import verify_citation
from qa.index import build_index, load_index

SEED_NAMES = {"000_33c6a3bce54667ed.txt", "001_1039260d6b251263.txt", "002_0b82c0a571192d8b.txt"}
STORY = "Harbor Ferry Terminal Opens\nHarbor City opened a ferry terminal on Tuesday. It cost $120 million.\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return seed_corpus(tmp_path / "corpus")


def index_with_log(corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> set[str]:
    """Build the index; return the indexed article names (warnings land in caplog)."""
    with caplog.at_level(logging.WARNING):
        index = build_index(corpus, tmp_path / "index", FakeEmbedder())
    assert set(load_index(tmp_path / "index", FakeEmbedder()).sources) == set(index.sources)
    return set(index.sources)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\n\t \r\n", "empty"),
        ("photo.txt", bytes(range(256)) * 40, "binary"),
        ("archive.txt", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + os.urandom(2000), "binary"),
        ("pcm-silence.txt", b"RIFF" + bytes(4000), "binary"),
        ("utf16-truncated.txt", b"\xff\xfe" + STORY.encode("utf-16-le") + b"!", "UTF-16"),
        ("furniture.txt", b"Top Banner Top Banner\nAdvertisement\nShare\n", "no article text"),
        ("byline.txt", b"By Jane Doe | March 3, 2022\n", "no article text"),
        ("scripts.html", b"<html><script>alert('x')</script><style>p{}</style></html>", "no article text"),
        ("random.txt", os.urandom(4000).replace(b"\x00", b"\x01"), "not UTF-8"),
    ],
)
def test_an_unusable_file_is_skipped_with_a_warning_naming_it_and_the_rest_is_indexed(
    corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str, content: bytes, reason: str
) -> None:
    (corpus / name).write_bytes(content)
    assert index_with_log(corpus, tmp_path, caplog) == SEED_NAMES
    warnings = [
        r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and name in r.getMessage()
    ]
    assert warnings and reason in warnings[0]


def test_a_50_mb_file_is_skipped_by_its_size_without_being_read(
    corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    huge = corpus / "huge.txt"
    with huge.open("wb") as handle:  # a sparse 50 MB file: instant to make
        handle.truncate(50 * 1024 * 1024)
    read: list[str] = []
    real_read = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.name) or real_read(self))
    assert index_with_log(corpus, tmp_path, caplog) == SEED_NAMES
    assert "huge.txt" not in read  # refused on its size alone, so it costs nothing
    assert "huge.txt" in caplog.text and "52,428,800 bytes" in caplog.text


@pytest.mark.parametrize(
    ("encoding", "name"),
    [
        ("latin-1", "latin1.txt"),
        ("cp1252", "windows.txt"),
        ("utf-16", "utf16.txt"),
        ("utf-16-le", "utf16le-no-bom.txt"),
        ("utf-16-be", "utf16be-no-bom.txt"),
        ("utf-8-sig", "bom.txt"),
    ],
)
def test_text_in_other_encodings_is_read_with_every_character_right(
    corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, encoding: str, name: str
) -> None:
    story = (
        "Café Owners In São Paulo\nThe café in São Paulo raised prices by 5% on Monday. Its owner agreed.\n"
    )
    (corpus / name).write_bytes(story.encode(encoding))
    assert name in index_with_log(corpus, tmp_path, caplog)
    sentences = [
        s.text for s in load_index(tmp_path / "index", FakeEmbedder()).sentences if s.article_id == name
    ]
    assert "The café in São Paulo raised prices by 5% on Monday." in sentences
    if encoding in ("latin-1", "cp1252"):
        assert f"{name} is not UTF-8" in caplog.text
    if encoding in ("utf-16-le", "utf-16-be"):
        assert f"{name} has no byte order mark" in caplog.text


def test_a_file_with_no_sentence_punctuation_is_indexed_in_bounded_sentences(
    corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    words = " ".join(f"harbor ferry ridership figure {n} rose again" for n in range(600))
    (corpus / "nopunct.txt").write_text(words, encoding="utf-8")
    assert "nopunct.txt" in index_with_log(corpus, tmp_path, caplog)
    index = load_index(tmp_path / "index", FakeEmbedder())
    mine = [s for s in index.sentences if s.article_id == "nopunct.txt"]
    assert len(mine) > 10 and all(len(s.text) <= MAX_SENTENCE_CHARS for s in mine)
    assert " ".join(s.text for s in mine) == words  # cut at spaces only: nothing lost
    assert len(index.sources["nopunct.txt"].title) <= 120


def test_the_same_article_under_two_names_is_indexed_once_with_a_warning(
    corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    original = corpus / "000_33c6a3bce54667ed.txt"
    (corpus / "copy_of_nissan.txt").write_bytes(original.read_bytes())
    indexed = index_with_log(corpus, tmp_path, caplog)
    assert indexed == SEED_NAMES
    assert "skipping copy_of_nissan.txt: same text as 000_33c6a3bce54667ed.txt" in caplog.text


@pytest.mark.parametrize(
    ("how", "change"),
    [
        ("Windows line ends", lambda text: text.replace("\n", "\r\n")),
        ("trailing spaces and blank lines", lambda text: text.replace("\n", "  \n\n") + "\n\n\n"),
    ],
)
def test_the_same_article_with_other_whitespace_is_a_duplicate_too(
    corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, how: str, change
) -> None:  # type: ignore[no-untyped-def]
    original = (corpus / "000_33c6a3bce54667ed.txt").read_text(encoding="utf-8")
    (corpus / "nissan_copy.txt").write_bytes(change(original).encode())
    assert index_with_log(corpus, tmp_path, caplog) == SEED_NAMES
    assert "skipping nissan_copy.txt: same text as 000_33c6a3bce54667ed.txt" in caplog.text


def test_an_unreadable_file_is_skipped_with_a_warning(
    corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that vanishes or cannot be opened between listing and reading (an upload in progress)."""
    (corpus / "locked.txt").write_text(STORY, encoding="utf-8")
    real_read = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert index_with_log(corpus, tmp_path, caplog) == SEED_NAMES
    assert "locked.txt" in caplog.text and "Permission denied" in caplog.text


def test_folders_and_other_file_types_are_ignored(
    corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (corpus / "folder.txt").mkdir()
    (corpus / "notes.pdf").write_bytes(b"%PDF-1.4 binary")
    (corpus / "dangling.txt").symlink_to(tmp_path / "missing-target.txt")
    assert index_with_log(corpus, tmp_path, caplog) == SEED_NAMES


def test_odd_file_names_are_fine(corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    for name in ("café news.txt", "日本語.md", "UPPER.TXT", "dots.in.name.html"):
        (corpus / name).write_text(STORY.replace("Harbor", name.split(".")[0].title()), encoding="utf-8")
    indexed = index_with_log(corpus, tmp_path, caplog)
    assert {"café news.txt", "日本語.md", "UPPER.TXT", "dots.in.name.html"} <= indexed


def test_a_removed_article_leaves_the_index_and_the_answers(corpus: Path, tmp_path: Path) -> None:
    pipeline = fake_pipeline(corpus, tmp_path / "index")
    before = pipeline.ask(OPPAMA)
    assert any(c.article_id == "000_33c6a3bce54667ed.txt" for c in before.citations)
    (corpus / "000_33c6a3bce54667ed.txt").unlink()
    after = pipeline.ask(OPPAMA)
    assert "000_33c6a3bce54667ed.txt" not in pipeline.index.sources
    assert all(hit.chunk.article_id != "000_33c6a3bce54667ed.txt" for hit in after.passages)
    assert all(c.article_id != "000_33c6a3bce54667ed.txt" for c in after.citations)
    assert "3,900" not in after.text
    assert (
        "000_33c6a3bce54667ed.txt" not in load_index(tmp_path / "index", FakeEmbedder()).manifest["articles"]
    )


def test_an_emptied_corpus_abstains_instead_of_failing(corpus: Path, tmp_path: Path) -> None:
    pipeline = fake_pipeline(corpus, tmp_path / "index")
    pipeline.ask(OPPAMA)
    for path in corpus.iterdir():
        path.unlink()
    answer = pipeline.ask(OPPAMA)
    assert answer.abstained and answer.citations == () and answer.passages == ()


def test_answers_quoting_a_latin1_article_stand_at_their_offsets(corpus: Path, tmp_path: Path) -> None:
    story = "Café Prices Rise\nThe café in São Paulo employs 45 baristas. Prices rose by 5% on Monday.\n"
    (corpus / "cafe.txt").write_bytes(story.encode("latin-1"))
    pipeline = fake_pipeline(corpus, tmp_path / "index", "It employs 45 baristas.")
    answer = pipeline.ask("How many baristas does the café in São Paulo employ?")
    assert answer.citations and answer.citations[0].article_id == "cafe.txt"
    for citation in answer.citations:
        assert verify_citation(citation, pipeline.index.sources[citation.article_id].text)
    assert "São Paulo" in answer.citations[0].quote
