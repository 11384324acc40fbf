"""The Teams app package an admin uploads: manifest.json (bot, scopes, commands, message extension, German with an
English localization) and the two icons Teams requires (color 192×192, outline 32×32, drawn here with Pillow).

    path = write_package(Path("lotse-teams.zip"), PackageInfo(app_id=..., company="Nordwerk Maschinenbau GmbH"))
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from bot.teams.postcheck import COMMAND_ID, DRAFT_PARAMETER

MANIFEST_VERSION = "1.17"
SCHEMA = f"https://developer.microsoft.com/en-us/json-schemas/teams/v{MANIFEST_VERSION}/MicrosoftTeams.schema.json"
ACCENT = "#1F4E79"


@dataclass(frozen=True)
class PackageInfo:
    app_id: str  # the bot's Microsoft App ID (TEAMS_CLIENT_ID)
    company: str
    website: str = "https://www.example.com"
    privacy_url: str = "https://www.example.com/datenschutz"
    terms_url: str = "https://www.example.com/nutzungsbedingungen"
    version: str = "1.0.0"


def manifest(info: PackageInfo) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "manifestVersion": MANIFEST_VERSION,
        "version": info.version,
        "id": info.app_id,
        "localizationInfo": {
            "defaultLanguageTag": "de-de",
            "additionalLanguages": [{"languageTag": "en-us", "file": "en-us.json"}],
        },
        "developer": {
            "name": info.company[:32],
            "websiteUrl": info.website,
            "privacyUrl": info.privacy_url,
            "termsOfUseUrl": info.terms_url,
        },
        "name": {"short": "Lotse", "full": "Lotse – dein Social-Media-Lotse"},
        "description": {
            "short": "Was darf ich posten? Antworten aus unserer Social-Media-Richtlinie.",
            "full": "Lotse beantwortet Fragen zu Social Media aus der Richtlinie, dem Verhaltenskodex und der FAQ von "
            f"{info.company}, immer mit Quelle. Heikle Fragen gehen vertraulich an eine Ansprechperson; "
            "„prüfen <Entwurf>“ prüft einen Beitrag vor dem Posten.",
        },
        "icons": {"color": "color.png", "outline": "outline.png"},
        "accentColor": ACCENT,
        "bots": [
            {
                "botId": info.app_id,
                "scopes": ["personal", "team"],
                "isNotificationOnly": False,
                "supportsFiles": False,
                "commandLists": [
                    {
                        "scopes": ["personal"],
                        "commands": [
                            {"title": "prüfen", "description": "Prüft einen Beitragsentwurf: prüfen <Entwurf>"},
                            {"title": "check", "description": "Checks a draft post: check <draft>"},
                        ],
                    }
                ],
            }
        ],
        "composeExtensions": [
            {
                "botId": info.app_id,
                "commands": [
                    {
                        "id": COMMAND_ID,
                        "type": "action",
                        "title": "Post-Check",
                        "context": ["compose", "commandBox"],
                        "description": "Prüft deinen Entwurf gegen unsere Social-Media-Regeln",
                        "fetchTask": False,
                        "parameters": [
                            {
                                "name": DRAFT_PARAMETER,
                                "title": "Entwurf",
                                "inputType": "textarea",
                                "description": "Der Text deines Beitrags",
                            }
                        ],
                    }
                ],
            }
        ],
        "permissions": ["identity", "messageTeamMembers"],
        "validDomains": [],
    }


def english(info: PackageInfo) -> dict[str, Any]:
    """The en-us localization file: the same strings in English."""
    return {
        "$schema": "https://developer.microsoft.com/json-schemas/teams/v1.17/MicrosoftTeams.Localization.schema.json",
        "name.short": "Lotse",
        "name.full": "Lotse – your social media pilot",
        "description.short": "What may I post? Answers from our social media guideline.",
        "description.full": f"Lotse answers social media questions from the guideline, code of conduct and FAQ of "
        f"{info.company}, always with its source. Sensitive questions go confidentially to a "
        "contact person; “check <draft>” checks a post before you publish it.",
        "bots[0].commandLists[0].commands[0].title": "check",
        "bots[0].commandLists[0].commands[0].description": "Checks a draft post: check <draft>",
        "composeExtensions[0].commands[0].description": "Checks your draft against our social media rules",
        "composeExtensions[0].commands[0].parameters[0].title": "Draft",
        "composeExtensions[0].commands[0].parameters[0].description": "The text of your post",
    }


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def color_icon() -> bytes:
    """192×192: a white "L" and a beacon on the accent colour (full-colour icon)."""
    image = Image.new("RGBA", (192, 192), ACCENT)
    draw = ImageDraw.Draw(image)
    draw.rectangle((58, 40, 86, 150), fill="white")
    draw.rectangle((58, 124, 134, 150), fill="white")
    draw.ellipse((112, 40, 140, 68), fill="#F2B134")
    return _png(image)


def outline_icon() -> bytes:
    """32×32: white on transparent, as Teams requires for the outline icon."""
    image = Image.new("RGBA", (32, 32), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rectangle((9, 6, 13, 25), fill=(255, 255, 255, 255))
    draw.rectangle((9, 21, 23, 25), fill=(255, 255, 255, 255))
    return _png(image)


def write_package(path: Path, info: PackageInfo) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest(info), ensure_ascii=False, indent=2))
        archive.writestr("en-us.json", json.dumps(english(info), ensure_ascii=False, indent=2))
        archive.writestr("color.png", color_icon())
        archive.writestr("outline.png", outline_icon())
    return path
