"""Shared measuring tools: percentiles, peak memory, machine load, and running a part as a child process."""

from __future__ import annotations

import contextlib
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0-100) by linear interpolation; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def median(values: list[float]) -> float | None:
    return percentile(values, 50)


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine() -> dict:
    """What the figures depend on: cores, load average when measured, and the library versions."""
    import platform

    info = {
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "time": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    with contextlib.suppress(OSError, StopIteration):  # not Linux: leave the CPU unnamed
        info["cpu"] = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    return info


def run_child(
    script: str, options: dict, *, env: dict[str, str] | None = None, timeout: float | None = None
) -> dict:
    """Run benchmarks/<script> in a fresh interpreter and return the JSON it prints last.

    Each part gets its own process so that its peak memory and import costs are its own.
    """
    env = dict(os.environ, HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false", **(env or {}))
    command = [sys.executable, str(HERE / script), json.dumps(options)]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    wall = time.perf_counter() - started
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{script} failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    result = json.loads(lines[-1])
    result["wall_seconds"] = wall
    return result


def child_options() -> dict:
    """The options a child script was started with (see run_child)."""
    return json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}


def report(result: dict) -> None:
    """A child's result, as the last line of its output."""
    print(json.dumps(result), flush=True)
