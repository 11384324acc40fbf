"""The company's own confidential names (knowledge/company.yaml) as terms of the insider category.

A company that lists its unannounced products, confidential projects and confidential customers in company.yaml
(`lotse init` asks for them; the post check already reads them) should not have to repeat them in triage.yaml:
a question that names one ("Can I put 'Mechanical design – NORDMILL X9' as my position on LinkedIn?") is about
something not yet public, whatever else it says, and goes to the insider contact. Public products, public customer
references and competitors are not added: naming them is ordinary.
"""

from __future__ import annotations

import logging
from pathlib import Path

from bot.knowledge import CompanyKnowledge
from bot.triage.config import TriageConfig

log = logging.getLogger(__name__)
CATEGORY = "insider"
MIN_LENGTH = 3  # "X", "AB": a name this short would match everyday words and hand off everything


def confidential_names(knowledge_dir: Path) -> list[str]:
    """Unannounced products, confidential projects and confidential customers with their aliases, each once. A
    company.yaml that cannot be read costs these names (said in the log, `lotse doctor` names the file), not triage."""
    try:
        company = CompanyKnowledge.load(Path(knowledge_dir))
    except ValueError as exc:
        log.warning("triage without the company's confidential names: %s", exc)
        return []
    names = company.unannounced + company.confidential_projects + company.confidential_customers
    return list(dict.fromkeys(name.strip() for name in names if len(name.strip()) >= MIN_LENGTH))


def with_company_names(config: TriageConfig, names: list[str]) -> TriageConfig:
    """`config` with `names` added to the insider category's terms in both languages (names are not translated);
    unchanged when the company has switched the insider category off or lists no names."""
    category = next((c for c in config.sensitive if c.name == CATEGORY), None)
    if category is None or not names:
        return config
    extended = category.model_copy(
        update={
            "terms_de": list(dict.fromkeys(category.terms_de + names)),
            "terms_en": list(dict.fromkeys(category.terms_en + names)),
        }
    )
    sensitive = [extended if c is category else c for c in config.sensitive]
    return config.model_copy(update={"sensitive": sensitive})
