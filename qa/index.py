"""The on-disk index: passages, sentences, their vectors, FAISS + BM25, and a manifest.

Layout: `index_dir/CURRENT` names the live version folder. A build writes a new version folder
and then swaps CURRENT atomically, under a file lock, so a crash or a second indexer never
leaves a half-written index behind.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import inspect
import json
import logging
import os
import shutil
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

import qa.articles
import qa.chunking
from qa.articles import SIDECAR, SUFFIXES, Article, load_corpus
from qa.chunking import Chunk, Sentence, article_sentences, chunk_sentences
from qa.embedding import Embedder
from qa.errors import IndexCorruptError
from qa.search import VectorSearch, WordSearch, tokenizer_fingerprint
from qa.text import tokens

log = logging.getLogger(__name__)

FORMAT_VERSION = 2  # 2: the BM25 index, its tokens and the approximate vector index are saved too
REUSABLE_FORMATS = (1, FORMAT_VERSION)  # format 1's passages and vectors are still good to build on
MANIFEST_KEYS = ("embedding_model", "embedding_hash", "dimension", "chunking", "articles")
SEARCH_KEYS = ("tokenizer", "vector_search")  # format 2: how the saved searchers were made
REBUILD = "rebuild it with: qa index"
TOKENS = "chunk_tokens.txt"  # each passage's BM25 tokens, a line each: a build reuses them
BM25 = "chunk_bm25"  # folder of the BM25 index, in bm25s's own format
ANN = "chunk_ann.faiss"  # the approximate vector index, only above qa.search.ANN_THRESHOLD passages
FILES = (  # every version has these; ANN and TOKENS are checked on their own
    *("manifest.json", "articles.json", "chunks.jsonl", "chunk_vectors.npy", "sentence_vectors.npy"),
    *(f"{BM25}/{name}" for name in WordSearch.FILES),
)


@functools.cache
def reader_fingerprint() -> str:
    """A hash of how articles are read: cleaned, titled, dated and split into sentences. An index's
    sentences and titles are stale once it changes, however unchanged the files (a new boilerplate rule)."""
    try:
        parts = [inspect.getsource(module) for module in (qa.articles, qa.chunking)]
    except (OSError, TypeError):  # no source shipped: compare behaviour on a probe instead
        probe = "SITE | Home | News | Sign in\nMenu\nA Headline Here\nBy Desk | 3 May 2024\n\nIt rose. It fell.\n"
        paragraphs = qa.articles.clean(probe)
        parts = [repr((paragraphs, qa.articles.find_title(probe, paragraphs), qa.articles.find_date(probe)))]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Source:
    """An indexed article: what a citation needs to name it and show it in context."""

    id: str
    title: str
    date: str | None
    url: str | None
    content_hash: str
    text: str


@dataclass
class StoredIndex:
    """A version folder's passages, sentences and vectors: enough to build on, not yet to search."""

    folder: Path
    manifest: dict
    sources: dict[str, Source]
    sentences: list[Sentence]
    sentence_vectors: np.ndarray
    chunks: list[Chunk]
    chunk_vectors: np.ndarray
    article_offsets: dict[str, int]  # article id -> index of its first sentence in `sentences`

    def chunk_sentences(self, chunk: Chunk) -> list[Sentence]:
        offset = self.article_offsets[chunk.article_id]
        return self.sentences[offset + chunk.first : offset + chunk.last]

    def sentence_index(self, chunk: Chunk, position: int) -> int:
        return self.article_offsets[chunk.article_id] + chunk.first + position


@dataclass
class SearchIndex(StoredIndex):
    """A loaded index with its searchers. Read-only after construction, so threads can share it."""

    vector_search: VectorSearch
    word_search: WordSearch

    @property
    def vocabulary(self) -> frozenset[str]:
        return self.word_search.vocabulary


