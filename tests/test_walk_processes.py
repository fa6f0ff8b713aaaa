"""The walk through the real processes: `python -m bot chat --json` times a walk and takes one
told in words, both shown by /export and /progress; and kill -9 of `python -m bot run`
(Telegram through the fake Bot API) during a walk loses no bout prompt and repeats none that
was marked sent: each comes, once."""

from __future__ import annotations

import asyncio
import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from content.bundle import Content
from storage.database import migrate, open_database
from storage.tables import outbox, reminders, users
from tests.conftest import sqlite_url
from tests.fake_telegram import Call, FakeTelegram
from tests.reminder_kit import RecordingSender
from tests.test_console_process import tap_to_plan
from tests.test_kill_9_dispatch import midday_zone, recover, start_bot, wait_for

pytestmark = pytest.mark.slow


async def move_walk_start(url: str, user_id: str, seconds: float) -> None:
    """Stand-in for time passing in the real process: the open walk began `seconds` earlier."""
    database = open_database(url)
    row = users.c.platform == "console", users.c.user_id == user_id
    async with database.begin() as conn:
        data = (await conn.execute(sa.select(users.c.data).where(*row))).scalar_one()
        walk = data["walk"]["open"]
        earlier = datetime.fromisoformat(walk["started"]) - timedelta(seconds=seconds)
        walk["started"] = earlier.isoformat()
        await conn.execute(sa.update(users).where(*row).values(data=data))
    await database.dispose()


def exported_walks(message: dict[str, Any], cwd: Path) -> list[dict[str, Any]]:
    path = cwd / message["text"].rsplit("\n", 1)[-1]  # relative to the process's folder
    history = json.loads(path.read_text(encoding="utf-8"))["history"]
    return [h["value"] for h in history if h["kind"] == "walk"]


def test_a_walk_through_the_json_chat_shows_in_export_and_progress(
    tmp_path: Path, bot_process: Any
) -> None:
    url = sqlite_url(tmp_path)
    bot = bot_process(url, user="wally", cwd=tmp_path)
    tap_to_plan(bot)
    bot.send(text="/walk")
    bot.read_until(lambda m: any(b["id"] == "walk.start" for b in m["buttons"]))
    bot.send(button="walk.start")
    assert "Walk started" in bot.read()["text"]
    asyncio.run(move_walk_start(url, "wally", 60))  # a minute later...
    bot.send(button="walk.pain")
    assert "the pain came on 1 min into bout 1" in bot.read()["text"]
    bot.send(button="walk.end")
    asked = bot.read()
    assert [b["id"] for b in asked["buttons"]] == [f"walk.score.{n}" for n in range(11)]
    bot.send(button="walk.score.3")
    assert "Saved: 1 min of walking" in bot.read()["text"]
    bot.send(text="walked 20 min, pain after 12")
    assert "20 min of walking" in bot.read()["text"]
    bot.send(button="walk.score.4")
    assert "Saved" in bot.read()["text"]
    bot.send(text="/export")
    walks = exported_walks(bot.read(), tmp_path)
    assert [(w["minutes"], w["pain_onset"], w["pain"], w["how"]) for w in walks] == [
        (1.0, 1.0, 3, "timed"),
        (20.0, 12.0, 4, "typed"),
    ]
    bot.send(text="/progress")
    progress = bot.read()
    assert "Walking in the week of" in progress["text"] and "21 min, on 1 day." in progress["text"]
    assert progress["image"] and (tmp_path / progress["image"]).is_file()
    bot.close()


# -- kill -9 during a walk -------------------------------------------------------------------

CHAT = 700_001
PROMPT_GAPS_S = (6, 18, 30)  # apart by more than two dispatcher ticks of 5 s
KINDS = ("Bout 1 of 2 done", "Rest over: bout 2 of 2", "That was your last bout")


