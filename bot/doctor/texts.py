"""What `lotse doctor` says, in German and English: per finding the problem and the fix."""

from __future__ import annotations

from typing import Any

from bot.i18n import register, t

_TEXTS: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    "no_documents": (
        {
            "de": "Im Wissensordner {folder} liegt kein Dokument, das Lotse lesen kann.",
            "en": "The knowledge folder {folder} holds no document Lotse can read.",
        },
        {
            "de": "Richtlinie als PDF, Word, Markdown, HTML oder Text nach {folder}/documents/ legen und `lotse ingest` ausführen (oder `lotse init`).",
            "en": "Put the guideline (PDF, Word, Markdown, HTML or text) into {folder}/documents/ and run `lotse ingest` (or `lotse init`).",
        },
    ),
    "no_contacts": (
        {
            "de": "Es gibt keine Ansprechpersonen ({path} fehlt oder ist leer): Weitergaben landen bei „Social-Media-Team“ ohne Adresse.",
            "en": "There are no contact people ({path} is missing or empty): handoffs go to “Social-Media-Team” without an address.",
        },
        {
            "de": "Mindestens eine Person mit Name, E-Mail und Rolle in {path} eintragen (Vorlage: `lotse init`).",
            "en": "Add at least one person with name, e-mail and role to {path} (template: `lotse init`).",
        },
    ),
    "bad_file": (
        {"de": "{path} lässt sich nicht lesen: {reason}", "en": "{path} cannot be read: {reason}"},
        {
            "de": "Datei korrigieren (gültiges YAML, Einrückung prüfen) und `lotse doctor` erneut ausführen.",
            "en": "Correct the file (valid YAML, check the indentation) and run `lotse doctor` again.",
        },
    ),
    "sensitive_no_contact": (
        {
            "de": "Für das sensible Thema „{category}“ ist die Rolle „{role}“ zuständig, aber niemand hat diese Rolle; solche Fragen gehen an {fallback}.",
            "en": "The sensitive topic “{category}” goes to the role “{role}”, but nobody holds that role; such questions go to {fallback}.",
        },
        {
            "de": "In contacts.yaml eine Person mit der Rolle „{role}“ eintragen, oder in triage.yaml bei „{category}“ eine vorhandene Rolle als contact angeben.",
            "en": "Add a person with the role “{role}” to contacts.yaml, or name an existing role as the contact of “{category}” in triage.yaml.",
        },
    ),
    "contact_no_id": (
        {
            "de": "{name} ({role}) hat keine Slack- oder Teams-ID: Lotse kann diese Person nicht benachrichtigen; ihre Anfragen gehen an die Rückfallrolle.",
            "en": "{name} ({role}) has no Slack or Teams id: Lotse cannot notify this person; their handoffs go to the fallback role.",
        },
        {
            "de": 'Die ID in LOTSE_CONTACT_IDS (z. B. {{"{role}": ["U0123ABCD"]}}) oder als ids: bei der Person in contacts.yaml eintragen.',
            "en": 'Add the id to LOTSE_CONTACT_IDS (e.g. {{"{role}": ["U0123ABCD"]}}) or as ids: of the person in contacts.yaml.',
        },
    ),
    "contact_email": (
        {
            "de": "{name} ({role}) hat keine gültige E-Mail-Adresse („{email}“); ohne Chat bekommen Fragende keine Adresse genannt.",
            "en": "{name} ({role}) has no valid e-mail address (“{email}”); without chat, askers are given no address.",
        },
        {
            "de": "Eine Adresse wie name@firma.de bei email: in contacts.yaml eintragen.",
            "en": "Put an address such as name@company.com under email: in contacts.yaml.",
        },
    ),
    "no_text": (
        {
            "de": "{path} ergibt keinen Text ({reason}); Lotse kann daraus nichts zitieren.",
            "en": "{path} yields no text ({reason}); Lotse cannot quote from it.",
        },
        {
            "de": "Ein eingescanntes PDF zuerst mit Texterkennung (OCR) speichern oder die Word-/Textfassung ablegen; leere Dateien löschen.",
            "en": "Save a scanned PDF with text recognition (OCR) first, or use the Word/text version; delete empty files.",
        },
    ),
    "scanned_pdf": (
        {
            "de": "{path} ist ein eingescanntes PDF: {pages} Seite(n) nur Bild, kein Text; Lotse kann daraus nichts zitieren.",
            "en": "{path} is a scanned PDF: {pages} page(s) of images only, no text; Lotse cannot quote from it.",
        },
        {
            "de": "Das PDF mit Texterkennung (OCR) neu speichern (z. B. in Acrobat: „Scan & OCR“) oder die Word-Fassung ablegen, dann `lotse ingest`.",
            "en": "Save the PDF again with text recognition (OCR, e.g. Acrobat's “Scan & OCR”) or use the Word version, then run `lotse ingest`.",
        },
    ),
    "dead_section": (
        {
            "de": "Abschnitt „{section}“ ({document}) wird von keiner der {views} Frage(n) an ihn unter den ersten drei Treffern gefunden; wer so fragt, bekommt ihn nie.",
            "en": "Section “{section}” ({document}) is found by none of its {views} question(s) among the first three hits; whoever asks that way never gets it.",
        },
        {
            "de": "Einen FAQ-Eintrag oder eine Fragen-Datei (knowledge/questions) mit den Worten schreiben, in denen Beschäftigte danach fragen, oder den Abschnitt mit dem ähnlichen zusammenlegen.",
            "en": "Add an FAQ entry or a question view (knowledge/questions) in the words employees use, or merge the section with the similar one.",
        },
    ),
    "long_section": (
        {
            "de": "Abschnitt „{section}“ in {path} ist {chars} Zeichen lang; Antworten zitieren daraus nur ein Stück und treffen leicht den falschen Teil.",
            "en": "Section “{section}” in {path} is {chars} characters long; answers quote only a piece of it and easily hit the wrong part.",
        },
        {
            "de": "Den Abschnitt mit Zwischenüberschriften in Teile von höchstens {limit} Zeichen gliedern.",
            "en": "Split the section with subheadings into parts of at most {limit} characters.",
        },
    ),
    "faq_contradiction": (
        {
            "de": "FAQ {first} und {second} fragen fast dasselbe („{question}“), antworten aber verschieden.",
            "en": "FAQ {first} and {second} ask nearly the same (“{question}”) but answer differently.",
        },
        {
            "de": "Die beiden Einträge zu einem zusammenführen oder die Fragen so schärfen, dass klar ist, wann welche Antwort gilt.",
            "en": "Merge the two entries into one, or sharpen the questions so it is clear when which answer applies.",
        },
    ),
    "faq_duplicate": (
        {
            "de": "FAQ {first} und {second} sind doppelt („{question}“).",
            "en": "FAQ {first} and {second} are duplicates (“{question}”).",
        },
        {
            "de": "Einen Eintrag löschen und seine Frage als alternatives: beim anderen eintragen.",
            "en": "Delete one entry and add its question under alternatives: of the other.",
        },
    ),
    "rule_invalid": (
        {"de": "Post-Check-Regel ungültig: {detail}", "en": "Post-check rule invalid: {detail}"},
        {
            "de": "Regeldatei korrigieren (siehe {folder}/postcheck/README.md); `lotse rules test` zeigt den Stand.",
            "en": "Correct the rule file (see {folder}/postcheck/README.md); `lotse rules test` shows the state.",
        },
    ),
    "no_rules": (
        {
            "de": "Es gibt keine Post-Check-Regeln ({folder}/postcheck/ fehlt); `lotse check` prüft Entwürfe dann auf nichts Firmenspezifisches.",
            "en": "There are no post-check rules ({folder}/postcheck/ is missing); `lotse check` then checks drafts for nothing company-specific.",
        },
        {
            "de": "Regeln nach dem Muster in knowledge/postcheck/ (Beispielfirma) anlegen; `lotse init` legt den Ordner mit Anleitung an.",
            "en": "Add rules following knowledge/postcheck/ (the sample company); `lotse init` creates the folder with a guide.",
        },
    ),
    "rule_example": (
        {
            "de": "Beispiel der Post-Check-Regel {rule} schlägt fehl ({kind}): „{text}“",
            "en": "Example of post-check rule {rule} fails ({kind}): “{text}”",
        },
        {
            "de": "Die Regel ({path}) oder ihr Beispiel anpassen, bis `lotse rules test` OK meldet.",
            "en": "Adjust the rule ({path}) or its example until `lotse rules test` says OK.",
        },
    ),
    "no_index": (
        {
            "de": "Es gibt noch keinen Suchindex in {path}; Lotse kann keine Frage beantworten.",
            "en": "There is no search index in {path} yet; Lotse cannot answer any question.",
        },
        {"de": "`lotse ingest` ausführen.", "en": "Run `lotse ingest`."},
    ),
    "index_model": (
        {
            "de": "Der Index wurde mit dem Modell {built} gebaut, eingestellt ist {configured}; Suche und Schwellen passen nicht zusammen.",
            "en": "The index was built with the model {built}, but {configured} is configured; search and cut-offs do not match.",
        },
        {
            "de": "`lotse ingest` ausführen (baut den Index mit dem eingestellten Modell neu) oder EMBEDDING_MODEL zurückstellen.",
            "en": "Run `lotse ingest` (rebuilds the index with the configured model) or set EMBEDDING_MODEL back.",
        },
    ),
    "index_stale": (
        {
            "de": "{count} Datei(en) haben sich seit dem letzten `lotse ingest` geändert oder sind neu/entfernt (z. B. {example}); Lotse antwortet noch aus dem alten Stand.",
            "en": "{count} file(s) changed, appeared or disappeared since the last `lotse ingest` (e.g. {example}); Lotse still answers from the old state.",
        },
        {"de": "`lotse ingest` ausführen.", "en": "Run `lotse ingest`."},
    ),
    "model_missing": (
        {
            "de": "Das Embedding-Modell {model} lässt sich nicht laden: {reason}",
            "en": "The embedding model {model} cannot be loaded: {reason}",
        },
        {
            "de": "EMBEDDING_MODEL leer lassen (mitgeliefertes Modell) oder auf einen lokalen Modellordner setzen.",
            "en": "Leave EMBEDDING_MODEL empty (the packaged model) or point it at a local model folder.",
        },
    ),
    "database": (
        {"de": "Die Datenbank ist nicht erreichbar: {reason}", "en": "The database cannot be reached: {reason}"},
        {
            "de": "DATABASE_URL prüfen (leer = SQLite im Datenordner) und ob der Server läuft.",
            "en": "Check DATABASE_URL (empty = SQLite in the data folder) and whether the server runs.",
        },
    ),
    "migrations": (
        {
            "de": "Die Datenbank ist nicht auf dem neuesten Stand (Stand {current}, nötig {head}).",
            "en": "The database schema is not up to date (at {current}, needs {head}).",
        },
        {
            "de": "Wird beim nächsten Start von Lotse automatisch nachgezogen; bei mehreren Servern zuerst einen einzeln starten.",
            "en": "Applied automatically at Lotse's next start; with several servers, start one alone first.",
        },
    ),
    "slack_incomplete": (
        {
            "de": "Slack ist nur halb eingerichtet: {missing} fehlt.",
            "en": "Slack is only half set up: {missing} is missing.",
        },
        {
            "de": "SLACK_BOT_TOKEN (xoxb-…) und dazu SLACK_APP_TOKEN (xapp-…, Socket Mode) oder SLACK_SIGNING_SECRET (HTTP) setzen; siehe docs/slack.md.",
            "en": "Set SLACK_BOT_TOKEN (xoxb-…) plus SLACK_APP_TOKEN (xapp-…, Socket Mode) or SLACK_SIGNING_SECRET (HTTP); see docs/slack.md.",
        },
    ),
    "teams_incomplete": (
        {
            "de": "Teams ist nur halb eingerichtet: {missing} fehlt.",
            "en": "Teams is only half set up: {missing} is missing.",
        },
        {
            "de": "TEAMS_CLIENT_ID und TEAMS_CLIENT_SECRET (und bei Single-Tenant-Bots TEAMS_TENANT_ID) setzen; siehe docs/teams.md.",
            "en": "Set TEAMS_CLIENT_ID and TEAMS_CLIENT_SECRET (and TEAMS_TENANT_ID for single-tenant bots); see docs/teams.md.",
        },
    ),
}

