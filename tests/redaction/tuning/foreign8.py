"""Tuning documents for unfamiliar names (issue #13, eighth round, ``name_shape.py``): names no
gazetteer holds, where a person stands. Mayan-like names with glottal apostrophes (K'iche',
Kaqchikel, Yucatec shapes), Vietnamese names with and without tone marks (and their short given
names used alone once the full name was given), Yoruba-like names; after a title, a greeting, a
sign-off, as a speaker label, before a verb only people take, beside a found name, in lists of
people "X, Y and Z from ...", after "my colleague". PII-free look-alikes in the same places:
places, dishes, festivals, teams, products.

Template based, written by hand for this module only (``tests/redaction/heldout/foreign8_heldout.py``
is its held-out twin, built from composed fragments with other sources, never tuned on)."""

from __future__ import annotations

import random
import unicodedata

from corpus import Doc, Pii

MAYA_GIVEN = """
Tz'unun Ixk'at B'alam K'awiil Ixmukane Aj'pu Ixchumil Q'anil Kab'lajuj Ixb'atz Tojil Ixkik'
Tepew Ixq'anil Kame Noj Ixtz'ikin Ajmaq Kawoq Ixim
""".split()
MAYA_FAMILY = """
Tzoc Xicay Cutz Ajcalón Sirin Tuyuc Batz Chiquin Sotz' Ixcot Coyoy Tambriz Ajú Sicajau Quiej Xulú
Tecú Chumil Yaxón Buch Q'uix Tz'ul Kej Ajpop Cotzal Sacalxot Xiloj Ic'
""".split()
VIET_FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý".split()
VIET_MIDDLE = "Thị Văn Ngọc Hữu Đức Minh Thanh Quốc Xuân Thu".split()
VIET_GIVEN = """
Lan Thu Minh Anh Hương Phương Quang Tuấn Hải Dũng Hằng Trang Linh Nhung Khoa Bảo Thảo Yến Loan
Giang Tâm Hiếu Nhàn Quỳnh Diệp Khánh Thủy Oanh
""".split()
YORUBA_GIVEN = """
Oluwaseun Folasade Temitope Abiodun Olumide Ayodele Adebola Titilayo Oladipupo Ibukunoluwa
Morenikeji Adeola Olamide Kehinde Omotola Ayomide Damilola Tolulope
""".split()
YORUBA_FAMILY = """
Ogunleye Olaniyan Akinwande Oyebanji Adesanya Ogunbiyi Fashola Ajayi Oyelaran Adeyemo Olatunji
Akinola Osinbajo Adewale Ogunsanya Oyeleke Babalola Afolabi
""".split()

_FOLD = {"đ": "d", "Đ": "D"}


def plain(s: str) -> str:
    """Vietnamese written without tone marks ("Nguyễn Thị Ngọc" -> "Nguyen Thi Ngoc")."""
    out = unicodedata.normalize("NFD", "".join(_FOLD.get(c, c) for c in s))
    return "".join(c for c in out if not unicodedata.combining(c))


def person(rng: random.Random) -> tuple[str, str, str]:
    """(full name, given name, family name) of one group."""
    r = rng.random()
    if r < 0.4:
        g, f = rng.choice(MAYA_GIVEN), rng.choice(MAYA_FAMILY)
        return f"{g} {f}", g, f
    if r < 0.7:
        f, m, g = rng.choice(VIET_FAMILY), rng.choice(VIET_MIDDLE), rng.choice(VIET_GIVEN)
        full = f"{f} {m} {g}" if rng.random() < 0.7 else f"{f} {g}"
        if rng.random() < 0.45:
            full, g, f = plain(full), plain(g), plain(f)
        return full, g, f
    g, f = rng.choice(YORUBA_GIVEN), rng.choice(YORUBA_FAMILY)
    return f"{g} {f}", g, f


