"""The web chat: a thin Gradio shell over qa.ask_stream, with sources, article view and uploads.

python app.py [--host 127.0.0.1] [--port 7860] [--username U --password P] [--share]
"""

import argparse
import logging
import os
import threading
from datetime import datetime
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no telemetry calls from an offline tool
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import gradio as gr  # noqa: E402

from qa import chat  # noqa: E402
from qa.articles import article_paths  # noqa: E402
from qa.errors import ArticleError  # noqa: E402
from qa.pipeline import Pipeline, default_pipeline  # noqa: E402
from qa.uploads import remove_upload, store_upload, uploaded_names  # noqa: E402

log = logging.getLogger("qa.app")

EXAMPLES = [
    "How many employees work at Nissan's Oppama plant?",
    "How much will Toyota and Nissan invest in EV batteries?",
    "Why did Nissan cancel its battery plant in Kitakyushu?",
]
# Answers run on two CPU cores and the model generates one reply at a time, so a few answers in
# flight is enough; other events (opening a source, uploads) have their own queues and never wait on them.
ANSWER_CONCURRENCY = 4
# Clicks on a source card reach Python as an "open_source" event carrying the card's number.
CARD_CLICKS = """
element.addEventListener('click', (event) => {
  const card = event.target.closest('[data-source]');
  if (card) trigger('open_source', {source: card.dataset.source});
});
"""
# Bring the highlighted quote into view inside the article box (not the whole page) when a source opens.
SCROLL_TO_QUOTE = """
watch('value', () => {
  const mark = element.querySelector('mark.qa-highlight');
  const scrolls = (el) =>
    el.scrollHeight > el.clientHeight && /auto|scroll/.test(getComputedStyle(el).overflowY);
  let box = mark && mark.parentElement;
  while (box && box !== document.body && !scrolls(box)) box = box.parentElement;
  if (!mark || !box || box === document.body) return;
  const offset = mark.getBoundingClientRect().top - box.getBoundingClientRect().top;
  box.scrollTop += offset - box.clientHeight / 4;
});
"""
CSS = (Path(__file__).resolve().parent / "qa" / "chat.css").read_text(encoding="utf-8")
# System fonts: the default theme would ask a web font service for its typeface on every page load.
THEME = gr.themes.Soft(font=["system-ui", "sans-serif"], font_mono=["ui-monospace", "monospace"])


def pipeline() -> Pipeline:
    """The process-wide pipeline: models and index load once, on first use."""
    return default_pipeline()


def show_library() -> tuple[str, str]:
    """What the first screen shows: the articles and the status line."""
    pipe = pipeline()
    index = pipe.index
    return chat.render_library(index.sources.values()), chat.status_line(index, pipe.generator.name)


def respond(question: str, messages: list, turns: list):
    """Stream the answer into the chat; finally show its sources and update the status line."""
    if not question or not question.strip():
        yield (gr.skip(),) * 7
        return
    pipe = pipeline()
    messages = [*messages, {"role": "user", "content": chat.render_question(question)}, None]
    steps = chat.reply_steps(pipe.ask_stream, question, list(turns), lambda: pipe.index)
    try:
        for html, answer, found in steps:
            messages[-1] = {"role": "assistant", "content": html}
            if answer is None:
                yield messages, messages, "", gr.skip(), gr.skip(), gr.skip(), gr.skip()
                continue
            cards = chat.render_source_cards(found, abstained=answer.abstained)
            status = chat.status_line(pipe.index, pipe.generator.name, answer, datetime.now())
            yield messages, messages, "", cards, found, [*turns, (question, answer.text)], status
    except Exception as error:  # a broken model or index: say so in the chat instead of spinning forever
        log.exception("answering %r failed", question)
        messages[-1] = {"role": "assistant", "content": chat.render_notice(f"Something went wrong: {error}")}
        yield messages, messages, "", gr.skip(), gr.skip(), gr.skip(), gr.skip()


