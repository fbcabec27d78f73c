"""Tuning documents for bare handles (issue #13, eighth round): handles made of name fragments
(jdoe-like, surname + initials, name + digits, fused first + last, leetspeak, dots, underscores,
hyphens) in layouts of their own: git logs, web and auth logs, spreadsheet rows with no header,
chat exports, ticket histories, support macros, speech that says "my handle is ...", a handle in
brackets after a name, a handle as the only mark of a person in a thread, a handle that recurs
after one cued occurrence. PII-free look-alikes in the same places: product codes, SKUs,
versions, file names, hashes, tickets, hosts, lowercase words.

Template based, written by hand for this module only (``tests/redaction/heldout/handles8_heldout.py``
is its held-out twin, composed another way, never tuned on)."""

from __future__ import annotations

import random

from corpus import Doc, Pii

# Dutch, Turkish, Tamil, Brazilian, Amharic, Vietnamese, Czech, Chilean
FIRST = """
joost femke maarten sanne thijs anouk emre zeynep burak elif kerem selin arjun kavya senthil
divya murugan lakshmi thiago larissa rafael camila gustavo leticia abebe tsion dawit hirut
yonas meseret minh thao quang linh tuan huong jakub tereza ondrej petra lukas zuzana matias
catalina benjamin josefa vicente antonia
""".split()
LAST = """
devries jansen bakker visser smit mulder yilmaz kaya demir sahin celik ozturk krishnan
subramanian raman natarajan pillai iyer oliveira souza carvalho ribeiro almeida ferreira
tesfaye bekele haile girma alemu wolde nguyen tran pham hoang phan vu novak svoboda dvorak
cerny prochazka kucera munoz rojas diaz soto contreras sepulveda
""".split()
LEET = str.maketrans({"a": "4", "e": "3", "o": "0", "i": "1", "s": "5"})


def make(rng: random.Random, f: str, la: str) -> str:
    """A handle made of a name in one of the makes people use."""
    n2 = str(rng.randint(10, 99))
    yr = str(rng.randint(1970, 2005))
    h = rng.choice(
        [
            lambda: f[0] + la,
            lambda: la + f[0] + rng.choice("abcdefghjkmnprst"),
            lambda: f + n2,
            lambda: f + yr,
            lambda: f + la,
            lambda: (f + la[:3]).translate(LEET),
            lambda: f.translate(LEET) + n2,
            lambda: f + "." + la,
            lambda: f + "_" + la + n2,
            lambda: f[0] + "-" + la,
            lambda: la + "." + f[0],
            lambda: f[:3] + la[:3],
            lambda: la + n2,
            lambda: f + "." + la[0] + n2,
            lambda: f[0] + la[0] + yr,
            lambda: f + "_" + la[0],
        ]
    )()
    return h if len(h) >= 4 else h + n2


# {h}: a handle; {o}: another handle; {F} {L}: the person; {s}: a short hex sha
TEMPLATES = [
    # git
    "commit {s}\nAuthor: {h}\nDate:   Tue Mar 4 10:02 2025\n\n    fix flaky test",
    "{s} fix typo in README ({h})\n{s2} bump deps ({o})",
    "* {s} - add retry to uploader (2 days ago) <{h}>",
    "git blame says {h} wrote that line in 2021",
    "Merge pull request #412 from {h}/fix-login",
    # logs
    '192.168.1.20 - {h} [04/Mar/2025:10:02:11 +0000] "POST /login HTTP/1.1" 302 0',
    "Mar  4 10:02:11 gw sshd[2231]: Accepted password for {h} from 10.0.0.7 port 52114",
    "2025-03-04T10:02:11Z audit: {h} downloaded payroll.xlsx",
    "[info] {h} logged out after 30 min idle",
    # spreadsheets and exports
    "2025-03-04,{h},refund,12.50,closed\n2025-03-05,{o},exchange,0.00,open",
    "id;user;plan\n1041;{h};pro\n1042;{o};free",
    "{h}\t{F} {L}\tadmin\n{o}\t-\tviewer",
    # chat exports
    "{h}  9:41 AM\nis the standup moved?\n{o}  9:42 AM\nyes to 10",
    "[04/03/2025, 10:02] {h}: ok see you there",
    "{h} joined #general\n{h}: hi all",
    # ticket histories
    "Mar 4 10:02  {h} changed priority from P3 to P2\nMar 4 10:05  {o} added a comment",
    "Activity\n- {h} moved this from Backlog to In Progress\n- {o} commented",
    "Reassigned from {h} to {o} (out sick)",
    "Reporter: {F} {L}\nLast updated by {h}",
    # support macros
    "Hi {h},\n\nThanks for contacting support. Your case is now closed.",
    "Dear {h}, your subscription renews on 12 April.",
    # speech
    "caller: my handle is {h}, all lowercase",
    "yeah it's {h} on discord, add me",
    "um so the username would be {h} i think",
    "you can reach me as {h} on the forum",
    # brackets after a name, only identifier in a thread
    "{F} {L} ({h}) owns the roadmap.",
    "Thanks to {F} {L} [{h}] for the patch.",
    "> {h} wrote:\n> any update on this?\n\nnot yet, sorry",
    "replying to {h}: agreed, ship it",
    "{h} reacted with :tada:",
    "Top contributors this month: {h}, {o}",
    "1. {h} 2,310 pts\n2. {o} 2,105 pts",
    # recurrence after a cued occurrence
    "user: {h}\n...\nlater that day {h} asked again about the invoice",
    "@{h} can you look?\n\n{h}: on it",
]

