"""Tuning documents for the last PERSON classes of issue #13 and two small types (round 5):
word-like first names alone, surnames alone (word-like, Mayan-like), full Mayan-like names with
apostrophes ("B'alam Tz'ib"), names with particles (also split across a line break), Vietnamese
names; names in every casing (lowercase transcripts, ALL CAPS headers), in possessives and
plurals, and as labels ("Name:", "Attendees:", "From:"). UK addresses written inline in a
sentence ("lives at 14 Kestrel Road, Ashby LE65 2PX now") and dates of birth written "d Month
'yy" and its neighbours ("5th of March '87", "March 5th, '87"). Look-alikes: the same words as
words, release tags ("v5 Mar '24 release"), past event dates without a birth cue, scores.

Template-based; word lists and templates written here by hand, for this module only (the
held-out set, ``tests/redaction/heldout/people5_heldout.py``, is built another way from other lists)."""

from __future__ import annotations

import random

from corpus import Doc, Pii

FIRST_WORDLIKE = ["Bliss", "Coral", "Dale", "Ember", "Fern", "Gale", "Harmony", "Jewel", "Lark", "Marsh",
                  "Meadow", "Misty", "Rain", "River", "Sage", "Shade", "Star", "Storm", "True", "Wren", "Clay",
                  "Forrest", "Reed", "Rocky", "Sterling", "Major", "Royal", "Lucky", "Early", "Patience"]  # fmt: skip
LAST_WORDLIKE = ["Marsh", "Cross", "Crook", "Field", "Bowman", "Moon", "Gold", "Rich", "Young", "Strong",
                 "Pike", "Crane", "Drake", "Finch", "Sparrow", "Salmon", "Fisher", "Carter", "Mason", "Potter",
                 "Weaver", "Brewer", "Glass", "Nail", "Hood", "Page", "Ward", "Rush", "Moss", "Sands"]  # fmt: skip
FIRST_MAYAN = ["B'alam", "Ixchel", "Tz'unun", "K'at", "Ixk'ik'", "Kawoq", "Q'anil", "Aj Pu", "No'j", "Tijax",
               "Iq'", "Ixb'atz'", "Kej", "Toj", "Ajmaq", "Ixmukané"]  # fmt: skip
LAST_MAYAN = ["Tz'ib", "Yat", "Chun", "Quej", "Ical", "Pec", "Xicay", "Sacul", "Tuyuc", "Tecún", "Chiyal",
              "Ixtabalán", "Tum", "Cholotío", "Batz", "Q'eqchi", "Tzoc", "Sis", "Canté", "Mucía"]  # fmt: skip
PARTICLE_FULL = ["Ana dos Reis", "Pieter van Houten", "Luca della Rovere", "Omar ibn Rashid", "Aisling Nic Giolla",
                 "Jorge de la Vega", "Gert ter Haar", "Klaus von Arnim", "Chiara di Lauro", "Amir bin Yusof",
                 "Samira al-Hakim", "Brendan Mac Suibhne", "Liam O'Flaherty", "Yvette St. Clair",
                 "Hugo van 't Hek", "Sofia da Cunha", "Tomás de Almeida", "Hana el-Sayed"]  # fmt: skip
VIET_FULL = ["Trương Quốc Bảo", "Phạm Thị Hồng", "Đặng Văn Lâm", "Lưu Minh Châu", "Nguyễn Thị Ngọc",
             "Hoàng Gia Huy", "Dương Thanh Tùng", "Trần Bích Thủy", "Bui Thi Nga", "Pham Quang Vinh"]  # fmt: skip
TITLES = ["Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Mr", "Ms", "Dr"]

# ---------------------------------------------------------------- templates ({N} full, {F} first, {L} last)
FULL_T = [
    "{N} called in about the late delivery", "Attendees: {N}, Priya from finance", "From: {N}",
    "Name: {N}", "met {N} at the depot", "the claim was filed by {N}", "{N}'s paperwork arrived today",
    "Re: callback for {N}", "escalated by {N} on Monday", "{N} (night shift) reported the fault",
    "please ring {N} back", "Customer name - {N}", "Owner: {N}",
]  # fmt: skip
FIRST_T = [
    "{F} is covering the front desk", "thanks {F}, that fixed it", "did {F} sign the form?",
    "{F}'s car is blocking the gate", "hand it to {F}", "{F} can't make the 3pm", "morning {F}!",
    "{F} and me will sort the returns", "{F} says hi", "can you ping {F}", "great work {F}",
    "{F} left early", "send {F} the slides", "{F} is on leave next week",
]  # fmt: skip
LAST_T = [
    "{T} {L} phoned again", "{L} signed the lease", "the {L} family moved out", "{L}'s invoice is overdue",
    "the {L}s asked for a refund", "we spoke to {T} {L}", "{T} {L} will attend", "{L} will countersign",
    "waiting for {L} to confirm", "{T} {L}'s account is locked", "{L}, our caretaker, has the keys",
    "{L} (landlord) will countersign", "spoke to {L}, the tenant, about the leak",
]  # fmt: skip

