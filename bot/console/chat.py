"""The console chat: the same engine and database in a terminal.

Human mode shows buttons as a numbered list. JSON mode is the stable scripting interface:
one JSON object per input line ({"text": ...} or {"button": ...}), one per output message."""

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
MAX_MENU_DIGITS = 3
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


def menu_number(line: str) -> int | None:
    """A typed button number. Only ASCII digits: "²" and "٣" are digits to str.isdigit(),
    and int() refuses the first and very long numbers."""
    text = line.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > MAX_MENU_DIGITS:
        return None
    return int(text)


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
            number = menu_number(line)
            if number is not None and 0 < number <= len(self._last_buttons):
                return ButtonPress(self.sender, now, self._last_buttons[number - 1].id)
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

    def _show(self, reply: Reply) -> None:
        if self.json_mode:
            self._write(json.dumps(reply_to_json(reply), ensure_ascii=False))
            return
        self._last_buttons = reply.buttons or self._last_buttons
        marker = {
            "none": "",
            "soon": "[see a clinician soon] ",
            "urgent": "[URGENT] ",
            "emergency": "[EMERGENCY] ",
        }
        lines = [f"\n{marker[reply.alert.value]}{reply.text}"]
        lines += [f"  {i}) {b.label}" for i, b in enumerate(reply.buttons, 1)]
        if reply.image:
            lines.append(f"  [picture: {reply.image}]")
        if reply.document:
            lines.append(f"  [file: {reply.document}]")
        self._write("\n".join(lines))

    def _write(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()
