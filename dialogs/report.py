"""What /report puts on one page for a clinician, in plain words: the answers, warning signs
with their dates, the pain and walking trends, adherence and the current plan. Pure: the
engine reads the record and history (outside any transaction) and a drawer makes the PDF."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from content.bundle import Content
from dialogs.ports import JsonDict, UserRecord
from dialogs.progress import ChartMaker, ProgressSeries, minutes_text, series_from, walk_change
from dialogs.schedule import local_date, zone
from dialogs.walk_plan import KEY, usual_pain, why_text
from dialogs.walk_rx import dose, is_circulation
from dialogs.walk_week import Week, limit_for
from dialogs.wording import plural_key

WINDOW_DAYS = 28  # adherence is counted over the last four weeks
SCREENING_NO = "no"


@dataclass(frozen=True)
class ClinicalReport:
    title: str
    disclaimer: str
    sections: tuple[tuple[str, tuple[str, ...]], ...]  # (heading, lines), in order
    series: ProgressSeries
    chart_titles: tuple[str, str, str]  # pain, pain onset per week, minutes per week


class ReportMaker(Protocol):
    async def report_pdf(self, report: ClinicalReport, name: str) -> str:
        """Draw the report to a PDF file and return its path."""
        ...


class Charts(ChartMaker, ReportMaker, Protocol):
    """What the engine draws with: progress charts and reports."""


def build_report(
    content: Content, language: str, record: UserRecord, history: list[JsonDict], at: datetime
) -> ClinicalReport:
    writer = _Writer(content, language, record.data)
    today = local_date(at, zone(record.data.get("tz")))
    series = series_from(record, history)
    sections = (
        (writer.t("report.answers_title"), writer.answers()),
        (writer.t("report.flags_title"), writer.flags()),
        (writer.t("report.trends_title"), writer.trends(series)),
        (writer.t("report.adherence_title"), writer.adherence(history, today)),
        (writer.t("report.plan_title"), writer.plan()),
    )
    start = str(record.data.get("started") or today.isoformat())
    return ClinicalReport(
        writer.t("report.title"),
        writer.t("report.disclaimer", start=start, today=today.isoformat()),
        sections,
        series,
        (
            writer.t("report.chart_pain"),
            writer.t("report.chart_onset"),
            writer.t("report.chart_minutes"),
        ),
    )


@dataclass(frozen=True)
class _Writer:
    content: Content
    language: str
    data: dict[str, Any]

    def t(self, key: str, **values: object) -> str:
        return self.content.texts.get(self.language, key, **values)

    def answers(self) -> tuple[str, ...]:
        told: dict[str, str] = self.data.get("answers") or {}
        interview = self.content.interview
        lines = self._screening(told)
        for question in interview.questions:
            if question.tier or question.id not in told:
                continue
            answer = told[question.id]
            words = interview.words(self.language, question).labels.get(answer, answer)
            words = f"{answer}/10" if question.kind.value == "scale" else words
            name = self._question_name(question.id)
            lines.append(self.t("report.answer_line", question=name, answer=words))
        return tuple(lines)

    def _screening(self, told: dict[str, str]) -> list[str]:
        """Yes where they said yes; No only for the questions they answered."""
        screening = [q for q in self.content.interview.questions if q.tier]
        flagged = [q for q in screening if told.get(q.id, SCREENING_NO) != SCREENING_NO]
        open_ = len([q for q in screening if q.id not in told])
        lines = []
        if flagged:
            labels = "; ".join(self.t(f"hold.label.{q.id}") for q in flagged)
            lines.append(self.t("report.screening_yes", labels=labels))
        elif not open_:
            lines.append(self.t("report.screening_clear"))
        elif open_ < len(screening):
            lines.append(self.t("report.screening_no_so_far"))
        if open_:
            key = plural_key("report.screening_open", open_)
            lines.append(self.t(key, count=open_, total=len(screening)))
        return lines

    def _question_name(self, qid: str) -> str:
        key = f"report.question.{qid}"
        return self.t(key) if self.content.texts.has(key) else qid.replace("_", " ")

    def flags(self) -> tuple[str, ...]:
        lines = []
        for flag in self.data.get("flags") or []:
            outcome = {"checked": "report.outcome_checked", "mistake": "report.outcome_mistake"}
            key = outcome.get(str(flag.get("outcome")))
            tier = self.t(f"report.tier.{flag['tier']}")
            words = self.t("report.flag_words", words=flag["words"]) if flag.get("words") else ""
            lines.append(
                self.t(
                    "report.flag_line",
                    day=flag["day"],
                    tier=tier,
                    label=flag["label"],
                    words=words,
                    outcome=self.t(key) if key else "",
                )
            )
        return tuple(lines) or (self.t("report.no_flags"),)

    def trends(self, series: ProgressSeries) -> tuple[str, ...]:
        lines = []
        if series.pain:
            first, latest = series.pain_span or (series.pain[0][1], series.pain[-1][1])
            count = len(series.pain)
            key = plural_key("report.pain_trend", count)
            lines.append(self.t(key, first=first, latest=latest, count=count))
        if series.onset_per_week and series.onset_at_start:
            latest_onset = series.onset_per_week[-1][1]
            gain, share, _ = walk_change(series.onset_at_start, latest_onset)
            kind = "up" if gain > 0 else "down" if gain < 0 else "same"
            change = self.t(
                f"report.change_{kind}",
                minutes=minutes_text(abs(gain)),
                share=round(abs(share) * 100),
            )
            first_onset = series.onset_at_start
            latest_text = minutes_text(latest_onset)
            lines.append(
                self.t("report.onset_trend", first=first_onset, latest=latest_text, change=change)
            )
        if series.minutes_per_week:
            week, minutes = series.minutes_per_week[-1]
            days = dict(series.walk_days_per_week).get(week, 0)
            key = plural_key("report.minutes_trend", days)
            text = self.t(key, minutes=minutes_text(minutes), days=days)
            lines.append(text)
        else:
            lines.append(self.t("report.no_walks"))
        return tuple(lines)

    def adherence(self, history: list[JsonDict], today: date) -> tuple[str, ...]:
        started = date.fromisoformat(str(self.data.get("started") or today.isoformat()))
        days = max(1, min(WINDOW_DAYS, (today - started).days + 1))
        since = (today - timedelta(days=days - 1)).isoformat()
        done = {e["date"] for e in history if e["kind"] == "done" and e["date"] >= since}
        walks = [e for e in history if e["kind"] == "walk" and e["date"] >= since]
        walk_days = len({e["date"] for e in walks})
        return (
            self.t(plural_key("report.done_line", days), done=len(done), days=days),
            self.t(plural_key("report.walks_line", walk_days), walks=len(walks), days=walk_days),
        )

    def plan(self) -> tuple[str, ...]:
        plan = self.data.get("plan") or {}
        names = [self.t(f"exercise.{ex}.name") for ex in plan.get("exercises", [])]
        if not names:
            return (self.t("report.no_exercises"), *self._walking())
        return (self.t("report.exercises_line", names=", ".join(names)), *self._walking())

    def _walking(self) -> tuple[str, ...]:
        rules, answers = self.content.walking, self.data.get("answers") or {}
        walk = self.data.get(KEY) or {}
        if is_circulation(rules, answers):
            return (self.t("report.walking_circulation"),)
        if not isinstance(walk.get("bout"), int):
            return ()
        d = dose(rules, walk["bout"], answers.get("eases"))
        rest = d.rest_min
        times = self.t(f"report.times.{d.times_a_day}")
        values = {"bouts": d.bouts, "bout": d.bout_min, "rest": rest, "times": times}
        lines = [self.t("report.walking_line", days=d.days_a_week, **values)]
        weeks = walk.get("weeks") or []
        if weeks:
            limit = limit_for(rules, usual_pain(self.data))
            before = weeks[-2] if len(weeks) > 1 else None
            why = why_text(self.t, rules, Week(**weeks[-1]), limit, before)
            lines.append(self.t("report.latest_change", why=why))
        return tuple(lines)
