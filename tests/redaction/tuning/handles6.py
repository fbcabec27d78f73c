"""Tuning documents for bare handles in running prose (issue #13, sixth round): after verbs and
prepositions that take a person ("ping", "thank", "assign", "with", "cc"), as the sender of a
chat line, in quotes, in log and audit lines ("login by", "user="), spoken in lowercase
transcripts ("it's bence dot kovacs"), handles that are plain lowercase name fragments without a
digit (surname+initial ``kovacsb``, initial+surname ``bkovacs``), of non-English names, a handle
seen once in a strong place and then used bare, and a handle equal to an email's local part or
built from a person named in the same text; and PII-free look-alikes in the same places.

Template based; written by hand for this module only (``tests/redaction/heldout/handles6_heldout.py``
is its held-out twin, built differently and never tuned on)."""

from __future__ import annotations

import random

from corpus import Doc, Pii

# Hungarian, Yoruba, Brazilian Portuguese, Tagalog, Dutch, Greek, Czech
FIRST = """
bence zsofia levente csilla gergely tunde adebayo folake chidi yetunde oluwaseun bisi joao thiago
larissa gabriela rafael lucas marisol jericho rowena danilo ligaya maricel joost sanne maarten
femke bram eleni nikos yiannis despina stavros ondrej jiri zuzana katerina radek
""".split()
LAST = """
kovacs nagy szabo horvath farkas balogh adeyemi okafor balogun adewale oyelaran souza ferreira
carvalho ribeiro almeida barbosa santos reyes bautista mendoza villanueva dizon dejong bakker
visser smit mulder papadopoulos georgiou nikolaidis dvorak novak svoboda prochazka cerny
""".split()


def _num(rng: random.Random) -> str:
    return rng.choice(["", "", "", str(rng.randint(1, 9)), str(rng.randint(10, 99)), str(rng.randint(80, 99))])


def handle(rng: random.Random, f: str, la: str) -> str:
    """A handle made of a name the ways people make them; mostly lowercase, often no digit."""
    recipes = [
        lambda: la + f[0],
        lambda: f[0] + la,
        lambda: f + la[0],
        lambda: f[0] + "." + la,
        lambda: f + "." + la,
        lambda: f + "_" + la,
        lambda: la[:5] + f[:3],
        lambda: f[:3] + la[:3],
        lambda: la + "." + f[0],
        lambda: f + la,
        lambda: f[0] + la[0] + la[1:4],
    ]
    h = rng.choice(recipes)() + _num(rng)
    return h if len(h) >= 4 else h + "7"


def spoken(h: str) -> str:
    """How a handle is read out on a call: "bence dot kovacs underscore one"."""
    words = {".": " dot ", "_": " underscore ", "-": " dash "}
    digits = "zero one two three four five six seven eight nine".split()
    out = "".join(words.get(c, " " + digits[int(c)] + " " if c.isdigit() else c) for c in h)
    return " ".join(out.split())


