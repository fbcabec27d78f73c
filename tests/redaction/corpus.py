"""A seeded, labelled corpus for the redaction gateway: many styles (emails, meeting notes, CRM
notes, support tickets, chat, cased and lowercase diarized transcripts), several English
locales, names with apostrophes and hyphens, PII next to punctuation and across line breaks,
spoken forms in transcripts, and PII-free control texts.

``generate(n, seed)`` -> list of ``Doc`` (text, labelled PII values, control flag). Faker is a
test dependency; the detector's gazetteer is NOT built from Faker's lists."""

from __future__ import annotations

import collections
import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from faker import Faker

LOCALES = ("en_US", "en_GB", "en_IE", "en_AU", "en_CA", "en_IN", "en_NZ")
STYLES = (
    "email", "meeting", "crm", "ticket", "chat", "transcript_cased", "transcript_lower",
    # the kinds issue #13 found leaking on unseen text (own templates, own name and company sources)
    "letter", "chat_lower", "support_handles", "meeting_turns", "crm_intl",
)  # fmt: skip
# non-English locales for names (Faker) and a few hand-written names it lacks
INTL_LOCALES = ("tr_TR", "de_DE", "es_MX", "fr_FR", "it_IT", "nl_NL", "pl_PL", "pt_BR", "sv_SE", "yo_NG")
INTL_FIRST = ["Ixchel", "Itzel", "Balam", "Kinich", "Yaretzi", "Nayeli", "Tenoch", "Citlali", "Oyelaran", "Xochitl"]
INTL_LAST = ["Canul", "Tzuc", "Chan Pech", "Ek Balam", "Uc", "Poot", "Cocom", "Itzá", "Kumul", "Dzul"]
PARTICLE_LAST = ["St. John", "van der Berg", "de la Cruz", "von Hagen", "da Silva", "Mac Giolla", "bin Hassan",
                 "dos Santos", "le Roux", "di Marco"]  # fmt: skip
# invented companies: coined words from syllables + a sector word (never from a list the detector has)
SYL = ["zor", "vex", "qua", "lin", "tri", "bo", "nex", "ul", "ka", "mir", "sol", "dra", "fen", "ix", "ta", "ro",
       "vy", "plo", "gri", "an", "cel", "tor", "mu", "zen"]  # fmt: skip
SECTOR = ["Group", "Foods", "Capital", "Systems", "Media", "Robotics", "Labs", "Logistics", "Health", "Analytics",
          "Dynamics", "Networks", "Studios", "Partners", "Energy", "Works", "Biotech", "Holdings"]  # fmt: skip
ADJ = ["Blue", "North", "Silver", "Bright", "Iron", "Golden", "Quiet", "Red", "Summit", "Harbor", "Clear", "Vast"]

EXTRA_FIRST = ["Siobhan", "Aoife", "Niamh", "Padraig", "Zoë", "Renée", "D'Arcy", "Mary-Kate", "Jean-Luc", "Anne-Marie"]
EXTRA_LAST = ["O'Connell", "O'Brien", "D'Souza", "McAllister", "MacDonald", "O'Neill-Hughes", "Fitzgerald", "D'Angelo"]
# (not Faker's day_of_week()/month_name(): they draw a date up to *now*, so the corpus would change
# with the clock)
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]  # fmt: skip
ORD = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
       "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
       "twentieth", "twenty first", "twenty second", "twenty third", "twenty fourth", "twenty fifth",
       "twenty sixth", "twenty seventh", "twenty eighth"]  # fmt: skip
TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}
# PII-free texts full of capitalised words, places, products and name-like ordinary words
HARD_CONTROLS = [
    "Project Phoenix Update\nThe migration to Amazon Web Services finished on Tuesday. The New York and Santa "
    "Clara offices moved to Microsoft Teams, and the Jordan expansion is on hold until Q3. Revenue was $4.2M, up "
    "12% year over year.\nBest regards,\nThe Support Team",
    "Agenda for the All Hands\n1. Welcome and Introductions\n2. Quarterly Results Review\n"
    "3. Roadmap: Search, Billing, Mobile App\n4. Q&A",
    "Order #4471902 shipped via UPS on 12/03/2024; tracking will be emailed. Version 3.14.159 of the Android app "
    "is live in Google Play.",
    "Incident report: at 02:14 UTC the load balancer in eu-west-1 returned 502 errors for 7 minutes. Root cause: "
    "an expired TLS certificate. Action items: automate renewal, add an alert at 14 days.",
    "Meeting notes: Sprint Planning\nDecisions: we will drop the legacy API in May; Grace period for customers "
    "is 30 days. Mark all stale tickets as won't fix. Will revisit in June.",
    "Hi all, welcome to the Customer Success Weekly. This week: Salesforce rollout, HubSpot sync fixes, and the "
    "Zendesk macro cleanup. Please read the Confluence page before Thursday.",
    "speaker 1: so the dashboard is slow again\nspeaker 2: yeah the json payload is huge we should paginate it "
    "and maybe cache the repo metadata in redis\nspeaker 1: okay i'll open a jira ticket and we can look at it "
    "on monday",
    "Thanks for the update. The Marketing and Sales teams will review the Brand Guidelines next week. Please "
    "send comments to the Design channel.",
    "The working group reviewed social media metrics, our systems capacity and the capital budget. The login page "
    "will handle the new user flow; the date of birth field stays optional. Capital Markets Day is in May.",
    "chat: [10:02] ok the build is green, can someone handle the release notes? the login screen still says "
    "user: guest on staging, born out of the old template i guess",
    "Summary: Customer reported that the export button does nothing in Chrome and Safari. Reproduced on macOS "
    "14.2. Workaround: use Firefox. Fix scheduled for release 5.3.",
]
SUFFIXES = ["Street", "Road", "Avenue", "Lane", "Drive", "Close", "Way", "Court", "Place", "Terrace", "Crescent"]


@dataclass
class Pii:
    type: str
    value: str


@dataclass
class Doc:
    id: int
    style: str
    locale: str
    text: str
    pii: list[Pii] = field(default_factory=list)
    control: bool = False


def _luhn_card(rng: random.Random) -> str:
    prefix = rng.choice(["4", "51", "52", "37", "6011"])
    length = 15 if prefix == "37" else 16
    digits = [int(c) for c in prefix] + [rng.randint(0, 9) for _ in range(length - len(prefix) - 1)]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    digits.append((10 - total % 10) % 10)
    s = "".join(map(str, digits))
    sep = rng.choice(["", " ", "-"])
    groups = [s[i : i + 4] for i in range(0, len(s), 4)] if length == 16 else [s[:4], s[4:10], s[10:]]
    return sep.join(groups)


def _year_words(y: int) -> str:
    hi, lo = divmod(y, 100)
    pre = {19: "nineteen", 20: "twenty"}[hi]
    if lo == 0:
        return "two thousand" if hi == 20 else "nineteen hundred"
    if lo < 10:
        return f"{pre} oh {DIGITS[lo]}" if hi == 19 else f"two thousand and {DIGITS[lo]}"
    if lo < 20:
        teens = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                 "nineteen"]  # fmt: skip
        return f"{pre} {teens[lo - 10]}"
    t, u = divmod(lo, 10)
    return f"{pre} {TENS[t]}" + (f" {DIGITS[u]}" if u else "")


