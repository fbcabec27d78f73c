"""Tuning documents for names and companies found by their role in a sentence (issue #13): a first
name that is an English word ("Hope", "Bill") or from another language, alone after a person cue or
before a person verb; a surname alone ("Mr Pech", "Nguyen said"); full names with particles
("Ana de la Cruz", "Nguyen Van An"); coined company names with no legal suffix in a company role
("signed with Quorvane", "Talvoro's renewal"). Each style also has PII-free look-alikes: the same
words as words ("hope to see you", "Will it work", "the Baker Street station", "ask Jira").

Word lists and templates are written here by hand, for this module only."""

from __future__ import annotations

import random

from corpus import Doc, Pii

# ---------------------------------------------------------------- name sources (this module only)
WORDLIKE_FIRST = ["Hope", "Bill", "Rose", "Violet", "Iris", "Daisy", "Honor", "Pat", "Art", "Gene", "Rob", "Don",
                  "Jack", "Sandy", "Misty", "Rusty", "Buck", "Clay", "Heath", "Forrest", "Robin", "Jay", "Wren",
                  "Sage", "Olive", "Ginger", "Lily", "Harmony", "Trinity", "Justice", "Major", "Royal", "Star",
                  "Iva", "Cole", "Dusty", "Earl", "Gay", "Levi", "Mercy"]  # fmt: skip
WORDLIKE_LAST = ["Baker", "Wolf", "Cook", "Fisher", "Mason", "Porter", "Turner", "Walker", "Potter", "Weaver",
                 "Bishop", "Knight", "King", "Marsh", "Moss", "Reed", "Brooks", "Woods", "Field", "Ford", "Lane",
                 "Page", "Snow", "Winter", "Green", "White", "Gray", "Noble", "Hale", "Hardy", "Goodman", "Friend",
                 "Child", "Power", "Cross", "Shepherd", "Carpenter", "Glass", "Sparrow"]  # fmt: skip
INTL = {
    "turkish": (
        ["Emre", "Deniz", "Selin", "Burak", "Elif", "Merve", "Onur", "Hakan", "Zeynep", "Cem", "Gökhan", "Şeyma"],
        ["Kaya", "Demir", "Yılmaz", "Polat", "Özdemir", "Aktaş", "Erdem", "Uçar", "Karaca", "Yavuz", "Sarıgül"],
    ),
    "mayan": (
        ["Ixk'ak", "Kʼinich", "Ajaw", "Tepeu", "Kawil", "Muwan", "Nal", "Yaxche", "Ix Chel", "Balamkʼu", "Sak"],
        ["Pech", "Canul", "Dzib", "Xool", "Ch'ok", "K'umatz", "Tz'ib", "Couoh", "Kumul", "Chuc", "Yah", "Huchim"],
    ),
    "vietnamese": (
        ["Bình", "Châu", "Đức", "Giang", "Hải", "Linh", "Minh", "Phúc", "Trung", "Tuấn", "Xuân", "Thanh"],
        [
            "Nguyễn",
            "Trần",
            "Phạm",
            "Hoàng",
            "Huỳnh",
            "Đặng",
            "Dương",
            "Trịnh",
            "Đinh",
            "Lưu",
            "Quách",
            "Vương",
            "Nguyen",
            "Tran",
            "Pham",
            "Hoang",
            "Dang",
            "Truong",
            "Ngo",
        ],
    ),
    "yoruba": (
        ["Adebayo", "Funmilayo", "Oluwaseun", "Ayodele", "Bolanle", "Kehinde", "Ifeoluwa", "Damilola", "Titilayo"],
        ["Adeleke", "Balogun", "Ogundipe", "Akinola", "Oyewole", "Ajayi", "Bamidele", "Olaniyan", "Ogunbiyi"],
    ),
    "polish": (
        ["Agnieszka", "Tomasz", "Katarzyna", "Piotr", "Magdalena", "Bartosz", "Dorota", "Łukasz", "Jerzy"],
        ["Nowak", "Kowalczyk", "Lewandowski", "Wiśniewska", "Dąbrowski", "Mazur", "Krawczyk", "Wróbel", "Piątek"],
    ),
    "other": (
        [
            "Aroha",
            "Tane",
            "Sipho",
            "Thandiwe",
            "Eero",
            "Aino",
            "Zsófia",
            "Bence",
            "Kalani",
            "Leilani",
            "Minseo",
            "Tenzin",
            "Pema",
            "Nilufar",
            "Dilnoza",
            "Ashkan",
            "Shirin",
            "Oisín",
            "Tiihu",
            "Keoni",
        ],
        ["Ngata", "Dlamini", "Virtanen", "Nagy", "Kahale", "Sherpa", "Karimova", "Rahimi", "Tuhoe", "Mkhize"],
    ),
}
VIET_MIDDLE = ["Văn", "Thị", "Đình", "Ngọc", "Van", "Thi", "Quang"]
PARTICLE_FULL = ["Ana de la Cruz", "Joaquín del Río", "Pieter van den Berg", "Sanne van Leeuwen",
                 "Karl von Hagen", "Giulia di Stefano", "Marco da Silva", "Ahmad bin Yusuf", "Siti binti Rahman",
                 "Omar al-Farsi", "Claire St. John", "Luis de León", "Femke ter Steege", "Hugo le Gall",
                 "Lotte de Jong", "Yusuf ibn Khalid", "Rania El Amrani", "Bruno dos Santos", "Ines van Dam",
                 "Rosa de Vega", "Tomás Ó Ceallaigh", "Ewa St. Clair", "Nadia al-Rashid", "Jan de Wit"]  # fmt: skip

