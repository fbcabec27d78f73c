# SEALED TEST CORPUS. No rule, list, pattern or threshold in spark_control/redaction may be tuned
# against this generator or the corpus it makes: it measures what the tuned rules miss. Look
# at leak counts by type and kind (benchmarks/redaction.py), never at its documents, when a rule changes.
"""Generator of the sealed redaction corpus: a different generator from tests/redaction/corpus.py
(the tuning corpus) on purpose. Other templates, other writing styles (letters, forwarded mail,
issue trackers, chat with handles as nicknames, interviews), other name and company sources
(``sources.py``: hand-written Turkish, Mayan, Yoruba, Polish, Vietnamese and other names, names
with particles, invented and coined company names; no Faker, no names-dataset), other formats
(foreign addresses and phone numbers, obfuscated emails, dates of birth in many written and
spoken forms, PII split across speaker turns) and PII-free controls that look like PII.

Every document records its gold spans ``(type, start, end, kind, value)``, so a leak is measured
per span at its place in the text. Only the standard library is used (``random.Random`` with a
fixed seed), so the output is the same on every machine; ``FINGERPRINT`` (its sha256) is
committed and ``tests/redaction/test_sealed_corpus.py`` checks that the generator still makes
exactly that corpus. To change the corpus on purpose, change the generator and the fingerprint
in the same commit and say why.

    python -m tests.redaction.sealed.generator        # prints the fingerprint
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import unicodedata
from dataclasses import asdict, dataclass, field

from tests.redaction.sealed import sources as S

SEED = 20261204
STYLES = ("chat", "crm", "email", "letter", "meeting", "ticket", "transcript_cased", "transcript_lower")
DOCS_PER_STYLE = 56
CONTROLS_PER_STYLE = 10
# sha256 of the generated corpus (``python -m tests.redaction.sealed.generator`` prints it)
FINGERPRINT = "f472382c996dd4102b3dd4d407b31c1adca688b8089d254774927ec05b1d5c3d"
TYPES = ("PERSON", "COMPANY", "USERNAME", "DOB", "EMAIL", "PHONE", "CARD", "SSN", "IBAN", "ADDRESS")


@dataclass(frozen=True)
class Pii:
    type: str
    value: str
    kind: str


@dataclass
class Span:
    type: str
    start: int
    end: int
    kind: str
    value: str


@dataclass
class Doc:
    id: int
    style: str
    text: str
    spans: list[Span] = field(default_factory=list)
    control: bool = False
    control_kind: str = ""


def render(template: str, values: dict[str, str | Pii], lower: bool = False) -> tuple[str, list[Span]]:
    """``{key}`` slots filled from ``values``; a ``Pii`` value becomes a gold span. ``lower``
    lowercases piece by piece, so spans stay exact even where lowercasing changes a length."""
    parts: list[str] = []
    spans: list[Span] = []
    n = 0
    last = 0
    for m in re.finditer(r"\{(\w+)\}", template):
        lit = template[last : m.start()]
        lit = lit.lower() if lower else lit
        parts.append(lit)
        n += len(lit)
        v = values[m.group(1)]
        if isinstance(v, Pii):
            val = v.value.lower() if lower else v.value
            spans.append(Span(v.type, n, n + len(val), v.kind, val))
        else:
            val = v.lower() if lower else v
        parts.append(val)
        n += len(val)
        last = m.end()
    tail = template[last:]
    parts.append(tail.lower() if lower else tail)
    return "".join(parts), spans


def fold(s: str) -> str:
    """ASCII form for handles and email local parts (ı -> i, ł -> l, đ -> d, accents dropped)."""
    s = s.translate(str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "ð": "d", "ß": "ss"}))
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def _luhn_digit(digits: list[int]) -> int:
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return (10 - total % 10) % 10


@dataclass
class Person:
    first: str
    last: str
    full: str
    group: str


class Gen:
    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)

    # ------------------------------------------------------------------ small helpers
    def d(self, n: int) -> str:
        return "".join(str(self.rng.randint(0, 9)) for _ in range(n))

    def pick(self, seq):
        return self.rng.choice(seq)

    def person(self) -> Person:
        group = self.pick(["turkish", "mayan", "yoruba", "polish", "vietnamese", "particle", "other", "wordlike"])
        if group == "vietnamese":
            fam, mid, given = self.pick(S.VIET_FAMILY), self.pick(S.VIET_MIDDLE), self.pick(S.VIET_GIVEN)
            if self.rng.random() < 0.3:
                fam, mid, given = fold(fam), fold(mid), fold(given)
            return Person(given, fam, f"{fam} {mid} {given}", group)
        if group == "particle":
            first, last = self.pick(S.PARTICLE_NAMES)
        else:
            firsts, lasts = S.NAME_GROUPS[group]
            first, last = self.pick(firsts), self.pick(lasts)
        return Person(first, last, f"{first} {last}", group)

    def people(self, n: int) -> list[Person]:
        out: list[Person] = []
        while len(out) < n:
            p = self.person()
            if all(p.first != q.first and p.last != q.last for q in out):
                out.append(p)
        return out

    def name(self, p: Person, form: str = "full") -> Pii:
        value = {
            "full": p.full,
            "first": p.first,
            "last": p.last,
            "initial": f"{p.first[0]}. {p.last}",
            "last_first": f"{p.last}, {p.first}",
        }[form]
        return Pii("PERSON", value, f"{p.group}:{form}")

    def spelled(self, word: str) -> Pii:
        letters = [c for c in fold(word).lower() if c.isalpha()]
        return Pii("PERSON", " ".join(letters), "spelled")

    def handle(self, p: Person) -> Pii:
        f = re.sub(r"[^a-z]", "", fold(p.first).lower()) or "x"
        last = re.sub(r"[^a-z]", "", fold(p.last.split()[-1]).lower()) or "y"
        form = self.rng.randrange(7)
        value = [
            f"{f[0]}{last}",
            f"{last}{f[0]}",
            f"{f}.{last[0]}",
            f"{f[:4]}{last[:3]}",
            f"{last}{f[0]}{self.d(2)}",
            f"{f}_{last}",
            f"{last[:5]}{f[:2]}",
        ][form]
        return Pii("USERNAME", value, "bare")

    def company(self) -> Pii:
        r = self.rng.random()
        if r < 0.6:
            a, b = self.rng.sample(S.COMPANY_WORDS, 2)
            return Pii("COMPANY", f"{a} {b} {self.pick(S.COMPANY_SUFFIXES)}", "word_word_suffix")
        word = self.coined()
        if r < 0.8:
            return Pii("COMPANY", f"{word} {self.pick(S.COMPANY_SUFFIXES)}", "coined_suffix")
        return Pii("COMPANY", word, "coined")

    def coined(self) -> str:
        parts = [self.pick(S.SYLLABLES_A)]
        if self.rng.random() < 0.5:
            parts.append(self.pick(S.SYLLABLES_B))
        parts.append(self.pick(S.COINED_ENDINGS))
        return "".join(parts).capitalize()

    def email(self, p: Person, style: str = "plain", company: Pii | None = None) -> Pii:
        f = re.sub(r"[^a-z]", "", fold(p.first).lower()) or "x"
        last = re.sub(r"[^a-z]", "", fold(p.last.split()[-1]).lower()) or "y"
        local = self.pick([f"{f}.{last}", f"{f[0]}{last}", f"{f}{self.d(2)}", f"{last}.{f[0]}", f"{f}_{last}"])
        if company is not None and self.rng.random() < 0.6:
            dom = re.sub(r"[^a-z]", "", fold(company.value.split()[0]).lower()) + self.pick([".com", ".io", ".co"])
        else:
            dom = self.pick(S.FREE_MAIL)
        host, _, tld = dom.partition(".")
        if style == "plain":
            return Pii("EMAIL", f"{local}@{dom}", "plain")
        if style == "spoken":  # transcripts: every symbol said as a word
            say = local.replace(".", " dot ").replace("_", " underscore ")
            return Pii("EMAIL", f"{say} at {host} dot {tld.replace('.', ' dot ')}", "spoken")
        kind = self.pick(["at_dot", "bracket", "paren", "caps", "spaced"])
        dotted = tld.replace(".", " dot ")
        value = {
            "at_dot": f"{local} at {host} dot {dotted}",
            "bracket": f"{local} [at] {host} [dot] {tld.replace('.', ' [dot] ')}",
            "paren": f"{local}(at){dom}",
            "caps": f"{local} AT {host} DOT {tld.replace('.', ' DOT ')}",
            "spaced": f"{local} @ {host} . {tld}",
        }[kind]
        return Pii("EMAIL", value, f"obfuscated:{kind}")

    def phone(self) -> Pii:
        d = self.d
        kind = self.pick(["uk_0", "tr", "pl", "vn", "ng", "mx", "ext", "de_0", "nl", "dots", "intl_00", "fr"])
        value = {
            "uk_0": f"+44 (0)20 {d(4)} {d(4)}",
            "tr": f"+90 5{d(2)} {d(3)} {d(2)} {d(2)}",
            "pl": f"+48 {self.rng.randint(5, 8)}{d(2)} {d(3)} {d(3)}",
            "vn": f"+84 9{d(1)} {d(3)} {d(4)}",
            "ng": f"+234 80{d(1)} {d(3)} {d(4)}",
            "mx": f"+52 1 999 {d(3)} {d(4)}",
            "ext": self.pick(
                [
                    f"+1-{self.rng.randint(201, 989)}-555-{d(4)} ext. {d(3)}",
                    f"({self.rng.randint(201, 989)}) 555-{d(4)} x{d(4)}",
                    f"+44 (0)161 {d(3)} {d(4)} extension {d(2)}",
                ]
            ),
            "de_0": f"+49 (0)30 {d(8)}",
            "nl": f"+31 6 {d(4)} {d(4)}",
            "dots": f"{self.rng.randint(201, 989)}.{self.rng.randint(201, 989)}.{d(4)}",
            "intl_00": f"00 44 161 {d(3)} {d(4)}",
            "fr": f"+33 6 {d(2)} {d(2)} {d(2)} {d(2)}",
        }[kind]
        return Pii("PHONE", value, f"intl:{kind}")

    def spoken_digits(self, digits: str, doubles: bool = True) -> str:
        out, i = [], 0
        while i < len(digits):
            c = digits[i]
            word = "oh" if c == "0" and self.rng.random() < 0.5 else S.DIGIT_WORDS[int(c)]
            if doubles and i + 1 < len(digits) and digits[i + 1] == c and self.rng.random() < 0.7:
                out.append(f"double {word}")
                i += 2
                continue
            out.append(word)
            i += 1
        return " ".join(out)

    def spoken_phone(self) -> Pii:
        if self.rng.random() < 0.5:
            digits = "07" + self.d(9)
            return Pii("PHONE", self.spoken_digits(digits), "spoken:national")
        cc = self.pick(["44", "90", "48", "234", "31"])
        return Pii("PHONE", "plus " + self.spoken_digits(cc + self.d(9), doubles=False), "spoken:intl")

    def split_phone(self) -> tuple[Pii, Pii]:
        """One number said over two turns: both halves are PII."""
        if self.rng.random() < 0.5:
            a, b = f"+48 {self.rng.randint(5, 8)}{self.d(2)}", f"{self.d(3)} {self.d(3)}"
        else:
            a, b = f"07{self.d(3)}", f"{self.d(3)} {self.d(3)}"
        return Pii("PHONE", a, "split"), Pii("PHONE", b, "split")

    def split_phone_spoken(self) -> tuple[Pii, Pii]:
        a, b = "07" + self.d(3), self.d(6)
        return (
            Pii("PHONE", self.spoken_digits(a), "split:spoken"),
            Pii("PHONE", self.spoken_digits(b), "split:spoken"),
        )

    def dob_date(self) -> tuple[int, int, int]:
        return self.rng.randint(1938, 2006), self.rng.randint(1, 12), self.rng.randint(1, 28)

    def dob_written(self) -> Pii:
        y, m, d = self.dob_date()
        mon = S.MONTHS[m - 1]
        th = "th" if 11 <= d <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
        fmt = self.pick(
            [
                "dmy_slash",
                "mdy_slash",
                "dmy_dot",
                "iso",
                "d_mon_y",
                "d_mon_yy",
                "month_dth_y",
                "dth_of_month_y",
                "mon_d_y",
                "m_d_yy",
                "compact",
                "d_month_apos",
                "dot_short",
            ]  # fmt: skip
        )
        value = {
            "dmy_slash": f"{d:02d}/{m:02d}/{y}",
            "mdy_slash": f"{m:02d}/{d:02d}/{y}",
            "dmy_dot": f"{d:02d}.{m:02d}.{y}",
            "iso": f"{y}-{m:02d}-{d:02d}",
            "d_mon_y": f"{d:02d}-{mon[:3]}-{y}",
            "d_mon_yy": f"{d} {mon[:3]} {y % 100:02d}",
            "month_dth_y": f"{mon} {d}{th}, {y}",
            "dth_of_month_y": f"{d}{th} of {mon} {y}",
            "mon_d_y": f"{mon[:3]}. {d}, {y}",
            "m_d_yy": f"{m}/{d}/{y % 100:02d}",
            "compact": f"{y}{m:02d}{d:02d}",
            "d_month_apos": f"{d} {mon} '{y % 100:02d}",
            "dot_short": f"{d}.{m}.{y % 100:02d}",
        }[fmt]
        return Pii("DOB", value, f"written:{fmt}")

    def year_words(self, y: int) -> str:
        hi, lo = divmod(y, 100)
        if hi == 20:
            return "two thousand" + (f" and {self.number_words(lo)}" if lo else "")
        if lo == 0:
            return "nineteen hundred"
        if lo < 10:
            return f"nineteen oh {S.DIGIT_WORDS[lo]}"
        return "nineteen " + self.number_words(lo)

    def number_words(self, n: int) -> str:
        if n < 10:
            return S.DIGIT_WORDS[n]
        if n < 20:
            return S.TEENS[n - 10]
        t, u = divmod(n, 10)
        return S.TENS[t] + (f" {S.DIGIT_WORDS[u]}" if u else "")

    def dob_spoken(self) -> Pii:
        y, m, d = self.dob_date()
        mon = S.MONTHS[m - 1].lower()
        ordw = S.ORDINALS[d - 1]
        fmt = self.pick(["month_ord_year", "the_ord_of_month_short", "ord_month_year", "digits", "num_month_year"])
        value = {
            "month_ord_year": f"{mon} {ordw} {self.year_words(y)}",
            "the_ord_of_month_short": f"the {ordw} of {mon} {self.number_words(y % 100) if y < 2000 else self.year_words(y)}",  # noqa: E501
            "ord_month_year": f"{ordw} {mon} {self.year_words(y)}",
            "digits": self.spoken_digits(f"{d:02d}{m:02d}{y}", doubles=False),
            "num_month_year": f"{self.number_words(d)} {mon} {self.year_words(y)}",
        }[fmt]
        return Pii("DOB", value, f"spoken:{fmt}")

    def dob_cue(self) -> str:
        return self.pick(["DOB", "date of birth:", "born", "born on", "b.", "birthdate", "d.o.b.", "*", "DoB -"])

    def card(self, spoken: bool = False) -> Pii:
        prefix = self.pick(["4", "4", "51", "55", "2221", "37", "6011", "35"])
        length = 15 if prefix == "37" else 16
        digits = [int(c) for c in prefix] + [self.rng.randint(0, 9) for _ in range(length - len(prefix) - 1)]
        digits.append(_luhn_digit(digits))
        s = "".join(map(str, digits))
        if spoken:
            groups = [s[i : i + 4] for i in range(0, len(s), 4)]
            return Pii("CARD", ", ".join(self.spoken_digits(g, doubles=False) for g in groups), "spoken")
        if length == 15:
            sep = self.pick([" ", "-"])
            return Pii("CARD", f"{s[:4]}{sep}{s[4:10]}{sep}{s[10:]}", "amex")
        sep = self.pick(["", " ", "-", "."])
        return Pii("CARD", sep.join(s[i : i + 4] for i in range(0, 16, 4)), "compact" if not sep else "grouped")

    def ssn(self, spoken: bool = False) -> Pii:
        area = self.rng.choice([a for a in range(1, 900) if a != 666])
        grp, ser = self.rng.randint(1, 99), self.rng.randint(1, 9999)
        s = f"{area:03d}{grp:02d}{ser:04d}"
        if spoken:
            return Pii("SSN", self.spoken_digits(s, doubles=False), "spoken")
        fmt = self.pick(["dash", "dash", "space", "compact"])
        value = {"dash": f"{s[:3]}-{s[3:5]}-{s[5:]}", "space": f"{s[:3]} {s[3:5]} {s[5:]}", "compact": s}[fmt]
        return Pii("SSN", value, fmt)

    def iban(self) -> Pii:
        country = self.pick(sorted(S.IBAN_FORMATS))
        prefixes, n = S.IBAN_FORMATS[country]
        bban = self.pick(prefixes) + self.d(n)
        num = "".join(str(int(c, 36)) for c in bban + country + "00")
        check = 98 - int(num) % 97
        iban = f"{country}{check:02d}{bban}"
        fmt = self.pick(["grouped", "grouped", "compact", "lower"])
        if fmt == "compact":
            return Pii("IBAN", iban, f"{country}:compact")
        grouped = " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
        return Pii("IBAN", grouped.lower() if fmt == "lower" else grouped, f"{country}:{fmt}")

    def address(self, multiline: bool = False) -> Pii:
        sep = "\n" if multiline else ", "
        ri = self.rng.randint
        country = self.pick(["pl", "tr", "nl", "de", "mx", "ng", "vn", "us", "uk"])
        if country == "pl":
            pc, city = self.pick(S.PL_CITIES)
            v = f"ul. {self.pick(S.PL_STREETS)} {ri(1, 120)}/{ri(1, 40)}{sep}{pc} {city}"
        elif country == "tr":
            pc, city = self.pick(S.TR_CITIES)
            v = f"{self.pick(S.TR_STREETS)} No: {ri(1, 200)} D: {ri(1, 20)}{sep}{pc} {city}"
        elif country == "nl":
            pc, city = self.pick(S.NL_CITIES)
            v = f"{self.pick(S.NL_STREETS)} {ri(1, 400)}{self.pick(['', '-II', 'A'])}{sep}{pc} {city}"
        elif country == "de":
            pc, city = self.pick(S.DE_CITIES)
            v = f"{self.pick(S.DE_STREETS)} {ri(1, 90)}{sep}{pc} {city}"
        elif country == "mx":
            pc, city = self.pick(S.MX_CITIES)
            v = f"Calle {ri(20, 90)} #{ri(100, 700)} x {ri(20, 90)} y {ri(20, 90)}, Centro{sep}{pc} {city}"
        elif country == "ng":
            v = f"{ri(1, 80)} {self.pick(S.NG_STREETS)}{sep}{self.pick(S.NG_CITIES)}"
        elif country == "vn":
            v = f"{ri(1, 300)} {self.pick(S.VN_STREETS)}{sep}{self.pick(S.VN_CITIES)}"
        elif country == "us":
            city, st, z = self.pick(S.US_CITIES)
            unit = self.pick(["", f", Apt {ri(1, 30)}{self.pick('ABC')}", f", Unit {ri(100, 999)}"])
            v = f"{ri(100, 9999)} {self.pick(S.US_STREETS)}{unit}{sep}{city}, {st} {z}"
        else:
            city, pc = self.pick(S.UK_CITIES)
            flat = self.pick(["", f"Flat {ri(1, 12)}, "])
            v = f"{flat}{ri(1, 140)} {self.pick(S.UK_STREETS)}{sep}{city} {pc}"
        return Pii("ADDRESS", v, f"{country}:{'multiline' if multiline else 'inline'}")

    def clock(self) -> str:
        return f"{self.rng.randint(8, 18):02d}:{self.rng.randint(0, 59):02d}"

    # ------------------------------------------------------------------ styles
    def doc(self, i: int, style: str) -> Doc:
        text, spans = getattr(self, f"_{style}")()
        return Doc(i, style, text, spans)

    def _chat(self) -> tuple[str, list[Span]]:
        a, b, c = self.people(3)
        org = self.company()
        v = self.rng.randrange(3)
        if v == 0:
            t = (
                "[{t1}] {a1}: morning! is {c1} joining the call with {org}?\n"
                "[{t2}] {b1}: yes, she said to ping {h} first\n"
                "[{t3}] {a2}: ok. her number is {phone} if anyone needs it\n"
                "[{t4}] {b2}: or mail {email}\n"
                "[{t5}] {a3}: thanks {b3} 👍"
            )
            vals = {"a1": self.name(a, "first"), "a2": self.name(a, "first"), "a3": self.name(a, "first"),
                    "b1": self.name(b, "first"), "b2": self.name(b, "first"), "b3": self.name(b, "first"),
                    "c1": self.name(c, "first"), "h": self.handle(c), "org": org, "phone": self.phone(),
                    "email": self.email(c, "obfuscated", org)}  # fmt: skip
        elif v == 1:
            h1, h2 = self.handle(a), self.handle(b)
            t = (
                "{h1a}: hey did the refund go through?\n"
                "{h2a}: not yet, which card did you use\n"
                "{h1b}: full number is {card}\n"
                "{h2b}: pls don't paste card numbers here 😅\n"
                "{h1c}: lol ok. also my bday is {dob} if the form asks\n"
                "{h2c}: noted, I'll tell {c} at {org}"
            )
            vals = {"h1a": h1, "h1b": h1, "h1c": h1, "h2a": h2, "h2b": h2, "h2c": h2, "card": self.card(),
                    "dob": self.dob_written(), "c": self.name(c, "full"), "org": org}  # fmt: skip
        else:
            p1, p2 = self.split_phone()
            t = (
                "{a1}: can you send me {b1}'s number\n"
                "{c1}: sure one sec\n"
                "{c2}: {p1}\n"
                "{c3}: {p2}\n"
                "{a2}: thx. and her email?\n"
                "{c4}: {email}\n"
                "{a3}: is she still at {org1}?\n"
                "{c5}: yeah, {bfull} runs ops at {org2} now"
            )
            vals = {"a1": self.name(a, "first"), "a2": self.name(a, "first"), "a3": self.name(a, "first"),
                    "b1": self.name(b, "first"), "bfull": self.name(b, "full"), "p1": p1, "p2": p2,
                    **{f"c{k}": self.name(c, "first") for k in range(1, 6)},
                    "email": self.email(b, "obfuscated", org), "org1": org, "org2": org}  # fmt: skip
        return render(t, {**vals, **{f"t{k}": self.clock() for k in range(1, 6)}})

    def _crm(self) -> tuple[str, list[Span]]:
        a, b, c = self.people(3)
        org = self.company()
        v = self.rng.randrange(3)
        if v == 0:
            t = (
                "CRM | account {acct}\nContact: {alf} ({org})\nDOB: {dob}\nPhone: {phone} | Alt: {phone2}\n"
                "Email: {email}\nNotes: spoke with {a1} about the renewal. Prefers WhatsApp. Asked us to cc her "
                "colleague {bfull} ({bh} on Slack). SSN on file: {ssn}.\nOwner: {ch}"
            )
            vals = {"acct": f"AC-{self.d(6)}", "alf": self.name(a, "last_first"), "org": org,
                    "dob": self.dob_written(), "phone": self.phone(), "phone2": self.phone(),
                    "email": self.email(a, "plain", org), "a1": self.name(a, "first"), "bfull": self.name(b, "full"),
                    "bh": self.handle(b), "ssn": self.ssn(), "ch": self.handle(c)}  # fmt: skip
        elif v == 1:
            t = (
                "{date} - call w/ {afull} of {org1}. {alast} confirmed billing addr: {addr}. Wants invoices sent to "
                "{email}. Pays by IBAN {iban}. {cue} {dob} (needed for the credit check).\n"
                "Next step: {b1} to send the contract; {org2} legal to review."
            )
            vals = {"date": f"{self.rng.randint(1, 28)} {self.pick(S.MONTHS)[:3]}", "afull": self.name(a, "full"),
                    "org1": org, "org2": org, "alast": self.name(a, "last"), "addr": self.address(),
                    "email": self.email(a, "obfuscated", org), "iban": self.iban(), "cue": self.dob_cue().capitalize(),
                    "dob": self.dob_written(), "b1": self.name(b, "first")}  # fmt: skip
        else:
            t = (
                "Lead: {ainit}\nCompany: {org}\nRole: procurement lead\nSource: referral from {bfull}\n"
                "Handle: {h}\n{cue} {dob}; based at {addr}\nLast touch: voicemail on {phone}; {b1} to retry "
                "Thursday. {c1} owns the account."
            )
            vals = {"ainit": self.name(a, "initial"), "org": org, "bfull": self.name(b, "full"), "h": self.handle(a),
                    "cue": self.dob_cue().capitalize(), "dob": self.dob_written(), "addr": self.address(),
                    "phone": self.phone(), "b1": self.name(b, "first"), "c1": self.name(c, "full")}  # fmt: skip
        return render(t, vals)

    def _email(self) -> tuple[str, list[Span]]:
        a, b, c = self.people(3)
        org, org2 = self.company(), self.company()
        v = self.rng.randrange(3)
        if v == 0:
            t = (
                "From: {afull} <{ea}>\nTo: {eb}\nSubject: Re: onboarding at {org1}\n\nHi {b1},\n\n"
                "quick one: payroll needs your details before Friday. Please confirm that your date of birth "
                "({dob}) and SSN ({ssn}) are right, and that your IBAN is {iban}.\n\n"
                "If easier, call me on {phone}.\n\nBest,\n{a1}\n{org2}"
            )
            vals = {"afull": self.name(a, "full"), "ea": self.email(a, "plain", org), "eb": self.email(b, "plain"),
                    "org1": org, "org2": org, "b1": self.name(b, "first"), "dob": self.dob_written(),
                    "ssn": self.ssn(), "iban": self.iban(), "phone": self.phone(), "a1": self.name(a, "first")}  # fmt: skip
        elif v == 1:
            t = (
                "Dear {hon} {blast},\n\nThank you for meeting us last week. Our team at {org1} would be glad to "
                "pilot the scheduling module with {org2} in the spring.\n\nWarm regards,\n\n{afull}\n"
                "Head of Partnerships, {org1b}\nM: {phone}\nE: {email}\n{addr}"
            )
            vals = {"hon": self.pick(["Ms", "Mr", "Dr", "Mx"]), "blast": self.name(b, "last"), "org1": org,
                    "org1b": org, "org2": org2, "afull": self.name(a, "full"), "phone": self.phone(),
                    "email": self.email(a, "obfuscated", org), "addr": self.address(multiline=True)}  # fmt: skip
        else:
            t = (
                "---------- Forwarded message ---------\nFrom: {cfull} <{ec}>\nDate: Mon, 3 Mar 2025 at 09:12\n"
                "Subject: card dispute\n\n{a1}, the customer ({bfull}, born {dob}) says card {card} was charged "
                "twice by {org}. Her handle in the app is {h}. Can you check?\n\n-- \n{c1}"
            )
            vals = {"cfull": self.name(c, "full"), "ec": self.email(c, "plain", org), "a1": self.name(a, "first"),
                    "bfull": self.name(b, "full"), "dob": self.dob_written(), "card": self.card(), "org": org,
                    "h": self.handle(b), "c1": self.name(c, "first")}  # fmt: skip
        return render(t, vals)

    def _letter(self) -> tuple[str, list[Span]]:
        a, b = self.people(2)
        org, org2 = self.company(), self.company()
        if self.rng.random() < 0.6:
            t = (
                "{afull}\n{addra}\n\n{date}\n\n{bfull}\nClaims Department\n{org}\n{addrb}\n\n"
                "Dear {hon} {blast},\n\nRe: policy {policy}\n\nI am writing about the claim I filed in January. "
                "For your records, my date of birth is {dob} and my social security number is {ssn}. Please pay "
                "the settlement into account {iban}.\n\nYou can reach me on {phone} or by email at {email}.\n\n"
                "Yours sincerely,\n\n{afull2}"
            )
            vals = {"afull": self.name(a, "full"), "afull2": self.name(a, "full"),
                    "addra": self.address(multiline=True), "addrb": self.address(multiline=True),
                    "date": f"{self.rng.randint(1, 28)} {self.pick(S.MONTHS)} 2025", "bfull": self.name(b, "full"),
                    "org": org, "hon": self.pick(["Ms", "Mr", "Dr"]), "blast": self.name(b, "last"),
                    "policy": f"PL-{self.d(7)}", "dob": self.dob_written(), "ssn": self.ssn(), "iban": self.iban(),
                    "phone": self.phone(), "email": self.email(a, self.pick(["plain", "obfuscated"]))}  # fmt: skip
        else:
            t = (
                "To whom it may concern,\n\nI have known {afull} (born {dob}) for six years, first as a colleague "
                "at {org1} and later as a client of {org2}. {a1} is careful, generous with their time and the "
                "person our team at {org1b} turned to when a release was in trouble.\n\nPlease contact me at "
                "{email} or {phone} if you need more.\n\nSincerely,\n{bfull}\n{addr}"
            )
            vals = {"afull": self.name(a, "full"), "dob": self.dob_written(), "org1": org, "org1b": org,
                    "org2": org2, "a1": self.name(a, "first"), "email": self.email(b, "obfuscated", org),
                    "phone": self.phone(), "bfull": self.name(b, "full"), "addr": self.address()}  # fmt: skip
        return render(t, vals)

    def _meeting(self) -> tuple[str, list[Span]]:
        a, b, c, d, e = self.people(5)
        org, org2 = self.company(), self.company()
        if self.rng.random() < 0.5:
            t = (
                "Weekly sync - {org1}\nPresent: {afull}, {bfull}, {cfull}; apologies: {d1}\n\n"
                "1. Hiring: {b1} interviewed {efull} (portfolio under the handle {h}); offer pending.\n"
                "2. Vendor: {org2} quoted 14k for the audit; {clast} to negotiate.\n"
                "3. AOB: {a1} shared the new on-call number, {phone}.\n"
                "Actions: {b2} - send notes; {c1} - book the room for Tuesday."
            )
            vals = {"org1": org, "org2": org2, "afull": self.name(a, "full"), "bfull": self.name(b, "full"),
                    "cfull": self.name(c, "full"), "d1": self.name(d, "first"), "b1": self.name(b, "first"),
                    "b2": self.name(b, "first"), "efull": self.name(e, "full"), "h": self.handle(e),
                    "clast": self.name(c, "last"), "a1": self.name(a, "first"), "phone": self.phone(),
                    "c1": self.name(c, "first")}  # fmt: skip
        else:
            t = (
                "Minutes: board call, Q2\nChair: {afull}\nMinutes taken by: {binit}\n\n"
                "- {alast} reported that {org1} has made an offer for {org2}; {c1} to check the numbers.\n"
                "- New joiner paperwork for {dfull} is incomplete (DOB {dob}, address {addr}).\n"
                "- Send the signed copy to {email} before the 30 June deadline.\n"
                "- Next call: 14:00 on the first Monday of the month."
            )
            vals = {"afull": self.name(a, "full"), "binit": self.name(b, "initial"), "alast": self.name(a, "last"),
                    "org1": org, "org2": org2, "c1": self.name(c, "first"), "dfull": self.name(d, "full"),
                    "dob": self.dob_written(), "addr": self.address(), "email": self.email(d, "obfuscated")}  # fmt: skip
        return render(t, vals)

    def _ticket(self) -> tuple[str, list[Span]]:
        a, b, c = self.people(3)
        org = self.company()
        v = self.rng.randrange(3)
        if v == 0:
            t = (
                "#{num} [P2] cannot reset password\nRequester: {afull} <{email}>\nAccount: {h}\nOrg: {org}\n\n"
                'User writes: "I changed phones, the new number is {phone}. My DOB for verification is {dob}."\n\n'
                "Agent note ({ah}): identity verified, reset link sent.\nStatus: solved"
            )
            vals = {"num": self.d(6), "afull": self.name(a, "full"), "email": self.email(a, "plain", org),
                    "h": self.handle(a), "org": org, "phone": self.phone(), "dob": self.dob_written(),
                    "ah": self.handle(c)}  # fmt: skip
        elif v == 1:
            t = (
                "Ticket {num}: billing address change\nCustomer {afull} asks to update the billing address to:\n"
                "{addr}\nOld card {card} to be replaced. Refund the last charge to IBAN {iban}.\n"
                "CC: {bfull}, {eb}\nAssigned: {ch}"
            )
            vals = {"num": self.d(5), "afull": self.name(a, "full"), "addr": self.address(multiline=True),
                    "card": self.card(), "iban": self.iban(), "bfull": self.name(b, "full"),
                    "eb": self.email(b, "obfuscated", org), "ch": self.handle(c)}  # fmt: skip
        else:
            t = (
                "Bug {num}: profile page shows another user's data\nSteps to reproduce:\n"
                "1. log in as {h1}\n2. open the profile of {afull}\n3. the phone field shows {phone}\n"
                "Expected: only your own data. Reporter: {b1} ({h2}) at {org}. SSN field also visible: {ssn}."
            )
            vals = {"num": self.d(4), "h1": self.handle(c), "afull": self.name(a, "full"), "phone": self.phone(),
                    "b1": self.name(b, "first"), "h2": self.handle(b), "org": org, "ssn": self.ssn()}  # fmt: skip
        return render(t, vals)

    def _transcript(self, lower: bool) -> tuple[str, list[Span]]:
        a, b, c = self.people(3)
        org, org2 = self.company(), self.company()
        if lower:
            s0, s1 = self.pick([("speaker_00:", "speaker_01:"), ("spk1:", "spk2:"), ("agent:", "caller:")])
        else:
            s0, s1 = self.pick([("Agent:", "Caller:"), ("Speaker A:", "Speaker B:"), ("Interviewer:", "Guest:")])
        v = self.rng.randrange(3)
        if v == 0:
            p1, p2 = self.split_phone_spoken() if lower else self.split_phone()
            t = (
                "{s0} thank you for calling {org1}, this is {a1}, who am I speaking with\n"
                "{s1} hi, it's {bfull}\n"
                "{s0} thanks {b1}, can I take your date of birth\n"
                "{s1} yes, it's {dob}\n"
                "{s0} and a phone number\n"
                "{s1} it's {p1}\n"
                "{s0} go on\n"
                "{s1} {p2}\n"
                "{s0} and your email\n"
                "{s1} {email}\n"
                "{s0} lovely, I see {cfull} from {org2} called about you earlier"
            )
            vals = {"org1": org, "org2": org2, "a1": self.name(a, "first"), "bfull": self.name(b, "full"),
                    "b1": self.name(b, "first"), "dob": self.dob_spoken() if lower else self.dob_written(),
                    "p1": p1, "p2": p2, "email": self.email(b, "spoken" if lower else "obfuscated"),
                    "cfull": self.name(c, "full")}  # fmt: skip
        elif v == 1:
            t = (
                "{s0} so my first name is {b1}\n"
                "{s1} and the surname\n"
                "{s0} {blast}, that's {spelled}\n"
                "{s1} thanks, and you're calling from {org1}\n"
                "{s0} yes, I manage the account with {cfull}, you can also find me as {h}\n"
                "{s1} for security can you read me the card number\n"
                "{s0} {card}\n"
                "{s1} and your social security number\n"
                "{s0} {ssn}\n"
                "{s1} thank you {b2}, and the date you were born\n"
                "{s0} {dob}"
            )
            vals = {"b1": self.name(b, "first"), "b2": self.name(b, "first"), "blast": self.name(b, "last"),
                    "spelled": self.spelled(b.last), "org1": org, "cfull": self.name(c, "full"),
                    "h": self.handle(b), "card": self.card(spoken=lower), "ssn": self.ssn(spoken=lower),
                    "dob": self.dob_spoken() if lower else self.dob_written()}  # fmt: skip
        else:
            t = (
                "{s0} tell me about your time at {org1}\n"
                "{s1} I joined when {cfull} still ran it, then {c1} left for {org2}\n"
                "{s0} and who did you report to\n"
                "{s1} to {afull}, {a1} was great\n"
                "{s0} we'll need a number for references\n"
                "{s1} sure, {phone}, that's {a2}'s mobile\n"
                "{s0} and where should we send the contract\n"
                "{s1} to {addr}"
            )
            vals = {"org1": org, "org2": org2, "cfull": self.name(c, "full"), "c1": self.name(c, "first"),
                    "afull": self.name(a, "full"), "a1": self.name(a, "first"), "a2": self.name(a, "first"),
                    "phone": self.spoken_phone() if lower else self.phone(), "addr": self.address()}  # fmt: skip
        return render(t, {**vals, "s0": s0, "s1": s1}, lower=lower)

    def _transcript_cased(self) -> tuple[str, list[Span]]:
        return self._transcript(lower=False)

    def _transcript_lower(self) -> tuple[str, list[Span]]:
        return self._transcript(lower=True)

    # ------------------------------------------------------------------ controls (no PII at all)
    def control(self, i: int, style: str, k: int) -> Doc:
        kind = ("product_names", "non_birth_dates", "phone_like_numbers", "name_words")[k % 4]
        ri = self.rng.randint
        products = ["iPhone 15 Pro", "ThinkPad X1 Carbon", "Model Y", "PlayStation 5", "Raspberry Pi 5", "Galaxy S24",
                    "Kindle Paperwhite", "Surface Laptop 7", "Pixel 9", "Jira", "Confluence", "Slack Huddles"]  # fmt: skip
        if kind == "product_names":
            p1, p2 = self.rng.sample(products, 2)
            body = (
                f"anyone tried the new {p1}? the battery looks great. we moved the test rig from the {p2} to the "
                f"{self.pick(products)} and the build went from {ri(20, 60)} to {ri(5, 19)} minutes."
            )
        elif kind == "non_birth_dates":
            body = (
                f"The contract starts on {ri(1, 28):02d}/{ri(1, 12):02d}/2025 and renews on {ri(1, 28)} "
                f"{self.pick(S.MONTHS)} 2026. The company was founded in {ri(1950, 1999)}, the project kicked off on "
                f"{ri(1, 28)} {self.pick(S.MONTHS)} {ri(2015, 2023)}, and the office opened on "
                f"{self.pick(S.MONTHS)} {ri(1, 28)}th, {ri(1990, 2010)}."
            )
        elif kind == "phone_like_numbers":
            body = (
                f"Order {ri(1000000, 9999999)} shipped, tracking 1Z{self.d(16)}. Part no. {self.d(2)}-{self.d(5)}-"
                f"{self.rng.choice('ABC')}, invoice INV-2025-{self.d(6)}, ISBN 978-0-306-40615-7, PO {self.d(10)}. "
                f"Build {ri(20, 25)}.{ri(1, 12):02d}.{self.d(4)} fixed the crash; revenue was ${ri(1, 9)},{self.d(3)},"
                f"{self.d(3)}.{self.d(2)}."
            )
        else:
            body = (
                f"We hope to grant access by May. Mark the rose-coloured items, bill the client, and chase the summer "
                f"invoices. Will frost damage the orchard? Faith in the river forecast is low, so the marsh route "
                f"stays closed until dawn on day {ri(2, 9)}."
            )
        lower = style == "transcript_lower"
        if style in ("transcript_cased", "transcript_lower"):
            lines = [s.strip() for s in re.split(r"(?<=[.?])\s+", body) if s.strip()]
            if lower:
                lines = [re.sub(r"[^\w\s$/.,'-]", "", s).lower() for s in lines]
                if kind == "phone_like_numbers":  # digits said aloud that are not a phone number
                    lines.append(
                        f"and the order number is {self.spoken_digits(self.d(8), doubles=False)} if you need it"
                    )
            labels = ("speaker_00:", "speaker_01:") if lower else ("Speaker A:", "Speaker B:")
            text = "\n".join(f"{labels[n % 2]} {s}" for n, s in enumerate(lines))
        elif style == "chat":
            text = "\n".join(
                f"[{self.clock()}] {self.pick(['ops-bot', 'build', 'team'])}: {s}" for s in body.split(". ")
            )
        elif style in ("email", "letter"):
            text = f"Hello all,\n\n{body}\n\nBest regards,\nThe Operations Team"
        elif style == "meeting":
            text = "Notes - weekly sync\n" + "\n".join(f"- {s}" for s in body.split(". "))
        elif style == "ticket":
            text = f"Ticket {self.d(6)}: follow-up\n\n{body}\n\nStatus: open"
        else:
            text = f"Account note: {body}"
        return Doc(i, style, text, [], control=True, control_kind=kind)


def generate(seed: int = SEED) -> list[Doc]:
    g = Gen(seed)
    docs: list[Doc] = []
    for style in STYLES:
        for _ in range(DOCS_PER_STYLE):
            docs.append(g.doc(len(docs), style))
        for k in range(CONTROLS_PER_STYLE):
            docs.append(g.control(len(docs), style, k))
    return docs


def to_json(docs: list[Doc]) -> str:
    return json.dumps([asdict(d) for d in docs], ensure_ascii=False, sort_keys=True)


def fingerprint(docs: list[Doc]) -> str:
    """sha256 of the corpus: ``FINGERPRINT`` pins the sealed corpus, so a change to the generator
    (or to ``sources.py``) that alters a single character is caught by the test suite."""
    return hashlib.sha256(to_json(docs).encode()).hexdigest()


if __name__ == "__main__":
    print(fingerprint(generate()))
