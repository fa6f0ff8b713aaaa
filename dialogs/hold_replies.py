"""Typed answers to a red-flag hold's buttons ("the hospital said it's fine", "not yet",
"I tapped yes by mistake"), by meaning. A no says not yet; a yes with no word of being seen
may be a check booked as well as one had, so it asks which; two buttons' meanings ("the
doctor said it's fine, and I misread the question") ask too."""

from __future__ import annotations

import re

from dialogs.prompts import read_yes_no
from dialogs.router import Context

SAW = ("saw", "seen", "seen by", "went to", "been to")
THE = (("the",), ("my",), ("a",), ())
CLINICIANS = ("gp", "doctor", "doc", "dr", "nurse", "physio", "consultant", "surgeon", "hospital")
PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "they", "them"})  # the clinician

# Typed answers to the hold's buttons, in the order they are tried (a denial of a check
# before the check itself: "I haven't been checked yet").
HOLD_WORDS = (
    (
        "mistake",
        (
            "mistake",
            "by accident",
            "wrong button",
            "not what i meant",
            "meant no",
            "didnt mean",
            "did not mean",
            "misread",
            "misunderstood",
            "tapped yes",
        ),
    ),
    (
        "summary",
        (
            "summary",
            "a note",
            "note for",
            "something i can show",
            "print",
            "letter",
            "for the clinician",
            "for my gp",
            "for the gp",
            "for my physio",
            "for the doctor",
        ),
    ),
    (
        "notyet",
        (
            "not yet",
            "havent been",
            "have not been",
            "not been",
            "no appointment",
            "cant get an appointment",
            "couldnt get an appointment",
            "not able to",
            # not yet in Tagalog (a Hindi or Urdu "nahi" is a no, read as not yet below)
            "hindi pa",
            "wala pa",
        ),
    ),
    (
        "checked",
        (
            "checked",
            "been seen",
            "examined",
            "had a look",
            "all clear",
            "cleared me",
            "said its fine",
            "said it is fine",
            "said its ok",
            "said it was fine",
            "said it was ok",
            "said its nothing",
            "said it was nothing",
            "says its fine",
            "says its nothing",
            "saw me",
            "seen me",
            "checked me",
            "looked at it",
            "had a look at",
            "nothing serious",
            "nothing to worry",
            "had a scan",
            "had an mri",
            "had an x ray",
            *(" ".join((saw, *the, who)) for saw in SAW for the in THE for who in CLINICIANS),
        ),
    ),
    (
        "notyet",
        (
            "appointment on",
            "appointment next",
            "waiting for",
            "tomorrow",
            "next week",
            "later this week",
            "booked",
        ),
    ),
)


BOOKED_OR_SEEN = "booked_or_seen"  # a yes alone: booked, or already seen? (asked back)


def meant_in_hold(ctx: Context, text: str) -> str | None:
    """The button the words mean, BOOKED_OR_SEEN for a yes that says neither, or None."""
    plain = " " + " ".join(re.sub(r"[^a-z0-9 ]", " ", text.replace("'", "")).split()) + " "
    meant = [v for v, phrases in HOLD_WORDS if any(f" {p} " in plain for p in phrases)]
    if meant and meant[0] == "mistake" and "checked" in meant:
        return None  # "seen and cleared, and I misread the question anyway": which one?
    words = ctx.content.answers_for(ctx.conv.language)
    if meant and meant[0] == "checked" and set(plain.split()) & (set(words.others) - PRONOUNS):
        return None  # "mum saw the GP": someone else's check, or the user's too?
    if meant:
        return meant[0]
    answer = read_yes_no(text, words)
    return {"yes": BOOKED_OR_SEEN, "no": "notyet"}.get(answer or "")
