"""The evaluation's outputs: quality targets, the terminal table, results.json, report.md and chart.png."""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from qa.errors import MissingDependencyError
from qa.evaluation import ASSISTANT, Evaluation
from qa.metrics import Record
from qa.settings import Settings

Summary = Mapping[str, float | None]
# (summary key, label, format): pct = share shown as %, num = plain number, sec = seconds.
ROWS = (
    ("accuracy", "Answer accuracy (answerable)", "pct"),
    ("exact_match", "Exact match, short answer", "pct"),
    ("f1", "Token F1, short answer", "pct"),
    ("citation_support", "Citation support (answered)", "pct"),
    ("citation_precision", "Citation precision", "pct"),
    ("verbatim", "Verbatim quotes", "pct"),
    ("abstention", "Abstention (unanswerable)", "pct"),
    ("false_abstention", "False abstention (answerable)", "pct"),
    ("hit_at_k", "Retrieval hit@{k}", "pct"),
    ("mrr", "Retrieval MRR", "num"),
    ("dialog_accuracy", "Dialog accuracy (2nd turns)", "pct"),
    ("accuracy_all", "Accuracy, all questions", "pct"),
    ("median_words", "Median answer (words)", "num"),
    ("first_answer_seconds", "First answer incl. load (s)", "sec"),
    ("p50_seconds", "Latency p50 (s)", "sec"),
    ("p95_seconds", "Latency p95 (s)", "sec"),
)
CHARTED = (
    "accuracy",
    "f1",
    "citation_support",
    "citation_precision",
    "verbatim",
    "abstention",
    "false_abstention",
    "hit_at_k",
    "dialog_accuracy",
)


@dataclass(frozen=True)
class Target:
    metric: str
    label: str
    threshold: float
    at_most: bool = False  # the value must not exceed the threshold (lower is better)


# The quality targets of issue 3, measured on the test half.
TARGETS = (
    Target("accuracy", "answer accuracy", 0.85),
    Target("citation_support", "citation support", 0.95),
    Target("verbatim", "verbatim quotes", 1.0),
    Target("abstention", "abstention on unanswerable", 0.85),
    Target("false_abstention", "false abstention on answerable", 0.10, at_most=True),
    Target("dialog_accuracy", "dialog accuracy", 0.75),
    Target("median_words", "median answer length (words)", 35, at_most=True),
)
BEAT_BASELINES_ON = ("accuracy", "abstention")


@dataclass(frozen=True)
class TargetResult:
    label: str
    goal: str  # e.g. "≥ 85.0%"
    value: str  # the assistant's figure
    met: bool | None  # None when it could not be measured
    gap: str  # by how much it is met or missed, in words


def fmt(value: float | None, kind: str) -> str:
    if value is None:
        return "–"
    if kind == "pct":
        return f"{100 * value:.1f}%"
    if kind == "sec":
        return f"{value:.2f}"
    return f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def _margin(difference: float, kind: str) -> str:
    size = f"{100 * abs(difference):.1f} points" if kind == "pct" else f"{abs(difference):g}"
    return f"{'met by' if difference >= 0 else 'missed by'} {size}"


def check_targets(summaries: Mapping[str, Summary]) -> list[TargetResult]:
    """The assistant's figures against every target, including beating each baseline."""
    mine = summaries.get(ASSISTANT, {})
    results = []
    for target in TARGETS:
        kind = "num" if target.metric == "median_words" else "pct"
        value = mine.get(target.metric)
        goal = ("≤ " if target.at_most else "≥ ") + fmt(target.threshold, kind)
        if value is None:
            results.append(TargetResult(target.label, goal, "–", None, "not measured (no such questions)"))
            continue
        difference = target.threshold - value if target.at_most else value - target.threshold
        results.append(
            TargetResult(target.label, goal, fmt(value, kind), difference >= 0, _margin(difference, kind))
        )
    for metric in BEAT_BASELINES_ON:
        for system, theirs in summaries.items():
            if system == ASSISTANT:
                continue
            value, other = mine.get(metric), theirs.get(metric)
            label = f"{metric} above {system}"
            if value is None or other is None:
                results.append(TargetResult(label, f"> {system}", fmt(value, "pct"), None, "not measured"))
                continue
            gap = _margin(value - other, "pct").replace("met by 0.0 points", "tied")
            results.append(
                TargetResult(label, f"> {fmt(other, 'pct')}", fmt(value, "pct"), value > other, gap)
            )
    return results


def table_rows(summaries: Mapping[str, Summary], top_k: int) -> list[list[str]]:
    """Header row, then one row per metric with a column per system."""
    rows = [["Metric", *summaries]]
    for key, label, kind in ROWS:
        rows.append([label.format(k=top_k), *(fmt(summary.get(key), kind) for summary in summaries.values())])
    return rows


def _counts(summaries: Mapping[str, Summary]) -> str:
    first = next(iter(summaries.values()), {})
    return (
        f"{first.get('questions', 0)} questions ({first.get('answerable', 0)} answerable, "
        f"{first.get('unanswerable', 0)} unanswerable)"
    )


