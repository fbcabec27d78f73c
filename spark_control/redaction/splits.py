"""Phone numbers given in parts: across speaker turns, or in one turn with pauses.

    Caller: it's 0161 496
    Agent: go on
    Caller: 0000

Each part alone is too short to look like a phone number; together, after a phone cue ("number",
"mobile", "reach you", "call back"...) or around a prompt to continue ("go on", "the rest"), they
make 7-15 digits. Every part (numerals or spoken digit words, "oh", "double", "triple") becomes a
PHONE span, and so does a part the other speaker reads back. Pure functions over the text."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spark_control.redaction.spans import Folded, Span

IC = re.IGNORECASE

# "Speaker 1:", "SPEAKER_00:", "[10:02] jane:", "00:01:23 - Agent:", "**Agent:**"; the colon must not
# start a time
_LABEL = re.compile(
    r"[ \t>*_-]*(?:\[[^\]\n]{1,24}\][ \t]*|\(?\d{1,2}:\d{2}(?::\d{2})?\)?[ \t]+(?:-[ \t]+)?)?[*_]*"
    r"([^\W\d_][^\n:\[\]*]{0,39}?)(?:[ \t]*\(\d{1,2}:\d{2}(?::\d{2})?\))?[ \t]*[*_]*:(?![\d/])[*_]*[ \t]*"
)
_BARE_LABEL = re.compile(r"[ \t]*((?:speaker|spk|speaker_)[ _]?\d{1,2})[ \t]+(?=\S)", IC)
_TOKEN = re.compile(r"\+?\d+|[^\W\d_]+(?:['’][^\W\d_]+)*|\.{2,}|…|\S")

_DIGIT_OF = {
    "zero": "0", "oh": "0", "o": "0", "nought": "0", "naught": "0", "nil": "0",
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "niner": "9",
}  # fmt: skip
_REPEAT = {"double": 2, "triple": 3}
_ZEROS = {"hundred": "00", "thousand": "000"}
_SPOKEN = frozenset((*_DIGIT_OF, *_REPEAT, "plus"))
_DIGIT_ALT = (
    r"(?:\+?\d+|(?:zero|oh|o|nought|naught|nil|one|two|three|four|five|six|seven|eight|nine|niner|double|triple|"
    r"hundred|thousand|plus)(?![\w'’]))"
)
# a run of digit tokens and the separators that may sit inside or between parts (on one line)
_RUN = re.compile(r"(?<![\w'’])" + _DIGIT_ALT + r"(?:[ \t,.()\-]*" + _DIGIT_ALT + r")*", IC)
_WEAK_DIGITS = frozenset(("oh", "o", "one", "nil"))  # also interjections / ordinary words alone
_IN_GROUP = frozenset("-.()")  # punctuation inside one group ("0161-496", "(0)20", "555.0132")
_SEP = _IN_GROUP | {","}
_GAP_PUNCT = frozenset((",", ";", "...", "…", "-", ".", "?", "!"))
# words a speaker puts between the parts of one number ("0161, um, sorry, 496 and then 0000")
_FILLERS = frozenset(
    "um umm uh uhh er erm uhm hmm ah ahh sorry and then so yeah yes yep ok okay right it's its it is that's thats "
    "the rest wait hang on let me see i mean no actually sure of course is then it was number last bit first part "
    "next start starts with ends ending end in go on ahead carry mm mhm huh dash hyphen space".split()
)
_UNIT_AFTER = re.compile(
    r"[ \t]*(?:%|percent|per ?cent|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|yrs?|seconds?|secs?|ms|"
    r"pm|am|a\.m|p\.m|o'clock|k|m|bn|million|billion|thousand|gb|mb|kb|tb|items?|tickets?|people|users?|units?|"
    r"times|pounds?|dollars?|euros?|quid|bucks|cents?|pence|rupees?|kg|g|km|miles?|st|nd|rd|th|of|or|to|x\b)\b",
    IC,
)
_AMOUNT = re.compile(r"\d{1,6}[.,]\d{2}")
_THOUSANDS = re.compile(r",\d{3}(?!\d)")
_THOUSANDS_BEFORE = frozenset(f"{d}," for d in "0123456789")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_YEAR_BEFORE = re.compile(r"\b(?:in|since|from|until|till|by|of|year|to)\s+$", IC)
_NOT_BEFORE = re.compile(r"(?:[$£€¥]|\bv|\bversion|\bbuild|\brelease|\bno\.|#)[ \t]*$", IC)

# a phone is being asked for or given ("what's the best number to reach you on?", "my mobile is")
_PHONE_CUE = re.compile(
    r"\b(?:phone|mobile|cell(?:phone)?|telephone|tel|landline|whats ?app|signal|viber|fax|numbers?|digits|"
    r"extension|ext|reach (?:you|me|her|him|them|us)|call (?:you|me|her|him|them|us)|ring (?:you|me|her|him|them)|"
    r"call(?:ing)? back|call-back|callback|contact (?:on|at|you|me|details|info)|text (?:you|me|her|him)|get hold of|"
    r"get in touch|area code|dial(?:l)?ing code|country code)\b",
    IC,
)
# ... but not an order, ticket or version number, nor "a number of"
_NOT_PHONE_NUMBER = re.compile(
    r"\b(?:order|invoice|ticket|case|reference|ref|tracking|serial|model|part|flight|room|house|door|version|"
    r"build|confirmation|booking|sku|po|item|batch|lot|issue|bug|pr|release|table|seat|gate|platform|page|"
    r"line|row|step|chapter|section|lottery|lucky|the total|any|large|small|huge|same|round|odd|even)"
    r"[ \t]+(?:number|no\.?|#)[ \t]*$",
    IC,
)
# the other speaker asks for the rest
_GO_ON = re.compile(
    r"\b(?:go on|go ahead|carry on|keep going|continue|the rest|and then|and the rest|what's next|next bit|"
    r"after that|uh[ -]?huh|mm[ -]?hm+|m-?hm+|got (?:it|that)|yep|yes|yeah|okay|ok|and)\b",
    IC,
)
_STRONG_GO_ON = re.compile(r"\b(?:go on|go ahead|carry on|keep going|the rest|and then|next bit|after that)\b", IC)
# a turn in between that changes the subject ends the number
_NEW_TOPIC = re.compile(
    r"\b(?:order|postcode|post code|zip|date|birth|born|e-?mail|address|street|card|name|spell|"
    r"how many|when|what time|price|amount|reference|ref|ticket|invoice|pin|sort code|iban|ssn|password|"
    r"booking|policy)\b",
    IC,
)
# a number that is not a phone is being asked for or given
_OTHER_NUMBER = re.compile(
    r"\b(?:order|invoice|ticket|case (?:number|no|ref)|reference|ref|tracking|serial|version|build|confirmation|"
    r"booking|postcode|post code|zip|sort code|date|born|birth|pin|price|amount|total|cost|how many|quantity|sku|"
    r"model|room|flight|seat|policy|claim|iban|card|ssn|social security|insurance|year|charged|paid|pay|fee|bill|"
    r"refund|"
    r"balance|spent|spend|costs?|budget|revenue|weigh|height|age|aged|score)\b",
    IC,
)
_GATE = re.compile(
    r"phone|mobile|cell|tel|landline|whats ?app|signal|viber|fax|number|digit|ext|reach|call|ring|contact|"
    r"text|get hold|go on|go ahead|carry on|keep going|the rest|and then|next bit|after that",
    IC,
)
# scanned on the lowercased copy of ASCII text without IGNORECASE (several times faster: spans.Folded)
_PHONE_CUE_F, _OTHER_F, _GATE_F, _RUN_F = map(Folded, (_PHONE_CUE, _OTHER_NUMBER, _GATE, _RUN))
_MAX_INTERRUPTIONS = 2
_WORDS = re.compile(r"\w+")


@dataclass
class _Group:
    start: int
    end: int
    digits: str
    words_only: bool  # spoken digits only, no numerals


@dataclass
class _Turn:
    speaker: str | None
    start: int  # content start (after the label)
    end: int
    groups: list[_Group] = field(default_factory=list)


def _turns(text: str) -> list[_Turn]:
    """Content of each speaker turn; an unlabelled line continues the previous turn's speaker."""
    turns: list[_Turn] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        m = _LABEL.match(text, pos, end)
        if not (m and len(m.group(1).split()) <= 4):
            m = _BARE_LABEL.match(text, pos, end)  # ASR output without the colon: "speaker 2 oh seven"
        if m:
            turns.append(_Turn(m.group(1).strip().lower(), m.end(), end))
        else:
            turns.append(_Turn(turns[-1].speaker if turns else None, pos, end))
        pos = end + 1
    return turns


