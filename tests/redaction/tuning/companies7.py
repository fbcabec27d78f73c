"""Tuning documents for coined company names, round 7 (issue #13, COMPANY/coined): a made-up
brand word (or two) used ONCE as a firm, with no legal form, no domain and none of the strong
role phrases: only a weak noun-phrase place ("Zentrix said", "a call with Quantiva", "Novaro's
pricing", "Lumora and Acme", "our Brightvale contact", lowercase "we went with novaro").
Controls: the same places holding real tools, projects, drugs, places and products ("we went with
Grafana", "a call with Nairobi", "Ozempic's side effects").

Template-based; word lists and templates are this module's own (heldout/companies7_heldout.py is
built differently and is read only as an aggregate)."""

from __future__ import annotations

import random

from corpus import Doc, Pii

# ---------------------------------------------------------------- names of many makes
ROOT = (
    "zen bright nov quant lum ver sol ax cor flex nex omn aur cal dyn kin lyr mer nav opt pax rad syn tel vir".split()
)
END = "trix vale aro iva ora ique ado eon ium ara ent ivo ula ex ix yx elle ona".split()
JOIN_A = "Bright Stone Cloud Fern Iron Silver Red Oak Moss Cedar Swift Clear".split()
JOIN_B = "vale wick hurst mere ford bridge field gate crest dale wood brook".split()
RESPELL = "Klever Brite Flyte Kwik Lyte Qwick Zoomly Snapsy Trakr Flowly Shiftr Pixl Tappa Grabbo".split()
TWO_A = "Nuvo Zeta Orbi Vanta Kova Lumi Tera Sora".split()
TWO_B = "Works Point Base Hub Line".split()


