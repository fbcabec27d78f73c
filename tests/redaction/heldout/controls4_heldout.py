"""Held-out PII-free controls for the controls4 round (issue #13): NOT tuning data. No rule is
tuned on these documents; only their aggregate "controls altered" rate is read, to check that a
veto found on ``tuning/controls4.py`` also helps text written another way.

Written deliberately unlike ``tuning/controls4.py``: documents are composed from sentence
fragments (opener + 2-4 body clauses + closer) instead of whole templates, with other sectors
(insurance claims, logistics, retail stores, clinics' front desks, schools, property lettings,
hospitality), other public brands and tools, other roles, and other layouts (ALL CAPS field
labels, "*" and "•" bullets, "Q:"/"A:" and "REP:" speaker tags, "(00:01:23)" timestamps, pipes
and semicolons, no trailing punctuation, British and American spelling).

``generate(rng, start_id)`` -> ``PER_STYLE`` documents per style, ``control=True``, ``pii=[]``."""

from __future__ import annotations

import random

from corpus import Doc

PER_STYLE = 12

BRAND = ["Apple", "Netflix", "Spotify", "Uber", "Airbnb", "Walmart", "Target", "Costco", "Tesla", "Samsung",
         "Sony", "Nintendo", "Lenovo", "Dell", "Verizon", "Comcast", "Vodafone", "Tesco", "Sainsbury's", "IKEA",
         "Nike", "Starbucks", "Deliveroo", "Expedia", "Booking.com", "Revolut", "Monzo", "Wise", "Square",
         "Klarna", "Etsy", "eBay", "Royal Mail", "USPS", "Hermes", "Evri"]  # fmt: skip
TOOL = ["WhatsApp", "Webex", "Discord", "Basecamp", "Monday.com", "ClickUp", "Airtable", "Zapier", "Sentry",
        "New Relic", "GitLab", "Bitbucket", "Terraform", "Ansible", "Heroku", "AWS", "Azure", "BigQuery",
        "Snowflake", "Freshdesk", "Intercom", "Sage", "NetSuite", "Gusto", "BambooHR", "Greenhouse",
        "Lever", "Typeform", "SurveyMonkey", "Loom"]  # fmt: skip
ROLE = ["the claims adjuster", "the underwriter", "the warehouse supervisor", "the shift lead", "a paralegal",
        "the receptionist", "the dispatcher", "the store manager", "the bookkeeper", "the charge nurse",
        "the head teacher", "the letting agent", "the concierge", "the night auditor", "the buyer",
        "the payroll clerk", "the site foreman", "the quality inspector"]  # fmt: skip
TITLE = [
    "Claims Handler",
    "Store Manager",
    "Practice Manager",
    "Head of Operations",
    "Lettings Negotiator",
    "Front Office Manager",
    "Fleet Coordinator",
    "Bursar",
    "Compliance Officer",
    "Warehouse Lead",
]
TEAMMAIL = [
    "Claims Department",
    "Guest Relations",
    "The Lettings Team",
    "Warehouse Operations",
    "Store 42",
    "Patient Services",
    "School Office",
    "Loss Prevention",
    "Fleet Desk",
    "Returns Centre",
]
THING = [
    "pallet",
    "parcel",
    "policy",
    "claim",
    "booking",
    "prescription refill",
    "tenancy",
    "refund",
    "loyalty card",
    "gift voucher",
    "shipment",
    "room upgrade",
    "school trip",
    "repair job",
]
PLACE = [
    "the loading bay",
    "aisle 7",
    "the front desk",
    "the staff room",
    "dock 3",
    "the pharmacy counter",
    "reception",
    "the car park",
    "the back office",
    "the lobby",
    "bay C",
    "the mezzanine",
]
CITY = [
    "Leeds",
    "Phoenix",
    "Glasgow",
    "Atlanta",
    "Bristol",
    "Calgary",
    "Auckland",
    "Cardiff",
    "Houston",
    "Brisbane",
    "Rotterdam",
    "Lyon",
    "Nashville",
    "Perth",
]
ISSUE = [
    "arrived damaged",
    "was never delivered",
    "was charged twice",
    "is stuck in customs",
    "shows as pending",
    "got cancelled by mistake",
    "has the wrong address label",
    "was left outside",
    "expired last week",
    "cannot be scanned",
]
HELLO = [
    "Hiya",
    "Yo",
    "Greetings",
    "Good afternoon",
    "Evening all",
    "Dear Team",
    "Dear Valued Customer",
    "Dear Member",
    "Attn: Accounts",
    "Hey hey",
    "Afternoon everyone",
    "Hello there",
]
BYE = [
    "Ta",
    "Speak soon",
    "Rgds",
    "Kind Regards",
    "Thanks in advance",
    "Talk later",
    "Yours truly",
    "With thanks",
    "All the best",
    "Cheers",
]
WHEN = [
    "first thing tomorrow",
    "end of day",
    "next week",
    "this afternoon",
    "after the weekend",
    "by noon",
    "before the stocktake",
    "at half term",
    "over the summer",
    "in the new year",
    "on Tues",
    "Fri am",
]
FILL = ["erm", "like", "honestly", "ok", "sort of", "anyway", "right so", "yeah", "mm", "uh huh"]
ERR = [
    "'Card not supported'",
    "'Address could not be validated'",
    "'Scanner offline'",
    "'Label printer jam'",
    "'Policy not found'",
    "'Slot unavailable'",
    "'Sync failed (code 12)'",
    "'Voucher already redeemed'",
]


