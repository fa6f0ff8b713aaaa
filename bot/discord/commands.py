"""The slash commands: one for every command the engine knows, usable in servers, in DMs with
the bot and in private channels, for server and user installs alike. A command's free-text
argument is one optional string option; the adapter turns "/name text" into the engine's
Command with parse_line, exactly as for a typed line."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import discord
from discord import app_commands

from content.texts import DEFAULT_LANGUAGE, Texts
from dialogs.dialog import COMMAND_ARGUMENTS, COMMANDS

log = logging.getLogger(__name__)

MAX_DESCRIPTION = 100
OPTION_NAMES = COMMAND_ARGUMENTS  # commands taking text, and their option's name

CommandRun = Callable[[discord.Interaction[Any], str, str | None], Awaitable[None]]


def build_command_tree(
    client: discord.Client, texts: Texts, run: CommandRun
) -> app_commands.CommandTree[Any]:
    tree: app_commands.CommandTree[Any] = app_commands.CommandTree(client)
    for name in COMMANDS:
        description = texts.get(DEFAULT_LANGUAGE, f"commands.{name}")[:MAX_DESCRIPTION]
        tree.add_command(slash_command(name, description, run))
    tree.error(_log_command_error)
    return tree


def slash_command(
    name: str, description: str, run: CommandRun
) -> app_commands.Command[Any, Any, Any]:
    async def plain(interaction: discord.Interaction[Any]) -> None:
        await run(interaction, name, None)

    async def with_text(interaction: discord.Interaction[Any], text: str | None = None) -> None:
        await run(interaction, name, text)

    callback: Callable[..., Coroutine[Any, Any, None]] = plain
    option = OPTION_NAMES.get(name)
    if option is not None:
        callback = app_commands.describe(text=description)(
            app_commands.rename(text=option)(with_text)
        )
    command: app_commands.Command[Any, Any, Any] = app_commands.Command(
        name=name, description=description, callback=callback
    )
    app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)(command)
    app_commands.allowed_installs(guilds=True, users=True)(command)
    return command


async def _log_command_error(
    interaction: discord.Interaction[Any], error: app_commands.AppCommandError
) -> None:
    """One failed command never stops the bot. The type only: a message could quote the user."""
    cause = getattr(error, "original", error)
    log.error("a Discord command failed: %s", type(cause).__name__)
