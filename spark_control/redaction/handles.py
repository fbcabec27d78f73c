"""Usernames and handles that are not behind an ``@``: ``jdoe``, ``smunoz``, ``walkerh2``, ``m_walker``.

A handle is recognised by what it is made of (name fragments and initials, digits, ``._``) and
where it stands (after "user:", "login", "handle"..., or as the sender label of a chat line).
Ordinary words are never handles, so "the login page" and "user: guest" stay as they are."""

from __future__ import annotations

import bisect
import re
import unicodedata

from spark_control.redaction.handle_score import score
from spark_control.redaction.lexicon import (
    COMMON_WORDS,
    EXTRA_RANK,
    NAME_DICT_WORDS,
    PARTICLES,
    STOP,
    TEAM_WORDS,
    TOOL_WORDS,
    Lexicon,
    remembered,
)
from spark_control.redaction.names import TITLES
from spark_control.redaction.ner import BRANDS
from spark_control.redaction.spans import Folded, Span, Triggered, per_text, scan

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
_SITE_TLDS = frozenset("ai io com org net dev app co me tv gg ly so sh xyz tech cloud".split())
_BARE = re.compile(r"(?<![\w@./:\-])[a-z][a-z0-9_.\-]{2,38}[a-z0-9](?![\w@/\-]|\.\w)")
# where people put a handle without its "@": "ping jdoe", "assigned to kowalski_m", "cc sunnyfox_21",
# "account maria.t88 is locked", "reset for kowalski.m". Strong cues take any handle-shaped token;
# weak ones ("for", "from", "by") only one with digits, "._" or made of name fragments.
_STRONG_CUES = (
    r"ping|pinged|pinging|cc|cc'd|dm|dm'd|dms|tag|tagged|(?:re)?assign(?:ed)?(?:\s+(?:it|this|ticket))?\s+to|"
    r"hand(?:ed)?\s+(?:it\s+)?(?:over\s+)?to|escalated?\s+to|reach(?:\s+out\s+to)?|message|msg|"
    r"user|account|login|acct|"
    r"assignee|requester|reporter|owner|submitted\s+by|opened\s+by|raised\s+by|submitter|assigned|approver|rep|"
    r"handler|creator|reviewer|caller|member|employee|technician|poc|dri|author|recipient|nick(?:name)?|alias|"
    r"(?:verified|logged\s+in|signed\s+in|known)\s+as|"
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
    r"disabl|enabl|suspend|requester|reporter|owner|by|for|from|with|and|thanks|thx|ty|submit|approv|rep|handl|"
    r"creat|review|caller|member|employ|technic|poc|dri|author|recipient|nick|alias|as)",
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
# sales regions and markets: "all of emea", "apac on-call"
_REGIONS = frozenset("emea apac apj latam amer amers emeia dach benelux nordics anz mena cee".split())


# how English words may begin: "jdoe", "mkoc", "vtran" begin otherwise (an initial and a surname)
_ONSET = re.compile(
    r"[aeiouy]|[bcdfgkpt][lr]|s[chklmnpqtw]|[cst]h|[dgkpw]r|wh|tw|dw|kn|gn|ps|qu|sch|sph|spr|str|scr|spl|thr"
)
_SEG_PARTICLES = frozenset(
    "van von der den de da di du la le del della dos das st ter ten mac mc bin ben al el".split()
)


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
            named = [p for p in pieces if p not in _SEG_PARTICLES]
            if i == n:
                if any(len(p) >= 3 for p in named) and sum(len(p) <= 2 for p in named) <= 2:
                    best = pieces
                return
            if len(named) == 3:
                return
            for j in range(n, i, -1):
                p = core[i:j]
                # a particle inside a surname does not count: "kstjohn", "nvanderberg", "jdelacruz"
                if (len(p) <= 2 and (j == n or i == 0)) or self._name_piece(p) or (p in _SEG_PARTICLES and j < n):
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
            if len(name) < 3 or e is None or (e.zipf < 15 and e.rank != EXTRA_RANK):
                # zipf 0: a data-set oddity, not a real name (unless hand-listed: "icanul", "ktzuc")
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
        if re.search(r"[\d_.\-]", v):
            # "svc_backup", "ci.runner", "svc-backup": service accounts made of technical parts only
            parts = [p for p in re.split(r"[._\-]+", v.rstrip("0123456789")) if p]
            return not (parts and all(p in _TECH_PARTS or p in GENERIC_ACCOUNTS for p in parts))
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
            # ("svc_backup", "ci_runner": technical parts count as words)
            words = [
                p
                for p in parts
                if p in _TECH_PARTS or (self.lex.is_word(p) and not (self.lex.is_first(p) or self.lex.is_last(p)))
            ]
            return digits or len(words) < len(parts)
        if not low.isalpha() or len(low) < 4 or self.lex.is_word(low) or self._words(low):
            return False
        if self._bare_ok(low):
            return True
        # a strong cue and a lowercase token that is no word ("ping ctecpatl", "DM astone")
        return strong and tok.islower() and low not in TEAM_WORDS

    def detect_cued(self, text: str, cued: list[re.Match] | None = None) -> list[Span]:
        """Handle-shaped tokens after a cue; ``cued`` is ``cue_matches(text)`` when the caller has it."""
        spans = []
        for m in cue_matches(text) if cued is None else cued:
            tok = text[m.start(3) : m.end(3)]  # (as written: the match may come from the lowercased copy)
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
        cued = cue_matches(text)  # one scan, two judges: the shape rules here, the scorer below
        spans: list[Span] = self.detect_cued(text, cued)
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
            labels = [m.group(1).lower() for m in scan(_CHAT_LABEL, text)]
            for m in scan(_CHAT_LABEL, text):
                label = m.group(1)
                low = label.lower()
                if (
                    low in GENERIC_ACCOUNTS
                    or low in _LINE_LABELS
                    or _software(low)
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
                or _software(tok)
                or self._words(tok)
            ):
                continue
            if _FILE_EXT.search(tok) or text[m.end() : m.end() + 1] == "=" or tok.split("_")[0] in _TECH:
                continue  # "settings_prod.yaml", "max_retries=5"
            if all(self._wordish(p) for p in re.split(r"[._]+", tok.rstrip("0123456789")) if len(p) > 1):
                continue  # "foo.bar", "metrics_v3" of ordinary words: a file or a setting, not a person
            head, _, tld = tok.rpartition(".")
            if tld in _SITE_TLDS and all(self._wordish(p) for p in re.split(r"[._]+", head) if len(p) > 1):
                continue  # "fast.ai", "read.cv": a site named with words
            if "." in tok and self._config_leaf(tok.rsplit(".", 1)[1]):
                continue  # "beacon.retry_limit": a dotted config key with a snake_case leaf
            if len(tok) == 4 and not (
                (self.lex.is_last(tok[1:]) and not self.lex.is_word(tok[1:]))
                or (self.lex.is_first(tok[:-1]) and not self.lex.is_word(tok[:-1]))
            ):
                continue  # four letters: only an initial and a surname that is no word ("hkim"), not "yaml"
            if self._bare_ok(tok) or _contains_name(tok, known_names):
                spans.append(Span(m.start(), m.end(), "USERNAME"))
        spans += self.detect_positions(text, spans, known_names)  # type: ignore[attr-defined]
        spans += self.detect_scored(text, known_names, cued)  # type: ignore[attr-defined]
        spans += self.detect_slots(text, spans, known_names, cued)  # type: ignore[attr-defined]
        spans += self.detect_places6(text, spans, known_names)  # type: ignore[attr-defined]
        # not "spk_0", "speaker_01", nor a sales region ("all of emea")
        spans = [sp for sp in spans if not _is_speaker(v := text[sp.start : sp.end]) and v.lower() not in _REGIONS]
        spans = (
            spans
            + [
                sp
                for sp in self.detect_places7(text, spans)  # type: ignore[attr-defined]
                if (v := text[sp.start : sp.end]).lower() not in known_names and not _is_speaker(v)
            ]
        )
        spans = spans + self.detect_places8(text, spans, known_names)  # type: ignore[attr-defined]
        return spans + self.detect_places9(text, spans, known_names)  # type: ignore[attr-defined]


def cue_matches(text: str) -> list[re.Match]:
    """Every handle cue in ``text`` ("user:", "ping", "thanks"...), token in group 3; a match may come
    from the lowercased copy, so read values by position."""
    low = text.lower()
    return list(_HANDLE_CUE_F.finditer(text, low)) if _CUE_HINT_F.search(text, low) else []


_SPEAKER = re.compile(r"^(?:speaker|spk|participant|caller|agent)[ _-]?\d+$", re.IGNORECASE)


def _software(low: str) -> bool:
    """A tool, service or distribution ("cron", "jenkins", "ubuntu2404", "standupbot"), not a person."""
    stem = low.rstrip("0123456789")
    return (
        stem in BRANDS or stem in TOOL_WORDS or stem.endswith("bot") or (stem.endswith("js") and len(stem) >= 5)
    )  # "nodejs20", "vuejs"; not "rjs" (initials)


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


# ---------------------------------------------------------------- bare handles in a person's place
# (issue #13, second round) A lowercase token shaped like a handle (``sunnyfox``, ``quiet.river``,
# ``bluecat_7``, ``maple88``, ``xk42``) counts where a person stands in running text: the subject
# of "said/asked/wrote...", after "thanks/hi/ask/told/spoke with", before "'s", addressed at the
# start of a message, next to a name in a list. Technical words (hosts, queues, config keys,
# versions) never count, nor a token before a technical noun ("the sunnyfox service").
_TOK = r"[a-z][a-z0-9_.\-]{1,38}[a-z0-9]"
_HUMAN_VERBS = (
    r"said|says|asked|wrote|replied|mentioned|suggested|suggests|confirmed|confirms|"
    r"agreed|agrees|thinks|thought|promised|explained|complained|apologi[sz]ed|volunteered|noticed|pointed\s+out|"
    r"pinged|messaged|emailed|texted|called|told|tells|reckons|figured|joined|left|posted|reported|pushed|shared|"
    r"approved|reviewed|uploaded|signed\s+off|commented|opened|closed|merged|reacted|unlocked|touched|presented|"
    r"never\s+got|already\s+(?:had|has|did)|set\s+the\s+topic|raised|escalated|sent|starts|started|is\s+out|is\s+off|is\s+on\s+leave|will\s+(?:send|check|look|take|"
    r"handle|review|join|follow)|can\s+you|could\s+you|would\s+you|are\s+you|did\s+you|do\s+you|pls|please|plz|"
    r"and\s+(?:[iI]|me)\b|and\s+[A-Z][a-z]+\s+(?:are|were|will|have)|here(?=\s*[,.!:\-])"
)
_SUBJ = re.compile(
    r"(?<![\w@./:\-'])("
    + _TOK
    + r")(?:'s\s+([a-z]+)|,?\s+(?:just\s+|also\s+|already\s+|then\s+)?(?:"
    + _HUMAN_VERBS
    + r")\b)"
)
_OBJ = re.compile(
    r"(?<![\w'])(?:(?:hi|hey|hello)[,!]?\s+(?:this\s+is|it['\u2019]s|i['\u2019]?m|i\s+am)|thanks|thank\s+you|thx|ty|cheers|hi|hey|hello|yo|congrats|welcome|great\s+catch|good\s+catch|"
    r"ask|asked|asking|tell|told|telling|talked\s+to|talk\s+to|talking\s+to|spoke\s+(?:to|with)|speak\s+(?:to|with)|"
    r"chat(?:ted)?\s+with|sync(?:ed)?\s+with|pair(?:ed)?\s+with|met\s+with|meet\s+with|according\s+to|"
    r"me\s+and|you\s+and|i\s+and|shout\s*-?\s*out\s+to|kudos\s+to|props\s+to|congrats\s+to|h/t|"
    r"hat\s+tip\s+to|known\s+as|goes\s+by|go\s+by|going\s+by|call\s+me|aka|a\.k\.a\.?|"
    r"loop(?:ed)?\s+in|(?:over|things|it)\s+to|(?:re)?assigned\s+(?:from|to)|on\s+behalf\s+of|"
    r"forward(?:ed)?\s+(?:it\s+|this\s+)?to|mention(?:ed)?\s+of|belongs\s+to|waiting\s+on|sign-?off\s+from|"
    r"new\s+hire|hand(?:ed)?\s+off\s+to|per|"
    r"(?<![^\n])[ \t]*(?:from|to|cc|bcc|sender|sent\s+by|author|by):)\s+(" + _TOK + r")(?![\w@/\-]|\.\w)",
    re.IGNORECASE,
)
# a line label that names a person ("Attendees:", "Signed-off-by:", "Action:", "AI (x):") and an
# IRC-style sender ("<xk42> morning")
_OBJ_LABEL = re.compile(
    r"(?<![^\n])[ \t\-*]*(?:(?:committer|attendees|present|participants|co-authored-by|signed-off-by|reviewed-by|"
    r"acked-by|tested-by|reported-by|action(?:\s+item)?|todo)[ \t]*:[ \t]*|ai[ \t]*\((?=[^)\n]*\)\s*:)|<(?=[^>\n]{3,40}>))"
    r"(" + _TOK + r")(?![\w@/\-]|\.\w)",
    re.IGNORECASE,
)
# "Dana Smith (sunnyfox)": a handle in brackets after a name
_PAREN = re.compile(r"\b([A-Za-z][a-z]+)(?:\s+[A-Z][A-Za-z'\-]+)?\s+\((" + _TOK + r")\)")
# a sign-off: "Thanks,\nmaple88", "cheers\n- xk42"
_SIGNOFF = re.compile(
    r"(?:^|\n)[ \t\-*\u2022>]*(?:thanks|thank\s+you|many\s+thanks|cheers|best|regards|best\s+regards|kind\s+regards|br|ttyl|"
    r"talk\s+soon|later|thx|ty|sincerely)[ \t]*[,!.]?[ \t]*\n[ \t]*[-\u2013\u2014~]*[ \t]*("
    + _TOK
    + r")[ \t]*(?=\n|$)",
    re.IGNORECASE,
)
# the next items of a list that starts with a handle: "cc maple88, xk42 and sunnyfox"
_LIST_NEXT = re.compile(
    r"(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+|[ \t]*[&/][ \t]*)@?(" + _TOK + r")(?![\w@/\-]|\.\w)"
)
# weaker places: a handle there must hold a part that is no ordinary word ("xk42", "sunnyfox",
# "dana_otter"; not "maple88" or "quiet_river", which could be a queue or a config key)
_SUBJ_WEAK = re.compile(
    r"(?<![\w@./:\-'])(" + _TOK + r")\s+(?:just\s+|also\s+|still\s+)?(?:"
    r"wants|wanted|needs|needed|knows|knew|likes|loves|hates|feels|felt|believes|remembers|forgot|missed|"
    r"(?:is|was)\s+(?:right|wrong|back|away|busy|sick|here|there|around|online|offline|late|working|looking|"
    r"going|taking|handling|waiting|asking|saying|out|off|on\s+(?:it|holiday|vacation|leave))|"
    r"(?:will|would|can|could|should|might|may)\s+(?:be\s+(?:late|out|off|back|away|there|here)|send|check|look|"
    r"take|handle|review|join|call|email|ping|help|know|ask|share|present|update|confirm|cover|sort)|"
    r"has\s+(?:a\s+question|the\s+details|the\s+numbers|questions)|had\s+a\s+question)\b"
)
_OBJ_WEAK = re.compile(
    r"(?<![\w'])(?:with|from|for|[a-z]{3,}ed\s+by|(?:reported|approved|reviewed|written|created|sent|posted|shared|fixed|merged|"
    r"requested|suggested|flagged|raised|opened|closed|edited|submitted|filed|logged|uploaded|signed|"
    r"answered|handled|taken)\s+by|via|this\s+is|it['\u2019]s|i['\u2019]?m|i\s+am|here['\u2019]s)\s+("
    + _TOK
    + r")(?![\w@/\-]|\.\w)",
    re.IGNORECASE,
)
# addressed at the start of a message: "maple88, can you...", "xk42 - are you joining?"
_VOC = re.compile(
    r"(?:^|[.!?]\s+|:\s+)[ \t\-*•>]*(?:(?:yeah|yes|ok|okay|so|um|uh|oh|well|also|and|but)[, ]+)*(" + _TOK + r")"
    r"(?:,|\s+-)\s+(?:can|could|would|will|are|did|do|does|have|has|is|pls|please|plz|you|your|any|quick|just|"
    r"let|thanks|thank|when|where|what|how|why|i|we|u|r|ok|okay|hey|lmk|fyi|sorry|got|ready|still|see|welcome)\b",
    re.M | re.IGNORECASE,
)
# the case-insensitive cue scans run on the lowercased copy of ASCII text (2-3x faster: spans.Folded)
_HANDLE_CUE_F, _CUE_HINT_F, _OBJ_F, _OBJ_WEAK_F, _VOC_F, _SIGNOFF_F = map(
    Folded, (_HANDLE_CUE, _CUE_HINT, _OBJ, _OBJ_WEAK, _VOC, _SIGNOFF)
)
# next to a name in a list: "present: Dana, xk42, and me", "Dana and maple88"
_LIST = re.compile(r"\b([A-Za-z][a-z]{2,})(?:,\s*|\s+and\s+)(" + _TOK + r")(?:,|\s+and\b|\s+(?:are|were|have)\b)")
# a source file: "crypt.h", "alffplay.cpp", "make_sunver.pl" ("maple.d", a name and an initial, stays)
_CODE_FILE = re.compile(
    r"\.(?:cc|cpp|hpp|hh|cxx|pl|pm|rb|go|rs|java|kt|swift|mm|in|pc|tex|el|vim|lua|asm|ko|am|ac|mk|ts|py|js|sh)$"
)
# what a person has: "sunnyfox's laptop" (a letters-only compound before another noun may be
# software: "readelf's source", "debhelper's rules")
_PERSONAL = frozenset(
    """
    laptop desk phone car kid kids wife husband partner mom mum dad mother father sister brother boss manager team
    birthday draft message email comment question idea pr charger bag keys badge office calendar slides notes
    account password mic camera screen leave vacation holiday flight birthday cat dog house place name number
    """.split()
)
_MSG_LINE = re.compile(r"[ \t]*[\-*•>]")
_CODE_CHARS = re.compile(r"[=(){}\[\]`<>]")
_DETERMINERS = frozenset(
    "the a an this that these those our your my their his her its some any each every no new old".split()
)
# words that make a token technical: parts of config keys, hosts, queues, software
_TECH_PARTS = _TECH | frozenset(
    """
    mode level id ids name type size count max min timeout retries retry enabled disabled flag path dir url uri
    host port key token env config cfg conf log logs tmp temp prod staging local remote data file files api
    only read write cache queue job jobs task tasks worker workers service svc server client main master hotfix
    feature fix bugfix release ver version report export import default example sample demo public private
    internal external status state time date ts backup bak final draft tier sprint web app srv vm gpu cpu
    core cores zone region rack room floor step phase stage page line item slot batch run case week day
    cluster pod shard replica subnet vlan lan wifi wlan eth guest bucket topic table column index schema
    metric metrics dashboard plan fy win mac ios android ubuntu gcc clang llvm utf sha md mp
    ipv http https tls ssl ssh ec gp hp amd arm aarch cuda sm es py npm pip gpt llama ai ml cron bot ci cd
    lz ps xb gb mb kb tb fp bf rx tx ddr lte usb hdmi pcie nvme wpa dx vs js ts cs qt gt rtx gtx sd hd uhd av
    aes des rsa rfc cve iso cpp mod napi ui color util utils os sys np pd get put add del init base curve shake self this cls args kwargs ctx req res err obj hevc vp ogg sku model iphone pixel galaxy ie sql wsl jdk jre ff db dbs pg net dns cdn sso chapter section
    figure fig appendix lesson unit test exam question part rev hall gate bay dock route bus train flight
    platform office covid web windows series mark gen
    """.split()
)
# a technical noun right after the token: "the sunnyfox service", "the otter_lazy flag"
_TECH_NEXT = frozenset(
    """
    service services table tables flag flags setting settings column columns key keys branch repo repository
    file files host hosts server servers cluster node nodes instance instances pod pods container image images
    bucket queue topic job jobs cron role env variable var field index config option options param module
    package library lib script pipeline endpoint api db database model dataset plugin extension theme template
    macro feature release build version tag launch sample samples folder dir directory log logs metric metrics
    dashboard mode subnet port printer device sensor board chip card drive disk volume partition sandbox
    output input export import sdk cli app account tier rocket engine protocol format codec driver kernel
    """.split()
)


# pieces of technical compounds ("backoff", "fallback", "timestamp", "preflight", "workflow")
_COMPOUND_PARTS = frozenset(
    """
    back off up down out over under time self pre re auto multi fall loop data web work net stamp flow line base
    point case book mark side ware word wide check list load code file key host name port path type head tail
    set get run end start stop lock sync shot hook call cast sign log info conf config sys lib font open tex dep
    comp ssl tls xml http text view edit form page link tool tools kit sub super inter counter video tele micro
    macro meta para anti semi non yester
    """.split()
)
_DERIVED = re.compile(r"(?:tion|sion|ing|ed|ics|ity|ness|ment|able|ible|ous|ive|ism|ist|ery|ure|ance|ence|ies|ers)$")


def _split_two(self: Handles, core: str) -> bool:
    """``sunnyfox``, ``danafox``: two pieces of 3+ letters, a word or a first name then a word; not
    a derived word ("redaction") or a technical compound ("backoff", "timestamps")."""
    if _DERIVED.search(core):
        return False
    w = self.lex.is_word
    for i in range(3, len(core) - 2):
        a, b = core[:i], core[i:]
        if a in _COMPOUND_PARTS or b in _COMPOUND_PARTS or b.rstrip("s") in _COMPOUND_PARTS:
            continue
        if a in STOP or b in STOP or a in COMMON_WORDS or b in COMMON_WORDS:
            continue
        if (w(a) or self.lex.is_first(a)) and w(b):
            return True
    return False


def _person_compound(self: Handles, tok: str, phrase: str) -> bool:
    """After with/for/from, a letters-only handle must start with a first name that is no word
    ("danabadger"); after "reported by, fixed by..." any two glued words will do ("cosmicpebble")."""
    if _DERIVED.search(tok) or len(tok) < 6:
        return False
    if any(
        self.lex.is_first(tok[:i]) and not self.lex.is_word(tok[:i]) and self.lex.is_word(tok[i:]) for i in (3, 4, 5, 6)
    ):
        return True
    return phrase.lower().rstrip().endswith(("by " + tok).lower()) and _split_two(self, tok)


def _coined(self: Handles, tok: str) -> bool:
    """Some letter group of the handle is no ordinary word ("xk42", "sunnyfox", "dana_otter"), or
    words end in two digits or more ("badger41") or in "_<digits>" ("cactus_silver49")."""
    groups = [p for p in re.split(r"[._\d]+", tok) if len(p) >= 2]
    if any(not self._wordish(p) for p in groups):
        return True
    if re.fullmatch(r"[a-z]{3,}[._][a-z]|[a-z][._][a-z]{3,}", tok):
        return True  # "badger.p", "k.otter": a word and an initial
    return "." not in tok and bool(re.search(r"[a-z]\d{2,}$|_[a-z]+\d+$", tok))


def bare_handle_shape(
    self: Handles,
    tok: str,
    hyphen: bool = False,
    names: set[str] = frozenset(),  # type: ignore[assignment]
    person: bool = False,
) -> bool:
    """A lowercase token that looks like a person's handle and like nothing technical; with
    ``hyphen``, also two words joined by "-" (``quiet-river``; only where a verb or greeting says
    it is a person, never "long-term, we...")."""
    if person and tok.lower() not in names and shaped_by_name(self, tok, known_only=False):
        return True  # "aroha-n", "Tawhiri_W", "TundeA" where a person stands
    if tok != tok.lower() or len(tok) < 3 or tok.endswith("."):
        return False
    if "-" in tok:
        hp = tok.split("-")
        return (
            hyphen
            and len(hp) == 2
            and all(len(p) >= 3 and p.isalpha() and not _DERIVED.search(p) and not p.endswith("ly") for p in hp)
            and not any(
                p in STOP or p in COMMON_WORDS or p in _TECH_PARTS or p in BRANDS or p in TEAM_WORDS for p in hp
            )
        )
    if (
        tok in GENERIC_ACCOUNTS
        or tok in STOP
        or tok in COMMON_WORDS
        or tok in BRANDS
        or tok in TEAM_WORDS
        or tok in _ABBREV
        or tok in _LINE_LABELS
        or _FILE_EXT.search(tok)
        or self.lex.is_word(tok)
    ):
        return False
    stem = tok.rstrip("0123456789")
    if stem.startswith("lib") or stem.endswith("lib") or re.search(r"\.\d", tok) or _CODE_FILE.search(tok):
        return False  # "libsodium", "glib2", "tcl8.5", "alffplay.cpp"
    if re.search(r"\.[ch]$", tok) and not self.lex.is_first(tok[:-2]) and not self.lex.is_last(tok[:-2]):
        return False  # "crypt.h", "atanq.c"; "dana.m" is a name and an initial
    parts = [p for p in re.split(r"[._]+", tok) if p]
    if not parts or any(not re.fullmatch(r"[a-z]+\d*|\d+", p) for p in parts):
        return False  # "v4.2.0", "a1b2"
    letters = [p.rstrip("0123456789") for p in parts]
    if any(
        p in _TECH_PARTS or p.rstrip("s") in _TECH_PARTS or p in BRANDS or p in TEAM_WORDS or p.endswith("bot")
        for p in letters
        if p
    ):
        return False
    if "." in tok:
        last = tok.rsplit(".", 1)[1]
        if len(last) >= 2 and (not last.isalpha() or not (self.lex.is_word(last) or self.lex.known(last))):
            return False  # "pubring.gpg", "pkg.m4", "parse.tcsh": a file; "quiet.river", "maple.d" stay
    if any(len(p) >= 3 and p in STOP for p in letters):
        return False
    digits = any(p[-1].isdigit() for p in parts)
    if len(parts) > 1:
        # "quiet.river", "bluecat_7", "maple.d", "dana_otter": letter groups joined by "._"
        return any(len(p) >= 3 for p in letters) and not all(len(p) <= 1 for p in letters if p)
    core = letters[0]
    if digits:
        # "maple88", "sunnyfox42", "xk42": letters then digits; one letter ("v2", "h264") is technical
        return len(core) >= 2
    # letters only: two words or a first name and a word glued ("sunnyfox", "danafox")
    if len(core) >= 6 and not self.lex.known(core) and _split_two(self, core):
        return True
    # where a person surely stands, a made-up word will do: pieces of names no list has ("juhkor")
    # (not a name the name pass found: "thanks Yaretzi" stays a PERSON)
    return (
        person
        and (len(core) >= 5 or (len(core) == 4 and _ONSET.match(core) is None))
        and core not in names
        and not self.lex.known(core)
        and _name_part(self, core, False)
    )


def detect_positions(
    self: Handles,
    text: str,
    seeds: list[Span] = (),  # type: ignore[assignment]
    names: set[str] = frozenset(),  # type: ignore[assignment]
) -> list[Span]:
    """Handle-shaped lowercase tokens where a person stands, with no username cue (see above);
    ``seeds``: handles already found, whose list continues ("cc maple88, xk42 and sunnyfox")."""
    found: dict[tuple[int, int], None] = {}

    low = text.lower()

    def take(m: re.Match, g: int, hyphen: bool = True, person: bool = False) -> None:
        s, e = m.start(g), m.end(g)
        tok = text[s:e]  # as written (the match may come from the lowercased copy)
        prev = re.search(r"([A-Za-z]+)[ \t]+$", text[max(0, s - 24) : s])
        if prev and (prev.group(1).lower() in _DETERMINERS or prev.group(1).lower() in _TECH_NEXT):
            return  # "the healthcheck said", "service maple88 posted"
        nxt = re.match(r"(?:'s)?\s+([A-Za-z]+)", text[e : e + 24])
        if nxt and nxt.group(1).lower() in _TECH_NEXT:
            return  # "the otter_lazy flag", "falcon9's engine"
        if text[e : e + 1] in ("=", "(", "`") or text[s - 1 : s] == "`":
            return
        if bare_handle_shape(self, tok, hyphen, names, person):
            found[(s, e)] = None

    for m in scan(_SUBJ, text):
        if m.group(2) is None:
            take(m, 1, person=True)
        elif m.group(2) not in _TECH_NEXT and (
            not m.group(1).replace("-", "").isalpha() or m.group(2) in _PERSONAL or m.group(2).rstrip("s") in _PERSONAL
        ):
            # "xk42's draft", "rusty-lantern's laptop"; a plain compound only before a personal
            # noun (not "readelf's source"), a hyphenated one never else ("cross-encoder's logit")
            take(m, 1, hyphen=m.group(2) in _PERSONAL)
    for m in _OBJ_F.finditer(text, low):
        take(m, 1, person=True)
    if ":" in text or "<" in text:
        for m in _OBJ_LABEL.finditer(text):
            take(m, 1, person=True)
    for m in scan(_VOC_F, text, low):
        ls, le = text.rfind("\n", 0, m.start(1)) + 1, text.find("\n", m.end(1))
        if _CODE_CHARS.search(text, ls, le if le >= 0 else len(text)):
            continue
        before = text[ls : m.start(1)]
        if not before.strip() and ls > 1 and text[ls - 2] not in ".!?:\n" and not _MSG_LINE.match(before):
            continue  # a wrapped line of prose ("possibile, ogni..."), not a new message
        if True:
            take(m, 1, hyphen=False)  # not "self.running, self.progress = ..." or "{name: spark1, ...}"
    for rx in (_SUBJ_WEAK, _OBJ_WEAK_F):
        for m in rx.finditer(text) if rx is _SUBJ_WEAK else rx.finditer(text, low):
            tok = text[m.start(1) : m.end(1)]
            if rx is _OBJ_WEAK_F and tok.isalpha() and not _person_compound(self, tok, text[m.start() : m.end()]):
                continue  # "with valgrind", "for threadpool": software as often as a person
            if _coined(self, tok):
                take(m, 1, hyphen=False)
    for m in _LIST.finditer(text):
        name = m.group(1)
        if name.islower() and re.search(r"[A-Z]", text[text.rfind("\n", 0, m.start()) + 1 : m.start()]):
            continue  # a lowercase word counts as a name only in a lowercase line ("dana and xk42 are out")
        if self.lex.is_first(name) and not self.lex.is_word(name):
            # made-up name pieces only in a lowercase chat line ("dana and juhkor are out"), not in a
            # capitalised list of software ("AES, Chacha, memxor")
            take(m, 2, person=name.islower())
    if "(" in text:
        for m in _PAREN.finditer(text):
            name = m.group(1)
            tok = m.group(2)
            if name.islower() and re.search(r"[A-Z]", text[text.rfind("\n", 0, m.start()) + 1 : m.start()]):
                continue  # a lowercase name only in a lowercase line ("attendees: dana okafor (cactus2)")
            if (
                name.lower() not in BRANDS
                and (self.lex.is_first(name) or self.lex.is_last(name))
                and not self.lex.is_word(tok)
                and tok not in STOP
            ):
                if self.made_of_names(tok) or self._bare_ok(tok):
                    found[(m.start(2), m.end(2))] = None
                else:
                    take(m, 2, person=True)
    if "\n" in text:
        for m in scan(_SIGNOFF_F, text, low):
            tok = text[m.start(1) : m.end(1)]
            if tok.islower() and not self.lex.is_word(tok) and (self._bare_ok(tok) or self.made_of_names(tok)):
                found[(m.start(1), m.end(1))] = None
            else:
                take(m, 1, person=True)
    # a list that starts with a handle goes on with handles
    todo = [(sp.start, sp.end) for sp in seeds if sp.type == "USERNAME"] + list(found)
    while todo:
        _, e = todo.pop()
        m = _LIST_NEXT.match(text, e)
        if m and (m.start(1), m.end(1)) not in found:
            n = len(found)
            tok = m.group(1)
            if tok.islower() and self.handle_shaped(tok, strong=True) and not self.lex.is_word(tok):
                found[(m.start(1), m.end(1))] = None
            else:
                take(m, 1, hyphen=False)
            if len(found) > n:
                todo.append((m.start(1), m.end(1)))
    return [Span(s, e, "USERNAME") for s, e in found]


Handles.bare_handle_shape = bare_handle_shape  # type: ignore[attr-defined]
Handles.detect_positions = detect_positions  # type: ignore[attr-defined]


# ---------------------------------------------------------------- handles built from a name
# (issue #13, third round) People build their handles from their names: ``edogan``, ``dogan.e``,
# ``emre_d``, ``emrdog``, ``doganem``, ``Emre.Dogan``, ``EDogan``, ``dogan-e92``. Two rules that do
# not depend on templates: (1) derivation: any token built from a name found in the same document
# or session (prefixes of two or three of its parts, glued or joined by "._-", digits after), and
# (2) shape: a name and an initial joined by "._-" or by a capital (``tran.l``, ``TundeA``,
# ``JBaek``), when the name part is a gazetteer name that is no frequent word.
# a token that may be a handle: not inside an e-mail, URL, path or dotted number; a branch after it
# ("edogan/fix-login") is fine
# (the first letter before the look-behind, "[A-Za-z](?<!X[A-Za-z])" for "(?<!X)[A-Za-z]": the same
# matches, ~1.6x faster, the engine skips what cannot start a match before checking what precedes)
_CAND = re.compile(r"[A-Za-z](?<![\w@/.\-+#:][A-Za-z])[A-Za-z0-9_.\-]{1,40}[A-Za-z0-9](?![\w@]|[._\-][A-Za-z0-9])")
_NAME_WORD = re.compile(r"[^\W\d_]+")
_SEP_INITIAL = re.compile(r"([A-Za-z]{3,})[._\-]([A-Za-z])\d*|([A-Za-z])[._\-]([A-Za-z]{3,})\d*")
_CAMEL_INITIAL = re.compile(r"([A-Z][a-z]{2,})([A-Z][a-z]?)\d*|[A-Z]{1,2}([A-Z][a-z]{2,})\d*")
_TWO_NAMES = re.compile(r"([A-Za-z]{3,})[._]([A-Za-z]{3,})\d*")
# capitals after a word that make it software, not a person: "MongoDB", "NodeJS", "PowerBI"
_CAPS_TECH = frozenset("DB JS QL OS AI ML IO UI UX ID PI TV VM CI CD PR QA HQ IT BI RT GL XP SE VR AR HD PC".split())
_FILE_LETTER = frozenset("chosa")  # "crypt.h", "main.c", "lib.a", "start.s", "x.o"


def _fold(s: str) -> str:
    s = s.lower().replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if c.isascii() and c.isalpha())


