"""How a Reply looks on Discord: messages within Discord's limits, alerts as coloured embeds,
and buttons as persistent components whose custom_id carries their owner's user id.

`render` is pure; `message_args` builds the discord.py objects for one message at send time."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import discord

from bot.telegram.render import split_text  # paragraph, then line, then hard cuts; any limit
from dialogs.messages import Alert, Button, Reply

log = logging.getLogger(__name__)

PLATFORM = "discord"
PRESS_EVENT = "coach_button"  # dispatched by OwnedButton, handled by the adapter's on_coach_button

MAX_CONTENT = 2000  # message content; an embed description may hold 4096, so a part fits both
MAX_BUTTONS = 25  # per message: five rows of five
BUTTONS_PER_ROW = 5
MAX_CUSTOM_ID = 100
MAX_LABEL = 80
CUSTOM_ID = re.compile(r"bw:(?P<owner>[0-9]{1,20}):(?P<button>.+)")

ALERT_COLOURS = {
    Alert.SOON: discord.Colour.yellow(),
    Alert.URGENT: discord.Colour.orange(),
    Alert.EMERGENCY: discord.Colour.red(),
}
ALERT_BANNERS = {
    Alert.SOON: "🩺 **SEE A CLINICIAN SOON**",
    Alert.URGENT: "⚠️ **URGENT**",
    Alert.EMERGENCY: "🚨 **EMERGENCY**",
}


@dataclass(frozen=True, slots=True)
class Part:
    """One Discord message of a reply. An alert part shows its text in a coloured embed; the
    first one also carries the banner as content, so that notifications show the urgency."""

    text: str
    alert: Alert = Alert.NONE
    banner: str | None = None
    buttons: tuple[Button, ...] = ()
    files: tuple[str, ...] = ()  # paths of the image and the document, attached
    image: str | None = None  # the attached image, shown in an embed with the text


def render(reply: Reply) -> list[Part]:
    """The messages for one reply, in order: the banner and the files (an image, a document) on
    the first, the buttons on the last (and, past 25 buttons, on messages of their own). A part
    with an image shows its text and the picture in an embed."""
    text = reply.text if reply.text.strip() else "…"  # Discord refuses an empty message
    parts = [Part(chunk, reply.alert) for chunk in split_text(text, MAX_CONTENT)]
    parts[-1] = replace(parts[-1], buttons=reply.buttons[:MAX_BUTTONS])
    for start in range(MAX_BUTTONS, len(reply.buttons), MAX_BUTTONS):
        parts.append(Part("…", reply.alert, buttons=reply.buttons[start : start + MAX_BUTTONS]))
    files = tuple(path for path in (reply.image, reply.document) if path is not None)
    banner = ALERT_BANNERS.get(reply.alert)
    parts[0] = replace(parts[0], banner=banner, files=files, image=reply.image)
    return parts


def custom_id_for(owner_id: int, button_id: str) -> str:
    custom_id = f"bw:{owner_id}:{button_id}"
    if len(custom_id) > MAX_CUSTOM_ID or not CUSTOM_ID.fullmatch(custom_id):
        raise ValueError(f"button id of {len(button_id)} characters does not fit a custom_id")
    return custom_id


class OwnedButton(discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]], template=CUSTOM_ID):
    """A button of the engine's, pressable by its owner only. Registered with the client at
    start-up, so that buttons on messages sent before a restart still work."""

    def __init__(self, owner_id: int, button_id: str, label: str, row: int | None = None) -> None:
        button: discord.ui.Button[discord.ui.View] = discord.ui.Button(
            label=label[:MAX_LABEL] or "…",
            custom_id=custom_id_for(owner_id, button_id),
            style=discord.ButtonStyle.primary,
        )
        super().__init__(button, row=row)
        self.owner_id = owner_id
        self.button_id = button_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> OwnedButton:
        label = item.label if isinstance(item, discord.ui.Button) else None
        return cls(int(match["owner"]), match["button"], label or "…")

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        # The press becomes a client event: this class stays free of any adapter, and errors
        # in the handler reach the client's on_error (which logs the type only).
        interaction.client.dispatch(PRESS_EVENT, interaction, self.owner_id, self.button_id)


def button_view(owner_id: int, buttons: tuple[Button, ...]) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for index, button in enumerate(buttons[:MAX_BUTTONS]):
        view.add_item(OwnedButton(owner_id, button.id, button.label, row=index // BUTTONS_PER_ROW))
    return view


def message_args(part: Part, owner_id: int) -> dict[str, Any]:
    """Keyword arguments for Messageable.send or Webhook.send. Opens the files: pass the result
    to exactly one send, which closes them."""
    args: dict[str, Any] = {"content": part.text}
    colour = ALERT_COLOURS.get(part.alert)
    files = [file for file in map(open_file, part.files) if file is not None]
    image = Path(part.image).name if part.image else None
    if colour is not None or image in {f.filename for f in files}:
        embed = discord.Embed(description=part.text, colour=colour)
        if image in {f.filename for f in files}:  # the picture inside the embed, text above
            embed.set_image(url=f"attachment://{image}")
        args = {"content": part.banner, "embed": embed}
    if part.buttons:
        args["view"] = button_view(owner_id, part.buttons)
    if files:
        args["files"] = files
    return args


def open_file(path: str) -> discord.File | None:
    try:
        return discord.File(path, description=alt_text(path))
    except OSError as exc:  # the reply still goes out, without it
        log.warning("a file to attach could not be read: %s", type(exc).__name__)
        return None


def alt_text(path: str) -> str | None:
    """A picture's own description, shown to screen readers: the exercise pictures keep their
    alt text in the PNG (bot/pictures)."""
    if not path.endswith(".png"):
        return None
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as picture:
            description = picture.info.get("Description")
    except (OSError, UnidentifiedImageError):
        return None
    return description if isinstance(description, str) else None
