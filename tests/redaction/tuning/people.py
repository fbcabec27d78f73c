"""Tuning documents for people: bare handles (outside "@") in the places people put them, first
names that are ordinary words (Hope, Will, Grant) next to strong cues, non-English names and
names with particles, first names alone in lowercase chat and transcripts; and PII-free
controls that look like them (identifiers, config keys, file names, versions, the same words
used as words).

Word lists and templates are written here by hand, for this module only. ``HELD_OUT`` keeps a
second set of names and templates out of tuning: ``generate_held_out`` builds documents from
them, to check once that the rules generalise (see docs/REDACTION_GATEWAY.md)."""

from __future__ import annotations

import random
import re

from corpus import Doc, Pii

# ---------------------------------------------------------------- names (tuning set)
WORDLIKE_FIRST = ["Hope", "Joy", "Rose", "Will", "Bill", "Grant", "Rich", "Faith", "Grace", "Mark", "Dawn",
                  "Sky", "Summer", "Hunter", "Chase", "Autumn", "Pearl", "Ruby", "Frank", "Ray", "Sunny", "Destiny"]  # fmt: skip
WORDLIKE_LAST = ["Young", "Bright", "Little", "Strong", "Black", "Short", "Long", "Wise", "Hill", "Rivers", "Fox",
                 "Stone", "Moody", "Sharp", "Rich", "Savage", "Love", "Best", "Price", "Banks"]  # fmt: skip
PLAIN_LAST = ["Carter", "Okafor", "Lindqvist", "Marchetti", "Haddad", "Pereira", "Novak", "Brennan", "Achebe",
              "Sorensen", "Kaczmarek", "Delacroix"]  # fmt: skip
INTL = {
    "vietnamese": (
        ["Tuyết", "Hùng", "Phương", "Quỳnh", "Thảo", "Duy", "Khoa", "Ngọc", "Vy", "Tâm", "Nhung", "Hiếu"],
        ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Huỳnh"],
    ),
    "turkish": (
        ["Şükrü", "Gülşen", "Çağrı", "Özge", "Ümit", "Ebru", "Barış", "İlknur", "Tuğba", "Ferhat", "Oğuz"],
        ["Yıldız", "Aydın", "Öztürk", "Çelik", "Şahin", "Doğan", "Kılıç", "Arslan", "Koç", "Erdoğdu"],
    ),
    "mayan": (
        ["Yaxkin", "Kinich", "Ixchel", "Saasil", "Nikte", "Itzamná", "Chaac", "Ek'", "Kukul", "Sak Nikte"],
        ["Canché", "Chablé", "Tzec", "Poot", "Balam", "Ucán", "Chi", "Cen", "Mukul", "Tuz", "Kantún"],
    ),
    "nahuatl": (
        ["Citlalli", "Tonatiuh", "Xiuhcoatl", "Cuauhtli", "Yolotl", "Tlanextli", "Nochtli", "Itzcoatl"],
        ["Tlacuilo", "Coatl", "Ocelotl", "Mazatl", "Tecpatl", "Ayotl"],
    ),
    "polish": (
        ["Grzegorz", "Małgorzata", "Krzysztof", "Wojciech", "Jadwiga", "Bożena", "Zbigniew", "Łucja"],
        ["Wójcik", "Szczepański", "Brzezińska", "Kwiatkowski", "Zieliński", "Grabowska", "Pawłowski"],
    ),
    "yoruba": (
        ["Oluwatoyin", "Folasade", "Adewale", "Temitope", "Babatunde", "Morenike", "Olumide", "Yetunde"],
        ["Adeyemi", "Ogunleye", "Afolabi", "Olatunji", "Oyelaran", "Adebanjo", "Fashola"],
    ),
    "hindi": (
        ["Aarav", "Ishaan", "Kavya", "Ananya", "Vihaan", "Saanvi", "Devansh", "Meera"],
        ["Srivastava", "Chaturvedi", "Bhattacharya", "Raghunathan", "Deshpande", "Iyer"],
    ),
    "arabic": (
        ["Abdulrahman", "Noura", "Yousef", "Layla", "Hamza", "Mariam", "Tariq", "Rania"],
        ["Al-Qahtani", "Al-Harbi", "El-Sayed", "Haddad", "Nasser", "Al-Mansouri"],
    ),
}
PARTICLE_LAST = ["van der Meer", "van Dijk", "de la Fuente", "de Souza", "da Costa", "bin Rashid", "al-Amin",
                 "St. Clair", "St. James", "Mac Lochlainn", "Ó Briain", "von Bülow", "ter Horst", "du Plessis"]  # fmt: skip

