"""Cheap facts about a text that prove a scan cannot match it (issue #13, speed).

A scan that needs N digits (a card number 13, an SSN 9, a phone 7) is skipped when the text has
fewer. The gate is read off the pattern, never guessed: a skipped scan would have found nothing.
On ~1 KB texts that join several messages almost every text has enough digits, so the gates pay
on short texts (single chat turns, the corpus documents), not on the 1 KB benchmark set."""

from __future__ import annotations

_ASCII_DIGITS = "0123456789"


def digit_count(text: str) -> int:
    """How many characters ``\\d`` matches in ``text`` (Unicode decimal digits, category Nd)."""
    if text.isascii():
        return sum(map(text.count, _ASCII_DIGITS))  # ten C scans instead of a Python loop
    return sum(map(str.isdecimal, text))


# digits a match needs, read off each pattern in detectors.py
CARD_DIGITS = 13  # _CARD: \d(?:[ \-.]?\d){12,18}
SSN_DIGITS = 9  # _SSN: \d\d{2}-\d{2}-\d{4}; _SSN_CTX, _ROUTING_CTX: (\d{9})
PHONE_DIGITS = 7  # _phones keeps a match only with 7-15 digits
SIX_DIGITS = 6  # _NINO: [A-Z]{2}\d{2}\d{2}\d{2}[A-Z]; _SORT: \d\d-\d{2}-\d{2}; _ACCOUNT_CTX: \d(?:[ -]?\d){5,19}