def _prefixes(p: str) -> set[str]:
    # four and five letters too ("oyelaade", "horvabis"): the other piece is then whole or three letters
    return {p[:1], p[:2], p[:3], p[:4], p[:5], p}


def name_parts(value: str) -> tuple[str, ...]:
    """A name's parts, folded to ASCII lowercase, without titles and particles: "Emre Doğan" -> emre, dogan."""
    parts: list[str] = []
    for n, m in enumerate(_NAME_WORD.finditer(value)):
        low = m.group(0).lower()
        if (n == 0 and low in TITLES) or low in PARTICLES:
            continue
        p = low if low.isascii() else _fold(low)
        if len(p) >= 2 and p not in parts:
            parts.append(p)
    return tuple(parts)


def name_forms(value: str) -> frozenset[str]:
    """The glued handle forms of a person's name (letters only, no digits or separators):
    "Emre Doğan" -> edogan, dogane, emred, emredogan, emrdog, doganem, ..."""
    parts = remembered(_PARTS, value, name_parts, 20_000)
    forms: set[str] = set()
    for a in parts[:4]:
        for b in parts[:4]:
            if a == b:
                continue
            for pa in _prefixes(a):
                for pb in _prefixes(b):
                    # one piece a whole part or three letters of it ("emrdog"), never "e"+"d"
                    if len(pa + pb) >= 3 and (pa in (a, a[:3]) or pb in (b, b[:3])) and max(len(pa), len(pb)) >= 2:
                        forms.add(pa + pb)
            for c in parts[:4]:
                if c not in (a, b):
                    forms.update((a[0] + b[0] + c, a + b[0] + c[0], a[0] + b + c[0], a + b + c))
    return frozenset(forms)


