"""Tenth speed round (issue #13, branch r-speed10c): window searches tried only at word starts
(``word_starts.search_at_words``), the folded ``_FIRM_HINT`` gate and the list-separator test of
``name_shape`` answer what the plain scans answer."""

import random
import re

import pytest

from spark_control.redaction import companies, name_shape, names, public
from spark_control.redaction.word_starts import search_at_words, starts_at_words

USED = [
    companies._COINED_BEFORE,
    companies._FIRM_OBJECT,
    companies._ROLE5_BEFORE,
    companies._COMMERCE_BEFORE,
    public._PERSON_BEFORE,
    public._PLACE_CUE,
]
NOISE = ["ſ", "K", "İ", "ı", "ß", "é", "’", "\n", "\t", ",", ".", " ", "-", "_", "3", "😀", "The ", "HI "]


def _texts() -> list[str]:
    from corpus import generate

    rng = random.Random(10)
    out = []
    for d in generate(seed=7)[::10]:
        t = d.text
        out += [t, t.lower(), t.upper()]
        chars = list(t)
        for _ in range(8):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(NOISE))
        out.append("".join(chars))
    return out


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


def test_the_used_patterns_start_at_words() -> None:
    assert all(starts_at_words(p) for p in USED)


@pytest.mark.parametrize(
    "pattern",
    [r"(?<!\w)hi", r"\b\.x", r"x\b", r"\b(?:hi|\.x)", r"\b(?:hi)?x", r"(?:\bhi|ho)", r"\b(?=a)x", r"\b[^a]x"],
)
def test_patterns_that_may_start_elsewhere_are_refused(pattern: str) -> None:
    assert not starts_at_words(re.compile(pattern))
    assert not starts_at_words(re.compile(r"\bhi", re.ASCII))


def test_search_at_words_is_the_search(texts: list[str]) -> None:
    every = [
        v
        for mod in (companies, public, names)
        for v in vars(mod).values()
        if isinstance(v, re.Pattern) and starts_at_words(v)
    ]
    assert len(every) >= 20
    rng = random.Random(3)
    for t in texts:
        for p in every:
            for _ in range(4):
                hi = rng.randrange(len(t) + 1)
                lo = max(0, hi - rng.choice((8, 24, 40, 64, 200)))
                assert search_at_words(p, t, lo, hi) == (p.search(t, lo, hi) is not None), (p.pattern[:40], t, lo, hi)
        for p in USED:  # every end of a word, where the detectors ask
            for m in re.finditer(r"\w+", t):
                lo = max(0, m.start() - 60)
                assert search_at_words(p, t, lo, m.start()) == (p.search(t, lo, m.start()) is not None)


def test_folded_firm_hint_is_the_hint(texts: list[str]) -> None:
    for t in texts:
        for piece in (t, t[: len(t) // 3], t[len(t) // 2 :]):
            got = companies._FIRM_HINT_F.search(piece, piece.lower()) is not None
            assert got == (companies._FIRM_HINT.search(piece) is not None)


def test_list_separator_opens_with_a_space_a_tab_or_a_comma() -> None:
    rng = random.Random(5)
    alphabet = [" ", "\t", ",", "and", "&", "x", "\n", "an"]
    for _ in range(20000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 6)))
        if name_shape._LIST_SEP.fullmatch(s):
            assert s[:1] in (" ", "\t", ",")