def _num(rng: random.Random) -> str:
    return rng.choice([
        f"{rng.randint(10, 99)}-{rng.randint(1000, 9999)}", f"PO{rng.randint(10000, 99999)}",
        f"CLM/{rng.randint(2024, 2026)}/{rng.randint(100, 999)}", f"#{rng.randint(1000, 99999)}",
        f"BK{rng.randint(100000, 999999)}", f"JOB-{rng.randint(100, 999)}",
    ])  # fmt: skip


def _money(rng: random.Random) -> str:
    return rng.choice(
        [
            f"£{rng.randint(3, 900)}.{rng.randint(0, 99):02d}",
            f"USD {rng.randint(40, 7000)}",
            f"{rng.randint(5, 300)} EUR",
            f"${rng.randint(1, 90)}k",
        ]
    )


def _clock(rng: random.Random) -> str:
    return rng.choice(
        [
            f"{rng.randint(1, 12)}.{rng.choice(['00', '30'])}{rng.choice(['am', 'pm'])}",
            f"{rng.randint(0, 23):02d}{rng.choice(['00', '30'])}h",
            f"half {rng.choice(['two', 'ten'])}",
        ]
    )


def _body(rng: random.Random) -> list[str]:
    c = rng.choice
    frags = [
        f"the {c(THING)} {c(ISSUE)}",
        f"{c(ROLE)} says {c(BRAND)} will sort it {c(WHEN)}",
        f"ref {_num(rng)} — {_money(rng)} outstanding",
        f"we moved everything to {c(TOOL)} last month",
        f"{c(TOOL)} keeps showing {c(ERR)}",
        f"stock for {c(BRAND)} lines is low at {c(PLACE)}",
        f"please leave returns at {c(PLACE)}",
        f"the {c(CITY)} branch closes at {_clock(rng)}",
        f"{c(ROLE)} is covering {c(WHEN)}",
        f"quote came back at {_money(rng)} incl. VAT",
        f"{c(BRAND)} rep visiting {c(WHEN)}",
        f"customer wants the {c(THING)} rebooked",
        f"no update from {c(ROLE)} yet",
        f"delivery slot {_clock(rng)} confirmed",
    ]
    return rng.sample(frags, rng.randint(2, 4))


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _doc(rng: random.Random, style: str) -> str:
    c = rng.choice
    body = _body(rng)
    if style == "chat":
        tag = rng.choice(["", f"(00:0{rng.randint(0, 9)}:{rng.randint(10, 59)}) "])
        lines = [f"{tag}{c(HELLO).lower()} {c(['!!', '', ' :)', '...'])}"] + [f"{tag}{b}" for b in body]
        return "\n".join(lines + [c(["ok", "noted", "on it", "thx", "kk"])])
    if style == "crm":
        return "; ".join(
            [f"CONTACT ROLE: {c(TITLE)}", f"CHANNEL: {c(['phone', 'web form', 'walk-in'])}"]
            + [_cap(b) for b in body]
            + [f"NEXT: follow up {c(WHEN)}"]
        )
    if style == "email":
        return (
            f"RE: {_cap(c(THING))} {_num(rng)}\n\n{c(HELLO)},\n\n"
            + ". ".join(_cap(b) for b in body)
            + f".\n\n{c(BYE)},\n{c(TEAMMAIL)}"
        )
    if style == "letter":
        return (
            f"{c(HELLO)}\n\nOur ref: {_num(rng)}\n\n"
            + ". ".join(_cap(b) for b in body)
            + f". Should you have any questions please do not hesitate to get in touch.\n\n{c(BYE)}\n\n"
            f"{c(TITLE)}\n{c(TEAMMAIL)}"
        )
    if style == "meeting":
        bullet = c(["* ", "• ", "- ", "1) "])
        return (
            f"{c(['HUDDLE', 'Ops meeting', 'TEAM BRIEFING', 'Weekly catch-up'])} ({c(CITY)})\n"
            + "\n".join(bullet + b for b in body)
            + f"\nAOB: {c(['none', 'parking', 'rota', 'fire drill'])}"
        )
    if style == "ticket":
        return "\n".join(
            [
                f"CASE {_num(rng)}",
                f"OWNER: {c(['unassigned', 'queue', '—', 'n/a'])}",
                f"CATEGORY: {_cap(c(THING))}",
                "NOTES: " + " | ".join(body),
            ]
        )
    if style == "transcript_cased":
        tags = c([("Q", "A"), ("REP", "CUSTOMER"), ("Clerk", "Visitor"), ("Nurse", "Patient")])
        return "\n".join(f"{tags[i % 2]}: {_cap(b)}." for i, b in enumerate(body))
    # transcript_lower
    return "\n".join(f"{c(['s1', 's2', 'spk_0', 'spk_1'])}: {c(FILL)} {b}" for b in body)


STYLES = ("chat", "crm", "email", "letter", "meeting", "ticket", "transcript_cased", "transcript_lower")


def generate(rng: random.Random, start_id: int, per_style: int = PER_STYLE) -> list[Doc]:
    docs: list[Doc] = []
    for style in STYLES:
        for _ in range(per_style):
            d = Doc(start_id + len(docs), f"control4h_{style}", "en", _doc(rng, style), [], control=True)
            d.kind = f"control4h:{style}"
            docs.append(d)
    return docs
