"""Speed work must not change what the scrubber detects (issue #13).

``speed_golden.json`` pins, per case, a digest of the scrub output (scrubbed text, entities and
the session map after the scrub) on the tuning corpus without the area extras. It was generated
by the code before the speed work. A change that is meant to change detection regenerates it and
says so in its commit:

    python -m tests.redaction.test_speed --regenerate

a speed change must leave it as it is.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from spark_control.redaction.placeholders import SessionMap
from spark_control.redaction.scrubber import Scrubber

GOLDEN = Path(__file__).with_name("speed_golden.json")
SEED, DOCS, SESSION_DOCS, LONG_TEXTS = 7, 700, 3, 60


def cases() -> list[tuple[str, list[str]]]:
    """(case id, texts scrubbed in order into one session): the corpus documents in sessions of
    three (the first scrub of each starts empty, the next ones propagate what the session knows),
    and ~1 KB texts of consecutive documents (several styles in one text, as the benchmark uses)."""
    from corpus import generate

    docs = generate(DOCS, seed=SEED, extras=False)
    out = [(f"session-{i}", [d.text for d in docs[i : i + SESSION_DOCS]]) for i in range(0, len(docs), SESSION_DOCS)]
    cur, k = "", 0
    for d in docs:
        cur = (cur + "\n\n" + d.text).strip()
        if len(cur) >= 1000:
            out.append((f"long-{k}", [cur[:1100]]))
            cur, k = "", k + 1
            if k == LONG_TEXTS:
                break
    return out


def digest(scrubber: Scrubber, texts: list[str]) -> str:
    smap = SessionMap()
    h = hashlib.sha256()
    for text in texts:
        r = scrubber.scrub(text, smap)
        h.update(json.dumps([r.text, r.entities], ensure_ascii=False).encode())
    h.update(json.dumps(smap.to_json(), ensure_ascii=False, sort_keys=True).encode())
    return h.hexdigest()


def outputs(scrubber: Scrubber) -> dict[str, str]:
    return {cid: digest(scrubber, texts) for cid, texts in cases()}


def test_detection_output_unchanged(scrubber: Scrubber) -> None:
    want = json.loads(GOLDEN.read_text())
    got = outputs(scrubber)
    assert got.keys() == want.keys()
    changed = [cid for cid in want if got[cid] != want[cid]]
    assert not changed, f"{len(changed)} of {len(want)} scrub outputs changed: {changed[:20]}"


if __name__ == "__main__":
    if sys.argv[1:] != ["--regenerate"]:
        sys.exit(__doc__)
    sys.path.insert(0, str(Path(__file__).parent))
    GOLDEN.write_text(json.dumps(outputs(Scrubber()), indent=0) + "\n")
    print(f"written: {GOLDEN}")
