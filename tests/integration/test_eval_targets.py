"""The issue-3 quality gate: the real models on the test half must not fall below the floors.

The issue's targets are accuracy >= 85%, citation support >= 95% and abstention >= 85%. Abstention
meets its target, so its floor is the target itself. Accuracy and citation support do not yet;
`make eval-test` and the README report the gap. Their floors sit a little under the last measured
test-half figures, so a regression fails CI; raise them as the pipeline improves.
"""

from __future__ import annotations

import pytest

from qa.evaluation import Evaluation, evaluate
from qa.pipeline import Pipeline
from qa.questions import DEFAULT_QUESTIONS, load_questions
from qa.report import TARGETS, check_targets, terminal_table
from qa.settings import Settings

pytestmark = pytest.mark.integration
# CI gates on these three; the report shows every target (`make eval-test`).
GATED = ("accuracy", "citation_support", "abstention")
# Last measured on the test half (see README "Quality"): accuracy 68.9% (31 of 45 answerable),
# citation support 85.0% (34 of 40 answered), abstention 88.9% (8 of 9 unanswerable), false
# abstention 11.1% (5 of 45). Accuracy and citation support keep one question's worth of slack
# under those figures; abstention is held at the target, which it meets.
FLOORS = {"accuracy": 0.66, "citation_support": 0.82, "abstention": 0.85}
FALSE_ABSTENTION_CEILING = 0.14


@pytest.fixture(scope="module")
def test_half(tmp_path_factory: pytest.TempPathFactory) -> Evaluation:
    """The assistant alone on the test split, real models loaded once, in a fresh index folder."""
    settings = Settings().replace(index_dir=tmp_path_factory.mktemp("eval-index"), uploads_dir=None)  # the seeds only
    return evaluate(Pipeline(settings), load_questions(DEFAULT_QUESTIONS, "test"))


def _details(evaluation: Evaluation) -> str:
    """The whole table and every failure, so a red CI log says what to fix."""
    table = terminal_table(evaluation.summaries, check_targets(evaluation.summaries), top_k=Settings().top_k)
    failures = [
        f"{r.id}: {r.question} -> {r.answer[:120]!r}: {'; '.join(r.failures)}"
        for r in evaluation.records["assistant"]
        if r.failures
    ]
    return "\n".join([table, "", *failures])


@pytest.mark.parametrize("metric", GATED)
def test_quality_does_not_fall_below_its_floor(test_half: Evaluation, metric: str) -> None:
    target = next(t for t in TARGETS if t.metric == metric)
    value = test_half.summaries["assistant"][metric]
    assert value is not None and value >= FLOORS[metric], (
        f"{target.label}: {value:.1%}, floor {FLOORS[metric]:.0%} (issue target {target.threshold:.0%})\n"
        f"{_details(test_half)}"
    )


def test_quotes_are_verbatim_and_false_abstention_is_bounded(test_half: Evaluation) -> None:
    summary = test_half.summaries["assistant"]
    assert summary["verbatim"] == 1.0, _details(test_half)
    false_abstention = summary["false_abstention"]
    assert false_abstention is not None and false_abstention <= FALSE_ABSTENTION_CEILING, _details(test_half)
