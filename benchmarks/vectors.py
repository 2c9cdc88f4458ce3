"""Vector search at scale: latency and recall@10 against exact search, flat vs approximate.

Run by run.py as a child process. The vectors are synthetic unit vectors (dimension 384, as
all-MiniLM-L6-v2): clusters of about 200 passages around random topic directions, and queries
that are noisy copies of random passages, so each query has real near neighbours, as a question
has in a news corpus. Searches go one query at a time through qa.search.VectorSearch, as in answering;
HNSW and IVF-Flat, built with FAISS directly, are measured beside it for comparison.
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import child_options, peak_rss_mb, percentile, report  # noqa: E402

DIMENSION = 384
DEPTH = 24  # retrieval asks the vector search for max(top_k * 4, 20) = 24 rows
NOISE = (
    1.5  # spread around topics and passages: a query's best cosine is ~0.55, its 10th ~0.24, as with MiniLM
)


def unit(rows: np.ndarray) -> np.ndarray:
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    return rows


def clustered(count: int, rng: np.random.Generator, *, cluster_size: int = 200) -> np.ndarray:
    """`count` unit vectors in clusters; built in blocks to keep float64 temporaries small."""
    topics = unit(rng.standard_normal((max(count // cluster_size, 1), DIMENSION), dtype=np.float32))
    vectors = np.empty((count, DIMENSION), dtype=np.float32)
    for start in range(0, count, 100_000):
        stop = min(start + 100_000, count)
        noise = rng.standard_normal((stop - start, DIMENSION), dtype=np.float32) * (
            NOISE / np.sqrt(DIMENSION)
        )
        vectors[start:stop] = unit(topics[rng.integers(0, len(topics), stop - start)] + noise)
    return vectors


def queries_near(vectors: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    picked = vectors[rng.integers(0, len(vectors), count)]
    return unit(picked + rng.standard_normal(picked.shape, dtype=np.float32) * (NOISE / np.sqrt(DIMENSION)))


def timed_searches(search, queries: np.ndarray) -> tuple[list[list[int]], list[float]]:  # type: ignore[no-untyped-def]
    rows, latencies = [], []
    for query in queries:
        started = time.perf_counter()
        found = search(query)
        latencies.append(time.perf_counter() - started)
        rows.append(found)
    return rows, latencies


def recall_at_10(found: list[list[int]], exact: list[list[int]]) -> float:
    return float(np.mean([len(set(f[:10]) & set(e[:10])) / 10 for f, e in zip(found, exact, strict=True)]))


def summary(kind: str, build: float, latencies: list[float], found, exact, **extra) -> dict:  # type: ignore[no-untyped-def]
    return {
        "kind": kind,
        "build_seconds": build,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p95_ms": percentile(latencies, 95) * 1000,  # type: ignore[operator]
        "recall_at_10": recall_at_10(found, exact),
        **extra,
    }


def measure_size(size: int, options: dict) -> dict:
    from qa.search import ANN_THRESHOLD, APPROXIMATE, RERANK_FACTOR, VectorSearch

    rng = np.random.default_rng(size)
    vectors = clustered(size, rng)
    queries = queries_near(vectors, options.get("queries", 200), rng)
    results = {"size": size, "configured_kind": APPROXIMATE if size > ANN_THRESHOLD else "flat", "runs": []}

    started = time.perf_counter()
    flat = VectorSearch(vectors, ann_threshold=size)
    build = time.perf_counter() - started
    found, latencies = timed_searches(lambda q, index=flat: [r for r, _ in index.search(q, DEPTH)], queries)
    exact = found  # the flat index is exact search
    results["runs"].append(summary("flat", build, latencies, found, exact))
    del flat
    gc.collect()

    # The approximate search as qa/search.py builds it (here regardless of the threshold), saved
    # and loaded back as a version folder does, at the configured re-rank depth and around it.
    started = time.perf_counter()
    approximate = VectorSearch(vectors, ann_threshold=0)
    build = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ann.faiss"
        started = time.perf_counter()
        approximate.save(path)
        saved = {"save_seconds": time.perf_counter() - started, "file_mb": path.stat().st_size / 2**20}
        started = time.perf_counter()
        approximate = VectorSearch.load(path, vectors, APPROXIMATE)
        saved["load_seconds"] = time.perf_counter() - started
    for factor in sorted({2, 4, RERANK_FACTOR, 16}):
        approximate.rerank = factor
        found, latencies = timed_searches(
            lambda q, index=approximate: [r for r, _ in index.search(q, DEPTH)], queries
        )
        configured = factor == RERANK_FACTOR
        results["runs"].append(
            summary(
                APPROXIMATE, build, latencies, found, exact, rerank=factor, configured=configured, **saved
            )
        )
    del approximate
    gc.collect()

    if size <= options.get("hnsw_max", 10**9):  # the graph index this replaced, for comparison
        results["runs"] += hnsw_runs(vectors, queries, exact)
    if options.get("ivf", True) and size >= 10_000:
        results["runs"] += ivf_runs(vectors, queries, exact, rng)
    del vectors
    gc.collect()
    return results


def hnsw_runs(vectors: np.ndarray, queries: np.ndarray, exact: list[list[int]]) -> list[dict]:
    """HNSW with M=32 and efConstruction 80, as qa/search.py configured it before."""
    import faiss

    started = time.perf_counter()
    hnsw = faiss.IndexHNSWFlat(DIMENSION, 32, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = 80
    hnsw.add(vectors)
    build = time.perf_counter() - started
    runs = []
    for ef in (64, 128, 256, 512):
        hnsw.hnsw.efSearch = ef
        found, latencies = timed_searches(
            lambda q: hnsw.search(q.reshape(1, -1), DEPTH)[1][0].tolist(), queries
        )
        runs.append(summary("hnsw", build, latencies, found, exact, ef_search=ef))
    return runs


def ivf_runs(
    vectors: np.ndarray, queries: np.ndarray, exact: list[list[int]], rng: np.random.Generator
) -> list[dict]:
    """IVF-Flat with √n lists trained on up to 100,000 vectors (fewer leave the lists poorly placed)."""
    import faiss

    size = len(vectors)
    lists = int(np.sqrt(size))
    quantizer = faiss.IndexFlatIP(DIMENSION)
    ivf = faiss.IndexIVFFlat(quantizer, DIMENSION, lists, faiss.METRIC_INNER_PRODUCT)
    started = time.perf_counter()
    ivf.train(vectors[rng.choice(size, min(size, 100_000), replace=False)])
    ivf.add(vectors)
    build = time.perf_counter() - started
    runs = []
    for probes in (16, 64, 256):
        ivf.nprobe = probes
        found, latencies = timed_searches(
            lambda q: ivf.search(q.reshape(1, -1), DEPTH)[1][0].tolist(), queries
        )
        runs.append(summary("ivf", build, latencies, found, exact, lists=lists, nprobe=probes))
    return runs


def main() -> None:
    options = child_options()
    import faiss

    from qa.search import ANN_THRESHOLD, APPROXIMATE, RERANK_FACTOR

    sizes = [measure_size(size, options) for size in options["sizes"]]
    report(
        {
            "dimension": DIMENSION,
            "depth": DEPTH,
            "queries": options.get("queries", 200),
            "faiss_threads": faiss.omp_get_max_threads(),
            "configured": {
                "ann_threshold": ANN_THRESHOLD,
                "approximate": APPROXIMATE,
                "rerank": RERANK_FACTOR,
            },
            "sizes": sizes,
            "peak_rss_mb": peak_rss_mb(),
        }
    )


if __name__ == "__main__":
    main()
