"""The deterministic red-flag safety net run on every free-text message, in every state.

`SafetyNet.check` reads a message against the signs in content/<lang>/redflags.yaml and
returns the most urgent sign reported, or None. It leans towards escalating: a phrase that
names a sign counts unless something in its own clause takes it back (a negation just before
it, "years ago", "my mum ..."). Only linear-time steps run on the whole text; the checks
around a match look at a bounded window, so a 100 kB message costs milliseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from content.redflags import Combination, RedFlagCues, RedFlagRules, RedFlagSign, Tier
from dialogs.messages import Alert
from dialogs.safety_text import neighbours, prepared
from dialogs.trend import trend

NEGATION_WORDS = 6  # how far back a negation reaches ("i have never in my life had ...")
OTHER_WORDS = 9  # how far back another person reaches ("my son 25 plays rugby and got a ...")
AFTER_WORDS = 5  # how far on a "ruled out" reaches
REACH = 300  # characters looked at either side of a match to find its clause

_TIER_ALERT: dict[Tier, Alert] = {
    "emergency": Alert.EMERGENCY,
    "urgent": Alert.URGENT,
    "soon": Alert.SOON,
}

_OR_LIST = re.compile(r"\b(?:or|nor)\b")
# said of today ("it doesn't go away any more" is the change, not the past)
_NOW = re.compile(
    r"\b(?:now|new|newly|recently|lately|this (?:week|month)|any ?more|nowadays|these days)\b"
)
_IF_EVER = re.compile(r"\bif (?:\w+ ){0,3}ever\b")


@dataclass(frozen=True)
class Finding:
    tier: Alert
    sign: str
    label: str
    advice: str | None = None  # a text key for advice that fits the cause
    timing: str = "unknown"  # "recent", "longstanding" or "unknown", as the message says
    gentler: str | None = None  # the tier if it turns out to be long-standing ("none": no flag)

    @property
    def unsure(self) -> bool:
        """The message did not say when it started, and the answer changes the tier."""
        return self.timing == "unknown" and self.gentler is not None


class SafetyNet:
    """Built once from the rules; `check` is pure and safe to call from any task."""

    def __init__(self, rules: RedFlagRules) -> None:
        self._rules = rules
        self._signs = sorted(rules.signs, key=lambda sign: -_TIER_ALERT[sign.tier].rank)

    def check(self, text: str, *, background: frozenset[str] = frozenset()) -> Finding | None:
        """The most urgent thing the message reports, or None: a sign, at a gentler tier when
        the message says it is long-standing, or a combination of signs that means more.
        `background`: sign ids known from before (lasting risk factors), counted only in the
        combinations, never reported by themselves."""
        read = prepared(text, self._rules)
        found = [sign for sign in self._signs if self._reported(sign, read)]
        for joined, cut in neighbours(read, corrections_only=_any_alone(found)):
            more = [sign for sign in self._signs if self._reported(sign, joined, across=cut)]
            if _any_alone(more):
                found += [sign for sign in more if sign not in found]
                break
        if not _any_alone(found) and (trend := self._trend(read)) is not None:
            found.append(trend)
        if not found:
            return None
        timing = self._timing(read)
        if timing == "longstanding" and self._changed_now(found, read):
            timing = "recent"
        ids = {sign.id for sign in found} | background
        # a combination says more than its parts: at an equal tier it is the one reported (and
        # the message must say part of it: the background alone is no news)
        holding = [c for c in self._rules.combinations if _holds(c, ids)]
        told = [c for c in holding if not _holds(c, set(background))]
        findings = [f for c in told if (f := _combined(c, timing)) is not None]
        alone = [sign for sign in found if sign.alone]
        findings += [f for sign in alone if (f := _finding(sign, timing)) is not None]
        return max(findings, key=lambda f: f.tier.rank, default=None)

    def reported(self, text: str, ids: frozenset[str]) -> frozenset[str]:
        """Which of the signs `ids` the message reports (the background it tells in passing)."""
        read = prepared(text, self._rules)
        return frozenset(s.id for s in self._signs if s.id in ids and self._reported(s, read))

    def _trend(self, text: str) -> RedFlagSign | None:
        """Numbers that tell the change by themselves (dialogs/trend.py)."""
        wanted = trend(text)
        return next((s for s in self._signs if s.id == wanted), None) if wanted else None

    def _timing(self, text: str) -> str:
        """New, long-standing or unknown: the strong cues first ("suddenly", "for years"),
        then the weak ones ("today", "as usual"), which may be said of something else."""
        cues = self._rules.cues
        ordered = (
            (cues.recent, "recent"),
            (cues.longstanding, "longstanding"),
            (cues.recent_weak, "recent"),
            (cues.longstanding_weak, "longstanding"),
        )
        return next((t for cue, t in ordered if cue is not None and cue.search(text)), "unknown")

    def _changed_now(self, found: list[RedFlagSign], text: str) -> bool:
        """A sign told in the sentence after "but today" (`cues.changed_now`), where the years
        the message names come before: that sign is what is new, unless it was told before the
        turn too (the long-standing pattern, told again of today)."""
        cue = self._rules.cues.changed_now
        for turn in cue.finditer(text) if cue is not None else ():
            after = text[turn.end() :]
            sentence, before = after[: _first_boundary(after, 0, len(after))], text[: turn.start()]
            told = (s for s in found if s.alone and self._reported(s, sentence))
            if any(not self._reported(sign, before) for sign in told):
                return True
        return False

    def _reported(self, sign: RedFlagSign, text: str, across: int = -1) -> bool:
        """Said and not taken back; with `across`, said in words on both sides of it (a sign
        split between two sentences, never one a sentence said and took back by itself)."""
        position = 0
        while (match := sign.pattern.search(text, position)) is not None:
            split = across < 0 or match.start() < across < match.end()
            if split and not self._taken_back(sign, text, match.start(), match.end()):
                return True
            position = match.start() + 1
        return False

    def _taken_back(self, sign: RedFlagSign, text: str, start: int, end: int) -> bool:
        cues = self._rules.cues
        clause_start, clause_end = _clause_bounds(text, start, end)
        clause = text[clause_start:clause_end]
        scope = cues.hedges.sub(
            " ", _negation_scope(text[clause_start:start], text[start:clause_end])
        )
        if cues.negation.search(_last_words(scope, NEGATION_WORDS)):
            return True
        said = " ".join([scope.strip(), *text[start:end].split()[:1]])  # "if i | fell off"
        if cues.hypothetical.search(scope) or cues.hypothetical.search(said):
            return True
        if _IF_EVER.search(clause):
            return True
        if cues.negation_after.search(_first_words(text[end:clause_end], AFTER_WORDS)):
            return True
        # "my wife pinched my inner thigh and I didn't feel it": the body is the user's, and the
        # checks below (past, resolved, unless) still apply to it
        if self._someone_elses(sign, text, scope, text[start:end], (clause_start, clause_end)):
            return True
        if cues.not_me is not None and cues.not_me.search(text) and not _SPEAKER.search(clause):
            return True  # "my neighbour keeps falling ... not me": only the user's own clauses
        if cues.at_work is not None and cues.at_work.search(text) and not _OWN.search(clause):
            return True  # "as a nurse I put in catheters": only where they speak of themselves
        if sign.unless is not None and sign.unless.search(clause):
            return True
        if sign.unless_anywhere is not None and sign.unless_anywhere.search(text):
            return True
        if sign.history:
            return False
        around = f"{text[clause_start:start]} ~ {text[end:clause_end]}"  # the sign's own words
        past = cues.past.search(around)
        if past is not None and _NOW.search(_without_cue(clause, past.group())) is None:
            return True  # "used to ..." takes it back, unless the clause says what is now
        if self._resolved_later(clause, text[end:]):
            return True
        if self._explained_next(sign, text, clause_end):
            return True
        if _EASED_BY_STOPPING.search(text[end:clause_end]):
            return False  # "stop and stand for a bit and it's gone": it eases, it is not over
        return self._resolved_next(text, clause_end)

    def _someone_elses(
        self, sign: RedFlagSign, text: str, scope: str, said: str, bounds: tuple[int, int]
    ) -> bool:
        """Another person named just before the sign (`said`, in the clause at `bounds`), not
        typing for the user, and the sign not on the user's own body nor an emergency now."""
        cues = self._rules.cues
        if not cues.other_person.search(_last_words(scope, OTHER_WORDS)) or _by_proxy(cues, text):
            return False
        own = _OWN.search(said) or _MY_BEFORE.search(scope)  # "... my right leg's weaker"
        return own is None and not self._happening_now(sign, text, bounds)

    def _happening_now(self, sign: RedFlagSign, text: str, bounds: tuple[int, int]) -> bool:
        """An emergency sign someone close has now ("since Monday he can't pass water") is
        still an emergency, whoever has it: the advice is the same for them. "Now" is said in
        the clause or in the sentence it is part of ("Dad's leg suddenly went dead, he ...")."""
        cues = self._rules.cues
        if sign.tier != "emergency" or cues.recent is None:
            return False
        clause_start, clause_end = bounds
        end = text.find(" . ", clause_end)
        sentence = text[text.rfind(" . ", 0, clause_start) + 1 : end if end >= 0 else len(text)]
        if _ACUTE_NOW.search(text):  # "Mum just went grey ... what do I do?"
            return True
        return bool(cues.recent.search(sentence))

    def _resolved_later(self, clause: str, after: str) -> bool:
        """A sign told in the past ("had a kidney infection in March") that the message says
        later was dealt with ("antibiotics sorted it", "nothing like that now")."""
        later = self._rules.cues.resolved_later
        return (
            later is not None
            and _PAST_TENSE.search(clause) is not None
            and bool(later.search(after))
        )

    def _explained_next(self, sign: RedFlagSign, text: str, clause_end: int) -> bool:
        """True when the next clause gives the sign a harmless cause its `unless` knows: "legs
        like jelly, but that's four hours round the zoo" (never a cause said not to be it)."""
        following = _next_clause(text, clause_end)
        if sign.unless is None or following is None:
            return False
        opens = _EXPLAINS.match(following) is not None
        return opens and not _NEGATED.search(following) and bool(sign.unless.search(following))

    def _resolved_next(self, text: str, clause_end: int) -> bool:
        """True when the next clause opens like "... but it went away"."""
        following = _next_clause(text, clause_end)
        if following is None or not self._rules.cues.resolved_next.match(following.strip()):
            return False
        # "... shook it off, but it's been bad since": the clause after the one that settled
        # it takes that back
        after = _next_clause(text, clause_end + 2 + len(following))
        return after is None or _TAKEN_BACK_AGAIN.match(after.strip()) is None


