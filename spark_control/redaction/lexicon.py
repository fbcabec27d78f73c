"""The person-name gazetteer (built by ``data/build_names.py``) and the word lists that keep
ordinary words, places and speaker labels from being taken for names."""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "names.tsv.gz"
WORDS = Path(__file__).with_name("data") / "words.txt.gz"
EXTRA = Path(__file__).with_name("data") / "names_extra.txt"
EXTRA_RANK = 4000  # a listed name: strong alone (strength 2), but no popular English surname

# Never a name on their own: calendar words, places, nationalities, chat words, abbreviations
# and titles. (Months like "june" are real first names: they still count inside a full name.)
STOP = frozenset(
    """
    mr mrs ms miss dr prof sir madam mx st co ltd inc llc plc jr sr ii iii iv ok okay lol pm am im ya yeah yes no nah
    bro haha hey hi hello dear thanks thank cheers regards best kind team all everyone folks guys
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday christmas easter
    america american americans british english england scotland scottish wales welsh ireland irish britain
    london york washington canada canadian india indian europe european france french germany german
    china chinese japan japanese russia russian spain spanish italy italian africa african asia asian
    australia australian zealand paris berlin boston sydney melbourne toronto dublin chicago dallas houston
    austin denver atlanta seattle phoenix detroit florida texas california virginia georgia carolina
    jordan israel brazil mexico korea korean vietnam thai thailand singapore hong kong delhi mumbai
    manchester liverpool birmingham glasgow edinburgh cardiff belfast bristol leeds oxford cambridge
    vegas angeles francisco diego santa san los las del rio victoria lincoln madison jersey orleans
    christian christians muslim jesus christ god lord islam jewish catholic
    bbc nba nfl fifa nasa cia fbi gop dvd tv hd pc ap un eu uk usa us nhs hmrc irs
    google amazon apple microsoft facebook meta netflix tesla oracle adobe slack zoom teams excel word
    json yaml api sql redis linux ubuntu python java chrome safari firefox android iphone ios macos windows
    santa clara
    git npm pip sudo ssh grep curl repo env prod dev sso vpn conn
    speaker agent customer caller interviewer interviewee host guest moderator operator participant
    doctor nurse patient manager director admin support sales user client
    """.split()
)

# Dictionary words that are, in business text, overwhelmingly used as first names or surnames.
NAME_DICT_WORDS = frozenset(
    """
    john mike tom peter matt victor martin nick tony carol troy jimmy josh ken brad ray rick terry billy
    hector maria lee jay khan eddy sonny barney homer jasper phoebe derrick colleen sherry bonnie misty patty
    smith miller wright turner cooper griffin fisher rogers tucker sanders newton parsons bates stokes hogan
    lynch hickey peters cox murphy kelly
    """.split()
)

# lowercase words after "ping", "cc", "assigned to" that name machines and teams, not people
# brands and products the lexicon's name data also lists as names (beside ner.BRANDS): "Nike", "Toyota"
BRAND_WORDS = frozenset(
    """
    nike adidas puma reebok toyota honda nissan mazda subaru kia hyundai lexus ford chevrolet audi porsche
    volvo bosch siemens philips canon nikon fujitsu logitech asus acer hp xerox epson lego ikea nestle
    mastercard stripe sony panasonic sharp garmin fitbit bose dyson hoover miele boeing airbus target
    walmart costco tesco aldi lidl okta zoho xero sage
    """.split()
)
# the second word of a team or department name: "Field Sales", "Data Science", "Customer Success"
DEPARTMENT_WORDS = frozenset(
    """
    sales science engineering operations marketing success support finance legal compliance relations
    programs procurement reliability assurance management ops team teams department desk services
    """.split()
)
# tools, bots and services that post, merge and show up where a person or handle would (beside
# ner.BRANDS): "merged by dependabot", "argocd picked it up", "npx prisma migrate"
TOOL_WORDS = frozenset(
    """
    rebase rebased squash bisect stash minio rclone rsync prisma kubelet coredns kubeproxy argocd dependabot
    renovate buildbot codeowners nagios zabbix traefik certbot podman vagrant celery airflow gradle maven eslint
    prettier mypy ruff pylint flake tox nox pipenv sonarqube snyk codecov mergify autotriage auth lodash lockfile
    eval evals log4j slf4j
    """.split()
)
TEAM_WORDS = frozenset("localhost devops devrel infra frontend backend fullstack oncall sre sysadmin secops".split())

PARTICLES = frozenset(
    "van von de der den da di du la le del della dos das bin ibn al el st ter ten ap ab ben bint abu mac mc ní nic "
    "ó ua uí zu dei degli".split()
)


@dataclass(frozen=True)
class Entry:
    first: bool
    last: bool
    zipf: int  # English word frequency x10 (wordfreq; includes use as a name)
    dict_word: bool  # a lowercase dictionary word
    rank: int  # best popularity rank in an English-speaking country, 0 = unranked


