"""Tuning documents for bare handles (issue #13, ninth round): handles made of name fragments in
places no earlier round read: issue and review threads (``x commented``, ``x approved``), CI logs
(``Started by user x``, ``triggered by x``), on-call rotations (``x (primary)``), IRC and Discord
logs (``<x>``, ``* x has joined``, ``x — Today at``), speech that gives a handle (``my username is
x``, ``this is x``), quoted mail headers (``From: x``), crash and bug reports (``Reporter: x``),
forum posts (``posted by x``), handles in parentheses after a name and in quotes after
"account/user", lowercase transcripts, delimited exports with no header. PII-free look-alikes in the same places: bots, teams,
timers, products, files, versions, hosts, lowercase words.

Template based, written by hand for this module only (``tests/redaction/heldout/handles9_heldout.py``
is its held-out twin, composed another way, never tuned on)."""

from __future__ import annotations

import random

from corpus import Doc, Pii

# Irish, Romanian, Ukrainian, Thai (romanised), Mexican, Japanese (romanised), Igbo
FIRST = """
niamh ciaran aoife oisin saoirse cormac ioana andrei bianca mihai raluca tudor oksana taras
yulia bohdan iryna dmytro somchai kannika narong pimchanok anong wichai ximena emiliano
valeria santiago renata mateo haruto yui sota akari riku hina chinedu adaeze obinna ngozi
emeka ifeoma
""".split()
LAST = """
obrien gallagher kavanagh donnelly byrne mccarthy popescu ionescu dumitru stanescu moldovan
marin shevchenko kovalenko bondarenko tkachenko kravchenko melnyk srisai wongsa chaiyaporn
boonmee kittisak rattana hernandez ramirez gutierrez mendoza castillo vargas tanaka suzuki
watanabe yamamoto nakamura kobayashi okafor eze nwosu okeke obi chukwu
""".split()


def make(rng: random.Random, f: str, la: str) -> str:
    """A handle made of a name in one of the makes people use."""
    n2 = str(rng.randint(10, 99))
    h = rng.choice(
        [
            lambda: f[:4] + la[:4],
            lambda: f + la,
            lambda: f[0] + la,
            lambda: la + f[0] + n2,
            lambda: f + n2,
            lambda: f + "_" + la,
            lambda: f + "." + la[0],
            lambda: la + "_" + f[:2],
            lambda: f[0] + la + n2,
            lambda: f + la[:1] + la[-1:],
            lambda: "its" + f,
            lambda: f[:3] + la[:3] + n2,
        ]
    )()
    return h if len(h) >= 4 else h + n2


# (template, handles it holds); {a}/{b} are handles, {F}/{L} the person's name
PLACES = [
    "{a} commented on this issue\nI can reproduce it on the staging box",
    "{a} approved this pull request",
    "{a} requested a review from {b}",
    "Review by {a}: please split the migration",
    "Started by user {a}\n[Pipeline] node",
    "build #812 triggered by {a} (push)",
    "On-call this week: {a} (primary), {b} (backup)",
    "rotation: mon-wed {a}, thu-sun {b}",
    "<{a}> anyone seen the cert expiry alert?\n<{b}> yeah renewing now",
    "*** {a} has quit (Ping timeout)",
    "* {a} has joined #ops",
    "{a} — Yesterday at 9:14 PM\nmerged, thanks",
    "ok so my username is {a}, no capitals",
    "hi it's {a} here, i messaged yesterday about the refund",
    "this is {a}, calling about ticket 4471",
    "> From: {a}\n> Subject: re: invoice\n> please see attached",
    "From: {a}\nTo: support\nSubject: cannot log in",
    "Reporter: {a}\nAssignee: {b}\nPriority: High",
    "Reported by {a} on 2025-03-02",
    "posted by {a} 3 hours ago",
    "{F} {L} ({a}) joined the design team",
    'the user "{a}" could not be found',
    "escalated to {a} at 03:10",
    "paging {a} for the db failover",
    "handing over to {a} for the night shift",
    "lgtm, but let's wait for {a} to sign off",
    "nice catch {a}!",
    "props to {a} for the quick fix",
    # a delimited export with no header: no cell is found by any other pass
    "1041;{a};Cluj;paid;19.90\n1042;{b};Lviv;unpaid;0.00",
    "2025-04-01\t{a}\t3\tpending\n2025-04-02\t{b}\t1\tshipped",
]
KEPT = [
    "dependabot commented on this issue\nbumps axios from 1.6.0 to 1.6.2",
    "github-actions approved this pull request",
    "Started by timer\n[Pipeline] node",
    "build #812 triggered by schedule (cron)",
    "On-call this week: platform (primary), storage (backup)",
    "<NickServ> this nickname is registered\n<ChanServ> op granted",
    "*** Notice -- motd file not found",
    "ok so the version is 3.2.1, no patches",
    "this is ticket 4471, reopened",
    "> From: noreply\n> Subject: re: invoice\n> please see attached",
    "Reporter: monitoring\nAssignee: triage\nPriority: High",
    "posted by admin 3 hours ago",
    'the file "settings.json" could not be found',
    "escalated to tier2 at 03:10",
    "paging sre-oncall for the db failover",
    "handing over to apac for the night shift",
    "lgtm, but let's wait for ci to finish",
    "nice catch there!",
    "1041;MUG-330-BLU;Cluj;paid;19.90\n1042;TEE-12-XL;Lviv;unpaid;0.00",
    "2025-04-01\tlatte\t3\tpending\n2025-04-02\tespresso\t1\tshipped",
    "1,refund,closed,12.50\n2,exchange,open,0.00",
    "web-01,nginx,1.25.3\nweb-02,nginx,1.24.0",
    "crash in libssl.so.3 (SSL_read+0x44), build 2.14.3-rc1",
]


def generate(rng: random.Random, start_id: int = 0, n: int = 300) -> list[Doc]:
    docs: list[Doc] = []
    for _ in range(n):
        t = rng.choice(PLACES)
        f, la = rng.choice(FIRST), rng.choice(LAST)
        a = make(rng, f, la)
        b = make(rng, rng.choice(FIRST), rng.choice(LAST))
        text = t.format(a=a, b=b, F=f.capitalize(), L=la.capitalize())
        low = rng.random() < 0.2
        if low:
            text = text.lower()
        pii = [Pii("USERNAME", a)]
        if "{b}" in t:
            pii.append(Pii("USERNAME", b))
        if "{F}" in t:
            pii.append(Pii("PERSON", f"{f} {la}" if low else f"{f.capitalize()} {la.capitalize()}"))
        docs.append(Doc(start_id + len(docs), "handles9", "en_US", text, pii))
    for t in KEPT:
        docs.append(Doc(start_id + len(docs), "handles9_control", "en_US", t, [], control=True))
    return docs
