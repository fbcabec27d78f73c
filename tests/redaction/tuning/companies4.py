"""Tuning documents for coined company names with no legal suffix (issue #13, COMPANY/coined): one
or two invented words built in the ways real brands are ("Hushleaf", a blend of two English
words; "Trakwise", "Mendify", "Solvanta", a stem and a brand ending; "ShipLoom", intercaps;
"Gathr", a dropped vowel; "Brisk Harbor", two plain words), in many roles (employer, vendor,
customer, acquirer, sender of invoices, subject of what firms do) and registers (chat, lowercase
transcripts, email, CRM notes, tickets, letters, meeting notes). Controls: PII-free look-alikes
that are public (brands, products, datasets, places, code names, teams, dishes, drugs, libraries).

Word lists, fragments and templates are this module's own (not those of companies.py or people3.py)."""

from __future__ import annotations

import random

from corpus import Doc, Pii

# ---------------------------------------------------------------- coined names, by morphology
BLEND_A = ("hush brisk plum slate mint loom reed kite quill fern amber birch cobble dusk frost glint "
           "hazel lark moth nettle oat pine rill sable thorn vale willow bright cloud swift true "
           "clear bold keen").split()  # fmt: skip
BLEND_B = ("leaf path nest spark wing mark loop gate bloom forge shore well stone craft beam line "
           "post root sail wick crest fold hive ledger point").split()  # fmt: skip
STEMS = ("trak mend snap flo gro kin zap cura tempo vanta solv nuvo bold ledg sprout tally pivo "
         "quanta brava hearth stell mobi fint medi ember parcel klar renta cargo verd lumin").split()  # fmt: skip
ENDINGS = "ly ify io ix ex ora ara eon wise labs works hub stack base grid ster scape sy za ium ado ova ent iq".split()
INTER_A = "Data Pay Ship Code Cargo Medi Lease Stock Crew Ledger Ticket Quote Field Shelf Route Clinic".split()
INTER_B = "Loom Nest Harbor Vault Pilot Forge Kite Bridge Works Dock Sprout Lane Fox Owl Scout Mint".split()
DROPPED = ("Gathr Tradr Stackd Brewr Plannr Mixr Rentd Sortd Bookr Fetchr Listr Pikd Hirly Shiftd "
           "Scribr Loopd").split()  # fmt: skip
SYLLABLES = ["sen", "tra", "mir", "cal", "dov", "pel", "ren", "sto", "lai", "gre", "nox", "vis", "tor", "han",
             "pim", "oke", "zar", "ulu", "wen", "kav", "dri", "esk", "yol", "hib", "marq", "teo"]  # fmt: skip
PAIR_A = "Brisk Paper Tandem Orbit Little Second Quiet Yellow Copper Open Blue Kindred Northbound".split()
PAIR_B = "Harbor Kite Leaf Pine Lantern Fox Window Ladder Orchard Compass Otter Thread Bicycle".split()


