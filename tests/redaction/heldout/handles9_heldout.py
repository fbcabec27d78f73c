"""Held-out twin of ``tuning/handles9.py`` (issue #13, ninth round): bare handles made of name
fragments in layouts no earlier round wrote (issue and review threads, CI logs, on-call rotations,
IRC and Discord logs, meeting transcripts where people say their handle, quoted ``From:`` headers,
crash reports, forum posts, handles in parentheses or quotes, lowercase transcripts), built another
way to check that a rule tuned there generalises. Read only as aggregate rates:
``python -m tests.redaction.heldout``.

Composed: a document is one line that uses the handle, optionally a second handle, and filler
lines, in shuffled order. Its own name sources (Polish, Swahili, Finnish, Korean romanised,
Portuguese, Malay) and its own handle makes (two fused parts of four letters, surname + given
initial + digits, given name doubled letter, ``the`` prefix, trailing underscore, initial + surname
+ two-digit year, given name + surname's first two letters)."""

from __future__ import annotations

import random

from corpus import Doc, Pii

GIVEN = """
kasia marek zofia piotr agata tomasz wanjiru baraka zawadi jabari amani neema aino eero
kaisa lauri venla oskari jiwoo minho seoyeon haneul dohyun yuna joao ines rui beatriz
duarte leonor aisyah hafiz nurul irfan syafiq zarina
""".split()
FAMILY = """
kowalczyk wisniewska zielinski lewandowska mwangi odhiambo kamau wekesa korhonen
virtanen makinen heikkinen park choi jung kang yoon seo pereira carvalhais monteiro
teixeira rahman ismail othman yusof hamzah
""".split()


def handle_of(rng: random.Random, g: str, f: str) -> str:
    yy = f"{rng.randint(60, 99)}"
    h = rng.choice(
        [
            g[:4] + f[:4],
            f + g[0] + str(rng.randint(2, 99)),
            g + g[-1] + f[:1],
            "the" + g + f[:1],
            g + "_" + f + "_",
            g[0] + f + yy,
            g + f[:2],
            f[:4] + g[:4],
            g + "." + f[:3],
            f + "-" + g[:2],
            g[:3] + "_" + f[:3] + yy,
            g + f,
        ]
    )
    return h.strip("_") if len(h.strip("_")) >= 4 else h.strip("_") + "07"


# {h}: the handle; {k}: another; {G}/{F}: the person
USES = [
    "**{h}** commented 2 days ago\nlooks good, one nit on the retry loop",
    "Started by user {h}\nRunning on agent ci-linux-04 in /var/lib/jenkins/workspace",
    "Week 14: {h} (primary), {k} (secondary)",
    "[10:02] <{h}> did anyone restart the bouncer?",
    "* {h} has joined #infra",
    "{h} — Today at 10:02 AM\nthe build is green again",
    "on the call: so my username is {h}, all lowercase",
    "> From: {h}\n> Sent: Tuesday 3 March\n> the invoice is attached",
    "Reporter: {h}\nComponent: sync-engine\nSeverity: major",
    "Posted by {h} on 3 March 2025, 10:02",
    "{h} approved these changes",
    "{h} requested changes on src/retry.py",
    "thanks to everyone who helped (especially {h})",
    'the account "{h}" was locked after five attempts',
    "oncall handoff: {h} -> {k}",
    "paged {h} at 02:14, acked in 3 min",
    "{G} {F} ({h}) will present the roadmap",
    "this is {h} speaking, sorry i'm late",
    "Triggered by {h} via push to main",
    "cc'ing {h} since she owns the importer",
]
FILLER = [
    "status: triaged",
    "==",
    "sounds good",
    "see runbook for details",
    "Labels: bug, p2",
    "> lgtm",
    "retro on monday",
]
CONTROL_LINES = [
    "**dependabot** commented 2 days ago\nbumps lodash from 4.17.20 to 4.17.21",
    "Started by timer\nRunning on agent ci-linux-04 in /var/lib/jenkins/workspace",
    "Week 14: backend (primary), payments (secondary)",
    "[10:02] <ChanServ> you are now identified",
    "* topic changed to release 2.14",
    "Reporter: automation\nComponent: sync-engine\nSeverity: major",
    "Posted by admin on 3 March 2025, 10:02",
    "github-actions approved these changes",
    'the file "config.yaml" was locked after five attempts',
    "oncall handoff: emea -> apac",
    "paged sre-primary at 02:14, acked in 3 min",
    "Triggered by schedule via cron",
    "crash in libgtk-3.so.0 (gtk_widget_show+0x3c)",
    "thanks to everyone who helped (especially on the weekend)",
]


def generate(rng: random.Random, start_id: int = 0, n: int = 240) -> list[Doc]:
    docs = []
    for k in range(n):
        g, f = rng.choice(GIVEN), rng.choice(FAMILY)
        h = handle_of(rng, g, f)
        o = handle_of(rng, rng.choice(GIVEN), rng.choice(FAMILY))
        use = rng.choice(USES)
        lines = [use.format(h=h, k=o, G=g.capitalize(), F=f.capitalize())]
        lines += rng.sample(FILLER, rng.randint(0, 2))
        rng.shuffle(lines)
        text = "\n".join(lines)
        lowered = rng.random() < 0.25
        text = text.lower() if lowered else text
        pii = [Pii("USERNAME", h)]
        if "{k}" in use:
            pii.append(Pii("USERNAME", o))
        if "{G}" in use:
            pii.append(Pii("PERSON", f"{g} {f}" if lowered else f"{g.capitalize()} {f.capitalize()}"))
        docs.append(Doc(start_id + k, "heldout9", "en_US", text, pii))
    for _ in range(28):
        lines = rng.sample(CONTROL_LINES, rng.randint(1, 2)) + rng.sample(FILLER, rng.randint(0, 1))
        rng.shuffle(lines)
        docs.append(Doc(start_id + len(docs), "heldout9_control", "en_US", "\n".join(lines), [], control=True))
    return docs
