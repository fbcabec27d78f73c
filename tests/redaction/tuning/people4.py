"""Tuning documents for name PARTS used alone (issue #13): a person named in full once ("Hope
Whitlock", "Lê Văn Khoa", "Tzunun Pop") and later by one part only ("Hope said", "ask Khoa",
"Ms. Pop", "the Whitlocks", lowercase "thanks, hope!"); surnames alone after a title or before a
person verb; word-like first names as speaker labels, vocatives and subjects. Eight registers:
chat, lowercase chat, transcripts cased and lowercase (speaker labels that are names), email,
CRM notes, tickets, letters and meeting notes. The look-alikes (controls) use the same words as
words: "Hope this helps", "Will do", "grace period", "Pop music", "Do not", "Le Monde".

Word lists and templates are written here by hand, for this module only."""

from __future__ import annotations

import random

from corpus import Doc, Pii

# ---------------------------------------------------------------- name sources (this module only)
# (first names, surnames); surnames of 2 letters appear only inside full names (the tuning value
# rule counts a 2-letter value as leaked wherever those letters occur)
ORIGINS = {
    "wordlike": (
        ["Grace", "Faith", "Dawn", "Sky", "Will", "Joy", "Summer", "Hazel", "Ivy", "Pearl", "Ruby", "Amber",
         "Brook", "Chase", "Drew", "Frank", "Glen", "Grant", "Hunter", "Miles", "Penny", "Ray", "Autumn",
         "Hope", "Bill", "Rose", "Sunny", "Crystal", "Destiny", "Skye"],
        ["Stone", "Hill", "Bell", "Rivers", "Fox", "Short", "Price", "Booth", "Church", "Steel", "Little",
         "Hart", "Frost", "Bush", "Cotton", "Banks", "Lamb", "Baker", "Cruz", "Whitlock", "Sharp", "Swift",
         "Wise", "Savage", "Bond", "Holland", "Chambers", "Gardner", "Mills", "Spencer"],
    ),
    "vietnamese": (
        ["Anh", "Bảo", "Duy", "Hà", "Hạnh", "Khoa", "Lan", "Mai", "Nam", "Ngân", "Phương", "Quân", "Tâm", "Thảo",
         "Vy", "Yến", "Hùng", "Khánh", "Khoa", "Thu", "Huong", "Tuan", "Quynh", "Hieu"],
        ["Bùi", "Phan", "Cao", "Lam", "Trinh", "Vo", "Tran", "Nguyen", "Ngo", "Huynh", "Luong", "Dinh",
         "Đoàn", "Tôn", "Mạc", "Kiều", "Thái", "Hứa"],
    ),
    "mayan": (
        ["Tzunun", "Itzel", "Nikteʼ", "Kanek", "Saqil", "Ixmukane", "Tojil", "Imox", "Ajkʼij", "Xkeban", "Balam",
         "Yaxkin", "Chabʼ", "Ixbalam", "Kʼayum", "Ajpuʼ"],
        ["Pop", "Cuc", "Xol", "Tut", "Caal", "Choc", "Coc", "Maquin", "Chub", "Tzul", "Poot", "Cocom", "Ixcoy",
         "Tzoc", "Sicán", "Cux", "Ajcot", "Tiul", "Xuc", "Bolom", "Icó", "Chiquin"],
    ),
    "turkish": (
        ["Arda", "Berk", "Cansu", "Ebru", "Ferhat", "İrem", "Kaan", "Melike", "Oğuz", "Pınar", "Serkan", "Tuğba",
         "Volkan", "Yağmur"],
        ["Aydın", "Çelik", "Şahin", "Koç", "Arslan", "Doğan", "Kılıç", "Öztürk", "Tekin", "Güneş", "Aksoy",
         "Bulut", "Keskin", "Ateş"],
    ),
    "yoruba": (
        ["Adewale", "Bisola", "Folake", "Gbenga", "Morenike", "Temitope", "Yetunde", "Olumide", "Abimbola",
         "Babatunde", "Omolara"],
        ["Adeyemi", "Fashola", "Ogunleye", "Adesanya", "Oladipo", "Olatunji", "Akande", "Oyelaran", "Ilori",
         "Odunsi", "Babalola"],
    ),
    "polish": (
        ["Grzegorz", "Małgorzata", "Wojciech", "Zofia", "Krzysztof", "Joanna", "Przemysław", "Beata", "Andrzej",
         "Halina", "Urszula"],
        ["Zieliński", "Szymańska", "Woźniak", "Kozłowski", "Jankowska", "Wojciechowski", "Kwiatkowska",
         "Kaczmarek", "Grabowski", "Pawlak", "Michalski", "Król"],
    ),
    "tagalog": (
        ["Maricel", "Rodel", "Lorna", "Arnel", "Rowena", "Dindo", "Marites", "Analyn", "Jhunel", "Rhea"],
        ["Bautista", "Villanueva", "Macaraeg", "Dimaculangan", "Pangilinan", "Lacson", "Dizon", "Manalo",
         "Tolentino", "Magsaysay", "Sarmiento"],
    ),
    "arabic": (
        ["Yousef", "Layla", "Tariq", "Noura", "Hamza", "Rasha", "Faisal", "Mariam", "Samir", "Huda"],
        ["al-Mansouri", "al-Qasimi", "al-Harbi", "el-Masri", "al-Otaibi", "Haddad", "Nassar", "Khoury"],
    ),
    "irish": (
        ["Siobhán", "Niamh", "Ciarán", "Aoife", "Pádraig", "Eoghan", "Caoimhe", "Darragh"],
        ["O'Sullivan", "O'Driscoll", "MacCarthy", "McGrath", "Mac Lochlainn", "Ó Briain", "O'Keeffe", "MacNeill"],
    ),
    "dutch": (
        ["Maarten", "Joost", "Bram", "Anouk", "Wouter", "Liesbeth", "Friedrich", "Annelie", "Jochen", "Sjoerd"],
        ["van der Meer", "van Dijk", "de Groot", "van den Heuvel", "ter Horst", "von Bülow", "de Vries",
         "vom Bruch", "van Rijn", "zu Solms"],
    ),
}  # fmt: skip
# full names only (family name first, short parts, particles that stand alone)
VIET_FULL = ["Lê Văn Khoa", "Đỗ Thị Lan", "Hồ Minh Tâm", "Lý Thu Hà", "Vũ Đức Anh", "Ngô Bảo Châu", "Võ Thị Mai",
             "Le Van Hieu", "Do Thi Huong", "Vu Quynh Anh", "Ho Ngoc Tuan"]  # fmt: skip
