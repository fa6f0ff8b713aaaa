"""Distress first: words of suicide or self-harm get the crisis reply before anything else, in
every state, with the line for the user's country; everyday exaggeration does not."""

from __future__ import annotations

import pytest

from dialogs.engine import Engine
from dialogs.messages import Alert
from dialogs.ports import UserKey
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.reminder_kit import user_with_plan

DISTRESS = [
    "I've been thinking about ending my life",
    "honestly I don't want to wake up tomorrow",
    "everyone would be better off without me",
    "been saving up my painkillers just in case",
    "I cut my arms again last night",
    "sui\u200bcidal again",  # an invisible character inside the word
    # a farewell told as things given away, a method looked up, a means at hand
    "I've given my fishing gear away to my grandson. I won't be needing it",
    "looked up whether twenty tramadol would be fatal",
    "I keep sitting in the garage with my dad's old rifle",
    # someone types for the user: "he" is the user
    "I'm typing this for my dad. He says we'd all be better off if he was gone",
    "the water looked so peaceful from the bridge, I stood there a long time thinking",
    "I've decided when. thank you for being kind to me",
    "if I stopped my heart tablets it would look natural, no fuss for anyone",
    "I burnt my arm with the iron on purpose again",
    "don't send me reminders after Sunday, I've made my arrangements",
    "I've sorted the will and the dog's going to my sister, she'll look after him when I'm gone",
    # a death made to look like a crash; a plan with its day being chosen
    "I picture swerving the van off the road so it looks like an accident",
    "I have a plan. now I'm choosing the night",
    # the last reason to stay; the means held and the wish told
    "the only thing keeping me going is my cat",
    "I sat with the pills for an hour. I didn't, but I wanted to",
    # a dangerous place and a veiled purpose; the wait before life insurance pays for a suicide
    "I stood at the edge of the platform to see how brave I feel",
    "we drive past the quarry and I slow down every time",
    "does my life insurance pay out after the first year, whatever the cause?",
    "Typing for my husband. Tonight he said he wishes he wouldn't wake up",
    "I'd be better off in the ground, everyone knows it",
    "sat on the bridge over the railway for ages tonight. didn't jump",
    "at the canal I thought about wading in and never coming back",
    # things given away, then ready; no one left to remind; a dose that stops the heart
    "I've given my bike to my nephew and my medals to my son. I'm ready now.",
    "please cancel the reminders, after Friday there won't be anyone to remind",
    "how much codeine can you take before it stops your heart?",
    "putting aside two of my co-codamol every day just in case",
    "I have a plan and a date now",
    "stopped taking my blood pressure tablets on purpose, if it happens it happens",
    # lying down to die; gone by a day named, after asking for no more messages; wondering
    # whether a way of dying would end it
    "some nights I just want to lie down and die and be done",
    "no more reminders after Friday please, I'll be gone by then",
    "I keep wondering whether a car crash would finish it",
    # a whole packet of tablets, said with nothing more
    "one more bad night and I'll swallow the whole packet",
]
EVERYDAY = [
    "this pain is killing me",
    "I could kill for a pain-free day",
    "I'd die for a sit down",
    "kill me now, more squats",
    "cut my toenails and my back complained",
    "I'm not suicidal, just fed up with this back",
    "I hope I don't wake up with this pain again",
    "I'd rather die than go back to that gym",
    "I cut myself shaving again this morning",
    "I stockpile paracetamol so I never run out",
    "my tablets are lined up in the pill box for tonight",
    "the stairs used to be easy, now my back doesn't go into my legs but aches",
    "I won't be here next week, we're away on holiday, so skip my reminders",
    "doing a sponsored walk for a suicide prevention charity in May",
    "gave my old bike away to my neighbour, I walk everywhere now",
    "these stairs will finish me off one day",
    "sorry, ignore my last message, it was meant for my sister",
    "the physio says I'd kill myself doing twenty reps, so I'm doing ten",
    "if my husband sings that song one more time I'll throw myself off the balcony",
    "overdosed on mince pies over Christmas, no regrets",
    "got the fence done with the nail gun, can't hear myself think",
    # a film's title, and a trip named after "I'll be gone"
    "watched Suicide Squad with the grandkids, terrible film",
    "I'll be gone to my sister's in Spain for two weeks, pause the walks please",
]


def crisis_replies(replies: list) -> list:
    return [r for r in replies if "Are you safe right now?" in r.text]


@pytest.mark.parametrize("text", DISTRESS)
async def test_distress_gets_the_crisis_reply_mid_interview_and_the_question_waits(
    engine: Engine, clock: FakeClock, text: str
) -> None:
    chat = Chat(engine, clock)
    await chat.press("start.begin")
    await chat.press("start.agree")
    replies = await chat.send(text)
    assert len(crisis_replies(replies)) == 1
    assert replies[0].alert is Alert.EMERGENCY
    assert "Tap" not in chat.text() and "exercise" not in replies[0].text.lower()[:200]
    record = await engine.store.load(UserKey("console", "alice"))
    assert record is not None and record.state == "rf_saddle_bladder"  # nothing answered


@pytest.mark.parametrize("text", EVERYDAY)
async def test_everyday_exaggeration_is_not_a_crisis(
    engine: Engine, clock: FakeClock, text: str
) -> None:
    chat = await user_with_plan(engine, clock)
    assert not crisis_replies(await chat.send(text))


async def test_the_line_follows_the_country_and_a_new_user_keeps_nothing(
    engine: Engine, clock: FakeClock
) -> None:
    uk = Chat(engine, clock, user_id="uk", locale="en-GB")
    assert "116 123" in (await uk.send("I want to kill myself"))[0].text
    assert await engine.store.load(UserKey("console", "uk")) is None
    us = Chat(engine, clock, user_id="us", locale="en-US")
    assert "988" in (await us.send("I want to kill myself"))[0].text
    nowhere = Chat(engine, clock, user_id="x", locale=None)
    assert "findahelpline.com" in (await nowhere.send("I want to kill myself"))[0].text


async def test_the_next_day_brings_one_kind_check_in(engine: Engine, clock: FakeClock) -> None:
    chat = await user_with_plan(engine, clock)
    await chat.send("I want to end it all")
    same_day = await chat.send("hello")
    assert not any("Yesterday you told me" in r.text for r in same_day)
    clock.advance(days=1)
    next_day = await chat.send("/posture")
    assert sum("Yesterday you told me" in r.text for r in next_day) == 1
    assert not any("Yesterday you told me" in r.text for r in await chat.send("/posture"))


async def test_distress_after_a_command_is_answered_too(engine: Engine, clock: FakeClock) -> None:
    chat = await user_with_plan(engine, clock)
    assert crisis_replies(await chat.send("/progress I don't want to be here any more"))


async def test_helpline_gives_the_line_and_the_number_to_anyone_and_is_in_help(
    engine: Engine, clock: FakeClock
) -> None:
    uk = Chat(engine, clock, user_id="new-uk", locale="en-GB")
    replies = await uk.send("/helpline")  # before consent too: nothing is kept
    assert "116 123" in replies[0].text and "999" in replies[0].text
    assert await engine.store.load(UserKey("console", "new-uk")) is None
    chat = await user_with_plan(engine, clock)
    assert "/helpline" in "\n".join(r.text for r in await chat.send("/help"))
