"""Lasting risk factors (a past cancer, a weakened immune system, injecting drugs, long-term
steroid tablets, osteoporosis), asked once in the interview as background (CLINICAL.md,
"Combinations that raise the tier"). They never hold the plan by themselves and the weekly
check-in does not ask them again; the red-flag net counts them in its combinations, so "my
legs have gone weak" after a cancer is an emergency. Told in free text they are background too
(content/en/redflags.yaml: `alone: false`): only a new sign beside them raises anything."""

from __future__ import annotations

from dialogs.conversation import Conversation
from dialogs.router import Context, Router
from dialogs.safety import net_of

router = Router("background")

KEY = "background"  # in the data: the risk factors told, as red-flag sign ids
CANCER = "cancer_history"  # the one that gets a line of its own when told


def record(ctx: Context, question_id: str, value: str) -> None:
    """The background question's answer, kept as a list of risk factors (none: empty)."""
    question = ctx.content.interview.background
    if question is None or question_id != question.id:
        return
    conv = ctx.conv
    conv.data[KEY] = [value] if value in ctx.content.interview.risk_factors() else []
    if value == CANCER:
        conv.say(conv.t("interview.background_cancer"))


def of(conv: Conversation) -> frozenset[str]:
    """The risk factors this user told, for the net's combinations (none for old records)."""
    kept = conv.data.get(KEY)
    return frozenset(str(f) for f in kept) if isinstance(kept, list) else frozenset()


@router.reads_free_text
def told_in_passing(ctx: Context, text: str) -> bool:
    """ "I had breast cancer years ago", said after the interview: kept as background (the net
    has already read it, and it raised nothing on its own), with the cancer line once."""
    factors = ctx.content.interview.risk_factors()
    found = net_of(ctx.content.redflags).reported(text, factors)
    if not found:
        return False
    conv = ctx.conv
    known = of(conv)
    conv.data[KEY] = sorted(known | found)
    if CANCER in found - known:
        conv.say(conv.t("interview.background_cancer"))
    else:
        conv.say(conv.t("interview.background_noted"))
    return True
