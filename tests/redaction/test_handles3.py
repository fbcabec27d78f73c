"""Handles built from a person's name (issue #13, third round): ``edogan``, ``linh.t``,
``okonkwoc7`` for names in no English list, derived from the names in the document or read from
their shape where a person stands; the same places with bots, services and commands stay."""

import random

import pytest
from corpus import leaked
from helpers import scrub_checked as scrub
from tuning import handles3


def test_a_hyphenated_line_label_does_not_crash(rules):
    # "Co-authored-by" is a first name by its parts but has no gazetteer entry of its own
    text = "Co-authored-by: github-actions\nSigned-off-by: release-bot"
    assert scrub(rules, text) == text


# handles derived from a name found in the same text (names in no English list too)
DERIVED = [
    ("Call with Emre Doğan (edogan) re: renewal", "edogan"),
    ("Ticket opened by Linh Tran. Update: tranl42 reset the router.", "tranl42"),
    ("Contact Wiremu Tawhiri, portal login wirtaw, prefers email.", "wirtaw"),
    ("Notes by Aino Virtanen\n\nvirtanen.a will send the quote", "virtanen.a"),
    ("Killa Quispe joined. kquispe1990 pushed 3 commits", "kquispe1990"),
]


@pytest.mark.parametrize(("text", "handle"), DERIVED)
def test_a_handle_built_from_a_name_in_the_text_is_redacted(rules, text, handle):
    assert handle not in scrub(rules, text)


# a name and an initial joined by "._-" or a capital; made-up name pieces where a person stands
SHAPED = [
    ("the account okonkwo.c was locked", "okonkwo.c"),
    ("Reassigned to Tunde_A this morning", "Tunde_A"),
    ("pipeline approved by TundeA, deployed", "TundeA"),
    ("EMKaraca unlocked it", "EMKaraca"),
    ("urgent things to aroha-n please", "aroha-n"),
    ("Author: tawhiriw\nDate: Tue", "tawhiriw"),
    ("Action: ninber to book the room.", "ninber"),
    ("<xaliu62> anyone seen the pricing sheet?", "xaliu62"),
    ("Status changed by i_etxeberria51.", "i_etxeberria51"),
    ("speaker 2: juhkor reviewed it this morning", "juhkor"),
    ("Submitter: pchan3\nPriority: high", "pchan3"),
    ("Rep: jpoot | Next step: demo", "jpoot"),
    ("please forward to kstjohn when you can", "kstjohn"),
    ("new hire mkoc starts monday", "mkoc"),
    ("ok icanul sent it over", "icanul"),
    ("the account jdelacruz7 was locked", "jdelacruz7"),
]


@pytest.mark.parametrize(("text", "handle"), SHAPED)
def test_a_handle_shaped_like_a_name_is_redacted(rules, text, handle):
    assert handle not in scrub(rules, text)


CONTROLS = [
    "the cron job said nothing and the scheduler retried twice",
    "git rebase -i main, then force push",
    "Upgraded the runners to ubuntu2404 and ubuntu2204; debian12 images next.",
    "[10:02] jenkins: build #441 passed\n[10:03] grafana: alert resolved",
    "[09:30] standupbot: reminder, standup in 5",
    "Run npm ci && npx prisma migrate deploy",
    "the webapp and the minio bucket sync nightly",
    "pipeline #8812 triggered by schedule; merged by dependabot",
    "Use MongoDB or NodeJS; OAuth and XPath; x-ray, t-shirt, plan-b and e-mail",
    "int pid_t is a C type; np.zeros builds an array",
    "Merge pull request #77 from release/2024.06",
    "Action: QA to retest the checkout flow by Friday.",
    "Dear Ms Smith-Jones, thank you. Mary-Jane Smith-Jones will call.",
]


@pytest.mark.parametrize("text", CONTROLS)
def test_tools_commands_and_files_stay(rules, text):
    out = scrub(rules, text)
    assert "USERNAME" not in out and ("PERSON" not in out or "Smith" in text)


def test_tuning_documents_of_this_area_leak_few_handles(rules):
    docs = handles3.generate(random.Random("7:handles3"), 0)
    spans = leaks = altered = 0
    for d in docs:
        out = scrub(rules, d.text)
        if d.control:
            altered += out != d.text
            continue
        spans += sum(p.type == "USERNAME" for p in d.pii)
        leaks += sum(p.type == "USERNAME" for p in leaked(d, out))
    assert leaks / spans <= 0.06, f"{leaks}/{spans}"
    assert altered <= 1
