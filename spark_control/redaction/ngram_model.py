"""A naive Bayes model over character n-grams: the one shape behind the handle scorer
(``handle_score.py``) and the name-shape scorer (``name_shape.py``).

Per n-gram the weight is the log ratio of its frequency in the positive and the negative examples
(add-one smoothed, each token counted once); a token's score is the mean weight of its n-grams
(0 = undecided, > 0 = like the positives). The weights are built by a deterministic script under
``data/`` (``build_weights``), stored gzipped as ``gram<TAB>weight*100`` lines and pinned by
SHA-256: a file that does not match is refused, not half-trusted."""

from __future__ import annotations

import collections
import gzip
import hashlib
import io
import math
from collections.abc import Callable
from pathlib import Path

from spark_control.redaction.lexicon import remembered


class NgramModel:
    def __init__(self, data: Path, sha256: str, features: Callable[[str], list[str]], build: str) -> None:
        self.data, self.sha256, self.features, self.build = data, sha256, features, build
        self._weights: dict[str, float] | None = None
        self._memo: dict[str, float] = {}

    def weights(self) -> dict[str, float]:
        if self._weights is None:
            raw = self.data.read_bytes()
            if hashlib.sha256(raw).hexdigest() != self.sha256:
                raise RuntimeError(f"{self.data.name}: SHA-256 mismatch (rebuild with data/{self.build})")
            out: dict[str, float] = {}
            for line in gzip.decompress(raw).decode("utf-8").splitlines():
                gram, w = line.split("\t")
                out[gram] = int(w) / 100
            self._weights = out
        return self._weights

    def score(self, tok: str) -> float:
        """Mean log ratio of the token's n-grams; unseen n-grams count 0."""
        return remembered(self._memo, tok, self._score, 50_000)

    def _score(self, tok: str) -> float:
        w = self.weights()
        feats = self.features(tok)
        return sum(w.get(f, 0.0) for f in feats) / len(feats) if feats else 0.0


def build_weights(counts: tuple[collections.Counter, collections.Counter], min_count: int, keep) -> tuple[bytes, int]:
    """The gzipped weights file from n-gram counts of (negatives, positives): n-grams seen fewer
    than ``min_count`` times in all get no weight, weights are clamped to +-5 and those under 0.1
    in size dropped; ``keep(gram)`` filters what the file may hold. Returns the file's bytes
    (deterministic) and how many n-grams it holds."""
    tot = [sum(c.values()) for c in counts]
    grams = sorted(g for g in set(counts[0]) | set(counts[1]) if counts[0][g] + counts[1][g] >= min_count)
    v = len(grams)
    lines = []
    for g in grams:
        w = math.log((counts[1][g] + 1) / (tot[1] + v)) - math.log((counts[0][g] + 1) / (tot[0] + v))
        q = max(-500, min(500, round(w * 100)))
        if abs(q) >= 10 and "\t" not in g and "\n" not in g and keep(g):
            lines.append(f"{g}\t{q}")
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(("\n".join(lines) + "\n").encode("utf-8"))
    return buf.getvalue(), len(lines)
