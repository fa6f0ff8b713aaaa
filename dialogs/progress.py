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
    # The first and the latest value in the order told (two on one day keep their order), for
    # the summary; None with fewer than two. The chart's points above are by date, then value.
    pain_span: tuple[int, int] | None = None
    walk_span: tuple[int, int] | None = None


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
    return ProgressSeries(
        tuple(sorted(pain)), tuple(sorted(walk)), _per_week(done), _span(pain), _span(walk)
    )


def _span(told: list[tuple[str, int]]) -> tuple[int, int] | None:
    """The first and latest value: by date, and within a date in the order told (the history
    comes in insertion order, and the sort is stable), never by value."""
    by_date = sorted(told, key=lambda point: point[0])
    return (by_date[0][1], by_date[-1][1]) if len(by_date) >= 2 else None


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
        key += ".one" if drop == "1" else ".other"
    return texts.get(language, key, first=shown(first), latest=shown(latest), drop=drop)


def worth_a_chart(series: ProgressSeries) -> bool:
    """A chart needs a few points: one score alone draws nothing useful."""
    return len(series.pain) >= 2 or len(series.walk) >= 2 or bool(series.done_per_week)


def summary(texts: Texts, language: str, series: ProgressSeries) -> str:
    t = texts.get
    if not series.pain and not series.done_per_week:
        return t(language, "progress.empty")
    if not worth_a_chart(series):
        day, score = series.pain[0]
        return t(language, "progress.too_early", score=score, day=day)
    lines = [t(language, "progress.title")]
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
