"""HELD-OUT set for companies5 (issue #13, COMPANY/coined): read only as aggregate rates (leak %,
controls altered %), never document by document, and never tuned on. Not part of the tuning corpus
(it lives in heldout/); ``python -m tests.redaction.heldout`` prints its rates.

Built differently from companies5.py on purpose: sentences are composed from fragments (a
who-phrase, an action and a tail) instead of whole templates; names come from other sources
(Latin/Greek-like morphemes, compound place-like words, a letter-swapped spelling, an initialism
plus a word); layouts are tables, key/value blocks, SMS, forum posts and shouted headers."""

from __future__ import annotations

import random

from corpus import Doc, Pii

MORPH_A = "Aure Cald Prax Vent Lyr Dom Cert Fid Nov Terr Agr Mar Sil Corv Lev Oct".split()
MORPH_B = "entis olis ara ivo ium ex um ia eon ata is ion".split()
PLACE_A = "Oak Pine Fox Hawk Wolf Bear Elk Raven Stag Heron Otter Thorn".split()
PLACE_B = "haven ford wick dale mere hurst ton ley combe stead wood moor".split()
PLAIN_A = "Granite Tidal Lumen Pioneer Keystone Vertex Harvest Anchor Evergreen Sterling".split()
PLAIN_B = "Peak Arc Bridge Crest Signal Rock Path Range".split()
SWAP = "Kwikfix Byteria Finlux Kleenway Trustik Sparkz Zippio Klaro Vizzy Nuvolo".split()


def company(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.3:
        return rng.choice(MORPH_A) + rng.choice(MORPH_B)
    if r < 0.55:
        return rng.choice(PLACE_A) + rng.choice(PLACE_B)
    if r < 0.75:
        return f"{rng.choice(PLAIN_A)} {rng.choice(PLAIN_B)}"
    if r < 0.9:
        return rng.choice(SWAP)
    return (
        f"{rng.choice('ABCDJKMPRT')}{rng.choice('BDGKLMNSTX')} {rng.choice(['Freight', 'Print', 'Dental', 'Roofing'])}"
    )


WHO = [
    "the account manager at {C}",
    "{C}",
    "{C}",
    "our contact over at {C}",
    "someone in {C}'s finance department",
    "{C} (the supplier)",
    "the {C} project lead",
]
ACTION = [
    "has not paid invoice 2231",
    "asked to move the go-live",
    "sent the signed agreement back",
    "wants net 45 instead of net 30",
    "is switching providers next year",
    "confirmed the delivery slot",
    "flagged a billing error",
    "requested the audit report",
    "cancelled the standing order",
    "approved the statement of work",
]
TAIL = ["", " last night", " on Monday", ", per the thread below", " again", " (see attached)"]
OBJECT = [
    "We still owe {C} for the March shipment",
    "Tell {C} we need the certificate of insurance",
    "I met two people from {C} at the trade fair",
    "Moving the hosting contract away from {C}",
    "Got a cold email from {C} selling lead lists",
    "Chasing {C} for the credit note",
]
CONTROLS = [
    "| Item | Owner |\n| Dashboard v3 | design |\n| Migration to Azure | infra |",
    "Weekend: Glastonbury, then a day in Bath.",
    "WE ARE MIGRATING TO SALESFORCE ON MONDAY",
    "The Orion capsule and the Artemis program were on the news.",
    "Model card: trained on COCO, fine-tuned on Cityscapes.",
    "Reading list: Dune, Neuromancer, The Left Hand of Darkness.",
    "sms: running late, stuck on the M25 near Heathrow",
    "Forum: has anyone flashed OpenWrt on the Archer C7?",
    "status: Zephyr RTOS build green, Yocto image red",
    "Gym then brunch at the Ivy, then Hyde Park.",
    "Dept codes: FIN-02, OPS-11, HR-04.",
    "Ordered a Raspberry Pi and an Arduino kit from the usual shop.",
    "the bbc and the guardian both ran the story",
    "Codename Marigold becomes Release 12.4; Juniper is the next train.",
    "Quarterly OKRs: reduce churn, ship Insights, hire two SREs.",
    "Flight BA117 to JFK, then Amtrak to Boston.",
    "Watched Succession and Severance this month.",
    "We replaced Slack with Mattermost for the on-prem site.",
    "Photos from Yellowstone and the Grand Teton are on the drive.",
    "Wimbledon tickets: Centre Court, Thursday.",
]


def _clause(rng: random.Random, value: str) -> str:
    if rng.random() < 0.6:
        return rng.choice(WHO).replace("{C}", value) + " " + rng.choice(ACTION) + rng.choice(TAIL)
    return rng.choice(OBJECT).replace("{C}", value) + rng.choice(TAIL)


def _cap(s: str) -> str:
    return s[0].upper() + s[1:]


def doc(rng: random.Random, i: int) -> Doc:
    layout = rng.choice(["table", "keyvalue", "sms", "forum", "shouted", "minutes", "voicemail", "slack"])
    name = company(rng)
    low = layout in ("sms", "voicemail", "slack") and rng.random() < 0.7
    value = name.lower() if low else name
    pii = [Pii("COMPANY", value)]
    a, b = _clause(rng, value), _clause(rng, value)
    if low:
        a, b = a.lower(), b.lower()
    if layout == "table":
        text = f"| Account | Status | Note |\n|---|---|---|\n| {value} | amber | {a} |"
    elif layout == "keyvalue":
        text = f"Customer => {value}\nLast touch => {rng.randint(1, 28)} Oct\nRemark => {_cap(a)}"
    elif layout == "sms":
        text = f"{a} -- {b}"
    elif layout == "forum":
        text = f"Posted by user2231: {_cap(a)}. Anyone else seen this? Edit: {b}."
    elif layout == "shouted":
        text = f"*** {name.upper()} UPDATE ***\n{_cap(a)}; {b}."
        pii.append(Pii("COMPANY", name.upper()))
    elif layout == "minutes":
        text = f"Minutes, item 4.{rng.randint(1, 9)}. {_cap(a)}. Separately, {b}."
    elif layout == "voicemail":
        text = f"voicemail transcript: hi it's me, {a}, and um {b}, call me back"
    else:
        text = f"<{rng.choice(['ana', 'raj', 'kim', 'leo'])}> {a}\n<{rng.choice(['bo', 'ivy', 'max'])}> {b}"
    return Doc(i, f"companies5h_{layout}", "en_GB", text, pii)


def generate(rng: random.Random, start_id: int) -> list[Doc]:
    docs = [doc(rng, start_id + k) for k in range(160)]
    for c in CONTROLS:
        docs.append(Doc(start_id + len(docs), "companies5h_control", "en_GB", c, [], control=True))
    return docs
