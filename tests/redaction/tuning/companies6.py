"""Tuning documents for coined company names, round 6 (issue #13, COMPANY/coined): a firm named
once in a strong place (legal form, mail domain, signature block, address line) and then again
bare, far from any cue, in other casings and forms ("Veltrix's", "the Veltrix team", "VELTRIX",
"veltrix"); firms in lists next to a firm with a legal form; firms as the object of commerce verbs
("we buy from", "invoiced by", "switching to"). Controls: PII-free look-alikes.

Template-based; word lists and templates are this module's own (heldout/companies6_heldout.py is
built differently and is read only as an aggregate)."""

from __future__ import annotations

import random

from corpus import Doc, Pii

# ---------------------------------------------------------------- names
HEAD = "vel tal orb brix quen zor lum kav dren mir sarn pell cor vant fyn gald hux jor".split()
TAIL = "trix ique vane ora ello ant ix eta ivo ane ora usk ello ion".split()
PAIR_A = "Quiet Paper Tin Hollow Copper Velvet Little Second Amber Kind".split()
PAIR_B = "Ladder Fox Kettle Lantern Thread Anchor Owl Harbour Compass Sparrow".split()
CAMEL_A = "Ship Pay Stock Form Route Shelf Ticket Crate".split()
CAMEL_B = "Nest Loop Pilot Mint Hive Dock Kit Wise".split()
LEGAL = ["Ltd", "Limited", "LLC", "Inc.", "GmbH", "plc", "Pty Ltd", "S.A."]