def open_source(found: tuple, event: gr.EventData) -> str:
    """The article behind the selected source, its quote highlighted."""
    number = int(getattr(event, "source", 0) or 0)
    reference = next((item for item in found or () if item.number == number), None)
    if reference is None:
        return chat.render_notice("That source belongs to an earlier answer; ask again to see it.")
    source = pipeline().index.sources.get(reference.article_id)
    if source is None:
        return chat.render_notice(f"{reference.article_id} is no longer in the library.")
    return chat.render_article(source, reference)


def add_article(path: str | None, progress=gr.Progress()):  # noqa: B008 (Gradio's way to ask for progress)
    """Store an uploaded article in the uploads folder and index it, showing progress."""
    if not path:
        return chat.render_notice("Choose a .txt, .md or .html file first."), gr.skip(), gr.skip(), gr.skip()
    pipe = pipeline()
    name = Path(path).name
    progress(0.1, desc=f"Checking {name}")
    try:
        size = os.path.getsize(path)
        limit = pipe.settings.max_article_bytes
        if size > limit:  # refuse before reading a huge file into memory
            raise ArticleError(f"{name} is {size:,} bytes; the limit is {limit:,} bytes")
        known = {source.content_hash: source.id for source in pipe.index.sources.values()}
        data = Path(path).read_bytes()
        settings, folder = pipe.settings, pipe.settings.uploads
        # A name the corpus folder uses would be shadowed by its article: a file name is an id.
        taken = {path.name for path in article_paths(settings.corpus_dir)} if folder else set()
        stored = store_upload(data, name, folder or settings.corpus_dir, max_bytes=limit, known=known, taken=taken)
    except (ArticleError, OSError) as error:
        return chat.render_upload_refused(name, str(error)), gr.skip(), gr.skip(), None
    progress(0.4, desc=f"Indexing {stored.path.name}")
    index = pipe.index
    progress(1.0, desc="Indexed")
    message = chat.render_upload_added(stored, index)
    return (
        message,
        chat.render_library(index.sources.values()),
        chat.status_line(index, pipe.generator.name),
        None,
    )


def removable() -> gr.Dropdown:
    """The articles someone added, to choose one to remove (the shipped ones cannot be)."""
    return gr.Dropdown(choices=uploaded_names(pipeline().settings.uploads), value=None)


def remove_article(name: str | None):
    """Delete an added article and take it out of the index."""
    if not name:
        return chat.render_notice("Choose an article you added first."), gr.skip(), gr.skip()
    pipe = pipeline()
    folder = pipe.settings.uploads
    if folder is None:
        return chat.render_notice("Added articles share the corpus folder here; remove the file there."), gr.skip(), gr.skip()
    source = pipe.index.sources.get(name)
    try:
        remove_upload(name, folder)
    except ArticleError as error:
        return chat.render_notice(f"Not removed: {error}"), gr.skip(), gr.skip()
    index = pipe.index
    message = chat.render_removed(name, source.title if source else None)
    return message, chat.render_library(index.sources.values()), chat.status_line(index, pipe.generator.name)