EXTRA_FULL = ["Khalid bin Saeed", "Noura bint Faisal", "Yousef Abu Salem", "Claudette St. Pierre",
              "Marcel St-Amant", "Rui Da Costa", "Elena Di Marco", "Anand D'Souza", "Hamid al-Sayed"]  # fmt: skip
TITLES = ["Mr.", "Ms.", "Mrs.", "Dr.", "Mr", "Ms", "Prof.", "Coach", "Officer", "Det.", "Judge", "Rev."]

# ---------------------------------------------------------------- templates
# {N} full name, {F} first, {L} surname, {T} title
INTROS = [
    "{N} joined the call from the Leeds office", "new ticket from {N} about the login loop",
    "attendees: {N}, the ops desk", "my name is {N} and I'm calling about my order", "{N} (account manager) set up the demo",
    "I spoke with {N} this morning", "please welcome {N} to the support team", "contact: {N}",
    "{N} called about the invoice", "the customer, {N}, wants a callback", "handover from {N}",
]  # fmt: skip
FIRST_LATER = [
    "{F} said the export still fails", "thanks {F}!", "{F}'s laptop needs a new charger", "me and {F} will take it",
    "{F} and I went through the logs", "cc {F}", "ask {F} about the refund", "{F} will call back after 3",
    "{F} is out tomorrow", "according to {F} the date holds", "{F} thinks we should wait", "{F} agreed to the plan",
    "sorry {F}, I missed that", "ok {F}, sending it now", "I'll loop {F} in", "{F} from accounting confirmed it",
    "{F} wants the numbers by Friday", "let {F} know", "{F} asked for a copy", "{F} has the keys",
]  # fmt: skip
LAST_LATER = [
    "{T} {L} will call back", "{T} {L} asked about the bill", "{L} said it is fine", "ask {L} for the key",
    "{L}'s office sent the forms", "the {L}s are moving in May", "{L} and {F2} will attend",
    "per {L}, the date holds", "{L} will send the contract", "spoke with {T} {L} at length",
    "{L} confirmed the order", "{T} {L} is out until Friday",
]  # fmt: skip
FIRST_ALONE = [
    "thanks {F}!", "hey {F}, quick one", "{F} said the numbers are off", "me and {F} went through it",
    "{F} and I will cover it", "cc {F}", "{F}'s laptop is at the desk", "{F} will call you back",
    "ask {F} whether it shipped", "{F} is out today", "sorry {F}, missed your message", "ok {F}, thanks",
]  # fmt: skip
LAST_ALONE = [
    "{T} {L} called back", "{T} {L} will sign", "{T} {L} reviewed the file", "{L} said it is fine",
    "ask {L} for the key", "{L} will send the contract", "{L}'s team owns the import",
]  # fmt: skip