def manifest_for(embedder: Embedder, dimension: int, articles: list[Article], chunking: dict) -> dict:
    return {
        "format_version": FORMAT_VERSION,
        "embedding_model": embedder.name,
        "embedding_hash": embedder.fingerprint,
        "dimension": dimension,
        "chunking": chunking,
        "articles": {
            a.id: {"content_hash": a.content_hash, "title": a.title, "date": a.date} for a in articles
        },
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def current_version(index_dir: Path) -> Path | None:
    pointer = index_dir / "CURRENT"
    if not pointer.exists():
        return None
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):  # a damaged pointer names no version
        return None
    folder = index_dir / name
    return folder if name and folder.is_dir() else None


def load_index(index_dir: Path, embedder: Embedder | None = None) -> SearchIndex:
    """Load the live index; IndexCorruptError (in words) when it is missing, broken or mismatched."""
    stored = _read_version(index_dir, embedder, (FORMAT_VERSION,))
    manifest = stored.manifest
    missing = [key for key in SEARCH_KEYS if key not in manifest]
    if missing:
        raise IndexCorruptError(f"index manifest lacks {', '.join(missing)}; {REBUILD}")
    if manifest["tokenizer"] != tokenizer_fingerprint():
        raise IndexCorruptError(
            f"index words were split by another version of qa/text.py (tokenizer {manifest['tokenizer']}, "
            f"now {tokenizer_fingerprint()}); {REBUILD}"
        )
    if manifest.get("reader") != reader_fingerprint():
        raise IndexCorruptError(
            f"index articles were read by another version of qa/articles.py or qa/chunking.py (reader "
            f"{manifest.get('reader')}, now {reader_fingerprint()}); {REBUILD}"
        )
    try:
        vector_search = VectorSearch.load(
            stored.folder / ANN, stored.chunk_vectors, manifest["vector_search"]
        )
        word_search = WordSearch.load(stored.folder / BM25, len(stored.chunks))
    except (OSError, ValueError, EOFError) as error:
        raise _unreadable(stored.folder, error) from error
    return SearchIndex(**vars(stored), vector_search=vector_search, word_search=word_search)


def _read_version(index_dir: Path, embedder: Embedder | None, formats: tuple[int, ...]) -> StoredIndex:
    """The live version folder's contents, checked; IndexCorruptError in words when they do not hold up."""
    folder = current_version(index_dir)
    if folder is None:
        raise IndexCorruptError(f"no index in {index_dir}; build it with: qa index --index {index_dir}")
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if not isinstance(manifest, dict):
            raise ValueError(f"manifest.json holds a {type(manifest).__name__}, not an object")
        if manifest.get("format_version") not in formats:
            raise IndexCorruptError(
                f"index format {manifest.get('format_version')} is not the supported {FORMAT_VERSION}; "
                + REBUILD
            )
        missing = [key for key in MANIFEST_KEYS if key not in manifest]
        if missing:
            raise IndexCorruptError(f"index manifest lacks {', '.join(missing)}; {REBUILD}")
        if embedder is not None and manifest["embedding_hash"] != embedder.fingerprint:
            raise IndexCorruptError(
                f"index was built with embedding model {manifest['embedding_model']} "
                f"({manifest['embedding_hash']}), "
                f"not the configured {embedder.name} ({embedder.fingerprint}); {REBUILD}"
            )
        stored = json.loads((folder / "articles.json").read_text(encoding="utf-8"))
        chunks = [
            Chunk(**json.loads(line))
            for line in (folder / "chunks.jsonl").read_text(encoding="utf-8").splitlines()
        ]
        chunk_vectors = np.load(folder / "chunk_vectors.npy", allow_pickle=False)
        sentence_vectors = np.load(folder / "sentence_vectors.npy", allow_pickle=False)
        sources, sentences, offsets = _read_articles(stored)
    except IndexCorruptError:
        raise
    except (OSError, ValueError, TypeError, KeyError, EOFError) as error:  # EOFError: an emptied .npy
        raise _unreadable(folder, error) from error
    dimension = manifest.get("dimension")
    if (
        chunk_vectors.shape != (len(chunks), dimension)
        or sentence_vectors.shape != (len(sentences), dimension)
        or any(chunk.article_id not in offsets for chunk in chunks)
    ):
        raise IndexCorruptError(
            f"index in {folder} is inconsistent (vector and passage counts differ); {REBUILD}"
        )
    return StoredIndex(folder, manifest, sources, sentences, sentence_vectors, chunks, chunk_vectors, offsets)


