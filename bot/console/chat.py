"""The console chat: the same engine and database in a terminal.

Human mode shows the latest message's buttons as a list to pick from by typing its mark: a
number, or a letter where a number could itself be the answer (a pain score, hours of
sitting), so that "3" typed there means 3. Only the latest message's buttons can be picked.
JSON mode is the stable scripting interface: one JSON object per input line ({"text": ...} or
{"button": ...}), one per output message; a typed number there is always text."""

from __future__ import annotations

import asyncio
import json
import sys
import threading
from collections.abc import AsyncIterator
from typing import TextIO

from bot.clock import Clock
from bot.delivery import deliver, sweep_outbox
from bot.dispatcher import Dispatcher
from dialogs.commands import parse_line
from dialogs.engine import Engine
from dialogs.messages import Button, ButtonPress, Incoming, Outgoing, Reply, Sender
from storage.tables import users

PLATFORM = "console"
MAX_USER_ID = int(getattr(users.c.user_id.type, "length", 64))  # SQLite ignores it; PostgreSQL not


def reply_to_json(reply: Reply) -> dict[str, object]:
    text = f"{reply.text}\n{reply.document}" if reply.document else reply.text
    return {
        "text": text,
        "buttons": [{"id": b.id, "label": b.label} for b in reply.buttons],
        "alert": None if reply.alert.value == "none" else reply.alert.value,
        "image": reply.image,
    }


async def stdin_lines(stream: TextIO = sys.stdin) -> AsyncIterator[str]:
    """Lines from a blocking stream, read on a daemon thread so Ctrl-C and exit never hang."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str | None] = asyncio.Queue()

    def pump() -> None:
        for line in stream:
            loop.call_soon_threadsafe(queue.put_nowait, line)
        loop.call_soon_threadsafe(queue.put_nowait, None)

    threading.Thread(target=pump, name="stdin", daemon=True).start()
    while (line := await queue.get()) is not None:
        yield line


def user_id_problem(user_id: str) -> str | None:
    """Why a console user id cannot be used, in one line; None when it can. The limit is the
    database's, so an id that works on SQLite works on PostgreSQL too."""
    if not user_id.strip() or not user_id.isprintable():
        return "--user must be a non-empty id of printable characters"
    if len(user_id) > MAX_USER_ID:
        return f"--user must be at most {MAX_USER_ID} characters, not {len(user_id)}"
    return None


class ConsoleChat:
    def __init__(
        self, engine: Engine, clock: Clock, user_id: str, json_mode: bool, out: TextIO
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.platform = PLATFORM
        self.sender = Sender(PLATFORM, user_id, user_id, None)
        self.json_mode = json_mode
        self.out = out
        self._last_buttons: tuple[Button, ...] = ()
        self._print_lock = asyncio.Lock()

    async def run(self, lines: AsyncIterator[str]) -> None:
        if not self.json_mode:
            self._write("Type /start to begin, /help for commands; Ctrl-D to leave.")
        stop = asyncio.Event()
        user = self.sender.user_id
        dispatcher = Dispatcher(self.engine, {PLATFORM: self}, self.clock, user)
        background = [
            asyncio.create_task(sweep_outbox(self.engine, self, self.clock, user, stop)),
            asyncio.create_task(dispatcher.run(stop)),
        ]
        try:
            async for line in lines:
                event = self._read(line.rstrip("\n"))
                if event is not None:
                    await self.deliver(await self.engine.handle(event))
        finally:
            stop.set()
            await asyncio.gather(*background, return_exceptions=True)

    async def send(self, item: Outgoing) -> None:
        """The console's PlatformSender: print one reply (also ones arriving on their own)."""
        async with self._print_lock:
            self._show(item.reply)

    async def deliver(self, outgoing: list[Outgoing]) -> None:
        await deliver(self.engine, self, outgoing, self.clock)

    def _read(self, line: str) -> Incoming | None:
        now = self.clock.now()
        if not self.json_mode:
            picked = self._picked(line.strip().lower())
            if picked is not None:
                return ButtonPress(self.sender, now, picked.id)
            return parse_line(self.sender, now, line)
        if not line.strip():
            return None
        try:
            message = json.loads(line)
        except json.JSONDecodeError:
            message = None
        if isinstance(message, dict) and isinstance(message.get("button"), str):
            return ButtonPress(self.sender, now, message["button"])
        if isinstance(message, dict) and isinstance(message.get("text"), str):
            return parse_line(self.sender, now, message["text"])
        self._show(Reply('I could not read that line. Send {"text": "..."} or {"button": "<id>"}.'))
        return None

    def _picked(self, typed: str) -> Button | None:
        marks = _marks(self._last_buttons)
        return self._last_buttons[marks.index(typed)] if typed in marks else None

    def _show(self, reply: Reply) -> None:
        if self.json_mode:
            self._write(json.dumps(reply_to_json(reply), ensure_ascii=False))
            return
        self._last_buttons = reply.buttons
        marker = {
            "none": "",
            "soon": "[see a clinician soon] ",
            "urgent": "[URGENT] ",
            "emergency": "[EMERGENCY] ",
        }
        lines = [f"\n{marker[reply.alert.value]}{reply.text}"]
        lines += [
            f"  {m}) {b.label}" for m, b in zip(_marks(reply.buttons), reply.buttons, strict=True)
        ]
        if reply.image:
            lines.append(f"  [picture: {reply.image}]")
        if reply.document:
            lines.append(f"  [file: {reply.document}]")
        self._write("\n".join(lines))

    def _write(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()


def _marks(buttons: tuple[Button, ...]) -> list[str]:
    """1, 2, 3 ... or, where a label holds a number (so a typed number may be the answer
    itself), a, b, c ..."""
    if any(ch.isdigit() for b in buttons for ch in b.label):
        return [chr(ord("a") + i) for i in range(len(buttons))]
    return [str(i) for i in range(1, len(buttons) + 1)]
