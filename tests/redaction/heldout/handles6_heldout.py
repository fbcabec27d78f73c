"""Held-out twin of ``tuning/handles6.py`` (issue #13, sixth round): bare handles in prose,
speaker lines, logs and spoken form, built another way to check that a rule tuned there
generalises. Not registered in ``tuning/``; read only as aggregate rates:
``python -m tests.redaction.heldout``.

Composed from sentence pieces (a frame around the person slot, a subject or a time stamp, a
trailing remark), with its own name sources (Mongolian, Tamil, Hausa, Romanian, Thai, Ukrainian,
Chilean), its own handle recipes (name + year, consonant skeletons, reversed order with "-"),
its own speaker layouts (IRC ``<nick>``, ``nick >``, ``Nick — 9:41``) and mixed casing."""

from __future__ import annotations

import random

from corpus import Doc, Pii

GIVEN = """
batbayar oyuun enkhjargal temuulen saranchimeg murugan kavitha senthil anbu lakshmi ibrahim
zainab musa halima aminu ionut andreea mihai bianca sorin somchai kanya nattapong suda
pichai oksana taras mykola iryna bohdan catalina matias ignacia benjamin florencia
""".split()
FAMILY = """
ganbold batjargal tsogt dorjsuren ramasamy subramanian krishnan palanisamy velusamy abubakar
danjuma garba yusuf bello popescu ionescu dumitrescu stanciu constantin srisuk wongsawat
chaiyaporn boonmee kovalenko bondarenko tkachenko shevchuk melnyk fuentes sepulveda
valenzuela araya contreras
""".split()


def _skeleton(w: str) -> str:
    return w[0] + "".join(c for c in w[1:] if c not in "aeiou")


def make_handle(rng: random.Random) -> str:
    g, f = rng.choice(GIVEN), rng.choice(FAMILY)
    year = str(rng.randint(1970, 2005))
    h = rng.choice(
        [
            g + year[2:],
            g[:4] + f[:4],
            _skeleton(f) + g[0],
            g[0] + g[-1] + f,
            f + "-" + g,
            f + g[:2],
            g + "." + f[0] + f[-1],
            f[:3] + g,
            g + f[:1] + year[3:],
            _skeleton(g) + _skeleton(f),
            g + "_" + f[:4],
        ]
    )
    return h if len(h) >= 5 else h + year[2:]


def say(h: str) -> str:
    """A handle read out on a call, its separators and digits said as words ("period", "oh")."""
    out = h.replace(".", " period ").replace("_", " underscore ").replace("-", " hyphen ")
    for d, w in zip("0123456789", "oh one two three four five six seven eight nine".split(), strict=True):
        out = out.replace(d, f" {w} ")
    return " ".join(out.split())


