"""Usernames and handles that are not behind an ``@``: ``jdoe``, ``smunoz``, ``walkerh2``, ``m_walker``.

A handle is recognised by what it is made of (name fragments and initials, digits, ``._``) and
where it stands (after "user:", "login", "handle"..., or as the sender label of a chat line).
Ordinary words are never handles, so "the login page" and "user: guest" stay as they are."""

from __future__ import annotations

import re

from spark_control.redaction.lexicon import COMMON_WORDS, NAME_DICT_WORDS, STOP, TEAM_WORDS, Lexicon
from spark_control.redaction.ner import BRANDS
from spark_control.redaction.spans import Span

# accounts that name a role, not a person
GENERIC_ACCOUNTS = frozenset(
    "guest admin administrator root anonymous test tester demo user users support info sales help helpdesk "
    "system service noreply no-reply webmaster postmaster operator staff team everyone here channel all "
    "unassigned nobody none tbd null".split()
)
_HANDLE_CHARS = re.compile(r"[a-z0-9][a-z0-9_.\-]{2,38}[a-z0-9]", re.IGNORECASE)
# a chat sender label: "[10:48] hayessmithsh: ..." or "m_walker: ..." at the start of a line
_CHAT_LABEL = re.compile(
    r"^[ \t]*(?:\[[\d:apm ]{3,11}\][ \t]*|\d{1,2}:\d{2}[ \t]+)?([A-Za-z0-9_.\-]{3,40})[ \t]*:(?!//)", re.M
)
# a free-standing lowercase token (no "@", not part of an email, URL or path)
_BARE = re.compile(r"(?<![\w@./:\-])[a-z][a-z0-9_.\-]{2,38}[a-z0-9](?![\w@/\-]|\.\w)")
# where people put a handle without its "@": "ping jdoe", "assigned to kowalski_m", "cc sunnyfox_21",
# "account maria.t88 is locked", "reset for kowalski.m". Strong cues take any handle-shaped token;
# weak ones ("for", "from", "by") only one with digits, "._" or made of name fragments.
_STRONG_CUES = (
    r"ping|pinged|pinging|cc|cc'd|dm|dm'd|dms|tag|tagged|(?:re)?assign(?:ed)?(?:\s+(?:it|this|ticket))?\s+to|"
    r"hand(?:ed)?\s+(?:it\s+)?(?:over\s+)?to|escalated?\s+to|reach(?:\s+out\s+to)?|message|msg|"
    r"user|account|login|acct|"
    r"assignee|requester|reporter|owner|submitted\s+by|opened\s+by|raised\s+by|"
    r"(?:reset|mfa|2fa|password|access|permissions?|licen[cs]e|quota)\s+for"
)
_HANDLE_CUE = re.compile(
    r"(?<![\w@.])(?:("
    + _STRONG_CUES
    + r")|(for|from|by|with|thanks|thx|ty|added|invited?|removed|unlocked?|locked|disabled|enabled|suspended))"
    r"[ \t]*[:=]?[ \t]+"
    r"[\"'`(]?([A-Za-z][A-Za-z0-9_.\-]{0,38}[A-Za-z0-9])(?![\w@/\-]|\.\w)",
    re.IGNORECASE,
)
_CUE_HINT = re.compile(
    r"\b(?:ping|cc|dm|tag|assign|to|reach|message|msg|user|account|login|acct|added|invit|remov|lock|"
    r"disabl|enabl|suspend|requester|reporter|owner|by|for|from|with|and|thanks|thx|ty)",
    re.IGNORECASE,
)
_FILE_EXT = re.compile(
    r"\.(?:pdf|csv|log|txt|ya?ml|json|toml|ini|cfg|conf|py|js|ts|md|html?|xml|docx?|xlsx?|pptx?|png|jpe?g|gif|"
    r"zip|gz|tar|sh|sql|db|env|lock|exe|dll|so|bin|iso|mp[34]|wav|io|com|org|net|dev|app)$",
    re.IGNORECASE,
)
_VERSIONISH = re.compile(r"^(?:v?\d|[a-z]{1,3}\d+$|\w+-\d+(?:\.\d+)+|[A-Z0-9_]+$)")
# software that names its instances "<name>_<n>" ("postgres_16", "redis_2"), never a person
_TECH = frozenset(
    "postgres postgresql mysql mariadb redis mongo mongodb nginx kafka node worker server db prod staging dev test "
    "python java ruby rust golang php perl ubuntu debian alpine centos fedora kernel linux release build".split()
)
# a sender line copied from a chat app: "jdoe  10:02 AM", "kowalski_m 9:14"
_SENDER_TIME = re.compile(
    r"^[ \t]*([A-Za-z][A-Za-z0-9_.\-]{1,38}[A-Za-z0-9])[ \t]+(?:\[?\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*[AaPp][Mm])?\]?)[ \t]*$",
    re.M,
)
# line labels of notes and logs, never a sender
_LINE_LABELS = frozenset(
    "todo todos fixme fyi eta tldr info warn warning error debug trace fatal note notes re fwd ps nb tbd wip "
    "done next blocked blocker update status result results output input example usage".split()
)
_ABBREV = frozenset("e.g i.e a.m p.m etc vs n.b p.s a.k.a".split())


