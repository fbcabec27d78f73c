"""Tuning documents for bare handles with no cue (issue #13, second round): handles made of words
(``sunnyfox``, ``quiet.river``, ``bluecat_7``), of a word and digits (``maple88``) or of letters
and digits (``xk42``), standing where a person stands in running text: the subject of "said /
asked / wrote / joined...", after "thanks / hi / hey / ask / told / spoke with", before "'s",
addressed at the start of a chat message. And PII-free controls full of the same shapes in
technical text (hosts, queues, config keys, files, versions, SKUs, error codes, product names).

Word lists and templates are written here by hand, for this module only. The ``HELD_OUT_*``
lists and templates are never used by ``generate``: ``generate_held_out`` builds documents from
them, to check once that the rules generalise (see docs/REDACTION_GATEWAY.md)."""

from __future__ import annotations

import random

from corpus import Doc, Pii

# ---------------------------------------------------------------- handle shapes (tuning lists)
ADJ = ["sunny", "quiet", "lazy", "happy", "silver", "misty", "fuzzy", "crimson", "wild", "tiny", "brave", "cosmic"]
NOUN = ["fox", "river", "otter", "panda", "falcon", "maple", "comet", "badger", "pebble", "cactus", "lynx", "mango"]
FIRST = ["dana", "priya", "tomas", "kenji", "lucia", "marek", "aisha", "owen"]  # for name-ish mixes
NAMES = ["Dana", "Priya", "Tomas", "Kenji", "Lucia", "Marek", "Aisha", "Owen"]
SURNAMES = ["Okafor", "Lindqvist", "Brennan", "Novak", "Haddad", "Moreau"]


def _digits(rng: random.Random) -> str:
    return str(rng.choice([rng.randint(1, 9), rng.randint(10, 99), rng.randint(100, 999), rng.randint(1980, 2009)]))


def _letters(rng: random.Random, n: int) -> str:
    cons = "bcdfghjklmnpqrstvwxz"
    return "".join(rng.choice(cons) for _ in range(n))


def handle(rng: random.Random, adj: list[str], noun: list[str], first: list[str]) -> str:
    a, n, f = rng.choice(adj), rng.choice(noun), rng.choice(first)
    return rng.choice(
        [
            f"{a}{n}",  # sunnyfox
            f"{a}{n}{_digits(rng)}",  # sunnyfox42
            f"{a}_{n}",  # quiet_river
            f"{a}.{n}",  # quiet.river
            f"{a}{n}_{rng.randint(1, 99)}",  # bluecat_7
            f"{n}{_digits(rng)}",  # maple88
            f"{_letters(rng, rng.choice([2, 3]))}{rng.randint(10, 999)}",  # xk42
            f"{f}_{n}",  # dana_otter
            f"{n}.{f[0]}",  # maple.d
            f"{f}{n}",  # danafox
            f"{a}-{n}",  # quiet-river
            f"{n}_{a}{rng.randint(1, 99)}",  # otter_lazy9
        ]
    )


# a handle in a person position: {h} the handle, {n} a person's first name (labelled PERSON)
TEMPLATES = [
    "{h} said the build is green again",
    "ok so {h} asked whether we can move the demo to friday",
    "{h} wrote in the thread that the export works now",
    "{h} joined the call late, {n} caught them up",
    "{h} left early today, back on monday",
    "{h} replied with the logs an hour ago",
    "{h} posted the screenshots in the channel",
    "{h} reported the same crash on their laptop",
    "thanks {h}! that fixed it",
    "thanks {h} for the quick turnaround",
    "ty {h}, merged",
    "cheers {h}",
    "hi {h}, can you take a look at the invoice?",
    "hey {h} are you around?",
    "{h}, can you check the staging logs?",
    "{h} can you send me the slides",
    "{h}'s laptop is still in the office",
    "borrowed {h}'s charger, will return it tomorrow",
    "i talked to {h} about the budget",
    "spoke with {h} and {n} this morning",
    "ask {h}, they set it up",
    "told {h} to wait for the review",
    "me and {h} will pair on it after lunch",
    "{n} and {h} are out tomorrow",
    "{h} and I went through the numbers",
    "present: {n}, {h}, and me",
    "according to {h} the refund went out tuesday",
    "{h} wants the report by friday",
    "{h} will be late, start without them",
    "{h} is on holiday until the 12th",
    "had a call with {h} about the renewal",
    "got a long email from {h} last night",
    "bug reported by {h}, fixed by {n}",
    "{h} has a question about the contract",
    "attendees: {N} ({h}), and the vendor",
    "hi, this is {h} from the forum, quick question",
    "kudos to {h} for the migration",
    "{h} here, the invoice looks wrong",
    "i go by {h} on discord",
    "thanks,\n{h}",
]


