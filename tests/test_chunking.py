"""Sentence splitting and passage chunking: hard cases, overlap, offsets, and properties."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.articles import load_article
from qa.chunking import MAX_SENTENCE_CHARS, Chunk, article_sentences, chunk_sentences, split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def sentences_of(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


# --- the hard cases from the issue ----------------------------------------------------------------


def test_us_abbreviation_does_not_end_a_sentence() -> None:
    text = "Sales in the U.S. Market fell by 39%. Prices rose."
    assert sentences_of(text) == ["Sales in the U.S. Market fell by 39%.", "Prices rose."]


def test_decimal_amounts_do_not_end_a_sentence() -> None:
    text = "The plant costs $1.5 billion. It opens in 2027."
    assert sentences_of(text) == ["The plant costs $1.5 billion.", "It opens in 2027."]


def test_company_abbreviation_before_a_lower_case_word_does_not_end_a_sentence() -> None:
    text = "Nissan Motor Co. is said to be in talks with Foxconn. Foxconn has not commented."
    assert sentences_of(text) == [
        "Nissan Motor Co. is said to be in talks with Foxconn.",
        "Foxconn has not commented.",
    ]


def test_company_abbreviation_before_a_capitalised_word_does_not_end_a_sentence() -> None:
    text = "Toyota Motor Corp. Chairman Akio Toyoda spoke. He was brief."
    assert sentences_of(text) == ["Toyota Motor Corp. Chairman Akio Toyoda spoke.", "He was brief."]


@pytest.mark.parametrize("text", ["Mr. Espinosa said so.", "Dr. Smith agreed.", "John F. Kennedy was there."])
def test_titles_and_initials_stay_inside_the_sentence(text: str) -> None:
    assert sentences_of(text) == [text]


def test_quotes_and_brackets_after_the_full_stop_stay_with_the_sentence() -> None:
    text = 'He said "it is done." (The deal closed.) Next came more.'
    assert sentences_of(text) == ['He said "it is done."', "(The deal closed.)", "Next came more."]


def test_question_and_exclamation_marks_end_sentences() -> None:
    assert sentences_of("Will it close? No! It stays open.") == ["Will it close?", "No!", "It stays open."]


def test_headings_without_a_full_stop_are_their_own_sentence_and_marked(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(
        "Japan Targets 150 GWh EV Battery Output by 2030\n"
        "Production would increase from 80 GWh to 120 GWh. The target is 150 GWh.\n"
        "Foreign Competition Harming Japan's EV Industry\n"
        "The absence of alternatives is a major factor.\n",
        encoding="utf-8",
    )
    found = [(s.text, s.heading) for s in article_sentences(load_article(path))]
    assert found == [
        ("Japan Targets 150 GWh EV Battery Output by 2030", True),
        ("Production would increase from 80 GWh to 120 GWh.", False),
        ("The target is 150 GWh.", False),
        ("Foreign Competition Harming Japan's EV Industry", True),
        ("The absence of alternatives is a major factor.", False),
    ]


def test_bullet_lines_become_sentences_without_their_glyph(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(
        "Plant Talks Continue\n"
        "  • Nissan is in talks with Foxconn. A deal could save jobs.\n"
        "  • The move is part of a restructuring.\n"
        "- The plant has about 3,900 employees\n",
        encoding="utf-8",
    )
    texts = [s.text for s in article_sentences(load_article(path))]
    assert texts == [
        "Plant Talks Continue",
        "Nissan is in talks with Foxconn.",
        "A deal could save jobs.",
        "The move is part of a restructuring.",
        "The plant has about 3,900 employees",
    ]


def test_a_bullet_item_without_a_full_stop_is_a_fact_not_a_heading(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(
        "Plant Talks Continue\n- The plant has about 3,900 employees\n  • Opened in 1961\n", encoding="utf-8"
    )
    flags = {s.text: s.heading for s in article_sentences(load_article(path))}
    assert flags == {
        "Plant Talks Continue": True,
        "The plant has about 3,900 employees": False,
        "Opened in 1961": False,
    }


def test_a_long_unpunctuated_run_is_cut_into_bounded_pieces_at_spaces() -> None:
    text = " ".join(f"word{n}" for n in range(400))
    pieces = sentences_of(text)
    assert len(pieces) > 1
    assert all(len(piece) <= MAX_SENTENCE_CHARS for piece in pieces)
    assert " ".join(pieces) == text  # cut only at spaces: nothing lost, no word split


def test_split_within_a_window_of_the_text() -> None:
    text = "IGNORED. First one. Second one. ALSO IGNORED."
    start, end = text.index("First"), text.index("ALSO") - 1
    assert [text[s:e] for s, e in split_sentences(text, start, end)] == ["First one.", "Second one."]


def test_seed_sentences_stand_at_their_offsets() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        article = load_article(path)
        for sentence in article_sentences(article):
            assert sentence.article_id == path.name
            assert " ".join(article.text[sentence.start : sentence.end].split()) == sentence.text
    article = load_article(SEEDS / "000_33c6a3bce54667ed.txt")
    texts = [s.text for s in article_sentences(article)]
    assert any(
        t.startswith("Nissan Motor Co. is said to be in talks") and t.endswith("revealed.") for t in texts
    )
    assert "The Oppama facility, which has approximately 3,900 employees" in " ".join(texts)


# --- chunking ------------------------------------------------------------------------------------


def article_with(tmp_path: Path, count: int):  # type: ignore[no-untyped-def]
    path = tmp_path / "story.txt"
    path.write_text(" ".join(f"Sentence number {n} is here." for n in range(count)) + "\n", encoding="utf-8")
    article = load_article(path)
    return article, article_sentences(article)


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5, 7, 10])
@pytest.mark.parametrize(("size", "overlap"), [(3, 1), (3, 0), (4, 2), (1, 0), (5, 4)])
def test_chunks_cover_every_sentence_with_the_requested_overlap(
    tmp_path: Path, count: int, size: int, overlap: int
) -> None:
    article, sentences = article_with(tmp_path, count)
    assert len(sentences) == count
    chunks = chunk_sentences(article, sentences, size=size, overlap=overlap)
    assert chunks[0].first == 0 and chunks[-1].last == count
    assert all(0 < chunk.last - chunk.first <= size for chunk in chunks)
    for before, after in zip(chunks, chunks[1:], strict=False):
        assert before.last - after.first == overlap  # consecutive passages share exactly `overlap`
    covered = {index for chunk in chunks for index in range(chunk.first, chunk.last)}
    assert covered == set(range(count))


def test_chunks_never_cut_a_sentence(tmp_path: Path) -> None:
    article, sentences = article_with(tmp_path, 8)
    for chunk in chunk_sentences(article, sentences, size=3, overlap=1):
        assert chunk.text == " ".join(s.text for s in sentences[chunk.first : chunk.last])


def test_chunk_ids_are_stable_and_distinct(tmp_path: Path) -> None:
    article, sentences = article_with(tmp_path, 9)
    first = chunk_sentences(article, sentences)
    again = chunk_sentences(article, article_sentences(article))
    assert [c.id for c in first] == [c.id for c in again]
    assert len({c.id for c in first}) == len(first)
    assert all(isinstance(c, Chunk) and c.article_id == "story.txt" for c in first)


@pytest.mark.parametrize(("size", "overlap"), [(0, 0), (3, 3), (3, -1), (2, 5)])
def test_bad_chunk_settings_are_refused_in_words(tmp_path: Path, size: int, overlap: int) -> None:
    article, sentences = article_with(tmp_path, 3)
    with pytest.raises(ValueError, match=f"size={size}, overlap={overlap}"):
        chunk_sentences(article, sentences, size=size, overlap=overlap)


# --- properties ----------------------------------------------------------------------------------

# Text built from the pieces that make splitting hard: abbreviations, decimals, quotes, newlines.
PIECES = st.sampled_from(
    ["U.S.", "Co.", "Mr.", "$1.5", "3,900", "billion.", "is", "Said", "The", "end.", "Why?", "No!", '"Yes."',
     "(Done.)", "e.g.", "…", "\n", "  ", "\t", "A.", "x", "Nissan", "ünïcode", "日本", "-", "•"]
)  # fmt: skip
TEXTS = st.one_of(
    st.lists(PIECES, max_size=60).map(" ".join),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300),
)


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.integers(0, 300), st.integers(0, 300))
def test_sentence_spans_stay_inside_the_requested_window(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    for span_start, span_end in split_sentences(text, start, end):
        assert start <= span_start < span_end <= end


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_sentence_spans_tile_the_text_without_loss_except_whitespace(text: str) -> None:
    spans = split_sentences(text)
    position = 0
    for start, end in spans:
        assert position <= start < end <= len(text)
        assert not text[position:start].strip()  # only whitespace between sentences
        assert text[start:end] == text[start:end].strip()  # no empty or padded sentence
        position = end
    assert not text[position:].strip()


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 40), st.integers(1, 6), st.data())
def test_chunks_tile_any_sentence_list(count: int, size: int, data: st.DataObject) -> None:
    overlap = data.draw(st.integers(0, size - 1))
    windows = _windows(count, size, overlap)
    assert windows[0][0] == 0 and windows[-1][1] == count
    assert {i for first, last in windows for i in range(first, last)} == set(range(count))
    assert all(0 < last - first <= size for first, last in windows)


def _windows(count: int, size: int, overlap: int) -> list[tuple[int, int]]:
    from qa.articles import Article
    from qa.chunking import Sentence

    article = Article("a.txt", "T", None, None, "x", "x", ((0, 1),), "hash")
    sentences = [Sentence("a.txt", n, n + 1, f"S{n}.", False) for n in range(count)]
    return [(c.first, c.last) for c in chunk_sentences(article, sentences, size=size, overlap=overlap)]
