"""Tuning documents for issue #13, ninth round (``small9``): dates of birth in every common written
and spoken form behind every common cue, and postal addresses written inline in one sentence
(Mexico, the Netherlands, Spain, Germany). Held-out twin: ``heldout/small9_heldout.py`` (other
countries, other cue phrasings and layouts).

A birth date is drawn as (day, month, year) and rendered by one of the formats below; the cue
and the sentence around it come from ``DOB_TEMPLATES``. An address is drawn from per-country
street, district and city lists and rendered by a per-country inline layout inside a sentence.
Controls: the same date shapes as meetings, deadlines, invoices, "since '98", "class of '88",
and sentences with numbers beside capitalised words that are no address."""

from __future__ import annotations

import collections
import difflib
import random
import re

from corpus import Doc, Pii

MONTHS = "January February March April May June July August September October November December".split()
ABBR = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
ORD = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}
ONES = "one two three four five six seven eight nine".split()
TENS = {5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}
DAYW = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth twenty-first twenty-second twenty-third "
    "twenty-fourth twenty-fifth twenty-sixth twenty-seventh twenty-eighth"
).split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
APOS = ["'", "’", "‘"]


def _ord(d: int) -> str:
    return f"{d}{ORD.get(d, 'th')}"


def _year_words(y: int) -> str:
    yy = y % 100
    t, o = divmod(yy, 10)
    tail = TENS.get(t, "fifty") + ("-" + ONES[o - 1] if o else "")
    return "nineteen " + tail


def dob_value(rng: random.Random) -> str:
    d, mo, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1950, 1999)
    yy = f"{y % 100:02d}"
    a = rng.choice(APOS)
    full, ab = MONTHS[mo - 1], ABBR[mo - 1]
    fmts = [
        f"{d} {full} {y}",
        f"{d} {ab} {y}",
        f"{d} {ab}. {y}",
        f"{d} {full} {a}{yy}",
        f"{d} {ab} {a}{yy}",
        f"{d} {ab}. {a}{yy}",
        f"{d}-{ab}-{a}{yy}",
        f"{_ord(d)} {full} {a}{yy}",
        f"{_ord(d)} of {full} {a}{yy}",
        f"the {_ord(d)} of {full}, {y}",
        f"the {_ord(d)} of {full} {a}{yy}",
        f"{full} {d}, {y}",
        f"{ab}. {d}, {y}",
        f"{full} {_ord(d)}, {y}",
        f"{full} {d}, {a}{yy}",
        f"{ab} {_ord(d)} {a}{yy}",
        f"{d} {full}, {a}{yy}",
        f"{d} {full} {yy}",
        f"{d}/{mo}/{yy}",
        f"{d:02d}.{mo:02d}.{y}",
        f"{y}-{mo:02d}-{d:02d}",
        f"{mo}/{d}/{y}",
        f"{d}-{mo:02d}-{y}",
        f"{DAYW[d - 1]} of {full} {_year_words(y)}",
        f"{full} {DAYW[d - 1]} {_year_words(y)}",
        f"{WEEKDAYS[rng.randrange(7)]} {d} {full} {y}",
        f"{WEEKDAYS[rng.randrange(7)]}, {full} {d}, {y}",
        f"{d}{ab}{a}{yy}",
    ]
    return rng.choice(fmts)


DOB_TEMPLATES = [
    "Patient: J. Doe\nDOB: {D}\nAllergies: none",
    "D.O.B. {D}",
    "d.o.b.: {D} - please confirm with the caller",
    "Date of birth: {D}",
    "date of birth {D}, verified by phone",
    "She was born on {D} in a small town.",
    "He was born {D}, so he qualifies for the senior rate.",
    "b. {D}, d. 2019",
    "Her birthday is {D}.",
    "my birthday's {D} if you need it for the form",
    "caller says dob is {D}",
    "agent: can i get your date of birth\ncaller: yeah it's {D}",
    "Mother: Anna Berg (née Holm), born {D}.",
    "Birth date - {D}",
    "DOB {D} / MRN redacted",
    "{D} (DOB)",
    "Applicant's date of birth is {D}.",
    "i was born on {D} actually",
    "Born: {D}",
    "Birthdate: {D}; nationality: Dutch",
]

