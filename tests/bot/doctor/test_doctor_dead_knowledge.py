"""`lotse doctor` names dead knowledge: a section none of its question views finds among the first three hits
(here: the same paragraph copied into four circulars), with the fix; distinct sections are not named."""

from __future__ import annotations

from pathlib import Path

from bot.app import Lotse
from bot.doctor.run import diagnose
from bot.doctor.texts import fix_text, problem_text
from bot.settings import Settings
from ingest.indexer import ingest

PHOTOS = "## Fotos aus der Halle\nFotos aus der Fertigung nur nach Freigabe durch die Kommunikation.\n"
GUIDE = f"""---
id: richtlinie
title: Social-Media-Richtlinie
language: de
---
# Social-Media-Richtlinie
## Messen
Vom Messestand darfst du posten, wenn keine Prototypen und keine Preisschilder zu sehen sind.
## Kennzeichnung
Wenn du über unsere Produkte schreibst, sag dazu, dass du hier arbeitest, zum Beispiel mit #TeamProbe.
## Kritik im Netz
Antworte nicht selbst auf Kritik an der Firma in Kommentaren. Gib den Link an die Unternehmenskommunikation weiter.
{PHOTOS}"""


def _circular(year: int) -> str:
    return f"---\nid: rundschreiben-{year}\ntitle: Rundschreiben {year}\nlanguage: de\n---\n# Rundschreiben {year}\n{PHOTOS}"


def test_a_section_copied_four_times_is_dead_knowledge_and_the_distinct_ones_are_not(tmp_path: Path, embedder) -> None:
    knowledge = tmp_path / "knowledge"
    (knowledge / "documents").mkdir(parents=True)
    (knowledge / "documents" / "richtlinie.de.md").write_text(GUIDE, encoding="utf-8")
    for year in (2021, 2022, 2023, 2024):
        (knowledge / "documents" / f"rundschreiben-{year}.de.md").write_text(_circular(year), encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", knowledge_dir=knowledge)
    lotse = Lotse(settings)
    lotse.__dict__["embedder"] = embedder
    ingest([knowledge], lotse.index)

    dead = [f for f in diagnose(settings, lambda: embedder) if f.key == "dead_section"]
    assert dead and {f.values["section"] for f in dead} == {"Fotos aus der Halle"}
    assert all(f.level == "warning" for f in dead)
    problem, fix = problem_text("dead_section", "de", dead[0].values), fix_text("dead_section", "de", dead[0].values)
    assert "unter den ersten drei Treffern" in problem and "FAQ-Eintrag" in fix and "zusammenlegen" in fix
    problem, fix = problem_text("dead_section", "en", dead[0].values), fix_text("dead_section", "en", dead[0].values)
    assert "among the first three hits" in problem and fix.startswith("Add an FAQ entry or a question view")
    assert "merge the section" in fix
