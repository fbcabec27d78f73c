"""Names no list holds, recognised by their letters where a person stands (issue #13, eighth round).

The gazetteer (``data/names.tsv.gz``, ``names_extra.txt``) is large but never complete: Mayan
names with glottal apostrophes ("Ixk'at", "Sotz'"), Vietnamese names with or without tone marks,
West African and other names that no data set lists leak when the NER voter and the role rules
miss them. This module scores a token's *shape*: a naive Bayes model over character n-grams,
per n-gram the log ratio of its frequency in given and family names of every country and in
ordinary English words (``data/build_name_shape.py``, deterministic, from files the project
ships; pinned by SHA-256 below). ``score`` is the mean log ratio (> 0: name-like).

``detect`` uses it only where a person can stand (after a title, a greeting, a sign-off, as a
speaker label, before a verb only people take, after "my colleague", beside a found name, in a
list of people beside a found name) and only for tokens that are no English word and not known
as a name already (those the other rules judge); ``public_veto`` runs after it, so places,
products and template fields stay."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from spark_control.redaction.lexicon import CALENDAR, STOP, TOOL_WORDS, Lexicon, remembered
from spark_control.redaction.ngram_model import NgramModel
from spark_control.redaction.public import TECH_WORDS
from spark_control.redaction.spans import Span

DATA = Path(__file__).with_name("data") / "name_shape.tsv.gz"
SHA256 = "a6fed02f55afe8e62f3a0dc1319445d9b3ff6a40124cf60ed67d9063779124fa"
ORDERS = (2, 3, 4)
_FOLD = {"đ": "d", "ð": "d", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"}
_APOS = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'"})


def fold(tok: str) -> str:
    """Lowercase, diacritics stripped ("Nguyễn" -> "nguyen"), apostrophes made one mark."""
    t = tok.lower().translate(_APOS)
    if not t.isascii():
        t = "".join(_FOLD.get(c, c) for c in t)
        t = "".join(c for c in unicodedata.normalize("NFD", t) if not unicodedata.combining(c))
    return t


def features(tok: str) -> list[str]:
    s = f"^{fold(tok)}$"
    return [s[i : i + n] for n in ORDERS for i in range(len(s) - n + 1)]


MODEL = NgramModel(DATA, SHA256, features, "build_name_shape.py")
weights = MODEL.weights
score = MODEL.score  # mean log ratio (name vs English word) of the token's n-grams; unseen count 0


# ---------------------------------------------------------------------------------------- detection
THRESHOLD = 0.3  # mean log ratio above which an unknown token reads as a name (in a person's place)
# a name token: letters, apostrophes inside or at the end ("Tz'unun", "Sotz'", "Ixkik'")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*['’ʼ]?")
# in a line with capitals only tokens that do not start with an ASCII small letter are looked at
_CASED_TOKEN = re.compile(r"(?<![^\W\d_'’ʼ])(?![a-z])[^\W\d_]+(?:['’ʼ][^\W\d_]+)*['’ʼ]?")
# chat words and fillers no word list holds
_NOT_NAMES = frozenset(
    """
    ok okay lol thx ty tmrw tmw pls plz btw fyi asap np cya brb omg idk imo imho haha hehe yeah yep nope yup
    guys folks everyone all team hi hey hello dear thanks cheers regards best sir madam mr mrs ms dr prof
    am pm eod eow tbd tba etc ie eg vs re fwd cc bcc ps
    """.split()
)
_CLITICS = frozenset("m s t d ll re ve".split())  # "i'm", "it's", "don't", "we'll"
_TITLE = (
    r"(?:mr|mrs|ms|miss|mx|dr|prof|sr|sra|srta|sir|dame|madam|mme|mlle|herr|frau|don|doña|dona|señor|senor|señora|"
    r"senora|lic|ing|licenciad[oa]|profesor[a]?|maestr[oa]|ông|ong|bà|chị|chi|cô|chú|chu|bác|bac|thầy|thay|"
    r"chief|rev|pastor|auntie|uncle|aunty)"
)
_TITLE_BEFORE = re.compile(r"(?<![^\W\d_])" + _TITLE + r"\.?[ \t]+$", re.I)
_GREETING_BEFORE = re.compile(
    r"(?:^|\n)[ \t]*(?:hi|hello|hey|dear|good[ \t]+(?:morning|afternoon|evening)|thanks|thank[ \t]+you|welcome)"
    r"[ \t]*,?[ \t]+$",
    re.I,
)
_SIGNOFF_LINE = re.compile(
    r"[ \t]*(?:(?:best|kind|warm|many)[ \t]+)?(?:regards|wishes|thanks|thank[ \t]+you|cheers|sincerely|best|"
    r"yours(?:[ \t]+(?:truly|sincerely))?|love|warmly)[ \t]*[,.!]?[ \t]*",
    re.I,
)
_KIN = (
    r"colleague|colleagues|friend|manager|boss|wife|husband|partner|son|daughter|mother|father|mum|mom|dad|"
    r"brother|sister|cousin|aunt|uncle|nephew|niece|neighbour|neighbor|landlord|landlady|tenant|coworker|"
    r"co-worker|classmate|teacher|supervisor|assistant|grandmother|grandfather|grandma|grandpa|fiancée|fiancee|"
    r"fiancé|fiance|girlfriend|boyfriend|carer|flatmate|roommate|housemate|brother-in-law|sister-in-law|"
    r"mother-in-law|father-in-law"
)
_KIN_BEFORE = re.compile(r"\b(?:my|our|your|his|her|their)[ \t]+(?:" + _KIN + r")[ \t]*,?[ \t]+$", re.I)
_FIELD_BEFORE = re.compile(
    r"(?:^|\n)[ \t]*(?:passenger|guest|patient|tenant|visitor|caller|attendee|candidate|"
    r"applicant|emergency[ \t]+contact|next[ \t]+of[ \t]+kin|contact[ \t]+person)[ \t]*:?[ \t]+$|"
    # lists of people: "Attendees: Kawoq, Ixim", "On the rota this week: Tepew, ..."
    r"\b(?:passengers|guests|patients|tenants|visitors|attendees|participants|present|invitees|panel|"
    r"panellists|panelists|speakers|candidates|applicants|(?:rota|roster)(?:[ \t]+[a-z]+){0,3})[ \t]*:[ \t]*$|"
    r"\b(?:booked[ \t]+under|booking[ \t]+is[ \t]+under|under[ \t]+the[ \t]+name(?:[ \t]+of)?)[ \t]+$",
    re.I,
)
_VERB_AFTER = re.compile(
    r"[ \t]+(?:said|told|tells|asked|asks|replied|phoned|rang|mentioned|texted|recommended|apologi[sz]ed|"
    r"thinks|is[ \t]+on[ \t]+leave|is[ \t]+off[ \t]+sick)\b",
    re.I,
)
_LABEL_AFTER = re.compile(r"[ \t]*:[ \t]")
_GREETING_END = re.compile(r"[ \t]*(?:[,!.:;\n]|[-–—][ \t]|$)")
_LABEL_LINE = re.compile(
    r"^[ \t]*(?:\[[\d:/ ,apm.]+\][ \t]*|\([\d:]+\)[ \t]*)?([^\W\d_][\w'’ʼ.-]*(?:[ \t]+[^\W\d_][\w'’ʼ.-]*){0,2})[ \t]*:[ \t]",
    re.M,
)
# the other side of a conversation: its labels say the text is a dialogue, not a form
_DIALOGUE_ROLES = frozenset(
    "agent caller customer interviewer interviewee host guest me you speaker rep support operator nurse doctor "
    "moderator q a".split()
)
_LINE_PREFIX = re.compile(r"[ \t]*(?:\[[\d:/ ,apm.]+\][ \t]*|\([\d:]+\)[ \t]*|[-*•>][ \t]*)?", re.I)
# a cheap whole-text gate: no found name and none of these cue words, nothing to do
_ANY_CUE = re.compile(
    r":|\b(?:" + _TITLE + r"|hi|hello|hey|dear|good|thanks|thank|welcome|regards|best|cheers|sincerely|yours|love|"
    r"warmly|my|our|your|his|her|their|passenger|guest|patient|tenant|visitor|caller|customer|client|"
    r"attendee|candidate|applicant|emergency|next|contact|booked|booking|under|said|says|told|tells|asked|asks|"
    r"replied|replies|called|calls|phoned|rang|wrote|writes|mentioned|emailed|texted|messaged|recommended|"
    r"apologi[sz]ed|wants|thinks|prefers|agreed|promised|explained|complained|confirmed|signed|is)\b",
    re.I,
)


def _name_like(tok: str, lex: Lexicon, lower_line: bool) -> bool:
    """May this token be (part of) a name no rule found? Not a word, not a chat word; capitalised
    unless its line is all lowercase; a name no English word spells, or letters shaped like one."""
    core = tok.rstrip("'’ʼ")
    if core[-2:-1] in ("'", "’", "ʼ") and core[-1:] in ("s", "S"):
        core = core[:-2]  # "Ixk'at's"
    if len(core) < 2 or not (core[0].isupper() or lower_line) or (core.isupper() and len(core) > 2):
        return False
    low = core.lower()
    plain = low.replace("'", "").replace("’", "").replace("ʼ", "")
    if len(core) < 3 and core.isascii() and core == tok:
        return False  # "Gt", "Lt", "Jo": two ASCII letters are never enough ("Ek'" with its glottal stop is)
    if low in TECH_WORDS or low in TOOL_WORDS:
        return False
    if plain != low:
        # (the lexicon reads "ixk'at" as its part "at": judge the whole token here)
        head, _, tail = low.partition("'")
        if plain in lex.words or low in lex.words or plain in _NOT_NAMES or (tail in _CLITICS and lex.is_word(head)):
            return False
        e = lex.entries.get(plain)
        if e is not None and e.dict_word:
            return False
    elif low in _NOT_NAMES or lex.is_word(core) or lex.is_common(core):
        return False
    else:
        e = lex.get(core)
    if e is not None and not e.dict_word and (e.first or e.last):
        return True  # a name the lists know but the rules did not take here
    return len(core) >= 3 and score(core) >= THRESHOLD


_LIKE_MEMO: dict[tuple[int, str, bool], bool] = {}
_WEAK_MEMO: dict[tuple[int, str], bool] = {}


def _judged(tok: str, lex: Lexicon, lower_line: bool) -> bool:
    """``_name_like``, remembered per lexicon, token and line case (a Lexicon never changes)."""
    return remembered(_LIKE_MEMO, (id(lex), tok, lower_line), lambda k: _name_like(k[1], lex, k[2]), 50_000)


def _weak_name(tok: str, lex: Lexicon) -> bool:
    """A name the lists hold that is also a word or two letters ("Long", "Hung", "May", "Uc", "Vy"):
    a name only in a person's own place (a title, a greeting that ends at it, a sign-off line, a
    speaker label, a verb of speech, "my colleague"), never beside or in a list."""
    if len(tok) < 2 or not tok[0].isupper() or tok.isupper() and len(tok) > 2 or not tok.isalpha():
        return False
    low = tok.lower()
    if low in _NOT_NAMES or low in CALENDAR or low in STOP or low in TECH_WORDS or lex.is_common(tok):
        return False
    e = lex.get(tok)
    return e is not None and (e.first or e.last)


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, len(text) if b == -1 else b


# the last word before a name in each of the places above (titles, greetings, kin, fields)
_CUE_LAST = frozenset(
    """
    mr mrs ms miss mx dr prof sr sra srta sir dame madam mme mlle herr frau don doña dona señor senor señora senora
    lic ing licenciado licenciada profesor profesora maestro maestra ông ong bà chị chi cô chú chu bác bac thầy thay
    chief rev pastor auntie uncle aunty
    hi hello hey dear morning afternoon evening thanks you welcome
    passenger guest patient tenant visitor caller attendee candidate applicant contact kin person under name of
    passengers guests patients tenants visitors attendees participants present invitees panel panellists panelists
    speakers candidates applicants rota roster week today tonight
    """.split()
    + _KIN.split("|")
)


def _cue(text: str, s: int, e: int, line_s: int, line_e: int, lex: Lexicon) -> str | None:
    """The person's place a run of tokens at ``text[s:e]`` stands in, if any."""
    before = text[max(line_s, s - 60) : s]
    # the word before, read cheaply first: the patterns below run only when it is one of theirs
    head = before.rstrip(" \t,:")
    last = head[head.rfind(" ") + 1 :].lstrip("\t").lower().rstrip(".")
    if last in _CUE_LAST:
        if _TITLE_BEFORE.search(before):
            return "title"
        if _GREETING_BEFORE.search(text, max(0, s - 40), s) and _GREETING_END.match(text, e):
            return "greeting"  # the whole greeting ("Hi Kawoq," but not "Hi Zendesk team")
        if _KIN_BEFORE.search(before):
            return "kin"
        if _FIELD_BEFORE.search(text, max(0, s - 40), s):
            return "field"
    at_start = _LINE_PREFIX.fullmatch(text, line_s, s) is not None
    if at_start and _LABEL_AFTER.match(text, e) and _turns(text, s, e, line_s, lex):
        return "speaker"
    if at_start and not text[e:line_e].strip(" \t,.!"):
        # a line alone after a sign-off ("Best regards,\nTz'unun Xiloj")
        p = line_s - 1
        prev_s = text.rfind("\n", 0, p) + 1 if p > 0 else 0
        while p > 0 and not text[prev_s:p].strip() and prev_s > 0:
            p = prev_s - 1
            prev_s = text.rfind("\n", 0, p) + 1
        if p > 0 and _SIGNOFF_LINE.fullmatch(text, prev_s, p):
            return "signoff"
    if _VERB_AFTER.match(text, e):
        return "verb"
    return None


