"""The shape the features live in: routers declare what they handle, /help and the menus come
from those declarations, and no module imports the dispatcher back or joins an import circle."""

from __future__ import annotations

import ast
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from content.bundle import Content
from content.errors import ContentError
from dialogs.dialog import COMMANDS, ROUTERS, Dialog
from dialogs.engine import Engine
from dialogs.messages import Command, Sender
from dialogs.router import Context, Router
from dialogs.start import router as start_router
from tests.chat import Chat
from tests.conftest import FakeClock

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "dialogs", "content", "storage")
SENDER = Sender("console", "alice", "chat-alice", "en")
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _project_imports(path: Path, known: set[str]) -> set[str]:
    """Project modules a file imports (`from dialogs import holds` counts as dialogs.holds)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in known}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            subs = {f"{node.module}.{a.name}" for a in node.names} & known
            found |= subs or ({node.module} & known)
    return found


def import_graph() -> dict[str, set[str]]:
    files = [p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")]
    files = [p for p in files if "migrations" not in p.parts]
    known = {_module_name(p) for p in files}
    return {_module_name(p): _project_imports(p, known) - {_module_name(p)} for p in files}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_project_modules_import_each_other_in_no_circle() -> None:
    assert find_cycle(import_graph()) is None


def test_the_cycle_finder_sees_a_circle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_no_module_in_dialogs_imports_the_dispatcher_but_the_engine() -> None:
    graph = import_graph()
    importers = {m for m, deps in graph.items() if "dialogs.dialog" in deps}
    assert {m for m in importers if m.startswith("dialogs.")} <= {"dialogs.engine"}


async def test_help_lists_every_declared_command_and_each_is_answered(
    engine: Engine, clock: FakeClock
) -> None:
    chat = Chat(engine, clock)
    help_text = (await chat.send("/help"))[0].text
    for name in COMMANDS:
        assert f"/{name} – " in help_text
        replies = await chat.send(f"/{name}")
        assert replies, name
        assert not any("I don't know the command" in r.text for r in replies), name


def test_every_command_is_declared_once_with_a_description(content: Content) -> None:
    assert len(COMMANDS) == len(set(COMMANDS))
    for name in COMMANDS:
        assert content.texts.get("en", f"commands.{name}")


def test_a_new_command_in_one_router_reaches_help_and_is_answered(content: Content) -> None:
    extra = Router("extra")

    @extra.command("stretch")
    def stretch(ctx: Context, args: tuple[str, ...]) -> None:
        ctx.conv.say("Stretch now.")

    with pytest.raises(ContentError, match=r"commands\.stretch"):
        Dialog(content, routers=(*ROUTERS, extra))  # a command needs its line in /help
    english = {**content.texts.by_language["en"], "commands.stretch": "a stretch, now"}
    texts = replace(content.texts, by_language={"en": english})
    dialog = Dialog(replace(content, texts=texts), routers=(*ROUTERS, extra))
    help_text = dialog.step(Command(SENDER, NOW, "help"), None).replies[0].text
    assert "/stretch – a stretch, now" in help_text
    assert dialog.step(Command(SENDER, NOW, "stretch"), None).replies[0].text == "Stretch now."


def test_two_features_cannot_claim_one_command(content: Content) -> None:
    clash = Router("clash")
    clash.command("help")(lambda ctx, args: None)
    with pytest.raises(ValueError, match="help"):
        Dialog(content, routers=(*ROUTERS, clash))


def test_every_state_of_the_machine_has_an_owner(content: Content) -> None:
    without_start = tuple(r for r in ROUTERS if r is not start_router)
    with pytest.raises(ValueError, match="new"):
        Dialog(content, routers=without_start)