# ---------------------------------------------------------------- coined companies (this module only)
COINED = ["Quorvane", "Talvoro", "Nexilo", "Brindlewick", "Omnivar", "Pluvio", "Zentara", "Kestrafy", "Lumora",
          "Cobaltix", "Fernwise", "Drovana", "Hexaly", "Tindra", "Mirovo", "Solvanta", "Trellify", "Upvora",
          "Yendri", "Grayloom", "Blueharrow", "Vantiq", "Orbelle", "Saffrix", "Kelpwise", "Norrsken", "Ardentia",
          "Plumora", "Vexwell", "Zubrio", "Calyxo", "Tessaro", "Moonvale", "Quillo", "Brevity Nine",
          "Kaleo Works", "Summit", "Keystone", "Pinnacle", "Blue Otter", "Cobalt", "Meridian", "Red Heron"]  # fmt: skip
COMPANY_CUES = [
    "we signed with {C} last week", "{C}'s renewal is due in March", "the {C} contract needs a countersignature",
    "customer {C} asked for a discount", "she works at {C} now", "{C} acquired a small studio in Leeds",
    "{C} raised a seed round", "our vendor {C} missed the SLA", "invoice from {C} is overdue",
    "{C}'s account manager called", "quote from {C} came in high", "{C} ships the parts on Monday",
    "we moved the hosting to {C}", "he left {C} in May", "{C} churned after the price change",
    "partnered with {C} on the pilot", "the {C} team wants a demo", "{C} invoiced us twice",
    "{C} is onboarding 40 seats", "{C}'s legal team sent redlines", "got an offer from {C}",
    "the CFO of {C} resigned", "a {C} spokesperson said no", "{C} charged us twice", "{C}, our supplier, is late",
    "bought it from {C} in June", "we bank with {C}", "{C} customers reported an outage", "I called {C} support",
    "{C} is our new reseller", "founder of {C} spoke first", "the {C} guys said it's fine", "{C}'s support is slow",
    "anyone heard back from {C}?", "lunch with the {C} people on Thursday",
    "{C} replied about the PO", "meeting with {C} moved to 3pm", "{C} will renew if we fix the export",
]  # fmt: skip

