"""Is a message in a thread a follow-up that leans on the thread's previous question, or a question of its own?

    is_follow_up("und auf Instagram?")                                        # True: a fragment without a verb
    is_follow_up("Kann ich mein Firmenhandy auch privat für Facebook nutzen?")  # False: its own verb and topic

A message leans on the thread when it cannot be read alone (docs/llm.md, "Follow-ups"):
  1. a fragment: after a leading connective ("und", "aber", "and", "but") and a frame such as "was ist mit",
     "what about", it has no verb ("und auf Instagram?", "what about TikTok?", "Und was ist mit Xing?");
  2. a bare condition: only a "wenn/falls/if …" clause, no main clause ("und wenn es ein Kunde ist?");
  3. a back-reference without a topic of its own: a pronoun or deictic that points back ("das", "dazu", "dort",
     "it", "that", "there", "the same") used without a noun after it, and at most one topic word of its own
     ("Gilt das auch für Xing?", "Is that also true for TikTok?").
Everything else stands alone, however short: a question with its own verb and its own topic.

Closed word lists, no library: a tagger or parser (spaCy, stanza) needs models that are not installed here and
is unreliable on four-word chat fragments; the three signs above need only function words, a few verbs and the
pronouns. Measured on knowledge/eval/follow-ups-tune.jsonl (`python -m bot.reading.follow_up`).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

_WORD = re.compile(r"[\wÄÖÜäöüß]+(?:['’][a-z]+)?", re.U)

CONNECTIVES = {"und", "aber", "also", "oder", "and", "but", "or", "so", "ok", "okay", "gut", "danke", "thanks", "hm"}
FRAMES = (  # "what about X": the frame's own verb does not make X a question of its own
    ("was", "ist", "mit"),
    ("wie", "ist", "es", "mit"),
    ("wie", "sieht", "es", "mit"),
    ("wie", "steht", "es", "mit"),
    ("gilt", "das", "auch"),
    ("what", "about"),
    ("how", "about"),
    ("what", "of"),
)
SUBORDINATORS = {"wenn", "falls", "sofern", "obwohl", "if", "unless", "even", "what"}  # "what if", "even if"
CONDITIONALS = {"wenn", "falls", "sofern", "if", "unless"}
BACK_REFERENCES = {
    # German pronouns and pronominal adverbs that point back
    "das", "dies", "dieses", "diese", "es", "dazu", "dafür", "damit", "davon", "darüber", "daran", "darauf",
    "dabei", "dort", "dorthin", "da", "ebenfalls", "genauso", "gleiche", "selbe", "sowas", "ihn", "ihm",
    # English
    "it", "that", "this", "these", "those", "there", "them", "same", "such", "either",
}  # fmt: skip
VERBS = {
    # German auxiliaries, modals and the verbs questions about posting use
    "darf", "darfst", "dürfen", "dürfte", "kann", "kannst", "können", "könnte", "muss", "musst", "müssen",
    "soll", "sollte", "solltest", "sollen", "ist", "sind", "bin", "bist", "war", "wäre", "hat", "habe", "hast",
    "haben", "hätte", "gibt", "gilt", "gelten", "geht", "gehen", "wird", "werden", "würde", "mag", "möchte",
    "möchten", "will", "willst", "mache", "machst", "macht", "machen", "tue", "tun", "poste", "postest",
    "posten", "teile", "teilen", "nutze", "nutzen", "verwende", "verwenden", "schreibe", "schreiben",
    "antworte", "antworten", "reagiere", "reagieren", "melde", "melden", "zeige", "zeigen", "sage", "sagen",
    "erwähne", "erwähnen", "verlinke", "verlinken", "like", "liken", "kommentiere", "kommentieren",
    "veröffentliche", "veröffentlichen", "weiß", "wissen", "brauche", "brauchen", "frage", "fragen", "bekomme",
    "heißt", "meint", "meinst", "läuft",
    # English
    "can", "may", "might", "must", "should", "shall", "would", "could", "do", "does", "did", "is",
    "are", "am", "was", "were", "be", "have", "has", "had", "post", "posting", "share", "sharing", "use",
    "using", "write", "answer", "reply", "respond", "react", "report", "show", "say", "mention", "tag", "link",
    "comment", "publish", "need", "want", "know", "mean", "means", "apply", "applies", "allowed", "handle",
    "it's", "that's", "what's", "i'm", "there's",
}  # fmt: skip
FUNCTION_WORDS = {
    # German
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "kein", "keine",
    "keinen", "ich", "du", "er", "sie", "wir", "ihr", "man", "mich", "mir", "dich", "dir", "uns", "euch", "sich",
    "mein", "meine", "meinen", "meinem", "meiner", "dein", "deine", "unser", "unsere", "unseren", "unserem",
    "unserer", "und", "oder", "aber", "auch", "noch", "schon", "nur", "denn", "doch", "mal", "eigentlich",
    "also", "so", "dann", "nicht", "was", "wie", "wo", "wer", "wem", "wen", "warum", "wann", "welche",
    "welcher", "welches", "ob", "wenn", "falls", "mit", "auf", "in", "im", "an", "am", "bei", "beim", "für",
    "von", "vom", "zu", "zum", "zur", "über", "unter", "nach", "vor", "aus", "um", "ohne", "gegen", "bis",
    "ins", "ans", "hier", "jetzt", "gerade", "ja", "nein", "bitte", "etwas", "alles", "sein", "ihre",
    # English
    "the", "a", "i", "you", "he", "she", "we", "they", "me", "my", "your", "our", "us", "him", "her",
    "its", "and", "or", "but", "too", "still", "just", "even", "only", "then", "not", "what", "how",
    "where", "who", "whom", "why", "when", "which", "whether", "if", "with", "on", "at", "for", "of",
    "to", "from", "about", "by", "into", "without", "under", "over", "after", "before", "as", "any",
    "some", "please", "yes", "no", "ok", "okay", "here", "now",
}  # fmt: skip
GENERIC = {  # the predicate of nearly every question here: not a topic of its own
    "erlaubt", "okay", "ok", "in", "ordnung", "fine", "allowed", "true", "possible", "möglich", "problem",
    "regel", "regeln", "rule", "rules", "gleiche", "genauso", "fall", "case", "same", "richtig", "right",
    "privat", "private", "trotzdem", "anyway", "way", "weise", "eine",
}  # fmt: skip
DETERMINERS = {"das", "dies", "dieses", "diese", "gleiche", "selbe", "that", "this", "these", "those", "same", "such"}
NOT_TOPICS = FUNCTION_WORDS | VERBS | GENERIC | BACK_REFERENCES | CONNECTIVES


def words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def topic_words(tokens: list[str]) -> list[str]:
    """Words of the message's own topic: what is left after function words, verbs, pronouns, generic predicates."""
    return [w for w in tokens if w not in NOT_TOPICS and len(w) > 2 and not w.isdigit()]


