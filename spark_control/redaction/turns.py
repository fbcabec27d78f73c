"""PII split across speaker turns: a name asked for in one turn and given, alone, in the next.

    Agent: And your surname?
    Caller: Faivre

"Faivre" has no cue on its own line; the question before it is the cue."""

from __future__ import annotations

import re

from spark_control.redaction.lexicon import COMMON_WORDS, STOP, Lexicon
from spark_control.redaction.ner import BRANDS
from spark_control.redaction.spans import Folded, Span

_TURN = re.compile(r"^[ \t]*(?:\[[\d:apm ]{3,11}\][ \t]*)?([^\n:]{1,30}):[ \t]*(.*)$", re.M)
_NAME_QUESTION = re.compile(
    r"\b(?:(?:first|last|sur|full|middle|maiden|family|given|christian|middle)[ -]?name|surname|your name|"
    r"who am i speaking (?:to|with)|who(?:'s| is) calling|spell (?:that|it)|and you are|name please)\b",
    re.IGNORECASE,
)
_NAME_QUESTION_F = Folded(_NAME_QUESTION)  # the whole-text gate, on the lowercased copy
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_FILLER = frozenset(
    "yes yeah yep sure ok okay it it's its is that that's thats my name first last surname sur um uh er erm "
    "so well oh right of course and the s".split()
)


# "[14:03] Wiremu: ..." a chat sender after a timestamp is a person (or a handle, see handles.py)
_CHAT_SENDER = re.compile(
    r"^[ \t]*\[\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*[apAP][mM])?\][ \t]*([^\W\d_][^\W\d_'’\-]*(?:[ \t][^\W\d_][^\W\d_'’\-]*)?)[ \t]*:",
    re.M,
)
_NOT_SENDERS = frozenset("bot system admin support team everyone all channel here note notes update".split())


def _ranked_first(w: str, lex: Lexicon) -> bool:
    """A first name popular in an English-speaking country, even if also a word ("hope", "will")."""
    low = w.lower()
    return lex.is_ranked_first(w) and low not in STOP and low not in _NOT_SENDERS


def detect_chat_senders(text: str, lex: Lexicon) -> list[Span]:
    """Sender names of timestamped chat lines that no list knows ("Wiremu", "Ngaio Tane")."""
    if "]" not in text:
        return []
    spans = []
    for m in _CHAT_SENDER.finditer(text):
        words = m.group(1).split()
        if any(w.lower() in _NOT_SENDERS or w.lower() in STOP or lex.is_word(w) for w in words) and not (
            len(words) == 1 and _ranked_first(words[0], lex)
        ):
            continue  # a word, not a sender; but "[10:02] hope: can you check" is Hope writing
        if len(words) == 1 and (words[0].lower() in BRANDS or words[0].lower().endswith("bot")):
            continue  # "jenkins: build passed", "standupbot: reminder": software posting
        spans.append(Span(m.start(1), m.end(1), "PERSON"))
    return spans


def detect_turn_answers(text: str, lex: Lexicon) -> list[Span]:
    if ":" not in text or not _NAME_QUESTION_F.search(text, text.lower()):
        return []  # (a question in a turn is one in the text: its content ends and starts at no word)
    spans: list[Span] = []
    asked = False
    for m in _TURN.finditer(text):
        content = m.group(2)
        if asked:
            words = list(_WORD.finditer(content))
            if 0 < len(words) <= 6:
                picked = [
                    w
                    for w in words
                    if w.group(0).lower() not in _FILLER
                    and w.group(0).lower() not in COMMON_WORDS
                    and w.group(0).lower() not in STOP
                ]
                # the answer is the name: at most three words, none of them an ordinary word
                if 0 < len(picked) <= 3 and not any(
                    lex.is_word(w.group(0)) and not (lex.is_first(w.group(0)) or lex.is_last(w.group(0)))
                    for w in picked
                ):
                    base = m.start(2)
                    spans.append(Span(base + picked[0].start(), base + picked[-1].end(), "PERSON"))
        asked = bool(_NAME_QUESTION.search(content))
    return spans


# other chat-log shapes whose sender is a person: "<hope> on it" (IRC), "hope (10:32): on it",
# "Hope  10:32 AM" on a line of its own (a copy from a chat app)
_SENDER_SHAPES = re.compile(
    r"^[ \t]*(?:\[?\d{1,2}:\d{2}(?::\d{2})?\]?[ \t]*)?<([^\W\d_][\w'’.-]*)>"
    r"|^[ \t]*([^\W\d_][^\W\d_'’-]*(?:[ \t][^\W\d_][^\W\d_'’-]*)?)[ \t]*\(\d{1,2}:\d{2}(?:[ \t]?[apAP][mM])?\)[ \t]*:"
    r"|^[ \t]*([^\W\d_][^\W\d_'’-]*(?:[ \t][^\W\d_][^\W\d_'’-]*)?)[ \t]{1,3}\d{1,2}:\d{2}(?:[ \t]?[apAP][mM])?[ \t]*$",
    re.M,
)


def detect_sender_shapes(text: str, lex: Lexicon) -> list[Span]:
    """Senders of IRC-style, parenthesised-time and chat-app-copy lines that are names: a first
    name, even one that is a word ("hope", "Bill"), or a word no list knows ("Tzunun")."""
    if "<" not in text and ":" not in text:
        return []
    spans = []
    for m in _SENDER_SHAPES.finditer(text):
        g = next(k for k in (1, 2, 3) if m.group(k) is not None)
        words = m.group(g).split()
        w0 = words[0]
        low = w0.lower()
        if low in _NOT_SENDERS or low in STOP or low in BRANDS or low.endswith("bot") or "." in w0:
            continue  # software, a team, or a handle ("j.doe": handles.py)
        if not (_ranked_first(w0, lex) or lex.is_first(w0) and not lex.is_word(w0) or not lex.is_word(w0)):
            # a first and a family name, both words ("River Cook  9:02 AM"): the pair is a person
            if not (len(words) == 2 and w0[:1].isupper() and lex.is_first(w0) and lex.is_last(words[1])):
                continue
        spans.append(Span(m.start(g), m.end(g), "PERSON"))
    return spans
