"""Typed answers to a red-flag hold's buttons ("the hospital said it's fine", "not yet",
"I tapped yes by mistake"), by meaning; a bare yes or no answers "were you able to get
checked?"."""

from __future__ import annotations

import re

from dialogs.prompts import read_yes_no
from dialogs.router import Context

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
        ),
    ),
    (
        "checked",
        (
            "checked",
            "been seen",
            "examined",
            "seen the doc",
            "seen a doc",
            "saw the doc",
            "saw a doc",
            "seen my gp",
            "saw my gp",
            "had a look",
            "all clear",
            "cleared me",
            "said its fine",
            "said it is fine",
            "said its ok",
            "nothing serious",
            "nothing to worry",
            "had a scan",
            "had an mri",
            "had an x ray",
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


def meant_in_hold(ctx: Context, text: str) -> str | None:
    plain = " " + " ".join(re.sub(r"[^a-z0-9 ]", " ", text.replace("'", "")).split()) + " "
    for value, phrases in HOLD_WORDS:
        if any(f" {phrase} " in plain for phrase in phrases):
            return value
    answer = read_yes_no(text, ctx.content.answers_for(ctx.conv.language))
    return {"yes": "checked", "no": "notyet"}.get(answer or "")
