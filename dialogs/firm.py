"""Whether a typed answer tells a sign firmly: in a stretch of its own (between punctuation and
contrasts) that reports it with no hedge ("maybe", "I think", "sometimes", "not sure"), no
request for help, and no contrast after it that takes it back ("I lost weight, but I've been
on a diet"). "Not sure, both legs went weak" tells the sign firmly; "not sure, maybe my
bladder is a bit different" does not."""

from __future__ import annotations

import re

from content.answers import AnswerWords
from dialogs.lexicon import lexicon
from dialogs.safety import SafetyNet
from dialogs.words import fold

_BREAK = "[,.;:!?]+"


def told_firmly(text: str, sign: str, net: SafetyNet, words: AnswerWords) -> bool:
    lex = lexicon(words)
    contrast = "|".join(re.escape(fold(c)) for c in words.contrast)
    parts = re.split(rf"({_BREAK}|\b(?:{contrast})\b)", fold(text))
    stretches = [
        (parts[i], parts[i + 1] if i + 1 < len(parts) else "") for i in (range(0, len(parts), 2))
    ]
    reporting = [(s, after) for s, after in stretches if net.reported(s, frozenset({sign}))]
    if not reporting:
        return True  # told across the stretches: the net's reading stands
    for stretch, after in reporting:
        r = lex.reader(stretch)
        hedged = any(w.base in lex.hedged for w in r.words)
        taken_back = bool(after) and not re.fullmatch(_BREAK, after)
        if not hedged and not taken_back:
            return True
    return False
