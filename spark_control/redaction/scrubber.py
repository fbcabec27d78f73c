"""detect -> resolve -> propagate -> replace -> residual check. Pure: works on a ``SessionMap``
the caller loads and stores."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spark_control.errors import SparkControlError
from spark_control.redaction.companies import Companies
from spark_control.redaction.detectors import detect_high_risk, detect_structured
from spark_control.redaction.handles import Handles
from spark_control.redaction.lexicon import Lexicon, default_lexicon
from spark_control.redaction.name_shape import detect as detect_name_shapes
from spark_control.redaction.names import (
    coreferent_parts,
    detect_names,
    extend_names,
    name_tokens,
    not_a_person,
    part_mentions,
    speaker_labels,
)
from spark_control.redaction.ner import NerModel, NerVoter
from spark_control.redaction.placeholders import (
    GLUED,
    TOLERANT,
    TOLERANT_HINT,
    TYPES,
    SessionMap,
    _norm_type,
    canonical,
)
from spark_control.redaction.public import ner_heading, public_veto
from spark_control.redaction.spans import Folded, Span, forget_scans
from spark_control.redaction.splits import detect_split_phones
from spark_control.redaction.turns import detect_chat_senders, detect_sender_shapes, detect_turn_answers

_PRIORITY = {t: i for i, t in enumerate(TYPES)}
_HIGH_RISK_TYPES = ("EMAIL", "CARD", "SSN", "IBAN", "NINO")


# placeholder look-alikes, scanned on the lowercased copy of ASCII text (~4x faster: spans.Folded)
_TOLERANT_F, _GLUED_F, _TOLERANT_HINT_F = Folded(TOLERANT), Folded(GLUED), Folded(TOLERANT_HINT)

_WORDLIKE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def find_tokens(text: str, tokens: set[str]) -> list[tuple[int, int]]:
    """Word-bounded, case-insensitive occurrences of any of ``tokens`` (lowercase words), also
    as parts of hyphenated/apostrophe words ("Hughes" inside "O'Connell-Hughes")."""
    out = []
    if not tokens:
        return out
    if text.isascii():
        # in ASCII text lowercasing is per character (same offsets, same words): each token's
        # occurrences are found with str.find and kept where the word around them is the token, or
        # it is a part of a hyphen/apostrophe word that is not itself a token (what reading every
        # word of the text finds, in the same order; ~10x faster)
        return _find_tokens_ascii(text.lower(), tokens)
    return find_tokens_by_words(text, tokens)


def find_tokens_by_words(text: str, tokens: set[str]) -> list[tuple[int, int]]:
    """``find_tokens`` by reading every word of the text and looking it up (any text; the ASCII
    path above must find the same, in the same order: tests/redaction/test_speed10a.py)."""
    out = []
    for m in _WORDLIKE.finditer(text):
        w = m.group(0).lower().replace("’", "'")
        if w in tokens:
            out.append(m.span())
            continue
        if "-" in w or "'" in w:
            pos = m.start()
            for part in re.split(r"([-'])", w):
                if part and part not in "-'" and part in tokens:
                    out.append((pos, pos + len(part)))
                pos += len(part)
    return out


_JOINS = "-'"  # what joins the parts of a word in ASCII text (_WORDLIKE also takes "’")


def _find_tokens_ascii(low: str, tokens: set[str]) -> list[tuple[int, int]]:
    """``find_tokens`` over lowercased ASCII text. _WORDLIKE's words are the maximal runs of letters
    where a join ("-", "'") between two letters belongs to the word; a token's occurrence is a hit when
    it is that whole word, or one of the word's parts between joins and the whole word is no token."""
    out = []
    n = len(low)
    for t in tokens:
        i = low.find(t)
        if i == -1:
            continue
        whole_ok, part_ok = _WORDLIKE.fullmatch(t) is not None, t.isalpha()  # a word; letters only
        if not (whole_ok or part_ok):
            continue
        while i != -1:
            j = i + len(t)
            p = i  # the word's start
            while p and (
                low[p - 1].isalpha() or (low[p - 1] in _JOINS and p > 1 and low[p - 2].isalpha() and low[p].isalpha())
            ):
                p -= 1
            q = j  # the word's end
            while q < n and (
                low[q].isalpha() or (low[q] in _JOINS and q + 1 < n and low[q + 1].isalpha() and low[q - 1].isalpha())
            ):
                q += 1
            if p == i and q == j:
                if whole_ok:
                    out.append((i, j))
            elif (
                part_ok and (i == p or low[i - 1] in _JOINS) and (j == q or low[j] in _JOINS) and low[p:q] not in tokens
            ):
                out.append((i, j))
            i = low.find(t, i + 1)
    out.sort()
    return out


