"""One command for the speed figures: cold start, warm answers, index build, vector search, llama.cpp.

    python benchmarks/run.py                 # everything: an hour or more on 2 cores
    python benchmarks/run.py --quick         # small sizes, to check that it runs
    python benchmarks/run.py --parts cold,warm --env OMP_WAIT_POLICY=PASSIVE

Prints a table and writes bench-out/bench.json. Each part runs in its own child process.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import ROOT, machine, median, run_child  # noqa: E402
from table import render  # noqa: E402

PARTS = ("cold", "warm", "build", "vectors")
FIRST_QUESTION = "How many employees work at Nissan's Oppama plant?"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--parts", default=",".join(PARTS), help=f"comma-separated subset of {','.join(PARTS)}"
    )
    parser.add_argument(
        "--backends",
        default="auto",
        help="transformers,llamacpp; 'auto' adds llamacpp when llama_cpp is importable",
    )
    parser.add_argument("--cold-runs", type=int, default=3, help="cold starts per backend (median reported)")
    parser.add_argument(
        "--first-run", action="store_true", help="also time one start with an empty model cache"
    )
    parser.add_argument("--passes", type=int, default=1, help="passes over the question set per backend")
    parser.add_argument("--limit", type=int, help="only the first N questions")
    parser.add_argument("--articles", type=int, default=10_000, help="synthetic corpus size for the build")
    parser.add_argument("--sentences", type=int, default=8, help="sentences per synthetic article")
    parser.add_argument(
        "--overhead-articles",
        type=int,
        default=10_000,
        help="also build this many articles with an instant stand-in model (0: skip)",
    )
    parser.add_argument("--sizes", default="10000,100000,1000000", help="vector counts for the search part")
    parser.add_argument(
        "--hnsw-max", type=int, default=100_000, help="skip HNSW builds (for comparison; 30 min at 1M) above this many vectors"
    )
    parser.add_argument("--queries", type=int, default=200, help="queries per vector-search size")
    parser.add_argument("--no-ivf", action="store_true", help="skip the IVF candidate in the search part")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="small sizes: 1 cold run, 12 questions, 300 articles, 10k+50k vectors",
    )
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="environment for every child, e.g. OMP_WAIT_POLICY=PASSIVE (repeatable)",
    )
    parser.add_argument(
        "--out", type=Path, default=ROOT / "bench-out", help="folder for bench.json and work files"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.cold_runs, args.limit, args.articles, args.sizes = 1, args.limit or 12, 300, "10000,50000"
        args.overhead_articles = min(args.overhead_articles, 2000)
    try:
        args.env = dict(item.split("=", 1) for item in args.env)
    except ValueError:
        parser.error(f"--env takes NAME=VALUE (got {args.env})")
    args.parts = [part.strip() for part in args.parts.split(",") if part.strip()]
    unknown = set(args.parts) - set(PARTS)
    if unknown:
        parser.error(f"--parts must name {', '.join(PARTS)} (got {', '.join(sorted(unknown))})")
    if args.backends == "auto":
        args.backends = "transformers,llamacpp" if importlib.util.find_spec("llama_cpp") else "transformers"
    args.backends = [name.strip() for name in args.backends.split(",") if name.strip()]
    return args


def seeds_index(work: Path, env: dict[str, str]) -> Path:
    """A built index of the seeds in the work folder, so the project's own index/ is never touched."""
    index_dir = work / "index-seeds-answering"
    if not (index_dir / "CURRENT").exists():
        run_child("coldstart.py", _cold_options(work, "transformers") | {"spawned_at": time.time()}, env=env)
    return index_dir


def _cold_options(work: Path, backend: str) -> dict:
    return {
        "corpus_dir": str(ROOT / "seeds"),
        "index_dir": str(work / "index-seeds-answering"),
        "backend": backend,
        "question": FIRST_QUESTION,
    }


def cold(args: argparse.Namespace, work: Path) -> dict:
    seeds_index(work, args.env)
    result: dict = {}
    for backend in args.backends:
        runs = [
            run_child(
                "coldstart.py", _cold_options(work, backend) | {"spawned_at": time.time()}, env=args.env
            )
            for _ in range(args.cold_runs)
        ]
        parts = {name: median([run["parts"][name] for run in runs]) for name in runs[0]["parts"]}
        result[backend] = {
            "runs": runs,
            "parts_median": parts,
            "to_first_answer_median": median([run["to_first_answer"] for run in runs]),
            "peak_rss_mb_median": median([run["peak_rss_mb"] for run in runs]),
        }
    if args.first_run:  # a fresh machine: the GGUF is converted to safetensors once
        with tempfile.TemporaryDirectory() as cache:
            options = _cold_options(work, "transformers") | {"cache_dir": cache, "spawned_at": time.time()}
            result["first_run_transformers"] = run_child("coldstart.py", options, env=args.env)
    return result


def warm(args: argparse.Namespace, work: Path) -> dict:
    index_dir = seeds_index(work, args.env)
    result = {}
    for backend in args.backends:
        options = {
            "corpus_dir": str(ROOT / "seeds"),
            "index_dir": str(index_dir),
            "backend": backend,
            "passes": args.passes,
            "limit": args.limit,
        }
        result[backend] = run_child("answers.py", options, env=args.env)
    return result


def build(args: argparse.Namespace, work: Path) -> dict:
    options = {
        "work_dir": str(work),
        "articles": args.articles,
        "sentences": args.sentences,
        "overhead_articles": args.overhead_articles,
    }
    return run_child("building.py", options, env=args.env)


def vectors(args: argparse.Namespace, work: Path) -> dict:
    sizes = [int(size) for size in args.sizes.split(",")]
    options = {"sizes": sizes, "hnsw_max": args.hnsw_max, "queries": args.queries, "ivf": not args.no_ivf}
    return run_child("vectors.py", options, env=args.env)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    work = args.out / "work"
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {
        "machine_before": machine(),
        "options": {k: v for k, v in vars(args).items() if k != "out"},
    }
    for part in args.parts:
        started = time.perf_counter()
        print(f"running {part} ...", file=sys.stderr, flush=True)
        results[part] = globals()[part](args, work)
        print(f"  {part} took {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    results["machine_after"] = machine()
    out = args.out / "bench.json"
    out.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    print(render(results))
    print(f"\nwrote {out}")
    if "build" in args.parts:  # the synthetic corpus is large and cheap to remake
        for folder in work.glob("synthetic-*"):
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
