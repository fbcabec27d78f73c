"""Tuning documents for coined company names, round 8 (issue #13, COMPANY/coined outside trade
texts): a made-up word used as a firm in meeting notes, chat, transcripts and HR or social
writing, where no word of buying or selling is near: an employer or affiliation ("Priya from
Zentrik", "she works at Lumora", "ex-Quorvane", "over at Zentrik"), the firm's people or side
("the Zentrik team", "Zentrik's CTO", "the Vantrix side"), the subject of an ordinary verb
("Quorvane reached out", "Zentrik to send the notes"), in lowercase speech too, with inner
capitals ("DataVex") or a digit ("Nexa9"), and once with a legal form elsewhere in the text.
Controls: the same places holding real apps, towns, teams, languages and games.

Template-based; word lists and templates are this module's own (heldout/companies8_heldout.py is
built differently and is read only as an aggregate)."""

from __future__ import annotations

import random

from corpus import Doc, Pii

HEAD = "quor zent vant lum tal orb kest mar vel brev sorv dax nim fen olv".split()
TAILS = "vane rik trix ora ique ix ara evo ent ium ova ani".split()
INNER_A = "Data Cloud Pay Shift Grid Task Lead Loop".split()
INNER_B = "Vex Rio Zon Kiq Nuvo Tix Ora Pex".split()
DIGIT = "Nexa Kova Zeti Omni Vira".split()
PEOPLE = "Priya Tomas Dana Kwame Lena Arjun Sofia Mateo Yuki Fatima".split()