def _unreadable(folder: Path, error: Exception) -> IndexCorruptError:
    return IndexCorruptError(f"index in {folder} is unreadable ({type(error).__name__}: {error}); {REBUILD}")


def _read_articles(stored: object) -> tuple[dict[str, Source], list[Sentence], dict[str, int]]:
    """Sources, sentences and offsets from articles.json; TypeError/KeyError when malformed."""
    if not isinstance(stored, list):
        raise TypeError(f"articles.json holds a {type(stored).__name__}, not a list")
    sources: dict[str, Source] = {}
    sentences: list[Sentence] = []
    offsets: dict[str, int] = {}
    for entry in stored:
        rows = entry["sentences"]
        fields = {key: value for key, value in entry.items() if key != "sentences"}
        offsets[entry["id"]] = len(sentences)
        sentences.extend(Sentence(entry["id"], *row) for row in rows)
        sources[entry["id"]] = Source(**fields)
    return sources, sentences, offsets


def build_index(
    corpus_dir: Path,
    index_dir: Path,
    embedder: Embedder,
    *,
    uploads_dir: Path | None = None,
    chunk_size: int = 3,
    chunk_overlap: int = 1,
    max_article_bytes: int = 5_000_000,
    progress: bool = False,
) -> SearchIndex:
    """Index the corpus (and the uploads beside it), re-embedding only articles whose text changed,
    then swap it in atomically."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with _locked(index_dir):
        signature = corpus_signature(corpus_dir, uploads_dir)
        articles = load_corpus(corpus_dir, uploads_dir=uploads_dir, max_bytes=max_article_bytes)
        chunking = {"size": chunk_size, "overlap": chunk_overlap}
        plan = _plan(articles, _reusable(index_dir, embedder, chunking), chunking)
        changed = [(a, s) for a, s in plan.sources if a.id in plan.to_embed]
        fresh = _embed_articles(embedder, changed, plan.chunks, progress)
        chunk_vectors, sentence_vectors = _assemble(
            plan.sources, plan.chunks, plan.reused_rows, fresh, embedder
        )
        log.info(
            "indexed %d articles (%d re-embedded), %d passages", len(articles), len(changed), len(plan.chunks)
        )
        vector_search = VectorSearch(chunk_vectors)
        word_search = WordSearch(passage_tokens=plan.passage_tokens)
        manifest = manifest_for(embedder, int(chunk_vectors.shape[1]), articles, chunking)
        manifest |= {"corpus_files": signature, "tokenizer": tokenizer_fingerprint(), "reader": reader_fingerprint()}
        manifest["vector_search"] = vector_search.kind
        vectors, searchers = (chunk_vectors, sentence_vectors), (vector_search, word_search)
        folder = _write_version(index_dir, manifest, plan, vectors, searchers)
        sources = {
            a.id: Source(a.id, a.title, a.date, a.url, a.content_hash, a.text) for a, _ in plan.sources
        }
        return SearchIndex(
            folder, manifest, sources, plan.sentences, sentence_vectors, plan.chunks, chunk_vectors,
            plan.offsets, vector_search, word_search,
        )  # fmt: skip


@dataclass
class _Plan:
    """The new version, article by article, and which articles need embedding."""

    sources: list[tuple[Article, list[Sentence]]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    chunks: list[Chunk] = field(default_factory=list)
    passage_tokens: list[list[str]] = field(default_factory=list)  # BM25 tokens, a list per chunk
    offsets: dict[str, int] = field(default_factory=dict)
    reused_rows: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    to_embed: set[str] = field(default_factory=set)


def _plan(articles: list[Article], previous: StoredIndex | None, chunking: dict) -> _Plan:
    """Reuse an unchanged article's passages, sentences, vectors and tokens; split and tokenize the rest."""
    plan = _Plan()
    rows_of: dict[str, list[int]] = defaultdict(list)  # grouped once: a scan per article is O(articles²)
    for row, chunk in enumerate(previous.chunks if previous else []):
        rows_of[chunk.article_id].append(row)
    sentence_counts = Counter(s.article_id for s in previous.sentences) if previous else Counter()
    old_tokens = _stored_tokens(previous) if previous else None
    for article in articles:
        old = previous.sources.get(article.id) if previous else None
        if previous and old and old.content_hash == article.content_hash and old.title == article.title:
            rows, first = rows_of[article.id], previous.article_offsets[article.id]
            article_sents = previous.sentences[first : first + sentence_counts[article.id]]
            mine = [previous.chunks[row] for row in rows]
            mine_tokens = (
                [old_tokens[row] for row in rows]
                if old_tokens is not None
                else [tokens(c.text) for c in mine]
            )
            vectors = previous.sentence_vectors[first : first + len(article_sents)]
            plan.reused_rows[article.id] = (previous.chunk_vectors[rows], vectors)
        else:
            article_sents = article_sentences(article)
            mine = chunk_sentences(article, article_sents, size=chunking["size"], overlap=chunking["overlap"])
            mine_tokens = [tokens(chunk.text) for chunk in mine]
            plan.to_embed.add(article.id)
        plan.offsets[article.id] = len(plan.sentences)
        plan.sentences.extend(article_sents)
        plan.chunks.extend(mine)
        plan.passage_tokens.extend(mine_tokens)
        plan.sources.append((article, article_sents))
    return plan


