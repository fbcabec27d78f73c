"""HELD-OUT documents for round 5 of issue #13 (people, UK inline addresses, 'yy birth dates).

Never tuned on: rules are designed on ``tuning/people5.py``; this set is read only as aggregate
rates (``benchmarks``-style leak % and controls altered %) by ``python -m tests.redaction.heldout``. It is NOT in ``tuning/`` so the tuning corpus does
not include it.

Built differently from the tuning module on purpose: sentences are composed from fragments
(who + act + object + tail) rather than whole templates, with other name sources (virtues,
trades, birds, Mayan day signs and K'iche'/Q'eqchi'-like surnames, other particles, Vietnamese
given names with diacritics stripped or kept), other registers (voicemail transcriptions, SMS
threads, visit logs, HR forms, Slack exports, dispatch notes) and other layouts (pipes, tabs,
key=value, trailing dashes, upper-cased names only)."""

from __future__ import annotations

import random

from corpus import Doc, Pii

GIVEN_WORD = ["Honor", "Mercy", "Cliff", "Wade", "Rusty", "Dusty", "Sandy", "Holly", "Iris", "Violet", "Heather",
              "Robin", "Jay", "Pat", "Sue", "Art", "Bud", "Dot", "Nell", "Dell", "Ginger", "Cherry", "Peaches",
              "Goldie", "Trinity", "Journey", "Haven", "Ocean", "Blaze", "Stormy"]  # fmt: skip
FAMILY_WORD = ["Moss", "Gold", "Fields", "Long", "Wood", "Knight", "Bishop", "Dawson", "Noble", "Love", "Hand",
               "Bird", "Lord", "Good", "Dear", "Pepper", "Rice", "Bean", "Best", "Boss", "Hunt", "Parks",
               "Sharp", "Cook", "Chase", "West", "North", "Snow", "Winter", "Wolf"]  # fmt: skip
GIVEN_MAYAN = ["Ix Chel", "Kan", "Chuwen", "Imox", "Aq'ab'al", "Kame", "Kej", "I'x", "Tz'ikin", "Kawok",
               "Junajpu", "Nawal", "Saqkab'", "Ixq'anil", "Wuqub'"]  # fmt: skip
FAMILY_MAYAN = ["Tzoy", "Chocooj", "Xuyá", "Cutzal", "Guarchaj", "Tambriz", "Tzunux", "Coj", "Ajanel", "Sub'uyuj",
                "Iboy", "Pacheco Tzul", "Chajil", "Tzep", "Xiloj", "Camey", "Ixcot", "Tojín"]  # fmt: skip
GIVEN_PART = ["Maren", "Dirk", "Inês", "Ahmad", "Caitríona", "Ottavio", "Yusuf", "Pilar", "Wim", "Rania"]
PARTICLE_FAMILY = ["van Aalst", "de Wit", "van der Linden", "von Thun", "dos Anjos", "da Rocha", "del Bosque",
                   "di Stefano", "bin Osman", "Ní Bhriain", "Mac Aodha", "al-Rashidi", "Abu Bakar",
                   "le Bihan", "du Pré", "ten Brink", "St. Laurent", "O'Rourke", "van den Broek"]  # fmt: skip
VIET_NAMES = [("Truong", "Bao"), ("Nguyen Van", "Khai"), ("Dang Thi", "Thu"), ("Luu", "Ngoc Anh"),
              ("Hoang", "Phuc"), ("Đinh Thị", "Diệp"), ("Tạ", "Quang Minh"), ("Châu", "Tuyết"),
              ("Mai Xuân", "Lộc"), ("Vương", "Hải")]  # fmt: skip

ACTS_FIRST = ["dropped off the keys", "wants a call back", "is chasing the refund", "finished the audit",
              "couldn't log in", "brought the samples", "is off sick", "approved the rota",
              "will swap shifts", "forgot the badge"]  # fmt: skip
LEAD_FIRST = ["", "fyi ", "update: ", "so ", "btw ", "note - ", "today ", "apparently "]
TAIL = ["", " again", " this morning", " before lunch", " (per front desk)", " - urgent", " ??", " lol"]
ADDR_LEAD = ["visit booked at", "collection from", "he's now living at", "correspondence to", "tenancy starts at",
             "keys left at", "our surveyor went to"]  # fmt: skip
ADDR_STREET = ["Priory Gardens", "Rope Walk", "Tannery Lane", "Gasworks Road", "Plover Crescent", "Vicarage Street",
               "Saxon Way", "Orchard Mews", "Bellfield Terrace", "Dove Close"]  # fmt: skip
ADDR_TOWN = ["Truro", "Morpeth", "Oban", "Ely", "Wrexham", "Salford", "Leek", "Alnwick", "Redruth", "Cromer"]
ADDR_PC = ["TR1 2QL", "NE61 1PD", "PA34 4BJ", "CB7 4LB", "LL11 1AY", "M3 6EN", "ST13 5HJ", "NE66 1TN", "TR15 2AZ",
           "NR27 9EW", "E1 6AN", "W1A 0AX", "G2 3DQ", "N1 9GU"]  # fmt: skip
MON3 = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONFULL = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]  # fmt: skip


def _dob(rng: random.Random) -> str:
    d, k, y = rng.randint(1, 30), rng.randrange(12), rng.randint(35, 99)
    sfx = "th" if 4 <= d <= 20 or 24 <= d <= 30 else ["st", "nd", "rd"][d % 10 - 1]
    q = rng.choice(["'", "’", "‘"])
    return rng.choice([
        f"{d} {MON3[k]} {q}{y}", f"{d}{sfx} {MONFULL[k]} {q}{y}", f"{MONFULL[k]} {d}{sfx} {q}{y}",
        f"the {d}{sfx} of {MONFULL[k]}, {q}{y}", f"{d}-{MON3[k]}-{q}{y}", f"{MON3[k].upper()} {d}, {q}{y}",
        f"{d} {MONFULL[k].lower()} {q}{y}",
    ])  # fmt: skip