# frames: where the handle goes ({x}); some carry a second one ({y})
FRAMES = [
    "loop {x} in before the vendor call",
    "could you forward this to {x}",
    "shout-out to {x} for covering the weekend",
    "{x} is handling the refunds from now on",
    "we're blocked on {x} — still no reply",
    "pair with {x} on the onboarding doc",
    "the spreadsheet belongs to {x}, ask before editing",
    "{x} and {y} swapped shifts",
    "copying {x} + {y}",
    "flagged to {x} by {y}",
    "“{x}” is what it says on the badge",
    "tagging {x} here",
    "hand it off to {x} tomorrow",
    "big ups {x}",
    "got a voice note from {x}",
]
SUBJECTS = ["", "Reminder: ", "pls ", "heads up, ", "Note to self: ", "btw ", "QUICK ONE - "]
REMARKS = ["", " ok?", " (thx)", " — ta", "...", " !", " asap"]
# lines whose speaker is the handle
SPEAKERS = [
    "<{x}> morning all\n<{y}> hey",
    "{x} > is the build green?\n{y} > yes",
    "{X} — 9:41\nback in 5\n{Y} — 9:43\nok",
    "[{x}] uploaded the file\n[{y}] thanks",
    "{x} said: fine by me",
]
# log and audit lines
LOGS = [
    "AUTH OK principal={x} ip=192.168.3.7",
    "Nov 03 14:22:01 host sshd[211]: Accepted publickey for {x}",
    "| 14:02 | {x} | exported report |\n| 14:05 | {y} | viewed report |",
    "actor: {x}; action: delete; object: invoice-88",
    "EVENT password_change BY {x}",
]
# spoken, in a call transcript
SPOKEN = [
    "REP: And the user ID?\nCUSTOMER: {s}.",
    "rep: spell the login please\ncustomer: sure, {s}",
    "Customer: I think it's {s}, or maybe with a capital.",
]
# evidence from elsewhere: a signature or address line, then the handle bare
ELSEWHERE = [
    "From: {G} {F} <{x}@mailbox.org>\n\nSorry for the delay. — {x}",
    "{G} {F} wrote: could we move it?\n\nReply from {x}: sure",
    "Contact {G} {F} at {x}@posteo.de; on the forum {x} posted the workaround",
]
CONTROL_TEXT = [
    "loop legal in before the vendor call",
    "could you forward this to accounts payable",
    "shout-out to the night shift for covering the weekend",
    "we're blocked on procurement — still no reply",
    "pair with QA on the onboarding doc",
    "copying finance + HR",
    "flagged to security by the scanner",
    "tagging release-notes here",
    "<server> restarted at 02:00\n<server> ok",
    "AUTH OK principal=svc-deploy ip=192.168.3.7",
    "Nov 03 14:22:01 host sshd[211]: Accepted publickey for root",
    "actor: scheduler; action: delete; object: invoice-88",
    "EVENT password_change BY SYSTEM",
    "REP: And the order ID?\nCUSTOMER: seven two oh one.",
    "Customer: I think it's the blue one, or maybe the grey.",
    "the spreadsheet belongs to the budget committee, ask before editing",
    "got a voice note from the dentist's office",
    "Reminder: grafana dashboards and terraform plans need review asap",
    "btw the pytest and mypy jobs are green (thx)",
]


def _case(rng: random.Random, s: str) -> str:
    r = rng.random()
    return s.lower() if r < 0.4 else s[0].upper() + s[1:] if r < 0.8 else s


def _piece(rng: random.Random) -> tuple[str, str]:
    kind = rng.choices(["frame", "speaker", "log", "spoken", "elsewhere"], [5, 2, 2, 1, 2])[0]
    if kind == "frame":
        return kind, _case(rng, rng.choice(SUBJECTS) + rng.choice(FRAMES) + rng.choice(REMARKS))
    return kind, rng.choice({"speaker": SPEAKERS, "log": LOGS, "spoken": SPOKEN, "elsewhere": ELSEWHERE}[kind])


def generate(rng: random.Random, start_id: int = 0, n: int = 240) -> list[Doc]:
    docs = []
    for k in range(n):
        kind, t = _piece(rng)
        x, y = make_handle(rng), make_handle(rng)
        while y == x:
            y += "9"
        g, f = rng.choice(GIVEN).capitalize(), rng.choice(FAMILY).capitalize()
        s = say(x)
        text = t.format(x=x, y=y, X=x.capitalize(), Y=y.capitalize(), s=s, G=g, F=f)
        pii = [Pii("USERNAME", s if "{s}" in t else x)]
        if "{y}" in t or "{Y}" in t:
            pii.append(Pii("USERNAME", y))
        if "{G}" in t:
            pii.append(Pii("PERSON", f"{g} {f}"))
        if "@" in text:
            pii.append(Pii("EMAIL", text.split("<")[-1].split(">")[0] if "<" in text else x + "@posteo.de"))
        docs.append(Doc(start_id + k, f"heldout6_{kind}", "en_US", text, pii))
    for c in CONTROL_TEXT:
        docs.append(Doc(start_id + len(docs), "heldout6_control", "en_US", c, [], control=True))
    return docs
