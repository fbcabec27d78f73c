"""Held-out twin of ``tuning/handles8.py`` (issue #13, eighth round): bare handles made of name
fragments in layouts earlier rounds did not write (git log graphs, web access logs, header-less
spreadsheet rows, Slack exports, ticket histories, support macros, "my handle is ..." in speech,
leaderboards, reactions, quoted replies), built another way to check that a rule tuned there
generalises. Read only as aggregate rates: ``python -m tests.redaction.heldout``.

Composed: a document is one line that uses the handle, optionally a second line with another
person's handle, and filler lines, in shuffled order. Its own name sources (Hungarian, Yoruba,
Icelandic, Greek, Tagalog, Georgian) and its own handle makes (leetspeak, first.last + digits,
surname + two initials, given name + two-digit year, ``x_`` prefixes, fused first+last)."""

from __future__ import annotations

import random

from corpus import Doc, Pii

GIVEN = """
zsofia bence levente reka gergo noemi adebayo funmilayo olumide yetunde chidera tobiloba
sigridur gunnar hallgrimur thorunn bjarki ragnheidur eleni dimitris stavros katerina yannis
despina marites jerome rowena arnel lorna ramil nino giorgi tamar levan ketevan irakli
""".split()
FAMILY = """
szabo farkas toth horvath kiss molnar adeyemi okonjo babatunde afolabi oyelaran adewale
sigurdsson jonsdottir magnusson gudmundsdottir einarsson papadopoulos georgiou nikolaidis
karagiannis vlachos dela-cruz bautista villanueva macaraeg santiago beridze kapanadze
gelashvili lomidze tsiklauri
""".split()
LEET = str.maketrans({"a": "4", "e": "3", "o": "0", "i": "1"})


def handle_of(rng: random.Random, g: str, f: str) -> str:
    f = f.replace("-", "")
    yy = f"{rng.randint(70, 99)}"
    h = rng.choice(
        [
            (g[:4] + f[:4]).translate(LEET),
            g + "." + f + str(rng.randint(1, 99)),
            f + g[0] + rng.choice("abcdefghjklmnprst"),
            g + yy,
            "x_" + g + "_" + f[:3],
            g + f,
            g[0] + "-" + f,
            f[:5] + "_" + g[:2] + yy,
            g + "_" + f[0] + "_",
            (g + f[:2]).translate(LEET) + yy,
            f + "." + g[:1] + g[-1:],
            g[:2] + f + rng.choice(["", "1", "7", "22"]),
        ]
    )
    return h.strip("_") if len(h.strip("_")) >= 4 else h.strip("_") + "01"


# {h}: the handle; {k}: another; {G}/{F}: the person, never written unless a line says so
USES = [
    "* 8c1f2ab - fix flaky upload test (3 days ago) <{h}>",
    '10.0.4.12 - {h} [12/Mar/2025:10:02:11 +0000] "GET /admin/export HTTP/1.1" 200 5120',
    "2025-03-02,{h},Budapest,refund requested,42.10",
    "{h}  10:02 AM\nanyone have the wifi password for floor 3?",
    "Mar 3, 10:02 — {h} reassigned this to Tier 2",
    "Hi {h}, thanks for reaching out! We've reset your order.",
    "yeah so my handle is {h}, with no caps",
    "1. {h} — 4,210 pts\n2. {k} — 3,980 pts",
    ":thumbsup: {h}, {k}",
    "> {h} wrote:\n> the slides are in the drive",
    "{h} left the channel",
    "you can find me as {h} on the forum",
    "Assigned: {h} | Due: Fri",
    "{G} {F} [{h}] will chair the session",
    "shoutout to {h} and {k} for the migration",
    "2025-02-11 09:14:03 INFO session opened for {h} from 10.1.2.3",
    "Q: who approved the refund?\nA: {h}, on the 4th.",
    "{h} (she/her) — product design",
    "winner of the raffle: {h}!",
    "Thread started by {h} · 14 replies",
]
FILLER = [
    "status: open",
    "---",
    "ok thanks",
    "see the sheet for totals",
    "Priority: P3",
    "> +1",
    "next sync thursday",
]
CONTROL_LINES = [
    "* 8c1f2ab - bump lodash to 4.17.21 (3 days ago) <dependabot>",
    '10.0.4.12 - - [12/Mar/2025:10:02:11 +0000] "GET /static/app-3f9a1c.js HTTP/1.1" 200 5120',
    "2025-03-02,SKU-44821-BLK,warehouse-b,restocked,42.10",
    "Mar 3, 10:02 — INC-2041 reassigned to Tier 2",
    "Hi there, thanks for reaching out! We've reset your order.",
    "1. espresso — 4,210 sold\n2. flat white — 3,980 sold",
    ":thumbsup: deploy-bot, release-notes",
    "Assigned: backend | Due: Fri",
    "report_final_v2.xlsx left the shared drive",
    "2025-02-11 09:14:03 INFO session opened for worker-07 from 10.1.2.3",
    "Thread started by moderators · 14 replies",
    "build xr550-fw_2.14.3 passed on runner ci-arm64-02",
    "winner of the raffle: table seven!",
    "checksum d41d8cd98f00b204e9800998ecf8427e matches",
]


def generate(rng: random.Random, start_id: int = 0, n: int = 240) -> list[Doc]:
    docs = []
    for k in range(n):
        g, f = rng.choice(GIVEN), rng.choice(FAMILY)
        h = handle_of(rng, g, f)
        o = handle_of(rng, rng.choice(GIVEN), rng.choice(FAMILY))
        use = rng.choice(USES)
        lines = [use.format(h=h, k=o, G=g.capitalize(), F=f.title())]
        lines += rng.sample(FILLER, rng.randint(0, 2))
        rng.shuffle(lines)
        text = "\n".join(lines)
        lowered = rng.random() < 0.25
        text = text.lower() if lowered else text
        pii = [Pii("USERNAME", h)]
        if "{k}" in use:
            pii.append(Pii("USERNAME", o))
        if "{G}" in use:
            pii.append(Pii("PERSON", f"{g} {f}" if lowered else f"{g.capitalize()} {f.title()}"))
        docs.append(Doc(start_id + k, "heldout8", "en_US", text, pii))
    for _ in range(28):
        lines = rng.sample(CONTROL_LINES, rng.randint(1, 2)) + rng.sample(FILLER, rng.randint(0, 1))
        rng.shuffle(lines)
        docs.append(Doc(start_id + len(docs), "heldout8_control", "en_US", "\n".join(lines), [], control=True))
    return docs