def kind_rows(records: Mapping[str, Sequence[Record]]) -> list[list[str]]:
    """Correct answers per question kind and system ("3/4"), so a weak kind stands out."""
    kinds = list(dict.fromkeys(r.kind for rs in records.values() for r in rs))
    rows = [["Kind", *records]]
    for kind in kinds:
        cells = []
        for system_records in records.values():
            chosen = [r for r in system_records if r.kind == kind]
            cells.append(f"{sum(r.correct for r in chosen)}/{len(chosen)}")
        rows.append([kind, *cells])
    return rows


def terminal_table(summaries: Mapping[str, Summary], targets: list[TargetResult], *, top_k: int) -> str:
    """Plain-text table: metrics down, systems across, then the targets."""
    rows = table_rows(summaries, top_k)
    widths = [max(len(row[col]) for row in rows) for col in range(len(rows[0]))]
    lines = [_counts(summaries)]
    for number, row in enumerate(rows):
        cells = [cell.rjust(w) for cell, w in zip(row, widths, strict=True)]
        cells[0] = row[0].ljust(widths[0])
        lines.append("  ".join(cells))
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append("")
    for result in targets:
        mark = {True: "PASS", False: "MISS", None: "n/a "}[result.met]
        lines.append(f"{mark}  {result.label} {result.goal}: {result.value} ({result.gap})")
    return "\n".join(lines)


def markdown_table(rows: list[list[str]]) -> str:
    header, *body = rows
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in body])


def markdown_report(evaluation: Evaluation, targets: list[TargetResult], *, split: str, top_k: int) -> str:
    """The report: the table, each target met or missed and by how much, then every failure."""
    parts = [
        f"# Evaluation: {split} split",
        "",
        _counts(evaluation.summaries) + ".",
        "",
        markdown_table(table_rows(evaluation.summaries, top_k)),
        "",
        "## Targets",
        "",
        markdown_table(
            [["Target", "Goal", "Assistant", "Met", "Margin"]]
            + [
                [t.label, t.goal, t.value, {True: "yes", False: "**no**", None: "n/a"}[t.met], t.gap]
                for t in targets
            ]
        ),
        "",
        "## Correct answers by kind",
        "",
        markdown_table(kind_rows(evaluation.records)),
        "",
        "## Failures (assistant)",
        "",
    ]
    failures = [r for r in evaluation.records.get(ASSISTANT, []) if r.failures]
    if not failures:
        parts.append("None.")
    for record in failures:
        parts.append(f"### {record.id} ({record.kind}): {record.question}")
        for earlier in record.history:
            parts.append(f"- first turn: {earlier} → {record.first_turn_answer}")
        if record.standalone_question != record.question:
            parts.append(f"- searched as: {record.standalone_question}")
        answer = record.answer.replace("\n", " ") or "(empty)"
        parts.append(f"- answer: {answer}")
        if record.problems:
            parts.append(f"- draft rejected: {record.draft.strip()!r} ({'; '.join(record.problems)})")
        parts.extend(f"- **{failure}**" for failure in record.failures)
        parts.append("")
    return "\n".join(parts) + "\n"


def save_chart(summaries: Mapping[str, Summary], path: Path) -> None:
    """Grouped bars: the share metrics for each system side by side."""
    try:
        import matplotlib
    except ImportError:
        raise MissingDependencyError("the chart needs matplotlib: pip install 'qa[eval]'") from None
    matplotlib.use("Agg")  # no display on servers and in CI
    import matplotlib.pyplot as plt

    labels = {key: label.replace(" hit@{k}", " hit@k") for key, label, _ in ROWS}
    figure, axes = plt.subplots(figsize=(10, 5.5))
    width = 0.8 / max(len(summaries), 1)
    for offset, (system, summary) in enumerate(summaries.items()):
        values = [100 * (summary.get(key) or 0.0) for key in CHARTED]
        axes.bar([i + offset * width for i in range(len(CHARTED))], values, width, label=system)
    axes.set_xticks([i + width * (len(summaries) - 1) / 2 for i in range(len(CHARTED))])
    axes.set_xticklabels([labels[key] for key in CHARTED], rotation=30, ha="right", fontsize=8)
    axes.set_ylabel("%")
    axes.set_ylim(0, 105)
    axes.set_title("Assistant and baselines (false abstention: lower is better)")
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


def write_outputs(
    evaluation: Evaluation, targets: list[TargetResult], out: Path, *, split: str, settings: Settings
) -> list[Path]:
    """results.json (every per-question record), report.md and chart.png in `out`."""
    out.mkdir(parents=True, exist_ok=True)
    results = {
        "split": split,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "settings": dataclasses.asdict(settings),
        "summaries": evaluation.summaries,
        "targets": [dataclasses.asdict(t) for t in targets],
        "seconds": evaluation.seconds,
        "records": {
            system: [dataclasses.asdict(r) for r in records] for system, records in evaluation.records.items()
        },
    }
    paths = [out / "results.json", out / "report.md", out / "chart.png"]
    paths[0].write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    paths[1].write_text(
        markdown_report(evaluation, targets, split=split, top_k=settings.top_k), encoding="utf-8"
    )
    save_chart(evaluation.summaries, paths[2])
    return paths