def _groups(text: str, scan: str, run_re: re.Pattern, start: int, end: int) -> list[_Group]:
    """Runs of digits (numerals and digit words) with only spaces or ``-.()`` inside."""
    out: list[_Group] = []
    cur: list[re.Match] = []

    def close() -> None:
        if not cur:
            return
        while cur and cur[-1].group(0) in _SEP:
            cur.pop()
        while cur and cur[0].group(0) in _SEP:
            cur.pop(0)
        toks = [t for t in cur if t.group(0) not in _SEP]
        cur.clear()
        if not toks:
            return
        digits, repeat, words_only, prev_digit = [], 1, True, False
        for t in toks:
            w = t.group(0).lower()
            if w[0].isdigit() or w[0] == "+":
                digits.append(re.sub(r"\D", "", w) * repeat)
                words_only, repeat, prev_digit = False, 1, True
            elif w == "plus":
                words_only = False  # "plus four four": an international prefix, digits for sure
            elif w in _REPEAT:
                repeat, prev_digit = _REPEAT[w], False
            elif w in _ZEROS:
                if prev_digit:
                    digits.append(_ZEROS[w])
            else:
                digits.append(_DIGIT_OF[w] * repeat)
                repeat, prev_digit = 1, True
        s, e = toks[0].start(), toks[-1].end()
        real = [t for t in toks if t.group(0).lower() not in _WEAK_DIGITS]
        if words_only and not real and len(toks) < 3:
            return  # "oh", "one", "oh, one more thing" are words first
        if toks[-1].group(0).lower() in _REPEAT or not digits:
            return
        if text[e : e + 1].isalnum() or text[s - 1 : s].isalnum():
            return  # glued to a word ("6Person"): not a part said on its own
        if _NOT_BEFORE.search(text, max(0, s - 12), s) or _UNIT_AFTER.match(text, e):
            return  # amounts, versions, times, quantities
        if text[e : e + 1] in (":", "/") or text[max(0, s - 1) : s] in (":", "/"):
            return
        raw = text[s:e]
        if _AMOUNT.fullmatch(raw) or _THOUSANDS.match(text, e) or text[max(0, s - 2) : s] in _THOUSANDS_BEFORE:
            return  # 12.50, 1,250
        if _YEAR.fullmatch(raw) and _YEAR_BEFORE.search(text, max(0, s - 8), s):
            return  # "left in 2004"
        out.append(_Group(s, e, "".join(digits), words_only))

    for run in run_re.finditer(scan, start, end):  # one regex pass finds the candidates; tokens only there
        for t in _TOKEN.finditer(text, run.start(), run.end()):
            w = t.group(0).lower()
            if w[0].isdigit() or w[0] == "+" and len(w) > 1 or w in _SPOKEN or w in _ZEROS:
                if w in _ZEROS and not cur:
                    continue
                cur.append(t)
            elif cur and (w in _IN_GROUP or w in (",", ".") and cur[-1].group(0).lower() in _SPOKEN):
                cur.append(t)  # "0161-496", "(0)20", and spoken lists "six, one, four"
            else:
                close()
        close()
    return out