# ---------------------------------------------------------------- person slots
FIRST_SLOTS = [
    "hi {F}, quick one", "thanks {F}!", "ping {F} about the export", "ask {F} whether it shipped",
    "per {F}, the rollout waits", "cc {F}", "I told {F} it was fine", "sync with {F} after lunch",
    "a note from {F}: all good", "{F} said the numbers are off", "{F} asked for the logs",
    "{F} will call you back", "{F} is out today", "{F}'s manager approved it", "{F} joined the call late",
    "{F} mentioned a refund", "{F} can't make it", "{F} is on leave until Monday", "spoke to {F} this morning",
    "hey {F}", "dear {F},", "assigned by {F}", "{F} thinks we should wait", "{F} wrote the summary",
    "{F}, can you check the logs?", "ok {F}, thanks", "{F} and I will cover it", "me and {F} went through it",
    "{F} - are you around?", "I met {F} at the booth", "{F} here, quick question", "Owner - {F}",
    "{F} and {F2} will attend",
]  # fmt: skip
LAST_SLOTS = [
    "Mr {L} called back", "Ms {L} will sign", "Dr {L} reviewed the file", "Mrs. {L} asked about the bill",
    "{L} said it is fine", "{L}'s team owns the import", "per {L}, the date holds", "ask {L} for the key",
    "{L} is out until Friday", "cc {L}", "spoke with {L} at length", "{L} will send the contract",
    "Sra. {L} called about the order", "Herr {L} asked for the quote", "Professor {L} reviewed the draft",
    "Coach {L} booked the hall",
]  # fmt: skip
FULL_SLOTS = [
    "{N} said the invoice is wrong", "meeting with {N} on Thursday", "from {N}: see attached",
    "cc {N}", "{N} joined as head of sales", "Requester: {N}", "signed, {N}", "please welcome {N}",
    "Reported By: {N}", "{N} from billing called", "{N} called about the invoice", "{N} is the main contact",
    "the customer, {N}, asked for a refund",
    "I spoke with {N} about the refund", "{N}'s flight lands at 9", "thanks {N} for the intro",
]  # fmt: skip

# ---------------------------------------------------------------- PII-free look-alikes
CONTROLS = [
    "hope to see you at the offsite! will it work on the old laptops? a rose by any other name.",
    "Will it work with the new firmware? Hope so. The Baker Street station is closed this weekend.",
    "ask Jira for the sprint report, then ping Slack and cc the finance list.",
    "Per the contract, the renewal is due in March. Bill of materials attached; Mark as done when shipped.",
    "we signed with a new supplier last week; the contract is in the shared drive.",
    "Customer success asked for the deck. The team moved the hosting to Azure in May.",
    "said it before: the export is slow. asked for logs, got none. will call the vendor tomorrow.",
    "Pat dry before sealing. Jack up the car on the marked points. Sandy soil drains fast.",
    "the king bed is booked, the green room is free and the winter sale starts friday.",
    "Thanks for the update! Hi all, quick one: the build is green and the release is on track.",
    "Robin Hood Gardens is on the tour; the Lily pond and the Iris beds are in the east wing.",
    "From Monday the office opens at 8. By Friday we need the numbers; with luck the audit ends in May.",
    "He joined the call late and said the numbers are off; she asked for the logs.",
    "Our vendor portal is down. The account manager called about the renewal. The invoice is overdue.",
    "Walker boots and Porter bags on sale; Mason jars restocked; the Fisher Price toys sold out.",
    "ask chatgpt for a draft, then cc the legal team. per the policy, thanks everyone!",
    "the open source release ships monday. we raised the limit to 40 seats and acquired two new domains.",
    "Justice league night is Friday. Major update to the Royal Mail tracking page; Star rating is 4.5.",
    "dear team, the sage green paint and the olive oil order arrived. ginger tea is in the kitchen.",
    "Snow expected on Winter Road; the Cross Street bridge and the Field Lane car park close at 6.",
    "Bolt, Docker and Postgres were upgraded. We moved from Heroku to Fly last year; Vercel is next.",
    "signed with DocuSign, stored in Dropbox, reviewed in Notion, billed through Stripe.",
    "at noon we meet at the station; at least two people from the team will be there.",
    "Hope Street and Rose Lane are both on the route map. Will's Cafe is closed on Sundays.",
    "Great, can you send it? Sure, I can. Cool, thanks! Still, you should check. Then, we ship.",
    "speaker 1: right, can you hear me?\nspeaker 2: well, i think so\nspeaker 1: great, thanks",
    "Man, I hate this bug. Lovely, thank you. Honey, can you grab milk? Anyway, please review.",
    "[09:15] note: deploy at 10\n[09:21] done: all green\n[09:22] fix: retry added\n[09:24] status: ok",
    "the dog and I went out. Power is out until Friday. Support confirmed the fix. Legal approved it.",
    "Kubernetes raised the pod limit; we use Zapier for payroll. Autosave is on. The Acme demo went well.",
    "I work at home on Fridays; the customers of the shop liked it. Our staff and investors met in June.",
    "speaker 1: the rose garden is lovely\nspeaker 2: walker boots are on sale, summer sale starts friday",
    "speaker 1: a rich brown colour, ginger tea please\nspeaker 2: mark lane station is closed, use tower hill",
    "speaker 1: sandy beach, grace period, will power, jack frost nipping\nspeaker 2: grant access to the drive",
    "Interest raised the cost. Prices raised again. We switched to Dark Mode; the Beacon team owns it.",
    "Signed with love, Grandma. Today's invoice is attached; everyone's account was migrated.",
]  # fmt: skip


