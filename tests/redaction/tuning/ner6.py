"""Tuning documents for the learned recognizer (issue #13, sixth round, ``scripts/train_ner.py``):
people, coined companies and bare handles whose *values* come from sources no earlier module
used (syllable names of other phonotactics, word-like names, word-pair and blended firms,
handles of many makes), in the eight styles (chat, CRM notes, email, letters, meeting notes,
support tickets, transcripts cased and lowercase), so what is measured is the context, not the
token; and PII-free controls in the same places.

Template based; written by hand for this module only (``tests/redaction/heldout/ner6_heldout.py``
is its held-out twin, built from composed fragments with other sources, never tuned on)."""

from __future__ import annotations

import random

from corpus import Doc, Pii

# syllable sets of a few phonotactics: (onsets, nuclei, codas)
PHON = [
    ("b d g k m n s t v z sh", "a e i o u", "n r s"),  # Slavic-ish
    ("k t m n p h w r", "a e i o u", ""),  # Polynesian-ish
    ("b d f k l m n s t w y", "a e i o u", "n"),  # West African-ish
    ("b d g h k l m n r s t v", "a e i o u y", "n r l s k"),  # Nordic-ish
    ("ch k t p x b m n", "a e i o u", "l k b x"),  # Mayan-ish
    ("b c d g k m n s t y", "a e i o u", "n r"),  # Turkish-ish
]
WORDY_FIRST = "Brook Summer Hazel Rowan Sage Wren Ember Clover Meadow Sterling Story Lark Bay Cove".split()
WORDY_LAST = "Fairweather Stillwater Goodbody Blackmore Mayhew Whitlock Rainbird Cutler Hollowell".split()
PARTICLE = ["van den", "de la", "St.", "bin", "al-", "ter", "von", "da", "Mac"]
FIRM_A = "Quiet Copper Paper Lantern Velvet Hollow Crooked Patient Second Tall Open Wild".split()
FIRM_B = "Ladder Kettle Orchard Compass Harbour Anvil Loom Gate Bell Sparrow Field Mill".split()
BLEND_A = "Bright Clear True Swift Blue Kind Deep Fair".split()
BLEND_B = "path loop nest forge wave stack mint yard".split()
HOBBY = "otter pickle biscuit nebula walrus tofu marble cobalt thistle pebble".split()


def _syl_name(rng: random.Random, n: int | None = None) -> str:
    on, nu, co = (s.split() for s in rng.choice(PHON))
    n = n or rng.choice((2, 2, 3))
    out = ""
    for k in range(n):
        out += rng.choice(on) + rng.choice(nu)
        if co and k == n - 1 and rng.random() < 0.5:
            out += rng.choice(co)
    return out.capitalize()


def person(rng: random.Random) -> tuple[str, str]:
    r = rng.random()
    if r < 0.55:
        f, la = _syl_name(rng), _syl_name(rng)
    elif r < 0.8:
        f, la = rng.choice(WORDY_FIRST), rng.choice(WORDY_LAST + [_syl_name(rng)])
    else:
        f, la = _syl_name(rng), f"{rng.choice(PARTICLE)} {_syl_name(rng)}".replace("- ", "-")
    return f, la


