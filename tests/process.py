"""Driving the real `python -m bot chat --json` in a subprocess, line by line."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


class BotProcess:
    """Started by the `bot_process` fixture, which stops it and closes its pipes afterwards."""

    def __init__(self, db_url: str, user: str = "local", extra_env: dict[str, str] | None = None):
        env = {**os.environ, "PYTHONUNBUFFERED": "1", **(extra_env or {})}
        env.pop("TELEGRAM_BOT_TOKEN", None)
        env.pop("DISCORD_BOT_TOKEN", None)
        self.stderr_text = ""
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "chat", "--json", "--user", user, "--db", db_url],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def send(self, **message: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(message) + "\n")
        self.proc.stdin.flush()

    def read(self, timeout: float = 30.0) -> dict[str, Any]:
        assert self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            raise AssertionError(f"no message within {timeout} s")
        line = self.proc.stdout.readline()
        if not line:
            raise AssertionError(f"bot exited: {self.stderr()}")
        return dict(json.loads(line))

    def read_until(self, predicate: Any, limit: int = 50) -> list[dict[str, Any]]:
        seen = []
        for _ in range(limit):
            seen.append(self.read())
            if predicate(seen[-1]):
                return seen
        raise AssertionError(f"never saw the expected message in {seen}")

    def close(self, timeout: float = 20) -> str:
        out, err = self.proc.communicate(timeout=timeout)  # closes stdin: the chat ends
        self.stderr_text = err
        self.release()
        return out

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)
        self.release()

    def release(self) -> None:
        """Stop the process if it still runs, and close its pipes."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        for pipe in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if pipe is not None and not pipe.closed:
                pipe.close()

    def stderr(self) -> str:
        if self.proc.poll() is None:
            return "(still running)"
        assert self.proc.stderr is not None
        return self.proc.stderr.read()


def wait_for(predicate: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")
