"""The clinician's report as a one-page A4 PDF, drawn with matplotlib (no other dependency):
the text sections, and the pain and walking trends as three small charts between them."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from bot.plots import draw_onset, line, new_figure, weekly_bars
from dialogs.private_files import write_private
from dialogs.report import ClinicalReport

A4 = (8.27, 11.69)  # inches
LEFT, TOP, BOTTOM = 0.07, 0.965, 0.03  # figure fractions
LINE = 0.0138  # one line of body text, as a fraction of the page height
WRAP = 108  # characters a body line holds
CHARTS_HEIGHT = 0.16
SECTIONS_ABOVE_CHARTS = 2  # the answers and the warning signs; the rest below the charts


def draw_report(report: ClinicalReport, path: Path) -> None:
    figure = report_figure(report)
    metadata = {"Title": report.title, "Creator": "back-walk coach"}
    write_private(path, lambda handle: figure.savefig(handle, format="pdf", metadata=metadata))


def report_figure(report: ClinicalReport) -> Any:
    figure = new_figure(*A4)
    figure.set_layout_engine(None)  # text and axes are placed by hand
    page = _Page(figure)
    page.write(report.title, size=14, weight="bold")
    page.write(report.disclaimer, size=8, style="italic")
    page.gap()
    for heading, lines in report.sections[:SECTIONS_ABOVE_CHARTS]:
        page.section(heading, lines)
    page.charts(report)
    for heading, lines in report.sections[SECTIONS_ABOVE_CHARTS:]:
        page.section(heading, lines)
    return figure


class _Page:
    def __init__(self, figure: Any) -> None:
        self.figure = figure
        self.y = TOP

    def write(self, text: str, size: float = 8.5, **style: Any) -> None:
        width = int(WRAP * 8.5 / size)
        for piece in textwrap.wrap(text, width) or [""]:
            if self.y < BOTTOM:
                return  # the page is full: the rest is left off rather than overprinted
            self.figure.text(LEFT, self.y, piece, fontsize=size, va="top", **style)
            self.y -= LINE * size / 8.5

    def gap(self) -> None:
        self.y -= LINE / 2

    def section(self, heading: str, lines: tuple[str, ...]) -> None:
        self.write(heading, size=10, weight="bold")
        for text in lines:
            self.write(f"• {text}")
        self.gap()

    def charts(self, report: ClinicalReport) -> None:
        bottom = self.y - CHARTS_HEIGHT
        width, space = 0.27, 0.045
        axes = [
            self.figure.add_axes((LEFT + i * (width + space), bottom, width, CHARTS_HEIGHT - 0.03))
            for i in range(3)
        ]
        pain_title, onset_title, minutes_title = report.chart_titles
        series = report.series
        line(axes[0], series.pain, pain_title, "tab:red", (0, 10))
        draw_onset(axes[1], series, onset_title)
        weekly_bars(axes[2], series.minutes_per_week, minutes_title, "tab:purple")
        for ax in axes:
            ax.title.set_fontsize(8)
            ax.tick_params(labelsize=6)
            ax.xaxis.set_major_formatter(_short_dates())
            for label in ax.get_xticklabels():
                label.set_rotation(30)
        if axes[1].get_legend() is not None:
            axes[1].legend(loc="best", fontsize=6)
        self.y = bottom - 0.03


def _short_dates() -> Any:
    from matplotlib.dates import DateFormatter

    return DateFormatter("%d %b")  # type: ignore[no-untyped-call]
