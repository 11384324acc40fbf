"""Who sits at the terminal, and who works the local inbox when no chat platform is connected.

Without Slack (or Teams) handoffs stay in the local inbox, the database. When no contact ids are configured
either, the terminal user works every contact role: they ask as an employee and answer as the contact
person, which is the whole loop on one machine. `--as` acts as someone else.
"""

from __future__ import annotations

import getpass

from bot.contacts import ContactDirectory
from bot.settings import Settings


def terminal_user(settings: Settings) -> str:
    """$LOTSE_CLI_USER, else cli:<OS user>."""
    if settings.cli_user.strip():
        return settings.cli_user.strip()
    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers)
        name = "terminal"
    return f"cli:{name}"


def is_local(settings: Settings) -> bool:
    """No chat platform: handoffs wait in the local inbox."""
    return not settings.slack_enabled


def with_local_contacts(settings: Settings) -> Settings:
    """Without a platform and without contact ids, the terminal user works every contact role."""
    if not is_local(settings) or settings.contact_ids:
        return settings
    directory = ContactDirectory.load(settings.knowledge_dir)
    roles = directory.roles() or [directory.fallback_role]
    user = terminal_user(settings)
    return settings.model_copy(update={"contact_ids": {role: [user] for role in roles}})


def works_inbox_alone(settings: Settings) -> bool:
    """True when the terminal user is the only contact person (the local demo set-up)."""
    user = terminal_user(settings)
    ids = {uid for uids in settings.contact_ids.values() for uid in uids}
    return is_local(settings) and ids == {user}
