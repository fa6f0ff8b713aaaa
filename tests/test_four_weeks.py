"""Four simulated weeks for three people at once, whose pain goes down, up, or stays flat:
daily reminders answered with Done and a pain score, weekly check-ins, and a /progress chart
drawn from exactly what was reported. Every weekly message is checked against the numbers the
person gave, worked out here from the clinical rules (weekly averages; a change matters at 2
points and 30 %; no step up while pain is 2 above the start, rising, or walking falls)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from statistics import fmean

from bot.charts import MatplotlibCharts
from bot.dispatcher import Dispatcher
from content.bundle import Content
from dialogs.engine import Engine
from dialogs.messages import Alert, Reply
from dialogs.ports import UserKey
from dialogs.progress import ProgressSeries
from storage.sql_store import SqlStore
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.reminder_kit import RecordingSender, travel

START = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # a Monday: check-ins fall on Mondays
CHECKIN_DAYS = (7, 14, 21)


@dataclass
class Person:
    name: str
    first_pain: int
    weekly_pain: list[int]  # the daily score in weeks 0..3; a check-in gives the next week's
    walk: list[int]  # minutes at the interview, then at each check-in
    skipped: set[int] = field(default_factory=set)  # days answered with "Skip today"
    reported: list[tuple[str, int]] = field(default_factory=list)
    messages: list[list[Reply]] = field(default_factory=list)


PEOPLE = [
    Person("down", 6, [5, 4, 3, 2], [10, 15, 20, 25]),
    Person("up", 4, [4, 5, 6, 7], [20, 20, 15, 10]),
    Person("flat", 5, [5, 5, 5, 5], [20, 20, 20, 15], skipped={10, 11, 12, 13}),
]


class RecordingCharts(MatplotlibCharts):
    drawn: list[ProgressSeries]

    async def progress_chart(self, series: ProgressSeries, name: str) -> str:
        self.drawn = [*getattr(self, "drawn", []), series]
        return await super().progress_chart(series, name)


async def interview(chat: Chat, person: Person) -> None:
    await chat.press("start.begin")
    await chat.press("start.agree")
    answers = ["no"] * 5 + ["40 to 64", "none of these", "none of these", "yes easily"]
    answers += [str(person.first_pain), str(person.walk[0]), "back only", "neither"]
    answers += ["over 12 weeks", "all day", "neither", "not sure"]
    for answer in answers:
        await chat.send(answer)
    assert "Here is your plan" in chat.text()
    await chat.send("/timezone UTC")
    await chat.send("/remind 08:00")


def offered(sender: RecordingSender, user: str, prefix: str) -> str:
    ids = [b.id for _, o in sender.sent if o.user_id == user for b in o.reply.buttons]
    return next(i for i in reversed(ids) if i.startswith(prefix))


async def day_of(chat: Chat, sender: RecordingSender, person: Person, day: int) -> None:
    week, today = day // 7, (START + timedelta(days=day)).date().isoformat()
    if day in CHECKIN_DAYS:
        assert offered(sender, person.name, "ci.") == "ci.start"
        await chat.press("ci.start")
        for _ in range(5):  # the safety questions come first
            await chat.tap("No, none")
        pain, walk = person.weekly_pain[week], person.walk[week]
        await chat.press(f"pain_now.{pain}")
        person.messages.append(await chat.send(f"{walk} minutes"))
        person.reported.append((today, pain))
    if day in person.skipped:
        await chat.press(offered(sender, person.name, "rem.skip."))
        return
    done = offered(sender, person.name, "rem.done.")
    assert done == f"rem.done.{today}"
    await chat.press(done)
    await chat.press(f"rem.pain.{today}:{person.weekly_pain[week]}")
    person.reported.append((today, person.weekly_pain[week]))


def shown(value: float) -> str:
    return f"{round(value, 1):.1f}".removesuffix(".0")


def expected_weeks(person: Person) -> list[dict[str, object]]:
    """What each check-in must say, worked out from the person's own reports."""
    start = START.date()
    scores = dict(person.reported[1:])  # by day; the interview's score is the first
    daily = [(date.fromisoformat(d), s) for d, s in person.reported[1:]]
    first_week = [person.first_pain] + [s for d, s in daily if (d - start).days < 7]
    first = round(fmean(first_week), 1)
    weeks, last, averages = [], first, [first]
    for n, day in enumerate(CHECKIN_DAYS, 1):
        checked = start + timedelta(days=day)
        window = [s for d, s in daily if 0 < (checked - d).days < 7]
        now = round(fmean([*window, scores[checked.isoformat()]]), 1)
        done = sum(1 for d in range(day - 6, day) if d not in person.skipped)  # before today's
        if now - first >= 2 - 1e-9 or now - last >= 2 - 1e-9:
            decision = "back"
        elif done < 4 or person.walk[n] < person.walk[n - 1] or now - last >= 1 - 1e-9:
            decision = "keep"
        else:
            decision = "up"
        averages.append(now)
        run = averages[-3:]
        rising = len(run) == 3 and run[0] < run[1] < run[2] and run[2] - run[0] >= 1 - 1e-9
        weeks.append({"first": first, "now": now, "last": last, "decision": decision,
                      "done": done, "rising": rising})  # fmt: skip
        last = now
    return weeks


