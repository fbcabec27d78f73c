"""Tuning documents for bare handles whose person is usually NOT named in the text (issue #13,
fourth round): ``rkaur``, ``osei.k``, ``lindqvist_e``, ``mfernandes7``, ``ptaylor-ops``,
``n.ivanova``, ``hoangvt``, ``b4rt0sz``, ``jmwangi2019`` in git and CI logs, Jira/GitHub-style
tickets, Slack and IRC chat, CRM notes, lowercase call transcripts and e-mails; and PII-free
look-alikes in the very same places (bots, hosts, packages, versions, hashes, files, flags) so
that precision is measured too.

Names, recipes, templates and controls are written here by hand for this module only."""

from __future__ import annotations

import random
import unicodedata

from corpus import Doc, Pii

FIRST = """
ravi priya olumide kwame amara sipho thandiwe yusuf leila omar farah dmitri natalia oksana taras
bartosz magda lucia matteo giulia pablo carmen ines joao tiago camila lars ingrid erik sigrid
freya aoife ciaran moira hamish callum sean brenda gary kevin nancy sharon derek tanya wesley
hiroshi yuki haruto sakura minh thuy hieu jun mei wei ling anil sunita kiran meera rohit
fatima karim nadia samir tariq kofi ama yaw abena chioma emeka obinna ada
""".split()
LAST = """
kaur singh osei mensah boateng adeyemi okafor nwosu mwangi otieno kamau ivanova petrov sokolov
kowalczyk nowak wisniewski zielinska rossi bianchi esposito fernandes oliveira santos pereira
lindqvist johansson nilsson berg haugen murphy byrne gallagher mcleod fraser campbell taylor
walker harris thompson baker collins reed nakamura tanaka suzuki watanabe nguyen hoang pham
le vu zhang wang chen liu sharma patel reddy gupta iyer haddad khoury nasser rahman hossain
castillo moreno vargas rojas delgado ortega
""".split()
ROLES = ["ops", "dev", "adm", "qa", "eng", "it", "sec", "ext", "contractor", "old", "work"]


def _fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s.lower()) if c.isascii() and c.isalpha())


def _leet(s: str, rng: random.Random) -> str:
    table = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5"}
    return "".join(table[c] if c in table and rng.random() < 0.5 else c for c in s)


def handle(rng: random.Random, f: str, la: str) -> str:
    """A handle built from a first and last name by one of many recipes."""
    f, la = _fold(f), _fold(la)
    m = rng.choice("abcdehjklmnprstw")
    recipes = [
        f[0] + la,  # rkaur
        f[0] + m + la,  # rjkaur
        la + f[0],  # kaurr
        la + f[0] + m,  # kaurrj
        f + la[0],  # ravik
        f + "." + la,  # ravi.kaur
        f[0] + "." + la,  # r.kaur
        la + "." + f[0],  # kaur.r
        la + "_" + f[0],  # kaur_r
        f + "_" + la,  # ravi_kaur
        f[0] + "_" + la,  # r_kaur
        f[:3] + la[:3],  # ravkau
        la[:5] + f[:2],  # kaurra
        f + la,  # ravikaur
        la + f,  # kaurravi
        f[0] + la + "-" + rng.choice(ROLES),  # rkaur-ops
        f + "-" + la[0],  # ravi-k
        la + "-" + f[0],  # kaur-r
        # (not three initials alone, "rjk": no shape tells them from an abbreviation; only an
        # account field does, and the 2-letter + digits recipe below covers those fields)
        la,  # kaur (surname alone as a login)
    ]
    h = rng.choice(recipes)
    if len(h) < 3:
        h = f[0] + la
    r = rng.random()
    if r < 0.25:
        h += str(rng.randint(1, 99))
    elif r < 0.35:
        h += str(rng.randint(1970, 2005))
    elif r < 0.40:
        h = _leet(h, rng)
    return h