def _dob_line(rng: random.Random, dob: str) -> str:
    return rng.choice([
        f"dob={dob}", f"Born: {dob}", f"DOB - {dob}", f"birthday {dob}", f"born {dob} apparently",
        f"Date of Birth\t{dob}", f"b.{dob}", f"D.O.B {dob}", f"she was born on {dob}",
    ])  # fmt: skip


def _who(rng: random.Random, add) -> tuple[str, str, str]:
    """(full, given, family) of one person, values registered through ``add``."""
    r = rng.random()
    if r < 0.3:
        g, f = rng.choice(GIVEN_WORD), rng.choice(FAMILY_WORD)
    elif r < 0.55:
        g, f = rng.choice(GIVEN_MAYAN), rng.choice(FAMILY_MAYAN)
    elif r < 0.8:
        g, f = rng.choice(GIVEN_PART), rng.choice(PARTICLE_FAMILY)
    else:
        f, g = rng.choice(VIET_NAMES)
        return f"{f} {g}", g, f
    return f"{g} {f}", g, f


def _fragment(rng: random.Random, add) -> str:
    full, given, family = _who(rng, add)
    r = rng.random()
    if r < 0.3:
        who = add(given)
    elif r < 0.5:
        who = rng.choice(["Mr ", "Mrs ", "Miss ", "Dr ", "Nurse ", "Sgt "]) + add(family)
    elif r < 0.62:
        who = add(family) + rng.choice(["'s husband", "'s daughter", " (tenant)", ", the landlord,"])
    else:
        who = add(full)
    return f"{rng.choice(LEAD_FIRST)}{who} {rng.choice(ACTS_FIRST)}{rng.choice(TAIL)}"


def doc(rng: random.Random, i: int) -> Doc:
    pii: list[Pii] = []
    reg = rng.choice(["voicemail", "sms", "visitlog", "hrform", "slack", "dispatch"])
    lower = reg in ("voicemail", "sms") and rng.random() < 0.7
    upper = reg == "dispatch"

    def add(v: str, typ: str = "PERSON") -> str:
        pii.append(Pii(typ, v))
        return v.upper() if upper else v

    frags = [_fragment(rng, add) for _ in range(rng.randint(1, 3))]
    extra = rng.random()
    if extra < 0.3:
        addr = f"{rng.randint(1, 140)} {rng.choice(ADDR_STREET)}{rng.choice([' ', ', '])}{rng.choice(ADDR_TOWN)}"
        addr += f"{rng.choice([' ', ', '])}{rng.choice(ADDR_PC)}"
        frags.append(f"{rng.choice(ADDR_LEAD)} {add(addr, 'ADDRESS')}{rng.choice(['', ' on Tues', ' asap'])}")
    elif extra < 0.55:
        frags.append(_dob_line(rng, add(_dob(rng), "DOB")))
    if lower:
        frags = [f.lower() for f in frags]
        for p in pii:
            p.value = p.value.lower()
    if reg == "voicemail":
        text = "Voicemail (auto-transcribed): " + " ... ".join(frags)
    elif reg == "sms":
        text = "\n".join(f"{'>' if k % 2 else '<'} {f}" for k, f in enumerate(frags))
    elif reg == "visitlog":
        text = "\n".join(f"{rng.randint(7, 19):02d}{rng.randint(0, 59):02d}\t{f}" for f in frags)
    elif reg == "hrform":
        text = "\n".join(f"field_{k}: {f}" for k, f in enumerate(frags))
    elif reg == "slack":
        text = "\n".join(f"{f} —" for f in frags)
    else:
        text = " | ".join(f.upper() for f in frags)
    return Doc(i, f"heldout5_{reg}", "en_GB", text, pii)


CONTROLS = [
    "Mercy Hospital car park is full; honor system for the coffee fund; sandy beach clean-up on Sat.",
    "build 4 Apr '22 shipped; the tag 'v9 Oct '23' stays pinned.",
    "VISIT LOG\n0915\tboiler serviced\n1040\tgas meter read\n1300\tlunch",
    "Robin Hood Airport closed in 2022. Holly and ivy on the door; violet and iris in the beds.",
    "Final score 21-14 on 3 Nov '19; rematch on the 8th of Dec '20.",
    "field_0: status=closed\nfield_1: priority=low\nfield_2: queue=repairs",
    "> ok see u at 5\n< cool, bring the ginger biscuits",
    "Voicemail (auto-transcribed): hi it's the surgery ... your repeat prescription is ready ... thanks bye",
    "Saxon Way retail units were let in March; Priory Gardens gets new benches.",
    "DISPATCH: UNIT 4 TO DEPOT | UNIT 7 ON BREAK | ALL CLEAR AT 1800",
    "The wolf pack documentary airs at 9; snow expected in the north and west by Friday.",
    "Long day, good news: the best bid came from the bean counters. Rice and pepper restocked.",
]  # fmt: skip


def generate(seed: int = 5, n: int = 220) -> list[Doc]:
    rng = random.Random(f"heldout5:{seed}")
    docs = [doc(rng, k) for k in range(n)]
    for c in CONTROLS:
        docs.append(Doc(len(docs), "heldout5_control", "en_GB", c, [], control=True))
    return docs
