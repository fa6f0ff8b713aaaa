"""Progress charts as PNG files. matplotlib is imported only when a chart is drawn (start-up
stays fast), and drawing runs in a worker thread (the event loop keeps serving others)."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path
from typing import Any

from dialogs.private_files import write_private
from dialogs.progress import ProgressSeries


class MatplotlibCharts:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    async def progress_chart(self, series: ProgressSeries, name: str) -> str:
        path = self.directory / "charts" / f"{name}.png"
        await asyncio.to_thread(draw_progress, series, path)
        return str(path)


def draw_progress(series: ProgressSeries, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure  # a Figure without pyplot: no global state

    figure = Figure(figsize=(7, 7.5), dpi=100, layout="constrained")
    pain, walk, done = figure.subplots(3, 1, sharex=True)  # one date axis for all three
    _line(pain, series.pain, "Pain (0–10, lower is better)", "tab:red", (0, 10))
    top = max([v for _, v in series.walk] or [10]) * 1.2
    _line(walk, series.walk, "Minutes of walking before the pain starts", "tab:blue", (0, top))
    weeks = [date.fromisoformat(w) for w, _ in series.done_per_week]
    counts = [n for _, n in series.done_per_week]
    done.bar(weeks, counts, width=6, align="edge", color="tab:green")
    done.set_ylim(0, 7)
    done.set_title("Days done per week")
    figure.autofmt_xdate()
    write_private(path, lambda handle: figure.savefig(handle, format="png"))


def _line(
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
