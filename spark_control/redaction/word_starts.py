"""Window searches tried only where a word starts (issue #13, speed, tenth round).

Many cue patterns are searched in a short window before a candidate ("hi ", "signed with ",
"12 Calle "): ``pattern.search(text, lo, hi)``. A pattern that opens with ``\\b`` and a word
character gives ``re`` no first character to skip to, so the search tries the whole alternation
at every position of the window. Every match of such a pattern starts where a word starts (a
``\\b`` followed by a word character), so matching there only is the same test: ``re`` treats
``\\b``, look-behinds and ``^`` at ``pos`` by the characters before it, and ``$`` at ``endpos``,
the same way in ``search`` and in ``match``. Only patterns checked by ``starts_at_words`` are
used this way (``tests/redaction/test_speed10c.py`` compares the two over the tuning corpus)."""

from __future__ import annotations

import re
from re import _parser as sre_parse  # type: ignore[attr-defined]

_WORD_START = re.compile(r"\b\w")


def search_at_words(pattern: re.Pattern, text: str, pos: int, endpos: int) -> bool:
    """``pattern.search(text, pos, endpos) is not None`` for a pattern every match of which
    starts where a word starts (``starts_at_words``)."""
    match = pattern.match
    for m in _WORD_START.finditer(text, pos, endpos):
        if match(text, m.start(), endpos) is not None:
            return True
    return False


def starts_at_words(pattern: re.Pattern) -> bool:
    """Does every match of ``pattern`` open with ``\\b`` and a word character? Read off the parsed
    pattern: ``\\b`` first in every branch, then (past ``^`` and look-behinds, which consume
    nothing) a letter, a digit or ``\\w`` in every branch. Conservative: False when unsure."""
    if pattern.flags & re.ASCII or not isinstance(pattern.pattern, str):
        return False  # an ASCII \b is not the word start ``_WORD_START`` finds
    return _opens(list(sre_parse.parse(pattern.pattern, pattern.flags)), boundary=False)


def _opens(items: list, boundary: bool) -> bool:
    i = 0
    while i < len(items):
        op, av = items[i]
        name = str(op)
        if name == "AT":
            if str(av) == "AT_BOUNDARY":
                boundary = True
            elif str(av) not in ("AT_BEGINNING", "AT_BEGINNING_LINE"):
                return False
            i += 1
            continue
        if name == "ASSERT" and av[0] == -1:  # a look-behind: consumes nothing
            i += 1
            continue
        if name == "SUBPATTERN":
            sub = list(av[-1])
            return _opens(sub + items[i + 1 :], boundary) if sub else False
        if name == "BRANCH":
            return all(_opens(list(b) + items[i + 1 :], boundary) for b in av[1])
        if not boundary:
            return False
        if name == "LITERAL":
            return chr(av).isalnum() or chr(av) == "_"
        if name == "IN":
            return all(_word_class(o, a) for o, a in av)
        if name in ("MAX_REPEAT", "MIN_REPEAT"):
            lo, _hi, sub = av
            return lo >= 1 and _opens(list(sub), boundary)
        return False
    return False


def _word_class(op, av) -> bool:
    name = str(op)
    if name == "LITERAL":
        return chr(av).isalnum() or chr(av) == "_"
    if name == "RANGE":
        return all(chr(c).isalnum() for c in (av[0], av[1])) and (
            (av[0] >= ord("a") and av[1] <= ord("z"))
            or (av[0] >= ord("A") and av[1] <= ord("Z"))
            or (av[0] >= ord("0") and av[1] <= ord("9"))
        )
    if name == "CATEGORY":
        return str(av) in ("CATEGORY_WORD", "CATEGORY_DIGIT")
    return False
