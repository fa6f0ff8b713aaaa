"""What /progress and /export show, computed from what the user told the bot (never rewritten):
the daily pain scores, walking minutes at the start and at each weekly check-in, and the days
done per week."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol

from content.texts import Texts
from dialogs.ports import JsonDict, UserRecord
from dialogs.weekly import average, pain_key, shown

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class ProgressSeries:
    pain: tuple[tuple[str, int], ...]  # (local date, 0–10)
    walk: tuple[tuple[str, int], ...]  # (local date, minutes before the pain starts)
    done_per_week: tuple[tuple[str, int], ...]  # (Monday of the week, days done)


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
    return ProgressSeries(tuple(sorted(pain)), tuple(sorted(walk)), _per_week(done))


def _per_week(days: list[str]) -> tuple[tuple[str, int], ...]:
    weeks: dict[str, int] = {}
    for day in days:
        d = date.fromisoformat(day)
        monday = (d - timedelta(days=d.weekday())).isoformat()
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


def _pain_line(texts: Texts, language: str, pain: tuple[tuple[str, int], ...]) -> str:
    weekly = weekly_pain(pain)
    if weekly is None:  # single days say little: no verdict yet
        day_one, last_day = pain[0][1], pain[-1][1]
        return texts.get(language, "progress.pain_early", first=day_one, latest=last_day)
    first, latest = weekly
    key = f"progress.pain_{pain_key(first, latest)}"
    drop = shown(abs(first - latest))
    return texts.get(language, key, first=shown(first), latest=shown(latest), drop=drop)


def summary(texts: Texts, language: str, series: ProgressSeries) -> str:
    t = texts.get
    if not series.pain and not series.done_per_week:
        return t(language, "progress.empty")
    lines = [t(language, "progress.title")]
    if len(series.pain) >= 2:
        lines.append(_pain_line(texts, language, series.pain))
    if len(series.walk) >= 2:
        lines.append(
            t(language, "progress.walk", first=series.walk[0][1], latest=series.walk[-1][1])
        )
    if series.done_per_week:
        week, days = series.done_per_week[-1]
        lines.append(t(language, "progress.done_week", days=days, week=week))
    lines.append(t(language, "progress.footer"))
    return "\n".join(lines)


def export_document(record: UserRecord, history: list[JsonDict], exported_at: str) -> JsonDict:
    return {
        "exported_at": exported_at,
        "platform": record.key.platform,
        "user_id": record.key.user_id,
        "conversation_state": record.state,
        "kept": record.data,
        "history": history,
    }
