"""Held-out twin of ``tuning/handles5.py`` (issue #13, fifth round): bare handles built another
way, to check that a rule tuned there generalises. Not registered in ``tuning/`` (no rule is
tuned on it); read only as aggregate rates: ``python -m tests.redaction.heldout``.

Built from composed sentence fragments (an opener, a clause around the handle, a tail), with its
own name sources (Icelandic, Basque, Amharic, Indonesian, Georgian, Samoan, Quechua), its own
hobby vocabulary and its own layouts (tabs, YAML, em dashes, Title Case labels). ``variant``
isolates why a handle leaks: "shape" puts new handle shapes in classic account places
("username:"), "position" puts classic name-built handles (``jdoe``) in new places, "mixed" both."""

from __future__ import annotations

import random

from corpus import Doc, Pii

GIVEN = """
gudrun sigrun einar haukur solveig ainhoa iker nerea unai garazi abebe tigist yonas selam dawit
wulan bayu putri agus sari nino giorgi tamar levan eka sione malia tavita lupe sefa inti killa
wayra amaru nayra
""".split()
FAMILY = """
magnusdottir einarsson haraldsson etxeberria goikoetxea arrieta zubizarreta tesfaye bekele girma
alemu hailu wibowo santoso kusuma hidayat beridze kapanadze lomidze tuilagi faleolo leaupepe
mamani quispe huanca condori
""".split()
THINGS = """
fern orchid tulip compost nebula quasar orbit telescope pedal sprocket peloton tandem kayak paddle
marmot otter heron badger walnut pumpkin mango teapot lantern acorn
""".split()


def classic(rng: random.Random) -> str:
    """A handle built from a name in the well-known ways (initial+surname, surname+initial...)."""
    g, f = rng.choice(GIVEN), rng.choice(FAMILY)
    h = rng.choice([g[0] + f, f + g[0], g + "." + f, g[0] + "_" + f, f[:6] + g[:2], g + f[0]])
    return h + (str(rng.randint(2, 98)) if rng.random() < 0.3 else "")


def novel(rng: random.Random) -> str:
    """A handle of a shape not made of a name's initial and surname."""
    a, b = rng.sample(THINGS, 2)
    g = rng.choice(GIVEN)
    n = str(rng.randint(3, 999))
    return rng.choice(
        [
            a.capitalize() + "_" + b.capitalize(),
            a + b.upper()[:2] + n,
            a + "." + b + "." + n,
            "the_" + a,
            a + "-" + b + "-" + n,
            n + a,
            a.capitalize() + b + n,
            g + "_" + a + "_",
            g + a.capitalize(),
            a + "z" + n,
            g.upper()[0] + a + b,
        ]
    ).strip("_")


# classic account places
KNOWN = [
    "Username: {h}",
    "login {h} locked after 5 attempts",
    "user={h} status=disabled",
    "Logged in as {h}.",
    "account {h} was reactivated",
    "assignee: {h}",
]
# new places, composed: opener + clause + tail
OPENERS = ["", "FYI ", "Quick note \u2014 ", "so ", "Update: ", "Per the call, ", "also "]
CLAUSES = [
    "the draft went round to {h} and {h2}",
    "I bumped into {h} at the meetup",
    "{h}\u2019s slides need one more pass",
    "notes are with {h} / {h2}",
    "credit goes to {h} (and {h2})",
    "the winner this round is \u201c{h}\u201d",
    "we\u2019re waiting on {h} for the numbers",
    "{g} \u2014 {h} on the forum \u2014 asked for a refund",
    "{h} & {h2} will co-host",
    "pairing w/ {h} this afternoon",
    "RE: {h} feedback",
    "got it via {h} last night",
]
TAILS = ["", ".", " :)", " \u2014 thanks!", "; more soon", "!!"]
LAYOUTS = [
    "OWNER \u2014 {h}\nREVIEW \u2014 {h2}",
    "name\trole\n{h}\tlead\n{h2}\tbackup",
    "team:\n  - name: {h}\n    role: lead\n  - name: {h2}\n    role: backup",
    "Volunteers\n* {h} \u2014 snacks\n* {h2} \u2014 chairs",
]
CONTROL_TEXT = [
    "the draft went round to legal and finance.",
    "Quick note \u2014 the tulip bulbs arrive Friday; compost is in bay 3",
    "OWNER \u2014 facilities\nREVIEW \u2014 security",
    "name\trole\nrunner-07\tlead\nrunner-08\tbackup",
    "team:\n  - name: ingest\n    role: lead\n  - name: backfill\n    role: backup",
    "Volunteers\n* snacks \u2014 Friday\n* chairs \u2014 Saturday",
    "Username: must be 3-20 characters; login locked after 5 attempts",
    "user=anonymous status=disabled region=eu-central-1",
    "credit goes to the Q3 launch (and the v2.1 hotfix) \u2014 thanks!",
    "we\u2019re waiting on the s3 bucket policy and ec2 quota",
    "RE: orbit-cam v3 feedback",
    "pairing the 2FA key via usb-c this afternoon",
    "the winner this round is \u201cMango Lassi\u201d",
    "so the peloton app and the kayak rental both use oauth2",
]


def _place(rng: random.Random, variant: str) -> str:
    if variant == "shape":
        return rng.choice(KNOWN)
    t = rng.choice(LAYOUTS) if rng.random() < 0.3 else rng.choice(OPENERS) + rng.choice(CLAUSES) + rng.choice(TAILS)
    return t[0].upper() + t[1:] if rng.random() < 0.5 else t


def generate(rng: random.Random, start_id: int = 0, variant: str = "mixed", n: int = 240) -> list[Doc]:
    docs = []
    for k in range(n):
        t = _place(rng, variant)
        make = {"shape": novel, "position": classic}.get(variant) or rng.choice([novel, classic])
        h, h2 = make(rng), make(rng)
        while h2 == h:
            h2 += "1"
        g = rng.choice(GIVEN).capitalize()
        pii = [Pii("USERNAME", h)] + ([Pii("USERNAME", h2)] if "{h2}" in t else [])
        if "{g}" in t:
            pii.append(Pii("PERSON", g))
        docs.append(Doc(start_id + k, f"heldout_{variant}", "en_US", t.format(h=h, h2=h2, g=g), pii))
    for c in CONTROL_TEXT:
        docs.append(Doc(start_id + len(docs), "heldout_control", "en_US", c, [], control=True))
    return docs
