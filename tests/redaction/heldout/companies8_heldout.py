"""HELD-OUT set for companies8 (issue #13, COMPANY/coined outside trade texts): read only as
aggregate rates (leak %, controls altered %), never document by document, and never tuned on.
Not part of the tuning corpus; ``python -m tests.redaction.heldout`` prints its rates.

Built differently from tuning/companies8.py on purpose: names are drawn syllable by syllable
(onset, vowel, coda: "Drelvan", "Taskori"), or a short English word glued to a syllable with
an inner capital ("SkyTorv", "MapDrel"), or a syllable name with a digit ("Vorn9"); the texts are
composed from a who-clause, a where-clause and an aside, laid out as Slack exports, diarized
lowercase calls, HR notes, standup bullets and social posts; controls put real apps, games,
towns and languages in the same places."""

from __future__ import annotations

import random

from corpus import Doc, Pii

ONSET = "br dr tr k t v z qu gr pl sk m n l".split()
VOWEL = "a e i o u ai ei".split()
CODA = ["rn", "lv", "sk", "x", "nd", "rt", "v", "l", "m"]
TAIL = ["an", "o", "i", "ex", "ira", "et", "ova"]
SHORT = "Sky Map Ink Bit Sun Box Dot Net Hop Zip".split()
FIRST = "Priya Tomas Hana Obi Greta Luis Mei Ivan Sade Noor".split()


def _syll(rng: random.Random) -> str:
    return rng.choice(ONSET) + rng.choice(VOWEL) + rng.choice(CODA)


def company(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.6:
        return (_syll(rng) + rng.choice(TAIL)).capitalize()
    if r < 0.8:
        return rng.choice(SHORT) + _syll(rng).capitalize()
    return _syll(rng).capitalize() + str(rng.randint(2, 9))


# where a person stands to a firm (no trade words)
WHO = [
    "{P} from {C} joined late",
    "{P} ({C}) will demo on Friday",
    "{P} used to be at {C}",
    "{P} is moving over to {C} in spring",
    "{P} has been with {C} since 2019",
    "{P} interned at {C}",
    "an old friend who now works for {C}",
    "the designer we met from {C}",
    "a recruiter at {C} messaged {P}",
    "{P}, formerly of {C}, is presenting",
]
# the firm doing something ordinary, or being talked about
SAY = [
    "{C} is hosting the meetup this month",
    "{C} had an outage during the demo",
    "{C} moved their office to the old mill",
    "{C} reached out about a joint webinar",
    "{C} will send two people to the workshop",
    "{C} just rebranded",
    "the {C} crew brought pastries",
    "heard the {C} offsite was fun",
    "someone at {C} flagged the bug",
    "{C} people keep asking about the API",
    "{C} folks said thanks for the intro",
    "lunch with the team from {C}",
]
LOWER = [
    "so {p} from {c} said they'd circle back",
    "yeah i was at {c} for like four years",
    "i think {c} is hiring again",
    "{c} reached out last week about the meetup",
    "my cousin works for {c} now",
    "the {c} guys were really helpful",
    "we had {c} over for the workshop",
    "did {c} ever reply",
]
ASIDE = ["", "", " (see thread)", ", fyi", " - more later", ", ok?"]
CONTROLS = [
    "someone from accounts joined late; Figma kept crashing during the demo.",
    "My brother used to be at Lidl on weekends before uni.",
    "The tutor (Esperanto) will demo on Friday, she teaches it online.",
    "Minecraft had an outage during the demo, kids were upset.",
    "the Brno crew brought pastries for everyone",
    "yeah i was at glastonbury for like four days",
    "i think notion is slow again today",
    "Heard the Tromsø offsite was fun, lots of snow.",
    "my cousin works for the council now",
    "The treasurer, formerly of the choir, is presenting the slides.",
    "Someone at the library flagged the broken printer.",
    "did duolingo ever reply to your streak complaint",
    "The intern is moving over to Lisbon in spring.",
    "the Tetris guys were really helpful at the arcade night",
    "Our cellist has been with the orchestra since 2019.",
    "an old friend who now writes for the Guardian",
]


def _layout(rng: random.Random, parts: list[str], lower: bool) -> str:
    kind = rng.choice(["slack", "call", "hr", "standup", "post"] if not lower else ["call", "slack"])
    if kind == "slack":
        return "\n".join(
            f"{rng.choice(['jo', 'max', 'ren'])} {rng.randint(8, 17)}:{rng.randint(10, 59)} {p}" for p in parts
        )
    if kind == "call":
        return "\n".join(f"[{k % 2 + 1}] {p}" for k, p in enumerate(parts))
    if kind == "hr":
        return "HR note\n" + " ".join(p[0].upper() + p[1:] + "." for p in parts)
    if kind == "standup":
        return "Standup\n" + "\n".join(f"- {p}" for p in parts)
    return " ".join(p[0].upper() + p[1:] + "." for p in parts) + " #community"


FILL = ["coffee machine is fixed", "the room is booked until four", "slides are in the folder", "no updates from me"]


def doc(rng: random.Random, i: int) -> Doc:
    c = company(rng)
    lower = rng.random() < 0.3
    if lower:
        c = c.lower()
        line = rng.choice(LOWER).format(c=c, p=rng.choice(FIRST).lower())
    else:
        line = rng.choice(WHO if rng.random() < 0.5 else SAY).format(C=c, P=rng.choice(FIRST))
    parts = [line + rng.choice(ASIDE)] + rng.sample(FILL, rng.randint(1, 2))
    rng.shuffle(parts)
    pii = [Pii("COMPANY", c)]
    # sometimes the firm is written once with a legal form elsewhere in the text
    if not lower and rng.random() < 0.2:
        parts.append(f"invite went to {c} GmbH")
    return Doc(i, "companies8h", "en_GB", _layout(rng, parts, lower), pii)


def generate(rng: random.Random, start_id: int) -> list[Doc]:
    docs = [doc(rng, start_id + k) for k in range(150)]
    for t in CONTROLS:
        docs.append(Doc(start_id + len(docs), "companies8h_control", "en_GB", t, [], control=True))
    return docs
