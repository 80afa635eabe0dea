"""The agreement report as a plain-text table (``newsmark agree --format table``)."""

from __future__ import annotations

from ..text import printable
from .agree import Agreement

NAME = 12


def _name(text: str) -> str:
    text = printable(text) or "(none)"
    return text if len(text) <= NAME else text[: NAME - 1] + "…"


def _number(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.2f}"


def table(report: Agreement) -> list[str]:
    labels = ", ".join(printable(label) for label in report.labels) or "(none)"
    lines = [
        f"{len(report.annotators)} annotator(s), labels: {labels}",
        "exact: same start, end and label; overlap: same label, overlapping by at least half"
        " of the shorter span (one to one);",
        "P and R take the first annotator of the pair as reference;"
        " kappa: Cohen's, over characters.",
        "",
        f"{'first':{NAME}} {'second':{NAME}} {'label':14} {'art.':>4} {'spans':>11}"
        f"  {'exact P':>7} {'R':>5} {'F1':>5}  {'overl. P':>8} {'R':>5} {'F1':>5}  {'kappa':>5}",
    ]
    for pair in report.pairs:
        if not pair.articles:
            lines.append(
                f"{_name(pair.first):{NAME}} {_name(pair.second):{NAME}}"
                " no article annotated by both"
            )
            continue
        for index, item in enumerate(pair.labels):
            who = (
                f"{_name(pair.first):{NAME}} {_name(pair.second):{NAME}}"
                if index == 0
                else " " * (2 * NAME + 1)
            )
            spans = f"{item.exact.first}/{item.exact.second}"
            lines.append(
                f"{who} {_name(item.label):14} {len(pair.articles):>4} {spans:>11}"
                f"  {_number(item.exact.precision):>7} {_number(item.exact.recall)}"
                f" {_number(item.exact.f1)}  {_number(item.overlap.precision):>8}"
                f" {_number(item.overlap.recall)} {_number(item.overlap.f1)}"
                f"  {_number(item.kappa)}"
            )
    lines += [
        "",
        f"mean over pairs  {'label':14} {'pairs':>5}  {'exact F1':>8}"
        f"  {'overlap F1':>10}  {'kappa':>5}",
    ]
    for mean in report.means:
        lines.append(
            f"{'':16} {_name(mean.label):14} {mean.pairs:>5}  {_number(mean.exact_f1):>8}"
            f"  {_number(mean.overlap_f1):>10}  {_number(mean.kappa)}"
        )
    header = "".join(f" {_name(label):>{max(6, len(_name(label)))}}" for label in report.labels)
    lines += ["", f"{'annotator':{NAME}} {'articles':>8}{header} {'total':>6}"]
    for count in report.counts:
        cells = "".join(
            f" {count.spans.get(label, 0):>{max(6, len(_name(label)))}}" for label in report.labels
        )
        lines.append(
            f"{_name(count.annotator):{NAME}} {count.articles:>8}{cells}"
            f" {sum(count.spans.values()):>6}"
        )
    return lines
