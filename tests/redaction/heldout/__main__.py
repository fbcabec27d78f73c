"""Aggregate rates of the held-out sets: ``python -m tests.redaction.heldout``.

Each round of issue #13 writes a tuning module (``tuning/``) and a held-out twin here, built
another way (composed fragments, other word sources, other layouts). No rule is tuned on these:
they are read only as the totals this prints (per-type leak by ``corpus.leaked`` and controls
altered), never document by document. They were looked at as totals while rules changed, so
they are weaker evidence than the sealed corpus, which nobody reads at all."""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from corpus import tally  # noqa: E402

from spark_control.redaction.scrubber import Scrubber  # noqa: E402
from tests.redaction.heldout import (  # noqa: E402
    companies5_heldout,
    companies6_heldout,
    companies7_heldout,
    companies8_heldout,
    controls4_heldout,
    controls5_heldout,
    foreign8_heldout,
    handles5_heldout,
    handles6_heldout,
    handles7_heldout,
    handles8_heldout,
    handles9_heldout,
    ner6_heldout,
    people5_heldout,
    small9_heldout,
    wordnames8_heldout,
)

# Each set with the seed its round measured it with.
SETS = {
    "people5": lambda: people5_heldout.generate(),
    "companies5": lambda: companies5_heldout.generate(random.Random("heldout:companies5"), 0),
    "companies6": lambda: companies6_heldout.generate(random.Random("heldout:companies6"), 0),
    "companies7": lambda: companies7_heldout.generate(random.Random("heldout:companies7"), 0),
    "handles5": lambda: handles5_heldout.generate(random.Random("heldout:mixed"), 0, "mixed"),
    "handles6": lambda: handles6_heldout.generate(random.Random("heldout:handles6"), 0),
    "controls4": lambda: controls4_heldout.generate(random.Random("heldout:controls4"), 0),
    "ner6": lambda: ner6_heldout.generate(random.Random("heldout:ner6"), 0),
    "controls5": lambda: controls5_heldout.generate(),
    "handles7": lambda: handles7_heldout.generate(random.Random("heldout:handles7"), 0),
    "handles8": lambda: handles8_heldout.generate(random.Random("heldout:handles8"), 0),
    "foreign8": lambda: foreign8_heldout.generate(random.Random("heldout:foreign8"), 0),
    "companies8": lambda: companies8_heldout.generate(random.Random("heldout:companies8"), 0),
    "wordnames8": lambda: wordnames8_heldout.generate(random.Random("heldout:wordnames8"), 0),
    "handles9": lambda: handles9_heldout.generate(random.Random("heldout:handles9"), 0),
    "small9": lambda: small9_heldout.generate(random.Random("heldout:small9"), 0),
}


def main() -> None:
    s = Scrubber()
    only = set(sys.argv[1:])  # optional set names: read only those
    for name, make in SETS.items():
        if only and name not in only:
            continue
        t = tally(make(), s)
        rows = {k: (t.leaks[k], t.total[k]) for k in sorted(t.total)}
        rows["all"] = (sum(t.leaks.values()), sum(t.total.values()))
        rows["controls altered"] = (t.altered, t.controls)
        cells = [f"{k} {b / n:.1%} ({b}/{n})" for k, (b, n) in rows.items() if n]
        print(f"{name:11s} " + " | ".join(cells))


if __name__ == "__main__":
    main()
