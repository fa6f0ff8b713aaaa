"""What /progress and /export show, computed from what the user told the bot (never rewritten):
the daily pain scores, walking minutes at the start and at each weekly check-in, the days
done per week, and, as the headline, the walks themselves: the typical minutes before the pain
came on and the minutes walked, week by week."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol

from content.texts import Texts
from dialogs.ports import JsonDict, UserRecord
from dialogs.weekly import average, pain_key, shown
from dialogs.wording import plural_key

WEEK = timedelta(days=7)
MIC_POINTS = 2  # minimal important change in pain: 2 points or 30 % (Ostelo 2008)
MIC_SHARE = 0.30
WALK_MIC_SHARE = 0.30  # a 30 % longer walk before the pain starts matters (Ammendolia 2018)


@dataclass(frozen=True)
class ProgressSeries:
    pain: tuple[tuple[str, int], ...]  # (local date, 0–10)
    walk: tuple[tuple[str, int], ...]  # (local date, minutes before the pain starts)
    done_per_week: tuple[tuple[str, int], ...]  # (Monday of the week, days done)
    # The first and the latest value in the order told (two on one day keep their order), for
    # the summary; None with fewer than two. The chart's points above are by date, then value.
    pain_span: tuple[int, int] | None = None
    walk_span: tuple[int, int] | None = None
    # Walks timed or told, per week (Monday): the median minutes before the pain came on (weeks
    # where it did), the minutes walked, and the days with a walk.
    onset_per_week: tuple[tuple[str, float], ...] = ()
    minutes_per_week: tuple[tuple[str, float], ...] = ()
    walk_days_per_week: tuple[tuple[str, int], ...] = ()
    onset_at_start: int | None = None  # the interview's answer, what the change is measured from


class ChartMaker(Protocol):
    async def progress_chart(self, series: ProgressSeries, name: str) -> str:
        """Draw the chart to a PNG file and return its path."""
        ...


def series_from(record: UserRecord, history: list[JsonDict]) -> ProgressSeries:
    answers = record.data.get("answers", {})  # after a check-in: its latest values
    baseline = record.data.get("baseline") or {}  # what was told at the start
    start = baseline.get("date") or record.data.get("started")
    first_pain = str(baseline.get("pain") or answers.get("pain_now", ""))
    first_walk = str(baseline.get("walk") or answers.get("walk_minutes", ""))
    pain: list[tuple[str, int]] = []
    walk: list[tuple[str, int]] = []
    if start and first_pain.isdigit():
        pain.append((start, int(first_pain)))
    if start and first_walk.isdigit():
        walk.append((start, int(first_walk)))
    for entry in history:
        value: dict[str, Any] = entry["value"]
        if entry["kind"] == "pain":
            pain.append((entry["date"], int(value["score"])))
        elif entry["kind"] == "checkin":
            pain.append((entry["date"], int(value["pain"])))
            walk.append((entry["date"], int(value["walk"])))
    done = sorted({e["date"] for e in history if e["kind"] == "done"})
    onsets, minutes, days = _walks_per_week([e for e in history if e["kind"] == "walk"])
    told = str(answers.get("walk_minutes", ""))
    return ProgressSeries(
        tuple(sorted(pain)),
        tuple(sorted(walk)),
        _per_week(done),
        _span(pain),
        _span(walk),
        onsets,
        minutes,
        days,
        int(told) if told.isdigit() else None,
    )


def _monday(day: str) -> str:
    d = date.fromisoformat(day)
    return (d - timedelta(days=d.weekday())).isoformat()


Weekly = tuple[tuple[str, float], ...]


def _walks_per_week(walks: list[JsonDict]) -> tuple[Weekly, Weekly, tuple[tuple[str, int], ...]]:
    onsets: dict[str, list[float]] = {}
    minutes: dict[str, float] = {}
    days: dict[str, set[str]] = {}
    for entry in walks:
        week, value = _monday(entry["date"]), entry["value"]
        minutes[week] = minutes.get(week, 0.0) + float(value["minutes"])
        days.setdefault(week, set()).add(entry["date"])
        if value.get("pain_onset") is not None:
            onsets.setdefault(week, []).append(float(value["pain_onset"]))
    return (
        tuple((w, round(statistics.median(v), 1)) for w, v in sorted(onsets.items())),
        tuple((w, round(m, 1)) for w, m in sorted(minutes.items())),
        tuple((w, len(d)) for w, d in sorted(days.items())),
    )


def _span(told: list[tuple[str, int]]) -> tuple[int, int] | None:
    """The first and latest value: by date, and within a date in the order told (the history
    comes in insertion order, and the sort is stable), never by value."""
    by_date = sorted(told, key=lambda point: point[0])
    return (by_date[0][1], by_date[-1][1]) if len(by_date) >= 2 else None


def _per_week(days: list[str]) -> tuple[tuple[str, int], ...]:
    weeks: dict[str, int] = {}
    for day in days:
        monday = _monday(day)
        weeks[monday] = weeks.get(monday, 0) + 1
    return tuple(sorted(weeks.items()))


def weekly_pain(pain: tuple[tuple[str, int], ...]) -> tuple[float, float] | None:
    """The first week's average and the last 7 days' average, once they are different weeks."""
    first_day, last_day = date.fromisoformat(pain[0][0]), date.fromisoformat(pain[-1][0])
    if last_day - first_day < WEEK:
        return None
    first = average(s for d, s in pain if date.fromisoformat(d) < first_day + WEEK)
    latest = average(s for d, s in pain if date.fromisoformat(d) > last_day - WEEK)
    return None if first is None or latest is None else (first, latest)


def _pain_line(texts: Texts, language: str, series: ProgressSeries) -> str:
    pain = series.pain
    weekly = weekly_pain(pain)
    if weekly is None:  # single days say little: no verdict yet
        day_one, last_day = series.pain_span or (pain[0][1], pain[-1][1])  # in the order told
        return texts.get(language, "progress.pain_early", first=day_one, latest=last_day)
    first, latest = weekly
    key = f"progress.pain_{pain_key(first, latest)}"
    drop = shown(abs(first - latest))
    if key in ("progress.pain_better", "progress.pain_worse"):
        key = plural_key(key, drop)
    return texts.get(language, key, first=shown(first), latest=shown(latest), drop=drop)


def worth_a_chart(series: ProgressSeries) -> bool:
    """A chart needs a few points: one score alone draws nothing useful."""
    return len(series.pain) >= 2 or len(series.walk) >= 2 or bool(series.done_per_week)


def walk_change(first: float, latest: float) -> tuple[float, float, bool]:
    """The change in minutes before the pain starts (positive is better), as a share of the
    start, and whether it reaches the 30 % that matters."""
    gain = latest - first
    share = gain / first if first > 0 else 0.0
    return gain, share, share >= WALK_MIC_SHARE


def has_walks(series: ProgressSeries) -> bool:
    return bool(series.minutes_per_week)


def summary(texts: Texts, language: str, series: ProgressSeries) -> str:
    t = texts.get
    if not series.pain and not series.done_per_week and not has_walks(series):
        return t(language, "progress.empty")
    if not worth_a_chart(series) and not has_walks(series) and series.pain:
        day, score = series.pain[0]
        return t(language, "progress.too_early", score=score, day=day)
    lines = [t(language, "progress.title"), *_walk_lines(texts, language, series)]
    if len(series.pain) >= 2:
        lines.append(_pain_line(texts, language, series))
    walk = series.walk
    walk_span = series.walk_span or ((walk[0][1], walk[-1][1]) if len(walk) >= 2 else None)
    if walk_span:  # the first and the latest told, in the order told
        lines.append(t(language, "progress.walk", first=walk_span[0], latest=walk_span[1]))
    if series.done_per_week:
        week, days = series.done_per_week[-1]
        lines.append(t(language, "progress.done_week", days=days, week=week))
    lines.append(t(language, "progress.footer"))
    return "\n".join(lines)


def export_document(
    record: UserRecord,
    history: list[JsonDict],
    exported_at: str,
    labels: dict[str, dict[str, str]] | None = None,
) -> JsonDict:
    """Everything kept, as kept, with the answers' codes explained in plain words beside them
    (`labels`: question id -> code -> what it means) and when consent was given."""
    answers = record.data.get("answers", {})
    explained = {
        qid: {"code": str(code), "means": (labels or {}).get(qid, {}).get(str(code), str(code))}
        for qid, code in answers.items()
    }
    consent = record.data.get("consent") or {}
    return {
        "exported_at": exported_at,
        "platform": record.key.platform,
        "user_id": record.key.user_id,
        "conversation_state": record.state,
        "consent_given_at": consent.get("at") or record.data.get("started"),
        "answers_explained": explained,
        "kept": record.data,
        "history": history,
    }


def _walk_lines(texts: Texts, language: str, series: ProgressSeries) -> list[str]:
    """The headline: the walks themselves."""
    lines: list[str] = []
    if series.onset_per_week and series.onset_at_start:
        week, latest = series.onset_per_week[-1]
        first = series.onset_at_start
        gain, share, meaningful = walk_change(first, latest)
        kind = "mic" if meaningful else "better" if gain > 0 else "same" if gain == 0 else "worse"
        values = {"first": first, "latest": minutes_text(latest), "week": week}
        values |= {"change": minutes_text(abs(gain)), "share": round(abs(share) * 100)}
        lines.append(texts.get(language, f"progress.onset_{kind}", **values))
    if series.minutes_per_week:
        week, minutes = series.minutes_per_week[-1]
        days = dict(series.walk_days_per_week).get(week, 0)
        key = plural_key("progress.walk_week", days)
        text = texts.get(language, key, week=week, minutes=minutes_text(minutes), days=days)
        lines.append(text)
    return lines


def minutes_text(value: float) -> str:
    """7.0 -> "7", 7.5 -> "7.5": minutes as a person would say them."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
