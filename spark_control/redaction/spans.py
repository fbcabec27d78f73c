"""A detected piece of text: ``Span(start, end, type)``, what every detector returns; and the
case-insensitive scans the detectors share (``Folded``)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str


def lowercase_twin(pattern: re.Pattern) -> re.Pattern:
    """``pattern`` lowercased and without IGNORECASE, for the lowercased copy of an ASCII text:
    there both find the same spans, and matching without case folding is 1.5-15x faster. Not for
    other text: case folding also pairs non-ASCII letters ("ſ" with "s"), and lowercasing may
    change a non-ASCII text's length. Refuses patterns whose lowercasing would change their
    meaning (upper-case escapes such as "not a space", scoped case flags)."""
    if (
        not pattern.flags & re.IGNORECASE
        or re.search(r"\\[A-Z]|\(\?[a-z]*-i", pattern.pattern)
        or any(name != name.lower() for name in pattern.groupindex)
    ):
        raise ValueError(f"no lowercase twin for {pattern.pattern[:40]!r}")
    # named groups keep their syntax: "(?P<num>" must not become "(?p<num>"
    twin = re.sub(r"(?<!\\)\(\?p([<=])", r"(?P\1", pattern.pattern.lower())
    return re.compile(twin, pattern.flags & ~re.IGNORECASE)


class Folded:
    """A case-insensitive pattern and its lowercase twin, scanned the fast way that gives the
    same spans: the twin over ``low`` (``text.lower()``) when the text is ASCII, else the pattern
    over ``text``."""

    __slots__ = ("pattern", "twin")

    def __init__(self, pattern: re.Pattern) -> None:
        self.pattern = pattern
        self.twin = lowercase_twin(pattern)

    def finditer(self, text: str, low: str):
        return self.twin.finditer(low) if text.isascii() else self.pattern.finditer(text)

    def search(self, text: str, low: str) -> re.Match | None:
        return self.twin.search(low) if text.isascii() else self.pattern.search(text)

    def search_lower(self, low: str) -> re.Match | None:
        """A match in the lowercased text (a gate: is there anything to look for?)."""
        return (self.twin if low.isascii() else self.pattern).search(low)
