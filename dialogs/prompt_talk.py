"""What a prompt outside the interview (consent, a reminder, the pain score after Done, the
time zone) says to words that are no answer: a greeting or thanks gets a short reply, a
question about the prompt its explanation, a pause a word that there is no rush. The prompt's
buttons come again, and it waits for its answer as before."""

from __future__ import annotations

from content.answers import SMALLTALK
from dialogs.conversation import Conversation
from dialogs.messages import Button
from dialogs.reading import CONTROL, Reading


def smalltalk_reply(conv: Conversation, reading: Reading) -> str:
    """The short reply to "hello", "thanks" or an "ok" (anything else small talk is an ok)."""
    kind = reading.detail if reading.detail in SMALLTALK else "ok"
    return conv.t(f"interview.smalltalk.{kind}")


def talked(conv: Conversation, reading: Reading, explain: str, buttons: list[Button]) -> bool:
    """Reply to small talk, help or a pause (`explain`: the prompt's help); False otherwise."""
    if reading.kind != CONTROL:
        return False
    if reading.value == "help":
        conv.say(explain, buttons)
    elif reading.value == "pause":
        conv.say(conv.t("remind.no_rush"), buttons)
    else:
        conv.say(smalltalk_reply(conv, reading), buttons)
    return True
