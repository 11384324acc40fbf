"""`lotse eval retrieval|triage|posts`: quality figures on the labelled sets in the repo."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import click

from bot.app import Lotse


@click.group("eval")
def cli_command() -> None:
    """Measure retrieval, triage and post-check quality on labelled sets."""


def _sets(settings, given: tuple[Path, ...], pattern: str) -> list[Path]:
    if given:
        return list(given)
    found = sorted((settings.knowledge_dir / "eval").glob(pattern))
    if not found:
        raise click.ClickException(f"no labelled set found ({settings.knowledge_dir / 'eval' / pattern})")
    return found


@cli_command.command("retrieval")
@click.option(
    "--set",
    "sets",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="JSONL file(s) of questions with gold passages (default: knowledge/eval/retrieval*.jsonl).",
)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def retrieval(settings, sets: tuple[Path, ...], as_json: bool) -> None:
    """Recall@1/3/5 and MRR for dense, lexical and hybrid retrieval."""
    from bot.evaluation.retrieval import evaluate, format_table

    lotse = Lotse(settings)
    if not lotse.index.is_ready():
        raise click.ClickException("Kein Index / no index: run `lotse ingest` first.")
    paths = _sets(settings, sets, "retrieval*.jsonl")
    reports = [evaluate(lotse.retriever, path) for path in paths]
    if len(paths) > 1:
        reports.append(_combined(lotse, paths))
    for report in reports:
        click.echo(json.dumps(report, ensure_ascii=False) if as_json else format_table(report) + "\n")


def _combined(lotse: Lotse, paths: list[Path]) -> dict:
    import tempfile

    from bot.evaluation.retrieval import evaluate

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as handle:
        for path in paths:
            handle.write(path.read_text(encoding="utf-8").rstrip("\n") + "\n")
    report = evaluate(lotse.retriever, Path(handle.name))
    Path(handle.name).unlink(missing_ok=True)
    report["set"] = "all sets combined"
    report["misses"] = []
    return report


NO_MESSAGES = "Keine Nachrichten im Datensatz / no messages in the labelled set."


def _labelled(run: Callable[[], dict]) -> dict:
    """Run an evaluation; a malformed labelled set becomes one sentence naming file and line (other errors, e.g.
    a broken knowledge file, are left to the CLI's own handling)."""
    from bot.evaluation.labelled import LabelledSetError

    try:
        return run()
    except LabelledSetError as exc:
        raise click.ClickException(f"Ungültiger Datensatz / invalid labelled set: {exc}") from exc


@cli_command.command("triage")
@click.option(
    "--set",
    "set_paths",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Labelled JSONL set(s), evaluated as one (default: knowledge/eval/triage*.jsonl).",
)
@click.option("--json", "as_json", is_flag=True)
@click.option("--curve", is_flag=True, help="Print the threshold curve, not only the operating point.")
@click.pass_obj
def triage(settings, set_paths: tuple[Path, ...], as_json: bool, curve: bool) -> None:
    """Confusion table of triage (sensitive / covered / uncovered / off-topic) and the threshold curve."""
    from bot.triage.evaluation import format_report, run_triage_eval

    lotse = Lotse(settings)
    report = _labelled(lambda: run_triage_eval(lotse, _sets(settings, set_paths, "triage*.jsonl"), curve=curve))
    if not report["messages"]:
        raise click.ClickException(NO_MESSAGES)
    click.echo(json.dumps(report, ensure_ascii=False) if as_json else format_report(report))


@cli_command.command("answers")
@click.option(
    "--set",
    "set_paths",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Labelled JSONL set(s) with gold sections (default: knowledge/eval/answers*.jsonl).",
)
@click.option("--json", "as_json", is_flag=True)
@click.option("--no-misses", is_flag=True, help="Only the figures (for blind sets: do not read their misses).")
@click.pass_obj
def answers(settings, set_paths: tuple[Path, ...], as_json: bool, no_misses: bool) -> None:
    """Covered questions answered with the right passage, tentative, wrong, needless handoffs; per label."""
    from bot.evaluation.answers import format_answers_eval, run_answers_eval

    lotse = Lotse(settings)
    if not lotse.index.is_ready():
        raise click.ClickException("Kein Index / no index: run `lotse ingest` first.")
    report = _labelled(lambda: run_answers_eval(lotse, _sets(settings, set_paths, "answers*.jsonl")))
    if not report["items"]:
        raise click.ClickException(NO_MESSAGES)
    if as_json:
        click.echo(
            json.dumps(
                report if not no_misses else {k: v for k, v in report.items() if k != "items"}, ensure_ascii=False
            )
        )
    else:
        click.echo(format_answers_eval(report, misses=not no_misses))


@cli_command.command("posts")
@click.option("--set", "set_path", type=click.Path(exists=True, path_type=Path), default=None)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def posts(settings, set_path: Path | None, as_json: bool) -> None:
    """Verdict accuracy of the post check, with the misses."""
    from bot.postcheck.evaluation import format_posts_eval, run_posts_eval

    lotse = Lotse(settings)
    path = set_path or settings.knowledge_dir / "eval" / "posts.jsonl"
    report = run_posts_eval(lotse, path)
    click.echo(json.dumps(report, ensure_ascii=False) if as_json else format_posts_eval(report))


@cli_command.command("verifier")
@click.option("--set", "set_path", type=click.Path(exists=True, path_type=Path), default=None)
@click.option("--support", type=float, default=None, help="Support cut-off to try (default: the calibrated one).")
@click.option("--curve", is_flag=True, help="Both rates for every support cut-off from 0.80 to 0.95.")
@click.option("--no-misses", is_flag=True, help="Only the figures (for blind sets: do not read their misses).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def verifier(
    settings, set_path: Path | None, support: float | None, curve: bool, no_misses: bool, as_json: bool
) -> None:
    """Faithful model-style answers passed and subtly wrong ones rejected by the verifier (no model needed)."""
    from bot.evaluation.verifier import format_verifier_eval, run_verifier_eval
    from bot.reading.verifier import SUPPORT

    lotse = Lotse(settings)
    path = set_path or settings.knowledge_dir / "eval" / "reader-answers-tune.jsonl"
    report = run_verifier_eval(lotse, path, support=SUPPORT if support is None else support, curve=curve)
    if as_json:
        shown = report if not no_misses else {k: v for k, v in report.items() if k != "items"}
        click.echo(json.dumps(shown, ensure_ascii=False))
    else:
        click.echo(format_verifier_eval(report, misses=not no_misses))
