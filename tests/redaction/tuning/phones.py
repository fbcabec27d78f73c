"""Tuning documents for phones and e-mails (issue #13, item 3): numbers given in parts across
speaker turns (numerals and spoken digits, with "go on" / readback interruptions), a number
split with pauses in one turn, international formats with extensions, obfuscated e-mail
addresses (brackets, at/dot, capitals, spaced, spoken, underscore/dash, two-level TLDs), and
PII-free controls that look like them (order numbers given in parts, times, amounts, versions,
quantities, "two or three", "at the office").

Own word lists and templates (nothing from the sealed corpus or Faker). Each document carries a
``kind`` attribute (``split``, ``split:spoken``, ``email:caps``...) for per-kind counts. Templates
marked ``HELD_OUT`` are kept out of tuning: ``generate(..., held_out=True)`` returns only them,
to check that a rule generalizes (see ``test_phones.py``)."""

from __future__ import annotations

import random

from corpus import Doc, Pii

DIGIT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]

# national and international numbers as people write them: (format, digits filled at random)
PHONE_FORMATS = [
    "07### ######", "01### ### ####", "020 #### ####", "(###) ###-####", "###-###-####", "04## ### ###",
    "08# ### ####", "+44 7### ######", "+353 8# ### ####", "+61 4## ### ###", "+1 ### ### ####",
    "+49 1## #######", "+33 6 ## ## ## ##", "0033 6 ## ## ## ##", "+91 98### #####", "+27 8# ### ####",
    "+64 2# ### ####", "03 #### ####", "+34 6## ### ###", "+39 3## ### ####",
]  # fmt: skip
INTL_WHOLE = [
    "+44 (0)20 #### ####", "+44 (0) 1## ### ####", "+49 (0)30 ### #####", "+49 30 ########", "00 33 1 ## ## ## ##",
    "0044 7### ######", "+1 (###) ###-#### ext. ###", "+353 (0)1 ### ####", "+61 (0)4 #### ####",
    "+91-98###-#####", "+31 (0)6 ########", "+41 ## ### ## ##", "+48 ### ### ###", "+90 5## ### ## ##",
    "+84 9# ### ## ##", "+234 80# ### ####", "+52 1 55 #### ####", "(0)161 ### ####, extension ##",
    "+1-###-###-#### x####", "0208 ### ####  ext 4#",
]  # fmt: skip

AGENTS = [("Agent", "Caller"), ("Rep", "Customer"), ("Operator", "Caller"), ("Nurse", "Patient"),
          ("Interviewer", "Respondent"), ("Host", "Guest"), ("Advisor", "Client")]  # fmt: skip
LOWER_LABELS = [("speaker 1", "speaker 2"), ("SPEAKER_00", "SPEAKER_01"), ("spk_0", "spk_1"), ("agent", "caller")]
ASK_PHONE = [
    "What's the best number to reach you on?", "Can I take a contact number?", "And a phone number, please?",
    "Could you give me your mobile?", "What number should we call you back on?", "Do you have a landline we can use?",
    "Best number for a callback?", "And your phone number?", "Which number can the engineer ring you on?",
    "Is there a number we can text you on?", "Can I get a daytime telephone number?",
]  # fmt: skip
FIRST_PART = ["Sure, it's {p}", "{p}", "Yeah, {p}", "It's {p}...", "Okay so {p}", "Um, {p}", "Let me think. {p}",
              "Yes, {p}", "It starts {p}"]  # fmt: skip
PROMPTS = ["Go on.", "Yep, go on", "Mm-hm.", "And the rest?", "uh huh", "Yes?", "Carry on.", "Okay...",
           "Sorry, you broke up there, go ahead", "Got it, and then?", "Right."]  # fmt: skip
READBACK = ["Okay, {p}...", "{p}, yes", "Sorry, {p} and then?", "So {p}. Go on."]
REST = ["{p}", "{p}.", "Then {p}", "And {p}", "{p}, that's it", "{p}, that's my mobile", "{p}. Got that?"]
# held out of tuning: other prompt/answer phrasings
HELD_ASK = ["How can we get hold of you?", "Got a number for you?", "What's a good callback number?",
            "And the number to ring?"]  # fmt: skip
HELD_PROMPTS = ["Keep going.", "Sorry, what was after that?", "Ok ok", "I'm with you, next bit?"]
HELD_FIRST = ["Right so it's {p}", "Hang on... {p}", "Mine's {p}"]

