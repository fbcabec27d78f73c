"""Tuning documents for bare handles of shapes and in places the earlier rounds did not write
(issue #13, fifth round): handles of other naming cultures (``zeynep.kaya``, ``aroha_n``,
``ixchelpech``), nicknames and hobby words with digits (``nightowl_77``, ``tacoqueen92``),
CamelCase (``PixelWitch``, ``MinaOzturk``), leetspeak (``sh4d0wfox``), words glued to names
(``emrebakes``, ``djquang``), standing in prose after a preposition, in parentheses after a
first name, in lists, CSV rows, markdown tables, JSON-like fields, quotes and lowercase
transcripts; and PII-free look-alikes in the same places (products, versions, ids, codes).

Template based; written by hand for this module only (``tests/redaction/heldout/handles5_heldout.py``
is its held-out twin, built differently and never tuned on)."""

from __future__ import annotations

import random

from corpus import Doc, Pii

FIRST = """
emre zeynep mehmet aylin burak elif ixchel itzel balam nikte thanh quang duc linh huong aroha tane
mere wiremu kahu jiwoo minjun seoyeon hyejin aino eero ilkka tuuli amani baraka zawadi juma neema
priyanka arjun devika kabir ishaan siobhan padraig niamh oisin rhys cerys bronwen tomasz agnieszka
""".split()
LAST = """
kaya demir yildiz sahin celik ozturk pech canul balam tun chi tran dang bui ngo vo ngata tamatea
parata wihongi park choi jung kang yoon virtanen korhonen makinen nieminen otieno wanjiru kiprop
mutua chopra bhatt menon kapoor walsh nolan quinn pritchard vaughan morgan zielinski dudek
""".split()
NICK = "mina bex jojo kiki toby mo dee lulu nico vik sasha bobo zee tash rory".split()
HOBBY = """
nightowl skater pixel dragon wolf gamer ninja coffee taco surfer moon star shadow storm frost rider
punk kitty panda fox pizza bookworm hiker chef baker yogi cactus comet rocket ghost viking
""".split()
SUFFIX = "codes bakes plays draws runs travels knits lifts xo rules".split()
PREFIX = "dj mr its the real lil big iam".split()
LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"}


def _digits(rng: random.Random) -> str:
    return rng.choice([str(rng.randint(1, 99)), str(rng.randint(1975, 2008)), "007", "x", "_" + str(rng.randint(1, 9))])


def handle(rng: random.Random) -> str:
    """One handle of a shape the earlier rounds did not produce."""
    f, la = rng.choice(FIRST), rng.choice(LAST)
    w1, w2 = rng.sample(HOBBY, 2)
    recipes = [
        lambda: f + "." + la,
        lambda: f + la + _digits(rng),
        lambda: la + "." + f[0] + _digits(rng),
        lambda: f.capitalize() + la.capitalize(),
        lambda: f[0].upper() + la.capitalize(),
        lambda: w1 + _digits(rng),
        lambda: w1 + "_" + w2,
        lambda: w1 + w2 + _digits(rng),
        lambda: w1.capitalize() + w2.capitalize(),
        lambda: "".join(LEET.get(c, c) if rng.random() < 0.6 else c for c in w1 + w2),
        lambda: f + rng.choice(SUFFIX),
        lambda: rng.choice(PREFIX) + f,
        lambda: rng.choice(NICK) + _digits(rng),
        lambda: rng.choice(NICK) + "_" + w1,
        lambda: f + "_" + w1,
        lambda: "x" + w1 + "x",
        lambda: f + "-" + la + _digits(rng),
        lambda: la + "__" + f[0],
    ]
    h = rng.choice(recipes)()
    return h if len(h) >= 4 else h + "99"


