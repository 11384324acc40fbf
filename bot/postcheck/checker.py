"""`PostChecker`: runs every rule over a draft and returns a `Verdict` the author can act on alone."""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import yaml

import bot.postcheck.messages  # noqa: F401 - registers the texts
from bot.i18n import t
from bot.labels import category_label
from bot.language import detect_language
from bot.postcheck.guideline import GuidelineResolver, as_callable
from bot.postcheck.guideline_rules import (
    RULE_ID as GUIDELINE_RULE_ID,
)
from bot.postcheck.guideline_rules import (
    GuidelineSentence,
    GuidelineSentenceMatcher,
    GuidelineSentencesRule,
    mine_guideline,
)
from bot.postcheck.kinds import Environment, Matcher, Post, compile_rule
from bot.postcheck.model_review import MAX_PASSAGES, ModelReviewer, add_findings
from bot.postcheck.revision import revise
from bot.postcheck.rules import LoadedRule, RuleError
from bot.postcheck.ruleset import DEFAULTS_DIR, load_rule_set
from bot.postcheck.text import content_of, normalize, tokenize
from bot.postcheck.verdict import Finding, GuidelineQuote, Verdict, verdict_of
from bot.text_input import MAX_INPUT_CHARS, scrub

log = logging.getLogger(__name__)

LATE_KINDS = {"semantic": 1, "guideline": 1, "classifier": 2}  # run after the explicit rules, in this order
SHIPPED_PREFIX = "lotse."  # every rule in bot/postcheck/defaults has an id starting with this
SLACK_LIMIT = MAX_INPUT_CHARS  # Slack's own limit; a longer draft is refused unread


@dataclass
class CompiledRule:
    rule: Any
    path: str
    matcher: Matcher


def load_company(knowledge_dir: Path) -> tuple[dict[str, Any], RuleError | None]:
    path = Path(knowledge_dir) / "company.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        return {}, RuleError(str(path), "company file not found; company-list rules find nothing")
    except (OSError, yaml.YAMLError) as exc:
        return {}, RuleError(str(path), f"cannot read company file: {exc}")
    if not isinstance(data, dict):
        return {}, RuleError(str(path), "company file must be a mapping")
    return data, None


def _fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace(key, value)
    return text


def _sweep(findings: list[Finding], kept: list[Finding]) -> list[Finding]:
    """Keep each finding (longest first at a start) unless it overlaps a kept one of its category and severity."""
    for finding in sorted(findings, key=lambda f: (f.start, -(f.end - f.start))):
        key = (finding.category, finding.severity)
        if any((k.category, k.severity) == key and k.start < finding.end and finding.start < k.end for k in kept):
            continue
        kept.append(finding)
    return kept


def _merge_same_category(findings: list[Finding]) -> list[Finding]:
    """Two rules of one category on overlapping words say the same thing: keep one. The company's own rule wins
    over a shipped one (it quotes the company's section and may carry a mechanical fix), else the longest."""
    own = [f for f in findings if not f.rule.startswith(SHIPPED_PREFIX)]
    shipped = [f for f in findings if f.rule.startswith(SHIPPED_PREFIX)]
    return _sweep(shipped, _sweep(own, []))


