"""Split cleaned articles into sentences and overlapping passages, keeping every offset."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from qa.articles import SENTENCE_END, Article

# Tokens that end in a full stop without ending a sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st co corp inc ltd llc plc no vs etc e.g i.e jan feb mar apr jun jul aug "
    "sep sept oct nov dec gov gen sen rep approx est fig dept mt ft u.s u.k u.n e.u a.m p.m".split()
)
BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9$€£¥])")
MAX_SENTENCE_CHARS = 600


@dataclass(frozen=True)
class Sentence:
    article_id: str
    start: int  # offset of the first character in the original file text
    end: int  # offset just past the last character
    text: str  # the sentence as shown (runs of whitespace collapsed)
    heading: bool  # a headline or subheading rather than a full sentence


@dataclass(frozen=True)
class Chunk:
    id: str  # content hash of article + span, stable across rebuilds
    article_id: str
    first: int  # index of the first sentence in the article's sentence list
    last: int  # index one past the last sentence
    text: str


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans within text[start:end], never cutting inside "U.S.", "$1.5" or "Co. is"."""
    end = len(text) if end is None else end
    spans, begin = [], start
    while begin < end and text[begin].isspace():  # a sentence starts at its first character
        begin += 1
    for match in BOUNDARY.finditer(text, start, end):
        space = text.rfind(" ", begin, match.start())
        token = text[space + 1 if space >= 0 else begin : match.start() + 1].strip("\"'“‘([")
        word = token.rstrip(".").lower()
        if token.endswith(".") and (word in ABBREVIATIONS or re.fullmatch(r"[a-z]", word)):
            continue
        spans.append((begin, match.end()))
        begin = match.end()
        while begin < end and text[begin].isspace():
            begin += 1
    if begin < end and text[begin:end].strip():
        spans.append((begin, end))
    return [piece for span in spans for piece in _limit_length(text, *span)]


def _limit_length(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a run-on "sentence" (no punctuation for pages) at clause marks or spaces."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        window = text[start : start + MAX_SENTENCE_CHARS]
        cut = max(window.rfind("; "), window.rfind(", "), window.rfind(" "))
        cut = start + (cut + 1 if cut > MAX_SENTENCE_CHARS // 3 else MAX_SENTENCE_CHARS)
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    trimmed = [(s, e - (len(text[s:e]) - len(text[s:e].rstrip()))) for s, e in pieces]
    return [(s, e) for s, e in trimmed if s < e]


def article_sentences(article: Article) -> list[Sentence]:
    """Every sentence of every kept paragraph, in reading order."""
    sentences = []
    for start, end in article.paragraphs:
        spans = split_sentences(article.visible, start, end)
        # Cleaning cut a bullet glyph off this line: a list item states a fact, even unpunctuated.
        bulleted = bool(article.visible[article.visible.rfind("\n", 0, start) + 1 : start].strip())
        for span_start, span_end in spans:
            shown = " ".join(article.visible[span_start:span_end].split())
            short = len(shown.split()) <= 16 and not SENTENCE_END.search(shown)
            heading = len(spans) == 1 and short and not bulleted
            sentences.append(Sentence(article.id, span_start, span_end, shown, heading))
    return sentences


def chunk_sentences(
    article: Article, sentences: list[Sentence], *, size: int = 3, overlap: int = 1
) -> list[Chunk]:
    """Overlapping windows of `size` sentences; a short article still yields one chunk."""
    if size < 1 or not 0 <= overlap < size:
        raise ValueError(f"need size >= 1 and 0 <= overlap < size (got size={size}, overlap={overlap})")
    chunks, step = [], size - overlap
    for first in range(0, max(len(sentences) - overlap, 1), step):
        last = min(first + size, len(sentences))
        text = " ".join(sentence.text for sentence in sentences[first:last])
        key = f"{article.content_hash}:{sentences[first].start}:{sentences[last - 1].end}"
        chunk_id = hashlib.sha256(key.encode()).hexdigest()[:16]
        chunks.append(Chunk(chunk_id, article.id, first, last, text))
    return chunks