# ---------------------------------------------------------------- handles
HANDLE_WORDS = ["sunny", "fox", "blue", "jazz", "pixel", "river", "wolf", "moon", "coffee", "tiger", "echo", "nova"]


def _ascii(s: str) -> str:
    table = str.maketrans("ıİşŞğĞçÇöÖüÜłŁńśźżąęóćđĐ", "iIsSgGcCoOuUlLnszzaeocdD")
    import unicodedata

    s = unicodedata.normalize("NFKD", s.translate(table))
    return re.sub(r"[^a-z]", "", "".join(c for c in s if not unicodedata.combining(c)).lower())


def handle(rng: random.Random, first: str, last: str) -> str:
    fi, la = _ascii(first) or "x", _ascii(last.split()[-1]) or "y"
    n = str(rng.randint(1, 99))
    return rng.choice(
        [
            f"{fi[0]}{la}",
            f"{la}_{fi[0]}",
            f"{fi}.{la[0]}{n}",
            f"{rng.choice(HANDLE_WORDS)}{rng.choice(HANDLE_WORDS)}_{n}",
            f"{fi[0]}{la}{n}",
            f"{la}.{fi[0]}",
            f"{fi}{la[0]}",
            f"{fi}_{la}",
            f"{la}{fi[:2]}{n}",
        ]
    )


HANDLE_CUES = [
    "ping {h} about it", "cc {h}", "assigned to {h}", "reassigned to {h} this morning", "can you reach {h}?",
    "DM {h} if stuck", "tag {h} on the PR", "password reset for {h}", "account {h} is locked",
    "login {h} cannot sign in", "user {h} reported it", "reset the MFA for {h}", "added {h} to the group",
]  # fmt: skip


def person(rng: random.Random) -> tuple[str, str, str]:
    kind = rng.choice(["wordlike", "wordlike", "intl", "intl", "particle"])
    if kind == "wordlike":
        return rng.choice(WORDLIKE_FIRST), rng.choice(WORDLIKE_LAST + PLAIN_LAST), kind
    if kind == "intl":
        firsts, lasts = INTL[rng.choice(sorted(INTL))]
        return rng.choice(firsts), rng.choice(lasts), kind
    return rng.choice(WORDLIKE_FIRST[:6] + INTL["turkish"][0][:4] + ["Pieter", "Ana"]), rng.choice(PARTICLE_LAST), kind


# ---------------------------------------------------------------- controls
CONTROLS = [
    "hope you are well! the grant application is due friday, will send the draft tonight. the bill for march is "
    "paid and the rose garden tour is booked.",
    "Config: set max_retries=5 and user_id_field=login in settings_prod.yaml; see release-5.3.1 notes and "
    "ERR_CONN_RESET in the logs. SKU AB-1234-XL is back in stock.",
    "ping the build server after the deploy, cc the platform channel, and assign to backend once triage is done. "
    "The login page and the account settings page both need the new banner.",
    "will do. joy of the week: the bright new dashboard loads in 2 s. young teams ship faster, rich text editor "
    "fixed, faith in the pipeline restored.",
    "Files attached: report_2024_q3.pdf, data_export_v2.csv, build.log and config.example.toml. The #launch2024 "
    "hashtag trended; error E1042 appeared twice in node-3.",
    "[09:14] ok: build green\n[09:15] note: deploy at 10\n[09:20] update: staging migrated to postgres_16",
    "Ticket fields: Status: open / Priority: high / Component: auth_service / Assignee: unassigned / "
    "Queue: tier2_support.",
    "Mark the old tickets as done. Grant access to the read_only role only. Bill the client for hours over 40. "
    "Frank feedback welcome. Chase the vendor about the invoice.",
    "the summer release brings dark mode; autumn brings sso. hunter2 is not a password anyone should use. "
    "sunny weather forecast for the offsite.",
    "Set the env var LOG_LEVEL=debug, restart worker_02 and check metrics_v3 dashboard. Use git tag v4.2.0-rc1.",
    "thanks for the quick fix! will check with the team and get back tomorrow. the grace period is 14 days.",
    "Dear customer, thank you for your order. Regards, the billing team.",
]  # fmt: skip