# {h}, {h2}: handles; {F}: an unrelated first name; {n}: a number; {t}: a time; {sha}: a commit hash
TEMPLATES = {
    "git": [
        "commit {sha}\nAuthor: {h} <noreply>\nDate:   Mon Jun 3\n\n    tighten retry budget",
        "{sha} ({h}) fix flaky upload test\n{sha} ({h2}) bump version",
        "remote: {h} pushed to refs/heads/main\nremote: approved-by {h2}",
        "Reviewed-by: {h}\nTested-by: {h2}",
        "git log --author={h} --since=monday | wc -l",
        "$ git shortlog -sn\n   42  {h}\n   17  {h2}",
        "branch {h}/hotfix-oauth was force-pushed by {h}",
    ],
    "ci": [
        "[{t}] build #{n} started by {h}\n[{t}] build #{n} finished: SUCCESS",
        "deploy to prod requested by {h}, waiting for approval from {h2}",
        "2024-06-03T{t}:11Z INFO audit user={h} action=login ip=10.0.3.4",
        "sudo: {h} : TTY=pts/2 ; PWD=/srv ; USER=root ; COMMAND=/bin/systemctl restart nginx",
        "Accepted publickey for {h} from 10.2.1.9 port 53122 ssh2",
        "job {n} cancelled by {h}; rerun by {h2}",
        "owner={h} team=payments cost_center=4410",
    ],
    "ticket": [
        "{h} changed the status to In Review\n{h2} assigned this to themselves",
        "PROJ-{n} | assignee: {h} | reporter: {h2} | prio: P2",
        "@@ {h} closed this as completed in #{n}",
        "{h} requested changes on this pull request",
        "Watchers: {h}, {h2}\nLabels: bug, frontend",
        "{h} linked PROJ-{n} as a duplicate; {h2} disagreed",
        "last edited by {h} 3 days ago",
        "Escalation path: {h} then {h2}",
    ],
    "chat": [
        "{h}: anyone else getting 502s?\n{h2}: yep since {t}",
        "* {h} has joined #infra\n<{h}> morning all\n<{h2}> o/",
        "{h} [{t}]\nheads up, I'm rolling back the release\n{h2} [{t}]\nok",
        "thanks {h} that fixed it! and ty {h2} for the review",
        "ok {h} your turn for the demo",
        "{h} is typing...",
        "{h} left the channel",
        "{F}: who owns the vpn config?\n{h}: me, send it over",
        "+1 to what {h} said",
    ],
    "crm": [
        "Contact owner: {h}. Last touch: call, left voicemail.",
        "Portal user {h} requested a data export; verified by {h2}.",
        "Opportunity updated by {h} (stage: negotiation)",
        "Customer logs in as {h} and sees an empty dashboard.",
        "Handled by {h}. Callback scheduled for Thursday.",
        "Account login: {h} | Tier: gold | CSM: {h2}",
    ],
    "transcript_lower": [
        "agent: can i have your username please\ncaller: yes it's {h}",
        "caller: my user name is {h} and i can't get in\nagent: ok let me check",
        "agent: and the login is {h} right\ncaller: yep that's me",
        "speaker 1: i think {h} has the admin rights\nspeaker 2: no {h2} does",
        "caller: i'm logged in as {h} but the page is blank",
        "agent: so the account under {h} is suspended\ncaller: why",
        "speaker 2: {h} and {h2} both approved it\nspeaker 1: ok great",
    ],
    "email": [
        "Hi,\n\nCould you add {h} and {h2} to the billing group?\n\nThanks",
        "Hello,\n\nMy login {h} stopped working after the password change.\n\nBest",
        "Team,\n\nplease route approvals through {h} this week.\n\nCheers",
        "Hi,\n\nthe shared mailbox is owned by {h}; {h2} is the backup.\n\nRegards",
    ],
}
# handles in running prose, with no field name or log format around them
TEMPLATES["prose_chat"] = [
    "lol {h} strikes again, who let them near prod",
    "can't find {h}'s notes from yesterday, anyone?",
    "{h} out today, back tmrw",
    "pinging {h} again about the invoice",
    "did anyone hear from {h} re the outage",
    "heads up: {h} is driving the release, {h2} is backup",
    "so {h} just rebooted the db without telling anyone",
    "brb, grabbing coffee with {h}",
]
TEMPLATES["prose_ticket"] = [
    "Customer (acct {h}) reports that exports hang at 99%.",
    "Affected users: {h}, {h2}. Workaround: clear the cache.",
    "Impersonated {h} to reproduce; the bug is on the settings tab.",
    "Password reset requested for {h} via the help desk form.",
    "Duplicate of the issue {h} filed last week.",
    "Per {h}, the error only shows on Safari.",
]
TEMPLATES["prose_crm"] = [
    "Spoke w/ {h} re pricing, sending a quote tmrw.",
    "{h} - prefers phone, avoid mornings.",
    "Decision maker is {h} (VP ops); champion {h2}.",
    "Follow up w {h} next wk about the pilot.",
    "Intro call: {h} and {h2} from their IT team joined.",
]
TEMPLATES["prose_transcript_lower"] = [
    "caller: yeah so {h} from accounting called me about it\nagent: ok",
    "caller: it's {h} with the numbers at the end\nagent: got it",
    "caller: i typed {h} and it said user not found\nagent: let me look",
    "agent: we set you up as {h} on the new system\ncaller: ok",
    "caller: my handle on the forum is {h}\nagent: thanks",
    "speaker 1: you'll see {h} in the top corner when you're in\nspeaker 2: right",
    "speaker 2: honestly {h} knows the billing code better than me",
]
LOWER = {"transcript_lower", "prose_transcript_lower"}


