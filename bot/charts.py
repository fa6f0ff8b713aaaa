"""Progress charts as PNG files and the clinician's report as a PDF. matplotlib is imported
only when one is drawn (start-up stays fast), and drawing runs in a worker thread (the event
loop keeps serving others)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.plots import draw_onset, line, new_figure, weekly_bars
from dialogs.private_files import write_private
from dialogs.progress import ProgressSeries
from dialogs.report import ClinicalReport


class MatplotlibCharts:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    async def progress_chart(self, series: ProgressSeries, name: str) -> str:
        path = self.directory / "charts" / f"{name}.png"
        await asyncio.to_thread(draw_progress, series, path)
        return str(path)

    async def report_pdf(self, report: ClinicalReport, name: str) -> str:
        from bot.report_pdf import draw_report

        path = self.directory / "reports" / f"{name}.pdf"
        await asyncio.to_thread(draw_report, report, path)
        return str(path)


def draw_progress(series: ProgressSeries, path: Path) -> None:
    figure = new_figure(7, 9.5)
    onset, minutes, pain, done = figure.subplots(4, 1, sharex=True)  # one date axis for all
    draw_onset(onset, series, "Minutes of walking before the pain starts")
    weekly_bars(minutes, series.minutes_per_week, "Minutes walked per week", "tab:purple")
    line(pain, series.pain, "Pain (0–10, lower is better)", "tab:red", (0, 10))
    weekly_bars(done, series.done_per_week, "Days done per week", "tab:green", top=7)
    figure.autofmt_xdate()
    write_private(path, lambda handle: figure.savefig(handle, format="png"))
