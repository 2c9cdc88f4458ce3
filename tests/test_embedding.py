"""The transformers-only embedder, without loading a model: what it reads from the folder, what it
refuses, and that batching, ordering and locking hold (the real vectors: test_embedding_real.py)."""

from __future__ import annotations

import contextlib
import json
import shutil
import sys
import threading
import time
import types
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from qa.embedding import (
    SentenceTransformerEmbedder,
    TransformersEmbedder,
    make_embedder,
    packaged_embedder_path,
    read_sentence_config,
)
from qa.errors import ModelNotFoundError

MODULES = [
    {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
    {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
    {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
]
MEAN = {"word_embedding_dimension": 8, "pooling_mode_cls_token": False, "pooling_mode_mean_tokens": True}


def write_folder(folder: Path, modules=MODULES, pooling=MEAN, options=None, settings=None) -> Path:  # type: ignore[no-untyped-def]
    """A sentence-transformers folder holding only configuration (and a stand-in weight file)."""
    (folder / "1_Pooling").mkdir(parents=True)
    (folder / "config.json").write_text("{}", encoding="utf-8")
    (folder / "model.safetensors").write_bytes(b"weights")
    (folder / "modules.json").write_text(json.dumps(modules), encoding="utf-8")
    (folder / "1_Pooling" / "config.json").write_text(json.dumps(pooling), encoding="utf-8")
    options = {"max_seq_length": 128, "do_lower_case": False} if options is None else options
    (folder / "sentence_bert_config.json").write_text(json.dumps(options), encoding="utf-8")
    if settings is not None:
        (folder / "config_sentence_transformers.json").write_text(json.dumps(settings), encoding="utf-8")
    return folder


def test_the_packaged_model_is_mean_pooled_normalized_and_cut_at_256_tokens() -> None:
    config = read_sentence_config(packaged_embedder_path())
    assert (config.transformer_dir, config.max_seq_length, config.normalize) == (
        packaged_embedder_path(),
        256,
        True,
    )


def test_both_embedders_record_the_same_name_and_fingerprint_so_either_reads_the_index() -> None:
    fast, reference = make_embedder(None), make_embedder(None, "sentence-transformers")
    assert isinstance(fast, TransformersEmbedder) and isinstance(reference, SentenceTransformerEmbedder)
    assert (fast.name, fast.fingerprint) == (reference.name, reference.fingerprint)
    assert fast.name == "all-MiniLM-L6-v2"


def test_the_new_pooling_key_and_a_missing_normalize_module_are_read(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "model", modules=MODULES[:2], pooling={"pooling_mode": "mean"})
    config = read_sentence_config(folder)
    assert (config.max_seq_length, config.normalize) == (128, False)


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"pooling": {"pooling_mode_cls_token": True, "pooling_mode_mean_tokens": False}}, "pools by"),
        ({"pooling": {"pooling_mode_mean_tokens": True, "pooling_mode_max_tokens": True}}, "pools by"),
        ({"pooling": {"pooling_mode": "mean", "include_prompt": False}}, "pools by"),
        (
            {"modules": [*MODULES[:2], {"path": "2_Dense", "type": "sentence_transformers.models.Dense"}]},
            "Dense",
        ),
        ({"options": {"max_seq_length": 128, "do_lower_case": True}}, "do_lower_case"),
        ({"options": {"do_lower_case": False}}, "max_seq_length"),
        ({"options": {"max_seq_length": 128, "model_args": {"add_pooling_layer": False}}}, "model_args"),
        ({"settings": {"prompts": {"document": "passage: "}, "default_prompt_name": "document"}}, "prompt"),
    ],
)
def test_a_configuration_it_cannot_reproduce_is_refused_in_words(
    tmp_path: Path, change: dict, named: str
) -> None:
    folder = write_folder(tmp_path / "model", **change)
    with pytest.raises(ModelNotFoundError, match=named) as refused:
        read_sentence_config(folder)
    assert "QA_EMBEDDER=sentence-transformers" in str(refused.value)