LOCALS = ["mara", "tobin", "quill", "oksana", "deniz", "thuy", "kofi", "ingrid", "rafa", "bea", "wren", "ilse",
          "jonas", "petra", "amara", "lior", "sunniva", "hamza", "yusuf", "maelle"]  # fmt: skip
LOCALS2 = ["vance", "okafor", "lindqvist", "nguyen", "kaya", "brennan", "moreau", "silva", "haddad", "novak",
           "adeyemi", "quint", "torvald", "marchetti", "oyelowo", "petrov"]  # fmt: skip
DOMAINS = ["larkspur-mail", "quillon", "postbox", "verdantia", "nimbusnet", "kettle", "ovalmail", "tidewater",
           "brightpost", "harbourlink"]  # fmt: skip
TLDS = ["com", "org", "net", "co.uk", "com.au", "co.nz", "de", "fr", "nl", "pl", "com.tr", "tr", "vn", "com.br",
        "co.za", "ie", "io", "mx", "com.mx", "ch", "se", "gr", "cz", "ro", "co.jp", "co.in", "com.sg", "ae", "ru",
        "pt", "be", "hu", "sk"]  # fmt: skip
PROVIDERS = ["gmail", "hotmail", "outlook", "yahoo", "icloud", "proton"]

EMAIL_SENTENCES = [
    "You can email me at {e} if that's easier.", "My email is {e}.", "send it to {e} please",
    "Contact: {e}", "email - {e}", "reply to {e} (not the old one)", "it's {e}", "E-mail: {e}\nThanks.",
]  # fmt: skip

CONTROLS = [
    "Agent: Can I take the order number?\nCaller: Sure, 4471\nAgent: Go on.\nCaller: 902\nAgent: Thanks, that's "
    "order 4471902, it shipped on Monday.",
    "speaker 1: whats the ticket number\nspeaker 2: two four\nspeaker 1: yep\nspeaker 2: eight eight one\n"
    "speaker 1: ok found it",
    "Caller: I'll call you back in 15 minutes, or at 10:30 if that's easier.\nAgent: Either is fine.",
    "Rep: The total was 1,250 and then 300 for delivery.\nCustomer: Go on.\nRep: So 1,550 in all.",
    "Release notes: version 3.14.159 is out; build 20241203 fixes the phone layout. Call quality up 12%.",
    "speaker 1: how many do you need\nspeaker 2: two or three maybe\nspeaker 1: and then\n"
    "speaker 2: one or two next week",
    "Agent: What's your postcode?\nCaller: It's 2000\nAgent: go on\nCaller: that's it, 2000, Sydney",
    "Meet at the office at nine. We looked at the numbers dot by dot and the phone bill is down 8 percent.",
    "[10:02] Agent: the number of tickets went from 120 to 340\n[10:03] Agent: and then 560 on Friday",
    "Interviewer: And what year did you start?\nRespondent: 1998\nInterviewer: go on\nRespondent: and left in 2004",
    "agent: can i get the reference\ncaller: its one two three\nagent: uh huh\ncaller: four five six seven",
    "Host: our number one priority is the phone app\nGuest: go on\nGuest: we ship 2 releases, then 3.",
    "Nurse: The appointment is at 14:30 on the 12th, room 204.\nPatient: Okay, 204.\nNurse: And bring 2 forms.",
    "Please ring the front desk when you arrive at the station. Dial 9 for an outside line, then 0 for reception.",
    "SPEAKER_00: we spent about forty thousand\nSPEAKER_01: go on\nSPEAKER_00: then twelve more in march",
    "Go to example dot com and look at the pricing page; we are at capacity, so call the vendor at nine.",
    "The extension cord is 3 m long; the phone case costs 19.99 and ships in 2-3 days.",
    "Caller: my account was charged twice, 49.99 and 49.99\nAgent: go on\nCaller: and 12.50 for the fee",
]  # fmt: skip


def _fill(rng: random.Random, fmt: str) -> str:
    return "".join(str(rng.randint(0, 9)) if c == "#" else c for c in fmt)


def _spoken(rng: random.Random, digits: str, caps: str) -> str:
    words = ["plus" if c == "+" else DIGIT_WORDS[int(c)] for c in digits]
    if rng.random() < 0.5:
        words = ["oh" if w == "zero" else w for w in words]
    out, i = [], 0
    while i < len(words):
        if i + 2 < len(words) and words[i] == words[i + 1] == words[i + 2] and rng.random() < 0.5:
            out.append("triple " + words[i])
            i += 3
        elif i + 1 < len(words) and words[i] == words[i + 1] and rng.random() < 0.5:
            out.append("double " + words[i])
            i += 2
        else:
            out.append(words[i])
            i += 1
    s = rng.choice([" ", " ", ", "]).join(out)
    if caps == "upper":
        return s.upper()
    if caps == "title":
        return " ".join(w.capitalize() for w in s.split(" "))
    return s