# ---------------------------------------------------------------- inline addresses
MX_STREET = ["Insurgentes Sur", "Reforma", "Juárez", "Hidalgo", "Morelos", "Álvaro Obregón", "Revolución", "Madero"]
MX_TYPE = ["Calle", "Av.", "Avenida", "Calz.", "Blvd."]
MX_COL = ["Roma Norte", "Condesa", "Del Valle", "Centro", "Narvarte", "Polanco", "Americana", "Chapultepec"]
MX_CITY = [("Ciudad de México", "CDMX"), ("Guadalajara", "Jal."), ("Puebla", "Pue."), ("Monterrey", "N.L.")]
NL_STREET = ["Keizersgracht", "Prinsengracht", "Oudegracht", "Kalverstraat", "Lindenlaan", "Dorpsweg", "Molenstraat"]
NL_CITY = ["Amsterdam", "Utrecht", "Haarlem", "Leiden", "Delft", "Zwolle", "Groningen"]
ES_STREET = ["Calle Mayor", "Calle de Alcalá", "Avenida de la Constitución", "Calle Serrano", "Paseo del Prado"]
ES_CITY = ["Madrid", "Sevilla", "Valencia", "Zaragoza", "Málaga"]
DE_STREET = ["Hauptstraße", "Goethestraße", "Lindenallee", "Berliner Straße", "Schillerplatz", "Bahnhofstr."]
DE_CITY = ["Berlin", "München", "Köln", "Leipzig", "Dresden", "Hannover"]

ADDR_SENTENCES = [
    "She moved to {A} last year.",
    "Please ship the order to {A} before Friday.",
    "the new office is at {A}, second floor",
    "He lives at {A} with his sister.",
    "Send the documents to {A}. Thanks!",
    "i'm at {A} now, ring the bell",
    "Our tenant's address is {A} according to the lease.",
    "Delivery address: {A} (leave with neighbour)",
]


def _letters(rng: random.Random, k: int) -> str:
    return "".join(rng.choice("ABCDEGHJKLMNPRSTVWXZ") for _ in range(k))


def address_value(rng: random.Random) -> tuple[str, str]:
    country = rng.choice(["mx", "nl", "es", "de"])
    n = rng.randint(1, 480)
    if country == "mx":
        typ, st = rng.choice(MX_TYPE), rng.choice(MX_STREET)
        col, (city, state) = rng.choice(MX_COL), rng.choice(MX_CITY)
        cp = f"{rng.randint(1000, 99999):05d}"
        no = rng.choice([f"#{n}", f"No. {n}", f"{n}", f"núm. {n}"])
        lay = rng.choice(
            [
                f"{typ} {st} {no}, Col. {col}, C.P. {cp}, {city}",
                f"{typ} {st} {no}, Col. {col}, {cp} {city}, {state}",
                f"{typ} {st} {no}, colonia {col}, {city}",
                f"{typ} {st} {no} Col. {col} CP {cp} {state}",
                f"{typ} {st} {no} int. {rng.randint(1, 12)}, Col. {col}, {city}, {state}",
            ]
        )
    elif country == "nl":
        pc = f"{rng.randint(1000, 9999)} {_letters(rng, 2)}"
        st, city = rng.choice(NL_STREET), rng.choice(NL_CITY)
        lay = rng.choice(
            [
                f"{st} {n}, {pc} {city}",
                f"{st} {n}{rng.choice('abc')}, {pc} {city}",
                f"{st} {n} {pc} {city}",
                f"{st} {n}-{rng.randint(1, 3)}, {pc.replace(' ', '')} {city}",
                f"{st} {n} in {city}",
            ]
        )
    elif country == "es":
        st, city = rng.choice(ES_STREET), rng.choice(ES_CITY)
        pc = f"{rng.randint(1000, 52999):05d}"
        lay = rng.choice(
            [
                f"{st} {n}, {pc} {city}",
                f"{st}, {n}, {rng.randint(1, 6)}º {rng.choice('ABCD')}, {pc} {city}",
                f"{st} {n}, {rng.randint(1, 6)}º izq., {city}",
                f"{st} nº {n}, {pc} {city}",
            ]
        )
    else:
        st, city = rng.choice(DE_STREET), rng.choice(DE_CITY)
        pc = f"{rng.randint(1000, 99999):05d}"
        lay = rng.choice([f"{st} {n}, {pc} {city}", f"{st} {n}a, {pc} {city}", f"{st} {n} in {pc} {city}"])
    return country, lay


