"""Write a complete, commented company folder from the answers of `lotse init`."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from bot.onboarding.answers import ROLE_LABELS, ContactAnswer, SetupAnswers


def write_folder(folder: Path, answers: SetupAnswers) -> list[ContactAnswer]:
    """Create the folder; returns the contacts left out because their role was already taken."""
    for sub in ("documents", "faq", "postcheck"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    kept, extra = _one_per_role(answers.contacts)
    (folder / "company.yaml").write_text(_company(answers), encoding="utf-8")
    (folder / "contacts.yaml").write_text(_contacts(kept, extra), encoding="utf-8")
    (folder / "triage.yaml").write_text(_triage({c.key for c in kept}, _fallback(kept)), encoding="utf-8")
    (folder / "postcheck" / "README.md").write_text(POSTCHECK_README, encoding="utf-8")
    (folder / "faq" / "README.md").write_text(FAQ_README, encoding="utf-8")
    (folder / ".lotseignore").write_text(IGNORE, encoding="utf-8")
    for document in answers.documents:
        shutil.copy2(document.source, _free_name(folder / "documents", document.source.name))
    return extra


def write_env(path: Path, folder: Path, answers: SetupAnswers) -> None:
    path.write_text(
        "# Lotse settings written by `lotse init`, read by every `lotse` command with this knowledge folder;\n"
        "# the environment and a .env file in the working folder take precedence. All options: .env.example.\n"
        f"LOTSE_KNOWLEDGE_DIR={folder.resolve()}\n"
        f"LOTSE_DEFAULT_LANGUAGE={answers.language}\n"
        "# Business hours of the contact people (reminders count only these hours).\n"
        f"LOTSE_WORKDAY_START={answers.workday_start}\n"
        f"LOTSE_WORKDAY_END={answers.workday_end}\n"
        "# Slack: SLACK_BOT_TOKEN=xoxb-…, SLACK_APP_TOKEN=xapp-… and LOTSE_CONTACT_IDS (docs/setup.md).\n",
        encoding="utf-8",
    )


def _one_per_role(contacts: list[ContactAnswer]) -> tuple[list[ContactAnswer], list[ContactAnswer]]:
    kept: dict[str, ContactAnswer] = {}
    extra: list[ContactAnswer] = []
    for contact in contacts:
        (extra.append(contact) if contact.key in kept else kept.setdefault(contact.key, contact))
    return list(kept.values()), extra


def _fallback(contacts: list[ContactAnswer]) -> str:
    keys = [c.key for c in contacts]
    return "communications" if "communications" in keys else keys[0]


def _short_name(company: str) -> str:
    words = re.sub(r"\b(GmbH|AG|SE|KG|Co\.?|mbH|Inc\.?|Ltd\.?|LLC|e\.V\.)\b", "", company).split()
    return words[0].strip(",&") if words else company


def _dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)


def _company(answers: SetupAnswers) -> str:
    short = _short_name(answers.company)
    facts = {
        "name": answers.company,
        "short_name": short,
        "aliases": [short] if short != answers.company else [],
        "working_hours": {"start": answers.workday_start, "end": answers.workday_end},
    }
    return (
        "# Firmendaten / company facts, written by `lotse init`. The post check (`lotse check`) uses these lists to\n"
        "# spot names in drafts; fill in what applies and run `lotse rules test` (see knowledge/company.yaml of the\n"
        "# sample company Nordwerk for a complete example).\n"
        + _dump(facts)
        + "# products: [{name: …, description: …}]          # what may be named publicly\n"
        "# unannounced_products: [{name: …, aliases: […]}]  # confidential until announced\n"
        "# confidential_projects: [{name: …, aliases: […]}]\n"
        "# customers: {confidential: […], public_references: […]}\n"
        "# competitors: […]\n"
        "# disclosure: {phrases_de: […], phrases_en: […], hashtags: […]}  # how employees say they work here\n"
        "# official_channels: {linkedin: …, website: …}\n"
    )


def _contacts(kept: list[ContactAnswer], extra: list[ContactAnswer]) -> str:
    entries: dict[str, dict[str, Any]] = {}
    for contact in kept:
        label_de, label_en = ROLE_LABELS[contact.role]
        entries[contact.key] = {"name": contact.name, "role_de": label_de, "role_en": label_en, "email": contact.email}
    fallback = _fallback(kept)
    entries[fallback]["lead"] = True
    text = (
        "# Ansprechpersonen / contact people, written by `lotse init`. One person per role; the roles the shipped\n"
        "# triage routes to are communications, legal, data_protection, hr and security (triage.yaml).\n"
        "# Slack or Teams user ids: LOTSE_CONTACT_IDS (see .env.example) or `ids: [U0123ABCD]` per person.\n"
        "# Optional per person: language: de|en, topics_de / topics_en (shown to askers).\n"
        "# `fallback` gets every question whose role nobody holds; `lead: true` sees every handoff.\n"
    )
    text += _dump({"fallback": fallback, "contacts": entries})
    for contact in extra:
        text += f"# also {contact.role}: {contact.name} <{contact.email}>\n"
    return text


def _triage(held: set[str], fallback: str) -> str:
    from bot.triage.config import DEFAULT_PATH, load_config

    defaults = load_config(DEFAULT_PATH)
    overrides = [{"name": c.name, "contact": fallback} for c in defaults.sensitive if c.contact not in held]
    if "press" in held:
        overrides = [o for o in overrides if o["name"] != "press"] + [{"name": "press", "contact": "press"}]
    text = (
        "# Triage: wann Lotse NICHT selbst antwortet, sondern an einen Menschen weitergibt / when Lotse hands a\n"
        "# question to a person. Lotse ships the usual sensitive categories (press, crisis, legal, data leak, IT\n"
        "# security, harassment, wellbeing, misconduct, insider, endorsement: bot/triage/default.yaml); this file\n"
        "# extends them. Add your own words and examples per category, e.g.\n"
        "#   - name: press\n"
        '#     terms_de: ["Lokalzeitung XY"]\n'
        '#     examples_de: ["Die Lokalzeitung will mit mir über unsere Firma reden."]\n'
        "# Categories whose contact role nobody holds are routed to the fallback contact below. See docs/triage.md.\n"
        "version: 1\nextends: default\n"
    )
    if overrides:
        text += _dump({"sensitive": overrides})
    return text


def _free_name(folder: Path, name: str) -> Path:
    target = folder / name
    number = 2
    while target.exists():
        target = folder / f"{Path(name).stem}-{number}{Path(name).suffix}"
        number += 1
    return target


IGNORE = """# Files `lotse ingest` does not read (guides, rules, evaluation sets)
README.md
faq/README.md
postcheck/**
eval/**
*.jsonl
"""

POSTCHECK_README = """# Regeln für den Beitrags-Check / post-check rules

`lotse check "Entwurf"` liest einen Beitragsentwurf wie die Unternehmenskommunikation. Regeln liegen hier als
YAML-Dateien, eine Regel oder eine Familie pro Datei; `lotse rules test` prüft ihre Beispiele, `lotse doctor`
auch. Vorlage: knowledge/postcheck/ der Beispielfirma Nordwerk (Zahlen, Kunden, Wettbewerb, Fotos, Ton).

`lotse check "draft"` reads a post draft the way the communications team would. Rules live here as YAML files,
one rule or a family per file; `lotse rules test` (and `lotse doctor`) run their examples. Template: the sample
company's knowledge/postcheck/ (figures, customers, competition, photos, tone).

```yaml
family: figures
defaults: {category: figures, severity: approval}
rules:
  - id: figures.revenue
    kind: lexicon
    terms: [Umsatz, Auftragseingang, revenue, order intake]
    message: {de: "„{excerpt}“ ist eine Geschäftszahl.", en: "“{excerpt}” is a business figure."}
    fix: {de: "Zahl weglassen oder freigeben lassen.", en: "Leave the figure out or have it cleared."}
    guideline:
      de: {document: <Dokument-ID>, section: "<exakte Überschrift>"}
    examples:
      trigger: ["Unser Umsatz ist um 20 % gestiegen.", "Our revenue grew by 20%."]
      no_trigger: ["Wir waren auf der Messe.", "Great day at the trade fair."]
```
"""

FAQ_README = """# Häufige Fragen / FAQ

Optional: `faq.de.yaml` / `faq.en.yaml` with `kind: faq` and `entries: [{id, question, alternatives, answer}]`.
Answers a contact person gives in Slack or Teams can be added here with one click ("Zur FAQ hinzufügen").
See knowledge/faq/ of the sample company Nordwerk.
"""