async def seed_walker(url: str, now: datetime) -> None:
    """A Telegram user whose walk started a little while ago, its prompts a few seconds off."""
    started = now - timedelta(minutes=7) + timedelta(seconds=PROMPT_GAPS_S[0])
    prompts = [
        [(now + timedelta(seconds=gap)).isoformat(), kind, bout]
        for gap, (kind, bout) in zip(
            PROMPT_GAPS_S, (("rest", 1), ("walk", 2), ("last", 2)), strict=True
        )
    ]
    dose = {"bout_min": 7, "bouts": 2, "rest_min": 2, "rest_how": "sit"}
    dose |= {"times_a_day": 1, "days_a_week": 5}
    walk = {"started": started.isoformat(), "day": started.date().isoformat(), "dose": dose}
    walk |= {"prompts": prompts, "sent": 0, "pain_at": None}
    plan = {"exercises": ["glute_bridge"], "reasons": {}, "tips": [], "contributors": []}
    data = {"tz": midday_zone(now), "plan": plan | {"high_pain": False}, "walk": {"open": walk}}
    data["wake_at"] = prompts[0][0]
    database = open_database(url)
    await migrate(database)
    async with database.begin() as conn:
        await conn.execute(
            sa.insert(users).values(
                platform="telegram",
                user_id=str(CHAT),
                chat_id=str(CHAT),
                locale="en",
                state="plan",
                data=data,
                seq=1,
                created_at=now,
                updated_at=now,
            )
        )
        await conn.execute(
            sa.insert(reminders).values(
                platform="telegram",
                user_id=str(CHAT),
                next_due=datetime.fromisoformat(prompts[0][0]),
            )
        )
    await database.dispose()


async def one_run(
    fake: FakeTelegram, url: str, log: Path, until: str | None, rng: random.Random
) -> list[str]:
    """Start the real bot, wait for the prompt `until` (or only for it to poll), kill -9 it;
    the prompts this process sent, in order."""
    fake.token = f"123456789:walk-{len(fake.calls)}-{rng.getrandbits(32):08x}"
    first = len(fake.calls)
    bot = await start_bot(fake, url, log)
    await wait_for(lambda: any(c.method == "getUpdates" for c in fake.calls[first:]), log)
    if until is not None:
        await wait_for(lambda: until in prompts_in(fake.calls[first:]), log, within_s=40)
        await asyncio.sleep(rng.uniform(0, 0.02))
    bot.kill()
    assert await bot.wait() == -9
    await asyncio.sleep(0.05)  # a request already on the wire reaches the fake's list
    return prompts_in(fake.calls[first:])


def prompts_in(calls: list[Call]) -> list[str]:
    sent = [
        str(c.params.get("text")) for c in calls if c.method == "sendMessage" and c.status == 200
    ]
    return [kind for text in sent for kind in KINDS if kind in text]


async def test_kill_9_during_a_walk_loses_no_prompt_and_repeats_none_marked_sent(
    tmp_path: Path, content: Content
) -> None:
    rng = random.Random(20261201)
    url, log = sqlite_url(tmp_path), tmp_path / "bot.log"
    await seed_walker(url, datetime.now(UTC))
    runs: list[list[str]] = []
    async with FakeTelegram() as fake:
        fake.user(CHAT)
        runs.append(await one_run(fake, url, log, None, rng))  # killed before any prompt
        for kind in KINDS:  # each run waits for the next prompt, then dies
            runs.append(await one_run(fake, url, log, kind, rng))
    sender = RecordingSender(platform="telegram")
    await recover(url, content, sender, datetime.now(UTC) + timedelta(minutes=3))
    recovered = [kind for _, o in sender.sent for kind in KINDS if kind in o.reply.text]

    everything = [kind for run in runs for kind in run] + recovered
    assert set(everything) == set(KINDS), "every prompt came"
    for kind in KINDS:
        copies = everything.count(kind)
        on_the_wire = sum(1 for run in runs if run and run[-1] == kind)
        assert copies == 1 or (copies == 2 and on_the_wire >= 1), f"{kind}: {copies} copies"
    record = await load_user_telegram(url)
    assert record["walk"]["open"]["sent"] == len(KINDS)
    database = open_database(url)
    async with database.connect() as conn:
        left = (await conn.execute(sa.select(sa.func.count()).select_from(outbox))).scalar()
    await database.dispose()
    assert left == 0


async def load_user_telegram(url: str) -> dict[str, Any]:
    database = open_database(url)
    async with database.connect() as conn:
        row = (
            await conn.execute(sa.select(users.c.data).where(users.c.user_id == str(CHAT)))
        ).scalar_one()
    await database.dispose()
    return dict(row)
