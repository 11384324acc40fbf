"""What taking a case over as an example says, German and English, and the keyed refusal (`ExampleRefused`)."""

from __future__ import annotations

from typing import Any

from bot.errors import LotseError
from bot.i18n import register

register(
    {
        "example.button": {"de": "Als Beispiel übernehmen", "en": "Use as an example"},
        "example.title": {"de": "Als Beispiel übernehmen", "en": "Use as an example"},
        "example.save": {"de": "Speichern", "en": "Save"},
        "example.cancel": {"de": "Abbrechen", "en": "Cancel"},
        "example.intro": {
            "de": "Dieser Fall wird – ohne Namen und Kontaktdaten – ein Beispiel in euren Regeldateien. Prüfe und "
            "bearbeite den Text; gespeichert wird erst mit „Speichern“.",
            "en": "This case becomes an example in your rule files, without names and contact details. Check and "
            "edit the text; nothing is saved until you press “Save”.",
        },
        "example.text_label": {"de": "Beispieltext (anonymisiert)", "en": "Example text (anonymised)"},
        "example.target_label": {"de": "Wird Beispiel für", "en": "Becomes an example of"},
        "example.target.triage": {
            "de": "Tabuthema „{label}“ ({file}, Beispiele {lang})",
            "en": "taboo topic “{label}” ({file}, {lang} examples)",
        },
        "example.target.triage_extends": {
            "de": "Tabuthema „{label}“ (Lotses Standard, ergänzt in {file}, Beispiele {lang})",
            "en": "taboo topic “{label}” (Lotse's default, extended in {file}, {lang} examples)",
        },
        "example.target.rule": {
            "de": "Post-Check-Regel {rule} ({label}, {file}, muss auslösen)",
            "en": "post-check rule {rule} ({label}, {file}, must trigger)",
        },
        "example.saved_triage": {
            "de": "Gespeichert: „{text}“ ist jetzt ein Beispiel für das Tabuthema „{label}“ ({file}). Lotse lädt die "
            "Triage neu und erkennt ähnliche Fragen ab der nächsten Nachricht; andere laufende Lotse-Instanzen nach "
            "ihrem Neustart. Auf „Worüber darf ich nicht posten?“ nennt Lotse es als Beispiel.",
            "en": "Saved: “{text}” is now an example of the taboo topic “{label}” ({file}). Lotse reloads its triage "
            "and recognises similar questions from the next message on; other running Lotse instances after their "
            "restart. “What must I not post about?” shows it as the example.",
        },
        "example.saved_rule": {
            "de": "Gespeichert: „{text}“ ist jetzt ein Beispiel, bei dem die Regel {rule} auslösen muss ({file}). "
            "`lotse rules test` prüft es ab sofort; Lotse lädt die Regeln neu.",
            "en": "Saved: “{text}” is now an example that must trigger the rule {rule} ({file}). `lotse rules test` "
            "checks it from now on; Lotse reloads its rules.",
        },
        "example.refused.status": {
            "de": "Als Beispiel übernehmen geht erst, wenn Anfrage #{id} beantwortet ist.",
            "en": "A handoff can be used as an example once it is answered (#{id} is not).",
        },
        "example.refused.purged": {
            "de": "Der Text von Anfrage #{id} wurde bereits gelöscht (Aufbewahrungsfrist); es gibt nichts zu übernehmen.",
            "en": "The text of handoff #{id} has already been deleted (retention); there is nothing to take over.",
        },
        "example.refused.no_topic": {
            "de": "Anfrage #{id} gehört zu keinem Tabuthema und keiner Post-Check-Regel; daraus wird kein Beispiel.",
            "en": "Handoff #{id} belongs to no taboo topic and no post-check rule; it cannot become an example.",
        },
        "example.refused.unknown_topic": {
            "de": "„{topic}“ ist in euren Regeldateien kein Tabuthema (knowledge/triage.yaml); es wurde nichts gespeichert.",
            "en": "“{topic}” is not a taboo topic in your rule files (knowledge/triage.yaml); nothing was saved.",
        },
        "example.refused.shipped_rule": {
            "de": "Die Regel {rule} ist eine von Lotse mitgelieferte Regel. Beispiele sammelt nur eine Regel in "
            "knowledge/postcheck/: kopiere sie dorthin (gleiche Kennung), dann geht es. Es wurde nichts gespeichert.",
            "en": "The rule {rule} ships with Lotse. Only a rule in knowledge/postcheck/ collects examples: copy it "
            "there (same id) and try again. Nothing was saved.",
        },
        "example.refused.no_company_rule": {
            "de": "Den Entwurf von Anfrage #{id} hat keine eurer eigenen Post-Check-Regeln gemeldet (nur von Lotse "
            "mitgelieferte oder Richtliniensätze); daraus wird kein Beispiel.",
            "en": "No post-check rule of your own flagged the draft of handoff #{id} (only Lotse's shipped rules or "
            "guideline sentences did); it cannot become an example.",
        },
        "example.refused.unknown_target": {
            "de": "Dieses Ziel passt nicht zu Anfrage #{id}; es wurde nichts gespeichert.",
            "en": "That target does not fit handoff #{id}; nothing was saved.",
        },
        "example.refused.empty": {
            "de": "Der Beispieltext ist leer.",
            "en": "The example text is empty.",
        },
        "example.refused.too_long": {
            "de": "Der Beispieltext ist zu lang (höchstens {limit} Zeichen). Kürze ihn auf den Kern des Falls.",
            "en": "The example text is too long (at most {limit} characters). Cut it down to the core of the case.",
        },
        "example.refused.personal_data": {
            "de": "Der Text enthält noch persönliche Daten (Name nach Anrede, E-Mail, Telefonnummer, Erwähnung, Link "
            "oder Kennnummer). Ersetze sie, z. B. durch [NAME]; es wurde nichts gespeichert.",
            "en": "The text still holds personal data (a name after a form of address, e-mail, phone number, mention, "
            "link or id number). Replace it, e.g. with [NAME]; nothing was saved.",
        },
        "example.refused.not_triggering": {
            "de": "Mit diesem Text löst die Regel {rule} nicht aus, dann würde `lotse rules test` scheitern. Lass das "
            "Wort stehen, um das es geht; es wurde nichts gespeichert.",
            "en": "The rule {rule} does not trigger on this text, so `lotse rules test` would fail. Keep the words "
            "the rule is about; nothing was saved.",
        },
        "example.refused.duplicate": {
            "de": "Das ist schon ein Beispiel für {target}; es wurde nichts doppelt gespeichert.",
            "en": "That is already an example of {target}; nothing was saved twice.",
        },
        "example.refused.layout": {
            "de": "{file} ist so aufgebaut, dass Lotse dort nichts einfügen kann, ohne die Datei umzuschreiben. Trag "
            "das Beispiel bitte von Hand ein; es wurde nichts gespeichert.",
            "en": "{file} is laid out so that Lotse cannot insert into it without rewriting the file. Please add the "
            "example by hand; nothing was saved.",
        },
    }
)


class ExampleRefused(LotseError, ValueError):
    """A case that cannot become an example, or not this way; nothing was written (keys example.refused.*)."""

    def __init__(self, reason: str, **params: Any) -> None:
        super().__init__(f"example.refused.{reason}", **params)