def company(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.65:
        return (rng.choice(HEAD) + rng.choice(TAILS)).capitalize()
    if r < 0.85:
        return rng.choice(INNER_A) + rng.choice(INNER_B)
    return rng.choice(DIGIT) + str(rng.randint(1, 9))


CASED = [
    "{P} from {C} joined the call late",
    "she works at {C} now",
    "a couple of ex-{C} engineers applied",
    "the {C} team sent their notes",
    "{C}'s CTO will present on Monday",
    "he's over at {C} these days",
    "can someone ping {C} support about the outage",
    "{C} reached out about a partnership",
    "{C} to send the revised timeline by Friday",
    "any update from the {C} side",
    "I was at {C} for three years before this",
    "{C}: sent over the slides, waiting on their designer",
    "{C} is hosting the next meetup",
    "our friends at {C} helped with the venue",
    "{C} sponsored the hackathon prizes",
    "{P} left {C} last spring",
    "{C} will join the panel on hiring",
    "thanks to {C} for the pizza",
    "{C} moved into the building next door",
    "{P} is interviewing at {C} next week",
    "{C} invited us to their launch party",
    "two people from {C} asked about the API",
    "{C} hired three of our interns",
    "{P} ({C}) asked a great question",
    "{C} joined the standup as observers",
]
LOWER = [
    "so {p} from {c} said they'd send it over",
    "i think {c} handles that for them",
    "i was at {c} for three years",
    "{c} reached out again about the meetup",
    "yeah the {c} people want a call next week",
    "{c} is hosting this time",
    "my sister works at {c}",
    "{p} over at {c} knows the details",
    "did {c} ever get back to you",
    "{c} hired two of our interns",
]
CONTROLS = [
    "someone from support joined the call late; Zoom kept dropping.",
    "she works at Tesco on weekends now",
    "a couple of ex-Navy engineers applied",
    "the Ubuntu team sent their release notes",
    "Kotlin's compiler will be faster in the next release.",
    "he's over at Glastonbury these days, back Monday",
    "Slack reached out about the outage status page",
    "Legal to send the revised timeline by Friday",
    "any update from the Portuguese side",
    "I was at Oxford for three years before this",
    "Jira: sent over the board, waiting on the filter",
    "Berlin is hosting the next meetup",
    "our friends at church helped with the venue",
    "Figma invited us to try the beta",
    "i think postgres handles that for them",
    "yeah the linux people want a call next week",
    "my sister works at the hospital",
    "did spotify ever get back to you about the family plan",
    "He left Madrid last spring.",
    "Duolingo sponsored nothing, but the owl is cute.",
]


def _wrap(style: str, lines: list[str], rng: random.Random) -> str:
    if style == "transcript_lower":
        return "\n".join(f"speaker {k % 2 + 1}: {ln}" for k, ln in enumerate(lines))
    if style == "chat_lower":
        return "\n".join(f"{rng.choice(['ana', 'bo', 'cy'])}: {ln}" for ln in lines)
    if style == "meeting":
        return "Weekly sync - notes\n" + "\n".join(f"* {ln[0].upper() + ln[1:]}" for ln in lines)
    if style == "chat":
        return "\n".join(f"<{rng.choice(['Ana', 'Bo', 'Cy'])}> {ln[0].upper() + ln[1:]}" for ln in lines)
    if style == "transcript":
        return "\n".join(f"Speaker {k % 2 + 1}: {ln[0].upper() + ln[1:]}." for k, ln in enumerate(lines))
    return "Hi all,\n\n" + " ".join(ln[0].upper() + ln[1:] + "." for ln in lines) + "\n\nBest,\nJo"


FILLER = ["the room is booked until four", "no blockers from me", "slides are in the shared folder"]


def doc(rng: random.Random, i: int) -> Doc:
    style = rng.choice(["transcript_lower", "chat_lower", "meeting", "chat", "transcript", "email"])
    name = company(rng)
    who = rng.choice(PEOPLE)
    if style.endswith("_lower"):
        name = name.lower()
        line = rng.choice(LOWER).format(c=name, p=who.lower())
    else:
        line = rng.choice(CASED).format(C=name, P=who)
    lines = rng.sample(FILLER, 2)
    lines.insert(rng.randint(0, 2), line)
    if not style.endswith("_lower") and rng.random() < 0.15:
        lines.append(f"the NDA is with {name} Ltd")
    return Doc(i, f"companies8_{style}", "en_GB", _wrap(style, lines, rng), [Pii("COMPANY", name)])


# a firm is one name spoken of as "they" ("Zentrik said they'd send it"); a tool or a place is "it"
THEY = [
    "{C} said they'd send the slides tonight",
    "{C} told us they were moving offices",
    "{C} wants their old badges back",
    "{C} thinks they can join on Thursday",
    "I heard {C} say they are hiring",
    "{C} mentioned their new office is near the station",
]
THEY_LOWER = [
    "yeah {c} said they can't do thursday",
    "so {c} think they'll be late",
    "honestly {c} said their wifi was down",
]
THEY_CONTROLS = [
    "Fenroka crashed again, it needs a patch before they can ship.",
    "Kotlin is great and the devs say they love it.",
    "Our users love Orvane because they can export to CSV.",
    "Tromvik was cold but they had heaters in the cabins.",
    "Fenroka lets them export to CSV without a plugin.",
    "the build uses Zorvil, so they said it's fine",
]


def _they_doc(rng: random.Random, i: int) -> Doc:
    name = company(rng)
    if rng.random() < 0.3:
        name = name.lower()
        text = "\n".join(
            f"speaker {k % 2 + 1}: {ln}"
            for k, ln in enumerate([rng.choice(THEY_LOWER).format(c=name), rng.choice(FILLER)])
        )
    else:
        line = rng.choice(THEY).format(C=name)
        text = "Notes\n* " + line[0].upper() + line[1:] + "\n* " + rng.choice(FILLER).capitalize()
    return Doc(i, "companies8_they", "en_GB", text, [Pii("COMPANY", name)])


def generate(rng: random.Random, start_id: int) -> list[Doc]:
    docs = [doc(rng, start_id + k) for k in range(160)]
    for c in CONTROLS:
        docs.append(Doc(start_id + len(docs), "companies8_control", "en_GB", c, [], control=True))
    they = random.Random(f"{rng.random()}:they")  # a stream of its own: the documents above stay as they were
    docs += [_they_doc(they, start_id + len(docs) + k) for k in range(40)]
    for c in THEY_CONTROLS:
        docs.append(Doc(start_id + len(docs), "companies8_control", "en_GB", c, [], control=True))
    return docs