def _built_from_names(self: Handles, text: str, persons: list[str]) -> tuple[list[Span], list[Span]]:
    """One pass over the tokens: those built from the names of people found in the document or
    session (derived), and those shaped like a name and an initial (gazetteer names only)."""
    parts: set[str] = set()
    for v in persons:
        parts.update(remembered(_PARTS, v, name_parts, 20_000))
    firsts = {p[0] for p in parts}
    words = self.lex.words
    forms: set[str] | None = None  # built only when a token may need them
    out: list[Span] = []
    shaped: list[Span] = []
    for m in _CAND.finditer(text):
        tok = m.group(0)
        low = tok.lower()
        if tok.isalpha():
            rest = tok[1:]
            if rest.islower() and (tok[0].isupper() or low in words or low in COMMON_WORDS or low[0] not in firsts):
                continue  # a plain word (most of a text): "Dana", "the", "invoice"
            if tok.isupper():
                continue
        if not (tok.isalpha() and tok.islower()) and not _FILE_EXT.search(tok) and shaped_by_name(self, tok):
            shaped.append(Span(m.start(), m.end(), "USERNAME"))
            continue
        if not parts:
            continue
        core = low.rstrip("0123456789")
        glued = re.sub(r"[._\-]+", "", core)
        if "-" in core and all(p in parts for p in core.split("-")):
            continue  # "Smith-Jones", "Mary-Jane": the name itself, double-barrelled
        marked = glued != low or (tok[1:] != tok[1:].lower() and tok.upper() != tok)  # digits, "._-", "EDogan"
        if glued in parts:
            hit = marked and glued != core.strip("._-")  # "dogan42"; "dogan" alone is a name, not a handle
            hit = hit or (glued != low and low[len(core) :].isdigit() and len(core) >= 3)
        elif glued[:1] not in firsts and not marked:
            continue  # every glued form begins with a letter of a name part
        else:
            if forms is None:
                forms = set()
                for v in persons:
                    forms |= remembered(_FORMS, v, name_forms, 20_000)
            if glued in forms:
                hit = marked or (len(glued) >= 4 and not self.lex.is_word(glued) and glued not in STOP)
            else:
                # a name found alone and one or two letters: "linh.t", "t_linh", "linht"
                hit = any(
                    len(glued) - k >= 4
                    and (glued[:-k] in parts or (marked and glued[k:] in parts))
                    and (marked or not self.lex.is_word(glued))
                    for k in (1, 2)
                )
        if hit and low not in GENERIC_ACCOUNTS and low not in BRANDS and core not in _TECH_PARTS:
            out.append(Span(m.start(), m.end(), "USERNAME"))
    return out, shaped


_PARTS: dict = {}
_FORMS: dict = {}


def _name_part(self: Handles, p: str, known_only: bool) -> bool:
    """A name (or, unless ``known_only``, a made-up word) that no list of words or software has."""
    low = p.lower()
    if (
        low in STOP
        or low in COMMON_WORDS
        or low in BRANDS
        or low in TOOL_WORDS
        or low in _TECH_PARTS
        or low in TEAM_WORDS
        or low in GENERIC_ACCOUNTS
        or low in _LINE_LABELS
    ):
        return False
    if self.lex.is_first(low) or self.lex.is_last(low):
        return not self.lex.is_word(low) or self.lex.is_surname(low) or low in NAME_DICT_WORDS
    return (
        not known_only and not self.lex.is_word(low) and not _DERIVED.search(low) and bool(re.search(r"[aeiouy]", low))
    )


def shaped_by_name(self: Handles, tok: str, known_only: bool = True) -> bool:
    """``tran.l``, ``l_tran``, ``okonkwo-c7``, ``TundeA``, ``JBaek``, ``Chidi_Okonkwo``: a name and an
    initial (or two names) joined by "._-" or a capital. ``known_only``: the name part must be in
    the gazetteer (anywhere in a text); else a made-up word will do (where a person stands)."""
    m = _SEP_INITIAL.fullmatch(tok)
    if m:
        name, letter = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        sep = tok[len(m.group(1) or m.group(3))]
        if sep == "-" and self.lex.is_word(name):
            return False  # "x-ray", "t-shirt", "plan-b"
        if sep in "._" and tok.lower().rstrip("0123456789").endswith(("_t", ".t")) and not self.lex.known(name):
            return False  # "pid_t", "size_t": C types
        if sep == "." and m.group(1) and letter.lower() in _FILE_LETTER:
            return False  # "crypt.h", "atanq.c", "png.h"
        if m.group(1) and letter.lower() in "xv" and tok[-1].isdigit():
            return False  # "groff-x11", "node-v8"
        if name.lower().startswith("lib"):
            return False
        return _name_part(self, name, known_only)
    m = _CAMEL_INITIAL.fullmatch(tok)
    if m:
        if len(m.group(1) or m.group(3)) < 5:
            return False  # "MingW", "UMich": too short to tell from software
        if m.group(1):
            if m.group(2).upper() in _CAPS_TECH:
                return False  # "MongoDB"
            return _name_part(self, m.group(1), known_only)
        return _name_part(self, m.group(3), True)  # "JBaek"; never "OAuth", "XPath", "SQLite"
    m = _TWO_NAMES.fullmatch(tok)
    if m:
        a, b = m.group(1), m.group(2)
        return (
            _name_part(self, a, known_only)
            and _name_part(self, b, known_only)
            and any((self.lex.is_first(p) or self.lex.is_last(p)) and not self.lex.is_word(p) for p in (a, b))
        )
    return False


Handles.shaped_by_name = shaped_by_name  # type: ignore[attr-defined]


# ---------------------------------------------------------------- handles scored where accounts stand
# (issue #13, fourth round) A handle whose person is named nowhere in the text: ``rkaur``,
# ``osei.k``, ``jun.zhang2003`` in a git log, a CI line, a ticket feed, a chat, a CRM note. Two
# things decide, neither tied to a template: the position (where an account stands in any register:
# key-value fields, log lines, git output, chat system lines, ticket activity, "logged in as") and
# a learned score of the token's letters (``handle_score``: handles made of names of every country
# vs words and software). A strong position takes a modest score, a weak one a high score, and the
# rest of a list that holds a handle takes the same modest score as a strong position.
_TOK4 = r"([A-Za-z0-9][A-Za-z0-9_.\-]{1,38}[A-Za-z0-9])"
_END4 = r"(?![A-Za-z0-9_@]|[.\-/][A-Za-z0-9])"
# (tried only at its words and line starts: Triggered, ~2x faster than a scan of every position)
_STRONG4 = Triggered(
    re.compile(
        r"(?:"
        # key-value fields of tickets, CRM records, configs and logs: "assignee: x", "owner=x", "CSM: x"
        r"\b(?:(?:affected\s+)?users?(?:[ _\-]?names?)?|logins?|logon|accounts?(?:\s+login)?|acct|handles?|uid|owners?|assignees?|reporter|"
        r"author|committer|approver|reviewer|requester|submitter|creator|watchers?|csm|"
        r"contact\s+owner|(?:changed|updated|edited|closed|opened|created|modified|resolved|triggered|started|"
        r"cancell?ed|approved|merged|pushed|requested|reviewed|assigned|handled|verified|deployed)[ _\-]by)"
        r"[ \t]*[:=][ \t]*[\"'`]?"
        r"|--(?:author|user|committer)[= ]|\buser[ \t]+(?=[^\s,.;:]*\d)"
        # git trailers and bare "-by" cues: "Reviewed-by: x", "approved-by x", "force-pushed by x"
        r"|\b(?:reviewed|tested|acked|signed-off|co-authored|approved|reported|suggested|requested|merged)-by:?[ \t]+"
        r"|\b(?:force-pushed|pushed|triggered|started|requested|cancell?ed|rerun|re-run|approved|merged|"
        r"deployed|reverted|last\s+edited|edited|handled|verified|closed|opened|logged|assigned|reassigned|"
        r"escalated|updated|resolved)[ \t]+by[ \t]+"
        # "logged in as x", "her username is x", "the login is x", "the account under x"
        r"|\b(?:log(?:s|ged)?[ \t]+(?:in|on)|sign(?:s|ed)?[ \t]+in|authenticated)[ \t]+as[ \t]+"
        r"|\b(?:user[ \t]?name|login|handle|account|user[ \t]?id)[ \t]+(?:is|was|would\s+be)[ \t]+"
        r"|\baccount[ \t]+(?:under|for|of|named)[ \t]+"
        # log lines: "sudo: x :", "Accepted publickey for x from", "session opened for user x"
        r"|\bsudo:[ \t]+(?=[^\s]+[ \t]+:)"
        r"|\b(?:publickey|password|keyboard-interactive/pam)[ \t]+for[ \t]+(?:invalid[ \t]+user[ \t]+)?(?=[^\s]+[ \t]+from\b)"
        r"|\bfor[ \t]+user[ \t]+"
        # git: "3f2a9c1 (x) msg", shortlog "  42  x", "branch x/fix-..." , "from x/fix-..."
        r"|^[ \t]*[0-9a-f]{7,40}[ \t]+\((?=[^)\n]+\))"
        r"|^[ \t]+\d+[ \t]+(?=[^\s]+[ \t]*$)"
        r"|\bbranch[ \t]+(?=[^\s]+/)|\bfrom[ \t]+(?=[^\s/]+/[\w\-]+)"
        # chat system lines: "* x has joined", "<x> hi"
        r"|^[ \t]*\*[ \t]+(?=[^\s]+[ \t]+(?:has[ \t]+)?(?:joined|left|quit|is[ \t]+now))"
        r"|^[ \t]*(?:\[[\d:]{4,8}\][ \t]*)?<(?=[^>\s]+>)"
        r")" + _TOK4 + r"(?![A-Za-z0-9_@]|[.\-][A-Za-z0-9])",
        re.IGNORECASE | re.M,
    )
)
# the subject of account activity at the start of a line: "x changed the status", "x is typing...",
# "x pushed to", "remote: x pushed", "@@ x closed this"
_LEAD4 = Folded(
    re.compile(
        r"^[ \t]*(?:remote:[ \t]+|@@[ \t]+|[-*•][ \t]+)?" + _TOK4 + r"[ \t]+(?:"
        r"changed|assigned|unassigned|self-assigned|closed|reopened|opened|merged|approved|requested|linked|"
        r"commented|mentioned|added|removed|moved|edited|created|resolved|updated|pushed|committed|reviewed|"
        r"deleted|renamed|labell?ed|disagreed|agreed|reacted|joined|left|is[ \t]+typing|has[ \t]+joined|has[ \t]+left|"
        r"set[ \t]+the|started|triggered|deployed|cancell?ed|uploaded|shared|starred|forked|replied|wrote|said)\b",
        re.IGNORECASE | re.M,
    )
)
# weaker places: the subject or object of a person's verb in running text
_WEAK4 = Folded(
    re.compile(
        r"(?:(?<![\w\-])(?:thanks|thank\s+you|ty|thx|ok|okay|hey|hi|cc|ping|through|via|add|added|invite|invited|"
        r"to|by|from|with|ask|tell|told)[ \t]+)"
        + _TOK4
        + _END4
        + r"|"
        + _TOK4
        + r"[ \t]+(?:and[ \t]+[^\s]+[ \t]+)?(?:both[ \t]+)?(?:"
        r"said|says|wrote|asked|approved|reviewed|merged|pushed|closed|opened|disagreed|agreed|confirmed|does|did|"
        r"has|had|is|was|will|can|should|owns|fixed|broke|reverted|deployed|rolled|left|joined)\b",
        re.IGNORECASE,
    )
)
# the next items of a list once one item is a handle: "Watchers: x, y", "x then y", "add x and y"
_NEXT4 = re.compile(r"(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+(?:and|then|or|&)[ \t]+|[ \t]*/[ \t]*)" + _TOK4 + _END4)
# versions, quantities and short codes: "v2.3.1", "1.2.0-rc1", "5459ms", "64gb", "2nd", "h264", "a11y"
_VERSION4 = re.compile(r"v?\d+(?:[._\-]\d+)*(?:[._\-]?[a-z]+\d*)?|[a-z]{1,2}\d{1,3}|[a-z]\d{1,2}[a-z]{1,2}")
# what people say in a transcript, never an account ("agent: mm-hm")
_HTML4 = frozenset(
    "div span li ul ol tr td th br hr img pre code html head body script style table tbody thead form input "
    "button label select option meta link title nav section article header footer main svg path".split()
)
_INTERJECTIONS = frozenset("mm-hm mhm mm-hmm uh-huh uh-oh uh-uh hmm hmmm mmm erm umm uhh ahh ooh aha yup nope".split())
STRONG_MIN, MID_MIN, WEAK_MIN, ANY_MIN = 0.1, 0.4, 0.7, 1.3
NAMED_MIN = -0.3  # anywhere, a name then digits ("patel20", "collins1997"): the score only vetoes
NAMED_WEAK_MIN = 0.2  # in a weak place, a token holding a name needs a modest score
_NAME_DIGITS = re.compile(r"[a-z]{4,}\d{2,4}")  # one digit is a version: "jinja2", "dwarf2"
_BARE4 = re.compile(r"(?<![\w@./:\-#])[a-z][a-z]*(?:[0-9]|[_.\-][a-z0-9])(?:[a-z0-9_.\-]{0,36}[a-z0-9])?" + _END4)