def _ts(rng: random.Random) -> str:
    return f"[{rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}]"


def doc(rng: random.Random, i: int) -> Doc:
    pii: list[Pii] = []

    def P(t: str, v: str) -> str:
        pii.append(Pii(t, v))
        return v

    first, last, kind = person(rng)
    f2, l2, _ = person(rng)
    h = handle(rng, first, last)
    h2 = handle(rng, f2, l2)
    style = rng.choice(
        ["chat", "chat_lower", "ticket", "email", "meeting", "transcript_lower", "crm", "notes_lower", "slack_copy"]
    )
    if style == "chat":
        cue = rng.choice(HANDLE_CUES).format(h=P("USERNAME", h2))
        text = (
            f"{_ts(rng)} {P('USERNAME', h)}: hey {P('PERSON', first)}, the export is broken again\n"
            f"{_ts(rng)} {h}: {cue}\n"
            f"{_ts(rng)} {P('PERSON', f2)}: on it, thanks {P('PERSON', first)}"
        )
    elif style == "chat_lower":
        fl, f2l = first.lower(), f2.lower()
        text = (
            f"{P('USERNAME', h)}: ok so {P('PERSON', fl)} said the vpn is down\n"
            f"{P('USERNAME', h2)}: ugh. ask {P('PERSON', f2l)} maybe\n"
            f"{h}: {rng.choice(HANDLE_CUES).format(h=P('USERNAME', handle(rng, f2, l2)))}\n"
            f"{h2}: thanks {P('PERSON', fl)}"
        )
    elif style == "ticket":
        text = (
            f"Ticket #{rng.randint(1000, 99999)}\nRequester: {P('PERSON', f'{first} {last}')} ({P('USERNAME', h)})\n"
            f"Summary: cannot log in since the update. {rng.choice(HANDLE_CUES).format(h=P('USERNAME', h2))}.\n"
            f"Note from {P('PERSON', f2)}: {rng.choice(HANDLE_CUES).format(h=h)}."
        )
    elif style == "email":
        text = (
            f"Hi {P('PERSON', first)},\n\nthanks for the notes. I spoke with {P('PERSON', f'{f2} {l2}')} and we "
            f"agreed to move the review. {P('PERSON', f2)} said the budget is fine.\n\n"
            f"Best,\n{P('PERSON', f'{rng.choice(WORDLIKE_FIRST)} {rng.choice(PLAIN_LAST)}')}"
        )
    elif style == "meeting":
        title = rng.choice(["Mr", "Ms", "Dr"])
        text = (
            f"Attendees: {P('PERSON', f'{first} {last}')}, {P('PERSON', f'{f2} {l2}')}\n"
            f"{title} {P('PERSON', last)} opened the meeting. Action: {P('PERSON', f2)} to follow up with "
            f"{P('PERSON', first)} and {P('PERSON', rng.choice(WORDLIKE_FIRST))}."
        )
    elif style == "transcript_lower":
        fl = first.lower()
        text = (
            f"speaker 1: hi this is {P('PERSON', fl)} from accounts\n"
            f"speaker 2: hi {P('PERSON', fl)} thanks for calling back. i spoke with {P('PERSON', f2.lower())} yesterday\n"
            f"speaker 1: right, {P('PERSON', f2.lower())} said it was sorted"
        )
    elif style == "notes_lower":
        fl, f2l = first.lower(), f2.lower()
        text = (
            f"daily sync\n{P('PERSON', fl)}: fixed the flaky test, next is the csv import\n"
            f"{P('PERSON', f2l)}: still on the invoices. {rng.choice(HANDLE_CUES).format(h=P('USERNAME', h))}\n"
            f"{P('PERSON', fl)}: will sync with {P('PERSON', f2l)} after lunch"
        )
    elif style == "slack_copy":
        text = (
            f"{P('USERNAME', h)}  {rng.randint(1, 12)}:{rng.randint(10, 59)} PM\n"
            f"hey {P('PERSON', f2)}, is the report ready?\n"
            f"{P('USERNAME', h2)}  {rng.randint(1, 12)}:{rng.randint(10, 59)} PM\n"
            f"almost, {P('PERSON', first)}. {rng.choice(HANDLE_CUES).format(h=P('USERNAME', h))} when it is"
        )
    else:
        text = (
            f"Call with {P('PERSON', f'{first} {last}')} re renewal. {P('PERSON', first)} asked for a quote; "
            f"cc {P('PERSON', f'{f2} {l2}')}. Their admin login is {P('USERNAME', h)}."
        )
    return Doc(i, f"people_{style}_{kind}", "en_US", text, pii)


