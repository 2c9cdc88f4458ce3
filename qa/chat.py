"""What the web chat shows: answers, sources, articles and status as inert HTML, built from values.

Every piece of text that came from an article, a file name or a person (titles, quotes, questions)
goes through `escape` before any markup is wrapped around it, so the page never runs or loads
anything an article holds. The functions here take values and return strings; `app.py` only wires
them to Gradio components.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime

from qa.citations import Citation, verify_citation
from qa.errors import QAError
from qa.index import SearchIndex, Source
from qa.pipeline import Answer
from qa.retrieval import Hit
from qa.uploads import StoredArticle

History = list[tuple[str, str]]
AskStream = Callable[..., Iterator["str | Answer"]]

# Beyond HTML's own five, the characters Markdown, LaTeX and template engines give meaning to: written
# as character references they display as themselves whatever renderer the text reaches.
_ESCAPES = {ord(ch): f"&#{ord(ch)};" for ch in "&<>\"'`$[](){}!*_#~|\\"}
_MARKER = re.compile(r"&#91;(\d+)&#93;")
CLOSEST_PASSAGES = 3  # passages shown with an abstention
SNIPPET_CHARS = 220  # a passage shown longer than this is cut at a word: the full text is a click away


def escape(text: object) -> str:
    """Text as inert HTML: markup, Markdown and template characters become character references."""
    return str(text).translate(_ESCAPES)


def with_markers(text: str) -> str:
    """Escaped answer text whose [n] markers are shown as superscript source numbers."""
    return _MARKER.sub(r'<sup class="qa-marker">&#91;\1&#93;</sup>', escape(text))


def render_question(question: str) -> str:
    """A person's question as it appears in the chat."""
    return f'<p class="qa-question">{escape(question)}</p>'


def render_pending(text_so_far: str) -> str:
    """The answer while it streams in; before the first word, what the assistant is doing."""
    if not text_so_far:
        return '<p class="qa-pending">Searching the articles…</p>'
    return f'<p class="qa-answer">{with_markers(text_so_far)}<span class="qa-cursor">▍</span></p>'


def render_notice(message: str) -> str:
    """Something that did not work, said plainly."""
    return f'<p class="qa-refusal">{escape(message)}</p>'


def render_refusal(message: str) -> str:
    """A question that could not be asked (empty, too long, ...), and why."""
    return render_notice(f"Cannot answer that: {message}")


def render_answer(answer: Answer, references: Sequence[Citation]) -> str:
    """The finished answer: its text with markers, then its numbered sources or closest passages."""
    parts = []
    if answer.standalone_question != answer.question:
        parts.append(f'<p class="qa-muted">Read as: {escape(answer.standalone_question)}</p>')
    kind = "qa-abstained" if answer.abstained else "qa-answer"
    parts.append(f'<p class="{kind}">{with_markers(answer.text)}</p>')
    if references:
        heading = "Closest passages (they do not answer it)" if answer.abstained else "Sources"
        items = "".join(_source_item(reference, cut=answer.abstained) for reference in references)
        parts.append(
            f'<div class="qa-sources"><p class="qa-sources-title">{heading}</p><ol>{items}</ol></div>'
        )
    return "".join(parts)


def _source_item(reference: Citation, *, cut: bool) -> str:
    quote = snippet(reference.quote) if cut else reference.quote  # cited sentences whole; passages cut
    return (
        f'<li value="{reference.number}"><span class="qa-source-title">{escape(reference.title)}</span>'
        f' <span class="qa-date">{_date(reference.date)}</span>'
        f'<blockquote class="qa-quote">“{escape(quote)}”</blockquote></li>'
    )


def render_source_cards(references: Sequence[Citation], *, abstained: bool = False) -> str:
    """Buttons for the last answer's sources; app.py's click handler reads `data-source`."""
    if not references:
        return (
            '<p class="qa-muted">Sources of the answer appear here; select one to read it in its article.</p>'
        )
    heading = "Closest passages" if abstained else "Sources"
    cards = "".join(_card(reference, cut=abstained) for reference in references)
    return (
        f'<p class="qa-sources-title">{heading}: select one to see it in its article</p>'
        f'<div class="qa-cards">{cards}</div>'
    )


def _card(reference: Citation, *, cut: bool) -> str:
    quote = snippet(reference.quote) if cut else reference.quote
    return (
        f'<button type="button" class="qa-card" data-source="{reference.number}">'
        f'<span class="qa-card-number">{reference.number}</span>'
        f'<span class="qa-card-body"><span class="qa-source-title">{escape(reference.title)}</span>'
        f' <span class="qa-date">{_date(reference.date)}</span>'
        f'<span class="qa-card-quote">“{escape(quote)}”</span></span></button>'
    )


