"""Driving the real `python -m bot chat --json` in a subprocess, line by line.

Its stdout and stderr are read by threads into queues: waiting for a line then never misses
one already buffered, and a chatty stderr can never fill its pipe and block the bot."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent


class BotProcess:
    """Started by the `bot_process` fixture, which stops it and closes its pipes afterwards."""

    def __init__(
        self,
        db_url: str,
        user: str = "local",
        extra_env: dict[str, str] | None = None,
        cwd: Path = ROOT,  # where its data/ folder (exports, charts) goes
    ):
        env = {**os.environ, "PYTHONUNBUFFERED": "1", **(extra_env or {})}
        env.pop("TELEGRAM_BOT_TOKEN", None)
        env.pop("DISCORD_BOT_TOKEN", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "chat", "--json", "--user", user, "--db", db_url],
            cwd=cwd,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._errors: list[str] = []
        assert self.proc.stdout is not None and self.proc.stderr is not None
        self._readers = [
            threading.Thread(target=_pump, args=(self.proc.stdout, self._lines.put), daemon=True),
            threading.Thread(
                target=_pump, args=(self.proc.stderr, self._errors.append), daemon=True
            ),
        ]
        for reader in self._readers:
            reader.start()

    @property
    def stderr_text(self) -> str:
        return "".join(line for line in self._errors if line)

    def send(self, **message: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(message) + "\n")
        self.proc.stdin.flush()

    def read(self, timeout: float = 30.0) -> dict[str, Any]:
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no message within {timeout} s") from None
        if line is None:
            self._lines.put(None)
            raise AssertionError(f"bot exited: {self.stderr_text[-2000:]}")
        return dict(json.loads(line))

    def read_until(self, predicate: Any, limit: int = 50) -> list[dict[str, Any]]:
        seen = []
        for _ in range(limit):
            seen.append(self.read())
            if predicate(seen[-1]):
                return seen
        raise AssertionError(f"never saw the expected message in {seen}")

    def close(self, timeout: float = 20) -> str:
        """End the chat (stdin closes) and return what it printed that was not read yet."""
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=timeout)
        self.release()
        rest = []
        while (line := self._lines.get()) is not None:
            rest.append(line)
        self._lines.put(None)
        return "".join(rest)

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)
        self.release()

    def release(self) -> None:
        """Stop the process if it still runs, let the readers finish, and close the pipes."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        for reader in self._readers:
            reader.join(timeout=10)
        for pipe in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if pipe is not None and not pipe.closed:
                pipe.close()


def _pump(stream: IO[str], put: Any) -> None:
    for line in stream:
        put(line)
    put(None)