# {P}: full name; {G}: given name; {F}: family name; {Q}, {R}: given names of two more people
TEMPLATES = {
    "title": [
        "Dr. {F} will see you at 10:30 on Thursday.",
        "Please send the signed copy to Mrs {F} before Friday.",
        "Spoke to Mr. {F} this morning, the deposit is paid.",
        "Prof. {P} chairs the panel.",
    ],
    "greeting": [
        "Hi {G},\n\nThe room is booked for the workshop. Let me know if you need a projector.",
        "Dear {P},\n\nThank you for your application.",
        "Hello {G}, your parcel is at the front desk.",
        "Good morning {G}! The invoice is attached.",
    ],
    "signoff": [
        "The draft is in the shared folder.\n\nBest regards,\n{P}",
        "See you at the site visit.\n\nThanks,\n{G}",
        "Attached the receipts for March.\n\nCheers,\n{P}\nField coordinator",
    ],
    "speaker": [
        "{P}: the shipment left the port yesterday\nDana: great, thanks",
        "[10:02] {G}: can someone cover my shift?\n[10:05] Omar: I can",
        "Interviewer: where did you grow up?\n{G}: in a small town near the lake.",
    ],
    "verb": [
        "{P} called about the leak in the kitchen.",
        "{G} said the figures are final.",
        "Yesterday {P} asked for a copy of the contract.",
        "{G} replied that the samples arrived damaged.",
        "I think {G} mentioned it at the standup.",
    ],
    "beside": [
        "The booking is under {P}.",
        "Emergency contact: {P} (sister)",
        "Guests: Maria Lopez and {P}.",
        "Passenger {P}, seat 14C.",
    ],
    "list": [
        "{G}, {Q} and {R} from the Antigua office joined the call.",
        "Thanks to {G}, {Q} and {R} for the help with the move.",
        "On the rota this week: {G}, {Q}, {R}.",
    ],
    "colleague": [
        "My colleague {P} will take over the account.",
        "I'm cc'ing my colleague {G}, who handles refunds.",
        "my friend {G} recommended you",
    ],
    "parts": [
        "Meeting with {P} today.\n{G} wants the quote by Monday.",
        "New client: {P}\nNotes: {G} prefers phone calls in the afternoon.",
        "From: {P}\n\nHi, it's {G} again, any news on the visa?",
        "{P} joined the team on Monday. {G} will sit with the designers.",
    ],
}
LOWER = 0.2

CONTROLS = [
    "Dr. Pepper and Mr. Muscle are on the shopping list.",
    "Hi team,\n\nThe room is booked for the workshop.",
    "Dear Sir or Madam,\n\nThank you for your application.",
    "The draft is in the shared folder.\n\nBest regards,\nThe Logistics Team",
    "Trip notes: Antigua on Monday, then Quetzaltenango and Huehuetenango by shuttle.",
    "Dinner order: pho, banh mi and goi cuon for six.",
    "Menu: jollof rice, efo riro, moi moi and dodo.",
    "Tet starts on Wednesday, the Hanoi and Da Nang offices close until Monday.",
    "Agenda: Q3 results, hiring, Kubernetes upgrade.",
    "Interviewer: where did you grow up?\nAnswer: in a small town near the lake.",
    "The booking is under the company account.",
    "Thanks to Finance, Legal and Procurement for the help with the move.",
    "My colleague's notes are in Confluence.",
    "Chichicastenango market is on Thursdays and Sundays.",
    "The amaranth and achiote arrived; the pepian recipe needs both.",
    "Good morning everyone! The invoice is attached.",
    "We flew Vietjet from Hue to Hoi An, then took the bus to Nha Trang.",
    "Lagos, Ibadan and Abeokuta depots report normal stock.",
    "Passenger manifest attached, seat map below.",
    "I think Terraform mentioned it in the plan output.",
]


def _doc(rng: random.Random, i: int) -> Doc:
    kind = rng.choice(sorted(TEMPLATES))
    t = rng.choice(TEMPLATES[kind])
    full, g, f = person(rng)
    q = person(rng)[1]
    r = person(rng)[1]
    text = t.format(P=full, G=g, F=f, Q=q, R=r)
    pii: list[Pii] = []
    if "{P}" in t:
        pii.append(Pii("PERSON", full))
    elif "{G}" in t:
        pii.append(Pii("PERSON", g))
    if "{F}" in t:
        pii.append(Pii("PERSON", f))
    if "{Q}" in t:
        pii += [Pii("PERSON", q), Pii("PERSON", r)]
    if "Maria Lopez" in t:
        pii.append(Pii("PERSON", "Maria Lopez"))
    if rng.random() < LOWER:
        text = text.lower()
        for p in pii:
            p.value = p.value.lower()
        kind += "_lower"
    return Doc(i, f"foreign8_{kind}", "en_US", text, pii)


def generate(rng: random.Random, start_id: int = 0, n: int = 300) -> list[Doc]:
    docs = [_doc(rng, start_id + k) for k in range(n)]
    for c in CONTROLS:
        docs.append(Doc(start_id + len(docs), "foreign8_control", "en_US", c, [], control=True))
    return docs
