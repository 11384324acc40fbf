"""What `lotse init` says, in German and English."""

from __future__ import annotations

from bot.i18n import register

register(
    {
        "init.welcome": {
            "de": "Willkommen! Ich richte Lotse für eure Firma ein: ein paar Fragen, dann lese ich eure Richtlinie und zeige, wie ich antworte.",
            "en": "Welcome! I'll set Lotse up for your company: a few questions, then I read your guideline and show how I answer.",
        },
        "init.folder_not_empty": {
            "de": "Der Ordner {folder} enthält schon eine Firmen-Einrichtung (company.yaml). Nimm einen leeren Ordner oder lösche ihn zuerst.",
            "en": "The folder {folder} already holds a company set-up (company.yaml). Use an empty folder or delete it first.",
        },
        "init.ask_company": {"de": "Name der Firma", "en": "Company name"},
        "init.contacts_intro": {
            "de": "Jetzt die Ansprechpersonen (mindestens eine). Rollen: {roles}.",
            "en": "Now the contact people (at least one). Roles: {roles}.",
        },
        "init.ask_contact_name": {"de": "Name der Ansprechperson", "en": "Contact person's name"},
        "init.ask_contact_email": {"de": "E-Mail von {name}", "en": "E-mail of {name}"},
        "init.ask_contact_role": {"de": "Rolle von {name}", "en": "Role of {name}"},
        "init.ask_more_contacts": {"de": "Noch eine Ansprechperson?", "en": "Another contact person?"},
        "init.ask_hours": {
            "de": "Arbeitszeit der Ansprechpersonen (z. B. 8-17)",
            "en": "Working hours of the contact people (e.g. 8-17)",
        },
        "init.ask_documents": {
            "de": "Dokument oder Ordner zum Einlesen (PDF, Word, Markdown, HTML, Text; leer = fertig)",
            "en": "Document or folder to import (PDF, Word, Markdown, HTML, text; empty = done)",
        },
        "init.bad_email": {
            "de": "„{value}“ ist keine E-Mail-Adresse. Bitte in der Form name@firma.de eingeben.",
            "en": "“{value}” is not an e-mail address. Please enter it as name@company.com.",
        },
        "init.bad_role": {
            "de": "„{value}“ ist keine der Rollen {roles}. Bitte eine davon wählen.",
            "en": "“{value}” is not one of the roles {roles}. Please pick one of them.",
        },
        "init.bad_contact": {
            "de": '„{value}“ verstehe ich nicht als Ansprechperson. Form: "Name <name@firma.de> rolle" (Rollen: {roles}).',
            "en": 'I can\'t read “{value}” as a contact person. Form: "Name <name@company.com> role" (roles: {roles}).',
        },
        "init.bad_hours": {
            "de": "„{value}“ ist keine Arbeitszeit. Bitte als Beginn-Ende in vollen Stunden eingeben, z. B. 8-17.",
            "en": "“{value}” is not a working time. Please enter start-end in whole hours, e.g. 8-17.",
        },
        "init.no_contact": {
            "de": "Mindestens eine Ansprechperson wird gebraucht: an sie gehen Fragen, die ein Mensch beantworten muss.",
            "en": "At least one contact person is needed: questions a person must answer go to them.",
        },
        "init.same_role": {
            "de": "{name} hat dieselbe Rolle wie {other}; pro Rolle zählt eine Person. {name} steht als Kommentar in contacts.yaml.",
            "en": "{name} has the same role as {other}; one person counts per role. {name} is noted as a comment in contacts.yaml.",
        },
        "init.doc_ok": {
            "de": "✓ {name}: {sections} Abschnitte gelesen.",
            "en": "✓ {name}: {sections} sections read.",
        },
        "init.doc_missing": {
            "de": "✗ {name}: Diese Datei gibt es nicht. Pfad prüfen und erneut eingeben.",
            "en": "✗ {name}: This file does not exist. Check the path and enter it again.",
        },
        "init.doc_type": {
            "de": "✗ {name}: Dateityp {detail} kann ich nicht lesen. Bitte als PDF, Word (.docx), Markdown, HTML oder Text speichern.",
            "en": "✗ {name}: I can't read the file type {detail}. Please save it as PDF, Word (.docx), Markdown, HTML or text.",
        },
        "init.doc_empty": {
            "de": "✗ {name}: Die Datei ist leer oder enthält keinen Text. Übersprungen; bitte die richtige Fassung wählen.",
            "en": "✗ {name}: The file is empty or holds no text. Skipped; please pick the right version.",
        },
        "init.doc_scanned": {
            "de": "✗ {name}: Das ist ein eingescanntes PDF ohne Text. Bitte mit Texterkennung (OCR) speichern oder die Word-Fassung nehmen.",
            "en": "✗ {name}: This is a scanned PDF without text. Please save it with text recognition (OCR) or use the Word version.",
        },
        "init.doc_unreadable": {
            "de": "✗ {name}: Die Datei lässt sich nicht lesen ({detail}). Bitte neu speichern oder exportieren und erneut versuchen.",
            "en": "✗ {name}: The file cannot be read ({detail}). Please save or export it again and retry.",
        },
        "init.doc_duplicate": {
            "de": "✗ {name}: Dieselbe Datei wie {detail}; nur einmal übernommen.",
            "en": "✗ {name}: The same file as {detail}; taken only once.",
        },
        "init.no_documents": {
            "de": "Noch kein lesbares Dokument. Lotse braucht mindestens eines (z. B. eure Social-Media-Richtlinie).",
            "en": "No readable document yet. Lotse needs at least one (e.g. your social media guideline).",
        },
        "init.missing_flag": {
            "de": "Ohne Eingabe fehlt: {flag}. Bitte angeben (lotse init --help).",
            "en": "Without input, this is missing: {flag}. Please give it (lotse init --help).",
        },
        "init.written": {
            "de": "Firmenordner geschrieben: {folder} (company.yaml, contacts.yaml, triage.yaml, postcheck/, documents/).",
            "en": "Company folder written: {folder} (company.yaml, contacts.yaml, triage.yaml, postcheck/, documents/).",
        },
        "init.ingesting": {"de": "Ich lese die Dokumente ein …", "en": "Reading the documents …"},
        "init.ingested": {
            "de": "{chunks} Abschnitte eingelesen in {seconds:.0f} s.",
            "en": "{chunks} sections indexed in {seconds:.0f} s.",
        },
        "init.samples": {
            "de": "So antworte ich jetzt aus euren eigenen Texten:",
            "en": "This is how I now answer from your own texts:",
        },
        "init.sample_question": {
            "de": "Was gilt bei Social Media für „{heading}“?",
            "en": "What applies on social media to “{heading}”?",
        },
        "init.sample_handoff": {
            "de": "Eine Journalistin hat mich angerufen und will ein Interview über unsere Firma. Was soll ich tun?",
            "en": "A journalist called me and wants an interview about our company. What should I do?",
        },
        "init.done": {
            "de": "Fertig. Weiter geht es mit:\n  lotse{dir} chat      – selbst Fragen stellen\n  lotse{dir} doctor    – prüfen, was noch fehlt\n  lotse{dir} ingest    – nach jeder Änderung an den Dokumenten\nEinstellungen (Arbeitszeit, Sprache) stehen in {env}; für Slack oder Teams siehe docs/setup.md.",
            "en": "Done. Next:\n  lotse{dir} chat      – ask questions yourself\n  lotse{dir} doctor    – check what is still missing\n  lotse{dir} ingest    – after every change to the documents\nSettings (working hours, language) are in {env}; for Slack or Teams see docs/setup.md.",
        },
    }
)
