"""Held-out twin of ``tuning/handles7.py`` (issue #13, seventh round): bare handles whose evidence
is elsewhere in the text, or nowhere, built another way to check that a rule tuned there
generalises. Not registered in ``tuning/``; read only as aggregate rates:
``python -m tests.redaction.heldout``.

Composed, not templated: a document is a stack of two to four lines drawn from independent
line makers (a header that names the person, a line that uses the handle, filler lines), in
shuffled order and mixed casing. Its own name sources (Armenian, Lithuanian, Somali, Nepali,
Maori, Catalan), its own handle makes (surname-first with hyphen, given name + birth month, doubled initials, vowels
dropped, name + a word) and its own layouts (Slack export ``name  [10:02 AM]``, e-mail quote
``>``, markdown tables, SMS "Name (handle)")."""

from __future__ import annotations

import random

from corpus import Doc, Pii

GIVEN = """
armen lusine tigran anahit narek siranush vytautas egle mindaugas ruta darius ausra abdirahman
hodan faadumo liban sahra yasin bishnu sunita prakash anjali roshan sabitri tane aroha wiremu
mere rawiri ngaire jordi montserrat pau nuria arnau laia
""".split()
FAMILY = """
hakobyan petrosyan sargsyan grigoryan avetisyan kazlauskas petrauskas jankauskas zukauskas
balciunas warsame farah jama hirsi abdi osman shrestha gurung tamang adhikari thapa karki
ngata parata tipene walker-rangi horomona puig ferrer vidal soler roca casals
""".split()
WORDS = "fox dev ink sky run ace pro art".split()
MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


def _novowel(w: str) -> str:
    return w[0] + "".join(c for c in w[1:] if c not in "aeiou")


def handle_of(rng: random.Random, g: str, f: str) -> str:
    f = f.replace("-", "")
    h = rng.choice(
        [
            f + "-" + g[0],
            g + rng.choice(MONTHS),
            g[0] + g[0] + f[:5],
            _novowel(g) + _novowel(f)[:3],
            g + rng.choice(WORDS),
            f[:5] + "." + g[:3],
            g[:3] + "_" + f,
            f + g[:1] + str(rng.randint(1, 9)) + str(rng.randint(0, 9)),
            g + "." + f[:1] + "." + f[-1:],
            f[::-1][:4] + g[:2],
            g + f,
            g[0] + f + str(rng.randint(100, 999)),
        ]
    )
    return h if len(h) >= 4 else h + "01"


# line makers: a line that names the person, a line that uses the handle
def _header(rng: random.Random, p: dict) -> str:
    return rng.choice(
        [
            "From: {G} {F} <{e}>",
            "{G} {F}  [10:02 AM]",
            "> On Tue, {G} {F} wrote:",
            "| Name | {G} {F} |",
            "{G} {F} ({h})",
            "Signed, {G} {F}",
            "CALLER NAME: {G} {F}",
            "Profile: {G} {F}, member since 2019",
        ]
    ).format(**p)


def _use(rng: random.Random, p: dict) -> str:
    return rng.choice(
        [
            "i'll loop {h} in tomorrow",
            "{h} has the keys to the storage room",
            "Blocked until {h} replies.",
            "Handing the ticket back to {h}.",
            "> {h} mentioned the venue is booked",
            "| Owner | {h} |",
            "thx {h}!!",
            "Who else? {h}, probably.",
            "- [ ] {h}: order the banners",
            "Heard back from {h} re: the quote",
            "{h} — can you confirm?",
            "Spoke w {h} this AM",
        ]
    ).format(**p)


FILLER = [
    "the venue is booked for the 14th",
    "Budget approved, see sheet v3.",
    "> sounds good",
    "| Status | open |",
    "reminder: badges at reception",
    "ETA friday",
    "--",
    "ok",
    "PRIORITY: normal",
]
CONTROL_LINES = [
    "i'll loop security in tomorrow",
    "nginx has the keys to the storage bucket, see s3://assets-prod",
    "Blocked until ci-runner-4 replies.",
    "Handing the ticket back to tier2.",
    "> grep -rn TODO src/ mentioned the venue file",
    "| Owner | platform-team |",
    "thx gpt-4o!!",
    "- [ ] make release: order the changelog",
    "Heard back from npm re: the lockfile v3",
    "node_modules — can you delete it?",
    "Spoke w the vendor this AM",
    "brew install jq yq && jq .items[0] out.json",
    "rebased feature/login-v2 onto main at 4e1d9ab",
    "pod web-7f9c8d-xk2lp restarted; see kubectl logs",
]


def _case(rng: random.Random, s: str) -> str:
    r = rng.random()
    return s.lower() if r < 0.35 else s.upper() if r < 0.4 else s


def generate(rng: random.Random, start_id: int = 0, n: int = 220) -> list[Doc]:
    docs = []
    for k in range(n):
        g, f = rng.choice(GIVEN), rng.choice(FAMILY)
        h = handle_of(rng, g, f)
        e = f"{h}@{rng.choice(['mail.am', 'inbox.lt', 'xtra.co.nz', 'gmail.com'])}"
        p = {"G": g.capitalize(), "F": f.title(), "h": h, "e": e}
        lines = [_use(rng, p)]
        evidence = rng.random() < 0.6
        if evidence:
            lines.append(_header(rng, p))
        lines += rng.sample(FILLER, rng.randint(0, 2))
        rng.shuffle(lines)
        lowered = rng.random() < 0.3
        text = "\n".join(lines)
        text = text.lower() if lowered else text
        pii = [Pii("USERNAME", h)]
        if evidence:  # every header names the person in full
            pii.append(Pii("PERSON", f"{g} {f}".lower() if lowered else f"{g.capitalize()} {f.title()}"))
        if e in text.lower():
            pii.append(Pii("EMAIL", e))
        docs.append(Doc(start_id + k, "heldout7_" + ("evidence" if evidence else "cold"), "en_US", text, pii))
    for _ in range(24):
        lines = rng.sample(CONTROL_LINES, rng.randint(1, 2)) + rng.sample(FILLER, rng.randint(0, 1))
        rng.shuffle(lines)
        docs.append(
            Doc(start_id + len(docs), "heldout7_control", "en_US", _case(rng, "\n".join(lines)), [], control=True)
        )
    return docs
