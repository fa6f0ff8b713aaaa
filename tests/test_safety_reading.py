"""How the red-flag net reads what people tell it: an emergency said in roundabout words still
reaches the emergency tier, and harmless words that look like one raise no alarm."""

from __future__ import annotations

import pytest

from dialogs.engine import Engine
from dialogs.messages import Alert, Reply
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.reminder_kit import user_with_plan


def top(replies: list[Reply]) -> Alert:
    return max((r.alert for r in replies), key=lambda a: a.rank, default=Alert.NONE)


async def told(chat: Chat, text: str, tap: str) -> list[Reply]:
    """The replies to `text`, after one tap of `tap` where the net asks its safety question."""
    replies = await chat.send(text)
    if any("safety.yes" in [b.id for b in r.buttons] for r in replies):
        replies = await chat.press(tap)
    return replies


ROUNDABOUT_EMERGENCIES = [
    # being wet, then not having felt it happen
    "since Tuesday I'm just wet, and I don't notice it happening at all",
    # someone close found the sign on the user
    "my partner found the sheets wet under me this morning, I hadn't felt a thing",
    # both legs, told as a band of the body
    "it's both of them from the hips down now, numb since lunch",
    # a history of cancer with a walk that has gone unsteady
    "I had prostate cancer. Since Friday I'm staggering and holding on to the walls",
    # a sentence that corrects the one before
    "Earlier I said my thigh was numb. It's actually around my back passage, since Sunday.",
    # other words for the bottom
    "my derriere has felt numb since the weekend",
    "the bahookie has no feeling since last night",
    # a fall told as a drop
    "dropped off the scaffold on Friday, back is agony",
    # years of aching, then a new day when both legs gave way
    "my legs always ache when walking, but today they both buckled under me on the stairs",
    "been achy in both legs for years, then yesterday they both gave way at the shops",
    # typed for someone: "her" with no noun after it is the person ("would not hold her")
    "Typing for my wife: she could not get off the loo today, her legs would not hold her",
    "since Tuesday I've had two accidents out of the back end without any warning at all",
    # both legs failing, told as hands on the walls and legs that won't do what they're told
    "since today I walk with my hands on the walls, my legs won't do what they're told",
    "went giddy in the garden and came round on the ground, my back and tummy were agony",
    # years of the same legs, then something new this week
    "same old stenosis legs for years, but this week I've begun wetting myself unnoticed",
    "me and my son were on the quad, we hit a tree and I landed on my back",
    "the ride-on mower tipped and come down on top of me yesterday",
    # walking trouble with a cancer history, told by a carer at the end; weaving like a drunk
    "Mum had breast cancer in 2015. Since Sunday she's weaving like she's had a drink. "
    "I'm writing for her",
    "I had lung cancer in 2020, and since the weekend I can't walk more than a few steps",
    # a bladder that is hard to start, or won't stop, told with the urine as the subject
    "since Tuesday my pee has been a struggle to get going",
    "this week I can't cut the flow off midway when I wee",
    "twice since Monday I couldn't sense that I needed to go",
    # someone close, now: a time earlier today is now
    "my partner's foot has been cold and pale since teatime and she says it hurts",
    # a known aneurysm, and sudden pain said another way
    "they found a small aneurysm last year. out of the blue tonight, agony in my back and belly",
    # a temperature told in words, beside a leg gone numb since yesterday
    "my temperature is thirty nine point two and since yesterday my right foot has no feeling",
    # someone close, as it happens: the carer asks what to do now
    "my wife just went white and almost fainted in the hall, clutching her tummy, what should I do",
    "grandad was fine on Saturday, now both his legs buckle when he tries to get up",
    # "both of them" are the legs told just before; "me" before the bladder is "my"
    "legs were only sore last week, today both of them give way on the stairs",
    "havent a clue when me bladder wants emptying these last few days",
    # tearing a few words away from the back; a carer passing on what is said now
    "came on suddenly an hour ago, like something tearing in the middle of my back right "
    "through to my belly",
    "my husband says he can't feel his bottom on the toilet seat",
]
# told plainly, these belong to the "soon" tier: a doctor in days, not the emergency department
SOON_SIGNS = [
    "my score has gone up by one every week since we began",  # steady weekly worsening
    "I'm 29, my back is worst when I've been resting and best with a swim, stiff until midday",
    "my flip flops keep flying off my left foot, started last week",  # a foot getting weaker
    # calf pain on walking that standing still eases: the circulation pattern
    "my calf cramps on the hill, stop and stand for a bit and it's gone",
    # asked about, and the next sentence denies only other things
    "is it normal that the pain wakes me at 3am? no other symptoms",
    "the pain is worse this month than last month, steadily going downhill",
    "my knee keeps going when I come downstairs, only the right one, since last week",
    "the ache's there aw the time noo, disnae ease wi a rest",  # Scots: constant pain
    "my back pain edges up a notch every week",
    "my right calf looks smaller than the left these days, and the stairs are harder",
    # a carer asks about the walks in a question: the message is about the one they type for
    "my wife has been scuffing her left foot for a week or so. should she keep up the walks?",
    # pain down one leg that goes further than it did
    "the shooting pain down my left leg reaches my ankle when I walk, further than it used to",
    "every week my pain is increasing a bit",
]
# long-standing patterns told with a "no" to anything new: never the emergency department
LONG_STANDING = [
    "anything new in the last two weeks: no. both legs tingle on walks, for years",
    # the days walked are no onset: the legs are the same as for years
    "did 5 days this week. both legs ache at the 10 minute bench as ever, same for 4 years",
    # years said in words; the numbness known and unchanged; a scan that showed the narrowing
    "both feet numb since the chemo in twenty fourteen, the oncologist knows, nothing has changed",
    "pins and needles in both legs on my walks, it's been years.",
    "the scan showed narrowing ages back, both legs go numb on long walks",
]
HARMLESS = [
    "the chair legs nearly gave way when I sat down, time for a new chair",
    "my legs went numb... from sitting through the whole school concert, fine once I stood",
    "puffing like always going up the hill, no chest pain, walk was 15 minutes",
    "my knees gave way, to the temptation of a second slice of cake",
    "my legs were like ice lollies on the walk, it's bitter out there, fine after a cuppa",
    "foot went dead from sitting with my legs crossed at the concert, shook it off",
    "ran a 10k on Sunday and both calves were sore on Monday",
    "breathless from laughing so much at the pub quiz",
    "bum went numb from this long webinar, going to stand up now",
    # someone else's fever: a neighbour named by title, the grandchildren
    "Mr B upstairs had a fever all week so I kept away and walked alone",
    "the grandkids had a temperature over the weekend, stayed home, walk tomorrow",
    # the next clause gives the harmless cause; a team's collapse shared
    "both legs were jelly by bedtime, but that was six hours round the garden centre",
    "our back line collapsed in the second half and I nearly collapsed with them, pain 3 today",
    "lost weight! 3 pounds at weight watchers this month",  # a loss that was meant
    "dropped half a stone, but that's the diet the nurse gave me",
    "our spaniel has started leaking on the kitchen floor, vet says it's old age",
    "breathless on the hills because of my asthma, same as ever",
    "fever pitch at the rugby today, we won! walked 20 mins",
    # a near miss, a quarrel, a league table, the one old accident, a physio's word for lazy
    # muscles, a numb bum on the stands shaken off, a leak that was an object's
    "the tram stopped dead and I almost fell, grabbed the pole, all fine",
    "had a fall out with my brother over the will, not that kind of fall!",
    "our darts team had a fall down the league table, gutted",
    "came off a swing when I was 9, my only injury ever, why?",
    "my physio says my glutes have switched off from all the sitting",
    "my bum went numb sitting in the stands at the cricket, walked it off in a minute",
    "my drinks bottle cracked and I leaked all down my jeans, it was the bottle not me",
    "my feet went numb with cold at the bus stop, warmed up fine indoors",
    "about the chest pain question: my dad had angina, I don't have anything like that",
    # an old fall with its year in words; a numbness a doctor checked and cleared; an
    # accident with a pot of something; stiff after one long sit
    "I fell off a ladder in two thousand and three, that was my back's start",
    "the tingling down my leg I mentioned last month, the GP examined it and cleared me",
    "had an accident with a pot of gravy, the dog was delighted",
    "stiff after sitting through a 4 hour play, loosened up on the walk home",
    "we cried laughing when the clown fell off the stage",  # someone else's fall, laughed at
]