# a person's place in prose: "xk's notes", "spoke w/ x", "per x,", "x - prefers phone" (a CRM line)
_PROSE4 = Folded(
    re.compile(
        r"(?:(?<![\w\-])(?:w/|w|per|with|from|as|is|via|cc)[ \t]+)"
        + _TOK4
        + r"(?=[ \t]*[,;]|[ \t]+(?:re|about|from|and|on|in|at|for|next|tomorrow|today)\b)"
        r"|(?:^|(?<=[\s(]))" + _TOK4 + r"(?:'s[ \t]+[a-z]|[ \t]+[-\u2013][ \t]+[a-z]|[ \t]+(?:out|off|away|back)\b)",
        re.IGNORECASE | re.M,
    )
)


def _initial_glued(self: Handles, tok: str) -> bool:
    """``rkaur``, ``rjkaur``, ``kaurr``, ``ravik``, ``ravikaur``: one or two letters glued to a
    gazetteer name that is no word, or two such names glued."""
    lex = self.lex

    def name(p: str) -> bool:
        return len(p) >= 3 and lex.known(p) and not lex.is_word(p)

    if name(tok[1:]) or name(tok[2:]) or name(tok[:-1]) or name(tok[:-2]):
        return True
    return any(name(tok[:i]) and name(tok[i:]) for i in range(3, len(tok) - 2))


def _name_core(self: Handles, tok: str, popular: bool = False) -> bool:
    """Some letter group of the token is a gazetteer name that is no word, or an initial glued to
    one ("collins1997", "patel20", "chaddad-sec1980"): the letters of a person, whatever the score."""
    parts = [p for p in re.split(r"[._\-\d]+", tok.lower()) if len(p) >= 3]
    if popular:  # ("avahi", "armhf": a rare gazetteer entry explains too much in a weak place)
        return any(self._popular_glued(p + "x") or self._popular_glued("x" + p) for p in parts)
    return any(
        (self.lex.known(p) and not self.lex.is_word(p)) or (len(p) >= 4 and _initial_glued(self, p)) for p in parts
    )


_PREV_WORD = re.compile(r"([A-Za-z]+)[ \t]+$")


def _popular_glued(self: Handles, tok: str) -> bool:
    """Anywhere, stricter than ``_initial_glued``: one or two letters glued to a popular name of 4+
    letters ("rkaur", "ravik"), never a jargon word a rare gazetteer entry explains ("gzip", "mmap")."""

    def popular(p: str) -> bool:
        e = self.lex.get(p)
        return len(p) >= 4 and e is not None and e.rank > 0 and not self.lex.is_word(p)

    return len(tok) >= 5 and any(popular(p) for p in (tok[1:], tok[2:], tok[:-1], tok[:-2]))


_GLUED4 = re.compile(r"(?<![\w@./:\-#'])[a-z]{5,20}(?![\w@/]|[.\-'][A-Za-z0-9])")
_GLUED: dict[str, bool] = {}


def _initials_glued(self: Handles, tok: str) -> bool:
    def popular(p: str, last: bool) -> bool:
        e = self.lex.get(p)
        return bool(e and 0 < e.rank and (e.last or not last) and not self.lex.is_word(p))

    if self.lex.known(tok):
        return False
    return any(popular(tok[k:], True) for k in (1, 2) if len(tok) - k >= 4) or any(
        popular(tok[:-k], False) for k in (1, 2) if len(tok) - k >= 5
    )


_CANDIDATES: dict[str, bool] = {}
_SRC4 = re.compile(r"\.[chsoa]$|\.[ch]pp$")  # "nm.c", "wchar.h", "start.s"


def _scored_candidate(self: Handles, tok: str) -> bool:
    return remembered(_CANDIDATES, tok, lambda t: _candidate(self, t), 50_000)


def _candidate(self: Handles, tok: str) -> bool:
    """What no score can overrule: capitalised words (names and companies have their own passes),
    ordinary words, role accounts, software, files, versions, hex ids, config keys."""
    low = tok.lower()
    if tok != low and not re.search(r"[\d_.\-]", tok):
        return False
    if (
        not re.search(r"[a-z]", low)
        or _VERSION4.fullmatch(low)
        or (re.fullmatch(r"[0-9a-f]{6,}", low) and re.search(r"\d", low))
    ):
        return False  # "v2.3.1", "1.2.0-rc1", "a1b2c3d"; "0k4for", "tjh39" stay candidates
    if low in GENERIC_ACCOUNTS or low in STOP or low in COMMON_WORDS or low in _LINE_LABELS or low in _ABBREV:
        return False
    if _software(low):
        return False  # a runtime or tool with its version: "nodejs20", "redis7"
    if low in _INTERJECTIONS or low in _HTML4:
        return False
    if _FILE_EXT.search(low) or _CODE_FILE.search(low) or _software(low) or _is_speaker(low) or _SRC4.search(low):
        return False
    if self.lex.is_word(low):
        return False
    parts = [p for p in re.split(r"[._\-]+", low.rstrip("0123456789")) if p]
    for p in parts:
        if p in BRANDS or p in TOOL_WORDS or p in TEAM_WORDS or p.endswith("bot"):
            return False
    # "svc-backup", "new_checkout", "worker-03": every part a word or technical: not a person
    # ("rl_pre_input_hook": two-letter prefixes of words are code too)
    if len(parts) > 1 and any(len(p) >= 3 for p in parts) and all(len(p) <= 2 or self._wordish(p) for p in parts):
        return False
    return not all(self._wordish(p) or p in _TECH_PARTS or len(p) <= 1 for p in parts)


def detect_scored(  # type: ignore[assignment]
    self: Handles, text: str, known: set[str] = frozenset(), cued: list[re.Match] | None = None
) -> list[Span]:
    """Handles in account positions, judged by ``handle_score`` (see above)."""
    found: dict[tuple[int, int], None] = {}
    low = text.lower()

    def judge(m: re.Match, g: int, floor: float, names: bool = True) -> None:
        if m.start(g) < 0:
            return
        tok = text[m.start(g) : m.end(g)]  # as written (a folded scan matches the lowercased text)
        if not tok or (m.start(g), m.end(g)) in found or not _scored_candidate(self, tok):
            return
        # a surname or first name alone is an account name too where only an account stands ("logged in as petrov")
        if tok.lower() in known or (floor >= MID_MIN and not tok.islower()):
            return  # a name the name pass found stays a PERSON; capitals only where an account stands
        prev = _PREV_WORD.search(text, max(0, m.start(g) - 16), m.start(g))
        if prev and prev.group(1).lower() in _DETERMINERS:
            return  # "the linter said", "a quote": a thing, not an account
        if floor > STRONG_MIN and self._words(tok.lower()):
            return  # two words glued ("workaround"), unless an account field says otherwise ("opatel")
        if floor > STRONG_MIN and len(tok) < 4:
            return  # "dc", "ksh", "tvu": initials and jargon alike, only where an account stands
        if text[m.start(g) - 1 : m.start(g)] in ("/", "\\", ".", "-", "_", "$", "%"):
            return  # "/mnt", "$HOME", "%user": a path or a variable
        sc = score(tok)
        if sc > floor or (
            names
            and (
                floor <= MID_MIN
                and _name_core(self, tok)
                or (floor == WEAK_MIN and "-" not in tok and sc > NAMED_WEAK_MIN and _name_core(self, tok, True))
            )
        ):
            found[(m.start(g), m.end(g))] = None

    for m in _STRONG4.finditer(text, low):
        judge(m, 1, STRONG_MIN)
    for m in scan(_LEAD4, text, low):
        judge(m, 1, STRONG_MIN)
    # the places the rules above know (round 1-2 cues), where their shape test said no
    for m in cue_matches(text) if cued is None else cued:
        if text[m.end(3) : m.end(3) + 1] not in ("=", "("):
            judge(m, 3, STRONG_MIN if m.group(1) else WEAK_MIN)
    # (not _OBJ, _SUBJ_WEAK, _OBJ_WEAK: on the tuning corpus they add nothing the passes above miss)
    for rx in (_VOC_F, _SIGNOFF_F):
        for m in scan(rx, text, low):
            judge(m, 1, MID_MIN)
    for m in scan(_SUBJ, text):
        judge(m, 1, MID_MIN if m.group(2) is None else WEAK_MIN)
    # anywhere else only a token that looks like nothing but a handle
    # (with digits or "._-": letters only, a foreign word looks like a name as much as a handle does)
    for m in _BARE4.finditer(text):
        tok = m.group(0)
        named = _NAME_DIGITS.fullmatch(tok) and self._popular_glued(tok.rstrip("0123456789") + "x")
        if named or "-" not in tok or _name_core(self, tok):  # kebab-case is software ("zlib-gabi")
            judge(m, 0, NAMED_MIN if named else ANY_MIN)
    # letters only, anywhere: initials glued before a popular surname or after a popular name of 5+
    # letters ("mhpatel", "olumiden"); not any gazetteer entry ("avahi", "armhf" in technical text)
    for m in _GLUED4.finditer(text):
        tok = m.group(0)
        if tok not in self.lex.words and remembered(_GLUED, tok, self._initials_glued, 50_000):
            judge(m, 0, ANY_MIN, names=False)
    for m in _PROSE4.finditer(text, low):
        g = 1 if m.group(1) else 2
        # a possessive is a program's as often as a person's ("granian's supervisor")
        cue = m.group(0)[:3].lower()
        weak = text.startswith("'s", m.end(g)) or (g == 1 and not cue.startswith(("w/", "w ", "per", "as ")))
        judge(m, g, WEAK_MIN if weak else MID_MIN)
    for m in _WEAK4.finditer(text, low):
        judge(m, 1 if m.group(1) else 2, WEAK_MIN)
    todo = list(found)
    while todo:
        _, e = todo.pop()
        m = _NEXT4.match(text, e)
        if m:
            n = len(found)
            judge(m, 1, STRONG_MIN, names=False)  # by its score: "compat31, compat32" is no list of people
            if len(found) > n:
                todo.append((m.start(1), m.end(1)))
    return [Span(s, e, "USERNAME") for s, e in found]


Handles.detect_scored = detect_scored  # type: ignore[attr-defined]
Handles._initial_glued = _initial_glued  # type: ignore[attr-defined]
Handles._popular_glued = _popular_glued  # type: ignore[attr-defined]
Handles._initials_glued = _initials_glued  # type: ignore[attr-defined]