def _gap_ok(text: str, a: int, b: int) -> bool:
    """Between two parts in one turn only fillers and pauses ("0161... um, 496")."""
    words = 0
    for t in _TOKEN.finditer(text, a, b):
        w = t.group(0).lower()
        if w in _GAP_PUNCT:
            continue
        if w in _FILLERS:
            words += 1
            if words > 4:
                return False
            continue
        return False
    return True


class _Cues:
    """Where phone cues (True) and other numbers' cues (False) are, found once per text."""

    def __init__(self, text: str) -> None:
        low = text.lower()
        found = []
        for m in _PHONE_CUE_F.finditer(text, low):
            if m.group(0).lower().startswith("number") and (
                _NOT_PHONE_NUMBER.search(text, max(0, m.start() - 24), m.end())
                or re.match(r"\s+of\b", text[m.end() : m.end() + 4])
            ):
                continue  # "order number", "a number of"
            found.append((m.start(), m.end(), True))
        found += [(m.start(), m.end(), False) for m in _OTHER_F.finditer(text, low)]
        found.sort()
        self.starts = [f[0] for f in found]
        self.found = found
        self.any_phone = any(f[2] for f in found)

    def last(self, a: int, b: int) -> bool | None:
        """The last cue in ``text[a:b]``: True for a phone cue, False for another number's cue
        (an order, a postcode, a date, an amount), None for no cue."""
        i = bisect.bisect_left(self.starts, b) - 1
        while i >= 0 and self.starts[i] >= a:
            s, e, kind = self.found[i]
            if e <= b:
                return kind
            i -= 1
        return None


def _short_aside(text: str, a: int, b: int) -> bool:
    """A few words around a part that do not change the subject ("let me think", "that's my mobile")."""
    chunk = text[a:b]
    return len(_WORDS.findall(chunk)) <= 6 and not _NEW_TOPIC.search(chunk) and not _OTHER_NUMBER.search(chunk)