def doc(rng: random.Random, i: int, templates: list[str], mk) -> Doc:
    pii: list[Pii] = []
    style = rng.choice(["chat", "chat_lower", "ticket", "notes", "transcript_lower", "email"])
    lines = []
    for _ in range(rng.choice([1, 2, 3])):
        h, name = mk(), rng.choice(NAMES)
        t = rng.choice(templates)
        pii.append(Pii("USERNAME", h))
        if "{n}" in t:
            pii.append(Pii("PERSON", name))
        full = f"{name} {rng.choice(SURNAMES)}"
        if "{N}" in t:
            pii.append(Pii("PERSON", full))
        s = t.format(h=h, n=name, N=full)
        if style in ("chat_lower", "transcript_lower"):
            s = s.lower()
        elif s[0].islower() and not s.startswith(h):
            s = s[0].upper() + s[1:]
        lines.append(s)
    if style == "chat":
        text = "\n".join(f"[{rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}] {s}" for s in lines)
    elif style == "chat_lower":
        text = "\n".join(f"- {s}" for s in lines)
    elif style == "transcript_lower":
        text = "\n".join(f"speaker {k % 2 + 1}: yeah so {s}" for k, s in enumerate(lines))
    elif style == "ticket":
        text = f"Ticket #{rng.randint(1000, 99999)}\nUpdate: " + ". ".join(lines) + "."
    elif style == "notes":
        text = "Stand-up notes\n" + "\n".join(f"* {s}" for s in lines)
    else:
        text = "Hi team,\n\n" + ". ".join(lines) + ".\n\nBest regards"
    return Doc(i, f"handles2_{style}", "en_US", text, pii)


# ---------------------------------------------------------------- controls (PII-free)
CONTROLS = [
    "The healthcheck said ok after the restart; node3 and worker_02 rejoined the cluster. Thanks to ipv6 the "
    "new subnet routes fine.",
    "Tested with python3 and node18 on win11 and arm64. The mp3 and h264 samples play; sha256 sums match.",
    "Set quiet_mode=true and max_retries=5 in settings.yaml, then restart the sunnyfox service.",
    "The falcon9 launch was scrubbed. The maple88 table has 4 columns; the otter_lazy flag is off by default.",
    "Order SKU MX42-BLK shipped. Error E1042 and ERR_TIMEOUT appeared twice; see build.log and report_v2.pdf.",
    "the linter said 3 warnings, the formatter wrote 12 files, and ci_bot posted the coverage report.",
    "Deploy tier2 and tier3 queues to us-east1; the s3 bucket logs_2024 is versioned. ec2 t3 instances only.",
    "thanks to the new cache the page loads in 2 s. the q3 numbers and the fy24 plan are in the deck.",
    "Connect to db01.internal:5432 as role read_only; the env var LOG_LEVEL=debug; column user_id is indexed.",
    "Built with gcc12 and lz4, tested for win10 and ios17, compressed with zstd; shipped from us-east1.",
    "node7 needs a reboot, worker_3 is waiting on the queue, and gpu2 will be back after the driver update.",
    "Reported by ci_bot, fixed by the hotfix_12 branch; see the ticket filed with sentry and the alert from pagerduty.",
    "the q4 plan is for fy25; the sku_1044 batch is out; with ddr5 and pcie4 the box is fine.",
    "the quiet_mode setting is off, the max_users limit is 50 and the otter_v2 model was right on 93 % of cases.",
    "The Beta build (experimental) and the Dark theme (default) ship today. Call New(isolate), then Set(instance).",
    "its callees were cleaned up; it's fine now, via ssh_tunnel and proxy_v2. this is node3.",
    "Thanks,\nThe Platform Team\n\nCheers,\nsupport",
]
# PII-free texts that other detectors alter today (not this module's rules: "rebase" and "cron" by
# the older handle cues, "Jira" and "scheduler" as names, "hp4200 is jammed" as an IBAN,
# "cosmic_ray.png" as a name); kept out of ``generate`` so test_corpus_leaks stays a guard for
# this area, listed for the precision work (docs/REDACTION_GATEWAY.md)
OTHER_DETECTOR_CONTROLS = [
    "Fonts: Serif Bold (experimental), Sans Mono (default).",
    "hi all, the crimson theme is live. thanks for testing! cosmic_ray.png and misty_forest.jpg are in assets/.",
    "git checkout feature/quiet-river and rebase on main; the repo silverlake has branch hotfix_42.",
    "We use GitHub, Slack and Jira; Figma's new export and Notion's API changed. Salesforce's sandbox is down.",
    "ok so the cron job said nothing, the scheduler left 4 jobs queued, and the pipeline joined both branches.",
    "Room 4b is booked, the printer hp4200 is jammed and the wifi guest24 password changed.",
]