# ---------------------------------------------------------------- UK addresses written inline
UK_NUM = ["14", "3", "221", "7a", "58", "102", "9", "31"]
UK_STREET = ["Kestrel Road", "Mill Lane", "Alder Close", "Quarry Street", "Heron Way", "Beacon Hill",
             "Foundry Row", "Chapel Walk", "Larch Avenue", "Weavers Court", "Nettle Drive", "Canal Street",
             "Orchard Mews", "Dove Close", "The Green", "The Crescent"]  # fmt: skip
UK_TOWN = ["Ashby", "Kendal", "Bromley", "Penrith", "Stroud", "Hexham", "Ludlow", "Bangor", "Whitby", "Frome"]
UK_PC = ["LE65 2PX", "LA9 4QS", "BR1 1PQ", "CA11 7BT", "GL5 3AH", "NE46 1BW", "SY8 1AA", "LL57 1UT",
         "YO21 3PN", "BA11 1ER", "M1 1AE", "SW1A 1AA", "B3 2HN", "EH1 1YZ"]  # fmt: skip
ADDR_T = [
    "she lives at {A} now", "the parcel goes to {A} please", "new address is {A} from May",
    "he moved to {A}, can you update the file", "please post the forms to {A} by Friday",
    "the tenant at {A} reported a leak", "send the engineer to {A} tomorrow",
]  # fmt: skip

# ---------------------------------------------------------------- dates of birth ('yy)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip
DOB_CUE = [
    "born {D}", "DOB {D}", "date of birth: {D}", "d.o.b. {D}", "her birthday is {D}", "born on {D}",
    "b. {D}", "his DOB is {D}", "birth date {D}", "{D} (DOB)",
]  # fmt: skip


def _ord(d: int) -> str:
    return f"{d}{'th' if 10 <= d % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th')}"


def _dob(rng: random.Random) -> str:
    d, m, y = rng.randint(1, 28), rng.choice(MONTHS), rng.randint(40, 99)
    mon = m[:3] if rng.random() < 0.4 else m
    apo = rng.choice(["'", "’", "‘"])
    form = rng.randrange(6)
    if form == 0:
        return f"{d} {mon} {apo}{y}"
    if form == 1:
        return f"{_ord(d)} of {m} {apo}{y}"
    if form == 2:
        return f"{m} {_ord(d)}, {apo}{y}"
    if form == 3:
        return f"{d:02d} {mon.upper()} {apo}{y}"
    if form == 4:
        return f"{mon}. {d} {apo}{y}" if len(mon) == 3 else f"{mon} {d} {apo}{y}"
    return f"{_ord(d)} {mon} {apo}{y}"


def _person(rng: random.Random) -> tuple[str, str, str, str]:
    """(full, first, last, kind)."""
    r = rng.random()
    if r < 0.2:
        full = rng.choice(PARTICLE_FULL)
        first, last = full.split(" ", 1)
        return full, first, last, "particle"
    if r < 0.35:
        full = rng.choice(VIET_FULL)
        fam, *_, given = full.split()
        return full, given, fam, "vietnamese"
    if r < 0.65:
        f, last = rng.choice(FIRST_MAYAN), rng.choice(LAST_MAYAN)
        return f"{f} {last}", f, last, "mayan"
    f, last = rng.choice(FIRST_WORDLIKE), rng.choice(LAST_WORDLIKE)
    return f"{f} {last}", f, last, "wordlike"


