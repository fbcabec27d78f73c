"""Tuning documents for handles built from a person's name (issue #13, third round): ``edogan``,
``doganE``, ``linh.t``, ``tran_l``, ``chidi-o``, ``okonkwoc7``, ``arjrag``, ``virtanenaj`` in
chat, tickets, CRM notes, lowercase transcripts, email, letters, meeting notes and git/CI log
snippets. Half the documents also name the person ("Emre Doğan (edogan)"), half give the handle
alone. Most names are in no English name list (Turkish, Vietnamese, Polish, Yoruba, Igbo, Tamil,
Greek, Finnish, Hungarian, Basque, Maori, Quechua, Georgian, Korean): the rules must not depend on
the surname being known. And PII-free look-alikes in the same places: bots, services, commands,
distributions, files and features ("opened by monitoring", "merged by dependabot", "ubuntu2404").

Names, templates and controls are written here by hand, for this module only."""

from __future__ import annotations

import random
import unicodedata

from corpus import Doc, Pii

PEOPLE = [
    ("Emre", "Doğan"), ("Zeynep", "Aydın"), ("Burak", "Öztürk"), ("Elif", "Karaca"),
    ("Linh", "Tran"), ("Quang", "Vo"), ("Hoa", "Dang"), ("Thanh", "Pham"),
    ("Krzysztof", "Wróbel"), ("Agnieszka", "Szymańska"), ("Tomasz", "Grabowski"),
    ("Chidi", "Okonkwo"), ("Ngozi", "Eze"), ("Tunde", "Adeyemi"), ("Folake", "Balogun"),
    ("Arjun", "Raghavan"), ("Lakshmi", "Subramanian"), ("Vikram", "Iyer"), ("Deepa", "Krishnan"),
    ("Nikos", "Papadakis"), ("Eleni", "Kostopoulou"), ("Aino", "Virtanen"), ("Juha", "Korhonen"),
    ("Zsófia", "Horváth"), ("Bence", "Kovács"), ("Iker", "Etxeberria"), ("Ainhoa", "Goikoetxea"),
    ("Aroha", "Ngata"), ("Wiremu", "Tawhiri"), ("Yupanqui", "Mamani"), ("Killa", "Quispe"),
    ("Nino", "Beridze"), ("Giorgi", "Kapanadze"), ("Minji", "Seo"), ("Jaehyun", "Baek"),
    ("Rachel", "Whitfield"), ("Graham", "Pickering"), ("Declan", "Moss"), ("Hannah", "Ashby"),
    ("Ximena", "Villalobos"), ("Joaquín", "Arriaga"), ("Jiayi", "Huang"), ("Xiaoming", "Liu"),
]  # fmt: skip
MIDDLE = ["a", "j", "k", "m", "r", "s", "t"]


def _fold(s: str) -> str:
    s = s.lower().replace("ı", "i").replace("ł", "l")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if c.isalpha() and c.isascii())


def handle(rng: random.Random, first: str, last: str, cased: bool) -> str:
    f, la, m = _fold(first), _fold(last), rng.choice(MIDDLE)
    parts, sep = rng.choice(
        [
            ((f[0], la), ""),  # edogan
            ((la, f[0]), ""),  # dogane
            ((f, la[0]), ""),  # emred
            ((f, la), "."),  # emre.dogan
            ((f[0], la), "."),  # e.dogan
            ((la, f[0]), "."),  # dogan.e
            ((f, la), "_"),  # emre_dogan
            ((f[0], la), "_"),  # e_dogan
            ((la, f[0]), "_"),  # dogan_e
            ((f, la[0]), "-"),  # emre-d
            ((la, f[0]), "-"),  # dogan-e
            ((f[:3], la[:3]), ""),  # emrdog
            ((la, f[:2]), ""),  # doganem
            ((f[0], m, la), ""),  # emdogan
            ((la, f[0], m), ""),  # doganem
            ((f, la), ""),  # emredogan
            ((f, la[0]), "."),  # emre.d
        ]
    )
    if cased and rng.random() < 0.25:
        parts = tuple(p.capitalize() for p in parts)  # "EDogan", "Emre.Dogan": some tools keep capitals
    h = sep.join(parts)
    r = rng.random()
    if r < 0.25:
        h += str(rng.randint(1, 99))
    elif r < 0.35:
        h += str(rng.randint(1975, 2004))
    return h


