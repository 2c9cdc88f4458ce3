"""Index build times: the seeds, a synthetic corpus made from their sentences, and adding one article.

Run by run.py as a child process. The synthetic corpus needs no download: each article is a
random recombination of the seed articles' sentences under a numbered headline.
"""

from __future__ import annotations

import random
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import ROOT, child_options, peak_rss_mb, report  # noqa: E402

DATES = ["Monday, 07 July 2025", "March 3, 2025", "2024-11-18", "21 January 2025", "September 9, 2024"]


class HashEmbedder:
    """Instant hash-seeded unit vectors: times everything in a build except the model itself."""

    name, fingerprint = "hash-384", "hash0384"

    def embed(self, texts, **_):  # type: ignore[no-untyped-def]
        import hashlib

        import numpy as np

        seeds = [int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little") for text in texts]
        rows = np.stack(
            [np.random.default_rng(seed).standard_normal(384, dtype=np.float32) for seed in seeds]
        )
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


class CountingEmbedder:
    """Wraps the real embedder and counts the texts it is asked to embed."""

    def __init__(self, inner):  # type: ignore[no-untyped-def]
        self.inner = inner
        self.name, self.fingerprint = inner.name, inner.fingerprint
        self.texts = 0

    def embed(self, texts, **kwargs):  # type: ignore[no-untyped-def]
        self.texts += len(texts)
        return self.inner.embed(texts, **kwargs)


def seed_sentences(seeds: Path) -> list[str]:
    """Full sentences (not headings) of the seed articles: the material for synthetic ones."""
    from qa.articles import load_corpus
    from qa.chunking import article_sentences

    return [s.text for article in load_corpus(seeds) for s in article_sentences(article) if not s.heading]


def synthetic_article(number: int, pool: list[str], sentences: int) -> str:
    """One article: a unique headline, a byline with a date, and paragraphs of 2-3 pool sentences."""
    rng = random.Random(number)
    picked = rng.sample(pool, min(sentences, len(pool)))
    paragraphs, at = [], 0
    while at < len(picked):
        size = rng.choice((2, 3))
        paragraphs.append(" ".join(picked[at : at + size]))
        at += size
    words = rng.choice(pool).split()[:8]
    headline = f"Report {number}: " + " ".join(words).rstrip(".,;:")
    return f"{headline}\n\nStaff Writer | {rng.choice(DATES)}\n\n" + "\n\n".join(paragraphs) + "\n"


def write_corpus(folder: Path, articles: int, pool: list[str], sentences: int, first: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(first, first + articles):
        (folder / f"synthetic_{number:06d}.txt").write_text(
            synthetic_article(number, pool, sentences), encoding="utf-8"
        )


def timed_build(corpus: Path, index_dir: Path, embedder: CountingEmbedder) -> dict:
    from qa.index import build_index

    embedder.texts = 0
    started = time.perf_counter()
    index = build_index(corpus, index_dir, embedder)  # type: ignore[arg-type]
    seconds = time.perf_counter() - started
    return {
        "articles": len(index.sources),
        "passages": len(index.chunks),
        "sentences": len(index.sentences),
        "texts_embedded": embedder.texts,
        "seconds": seconds,
        "passages_per_second": len(index.chunks) / seconds if seconds else None,
        "texts_per_second": embedder.texts / seconds if seconds else None,
    }


def main() -> None:
    options = child_options()
    from qa.embedding import make_embedder
    from qa.index import load_index

    work = Path(options["work_dir"])
    seeds = Path(options.get("seeds") or ROOT / "seeds")
    embedder = CountingEmbedder(make_embedder(None))  # the default, as `qa index` builds
    embedder.inner.embed(["warm up"])  # model load is cold start's business, not the build's
    result: dict = {}

    shutil.rmtree(work / "index-seeds", ignore_errors=True)
    result["seeds"] = timed_build(seeds, work / "index-seeds", embedder)

    articles, sentences = options["articles"], options["sentences"]
    corpus, index_dir = work / f"synthetic-{articles}", work / f"index-synthetic-{articles}"
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.rmtree(index_dir, ignore_errors=True)
    pool = seed_sentences(seeds)
    started = time.perf_counter()
    write_corpus(corpus, articles, pool, sentences)
    result["synthetic_written_seconds"] = time.perf_counter() - started
    result["synthetic"] = timed_build(corpus, index_dir, embedder) | {"sentences_per_article": sentences}

    started = time.perf_counter()
    loaded = load_index(index_dir, embedder)  # type: ignore[arg-type]
    result["synthetic_load_seconds"] = time.perf_counter() - started
    del loaded

    result["add_one"] = add_one(corpus, index_dir, embedder, articles, pool, sentences)

    overhead = options.get("overhead_articles")
    if overhead:  # the same at a larger size, the model replaced by an instant one
        corpus, index_dir = work / f"synthetic-{overhead}", work / f"index-hash-{overhead}"
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.rmtree(index_dir, ignore_errors=True)
        write_corpus(corpus, overhead, pool, sentences)
        fast = CountingEmbedder(HashEmbedder())
        result["overhead"] = timed_build(corpus, index_dir, fast)
        started = time.perf_counter()
        loaded = load_index(index_dir, fast)  # type: ignore[arg-type]
        result["overhead_load_seconds"] = time.perf_counter() - started
        result["overhead_vector_search"] = loaded.vector_search.kind
        del loaded
        result["overhead_add_one"] = add_one(corpus, index_dir, fast, overhead, pool, sentences)
        shutil.rmtree(index_dir, ignore_errors=True)
    result["peak_rss_mb"] = peak_rss_mb()
    report(result)


def add_one(
    corpus: Path, index_dir: Path, embedder: CountingEmbedder, articles: int, pool, sentences: int
) -> dict:  # type: ignore[no-untyped-def]
    """Write one new article into a built corpus and time the incremental rebuild."""
    write_corpus(corpus, 1, pool, sentences, first=articles)
    added = timed_build(corpus, index_dir, embedder)
    added["expected_texts"] = _texts_of(corpus / f"synthetic_{articles:06d}.txt")
    return added


def _texts_of(path: Path) -> int:
    """How many texts one article needs embedded: its passages plus its sentences."""
    from qa.articles import load_article
    from qa.chunking import article_sentences, chunk_sentences

    article = load_article(path)
    sentences = article_sentences(article)
    return len(sentences) + len(chunk_sentences(article, sentences))


if __name__ == "__main__":
    main()
