"""HELD-OUT set for companies6 (issue #13, COMPANY/coined): read only as aggregate rates (leak %,
controls altered %), never document by document, and never tuned on. Not part of the tuning corpus
(it lives in heldout/); ``python -m tests.redaction.heldout`` prints its rates.

Built differently from tuning/companies6.py on purpose: names are spelled letter by letter from
consonant/vowel patterns or joined from other word lists ("Rook & Pine", "Saltmarsh"); each text
is composed from independent fragments (an opener that may carry the strong cue, one to three
later mentions each with its own form, a closer), and laid out as SMS threads, CSV rows, forum
posts, key: value forms, shouted subject lines or run-on voice notes."""

from __future__ import annotations

import random

from corpus import Doc, Pii

CONS = "bdfgklmnprstvz"
VOW = "aeiou"
AND_A = "Rook Birch Flint Moss Wren Slate Fern Quill".split()
AND_B = "Pine Brass Clay Salt Reed Oat Lark Tallow".split()
GLUE_A = "salt dusk frost north mill reed hay loch".split()
GLUE_B = "marsh ling fold gate wright ward field well".split()


def spelled(rng: random.Random) -> str:
    pat = rng.choice(["CVCVC", "CVCCVC", "VCCVCV", "CVCVCCV"])
    return "".join(rng.choice(CONS) if c == "C" else rng.choice(VOW) for c in pat).capitalize()


def company(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.4:
        return spelled(rng)
    if r < 0.6:
        return f"{rng.choice(AND_A)} & {rng.choice(AND_B)}"
    if r < 0.85:
        return (rng.choice(GLUE_A) + rng.choice(GLUE_B)).capitalize()
    return spelled(rng) + rng.choice(["Hub", "Go", "Base", "Point"])


# openers: a strong place for the firm (or none)
OPEN = [
    "re the {C} Limited account",
    "{C} Corp. sent over the renewal terms",
    "we hold a master services agreement with {C} LLC",
    "per my call with sales@{D}",
    "FYI {C} (company no. 0{n}) changed its registered office",
    "our distributor, {C}, raised the unit price",
    "payment to {C} was held by the bank",
    "quote requested from {C} for 40 pallets",
]
# later mentions, each with its own form of the name
LATER = [
    "{C} never replied",
    "{C}'s driver left the goods at reception",
    "the {C} folks want a call",
    "{U} IS NOT ANSWERING",
    "anyway {l} said no",
    "compared to {C}, the others are cheap",
    "{C} staff were helpful",
    "told {C} we'd pay on the 5th",
    "{C} rejected the claim",
    "why is {C} charging vat twice",
    "{C} support closed the ticket without a fix",
    "we might leave {C} for someone local",
]
CLOSE = ["thanks", "pls advise", "more soon", "", "cheers all", "end of note"]
CONTROLS = [
    "suppliers: Amazon, eBay and Etsy all ship here",
    "We left Vodafone for Three, then went back to EE.",
    "ok so the Quokka build failed again on arm64",
    "Reading list: Dune, Hyperion and Solaris.",
    "FWD: PHOENIX MIGRATION - DONE",
    "Trained on COCO, fine-tuned on Cityscapes, tested on KITTI.",
    "Switching from Zoom to Google Meet next quarter.",
    "we hiked the Dolomites then drove to Verona",
    "Orders via Deliveroo and Uber Eats are down 10%.",
    "Name,Role\nProject Kestrel,lead\nProject Marlin,backup",
    "voice note: so the Lumo lamp from IKEA broke again lol",
    "Beta testers liked Raycast more than Alfred.",
    "The Severn Bridge toll was scrapped years ago.",
    "Grafana, Loki and Tempo now run on the new cluster.",
    "Subject: Offsite in Porto\nWe stay near Ribeira, dinner at Cantinho.",
    "my sourdough starter is called Bubbles and it smells fine",
]


def _layout(kind: str, parts: list[str], rng: random.Random) -> str:
    if kind == "sms":
        return "\n".join(
            f"{'Me' if k % 2 else 'Them'} {rng.randint(7, 22)}:{rng.randint(10, 59)}: {p}" for k, p in enumerate(parts)
        )
    if kind == "csv":
        return "date,note\n" + "\n".join(f'2026-0{rng.randint(1, 9)}-1{k},"{p}"' for k, p in enumerate(parts))
    if kind == "forum":
        return "Posted by throwaway_88\n\n" + "... ".join(parts) + "\n\nEdit: typo"
    if kind == "form":
        keys = ["Issue", "Detail", "Follow-up", "Other"]
        return "\n".join(f"{keys[k % 4]}: {p}" for k, p in enumerate(parts))
    if kind == "shout":
        return parts[0].upper() + "\n" + "\n".join(parts[1:])
    # voice note: run-on lowercase
    return "voice memo: " + " and then ".join(p.lower() for p in parts)


def doc(rng: random.Random, i: int) -> Doc:
    name = company(rng)
    kind = rng.choice(["sms", "csv", "forum", "form", "shout", "voice"])
    domain = name.replace(" & ", "and").lower() + rng.choice([".com", ".co", ".eu"])
    fill = {"C": name, "D": domain, "U": name.upper(), "l": name.lower(), "n": str(rng.randint(1000000, 9999999))}
    parts = [rng.choice(OPEN).format(**fill)] if rng.random() < 0.75 else []
    parts += [f.format(**fill) for f in rng.sample(LATER, rng.randint(1, 3))]
    if rng.random() < 0.4:
        parts.append(rng.choice(CLOSE))
    parts = [p for p in parts if p]
    text = _layout(kind, parts, rng)
    low = text.lower()
    pii = [Pii("COMPANY", name)]
    if kind == "voice":
        pii = [Pii("COMPANY", name.lower())]
    if "@" in low and domain in low:
        pii.append(Pii("EMAIL", "sales@" + domain))
    return Doc(i, f"companies6h_{kind}", "en_US", text, pii)


def generate(rng: random.Random, start_id: int) -> list[Doc]:
    docs = [doc(rng, start_id + k) for k in range(160)]
    for c in CONTROLS:
        docs.append(Doc(start_id + len(docs), "companies6h_control", "en_US", c, [], control=True))
    return docs
