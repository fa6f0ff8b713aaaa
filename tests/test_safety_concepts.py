"""The red-flag net reasons about time, combinations and causes, and asks one question where it
is unsure: what a user at the plan stage meets, message by message."""

from __future__ import annotations

import pytest

from dialogs.engine import Engine
from dialogs.messages import Alert, Reply
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.reminder_kit import user_with_plan


def top(replies: list[Reply]) -> Alert:
    return max((r.alert for r in replies), key=lambda a: a.rank, default=Alert.NONE)


async def test_unsure_timing_asks_one_question_and_yes_escalates(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await user_with_plan(engine, clock)
    replies = await chat.send("both my legs ache when I walk")
    assert [b.id for b in replies[-1].buttons] == ["safety.yes", "safety.no"]
    assert "new in the last two weeks" in replies[-1].text
    assert top(await chat.press("safety.yes")) is Alert.EMERGENCY


async def test_long_standing_answer_gets_the_gentler_tier_and_the_safety_net_line(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await user_with_plan(engine, clock)
    await chat.send("both my legs ache when I walk")
    replies = await chat.send("no")
    assert top(replies) is Alert.SOON
    assert "bladder" in chat.text()  # what would make it an emergency
    assert not any("safety." in b for b in chat.button_ids())


async def test_a_stale_safety_button_changes_nothing(engine: Engine, clock: FakeClock) -> None:
    chat = await user_with_plan(engine, clock)
    replies = await chat.press("safety.yes")
    assert top(replies) is Alert.NONE
    assert "earlier message" in replies[0].text


@pytest.mark.parametrize(
    "text",
    [
        "both legs ache on walking, been like that for 3 years, sitting eases it",
        "I leak a little when I sneeze, have done since my kids were born",
        "erection trouble for years, on tablets for it",
    ],
)
async def test_long_standing_patterns_are_never_sent_to_the_emergency_department(
    engine: Engine, clock: FakeClock, text: str
) -> None:
    chat = await user_with_plan(engine, clock)
    assert top(await chat.send(text)) is not Alert.EMERGENCY


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("suddenly both my legs gave way this morning", "emergency department"),
        ("sudden tearing pain in my back and tummy and I feel faint", "blood vessel"),
        ("my left foot went cold and white an hour ago and it really hurts", "blood supply"),
        ("back pain and my chest feels tight, hard to breathe", "heart"),
        ("I had breast cancer and this week my legs feel weak", "acute oncology"),
        ("nu\u200bmb between my legs since yesterday", "emergency department"),
    ],
)
async def test_plain_emergencies_escalate_at_once_with_advice_that_fits(
    engine: Engine, clock: FakeClock, text: str, words: str
) -> None:
    chat = await user_with_plan(engine, clock)
    replies = await chat.send(text)
    assert top(replies) is Alert.EMERGENCY
    assert words in chat.text()
    assert not any(b.startswith("safety.") for b in chat.button_ids())


@pytest.mark.parametrize(
    "text",
    [
        "the pain doesn't wake me at night",
        "the kettle leaks so I'm on coffee today",
        "nearly fell off my chair laughing",
        "can osteoporosis cause back pain?",
        "hay fever is awful this week",
    ],
)
async def test_ordinary_messages_with_trigger_words_raise_nothing(
    engine: Engine, clock: FakeClock, text: str
) -> None:
    chat = await user_with_plan(engine, clock)
    assert top(await chat.send(text)) is Alert.NONE


