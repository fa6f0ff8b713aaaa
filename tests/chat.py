"""A chat partner for tests: talk to the engine like a user, read replies like a transcript."""

from __future__ import annotations

from dataclasses import dataclass, field

from dialogs.commands import parse_line
from dialogs.engine import Engine
from dialogs.messages import ButtonPress, Incoming, Reply, Sender
from tests.conftest import FakeClock


@dataclass
class Chat:
    engine: Engine
    clock: FakeClock
    user_id: str = "alice"
    platform: str = "console"
    locale: str | None = "en"
    last: list[Reply] = field(default_factory=list)

    @property
    def sender(self) -> Sender:
        return Sender(self.platform, self.user_id, f"chat-{self.user_id}", self.locale)

    async def send(self, text: str) -> list[Reply]:
        return await self._handle(parse_line(self.sender, self.clock.now(), text))

    async def press(self, button_id: str) -> list[Reply]:
        return await self._handle(ButtonPress(self.sender, self.clock.now(), button_id))

    async def tap(self, label_part: str) -> list[Reply]:
        """Press the button on the latest replies whose label contains `label_part`."""
        for reply in reversed(self.last):
            for button in reply.buttons:
                if label_part.lower() in button.label.lower():
                    return await self.press(button.id)
        raise AssertionError(f"no button like {label_part!r} in {self.buttons()}")

    def buttons(self) -> list[str]:
        return [b.label for r in self.last for b in r.buttons]

    def button_ids(self) -> list[str]:
        return [b.id for r in self.last for b in r.buttons]

    def text(self) -> str:
        return "\n".join(r.text for r in self.last)

    async def _handle(self, event: Incoming) -> list[Reply]:
        outgoing = await self.engine.handle(event)
        await self.engine.delivered(outgoing)
        self.last = [o.reply for o in outgoing]
        return self.last