class Handles:
    """Handle recognition bound to a name lexicon (segmentations are cached per token)."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self._seg: dict[str, tuple[str, ...] | None] = {}

    # -------------------------------------------------------------- what a handle is made of
    def _name_piece(self, p: str) -> bool:
        if len(p) < 3 or p in COMMON_WORDS or p in STOP:
            return False
        e = self.lex.get(p)
        return bool(e and (e.first or e.last) and (not e.dict_word or e.rank > 0))

    def segment(self, core: str) -> tuple[str, ...] | None:
        """Split letters into name pieces (3+ letters) and initials (1-2 letters): the split with the
        fewest pieces, at most 3, at least one name piece; None when there is none."""
        if core in self._seg:
            return self._seg[core]
        best: tuple[str, ...] | None = None
        n = len(core)

        def walk(i: int, pieces: tuple[str, ...]) -> None:
            nonlocal best
            if best is not None and len(pieces) >= len(best):
                return
            if i == n:
                if any(len(p) >= 3 for p in pieces) and sum(len(p) <= 2 for p in pieces) <= 2:
                    best = pieces
                return
            if len(pieces) == 3:
                return
            for j in range(n, i, -1):
                p = core[i:j]
                if (len(p) <= 2 and (j == n or i == 0)) or self._name_piece(p):
                    walk(j, (*pieces, p))

        walk(0, ())
        if len(self._seg) > 100_000:
            self._seg.clear()
        self._seg[core] = best
        return best

    def _strong_piece(self, p: str) -> bool:
        return len(p) >= 4 and (
            self.lex.is_surname(p) or self.lex.is_ranked_last(p) or (self.lex.is_first(p) and self.lex.strength(p) == 2)
        )

    def made_of_names(self, token: str) -> bool:
        """``jdoe``, ``smithj``, ``hayessmithsh``, ``m_walker``, ``katherinej6``: name fragments and initials."""
        core = token.lower().rstrip("0123456789")
        parts = [p for p in re.split(r"[._\-]+", core) if p]
        if not parts or any(not p.isalpha() for p in parts):
            return False
        segs = [self.segment(p) if len(p) > 2 else (p,) for p in parts]
        if any(s is None for s in segs):
            return False
        pieces = [p for s in segs for p in s]  # type: ignore[union-attr]
        return len(pieces) >= 2 and any(self._strong_piece(p) for p in pieces)

    def _bare_ok(self, tok: str) -> bool:
        """Without a cue, a token of letters only must be an initial glued to a surname (``jdoe``,
        ``smithj``); with digits or ``._`` any mix of name fragments will do (``katherinej6``)."""
        if re.search(r"[\d_.]", tok):
            return self.made_of_names(tok)
        for name, initial_first in ((tok[1:], True), (tok[:-1], False), (tok[:-2], False)):
            e = self.lex.get(name)
            if len(name) < 3 or e is None or e.zipf < 15:  # zipf 0: a data-set oddity, not a real name
                continue
            if name in self.lex.words or name in COMMON_WORDS or name in BRANDS:
                continue  # "jsonl"
            if e.dict_word and e.zipf >= 45 and name not in NAME_DICT_WORDS:
                continue  # "readme": "read" is a surname too, but mostly a word
            popular = 0 < e.rank <= 3000 or self.lex.strength(name) == 2
            if popular and (e.last if initial_first else (e.first or e.last)):
                return True  # jdoe, hkim / smithj, johnd, smithjd
        return False

    def _words(self, token: str) -> bool:
        """Two ordinary words glued together ("birthdate", "workaround", "timestamp"): not a handle."""
        w = self.lex.is_word
        return any(w(token[:i]) and w(token[i:]) for i in range(3, len(token) - 2))

    def _config_leaf(self, leaf: str) -> bool:
        """``retry_limit``, ``pool_size``: snake_case of words (or unknown jargon), no popular name in it."""
        parts = [p for p in leaf.split("_") if p]
        if len(parts) < 2 or not any(len(p) >= 4 and self._wordish(p) for p in parts):
            return False
        for p in parts:
            e = self.lex.get(p)
            if e is not None and 0 < e.rank <= 1000:  # "john.smith_dev" stays a handle
                return False
        return True

    def _popular_last(self, p: str) -> bool:
        e = self.lex.get(p)
        return bool(e and e.last and 0 < e.rank <= 1000)

    def _wordish(self, p: str) -> bool:
        """An ordinary word, also in the plural ("retries", "settings")."""
        w = self.lex.is_word
        return w(p) or (p.endswith("s") and w(p[:-1])) or (p.endswith("ies") and w(p[:-3] + "y"))

    def plausible(self, value: str) -> bool:
        """A value after a username cue: anything but an ordinary word or a role account."""
        v = value.lower().strip(".-_")
        if v in GENERIC_ACCOUNTS or len(v) < 3:
            return False
        if re.search(r"[\d_.]", v):
            return True
        return not self.lex.is_word(v)

    def handle_shaped(self, tok: str, strong: bool) -> bool:
        """A token in a handle position: ``kowalski_m``, ``maria.t88``, ``sunnyfox_21``, ``jdoe``; not a
        file name, a version, an error code, an ordinary word or ``snake_case`` of ordinary words."""
        low = tok.lower()
        if low in GENERIC_ACCOUNTS or low in _ABBREV or _FILE_EXT.search(tok) or _VERSIONISH.match(tok):
            return False
        if low in STOP or low in COMMON_WORDS or low in BRANDS or low.split("_")[0] in BRANDS:
            return False  # "tag nginx", "account kubernetes": software, not people
        if "-" in low:
            # "baker-h", "h-baker" after a strong cue; never "on-call", "front-end", "x-ray"
            parts = [p for p in low.split("-") if p]
            return (
                strong
                and len(parts) == 2
                and any(len(p) >= 3 and (not self._wordish(p) or self._popular_last(p)) for p in parts)
                and self.made_of_names(low.replace("-", "."))
            )
        core = low.rstrip("0123456789")
        parts = [p for p in re.split(r"[._]+", core) if p]
        if not parts or any(not p.isalpha() for p in parts):
            return False
        digits = core != low
        entry = self.lex.get(core)
        popular_name = entry is not None and 0 < entry.rank <= 1000  # "sunny21" may be a person
        if parts[-1].endswith("bot") or (len(parts) == 1 and digits and self._wordish(core) and not popular_name):
            return False  # "ci_bot", "tier2", "node3": machines and queues, not people
        if len(parts) > 1 or digits:
            if self.made_of_names(low):
                return True
            if not strong:
                # "kowalski.m", "m.kowalski", "nguyen_t": a surname (or first name) and an initial
                return (
                    len(parts) == 2
                    and any(len(p) <= 2 for p in parts)
                    and any(
                        len(p) >= 2 and (self.lex.is_last(p) or self.lex.is_first(p)) and p not in self.lex.words
                        for p in parts
                    )
                )
            # strong cue: any mix of letters and digits/"._" that is not snake_case of plain words
            words = [p for p in parts if self.lex.is_word(p) and not (self.lex.is_first(p) or self.lex.is_last(p))]
            return digits or len(words) < len(parts)
        if not low.isalpha() or len(low) < 4 or self.lex.is_word(low) or self._words(low):
            return False
        if self._bare_ok(low):
            return True
        # a strong cue and a lowercase token that is no word ("ping ctecpatl", "DM astone")
        return strong and tok.islower() and low not in TEAM_WORDS

    def detect_cued(self, text: str) -> list[Span]:
        if not _CUE_HINT.search(text):
            return []
        spans = []
        for m in _HANDLE_CUE.finditer(text):
            tok = m.group(3)
            if text[m.end(3) : m.end(3) + 1] in ("=", "("):
                continue  # "user_id_field=login", "login(ctx)": code, not a person
            if m.group(1) is None and tok[0].isupper() and tok.isalpha():
                continue  # "signed with Velora": a capitalised word after a weak cue is a name's or company's
            if self.handle_shaped(tok, strong=m.group(1) is not None):
                spans.append(Span(m.start(3), m.end(3), "USERNAME"))
        return spans

    # -------------------------------------------------------------- where a handle stands
    def detect(self, text: str, known_names: set[str] = frozenset()) -> list[Span]:  # type: ignore[assignment]
        """Chat sender labels that look like handles, and free-standing tokens made of name fragments
        (or of a name found elsewhere in the text, ``yaretzic`` after ``Yaretzi``)."""
        spans: list[Span] = self.detect_cued(text)
        for m in _SENDER_TIME.finditer(text) if ":" in text else ():
            tok = m.group(1)
            low = tok.lower()
            if (
                low not in COMMON_WORDS
                and low not in STOP
                and (self.handle_shaped(tok, strong=True) or (self.lex.known(low) and not self.lex.is_word(low)))
            ):
                spans.append(Span(m.start(1), m.end(1), "USERNAME"))
        if ":" in text:
            labels = [m.group(1).lower() for m in _CHAT_LABEL.finditer(text)]
            for m in _CHAT_LABEL.finditer(text):
                label = m.group(1)
                low = label.lower()
                if (
                    low in GENERIC_ACCOUNTS
                    or low in _LINE_LABELS
                    or label.upper() == label
                    and not re.search(r"[a-z]", low)
                ):
                    continue
                if (re.search(r"[_.\d]", label) and re.search(r"[a-z]{2}", low) and not _is_speaker(label)) or (
                    label.islower()
                    and not self.lex.is_word(low)
                    and not self._words(low)
                    and (
                        self.made_of_names(low)
                        or self._bare_ok(low)  # "jdoe: thanks"
                        # a lowercase sender no list knows, speaking more than once ("ctecpatl: ok so")
                        or (labels.count(low) >= 2 and len(low) >= 4 and not self.lex.known(low) and low not in STOP)
                    )
                ):
                    spans.append(Span(m.start(1), m.end(1), "USERNAME"))
        for m in _BARE.finditer(text):
            tok = m.group(0)
            if (
                "-" in tok
                or self.lex.is_word(tok)
                or self.lex.known(tok)
                or tok in GENERIC_ACCOUNTS
                or self._words(tok)
            ):
                continue
            if _FILE_EXT.search(tok) or text[m.end() : m.end() + 1] == "=" or tok.split("_")[0] in _TECH:
                continue  # "settings_prod.yaml", "max_retries=5"
            if all(self._wordish(p) for p in re.split(r"[._]+", tok.rstrip("0123456789")) if len(p) > 1):
                continue  # "foo.bar", "metrics_v3" of ordinary words: a file or a setting, not a person
            if "." in tok and self._config_leaf(tok.rsplit(".", 1)[1]):
                continue  # "beacon.retry_limit": a dotted config key with a snake_case leaf
            if len(tok) == 4 and not (
                (self.lex.is_last(tok[1:]) and not self.lex.is_word(tok[1:]))
                or (self.lex.is_first(tok[:-1]) and not self.lex.is_word(tok[:-1]))
            ):
                continue  # four letters: only an initial and a surname that is no word ("hkim"), not "yaml"
            if self._bare_ok(tok) or _contains_name(tok, known_names):
                spans.append(Span(m.start(), m.end(), "USERNAME"))
        return [sp for sp in spans if not _is_speaker(text[sp.start : sp.end])]  # "spk_0", "speaker_01"


_SPEAKER = re.compile(r"^(?:speaker|spk|participant|caller|agent)[ _-]?\d+$", re.IGNORECASE)


def _is_speaker(label: str) -> bool:
    return bool(_SPEAKER.match(label))


def _contains_name(tok: str, names: set[str]) -> bool:
    """``yaretzic`` / ``cyaretzi42`` when "yaretzi" is a name found in the text (a few extra characters)."""
    if not names:
        return False
    core = re.sub(r"[\d_.\-]", "", tok)
    for nm in names:
        if len(nm) >= 4 and nm in core and len(core) - len(nm) <= 3 and core != nm:
            return True
    return False