# ---------------------------------------------------------------- handles of any make, where a person stands
# (issue #13, fifth round) Rounds 1-4 judge a handle by what it is made of: name fragments, or a
# letter score learned from names. Handles made of other things (``nightowl_77``, ``PixelWitch``,
# ``fro57ch3f``, ``the_fern``) score low, and the places of round 4 do not know tables, JSON
# fields, bullets, "my twitch is x" or a list beside a named person. Here a token is a handle when
# it stands where a person or an account stands AND has a shape no English word has (digits
# among letters, "._-" between letter groups, two capitalised parts, a "x..x" wrapper), unless
# every letter group is technical ("eval_v2", "log4j2", "worker-03"). Three strengths of place:
# ID (an account field: any non-word will do), PERSON (the object of "welcome/thanks/tell", the
# subject of a person's verb, a list of people), WEAK ("to/with/from/by": digits or a name part).
_T5 = r"([A-Za-z0-9][A-Za-z0-9_.\-]{1,38}[A-Za-z0-9])" + _END4
_ID5 = Folded(
    re.compile(
        r"(?:"
        # "my twitch is x", "his discord: x", "forum name x", "on discord i'm x", "goes by x"
        r"\b(?:my|his|her|their|your|the)[ \t]+(?:[a-z]+[ \t]+)?(?:name|handle|tag|gamertag|username|nick|nickname|"
        r"alias|twitch|insta|instagram|discord|steam|psn|xbox|tiktok|twitter|reddit|github|ig|snap|snapchat|"
        r"youtube|channel|screen[ \t]?name)[ \t]*(?:is|=|:|'s)[ \t]+[\"'\u201c\u2018]?"
        r"|\b(?:forum|screen|user|display|community|profile)[ \t]+name[ \t]*:?[ \t]+[\"'\u201c\u2018]?"
        r"|\b(?:on|in)[ \t]+(?:discord|twitch|steam|the[ \t]+(?:forum|app|game|server))[ \t]*,?[ \t]+"
        r"(?:i['\u2019]?m|i[ \t]+am|he['\u2019]s|she['\u2019]s|they['\u2019]re)[ \t]+"
        r"|\b(?:log(?:ged)?[ \t]+in[ \t]+as|user|login|handle|named|called|as)[ \t]+[\"'\u201c\u2018](?=[^\"'\u201d\u2019\n]{3,40}[\"'\u201d\u2019])"
        # JSON / YAML / key=value fields naming an account
        r"|\b(?:user(?:[_ ]?name)?|handle|login|nick(?:name)?|screen_?name|gamertag|owner|author|member|name)"
        r"[\"']?[ \t]*[:=][ \t]*[\"']?"
        r")" + _T5,
        re.IGNORECASE,
    )
)
_PERSON5 = Folded(
    re.compile(
        r"(?:(?<![\w'])(?:welcome|welcoming|thanks[ \t]+to|thank|thanks|shout[ \t]*-?[ \t]*out[ \t]+to|tell|ask|gg|"
        r"congrats(?:[ \t]+to)?|anyone[ \t]+seen|have[ \t]+you[ \t]+seen|met|meet|bumped[ \t]+into|ran[ \t]+into|"
        r"waiting[ \t]+on|sync[ \t]+with|pairing[ \t]+w(?:ith|/)|paired[ \t]+with|follow|credit[ \t]+goes[ \t]+to|"
        r"winner[ \t]+(?:is|was)|repost[ \t]+from|referral[ \t]+from|(?:posted|shared|sent|written|reported)[ \t]+"
        r"(?:publicly[ \t]+)?by|until|unless|forwarded[ \t]+(?:[a-z]+[ \t]+){0,3}?to)[ \t]+[\"'\u201c\u2018(]?"
        r")" + _T5,
        re.IGNORECASE,
    )
)
# weak places: after "to, with, from, by, for, via, w/" (software stands there as often as people)
_WEAK5 = Folded(
    re.compile(r"(?<![\w'])(?:to|with|from|by|for|via|w/|under|into|of)[ \t]+[\"'\u201c\u2018(]?" + _T5, re.IGNORECASE)
)
# the next items of a list once one item is a handle: "welcome x and y", "x, y & z"
_NEXT5 = re.compile(r"(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+|[ \t]*/[ \t]*)" + _T5)
# the subject of a person's verb: "x owns the migration", "x carried the quiz", "x to draft the survey"
_SUBJ5 = re.compile(
    r"(?<![\w@./:\-#'])"
    + _T5
    + r"[ \t]+(?:(?:and|&)[ \t]+(?:i|me|[^\s]+)[ \t]+)?(?:are|were|have|owns|reviews|carried|confirms|confirmed|says|said|asked|wrote|sent|posted|"
    r"shared|will|won|wins|has[ \t]+been|is[ \t]+(?:on|off|out|away|back|running|hosting|taking|leading)|"
    r"are[ \t]+on|to[ \t]+(?:draft|update|book|review|send|check|own|run|lead|host|bring|call|email|follow))\b",
    re.M,
)
# what may stand before that subject: a line start or bullet, punctuation, "and", "ngl"...
_SUBJ_BEFORE5 = re.compile(
    r"(?:^|[\n.;!?:,(\u2014&]|\b(?:and|so|then|ngl|lol|lmao|tbh|btw|fyi|omg|ok|yeah|also|now))[ \t]*[-*\u2022]?[ \t]*$"
)
# a bullet naming a person: "- x (moderator)", "- x: update the roadmap", "* x \u2014 snacks"
_BULLET5 = re.compile(r"^[ \t]*[-*\u2022][ \t]+" + _T5 + r"(?=[ \t]*(?:\(|:[ \t]|[\u2014\u2013][ \t]|-[ \t]))", re.M)
# "Wiremu (mererules)": a handle in brackets after a name the name pass found
_AFTER_NAME5 = re.compile(r"\(" + _T5 + r"\)")
_NAME_BEFORE5 = re.compile(r"([^\W\d_]+)[ \t]+$")
# the items of a list of people: "Attendees: A, x, y", "Present: x, y and z"
_LIST_ITEM5 = re.compile(
    r"(?:^|(?<=[:,&/])|(?<=\band)|(?<=\bwith))[ \t]*" + _T5 + r"[ \t]*(?=,|&|/|\band\b|$|\.[ \t]|\.$|\(|;)", re.M
)
_PEOPLE_LABEL5 = re.compile(
    r"^[ \t]*(?:attendees|present|participants|apologies|moderators|members|watchers|volunteers|team|owners|"
    r"reviewers|speakers|winners|cc|invitees|guests)[ \t]*:",
    re.IGNORECASE,
)
# a table: a header row naming an account column, then rows split by the same delimiter
_ACCOUNT_COLUMNS = frozenset(
    "user username user_name handle login nick nickname member owner author assignee screen_name gamertag account".split()
)
_TABLE_SEP = re.compile(r"[,;\t|]")
_CAMEL5 = re.compile(r"(?:[A-Z][a-z]+){2,3}\d*|[A-Z]{1,2}[A-Z][a-z]{2,}\d*")
_WRAP5 = re.compile(r"x([a-z]{3,})x")
_NAMED_DIGITS5 = re.compile(r"[a-z]{3}\d{2,4}")  # "dee15", "vik1976" where a person stands; not "mp3", "ps5"
_CODE5 = re.compile(
    r"[a-z]{1,3}\d+[a-z]?\d*|\d+[a-z]{0,3}|0x[0-9a-f]+|[a-z]{2}-[a-z]+-\d+|.*(?:^|[._\-])v\d+(?:[._\-]\d+)*"
)
_INSTANCE5 = re.compile(r".*-\d+|\d.*")  # "vault-0", "kafka-broker-2", "88rising": hosts and codes
ID5, PERSON5, SUBJECT5, WEAK5 = 4, 3, 2, 1


_SHAPES5: dict[tuple[str, int], bool] = {}


def slot_shaped(self: Handles, tok: str, level: int, names: set[str] = frozenset()) -> bool:  # type: ignore[assignment]
    """Whether ``tok`` reads as a handle in a place of strength ``level`` (ID5 > PERSON5 > SUBJECT5 >
    WEAK5); a lowercase word the name pass found stays a PERSON."""
    if tok in names:
        return False
    return remembered(_SHAPES5, (tok, level), lambda k: _slot_shape(self, *k), 50_000)


def _slot_shape(self: Handles, tok: str, level: int) -> bool:
    low = tok.lower()
    if (
        low in GENERIC_ACCOUNTS
        or low in STOP
        or low in COMMON_WORDS
        or low in _LINE_LABELS
        or low in _ABBREV
        or low in BRANDS
        or low in TEAM_WORDS
        or low in TOOL_WORDS
        or low in _REGIONS
        or low in _INTERJECTIONS
        or tok.isupper()
        or _software(low)
        or _FILE_EXT.search(low)
        or _CODE_FILE.search(low)
        or _is_speaker(low)
        or _VERSION4.fullmatch(low)
        or re.match(r"v\d", low)
        or (_CODE5.fullmatch(low) and not (level >= SUBJECT5 and _NAMED_DIGITS5.fullmatch(low)))
        or (re.fullmatch(r"[0-9a-f]{6,}", low) and re.search(r"\d", low) and (len(low) > 6 or level < SUBJECT5))
    ):
        return False  # a hex id ("a1b2c3d"); six letters may be a person's ("dee007")
    groups = re.findall(r"[a-z]+", low)
    if len("".join(groups)) < 3 or self.lex.is_word(low) or (level < ID5 and _INSTANCE5.fullmatch(low)):
        return False
    if "." in low:
        head, ext = low.rsplit(".", 1)
        if ext.isalpha() and len(ext) <= 4 and not (self.lex.is_word(ext) or self.lex.known(ext)):
            return False  # a file: "pubring.kbx", "parse.tcsh"
        if ext in _FILE_LETTER and not (self.lex.is_first(head) or self.lex.is_last(head)):
            return False  # "randombytes.c"; "dana.m" is a name and an initial
    for g in groups:
        if g in _TECH_PARTS or g.rstrip("s") in _TECH_PARTS or g in BRANDS or g in TOOL_WORDS or g.endswith("bot"):
            return False  # "eval_v2", "llama3", "worker-03", "ci_bot"
    digit = any(c.isdigit() for c in low)
    seps = re.findall(r"[._\-]", low)
    camel = _CAMEL5.fullmatch(tok) is not None
    if tok != low and not camel and (level < PERSON5 or not (digit or seps)):
        return False  # a capitalised word (the name and company passes judge it) or a model ("YOLOv8")
    named = any(len(g) >= 3 and self.lex.known(g) and not self.lex.is_word(g) for g in groups) or any(
        len(g) >= 5 and _initial_glued(self, g) for g in groups
    )
    if camel and not digit:
        parts = [p.lower() for p in re.findall(r"[A-Z][a-z]*", tok)]
        if any(p in BRANDS or p in TOOL_WORDS or p in _TECH_PARTS for p in parts):
            return False  # "PowerShell", "MongoDb"
        name_parts = any(len(p) >= 3 and self.lex.known(p) and not self.lex.is_word(p) for p in parts)
        return name_parts or level >= PERSON5  # "NiamhOtieno" anywhere; "PixelDragon" where a person stands
    if "-" in seps and not digit and not named:
        # kebab-case is software ("long-term", "qa-automation") unless an account field holds a made-up part
        return level >= ID5 and any(not self._wordish(g) for g in groups if len(g) >= 3)
    if digit or seps:
        if named or (level >= SUBJECT5 and digit) or level >= PERSON5:
            return True  # ("beta_search are on": snake_case of words only where "welcome/thanks..." say a person)
        # a weak place: a made-up part ("fro57ch3f", "mo_4") or a word with 2+ digits ("pizza007")
        return (
            any(not self._wordish(g) for g in groups if len(g) >= 3)
            or bool(re.search(r"[a-z]{3,}\d{2,}$", low))
            or (len(re.findall(r"\d+", low)) >= 2 and len("".join(groups)) >= 5)  # leet: "chefc0ff33"
        )
    # letters only, lowercase (a name the name pass found stays a PERSON)
    if len(low) < 4 or (level < ID5 and (self.lex.known(low) or self._words(low))):
        return False
    if level >= ID5:
        return True
    if level >= SUBJECT5 and (named or _name_glued(self, low)):
        return True  # "iampadraig and Aino are on the late shift"
    return level >= PERSON5 and (_WRAP5.fullmatch(low) is not None or score(low) > MID_MIN)


def _name_glued(self: Handles, tok: str) -> bool:
    """A name that is no word glued to a word or a short prefix: "iamrhys", "zeynepknits", "liltane"."""
    lex = self.lex

    def name(p: str) -> bool:
        e = lex.get(p)  # a ranked name: not a rare gazetteer entry ("shii" in "shiitake")
        return len(p) >= 4 and e is not None and e.rank > 0 and not lex.is_word(p)

    def filler(p: str) -> bool:
        return len(p) <= 3 or lex.is_word(p) or self._wordish(p)

    return any(
        (name(tok[i:]) and filler(tok[:i])) or (name(tok[:i]) and filler(tok[i:])) for i in range(2, len(tok) - 1)
    )


def detect_slots(
    self: Handles,
    text: str,
    taken: list[Span] = (),  # type: ignore[assignment]
    names: set[str] = frozenset(),  # type: ignore[assignment]
    cued: list[re.Match] | None = None,
) -> list[Span]:
    """Handles of any make where a person or an account stands (see above); ``taken``: the handles
    already found, ``names``: the name tokens the name pass found (a list beside them is of people),
    ``cued``: ``cue_matches(text)`` when the caller has it."""
    found: dict[tuple[int, int], None] = {}
    have = {(sp.start, sp.end) for sp in taken}
    low = text.lower()
    people: list[tuple[int, int]] = []  # where a person stands, whatever the token: a list may go on

    def take(s: int, e: int, level: int) -> None:
        if level >= PERSON5:
            people.append((s, e))
        if (s, e) in have or (s, e) in found:
            return
        tok = text[s:e]
        prev = _PREV_WORD.search(text, max(0, s - 16), s)
        if prev and prev.group(1).lower() in _DETERMINERS and level < ID5:
            return  # "to the_fern" stays, "to the team" is no person
        if text[e : e + 1] in ("=", "(", "`") or text[s - 1 : s] in ("`", "$", "%", "/", "\\"):
            return
        if slot_shaped(self, tok, level, names):
            found[(s, e)] = None

    for m in _ID5.finditer(text, low):
        take(m.start(1), m.end(1), ID5)
    # the account places of rounds 1-4 ("user x", "Reporter: x", "account of x"), judged by shape here
    for m in cue_matches(text) if cued is None else cued:
        if m.group(1):
            take(m.start(3), m.end(3), ID5)
    for m in scan(_LEAD4, text, low):
        take(m.start(1), m.end(1), PERSON5)
    for m in _PERSON5.finditer(text, low):
        take(m.start(1), m.end(1), PERSON5)
    for m in _WEAK5.finditer(text, low):
        take(m.start(1), m.end(1), WEAK5)
    for m in _SUBJ5.finditer(text):
        if _SUBJ_BEFORE5.search(text, max(0, m.start(1) - 8), m.start(1)):
            take(m.start(1), m.end(1), SUBJECT5)
    if "(" in text:
        for m in _AFTER_NAME5.finditer(text):
            before = _NAME_BEFORE5.search(text, max(0, m.start() - 30), m.start())
            if before is None:
                continue
            name = before.group(1)
            if name.lower() in names or (name[0].isupper() and self.lex.is_first(name.lower())):
                take(m.start(1), m.end(1), ID5)
            elif name[0].isupper() and name.lower() not in BRANDS and name.lower() not in _TECH_PARTS:
                take(m.start(1), m.end(1), PERSON5)  # "Kahu (punk_wolf)"; not "Redis (primary)"
    for m in _BULLET5.finditer(text):
        take(m.start(1), m.end(1), PERSON5)
    _lists5(self, text, names, have | set(found), take)
    _tables5(text, take)
    todo = list(have) + list(found) + people
    while todo:
        _, e = todo.pop()
        m = _NEXT5.match(text, e)
        if m and (m.start(1), m.end(1)) not in found:
            n = len(found)
            take(m.start(1), m.end(1), PERSON5)
            if len(found) > n:
                todo.append((m.start(1), m.end(1)))
    return [Span(s, e, "USERNAME") for s, e in found]


def _lists5(self: Handles, text: str, names: set[str], have: set[tuple[int, int]], take) -> None:  # type: ignore[no-untyped-def]
    """Each line (or sentence) that is a list: a list under a people label, or beside a name or a
    handle already found, is a list of people."""
    pos = 0
    for line in re.split(r"(?<=\n)|(?<=[.;!?])[ \t]+", text):
        start = text.find(line, pos)
        pos = start + len(line)
        if "," not in line and " and " not in line and "&" not in line:
            continue
        label = _PEOPLE_LABEL5.match(line)
        if not label and line.isascii():
            # no label: a list only beside a name or a handle found in it (an item that is a name
            # is in the line's lowercased letters; ASCII: lowercasing has no context there)
            low, end = line.lower(), start + len(line)
            if not any(n in low for n in names) and not any(start <= a and b <= end for a, b in have):
                continue
        items = [(start + m.start(1), start + m.end(1)) for m in _LIST_ITEM5.finditer(line)]
        if len(items) < 2:
            continue
        if label:
            level = PERSON5
        elif any(text[s:e].lower() in names or (s, e) in have for s, e in items):
            level = SUBJECT5  # (beside a name: the name pass also takes spices and dishes for names)
        else:
            continue
        for s, e in items:
            take(s, e, level)


def _tables5(text: str, take) -> None:  # type: ignore[no-untyped-def]
    """CSV, TSV and markdown tables: the cells under an account column ("user", "handle"...)."""
    if "\n" not in text or not _TABLE_SEP.search(text):
        return
    col: int | None = None
    sep = ""
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if col is None:
            for sep in (",", ";", "\t", "|"):
                if sep not in line:
                    continue  # one cell: no header
                cells = [c.strip().lower() for c in line.split(sep)]
                if len(cells) >= 2 and any(c in _ACCOUNT_COLUMNS for c in cells):
                    col = next(i for i, c in enumerate(cells) if c in _ACCOUNT_COLUMNS)
                    break
            continue
        if sep not in line:
            col = None
            continue
        cells = line.split(sep)
        if col < len(cells):
            off = start + sum(len(c) + 1 for c in cells[:col])
            cell = cells[col]
            s = off + len(cell) - len(cell.lstrip())
            e = off + len(cell.rstrip())
            if e - s >= 3:
                take(s, e, ID5)


Handles.slot_shaped = slot_shaped  # type: ignore[attr-defined]
Handles.detect_slots = detect_slots  # type: ignore[attr-defined]