# happening as they write: "just" before what happened, or asking what to do about it now
_ACUTE_NOW = re.compile(
    r"\bjust (?:now|went|turned|collapsed|fainted|fell|passed out|nearly|almost)\b"
    r"|\bwhat (?:do|should|shall|can) (?:i|we) do\b(?! (?:about|with|for) (?:my|the|our) )"
    r"|\bshould (?:i|we) (?:call|ring|phone|get) (?:an? )?(?:ambulance|999|911|112|help|doctor)"
    r"|\b(?:he|she) (?:now |just |still )?(?:says|is saying|keeps saying)\b"  # told as it is now
)
_PAST_TENSE = re.compile(
    r"\b(?:had|was|were|got|fell|did|went|caught|ago|told you|mentioned"
    r"|last (?:year|winter|summer|spring|autumn|month))\b"
)
_OWN = re.compile(  # the speaker's own body
    r"\bmy (?:\w+ )?(?:back|legs?|bum|bottom|bladder|bowels?|feet|foot|thighs?|knees?|groin"
    r"|privates|stream|waterworks|calf|calves|toes?|tailbone|coccyx|hips?|spine|backside)\b"
)
# the sign's body part follows "my" at once, or "my" with a side or a word of its state
_MY_BEFORE = re.compile(
    r"\bmy(?: (?:left|right|bad|good|other|own|poor|weak|dodgy|gammy|sore|lower))?\s*$"
)
_SPEAKER = re.compile(r"\b(?:i|im|ive|id|ill|me|myself)\b")  # "my neighbour" is not the speaker
# a clause that gives a cause: "but that's ...", "it was after ...", "mind you I had ..."
_EXPLAINS = re.compile(
    r"\s*(?:but |though |tho |mind you |to be fair |in fairness )?(?:thats|that was|that is|it was"
    r"|its|that|it|i had|i did|we did|we had|after|from|because|cos|due to)\b"
)
_TAKEN_BACK_AGAIN = re.compile(r"(?:but|though|tho|however|except|until|till|then)\b")
_NEGATED = re.compile(r"\b(?:not|isnt|wasnt|no|never|nothing|didnt|dont|doesnt|cant|couldnt)\b")
_EASED_BY_STOPPING = re.compile(
    r"\b(?:stop|stops|stopping|stopped)\b"
    r"|\bstand(?:ing)? (?:still|for a (?:bit|min\w*|moment|while))"
)