def _reusable(index_dir: Path, embedder: Embedder, chunking: dict) -> StoredIndex | None:
    try:
        previous = _read_version(index_dir, embedder, REUSABLE_FORMATS)
    except IndexCorruptError as error:
        if current_version(index_dir) is not None:
            log.warning("rebuilding the whole index: %s", error)
        return None
    if previous.manifest.get("reader") != reader_fingerprint():
        log.info("reading and embedding every article again: the index predates how articles are now read")
        return None
    return previous if previous.manifest.get("chunking") == chunking else None


def _stored_tokens(previous: StoredIndex) -> list[list[str]] | None:
    """The previous version's passage tokens; None when they must be made again (new tokenizer, damage)."""
    if previous.manifest.get("tokenizer") != tokenizer_fingerprint():
        log.info("tokenizing every passage again: the index predates this tokenizer")
        return None
    try:
        lines = (previous.folder / TOKENS).read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as error:
        log.warning("tokenizing every passage again: %s is unreadable (%s)", TOKENS, error)
        return None
    if len(lines) != len(previous.chunks) + 1 or lines[-1]:
        log.warning(
            "tokenizing every passage again: %s has %d lines for %d passages",
            TOKENS,
            len(lines) - 1,
            len(previous.chunks),
        )
        return None
    return [line.split() for line in lines[:-1]]