class Lexicon:
    def __init__(self, entries: dict[str, Entry], words: frozenset[str] = frozenset()) -> None:
        self.entries = entries
        self._strength: dict[str, int] = {}
        self.words = words  # frequent English words that are not names
        # answers per token as written: the rules ask the same few hundred tokens a few thousand
        # times per text (pure functions of the token; a Lexicon never changes once built)
        # (one dict per question, looked up inline: the rules ask ~100k times per 200 texts)
        self._first: dict[str, bool] = {}
        self._last: dict[str, bool] = {}
        self._known: dict[str, bool] = {}
        self._word: dict[str, bool] = {}

    @classmethod
    def load(cls, path: Path = DATA) -> Lexicon:
        entries: dict[str, Entry] = {}
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                tok, kinds, zipf, dict_word, rank = line.rstrip("\n").split("\t")
                entries[tok] = Entry("F" in kinds, "L" in kinds, int(zipf), dict_word == "1", int(rank))
        # hand-written names for groups the data set under-covers (Mayan, Nahuatl, diacritics)
        if EXTRA.exists():
            for line in EXTRA.read_text(encoding="utf-8").splitlines():
                if line and not line.startswith("#"):
                    tok, kinds = line.split("\t")
                    old = entries.get(tok)
                    if old is None or old.rank == 0:
                        entries[tok] = Entry(
                            "F" in kinds or bool(old and old.first),
                            "L" in kinds or bool(old and old.last),
                            0,
                            False,
                            EXTRA_RANK,
                        )
        words: frozenset[str] = frozenset()
        if WORDS.exists():
            with gzip.open(WORDS, "rt", encoding="utf-8") as f:
                words = frozenset(f.read().split())
        return cls(entries, words)

    def get(self, tok: str) -> Entry | None:
        t = tok.lower()
        e = self.entries.get(t)
        if e is None and "'" in t:
            e = self.entries.get(t.replace("'", "")) or self.entries.get(t.split("'", 1)[1])
        if e is None and not t.isascii() and "\u0307" in t:
            e = self.entries.get(t.replace("\u0307", ""))  # "İlknur".lower() keeps the dot: "i̇lknur"
        return e

    def strength(self, tok: str) -> int:
        """2: a name even alone and lowercase; 1: a name with support (pair, trigger, capital);
        0: an ordinary word (only a capitalised full name or a title makes it a name)."""
        t = tok.lower()
        cached = self._strength.get(t)
        if cached is None:
            cached = self._strength[t] = self._compute_strength(t)
            if len(self._strength) > 200_000:
                self._strength.clear()
        return cached

    def _compute_strength(self, t: str) -> int:
        if len(t) < 2 or t in STOP or t.replace("'", "") in STOP:
            return 0
        if "-" in t:
            parts = [p for p in t.split("-") if p]
            if any(len(p) < 2 for p in parts):
                return 0  # "x-ray", "e-mail", "t-shirt"
            return max((self.strength(p) for p in parts), default=0)
        e = self.get(t)
        if e is None:
            return 0
        if t in NAME_DICT_WORDS:
            return 2
        if not e.dict_word:
            # a clear name: ranked as a name in an English-speaking country (rare foreign-only
            # entries of the source data include words like "balancer", "repo")
            # and a name written with letters English never uses ("şükrü", "tuyết") is no English word
            return 2 if len(t) >= 3 and (0 < e.rank <= 5000 or (not t.isascii() and t not in self.words)) else 1
        return 1 if e.zipf <= 56 else 0

    def is_surname(self, tok: str) -> bool:
        """A last name that is not just an ordinary word that some data set also lists as a name."""
        if "-" in tok:
            return any(self.is_surname(p) for p in tok.split("-") if p)
        e = self.get(tok)
        t = tok.lower()
        if not e or not e.last or t in STOP:
            return False
        return t in NAME_DICT_WORDS or not e.dict_word or (0 < e.rank <= 3000 and e.zipf <= 45)

    def is_ranked_last(self, tok: str, max_rank: int = 3000) -> bool:
        """A last name popular in an English-speaking country (even if also a word: "Young", "King")."""
        if "-" in tok:
            return all(self.is_ranked_last(p, max_rank) for p in tok.split("-") if p)
        e = self.get(tok)
        return bool(e and e.last and 0 < e.rank <= max_rank)

    def is_common(self, tok: str) -> bool:
        """A frequent ordinary word ("you", "the", "will"): never a name on its own."""
        t = tok.lower()
        if t in COMMON_WORDS:
            return True
        if "-" in t:  # "on-call", "follow-up": made of common words
            parts = [p for p in t.split("-") if p]
            return bool(parts) and all(self.is_common(p) for p in parts)
        e = self.get(t)
        return bool(e and e.dict_word and e.zipf >= 52)

    def propagatable(self, tok: str) -> bool:
        """May this name token be redacted everywhere? Not function words ("the", "will", "may")."""
        t = tok.lower()
        if t in COMMON_WORDS:
            return False
        e = self.get(t)
        return not (e and e.dict_word and e.zipf >= 60)

    def is_first(self, tok: str) -> bool:
        hit = self._first.get(tok)
        return remembered(self._first, tok, self._is_first, _MEMO_CAP) if hit is None else hit

    def _is_first(self, tok: str) -> bool:
        if "-" in tok:
            return any(self.is_first(p) for p in tok.split("-") if p)
        e = self.get(tok)
        return bool(e and e.first)

    def is_ranked_first(self, tok: str, max_rank: int = 1000) -> bool:
        """A first name popular in an English-speaking country (even if also a word: "Hope",
        "Will"), as one token: the twin of ``is_ranked_last`` without its split at hyphens."""
        e = self.get(tok)
        return bool(e and e.first and 0 < e.rank <= max_rank)

    def is_last(self, tok: str) -> bool:
        hit = self._last.get(tok)
        return remembered(self._last, tok, self._is_last, _MEMO_CAP) if hit is None else hit

    def _is_last(self, tok: str) -> bool:
        t = tok.lower()
        if "-" in t:
            return any(self.is_last(p) for p in t.split("-") if p)
        e = self.get(t)
        return bool(e and e.last)

    def known(self, tok: str) -> bool:
        hit = self._known.get(tok)
        return remembered(self._known, tok, self._is_known, _MEMO_CAP) if hit is None else hit

    def _is_known(self, tok: str) -> bool:
        return self.get(tok) is not None

    def is_word(self, tok: str) -> bool:
        """An ordinary English word (used to decide whether an unknown token can be a surname)."""
        hit = self._word.get(tok)
        return remembered(self._word, tok, self._is_word, _MEMO_CAP) if hit is None else hit

    def _is_word(self, tok: str) -> bool:
        if "-" in tok:
            return all(self.is_word(p) for p in tok.split("-") if p)
        t = tok.lower()
        if t in self.words or t in COMMON_WORDS:
            return True
        e = self.get(t)
        return bool(e and e.dict_word)