CONTROLS = [
    "commit 4e1d9ab\nAuthor: dependabot\nDate:   Tue Mar 4 10:02 2025\n\n    bump lodash",
    "9f2c3e1 fix typo in README (docs)\n4e1d9ab bump deps (deps)",
    "* 4e1d9ab - add retry to uploader (2 days ago) <HEAD -> main>",
    "Merge pull request #412 from release/v2.14.3",
    '192.168.1.20 - - [04/Mar/2025:10:02:11 +0000] "GET /assets/main-7f3a2c.css HTTP/1.1" 200 512',
    "Mar  4 10:02:11 gw sshd[2231]: Accepted publickey for root from 10.0.0.7 port 52114",
    "2025-03-04T10:02:11Z audit: cron-daily downloaded payroll.xlsx",
    "[info] worker-03 logged out after 30 min idle",
    "2025-03-04,SKU-44821-BLK,refund,12.50,closed\n2025-03-05,XR-550,exchange,0.00,open",
    "id;sku;plan\n1041;ab-2041;pro\n1042;cd-7730;free",
    "Mar 4 10:02  INC-2041 changed priority from P3 to P2",
    "Activity\n- moved this from Backlog to In Progress\n- commented",
    "Hi there,\n\nThanks for contacting support. Your case is now closed.",
    "caller: my order number is 4471, all digits",
    "yeah it's tomorrow on the calendar, add it",
    "the build would be fw_2.14.3 i think",
    "Top sellers this month: espresso, cortado",
    "1. stage-a 2,310 pts\n2. stage-b 2,105 pts",
    "checksum e3b0c44298fc1c149afbf4c8996fb924 ok; see report_q3_final.pdf",
    "upgrade python3.12 and node18 on build-01 before friday",
    "replying to all: agreed, ship it",
    "ticket INC-2041 reacted to alert cpu_high_02",
]


def _doc(rng: random.Random, i: int) -> Doc:
    t = rng.choice(TEMPLATES)
    f, la = rng.choice(FIRST), rng.choice(LAST)
    h = make(rng, f, la)
    o = make(rng, rng.choice(FIRST), rng.choice(LAST))
    while o == h:
        o += "3"
    s, s2 = f"{rng.getrandbits(28):07x}", f"{rng.getrandbits(28):07x}"
    text = t.format(F=f.capitalize(), L=la.capitalize(), h=h, o=o, s=s, s2=s2)
    pii = [Pii("USERNAME", h)]
    if "{o}" in t:
        pii.append(Pii("USERNAME", o))
    if "{F}" in t:
        pii.append(Pii("PERSON", f.capitalize() + " " + la.capitalize()))
    return Doc(i, "handles8", "en_US", text, pii)


def generate(rng: random.Random, start_id: int, n: int = 240) -> list[Doc]:
    docs = [_doc(rng, start_id + k) for k in range(n)]
    for c in CONTROLS:
        docs.append(Doc(start_id + len(docs), "handles8_control", "en_US", c, [], control=True))
    return docs
