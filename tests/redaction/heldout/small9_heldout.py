"""Held-out twin of ``tuning/small9.py`` (issue #13, ninth round): birth dates and inline postal
addresses, built another way. Read only as aggregate rates: ``python -m tests.redaction.heldout``.

Composed, not templated: a document is a lead-in clause, the value, and a tail clause drawn from
independent fragment lists, sometimes lower-cased. Its own countries for addresses (Brazil,
Portugal, Belgium, Austria, Italy, France, Switzerland, Argentina, Chile; the tuning module has
Mexico, the Netherlands, Spain, Germany), its own street and city lists, and its own birth-date
renderings (day names, "of the year", lowercase spoken transcripts, intake-form rows) and cues
("DoB", "born on the", "birthdate", "dob -", "b:", "née ... b."). Controls: dates of events and
numbers beside place names that are no address."""

from __future__ import annotations

import random

from corpus import Doc, Pii

MON = "january february march april may june july august september october november december".split()
MON3 = [m[:3] for m in MON]
SPOKEN_DAY = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth twenty-first twenty-second twenty-third"
).split()
SPOKEN_YY = {
    4: "forty",
    5: "fifty",
    6: "sixty",
    7: "seventy",
    8: "eighty",
    9: "ninety",
}
UNITS = ["", "-one", "-two", "-three", "-four", "-five", "-six", "-seven", "-eight", "-nine"]
MARKS = ["'", "’", "‘", "`"]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _suffix(d: int) -> str:
    if d in (1, 21, 31):
        return "st"
    if d in (2, 22):
        return "nd"
    if d in (3, 23):
        return "rd"
    return "th"