def test_a_plain_transformers_folder_without_modules_json_is_refused(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "model")
    (folder / "modules.json").unlink()
    with pytest.raises(ModelNotFoundError, match="modules.json"):
        TransformersEmbedder(str(folder))


def test_an_unknown_embedder_kind_is_refused_in_words() -> None:
    with pytest.raises(
        ValueError, match=r"QA_EMBEDDER must be one of transformers, sentence-transformers \(got 'onnx'\)"
    ):
        make_embedder(None, "onnx")


class FakeModel:
    config = types.SimpleNamespace(hidden_size=3)

    def eval(self) -> FakeModel:
        return self


@pytest.fixture
def fake_libraries(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """torch and transformers stand-ins; the list counts model loads."""
    loads: list[int] = []

    class Loader:
        @staticmethod
        def from_pretrained(*args: object, **kwargs: object) -> FakeModel:
            loads.append(1)
            time.sleep(0.1)  # a slow load widens the window for a second one
            return FakeModel()

    transformers = types.ModuleType("transformers")
    transformers.AutoTokenizer = transformers.AutoModel = Loader  # type: ignore[attr-defined]
    torch = types.ModuleType("torch")
    torch.float32 = "float32"  # type: ignore[attr-defined]
    torch.inference_mode = contextlib.nullcontext  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "transformers", transformers)
    monkeypatch.setitem(sys.modules, "torch", torch)
    return loads


@pytest.fixture
def embedder(tmp_path: Path, fake_libraries: list[int]) -> TransformersEmbedder:
    """An embedder whose batches are recorded and whose vector for a text is (length, first code, 1)."""
    shutil.copytree(
        packaged_embedder_path(), tmp_path / "model", ignore=shutil.ignore_patterns("*.safetensors")
    )
    (tmp_path / "model" / "model.safetensors").write_bytes(b"weights")
    made = TransformersEmbedder(str(tmp_path / "model"), batch_size=2)
    made.batches, made.inside, made.overlapped = [], 0, False  # type: ignore[attr-defined]

    def embed_batch(tokenizer: object, model: object, texts: list[str]) -> np.ndarray:
        made.inside += 1  # type: ignore[attr-defined]
        made.overlapped |= made.inside > 1  # type: ignore[attr-defined]
        made.batches.append(texts)  # type: ignore[attr-defined]
        time.sleep(0.001)
        made.inside -= 1  # type: ignore[attr-defined]
        return np.array([[len(t), ord(t[0]) if t else 0, 1] for t in texts], dtype=np.float32)

    made._embed_batch = embed_batch  # type: ignore[method-assign]
    return made


def test_rows_come_back_in_the_callers_order_from_length_sorted_batches(
    embedder: TransformersEmbedder,
) -> None:
    texts = ["bb", "a", "dddd", "", "ccc"]
    vectors = embedder.embed(texts)
    assert vectors.dtype == np.float32 and vectors[:, 0].tolist() == [len(t) for t in texts]
    assert embedder.batches == [["dddd", "ccc"], ["bb", "a"], [""]]  # type: ignore[attr-defined]


def test_no_texts_give_an_empty_matrix_of_the_model_width(embedder: TransformersEmbedder) -> None:
    assert embedder.embed([]).shape == (0, 3)


def test_many_threads_load_the_model_once_and_never_encode_at_the_same_time(
    embedder: TransformersEmbedder, fake_libraries: list[int]
) -> None:
    barrier = threading.Barrier(12)

    def embed(number: int) -> tuple[int, int]:
        barrier.wait()
        return embedder.embed([f"text {number}", "another", "third one"]).shape

    with ThreadPoolExecutor(12) as pool:
        shapes = list(pool.map(embed, range(12)))
    assert shapes == [(3, 3)] * 12
    assert len(fake_libraries) == 2  # one tokenizer and one model
    assert not embedder.overlapped  # type: ignore[attr-defined]