register({f"doctor.{key}": problem for key, (problem, _) in _TEXTS.items()})
register({f"doctor.{key}.fix": fix for key, (_, fix) in _TEXTS.items()})
register(
    {
        "doctor.header": {
            "de": "Lotse-Doktor: Wissensordner {knowledge}, Datenordner {data}",
            "en": "Lotse doctor: knowledge folder {knowledge}, data folder {data}",
        },
        "doctor.error": {"de": "FEHLER", "en": "ERROR"},
        "doctor.warning": {"de": "WARNUNG", "en": "WARNING"},
        "doctor.fix": {"de": "So behebst du es", "en": "Fix"},
        "doctor.summary": {
            "de": "{errors} Fehler, {warnings} Warnungen.",
            "en": "{errors} errors, {warnings} warnings.",
        },
        "doctor.all_good": {
            "de": "Alles in Ordnung: Ordner, Index, Modell, Datenbank und Einstellungen passen zusammen.",
            "en": "All good: folder, index, model, database and settings fit together.",
        },
        "doctor.local": {
            "de": "Hinweis: Weder Slack noch Teams ist eingerichtet; Weitergaben warten im lokalen Posteingang (`lotse handoffs`).",
            "en": "Note: neither Slack nor Teams is set up; handoffs wait in the local inbox (`lotse handoffs`).",
        },
    }
)


def problem_text(key: str, language: str, values: dict[str, Any]) -> str:
    return t(f"doctor.{key}", language, **values)


def fix_text(key: str, language: str, values: dict[str, Any]) -> str:
    return t(f"doctor.{key}.fix", language, **values)