class Gen:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fakers = {loc: Faker(loc) for loc in LOCALES}
        for i, f in enumerate(self.fakers.values()):
            f.seed_instance(seed * 31 + i)
        self.intl = {loc: Faker(loc) for loc in INTL_LOCALES}
        for i, f in enumerate(self.intl.values()):
            f.seed_instance(seed * 37 + i)

    def person(self, f: Faker) -> tuple[str, str]:
        r = self.rng.random()
        first = f.first_name() if r > 0.12 else self.rng.choice(EXTRA_FIRST)
        r = self.rng.random()
        if r < 0.08:
            last = self.rng.choice(EXTRA_LAST)
        elif r < 0.16:
            last = f"{f.last_name()}-{f.last_name()}"
        else:
            last = f.last_name()
        return first, last

    def phone(self, f: Faker, loc: str) -> str:
        r = self.rng.random()
        if r < 0.4:
            return f.phone_number()
        if loc == "en_GB" or r < 0.55:
            return self.rng.choice(["+44 20 7946 0", "07700 900", "0161 496 0"]) + f"{self.rng.randint(100, 999)}"
        return f"({self.rng.randint(201, 989)}) {self.rng.randint(200, 999)}-{self.rng.randint(1000, 9999)}"

    def email(self, f: Faker, first: str, last: str) -> str:
        clean = lambda s: re.sub(r"[^a-z]", "", s.lower())  # noqa: E731
        r = self.rng.random()
        if r < 0.5:
            return f"{clean(first)}.{clean(last)}@{f.free_email_domain()}"
        return f.email()

    def address(self, f: Faker, loc: str, multiline: bool) -> str:
        num = self.rng.randint(1, 9999)
        street = f"{num} {f.last_name()} {self.rng.choice(SUFFIXES)}"
        sep = "\n" if multiline else ", "
        if loc == "en_US":
            return f"{street}{sep}{f.city()}, {f.state_abbr()} {f.zipcode()}"
        if loc == "en_GB":
            return f"{street}{sep}{f.city()}{sep}{f.postcode()}"
        if loc == "en_AU":
            return f"{street}{sep}{f.city()} {f.state_abbr()} {f.postcode()}"
        if loc == "en_CA":
            return f"{street}{sep}{f.city()}, {f.province_abbr()} {f.postcode()}"
        return f"{street}{sep}{f.city()}"

    def dob_written(self) -> str:
        y, m, d = self.rng.randint(1940, 2004), self.rng.randint(1, 12), self.rng.randint(1, 28)
        return self.rng.choice(
            [
                f"{d:02d}/{m:02d}/{y}",
                f"{y}-{m:02d}-{d:02d}",
                f"{d} {MONTHS[m - 1].title()} {y}",
                f"{MONTHS[m - 1].title()} {d}, {y}",
            ]  # fmt: skip
        )

    def dob_spoken(self) -> str:
        y, m, d = self.rng.randint(1940, 2004), self.rng.randint(1, 12), self.rng.randint(1, 28)
        return f"the {ORD[d - 1]} of {MONTHS[m - 1]} {_year_words(y)}"

    def spoken_digits(self, digits: str) -> str:
        return " ".join(DIGITS[int(c)] for c in digits if c.isdigit())

    def spoken_email(self, first: str, last: str) -> str:
        clean = lambda s: re.sub(r"[^a-z]", "", s.lower())  # noqa: E731
        dom = self.rng.choice(["gmail", "outlook", "yahoo", "example"])
        tld = self.rng.choice(["com", "co dot uk", "net"])
        return f"{clean(first)} dot {clean(last)} at {dom} dot {tld}"

    # ---------------------------------------------------------------- issue #13 kinds
    def intl_person(self) -> tuple[str, str]:
        r = self.rng.random()
        if r < 0.15:
            return self.rng.choice(INTL_FIRST), self.rng.choice(INTL_LAST)
        f = self.intl[self.rng.choice(INTL_LOCALES)]
        first, last = f.first_name(), f.last_name()
        if r < 0.3:
            last = self.rng.choice(PARTICLE_LAST)
        return first, last

    def coined(self) -> str:
        w = "".join(self.rng.choice(SYL) for _ in range(self.rng.randint(2, 3)))
        return w[0].upper() + w[1:]

    def company_invented(self) -> str:
        r = self.rng.random()
        if r < 0.4:
            return f"{self.coined()} {self.rng.choice(SECTOR)}"
        if r < 0.7:
            return f"{self.rng.choice(ADJ)} {self.coined()} {self.rng.choice(SECTOR)}"
        return f"{self.coined()} {self.coined()} {self.rng.choice(SECTOR)}"

    def handle(self, first: str, last: str) -> str:
        clean = lambda s: re.sub(r"[^a-z]", "", s.lower())  # noqa: E731
        fi, la = clean(first) or "x", clean(last) or "y"
        n = str(self.rng.randint(1, 99)) if self.rng.random() < 0.5 else ""
        return self.rng.choice(
            [
                f"{fi[0]}{la}{n}",
                f"{la}{fi[0]}{n}",
                f"{fi}_{la[:3]}{n}",
                f"{fi}.{la}",
                f"{la}{fi[:2]}",
                f"{fi}{la[0]}{n}",
                f"{fi[0]}_{la}",
                f"{la}.{fi[0]}{n}",
            ]  # fmt: skip
        )

    def dob_any(self) -> str:
        y, m, d = self.rng.randint(1940, 2006), self.rng.randint(1, 12), self.rng.randint(1, 28)
        mon, sfx = MONTHS[m - 1].title(), {1: "st", 2: "nd", 3: "rd"}.get(d % 10 if d not in (11, 12, 13) else 0, "th")
        return self.rng.choice(
            [
                f"{d:02d}/{m:02d}/{y}",
                f"{m}/{d}/{y % 100:02d}",
                f"{y}-{m:02d}-{d:02d}",
                f"{d}.{m}.{y}",
                f"{d:02d}-{m:02d}-{y}",
                f"{d} {mon} {y}",
                f"{mon} {d}, {y}",
                f"{mon} {d}{sfx}, {y}",
                f"{d}{sfx} {mon} {y}",
                f"{d}{sfx} of {mon}, {y}",
                f"{mon[:3]} {d} {y}",
                f"{d}-{mon[:3]}-{y}",
                f"{mon[:3]}. {d}, {y}",
                f"{y}/{m:02d}/{d:02d}",
                f"{d} {mon[:3]} '{y % 100:02d}",
                f"{mon.lower()} {ORD[d - 1]} {_year_words(y)}",
                f"the {ORD[d - 1]} of {mon.lower()} {y}",
            ]  # fmt: skip
        )

    def email_obfuscated(self, first: str, last: str) -> str:
        clean = lambda s: re.sub(r"[^a-z]", "", s.lower())  # noqa: E731
        local = f"{clean(first)}.{clean(last)}" if self.rng.random() < 0.6 else f"{clean(first)[0]}{clean(last)}"
        dom, tld = (
            self.rng.choice(["proton", "mailbox", "fastmail", "acme-mail", "posteo"]),
            self.rng.choice(["com", "org", "de", "co.uk", "net"]),
        )
        tld_sp = tld.replace(".", " dot ")
        return self.rng.choice(
            [
                f"{local} at {dom} dot {tld_sp}",
                f"{local} [at] {dom} [dot] {tld.replace('.', ' [dot] ')}",
                f"{local}(at){dom}(dot){tld.replace('.', '(dot)')}",
                f"{local} AT {dom} DOT {tld.replace('.', ' DOT ')}",
                f"{local} @ {dom} . {tld.replace('.', ' . ')}",
                f"{local}{{at}}{dom}{{dot}}{tld.replace('.', '{dot}')}",
                f"{local} at {dom}.{tld}",
                f"{local}@{dom}.{tld}",
            ]  # fmt: skip
        )

    def phone_intl(self) -> str:
        r = self.rng
        n = lambda k: "".join(str(r.randint(0, 9)) for _ in range(k))  # noqa: E731
        ext = r.choice(["", "", " x" + n(3), " ext. " + n(2), " ext " + n(4), " extension " + n(3)])
        return (
            r.choice(
                [
                    f"+44 (0)20 {n(4)} {n(4)}",
                    f"+44 (0) 161 {n(3)} {n(4)}",
                    f"+49 30 {n(8)}",
                    f"+49 (0)89 {n(3)} {n(4)}",
                    f"+33 1 {n(2)} {n(2)} {n(2)} {n(2)}",
                    f"+34 9{n(2)} {n(3)} {n(3)}",
                    f"+90 212 {n(3)} {n(2)} {n(2)}",
                    f"+52 55 {n(4)} {n(4)}",
                    f"+1-{r.randint(201, 989)}-{n(3)}-{n(4)}",
                    f"+31 6 {n(8)}",
                    f"0049 30 {n(7)}",
                    f"+353 1 {n(3)} {n(4)}",
                    f"({r.randint(201, 989)}) {n(3)}-{n(4)}",
                    f"+61 2 {n(4)} {n(4)}",
                ]  # fmt: skip
            )
            + ext
        )

    def phone_spoken(self) -> str:
        digits = "".join(str(self.rng.randint(0, 9)) for _ in range(10))
        words = [DIGITS[int(c)] for c in digits]
        if self.rng.random() < 0.3:
            words = ["oh" if w == "zero" else w for w in words]
        out, i = [], 0
        while i < len(words):  # "double five" for repeated digits, sometimes
            if i + 1 < len(words) and words[i] == words[i + 1] and self.rng.random() < 0.5:
                out.append("double " + words[i])
                i += 2
            else:
                out.append(words[i])
                i += 1
        return self.rng.choice([" ", ", ", " "]).join(out)

    # ---------------------------------------------------------------- styles
    def doc(self, i: int, style: str, loc: str) -> Doc:
        f = self.fakers[loc]
        rng = self.rng
        pii: list[Pii] = []

        def P(t: str, v: str) -> str:
            pii.append(Pii(t, v))
            return v

        fa, la = self.person(f)
        fb, lb = self.person(f)
        a_full, b_full = f"{fa} {la}", f"{fb} {lb}"
        if style == "email":
            card = _luhn_card(rng)
            text = (
                f"From: {P('PERSON', a_full)} <{P('EMAIL', self.email(f, fa, la))}>\n"
                f"To: {P('PERSON', b_full)}\nSubject: {rng.choice(['Invoice query', 'Account update', 'Your order'])}\n\n"
                f"Dear {fb},\n\nThanks for your call earlier. As discussed, the card ending in the number "
                f"{P('CARD', card)} was charged twice. Please refund it to IBAN {P('IBAN', f.iban())}.\n"
                f"You can reach me on {P('PHONE', self.phone(f, loc))} or write to\n{P('ADDRESS', self.address(f, loc, True))}.\n\n"
                f"Kind regards,\n{fa}\n{P('COMPANY', f.company())}"
            )
        elif style == "meeting":
            fc, lc = self.person(f)
            text = (
                f"Meeting notes ({rng.choice(['weekly sync', 'project kickoff', 'quarterly review'])})\n"
                f"Attendees: {P('PERSON', a_full)}, {P('PERSON', b_full)}, {P('PERSON', f'{fc} {lc}')}\n\n"
                f"- {fa} presented the roadmap; {lb} will follow up with the vendor by Friday.\n"
                f"- Budget approved at {rng.randint(10, 90)}k; next review on {rng.randint(1, 28)} March at 10:30.\n"
                f"- {lc} to email the summary to {P('EMAIL', self.email(f, fc, lc))}.\n"
                f"- Action: {fb} to call the client at {P('PHONE', self.phone(f, loc))}."
            )
        elif style == "crm":
            ssn = (
                f.ssn()
                if loc in ("en_US", "en_CA", "en_GB")
                else f"{rng.randint(100, 665)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"
            )
            t = "NINO" if loc == "en_GB" else "SSN"
            text = (
                f"CRM note - customer {P('PERSON', a_full)} (DOB: {P('DOB', self.dob_written())})\n"
                f"{'NI number' if t == 'NINO' else 'SSN'}: {P(t, ssn)}. Lives at {P('ADDRESS', self.address(f, loc, False))}.\n"
                f"Mobile {P('PHONE', self.phone(f, loc))}; email {P('EMAIL', f.email())}.\n"
                f"{la} asked about the premium plan. Works at {P('COMPANY', f.company())}. "
                f"Follow-up assigned to {P('PERSON', b_full)}."
            )
        elif style == "ticket":
            ip = f.ipv4_public() if rng.random() < 0.7 else f.ipv6()
            text = (
                f"Ticket #{rng.randint(1000, 99999)} - login failure\n"
                f"Reported by: {P('PERSON', a_full)} ({P('EMAIL', f.email())})\n"
                f"Username: {P('USERNAME', f.user_name())}\nSource IP: {P('IP', ip)}\n"
                f"Details: user could not sign in after password reset. {fa} says the error started on "
                f"{rng.randint(1, 28)} June. Profile: {P('URL', 'https://crm.example.com/users/' + f.user_name())}\n"
                f"Escalated to {P('PERSON', b_full)}; {lb} will reply within 24 hours."
            )
        elif style == "chat":
            text = (
                f"[{rng.randint(8, 17)}:{rng.randint(10, 59)}] {P('PERSON', fa)}: hey {P('PERSON', fb)}, did you get the file?\n"
                f"[{rng.randint(8, 17)}:{rng.randint(10, 59)}] {fb}: yes thanks! can you send {P('PERSON', f'{fc} {lc}') if (fc := self.person(f)[0]) and (lc := f.last_name()) else ''} the invite?\n"
                f"[{rng.randint(8, 17)}:{rng.randint(10, 59)}] {fa}: sure, her number is {P('PHONE', self.phone(f, loc))}.\n"
                f"[{rng.randint(8, 17)}:{rng.randint(10, 59)}] {fb}: and ping {P('USERNAME', '@' + f.user_name())} about it"
            )
        elif style == "transcript_cased":
            text = (
                f"Speaker 1: Good morning, this is {P('PERSON', a_full)} from {P('COMPANY', f.company())}.\n"
                f"Speaker 2: Hi {fa}. I'm calling about my account, my name is {P('PERSON', b_full)}.\n"
                f"Speaker 1: Thanks {fb}. Can you confirm your date of birth?\n"
                f"Speaker 2: Sure, it's {P('DOB', self.dob_written())}. My postcode is "
                f"{P('POSTCODE', f.postcode())} and my phone is {P('PHONE', self.phone(f, loc))}.\n"
                f"Speaker 1: Perfect, {lb}. I'll send the details to {P('EMAIL', self.email(f, fb, lb))}."
            )
        elif style == "letter":
            fc, lc = self.intl_person()
            co = self.company_invented()
            title = rng.choice(["Mr", "Ms", "Mrs", "Dr"])
            text = (
                f"{P('COMPANY', co)}\n{P('ADDRESS', self.address(f, loc, True))}\n\n{rng.randint(1, 28)} March 2024\n\n"
                f"Dear {title} {P('PERSON', lc)},\n\nThank you for your letter. We have updated the record for "
                f"{P('PERSON', f'{fc} {lc}')} (date of birth {P('DOB', self.dob_any())}). Our colleague "
                f"{P('PERSON', b_full)} from {P('COMPANY', self.company_invented())} will contact you on "
                f"{P('PHONE', self.phone_intl())} or by email at {P('EMAIL', self.email_obfuscated(fc, lc))}.\n\n"
                f"Yours sincerely,\n\n{P('PERSON', a_full)}\nAccounts Manager, {co}"
            )
        elif style == "chat_lower":
            fc, lc = self.intl_person()
            h1, h2 = self.handle(fa, la), self.handle(fb, lb)
            fbl, fcl = fb.lower(), fc.lower()
            text = (
                f"[{rng.randint(8, 17)}:{rng.randint(10, 59)}] {P('USERNAME', h1)}: hey {P('PERSON', fbl)} are you around\n"
                f"[{rng.randint(8, 17)}:{rng.randint(10, 59)}] {P('USERNAME', h2)}: yep whats up\n"
                f"[{rng.randint(8, 17)}:{rng.randint(10, 59)}] {h1}: can you add {P('PERSON', fcl)} to the channel, "
                f"{rng.choice(['her login is', 'username', 'handle is', 'user:'])} {P('USERNAME', self.handle(fc, lc))}\n"
                f"[{rng.randint(8, 17)}:{rng.randint(10, 59)}] {h2}: done. {P('PERSON', f'{fcl} {lc.lower()}')} wants "
                f"the invoice sent to {P('EMAIL', self.email_obfuscated(fc, lc).lower())}\n"
                f"[{rng.randint(8, 17)}:{rng.randint(10, 59)}] {h1}: ok ill call her on {P('PHONE', self.phone_intl())}\n"
                f"[{rng.randint(8, 17)}:{rng.randint(10, 59)}] {h2}: thx she moved to {P('COMPANY', self.company_invented().lower())} btw"
            )
        elif style == "support_handles":
            fc, lc = self.intl_person()
            h = self.handle(fc, lc)
            text = (
                f"Support ticket {rng.randint(10000, 99999)}\nCustomer: {P('PERSON', f'{fc} {lc}')} / "
                f"{rng.choice(['user:', 'username:', 'login:', 'handle'])} {P('USERNAME', h)}\n"
                f"The account was locked after five failed attempts. {P('PERSON', fc)} confirmed her date of birth "
                f"({P('DOB', self.dob_any())}) and asked us to reach her on {P('PHONE', self.phone_intl())} or "
                f"{P('EMAIL', self.email_obfuscated(fc, lc))}. Also linked: {P('USERNAME', '@' + self.handle(fa, la))}.\n"
                f"Assigned to {P('PERSON', fb)} at {P('COMPANY', self.company_invented())}; card on file "
                f"{P('CARD', _luhn_card(rng))}."
            )
        elif style == "meeting_turns":
            fc, lc = self.intl_person()
            lower = rng.random() < 0.5
            cv = (lambda x: x.lower()) if lower else (lambda x: x)  # noqa: E731
            a, b = rng.choice([("Agent", "Caller"), ("Speaker 1", "Speaker 2"), ("SPEAKER_00", "SPEAKER_01")])
            text = (
                f"{a}: {cv('Thanks for calling')} {P('COMPANY', cv(self.company_invented()))}{cv(', can I take your first name?')}\n"
                f"{b}: {cv('Yes, it is')} {P('PERSON', cv(fc))}\n{a}: {cv('And your surname?')}\n"
                f"{b}: {P('PERSON', cv(lc))}\n{a}: {cv('And your date of birth?')}\n"
                f"{b}: {cv('I was born on')} {P('DOB', cv(self.dob_any()))}\n{a}: {cv('A number to call you back on?')}\n"
                f"{b}: {P('PHONE', self.phone_spoken() if lower else self.phone_intl())}\n"
                f"{a}: {cv('Thanks')} {cv(fc)}{cv(', my colleague')} {P('PERSON', cv(fa))} {cv('will call you.')}"
            )
        elif style == "crm_intl":
            fc, lc = self.intl_person()
            text = (
                f"CRM note: spoke with {P('PERSON', f'{fc} {lc}')} of {P('COMPANY', self.company_invented())}. "
                f"DOB: {P('DOB', self.dob_any())}. Mobile {P('PHONE', self.phone_intl())}; "
                f"email {P('EMAIL', self.email_obfuscated(fc, lc))}. Prefers to be called {P('PERSON', fc)}. "
                f"Works with {P('PERSON', fb)} on the {P('COMPANY', self.coined())} rollout. "
                f"IBAN {P('IBAN', f.iban())}, SSN {P('SSN', f'{rng.randint(100, 665)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}')}."
            )
        else:  # transcript_lower: ASR style, lowercase, no punctuation, spoken forms
            a_l, b_l = a_full.lower(), b_full.lower()
            phone_d = "".join(c for c in self.phone(f, loc) if c.isdigit())[-10:]
            card = _luhn_card(rng)
            lab = rng.choice([("SPEAKER_00", "SPEAKER_01"), ("speaker 1:", "speaker 2:")])
            s0, s1 = (lab[0] + ":", lab[1] + ":") if lab[0].startswith("SPEAKER_") else lab
            text = (
                f"{s0} hello you're through to {P('COMPANY', f.company().lower())} my name is {P('PERSON', a_l)} how can i help\n"
                f"{s1} hi {fa.lower()} yeah it's {P('PERSON', b_l)} i'm calling about a payment\n"
                f"{s0} okay {fb.lower()} can i take your date of birth please\n"
                f"{s1} it's {P('DOB', self.dob_spoken())}\n"
                f"{s0} and the best number to reach you\n"
                f"{s1} {P('PHONE', self.spoken_digits(phone_d))}\n"
                f"{s0} thanks and your email\n"
                f"{s1} {P('EMAIL', self.spoken_email(fb, lb))}\n"
                f"{s0} and the card number please\n"
                f"{s1} {P('CARD', card)}\n"
                f"{s0} great thanks {lb.lower()} i've noted that {la.lower()} will call you back tomorrow"
            )
        return Doc(i, style, loc, text, pii)

    def control(self, i: int, loc: str) -> Doc:
        rng = self.rng
        pick = rng.randrange(6 + len(HARD_CONTROLS))
        if pick >= 6:
            return Doc(i, "control", loc, HARD_CONTROLS[pick - 6], [], control=True)
        if pick == 0:
            text = (
                f"The quarterly review is scheduled for {rng.choice(WEEKDAYS)} at {rng.randint(9, 16)}:{rng.choice(['00', '30'])}. "
                f"Revenue rose by {rng.randint(2, 19)}% and we will mark the milestone as done once the grace period ends "
                f"on {rng.randint(1, 28)} {rng.choice(MONTHS).title()}. Ticket {rng.randint(1000, 9999)} tracks the remaining work."
            )
        elif pick == 1:
            text = (
                f"Release notes v{rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}\n"
                f"- Fixed a crash when the cache is empty.\n- The export job now runs every {rng.randint(5, 60)} minutes.\n"
                f"- Memory use dropped from {rng.randint(500, 900)} MB to {rng.randint(100, 400)} MB.\n"
                "- May require a restart of the worker; see the runbook."
            )
        elif pick == 2:
            text = (
                "SPEAKER_00: okay so the main thing today is the budget for next quarter\n"
                "SPEAKER_01: right we spent about forty thousand on cloud last month which is more than planned\n"
                "SPEAKER_00: yeah i think we can bring that down if we turn off the test clusters at night\n"
                f"SPEAKER_01: agreed let's review it again on {rng.choice(WEEKDAYS).lower()} and mark the action items"
            )
        elif pick == 3:
            text = (
                f"Support summary: {rng.randint(20, 200)} tickets closed this week, median response time "
                f"{rng.randint(2, 9)} hours. The top issue was password resets after the {rng.choice(MONTHS).title()} update. "
                "Customers asked for dark mode and a faster search. We will bring the rose garden photo back to the homepage."
            )
        elif pick == 4:
            text = (
                "speaker 1: can you hear me okay\nspeaker 2: yes loud and clear\n"
                "speaker 1: great so the deployment went fine last night we only saw two warnings\n"
                "speaker 2: good we will keep an eye on the error rate and check again at nine"
            )
        else:
            text = (
                "Hi team,\n\nJust a reminder that the office will be closed on Monday for the holiday. "
                f"Please submit timesheets by {rng.choice(WEEKDAYS)} noon. The new coffee machine arrived and the "
                f"printer on floor {rng.randint(2, 9)} is fixed.\n\nThanks,\nFacilities"
            )
        return Doc(i, "control", loc, text, [], control=True)