def _split_points(rng: random.Random, phone: str, parts: int) -> list[str]:
    """Split at group boundaries when there are enough groups, else at random digit positions."""
    groups = phone.split(" ")
    if len(groups) >= parts and rng.random() < 0.7:
        cuts = sorted(rng.sample(range(1, len(groups)), parts - 1))
        bounds = [0, *cuts, len(groups)]
        out = [" ".join(groups[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]
        if all(sum(c.isdigit() for c in p) >= 3 for p in out):  # a value of 1-2 digits is found anywhere
            return out
    digits = "".join(c for c in phone if c.isdigit() or c == "+")
    n = len(digits)
    cuts = sorted(rng.sample(range(3, n - 2), parts - 1)) if n > 7 else [n // 2]
    while len(cuts) > 1 and cuts[1] - cuts[0] < 3:
        cuts.pop()
    bounds = [0, *cuts, n]
    return [digits[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def _split_doc(rng: random.Random, i: int, held: bool) -> Doc:
    spoken = rng.random() < 0.4
    lower = rng.random() < 0.4
    caps = "lower" if lower else rng.choice(["lower", "title", "upper", "lower"])
    phone = _fill(rng, rng.choice(PHONE_FORMATS))
    parts = _split_points(rng, phone, rng.choice([2, 2, 3]))
    if spoken:
        parts = [_spoken(rng, "".join(c for c in p if c.isdigit() or c == "+"), caps) for p in parts]
    a, b = rng.choice(LOWER_LABELS if lower else AGENTS)
    ask = rng.choice(HELD_ASK if held else ASK_PHONE)
    prompts = HELD_PROMPTS if held else PROMPTS
    first = rng.choice(HELD_FIRST if held else FIRST_PART)
    cv = (lambda s: s.lower().replace("?", "").replace(",", "")) if lower else (lambda s: s)  # noqa: E731
    chat = not lower and rng.random() < 0.25
    clock = [9, rng.randint(0, 50)]

    def line(who: str, said: str) -> str:
        if chat:
            clock[1] += 1
            return f"[{clock[0]:02d}:{clock[1]:02d}] {who}: {said}"
        return f"{who}: {said}"

    pii = [Pii("PHONE", p) for p in parts]
    lines = [line(a, cv(rng.choice(["Thanks for holding.", "Okay, nearly done.", "Right, one more thing."]))),
             line(a, cv(ask)), line(b, cv(first).format(p=parts[0]))]  # fmt: skip
    for k, p in enumerate(parts[1:], 1):
        r = rng.random()
        if r < 0.15:
            pass  # the same speaker goes on in the next line
        elif r < 0.35 and not spoken:
            lines.append(line(a, cv(rng.choice(READBACK)).format(p=parts[k - 1])))
        else:
            lines.append(line(a, cv(rng.choice(prompts))))
        lines.append(line(b, cv(rng.choice(REST)).format(p=p)))
    lines.append(line(a, cv(rng.choice(["Perfect, thank you.", "Great, I've noted that.", "Lovely, thanks."]))))
    d = Doc(i, "transcript_lower" if lower else ("chat" if chat else "transcript_cased"), "en", "\n".join(lines), pii)
    d.kind = "split:spoken" if spoken else "split"
    return d


def _one_turn_split(rng: random.Random, i: int) -> Doc:
    phone = _fill(rng, rng.choice(PHONE_FORMATS))
    parts = _split_points(rng, phone, 3)
    sep = rng.choice(["... ", ", um, ", " -- sorry -- ", "... er ", ", ", " and then "])
    said = rng.choice(["My number is {n}.", "it's {n}", "Call me on {n}", "mobile: {n}"]).format(n=sep.join(parts))
    text = f"Customer: Hi, about my delivery.\nAgent: Sure, can I have a contact number?\nCustomer: {said}"
    d = Doc(i, "transcript_cased", "en", text, [Pii("PHONE", p) for p in parts])
    d.kind = "split:one_turn"
    return d


def _intl_doc(rng: random.Random, i: int) -> Doc:
    phone = _fill(rng, rng.choice(INTL_WHOLE))
    pii = [Pii("PHONE", phone)]
    kind = "intl"
    if rng.random() < 0.3:
        digits = "".join(c for c in _fill(rng, rng.choice(PHONE_FORMATS)) if c.isdigit())
        spoken = _spoken(rng, digits, rng.choice(["lower", "title", "upper"]))
        pii.append(Pii("PHONE", spoken))
        kind = "intl+spoken"
        extra = f" Her mobile, as she said it: {spoken}."
    else:
        extra = ""
    text = rng.choice(
        [
            f"Note: please call the client on {phone} after 3pm.{extra}",
            f"Tel. {phone}\nOffice hours 9-17.{extra}",
            f"Reach me at {phone} or on WhatsApp.{extra}",
            f"Switchboard {phone}; ask for accounts.{extra}",
        ]
    )
    d = Doc(i, rng.choice(["email", "crm", "letter"]), "en", text, pii)
    d.kind = kind
    return d


def _email_value(rng: random.Random) -> tuple[str, str]:
    l1, l2 = rng.choice(LOCALS), rng.choice(LOCALS2)
    dom, tld = rng.choice(DOMAINS), rng.choice(TLDS)
    r = rng.random()
    local_sep = rng.choice([".", "_", "-", ""])
    local = f"{l1}{local_sep}{l2}" if r < 0.7 else f"{l1[0]}{l2}{rng.randint(1, 99)}"
    form = rng.choice(["at_dot", "bracket", "paren", "caps", "spaced", "spoken", "brace", "angle", "underscore",
                       "mixed", "dotted_brackets", "provider"])  # fmt: skip

    def spoken_local(loc: str) -> str:
        return loc.replace(".", " dot ").replace("_", " underscore ").replace("-", " dash ")

    tld_w = tld.replace(".", " dot ")
    if form == "at_dot":
        e = f"{local} at {dom} dot {tld_w}"
    elif form == "bracket":
        e = f"{local} [at] {dom} [dot] {tld.replace('.', ' [dot] ')}"
    elif form == "paren":
        e = f"{local}(at){dom}(dot){tld.replace('.', '(dot)')}"
    elif form == "caps":
        e = f"{spoken_local(local)} at {dom} dot {tld_w}".upper()
    elif form == "spaced":
        e = f"{local.replace('.', ' . ')} @ {dom} . {tld.replace('.', ' . ')}"
    elif form == "spoken":
        e = f"{spoken_local(local)} at {dom} dot {tld_w}"
    elif form == "brace":
        e = f"{local} {{at}} {dom} {{dot}} {tld.replace('.', ' {dot} ')}"
    elif form == "angle":
        e = f"{local}<at>{dom}<dot>{tld.replace('.', '<dot>')}"
    elif form == "underscore":
        e = f"{l1} underscore {l2} at {dom} dot {tld_w}"
    elif form == "mixed":
        e = f"{local}@{dom} dot {tld_w}"
    elif form == "dotted_brackets":
        e = f"{local.replace('.', '[.]')}[@]{dom}[.]{tld.replace('.', '[.]')}"
    else:
        e = f"{spoken_local(local)} at {rng.choice(PROVIDERS)} dot com"
    if rng.random() < 0.2 and form not in ("caps",):
        e = " ".join(w.capitalize() if w not in ("at", "dot") else w for w in e.split(" "))
    return e, form


def _email_doc(rng: random.Random, i: int) -> Doc:
    e, form = _email_value(rng)
    lower = form in ("spoken", "underscore", "provider") and rng.random() < 0.5
    if lower:
        text = f"speaker 1: and whats the email\nspeaker 2: {e.lower()}\nspeaker 1: got it thanks"
        e = e.lower()
    else:
        text = "Hello,\n" + rng.choice(EMAIL_SENTENCES).format(e=e) + "\nBest,\nAccounts"
    d = Doc(i, "transcript_lower" if lower else "email", "en", text, [Pii("EMAIL", e)])
    d.kind = f"email:{form}"
    return d


def generate(rng: random.Random, start_id: int, held_out: bool = False) -> list[Doc]:
    docs: list[Doc] = []
    if held_out:
        for _ in range(60):
            docs.append(_split_doc(rng, start_id + len(docs), True))
        return docs
    for _ in range(90):
        docs.append(_split_doc(rng, start_id + len(docs), False))
    for _ in range(20):
        docs.append(_one_turn_split(rng, start_id + len(docs)))
    for _ in range(40):
        docs.append(_intl_doc(rng, start_id + len(docs)))
    for _ in range(70):
        docs.append(_email_doc(rng, start_id + len(docs)))
    for text in CONTROLS:
        d = Doc(start_id + len(docs), "control", "en", text, [], control=True)
        d.kind = "control"
        docs.append(d)
    return docs