def generate(rng: random.Random, start_id: int) -> list[Doc]:
    docs = [doc(rng, start_id + k) for k in range(140)]
    for c in CONTROLS:
        docs.append(Doc(start_id + len(docs), "people_control", "en_US", c, [], control=True))
    return docs


# ---------------------------------------------------------------- held out (never tuned on)
# Other names, handle shapes and templates, run once after tuning to check that the rules
# generalise: ``generate_held_out(random.Random("8:people"), 0)``. Not part of ``generate``.
HELD_OUT_WORDLIKE_FIRST = ["Hazel", "Cliff", "Drew", "Glen", "Miles", "Lance", "Reed", "Dale", "Wade", "Penny",
                           "Holly", "Ivy", "Amber", "Crystal", "Brook", "Sterling", "Bud", "Sue"]  # fmt: skip
HELD_OUT_WORDLIKE_LAST = ["Baker", "Church", "Lamb", "Gold", "Frost", "Steel", "Swift", "Cross", "Bell", "Wolf"]
HELD_OUT_INTL = [
    (["Lộc", "Bảo", "Nhật", "Thu", "Khang"], ["Phan", "Tạ", "Lâm", "Cao", "Mai"]),
    (["Serkan", "Gizem", "Yağmur", "Eylül", "Kerem"], ["Aksoy", "Kurtuluş", "Bozkurt", "Taşdemir", "Güler"]),
    (["Nahil", "Sak", "Chel", "Ixkab", "Yuum"], ["Uitz", "Coyoc", "Cahum", "Tec", "Chimal"]),
    (["Aminu", "Zainab", "Bello", "Hauwa"], ["Danjuma", "Lawal", "Garba", "Musa"]),
    (["Nino", "Giorgi", "Tamar", "Levan"], ["Beridze", "Kapanadze", "Gelashvili", "Tsereteli"]),
    (["Rhiannon", "Gwilym", "Eirlys", "Dafydd"], ["ap Rhys", "Pritchard", "Llewelyn", "Vaughan"]),
]
HELD_OUT_PARTICLE_LAST = ["van den Heuvel", "de los Santos", "ben Yosef", "de Vries", "St. Germain", "da Rocha",
                          "Ní Bhriain", "von Trapp", "la Salle"]  # fmt: skip
HELD_OUT_CUES = ["loop in {h}", "send it over to {h}", "login as {h} fails", "owner: {h}", "created by {h}",
                 "escalated to {h}", "handing this to {h}", "{h} has the admin account", "cc'd {h}"]  # fmt: skip
HELD_OUT_CONTROLS = [
    "drew up the plan, miles ahead of schedule. the reed valve and the brook crossing need photos. holly and ivy "
    "decorations go up friday; penny jar is full.",
    "Deploy notes: bump cache_ttl to 600, rotate api_key_v2, archive logs_2023.tar.gz. Owner: platform. "
    "Created by: ci_bot. Escalated to: tier2.",
    "Glen Coe trip photos are in the shared drive. The Amber alert test passed; Crystal Reports export still "
    "fails on build 7.1.4.",
    "loop in the on-call, send it over to the vendor, and cc the finance list. Handing this to ops tomorrow.",
    "Table users_archive has 12 rows; column last_login_at is null for 3. Run migrate_0042 then vacuum.",
    "Frost warning overnight, so the swift repair of the steel gate waits; the church bell concert is Sunday.",
]  # fmt: skip