def _strip_openers(tokens: list[str]) -> list[str]:
    while tokens and tokens[0] in CONNECTIVES:
        tokens = tokens[1:]
    for frame in FRAMES:
        if tuple(tokens[: len(frame)]) == frame:
            return tokens[len(frame) :]
    return tokens


def is_fragment(tokens: list[str]) -> bool:
    """No verb after the openers: "und auf Instagram?", "what about TikTok?"."""
    rest = _strip_openers(tokens)
    return bool(rest) and not any(w in VERBS for w in rest)


def is_bare_condition(text: str, tokens: list[str]) -> bool:
    """Only a condition, no main clause: "und wenn es ein Kunde ist?", "what if it's a customer?"."""
    rest = _strip_openers(tokens)
    if not rest or rest[0] not in SUBORDINATORS:
        return False
    if rest[0] in ("even", "what") and (len(rest) < 2 or rest[1] not in CONDITIONALS):
        return False
    return "," not in text  # "Wenn ein Kunde mich kritisiert, darf ich antworten?" has its main clause


def back_references(tokens: list[str]) -> list[str]:
    """Pronouns used without a noun after them ("das" in "darf ich das?", not in "das Firmenlogo")."""
    found = []
    for i, word in enumerate(tokens):
        if word not in BACK_REFERENCES:
            continue
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if word in DETERMINERS and following and topic_words([following]):
            continue  # a determiner: "das Foto", "that post"
        found.append(word)
    return found


def is_follow_up(message: str) -> bool:
    """True when the message leans on the thread's previous question (the module docstring's three signs)."""
    tokens = words(message)
    if not tokens:
        return False
    if is_fragment(tokens) or is_bare_condition(message, tokens):
        return True
    return bool(back_references(tokens)) and len(topic_words(tokens)) <= 1


# --- measured on a tuning list ----------------------------------------------------------------------------------
def measure(path: Path) -> dict[str, float]:
    """Share of follow-ups and of standalone questions the rule gets right (and today's 80-character rule)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    counts = {"follow_up": [0, 0], "standalone": [0, 0]}
    old = {"follow_up": [0, 0], "standalone": [0, 0]}
    misses = []
    for row in rows:
        label = row["label"]
        predicted = "follow_up" if is_follow_up(row["message"]) else "standalone"
        by_length = "follow_up" if len(row["message"]) < 80 else "standalone"
        counts[label][0] += predicted == label
        counts[label][1] += 1
        old[label][0] += by_length == label
        old[label][1] += 1
        if predicted != label:
            misses.append(f"  {label:10} {row['message']}")
    result = {f"rule {k}": right / total for k, (right, total) in counts.items() if total}
    result |= {f"80 chars {k}": right / total for k, (right, total) in old.items() if total}
    print(f"{len(rows)} messages ({counts['follow_up'][1]} follow-ups, {counts['standalone'][1]} standalone)")
    for name, share in result.items():
        print(f"{name:24} {share:.2f}")
    print("misses:\n" + "\n".join(misses) if misses else "misses: none")
    return result


if __name__ == "__main__":  # python -m bot.reading.follow_up [knowledge/eval/follow-ups-tune.jsonl]
    measure(Path(sys.argv[1] if len(sys.argv) > 1 else "knowledge/eval/follow-ups-tune.jsonl"))
