"""A fifth set of PII-free controls (issue #13: controls altered <= 3 %), this time of REAL text
nobody here wrote: ~600-character passages of man pages, READMEs in /usr/share/doc, licence
texts, Python standard-library docstrings and package descriptions (site-packages METADATA),
copied into ``realtext/controls5.json`` by ``realtext/build.py`` (free-software documentation;
each passage names its source). Real prose has the look-alikes templates miss: capitalised words
at line starts and in titles, product and project names, CamelCase and snake_case identifiers,
options ("--ignore-dir"), calls ("getdoc()"), markup, terms of art.

Passages with an "@", a URL, or a copyright/author/credits line are left out, and so are those
where a real person is named (those names are right to redact). ``generate(rng, start_id)``
returns every passage as a control (``pii=[]``), ``doc.kind`` = ``control5:<source kind>``."""

from __future__ import annotations

import json
import random
from pathlib import Path

from corpus import Doc

DATA = Path(__file__).parent.parent / "realtext" / "controls5.json"


def load(path: Path) -> list[Doc]:
    items = json.loads(path.read_text("utf-8"))
    return [
        Doc(i, f"control5:{it['src'].split(':', 1)[0]}", "en", it["text"], [], control=True)
        for i, it in enumerate(items)
    ]


def generate(rng: random.Random, start_id: int) -> list[Doc]:
    docs = load(DATA)
    for d in docs:
        d.id += start_id
    return docs