def check_message(replies: list[Reply], week: dict[str, object], person: Person, n: int) -> None:
    text = "\n".join(r.text for r in replies)
    first, now, last = float(week["first"]), float(week["now"]), float(week["last"])  # type: ignore[arg-type]
    assert f"your first week averaged {shown(first)}/10" in text or (
        now == first and f"averaged {shown(now)}/10, the same" in text
    ), text
    assert f"the last 7 days {shown(now)}/10" in text or now == first, text
    drop = first - now
    matters = drop >= 2 - 1e-9 and drop / first >= 0.3 - 1e-9
    assert ("large enough to matter" in text) == matters, text
    assert ("A small change" in text) == (drop > 0 and not matters), text
    if now > first:
        assert f"{points(shown(now - first))} higher" in text, text
    if n > 1 and now != last:
        word = "higher" if now > last else "lower"
        assert f"{points(shown(abs(now - last)))} {word} than at your last check-in" in text
    walk_now = person.walk[n]
    assert f"{walk_now} min now" in text, text
    decision = week["decision"]
    top = "already at its hardest version" in text
    assert ("moving you on to harder versions" in text or top) == (decision == "up"), text
    assert ("moving you back" in text or "does not step up this week" in text) == (
        decision == "back"
    ), text
    if decision == "up" and not top:
        assert re.search(r"• .+ → .+", text) and "not up since last time" in text
    if decision == "keep":
        assert "The plan stays as it is this week, because" in text
        assert ("a step up needs at least 4" in text) == (int(week["done"]) < 4)  # type: ignore[call-overload]
        assert ("walking time fell" in text) == (walk_now < person.walk[n - 1])
    soon = [r for r in replies if r.alert is Alert.SOON]
    assert bool(soon) == bool(week["rising"]), text
    if soon:
        assert "keeps getting worse week by week" in soon[0].text


async def test_four_weeks_of_pain_going_down_up_and_flat(
    tmp_path: Path, sqlite_store: SqlStore, content: Content
) -> None:
    clock = FakeClock(START)
    charts = RecordingCharts(tmp_path)
    engine = Engine(sqlite_store, content, charts, tmp_path)
    sender = RecordingSender(clock=clock)
    dispatcher = Dispatcher(engine, {"console": sender}, clock)
    chats = {p.name: Chat(engine, clock, user_id=p.name) for p in PEOPLE}
    for person in PEOPLE:
        await interview(chats[person.name], person)
        person.reported.append((START.date().isoformat(), person.first_pain))
    for day in range(28):
        until = START + timedelta(days=day, hours=2, minutes=5)
        await travel(dispatcher, clock, until, timedelta(hours=1))
        for person in PEOPLE:
            await day_of(chats[person.name], sender, person, day)

    decisions = {}
    for person in PEOPLE:
        weeks = expected_weeks(person)
        for n, (replies, week) in enumerate(zip(person.messages, weeks, strict=True), 1):
            check_message(replies, week, person, n)
        decisions[person.name] = [w["decision"] for w in weeks]
    assert decisions == {
        "down": ["up", "up", "up"],
        "up": ["up", "keep", "back"],
        "flat": ["up", "keep", "keep"],
    }, "the three courses cover a step up, a hold for each reason, and a step back"

    record = await engine.store.load(UserKey("console", "down"))
    assert record is not None
    assert len(record.data["past_plans"]) == 3, "every earlier plan is kept as it was"
    assert record.data["answers"]["pain_now"] == "2", "a clinician's summary shows the latest"
    replies = await chats["down"].send("/progress")
    image = Path(replies[0].image or "")
    assert image.suffix == ".png" and image_is_png(image)
    assert "large enough to matter" in replies[0].text
    [series] = charts.drawn
    assert list(series.pain) == sorted(PEOPLE[0].reported)
    assert [w for _, w in series.walk] == [10, 15, 20, 25]


def image_is_png(path: Path) -> bool:
    return path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def points(amount: str) -> str:
    return f"{amount} point" if amount == "1" else f"{amount} points"