# PII-free look-alikes in the same places
CONTROLS = [
    "commit a1b2c3d\nAuthor: dependabot[bot]\nDate:   2024-06-03\n\n    bump nginx-ingress to v2.3.1",
    "[08:12] build #5521 started by cron\n[08:19] build #5521 finished: SUCCESS",
    "deploy to prod requested by release-manager, waiting for approval from change-board",
    "2024-06-03T10:11Z INFO audit user=svc-backup action=login status=ok",
    "Accepted publickey for deploy from bastion port 53122 ssh2",
    "sudo: ansible : TTY=pts/2 ; PWD=/srv ; USER=root ; COMMAND=/bin/systemctl restart redis",
    "owner=platform team=payments cost_center=4410 image=ubuntu2404",
    "PROJ-4410 | assignee: unassigned | reporter: sentry | prio: P2",
    "renovate closed this as completed in #881",
    "Watchers: frontend, design\nLabels: bug, a11y",
    "last edited by the importer 3 days ago; see README.md and CHANGELOG.md",
    "Escalation path: on-call then incident-commander",
    "grafana: alert firing on build-01 and build-02\nalertmanager: silenced for 1h",
    "* standup-bot has joined #infra\n<standup-bot> reminder: standup in 5",
    "kubectl rollout restart deploy/api; helm rollback api 41",
    "thanks everyone, that fixed it! rebase on main before merging",
    "ok team your turn for the demo; use the staging login page",
    "Contact owner: unassigned. Last touch: newsletter, opened.",
    "Opportunity updated by workflow (stage: negotiation)",
    "Customer logs in with sso and sees an empty dashboard.",
    "agent: can i have your order number please\ncaller: yes it's four four one two",
    "caller: the login page says my session expired\nagent: ok let me check",
    "speaker 1: i think the admin group has the rights\nspeaker 2: no the owners group does",
    "Hi,\n\nCould you add the billing and finance groups to the channel?\n\nThanks",
    "Feature flags: new_checkout, dark_mode and beta_search are on for internal users.",
    "pip install fastapi==0.111 uvicorn[standard]; poetry lock --no-update",
    "The nightly job on worker-03 pushed 12 artifacts to the s3 bucket.",
    "git log --author=bot --since=monday | wc -l",
    "$ git shortlog -sn\n   42  renovate\n   17  github-actions",
    "branch feature/hotfix-oauth was force-pushed by ci",
    "job 7712 cancelled by timeout; rerun by scheduler",
    "Reviewed-by: codeowners\nTested-by: qa-automation",
    "Account login: sso | Tier: gold | CSM: pending",
    "postgres_16 and redis7 upgraded; nodejs20 and python3.12 on the runners",
    "+1 to what the docs said about tmux and zsh",
    "lol prod strikes again, who let the cron job run twice",
    "pinging finance again about the invoice; kubelet restarted overnight",
    "Affected users: all of emea. Workaround: clear the cache.",
    "Per the vendor, the error only shows on Safari 17.",
    "Spoke w/ procurement re pricing, sending a quote tmrw.",
    "caller: yeah so accounting called me about it\nagent: ok",
    "caller: i typed my email and it said user not found\nagent: let me look",
    "speaker 2: honestly the wiki knows the billing code better than me",
    "Intro call: their IT team and the security lead joined; they use okta and jamf.",
    "brb, grabbing coffee; then the nginx conf and the haproxy cfg",
]


def _doc(rng: random.Random, i: int) -> Doc:
    style = rng.choice(sorted(TEMPLATES))
    t = rng.choice(TEMPLATES[style])
    h = handle(rng, rng.choice(FIRST), rng.choice(LAST))
    h2 = handle(rng, rng.choice(FIRST), rng.choice(LAST))
    while h2 == h:
        h2 += "1"
    F = rng.choice(FIRST).capitalize()
    pii = [Pii("USERNAME", h)]
    if "{h2}" in t:
        pii.append(Pii("USERNAME", h2))
    if "{F}" in t:
        pii.append(Pii("PERSON", F))
    sha = "".join(rng.choice("0123456789abcdef") for _ in range(7))
    text = t.format(
        h=h, h2=h2, F=F, n=rng.randint(100, 9999), sha=sha, t=f"{rng.randint(7, 19):02d}:{rng.randint(10, 59)}"
    )
    if style in LOWER:
        text = text.lower()
        for p in pii:
            p.value = p.value.lower()
    return Doc(i, f"handles4_{style}", "en_US", text, pii)


def generate(rng: random.Random, start_id: int) -> list[Doc]:
    docs = [_doc(rng, start_id + k) for k in range(300)]
    for c in CONTROLS:
        docs.append(Doc(start_id + len(docs), "handles4_control", "en_US", c, [], control=True))
    return docs
