"""Property tests: offsets always map back, and nothing is lost or doubled except boilerplate on purpose."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa.articles import clean, load_article
from qa.chunking import article_sentences, chunk_sentences, split_sentences
from qa.errors import ArticleError
from qa.markup import mask_html, mask_markdown

EXAMPLES = int(os.environ.get("QA_PROPERTY_EXAMPLES", "150"))  # raise it for a deeper search
FAST = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéü", min_size=2, max_size=9)
NAME = WORD.map(str.capitalize)
NUMBER = st.sampled_from(["3,900", "$1.5 billion", "37.6%", "2028", "U.S.", "Co."])


@st.composite
def body_sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.one_of(WORD, NAME, NUMBER), min_size=5, max_size=18))
    return f"{draw(NAME)} {' '.join(words)}{draw(st.sampled_from(['.', '!', '?', '.”']))}"


BOILERPLATE = [
    "Top Banner Top Banner",
    "Input",
    "Changed",
    "Advertisement",
    "Also Read: Ten Things To Know About Batteries",
    "We use cookies to ensure you get the best experience on our website.",
    "🍪 Do you like Cookies?",
    "Share",
    "•",
]


@st.composite
def page(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A news page: unique body lines (some bulleted) with furniture lines mixed in."""
    body = draw(st.lists(body_sentence(), min_size=1, max_size=8, unique_by=lambda s: s.lower()))
    lines: list[str] = []
    for sentence in body:
        lines += draw(st.lists(st.sampled_from(BOILERPLATE), max_size=2))
        prefix = draw(st.sampled_from(["", "", "• ", "  • ", "- ", "\t"]))
        lines.append(prefix + sentence + draw(st.sampled_from(["", " ", "\r"])))
        if draw(st.booleans()):
            lines.append("")
    return "\n".join(lines), body


@FAST
@given(page())
def test_cleaning_keeps_each_body_line_once_and_no_furniture(generated: tuple[str, list[str]]) -> None:
    text, body = generated
    kept = [text[start:end] for start, end in clean(text)]
    for sentence in body:
        assert kept.count(sentence) == 1, (sentence, kept)
    assert not set(kept) & set(BOILERPLATE)
    assert len(kept) == len(body)


@FAST
@given(st.text(max_size=600))
def test_clean_spans_are_ordered_disjoint_and_stripped(text: str) -> None:
    position = 0
    for start, end in clean(text):
        assert position <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        position = end


MARKUP = st.lists(
    st.one_of(
        st.text(max_size=30),
        st.sampled_from(
            ["<p>", "</p>", "<br/>", "<script>x()</script>", "<!-- c -->", "<a href='u'>", "</a>",
             "&amp;", "**", "_", "`", "# ", "[t](http://u)", "![i](p.png)", "---\ntitle: T\n---\n", "\n\n",
             "<head>", "</head>"]
        ),
    ),
    max_size=40,
).map("".join)  # fmt: skip


@FAST
@given(MARKUP)
def test_masking_markup_keeps_length_and_every_visible_character_in_place(text: str) -> None:
    for visible in (mask_html(text)[0], mask_markdown(text)):
        assert len(visible) == len(text)
        assert all(v == t or v.isspace() for v, t in zip(visible, text, strict=True))


@FAST
@given(
    st.one_of(MARKUP, page().map(lambda generated: generated[0])), st.sampled_from([".txt", ".md", ".html"])
)
def test_every_sentence_maps_back_to_the_file_and_tiles_its_paragraph(
    tmp_path_factory,
    text: str,
    suffix: str,  # type: ignore[no-untyped-def]
) -> None:
    path = Path(tmp_path_factory.mktemp("prop")) / f"article{suffix}"
    path.write_text(text, encoding="utf-8", newline="")
    try:
        article = load_article(path)
    except ArticleError:
        return
    assert article.text == text
    sentences = article_sentences(article)
    for sentence in sentences:
        shown = " ".join(article.visible[sentence.start : sentence.end].split())
        assert shown == sentence.text and sentence.text
        if suffix == ".txt":
            assert " ".join(text[sentence.start : sentence.end].split()) == sentence.text
    for start, end in article.paragraphs:  # the paragraph's sentences cover it, whitespace aside
        inside = "".join(article.visible[s.start : s.end] for s in sentences if start <= s.start < end)
        assert "".join(inside.split()) == "".join(article.visible[start:end].split())
    chunks = chunk_sentences(article, sentences)
    assert {i for c in chunks for i in range(c.first, c.last)} == set(range(len(sentences)))
    for chunk in chunks:
        assert chunk.text == " ".join(s.text for s in sentences[chunk.first : chunk.last])


@FAST
@given(st.lists(body_sentence(), min_size=1, max_size=10))
def test_splitting_joined_sentences_gives_them_back(body: list[str]) -> None:
    text = " ".join(body)
    found = [text[start:end] for start, end in split_sentences(text)]
    assert " ".join(found) == text  # never lost, never doubled
    assert len(found) <= len(body)  # a sentence may only be merged with its neighbour, never cut mid-word