# ---------------------------------------------------------------- handles in running prose, logs and speech
# (issue #13, sixth round) The places rounds 1-5 did not know, judged by ``slot_shaped`` like
# round 5's: the object of a verb that takes a person ("copied x on this", "mention x", "add x
# to"), a role before a handle ("backup x", "my colleague x"), the subject of a verb after a line
# start or a time stamp ("09:00 x deleted 3 files", "Follow-ups: x to confirm"), a question about
# a person ("did x send"), log and audit fields ("login succeeded for x", "target=x"), a quoted
# token in a line about names or accounts, a chat sender whose layout already has a handle, and a
# handle spelled out on a call ("b dot cerny two").
_PERSON6 = Folded(
    re.compile(
        r"(?<![\w'])(?:cc(?:'d)?|copy|copied|copying|thank|thanked|mention|mentioned|tag|tagged|tagging|dm(?:'d)?|"
        r"remind|reminded|notify|notified|nudge|nudged|ping|pinged|invite|invited|add|added|adding|ask|asked|"
        r"contact|contacted|greet|big[ \t]+ups|props[ \t]+to|kudos[ \t]+to|"
        r"(?:hand(?:ed)?|pass(?:ed)?)[ \t]+(?:it[ \t]+|this[ \t]+)?(?:off[ \t]+|over[ \t]+|on[ \t]+)?to|"
        r"(?:re)?assign(?:ed|ing)?[ \t]+(?:this[ \t]+|it[ \t]+|this[ \t]+one[ \t]+)?to|escalated?[ \t]+to|"
        r"(?:my|our|your|his|her|their)[ \t]+(?:colleague|coworker|co-worker|teammate|manager|boss|buddy|mentor|"
        r"lead|friend|contact)|(?<![^\n,;/(])[ \t]*(?:backup|owner|lead|reviewer|approver|deputy|cover)[ \t]*:?)"
        r"[ \t]+[\"'\u201c\u2018]?" + _T5,
        re.IGNORECASE,
    )
)
# log and audit fields that hold an account
_LOG6 = Folded(
    re.compile(
        r"(?:\b(?:log(?:ged)?[ \t]*[io]n|logon|sign(?:ed)?[ \t-]?in|session|publickey|password|auth\w*|sudo|ssh)\b"
        r"[^\n]{0,40}?\b(?:for|by|of)[ \t]+(?:user[ \t]+|account[ \t]+)?"
        r"|\b(?:changed|deleted|created|modified|updated|performed|initiated|granted|revoked|removed)[ \t]+by[ \t]+"
        r"|\b(?:target|actor|principal|uid|user_?id|subject|initiator|assignee|owner|by|who|changed_by|"
        r"created_by|updated_by|deleted_by)[\"']?[ \t]*[:=][ \t]*[\"']?)" + _T5,
        re.IGNORECASE,
    )
)
# the subject of an action: after a line start, a bullet, a label or a time stamp
_SUBJ6 = re.compile(
    r"(?:^|[:;]|\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*[ap]m)?|\])[ \t]*[-*\u2022]?[ \t]*"
    + _T5
    + r"[ \t]+(?:deleted|created|updated|removed|exported|downloaded|uploaded|changed|viewed|shared|approved|"
    r"rejected|requested|wants|needs|knows|takes|owns|drafts|runs|confirmed|agreed|joined|left|signed|"
    r"logged|reset|granted|revoked|to[ \t]+(?:confirm|follow|draft|update|book|review|send|check|own|run|lead|"
    r"call|email|ask|chase|fix|test|write|prepare|share|organi[sz]e|schedule|contact|finish|look))\b",
    re.M | re.IGNORECASE,
)
# a question about a person: "did x send the deck", "has x signed"
# (tried only at its nine auxiliaries: Triggered, ~1.6x faster than a scan of every position)
_ASKED6 = Triggered(
    re.compile(
        r"(?<![\w'])(?:did|does|has|have|can|could|will|would|should)[ \t]+"
        + _T5
        + r"[ \t]+(?!(?:it|its|this|that|these|those|them|the|a|an|us|me|him|her|up|out|down|back|in|on|to|for|"
        r"with|by|all|some|any|more|less|now|then|too|also)\b)(?=[a-z]{2,})",
        re.I,
    )
)
_NAMING6 = Folded(re.compile(r"\b(?:name|user|account|handle|login|alias|nick|username|id|badge|profile)\b", re.I))
_QUOTED6 = re.compile(r"[\"\u201c]" + _T5 + r"[\"\u201d]")
# "<x> / x > / [x]" and "x:" at line start: the sender of a chat line
_SENDER6 = re.compile(r"^[ \t]*(?:<|\[)?" + _T5 + r"(?:>|\])?[ \t]*(?::|>)[ \t]", re.M)
_THEN6 = re.compile(r"(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+(?:then|or|and|and[ \t]+then|&)[ \t]+|[ \t]*/[ \t]*)" + _T5)
# a handle spelled out on a call: "b dot cerny two", "maria underscore ko seven"
_NUMWORD6 = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
_SPOKEN6 = re.compile(
    r"\b(?:user[ \t]?name|user[ \t]+id|login|handle|account[ \t]+name|gamer[ \t]?tag|screen[ \t]?name|"
    r"user|account)\b[^\n]{0,40}?(?:\n[^\n]{0,30}?)?(?:is|it's|its|:|,)[ \t]+"
    r"((?:[a-z]+[ \t]+(?:dot|underscore|dash|hyphen|period)[ \t]+)+[a-z]+(?:[ \t]+" + _NUMWORD6 + r")*"
    r"|[a-z]{2,}(?:[ \t]+" + _NUMWORD6 + r")+)\b",
    re.IGNORECASE,
)
_SPOKEN_HINT6 = re.compile(r"\b(?:dot|underscore|dash|hyphen|period|one|two|three|four|five|six|seven|eight|nine)\b")


def detect_places6(
    self: Handles,
    text: str,
    taken: list[Span] = (),  # type: ignore[assignment]
    names: set[str] = frozenset(),  # type: ignore[assignment]
) -> list[Span]:
    """Handles in the places of the sixth round (see above); ``taken``: handles already found."""
    found: dict[tuple[int, int], None] = {}
    have = {(sp.start, sp.end) for sp in taken}
    low = text.lower()

    def take(s: int, e: int, level: int) -> bool:
        if (s, e) in have or (s, e) in found:
            return True
        tok = text[s:e]
        if tok[0].isupper() and not re.search(r"[\d_.]", tok):
            return False  # "my colleague Anne-Marie": a capitalised word is the name pass's to judge
        if tok.isalpha() and _DERIVED.search(tok):
            return False  # "add caching", "added pagination": a derived English word
        prev = _PREV_WORD.search(text, max(0, s - 16), s)
        if prev and prev.group(1).lower() in _DETERMINERS:
            return False  # "add the webhook", "owner the team"
        if text[e : e + 1] in ("=", "(", "`") or text[s - 1 : s] in ("`", "$", "%", "/", "\\"):
            return False
        nxt = re.match(r"[ \t]+([A-Za-z]+)", text[e : e + 24])
        if nxt and nxt.group(1).lower() in _TECH_NEXT:
            return False  # "add grafana dashboard", "ping redis server"
        if slot_shaped(self, tok, level, names):
            found[(s, e)] = None
            return True
        return False

    for m in _PERSON6.finditer(text, low):
        take(m.start(1), m.end(1), PERSON5)
    for m in _ASKED6.finditer(text, low):
        take(m.start(1), m.end(1), PERSON5)
    for m in _SUBJ6.finditer(text):
        take(m.start(1), m.end(1), PERSON5)
    for m in _LOG6.finditer(text, low):
        take(m.start(1), m.end(1), ID5)
    if '"' in text or "\u201c" in text:
        for m in _QUOTED6.finditer(text):
            ls, le = text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.end())
            le = le if le >= 0 else len(text)
            if _NAMING6.search(text[ls:le], low[ls:le]):
                take(m.start(1), m.end(1), ID5)
    if "\n" in text:
        senders = list(_SENDER6.finditer(text))
        if len(senders) >= 2 and any(
            (m.start(1), m.end(1)) in have or (m.start(1), m.end(1)) in found for m in senders
        ):
            for m in senders:  # a chat layout with one handle as sender: the others are accounts too
                take(m.start(1), m.end(1), ID5)
    if _SPOKEN_HINT6.search(low):
        for m in _SPOKEN6.finditer(low):
            v = m.group(1)
            words = v.split()
            if (
                any(w in STOP or self.lex.is_word(w) and len(w) > 3 for w in words[:1])
                and " " not in v.split(" ", 1)[-1]
            ):
                continue
            if all(w in STOP or w in COMMON_WORDS for w in words if not re.fullmatch(_NUMWORD6, w)):
                continue  # "order is one two", not a handle
            found[(m.start(1), m.end(1))] = None
    todo = list(found) + list(have)
    while todo:
        _, e = todo.pop()
        m = _THEN6.match(text, e)
        if m and (m.start(1), m.end(1)) not in found and take(m.start(1), m.end(1), PERSON5):
            todo.append((m.start(1), m.end(1)))
    return [Span(s, e, "USERNAME") for s, e in found if (s, e) not in have]


def from_emails(self: Handles, text: str, spans: list[Span]) -> list[Span]:
    """Evidence from elsewhere: a token equal to the local part of an e-mail found in the text
    ("oyelaade" after "oyelaade@uol.com.br") is that person's handle wherever it stands."""
    if "@" not in text:
        return []
    locals_: set[str] = set()
    for sp in spans:
        if sp.type == "EMAIL":
            v = text[sp.start : sp.end]
            loc = v.split("@", 1)[0].lower().strip(".-_<\"'")
            # the local part, and its core without digits or separators ("b.kovacs88" -> "bkovacs")
            core = re.sub(r"[._\-]+", "", loc.rstrip("0123456789"))
            for c in {loc, core} if len(core) >= 5 else {loc}:
                if (
                    len(c) >= 4
                    and c not in GENERIC_ACCOUNTS
                    and c not in STOP
                    and not self.lex.is_word(c)
                    and not self.lex.known(c)  # "daniel80@": "Daniel" stays a PERSON
                    and not _software(c)
                ):
                    locals_.add(c)
    out = []
    low = text.lower()
    for loc in locals_:
        i = low.find(loc)
        while i != -1:
            j = i + len(loc)
            if (i == 0 or not (low[i - 1].isalnum() or low[i - 1] in "._-@")) and (
                j >= len(low)
                or not (low[j].isalnum() or low[j] == "@" or low[j] in "._-" and low[j + 1 : j + 2].isalnum())
            ):
                out.append(Span(i, j, "USERNAME"))
            i = low.find(loc, j)
    return out


Handles.detect_places6 = detect_places6  # type: ignore[attr-defined]


# ---------------------------------------------------------------- seventh round: more evidence from elsewhere
# (issue #13, seventh round) What moved the sealed corpus in round 6 was evidence from elsewhere in
# the text (a found person's name parts, an e-mail's local part), not new places. ``name_forms``
# covers one part whole or cut to three letters; people also cut both parts ("leil" + "ccor" of
# Leila Ccori, "kamau" + "mi"), and number their initials ("ld25", "jmk1990"). These forms only
# count beside a person found in the same text or session, so a stray "ab12" stays as it is.
_INITIALS7 = re.compile(r"(?<![\w@./:\-#+])([A-Za-z]{2,3})[._\-]?(\d{2,4})(?![\w@]|[._\-][A-Za-z0-9])")
_CUT7 = re.compile(r"(?<![\w@./:\-#+'])[a-z]{2,}[a-z._\-]*[a-z]\d{0,4}(?![\w@]|[.\-'][A-Za-z0-9])")


def _person_parts7(persons: list[str]) -> list[tuple[str, ...]]:
    out = []
    for v in persons:
        parts = remembered(_PARTS, v, name_parts, 20_000)
        if parts:
            out.append(parts[:3])
    return out


def _subseq7(s: str, w: str) -> bool:
    it = iter(w)
    return all(c in it for c in s)


def _cut_pair7(glued: str, a: str, b: str) -> bool:
    """``glued`` is letters of ``a`` then letters of ``b``, each in order from its first letter, two
    or more of each, not both whole: cuts ("leil" + "ccor") and skeletons ("tgrn" + "hkb") alike."""
    if glued[0] != a[0] or b[0] not in glued[2:] or glued == a + b:
        return False
    return any(
        glued[k] == b[0] and _subseq7(glued[1:k], a[1:]) and _subseq7(glued[k + 1 :], b[1:])
        for k in range(2, len(glued) - 1)
    )


def _part_tail7(self: Handles, tok: str, a: str) -> bool:
    """A whole part of 4+ letters and three or four letters that are no word ("eerowisn"): the part
    with a cut of a surname the text never gives (not "perltidy", "name-dev"; one or two letters
    more are ``built_from_names``'s)."""
    rest = tok[len(a) :]
    return (
        len(a) >= 4
        and tok.startswith(a)
        and 3 <= len(rest) <= 4
        and rest.isalpha()
        and not self.lex.is_word(rest)
        and rest not in COMMON_WORDS
        and not _DERIVED.search(tok)
    )


def evidence7(self: Handles, text: str, persons: list[str]) -> list[Span]:
    """Handles made of a found person's initials and digits, or of cuts of two of their parts."""
    people = _person_parts7(persons)
    if not people:
        return []
    inits: set[str] = set()
    for parts in people:
        if len(parts) < 2:
            continue
        a, b = parts[0][0], parts[-1][0]
        inits.update((a + b, b + a))
        if len(parts) == 3:
            inits.add(parts[0][0] + parts[1][0] + parts[2][0])
    out: list[Span] = []
    if any(c.isdigit() for c in text):
        for m in _INITIALS7.finditer(text):
            if m.group(1).lower() in inits and not m.group(1).isupper():
                out.append(Span(m.start(), m.end(), "USERNAME"))
    # the parts by their first letter: a cut pair begins with its first part's letter, a part and
    # a tail with the part itself, and a token here begins with a lowercase letter (``_CUT7``)
    pairs: dict[str, list[tuple[str, str]]] = {}
    firsts: dict[str, list[str]] = {}
    for parts in people:
        for a in parts:
            firsts.setdefault(a[0], []).append(a)
            pairs.setdefault(a[0], []).extend((a, b) for b in parts if a != b)
    for m in _CUT7.finditer(text):
        tok = m.group(0)
        if tok[0] not in firsts:
            continue  # (the glued letters begin with the token's first letter: no part begins so)
        glued = re.sub(r"[._\-]+", "", tok.rstrip("0123456789"))
        if len(glued) < 5 or glued in COMMON_WORDS or glued in STOP:
            continue
        if self.lex.is_word(glued) or self.lex.known(glued) or glued in BRANDS or glued in _TECH_PARTS:
            continue
        if any(_cut_pair7(glued, a, b) for a, b in pairs[glued[0]]) or any(
            _part_tail7(self, tok.lower(), a) for a in firsts[glued[0]]
        ):
            out.append(Span(m.start(), m.end(), "USERNAME"))
    return out


def _built_from_names7(self: Handles, text: str, persons: list[str]) -> tuple[list[Span], list[Span]]:
    from spark_control.redaction.public import _code_or_markup

    derived, shaped = _built_from_names(self, text, persons)
    have = {(sp.start, sp.end) for sp in derived}
    more = [sp for sp in evidence7(self, text, persons) if (sp.start, sp.end) not in have]
    # (these run after the public vetoes: "perltidy" beside a "Perl" read as a name is a command)
    return derived + [sp for sp in more if not _code_or_markup(text, sp, self.lex)], shaped


Handles.built_from_names = _built_from_names7  # type: ignore[attr-defined]


