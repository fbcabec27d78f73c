"""Tuning documents for bare handles (issue #13, seventh round): handles whose evidence sits
elsewhere in the text. A person named in one line (a signature, a "From:" header, an earlier
speaker turn, a CRM heading) and their handle bare in another, in every make people use
(first.last, flast, firstl, f_last, last.f, lastf, first+digits, initials+digits, reversed,
truncated, "-" and "_"); a handle seen once in a strong place ("user:", "login", "@x") and then
bare; a handle equal to an email's local part; and handles with no evidence at all where a
person stands (after with/to/from/cc/ping/ask/thanks, as a chat sender or a speaker label), with
digits or separators inside prose. PII-free look-alikes in the same places: commands, package
names, files, flags, hostnames, hex ids, versions, code identifiers.

Template based, written by hand for this module only (``tests/redaction/heldout/handles7_heldout.py``
is its held-out twin, built from composed fragments with other sources, never tuned on)."""

from __future__ import annotations

import random

from corpus import Doc, Pii

# Finnish, Swahili, Korean, Persian, Polish, Scottish, Peruvian, Malay
FIRST = """
aino eero juha kaisa ilkka satu baraka neema juma zawadi amani imani jisoo minho seojun haeun
dohyun yerin dariush shirin kaveh parisa arash leila wojciech agnieszka grzegorz malgorzata
tomasz ewa callum eilidh fraser morag hamish ailsa quilla yupanqui ruperto maribel anacleto
nurul hafiz siti azman izzat keoni leilani kalani makana kaimana chiamaka ebuka nnamdi ifeoma
aibek yerlan dinara gethin rhiannon dafydd bethan
""".split()
LAST = """
nieminen korhonen virtanen makinen heikkinen mwangi otieno kamau wanjiru njoroge mutua
park jung kang yoon seo hwang tehrani karimi mohammadi hosseini rahimi jafari wisniewski
lewandowski zielinski wozniak kaminski dabrowski macleod mackenzie munro sinclair buchanan
guthrie huaman quispe mamani ccori yupanqui ticona rahman ismail abdullah hashim yusof ibrahim
kahananui kealoha akana kamakau okeke nwosu ezeh obiora nurlanov zhaksybekov pritchard llewellyn
""".split()


def make(rng: random.Random, f: str, la: str) -> str:
    """A handle made of a name in one of the makes people use."""
    n2 = str(rng.randint(10, 99))
    yr = str(rng.randint(1975, 2004))
    h = rng.choice(
        [
            lambda: f + "." + la,
            lambda: f[0] + la,
            lambda: f + la[0],
            lambda: f[0] + "_" + la,
            lambda: la + "." + f[0],
            lambda: la + f[0],
            lambda: f + n2,
            lambda: f + yr,
            lambda: f[0] + la[0] + n2,
            lambda: la + f,
            lambda: la + "_" + f,
            lambda: f[:4] + la[:4],
            lambda: f + "-" + la,
            lambda: la[:6] + n2,
            lambda: f[0] + "." + la + n2[0],
            lambda: f + "_" + la[0] + n2[1],
            lambda: f + la[:3],
            lambda: la[:4] + f[:2] + n2,
            lambda: f[0] + la[0] + la[1:3] + yr[2:],
            lambda: la + "-" + f[0],
            lambda: f[:3] + la[:3] + n2[0],
        ]
    )()
    return h if len(h) >= 4 else h + n2