def build_app() -> gr.Blocks:
    """The page: chat and sources on the left, the article and the library on the right."""
    with gr.Blocks(title="Ask the news") as demo:
        turns = gr.State([])  # (question, answer text) pairs: the history follow-ups are read against
        messages = gr.State([])  # the chat as shown
        found = gr.State(())  # the last answer's sources, for opening them
        gr.Markdown(
            "## Ask the news\nAnswers come only from the articles listed on the right; "
            "every claim carries a numbered source you can open and check."
        )
        status = gr.HTML('<p class="qa-status">Loading the articles and the model…</p>', elem_id="status")
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(
                    label="Chat",
                    elem_id="chat",
                    height=480,
                    render_markdown=False,
                    sanitize_html=True,
                    latex_delimiters=[],
                    feedback_options=None,
                    layout="bubble",
                    buttons=["copy"],
                    placeholder="Ask about the articles listed on the right, or pick an example below.",
                )
                question = gr.Textbox(
                    placeholder="Ask about the articles, e.g. how many people work at a plant",
                    show_label=False,
                    submit_btn="Ask",
                    elem_id="question",
                    autofocus=True,
                )
                gr.Examples(EXAMPLES, inputs=question, label="Example questions")
            with gr.Column(scale=2):
                library = gr.HTML(
                    '<p class="qa-muted">Loading the articles…</p>', elem_id="library", max_height=200
                )
                sources = gr.HTML(chat.render_source_cards(()), elem_id="sources", js_on_load=CARD_CLICKS)
                article = gr.HTML("", elem_id="article", js_on_load=SCROLL_TO_QUOTE, max_height=520)
                with gr.Accordion("Add article", open=False, elem_id="add-article"):
                    upload = gr.File(
                        label="A .txt, .md or .html file",
                        file_types=[".txt", ".md", ".html", ".htm"],
                        type="filepath",
                        elem_id="upload",
                    )
                    add = gr.Button("Add to the library", elem_id="add")
                    added = gr.HTML(elem_id="added")
                with gr.Accordion("Remove an article you added", open=False, elem_id="remove-article"):
                    # Any name reaches the handler, which removes only what the folder lists: a choice
                    # another tab already removed is refused in words, not by Gradio's list check.
                    chosen = gr.Dropdown(choices=[], label="Added articles", elem_id="removable", allow_custom_value=True)
                    remove = gr.Button("Remove from the library", elem_id="remove")
                    removed = gr.HTML(elem_id="removed")

        question.submit(
            respond,
            [question, messages, turns],
            [chatbot, messages, question, sources, found, turns, status],
            concurrency_limit=ANSWER_CONCURRENCY,
            concurrency_id="answers",
        )
        chatbot.clear(
            lambda: ([], [], (), chat.render_source_cards(()), ""),
            None,
            [messages, turns, found, sources, article],
            api_visibility="undocumented",
        )
        sources.open_source(open_source, [found], article)
        # After each change to the library, the list of removable articles follows it.
        refresh = {"fn": removable, "inputs": None, "outputs": chosen, "api_visibility": "undocumented"}
        add.click(add_article, upload, [added, library, status, upload], concurrency_limit=1).then(**refresh)
        remove.click(remove_article, chosen, [removed, library, status], concurrency_limit=1).then(**refresh)
        demo.load(show_library, None, [library, status]).then(**refresh)
    return demo


def warm_up() -> None:
    """Load the index and the answer model in the background, so the first person waits less."""
    try:
        pipe = pipeline()
        pipe.index  # noqa: B018 (loading it is the point)
        load = getattr(pipe.generator, "load", None)
        if callable(load):
            load()
    except Exception:  # the first request will meet and show the same error
        log.exception("warm-up failed")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    env = os.environ.get
    parser = argparse.ArgumentParser(description="Chat with the news articles in your browser.")
    parser.add_argument("--host", default=env("QA_HOST", "127.0.0.1"), help="address to listen on (QA_HOST)")
    parser.add_argument("--port", type=int, default=int(env("QA_PORT", "7860")), help="port (QA_PORT)")
    parser.add_argument("--username", default=env("QA_USERNAME"), help="ask for this user name (QA_USERNAME)")
    parser.add_argument("--password", default=env("QA_PASSWORD"), help="and this password (QA_PASSWORD)")
    parser.add_argument("--share", action="store_true", help="also open a public share link (off by default)")
    args = parser.parse_args(argv)
    if bool(args.username) != bool(args.password):
        parser.error("give both a user name and a password (or neither)")
    return args


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    args = parse_args(argv)
    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    demo = build_app()
    demo.queue(default_concurrency_limit=ANSWER_CONCURRENCY)
    demo.launch(
        server_name=args.host,
        server_port=args.port,
        share=args.share,
        auth=(args.username, args.password) if args.username else None,
        max_file_size=pipeline().settings.max_article_bytes,
        theme=THEME,
        css=CSS,
        ssr_mode=False,
        footer_links=[],
    )


if __name__ == "__main__":
    main()