# ---------------------------------------------------------------- PII-free look-alikes
CONTROLS = [
    "Hope this helps! Will do. Grace period ends Friday; Dawn dish soap is on the list.",
    "hope you're well. will do, thanks. the grace period is 30 days and the sky is clear.",
    "Mr. Clean and Pop music. The Rose Bowl is sold out; the Baker Street station is closed.",
    "Do not restart the server. Le Monde ran the story. Ho Chi Minh City office opens at 9.",
    "speaker 1: will do\nspeaker 2: hope so, the faith in the plan is low\nspeaker 1: sunny today",
    "[10:02] will check\n[10:03] hope it works\n[10:05] frank feedback welcome",
    "Summer sale starts in May; Amber alert cleared; Ruby on Rails upgrade done; Ivy League visit moved.",
    "Joy of cooking is on the shelf. Miles per hour, not km. Penny for your thoughts. Ray tracing is on.",
    "Grant access to the drive. Chase the invoice. Drew the short straw. Hunter boots are back.",
    "the pop-up shop opens at 10. a cuc of coffee? tut tut. the stone wall and the hill path are closed.",
    "Faith, hope and charity. Grace under pressure. Will power. Frank talk. Crystal clear.",
    "Autumn colours, summer rain, winter snow. Pearl earrings, ruby ring, amber beads.",
    "Dear Sir or Madam, the Bell Street depot and the Fox Lane car park close at 6.",
    "thanks, will do! hope so. sounds good, summer plans are set. sky's the limit.",
    "Ticket: printer jams on page 2. Steps: open tray, pull paper. Do not force it. Will retry tomorrow.",
    "Notes: Mills and Boon reprint; Spencer jackets; Holland Park tickets; Price list updated.",
]  # fmt: skip


def _person(rng: random.Random) -> tuple[str, str, str, str]:
    """(full name, first part used alone, surname used alone, origin)."""
    r = rng.random()
    if r < 0.12:
        full = rng.choice(VIET_FULL)
        fam, *_, given = full.split()
        return full, given, fam if len(fam) >= 3 else given, "vietnamese"
    if r < 0.2:
        full = rng.choice(EXTRA_FULL)
        first, last = full.split(" ", 1)
        return full, first, last, "particle"
    origin = rng.choice([*ORIGINS, "wordlike", "wordlike", "mayan"])
    firsts, lasts = ORIGINS[origin]
    f, last = rng.choice(firsts), rng.choice(lasts)
    return f"{f} {last}", f, last, origin


def doc(rng: random.Random, i: int) -> Doc:
    pii: list[Pii] = []
    style = rng.choice(["chat", "chat_lower", "transcript", "transcript_lower", "email", "crm", "ticket", "letter",
                        "meeting"])  # fmt: skip
    low = style in ("chat_lower", "transcript_lower")

    def P(v: str) -> str:
        pii.append(Pii("PERSON", v.lower() if low else v))
        return v

    full, first, last, _origin = _person(rng)
    other = _person(rng)
    parts: list[str] = []
    mode = rng.random()
    if mode < 0.6:  # coreference: full name first, then parts alone
        parts.append(rng.choice(INTROS).replace("{N}", P(full)))
        for _ in range(rng.randint(1, 3)):
            if rng.random() < 0.55:
                parts.append(rng.choice(FIRST_LATER).replace("{F}", P(first)))
            else:
                s = rng.choice(LAST_LATER).replace("{T}", rng.choice(TITLES)).replace("{L}", P(last))
                parts.append(s.replace("{F2}", P(other[1])))
    else:  # parts alone, by role
        parts.append(rng.choice(FIRST_ALONE).replace("{F}", P(first)))
        s = rng.choice(LAST_ALONE).replace("{T}", rng.choice(TITLES)).replace("{L}", P(other[2]))
        parts.append(s)
    if low:
        parts = [p.lower() for p in parts]
    if style in ("chat", "chat_lower"):
        text = "\n".join(f"[{rng.randint(8, 18):02d}:{rng.randint(10, 59)}] {p}" for p in parts)
    elif style in ("transcript", "transcript_lower"):
        # the speakers are people: their first name is the label ("grace: yeah")
        spk = [P(first), "Agent"] if style == "transcript" else [P(first.lower()), "speaker 2"]
        if mode >= 0.6:
            spk = ["Agent", "Caller"] if style == "transcript" else ["speaker 1", "speaker 2"]
            pii.pop()
        text = "\n".join(f"{spk[(k + 1) % 2]}: {'yeah, ' if low else 'Yes, '}{p}." for k, p in enumerate(parts))
    elif style == "email":
        text = f"Hi team,\n\n{'. '.join(parts)}.\n\nBest,\nthe service desk"
    elif style == "crm":
        text = f"Account note {rng.randint(1, 28)}/{rng.randint(1, 12)}: " + "; ".join(parts) + "."
    elif style == "ticket":
        text = f"INC-{rng.randint(1000, 99999)}\nDescription: {parts[0]}.\nUpdate: " + ". ".join(parts[1:]) + "."
    elif style == "letter":
        text = "Dear colleague,\n\n" + ". ".join(parts) + ".\n\nKind regards,\nCustomer Relations"
    else:
        text = "Weekly sync - notes\n" + "\n".join(f"- {p}" for p in parts)
    return Doc(i, f"people4_{style}", "en_US", text, pii)


def generate(rng: random.Random, start_id: int) -> list[Doc]:
    docs = [doc(rng, start_id + k) for k in range(180)]
    for c in CONTROLS:
        docs.append(Doc(start_id + len(docs), "people4_control", "en_US", c, [], control=True))
    return docs
