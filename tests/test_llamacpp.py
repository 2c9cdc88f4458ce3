"""The llama.cpp backend: lazy, explains a missing extra, and answers from the prompt's text."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from qa.answering import build_prompt
from qa.errors import MissingDependencyError, ModelNotFoundError
from qa.generation import make_generator
from qa.llamacpp import LlamaCppGenerator, gguf_path


def test_backend_setting_picks_llamacpp_without_loading_it(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "llama_cpp", None)  # any import of it would now fail
    generator = make_generator(None, "llamacpp", tmp_path)
    assert isinstance(generator, LlamaCppGenerator)
    assert "llama.cpp" in generator.name


def test_missing_llama_cpp_names_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "llama_cpp", None)
    generator = LlamaCppGenerator()
    with pytest.raises(MissingDependencyError, match=r"pip install 'qa\[llamacpp\]'"):
        generator.generate([{"role": "user", "content": "Hi"}], max_new_tokens=4)
    with pytest.raises(ImportError):  # callers that catch ImportError keep working
        generator.load()


def test_a_model_that_is_not_a_gguf_file_is_refused_in_words(tmp_path: Path) -> None:
    folder_model = tmp_path / "model"
    folder_model.mkdir()
    with pytest.raises(ModelNotFoundError, match=r"needs a \.gguf file"):
        gguf_path(str(folder_model))
    with pytest.raises(ModelNotFoundError, match="model not found"):
        gguf_path(str(tmp_path / "absent.gguf"))
    assert gguf_path(None).suffix == ".gguf"  # the packaged SmolLM2 file


@pytest.mark.integration
def test_real_generation_answers_from_the_quote_in_one_line() -> None:
    pytest.importorskip("llama_cpp")
    generator = LlamaCppGenerator()
    quotes = ["The Oppama facility, which has approximately 3,900 employees, faced potential shutdown."]
    prompt = build_prompt("How many employees work at the Oppama facility?", quotes)
    reply = generator.generate(prompt, max_new_tokens=40)
    assert "3,900" in reply.text or "3900" in reply.text
    assert "\n" not in reply.text
    assert 0 < reply.new_tokens <= 40
    assert reply.prompt_tokens > 30  # the system prompt, the quote and the question
    assert reply.prefill_seconds > 0 and reply.generate_seconds >= 0

    short = generator.generate(prompt, max_new_tokens=2)
    assert short.new_tokens <= 2