def generate(n: int = 700, seed: int = 7, control_share: float = 0.2, extras: bool = True) -> list[Doc]:
    """``n`` documents, deterministic for a seed; about ``control_share`` of them PII-free. With
    ``extras``, the area modules in ``tests/redaction/tuning/`` append their own documents."""
    g = Gen(seed)
    docs = []
    for i in range(n):
        loc = LOCALES[i % len(LOCALES)]
        if g.rng.random() < control_share:
            docs.append(g.control(i, loc))
        else:
            docs.append(g.doc(i, STYLES[(i // len(LOCALES)) % len(STYLES)], loc))
    if extras:
        from tuning import extra_docs

        docs += extra_docs(seed, n)
    return docs


def leaked(doc: Doc, scrubbed: str) -> list[Pii]:
    """PII of ``doc`` that survives in ``scrubbed``: the value itself, or any 3+ letter token of a
    name (case-insensitive, word-bounded)."""
    low = scrubbed.lower()
    out = []
    for p in doc.pii:
        if p.value.lower() in low:
            out.append(p)
            continue
        if p.type == "PERSON":
            for tok in re.findall(r"[^\W\d_]+", p.value):
                if len(tok) >= 3 and re.search(r"(?<![^\W\d_])" + re.escape(tok.lower()) + r"(?![^\W\d_])", low):
                    out.append(p)
                    break
    return out


@dataclass
class Tally:
    """A scrubber's totals over documents: PII by type, leaked by type, controls, controls altered."""

    total: collections.Counter = field(default_factory=collections.Counter)
    leaks: collections.Counter = field(default_factory=collections.Counter)
    controls: int = 0
    altered: int = 0

    def rate(self, type_: str | None = None) -> float:
        if type_ is None:
            return sum(self.leaks.values()) / sum(self.total.values())
        return self.leaks[type_] / self.total[type_]


def tally(docs: Iterable[Doc], scrubber, leak: Callable[[Pii, str], bool] | None = None) -> Tally:
    """Scrub each document in a session of its own and count what ``leaked`` (or ``leak``, a
    per-value rule) lets through, and which PII-free controls come out changed."""
    from spark_control.redaction.placeholders import SessionMap

    t = Tally()
    for d in docs:
        out = scrubber.scrub(d.text, SessionMap()).text
        if d.control:
            t.controls += 1
            t.altered += out != d.text
            continue
        t.total.update(p.type for p in d.pii)
        gone = leaked(d, out) if leak is None else [p for p in d.pii if leak(p, out)]
        t.leaks.update(p.type for p in gone)
    return t