def find_values(text: str, values: dict[str, str]) -> list[tuple[int, int, str]]:
    """Case-insensitive occurrences of whole values (3+ chars) not glued to other word characters."""
    out = []
    low = text.lower()
    for v, t in values.items():
        if len(v) < 3:
            continue
        needle = v.lower()
        i = low.find(needle)
        while i != -1:
            j = i + len(needle)
            if (i == 0 or not low[i - 1].isalnum()) and (j >= len(low) or not low[j].isalnum()):
                out.append((i, j, t))
            i = low.find(needle, i + 1)
    return out


class ResidualLeak(SparkControlError):
    """The scrubbed text still contains something it detected: refuse rather than leak."""

    status, kind = 500, "redaction_error"


@dataclass
class ScrubResult:
    text: str
    entities: list[tuple[str, str]] = field(default_factory=list)  # (placeholder, type), first-seen order


@dataclass
class _Segment:
    orig_s: int
    orig_e: int
    out_s: int
    out_e: int
    placeholder: bool


class Scrubber:
    def __init__(
        self,
        lexicon: Lexicon | None = None,
        *,
        propagate: bool = True,
        max_passes: int = 3,
        ner: bool | NerModel = True,
    ) -> None:
        self.lex = lexicon or default_lexicon()
        self.handles = Handles(self.lex)
        self.companies = Companies(self.lex)
        # the learned voter (spaCy NER), loaded on first use; ner=False: rules only
        self.ner = None if ner is False else NerVoter(self.lex, None if ner is True else ner)
        self.propagate = propagate
        self.max_passes = max_passes

    def warm(self) -> None:
        """Load the NER model now (seconds) instead of on the first request that needs it."""
        if self.ner is not None:
            _ = self.ner.model.available

    # ------------------------------------------------------------------ detection
    def detect(self, text: str, smap: SessionMap) -> list[Span]:
        forget_scans()  # scans shared between detectors (spans.scan) start afresh with each text
        spans = []
        for sp in detect_structured(text):
            if sp.type == "USERNAME" and text[sp.start] != "@" and not self.handles.plausible(text[sp.start : sp.end]):
                continue  # "the login page", "user: guest"
            spans.append(sp)
        spans += self.companies.detect(text)
        spans += detect_split_phones(text)  # a phone number given in parts, across turns
        names = detect_names(text, self.lex) + detect_turn_answers(text, self.lex)
        names += detect_chat_senders(text, self.lex) + detect_sender_shapes(text, self.lex)
        spans += names
        known = {t.lower() for sp in names for t in name_tokens(text[sp.start : sp.end])}
        spans += self.handles.detect(text, known)
        if self.ner is not None:
            spans = self.ner.veto(text, spans)
            spans += [
                sp
                for sp in self.ner.detect(text, spans)
                if not not_a_person(text, sp, self.lex) and not ner_heading(text, sp, self.lex)
            ]
        spans = self.companies.veto(text, spans)
        spans = public_veto(text, spans, self.lex)  # places, products, tech words, template fields
        # names no list holds, by their letters, where a person stands: "Ixk'at Sotz'" after a title...
        if shaped := detect_name_shapes(text, spans, self.lex):
            spans += public_veto(text, shaped, self.lex)
        # handles built from the names found (this text, this session): "edogan" beside "Emre Doğan";
        # and handles shaped like a name and an initial ("okonkwo.c", "TundeA")
        persons = [text[sp.start : sp.end] for sp in spans if sp.type == "PERSON"]
        persons += [v for ph, v in smap.by_placeholder.items() if smap.types[ph] == "PERSON"]
        derived, shaped = self.handles.built_from_names(text, persons)
        if derived:
            taken = [(sp.start, sp.end) for sp in spans]
            spans += [sp for sp in derived if not any(a < sp.end and sp.start < b for a, b in taken)]
        spans += shaped
        spans += self.handles.from_elsewhere(text, spans)  # "oyelaade" beside "oyelaade@uol.com.br"
        spans += self._literals(text, smap)
        if self.propagate:
            spans += self._propagate(text, spans, smap)
        more = extend_names(text, spans, self.lex)  # "Tzunun [Pop]", "[Mariam] al-Qasimi", "Do [Thi Huong]"
        if more:
            spans += more
            if self.propagate:
                spans += self._propagate(text, spans, smap)
        return _resolve(spans)

    def _literals(self, text: str, smap: SessionMap) -> list[Span]:
        """Text that already looks like one of our placeholders: reserve its number so we never
        allocate it, or, when it is already allocated in this session, redact it."""
        out = []
        low = text.lower()
        matches = list(_TOLERANT_F.finditer(text, low)) if _TOLERANT_HINT_F.search(text, low) else []
        if any(map(str.isdigit, text)):  # glued ("32Iban 1"): read as one once "32" is replaced
            matches += _GLUED_F.finditer(text, low)
        for m in matches:
            ph = canonical(_norm_type(m.group("type")), int(m.group("num")))
            if ph in smap.by_placeholder:
                out.append(Span(m.start(), m.end(), "LITERAL"))
            else:
                smap.reserved.add(ph)
        return out

    def _propagate(self, text: str, spans: list[Span], smap: SessionMap) -> list[Span]:
        values: dict[str, str] = {}
        for sp in spans:
            if sp.type != "LITERAL":
                values.setdefault(text[sp.start : sp.end], sp.type)
        for ph, v in smap.by_placeholder.items():
            t = smap.types[ph]
            if t != "LITERAL":
                values.setdefault(v, t)
        # a firm's later mentions drop its legal form ("Veltrix Ltd" ... "Veltrix shipped")
        for v in [v for v, t in values.items() if t == "COMPANY"]:
            if (core := self.companies.echoes.core(v)) is not None:
                values.setdefault(core, "COMPANY")
        persons = [v for v, t in values.items() if t == "PERSON"]
        for v in persons:
            if not self.lex.propagatable(v):
                del values[v]  # "will" found as a name ("ok so will said"): not every "will" in the text
        tokens: set[str] = set()
        for v in persons:
            tokens.update(tok.lower() for tok in name_tokens(v) if self.lex.propagatable(tok))
        out = [Span(s, e, t) for s, e, t in find_values(text, values)]
        if tokens:
            hits = find_tokens(text, tokens)
            protected = speaker_labels(text) if hits else []
            for s, e in hits:
                if not any(a < e and s < b for a, b in protected):
                    out.append(Span(s, e, "PERSON"))
        # the parts propagation leaves out ("Will", "Lê"): only where a name stands
        parts = coreferent_parts(persons, self.lex)
        if parts:
            taken = [(sp.start, sp.end) for sp in spans] + [(sp.start, sp.end) for sp in out]
            out += part_mentions(text, parts, taken, self.lex)
        return out

    # ------------------------------------------------------------------ scrub
    def scrub(self, text: str, smap: SessionMap) -> ScrubResult:
        spans = self.detect(text, smap)
        for _ in range(self.max_passes):
            out, segments = _replace(text, spans, smap)
            residual = self._residual(text, out, segments, spans, smap)
            if not residual:
                return ScrubResult(out, _entities(segments, out, smap))
            spans = _resolve(spans + residual)
        raise ResidualLeak("redaction residual check failed: the scrubbed text would still contain detected PII")

    def _residual(
        self, text: str, out: str, segments: list[_Segment], spans: list[Span], smap: SessionMap
    ) -> list[Span]:
        """Re-scan the output: every detected value, every 3+ letter token of a detected name and any
        high-risk structured PII must be gone. Hits are mapped back to input coordinates."""
        needles: dict[str, str] = {}
        for sp in spans:
            if sp.type == "LITERAL":
                continue
            v = text[sp.start : sp.end]
            if len(v) >= 3 and (sp.type != "PERSON" or self.lex.propagatable(v)):
                needles[v.lower()] = sp.type  # a name that is a function word ("will") is checked where it stood
            if sp.type == "PERSON":
                for tok in name_tokens(v):
                    if self.lex.propagatable(tok):
                        needles[tok.lower()] = "PERSON"
        for ph, v in smap.by_placeholder.items():
            if smap.types[ph] == "PERSON":
                for tok in name_tokens(v):
                    if self.lex.propagatable(tok):
                        needles[tok.lower()] = "PERSON"
        hits: list[tuple[int, int, str]] = []
        masked = _mask_placeholders(out, segments)
        if needles:
            # (speaker labels need no protection here: "speaker", "agent"... are never name tokens)
            words = {k: v for k, v in needles.items() if _WORDLIKE.fullmatch(k)}
            for s, e in find_tokens(masked, set(words)):
                found = masked[s:e].lower().replace("’", "'")
                hits.append((s, e, words.get(found, "PERSON")))
            others = {k: v for k, v in needles.items() if k not in words}
            hits += find_values(masked, others)
        for sp in detect_high_risk(masked):
            hits.append((sp.start, sp.end, sp.type))
        return [_to_input(segments, s, e, t) for s, e, t in hits]