async def test_constant_pain_alone_is_soon_and_with_a_fever_urgent(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await user_with_plan(engine, clock)
    assert top(await chat.send("the pain is constant, day and night")) is Alert.SOON
    other = await user_with_plan(engine, clock, user_id="bob")
    assert top(await other.send("constant pain day and night and a fever")) is Alert.URGENT


async def test_before_consent_an_unsure_sign_takes_the_higher_tier(
    engine: Engine, clock: FakeClock
) -> None:
    chat = Chat(engine, clock, user_id="new")
    assert top(await chat.send("both my legs ache when I walk")) is Alert.EMERGENCY


async def test_a_long_paste_is_read_in_pieces_and_a_flag_at_its_end_is_found(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await user_with_plan(engine, clock)
    filler = "my back aches after walking and sitting eases it. " * 3000
    replies = await chat.send(filler + "Since yesterday I can't feel my bum when I wipe.")
    assert top(replies) is Alert.EMERGENCY
    replies = await chat.send(filler)
    assert top(replies) is Alert.NONE
    assert "only checked it for warning signs" in replies[0].text


async def test_a_forwarded_message_is_checked_and_the_reply_says_if_it_is_about_you(
    engine: Engine, clock: FakeClock
) -> None:
    from dialogs.messages import Sender, TextMessage

    await user_with_plan(engine, clock)
    sender = Sender("console", "alice", "chat-alice", "en")
    text = "since this morning I can't feel anything when I wipe"
    event = TextMessage(sender, clock.now(), text, forwarded=True)
    replies = [o.reply for o in await engine.handle(event)]
    assert replies[0].text.startswith("You passed on a message")
    assert "If this is about you" in replies[0].text
    assert top(replies) is Alert.EMERGENCY


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        # a sign said across a fragment and its neighbour
        ("Now there's numbness. It's between my legs.", Alert.EMERGENCY),
        # the words that make the sign never take it back ("is gone")
        ("Since Monday the feeling down below is gone.", Alert.EMERGENCY),
        # legs that fail, with the legs as subject; the pain not reaching them is no sign
        ("my legs just wouldn't go when I got out of the car this morning", Alert.EMERGENCY),
        ("the pain stays in my back, it doesn't go into my legs", Alert.NONE),
        # recent surgery is background for the care question; with a new sign it is urgent
        ("I had a spinal injection three weeks ago", Alert.NONE),
        ("I had a spinal injection three weeks ago and now a new pain and a fever", Alert.URGENT),
        # a lasting risk factor alone is background
        ("I've been on steroids for my asthma for years", Alert.NONE),
        # numbers that tell the change by themselves, and numbers that do not
        ("my walks this month: 20 min, then 16, then 11, now 7", Alert.SOON),
        ("walked 25 min today, the pain came at 15 min, did 2 sets of 10", Alert.NONE),
        ("pain was 7, then 5, now 3: much better", Alert.NONE),
        # two numbers, when the message says which was then and which is now
        ("two months ago I managed 40 minutes. Now it's 15 before I must sit", Alert.SOON),
        # a pain told as new beside past cancer, in words no pain pattern holds
        (
            "Bowel cancer in 2019, clear since. My lower back has been sore for a fortnight, "
            "which is unusual for me",
            Alert.URGENT,
        ),
        # both legs said apart from the sign that they are getting weaker
        ("since Sunday my feet keep slapping down, both of them", Alert.EMERGENCY),
        # someone types for the user: "he" is the user
        (
            "I'm typing for my husband. He nearly fainted just now and his back is agony",
            Alert.EMERGENCY,
        ),
        ("My sister nearly fainted at the bus stop yesterday. Not me, my back is fine", Alert.NONE),
        (
            "Dad is the one using the app. Since Monday he has lost control of his bladder",
            Alert.EMERGENCY,
        ),
        # a sign told in the past that the message says was dealt with
        (
            "I had a fever with my back pain over Christmas, a water infection. "
            "Nothing like that since.",
            Alert.NONE,
        ),
        # nearly fainting is an idiom when no pain is told with it
        ("the electricity bill arrived and I nearly fainted", Alert.NONE),
        # a toilet or a chair falling apart is no sign
        ("the toilet upstairs is leaking and the bottom fell out of my old chair", Alert.NONE),
        # sex said by a euphemism
        ("since Friday I can't feel anything when my wife and I are intimate", Alert.EMERGENCY),
        # a hypothetical fall
        ("if I fell on the ice would I have to go to hospital?", Alert.NONE),
        # an emergency sign someone close has now is an emergency for them; an old one is not
        ("since this morning my husband can't pass water at all, he keeps trying", Alert.EMERGENCY),
        ("my husband had bladder trouble years ago after his op", Alert.NONE),
        # someone else acting on the user's own body: the body is the user's
        ("my wife touched my inner thigh and I couldn't feel it, since Tuesday", Alert.EMERGENCY),
        # a line saying who types ("I'm his son") makes "he" the user
        ("I'm his son, typing. Dad's lost control of his bladder since Monday", Alert.EMERGENCY),
        # "not since I was a child" is new, not long-standing
        ("I wet myself in bed last night, haven't done that since I was a child", Alert.EMERGENCY),
        # "all gone now": the "now" belongs to the sign being gone
        ("had a temperature last week with the flu, all gone now", Alert.NONE),
        # two numbers from one to the other: the measure named beside them
        ("my pain has climbed from a 3 to a 6 over the last month", Alert.SOON),
        ("my pain is down from 6 to 2 since the new exercises", Alert.NONE),
        ("I'm up from 5 to 12 minutes before the ache starts", Alert.NONE),
        ("walking time down from 25 to 10 minutes over the last six weeks", Alert.SOON),
        # newest first, and a year, are no worsening
        ("this week's average 2, last week 3, the week before 4", Alert.NONE),
        ("had my op in 2015 and it went well, today I walked 14 minutes, pain 3", Alert.NONE),
    ],
)
async def test_concepts_of_the_second_edition(
    engine: Engine, clock: FakeClock, text: str, tier: Alert
) -> None:
    chat = await user_with_plan(engine, clock)
    replies = await chat.send(text)
    if any(b.id == "safety.yes" for r in replies for b in r.buttons):
        # a user with no sign answers the question No, one with a sign Yes
        replies = await chat.press("safety.no" if tier is Alert.NONE else "safety.yes")
    assert top(replies) is tier
