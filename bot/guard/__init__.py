"""What stops a message before it costs anything: junk (no words), floods (per-user rate limits), oversize input.

`Guard.screen` runs first in `Assistant.ask`; `Guard.may_hand_off` before a handoff is opened.
"""

from bot.guard.guard import Guard

__all__ = ["Guard"]