def company(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.45:
        return (rng.choice(ROOT) + rng.choice(END)).capitalize()
    if r < 0.65:
        return rng.choice(JOIN_A) + rng.choice(JOIN_B)
    if r < 0.85:
        return rng.choice(RESPELL)
    return f"{rng.choice(TWO_A)}{rng.choice(['', ' '])}{rng.choice(TWO_B)}"


# ---------------------------------------------------------------- weak places, one mention
WEAK = [
    "{C} said the price holds until June",
    "{C} confirmed the delivery slot",
    "{C} announced a new plan for small teams",
    "{C} shipped the replacement units yesterday",
    "{C} charges per seat, which adds up",
    "{C} is late again with the samples",
    "{C} got back to us this morning",
    "{C} came in cheaper than expected",
    "{C} dropped the price by ten percent",
    "had a call with {C} about the onboarding",
    "met with {C} on Tuesday",
    "the quote for {C} is in the shared drive",
    "still waiting on {C} for the signed copy",
    "talked to {C} about volume discounts",
    "we went with {C} in the end",
    "we picked {C} over the local option",
    "{C}'s pricing page changed again",
    "{C}'s rep wants a follow-up",
    "{C}'s contract is up for review",
    "our {C} contact left last month",
    "our contact at {C} is on leave",
    "ask {C} if they can do Friday",
    "I'll loop in {C} once legal signs off",
    "the {C} proposal looked thin",
    "compare {C} against the incumbent before Friday",
    "{C} vs the incumbent, pros and cons below",
    "moving the onboarding to {C} next quarter",
    "got a demo booked with {C}",
    "reminder to chase {C} about the credit note",
    "{C} wants a two year term",
]
LIST = [
    "shortlist is {C}, {O} and {P}",
    "we compared {C} and {O} on price",
    "{C}, {O}, {P} all replied by noon",
]
LOWER = [
    "we went with {c} in the end",
    "{c} said they can do it cheaper",
    "yeah {c} got back to me",
    "talked to {c} this morning",
    "honestly {c} is the better deal",
    "i'll ping {c} again tomorrow",
    "did {c} ever send the pricing",
    "{c} wants us to sign by friday",
]
CONTROLS = [
    "We went with Grafana in the end; Kibana felt heavy.",
    "Kubernetes said the pod was evicted, so we raised the memory limit.",
    "had a call with the Nairobi office about the rollout",
    "Our Vitest setup replaced Jest last sprint.",
    "Ozempic's side effects were mild for most patients in the trial.",
    "we picked Tailwind over Bootstrap for the new site",
    "compare Postgres against SQLite before Friday",
    "Terraform announced a new licence, so we moved to OpenTofu.",
    "Lisinopril is taken once a day, usually in the morning.",
    "met with the Zaragoza team on Tuesday",
    "Svelte, Solid and Qwik all render faster than the old stack.",
    "ask Claude if it can summarise the thread",
    "i'll ping the grafana dashboard again tomorrow",
    "Our contact at Heathrow says the flights are back on schedule.",
    "the Pixel shipped with Android 14 and a new camera",
    "we switched from Homebrew to Nix for the dev machines",
    "Wordle got harder this week, honestly",
    "the Kindle is late again with the update",
    "Vercel's pricing page changed again",
    "Astro shipped view transitions in the last release",
    "talked to Duolingo about nothing, just did my Spanish lesson",
    "Metformin and Atorvastatin are both on the repeat prescription.",
    "we went to Cartagena and then Medellín",
    "Fastify vs Express, pros and cons below",
    "Pydantic confirmed the field is optional in v2.",
    "our Obsidian vault is synced with Syncthing",
    "Zigbee and Thread both work with the new hub",
    "The Prius came in cheaper than expected after the discount.",
    "ok so we went with hetzner for the vps and caddy for tls",
    "Lumos is the spell that lights the wand in Harry Potter.",
]


def _wrap(style: str, lines: list[str], rng: random.Random) -> str:
    if style == "chat_lower":
        return "\n".join(
            f"[{9 + k}:{rng.randint(10, 59)}] {rng.choice(['sam', 'kit', 'ops'])}: {ln}" for k, ln in enumerate(lines)
        )
    if style == "transcript_lower":
        return " ".join(f"speaker {k % 2 + 1}: {ln}." for k, ln in enumerate(lines))
    if style == "email":
        body = "\n\n".join(ln[0].upper() + ln[1:] + "." for ln in lines)
        return f"Hello all,\n\n{body}\n\nThanks,\nProcurement"
    if style == "crm":
        return "Account notes\n" + "\n".join(f"* {ln}" for ln in lines)
    if style == "ticket":
        return f"Ticket {rng.randint(100, 999)} | priority: low\n" + "\n".join(
            ln[0].upper() + ln[1:] + "." for ln in lines
        )
    if style == "meeting":
        return "Minutes, purchasing sync\n" + "\n".join(f"{k + 1}. {ln}" for k, ln in enumerate(lines))
    return "Dear colleague,\n\n" + " ".join(ln[0].upper() + ln[1:] + "." for ln in lines) + "\n\nYours faithfully"


FILLER = [
    "the budget is fixed for this year",
    "legal wants the template updated",
    "no change on the timeline",
    "finance approved the spend",
]


def doc(rng: random.Random, i: int) -> Doc:
    style = rng.choice(["chat_lower", "transcript_lower", "email", "crm", "ticket", "meeting", "letter"])
    name = company(rng)
    lower = style.endswith("_lower")
    pii = []
    if lower:
        line = rng.choice(LOWER).replace("{c}", name.lower())
        pii.append(Pii("COMPANY", name.lower()))
    elif rng.random() < 0.15:
        o, p = company(rng), company(rng)
        line = rng.choice(LIST).format(C=name, O=o, P=p)
        pii += [Pii("COMPANY", name), Pii("COMPANY", o)] + ([Pii("COMPANY", p)] if "{P}" in line else [])
        pii = [x for x in pii if x.value in line]
    else:
        line = rng.choice(WEAK).replace("{C}", name)
        pii.append(Pii("COMPANY", name))
    lines = rng.sample(FILLER, 2)
    lines.insert(rng.randint(0, 2), line)
    return Doc(i, f"companies7_{style}", "en_GB", _wrap(style, lines, rng), pii)


def generate(rng: random.Random, start_id: int) -> list[Doc]:
    docs = [doc(rng, start_id + k) for k in range(160)]
    for c in CONTROLS:
        docs.append(Doc(start_id + len(docs), "companies7_control", "en_GB", c, [], control=True))
    return docs
