"""Aggregate rates of round 5's two sets: ``python -m tests.redaction.people5_eval [--show]``
(the held-out twin: ``python -m tests.redaction.heldout``). Leak rule (word-bounded, stricter than ``corpus.leaked`` for addresses and dates):
a PERSON leaks if the value or any 3+ letter token of it survives; an ADDRESS or DOB leaks if more
than half of its tokens survive. ``--show`` prints the tuning set's failures (never the
held-out's: that set is read as aggregate rates only)."""

from __future__ import annotations

import collections
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from spark_control.redaction.placeholders import SessionMap  # noqa: E402
from spark_control.redaction.scrubber import Scrubber  # noqa: E402


def _survives(tok: str, low: str) -> bool:
    return re.search(r"(?<![^\W_])" + re.escape(tok.lower()) + r"(?![^\W_])", low) is not None


def leaked(p, out: str) -> bool:
    low = out.lower()
    if p.type == "PERSON":
        return _survives(p.value, low) or any(
            len(t) >= 3 and _survives(t, low) for t in re.findall(r"[^\W\d_]+", p.value)
        )
    toks = re.findall(r"\w+", p.value)
    return sum(_survives(t, low) for t in toks) * 2 > len(toks)


def rates(docs, show: bool = False) -> dict:
    sc = Scrubber()
    n, k = collections.Counter(), collections.Counter()
    altered = controls = 0
    for d in docs:
        out = sc.scrub(d.text, SessionMap()).text
        if d.control:
            controls += 1
            altered += out != d.text
            if show and out != d.text:
                print("CONTROL", repr(out))
            continue
        bad = [p for p in d.pii if leaked(p, out)]
        for p in d.pii:
            n[p.type] += 1
        for p in bad:
            k[p.type] += 1
        if show and bad:
            print(d.style, [p.value for p in bad], "\n   ", out.replace("\n", " / "))
    res = {t: f"{k[t] / n[t] * 100:.1f} % ({k[t]}/{n[t]})" for t in sorted(n)}
    res["overall"] = f"{sum(k.values()) / sum(n.values()) * 100:.2f} %"
    res["controls altered"] = f"{altered}/{controls}"
    return res


def main() -> None:
    from tuning import people5

    print("tuning people5", rates(people5.generate(random.Random("5:people5"), 0), "--show" in sys.argv))


if __name__ == "__main__":
    main()