class PostChecker:
    def __init__(
        self,
        rules: list[LoadedRule],
        errors: list[RuleError],
        env: Environment,
        resolver: GuidelineResolver,
        default_language: str = "de",
        company_rules: int | None = None,
        guideline_sentences: list[GuidelineSentence] | None = None,
        reviewer: ModelReviewer | None = None,
    ) -> None:
        self.env = env
        self.reviewer = reviewer  # LOTSE_LLM set: a model adds findings Lotse checks (model_review.py); never removes
        self.resolver = resolver
        self.default_language = default_language
        self.compiled: list[CompiledRule] = []
        self._errors = list(errors)
        # None: unknown (a checker built from a rule list); 0: only Lotse's shipped rules
        self.company_rules = company_rules
        self.guideline_sentences = list(guideline_sentences or [])
        self._guideline: GuidelineSentenceMatcher | None = None
        self._warming = threading.Lock()
        self._warm = False  # a full check ran: the rules' lazy embeddings are there
        for item in rules:
            if not item.rule.enabled:
                continue
            try:
                self.compiled.append(CompiledRule(item.rule, item.path, compile_rule(item.rule, env)))
            except Exception as exc:  # noqa: BLE001 - one broken rule must not stop the others
                self._errors.append(RuleError(item.path, f"cannot compile rule: {exc}", item.rule.id))
        if self.guideline_sentences:
            rule = GuidelineSentencesRule(tuple(self.guideline_sentences))
            self._guideline = GuidelineSentenceMatcher(rule, env)
            self.compiled.append(CompiledRule(rule, "knowledge/documents", self._guideline))
        for error in self._errors:
            log.warning("post check rule problem: %s", error)

    # --- construction ----------------------------------------------------------------------------
    @classmethod
    def load(
        cls,
        knowledge_dir: Path | str,
        embedder: Any = None,
        index: Any = None,
        rules_dir: Path | str | None = None,
        default_language: str = "de",
        shipped: bool = True,
        guideline: bool = True,
        reviewer: ModelReviewer | None = None,
    ) -> PostChecker:
        """Lotse's shipped rules plus those in knowledge_dir/postcheck, and checks from the guideline's restrictive
        sentences; `embedder` and `index` may be objects or factories (lazy). `shipped=False` / `guideline=False`
        leave those out (tests of single rules)."""
        knowledge_dir = Path(knowledge_dir)
        folder = Path(rules_dir) if rules_dir else knowledge_dir / "postcheck"
        ruleset = load_rule_set(folder, DEFAULTS_DIR if shipped else None)
        errors = ruleset.errors
        company, company_error = load_company(knowledge_dir)
        if company_error is not None and ruleset.company_rules:
            errors.append(company_error)  # without rules of its own, a company needs no company file
        env = Environment(company=company, embedder=as_callable(embedder, "embed_queries"))
        resolver = GuidelineResolver(knowledge_dir, index)
        use_guideline = guideline and not any(fnmatchcase(GUIDELINE_RULE_ID, p) for p in ruleset.disabled)
        sentences = mine_guideline(knowledge_dir) if use_guideline else []
        return cls(ruleset.rules, errors, env, resolver, default_language, ruleset.company_rules, sentences, reviewer)

    @property
    def rule_errors(self) -> list[RuleError]:
        return list(self._errors)

    @property
    def rules(self) -> list[Any]:
        return [c.rule for c in self.compiled]

    def rule(self, rule_id: str) -> CompiledRule | None:
        return next((c for c in self.compiled if c.rule.id == rule_id), None)

    def warm_up(self) -> None:
        """Load what the first check would otherwise load (embeddings of the semantic passages, quotes)."""
        self.check("Warm-up: Wir waren heute auf der Messe und haben viele Gespräche geführt.")
        for compiled in self.compiled:
            for ref in compiled.rule.guideline.values():
                self.resolver.resolve(ref.document, ref.section)

    # --- checking --------------------------------------------------------------------------------
    def _first_findings(self, post: Post, lang: str, only: list[str] | None) -> list[Finding]:
        """The first checks one at a time: concurrent first checks (several post checks taken up again after a
        restart) would each embed every rule's passages at once, seconds each (issue 22's soak: ~30 s)."""
        with self._warming:
            findings = self._findings(post, lang, only)
            self._warm = self._warm or only is None
        return findings

    def detect(self, text: str) -> tuple[str, bool]:
        language = detect_language(text, self.default_language)
        seen = set()
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", text[:5000]):
            if len(tokenize(sentence)) >= 4:
                seen.add(detect_language(sentence, language))
        return language, len(seen) > 1

    def check(self, draft: str | bytes | None, language: str | None = None, only: list[str] | None = None) -> Verdict:
        original = scrub(draft)  # no NUL or lone surrogate reaches a span, a message or the database
        if len(original) > SLACK_LIMIT:  # refused unread: the check's cost stays bounded
            lang = language if language in ("de", "en") else detect_language(original, self.default_language)
            notice = t(
                "postcheck.too_long",
                lang,
                length=f"{len(original):,}".replace(",", ".") if lang == "de" else f"{len(original):,}",
                limit="40.000" if lang == "de" else "40,000",
            )
            return Verdict("revise", lang, status="too_long", notices=[notice], draft="")
        mapped = normalize(original)
        detected, mixed = self.detect(mapped.text)
        lang = language if language in ("de", "en") else detected
        if not mapped.text.strip():
            return Verdict("revise", lang, status="empty", notices=[t("postcheck.empty", lang)], draft=original)
        notices: list[str] = []
        status = "checked"
        content = content_of(mapped.text)
        if content.only_noise:
            status = "no_text" if status == "checked" else status
            notices.append(t("postcheck.no_text", lang))
        if mixed:
            notices.append(t("postcheck.mixed", lang))
        post = Post(mapped, lang, self.env)
        findings = self._findings(post, lang, only) if self._warm else self._first_findings(post, lang, only)
        if self.reviewer is not None and only is None and status == "checked":
            passages = self.rule_passages(post, lang, findings)
            findings = add_findings(findings, self.reviewer.review(original, lang, passages))  # adds, never removes
        verdict = verdict_of(findings)
        basis = self.basis(lang) if only is None else "full"
        if basis != "full":
            notices.insert(0, t(f"postcheck.basis.{basis}", lang))
        result = Verdict(verdict, lang, findings, revise(original, findings), notices, status, mixed, original)
        result.basis = basis
        return result

    def basis(self, language: str) -> str:
        """What the check rests on: "full", or "thin" (Lotse's general rules only: the company has no rules of its
        own and no guideline sentence to check against) or "thin_language" (… none in the draft's language)."""
        if self.company_rules is None or self.company_rules > 0:
            return "full"
        if not self.guideline_sentences:
            return "thin"
        if language not in {s.language for s in self.guideline_sentences}:
            return "thin_language"
        return "full"

    def rule_passages(self, post: Post, language: str, findings: list[Finding]) -> list[GuidelineQuote]:
        """What the model review reads: the sections the rule findings quote, then the restrictive guideline
        sentences nearest to the draft."""
        quotes = [f.guideline for f in findings if f.guideline is not None and f.guideline.text]
        if self._guideline is not None:
            quotes += [s.quote() for s in self._guideline.ranked(post, language, MAX_PASSAGES)]
        return list({q.text: q for q in quotes}.values())[:MAX_PASSAGES]

    def _findings(self, post: Post, language: str, only: list[str] | None) -> list[Finding]:
        findings: list[Finding] = []
        selected = [c for c in self.compiled if only is None or c.rule.id in only]
        # explicit rules first; the embedding net then reads only the sentences they did not flag, and the risk
        # read-out last, what no rule flagged
        ordered = sorted(selected, key=lambda c: LATE_KINDS.get(c.rule.kind, 0))
        for compiled in ordered:
            rule = compiled.rule
            try:
                hits = compiled.matcher.find(post)
            except Exception:  # noqa: BLE001 - a failing rule must not take the check down
                log.exception("post check rule %s failed", rule.id)
                continue
            for hit in hits:
                finding = self._finding(compiled, post, hit, language)
                if finding.severity != "info":
                    post.flagged.append((hit.start, hit.end))
                    if rule.kind not in LATE_KINDS:
                        post.covered.append((hit.start, hit.end))
                findings.append(finding)
        findings = _merge_same_category(findings)
        findings.sort(key=lambda f: (f.start, f.end, f.rule))
        return findings

    def _finding(self, compiled: CompiledRule, post: Post, hit: Any, language: str) -> Finding:
        rule = compiled.rule
        start, end = post.mapped.span(hit.start, hit.end)
        excerpt = post.mapped.original[start:end]
        topic = rule.topics[hit.topic] if hit.topic is not None else None  # classifier rules
        category = hit.topic if topic is not None else rule.category
        fill = {"{excerpt}": excerpt.strip(), "{topic}": category_label(category, language)}
        message = _fill((topic or rule.message).get(language), fill)
        fix = _fill(rule.fix.get(language), fill)
        return Finding(
            rule=rule.id,
            category=category,
            severity=topic.severity if topic is not None else rule.severity,
            start=start,
            end=end,
            excerpt=excerpt,
            message=message,
            guideline=hit.quote or self.quote(rule, language) or self._nearest_guideline(post, hit.start),
            fix=fix,
            replacement=hit.replacement,
            append=hit.append,
        )

    def _nearest_guideline(self, post: Post, start: int) -> GuidelineQuote | None:
        """For a shipped rule (no section of its own): the company's closest restrictive guideline sentence."""
        if self._guideline is None or self.env.embedder is None:
            return None
        sentence = post.sentence_of(start)
        if sentence is None:
            return None
        from bot.postcheck.kinds.base import embed_sentences

        vector = embed_sentences(self.env.embedder(), [sentence.text[:600]])[0]
        nearest = self._guideline.nearest(vector)
        # a wrong quote is worse than none: only as close as a guideline finding itself must be
        if nearest is None or nearest[0] < self._guideline.threshold():
            return None
        return nearest[1].quote()

    def quote(self, rule: Any, language: str) -> GuidelineQuote | None:
        other = "en" if language == "de" else "de"
        for lang in (language, other):
            ref = rule.guideline.get(lang)
            if ref is not None:
                quote = self.resolver.resolve(ref.document, ref.section)
                if quote is not None:
                    return quote
        ref = rule.guideline.get(language) or rule.guideline.get(other)
        return GuidelineQuote(ref.document, ref.section, "") if ref else None

    # --- approval --------------------------------------------------------------------------------
    def request_approval(
        self, lotse: Any, verdict: Verdict, author_id: str, platform: str = "cli", message_id: str | None = None
    ) -> Any:
        from bot.postcheck.approval import request_approval

        return request_approval(lotse, verdict, author_id, platform, message_id)
