"""A detected piece of text: ``Span(start, end, type)``, what every detector returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str
