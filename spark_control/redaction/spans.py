"""A detected piece of text: ``Span(start, end, type)``, what every detector returns; and the
case-insensitive scans the detectors share (``Folded``)."""

from __future__ import annotations

import heapq
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
    same spans: the twin over ``low`` (``text.lower()``) when the text folds safely (``foldable``),
    else the pattern over ``text``."""

    __slots__ = ("pattern", "twin", "any_text")

    def __init__(self, pattern: re.Pattern) -> None:
        self.pattern = pattern
        self.twin = lowercase_twin(pattern)
        # a pattern that spells non-ASCII letters itself keeps to ASCII text (ranges, special folds)
        self.any_text = pattern.pattern.isascii()

    def _folds(self, text: str) -> bool:
        return text.isascii() or (self.any_text and foldable(text))

    def finditer(self, text: str, low: str):
        return self.twin.finditer(low) if self._folds(text) else self.pattern.finditer(text)

    def search(self, text: str, low: str) -> re.Match | None:
        return self.twin.search(low) if self._folds(text) else self.pattern.search(text)

    def search_lower(self, low: str) -> re.Match | None:
        """A match in the lowercased text (a gate: is there anything to look for?)."""
        return (self.twin if low.isascii() else self.pattern).search(low)


def _special_folds() -> frozenset[str]:
    from re import _casefix  # letters IGNORECASE pairs beyond lower(): "ı" with "i", "ſ" with "s"

    return frozenset(chr(c) for k, vs in _casefix._EXTRA_CASES.items() for c in (k, *vs))


_SPECIAL_FOLDS = _special_folds()
_FOLDABLE: dict[str, bool] = {}


def _char_folds(c: str) -> bool:
    low = c.lower()
    return (
        len(low) == 1
        and not low.isascii()
        and c not in _SPECIAL_FOLDS
        and low not in _SPECIAL_FOLDS
        and c.isalnum() == low.isalnum()
        and c.isspace() == low.isspace()
    )


def foldable(text: str) -> bool:
    """Whether ``text.lower()`` has the same length and a lowercase twin finds the same spans in it
    as its case-insensitive pattern in ``text``: ASCII, or non-ASCII letters that lowercase one to
    one, stay non-ASCII and have no special case folds ("ı", "ſ", "K"). (Memo of the last texts:
    every scan of one document asks.)"""
    if text.isascii():
        return True
    hit = _FOLDABLE.get(text)
    if hit is None:
        if len(_FOLDABLE) > 64:
            _FOLDABLE.clear()
        hit = _FOLDABLE[text] = all(_char_folds(c) for c in set(text) if not c.isascii())
    return hit


# ---------------------------------------------------------------------- triggered scans
# A pattern that starts with an alternation of words ("assignee:", "logged in as", ...) is tried
# by the regex engine at every position of the text; most of its cost is failing there. Where
# every match must begin with one of a few short literal strings (read off the pattern itself),
# or at a line start, trying it only at those places finds the same matches, several times faster.
_HEAD = 3  # characters of literal prefix read off a pattern
_LINE = "\n^"  # a head that means "at the start of a line"


def _heads(items, n: int = _HEAD) -> set[tuple[str, bool]] | None:
    """What a match of the parsed sequence ``items`` can begin with: (string, exact) pairs, where
    exact means the sequence consumed exactly that string (shorter than ``n``); else the string is
    only a prefix of what it consumes. None: something unknown comes before anything literal."""
    from re import _constants as c

    out: set[tuple[str, bool]] = set()
    if not items:
        return {("", True)}
    (op, av), rest = items[0], items[1:]
    if op is c.LITERAL:
        first = {(chr(av), True)}
    elif op is c.IN:
        if any(o not in (c.LITERAL, c.RANGE) for o, _ in av):
            return {("", False)}
        chars = [chr(a) for o, a in av if o is c.LITERAL]
        for lo, hi in (a for o, a in av if o is c.RANGE):
            chars += map(chr, range(lo, hi + 1))
        if len(chars) > 12:
            return {("", False)}
        first = {(ch, True) for ch in chars}
    elif op is c.SUBPATTERN:
        if av[1] or av[2]:
            return {("", False)}  # scoped flags ("(?i:...)"): its literals may match other cases
        first = _heads(list(av[3]), n)
    elif op is c.BRANCH:
        first = set()
        for alt in av[1]:
            first |= _heads(list(alt), n)
    elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        lo, hi, body = av
        first = set()
        for k in range(min(lo, n), min(hi, n) + 1):
            first |= _heads(list(body) * k, n)
        if lo > n:
            first = {(s, False) for s, _ in first}
    elif op is c.AT:
        if av in (c.AT_BEGINNING, c.AT_BEGINNING_LINE, c.AT_BEGINNING_STRING):
            return {(_LINE, False)}
        first = {("", True)}  # \b, \B, $: zero-width
    elif op in (c.ASSERT, c.ASSERT_NOT):
        first = {("", True)}  # a lookaround only narrows where a match can be
    else:
        return {("", False)}
    for s, exact in first:
        if s == _LINE:
            out.add((s, False))
        elif exact and len(s) < n:
            out |= {((s + t)[:n], e and len(s + t) < n) for t, e in _heads(rest, n - len(s)) if t != _LINE}
            if any(t == _LINE for t, _ in _heads(rest, n - len(s))):
                return {("", False)}  # a line start after text: not worth reasoning about
        else:
            out.add((s[:n], False))
    return out


class Triggered:
    """A drop-in for ``Folded`` (``finditer(text, low)``, ``search(text, low)``) that tries the
    pattern only where a match can begin: at its literal heads (read off the pattern) and, when
    it has a "^" branch, at line starts. Case-insensitive patterns use their lowercase twin over
    ``low`` for ASCII text and scan the whole text otherwise; patterns whose matches can begin
    anywhere are refused (ValueError)."""

    __slots__ = ("pattern", "twin", "heads", "lines", "any_text")

    def __init__(self, pattern: re.Pattern) -> None:
        from re import _parser

        self.pattern = pattern
        self.twin = lowercase_twin(pattern) if pattern.flags & re.IGNORECASE else pattern
        self.any_text = pattern.pattern.isascii()
        heads = _heads(list(_parser.parse(self.twin.pattern, self.twin.flags)))
        self.lines = any(s == _LINE for s, _ in heads)
        self.heads = tuple(sorted({s for s, _ in heads if s != _LINE}))
        if "" in self.heads:
            raise ValueError(f"a match of {pattern.pattern[:40]!r} can begin anywhere")

    def _starts(self, s: str) -> list[int]:
        at: set[int] = set()
        for h in self.heads:
            i = s.find(h)
            while i != -1:
                at.add(i)
                i = s.find(h, i + 1)
        if self.lines:
            at.add(0)
            i = s.find("\n")
            while i != -1:
                at.add(i + 1)
                i = s.find("\n", i + 1)
        return sorted(at)

    def finditer(self, text: str, low: str | None = None):
        if self.twin is not self.pattern and not (text.isascii() or (self.any_text and foldable(text))):
            yield from self.pattern.finditer(text)
            return
        s = text if self.twin is self.pattern else (text.lower() if low is None else low)
        match, end = self.twin.match, 0
        for i in self._starts(s):
            if i < end:
                continue
            m = match(s, i)
            if m:
                if m.end() == i:  # an empty match: finditer's rules for those are subtle
                    yield from self.twin.finditer(s, end)
                    return
                end = m.end()
                yield m

    def search(self, text: str, low: str | None = None) -> re.Match | None:
        """The first match ``finditer`` would give, found lazily: the heads' next occurrences in a
        heap, tried leftmost first, so a gate that matches early reads only the text up to there
        (``finditer`` first collects every head's occurrences in the whole text)."""
        if self.twin is not self.pattern and not (text.isascii() or (self.any_text and foldable(text))):
            return self.pattern.search(text)
        s = text if self.twin is self.pattern else (text.lower() if low is None else low)
        heap = [(i, h) for h in self.heads if (i := s.find(h)) != -1]
        if self.lines:
            heap.append((0, _LINE))  # line starts: 0, then after every newline
        heapq.heapify(heap)
        match, last = self.twin.match, -1
        while heap:
            i, h = heap[0]
            if h == _LINE:
                j = s.find("\n", i)
                nxt = -1 if j == -1 else j + 1
            else:
                nxt = s.find(h, i + 1)
            if nxt == -1:
                heapq.heappop(heap)
            else:
                heapq.heapreplace(heap, (nxt, h))
            if i == last:
                continue  # two heads at one place: tried once
            last = i
            m = match(s, i)
            if m:
                if m.end() == i:  # an empty match: as finditer, leave it to the regex's own rules
                    return self.twin.search(s)
                return m
        return None


# ---------------------------------------------------------------------- scans shared within a text
# Several detectors run the same whole-text scan over the same text (the handle cues of
# detect_positions, detect_scored and detect_slots; the chat labels read twice; the capitalised
# runs of two company passes). ``scan`` keeps the matches of the last text seen, per pattern: the
# second caller gets the same match objects instead of a second pass. The memo is one
# (text, matches) pair replaced as a whole, so a caller in another thread with another text never
# reads these (it starts its own); keyed by the text object itself, which the memo keeps alive.
_SCANS: tuple[str | None, dict] = (None, {})


def scan(pattern, text: str, low: str | None = None) -> list[re.Match]:
    """``list(pattern.finditer(text))`` (``finditer(text, low)`` for ``Folded`` / ``Triggered``),
    remembered for the current text."""
    memo = _memo(text)
    hit = memo.get(pattern)
    if hit is None:
        hit = memo[pattern] = list(pattern.finditer(text) if low is None else pattern.finditer(text, low))
    return hit


def per_text(key: str, text: str) -> dict:
    """A dict for ``key``'s answers about the current text (same life as ``scan``'s matches): for
    per-line facts that several calls ask about one text."""
    memo = _memo(text)
    hit = memo.get(key)
    if hit is None:
        hit = memo[key] = {}
    return hit


def _memo(text: str) -> dict:
    """The current text's memo (a new one when the text is another object)."""
    global _SCANS
    memo = _SCANS
    if memo[0] is not text:
        memo = _SCANS = (text, {})
    return memo[1]


def forget_scans() -> None:
    """Drop the remembered scans (the scrubber calls it as a scrub starts: what is shared is shared
    within one scrub, never across requests, even for the same text object)."""
    global _SCANS
    _SCANS = (None, {})


# ---------------------------------------------------------------------- scans tried at a shared cue
# Several structured scans match a token that opens with one or two letters and then digits (NINO,
# IBAN, UK / Canadian postcodes, Eircodes): each opens with a look-behind, so the regex engine tries
# it at every position of the text. Every match of such a scan begins a few characters before a digit
# that follows a letter (detectors._LETTER_DIGIT): one cue scan, shared by all of them through
# ``scan``, finds those few places, and each pattern is tried only there.
class Cued:
    """A drop-in for ``Folded`` (``finditer(text, low)``) whose matches all begin ``k`` characters
    before a match of ``cue`` (a ``Folded`` scan of the lowercased text), for some ``k`` in
    ``back``: the pattern (its lowercase twin when case-insensitive) is tried only there, so it
    finds the same matches as ``finditer`` over the whole text (empty matches are refused: a
    pattern that can match the empty string is not for this). Text whose lowercased copy does not
    keep every offset (``foldable``) is scanned whole. That every match begins at a cue is the
    caller's claim, proved for each pattern where it is built."""

    __slots__ = ("pattern", "twin", "cue", "back", "any_text")

    def __init__(self, pattern: re.Pattern, cue: Folded, back: tuple[int, ...] = (0,)) -> None:
        if pattern.fullmatch(""):
            raise ValueError(f"{pattern.pattern[:40]!r} matches the empty string")
        self.pattern = pattern
        self.twin = lowercase_twin(pattern) if pattern.flags & re.IGNORECASE else pattern
        self.cue = cue
        self.back = back
        self.any_text = pattern.pattern.isascii() and cue.any_text

    def finditer(self, text: str, low: str):
        if not (text.isascii() or (self.any_text and foldable(text))):
            yield from self.pattern.finditer(text)
            return
        s = text if self.twin is self.pattern else low
        yield from matches_at(self.twin, s, {c.start() - k for c in scan(self.cue, text, low) for k in self.back})


def matches_at(pattern: re.Pattern, s: str, starts) -> list[re.Match]:
    """What ``pattern.finditer(s)`` gives when every match begins at one of ``starts`` (a superset:
    places where nothing matches cost one failed ``match`` each; negative ones are ignored): the
    leftmost match at or after the end of the previous one, as ``finditer`` takes them. Not for
    patterns that can match the empty string."""
    out: list[re.Match] = []
    match, end = pattern.match, 0
    for i in sorted(starts):
        if i < end:
            continue
        m = match(s, i)
        if m:
            end = m.end()
            out.append(m)
    return out
