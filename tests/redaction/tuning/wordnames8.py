"""Tuning documents for people whose names are ordinary English words, round 8 (issue #13,
PERSON/wordlike): "Hope", "Grant", "Rich" as first names, "Stone", "Baker", "Young" as family
names, in full or alone, cased or in lowercase speech. The person is told from the word by role
and by evidence elsewhere in the text: the full name in a header, signature or e-mail local part,
a chat sender, a title, a greeting or sign-off, a person verb, an apposition with a role. Many
documents use the name once in a place with no cue of its own, with the evidence elsewhere.
Controls: the same words as words, in the same registers ("I hope the grant covers it", "the
stone wall", "Young drivers pay more", "Rich text is off", "Summer sale starts Monday").

Template-based; word lists and templates are this module's own (heldout/wordnames8_heldout.py is
built differently and is read only as an aggregate)."""

from __future__ import annotations

import random

from corpus import Doc, Pii

FIRST = """
hope faith grace joy rose daisy ivy iris holly dawn summer april june bill grant mark rich chase
cash sunny rusty penny ginger amber ruby pearl hazel olive heather robin jay dean drew miles
reed wade destiny honor hunter crystal autumn ember sky river storm
""".split()
LAST = """
baker stone wolf young rich cash king bell hill wood green brown black white hunt fox bird price
cole moss frost snow banks parks marsh lamb hall short little sharp strong swift bright golden
ward field ford page cook mason potter fisher walker bishop knight noble wise best good love
""".split()
OTHER_FIRST = "Dana Priya Tomasz Aisha Kenji Lucia Omar Nina Felix Marta".split()
OTHER_LAST = "Okafor Lindqvist Moreau Tanaka Kowalczyk Haddad Ferreira".split()
DOMAINS = "gmail.com outlook.com fastmail.com acme-logistics.com northwind.io".split()

# ---------------------------------------------------------------- evidence lines (name the person)
EVIDENCE = [
    "From: {F} {L} <{e}>",
    "{F} {L}\nAccount Manager",
    "Reported by: {F} {L}",
    "-- \n{F} {L} | Operations",
    "Attendees: {F} {L}, {O}",
    "Caller: {F} {L}",
    "cc: {F} {L}",
    "Contact: {F} {L} ({e})",
]
# ---------------------------------------------------------------- a first name alone
FIRST_ALONE = [
    "{F} sent the updated figures last night.",
    "The figures {F} sent were off by a row.",
    "I'll sit down with {F} after lunch.",
    "Looping {F} in for the schedule.",
    "{F} and I will cover the front desk.",
    "{F} is off sick today, so the review moves.",
    "Not sure {F} saw the second draft.",
    "Handing this over to {F}.",
    "Can {F} take the Thursday slot?",
    "Any news from {F}?",
    "Thanks again, {F}!",
    "{F} mentioned the venue has parking.",
    "Let me know if {F} needs the login.",
    "Per {F}'s note, the order ships Monday.",
    "{F} from accounts called twice.",
    "we're still waiting for {F} to sign",
    "{F} thinks we should wait a week.",
    "Please copy {F} on the reply.",
    "Both {F} and {O} approved it.",
    "{F} - out Friday",
    "Please contact {F} at reception.",
    "Has {F} sent the forms yet?",
    "The keys are with {F}.",
]
LAST_ALONE = [
    "Mr {L} asked for the invoice again.",
    "Ms. {L} will be in on Friday.",
    "Dr {L} signed the referral.",
    "{L} wants the revised quote by Thursday.",
    "I spoke with {L} this morning.",
    "{L} confirmed the dates.",
    "Send the draft to {L} first.",
    "{L}'s team owns the rollout.",
    "As {L} pointed out, the totals don't match.",
    "{L}, our site lead, has the badge list.",
    "Coach {L} moved practice to 6.",
    "Waiting on {L} for sign-off.",
]
FULL = [
    "I had a call with {F} {L} about the lease.",
    "{F} {L} will join us on Monday.",
    "Please welcome {F} {L} to the support team.",
    "Met {F} {L} at the trade fair; very keen.",
    "The form was signed by {F} {L}.",
    "{F} {L} (finance) approved the spend.",
    "Our new tenant is {F} {L}.",
    "Spoke to {F} {L} re: the damaged crate.",
]
LOWER = [
    "talked to {f} {l} about the lease",
    "ok so {f} {l} called again about the refund",
    "{f} said she'd bring the forms",
    "did {f} get back to you",
    "yeah i told {f} it's fine",
    "me and {f} are doing the stocktake",
    "ask {f} where the spare keys are",
    "{f}'s out till monday",
    "mr {l} wants a callback",
    "{f} {l} from the lettings office rang",
    "thanks {f}, that helps",
    "is {f} still on leave?",
    "has {f} sent it yet",
    "{f} off today, back thurs",
    "waiting on {f} for the numbers",
    "heard from {f} this morning, all fine",
    "mtg w {f} tmrw 10am",
    "{f} and {o} are both out friday",
    "pls contact {f} at reception",
    "i'll text {f} later",
]
CHAT = [
    "{f}: running 10 min late\n{o}: np",
    "[09:14] {f}: can someone open the gate?\n[09:15] {o}: on it",
    "{F} {L}  9:02 AM\nmorning all, truck is here",
    "<{f}> pushed the fix\n<{o}> nice",
]
FILLER = [
    "The delivery window is 8 to 12.",
    "Budget sheet v3 is in the shared drive.",
    "Reminder: badges at reception.",
    "Let's keep this thread on topic.",
    "The printer on floor 2 is fixed.",
    "Next review is on the 14th.",
]