_NETS: dict[int, tuple[RedFlagRules, SafetyNet]] = {}


def net_of(rules: RedFlagRules) -> SafetyNet:
    """One net per set of rules, built on first use, for the features that read a sign
    outside the dispatcher's own check (the signs a question names, risk factors told)."""
    known = _NETS.get(id(rules))
    if known is None or known[0] is not rules:  # the same rules, not a reused id
        known = _NETS[id(rules)] = (rules, SafetyNet(rules))
    return known[1]


def _finding(sign: RedFlagSign, timing: str) -> Finding | None:
    tier = _TIER_ALERT[sign.tier]
    if timing == "longstanding" and sign.when_longstanding is not None:
        if sign.when_longstanding == "none":
            return None
        tier = _TIER_ALERT[sign.when_longstanding]
    gentler = sign.when_longstanding if sign.ask_when_unsure else None
    return Finding(tier, sign.id, sign.label, sign.advice, timing, gentler)


def _any_alone(signs: list[RedFlagSign]) -> bool:
    """A sign that counts by itself was found (evidence counts only in combinations)."""
    return any(sign.alone for sign in signs)


def _by_proxy(cues: RedFlagCues, text: str) -> bool:
    """Someone types for the user ("Dad is 69, this is his account"): he is the user."""
    return cues.proxy is not None and cues.proxy.search(text) is not None


