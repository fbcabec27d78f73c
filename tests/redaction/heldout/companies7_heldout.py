"""HELD-OUT set for companies7 (issue #13, COMPANY/coined, one lone mention in a weak place): read
only as aggregate rates (leak %, controls altered %), never document by document, and never tuned
on. Not part of the tuning corpus; ``python -m tests.redaction.heldout`` prints its rates.

Built differently from tuning/companies7.py on purpose: names come from Greek/Latin morphemes
("Vitanor", "Ambiq"), verbs with a start-up ending ("Sendly", "Stackio"), clipped words with a
vowel ("Finto", "Medra") and doubled-letter spellings ("Zappo"); each text is composed from
independent fragments (a time phrase, a subject or object clause built from a verb phrase and
the name, a reason), laid out as SMS lines with dates, CSV rows, forum posts, key: value forms,
voice-note run-ons or bullet lists, with other real names (games, towns, drugs, apps) as controls."""

from __future__ import annotations

import random

from corpus import Doc, Pii

MORPH_A = "vita ambi geo theo hydro medi agri dura prima terra lexi aqua".split()
MORPH_B = "nor q lis vos mira tek on ra nia x ven dia".split()
VERBS = "send stack book ship hire track quote plan bill sort fund rent".split()
VERB_END = ["ly", "io", "ify", "sy", "a"]
CLIPS = "fin med leg ins log pay prop ret man fab".split()
CLIP_END = ["to", "ra", "vo", "lo", "za"]
DOUBLE = "Zappo Bixxi Kodda Pellu Tabbo Mossi Yuppa Drell".split()


def company(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.35:
        return (rng.choice(MORPH_A) + rng.choice(MORPH_B)).capitalize()
    if r < 0.6:
        return (rng.choice(VERBS) + rng.choice(VERB_END)).capitalize()
    if r < 0.85:
        return (rng.choice(CLIPS) + rng.choice(CLIP_END)).capitalize()
    return rng.choice(DOUBLE)


WHEN = ["", "", "this week ", "earlier today ", "last Thursday ", "as of now ", "after lunch "]
# the firm as subject: what it did
DID = [
    "replied with a counter",
    "rang back twice",
    "pushed the start date",
    "delivered half the order",
    "is still the cheapest",
    "offered a free month",
    "sent a new draft",
    "has not paid",
    "raised their rates",
    "kept the old terms",
    "lowered the minimum",
    "booked the install",
]
# the firm as object: what we did to it
TO = [
    "we signed off on",
    "we are still chasing",
    "nobody has called",
    "we gave the job to",
    "I emailed",
    "we trialled",
    "they recommended",
    "we paid",
    "we're leaning towards",
    "legal reviewed",
]
PREP = ["a meeting with", "the pilot with", "the invoice from", "lunch with", "the rate from", "feedback from"]
WHY = ["", "", " because of the price", " so we can close Q2", " per the board", " (see thread)"]
CONTROLS = [
    "we paid Steam for the new Zelda, worth it",
    "Minecraft raised their rates? no, the server host did",
    "a meeting with the Tromsø office about the aurora tour",
    "I emailed the Inkscape mailing list about the export bug",
    "we trialled Nextcloud and Syncthing for the file share",
    "Ibuprofen offered no relief so the GP switched to Naproxen",
    "legal reviewed Blender's licence, it's GPL",
    "feedback from the Reykjavik trip was all positive",
    "Mario Kart is still the cheapest fun on the Switch",
    "we gave the job to Jenkins, the old CI box",
    "they recommended Wireshark and tcpdump for the capture",
    "lunch with the Porto crew, then drinks in Matosinhos",
    "we're leaning towards Godot over Unity for the prototype",
    "Duckdb delivered half the query time of pandas",
    "the pilot with Arduino boards went well at the school",
    "Amoxicillin kept the old dose; check with the pharmacist",
    "nobody has called Gandalf a wizard of the Istari in our D&D group",
    "we are still chasing Pokémon cards for Leo's birthday",
    "the rate from Wise was better than the bank's",
    "Kotlin lowered the minimum boilerplate compared to Java",
]


def clause(rng: random.Random, name: str) -> str:
    r = rng.random()
    if r < 0.45:
        return f"{rng.choice(WHEN)}{name} {rng.choice(DID)}"
    if r < 0.8:
        return f"{rng.choice(WHEN)}{rng.choice(TO)} {name}"
    return f"{rng.choice(WHEN)}{rng.choice(PREP)} {name} went fine"


def layout(rng: random.Random, body: str, other: str) -> tuple[str, str]:
    kind = rng.choice(["sms", "csv", "forum", "form", "voice", "bullets"])
    if kind == "sms":
        return (
            kind,
            f"{rng.randint(1, 28):02d}/0{rng.randint(1, 9)} {rng.randint(7, 19)}:{rng.randint(10, 59)} - {body}\n- {other}",
        )
    if kind == "csv":
        return (
            kind,
            f'date,note,owner\n2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)},"{body}",ops\n2024-10-01,"{other}",fin',
        )
    if kind == "forum":
        return (
            kind,
            f"Posted by ops_lead\n\n{body[0].upper() + body[1:]}{rng.choice(WHY)}. {other[0].upper() + other[1:]}.\n\nEdit: typo",
        )
    if kind == "form":
        return kind, f"Request type: purchasing\nSummary: {body}\nNext step: {other}"
    if kind == "voice":
        return kind, f"voice memo... um so {body.lower()} and uh {other} ok bye"
    return kind, f"Notes\n  • {body}{rng.choice(WHY)}\n  • {other}"


OTHER = ["budget stays flat", "legal is fine with it", "next review in May", "no action for finance"]


def generate(rng: random.Random, start_id: int) -> list[Doc]:
    docs = []
    for k in range(150):
        name = company(rng)
        kind, text = layout(rng, clause(rng, name), rng.choice(OTHER))
        value = name.lower() if kind == "voice" else name
        docs.append(Doc(start_id + k, f"companies7h_{kind}", "en_US", text, [Pii("COMPANY", value)]))
    for c in CONTROLS:
        docs.append(Doc(start_id + len(docs), "companies7h_control", "en_US", c, [], control=True))
    return docs