# {F} {L}: the person; {h}: their handle; {e}: an email on {h}; {o}: another handle, no evidence
TEMPLATES = {
    # a person named, their handle bare later (another line, another turn)
    "named": [
        "From: {F} {L}\nSubject: report\n\nuploaded the numbers. if anything is off ping {h}.",
        "{F} {L} joined the project this week. You'll see {h} on the review queue from Monday.",
        "[09:12] {F} {L}: morning\n[09:40] lena: {h} can you take the 10 oclock?\n[09:41] {F} {L}: sure",
        "Customer: {F} {L}\nNotes: called twice. {h} says the refund never arrived.",
        "Dear {F},\n\nAs discussed, your account {h} has been restored. Let us know if {h} still cannot log in.\n\nRegards",
        "speaker 1: this is {f} {l} from accounts\nspeaker 2: hi, is your login {h}?\nspeaker 1: yes",
        "Meeting notes\nAttendees: {F} {L}, Dana, Priya\n- {h} to send the draft\n- Dana reviews",
        "Ticket 4471 opened by {F} {L}.\nUpdate: asked {h} for a screenshot, waiting.",
        "hey {f}! quick q, is {h} your name on the forum? saw a post from {h} about this",
        "Thanks {F},\nI passed it to the team.\n--\nsent from {h}'s phone",
        "{F} {L} - onboarding checklist\n[x] laptop\n[x] badge\n[ ] vpn profile {h}\n[ ] payroll",
        "Interview panel: {F} {L}\nRoom B. Calendar invite under {h}.",
        "Re: offsite\n\n{F} {L} can't make it. {h} sends apologies and the slides.",
        "caller: hi it's {f} {l}\nagent: thanks {f}, i see two profiles, {h} and an old one\ncaller: the first",
        "{F} {L} (Sales)\nnotes: prefers sms. {h} on the partner portal.",
        "Guest list\n1. {F} {L}\n2. Tomas Berg\nbadges printed for tberg and {h}",
    ],
    # a token in a strong place once, then bare
    "strong_then_bare": [
        "Username: {h}\nStatus: locked\nNote: {h} called to unlock, verified by phone.",
        "login {h} failed 3 times. later {h} reset the password.",
        "user={h} action=export\nsummary: {h} exported 2k rows to csv",
        "reviewer: {h}\n\nlooks good overall, {h} left two comments on the migration.",
        "@{h} can you check this?\n...\nno answer from {h} yet, trying again tomorrow",
    ],
    # an email's local part, then the handle bare
    "email_then_bare": [
        "Contact: {e}\nFollow up with {h} next week about pricing.",
        "cc {e}\n\n{h} wants the final deck by friday",
        "reply-to: {e}. On the chat {h} asked for the invoice.",
    ],
    # no evidence: where a person stands
    "cold": [
        "ok so i talked to {o} and they are fine with it",
        "thanks {o} for the quick fix!",
        "{o}: did the deploy go out?\nsam: yes 10 min ago",
        "can you ask {o} about the budget",
        "meeting with {o} moved to 3pm",
        "per {o}, the client wants weekly calls",
        "{o} said the printer is fixed",
        "sent it to {o} and {h} for review",
        "agent: who is the account holder\ncaller: it's under {o}",
        "waiting on {o} to approve the PR",
        "lunch w {o} tmrw?",
        "{o} + me on the 9am, anyone else?",
        "just heard {o} quit lol",
        "someone remind {o} about the keys",
        "{o} you there?",
        "me and {o} will cover saturday",
        "brb, {o} is calling",
        "not sure, maybe {o} knows",
        "talked to {o} about the lease",
        "{o} apologised for the delay, all good",
        "{o} is on vacation until june fyi",
    ],
    # no evidence, cased registers: tickets, notes, e-mail, minutes
    "cold_cased": [
        "Hi all,\n\nPlease welcome {o} to the support rota.\n\nBest,\nIngrid",
        "Action items:\n- {o}: chase the supplier\n- Ingrid: book the room",
        "Ticket #8812\nRequested by {o} via the portal. Priority: low.",
        "Spoke with {o} about the renewal; they want a discount.",
        "Invoice queries go to {o} until further notice.",
        "Escalation path: team lead, then {o}.",
        "Shift swap approved: {o} covers Sunday.",
        "As {o} pointed out, the figures in Q2 are off.",
        "Follow-up call scheduled with {o} (Tuesday, 10:00).",
        "Minutes taken by {o}.",
        "We interviewed {o} on Friday; strong on SQL.",
        "Caught up with {o} this morning.",
        "Note: {o} can't make it to the offsite.",
    ],
}
LOWER = {"cold"}