def _mask_placeholders(out: str, segments: list[_Segment]) -> str:
    # slices, not a per-character list: segments come in output order and never overlap
    parts: list[str] = []
    pos = 0
    for seg in segments:
        if seg.placeholder:
            parts += (out[pos : seg.out_s], "\x00" * (seg.out_e - seg.out_s))
            pos = seg.out_e
    parts.append(out[pos:])
    return "".join(parts)


def _to_input(segments: list[_Segment], s: int, e: int, type_: str) -> Span:
    start = end = None
    for seg in segments:
        if seg.out_e <= s or seg.out_s >= e:
            continue
        if seg.placeholder:
            a, b = seg.orig_s, seg.orig_e
        else:
            a = seg.orig_s + max(0, s - seg.out_s)
            b = seg.orig_s + min(seg.out_e, e) - seg.out_s
        start = a if start is None else min(start, a)
        end = b if end is None else max(end, b)
    return Span(start or 0, end or 0, type_)


def _resolve(spans: list[Span]) -> list[Span]:
    """Merge overlapping spans into their union (nothing detected is ever dropped); the union
    takes the type of its longest member, ties broken by type priority."""
    spans = sorted((s for s in spans if s.end > s.start), key=lambda s: (s.start, -s.end))
    merged: list[list] = []
    for sp in spans:
        if merged and sp.start < merged[-1][1]:
            cur = merged[-1]
            cur[1] = max(cur[1], sp.end)
            cur[2].append(sp)
        else:
            merged.append([sp.start, sp.end, [sp]])
    out = []
    for s, e, members in merged:
        best = min(members, key=lambda m: (-(m.end - m.start), _PRIORITY.get(m.type, 99)))
        out.append(Span(s, e, best.type))
    return out


def _replace(text: str, spans: list[Span], smap: SessionMap) -> tuple[str, list[_Segment]]:
    parts: list[str] = []
    segments: list[_Segment] = []
    pos = 0
    out_len = 0
    for sp in spans:
        if sp.start > pos:
            chunk = text[pos : sp.start]
            parts.append(chunk)
            segments.append(_Segment(pos, sp.start, out_len, out_len + len(chunk), False))
            out_len += len(chunk)
        ph = smap.placeholder_for(sp.type, text[sp.start : sp.end])
        parts.append(ph)
        segments.append(_Segment(sp.start, sp.end, out_len, out_len + len(ph), True))
        out_len += len(ph)
        pos = sp.end
    if pos < len(text):
        parts.append(text[pos:])
        segments.append(_Segment(pos, len(text), out_len, out_len + len(text) - pos, False))
    return "".join(parts), segments


def _entities(segments: list[_Segment], out: str, smap: SessionMap) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for seg in segments:
        if seg.placeholder:
            ph = out[seg.out_s : seg.out_e]
            seen.setdefault(ph, smap.types[ph])
    return list(seen.items())