def _lower(s: str, low: bool) -> str:
    return s.lower() if low else s


def _person(rng: random.Random) -> tuple[str, str, str]:
    """(first, last, origin)."""
    origin = rng.choice(["wordlike", "wordlike", "turkish", "mayan", "vietnamese", "yoruba", "polish", "other"])
    if origin == "wordlike":
        return rng.choice(WORDLIKE_FIRST), rng.choice(WORDLIKE_LAST), origin
    firsts, lasts = INTL[origin]
    return rng.choice(firsts), rng.choice(lasts), origin


def _full(rng: random.Random, first: str, last: str, origin: str) -> str:
    r = rng.random()
    if r < 0.25:
        return rng.choice(PARTICLE_FULL)
    if origin == "vietnamese" and r < 0.6:
        return f"{last} {rng.choice(VIET_MIDDLE)} {first}"  # family name first
    return f"{first} {last}"


def doc(rng: random.Random, i: int) -> Doc:
    pii: list[Pii] = []
    style = rng.choice(["chat", "chat_lower", "transcript_lower", "transcript", "email", "crm", "ticket", "letter"])
    low = style in ("chat_lower", "transcript_lower")

    def P(t: str, v: str) -> str:
        v = _lower(v, low)
        pii.append(Pii(t, v))
        return v

    def sentence(kind: str) -> str:
        first, last, origin = _person(rng)
        if kind == "first":
            slot = rng.choice(FIRST_SLOTS)
            if "{F2}" in slot:
                slot = slot.replace("{F2}", P("PERSON", _person(rng)[0]))
            return slot.replace("{F}", P("PERSON", first))
        if kind == "last":
            return rng.choice(LAST_SLOTS).replace("{L}", P("PERSON", last))
        if kind == "full":
            return rng.choice(FULL_SLOTS).replace("{N}", P("PERSON", _full(rng, first, last, origin)))
        return rng.choice(COMPANY_CUES).replace("{C}", P("COMPANY", rng.choice(COINED)))

    kinds = [rng.choice(["first", "first", "last", "full", "company", "company"]) for _ in range(3)]
    parts = [sentence(k) for k in kinds]
    if low:
        parts = [p[0].lower() + p[1:] if p[:1].isupper() and p.split(" ")[0] not in ("I",) else p for p in parts]
        parts = [p.lower() for p in parts]
    if style in ("chat", "chat_lower"):
        text = "\n".join(f"[{rng.randint(8, 18):02d}:{rng.randint(10, 59)}] {p}" for p in parts)
    elif style in ("transcript", "transcript_lower"):
        spk = ["Agent", "Caller"] if style == "transcript" else ["speaker 1", "speaker 2"]
        text = "\n".join(f"{spk[k % 2]}: {_lower('Yeah, ', low)}{p}." for k, p in enumerate(parts))
    elif style == "email":
        text = f"Hello,\n\n{parts[0]}. {parts[1]}.\n\nAlso: {parts[2]}.\n\nBest regards,\nthe ops desk"
    elif style == "crm":
        text = f"Account note ({rng.randint(1, 28)}/0{rng.randint(1, 9)}): {parts[0]}; {parts[1]}; {parts[2]}."
    elif style == "ticket":
        text = f"TKT-{rng.randint(100, 9999)}\nSummary: {parts[0]}.\nComment: {parts[1]}. {parts[2]}."
    else:
        text = (
            f"To whom it may concern,\n\n{parts[0]}. In addition, {parts[1]}. Finally, {parts[2]}.\n\nYours faithfully"
        )
    return Doc(i, f"people3_{style}", "en_US", text, pii)


def generate(rng: random.Random, start_id: int) -> list[Doc]:
    docs = [doc(rng, start_id + k) for k in range(160)]
    for c in CONTROLS:
        docs.append(Doc(start_id + len(docs), "people3_control", "en_US", c, [], control=True))
    return docs
