"""Digit gates (gates.py) skip only scans that could not have matched: with the gates on and off
the structured detectors and the residual re-scan give the same spans, on tuning-corpus texts of
other seeds (as written, lowercased, uppercased, and cut into short pieces) and on random strings
built around the gates' thresholds (issue #13, speed)."""

from __future__ import annotations

import random

import pytest

from spark_control.redaction import detectors
from spark_control.redaction.gates import digit_count

FUNCS = (detectors.detect_structured, detectors.detect_high_risk)


def _texts() -> list[str]:
    from corpus import generate

    rng = random.Random(11)
    out = []
    for seed in (11, 23):
        for d in generate(150, seed=seed, extras=False):
            for t in (d.text, d.text.lower(), d.text.upper()):
                out.append(t)
                a = rng.randrange(len(t))
                out.append(t[a : a + rng.randint(5, 80)])  # short pieces: where the gates fire
    # around the thresholds: 6-14 digits in card, SSN, sort code, NINO, account and phone shapes
    words = ["ssn", "account no", "sort code", "routing", "NI", "call", "tel:", "card", "@", "x.io", "Ünïcode", "٣"]
    for _ in range(1500):
        parts = []
        for _ in range(rng.randint(1, 6)):
            if rng.random() < 0.5:
                parts.append(rng.choice(words))
            else:
                groups = [str(rng.randrange(10 ** rng.randint(1, 4))) for _ in range(rng.randint(1, 4))]
                parts.append(rng.choice(["-", " ", ".", ""]).join(groups))
        out.append(" ".join(parts))
    return out


def test_digit_count_is_what_backslash_d_matches() -> None:
    import re

    for t in ("", "abc", "a1b22", "٣٤ and 12", "x²³ 4", "１２"):
        assert digit_count(t) == len(re.findall(r"\d", t))


@pytest.mark.parametrize("func", FUNCS, ids=lambda f: f.__name__)
def test_gates_change_no_span(func, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _texts()
    gated = [func(t) for t in texts]
    monkeypatch.setattr(detectors, "digit_count", lambda t: 10**9)  # every gate open
    ungated = [func(t) for t in texts]
    diff = [t for t, a, b in zip(texts, gated, ungated, strict=True) if a != b]
    assert not diff, diff[:3]
    assert sum(map(len, ungated)) > 100  # the check saw spans of its own
