"""The pieces charts are drawn from, shared by the progress chart and the clinician's report.
matplotlib is imported only when a figure is made."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from dialogs.progress import ProgressSeries

MID_WEEK = timedelta(days=3)  # a week's value is drawn over the middle of its bar


def new_figure(width: float, height: float) -> Any:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure  # a Figure without pyplot: no global state

    return Figure(figsize=(width, height), dpi=100, layout="constrained")


def draw_onset(axes: Any, series: ProgressSeries, title: str) -> None:
    """What the walks measured per week, beside what was said at the start and at check-ins."""
    told = [(date.fromisoformat(d), v) for d, v in series.walk]
    timed = [(date.fromisoformat(d) + MID_WEEK, v) for d, v in series.onset_per_week]
    if told:
        axes.plot(*zip(*told, strict=True), "o--", color="tab:blue", label="as told")
    if timed:
        axes.plot(*zip(*timed, strict=True), "s-", color="tab:orange", label="from walks, weekly")
    top = max([v for _, v in told + timed] or [10]) * 1.25
    axes.set_ylim(0, top)
    axes.set_title(title)
    if told or timed:
        axes.legend(loc="best", fontsize="small")
    else:
        axes.text(0.5, 0.5, "no data yet", transform=axes.transAxes, ha="center")


def weekly_bars(
    axes: Any,
    weeks: tuple[tuple[str, float], ...] | tuple[tuple[str, int], ...],
    title: str,
    colour: str,
    top: float | None = None,
) -> None:
    mondays = [date.fromisoformat(w) for w, _ in weeks]
    values = [v for _, v in weeks]
    axes.bar(mondays, values, width=6, align="edge", color=colour)
    axes.set_ylim(0, top or max([*values, 10]) * 1.2)
    axes.set_title(title)
    if not weeks:
        axes.text(0.5, 0.5, "no data yet", transform=axes.transAxes, ha="center")


def line(
    axes: Any,
    points: tuple[tuple[str, int], ...],
    title: str,
    colour: str,
    limits: tuple[float, float] | None,
) -> None:
    axes.plot(
        [date.fromisoformat(d) for d, _ in points], [v for _, v in points], marker="o", color=colour
    )
    axes.set_title(title)
    if limits:
        axes.set_ylim(*limits)
    if not points:
        axes.text(0.5, 0.5, "no data yet", transform=axes.transAxes, ha="center")