def _embed_articles(
    embedder: Embedder, articles: list[tuple[Article, list[Sentence]]], chunks: list[Chunk], progress: bool
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Embed the chunks and sentences of new or changed articles in one batch call."""
    ids = {a.id for a, _ in articles}
    chunk_texts = [c.text for c in chunks if c.article_id in ids]
    sentence_texts = [s.text for _, sents in articles for s in sents]
    if not chunk_texts:
        return {}
    kwargs = {"progress": True} if progress else {}
    vectors = embedder.embed(chunk_texts + sentence_texts, **kwargs)  # type: ignore[call-arg]
    chunk_part, sentence_part = vectors[: len(chunk_texts)], vectors[len(chunk_texts) :]
    result, c_at, s_at = {}, 0, 0
    chunk_counts = {a.id: 0 for a, _ in articles}
    for chunk in chunks:
        if chunk.article_id in chunk_counts:
            chunk_counts[chunk.article_id] += 1
    for article, sents in articles:
        n_chunks = chunk_counts[article.id]
        result[article.id] = (chunk_part[c_at : c_at + n_chunks], sentence_part[s_at : s_at + len(sents)])
        c_at, s_at = c_at + n_chunks, s_at + len(sents)
    return result


def _assemble(sources, chunks, reused, fresh, embedder) -> tuple[np.ndarray, np.ndarray]:  # type: ignore[no-untyped-def]
    parts = [reused.get(a.id) or fresh[a.id] for a, _ in sources]
    if not parts:
        dimension = embedder.embed(["dimension probe"]).shape[1]
        empty = np.zeros((0, dimension), dtype=np.float32)
        return empty, empty
    chunk_vectors = np.concatenate([p[0] for p in parts]).astype(np.float32)
    sentence_vectors = np.concatenate([p[1] for p in parts]).astype(np.float32)
    assert chunk_vectors.shape[0] == len(chunks)
    return chunk_vectors, sentence_vectors


def _write_version(
    index_dir: Path,
    manifest: dict,
    plan: _Plan,
    vectors: tuple[np.ndarray, np.ndarray],
    searchers: tuple[VectorSearch, WordSearch],
) -> Path:
    """Write a version folder under a staging name, manifest last, then point CURRENT at it."""
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=index_dir))
    try:
        stored = [
            {
                "id": a.id, "title": a.title, "date": a.date, "url": a.url,
                "content_hash": a.content_hash, "text": a.text,
                "sentences": [[s.start, s.end, s.text, s.heading] for s in sents],
            }
            for a, sents in plan.sources
        ]  # fmt: skip
        _write(staging / "articles.json", json.dumps(stored, ensure_ascii=False))
        _write(
            staging / "chunks.jsonl",
            "".join(json.dumps(vars(c), ensure_ascii=False) + "\n" for c in plan.chunks),
        )
        for name, array in zip(("chunk_vectors.npy", "sentence_vectors.npy"), vectors, strict=True):
            with open(staging / name, "wb") as handle:
                np.save(handle, array)
                handle.flush()
                os.fsync(handle.fileno())
        _write(staging / TOKENS, "".join(" ".join(row) + "\n" for row in plan.passage_tokens))
        vector_search, word_search = searchers
        word_search.save(staging / BM25)
        if vector_search.kind != "flat":
            vector_search.save(staging / ANN)
        _write(staging / "manifest.json", json.dumps(manifest, indent=2))  # last: marks the folder complete
        version = f"v-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{staging.name[-6:]}"
        staging.rename(index_dir / version)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _write(index_dir / "CURRENT.tmp", version)
    os.replace(index_dir / "CURRENT.tmp", index_dir / "CURRENT")
    for old in index_dir.iterdir():  # the swap is done; older versions and dead builds can go
        if (
            old.is_dir()
            and old.name != version
            and (old.name.startswith("v-") or old.name.startswith(".build-"))
        ):
            shutil.rmtree(old, ignore_errors=True)
    return index_dir / version


def _write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


@contextmanager
def _locked(index_dir: Path) -> Iterator[None]:
    with open(index_dir / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def corpus_signature(corpus_dir: Path, uploads_dir: Path | None = None) -> dict[str, list[int]]:
    """Name -> [size, mtime_ns] of every candidate file: a cheap test for "anything changed?".

    Uploads are listed as "uploads/<name>", so a file never stands for one of the other folder.
    """
    found: dict[str, list[int]] = {}
    for prefix, folder in (("", corpus_dir), ("uploads/", uploads_dir)):
        if folder is None or not folder.is_dir():
            continue
        for p in folder.iterdir():
            if p.is_file() and (p.suffix.lower() in SUFFIXES or p.name == SIDECAR):
                found[prefix + p.name] = [p.stat().st_size, p.stat().st_mtime_ns]
    return found


def corpus_changed(index: SearchIndex, corpus_dir: Path, uploads_dir: Path | None = None) -> bool:
    """True when files in the corpus (or uploads) folder were added, removed or touched since the build."""
    return index.manifest.get("corpus_files") != corpus_signature(corpus_dir, uploads_dir)