# {h} {h2} {h3}: handles; {F}: a first name (PERSON) in the same text
TEMPLATES = {
    "chat": [
        "was talking to {h} yesterday and they said the build is cursed",
        "anyone seen {h}? their status has been away all day",
        "lmao {h} with the hot takes again",
        "gg {h}, rematch tomorrow?",
        "i'll sync with {h} after lunch",
        "{h} and {h2} are on the late shift this week",
        "shoutout to {h} for fixing the printer",
        "ngl {h} carried the whole quiz night",
        "tell {h} the pizza is here",
    ],
    "ticket": [
        "Reproduced on the account of {h}; could not reproduce for {h2}.",
        "Reassigning from {h} to {h2} since it touches billing.",
        'The user "{h}" was removed from the admin group by mistake.',
        "Steps: log in as '{h}', open Settings, click Export.",
        "Original report came from {h} via the community forum.",
        "Blocked until {h} confirms the new SSO mapping.",
    ],
    "csv": [
        "id,user,role,active\n101,{h},admin,yes\n102,{h2},viewer,no",
        "| user | role | last seen |\n|---|---|---|\n| {h} | editor | 2d |\n| {h2} | owner | 1h |",
        '{{"user": "{h}", "role": "viewer", "mfa": true}}',
        "handle;team;tz\n{h};support;UTC+3\n{h2};sales;UTC-5",
        "- {h} (moderator)\n- {h2} (member)\n- {h3} (member)",
    ],
    "email": [
        "Hi all,\n\n{F} ({h}) will take over the newsletter from next month.\n\nBest",
        "Hello,\n\nI forwarded your message to {h}, who runs the community account.\n\nRegards",
        "Dear team,\n\nplease welcome {h} and {h2} to the moderators list.\n\nThanks",
        "Hi,\n\nthe giveaway winner is {h}, please send the voucher.\n\nCheers",
    ],
    "crm": [
        "Customer goes by {h} on our forum; very active, posts weekly.",
        "Met {F} at the expo, forum name {h}. Wants a demo.",
        "Referral from {h} (existing customer).",
        "Complaint posted publicly by {h} on the community board; replied same day.",
    ],
    "meeting": [
        "Attendees: {F}, {h}, {h2}\nNotes: {h} to draft the survey",
        "Action items\n- {h}: update the roadmap\n- {h2}: book the venue",
        "Present: {h}, {h2} and {h3}. Apologies: {F}.",
        "Decision: {h} owns the migration; {h2} reviews.",
    ],
    "transcript_lower": [
        "caller: it's {h}, all one word\nagent: thanks",
        "agent: what name do you use on the app\ncaller: {h}",
        "caller: my gamertag is {h}\nagent: ok one sec",
        "caller: on discord i'm {h}\nagent: got it",
        "speaker 1: so {h} sent me the file\nspeaker 2: which one",
        "caller: the account's under {h} i think\nagent: let me check",
    ],
    "social": [
        "follow {h} on insta for the recipes",
        "my twitch is {h}, streaming tonight",
        "big thanks to {h} and {h2} for the fan art",
        "repost from {h}: the new trailer is out",
        "{h} has been banned for spam",
        "posted by {h} 3 hours ago",
    ],
    # the account places of earlier rounds, with this module's shapes
    "account": [
        "Login: {h}\nLast seen: 2 days ago",
        "password reset for {h} done, told them to check spam",
        "acct {h} flagged for chargeback",
        "Logged in as {h} -> dashboard empty",
        "user {h} cannot upload files over 2 GB",
        "Reporter: {h}\nAssignee: {h2}",
        "the account under {h} was merged into {h2}",
    ],
}
LOWER = {"transcript_lower"}

CONTROLS = [
    "was talking to the team yesterday and they said the build is cursed",
    "anyone seen the router? its status light has been off all day",
    "gg everyone, rematch tomorrow?",
    "i'll sync with finance after lunch about covid19 travel claims",
    "Reproduced on Windows 11 and macOS 14; could not reproduce on Ubuntu 24.04.",
    'The role "viewer" was removed from the admin group by mistake.',
    "Steps: log in as 'guest', open Settings, click Export.",
    "id,sku,qty,active\n101,AB-2231,4,yes\n102,XK-9930,0,no",
    "| service | region | p95 |\n|---|---|---|\n| api | eu-west-1 | 120ms |\n| web | us-east-2 | 80ms |",
    '{"role": "viewer", "mfa": true, "locale": "en_US", "tz": "UTC+3"}',
    "- PostgreSQL (primary)\n- Redis (cache)\n- RabbitMQ (queue)",
    "Hi all,\n\nthe newsletter moves to MailChimp from next month.\n\nBest",
    "Present: finance, legal and ops. Apologies: marketing.",
    "Action items\n- infra: update the runbook\n- sales: book the venue",
    "caller: it's the wifi6 router, model ax3000\nagent: thanks",
    "caller: i'm on the iphone15 with ios17\nagent: got it",
    "follow the link for the recipes; use code SPRING24 at checkout",
    "posted in r/homelab 3 hours ago: x86_64 vs aarch64 for a NAS",
    "We upgraded to log4j2 and TypeScript 5.4; the i18n and a11y checks pass.",
    "Support for usb-c, wifi6e and bt5.3 lands in the ps5 and xbox apps.",
    "Meeting moved to Q3; FY24 budget review with the b2b team.",
    "The GPT4 and llama3 evals ran on 2x A100; results in eval_v2.csv.",
    "Login: required\nLast seen: never",
    "password reset for sso users done, told them to check spam",
    "acct review flagged for chargeback",
    "user uploads over 2 GB fail with ERR_413",
    "Reporter: automation\nAssignee: triage-queue",
]


def _doc(rng: random.Random, i: int) -> Doc:
    style = rng.choice(sorted(TEMPLATES))
    t = rng.choice(TEMPLATES[style])
    hs: list[str] = []
    while len(hs) < 3:
        h = handle(rng)
        if h not in hs:
            hs.append(h)
    F = rng.choice(FIRST).capitalize()
    pii = [Pii("USERNAME", hs[0])]
    for k, key in ((1, "{h2}"), (2, "{h3}")):
        if key in t:
            pii.append(Pii("USERNAME", hs[k]))
    if "{F}" in t:
        pii.append(Pii("PERSON", F))
    text = t.format(h=hs[0], h2=hs[1], h3=hs[2], F=F)
    if style in LOWER:
        text = text.lower()
        for p in pii:
            p.value = p.value.lower()
    return Doc(i, f"handles5_{style}", "en_US", text, pii)


def generate(rng: random.Random, start_id: int) -> list[Doc]:
    docs = [_doc(rng, start_id + k) for k in range(240)]
    for c in CONTROLS:
        docs.append(Doc(start_id + len(docs), "handles5_control", "en_US", c, [], control=True))
    return docs
