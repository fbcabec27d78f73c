"""Held-out twin of ``tuning/foreign8.py`` (issue #13, eighth round): names no gazetteer holds,
where a person stands, built another way to check that the name-shape recogniser generalises.
Not registered in ``tuning/``; read only as aggregate rates: ``python -m tests.redaction.heldout``.

Composed, not templated: a document is two to four lines drawn from independent line makers (a
line that names the person in full, a line that uses one part of the name, filler lines), in
shuffled order, some documents lower-cased. Its own name sources, typed by hand (Quechua-,
Nahuatl-, Thai-, Igbo- and Mongolian-like; the tuning module uses Mayan-, Vietnamese- and
Yoruba-like names), its own layouts (SMS thread, voicemail transcript, visitor log, WhatsApp
export ``[12/03, 09:14] Name:``, handover note) and its own PII-free look-alikes (foreign place
names, dishes, festivals, plants in the same places)."""

from __future__ import annotations

import random

from corpus import Doc, Pii

# Quechua-, Nahuatl-, Thai-, Igbo- and Mongolian-like given names and family names
GIVEN = """
Inti Killa Sumaq Waman Amaru Yupaychay Chaska Wayra Qori Illari
Tlanextli Yaotl Citlalmina Xiuhcoatl Nochtli Cuauhtli Izel Tonalli Ollin Yaretzin
Somchai Kanokwan Pornthip Wattana Sirilak Anucha Chalermchai Duangjai Nattapong Ratchanee
Chidiebere Nkechi Obinna Ifeyinwa Chukwudi Adaeze Uchenna Ngozika Ikenna Chinwe
Batbayar Oyunchimeg Enkhjargal Tserendorj Bolormaa Ganbold Altantsetseg Narantuya Sukhbaatar Munkhtuya
""".split()
FAMILY = """
Mamani Quispe Huarachi Ccahuana Tupayachi Huamancusi Layme Ccoa Choquehuanca Pumacahua
Tecpatl Xochicale Coyotzin Tlacuilo Moctezuma Cuauhtémoc Ixtlahuac Tepoxteco Mazatzin Ocelotl
Srisawat Thongchai Rattanakorn Suwannarat Phongphan Kittisak Boonyarit Chaiyaporn Wongsuwan Prasertsuk
Okonkwo Nwachukwu Eze Okafor Obiechina Nnadozie Anyanwu Ezeudu Chukwuemeka Onyekachi
Gansukh Dashdorj Tsogtbaatar Baatarkhuu Erdenebileg Purevdorj Batkhuyag Lkhagvasuren Otgonbayar Ganzorig
""".split()
KIN = "brother-in-law neighbour classmate landlady supervisor aunt nephew tenant carer coach".split()


def _person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(GIVEN), rng.choice(FAMILY)


def _full_line(rng: random.Random, g: str, f: str) -> str:
    return rng.choice(
        [
            "Visitor log 14:05 - {g} {f} (signed in at reception)",
            "[12/03, 09:14] {g} {f}: running 10 min late",
            "Voicemail from {g} {f}, left at 08:12.",
            "Handover: {g} {f} takes bed 4 tonight.",
            "SMS from {g} {f}: ok see you thurs",
            "Tenant: {g} {f}, flat 2",
            "Please welcome {g} {f}, who starts on the night rota.",
            "Called {g} {f} back re the parcel.",
            "Kind regards,\n{g} {f}",
            "Meeting w/ Mr {f} and {g} {f} at 3.",
        ]
    ).format(g=g, f=f)


def _part_line(rng: random.Random, g: str, f: str) -> tuple[str, str]:
    """A line that uses one part: (line, the part used)."""
    if rng.random() < 0.6:
        line = rng.choice(
            [
                "{g} says the boiler is fixed.",
                "ask {g} if the keys came back",
                "Thanks {g}!",
                "{g} phoned twice about the invoice",
                "hope {g} feels better soon",
                "{g} will bring the forms on friday",
            ]
        )
        return line.format(g=g), g
    line = rng.choice(
        [
            "Mrs {f} rang about the deposit.",
            "Dr. {f} signed the referral.",
            "{f} family arriving saturday",
            "spoke to Mr {f} again, no change",
        ]
    )
    return line.format(f=f), f


def _alone_line(rng: random.Random) -> tuple[str, list[Pii]]:
    """A line naming people with no full name elsewhere: role cues and lists."""
    g, f = _person(rng)
    g2, f2 = _person(rng)
    g3 = rng.choice(GIVEN)
    k = rng.choice(KIN)
    r = rng.random()
    if r < 0.25:
        return f"my {k} {g} {f} is picking me up", [Pii("PERSON", f"{g} {f}")]
    if r < 0.5:
        return (
            f"{g}, {g2} and {g3} from the Leeds depot are on shift",
            [Pii("PERSON", g), Pii("PERSON", g2), Pii("PERSON", g3)],
        )
    if r < 0.75:
        return f"Ms {f2} confirmed the booking", [Pii("PERSON", f2)]
    return f"{g} {f} asked for a callback", [Pii("PERSON", f"{g} {f}")]


FILLER = [
    "the van is booked for 9.",
    "Parking is round the back.",
    "no update from the council yet",
    "Bring ID please.",
    "ok",
    "Forms are in the blue folder.",
]

CONTROLS = [
    "Trip notes: Cusco on Monday, then Ayacucho by bus. Bring cash for the quinoa stall.",
    "Dinner order: ceviche, tamales and pozole for six. Pick up at 7.",
    "Songkran starts Saturday, the office in Chiang Mai is closed until Wednesday.",
    "The Enugu and Onitsha depots report stock of egusi and okpa as normal.",
    "Naadam schedule: archery at 10, wrestling at 2. Airag and buuz at the tent.",
    "Visitor log 14:05 - courier (signed in at reception)",
    "Thanks all!\nKind regards,\nThe Lettings Team",
    "Handover: agency nurse takes bed 4 tonight.",
    "Loy Krathong lanterns are banned on the riverside this year.",
    "Xochimilco boats depart every hour; Tlaxcala tour is full.",
    "Menu: somtam, laab, sticky rice. Ask the kitchen about peanuts.",
    "Flight to Ulaanbaatar via Seoul, then the train to Darkhan.",
]


def doc(rng: random.Random, k: int) -> Doc:
    lines: list[str] = []
    pii: list[Pii] = []
    if rng.random() < 0.55:
        g, f = _person(rng)
        lines.append(_full_line(rng, g, f))
        pii.append(Pii("PERSON", f"{g} {f}"))
        part, _ = _part_line(rng, g, f)
        lines.append(part)
    else:
        line, ps = _alone_line(rng)
        lines.append(line)
        pii += ps
    for _ in range(rng.randint(0, 2)):
        lines.insert(rng.randint(0, len(lines)), rng.choice(FILLER))
    text = "\n".join(lines)
    if rng.random() < 0.25:
        text = text.lower()
        for p in pii:
            p.value = p.value.lower()
    return Doc(k, "foreign8_heldout", "en_GB", text, pii)


def generate(rng: random.Random, start_id: int = 0, n: int = 200) -> list[Doc]:
    docs = [doc(rng, start_id + k) for k in range(n)]
    for c in CONTROLS:
        docs.append(Doc(start_id + len(docs), "foreign8_heldout_control", "en_GB", c, [], control=True))
    return docs
