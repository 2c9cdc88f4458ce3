"""Vector search at scale: latency and recall@10 against exact search, flat vs approximate.

Run by run.py as a child process. The vectors are synthetic unit vectors (dimension 384, as
all-MiniLM-L6-v2): clusters of about 200 passages around random topic directions, and queries
that are noisy copies of random passages, so each query has real near neighbours, as a question
has in a news corpus. Searches go one query at a time through qa.search.VectorSearch, as in answering.
"""

from __future__ import annotations

import gc
import sys
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
    import faiss

    from qa.search import ANN_THRESHOLD, HNSW_EF_SEARCH, VectorSearch

    rng = np.random.default_rng(size)
    vectors = clustered(size, rng)
    queries = queries_near(vectors, options.get("queries", 200), rng)
    results = {"size": size, "configured_kind": "hnsw" if size > ANN_THRESHOLD else "flat", "runs": []}

    started = time.perf_counter()
    flat = VectorSearch(vectors, ann_threshold=size)
    build = time.perf_counter() - started
    found, latencies = timed_searches(lambda q, index=flat: [r for r, _ in index.search(q, DEPTH)], queries)
    exact = found  # the flat index is exact search
    results["runs"].append(summary("flat", build, latencies, found, exact))
    del flat
    gc.collect()

    if size <= options.get("hnsw_max", 10**9):
        started = time.perf_counter()
        hnsw = VectorSearch(vectors, ann_threshold=0)
        build = time.perf_counter() - started
        for ef in sorted({32, 64, HNSW_EF_SEARCH, 256}):
            hnsw.index.hnsw.efSearch = ef
            found, latencies = timed_searches(
                lambda q, index=hnsw: [r for r, _ in index.search(q, DEPTH)], queries
            )
            results["runs"].append(
                summary("hnsw", build, latencies, found, exact, ef_search=ef, configured=ef == HNSW_EF_SEARCH)
            )
        del hnsw
        gc.collect()

    if options.get("ivf", True) and size >= 10_000:
        lists = int(np.sqrt(size))
        quantizer = faiss.IndexFlatIP(DIMENSION)
        ivf = faiss.IndexIVFFlat(quantizer, DIMENSION, lists, faiss.METRIC_INNER_PRODUCT)
        ivf.cp.niter = 10
        started = time.perf_counter()
        ivf.train(vectors[rng.choice(size, min(size, 30 * lists), replace=False)])
        ivf.add(vectors)
        build = time.perf_counter() - started
        for probes in (8, 16, 32):
            ivf.nprobe = probes
            found, latencies = timed_searches(
                lambda q: ivf.search(q.reshape(1, -1), DEPTH)[1][0].tolist(), queries
            )
            results["runs"].append(summary("ivf", build, latencies, found, exact, lists=lists, nprobe=probes))
        del ivf, quantizer
    del vectors
    gc.collect()
    return results


def main() -> None:
    options = child_options()
    import faiss

    from qa.search import ANN_THRESHOLD, HNSW_EF_SEARCH, HNSW_NEIGHBOURS

    sizes = [measure_size(size, options) for size in options["sizes"]]
    report(
        {
            "dimension": DIMENSION,
            "depth": DEPTH,
            "queries": options.get("queries", 200),
            "faiss_threads": faiss.omp_get_max_threads(),
            "configured": {
                "ann_threshold": ANN_THRESHOLD,
                "hnsw_neighbours": HNSW_NEIGHBOURS,
                "ef_search": HNSW_EF_SEARCH,
            },
            "sizes": sizes,
            "peak_rss_mb": peak_rss_mb(),
        }
    )


if __name__ == "__main__":
    main()
