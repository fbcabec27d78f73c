"""Extra tuning documents, one module per detection area (``phones.py``, ``addresses.py``...).

Each module here defines ``generate(rng: random.Random, start_id: int) -> list[corpus.Doc]``
and draws only on its own word lists and templates (never on ``tests/redaction/sealed/``, which
no rule is tuned against). ``corpus.generate`` appends what every module returns, in module-name
order, so each area can grow the tuning corpus without touching the others' files. Held-out
sets, which no rule is tuned on, live in ``tests/redaction/heldout/``.
"""

from __future__ import annotations

import importlib
import pkgutil
import random


def extra_docs(seed: int, start_id: int) -> list:
    docs: list = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        rng = random.Random(f"{seed}:{info.name}")
        docs += module.generate(rng, start_id + len(docs))
    return docs
