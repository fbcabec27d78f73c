"""Held-out twin of ``tuning/wordnames8.py`` (issue #13, eighth round): people whose names are
ordinary English words, built another way to check that rules tuned there generalise. Not
registered in ``tuning/``; read only as aggregate rates: ``python -m tests.redaction.heldout``.

Composed, not templated: a document is a stack of a context line (which may or may not name the
person in full), one to two mention fragments (a clause that holds the name, joined to an
independent tail clause), and filler, in shuffled order, some documents in lowercase. Its own
name sources (virtues, plants, birds, trades, metals, landscape words), its own layouts (SMS
threads "Name (mobile):", minutes "ACTION -", ticket comments "— Name, 3h ago", letters
"Yours sincerely", voicemail transcripts) and its own controls."""

from __future__ import annotations

import random

from corpus import Doc, Pii

GIVEN = """
patience charity mercy felicity bliss sage willow fern poppy lily violet ebony coral jade opal
misty brook dale glen cliff rocky gale frank earl duke sterling clay forrest noel chip skip
lark wren dove star journey harmony melody
""".split()
FAMILY = """
carter turner cooper miller shepherd butcher thatcher steward bond street lane rivers waters
ash birch oak pine hedge meadow moor heath crane swan finch sparrow crow drake bull hart salt
gold silver steel iron brass friend sweet merry hardy bold wild keen small tall strange booth
tower castle church chapel
""".split()
PLAIN_GIVEN = "Ines Rahul Yusuf Greta Mateo Sanne Kofi".split()

# context lines: some name the person in full, some do not
NAMING = [
    "Yours sincerely,\n{G} {S}",
    "SMS from {G} {S} (mobile):",
    "— {G} {S}, 3h ago",
    "Voicemail: {G} {S}, 0:42",
    "ACTION - {G} {S} to chase the printer quote",
    "Sender: {e}",
    "Minutes taken by {G} {S}",
    "On behalf of {G} {S}, Facilities",
]
NEUTRAL = ["Minutes, site meeting", "SMS thread", "Ticket 5521 comments", "Voicemail transcript", "Re: parking"]

# mention fragments: the head clause holds the name, the tail is independent
HEAD_GIVEN = [
    "{G} rang about the boiler",
    "{G} is covering reception",
    "according to {G}",
    "{G} can't make Thursday",
    "{G} has the spare fob",
    "{G}'s mum picked up the parcel",
    "tell {G}",
    "{G} wrote back",
    "I owe {G} a coffee",
    "{G} reckons",
    "sorry {G}",
    "{G} booked the van",
]
HEAD_FAMILY = [
    "Mrs {S} rang about the boiler",
    "{S} is covering reception",
    "according to {S}",
    "Mr. {S} can't make Thursday",
    "{S} from the council wrote back",
    "Prof {S} booked the room",
    "{S} reckons",
    "the {S} family moved out",
]
HEAD_BOTH = [
    "{G} {S} rang about the boiler",
    "{G} {S} is covering reception",
    "according to {G} {S}",
    "I owe {G} {S} a coffee",
    "{G} {S} booked the van",
]
TAIL = [
    "and the fix is booked for Monday",
    "so the meeting moves to 3",
    "but the van is still at the depot",
    "; the rest is on the sheet",
    ", fine by me",
    "before the inspection",
]
FILL = ["Parking is behind the depot.", "Invoice 88213 attached.", "Gate code unchanged.", "ETA tomorrow."]

CONTROL_FRAGS = [
    "the willow by the gate needs cutting back",
    "Patience is wearing thin with the supplier",
    "put the brass fittings in the small box",
    "Iron out the details before Friday",
    "the sweet spot is about 20 units",
    "Charity shop pick-up is on Wednesday",
    "Turner Prize shortlist came out",
    "Steel prices are up again",
    "the crane arrives at 7",
    "Frank feedback from the client: too slow",
    "Lily pads in the pond again",
    "Bold text for the headings please",
    "Salt the path if it freezes",
    "the castle tour was cancelled",
    "Church Lane is closed",
    "Mercy, what a week",
    "Gold tier customers get free shipping",
    "a wild guess: 40 units",
    "Ash from the bonfire is in the skip",
    "Harmony between teams is the goal",
    "Star rating dropped to 4.1",
    "Journey planner says 40 minutes",
    "Hardy perennials only for the car park beds",
    "Keen to wrap up by Friday",
]


def generate(rng: random.Random, start_id: int = 0, n: int = 200) -> list[Doc]:
    docs = []
    for k in range(n):
        g, s = rng.choice(GIVEN), rng.choice(FAMILY)
        e = (
            rng.choice([f"{g}.{s}", f"{g}{s[0]}", f"{g[0]}.{s}"])
            + "@"
            + rng.choice(["btinternet.com", "yahoo.co.uk", "council.gov.uk"])
        )
        p = {"G": g.capitalize(), "S": s.capitalize(), "e": e}
        pii: list[Pii] = []
        lines = []
        named = rng.random() < 0.5
        if named:
            c = rng.choice(NAMING)
            lines.append(c.format(**p))
            pii.append(Pii("EMAIL", e) if "{e}" in c else Pii("PERSON", f"{p['G']} {p['S']}"))
        else:
            lines.append(rng.choice(NEUTRAL))
        which = rng.choice(["given", "given", "family", "both"])
        heads = {"given": HEAD_GIVEN, "family": HEAD_FAMILY, "both": HEAD_BOTH}[which]
        for h in rng.sample(heads, rng.randint(1, 2)):
            frag = h.format(**p) + rng.choice([" ", ", "]) + rng.choice(TAIL)
            lines.append(frag[0].upper() + frag[1:] + ".")
        pii.append(Pii("PERSON", {"given": p["G"], "family": p["S"], "both": f"{p['G']} {p['S']}"}[which]))
        if rng.random() < 0.3:
            o = rng.choice(PLAIN_GIVEN)
            lines.append(f"{o} says hi.")
            pii.append(Pii("PERSON", o))
        lines += rng.sample(FILL, rng.randint(0, 1))
        body = lines[1:]
        rng.shuffle(body)
        lines = lines[:1] + body
        text = "\n".join(lines)
        if rng.random() < 0.25:
            text = text.lower()
            pii = [Pii(x.type, x.value.lower()) for x in pii]
        docs.append(Doc(start_id + k, "wordnames8h_" + which, "en_GB", text, pii))
    for _ in range(30):
        text = ". ".join(f[0].upper() + f[1:] for f in rng.sample(CONTROL_FRAGS, rng.randint(1, 2))) + "."
        if rng.random() < 0.25:
            text = text.lower()
        docs.append(Doc(start_id + len(docs), "wordnames8h_control", "en_GB", text, [], control=True))
    return docs
