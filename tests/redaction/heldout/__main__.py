"""Aggregate rates of the held-out sets: ``python -m tests.redaction.heldout``.

Each round of issue #13 writes a tuning module (``tuning/``) and a held-out twin here, built
another way (composed fragments, other word sources, other layouts). No rule is tuned on these:
they are read only as the totals this prints (per-type leak by ``corpus.leaked`` and controls
altered), never document by document. They were looked at as totals while rules changed, so
they are weaker evidence than the sealed corpus, which nobody reads at all."""

from __future__ import annotations

import collections
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from corpus import leaked  # noqa: E402

from spark_control.redaction.placeholders import SessionMap  # noqa: E402
from spark_control.redaction.scrubber import Scrubber  # noqa: E402
from tests.redaction.heldout import (  # noqa: E402
    companies5_heldout,
    controls4_heldout,
    handles5_heldout,
    people5_heldout,
)

# Each set with the seed its round measured it with.
SETS = {
    "people5": lambda: people5_heldout.generate(),
    "companies5": lambda: companies5_heldout.generate(random.Random("heldout:companies5"), 0),
    "handles5": lambda: handles5_heldout.generate(random.Random("heldout:mixed"), 0, "mixed"),
    "controls4": lambda: controls4_heldout.generate(random.Random("heldout:controls4"), 0),
}


def rates(docs: list, scrubber: Scrubber) -> dict:
    n, bad = collections.Counter(), collections.Counter()
    controls = altered = 0
    for d in docs:
        out = scrubber.scrub(d.text, SessionMap()).text
        if d.control:
            controls += 1
            altered += out != d.text
            continue
        n.update(p.type for p in d.pii)
        bad.update(p.type for p in leaked(d, out))
    res = {t: (bad[t], n[t]) for t in sorted(n)}
    res["all"] = (sum(bad.values()), sum(n.values()))
    res["controls altered"] = (altered, controls)
    return res


def main() -> None:
    s = Scrubber()
    for name, make in SETS.items():
        cells = [f"{k} {b / t:.1%} ({b}/{t})" for k, (b, t) in rates(make(), s).items() if t]
        print(f"{name:11s} " + " | ".join(cells))


if __name__ == "__main__":
    main()
