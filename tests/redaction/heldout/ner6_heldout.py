"""HELD-OUT set for ner6 (issue #13, the learned recognizer): read only as aggregate rates (leak %,
controls altered %), never document by document, and never tuned on or trained on. Not part of
the tuning corpus (it lives in heldout/); ``python -m tests.redaction.heldout`` prints its rates.

Built differently from tuning/ner6.py on purpose: each document is composed from fragments
(an opener, one to three clauses of a subject role and a predicate, a closer) instead of whole
templates; names come from other sources (Finnic/Georgian/Quechua/Arabic-like morpheme pairs,
trade and landscape words as names, firms from odd adjective-noun pairs, -ly/-ify/-io coinages
and initialisms, handles CamelCase, dotted words, leetspeak, trailing underscores); layouts are
SMS, forum posts, key/value blocks, bullet lists, shouted subject lines and run-on voicemail."""

from __future__ import annotations

import random

from corpus import Doc, Pii

MORPHS = [
    ("Tuu Aar Vei Kaa Suo Lii Ilm Hei", "kki nen sto ri la vo tti"),
    ("Nod Zur Lev Tam Gio Mzi Ket Sop", "ari adze ia eli uri ashvili"),
    ("Wayn Qoy Ayl Kus Sum Tup Yar Chas", "a i ku ri qa ay"),
    ("Far Sal Nur Kha Jam Ras Zay Hab", "id ima ad ira un ees"),
]
TRADE = "Thatch Forge Miller Tanner Reed Fletcher Glover Sawyer Hayward".split()
LAND = "Ashdown Fernhill Marsh Brackley Holloway Kestrel Larkspur Winter".split()
ADJ = "Amber Honest Lucky Sudden Gentle Hidden Lofty Rusty Humble".split()
NOUN = "Thread Bucket Lantern Acorn Pigeon Ribbon Spindle Barrow Tinder".split()
COIN_STEM = "Tally Snip Brew Quill Dash Hatch Tidy Plum".split()
COIN_END = ["ly", "ify", "io", "ster", "able"]
WORDS = "moss cinder juniper falcon quartz saffron tundra vortex wicket zephyr".split()
LEET = str.maketrans({"a": "4", "e": "3", "o": "0", "i": "1"})


def _morph(rng: random.Random) -> str:
    a, b = rng.choice(MORPHS)
    return rng.choice(a.split()) + rng.choice(b.split())


def person(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.65:
        return _morph(rng), _morph(rng)
    return rng.choice(LAND + TRADE), rng.choice(TRADE + LAND + [_morph(rng)])


def firm(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.4:
        return f"{rng.choice(ADJ)} {rng.choice(NOUN)}"
    if r < 0.7:
        return rng.choice(COIN_STEM) + rng.choice(COIN_END)
    if r < 0.85:
        return _morph(rng) + rng.choice(["", " & Co", "works"])
    return f"{rng.choice('BCFGHLNW')}{rng.choice('ABEGJMQ')}{rng.choice('PRSTZ')} {rng.choice(NOUN)}"


def account(rng: random.Random) -> str:
    w1, w2 = rng.sample(WORDS, 2)
    r = rng.randrange(5)
    if r == 0:
        return w1.capitalize() + w2.capitalize()
    if r == 1:
        return f"{w1}.{w2}"
    if r == 2:
        return (w1 + w2).translate(LEET)
    if r == 3:
        return w1 + "_" + str(rng.randint(1980, 2011))
    return _morph(rng).lower() + "_"


# subject roles: {P} full person, {G} given name, {S} surname, {O} firm, {U} account
SUBJECT = [
    "{G}",
    "{P}",
    "Ms {S}",
    "{G} at {O}",
    "{O}",
    "the person behind {U}",
    "{U}",
    "{G} {S} of {O}",
]
PREDICATE = [
    "wants the quote by friday",
    "still owes us for march",
    "dropped off the call early",
    "is taking over the account",
    "posted the fix in the thread",
    "asked for a refund",
    "will be at the offsite",
    "never replied to the survey",
]
OPENER = ["", "re: ", "FYI - ", "voicemail: ", "sms: ", "[forum] ", "Subject: UPDATE - ", "note to self: "]
CLOSER = ["", " thx", ".", " !!", " -- sent from my phone", " (more later)"]
LAYOUT = ["line", "kv", "bullets", "runon"]

CONTROLS = [
    "sms: gate code changed, use the side door thx",
    "[forum] anyone tried the Honest Tea cold brew? tastes like a Lucky Strike ad",
    "Subject: UPDATE - server room at Ashdown Park closed for the winter",
    "voicemail: hi its the pharmacy your prescription is ready call back when you can",
    "key: value\nregion: Winter Garden\ncapacity: 40",
    "- Lantern parade\n- Acorn trail\n- Tinder box workshop",
    "note to self: buy thread, ribbon and a bucket for the barrow",
    "re: the Falcon 9 launch moved to friday",
    "FYI - Marsh Lane is shut, use Holloway Road",
    "Q: does the Quartz theme support dark mode? A: yes since 2.3",
]


def _doc(rng: random.Random, i: int) -> Doc:
    pii: dict[str, str] = {}
    clauses = []
    for _ in range(rng.randint(1, 3)):
        g, s = person(rng)
        vals = {"G": g, "S": s, "P": f"{g} {s}", "O": firm(rng), "U": account(rng)}
        subj = rng.choice(SUBJECT)
        for k, v in vals.items():
            if "{" + k + "}" in subj:
                pii[v] = {"O": "COMPANY", "U": "USERNAME"}.get(k, "PERSON")
        clauses.append(subj.format(**vals) + " " + rng.choice(PREDICATE))
    layout = rng.choice(LAYOUT)
    if layout == "kv":
        body = "\n".join(f"item {k + 1}: {c}" for k, c in enumerate(clauses))
    elif layout == "bullets":
        body = "\n".join("* " + c for c in clauses)
    elif layout == "runon":
        body = " and ".join(clauses).lower()
    else:
        body = "; ".join(c[0].upper() + c[1:] for c in clauses)
    text = rng.choice(OPENER) + body + rng.choice(CLOSER)
    lower = layout == "runon"
    return Doc(i, f"ner6h_{layout}", "en_GB", text, [Pii(t, v.lower() if lower else v) for v, t in pii.items()])


def generate(rng: random.Random, start_id: int) -> list[Doc]:
    docs = [_doc(rng, start_id + k) for k in range(220)]
    docs += [Doc(start_id + len(docs) + k, "ner6h_control", "en_GB", t, [], True) for k, t in enumerate(CONTROLS)]
    return docs