CONTROLS = [
    "The kickoff is on 3 March '24 at 10:00.",
    "Invoice 4411 was issued on 12 Jan. 2023 and is due 12 Feb. 2023.",
    "We've used this vendor since '98.",
    "Reunion for the class of '88 is on the 14th of June.",
    "Deadline: March 5th, 2025 (hard).",
    "Meeting moved to Tuesday 4 June 2024.",
    "The contract runs from 01/04/2022 to 31/03/2025.",
    "Release 2.4 shipped on 2024-03-14 after the freeze.",
    "Summer of '69 is on the playlist for the party.",
    "The '08 crash hit the fund hard; we recovered by 2012.",
    "Room 12, Building 4 at the Berlin office is free on 5 May.",
    "Order 12345 Amsterdam warehouse ships at 8.",
    "Version 10 of the Calle app launched in 2019.",
    "Gate 12, Terminal 2, Madrid flight at 14:05.",
    "We sold 2500 units in Mexico last quarter.",
    "Section 3, Article 12 of the Reglamento applies.",
    "The birthday party is on 12 May '23 in the canteen.",
    "Founded in '72, the firm moved to Utrecht in 1990.",
    "Chapter 7 covers Hauptmann and the 1848 revolutions.",
    "Ticket 4021 closed on 4 Sept. 2024 by the on-call.",
]


def _doc(rng: random.Random, i: int) -> Doc:
    if rng.random() < 0.5:
        v = dob_value(rng)
        t = rng.choice(DOB_TEMPLATES)
        text = t.format(D=v)
        kind = "dob"
        pii = [Pii("DOB", v)]
    else:
        country, v = address_value(rng)
        text = rng.choice(ADDR_SENTENCES).format(A=v)
        kind = "addr_" + country
        pii = [Pii("ADDRESS", v)]
    if rng.random() < 0.15:
        text = text.lower()
        for p in pii:
            p.value = p.value.lower()
        kind += "_lower"
    return Doc(i, f"small9_{kind}", "en_US", text, pii)


def generate(rng: random.Random, start_id: int = 0, n: int = 400) -> list[Doc]:
    docs = [_doc(rng, start_id + k) for k in range(n)]
    for c in CONTROLS:
        docs.append(Doc(start_id + len(docs), "small9_control", "en_US", c, [], control=True))
    return docs


_PLACEHOLDER = re.compile(r"\[[A-Z_]+_\d+\]")


def half_leaked(text: str, value: str, out: str) -> bool:
    """The benchmark's rule for structured types: more than half of the value's letters and digits
    survive in place (a placeholder of any type counts as removed)."""
    start = text.find(value)
    masked = _PLACEHOLDER.sub(lambda m: "\x00" * len(m.group()), out)
    keep = [False] * len(text)
    for a, _b, size in difflib.SequenceMatcher(None, text, masked, autojunk=False).get_matching_blocks():
        for k in range(a, a + size):
            keep[k] = True
    alnum = [k for k, c in enumerate(value) if c.isalnum()]
    return sum(keep[start + k] for k in alnum) * 2 > len(alnum)


def judge(docs: list[Doc], scrubber) -> tuple[collections.Counter, collections.Counter, int, list[str]]:
    """(total by type, leaked by type, controls altered, leaked values) under ``half_leaked``."""
    from spark_control.redaction.placeholders import SessionMap

    total, leaks, altered, bad = collections.Counter(), collections.Counter(), 0, []
    for d in docs:
        out = scrubber.scrub(d.text, SessionMap()).text
        if d.control:
            altered += out != d.text
            continue
        for p in d.pii:
            total[p.type] += 1
            if half_leaked(d.text, p.value, out):
                leaks[p.type] += 1
                bad.append(f"{d.style}: {d.text!r} -> {out!r}")
    return total, leaks, altered, bad
