"""German or English? A stop-word vote.

Why not langdetect: on chat-length messages ("Darf ich das posten?") it is unreliable and random-seeded;
two closed word lists with umlauts as a tie-breaker are deterministic and right for this two-language bot.
"""

from __future__ import annotations

import re

GERMAN = frozenset(
    """
der die das den dem des ein eine einer eines einem einen und oder aber nicht kein keine ich du er sie es wir
ihr mein meine dein deine unser unsere ist sind bin bist war waren wird werden wurde darf dürfen kann können
muss müssen soll sollen mit von zu zum zur auf für über unter bei nach vor aus wie was wer wo wann warum
welche welcher welches ob wenn dass auch noch schon nur sich mir mich dir dich uns euch man hier da dort
jetzt heute gerne bitte danke hallo ja nein mal doch etwas alles im am ans beim vom hat habe haben gibt
""".split()
)

ENGLISH = frozenset(
    """
the a an and or but not no i you he she it we they my your our their is are am was were will would be been
may can could must should shall with of to on for about under at after before from how what who where when
why which whether if that also still only me him her us them here there now today please thanks hello yes
this these those do does did have has had there's it's i'm what's can't don't any some all into by as
""".split()
)

_WORD = re.compile(r"[a-zäöüß']+", re.I)


def detect_language(text: str, default: str = "de") -> str:
    words = [w.lower() for w in _WORD.findall(text[:5000])]
    german = sum(w in GERMAN for w in words) + 2 * len(re.findall(r"[äöüß]", text[:5000], re.I))
    english = sum(w in ENGLISH for w in words)
    if german == english:
        return default
    return "de" if german > english else "en"