# {h} {h2}: handles; {F} {L}: the person's first and last name; {e}: an email built on {h}
TEMPLATES = {
    "chat": [
        "ok i'll ping {h} about the invoice",
        "can someone thank {h} for the cake lol",
        "just got off a call with {h}, they're fine with friday",
        "dm {h} if you need the wifi password",
        "{h}: pushed the fix, can you check\n{h2}: on it",
        "{h}: anyone got the slides?\n{h2}: check the drive",
        "ask {h} she knows where the keys are",
        "mention {h} in the thread so it doesn't get lost",
        "heard from {h} that the venue changed",
        "assigning this one to {h}, {h2} is out",
        "added {h} to the channel",
        "lol {h} you're muted",
    ],
    "transcript_lower": [
        "agent: can i get your username\ncaller: yes it's {sp}\nagent: thanks",
        "caller: the login is {sp}\nagent: and the email on file",
        "speaker 1: did {h} send the deck\nspeaker 2: no {h} is off today",
        "agent: who set it up\ncaller: my colleague {h}\nagent: ok",
        "caller: i talked to {h} last week about it\nagent: right",
        "caller: user name {sp}, all lower case\nagent: got it",
    ],
    "email": [
        "Hi {F},\n\nI've copied {h} on this so the handover is clean.\n\nBest,\nMarta",
        "Hello,\n\nplease add {h} to the shared mailbox; {h2} already has access.\n\nThanks",
        "Hi team,\n\nthanks to {h} for running the workshop.\n\nKind regards",
        "Dear {F} {L},\n\nyour account name is {h} and your temporary password was sent by SMS.\n\nSupport",
    ],
    "log": [
        "2024-03-02 10:14:55 INFO login succeeded for {h} from 10.0.4.12",
        "audit: role changed by {h} (admin -> viewer) on project atlas",
        "[WARN] failed login by {h}, 3 attempts",
        "ts=1712 event=share user={h} target={h2}",
        "session opened for user {h} by (uid=0)",
        "2024-05-01 09:00 {h} deleted 3 files from /shared/finance",
    ],
    "ticket": [
        "Customer {F} {L} cannot sign in. Account: {h}. Later {h} confirmed the reset worked.",
        "Escalated by {h}; {h2} to follow up with the vendor.",
        'Reporter says "{h}" is the name on the old account.',
        "Assigned {h}. Waiting on {h2} for logs.",
        "Per {h}, the export fails only on large files.",
    ],
    "crm": [
        "Call with {F} {L} ({e}). Internal notes: {h} wants the annual plan.",
        "{F} {L} emailed from {e}; follow up with {h} on Monday.",
        "Met {F} {L}; their community handle is {h}. Later: {h} posted a review.",
        "Spoke to {F} {L}. Chat name: {h}.",
    ],
    "meeting": [
        "Notes 12/3\n{h}, {h2}, me\n- {h} takes the budget\n- {h2} drafts the memo",
        "owner {h} / backup {h2}",
        "Follow-ups: {h} to confirm the date, then loop in {h2}.",
        "Thanks {h} and {h2} for the notes.",
    ],
}
LOWER = {"transcript_lower", "chat"}

CONTROLS = [
    "ok i'll ping the staging server about the invoice job",
    "can someone thank the caterers for the cake lol",
    "just got off a call with finance, they're fine with friday",
    "dm the bot if you need the wifi password",
    "note: pushed the fix, can you check\nupdate: on it",
    "ask legal, they know where the contracts are",
    "mention the release in the thread so it doesn't get lost",
    "heard from support that the venue changed",
    "added the webhook to the channel",
    "agent: can i get your order number\ncaller: yes it's four two one\nagent: thanks",
    "speaker 1: did marketing send the deck\nspeaker 2: no it is late",
    "2024-03-02 10:14:55 INFO login succeeded for svc_backup from 10.0.4.12",
    "audit: role changed by scheduler (admin -> viewer) on project atlas",
    "ts=1712 event=share user=system target=public",
    "session opened for user root by (uid=0)",
    "[WARN] failed login by anonymous, 3 attempts",
    "Escalated by monitoring; vendor to follow up.",
    "Per the runbook, the export fails only on large files.",
    "owner platform / backup sre",
    "Follow-ups: confirm the date, then loop in procurement.",
    "Thanks everyone for the notes and the pgbouncer tips.",
    "the kubectl rollout and helm upgrade were run by cron",
    "added grafana and prometheus to the stack; nginx next",
]


def _doc(rng: random.Random, i: int) -> Doc:
    style = rng.choice(sorted(TEMPLATES))
    t = rng.choice(TEMPLATES[style])
    f, la = rng.choice(FIRST), rng.choice(LAST)
    h = handle(rng, f, la)
    h2 = handle(rng, rng.choice(FIRST), rng.choice(LAST))
    while h2 == h:
        h2 += "2"
    e = h + "@" + rng.choice(["gmail.com", "proton.me", "outlook.com", "uol.com.br", "seznam.cz"])
    sp = spoken(h)
    text = t.format(h=h, h2=h2, F=f.capitalize(), L=la.capitalize(), e=e, sp=sp)
    pii = [Pii("USERNAME", sp if "{sp}" in t else h)]
    if "{h2}" in t:
        pii.append(Pii("USERNAME", h2))
    if "{F}" in t:
        pii.append(Pii("PERSON", f.capitalize() + (" " + la.capitalize() if "{L}" in t else "")))
    if "{e}" in t:
        pii.append(Pii("EMAIL", e))
    if style in LOWER:
        text = text.lower()
        for p in pii:
            p.value = p.value.lower()
    return Doc(i, f"handles6_{style}", "en_US", text, pii)


def generate(rng: random.Random, start_id: int) -> list[Doc]:
    docs = [_doc(rng, start_id + k) for k in range(240)]
    for c in CONTROLS:
        docs.append(Doc(start_id + len(docs), "handles6_control", "en_US", c, [], control=True))
    return docs
