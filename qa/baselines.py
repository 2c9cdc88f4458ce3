"""Two simple systems the assistant must beat, built from the same index and models.

`naive` stuffs the retrieved passages into one prompt and shows the model's reply as it comes;
`extractive` quotes the best-scoring sentence. Neither verifies anything or abstains on purpose.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from qa.chunking import Chunk, Sentence
from qa.citations import QUOTE_CLOSE, QUOTE_OPEN, Citation
from qa.generation import Messages
from qa.index import SearchIndex
from qa.pipeline import Answer, History, Pipeline, validate_question
from qa.retrieval import Hit, retrieve
from qa.scoring import score_sentences
from qa.verification import REFUSAL

NAIVE_INSTRUCTION = "Using the text above, answer in one short sentence: "
Baseline = Callable[..., Answer]


def _search(
    pipeline: Pipeline, question: str, history: History | None
) -> tuple[str, np.ndarray, list[Hit], SearchIndex]:
    """Retrieve for the question with earlier questions prepended: no rewriting, just more words."""
    asked = validate_question(question, pipeline.settings.max_question_chars)
    query = " ".join([*(earlier for earlier, _ in history or []), asked])
    index = pipeline.index
    vector = pipeline.embedder.embed([query])[0]
    settings = pipeline.settings
    return query, vector, retrieve(index, query, vector, top_k=settings.top_k, rrf_k=settings.rrf_k), index


def passage_citation(number: int, chunk: Chunk, index: SearchIndex) -> Citation:
    """A whole passage as a citation: its text as indexed, at the offsets of its first and last sentence."""
    sentences = index.chunk_sentences(chunk)
    source = index.sources[chunk.article_id]
    return Citation(
        number,
        source.id,
        source.title,
        source.date,
        source.url,
        chunk.text,
        sentences[0].start,
        sentences[-1].end,
    )


def sentence_citation(number: int, sentence: Sentence, index: SearchIndex) -> Citation:
    source = index.sources[sentence.article_id]
    return Citation(
        number, source.id, source.title, source.date, source.url, sentence.text, sentence.start, sentence.end
    )


def naive_prompt(question: str, passages: list[str], history: History | None) -> Messages:
    """Earlier turns as chat messages, then every passage and the plain instruction."""
    messages: Messages = []
    for earlier, reply in history or []:
        messages += [{"role": "user", "content": earlier}, {"role": "assistant", "content": reply}]
    context = "\n\n".join(passages)
    messages.append({"role": "user", "content": f"{context}\n\n{NAIVE_INSTRUCTION}{question}"})
    return messages


def naive_answer(pipeline: Pipeline, question: str, *, history: History | None = None) -> Answer:
    """The model's raw reply to the stuffed prompt; the passages are its citations.

    It counts as an abstention only when the model itself declines ("not mentioned", ...), so
    the comparison measures what the assistant's own abstention adds.
    """
    started = time.perf_counter()
    query, _, hits, index = _search(pipeline, question, history)
    messages = naive_prompt(question, [hit.chunk.text for hit in hits], history)
    reply = pipeline.generator.generate(messages, max_new_tokens=pipeline.settings.max_new_tokens)
    text = " ".join(reply.text.split())
    citations = tuple(passage_citation(n, hit.chunk, index) for n, hit in enumerate(hits, start=1))
    timings = {"total": time.perf_counter() - started, "new_tokens": reply.new_tokens}
    return Answer(
        question, query, text, citations, bool(REFUSAL.search(text)), tuple(hits), reply.text, (), timings
    )


def extractive_answer(pipeline: Pipeline, question: str, *, history: History | None = None) -> Answer:
    """The best-scoring sentence of the retrieved passages, quoted; never abstains."""
    started = time.perf_counter()
    query, vector, hits, index = _search(pipeline, question, history)
    ranked = score_sentences(query, vector, hits, index)
    citations = (sentence_citation(1, ranked[0].sentence, index),) if ranked else ()
    text = f"{QUOTE_OPEN}{citations[0].quote}{QUOTE_CLOSE} [1]" if citations else ""
    timings = {"total": time.perf_counter() - started}
    return Answer(question, query, text, citations, False, tuple(hits), "", (), timings)


BASELINES: dict[str, Baseline] = {"naive": naive_answer, "extractive": extractive_answer}