# {h}, {h2}: handles; {N}: the full name of {h}'s person; {F}: a first name (another person)
TEMPLATES = {
    "chat": [
        "[{t}] {h}: can someone look at the failing deploy\n[{t}] {h2}: on it",
        "{h} joined #support\n[{t}] {h}: morning, the vpn drops every ten minutes",
        "{h} reacted with :+1:\n{h2} 10:42 AM\nsounds good, shipping it",
        "<{h}> anyone seen the new pricing sheet?\n<{h2}> yes, in the drive",
        "[{t}] {F}: who has the keys to the lab\n[{t}] {h}: me, until six",
        "{h2} set the topic: q3 planning\n[{t}] {h}: agenda is in the doc",
    ],
    "ticket": [
        "Ticket #{n} opened by {h} - printer on floor 3 offline. Assignee: {h2}.",
        "Reporter: {h}\nAssignee: {h2}\nSummary: cannot log in to the payroll portal",
        "Requested by {h} on behalf of {N}. Reassigned from {h2} to the network queue.",
        "{h} commented: cannot reproduce on 2.3, closing. Status changed by {h2}.",
        "Affected account: {h} (password reset done, MFA re-enrolled)",
        "INC{n}: {N} ({h}) reports the laptop fan is loud; swapped by {h2}.",
    ],
    "crm": [
        "Call with {N} ({h}) re: renewal; follow-up owner {h2}.",
        "Contact {N}, portal login {h}, prefers email over phone.",
        "Logged by {h}. Customer asked for a discount on the annual plan.",
        "Note from {h}: client moving offices in March, new address to follow.",
        "{N} - username {h} - requested a copy of the last invoice.",
        "Account manager {h} met {N} at the fair; next step a demo.",
    ],
    "transcript_lower": [
        "speaker 1: so i gave the ticket to {h} yesterday\nspeaker 2: right and {h} never got back to me",
        "speaker 1: yeah {h} said the vpn was down again\nspeaker 2: can we add {h2} to the channel",
        "speaker 2: his login is {h} i think\nspeaker 1: ok i'll loop in {h} then",
        "speaker 1: {F} and {h} are on the rota this week\nspeaker 2: fine by me",
        "speaker 2: did {h} push the fix\nspeaker 1: {h2} reviewed it this morning",
    ],
    "email": [
        "Hi {F},\n\nI've added {h} to the shared drive; {h2} already had access.\n\nBest,\n{F}",
        "Hello,\n\nplease grant {h} read access to the finance folder. {N} approved it.\n\nThanks",
        "Hi all,\n\n{h} will cover for me while I'm away. Urgent things to {h2}.\n\nRegards",
        "Dear team,\n\nthe account {h} was locked after five failed attempts; {h2} unlocked it.",
    ],
    "letter": [
        "Dear {N},\n\nyour online account ({h}) has been reactivated. If this was not you, call us.",
        "Dear {N},\n\nyour membership is registered under the username {h}. Keep this letter.",
    ],
    "meeting": [
        "Action: {h} to send the revised quote by Friday.\nAction: {h2} to book the room.",
        "Attendees: {h}, {h2}, {F}\nDecisions: move the launch one week.",
        "- {h}: budget approved\n- {h2}: hiring on hold until Q3",
        "AI ({h}): update the onboarding doc. AI ({h2}): chase the vendor.",
        "Notes taken by {h}. {N} presented the roadmap.",
    ],
    "git": [
        "commit 3f2a9c1\nAuthor: {h}\nDate: Tue Mar 4\n\n    fix login redirect",
        "Merge pull request #{n} from {h}/fix-timeouts\n\nreviewed by {h2}",
        "pipeline #{n} triggered by {h}; approved by {h2}, deployed to staging",
        "{h} pushed 3 commits to main\n{h2} opened a merge request",
        "Co-authored-by: {h}\nSigned-off-by: {h2}",
        "git blame says {h} touched this last; ask {h2} about the schema",
    ],
}
CASED = {"chat", "ticket", "crm", "email", "letter", "meeting", "git"}