def _holds(combination: Combination, ids: set[str]) -> bool:
    return all(group & ids for group in combination.groups)


def _combined(combination: Combination, timing: str) -> Finding | None:
    tier = _TIER_ALERT[combination.tier]
    if timing == "longstanding" and combination.when_longstanding is not None:
        if combination.when_longstanding == "none":
            return None
        tier = _TIER_ALERT[combination.when_longstanding]
    return Finding(tier, combination.id, combination.label, combination.advice, timing)


def _without_cue(clause: str, cue: str) -> str:
    """The clause without the past cue, and the "now" that ends it ("all gone now")."""
    return re.sub(re.escape(cue) + r"(?: now\b)?", " ", clause)


def _next_clause(text: str, clause_end: int) -> str | None:
    """The clause after the one ending at `clause_end`, or None where that clause was cut at
    REACH rather than at a boundary."""
    if text[clause_end : clause_end + 3] not in (" . ", " | "):
        return None
    following = text[clause_end + 2 : clause_end + REACH]
    return following[: _first_boundary(following, 0, len(following))]


def _first_boundary(text: str, start: int, stop: int) -> int:
    found = [i for i in (text.find(" . ", start, stop), text.find(" | ", start, stop)) if i >= 0]
    return min(found) if found else stop


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a match, looking no further than REACH characters either way."""
    low = max(0, start - REACH)
    before = max(text.rfind(" . ", low, start), text.rfind(" | ", low, start))
    clause_start = low if before < 0 else before + 2
    clause_end = _first_boundary(text, end, min(len(text), end + REACH))
    return clause_start, clause_end


def _negation_scope(before: str, rest: str) -> str:
    """The words a negation before the match may sit in: back to the last comma or emoji,
    unless the match is part of a list with "or" ("no numbness, tingling or weakness")."""
    cut = max(before.rfind(" , "), before.rfind(" ~ "))
    if cut < 0:
        return before
    segment = before[cut + 3 :] + rest.split(" , ", 1)[0]
    if before[cut + 1] == "," and _OR_LIST.search(segment):
        return before
    return before[cut + 3 :]


def _last_words(text: str, count: int) -> str:
    return " ".join(text.split()[-count:])


def _first_words(text: str, count: int) -> str:
    return " ".join(text.split()[:count])
