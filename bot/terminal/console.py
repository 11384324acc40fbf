"""The terminal's two verbs: say something, ask for a line (None when the input ends)."""

from __future__ import annotations

import click


class Console:
    def say(self, text: str) -> None:
        click.echo(text)

    def ask(self, prompt: str = "›") -> str | None:
        try:
            return click.prompt(prompt, prompt_suffix=" ", default="", show_default=False)
        except (EOFError, click.Abort):
            return None

    def confirm(self, prompt: str, yes: str) -> bool:
        answer = self.ask(prompt)
        return answer is not None and answer.strip().lower()[:1] in (yes, "y", "j")