def coined(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.22:
        return (rng.choice(BLEND_A) + rng.choice(BLEND_B)).capitalize()
    if r < 0.44:
        stem = rng.choice(STEMS)
        end = rng.choice(ENDINGS)
        if stem[-1] in "aeiou" and end[0] in "aeiou":
            stem = stem[:-1]
        return (stem + end).capitalize()
    if r < 0.58:
        return rng.choice(INTER_A) + rng.choice(INTER_B)
    if r < 0.66:
        return rng.choice(DROPPED)
    if r < 0.86:
        w = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        return w.capitalize()
    if r < 0.93:
        return f"{rng.choice(PAIR_A)} {rng.choice(PAIR_B)}"
    # a coined word and a plain one: "Solvanta Cloud", "Hushleaf Home"
    return f"{(rng.choice(STEMS) + rng.choice(ENDINGS)).capitalize()} {rng.choice(['Home', 'Go', 'One', 'Pay'])}"


# ---------------------------------------------------------------- roles, in several registers
SENTENCES = [
    # employer
    "{C} hired her as a data engineer in the spring",
    "before that he spent six years at {C}",
    "she's a product manager over at {C}",
    "Reference: worked for {C} from 2018 to 2022",
    "Previous employer: {C}",
    "he quit {C} in January and is freelancing now",
    "Ex-{C} folks tend to apply in pairs",
    # vendor / supplier
    "{C} still hasn't shipped the replacement parts",
    "our payroll runs through {C} since March",
    "the {C} invoice came in at 4,200",
    "we pay {C} about 900 a month for hosting",
    "{C} raised their prices again",
    "Escalated to {C} support, ticket is still open",
    "the new scanners are from {C}",
    "{C} support closed the ticket without a fix",
    # customer / account
    "{C} wants to expand to 300 seats next quarter",
    "Demo for {C} on Thursday at 2pm",
    "{C} is evaluating us against two competitors",
    "renewal for {C} is due on the 14th",
    "{C} pushed back on the price increase",
    "Account: {C} (mid-market, 120 seats)",
    "POC with {C} starts next week",
    "{C} churned in Q2, citing budget cuts",
    "we lost {C} to a competitor",
    "{C} approved the budget for the pilot",
    "{C} reported an outage on their side",
    "{C} users can't log in since the update",
    # corporate events
    "{C} acquired a small design agency last year",
    "{C} announced layoffs on Monday",
    "{C} closed a Series B in October",
    "{C} just opened an office in Leeds",
    "{C} (Series A, 40 staff) asked for a security review",
    "heard {C} is being bought by a bigger player",
    # meetings and mail
    "Attendees: Priya (us), Tom and Sara ({C})",
    "Intro call: us <> {C}",
    "Subject: {C} onboarding - next steps",
    "Thanks again for hosting us at {C} last week",
    "I'm writing on behalf of {C} regarding the open balance",
    "the folks from {C} will join the call at 3",
    "{C} sent over the redlined MSA this morning",
    "Can you loop in our contact at {C}?",
    "Follow-up with {C} re: SSO setup",
    "{C} confirmed the go-live for the 3rd",
    # meeting bullets, ticket fields, subject lines, lists, bare prepositions
    "{C}: renewal at risk, champion left",
    "Action: Jo to send the revised SOW to {C}",
    "Vendors shortlisted: {C}, Acme and two others",
    "Org: {C} | Plan: Enterprise | Seats: 85",
    "Re: {C} - revised pricing",
    "we've been using {C} for payroll since 2021",
    "Would {C} be open to a three-year term?",
    "Talks with {C} stalled over the indemnity cap",
    "Reporter: Sam Patel ({C})",
    "had a good call with {C} this morning",
    "Quick question from the {C} procurement team about net-60 terms",
    "Kickoff at {C} HQ on Monday",
]
# the same roles with no cue word our older rules use: a sentence that opens with the name
LEADS = ["", "", "", "Update: ", "FYI ", "Note: ", "ok so ", "btw "]

# ---------------------------------------------------------------- PII-free look-alikes
CONTROLS = [
    "We trained the baseline on LibriSpeech and evaluated on CommonVoice.",
    "ImageNet accuracy went up two points after the new augmentations.",
    "Tidewater is a lovely drive from here, about two hours down the coast.",
    "Project Nimbus moves to phase two; Operation Bluefin is on hold.",
    "the canucks won again last night, third in a row",
    "Dinner was shakshuka and a big bowl of bibimbap.",
    "Take ibuprofen with food; amoxicillin twice a day for a week.",
    "We pinned FastAPI, Pydantic and Matplotlib in the lockfile.",
    "The backend is Kotlin, the scripts are Haskell and Elixir.",
    "Whisper transcribes the audio; Llama summarises it.",
    "I use Duolingo every morning and Grammarly for emails.",
    "Kalamazoo and Ypsilanti both got snow overnight.",
    "speaker 1: did you see the wimbledon final\nspeaker 2: yeah what a match",
    "[09:12] the new kubectl plugin broke my zsh prompt\n[09:13] same here",
    "Subject: Q3 roadmap\n\nHi all,\n\nWe ship Dark Mode in July and Offline Sync in August.\n\nThanks",
    "Meeting notes: Riverbend (the new office) opens in May; parking at Millbrook station.",
    "Ticket 4471: PDF export fails in Firefox on Windows 11.",
    "we ordered pierogi and kimchi for the team lunch",
    "The Quarterly Review covered Brightline Rail and the Eurostar timetable.",
    "Book club pick: Middlemarch, then Wolf Hall.",
    "Our Wi-Fi is called Starlink-Guest; the printer is HP LaserJet.",
    "Benchmarks: SQuAD, GLUE and WikiText-103 all improved.",
    "Reminder: the Spring Fling is on Friday at Lakeshore Park.",
    "The codename for the release is Foxglove; the next one is Hawthorn.",
    "we switched the laptops to ubuntu and the phones to android",
    "The Lakers and the Celtics play tonight.",
    "Dear customer, your Netflix and Spotify renewals are due next week.",
    "Tried Peloton for a month, switched to Strava.",
    "Agenda: 1. Hiring 2. Offsite in Porto 3. Budget",
    "The Kestrel drone and the Osprey sensor pass field tests in May.",
]


def _lower(s: str, low: bool) -> str:
    return s.lower() if low else s


def _sentence(rng: random.Random, value: str) -> str:
    s = rng.choice(SENTENCES).replace("{C}", value)
    lead = rng.choice(LEADS)
    return lead + s if lead else s[0].upper() + s[1:]


def doc(rng: random.Random, i: int) -> Doc:
    style = rng.choice(["chat", "chat_lower", "transcript_lower", "transcript", "email", "crm", "ticket", "letter",
                        "meeting"])  # fmt: skip
    low = style in ("chat_lower", "transcript_lower")
    pii: list[Pii] = []
    parts = []
    for _ in range(2):
        value = _lower(coined(rng), low)
        if value not in [p.value for p in pii]:
            pii.append(Pii("COMPANY", value))
        parts.append(_lower(_sentence(rng, value), low))
    if style.startswith("chat"):
        text = "\n".join(f"[{rng.randint(8, 18):02d}:{rng.randint(10, 59)}] {p}" for p in parts)
    elif style.startswith("transcript"):
        spk = ["Agent", "Caller"] if style == "transcript" else ["speaker 1", "speaker 2"]
        text = "\n".join(f"{spk[k % 2]}: {p}." for k, p in enumerate(parts))
    elif style == "email":
        text = f"Hi team,\n\n{parts[0]}. {parts[1]}.\n\nCheers,\nOps"
    elif style == "crm":
        text = f"Note {rng.randint(1, 28)}/{rng.randint(1, 12)}: {parts[0]}. {parts[1]}."
    elif style == "ticket":
        text = f"INC-{rng.randint(1000, 99999)}\nDescription: {parts[0]}.\nUpdate: {parts[1]}."
    elif style == "meeting":
        text = f"Weekly sync\n- {parts[0]}\n- {parts[1]}\n- AOB: none"
    else:
        text = f"Dear Ms Lee,\n\n{parts[0]}. Furthermore, {parts[1]}.\n\nKind regards,\nAccounts"
    return Doc(i, f"companies4_{style}", "en_US", text, pii)


def generate(rng: random.Random, start_id: int) -> list[Doc]:
    docs = [doc(rng, start_id + k) for k in range(180)]
    for c in CONTROLS:
        docs.append(Doc(start_id + len(docs), "companies4_control", "en_US", c, [], control=True))
    return docs