def company(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.35:
        return f"{rng.choice(FIRM_A)} {rng.choice(FIRM_B)}"
    if r < 0.6:
        return rng.choice(BLEND_A) + rng.choice(BLEND_B)
    if r < 0.8:
        return _syl_name(rng, rng.choice((2, 3)))
    return rng.choice(BLEND_A) + rng.choice(BLEND_B).capitalize()


def handle(rng: random.Random, f: str, la: str) -> str:
    f, la = f.lower().replace(" ", ""), la.lower().replace(" ", "").replace(".", "").replace("-", "")
    r = rng.randrange(7)
    if r == 0:
        return f[0] + la + str(rng.randint(1, 99))
    if r == 1:
        return f"{f}.{la}"
    if r == 2:
        return rng.choice(HOBBY) + str(rng.randint(10, 2009))
    if r == 3:
        return f"{rng.choice(HOBBY)}_{rng.choice(HOBBY)}"
    if r == 4:
        return f + "_" + la[:3]
    if r == 5:
        return rng.choice(HOBBY) + f
    return f + la[0] + str(rng.randint(1, 9))


# {F} first, {N} full name, {L} last name, {C} company, {H} handle
TEMPLATES = {
    "chat": [
        "{F} said {C} still hasn't sent the invoice lol",
        "ping {H} about the deploy, they're on call",
        "omg {F} just quit, she's going to {C}",
        "anyone know {H}? keeps spamming the channel",
        "{F} u coming tonight? {H} is bringing snacks",
    ],
    "crm": [
        "Call with {N} ({C}). Budget approved, wants a pilot in May.",
        "{C} — contact {N}, prefers email. Forum user {H}.",
        "Lead came in via {N}; works at {C}, reports to the CFO.",
        "Follow-up: {F} from {C} asked for the security questionnaire.",
    ],
    "email": [
        "Hi {F},\n\nthanks for the intro to {C}. I'll loop in {H} on our side.\n\nBest,\n{F2}",
        "Hello {N},\n\n{C} has renewed for another year.\n\nKind regards",
        "Dear {F},\n\nthe contract with {C} is attached.\n\nThanks,\n{N2}",
    ],
    "letter": [
        "Dear Mr {L},\n\nWe write on behalf of {C} regarding your account.\n\nYours sincerely,\n{N2}",
        "To {N},\n\nFurther to our meeting, {C} is pleased to offer you the role.\n\nSincerely,\n{N2}",
    ],
    "meeting": [
        "Attendees: {N}, {N2} ({C}), {H}\nActions: {F} to send the draft",
        "Notes 3/4 — {C} sync\n- {F} owns the rollout\n- {H} reviews the PR",
        "Present: {F}, {F2}. {C} joined late.",
    ],
    "ticket": [
        "Reported by {H}. Customer {N} at {C} cannot export reports.",
        "Assigned to {H}; escalated by {F} (account: {C}).",
        "User {H} locked out after the SSO change. Requester: {N}.",
    ],
    "transcript": [
        "Agent: Who am I speaking with?\nCaller: {N}, from {C}.\nAgent: Thanks, {F}.",
        "Speaker 1: {F}, did {C} sign?\nSpeaker 2: Not yet, {F2} is chasing them.",
        "Caller: my username is {H}.\nAgent: Got it.",
    ],
    "transcript_lower": [
        "agent: who am i speaking with\ncaller: {N} from {C}\nagent: thanks {F}",
        "speaker 1: did {C} get back to you\nspeaker 2: yeah {F} called this morning",
        "caller: the login is {H}\nagent: ok and your name\ncaller: {N}",
        "so {F} and me went over to {C} and they said no",
    ],
}
LOWER = {"transcript_lower"}

CONTROLS = [
    "the invoice still hasn't arrived lol, finance is chasing",
    "ping the on-call about the deploy, pager is quiet",
    "Call with the vendor. Budget approved, wants a pilot in May.",
    "Hi team,\n\nthanks for the intro. I'll loop in legal on our side.\n\nBest",
    "Dear Customer,\n\nWe write regarding your account renewal.\n\nYours sincerely,\nThe Billing Team",
    "Attendees: design, infra, QA\nActions: infra to send the draft",
    "Notes 3/4 — roadmap sync\n- Quiet hours start at 9\n- Copper cabling replaced in Lab B",
    "Reported by monitoring. Cannot export reports since the Open Field release.",
    "Agent: Who am I speaking with?\nCaller: the front desk.\nAgent: Thanks.",
    "caller: the login page is blank\nagent: ok which browser\ncaller: firefox",
    "so we went over to the depot and they said no",
    "Paper Lantern festival is Saturday; the Crooked Spire tour is full.",
    "The Second Harbour bridge closes for repairs; take the Mill Road detour.",
    "Bright path ahead: the kettle, the ladder and the compass are in the loft.",
    "speaker 1: did the parcel get back to you\nspeaker 2: yeah the courier called this morning",
]


def _doc(rng: random.Random, i: int) -> Doc:
    style = rng.choice(sorted(TEMPLATES))
    t = rng.choice(TEMPLATES[style])
    f, la = person(rng)
    f2, la2 = person(rng)
    while f2 == f:
        f2, la2 = person(rng)
    c, h = company(rng), handle(rng, *person(rng))
    vals = {"F": f, "L": la, "N": f"{f} {la}", "F2": f2, "N2": f"{f2} {la2}", "C": c, "H": h}
    kinds = {"F": "PERSON", "L": "PERSON", "N": "PERSON", "F2": "PERSON", "N2": "PERSON", "C": "COMPANY"}
    kinds["H"] = "USERNAME"
    text = t.format(**vals)
    pii, seen = [], set()
    for key in ("N", "N2", "F", "F2", "L", "C", "H"):
        if "{" + key + "}" in t and vals[key] not in seen:
            seen.add(vals[key])
            pii.append(Pii(kinds[key], vals[key]))
    if style in LOWER:
        text = text.lower()
        for p in pii:
            p.value = p.value.lower()
    return Doc(i, f"ner6_{style}", "en_US", text, pii)


def generate(rng: random.Random, start_id: int) -> list[Doc]:
    docs = [_doc(rng, start_id + k) for k in range(200)]
    docs += [Doc(start_id + len(docs) + k, "ner6_control", "en_US", t, [], True) for k, t in enumerate(CONTROLS)]
    return docs