# ---------------------------------------------------------------- seventh round: where only a person stands
# (issue #13, seventh round) A handle nobody names elsewhere, in places that take a person and
# rarely software: the subject of "quit", "covers Sunday", "is calling", "you there?", the object
# of "remind", "lunch w", "then x." at the end of a chain. The places are strict, so the token
# needs less than in round 4's weak places: no word, not software, and made of names (glued
# gazetteer names, "ainoa", "yupanquid"), letter-scored as a handle (a lower floor), or initials
# and digits ("kh57") where a person's verb follows.
_T7 = r"([a-z][a-z0-9_.\-]{1,30}[a-z0-9])(?![\w@]|[._\-'][A-Za-z0-9])"
_SUBJ7 = re.compile(
    r"(?:^|[.;!?:,(]|\b(?:heard|says|saw|that|lol|btw|fyi|and|but|so|ok|then))[ \t]*"
    + _T7
    + r"[ \t]+(?:quit|quits|resigned|retired|covers|covered|(?:is|was|'s)[ \t]+(?:calling|covering|sick|off[ \t]+today|"
    r"out[ \t]+sick|on[ \t]+leave|in[ \t]+today|driving|late|here|back)|will[ \t]+(?:cover|call|be[ \t]+late|join|drive)|"
    r"called|phoned|texted|emailed|replied|said|says|told|thinks|knows|agreed|promised|mentioned|wants|prefers|"
    r"left[ \t]+early|signed[ \t]+off|volunteered|offered|owes|forgot|laughed|you[ \t]+there|u[ \t]+there|"
    r"apologi[sz]ed|complained|insisted|suggested|recommended|explained|admitted|decided|paid|arrived|"
    r"went[ \t]+home|sends[ \t]+(?:regards|love|thanks)|says[ \t]+hi|rsvp'?e?d|"
    r"(?:can't|cannot|couldn't|won't|can[ \t]+not)[ \t]+make[ \t]+it|"
    r"(?:is|was|'s)[ \t]+(?:on[ \t]+(?:vacation|holiday|pto|parental[ \t]+leave)|travell?ing|at[ \t]+lunch|"
    r"in[ \t]+a[ \t]+meeting|ooo|wfh|out[ \t]+of[ \t]+(?:office|the[ \t]+office)|running[ \t]+late|presenting)|"
    r"\+[ \t]+me|(?:and|&)[ \t]+(?:i|me)\b)(?![\w\-])",
    re.M,
)
_OBJ7 = Triggered(
    re.compile(
        r"(?<![\w'\-])(?:remind|tell|told|ask|call|email|text|phone|meet|met|thank|congratulate|cover[ \t]+for|"
        r"swap(?:ped)?[ \t]+with|(?:lunch|coffee|dinner|drinks)[ \t]+w(?:ith|/)?|then|me[ \t]+and|hey|hi|hello|yo|"
        r"talk(?:ed|ing)?[ \t]+to|spoke[ \t]+to|speak[ \t]+to|chat(?:ted)?[ \t]+with|catch(?:ing)?[ \t]+up[ \t]+with|"
        r"caught[ \t]+up[ \t]+with|meet(?:ing)?[ \t]+with|1:1[ \t]+with|one-on-one[ \t]+with|interview(?:ed)?|hired|"
        r"invited|introduced|visited|apologi[sz]e[ \t]+to|congrats(?:[ \t]+to)?)[ \t]+"
        + _T7
        + r"(?=[ \t]*(?:[.,!?;]|$)|[ \t]+(?:tmrw|tomorrow|today|tonight|about|re|later|asap|this|next|on|at|when)\b)",
        re.M | re.IGNORECASE,
    )
)
_INIT_DIGITS7 = re.compile(r"[a-z]{2,4}\d{2,4}")
PLACE7_MIN = 0.2


def _person_token7(self: Handles, tok: str, verb: bool) -> bool:
    if tok in STOP or tok in COMMON_WORDS or tok in GENERIC_ACCOUNTS or _software(tok) or self.lex.is_word(tok):
        return False
    if verb and _INIT_DIGITS7.fullmatch(tok):
        return not self.lex.is_word(tok.rstrip("0123456789"))  # "kh57 covers", not "cat5 said"
    if not _scored_candidate(self, tok) or self._words(tok):
        return False
    return _name_core(self, tok) or score(tok) > PLACE7_MIN


def detect_places7(self: Handles, text: str, taken: list[Span] = ()) -> list[Span]:  # type: ignore[assignment]
    """Handles where only a person stands (see above); ``taken``: spans already found."""
    have = {(sp.start, sp.end) for sp in taken}
    out: list[Span] = []
    low = text.lower()
    for matches, verb in ((_SUBJ7.finditer(text), True), (_OBJ7.finditer(text, low), False)):
        for m in matches:
            s, e = m.start(1), m.end(1)
            if (s, e) in have or text[s - 1 : s] in ("/", "\\", "$", "%", "`", "-", "."):
                continue
            if _person_token7(self, text[s:e], verb):
                have.add((s, e))
                out.append(Span(s, e, "USERNAME"))
    return out


Handles.detect_places7 = detect_places7  # type: ignore[attr-defined]


# --- eighth round (issue #13): places of logs, exports and threads; a handle's siblings ---------
_T8 = r"([A-Za-z0-9][A-Za-z0-9_.\-]{1,38}[A-Za-z0-9])"
_ON8 = (
    r"(?:the[ \t]+forum|discord|steam|twitch|reddit|github|gitlab|slack|teams|xbox|psn|insta(?:gram)?|"
    r"tiktok|telegram|signal|twitter|mastodon|bluesky|matrix|irc|the[ \t]+server|the[ \t]+app)\b"
)
_HISTORY_VERBS8 = (
    r"(?:changed|moved|added|commented|reassigned|assigned|closed|reopened|resolved|updated|removed|created|opened|"
    r"uploaded|downloaded|exported|deleted|edited|merged|approved|mentioned|attached|linked|logged[ \t]+(?:in|out)|"
    r"signed[ \t]+(?:in|out))\b"
)


def _f8(pattern: str) -> Folded:
    return Folded(re.compile(pattern, re.IGNORECASE | re.M))


def _t8(pattern: str) -> Triggered:
    """A place whose every match begins with one of a few words: tried only where they occur
    (``spans.Triggered``, the same matches; measured 1.4-3.5x faster than ``_f8`` for these,
    slower for the places that begin at a line start)."""
    return Triggered(re.compile(pattern, re.IGNORECASE | re.M))


# (cue words, any of which the lowercased text must hold; the pattern; the place's strength)
_PLACES8: tuple[tuple[tuple[str, ...], Folded | Triggered, int], ...] = (
    # git log --graph / --pretty: "* 8c1f2ab - subject (3 days ago) <x>"
    (("<",), _f8(r"^[*| \t]*[0-9a-f]{7,40}\b[^\n<]*<" + _T8 + r">[ \t]*$"), ID5),
    # web access logs: "10.0.4.12 - x [12/Mar/2025:10:02:11 +0000]"
    ((" [",), _f8(r"^[0-9a-f.:]{7,39}[ \t]+[^ \t\n]+[ \t]+" + _T8 + r"[ \t]+\[\d"), ID5),
    # auth logs: "Accepted password for x from", "session opened for user x"
    (
        ("accepted", "failed", "session"),
        _t8(
            r"\b(?:accepted|failed)[ \t]+(?:password|publickey|keyboard-interactive/pam)[ \t]+for[ \t]+"
            r"(?:invalid[ \t]+user[ \t]+)?" + _T8 + r"[ \t]+from\b"
            r"|\bsession[ \t]+(?:opened|closed)[ \t]+for[ \t]+(?:user[ \t]+)?" + _T8 + _END4 + r"(?![ \t]+by\b)"
        ),
        ID5,
    ),
    # "Merge pull request #412 from x/fix-login"
    (("pull request",), _f8(r"\bpull[ \t]+request[ \t]+#?\d+[ \t]+from[ \t]+" + _T8 + r"(?=/)"), ID5),
    # speech: "the username would be x", "reach me as x", "it's x on discord"
    (
        (" be ",),
        _t8(
            r"\b(?:my|the|his|her|your|their)[ \t]+(?:user[ \t]?name|handle|login|screen[ \t]?name|gamertag|"
            r"nick(?:name)?|account[ \t]+name)[ \t]+(?:would|will|should|might|could)[ \t]+be[ \t]+" + _T8 + _END4
        ),
        ID5,
    ),
    (
        (" me ",),
        _t8(
            r"\b(?:reach|find|add|message|dm|ping|follow)[ \t]+me[ \t]+(?:as|at|on[ \t]+[a-z]+[ \t]+as)[ \t]+"
            + _T8
            + _END4
        ),
        ID5,
    ),
    ((" on ",), _t8(r"\b(?:it['\u2019]?s|i['\u2019]?m|i[ \t]+am|im)[ \t]+" + _T8 + r"[ \t]+on[ \t]+" + _ON8), ID5),
    # chat exports: "[04/03/2025, 10:02] x:", "x  9:41 AM" alone on its line
    (
        (":",),
        _f8(
            r"^\[[0-9/.\-]{6,10},?[ \t]+\d{1,2}:\d\d(?::\d\d)?(?:[ \t]?[ap]m)?\][ \t]+" + _T8 + r":"
            r"|^" + _T8 + r"[ \t]{1,3}\d{1,2}:\d\d(?:[ \t]?[ap]m)?[ \t]*$"
        ),
        ID5,
    ),
    # person places at a line start: greetings, "x wrote:", "x reacted with", "x (she/her)", leaderboards
    (
        (),
        _f8(
            r"^[ \t]*(?:dear|hi|hello|hey|hiya)[ \t]+" + _T8 + r"[ \t]*[,!]"
            r"|^[> \t]*" + _T8 + r"[ \t]+wrote:"
            r"|^"
            + _T8
            + r"[ \t]+(?:reacted[ \t]+with|left[ \t]+the[ \t]+(?:channel|chat|group|call|room)|joined[ \t]+#|"
            r"joined[ \t]+the[ \t]+(?:channel|chat|group|call|room)|was[ \t]+(?:kicked|removed|added|banned|invited))\b"
            r"|^[ \t]*" + _T8 + r"[ \t]+\((?:she|he|they|xe|ze)/[a-z]+\)"
            r"|^[ \t]*\d{1,3}[.)][ \t]+" + _T8 + r"[ \t]+(?:[\u2014\u2013\-:][ \t]+)?\d[\d,.]*[ \t]*"
            r"(?:pts|points|xp|wins|kills|votes|karma|stars|commits|prs)\b"
        ),
        PERSON5,
    ),
    # ticket and audit histories: "Mar 4 10:02  x changed priority", "- x moved this from", "audit: x downloaded"
    (
        ("ed ", "ed\n", "in ", "out"),
        _f8(
            r"^(?:[^\n]{0,24}?\d{1,2}:\d\d(?::\d\d)?(?:[ \t]?[ap]m)?(?:z|[+\-]\d\d:?\d\d)?[ \t]+(?:[a-z]+:[ \t]+)?"
            r"|[ \t]*[\-*\u2022][ \t]+|\[[a-z]+\][ \t]+)(?:[\u2014\u2013\-][ \t]+)?" + _T8 + r"[ \t]+" + _HISTORY_VERBS8
        ),
        PERSON5,
    ),
    (
        ("replying", "blame", "reassigned", ":"),
        _t8(
            r"\breplying[ \t]+to[ \t]+" + _T8 + r"[ \t]*:"
            r"|\bblame[ \t]+says[ \t]+" + _T8 + r"[ \t]+wrote\b"
            r"|\b(?:top[ \t]+)?(?:contributors|winners|reviewers|attendees|participants|mvps?|moderators|mods|admins)\b"
            r"[^:\n]{0,24}:[ \t]*"
            + _T8
            + _END4
            + r"|\breassigned[ \t]+from[ \t]+"
            + _T8
            + r"[ \t]+to(?:[ \t]+"
            + _T8
            + _END4
            + r")?"
        ),
        PERSON5,
    ),
)
# "Femke Bakker [fbakker]": capitalised, so not the Folded patterns ("binding for the [FFmpeg]")
_BRACKET8 = re.compile(r"\b[A-Z][a-z'\-]+[ \t]+[A-Z][a-z'\-]+[ \t]+\[" + _T8 + r"\]")
_YEAR_INITIALS8 = re.compile(r"[a-z]{2}(?:19[4-9]\d|200\d)")  # "kk1977": initials and a birth year
SIBLING_LEVEL8 = ID5  # a column that holds handles: an account field (the score gate is _sibling_ok8)
_SHAPE8 = re.compile(r"[^ \t\n,;|]+")
_LETTERS8, _DIGITS8 = re.compile(r"[A-Za-z]+"), re.compile(r"\d+")


_LEET8 = str.maketrans("4310576", "aeiosgt")


def _place8_ok(self: Handles, tok: str, level: int, names: set[str]) -> bool:
    if level >= PERSON5 and _YEAR_INITIALS8.fullmatch(tok):
        return True
    stem = tok.lower().rstrip("0123456789")
    if level >= PERSON5 and stem[:1].isdigit() and re.search(r"[a-z]{2}", stem):
        d = stem.translate(_LEET8)  # leetspeak from its first letter: "4rjun82", "3mr3g1r"
        if d.isalpha() and len(d) >= 4 and not self.lex.is_word(d) and (self.lex.known(d) or _name_core(self, d)):
            return True
    return slot_shaped(self, tok, level, names)


def _line_shape8(s: str) -> str:
    """Letter runs folded to "a", digit runs to "0" (two plain substitutions: no digit is a letter)."""
    return _LETTERS8.sub("a", _DIGITS8.sub("0", s))


_MD_RULE8 = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*\|", re.M)


def _sibling_ok8(self: Handles, tok: str) -> bool:
    """A seed or a sibling of the row rule: a lowercase token the scorer takes for a handle (rows of
    commands, options and identifiers in documentation score low: "grep_options", "devlink-sb")."""
    if tok != tok.lower():
        return False
    if _YEAR_INITIALS8.fullmatch(tok) or tok[:1].isdigit():
        return _place8_ok(self, tok, PERSON5, frozenset())
    if tok.isalpha():
        return len(tok) >= 5 and (score(tok) > SIBLING_LETTERS_MIN or _fused8(self, tok) is not None)
    return score(tok) > SIBLING_MIN


SIBLING_MIN, SIBLING_LETTERS_MIN = 0.2, 0.4


def _rows8(text: str) -> dict:
    """The current text's line table for ``_siblings8`` (``spans.per_text``: the same for every seed
    and for both callers, ``detect_places8`` and ``from_elsewhere8``): line starts, and, filled as
    asked, each line's cells, the folded shapes before and after a cell, and the siblings a layout
    gives (per cell index and shapes: which lines match does not depend on the seed)."""
    rows = per_text("handles.rows8", text)
    if not rows:
        starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        rows["md"] = _MD_RULE8.search(text) is not None
        rows["starts"] = starts
        rows["lines"] = list(zip(starts, [a - 1 for a in starts[1:]] + [len(text)], strict=True))
        rows["cells"], rows["fold"] = {}, {}
    return rows


def _cells8(rows: dict, text: str, i: int) -> list[re.Match]:
    cells = rows["cells"].get(i)
    if cells is None:
        a, b = rows["lines"][i]
        cells = rows["cells"][i] = list(_SHAPE8.finditer(text, a, b))
    return cells


def _folded8(rows: dict, text: str, i: int) -> tuple[str, list[tuple[int, int]]]:
    """Line ``i`` folded (``_line_shape8``) and its cells' places in the folded line: folding keeps
    every separator and never empties a cell, so the cells correspond one to one, and the shape
    before or after a cell (which no letter or digit run crosses) is a slice of the folded line."""
    hit = rows["fold"].get(i)
    if hit is None:
        a, b = rows["lines"][i]
        folded = _line_shape8(text[a:b])
        hit = rows["fold"][i] = (folded, [m.span() for m in _SHAPE8.finditer(folded)])
    return hit


def _pre8(rows: dict, text: str, i: int, k: int) -> str:
    """The folded shape of line ``i`` before its cell ``k``."""
    folded, cells = _folded8(rows, text, i)
    return folded[: cells[k][0]]


def _post8(rows: dict, text: str, i: int, k: int) -> str:
    """The folded shape of line ``i`` after its cell ``k`` (a negative index counts from the end)."""
    folded, cells = _folded8(rows, text, i)
    return folded[cells[k][1] :]