def _dob(rng: random.Random) -> str:
    d, m, y = rng.randint(1, 23), rng.randrange(12), rng.randint(1948, 2004)
    mk = rng.choice(MARKS)
    yy = f"{y % 100:02d}"
    name = _cap(MON[m]) if rng.random() < 0.7 else MON[m]
    short = _cap(MON3[m])
    spoken_y = "nineteen " + SPOKEN_YY[(y % 100) // 10] + UNITS[y % 10] if y < 2000 else "two thousand " + str(y % 100)
    choices = [
        f"{d}{_suffix(d)} {name} {mk}{yy}",
        f"{d} {short}. {mk}{yy}",
        f"{short} {d} {mk}{yy}",
        f"{d}.{short}.{y}",
        f"{d} {name}, {y}",
        f"{name} the {d}{_suffix(d)}, {y}",
        f"the {SPOKEN_DAY[d - 1]} of {MON[m]} {spoken_y}",
        f"{MON[m]} the {SPOKEN_DAY[d - 1]} {spoken_y}",
        f"{d:02d}/{m + 1:02d}/{y}",
        f"{y}.{m + 1:02d}.{d:02d}",
        f"{d}-{short}-{y}",
        f"{short.upper()} {d} {y}",
        f"{d} {short.upper()} {mk}{yy}",
        f"{m + 1:02d}-{d:02d}-{yy}",
        f"{d}{_suffix(d)} of {name}, {mk}{yy}",
    ]
    return rng.choice(choices)


DOB_LEAD = [
    "DoB - ",
    "Guest DoB: ",
    "intake form | birthdate | ",
    "She was born on ",
    "our son was born ",
    "the member's d.o.b. is ",
    "caller confirmed birth date ",
    "Grandma (née Walsh) b. ",
    "b: ",
    "i think my dob is ",
    "Date Of Birth ",
    "Applicant born ",
    "his birthday is on ",
    "DOB=",
]
DOB_TAIL = ["", ".", " and the postcode matches.", ", thanks", " | ID checked", "\nNext of kin: on file", " ok?"]

BR = (["Rua das Flores", "Avenida Paulista", "Rua Oscar Freire", "Rua da Consolação"], ["São Paulo", "Curitiba"])
PT = (["Rua Augusta", "Avenida da Liberdade", "Rua de Santa Catarina", "Travessa do Carmo"], ["Lisboa", "Porto"])
BE = (["Rue Royale", "Meir", "Kouter", "Avenue Louise", "Veldstraat"], ["Bruxelles", "Antwerpen", "Gent"])
AT = (["Mariahilfer Straße", "Kärntner Straße", "Landstraßer Hauptstraße", "Herrengasse"], ["Wien", "Graz", "Linz"])
IT = (["Via Garibaldi", "Corso Vittorio Emanuele", "Via Roma", "Piazza Navona", "Viale Monza"], ["Milano", "Torino"])
FR = (["rue de Rivoli", "avenue Victor Hugo", "boulevard Haussmann", "rue Oberkampf"], ["Paris", "Lyon", "Lille"])
CH = (["Bahnhofstrasse", "Limmatquai", "Marktgasse", "Rue du Rhône"], ["Zürich", "Bern", "Genève"])
AR = (["Avenida Corrientes", "Calle Florida", "Av. Santa Fe", "Calle Defensa"], ["Buenos Aires", "Rosario"])
CL = (["Avenida Providencia", "Calle Huérfanos", "Av. Apoquindo", "Calle Merced"], ["Santiago", "Valparaíso"])


def _addr(rng: random.Random) -> tuple[str, str]:
    c = rng.choice(["br", "pt", "be", "at", "it", "fr", "ch", "ar", "cl"])
    streets, cities = {"br": BR, "pt": PT, "be": BE, "at": AT, "it": IT, "fr": FR, "ch": CH, "ar": AR, "cl": CL}[c]
    st, city, n = rng.choice(streets), rng.choice(cities), rng.randint(2, 2400)
    if c == "br":
        v = f"{st}, {n} - apto {rng.randint(11, 99)}, {rng.randint(10000, 99999)}-{rng.randint(100, 999)} {city}"
    elif c == "pt":
        v = f"{st} {n}, {rng.randint(1000, 4999)}-{rng.randint(100, 999)} {city}"
    elif c == "be":
        v = rng.choice([f"{st} {n}, {rng.randint(1000, 9999)} {city}", f"{st} {n} bus {rng.randint(1, 9)}, {city}"])
        if st in ("Meir", "Kouter"):
            v = f"{st} {n}, {rng.randint(1000, 9999)} {city}"
    elif c == "at":
        v = f"{st} {n}/{rng.randint(1, 20)}, {rng.randint(1010, 9999)} {city}"
    elif c == "it":
        v = f"{st} {n}, {rng.randint(10000, 99999)} {city} ({rng.choice(['MI', 'TO'])})"
    elif c == "fr":
        v = f"{n} {st}, {rng.randint(10000, 99999)} {city}"
    elif c == "ch":
        v = f"{st} {n}, CH-{rng.randint(1000, 9999)} {city}"
    elif c == "ar":
        v = rng.choice([f"{st} {n}, piso {rng.randint(1, 9)}, {city}", f"{st} {n}, C{rng.randint(1000, 1499)} {city}"])
    else:
        v = f"{st} {n}, depto. {rng.randint(10, 99)}, {city}"
    return c, v


ADDR_LEAD = [
    "we relocated to ",
    "Courier: pick up at ",
    "my aunt still lives at ",
    "Registered office - ",
    "Please forward mail to ",
    "they rent a flat at ",
    "Return address: ",
]
ADDR_TAIL = [" since spring.", "", " (ring twice)", ", ok?", " until the end of the month.", "\nThanks, M."]

CONTROLS = [
    "Standup moved to 14th March '25, same room.",
    "The audit covers 1 Jan 2024 to 31 Dec 2024.",
    "Our alumni dinner for the class of '91 is sold out.",
    "We have been partners since '03 and renewed on 2 Feb 2022.",
    "Payment due by the 21st of May, 2025, per invoice 7781.",
    "The '15 vintage from Torino was better than the 2016.",
    "Flight LX 318 leaves Zürich at 07:40 on 9 Oct.",
    "Lot 44, shelf 3 at the Porto depot is empty.",
    "Build 2231 for Wien and Graz passed on 30/09/2024.",
    "Born to Run (1975) is on the vinyl list; the launch is 5 June.",
    "The birthday card for the team is in room 12.",
    "Release train 12, Buenos Aires region, went live on 3 Nov.",
]


def _doc(rng: random.Random, i: int) -> Doc:
    if rng.random() < 0.5:
        v = _dob(rng)
        text = rng.choice(DOB_LEAD) + v + rng.choice(DOB_TAIL)
        pii, kind = [Pii("DOB", v)], "dob"
    else:
        kind, v = _addr(rng)
        text = rng.choice(ADDR_LEAD) + v + rng.choice(ADDR_TAIL)
        pii = [Pii("ADDRESS", v)]
    if rng.random() < 0.2:
        text = text.lower()
        for p in pii:
            p.value = p.value.lower()
    return Doc(i, f"small9h_{kind}", "en_US", text, pii)


def generate(rng: random.Random, start_id: int = 0, n: int = 300) -> list[Doc]:
    docs = [_doc(rng, start_id + k) for k in range(n)]
    for c in CONTROLS:
        docs.append(Doc(start_id + len(docs), "small9h_control", "en_US", c, [], control=True))
    return docs