_INNER_CAP = re.compile(r"([^\W\d_]+?)[A-Z]")
_NAME_PREFIXES = frozenset("mc mac de di da du la le van von ja fitz o st".split())
_PREFIXES = ("re", "un", "pre", "over", "under", "sub", "auto", "multi")
_SUFFIXES = ("ing", "ers", "er", "ed", "ment", "ness", "tion", "ity", "able", "ism", "ist", "ists")


def inner_capital(w: str, lex: Lexicon) -> bool:
    """A word with a capital inside that no name has: "UniFi", "NetApp", "RoBERTa"; not "McKenzie",
    "DeShawn", nor a handle glued from two clear names ("BenceKovacs")."""
    m = _INNER_CAP.match(w, 1) if len(w) > 2 else None
    if not m or w[: m.end() - 1].lower() in _NAME_PREFIXES or not any(map(str.islower, w)):
        return False
    parts = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", w)
    return not all(len(p) >= 3 and lex.strength(p) == 2 for p in parts)


def derived_word(low: str, lex: Lexicon) -> bool:
    """An English word the dictionary lacks, made from one it has: "onboarding", "discloser"."""
    if not low.isalpha():
        return False  # "wade-miller" is two words, not one derived
    for suf in _SUFFIXES:
        if low.endswith(suf) and len(low) - len(suf) >= 5:
            base = low[: -len(suf)]
            for b in (base, base + "e", base[:-1] if base[-1] == base[-2] else ""):
                if b and (
                    lex.is_word(b)
                    or any(b.startswith(p) and len(b) - len(p) >= 3 and lex.is_word(b[len(p) :]) for p in _PREFIXES)
                ):
                    return True  # "onboard-ing", "disclose-r", "re-size-r"
    return False


_MEMO_CAP = 200_000  # per question


def remembered(memo: dict, key, compute, cap: int):
    """``memo[key]``, computed once by ``compute(key)``; past ``cap`` entries the memo starts over
    (the answers are pure functions of the key: forgetting costs time, never correctness)."""
    hit = memo.get(key)
    if hit is None:
        if len(memo) > cap:
            memo.clear()
        memo[key] = hit = compute(key)
    return hit


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return Lexicon.load()


# A small list of very common English words that are not in the gazetteer but must never be
# taken for an unknown surname after a first name ("john said", "mike thinks").
# months and weekdays: capitalised, never a name alone ("Monday", "March")
CALENDAR = frozenset(
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday".split()
)
COMMON_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
    nor not now of off on once only or other our ours out over own same she should so some such than that the
    their them then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself said says say told tells asked asks thinks
    think thought wants want wanted needs need will would can could should shall might must may please thanks
    called calls emailed mentioned agreed suggested replied wrote sent joined left here there also just
    okay yeah yep sure right well so um uh like know mean gonna wanna gotta hey hi hello ish
    """.split()
)
