"""Build ``name_shape.tsv.gz``, the weights of the name-shape scorer (``name_shape.py``).

Build-time only; deterministic (sorted output, gzip without a timestamp), from files the project
ships: positives are the gazetteer's given and family names that are no dictionary word
(``names.tsv.gz``, every country) and the hand-written ``names_extra.txt``; negatives are English
words (``words.txt.gz`` and the gazetteer's dictionary words) and their common inflections.
Naive Bayes: per n-gram, log P(gram | name) - log P(gram | word), each token counted once.

Run:  python spark_control/redaction/data/build_name_shape.py
then paste the printed SHA-256 into ``name_shape.SHA256``."""

from __future__ import annotations

import collections
import gzip
import hashlib
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[2]))

from spark_control.redaction.name_shape import DATA, features, fold  # noqa: E402
from spark_control.redaction.ngram_model import build_weights  # noqa: E402

MIN_COUNT = 5  # an n-gram seen fewer times in all examples gets no weight
SUFFIXES = ("s", "ed", "ing", "er", "ly")


def load() -> tuple[set[str], set[str]]:
    names: set[str] = set()
    words = set(gzip.open(HERE / "words.txt.gz", "rt", encoding="utf-8").read().split())
    with gzip.open(HERE / "names.tsv.gz", "rt", encoding="utf-8") as f:
        for line in f:
            tok, kinds, zipf, dict_word, rank = line.rstrip("\n").split("\t")
            if dict_word == "1":
                words.add(tok)
            elif len(tok) >= 2:
                names.add(tok)
    for line in (HERE / "names_extra.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            names.add(line.split("\t")[0])
    words = {w for w in words if w.isalpha()}
    words |= {w + s for w in list(words) if len(w) >= 4 for s in SUFFIXES}  # inflections: "reviewed"
    names = {fold(n) for n in names}
    words = {fold(w) for w in words} - names
    return names, words


def main() -> None:
    names, words = load()
    counts = (collections.Counter(), collections.Counter())
    for w in sorted(words):
        counts[0].update(set(features(w)))
    for n in sorted(names):
        counts[1].update(set(features(n)))
    raw, grams = build_weights(counts, MIN_COUNT, lambda g: True)
    DATA.write_bytes(raw)
    print(f"{DATA.name}: {grams} n-grams from {len(names)} names, {len(words)} words; {len(raw)} bytes")
    print("SHA256 =", hashlib.sha256(raw).hexdigest())


if __name__ == "__main__":
    main()
