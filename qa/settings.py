"""One frozen settings object, read from keyword arguments and a few QA_* variables."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser() if value else default


@dataclass(frozen=True)
class Settings:
    # Folder of *.txt / *.md / *.html articles to answer from.
    corpus_dir: Path = field(default_factory=lambda: _env_path("QA_CORPUS_DIR", PROJECT_ROOT / "seeds"))
    # Where articles added in the chat are stored, and read beside the corpus folder, which is never
    # written to: the shipped articles stay as shipped. None (or the corpus folder) means one folder.
    uploads_dir: Path | None = field(default_factory=lambda: _env_path("QA_UPLOADS_DIR", PROJECT_ROOT / "uploads"))
    # Folder holding the built index (versions + CURRENT pointer).
    index_dir: Path = field(default_factory=lambda: _env_path("QA_INDEX_DIR", PROJECT_ROOT / "index"))
    # Where converted model copies are cached (GGUF -> safetensors).
    cache_dir: Path = field(
        default_factory=lambda: _env_path("QA_CACHE_DIR", Path.home() / ".cache" / "qa")
    )
    # A local sentence-transformers folder; None means the packaged all-MiniLM-L6-v2.
    embedding_model: str | None = field(default_factory=lambda: os.environ.get("QA_EMBEDDING_MODEL"))
    # How that folder is run: "transformers" (imports in seconds less) or "sentence-transformers";
    # both give the same vectors (tests/test_embedding_real.py), so either reads the other's index.
    embedder: str = field(default_factory=lambda: os.environ.get("QA_EMBEDDER", "transformers"))
    # A local transformers folder or .gguf file; None means the packaged SmolLM2-135M GGUF.
    generator_model: str | None = field(default_factory=lambda: os.environ.get("QA_MODEL"))
    # "transformers" (default) or "llamacpp" (needs the optional extra).
    backend: str = field(default_factory=lambda: os.environ.get("QA_BACKEND", "transformers"))
    # Sentences per passage and how many consecutive passages share.
    chunk_sentences: int = 3
    chunk_overlap: int = 1
    # Passages fused from dense + BM25 retrieval and returned with the answer.
    top_k: int = 6
    # Reciprocal-rank-fusion constant (60 is the value from the RRF paper).
    rrf_k: int = 60
    # Questions longer than this are refused: nothing in a news article needs more.
    max_question_chars: int = 1000
    # Evidence score below which the assistant abstains (chosen on the dev split).
    abstain_threshold: float = 0.35
    # Abstain when the best evidence holds less than this IDF-weighted share of the question's terms.
    min_overlap: float = 0.0
    # A second article's sentence is cited too when it scores at least this share of the best.
    second_source_ratio: float = 0.85
    # Upper bound on generated tokens: answers are one short sentence.
    max_new_tokens: int = 40
    # Articles larger than this are skipped with a warning (bytes).
    max_article_bytes: int = 5_000_000

    @property
    def uploads(self) -> Path | None:
        """The uploads folder, when it is a folder of its own."""
        if self.uploads_dir is None or self.uploads_dir.resolve() == self.corpus_dir.resolve():
            return None
        return self.uploads_dir

    def replace(self, **changes: object) -> Settings:
        """A copy with some fields changed; unknown names raise TypeError."""
        converted = {
            key: Path(value) if key.endswith("_dir") and isinstance(value, str) else value
            for key, value in changes.items()
            if value is not None or key in {"embedding_model", "generator_model", "uploads_dir"}
        }
        return dataclasses.replace(self, **converted)  # type: ignore[arg-type]
