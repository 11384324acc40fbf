"""`lotse rules test`: runs every post-check rule's examples; exit code 1 on failures or invalid files."""

from __future__ import annotations

import json

import click

from bot.settings import Settings


@click.group("rules")
def rules() -> None:
    """The post-check rules in knowledge/postcheck/."""


@rules.command("test")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--no-semantic", is_flag=True, help="Skip loading the embedding model (semantic rules find nothing).")
@click.pass_context
def test_cmd(ctx: click.Context, as_json: bool, no_semantic: bool) -> None:
    """Run every rule's examples (must / must not trigger) and report failures and invalid rule files."""
    from bot.postcheck.checker import PostChecker
    from bot.postcheck.examples import run_rule_examples

    settings: Settings = ctx.find_root().obj if isinstance(ctx.find_root().obj, Settings) else Settings()
    embedder = None
    if not no_semantic:

        def embedder():
            from bot.embeddings import Embedder

            return Embedder.load(settings.embedding_model, device=settings.embedding_device)

    checker = PostChecker.load(settings.knowledge_dir, embedder=embedder, index=None)
    report = run_rule_examples(checker)
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        for error in report.errors:
            click.echo(f"INVALID  {error}")
        for failure in report.failures:
            click.echo(f"FAIL     {failure}")
        status = "OK" if report.ok else "FAILED"
        click.echo(
            f"{status}: {report.rules} rules, {report.examples} examples, "
            f"{len(report.failures)} failures, {len(report.errors)} invalid"
        )
    if not report.ok:
        ctx.exit(1)


cli_command = rules