def _leads(text: str, turn: _Turn, g: _Group) -> bool:
    """The group comes first in the turn, after at most a short aside."""
    return _gap_ok(text, turn.start, g.start) or _short_aside(text, turn.start, g.start)


def _backchannel(text: str, turn: _Turn, digits: str) -> list[_Group] | None:
    """A short turn of the other speaker between two parts ("go on", "0161, yes"): its readback
    groups, or None when the turn changes the subject."""
    content = text[turn.start : turn.end]
    if len(_WORDS.findall(content)) > 20 or _NEW_TOPIC.search(content):
        return None
    back = []
    for g in turn.groups:
        if g.digits and g.digits in digits:
            back.append(g)
        else:
            return None
    return back


def detect_split_phones(text: str) -> list[Span]:
    low = text.lower()
    scan, run = (low, _RUN_F.twin) if text.isascii() else (text, _RUN)  # (as spans.Folded does)
    if not _GATE_F.search(text, low) or not run.search(scan):
        return []
    turns = _turns(text)
    any_group = False
    for t in turns:
        t.groups = _groups(text, scan, run, t.start, t.end)
        any_group = any_group or bool(t.groups)
    if not any_group:
        return []
    cues = _Cues(text)
    spans: list[Span] = []
    used: set[tuple[int, int]] = set()
    for ti, turn in enumerate(turns):
        for gi in range(len(turn.groups)):
            if (ti, gi) in used:
                continue
            chain = _chain(text, turns, cues, ti, gi)
            if chain is None:
                continue
            parts, readbacks = chain
            used.update(parts)
            for tj, gj in parts:
                gg = turns[tj].groups[gj]
                spans.append(Span(gg.start, gg.end, "PHONE"))
            spans += [Span(r.start, r.end, "PHONE") for r in readbacks]
    return spans


def _chain(
    text: str, turns: list[_Turn], cues: _Cues, ti: int, gi: int
) -> tuple[list[tuple[int, int]], list[_Group]] | None:
    turn = turns[ti]
    g = turn.groups[gi]
    cued = cues.last(max(turn.start, g.start - 100), g.start)
    if cued is None and gi == 0 and _leads(text, turn, g):
        # the question came in the turn(s) before: "and a number to call you back on?"
        for k in range(ti - 1, max(0, ti - 2) - 1, -1):
            cued = cues.last(turns[k].start, turns[k].end)
            if cued is not None:
                break
    if cued is False:
        return None  # an order number, a postcode, a date given in parts
    parts = [(ti, gi)]
    digits = g.digits
    readbacks: list[_Group] = []
    prompted = False
    # more parts in the same turn
    cur_t, cur_g = ti, gi
    while True:
        groups = turns[cur_t].groups
        if cur_g + 1 < len(groups):
            nxt = groups[cur_g + 1]
            if _gap_ok(text, groups[cur_g].end, nxt.start) and len(digits) + len(nxt.digits) <= 15:
                cur_g += 1
                parts.append((cur_t, cur_g))
                digits += nxt.digits
                continue
            break
        # the turn ended on this part: the rest may follow in the same speaker's next turn
        if not _short_aside(text, groups[cur_g].end, turns[cur_t].end):
            break
        speaker = turns[cur_t].speaker
        if speaker is None:
            break  # prose without speaker labels: a number does not run on over lines
        k, interruptions, back, found, asked = cur_t + 1, 0, [], False, False
        while k < len(turns) and interruptions <= _MAX_INTERRUPTIONS:
            t = turns[k]
            if t.start == t.end and not t.groups:
                k += 1
                continue
            if t.speaker == speaker and t.groups and _leads(text, t, t.groups[0]):
                found = True
                break
            if t.speaker == speaker and not t.groups:
                break
            rb = _backchannel(text, t, digits)
            if rb is None:
                break
            content = text[t.start : t.end]
            if _STRONG_GO_ON.search(content) or (rb and _GO_ON.search(content)):
                prompted = asked = True
            elif cues.last(t.start, t.end):
                asked = True  # "and the extension?"
            back += rb
            interruptions += 1
            k += 1
        if not found or interruptions > _MAX_INTERRUPTIONS:
            break
        nxt = turns[k].groups[0]
        if len(digits) + len(nxt.digits) > 15:
            break
        if interruptions == 0 and not cued:
            break  # two messages in a row need a cue; a prompt in between is one
        if len(digits) >= 10 and not asked:
            break  # a whole number already: more digits in a later turn are something else
        readbacks += back
        cur_t, cur_g = k, 0
        parts.append((cur_t, cur_g))
        digits += nxt.digits
    if not (cued or prompted) or len(parts) < 2 or not 7 <= len(digits) <= 15:
        return None
    return parts, readbacks
