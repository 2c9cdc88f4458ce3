"""Run the answer model's GGUF with llama.cpp (the optional `llamacpp` extra), greedily."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from qa.errors import MissingDependencyError, ModelNotFoundError
from qa.generation import Messages, Reply, packaged_gguf_path
from qa.loading import Lazy

INSTALL_HINT = "pip install 'qa[llamacpp]'"
CONTEXT_TOKENS = 2048  # prompts are a few hundred tokens; SmolLM2 was trained on 8k


class LlamaCppGenerator:
    """A GGUF model loaded with llama-cpp-python on first use; same contract as TransformersGenerator."""

    def __init__(self, model: str | None = None, *, threads: int | None = None):
        self.configured = model
        self.threads = threads  # None: llama-cpp-python's own choice
        self.name = Path(model).name if model else "SmolLM2-135M-Instruct (Q4_1 GGUF, llama.cpp)"
        self._loaded = Lazy(self._build)
        self._generate_lock = threading.Lock()

    def load(self) -> tuple[object, object]:
        """The llama.cpp model and the chat formatter built from the GGUF's own template."""
        return self._loaded.get()

    def _build(self) -> tuple[object, object]:
        try:
            import llama_cpp
            from llama_cpp.llama_chat_format import Jinja2ChatFormatter
        except ImportError as error:
            raise MissingDependencyError(
                f"the llama.cpp backend needs llama-cpp-python: {INSTALL_HINT} ({error})"
            ) from error
        path = gguf_path(self.configured)
        threads = {"n_threads": self.threads, "n_threads_batch": self.threads}
        model = llama_cpp.Llama(str(path), n_ctx=CONTEXT_TOKENS, verbose=False, **threads)
        template = model.metadata.get("tokenizer.chat_template")
        if not template:
            raise ModelNotFoundError(f"{path.name} has no chat template (tokenizer.chat_template)")
        formatter = Jinja2ChatFormatter(
            template=template,
            eos_token=_token_text(model, model.token_eos()),
            bos_token=_token_text(model, model.token_bos()),
        )
        return model, formatter

    def generate(self, messages: Messages, *, max_new_tokens: int) -> Reply:
        model, formatter = self.load()
        with self._generate_lock:  # one llama.cpp context holds one conversation's state
            return _generate(model, formatter, messages, max_new_tokens)


def gguf_path(configured: str | None) -> Path:
    """QA_MODEL when it names a .gguf file, else the packaged SmolLM2 GGUF."""
    path = Path(configured).expanduser() if configured else packaged_gguf_path()
    if path.suffix != ".gguf":
        raise ModelNotFoundError(f"the llama.cpp backend needs a .gguf file (got {path})")
    if not path.is_file():
        raise ModelNotFoundError(f"model not found: {path} (set QA_MODEL to a .gguf file)")
    return path


def _token_text(model, token: int) -> str:  # type: ignore[no-untyped-def]
    return model.detokenize([token], special=True).decode("utf-8", errors="ignore") if token >= 0 else ""


def _generate(model, formatter, messages: Messages, max_new_tokens: int) -> Reply:  # type: ignore[no-untyped-def]
    import llama_cpp

    prompt = formatter(messages=messages).prompt
    # The template writes any BOS itself, so none is added here (as transformers' apply_chat_template).
    prompt_ids = model.tokenize(prompt.encode("utf-8"), add_bos=False, special=True)
    vocab = model._model.vocab
    new: list[int] = []
    text = ""
    started = time.perf_counter()
    first_token_at: float | None = None
    # temp=0 selects llama.cpp's greedy sampler. llama-cpp-python reuses the KV cache for the
    # prompt prefix shared with the previous call (the system prompt), as a llama.cpp user gets.
    for token in model.generate(prompt_ids, temp=0.0, repeat_penalty=1.0):
        if first_token_at is None:
            first_token_at = time.perf_counter()
        new.append(token)
        if llama_cpp.llama_vocab_is_eog(vocab, token):
            break
        text = model.detokenize(new).decode("utf-8", errors="ignore")
        # Same rule as the transformers backend: the answer is the first non-empty line.
        if "\n" in text.strip() or len(new) >= max_new_tokens:
            break
    total = time.perf_counter() - started
    prefill = (first_token_at or time.perf_counter()) - started
    return Reply(text.strip(), len(prompt_ids), len(new), prefill, total - prefill)