def company(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.5:
        return (rng.choice(HEAD) + rng.choice(TAIL)).capitalize()
    if r < 0.75:
        return f"{rng.choice(PAIR_A)} {rng.choice(PAIR_B)}"
    return rng.choice(CAMEL_A) + rng.choice(CAMEL_B)


# ---------------------------------------------------------------- strong first mentions
STRONG = [
    "{C} {L} has been our packaging supplier since 2019",
    "the contract with {C} {L} renews on 1 March",
    "Invoice INV-{n} from {C} {L} is attached",
    "we onboarded {C} {L} as a second courier",
]
# later mentions with no cue at all, in other shapes
BARE = [
    "{C} shipped the first batch on Monday",
    "the {C} team said the fix is live",
    "{C}'s prices went up again",
    "I still think {C} is the safer bet",
    "honestly {C} have been great so far",
    "{C} came back with a revised offer",
    "nobody at {C} picked up",
    "{C} was late twice this month",
]
# commerce verbs, any register
COMMERCE = [
    "we buy our labels from {C}",
    "this month we were invoiced by {C} twice",
    "their rep from {C} is coming in Thursday",
    "we are switching to {C} for payroll",
    "we source the resin through {C}",
    "the spare parts are resold by {C}",
    "we outsourced the call centre to {C}",
    "the new freight quote is from {C}",
    "we dropped {C} after the audit",
    "got a refund out of {C} finally",
]
LIST_ROLE = ["vendors", "suppliers on the panel", "shortlist", "bidders", "carriers we use", "partners"]
TLD = ["com", "io", "co.uk", "net", "de"]
FIRST = "Mara Jonah Ilse Tobias Nadia Ruben Greta Felix".split()
LAST = "Ostrowski Lindqvist Achterberg Moreau Castellano Haddad".split()
CONTROLS = [
    "We moved the build from Jenkins to GitHub Actions, then added Dependabot.",
    "vendors: AWS, Azure and Google Cloud all quoted for the migration",
    "ok so we switched to Notion from Evernote and honestly no regrets",
    "The Thames Path was flooded near Henley, so we took the bus.",
    "Code names this year: Bramble, Thistle and Nettle.",
    "Dataset: Common Voice and LibriSpeech, evaluated on FLEURS.",
    "Shopping list: Heinz beans, Warburtons bread, Lurpak butter.",
    "we pay for Spotify, Netflix and Disney+ which is too much",
    "MEETING NOTES\n- Phoenix release slipped\n- Atlas dashboard done\n- Orion still blocked",
    "The Pacific Crest Trail took her five months.",
    "Invoice approved for Microsoft 365 and Slack licences.",
    "Switching to Linux Mint on the old laptop, Ubuntu felt slow.",
    "Our cat Biscuit and the dog Pepper do not get along.",
    "the Kilimanjaro trip is booked, flying via Nairobi",
    "Tickets for Hamilton and Les Mis are sold out.",
    "we buy coffee from Lavazza and tea from Twinings",
    "Team Falcon owns search; Team Heron owns billing.",
    "Support for Windows 10 ends soon; move to Windows 11.",
]


def _case(text: str, style: str) -> str:
    if style in ("chat_lower", "transcript_lower"):
        return text.lower()
    return text


def _wrap(style: str, lines: list[str], rng: random.Random) -> str:
    if style.startswith("chat"):
        nick = ["dev_ops", "finance", "lee"]
        return "\n".join(f"<{rng.choice(nick)}> {ln}" for ln in lines)
    if style.startswith("transcript"):
        return "\n".join(f"{'agent' if k % 2 == 0 else 'caller'}: {ln}." for k, ln in enumerate(lines))
    if style == "email":
        body = " ".join(ln[0].upper() + ln[1:] + "." for ln in lines)
        return f"Hi team,\n\n{body}\n\nCheers,\nOps"
    if style == "crm":
        return "\n".join(f"{d} - {ln}" for d, ln in zip(["12/03", "14/03", "19/03", "22/03"], lines, strict=False))
    if style == "ticket":
        return f"TICKET #{rng.randint(1000, 9999)}\nStatus: pending\n" + "\n".join(f"> {ln}" for ln in lines)
    if style == "meeting":
        return "Weekly sync\nAgenda\n" + "\n".join(f"  - {ln}" for ln in lines)
    return "To whom it may concern,\n\n" + " ".join(ln[0].upper() + ln[1:] + "." for ln in lines) + "\n\nKind regards"


def doc(rng: random.Random, i: int) -> Doc:
    style = rng.choice(["chat", "chat_lower", "transcript_lower", "email", "crm", "ticket", "meeting", "letter"])
    name = company(rng)
    lower = style.endswith("_lower")
    shown = name.lower() if lower else name
    pii = [Pii("COMPANY", shown)]
    kind = rng.random()
    lines: list[str] = []
    sig = ""
    if kind < 0.3:
        # strong first, then one or two bare mentions
        lines.append(rng.choice(STRONG).format(C=name, L=rng.choice(LEGAL), n=rng.randint(1000, 9999)))
        lines += [b.replace("{C}", name) for b in rng.sample(BARE, rng.choice([1, 2]))]
    elif kind < 0.5:
        # commerce verb, then a bare mention
        lines.append(rng.choice(COMMERCE).replace("{C}", name))
        lines.append(rng.choice(BARE).replace("{C}", name))
    elif kind < 0.7:
        # a list with one firm that carries a legal form
        other, third = company(rng), company(rng)
        anchor = f"{other} {rng.choice(LEGAL)}"
        members = [anchor, name, third]
        rng.shuffle(members)
        lines.append(f"{rng.choice(LIST_ROLE)}: {members[0]}, {members[1]} and {members[2]}")
        lines.append(rng.choice(BARE).replace("{C}", name))
        pii.append(Pii("COMPANY", third.lower() if lower else third))
    elif kind < 0.85 and not lower:
        # signature block or address line, then a bare mention in the body
        person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        pii.append(Pii("PERSON", person))
        lines.append(rng.choice(BARE).replace("{C}", name))
        domain = name.replace(" ", "").lower() + "." + rng.choice(TLD)
        if rng.random() < 0.5:
            sig = f"\n\n--\n{person}\nKey Account Manager\n{name}\nwww.{domain}"
        else:
            sig = f"\n\n{person}\n{name}, Unit {rng.randint(2, 40)} Mill Lane, Leeds LS{rng.randint(1, 28)}"
    else:
        lines.append(rng.choice(COMMERCE).replace("{C}", name))
        caps = rng.random() < 0.5 and not lower
        lines.append((name.upper() if caps else name) + " said they'd confirm by Friday")
        if caps:
            pii.append(Pii("COMPANY", name.upper()))
    text = _case(_wrap(style, lines, rng) + sig, style)
    return Doc(i, f"companies6_{style}", "en_GB", text, pii)


def generate(rng: random.Random, start_id: int) -> list[Doc]:
    docs = [doc(rng, start_id + k) for k in range(150)]
    for c in CONTROLS:
        docs.append(Doc(start_id + len(docs), "companies6_control", "en_GB", c, [], control=True))
    return docs