def _turns(text: str, s: int, e: int, line_s: int, lex: Lexicon) -> bool:
    """Is the label at ``text[s:e]`` a speaker's? A dialogue has two or more labelled lines, and
    the label is a full name, speaks twice, or answers a conversational role ("Interviewer:") or
    another speaker (a name the lists know), or the lines are a chat's with times; a form's fields
    ("Repro:", "Env:") are single words that speak once."""
    labels = [m.group(1).lower() for m in _LABEL_LINE.finditer(text)]
    if len(labels) < 2:
        return False
    me = text[s:e].lower()
    if " " in me.strip() or labels.count(me) >= 2 or text[line_s:s].strip().startswith(("[", "(")):
        return True
    return any(
        lab != me and (lab.split()[-1] in _DIALOGUE_ROLES or (lex.is_first(lab) and not lex.is_word(lab)))
        for lab in labels
    )


def detect(text: str, spans: list[Span], lex: Lexicon) -> list[Span]:
    """PERSON spans for runs of name-shaped tokens in a person's place, and for name-shaped tokens
    beside a found name or listed with one."""
    out: list[Span] = []
    persons = [(sp.start, sp.end) for sp in spans if sp.type == "PERSON"]
    if not persons and not _ANY_CUE.search(text):
        return out
    # per line: is it all lowercase (then lowercase tokens may be names)? and its tokens, judged
    # once per distinct token (the same few hundred words recur): in a cased line only capitalised
    # tokens are looked at
    toks: list[re.Match] = []
    ok: list[bool] = []
    low_at: list[bool] = []
    pos = 0
    caps: list[bool] = []
    for line in text.split("\n"):
        lower = line == line.lower()
        for m in (_TOKEN if lower else _CASED_TOKEN).finditer(text, pos, pos + len(line)):
            tok = m.group(0)
            cap = tok[0].isupper()
            toks.append(m)
            low_at.append(lower)
            caps.append(cap)
            ok.append((lower or cap) and _judged(tok, lex, lower))
        pos += len(line) + 1

    # later mentions of a found name's parts count as found ("Ixmukane ... and Ixmukane Tambriz")
    parts = {p.lower() for a, b in persons for p in _TOKEN.findall(text[a:b]) if len(p) >= 3 and not lex.is_word(p)}
    if parts:
        persons += [m.span() for m in toks if m.group(0).lower().rstrip("'’ʼ") in parts]
    runs = []
    i, n = 0, len(toks)
    weak: dict[int, bool] = {}

    def is_weak(k: int) -> bool:
        if k not in weak:
            tok = toks[k].group(0)
            weak[k] = tok[0].isupper() and remembered(
                _WEAK_MEMO, (id(lex), tok), lambda k: _weak_name(k[1], lex), 50_000
            )
        return weak[k]

    while i < n:
        if not ok[i] and not (caps[i] and is_weak(i)):
            i += 1
            continue
        j = i
        # a run goes on through name-shaped tokens, and through names the lists know that are also
        # words ("Hoang Quoc [Hang]"), on one line, one space apart
        while (
            j + 1 < n
            and text[toks[j].end() : toks[j + 1].start()] in (" ", "\t")
            and (ok[j + 1] or _known_name(toks[j + 1].group(0), lex, low_at[j + 1]))
        ):
            j += 1
        end = toks[j].end()
        if toks[j].group(0)[-2:-1] in ("'", "’", "ʼ") and toks[j].group(0)[-1:] in ("s", "S"):
            end -= 2  # "Ixk'at's car": the name without its possessive
        runs.append((toks[i].start(), end, any(ok[i : j + 1])))
        i = j + 1
    taken = list(persons)
    pending = []
    for s, e, shaped in runs:
        if any(a <= s and e <= b for a, b in persons):
            continue
        line_s, line_e = _line_bounds(text, s)
        if not shaped:  # only names that are words: their own place, nothing less (a field takes any value)
            if _cue(text, s, e, line_s, line_e, lex) not in (None, "field"):
                out.append(Span(s, e, "PERSON"))
                taken.append((s, e))
            continue
        # touching or overlapping a found name on its line: "Tzunun [Xiloj]", "[Ixkik' Quiej]"
        beside = any(a < e + 2 and s < b + 3 and not text[min(b, e) : max(a, s)].strip(" \t'’ʼ") for a, b in persons)
        if beside or _cue(text, s, e, line_s, line_e, lex):
            out.append(Span(s, e, "PERSON"))
            taken.append((s, e))
        else:
            pending.append((s, e))
    # listed with a found name: "Tepew, [Ixim] and [Kawoq] from ..." (twice: a list's far end)
    for _ in range(2):
        rest = []
        for s, e in pending:
            if any(
                # (a separator opens with a space, a tab or a comma: the cheap test first)
                (b < s and text[b] in " \t," and _LIST_SEP.fullmatch(text, b, s))
                or (e < a and text[e] in " \t," and _LIST_SEP.fullmatch(text, e, a))
                for a, b in taken
            ):
                out.append(Span(s, e, "PERSON"))
                taken.append((s, e))
            else:
                rest.append((s, e))
        pending = rest
    return out


def _known_name(tok: str, lex: Lexicon, lower_line: bool) -> bool:
    """A name the lists hold that is also a word ("Hang", "Dung"): only inside a run of names."""
    return (tok[0].isupper() or lower_line) and (lex.is_first(tok) or lex.is_last(tok)) and not lex.is_common(tok)


_LIST_SEP = re.compile(r"[ \t]*(?:,[ \t]*(?:and[ \t]+|&[ \t]+)?|[ \t]+(?:and|&)[ \t]+)")