def generate(rng: random.Random, start_id: int) -> list[Doc]:
    def mk() -> str:
        return handle(rng, ADJ, NOUN, FIRST)

    docs = [doc(rng, start_id + k, TEMPLATES, mk) for k in range(120)]
    for c in CONTROLS:
        docs.append(Doc(start_id + len(docs), "handles2_control", "en_US", c, [], control=True))
    return docs


# ---------------------------------------------------------------- held out (never tuned on)
HELD_OUT_ADJ = ["grumpy", "shiny", "velvet", "frosty", "sleepy", "rusty", "golden", "noisy"]
HELD_OUT_NOUN = ["walrus", "turnip", "pigeon", "lantern", "biscuit", "hedgehog", "kettle", "parrot"]
HELD_OUT_FIRST = ["ravi", "greta", "soren", "imani"]
HELD_OUT_TEMPLATES = [
    "{h} mentioned that the vendor called back",
    "{h} suggested we split the ticket",
    "{h} confirmed the numbers are right",
    "{h} just pushed a fix, can someone review",
    "great catch {h}",
    "hello {h}, quick question about the invoice",
    "{h} - are you joining the sync?",
    "{h}'s draft looks good to me",
    "i'll sync with {h} after lunch",
    "as {h} pointed out, the date is wrong",
    "{n}, {h} and i reviewed the contract",
    "welcome {h}! glad to have you on the team",
]
HELD_OUT_CONTROLS = [
    "The monitor said the disk is 91 % full; kafka3 left the consumer group and redis7 joined it again.",
    "Upgrade to ubuntu2404 and gcc13; the x86 and amd64 builds pass, utf8 is the default encoding.",
    "the frosty_walrus flag and the golden.kettle setting live in config/app.toml; hostname web02.",
    "Thanks for the report. Part number KT-88-SLV ships in 3 days; invoice INV2024-117 is attached.",
    "shiny new dashboard: the p95 latency dropped, the sleepy_worker cron was removed, metrics_v3 is live.",
]


def generate_held_out(rng: random.Random, start_id: int, n: int = 100) -> list[Doc]:
    def mk() -> str:
        return handle(rng, HELD_OUT_ADJ, HELD_OUT_NOUN, HELD_OUT_FIRST)

    docs = [doc(rng, start_id + k, HELD_OUT_TEMPLATES, mk) for k in range(n)]
    for c in HELD_OUT_CONTROLS:
        docs.append(Doc(start_id + len(docs), "handles2_control", "en_US", c, [], control=True))
    return docs
