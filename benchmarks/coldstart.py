"""A new process's way to its first answer, timed part by part (run by run.py as a child)."""

from __future__ import annotations

import time

SPAWN_CLOCK = time.time()  # noqa: E402 - taken before any import that could be slow
started = time.perf_counter()

import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import child_options, peak_rss_mb, report  # noqa: E402

# Libraries a first answer should not import (SciPy is not here: transformers' modeling_utils imports
# scipy.optimize whenever it is installed, for an object-detection loss).
HEAVY = ("sentence_transformers", "sklearn", "pandas", "gradio")


def main() -> None:
    options = child_options()
    parts: dict[str, float] = {}
    mark = started
    # The interpreter itself: from the parent's spawn until this file ran its first line.
    parts["interpreter"] = SPAWN_CLOCK - options.get("spawned_at", SPAWN_CLOCK)

    def lap(name: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        parts[name] = now - mark
        mark = now

    from qa.pipeline import Pipeline
    from qa.settings import Settings

    settings = Settings().replace(
        corpus_dir=options["corpus_dir"],
        index_dir=options["index_dir"],
        backend=options["backend"],
        uploads_dir=None,  # the seeds only, whatever was added in the chat
        **({"cache_dir": options["cache_dir"]} if options.get("cache_dir") else {}),
    )
    lap("imports")
    # The ML libraries are imported lazily by the model loads; timed apart, they show what a
    # cold start spends before any weights are read. `import transformers` alone defers most of
    # its cost until a name is used, so the names the loads use are imported here. Only what the
    # configured embedder needs: sentence-transformers (QA_EMBEDDER=sentence-transformers) brings
    # scikit-learn, SciPy and pandas.
    import torch  # noqa: F401
    from transformers import AutoModel, AutoModelForCausalLM, PreTrainedModel  # noqa: F401

    if settings.embedder == "sentence-transformers":
        import sentence_transformers  # noqa: F401

    lap("ml_imports")
    pipeline = Pipeline(settings)
    _ = pipeline.index  # loads it (or builds it when missing)
    lap("index_load")
    pipeline.embedder.embed(["warm up"])
    lap("embedder_load")
    pipeline.generator.load()  # type: ignore[attr-defined]
    lap("generator_load")
    answer = pipeline.ask(options["question"])
    lap("first_answer")
    report(
        {
            "backend": options["backend"],
            "parts": parts,
            "to_first_answer": time.time() - options.get("spawned_at", SPAWN_CLOCK),
            "answer_timings": answer.timings,
            "abstained": answer.abstained,
            "peak_rss_mb": peak_rss_mb(),
            "embedder": settings.embedder,
            "heavy_modules": sorted(name for name in HEAVY if name in sys.modules),
        }
    )


if __name__ == "__main__":
    main()
