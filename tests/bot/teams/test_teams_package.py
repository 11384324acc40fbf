"""`lotse teams package`: a zip Teams' admin center accepts (manifest with bot, scopes, commands, message
extension; icons of the required sizes)."""

from __future__ import annotations

import io
import json
import zipfile

from click.testing import CliRunner
from PIL import Image

from tests.conftest import KNOWLEDGE

APP_ID = "5e1f0c2a-7d44-4d0e-9a51-0b3c7a11a0b7"


def test_package_has_manifest_and_icons(tmp_path):
    from bot.cli.main import cli

    out = tmp_path / "lotse-teams.zip"
    result = CliRunner().invoke(
        cli,
        [
            "--knowledge-dir",
            str(KNOWLEDGE),
            "--data-dir",
            str(tmp_path / "data"),
            "teams",
            "package",
            "--app-id",
            APP_ID,
            "--out",
            str(out),
            "--website",
            "https://www.nordwerk.de",
        ],
    )
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        color = Image.open(io.BytesIO(archive.read("color.png")))
        outline = Image.open(io.BytesIO(archive.read("outline.png")))
        english = json.loads(archive.read("en-us.json"))
    assert manifest["id"] == APP_ID and manifest["developer"]["name"].startswith("Nordwerk")
    [bot] = manifest["bots"]
    assert bot["botId"] == APP_ID and set(bot["scopes"]) == {"personal", "team"}
    assert [c["title"] for c in bot["commandLists"][0]["commands"]] == ["prüfen", "check"]
    [command] = manifest["composeExtensions"][0]["commands"]
    assert command["id"] == "postcheck" and command["type"] == "action" and command["parameters"][0]["name"] == "draft"
    assert color.size == (192, 192) and outline.size == (32, 32)
    assert outline.mode == "RGBA" and outline.getpixel((0, 0))[3] == 0  # transparent background
    assert manifest["developer"]["privacyUrl"] == "https://www.nordwerk.de/datenschutz"
    assert english["name.full"].startswith("Lotse")


def test_package_without_an_app_id_says_what_is_missing(tmp_path, monkeypatch):
    from bot.cli.main import cli

    monkeypatch.delenv("TEAMS_CLIENT_ID", raising=False)
    result = CliRunner().invoke(
        cli,
        [
            "--knowledge-dir",
            str(KNOWLEDGE),
            "--data-dir",
            str(tmp_path / "data"),
            "teams",
            "package",
            "--out",
            str(tmp_path / "x.zip"),
        ],
    )
    assert result.exit_code != 0 and "TEAMS_CLIENT_ID" in result.output
    assert not (tmp_path / "x.zip").exists()