def doc(rng: random.Random, i: int) -> Doc:
    pii: list[Pii] = []
    style = rng.choice(["chat", "chat_lower", "transcript", "transcript_lower", "email", "crm", "ticket", "letter",
                        "meeting", "caps"])  # fmt: skip
    low = style in ("chat_lower", "transcript_lower")

    def P(typ: str, v: str) -> str:
        pii.append(Pii(typ, v.lower() if low else v.upper() if style == "caps" else v))
        return v

    full, first, last, kind = _person(rng)
    parts: list[str] = []
    mode = rng.random()
    if mode < 0.35:  # full name, then parts
        parts.append(rng.choice(FULL_T).replace("{N}", P("PERSON", full)))
        parts.append(rng.choice(FIRST_T).replace("{F}", P("PERSON", first)))
        if rng.random() < 0.5:
            parts.append(rng.choice(LAST_T).replace("{T}", rng.choice(TITLES)).replace("{L}", P("PERSON", last)))
    elif mode < 0.6:  # parts alone
        if kind in ("wordlike", "mayan") or rng.random() < 0.5:
            parts.append(rng.choice(FIRST_T).replace("{F}", P("PERSON", first)))
        parts.append(rng.choice(LAST_T).replace("{T}", rng.choice(TITLES)).replace("{L}", P("PERSON", last)))
    elif mode < 0.72:  # a name split across a line break (particles, two-part given names)
        a, b = full.rsplit(" ", 1) if kind != "particle" else full.split(" ", 1)
        P("PERSON", full)
        parts.append(rng.choice(["handover notes from", "the form was signed by", "Attendees:"]) + f" {a}\n{b}")
    elif mode < 0.86:
        a = f"{rng.choice(UK_NUM)} {rng.choice(UK_STREET)}{rng.choice([', ', ' ', ', '])}{rng.choice(UK_TOWN)}"
        a += f"{rng.choice([' ', ', '])}{rng.choice(UK_PC)}"
        parts.append(rng.choice(FULL_T).replace("{N}", P("PERSON", full)))
        parts.append(rng.choice(ADDR_T).replace("{A}", P("ADDRESS", a)))
    else:
        parts.append(rng.choice(FULL_T).replace("{N}", P("PERSON", full)))
        parts.append(rng.choice(DOB_CUE).replace("{D}", P("DOB", _dob(rng))))
    if low:
        parts = [p.lower() for p in parts]
    if style in ("chat", "chat_lower"):
        text = "\n".join(f"{rng.randint(8, 18)}:{rng.randint(10, 59)} <{rng.choice(['ops', 'desk', 'tl'])}> {p}"
                         for p in parts)  # fmt: skip
    elif style in ("transcript", "transcript_lower"):
        spk = ["Rep", "Caller"] if style == "transcript" else ["spk 1", "spk 2"]
        text = "\n".join(f"{spk[k % 2]}: {'um ' if low else ''}{p}" for k, p in enumerate(parts))
    elif style == "email":
        text = "Hello,\n\n" + ".\n".join(parts) + ".\n\nThanks,\nFront office"
    elif style == "crm":
        text = f"[CRM {rng.randint(100, 999)}] " + " | ".join(parts)
    elif style == "ticket":
        text = f"Case {rng.randint(10000, 99999)} - status: open\n" + "\n".join(f"* {p}" for p in parts)
    elif style == "letter":
        text = "To whom it may concern,\n\n" + ". ".join(parts) + ".\n\nYours faithfully,\nThe Lettings Team"
    elif style == "caps":
        text = "\n".join(p.upper() for p in parts[:1]) + "\n" + "\n".join(parts[1:]).upper()
    else:
        text = "Minutes\n" + "\n".join(f"{k + 1}. {p}" for k, p in enumerate(parts))
    return Doc(i, f"people5_{style}", "en_GB", text, pii)


CONTROLS = [
    "Release notes: v5 Mar '24 release is tagged; the 12 Jun '23 hotfix is retired.",
    "We beat them 3-1 on 5 March '19 and lost on the 9th of April '21.",
    "Storm warning for the River Wren valley; the meadow path is closed. True story.",
    "MEETING NOTES - Q3 PLANNING\nSTATUS: GREEN\nOWNER: OPS TEAM",
    "The Major road works on Canal Street finish in May; Royal Mail collects at 4.",
    "Sage green paint, coral pink tiles and fern wallpaper for the lobby.",
    "the firmware built on 2 Feb '22 is still in the field; rollback if it fails again.",
    "Fisher Price toys and Potter books are on the donation list; the glass door is cracked.",
    "Rocky start to the quarter, but lucky timing on the Sterling deal. Early access opens Monday.",
    "spk 1: um the reed bed by the marsh is flooded\nspk 2: yeah the river is high",
    "Chapter 14, Mill Lane scene: the crane lifts the beams. Season 3 premiered 7 Oct '18.",
    "ALL HANDS: FRIDAY 10:00, ROOM 4. AGENDA: BUDGET, HIRING, OFFSITE.",
    "Our store at the Kestrel Retail Park is closed; parcels go to the depot instead.",
    "the 1st of May '23 launch went fine; the 4th June '24 update follows.",
    "From: Acme Billing\nSubject: Your March invoice\nOwner: Data Platform\nReviewer: Release Engineering",
    "Globex (owner) approved the budget. Jira, the tracker, is down.",
    "Nurse Practitioner roles are open in Leeds. Fr. 12 Mar: Inspector General report due.",
    "Attendees: Marketing Team, Sales Team\nName: Quarterly Review\nApprover: Finance Director",
    "The train left early; insurance is covering the repair. Please call Accounts back before noon.",
    "the Galaxy family of phones and the Pixel family; the font family is wrong.",
]  # fmt: skip


def generate(rng: random.Random, start_id: int) -> list[Doc]:
    docs = [doc(rng, start_id + k) for k in range(200)]
    for c in CONTROLS:
        docs.append(Doc(start_id + len(docs), "people5_control", "en_GB", c, [], control=True))
    return docs