def _doc(rng: random.Random, i: int) -> Doc:
    style = rng.choice(sorted(TEMPLATES))
    t = rng.choice(TEMPLATES[style])
    (f1, l1), (f2, l2), (f3, _) = rng.sample(PEOPLE, 3)
    cased = style in CASED
    h, h2 = handle(rng, f1, l1, cased), handle(rng, f2, l2, cased)
    pii = [Pii("USERNAME", h)]
    if "{h2}" in t:
        pii.append(Pii("USERNAME", h2))
    if "{F}" in t:
        pii.append(Pii("PERSON", f3))
    full = f"{f1} {l1}"
    if "{N}" in t:
        pii.append(Pii("PERSON", full))
    text = t.format(
        h=h, h2=h2, N=full, F=f3, n=rng.randint(1000, 99999), t=f"{rng.randint(8, 18):02d}:{rng.randint(10, 59)}"
    )
    if style == "transcript_lower":
        text = text.lower()
        for p in pii:
            p.value = p.value.lower()
    elif rng.random() < 0.5:
        # the person named elsewhere in the document too (a signature, a CC line, a header)
        text += rng.choice([f"\n\n-- {full}", f"\ncc: {full}", f"\n(owner: {full})"])
        pii.append(Pii("PERSON", full))
    return Doc(i, f"handles3_{style}", "en_US", text, pii)


# ---------------------------------------------------------------- controls (PII-free)
CONTROLS = [
    "the cron job said nothing and the scheduler retried twice",
    "git rebase -i main, then force push; the linter will complain about tabs",
    "Upgraded the runners to ubuntu2404 and ubuntu2204; debian12 images next.",
    "The login page loads in 2 s; user: guest stays read-only on staging.",
    "Ticket #5512 opened by monitoring - disk at 91 % on db03. Assignee: unassigned.",
    "pipeline #8812 triggered by schedule; approved by codeowners, merged by dependabot",
    "Reporter: nagios\nAssignee: oncall\nSummary: certificate expires in 14 days",
    "- dependabot: bump lodash from 4.17.20 to 4.17.21\n- renovate: pin node to 20.11",
    "[10:02] jenkins: build #441 passed\n[10:03] grafana: alert resolved",
    "Merge pull request #77 from release/2024.06\n\nreviewed by the platform team",
    "Attendees: Marketing, Finance, Legal\nDecisions: freeze the price list.",
    "speaker 1: ok so ask chatgpt for a summary\nspeaker 2: or copilot, whatever is quicker",
    "Action: QA to retest the checkout flow by Friday. Action: ops to rotate the keys.",
    "Your account settings were updated. The username field is now case-insensitive.",
    "Run npm ci && npx prisma migrate deploy; see docker-compose.yml and the Makefile.",
    "the stripe webhook and the twilio callback both fail; sentry grouped them together",
    "Feature flags: darkmode, quickpay and smartsearch are on for beta users.",
    "Files: invoice_2024_03.pdf, q3_forecast.xlsx, readme.md and logo_final2.png",
    "Co-authored-by: github-actions\nSigned-off-by: release-bot",
    "synced with upstream; cherry-picked from stable and tagged v2.4.1",
    "speaker 2: loop in legal and add finance to the thread\nspeaker 1: yep",
    "The kubelet said the pod was evicted; coredns and kubeproxy restarted.",
    "[09:30] standupbot: reminder, standup in 5\n[09:31] pollbot: poll closed",
    "Logged by system. Customer asked for a refund via the self-service portal.",
    "Note from finance: invoices are due on the 5th; autopay covers the rest.",
    "Status changed by autotriage: resolved. Duplicate of INC20931.",
    "the webapp and the minio bucket sync nightly; rclone handles the copy",
    "commit 9bd01e2\nAuthor: buildbot\n\n    chore: regenerate lockfile",
    "i ran kubectl get pods and then helm upgrade; argocd picked it up",
    "Account manager: vacant. Next step: a demo of smartsync and autofill.",
]


def generate(rng: random.Random, start_id: int) -> list[Doc]:
    docs = [_doc(rng, start_id + k) for k in range(160)]
    for c in CONTROLS:
        docs.append(Doc(start_id + len(docs), "handles3_control", "en_US", c, [], control=True))
    return docs