@pytest.mark.parametrize("text", ROUNDABOUT_EMERGENCIES)
async def test_an_emergency_in_roundabout_words_is_escalated(
    engine: Engine, clock: FakeClock, text: str
) -> None:
    chat = await user_with_plan(engine, clock)
    replies = await told(chat, text, "safety.yes")
    assert top(replies) is Alert.EMERGENCY


@pytest.mark.parametrize("text", SOON_SIGNS)
async def test_a_sign_for_the_next_few_days_gets_that_advice(
    engine: Engine, clock: FakeClock, text: str
) -> None:
    chat = await user_with_plan(engine, clock)
    replies = await told(chat, text, "safety.yes")
    assert top(replies) is Alert.SOON


# a trip before the pain began: a doctor today
@pytest.mark.parametrize(
    "text", ["tripped over the hoover last week and the pain began the day after"]
)
async def test_a_trip_before_the_pain_gets_a_doctor_today(
    engine: Engine, clock: FakeClock, text: str
) -> None:
    chat = await user_with_plan(engine, clock)
    replies = await told(chat, text, "safety.yes")
    assert top(replies) is Alert.URGENT


@pytest.mark.parametrize("text", LONG_STANDING)
async def test_a_long_standing_pattern_is_not_sent_to_the_emergency_department(
    engine: Engine, clock: FakeClock, text: str
) -> None:
    chat = await user_with_plan(engine, clock)
    replies = await told(chat, text, "safety.no")  # not new: the gentler tier
    assert top(replies) is not Alert.EMERGENCY


@pytest.mark.parametrize("text", HARMLESS)
async def test_harmless_words_raise_no_alarm(engine: Engine, clock: FakeClock, text: str) -> None:
    chat = await user_with_plan(engine, clock)
    replies = await told(chat, text, "safety.no")  # at most a question, answered No
    assert top(replies) is Alert.NONE


async def test_harmless_words_rarely_get_a_safety_question(
    engine: Engine, clock: FakeClock
) -> None:
    """The rules ask nothing here; the second opinion may ask about one message in twenty
    (the goal for ordinary messages), never raise an alarm by itself."""
    asked = []
    for number, text in enumerate(HARMLESS):
        chat = await user_with_plan(engine, clock, user_id=f"harmless{number}")
        await chat.send(text)
        if any(b.startswith("safety.") for b in chat.button_ids()):
            asked.append(text)
    assert len(asked) <= len(HARMLESS) // 20, asked


async def test_a_lump_there_for_years_is_not_sent_to_a_doctor_today(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await user_with_plan(engine, clock)
    replies = await told(
        chat, "the lump on my back has been there 30 years, the GP knows", "safety.no"
    )
    assert top(replies).rank < Alert.URGENT.rank
