"""Run `python app.py` with the real models in a subprocess, on a free local port, over a temp corpus."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
START_TIMEOUT = 300  # seconds; the models load in ~10 s alone, longer on a busy two-core machine


@dataclass(frozen=True)
class LiveApp:
    url: str
    corpus_dir: Path
    uploads_dir: Path
    log_path: Path
    process: subprocess.Popen

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_app(folder: Path) -> LiveApp:
    """Copy the seeds into `folder`, start the app there and wait until its page answers."""
    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, corpus / path.name)
    port = free_port()
    uploads = folder / "uploads"
    env = {**os.environ, "QA_CORPUS_DIR": str(corpus), "QA_INDEX_DIR": str(folder / "index"), "QA_UPLOADS_DIR": str(uploads)}
    env["HF_HUB_OFFLINE"] = "1"
    for name in ("QA_HOST", "QA_PORT", "QA_USERNAME", "QA_PASSWORD"):
        env.pop(name, None)
    log_path = folder / "app.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "app.py"), "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    app = LiveApp(f"http://127.0.0.1:{port}/", corpus, uploads, log_path, process)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"app.py exited with {process.returncode}:\n{app.log()[-3000:]}")
        try:
            with urllib.request.urlopen(app.url, timeout=5) as response:
                if response.status == 200:
                    return app
        except OSError:
            time.sleep(0.5)
    stop_app(app)
    raise RuntimeError(f"app.py did not answer on {app.url} within {START_TIMEOUT} s:\n{app.log()[-3000:]}")


def stop_app(app: LiveApp) -> None:
    """Stop the app process this helper started (and only it)."""
    if app.process.poll() is None:
        app.process.terminate()
        try:
            app.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            app.process.kill()
            app.process.wait()