CONTROLS = [
    "I hope the grant covers the new laptops.",
    "We put a stone wall along the north side of the yard.",
    "Young drivers pay more for insurance.",
    "Rich text is off in the editor, paste as plain text.",
    "Summer sale starts Monday, 20% off garden furniture.",
    "Mark the date: the audit is on the 3rd.",
    "Pay the bill in cash at the front desk.",
    "Faith in the process is not a plan.",
    "The grace period ends on Friday.",
    "Joy to the world was on repeat all day.",
    "A rose by any other name.",
    "Hunter green or navy for the new signage?",
    "Price went up again for the steel brackets.",
    "Baker Street is closed for roadworks.",
    "The Little Mermaid tickets are sold out.",
    "Strong coffee, short meeting, good outcome.",
    "Golden hour photos came out great.",
    "Ruby on Rails upgrade is scheduled for May.",
    "The Black Friday numbers are in.",
    "Best practice: lock the door.",
    "Hope so! See you then.",
    "Will do, thanks.",
    "Good morning team,\nthe bins go out Tuesday.\nBest,\nFacilities",
    "Grant writing workshop: room 4, 2pm.",
    "Chase the supplier for the missing invoice.",
    "Dawn patrol leaves at 5 sharp.",
    "Cash flow is tight this quarter.",
    "Green light from legal, go ahead.",
    "April showers, so bring a coat.",
    "Holly and ivy for the lobby display.",
    "Amber alert on the dashboard: disk at 85%.",
    "Swift update broke the iOS build.",
    "Wood floors need a sealant every year.",
    "Fox News was on in the waiting room.",
    "the grant money came through, so we can order the desks",
    "hope that helps, ping me if not",
    "agent: how can i help?\ncaller: i want to pay my bill\nagent: sure, card or cash?",
    "Field notes: soil is wet, marsh edge flooded.",
    "Page 4 has the summary.",
    "Dean's list results are posted.",
]


def _person(rng: random.Random) -> dict:
    f, s = rng.choice(FIRST), rng.choice(LAST)
    while s == f:
        s = rng.choice(LAST)
    e = rng.choice([f"{f}.{s}", f"{f}{s}", f"{f[0]}{s}", f"{f}"]) + "@" + rng.choice(DOMAINS)
    o = rng.choice(OTHER_FIRST)
    return {
        "F": f.capitalize(),
        "L": s.capitalize(),
        "f": f,
        "l": s,
        "e": e,
        "O": f"{o} {rng.choice(OTHER_LAST)}",
        "o": o.lower(),
    }


def doc(rng: random.Random, i: int) -> Doc:
    p = _person(rng)
    kind = rng.choice(["first", "first", "last", "full", "lower", "lower", "chat"])
    pii: list[Pii] = []
    lines: list[str] = []
    if kind == "first":
        ev = rng.random() < 0.6
        if ev:
            lines.append(rng.choice(EVIDENCE).format(**p))
            pii.append(Pii("PERSON", f"{p['F']} {p['L']}"))
        lines.append(rng.choice(FIRST_ALONE).format(**p))
        pii.append(Pii("PERSON", p["F"]))
    elif kind == "last":
        ev = rng.random() < 0.5
        if ev:
            lines.append(rng.choice(EVIDENCE).format(**p))
            pii.append(Pii("PERSON", f"{p['F']} {p['L']}"))
        lines.append(rng.choice(LAST_ALONE).format(**p))
        pii.append(Pii("PERSON", p["L"]))
    elif kind == "full":
        lines.append(rng.choice(FULL).format(**p))
        pii.append(Pii("PERSON", f"{p['F']} {p['L']}"))
        if rng.random() < 0.5:
            lines.append(rng.choice(FIRST_ALONE).format(**p))
            pii.append(Pii("PERSON", p["F"]))
    elif kind == "lower":
        t = rng.choice(LOWER)
        lines.append(t.format(**p))
        pii.append(
            Pii("PERSON", f"{p['f']} {p['l']}" if "{l}" in t and "{f}" in t else p["l"] if "{l}" in t else p["f"])
        )
    else:
        t = rng.choice(CHAT)
        lines.append(t.format(**p))
        pii.append(Pii("PERSON", f"{p['F']} {p['L']}" if "{L}" in t else p["f"]))
    if "@" in "".join(lines):
        pii.append(Pii("EMAIL", p["e"]))
    if "{O}" in "".join(lines) or p["O"] in "\n".join(lines):
        pii.append(Pii("PERSON", p["O"]))
    lines += rng.sample(FILLER, rng.randint(0, 2))
    head = (
        lines[:1]
        if kind in ("first", "last")
        and len(lines) > 1
        and lines[0].startswith(("From:", "Reported", "Caller", "cc:", "Contact"))
        else []
    )
    body = lines[len(head) :]
    rng.shuffle(body)
    text = "\n".join(head + body)
    return Doc(i, "wordnames8_" + kind, "en_GB", text, pii)


def generate(rng: random.Random, start_id: int) -> list[Doc]:
    docs = [doc(rng, start_id + k) for k in range(200)]
    for c in CONTROLS:
        docs.append(Doc(start_id + len(docs), "wordnames8_control", "en_GB", c, [], control=True))
    return docs
