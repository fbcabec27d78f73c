"""Per-stage CPU time of a scrub (issue #13, speed): milliseconds per ~1 KB text on the speed sets
of ``benchmarks/redaction.py`` (200 texts each, the same construction).

The sealed speed texts are used only as opaque timing input: nothing of them is printed, stored
or compared; only the per-stage times are reported.

    python benchmarks/redaction_stages.py [--sets tuning,sealed] [--passes 3] [--no-ner] [--profile FILE]

Each stage is the CPU time (``time.thread_time``) of the scrubber's calls into it, inclusive of
what it calls, not nested (a stage called from inside another stage counts for the outer one).
Run pinned (``taskset -c 1``) on a busy machine; the ratios are the point. The whole-scrub figure
is measured in a separate pass without the stage timers (their overhead is ~1 %).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.redaction import sealed_items, speed_set, tuning_items  # noqa: E402
from spark_control.redaction import scrubber as scrubber_mod  # noqa: E402
from spark_control.redaction.placeholders import SessionMap  # noqa: E402
from spark_control.redaction.scrubber import Scrubber  # noqa: E402

# module-level functions the scrubber calls (patched in scrubber's namespace only)
FUNCS = (
    "detect_structured",
    "detect_split_phones",
    "detect_names",
    "detect_turn_answers",
    "detect_chat_senders",
    "detect_sender_shapes",
    "not_a_person",
    "ner_heading",
    "public_veto",
    "extend_names",
    "detect_high_risk",
    "_replace",
    "_resolve",
)
# (attribute path on the Scrubber instance, method name)
METHODS = (
    ("handles", "detect"),
    ("handles", "plausible"),
    ("handles", "built_from_names"),
    ("handles", "from_elsewhere"),
    ("companies", "detect"),
    ("companies", "veto"),
    ("ner", "veto"),
    ("ner", "detect"),
    ("", "_literals"),
    ("", "_propagate"),
    ("", "_residual"),
)


class Timers:
    def __init__(self) -> None:
        self.ms: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self.depth = 0

    def wrap(self, name: str, fn):
        def timed(*a, **k):
            if self.depth:
                return fn(*a, **k)
            self.depth += 1
            t0 = time.thread_time_ns()
            try:
                return fn(*a, **k)
            finally:
                self.ms[name] = self.ms.get(name, 0.0) + (time.thread_time_ns() - t0) / 1e6
                self.calls[name] = self.calls.get(name, 0) + 1
                self.depth -= 1

        return timed


def model_calls(s: Scrubber) -> list | None:
    """Count the spaCy model calls (texts sent to ``NerModel.entities``)."""
    if s.ner is None or not s.ner.model.available:
        return None
    model, calls = s.ner.model, []
    entities = model.entities

    def counting(texts):
        calls.extend(texts)
        return entities(texts)

    model.entities = counting
    return calls


def instrument(s: Scrubber, t: Timers) -> None:
    for name in FUNCS:
        if hasattr(scrubber_mod, name):
            setattr(scrubber_mod, name, t.wrap(name, getattr(scrubber_mod, name)))
    for owner, meth in METHODS:
        obj = s if not owner else getattr(s, owner, None)
        if obj is None or not hasattr(obj, meth):
            continue
        label = f"{owner}.{meth}" if owner else meth
        setattr(obj, meth, t.wrap(label, getattr(obj, meth)))


def whole(s: Scrubber, texts: list[str], passes: int) -> list[float]:
    out = []
    for _ in range(passes):
        t0 = time.process_time()
        for x in texts:
            s.scrub(x, SessionMap())
        out.append((time.process_time() - t0) * 1000 / len(texts))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default="tuning,sealed")
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--no-ner", action="store_true")
    ap.add_argument("--profile", help="write a cProfile of one pass over the first set to FILE")
    args = ap.parse_args()
    sets = {}
    for name in args.sets.split(","):
        items = tuning_items(700, 7) if name == "tuning" else sealed_items()
        sets[name] = speed_set(items)
    s = Scrubber(ner=not args.no_ner)
    s.warm()
    for texts in sets.values():  # warm the word memos the way the benchmark does (one pass)
        for x in texts:
            s.scrub(x, SessionMap())
    if args.profile:
        import cProfile

        first = next(iter(sets.values()))
        pr = cProfile.Profile()
        pr.enable()
        for x in first:
            s.scrub(x, SessionMap())
        pr.disable()
        pr.dump_stats(args.profile)
    report = {}
    for name, texts in sets.items():
        report[name] = {"whole": whole(s, texts, args.passes)}
    t = Timers()
    instrument(s, t)
    counted = model_calls(s)
    for name, texts in sets.items():
        t.ms.clear()
        t.calls.clear()
        if counted:
            counted.clear()
        for x in texts:
            s.scrub(x, SessionMap())
        n = len(texts)
        report[name]["stages"] = {k: v / n for k, v in t.ms.items()}
        report[name]["model_calls"] = len(counted) / n if counted else 0.0
    print(f"pid {os.getpid()}, load {os.getloadavg()[0]:.1f}, {args.passes} passes; CPU ms per text")
    for name, r in report.items():
        w = r["whole"]
        print(
            f"\n{name}: whole scrub best {min(w):.2f} ms ({1000 / min(w):.0f} docs/s), "
            f"median {sorted(w)[len(w) // 2]:.2f} ms; model calls per text {r['model_calls']:.2f}"
        )
        total = sum(r["stages"].values())
        for k, v in sorted(r["stages"].items(), key=lambda kv: -kv[1]):
            print(f"  {k:28s} {v:6.2f} ms")
        print(f"  {'(sum of stages)':28s} {total:6.2f} ms")


if __name__ == "__main__":
    main()
