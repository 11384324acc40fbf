"""Warm post-check latency over the labelled drafts; prints JSON.

    .venv/bin/python bench/bench_postcheck.py [--rounds 3] [--posts knowledge/eval/posts.jsonl] [--calibrate]
    .venv/bin/python bench/bench_postcheck.py --rounds 1 --calibrate-guideline \
        --knowledge bench/corpora/public-guidelines/knowledge --posts bench/corpora/public-guidelines/eval/posts-tune.jsonl

"Warm": rules compiled, the embedding model loaded and the semantic passages embedded before timing. The
sentence-embedding cache is cleared before every draft, so each check embeds its sentences afresh (a re-check
of an edited draft is faster in practice). --calibrate also prints, per label, the best semantic similarity
of each draft (what the threshold in knowledge/postcheck/semantic.yaml was chosen from).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", default=str(ROOT / "knowledge" / "eval" / "posts.jsonl"))
    parser.add_argument("--knowledge", default=str(ROOT / "knowledge"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--calibrate", action="store_true")
    parser.add_argument(
        "--calibrate-guideline",
        action="store_true",
        help="also print the guideline-sentence margin per label (what guideline_rules.MARGINS was chosen from)",
    )
    parser.add_argument("--out", type=Path, default=None, help="also write the JSON here")
    parser.add_argument(
        "--torch-threads",
        type=int,
        default=1,
        help="intra-op threads for the embedding model (default 1: a few short sentences gain "
        "nothing from parallelism, and on a busy machine extra threads only wait); 0 = torch default",
    )
    args = parser.parse_args()
    if args.torch_threads > 0:
        import torch

        torch.set_num_threads(args.torch_threads)

    from bot.embeddings import Embedder
    from bot.postcheck.checker import PostChecker
    from bot.postcheck.evaluation import read_posts
    from bot.postcheck.kinds.base import clear_sentence_cache

    started = time.perf_counter()
    embedder = Embedder.load()
    checker = PostChecker.load(args.knowledge, embedder=embedder, index=None)
    checker.warm_up()
    load_s = time.perf_counter() - started
    rows = read_posts(args.posts)
    timings: list[float] = []
    for _ in range(args.rounds):
        for row in rows:
            clear_sentence_cache()
            t0 = time.perf_counter()
            checker.check(row["post"], row.get("language"))
            timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    result = {
        "drafts": len(rows),
        "rounds": args.rounds,
        "checks": len(timings),
        "load_s": round(load_s, 2),
        "latency_ms": {
            "p50": round(statistics.median(timings), 2),
            "p95": round(timings[min(len(timings) - 1, int(0.95 * len(timings)))], 2),
            "max": round(timings[-1], 2),
            "mean": round(statistics.fmean(timings), 2),
        },
        "target_p95_ms": 100,
        "passed": timings[min(len(timings) - 1, int(0.95 * len(timings)))] < 100,
        "rules": len(checker.rules),
        "cpu_count": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
        "torch_threads": _torch_threads(),
    }
    if args.calibrate or args.calibrate_guideline:
        result["calibration"] = _calibrate(checker, rows, ("guideline",) if args.calibrate_guideline else ("semantic",))
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


def _torch_threads() -> int | None:
    try:
        import torch

        return torch.get_num_threads()
    except ImportError:  # pragma: no cover
        return None


def _calibrate(checker, rows, kinds=("semantic",)):  # type: ignore[no-untyped-def]
    from bot.postcheck.kinds import Post
    from bot.postcheck.text import normalize

    out = {}
    for compiled in checker.compiled:
        if compiled.rule.kind not in kinds:
            continue
        per_label: dict[str, list[float]] = {}
        for row in rows:
            post = Post(normalize(row["post"]), row.get("language") or "de", checker.env)
            # as in the check: the nets read only the sentences no explicit rule flagged
            for other in checker.compiled:
                if other.rule.kind not in ("semantic", "guideline") and other.rule.severity != "info":
                    post.covered.extend((h.start, h.end) for h in other.matcher.find(post))
            scores = compiled.matcher.scores(post)
            per_label.setdefault(row["verdict"], []).append(round(max((s[0] for s in scores), default=0.0), 3))
        threshold = compiled.matcher.threshold()
        out[compiled.rule.id] = {
            "threshold": threshold,
            "max_by_label": {k: max(v) for k, v in per_label.items()},
            "sorted_by_label": {k: sorted(v, reverse=True)[:8] for k, v in per_label.items()},
            "fired_by_label": {k: sum(s >= threshold for s in v) for k, v in per_label.items()},
        }
    return out


if __name__ == "__main__":
    main()
