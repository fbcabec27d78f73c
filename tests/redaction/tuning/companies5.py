"""Tuning documents for coined company names with no legal suffix, round 5 (issue #13,
COMPANY/coined): names that look English ("Brightpath"-like blends of two words, two common words
"Harbor Summit"), odd casing (lowercase chat and transcripts, ALL CAPS headers, CamelCase), in
roles round 4 did not write (procurement, legal, finance, news, HR, sales pipeline), and the same
firm seen twice in one text: once by a strong cue or its mail domain / web address, once bare.
Controls: PII-free look-alikes (public brands, products, places, datasets, code names).

Template-based; word lists and templates are this module's own (heldout/companies5_heldout.py is built
differently and is read only as an aggregate)."""

from __future__ import annotations

import random

from corpus import Doc, Pii

# ---------------------------------------------------------------- names
LEFT = ("bright north south east west silver gold iron copper cedar maple oak elm ash stone river lake "
        "sun moon star sky blue green red true clear high deep far wide open first").split()  # fmt: skip
RIGHT = ("path wind field bridge gate brook ridge haven point light wave line mark way stone wood vale "
         "crest view port side well spring star fall shore bay").split()  # fmt: skip
WORD_A = "Harbor Summit Granite Meadow Falcon Lantern Willow Atlas Beacon Orchard Cobalt Juniper".split()
WORD_B = "Ridge Summit Point Labs Peak Field Trail Grove Works Hollow Bay Row".split()
ROOTS = ("zen vel nor tav quin mor dax lum ser kal bri ost fen hal rav sol tir ved").split()
TAILS = ("ora ix ent ica ova ara ium era alis ity ium ano").split()
CAMEL_A = "Bright Clear Swift Quick Smart Open True Cloud Data Task".split()
CAMEL_B = "Ledger Desk Flow Sight Track Post Frame Stack Board Sync".split()


