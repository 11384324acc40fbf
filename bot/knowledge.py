"""The company's facts from `knowledge/company.yaml`: names, products, customers, code names, disclosure."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.yaml_file import read_mapping


def _names(items: Any) -> list[str]:
    if isinstance(items, (str, dict)):  # one name written without a list: one entry, not its letters or keys
        items = [items]
    names: list[str] = []
    for item in items or []:
        if isinstance(item, dict):
            names.append(str(item.get("name", "")))
            names.extend(str(a) for a in item.get("aliases") or [])
        else:
            names.append(str(item))
    return [n for n in names if n.strip()]


@dataclass
class CompanyKnowledge:
    name: str = "Unternehmen"
    short_name: str = "Unternehmen"
    aliases: list[str] = field(default_factory=list)
    products: list[str] = field(default_factory=list)
    unannounced: list[str] = field(default_factory=list)
    confidential_projects: list[str] = field(default_factory=list)
    confidential_customers: list[str] = field(default_factory=list)
    public_customers: list[str] = field(default_factory=list)
    competitors: list[str] = field(default_factory=list)
    disclosure_phrases: list[str] = field(default_factory=list)
    disclosure_hashtags: list[str] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, knowledge_dir: Path) -> CompanyKnowledge:
        data = read_mapping(Path(knowledge_dir) / "company.yaml")
        if data is None:
            return cls()
        customers: dict[str, Any] = data["customers"] if isinstance(data.get("customers"), dict) else {}
        disclosure = data.get("disclosure") or {}
        return cls(
            name=str(data.get("name", "Unternehmen")),
            short_name=str(data.get("short_name") or data.get("name", "Unternehmen")),
            aliases=_names(data.get("aliases")),
            products=_names(data.get("products")),
            unannounced=_names(data.get("unannounced_products")),
            confidential_projects=_names(data.get("confidential_projects")),
            confidential_customers=_names(customers.get("confidential")),
            public_customers=_names(customers.get("public_references")),
            competitors=_names(data.get("competitors")),
            disclosure_phrases=_names(disclosure.get("phrases_de")) + _names(disclosure.get("phrases_en")),
            disclosure_hashtags=_names(disclosure.get("hashtags")),
            raw=data,
        )
