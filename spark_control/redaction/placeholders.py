"""Placeholders ``[TYPE_n]``: the per-session map, tolerant matching of what LLMs do to them,
rehydration (whole text or streamed chunk by chunk). Pure functions and plain data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Entity types, in the order overlap resolution prefers them (earlier wins a tie).
TYPES = (
    "LITERAL",  # text in the input that already looks like one of our placeholders
    "EMAIL",
    "URL",
    "IBAN",
    "CARD",
    "SSN",
    "NINO",
    "IP",
    "ROUTING",
    "SORT_CODE",
    "ACCOUNT",
    "PHONE",
    "DOB",
    "ADDRESS",
    "POSTCODE",
    "USERNAME",
    "COMPANY",
    "PERSON",
)

_TYPE_ALT = "|".join(sorted((t.replace("_", "[_ ]?") for t in TYPES), key=len, reverse=True))
# [PERSON_1], [person_1], PERSON_1, [PERSON 1], Person 1, {PERSON_1}, (PERSON-1), <PERSON_1>, PERSON1
TOLERANT = re.compile(
    r"(?P<open>[\[{(<]\s*)?(?<![A-Za-z0-9])(?P<type>"
    + _TYPE_ALT
    + r")[_\s-]?(?P<num>\d{1,6})(?!\d)(?P<close>\s*[\]})>])?",
    re.IGNORECASE,
)
# a look-alike glued to the word before it ("32Iban 1"): not read as a placeholder where it stands,
# but it would be once a detected value before it is replaced ("[IBAN_2]Iban 1"), so the
# scrubber reserves its number too
GLUED = re.compile(r"(?<=[A-Za-z0-9])(?P<type>" + _TYPE_ALT + r")[_\s-]?(?P<num>\d{1,6})(?!\d)", re.IGNORECASE)
# cheap pre-check (no optional leading group, so the regex engine can skip ahead by first letter)
TOLERANT_HINT = re.compile(r"(?<![A-Za-z0-9])(?:" + _TYPE_ALT + r")[_\s-]?\d", re.IGNORECASE)
CANONICAL = re.compile(r"\[(?P<type>[A-Z_]+?)_(?P<num>\d+)\]")
_MAX_PLACEHOLDER = 48  # longest tail the stream rehydrator may hold back


def canonical(type_: str, n: int) -> str:
    return f"[{type_}_{n}]"


def _norm_type(raw: str) -> str:
    t = re.sub(r"[\s_]+", "", raw).upper()
    for known in TYPES:
        if known.replace("_", "") == t:
            return known
    return t


@dataclass
class SessionMap:
    """One session's placeholder map. ``by_placeholder`` keeps the exact surface form, so
    rehydrating the scrubbed text gives back the input byte for byte."""

    by_placeholder: dict[str, str] = field(default_factory=dict)  # "[PERSON_1]" -> "Siobhan"
    types: dict[str, str] = field(default_factory=dict)  # "[PERSON_1]" -> "PERSON"
    by_value: dict[str, str] = field(default_factory=dict)  # "PERSON\x00Siobhan" -> "[PERSON_1]"
    counters: dict[str, int] = field(default_factory=dict)
    reserved: set[str] = field(default_factory=set)  # placeholder-like text seen in inputs: never allocated

    def placeholder_for(self, type_: str, value: str) -> str:
        key = f"{type_}\x00{value}"
        ph = self.by_value.get(key)
        if ph is None:
            n = self.counters.get(type_, 0) + 1
            while canonical(type_, n) in self.reserved:
                n += 1
            self.counters[type_] = n
            ph = canonical(type_, n)
            self.by_placeholder[ph] = value
            self.types[ph] = type_
            self.by_value[key] = ph
        return ph

    def values_of(self, type_: str) -> list[str]:
        return [v for ph, v in self.by_placeholder.items() if self.types[ph] == type_]

    def to_json(self) -> dict:
        return {
            "entries": [[ph, self.types[ph], v] for ph, v in self.by_placeholder.items()],
            "counters": self.counters,
            "reserved": sorted(self.reserved),
        }

    @classmethod
    def from_json(cls, data: dict) -> SessionMap:
        m = cls(
            counters={k: int(v) for k, v in data.get("counters", {}).items()}, reserved=set(data.get("reserved", []))
        )
        for ph, type_, value in data.get("entries", []):
            m.by_placeholder[ph] = value
            m.types[ph] = type_
            m.by_value[f"{type_}\x00{value}"] = ph
        return m


@dataclass
class RehydrateResult:
    text: str
    unresolved: list[str]


def rehydrate(text: str, smap: SessionMap) -> RehydrateResult:
    """Replace every placeholder form the map knows; report bracketed/underscored ones it does not."""
    unresolved: list[str] = []

    def sub(m: re.Match) -> str:
        type_ = _norm_type(m.group("type"))
        ph = canonical(type_, int(m.group("num")))
        value = smap.by_placeholder.get(ph)
        if value is None:
            explicit = m.group("open") or m.group("close") or "_" in m.group(0) or m.group("type").isupper()
            if explicit and ph not in unresolved and ph not in smap.reserved:
                unresolved.append(ph)
            return m.group(0)
        opened, closed = m.group("open"), m.group("close")
        # keep a bracket the LLM added on one side only (it belongs to the surrounding text)
        if opened and not closed:
            return opened + value
        if closed and not opened:
            return value + closed
        return value

    return RehydrateResult(TOLERANT.sub(sub, text), unresolved)


_TYPE_WORDS = [t.lower() for t in TYPES]


def _could_be_placeholder_prefix(tail: str) -> bool:
    """True when ``tail`` might still grow into (or extend) a placeholder."""
    s = tail
    i = 0
    if i < len(s) and s[i] in "[{(<":
        i += 1
        while i < len(s) and s[i] == " ":
            i += 1
    j = i
    while j < len(s) and (s[j].isalpha() or s[j] in "_ "):
        j += 1
    word = s[i:j]
    rest = s[j:]
    letters = re.sub(r"[\s_]+", "", word).lower()
    if not rest:
        if not letters:
            return i > 0  # a lone "[" at the end
        if s[i:j] != s[i:j].lstrip():
            return False
        # a prefix of a type name, possibly followed by a separator
        return any(t.replace("_", "").startswith(letters) for t in _TYPE_WORDS) and not re.search(r"\s{2,}", word)
    if not any(t.replace("_", "") == letters for t in _TYPE_WORDS):
        return False
    m = re.fullmatch(r"[-]?(\d{1,6})?(\s*[\]})>])?", rest)
    if not m:
        return False
    return m.group(2) is None  # closed: complete, nothing more can attach


class StreamRehydrator:
    """Rehydrates a stream chunk by chunk, holding back a tail that may be a split placeholder."""

    def __init__(self) -> None:
        self.pending = ""

    def feed(self, chunk: str, smap: SessionMap, final: bool = False) -> RehydrateResult:
        buf = self.pending + chunk
        if final:
            self.pending = ""
            return rehydrate(buf, smap)
        cut = len(buf)
        start = max(0, len(buf) - _MAX_PLACEHOLDER)
        for p in range(start, len(buf)):
            if p > 0 and buf[p - 1].isalnum() and buf[p].isalnum():
                continue  # not at a word boundary
            if _could_be_placeholder_prefix(buf[p:]):
                cut = p
                break
        self.pending = buf[cut:]
        return rehydrate(buf[:cut], smap)
