"""German and English texts of the guard (registered with bot.i18n)."""

from __future__ import annotations

from bot.i18n import register

register(
    {
        "guard.not_understood": {
            "de": "Ich habe deine Nachricht nicht verstanden – da stehen keine Wörter drin, die ich lesen kann. "
            "Stell mir deine Frage einfach in einem Satz, z. B. „Darf ich Fotos aus der Halle posten?“",
            "en": "I didn't understand your message – it contains no words I can read. Just ask your question in a "
            "sentence, e.g. “May I post photos from the shop floor?”",
        },
        "guard.too_long": {
            "de": "Deine Nachricht ist zu lang ({length} Zeichen, höchstens {limit}). Ich habe sie nicht gelesen; "
            "bitte kürze sie auf das Wesentliche.",
            "en": "Your message is too long ({length} characters, at most {limit}). I haven't read it; please "
            "shorten it to what matters.",
        },
        "guard.question_limit": {
            "de": "Du hast in kurzer Zeit sehr viele Fragen gestellt (höchstens {limit} pro Minute). Bitte warte "
            "einen Moment und frag dann noch einmal.",
            "en": "You've asked a great many questions in a short time (at most {limit} per minute). Please wait a "
            "moment and ask again.",
        },
        "guard.handoff_limit": {
            "de": "Du hast in der letzten Stunde schon {limit} Anfragen an Ansprechpersonen gestellt; mehr gebe ich "
            "gerade nicht weiter. Wenn es eilt, schreib bitte direkt an {email}.",
            "en": "You've already sent {limit} requests to contact people in the last hour; I won't pass on more "
            "just now. If it's urgent, please write directly to {email}.",
        },
    }
)
