"""A learned answer to "is this token a person's handle?" (issue #13, fourth round).

Hand rules for handle shapes fit the templates they were written against; this scorer instead
learns the letter patterns of handles made from names of every country (``rkaur``, ``osei.k``,
``lindqvist_e``, ``jun.zhang2003``, ``b4rt0sz``) against ordinary words and the tokens of
software and logs (``rebase``, ``nginx-ingress``, ``build-01``, ``v2.3.1``, ``a1b2c3d``). It is a
naive Bayes model over character n-grams: per n-gram, the log ratio of its frequency in handles
and in non-handles. ``score`` is the mean log ratio of a token's n-grams (0 = undecided, > 0
handle-like). The weights are built by ``data/build_handle_model.py`` (deterministic, from the
shipped gazetteer and word list) and pinned by SHA-256 below."""

from __future__ import annotations

import re
from pathlib import Path

from spark_control.redaction.ngram_model import NgramModel

DATA = Path(__file__).with_name("data") / "handle_ngrams.tsv.gz"
SHA256 = "91241ff2e1fd164083ddb625eb8ee6b7cee32621864e120d42d2a710077743e4"
ORDERS = (2, 3, 4)
_DIGITS = re.compile(r"\d+")
_SEPS = re.compile(r"[._\-]+")


def features(tok: str) -> list[str]:
    """Character n-grams of the token, digit runs folded to one "0" and separators to "_" (so
    "jdoe42" and "jdoe1987" share their n-grams), plus three shape features."""
    t = _SEPS.sub("_", _DIGITS.sub("0", tok.lower()))
    s = f"^{t}$"
    out = [s[i : i + n] for n in ORDERS for i in range(len(s) - n + 1)]
    letters = len(re.sub(r"[^a-z]", "", t))
    out.append(f"#len{min(letters, 12)}")
    if "0" in t:
        out.append("#digit")
    if "_" in t:
        out.append("#sep")
    return out


MODEL = NgramModel(DATA, SHA256, features, "build_handle_model.py")
weights = MODEL.weights
score = MODEL.score  # mean log ratio (handle vs not) of the token's n-grams; unseen n-grams count 0
