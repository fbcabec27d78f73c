"""Held-out real-text controls for the controls5 round (issue #13): NOT tuning data. Passages cut
by ``realtext/build.py`` from OTHER files than ``tuning/controls5.py`` (each man page, README,
licence, module or package goes to one set only), read only as the aggregate "controls altered"
rate, never passage by passage."""

from __future__ import annotations

import random
from pathlib import Path

from tuning.controls5 import load

DATA = Path(__file__).parent.parent / "realtext" / "controls5_heldout.json"


def generate(rng: random.Random | None = None, start_id: int = 0) -> list:
    docs = load(DATA)
    for d in docs:
        d.id += start_id
    return docs
