"""The composition root: `python -m bot run`, or `python -m bot chat [--json] [--user ID]`.

Everything is built inside main(); importing this module starts nothing."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from bot.app import run_chat, run_platforms
from bot.console.chat import user_id_problem
from bot.settings import SettingsError, load_settings
from content.errors import ContentError


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="serve every platform whose token is set; console chat if none")
    chat = sub.add_parser("chat", help="chat in this terminal with the same engine and database")
    chat.add_argument("--json", action="store_true", help="one JSON object per line in and out")
    chat.add_argument("--user", default="local", help="the console user's id (default: local)")
    chat.add_argument("--db", default=None, help="database URL (default: DATABASE_URL)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    problem = user_id_problem(args.user) if args.command == "chat" else None
    if problem is not None:
        print(f"Cannot start: {problem}", file=sys.stderr)
        return 2
    try:
        overrides = {"database_url": args.db} if getattr(args, "db", None) else {}
        settings = load_settings(**overrides)
        logging.basicConfig(
            level=settings.log_level,
            stream=sys.stderr,
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        )
        for noisy in ("alembic", "transitions"):  # every migration step, every state change
            logging.getLogger(noisy).setLevel(max(logging.WARNING, settings.log_level_number))
        # These log SQL and its parameters (which hold message text) at INFO or DEBUG: they are
        # held at WARNING whatever LOG_LEVEL says.
        for chatty in ("aiosqlite", "sqlalchemy.engine", "sqlalchemy.pool", "asyncpg"):
            logging.getLogger(chatty).setLevel(max(logging.WARNING, settings.log_level_number))
        if args.command == "chat":
            asyncio.run(run_chat(settings, args.user, args.json))
        else:
            asyncio.run(run_platforms(settings))
    except (SettingsError, ContentError) as exc:
        print(f"Cannot start: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