def render_article(source: Source, reference: Citation | None = None) -> str:
    """The article's original text, escaped, with the quoted span highlighted when it still stands there."""
    header = (
        f'<div class="qa-article-head"><p class="qa-article-title">{escape(source.title)}</p>'
        f'<p class="qa-muted">{_date(source.date)} · {escape(source.id)}'
        f"{' · ' + escape(source.url) if source.url else ''}</p></div>"
    )
    text = source.text
    if reference is None:
        return f'{header}<div class="qa-article">{escape(text)}</div>'
    if not quote_stands(reference, text):
        note = (
            '<p class="qa-refusal">The article changed since this answer; the quote is not at its place.</p>'
        )
        return f'{header}{note}<div class="qa-article">{escape(text)}</div>'
    start, end = reference.start, reference.end
    highlighted = (
        f'<mark class="qa-highlight" data-source="{reference.number}">{escape(text[start:end])}</mark>'
    )
    return f'{header}<div class="qa-article">{escape(text[:start])}{highlighted}{escape(text[end:])}</div>'


def quote_stands(reference: Citation, text: str) -> bool:
    """The quote's words stand, in order, at its offsets in the article text.

    Exact for plain text (verify_citation); for Markdown and HTML the quote was read from the text
    with markup blanked out, so its words are found between the markup instead.
    """
    if verify_citation(reference, text):
        return True
    if not 0 <= reference.start < reference.end <= len(text):
        return False
    span, at = text[reference.start : reference.end], 0
    for word in reference.quote.split():
        at = span.find(word, at)
        if at < 0:
            return False
        at += len(word)
    return True


def render_library(sources: Iterable[Source]) -> str:
    """The first screen: which articles the assistant knows, newest first."""
    ordered = sorted(sources, key=lambda source: (source.date or "", source.title), reverse=True)
    if not ordered:
        return '<p class="qa-refusal">No articles yet: add one below, then ask about it.</p>'
    items = "".join(
        f'<li><span class="qa-source-title">{escape(source.title)}</span> '
        f'<span class="qa-date">{_date(source.date)}</span> '
        f'<span class="qa-muted">{escape(source.id)}</span></li>'
        for source in ordered
    )
    count = f"{len(ordered)} article{'s' if len(ordered) != 1 else ''}"
    return f'<p class="qa-library-title">I answer from {count}:</p><ul class="qa-library">{items}</ul>'


def status_line(
    index: SearchIndex, model: str, last: Answer | None = None, at: datetime | None = None
) -> str:
    """Articles and passages indexed, the model in use, and when the last answer came and how fast."""
    parts = [f"{len(index.sources)} articles", f"{len(index.chunks)} passages", f"model: {escape(model)}"]
    if last is not None:
        seconds = last.timings.get("total")
        took = f" in {seconds:.1f} s" if seconds is not None else ""
        when = f" at {at:%H:%M:%S}" if at else ""
        parts.append(f"last answer{when}{took}")
    return f'<p class="qa-status">{" · ".join(parts)}</p>'


def references(answer: Answer, index: SearchIndex) -> tuple[Citation, ...]:
    """What the answer's sources point to: its citations, or for an abstention its closest passages."""
    if not answer.abstained:
        return answer.citations
    return tuple(
        _passage(number, hit, index) for number, hit in enumerate(answer.passages[:CLOSEST_PASSAGES], 1)
    )


def _passage(number: int, hit: Hit, index: SearchIndex) -> Citation:
    """A retrieved passage as a citation of its whole span, so it opens like any source."""
    source = index.sources[hit.chunk.article_id]
    sentences = index.chunk_sentences(hit.chunk)
    start, end = sentences[0].start, sentences[-1].end
    return Citation(
        number,
        source.id,
        source.title,
        source.date,
        source.url,
        " ".join(source.text[start:end].split()),
        start,
        end,
    )


def reply_steps(
    ask_stream: AskStream, question: str, history: History, index: Callable[[], SearchIndex]
) -> Iterator[tuple[str, Answer | None, tuple[Citation, ...]]]:
    """The assistant's message as it grows: (html, None, ()) while streaming, then (html, answer, references).

    A question the pipeline refuses ends with its reason in words and no answer.
    """
    yield render_pending(""), None, ()
    shown = ""
    try:
        for piece in ask_stream(question, history=history):
            if isinstance(piece, Answer):
                found = references(piece, index())
                yield render_answer(piece, found), piece, found
                return
            shown += piece
            yield render_pending(shown), None, ()
    except QAError as error:
        yield render_refusal(str(error)), None, ()


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """Text cut at a word boundary near `limit` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def _date(date: str | None) -> str:
    return escape(date) if date else "undated"


def render_upload_added(stored: StoredArticle, index: SearchIndex) -> str:
    """What an accepted upload became: its title, date, stored name and passage count."""
    article = stored.article
    passages = sum(1 for chunk in index.chunks if chunk.article_id == stored.path.name)
    if stored.path.name not in index.sources:
        return render_upload_refused(
            stored.asked_name, f"stored as {stored.path.name} but the index skipped it (see the log)"
        )
    renamed = f" (saved as {escape(stored.path.name)})" if stored.renamed else ""
    return (
        f'<p class="qa-added">Added “{escape(article.title)}”, {_date(article.date)}{renamed}: '
        f"{passages} passages indexed. Ask about it now.</p>"
    )


def render_removed(name: str, title: str | None) -> str:
    """An article someone added, taken out of the library."""
    called = f"“{escape(title)}” ({escape(name)})" if title else escape(name)
    return f'<p class="qa-added">Removed {called} from the library.</p>'


def render_upload_refused(name: str, reason: str) -> str:
    """Why an upload was not added, in words."""
    return render_notice(f"Not added ({name}): {reason}")