CONTROLS = [
    "ok so i talked to ops and they are fine with it",
    "thanks kubectl for nothing, the rollout is stuck again",
    "deploy: did the job go out?\nops: yes 10 min ago",
    "can you ask the bot about the budget",
    "meeting with finance moved to 3pm",
    "per rfc-7231, the client must retry",
    "pip install requests-oauthlib==1.3.1 then run make lint",
    "sent it to staging and prod-eu-2 for review",
    "agent: who is the account holder\ncaller: it's under the company name",
    "waiting on ci to approve the PR, build 8f3a2c1 is red",
    "Username: must be 4-20 characters\nStatus: active",
    "login page failed 3 times. later the cache was cleared.",
    "user=anonymous action=export\nsummary: exported 2k rows to out_2024.csv",
    "lunch w the team tmrw?",
    "brb, the doorbell is ringing",
    "Hi all,\n\nPlease welcome the new kiosk to the support rota.\n\nBest,\nThe Support Team",
    "Action items:\n- chase the supplier\n- book the room",
    "Ticket #8812\nRequested by email via the portal. Priority: low.",
    "Invoice queries go to accounts@ until further notice.",
    "Escalation path: team lead, then on-call.",
    "Minutes taken by otter.ai.",
    "Spoke with procurement about the renewal; they want a discount.",
    "not sure, maybe grep knows",
    "talked to support about the lease",
    "the service is running late, cron is on holiday",
    "We interviewed three candidates on Friday; strong on SQL.",
    "Caught up with finance this morning.",
    "reviewer: n/a\n\nlooks good overall, left two comments on the migration.",
    "run ./scripts/build.sh --no-cache and check node_modules/.bin",
    "the config lives in ~/.config/gh/hosts.yml; set GH_TOKEN first",
    "db01.internal and web-03.lan restarted at 02:00 after apt upgrade",
    "bumped numpy to 1.26.4 and pandas to 2.2.1, torch stays at 2.1",
    "renamed get_user_id to fetch_account and dropped the old_api flag",
    "we use pre-commit, ruff and mypy; black is gone",
    "speaker 1: this is the billing line\nspeaker 2: hi, is your order number ready?\nspeaker 1: yes",
    "From: Accounts Payable\nSubject: report\n\nuploaded the numbers. if anything is off ping the helpdesk.",
]


def _doc(rng: random.Random, i: int) -> Doc:
    # (sorted: cold, cold_cased, email_then_bare, named, strong_then_bare)
    kind = rng.choices(sorted(TEMPLATES), [3, 3, 1, 3, 1])[0]
    t = rng.choice(TEMPLATES[kind])
    f, la = rng.choice(FIRST), rng.choice(LAST)
    h = make(rng, f, la)
    o = make(rng, rng.choice(FIRST), rng.choice(LAST))
    while o == h:
        o += "3"
    e = h + "@" + rng.choice(["gmail.com", "wp.pl", "yahoo.co.kr", "outlook.com", "hotmail.fi"])
    text = t.format(F=f.capitalize(), L=la.capitalize(), f=f, l=la, h=h, o=o, e=e)
    pii = []
    if "{h}" in t:
        pii.append(Pii("USERNAME", h))
    if "{o}" in t:
        pii.append(Pii("USERNAME", o))
    if "Tomas Berg" in t:
        pii += [Pii("PERSON", "Tomas Berg"), Pii("USERNAME", "tberg")]
    if "{F}" in t or "{f}" in t:
        full = "{L}" in t or "{l}" in t
        pii.append(Pii("PERSON", f.capitalize() + (" " + la.capitalize() if full else "")))
    if "{e}" in t:
        pii.append(Pii("EMAIL", e))
    if kind in LOWER:
        text = text.lower()
        for p in pii:
            p.value = p.value.lower()
    return Doc(i, f"handles7_{kind}", "en_US", text, pii)


def generate(rng: random.Random, start_id: int) -> list[Doc]:
    docs = [_doc(rng, start_id + k) for k in range(240)]
    for c in CONTROLS:
        docs.append(Doc(start_id + len(docs), "handles7_control", "en_US", c, [], control=True))
    return docs
