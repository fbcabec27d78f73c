"""The fast scans of spans.py find exactly what the plain regex scans find (issue #13, speed)."""

from __future__ import annotations

import re

import pytest

from spark_control.redaction.spans import Folded, Triggered, foldable

TEXTS = [
    "assignee: jdoe\nReviewed-by: Kowalski_M\n  42  opatel\nlogged in as m.tan88",
    "Ticket 4411 — owner=renée.dubois, watchers: ÇAĞLA, okonkwo.c",
    "ping Zoë about it; user guest2 was locked --author=xliu",
    "İstanbul office: ılık, ſtreet and the K sign",
    "",
    "no cue at all here",
]


@pytest.mark.parametrize(
    ("text", "folds"),
    [("plain ascii", True), ("Renée Dubois – Zoë’s", True), ("ılık", False), ("İstanbul", False), ("ſ", False)],
)
def test_foldable(text: str, folds: bool) -> None:
    assert foldable(text) is folds


def test_folded_matches_the_pattern_on_non_ascii_text() -> None:
    rx = re.compile(r"\b(?:owner|watchers?)[ \t]*[:=][ \t]*([a-zà-ÿç]\w+)", re.IGNORECASE)
    for text in TEXTS:
        assert [m.span(1) for m in Folded(rx).finditer(text, text.lower())] == [m.span(1) for m in rx.finditer(text)]


@pytest.mark.parametrize(
    "pattern",
    [
        re.compile(r"\b(?:assignee|owner|user)[ \t]*[:=][ \t]*(\w[\w.]+)", re.IGNORECASE),
        re.compile(r"^[ \t]+\d+[ \t]+(\w+)|--author=(\w+)|\blogged in as ([^\s]+)", re.IGNORECASE | re.M),
        re.compile(r"Reviewed-by: (\w+)"),
    ],
)
def test_triggered_finds_what_finditer_finds(pattern: re.Pattern) -> None:
    t = Triggered(pattern)
    for text in TEXTS + [s.upper() for s in TEXTS]:
        want = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        got = [(m.span(), m.groups()) for m in t.finditer(text, text.lower())]
        assert [s for s, _ in got] == [s for s, _ in want]
        assert (t.search(text, text.lower()) is None) == (not want)


@pytest.mark.parametrize("source", [r"\w+@\w+", r"(?i:owner): (\w+)", r"a|\d+"])
def test_triggered_refuses_patterns_that_can_start_anywhere(source: str) -> None:
    with pytest.raises(ValueError):
        Triggered(re.compile(source))
