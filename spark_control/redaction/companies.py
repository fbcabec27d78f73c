"""Company names: legal forms ("Ltd", "GmbH", "S.A. de C.V."), business head nouns ("Foods",
"Outfitters", "Bäckerei") after name-like or Title Case words, and coined single words in a
company position ("signed with Vexora", "Ordilo's invoice")."""

from __future__ import annotations

import re

from spark_control.redaction.detectors import Span
from spark_control.redaction.lexicon import COMMON_WORDS, STOP, Lexicon
from spark_control.redaction.names import WORD

# sector words that end invented company names ("Zorvex Robotics", "Blue Tarin Foods"); only with
# name-like words before them, never alone ("social media", "our systems")
SECTOR_WORDS = (
    r"Foods|Food|Media|Robotics|Health|Healthcare|Analytics|Dynamics|Networks|Studios|Studio|Energy|Works|Biotech|"
    r"Pharma|Pharmaceuticals|Motors|Software|Digital|Interactive|Entertainment|Apparel|Brands|Designs|Foundry|"
    r"Farms|Textiles|Aerospace|Telecom|Communications|Investments|Finance|Financial|Realty|Properties|Estates|"
    r"Construction|Engineering|Manufacturing|Mining|Minerals|Chemicals|Materials|Devices|Instruments|Electronics|"
    r"Semiconductors|Genomics|Therapeutics|Diagnostics|Medical|Clinic|Labs|Laboratories|Collective|Co-op|Cooperative"
)
_COMPANY_SUFFIX = (
    r"(?:Inc|Incorporated|LLC|L\.L\.C|Ltd|Limited|PLC|LLP|LP|Corp|Corporation|Co|Company|Group|GmbH|AG|SA|NV|BV|"
    r"Pty(?:\s+Ltd)?|Holdings|Partners|Associates|Industries|Enterprises|Solutions|Technologies|Systems|Labs|"
    r"Consulting|Ventures|Capital|Bank|Trust|Insurance|Logistics|Services|International|Worldwide|and Sons|& Sons|"
    + SECTOR_WORDS
    + r")"
)
_COMPANY = re.compile(
    r"(?<![\w])(?:[A-Z][\w'&.\-]*(?:,)?\s+(?:(?:and|&)\s+)?){1,4}" + _COMPANY_SUFFIX + r"\b\.?",
)
_COMPANY_LOWER = re.compile(
    r"(?<![\w])(?:[a-z][\w'&\-]*\s+(?:(?:and|&)\s+)?){1,2}(?:inc|llc|ltd|plc|llp|corp|gmbh|pty ltd|and sons|group|"
    r"holdings|partners|associates|capital|systems|labs|logistics|ventures|technologies|solutions|"
    + SECTOR_WORDS.lower()
    + r")\b\.?",
)
_COMPANY_AND = re.compile(
    r"(?<![\w])[A-Z][a-z'\-]+(?:,\s+[A-Z][a-z'\-]+)?,?\s+(?:and|&)\s+[A-Z][a-z'\-]+(?=\s|[.,;:)]|$)"
)
_COMPANY_HINT = re.compile(r"\b" + _COMPANY_SUFFIX + r"\b")
_COMPANY_LOWER_HINT = re.compile(
    r"\b(?:inc|llc|ltd|plc|llp|corp|gmbh|pty ltd|and sons|group|holdings|partners|associates|capital|systems|labs|"
    r"logistics|ventures|technologies|solutions|" + SECTOR_WORDS.lower() + r")\b"
)
_LEGAL_FORM = re.compile(
    r"\b(?:Inc|Incorporated|LLC|L\.L\.C|Ltd|Limited|PLC|LLP|LP|Corp|Corporation|Co|GmbH|AG|SA|NV|BV|Pty|and Sons|& Sons)\b",
    re.IGNORECASE,
)
_GENERIC_SUFFIX = re.compile(
    r"^(?:Company|Group|Holdings|Partners|Associates|Industries|Enterprises|Solutions|Technologies|Systems|Labs|"
    r"Consulting|Ventures|Capital|Bank|Trust|Insurance|Logistics|Services|International|Worldwide|Sons|"
    + SECTOR_WORDS
    + r")$",
    re.IGNORECASE,
)


class Companies:
    """Finds company names in a text; ``detect(text)`` -> COMPANY spans."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    def detect(self, text: str) -> list[Span]:
        spans = []
        for sp in self._candidates(text):
            sp = self._company(text, sp)
            if sp is not None:
                spans.append(sp)
        return spans

    def _candidates(self, text: str) -> list[Span]:
        out = []
        for m in _COMPANY.finditer(text) if _COMPANY_HINT.search(text) else ():
            out.append(Span(m.start(), m.end(), "COMPANY"))
        for m in _COMPANY_AND.finditer(text) if (" and " in text or "&" in text) else ():
            out.append(Span(m.start(), m.end(), "COMPANY"))
        for m in _COMPANY_LOWER.finditer(text) if _COMPANY_LOWER_HINT.search(text) else ():
            out.append(Span(m.start(), m.end(), "COMPANY"))
        return out

    def _company(self, text: str, sp: Span) -> Span | None:
        """A legal form ("Ltd", "LLC", "& Sons") is enough; a generic word ("Services", "Group", "and")
        needs name-like words in the company name (leading ordinary words are trimmed off: "to welch
        group" -> "welch group"), and a well-known brand/place word is not one."""
        value = text[sp.start : sp.end]
        words = list(WORD.finditer(value))
        if not words or words[0].group(0).lower() in STOP:
            return None
        if _LEGAL_FORM.search(value) and (value[0].isupper() or self._name_like(words[0].group(0))):
            return sp
        generic_suffix = (
            _GENERIC_SUFFIX.search(words[-1].group(0)) is not None
            or _LEGAL_FORM.fullmatch(words[-1].group(0)) is not None  # "to borra plc" -> "borra plc"
        ) or words[-1].group(0).lower() in (
            "group", "holdings", "partners", "associates", "sons"
        )  # fmt: skip
        names = words[:-1] if generic_suffix else words
        start = None
        for m in reversed(names):
            w = m.group(0)
            if w.lower() == "and":
                continue
            if not self._name_like(w) or w.lower() in STOP:
                break
            start = m.start()
        if start is None:
            return None
        if not generic_suffix and start != words[0].start():
            return None
        return Span(sp.start + start, sp.end, "COMPANY")

    def _name_like(self, w: str) -> bool:
        if w.lower() in COMMON_WORDS or (
            w.islower() and self.lex.is_word(w) and not (self.lex.is_surname(w) or self.lex.is_ranked_last(w))
        ):
            return False  # "the capital", "our systems": lowercase ordinary words are no company names
        return (
            self.lex.is_surname(w)
            or self.lex.is_ranked_last(w)
            or not self.lex.is_word(w)  # unknown, or a name that is no ordinary word ("Gricel Health")
        )