def company(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.35:
        left, right = rng.choice(LEFT), rng.choice(RIGHT)
        return (left + right).capitalize() if left != right else "Northwind"
    if r < 0.55:
        a, b = rng.choice(WORD_A), rng.choice(WORD_B)
        return f"{a} {b}" if a != b else "Atlas Ridge"
    if r < 0.8:
        return (rng.choice(ROOTS) + rng.choice(TAILS)).capitalize()
    return rng.choice(CAMEL_A) + rng.choice(CAMEL_B)


# ---------------------------------------------------------------- roles not written before
ROLE = [
    # procurement
    "RFP responses came in from {C} and one other bidder",
    "PO 4471 was issued to {C} yesterday",
    "we shortlisted {C} for the cleaning contract",
    "{C} won the tender for the fleet maintenance",
    "the quote {C} sent is 12% over budget",
    "procurement wants a second quote besides {C}",
    # legal
    "counterparty: {C}",
    "the NDA between us and {C} expires in June",
    "{C}'s counsel sent comments on clause 7",
    "we are in dispute with {C} over the late deliveries",
    "{C} is suing us for breach of contract",
    # finance
    "wire transfer to {C} bounced back",
    "remittance advice from {C} attached",
    "{C} remains our largest debtor at 38k",
    "please approve the payment run for {C}",
    "{C} extended our credit line",
    # news
    "{C} shares fell 8% after the earnings call",
    "{C} said it would cut 200 jobs",
    "a {C} spokesperson declined to comment",
    "{C} posted record revenue this quarter",
    # HR and careers
    "she got an offer from {C} and accepted",
    "second round interview at {C} on Tuesday",
    "he was a contractor for {C} for two years",
    "she moved from {C} to a startup",
    # sales
    "closed-won: {C}, 3-year term",
    "pipeline review: {C} slipped to next quarter",
    "{C} signed the order form on Friday",
    "{C} is a reference customer for the new module",
    "{C} asked for a discount on the renewal",
    # support / ops
    "{C}'s status page says all systems operational",
    "our courier {C} lost two parcels this week",
    "the outage was on {C}'s side, not ours",
    "{C} rolled back the faulty firmware",
]
# a second mention of the same firm with no cue at all
BARE = [
    "{C} again",
    "let's see what {C} says",
    "I'll forward it to {C} tomorrow",
    "{C} and I agreed on the dates",
    "still nothing from {C}",
    "{C} will know",
    "more on {C} next week",
    "ask {C} about it",
]
TLD = ["io", "com", "co", "co.uk", "de", "net", "app"]
CONTROLS = [
    "We moved the analytics jobs from Snowflake to BigQuery last spring.",
    "The Northern Line was down again, so I took the Overground.",
    "Project Bluebird ships in March; Operation Tinsel is on hold.",
    "benchmarked on CIFAR-10 and MNIST, results in the appendix",
    "[14:02] anyone tried the new vscode copilot chat?\n[14:03] yeah it's decent",
    "Trip report: Lake Tahoe, then Yosemite and Sequoia.",
    "The Stormbreaker sprint ends Friday; the next codename is Driftwood.",
    "speaker 1: did you watch the tour de france\nspeaker 2: only the last stage",
    "Our stack: Postgres, Redis, Kafka and Grafana.",
    "Subject: Offsite\n\nHi all,\n\nWe're going to Lisbon in June. The hotel is near Alfama.\n\nThanks",
    "I listen to Audible on the commute and read on a Kindle.",
    "The Greenway trail is closed between Millfield and the old quarry.",
    "MEETING NOTES - ROADMAP\n- Dark Mode ships in Q3\n- Search v2 in Q4",
    "Bought a Dyson and a Roomba, returned the Roomba.",
    "We use Jira for tickets and Confluence for docs.",
    "ok so the pixel 8 battery is way better than my old iphone",
    "Dinner: ramen at home, then tiramisu.",
    "Playing Zelda and Stardew Valley over the holidays.",
    "The Hubble and Webb images are on the wall in the lobby.",
    "Course: Coursera machine learning, then fast.ai.",
    "Hiking Ben Nevis next month, then Snowdon in August.",
    "The Falcon 9 launch was scrubbed due to weather.",
    "Release train: Brightwater (May), Copperfield (June).",
    "Lunch at Nando's, coffee at Pret.",
    "the windows update broke the teams client again",
]


def _variant(value: str, style: str, rng: random.Random) -> str:
    if style in ("chat_lower", "transcript_lower"):
        return value.lower()
    return value


def doc(rng: random.Random, i: int) -> Doc:
    style = rng.choice(["chat", "chat_lower", "transcript_lower", "transcript", "email", "crm", "ticket", "letter",
                        "meeting", "news"])  # fmt: skip
    low = style in ("chat_lower", "transcript_lower")
    name = company(rng)
    value = _variant(name, style, rng)
    pii = [Pii("COMPANY", value)]
    first = rng.choice(ROLE).replace("{C}", value)
    second = rng.choice(BARE).replace("{C}", value)
    domain = f"{name.replace(' ', '').lower()}.{rng.choice(TLD)}"
    header = ""
    r = rng.random()
    if r < 0.25 and not low:
        # the firm by its mail address or web site first
        lead = rng.choice([f"from: accounts@{domain}", f"cc billing@{domain}", f"contact: ops@{domain}"])
        pii.append(Pii("EMAIL", lead.split()[-1]))
        first = f"{lead}\n{first}"
    elif r < 0.4 and not low:
        header = f"{name.upper()} - ACCOUNT REVIEW\n"
        pii.append(Pii("COMPANY", name.upper()))
    if low:
        first, second = first.lower(), second.lower()
    if style.startswith("chat"):
        text = f"[{rng.randint(8, 18):02d}:{rng.randint(10, 59)}] {first}\n[{rng.randint(8, 18):02d}:{rng.randint(10, 59)}] {second}"
    elif style.startswith("transcript"):
        spk = ["Rep", "Client"] if style == "transcript" else ["speaker a", "speaker b"]
        text = f"{spk[0]}: {first}.\n{spk[1]}: {second}."
    elif style == "email":
        text = f"Hello all,\n\n{first[0].upper() + first[1:]}. {second[0].upper() + second[1:]}.\n\nBest,\nFinance"
    elif style == "crm":
        text = f"Activity log | {first} | next step: {second}"
    elif style == "ticket":
        text = f"CASE-{rng.randint(100, 9999)} [open]\nSummary: {first}\nComment: {second}"
    elif style == "meeting":
        text = f"Notes\n* {first}\n* {second}\n* next meeting Tuesday"
    elif style == "news":
        text = f"{first[0].upper() + first[1:]}, according to people familiar with the matter. {second[0].upper() + second[1:]}."
    else:
        text = f"Dear Mr Okafor,\n\nI write regarding the matter above: {first}. {second[0].upper() + second[1:]}.\n\nYours sincerely,\nLegal"
    return Doc(i, f"companies5_{style}", "en_US", header + text, pii)


def generate(rng: random.Random, start_id: int) -> list[Doc]:
    docs = [doc(rng, start_id + k) for k in range(160)]
    for c in CONTROLS:
        docs.append(Doc(start_id + len(docs), "companies5_control", "en_US", c, [], control=True))
    return docs
