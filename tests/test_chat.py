"""The web chat's glue, without a browser: rendering, escaping, uploads and the app's handlers."""

from __future__ import annotations

import html
import importlib.util
import re
from pathlib import Path

import pytest

from qa import chat
from qa.articles import load_article
from qa.citations import Citation
from qa.errors import ArticleError
from qa.index import Source
from qa.pipeline import Answer
from qa.uploads import safe_file_name, store_upload

ROOT = Path(__file__).resolve().parent.parent
OPPAMA = "How many employees does the Oppama facility have?"  # worded so the bag-of-words fake finds it
OPPAMA_REPLY = "About 3,900 employees work at the Oppama plant."
HOSTILE = (
    '<script>alert("x")</script> <img src=x onerror=alert(1)> ![pixel](http://tracker.invalid/p.png) '
    "[click](javascript:alert(1)) {{constructor}} ${document.cookie} `code` $x^2$ **bold**"
)
ACTIVE = re.compile(
    r"<(script|img|iframe|svg|a)\b|!\[|\]\(|\$\{|\{\{|`|\$", re.I
)  # outside a tag, "onerror=" is text


def visible_text(fragment: str) -> str:
    """What a browser shows for an HTML fragment: tags removed, character references decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def inert(fragment: str) -> bool:
    """No live markup and nothing a Markdown, LaTeX or template renderer would act on."""
    return not ACTIVE.search(fragment)


def hostile_citation(number: int = 1, start: int = 0, end: int | None = None) -> Citation:
    return Citation(
        number, "evil<x>.txt", f"Title {HOSTILE}", "2025-07-07", None, f"Quote {HOSTILE}", start, end or 10
    )


def answer_with(citations: tuple[Citation, ...], text: str = "It is 3,900. [1]", **changes: object) -> Answer:
    fields = {
        "question": "q?",
        "standalone_question": "q?",
        "text": text,
        "citations": citations,
        "abstained": False,
        "passages": (),
        "draft": "",
        "problems": (),
    }
    fields.update(changes)
    return Answer(**fields)  # type: ignore[arg-type]


# --- escaping and rendering ---------------------------------------------------------------------


def test_escape_makes_markup_markdown_and_templates_inert_but_keeps_the_text():
    escaped = chat.escape(HOSTILE)
    assert inert(escaped)
    assert visible_text(escaped) == HOSTILE


def test_answer_shows_markers_and_numbered_sources_with_title_date_and_quote():
    citation = Citation(
        1, "a.txt", "Nissan plant", "2025-07-07", None, "The plant has 3,900 employees.", 5, 35
    )
    rendered = chat.render_answer(answer_with((citation,)), (citation,))
    assert '<sup class="qa-marker">&#91;1&#93;</sup>' in rendered
    shown = visible_text(rendered)
    assert "It is 3,900. [1]" in shown
    assert "Nissan plant" in shown and "2025-07-07" in shown and "The plant has 3,900 employees." in shown
    assert '<li value="1">' in rendered


def test_hostile_titles_quotes_and_questions_render_inert_everywhere():
    citation = hostile_citation()
    answer = answer_with(
        (citation,), text=f"Answer {HOSTILE} [1]", question=f"Why {HOSTILE}?", standalone_question="x"
    )
    source = Source(
        "evil<x>.txt", f"Title {HOSTILE}", None, f"javascript:{HOSTILE}", "h", f"Body {HOSTILE} end"
    )
    fragments = [
        chat.render_answer(answer, (citation,)),
        chat.render_source_cards((citation,)),
        chat.render_question(answer.question),
        chat.render_pending(answer.text),
        chat.render_refusal(HOSTILE),
        chat.render_article(source),
        chat.render_article(source, Citation(1, source.id, source.title, None, None, "Body", 0, 4)),
        chat.render_library([source]),
        chat.render_upload_refused(f"{HOSTILE}.txt", HOSTILE),
    ]
    for fragment in fragments:
        assert inert(fragment), fragment
        assert HOSTILE in visible_text(fragment)


def test_article_view_highlights_exactly_the_cited_span_after_escaping():
    text = "Intro <b>bold</b>.\nThe plant has 3,900 employees & more.\nOutro <script>x()</script>"
    start = text.index("The plant")
    end = text.index("more.") + len("more.")
    source = Source("a.txt", "Plant", "2025-07-07", None, "h", text)
    citation = Citation(
        2, "a.txt", "Plant", "2025-07-07", None, "The plant has 3,900 employees & more.", start, end
    )
    rendered = chat.render_article(source, citation)
    marked = re.findall(r'<mark class="qa-highlight" data-source="2">(.*?)</mark>', rendered)
    assert [html.unescape(m) for m in marked] == [text[start:end]]
    body = re.search(r'<div class="qa-article">(.*)</div>$', rendered, re.S)
    assert body and visible_text(body.group(1)) == text
    assert "<script>" not in rendered and "<b>" not in rendered


def test_article_view_says_so_when_the_quote_no_longer_stands_there():
    source = Source("a.txt", "Plant", None, None, "h", "The text was rewritten since.")
    citation = Citation(1, "a.txt", "Plant", None, None, "The plant has 3,900 employees.", 0, 30)
    rendered = chat.render_article(source, citation)
    assert "<mark" not in rendered and "changed since this answer" in rendered


def test_markdown_quotes_stand_between_the_blanked_markup(tmp_path):
    path = tmp_path / "solar.md"
    path.write_text(
        "# Solar\n\nSolar Robotics will **hire 1,250** workers ![x](http://t.invalid/p.png) in Osaka.\n"
    )
    article = load_article(path)
    start = article.text.index("Solar Robotics")
    end = article.text.index("Osaka.") + len("Osaka.")
    quote = " ".join(article.visible[start:end].split())
    citation = Citation(1, "solar.md", article.title, None, None, quote, start, end)
    assert quote != " ".join(article.text[start:end].split())  # markup was blanked in the quote
    assert chat.quote_stands(citation, article.text)
    assert not chat.quote_stands(citation, article.text.replace("1,250", "9,999"))


def test_library_lists_titles_and_dates_newest_first():
    sources = [
        Source("old.txt", "Old news", "2024-01-01", None, "h1", "x"),
        Source("new.txt", "New news", "2025-07-07", None, "h2", "y"),
        Source("undated.txt", "Undated news", None, None, "h3", "z"),
    ]
    shown = visible_text(chat.render_library(sources))
    assert "3 articles" in shown
    assert shown.index("New news") < shown.index("Old news") < shown.index("Undated news")
    assert "2025-07-07" in shown and "undated" in shown
    assert "No articles" in chat.render_library([])


def test_snippet_cuts_long_passages_at_a_word():
    assert chat.snippet("short text") == "short text"
    cut = chat.snippet("word " * 100, limit=30)
    assert len(cut) <= 32 and cut.endswith(" …") and "wor …" not in cut


# --- the conversation, with the fake models -----------------------------------------------------


def test_reply_streams_then_shows_the_answer_its_sources_and_the_status(make_pipeline):
    pipeline = make_pipeline(OPPAMA_REPLY)
    steps = list(chat.reply_steps(pipeline.ask_stream, OPPAMA, [], lambda: pipeline.index))
    assert "Searching the articles" in steps[0][0]
    assert all(answer is None for _, answer, _ in steps[:-1]) and len(steps) > 2
    final_html, answer, found = steps[-1]
    assert answer is not None and not answer.abstained and found == answer.citations
    shown = visible_text(final_html)
    assert answer.text in shown and "3,900" in shown
    assert all(c.title in shown and c.quote in shown for c in found)
    source = pipeline.index.sources[found[0].article_id]
    marked = re.search(r"<mark[^>]*>(.*?)</mark>", chat.render_article(source, found[0]), re.S).group(1)
    assert " ".join(visible_text(marked).split()) == found[0].quote
    status = visible_text(chat.status_line(pipeline.index, pipeline.generator.name, answer))
    assert "3 articles" in status and "scripted" in status and "last answer" in status


def test_follow_up_is_read_against_the_history(make_pipeline):
    pipeline = make_pipeline(OPPAMA_REPLY)
    history = [("What is Nissan's plan for the Oppama plant?", "Nissan is in talks with Foxconn. [1]")]
    *_, (final_html, answer, _) = chat.reply_steps(
        pipeline.ask_stream, "How many employees work there?", history, lambda: pipeline.index
    )
    assert answer is not None and answer.standalone_question != answer.question
    assert "Read as:" in final_html


def test_abstention_says_so_and_offers_the_closest_passages_to_open(make_pipeline):
    pipeline = make_pipeline("irrelevant")
    *_, (final_html, answer, found) = chat.reply_steps(
        pipeline.ask_stream, "What is Tesla's market share in Japan?", [], lambda: pipeline.index
    )
    assert answer is not None and answer.abstained
    assert "Closest passages" in final_html and answer.text in visible_text(final_html)
    assert 0 < len(found) <= chat.CLOSEST_PASSAGES
    for reference in found:
        text = pipeline.index.sources[reference.article_id].text
        assert chat.quote_stands(reference, text)
        assert "<mark" in chat.render_article(pipeline.index.sources[reference.article_id], reference)


def test_a_refused_question_is_explained_in_words(make_pipeline):
    pipeline = make_pipeline(OPPAMA_REPLY)
    *_, (final_html, answer, found) = chat.reply_steps(pipeline.ask_stream, "   ", [], lambda: pipeline.index)
    assert answer is None and found == ()
    assert "must not be empty" in visible_text(final_html)


# --- uploads -------------------------------------------------------------------------------------

ARTICLE = (
    b"Solar Robotics opens a robot factory in Osaka\n\n"
    b"Solar Robotics will hire 1,250 workers at its new Osaka factory, the company said on 1 August 2025.\n"
    b"The factory will build 40,000 warehouse robots a year and start production in March 2026.\n"
)


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\windows\\evil.md", "evil.md"),
        ("/abs/path/a b<script>.html", "a-b-script.html"),
        (".hidden.txt", "hidden.txt"),
        ("Report.TXT", "Report.txt"),
        (".txt", "article.txt"),
        ("café news.md", "café-news.md"),
    ],
)
def test_upload_names_lose_folders_and_unsafe_characters(given, stored):
    assert safe_file_name(given) == stored


@pytest.mark.parametrize("given", ["evil.exe", "noext", "x.txt.exe", "archive.tar.gz", "../..", ""])
def test_upload_names_of_other_types_are_refused_in_words(given):
    with pytest.raises(ArticleError, match=r"only \.txt, \.md, \.html"):
        safe_file_name(given)


def test_upload_is_stored_in_the_given_folder_only(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    stored = store_upload(ARTICLE, "../../outside.txt", corpus, max_bytes=10_000)
    assert stored.path == corpus / "outside.txt" and stored.path.read_bytes() == ARTICLE
    assert not (tmp_path / "outside.txt").exists()
    assert sorted(p.name for p in corpus.iterdir()) == ["outside.txt"]  # no staging left behind
    assert stored.article.title == "Solar Robotics opens a robot factory in Osaka"


def test_an_existing_article_is_never_overwritten(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "news.txt").write_bytes(b"An older article about something else entirely, kept as it is.\n")
    stored = store_upload(ARTICLE, "news.txt", corpus, max_bytes=10_000)
    assert stored.path.name == "news-2.txt" and stored.renamed
    assert (corpus / "news.txt").read_bytes().startswith(b"An older article")
    assert "saved as news-2.txt" in visible_text(chat.render_upload_added(stored, _index_with(stored)))


def _index_with(stored):  # a stand-in index that holds the stored article
    class Index:
        sources = {stored.path.name: None}
        chunks = []

    return Index()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"x" * 2_000, r"2,000 bytes; the limit is 1,000 bytes"),
        (b"   \n\n ", r"file is empty"),
        (b"\x00\x01binary\x00" * 10, r"looks binary"),
    ],
)
def test_unusable_uploads_are_refused_with_the_reason(tmp_path, data, reason):
    with pytest.raises(ArticleError, match=reason):
        store_upload(data, "a.txt", tmp_path, max_bytes=1_000)
    assert list(tmp_path.iterdir()) == []


def test_a_duplicate_of_an_indexed_article_is_refused(make_pipeline, corpus):
    pipeline = make_pipeline(OPPAMA_REPLY)
    seed = sorted(corpus.glob("*.txt"))[0]
    known = {source.content_hash: source.id for source in pipeline.index.sources.values()}
    with pytest.raises(ArticleError, match=f"same text as {seed.name}"):
        store_upload(seed.read_bytes(), "copy.txt", corpus, max_bytes=10_000_000, known=known)
    assert not (corpus / "copy.txt").exists()


def test_an_uploaded_article_is_answerable_right_away_and_after_a_restart(make_pipeline, corpus):
    pipeline = make_pipeline("Solar Robotics will hire 1,250 workers.")
    assert len(pipeline.index.sources) == 3
    stored = store_upload(ARTICLE, "solar.txt", corpus, max_bytes=10_000)
    assert "solar.txt" in pipeline.index.sources
    assert "passages indexed" in chat.render_upload_added(stored, pipeline.index)
    answer = pipeline.ask("How many workers will Solar Robotics hire in Osaka?")
    assert not answer.abstained and answer.citations[0].article_id == "solar.txt"
    restarted = make_pipeline("Solar Robotics will hire 1,250 workers.")
    assert "solar.txt" in restarted.index.sources


# --- the app's handlers and flags, without a server ----------------------------------------------


@pytest.fixture
def app(monkeypatch, make_pipeline):
    spec = importlib.util.spec_from_file_location("qa_web_app", ROOT / "app.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    pipeline = make_pipeline(OPPAMA_REPLY)
    monkeypatch.setattr(module, "pipeline", lambda: pipeline)
    return module


def test_app_builds_and_answers_through_its_handlers(app):
    assert app.build_app() is not None
    library, status = app.show_library()
    assert "3 articles" in visible_text(library) and "passages" in visible_text(status)
    *_, last = app.respond(OPPAMA, [], [])
    chatbot, messages, cleared, cards, found, turns, status = last
    assert cleared == "" and chatbot == messages and [m["role"] for m in messages] == ["user", "assistant"]
    assert "3,900" in visible_text(messages[-1]["content"]) and 'data-source="1"' in cards
    assert turns == [(OPPAMA, turns[0][1])] and "last answer" in visible_text(status)
    opened = app.open_source(found, type("Event", (), {"source": "1"})())
    assert "<mark" in opened and "3,900" in visible_text(opened)
    assert "earlier answer" in app.open_source(found, type("Event", (), {"source": "9"})())


def test_app_adds_an_uploaded_article_and_refuses_a_bad_one(app, tmp_path):
    good = tmp_path / "solar.txt"
    good.write_bytes(ARTICLE)
    message, library, status, cleared = app.add_article(str(good), progress=lambda *a, **k: None)
    assert "Added" in visible_text(message) and "Solar Robotics" in visible_text(library) and cleared is None
    assert "Choose a .txt" in visible_text(app.add_article(None, progress=lambda *a, **k: None)[0])
    bad = tmp_path / "tool.exe"
    bad.write_bytes(b"MZ")
    message, *_ = app.add_article(str(bad), progress=lambda *a, **k: None)
    assert "Not added" in visible_text(message) and "only .txt" in visible_text(message)


def test_app_stores_uploads_apart_from_the_corpus_folder(app, corpus, tmp_path, make_pipeline):
    shipped = {path.name: path.read_bytes() for path in corpus.iterdir()}
    first = sorted(shipped)[0]
    upload = tmp_path / first  # the same name as a shipped article, other text
    upload.write_bytes(ARTICLE)
    message, library, *_ = app.add_article(str(upload), progress=lambda *a, **k: None)
    assert "Added" in visible_text(message) and "Solar Robotics" in visible_text(library)
    assert {path.name: path.read_bytes() for path in corpus.iterdir()} == shipped  # the corpus is untouched
    stored = tmp_path / "uploads" / first.replace(".txt", "-2.txt")  # a name is an id: the shipped one keeps it
    assert stored.read_bytes() == ARTICLE
    assert {first, stored.name} <= set(app.pipeline().index.sources)
    assert stored.name in make_pipeline(OPPAMA_REPLY).index.sources  # and after a restart


def test_app_removes_an_added_article_and_nothing_else(app, corpus, tmp_path):
    upload = tmp_path / "solar.txt"
    upload.write_bytes(ARTICLE)
    app.add_article(str(upload), progress=lambda *a, **k: None)
    assert app.removable().choices == [("solar.txt", "solar.txt")]
    seed = sorted(corpus.iterdir())[0]
    for name in (seed.name, f"../corpus/{seed.name}", "missing.txt"):  # only what was added, by its listed name
        message, *_ = app.remove_article(name)
        assert "Not removed" in visible_text(message) and seed.exists()
    assert "Choose an article" in visible_text(app.remove_article(None)[0])
    message, library, status = app.remove_article("solar.txt")
    assert "Removed “Solar Robotics opens a robot factory in Osaka” (solar.txt)" in visible_text(message)
    assert "Solar Robotics" not in visible_text(library) and "3 articles" in visible_text(library)
    assert not (tmp_path / "uploads" / "solar.txt").exists() and "solar.txt" not in app.pipeline().index.sources
    assert app.removable().choices == []


def test_app_says_so_when_answering_breaks(app, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("model file is missing")

    monkeypatch.setattr(app.pipeline(), "ask_stream", broken)
    *_, (chatbot, *_rest) = app.respond(OPPAMA, [], [])
    assert "Something went wrong: model file is missing" in visible_text(chatbot[-1]["content"])


def test_app_flags_default_to_localhost_and_read_qa_variables(app, monkeypatch):
    args = app.parse_args([])
    assert (args.host, args.port, args.username, args.share) == ("127.0.0.1", 7860, None, False)
    monkeypatch.setenv("QA_HOST", "0.0.0.0")
    monkeypatch.setenv("QA_PORT", "8000")
    monkeypatch.setenv("QA_USERNAME", "ann")
    monkeypatch.setenv("QA_PASSWORD", "secret")
    args = app.parse_args([])
    assert (args.host, args.port, args.username, args.password) == ("0.0.0.0", 8000, "ann", "secret")
    assert app.parse_args(["--port", "9000", "--share"]).port == 9000
    monkeypatch.delenv("QA_PASSWORD")
    with pytest.raises(SystemExit):
        app.parse_args([])