def held_out_person(rng: random.Random) -> tuple[str, str]:
    r = rng.random()
    if r < 0.4:
        return rng.choice(HELD_OUT_WORDLIKE_FIRST), rng.choice(HELD_OUT_WORDLIKE_LAST + PLAIN_LAST)
    if r < 0.8:
        firsts, lasts = rng.choice(HELD_OUT_INTL)
        return rng.choice(firsts), rng.choice(lasts)
    firsts, _ = rng.choice(HELD_OUT_INTL)
    return rng.choice(firsts + HELD_OUT_WORDLIKE_FIRST), rng.choice(HELD_OUT_PARTICLE_LAST)


def held_out_handle(rng: random.Random, first: str, last: str) -> str:
    fi, la = _ascii(first) or "x", _ascii(last.split()[-1]) or "y"
    n = str(rng.randint(1, 999))
    return rng.choice([f"{fi}{la[:1]}{n}", f"{la}-{fi[:1]}", f"{fi[:3]}{la[:3]}", f"{la}{n}", f"{fi}.{la}",
                       f"{fi[0]}.{la}", f"x_{fi}_x", f"{la}_{fi}{n}"])  # fmt: skip


def generate_held_out(rng: random.Random, start_id: int, n: int = 120) -> list[Doc]:
    docs: list[Doc] = []
    for _ in range(n):
        pii: list[Pii] = []

        def P(t: str, v: str, pii: list[Pii] = pii) -> str:
            pii.append(Pii(t, v))
            return v

        (f1, l1), (f2, l2) = held_out_person(rng), held_out_person(rng)
        h1, h2 = held_out_handle(rng, f1, l1), held_out_handle(rng, f2, l2)
        style = rng.choice(["standup", "helpdesk", "voicemail", "thread", "minutes"])
        if style == "standup":
            text = (
                f"standup notes\n{P('PERSON', f1.lower())}: finished the export, blocked on review\n"
                f"{P('PERSON', f2.lower())}: {rng.choice(HELD_OUT_CUES).format(h=P('USERNAME', h1))}\n"
                f"action: {P('PERSON', f1.lower())} to pair with {P('PERSON', f2.lower())} tomorrow"
            )
        elif style == "helpdesk":
            text = (
                f"INC-{rng.randint(1000, 9999)} | reported by {P('PERSON', f'{f1} {l1}')}\n"
                f"Affected account: {P('USERNAME', h1)}. {rng.choice(HELD_OUT_CUES).format(h=P('USERNAME', h2))}.\n"
                f"Update from {P('PERSON', f2)} - password reset sent, waiting on {P('PERSON', f1)}."
            )
        elif style == "voicemail":
            text = (
                f"voicemail: hey its {P('PERSON', f1.lower())} {P('PERSON', l1.lower())} calling about the order, "
                f"my colleague {P('PERSON', f2.lower())} gave me your number, call me back thanks"
            )
        elif style == "thread":
            text = (
                f"{P('USERNAME', h1)} 10:02 AM\nmorning {P('PERSON', f2)}! quick one, {rng.choice(HELD_OUT_CUES).format(h=P('USERNAME', h2))}?\n"
                f"{P('USERNAME', h2)} 10:05 AM\nsure, {P('PERSON', f1)} - will do"
            )
        else:
            text = (
                f"Minutes\nPresent: {P('PERSON', f'{f1} {l1}')}, {P('PERSON', f'{f2} {l2}')}, the design team\n"
                f"{P('PERSON', f2)} presented the budget. Agreed: {P('PERSON', f1)} and {P('PERSON', f2)} to "
                f"review by Friday.\nNext chair: {P('PERSON', f'{f2} {l2}')}."
            )
        docs.append(Doc(start_id + len(docs), f"people_heldout_{style}", "en_US", text, pii))
    for c in HELD_OUT_CONTROLS:
        docs.append(Doc(start_id + len(docs), "people_heldout_control", "en_US", c, [], control=True))
    return docs