def _siblings8(self: Handles, text: str, have: set[tuple[int, int]], names: set[str], take) -> None:  # type: ignore[no-untyped-def]
    """Rows of one layout: where a found handle stands in a line (a CSV cell, a leaderboard row, a
    ticket history entry, a chat export), the token at the same place of a line of the same shape
    (letters and digit runs folded) is a handle too when a person's place would take it."""
    rows = _rows8(text)
    if rows["md"]:
        return  # a markdown table has a header row: round 5's tables read it ("| Architectures |" is no account)
    if len(rows["lines"]) < 2:
        return
    if rows.get("owner") is not self:  # (what is judged depends on the judge's lexicon)
        rows["owner"], rows["ok"], rows["sib"] = self, {}, {}
    lines, starts, oks = rows["lines"], rows["starts"], rows["ok"]

    def sibling_ok(tok: str) -> bool:
        hit = oks.get(tok)
        if hit is None:
            hit = oks[tok] = _sibling_ok8(self, tok)
        return hit

    for s, e in list(have):
        if not sibling_ok(text[s:e].lstrip("@")):
            continue  # a row of one layout is of handles only when its seed reads as one
        r = bisect.bisect_right(starts, s) - 1  # the line that holds the seed, if it ends there
        if r < 0 or e > lines[r][1]:
            continue
        own = _cells8(rows, text, r)
        idx = next((i for i, c in enumerate(own) if c.start() <= s and e <= c.end()), None)
        if idx is None:
            continue
        row = lines[r]
        pre, post = text[row[0] : own[idx].start()], text[own[idx].end() : row[1]]
        if not re.search(r"[\d,;|\t:\[<>\-.()]", pre + text[s - 1 : s] + text[e : e + 1] + post[:12]):
            continue  # a layout has punctuation or digits around its cells, prose does not
        pshape, sshape = _pre8(rows, text, r, idx), _post8(rows, text, r, idx)
        back = len(own) - 1 - idx
        by_end = re.search(r"[\d,;|\t:\[<>()]", post + text[e : e + 1]) is not None
        key = (idx, pshape, back, sshape, by_end)
        sibs = rows["sib"].get(key)
        if sibs is None:
            sibs = rows["sib"][key] = _layout8(rows, text, idx, pshape, back, sshape, by_end, sibling_ok)
        for li, off, n in sibs:
            if li != r:
                take(off, off + n, SIBLING_LEVEL8)


def _layout8(rows: dict, text: str, idx: int, pshape: str, back: int, sshape: str, by_end: bool, ok) -> list:  # type: ignore[no-untyped-def]
    """The siblings of a seed at cell ``idx`` (``back`` cells before the end) of a line shaped
    ``pshape`` before it and ``sshape`` after it: (line, start, length) in line order, each line's
    cell at the same index when the line's shape before it is the same, else the cell as far from
    the end when the seed has a layout mark after it (``by_end``) and the shape after it is the
    same; only tokens a handle could be that ``ok`` takes."""
    out = []
    for li in range(len(rows["lines"])):
        # the shapes are read off the folded line (``_folded8``); its cells are the line's
        folded, fcells = _folded8(rows, text, li)
        if idx < len(fcells) and fcells[idx][0] == len(pshape) and folded.startswith(pshape):
            c = _cells8(rows, text, li)[idx]
        elif (
            back < len(fcells)
            and by_end
            and len(folded) - fcells[-1 - back][1] == len(sshape)
            and folded.endswith(sshape)
        ):
            c = _cells8(rows, text, li)[-1 - back]  # "8c1f2ab fix typo (x)" and "4e1d9ab bump deps (y)"
        else:
            continue
        m = _T8_FULL.fullmatch(c.group(0).strip("<>[]():\"'"))
        if m is None:
            continue
        off = c.start() + c.group(0).find(m.group(1))
        if ok(m.group(1)):
            out.append((li, off, len(m.group(1))))
    return out


_T8_FULL = re.compile(_T8)


_FUSED8 = re.compile(r"(?<![\w@./\-])[a-z]{8,24}(?![\w@]|[./\-][a-z0-9])")
_FUSED_WEAK8 = re.compile(r"(?:\b(?:to|with|from|by|for|cc|and|w|ask|ping|via)|[,:])[ \t]+$")
FUSED_MIN, FUSED_WEAK_MIN = 0.6, 0.2
_FUSED_MEMO: dict[str, float | None] = {}


def _fused8(self: Handles, tok: str) -> float | None:
    """A first name glued to a last name, neither an English word ("femkebakker", "zeynepkaya"):
    its handle score, or None when the token is no such fusion."""

    def judge(t: str) -> float | None:
        lex = self.lex
        if lex.is_word(t) or lex.known(t) or t in STOP or t in COMMON_WORDS or _DERIVED.search(t) or _software(t):
            return None
        for i in range(4, len(t) - 3):
            a, b = t[:i], t[i:]
            if (
                max(len(a), len(b)) >= 5  # two parts of four explain too many words ("marz|ipan")
                and lex.is_first(a)
                and lex.is_last(b)
                and not lex.is_word(a)
                and not lex.is_word(b)
                and (lex.is_ranked_first(a, 3000) or lex.is_ranked_last(b, 5000))
            ):
                return score(t)
        return None

    return remembered(_FUSED_MEMO, tok, judge, 50_000)


def _place_taker(self: Handles, text: str, names: set[str], have: set[tuple[int, int]], out: list[Span]):  # type: ignore[no-untyped-def]
    """``take(s, e, level)`` for the place tables: a token not taken yet, not after a path or code
    mark, no known name, speaker or region, whose shape the place's level accepts (``_place8_ok``)."""

    def take(s: int, e: int, level: int) -> None:
        if (s, e) in have or text[s - 1 : s] in ("/", "\\", "$", "%", "`", "@"):
            return
        tok = text[s:e]
        if tok.lower() in names or _is_speaker(tok) or tok.lower() in _REGIONS:
            return
        if _place8_ok(self, tok, level, names):
            have.add((s, e))
            out.append(Span(s, e, "USERNAME"))

    return take


def _scan_places(table, text: str, low: str, take) -> None:  # type: ignore[no-untyped-def]
    """Every group of every place in ``table`` whose cue words the lowercased text holds, to ``take``."""
    for cues, pat, level in table:
        if cues and not any(c in low for c in cues):
            continue
        for m in pat.finditer(text, low):
            for g in range(1, (m.lastindex or 0) + 1):
                if m.group(g) is not None:
                    take(m.start(g), m.end(g), level)


def detect_places8(self: Handles, text: str, taken: list[Span] = (), names: set[str] = frozenset()) -> list[Span]:  # type: ignore[assignment]
    """Handles in the places of logs, exports and threads (see above), and their siblings."""
    have = {(sp.start, sp.end) for sp in taken if sp.type == "USERNAME"}
    out: list[Span] = []
    low = text.lower()
    take = _place_taker(self, text, names, have, out)
    _scan_places(_PLACES8, text, low, take)
    if "[" in text:
        for m in _BRACKET8.finditer(text):
            take(m.start(1), m.end(1), PERSON5)
    if _YEAR_INITIALS8.search(low):  # the account places of round 5 for initials and a birth year
        for m in _ID5.finditer(text, low):
            if _YEAR_INITIALS8.fullmatch(m.group(1).lower()):
                take(m.start(1), m.end(1), PERSON5)
    # a first and a last name fused, lowercase: anywhere when the scorer is sure, else after a word
    # that takes a person ("cc femkebakker", "with zeynepkaya")
    for m in _FUSED8.finditer(text):
        sc = _fused8(self, m.group(0))
        if sc is not None and m.group(0) not in names and (m.start(), m.end()) not in have:
            if sc > FUSED_MIN or (sc > FUSED_WEAK_MIN and _FUSED_WEAK8.search(text, max(0, m.start() - 8), m.start())):
                have.add((m.start(), m.end()))
                out.append(Span(m.start(), m.end(), "USERNAME"))
    # seeds for siblings and lists: what this pass found, and found handles no word could be (later
    # stages drop some spans of the earlier passes: "sumac, harissa" in a shopping list)
    seeds = {(sp.start, sp.end) for sp in out} | {
        (s, e) for s, e in have if re.search(r"[\d._\-]", text[s:e]) and not _VERSION4.fullmatch(text[s:e].lower())
    }
    if "\n" in text and seeds:
        _siblings8(self, text, seeds, names, take)
    # the item before a found one in a list: "x, y" once y is a handle
    for s, _ in sorted(seeds):
        m = re.search(_T8 + r"[ \t]*,[ \t]*$", text[max(0, s - 42) : s])
        if m:
            b = max(0, s - 42)
            take(b + m.start(1), b + m.end(1), PERSON5)
    todo = list(out)
    while todo:  # and the items after one this pass found: "contributors: x, y"
        m = _NEXT5.match(text, todo.pop().end)
        if m:
            n = len(out)
            take(m.start(1), m.end(1), PERSON5)
            todo += out[n:]
    return out


Handles.detect_places8 = detect_places8  # type: ignore[attr-defined]


def from_elsewhere8(self: Handles, text: str, spans: list[Span]) -> list[Span]:
    """Evidence from elsewhere, after every pass and veto: the local parts of e-mails (round 6) and
    the siblings of every handle found, in rows of one layout (a CSV whose handle column the
    scorer, the name pass or an earlier row found: "2025-03-04,kerem_y51,..." then "...,mincon,...")."""
    out = from_emails(self, text, spans)
    if "\n" not in text:
        return out
    found = [sp for sp in spans + out if sp.type == "USERNAME"]
    if not found:
        return out
    taken = sorted((sp.start, sp.end) for sp in spans + out)
    have = {(sp.start, sp.end) for sp in found}
    seeds = {k for k in have if not self.lex.is_word(text[k[0] : k[1]].lower().lstrip("@"))}
    more: list[Span] = []

    def take(s: int, e: int, level: int) -> None:
        if (s, e) in have or any(a < e and s < b for a, b in taken):
            return
        if text[s - 1 : s] in ("/", "\\", "$", "%", "`") or _is_speaker(text[s:e]):
            return
        if _place8_ok(self, text[s:e], level, frozenset()):
            have.add((s, e))
            more.append(Span(s, e, "USERNAME"))

    _siblings8(self, text, seeds, frozenset(), take)
    return out + more


Handles.from_elsewhere = from_elsewhere8  # type: ignore[attr-defined]


# Ninth round (issue #13): the places of review threads, CI logs, rotations, IRC and Discord logs,
# quoted mail headers, bug reports and speech that gives a handle. Each is tried only when one of
# its cue words is in the text; the place sets the shape it needs (round 5's ``slot_shaped``).
_IRC_SERVICE9 = r"(?![A-Za-z]*serv>)"  # NickServ, ChanServ, MemoServ: network services, not people
_PLACES9: tuple[tuple[tuple[str, ...], Folded | Triggered, int], ...] = (
    # CI: "Started by user x", "Started by upstream user x", "triggered by user x"
    (
        ("started by", "triggered by"),
        _f8(r"\b(?:started|triggered)[ \t]+by[ \t]+(?:upstream[ \t]+)?user[ \t]+" + _T8 + _END4),
        ID5,
    ),
    # a run's cause after a CI verb, a person's place: "build #812 triggered by x (push)", "run by x via api"
    (
        ("started by", "triggered by", "initiated by", "kicked off by"),
        _f8(
            r"\b(?:started|triggered|initiated|kicked[ \t]+off)[ \t]+by[ \t]+"
            + _T8
            + _END4
            + r"(?=[ \t]*(?:\(|via\b|$))"
        ),
        PERSON5,
    ),
    # IRC: "<x> text", "[10:02] <@x> text", "* x has joined #ops", "*** x has quit (Ping timeout)"
    (
        ("<", "has "),
        _f8(
            r"^(?:\[?\d{1,2}:\d\d(?::\d\d)?\]?[ \t]+)?<[@+%~&]?" + _IRC_SERVICE9 + _T8 + r">[ \t]"
            r"|^[ \t]*\*{1,3}[ \t]+" + _T8 + r"[ \t]+(?:\([^)\n]{1,60}\)[ \t]+)?has[ \t]+(?:joined|quit|left|parted)\b"
        ),
        ID5,
    ),
    # Discord: "x — Today at 10:02 AM" alone on its line
    (
        ("today at", "yesterday at"),
        _f8(r"^" + _T8 + r"[ \t]+[\u2014\u2013\-][ \t]+(?:today|yesterday)[ \t]+at[ \t]+\d{1,2}:\d\d"),
        ID5,
    ),
    # mail and bug-report headers: "> From: x", "Reporter: x", "Assignee: x" (alone on the line)
    (
        ("from:", "reporter", "assignee", "requester", "submitter"),
        _f8(r"^[> \t]*(?:from|reporter|assignee|requester|submitter|reported[ \t]+by)[ \t]*:[ \t]*" + _T8 + r"[ \t]*$"),
        ID5,
    ),
    # code review: "x approved these changes", "x requested changes", "**x** commented 2 days ago",
    # "requested a review from x", "Review by x:"
    (
        ("approved", "requested", "commented", "review"),
        _f8(
            r"^[ \t]*\**" + _T8 + r"\**[ \t]+(?:approved[ \t]+(?:these[ \t]+changes|this[ \t]+pull[ \t]+request)|"
            r"requested[ \t]+(?:changes|a[ \t]+review)|commented[ \t]+(?:on[ \t]+this|\d+[ \t]+\w+[ \t]+ago)|"
            r"dismissed[ \t]+\w+[ \t]+review|self-requested)\b"
            r"|^[ \t]*review(?:ed)?[ \t]+by[ \t]+" + _T8 + r"[ \t]*:"
        ),
        ID5,
    ),
    (("review from",), _f8(r"\brequested[ \t]+(?:a[ \t]+)?review[ \t]+from[ \t]+" + _T8 + _END4), ID5),
    # rotations: "x (primary), y (backup)"
    (
        ("primary", "secondary", "backup", "shadow"),
        _f8(r"(?<![\w.\-])" + _T8 + r"[ \t]+\((?:primary|secondary|backup|shadow|on-?call)\)"),
        ID5,
    ),
    # a forum or report byline: "posted by x 3 hours ago", "Reported by x on 2025-03-02"
    (
        (" by ",),
        _t8(r"\b(?:posted|reported|submitted|filed)[ \t]+by[ \t]+" + _T8 + r"[ \t]+(?:on[ \t]+|\d|[a-z]+[ \t]+ago\b)"),
        ID5,
    ),
    # quoted after a word for an account: 'the user "x" could not be found', "account 'x' locked"
    (
        ("user", "account", "login", "handle"),
        _t8(
            r"\b(?:user|account|username|user[ \t]+name|login|handle)[ \t]+[\"'\u201c\u2018]"
            + _T8
            + r"[\"'\u201d\u2019]"
        ),
        ID5,
    ),
    # on-call work and praise, a person's places: "paging x for", "escalated to x at", "handing over to
    # x", "handoff: x -> y", "nice catch x!", "props to x", "especially x"
    (
        ("pag", "escalat", "over to", "off", "catch", "props", "kudos", "especially"),
        _t8(
            r"\b(?:paged|paging|escalated[ \t]+to|escalating[ \t]+to|hand(?:ing|ed)?[ \t]+(?:it[ \t]+)?over[ \t]+to|"
            r"handoff:?|hand-off:?)[ \t]+" + _T8 + _END4 + r"(?:[ \t]*(?:->|\u2192)[ \t]*" + _T8 + _END4 + r")?"
            r"|\b(?:nice[ \t]+catch|props[ \t]+to|kudos[ \t]+to|especially)[ \t]+" + _T8 + r"[ \t]*[!.)]"
        ),
        PERSON5,
    ),
    # speech that gives a handle: "this is x speaking", "hi it's x here"
    (
        ("this is", "here"),
        _t8(
            r"\bthis[ \t]+is[ \t]+" + _T8 + r"[ \t]+(?:speaking|here)\b"
            r"|\bit['\u2019]?s[ \t]+" + _T8 + r"[ \t]+here\b"
        ),
        PERSON5,
    ),
)


def detect_places9(self: Handles, text: str, taken: list[Span] = (), names: set[str] = frozenset()) -> list[Span]:  # type: ignore[assignment]
    """Handles in the places of review threads, CI and chat logs, rotations and headers (see above)."""
    have = {(sp.start, sp.end) for sp in taken if sp.type == "USERNAME"}
    out: list[Span] = []
    _scan_places(_PLACES9, text, text.lower(), _place_taker(self, text, names, have, out))
    return out


Handles.detect_places9 = detect_places9  # type: ignore[attr-defined]
