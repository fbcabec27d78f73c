"""Names and companies found by their role in a sentence (issue #13): the object of a person cue,
the subject of a person verb, a surname after particles; a coined company as the subject of what
firms do or as someone's former employer. Each shape has a PII-free look-alike that stays."""

import pytest
from helpers import scrub_checked as scrub

FOUND = [
    ("I told Rob it was fine.", "Rob"),
    ("sync with Harmony after lunch", "Harmony"),
    ("per Marsh, the date holds.", "Marsh"),
    ("Tepeu said the numbers are off.", "Tepeu"),
    ("Kawil's manager approved it", "Kawil"),
    ("Weaver will send the contract.", "Weaver"),
    ("ask Lily whether it shipped.", "Lily"),
    ("The renewal is due in March. Olive is on leave until Monday.", "Olive"),
    ("speaker 2: yeah, ask sandy whether it shipped.", "sandy"),
    ("speaker 1: yeah, i told don it was fine.", "don"),
    ("speaker 2: yeah, sync with muwan after lunch.", "muwan"),
    ("speaker 1: yeah, pieter van den berg said the invoice is wrong.", "berg"),
    ("Hope, can you send the deck?", "Hope"),
    ("speaker 2: yeah bill, i can.", "bill"),
    ("Daisy and I will cover the stand.", "Daisy"),
    ("me and Rob went through it.", "Rob"),
    ("Balamkʼu and I will cover it.", "Balamkʼu"),
    ("I met Eero at the booth.", "Eero"),
    ("Herr Wójcik asked for the quote.", "Wójcik"),
    ("[10:02] hope: can you check the logs", "hope"),
    ("Requester: Hope Baker", "Baker"),
    ("Reported By: Bill Wolf", "Wolf"),
    ("Hope Baker, Account Manager", "Hope"),
    ("speaker 2: hope baker called about the invoice", "hope"),
    ("speaker 1: hi it's hope baker from accounts", "hope"),
    ("the customer, rose marsh, asked for a refund", "rose"),
    ("Hope from billing called.", "Hope"),
    ("Bill here, quick question.", "Bill"),
    ("Kʼumatz and Chuc will attend.", "Kʼumatz"),
    ("Owner - Aroha", "Aroha"),
    ("Follow-up: Keoni", "Keoni"),
    ("speaker 1: yeah hope is handling it", "hope"),
    ("speaker 2: i'll check with bill and get back to you", "bill"),
    ("speaker 2: rich can you take this one", "rich"),
    ("Mark's on it.", "Mark"),
    ("I'll loop in Hope.", "Hope"),
    ("speaker 2: i spoke with jan van der berg yesterday", "jan"),
    ("Requester: Jan de Wit", "Wit"),
    ("speaker 2: ask cook about it, told marsh already", "marsh"),
    ("Plumora raised a seed round.", "Plumora"),
    ("we signed with Summit last week.", "Summit"),
    ("Horizon's renewal is due in March.", "Horizon"),
    ("She is the CFO of Blue Otter.", "Otter"),
    ("customer Cobalt asked for a discount.", "Cobalt"),
    ("speaker 2: the vexilo guys said it's fine", "vexilo"),
    ("speaker 1: vexilo's support is slow", "vexilo"),
    ("[10:02] anyone heard back from vexilo?", "vexilo"),
    ("Company: Vexilo", "Vexilo"),
    ("speaker 2: this is dana from vexilo", "vexilo"),
    ("speaker 1: i'm a vexilo customer", "vexilo"),
    ("speaker 2: i contacted vexilo yesterday", "vexilo"),
    ("speaker 2: yeah, blue otter invoiced us twice.", "otter"),
    ("a Meridian spokesperson declined to comment.", "Meridian"),
    ("She is the CFO of Talvoro.", "Talvoro"),
    ("a Zubrio spokesperson declined to comment.", "Zubrio"),
    ("Trellify, our vendor, missed the date.", "Trellify"),
    ("I called Zentara support yesterday.", "Zentara"),
    ("speaker 2: we bank with saffrix", "saffrix"),
    ("[14:37] solvanta will renew if we fix the export", "solvanta"),
    ("Hexaly is onboarding 40 seats", "Hexaly"),
    ("he left Orbelle in May.", "Orbelle"),
    ("speaker 2: yeah, we moved the hosting to quillo.", "quillo"),
]


@pytest.mark.parametrize(("text", "value"), FOUND)
def test_a_word_in_a_person_or_company_role_is_redacted(rules, text, value):
    assert value not in scrub(rules, text)


KEPT = [
    "Will it work with the new firmware? Hope so.",
    "ask Jira for the sprint report, then ping Slack and cc the finance list.",
    "Power is out until Friday. Support confirmed the fix. Legal approved it. Finance asked for the numbers.",
    "the customer said it was fine. my boss said no. everyone said yes. the new guy said hi.",
    "he joined the call late and said the numbers are off; she asked for the logs.",
    "per user, per hour, per the contract. ask around. told everyone. ping me.",
    "from Monday the office opens at 8. By Friday we need the numbers, with luck.",
    "the q4 plan is for fy25; the sku_1044 batch is out; the box is fine.",
    "Stock is out. Budget approved.",
    "Kubernetes shipped a fix and Grafana raised the limit; we moved the hosting to Azure.",
    "we signed with a new supplier last week; he left the office in May.",
    "Great, can you send it? Sure, I can. Cool, thanks! Then, we ship. Lovely, thank you.",
    "Man, I hate this bug. Honestly, I agree. Soon, we ship. Anyway, please review.",
    "speaker 1: right, can you hear me?\nspeaker 2: well, i think so\nspeaker 1: great, thanks",
    "[09:15] note: deploy at 10\n[09:21] done: all green\n[09:24] status: ok",
    "the dog and I went out. we use Zapier for payroll. Autosave shipped last week.",
    "I work at home on Fridays; the customers of the shop liked it.",
    "Interest raised the cost. Prices raised again. We switched to Dark Mode; the Beacon team owns it.",
    "Signed with love, Grandma. Today's invoice is attached; everyone's account was migrated.",
    "speaker 1: the frontend guys said it's fine\nspeaker 2: the webhook's retry is slow",
    "speaker 1: my landlord charged us twice\nspeaker 2: so interest charged us more",
    "speaker 1: the bill is due friday, hope is not a plan\nspeaker 2: art is hard, power's out again",
    "We flew to Rio de Janeiro. Power's out. Stock is out.",
    "speaker 1: it costs ten dollars per page and per seat\nthe total, per Page 3, is wrong.",
    "speaker 1: the rose garden is lovely\nspeaker 2: walker boots are on sale, summer sale starts friday",
    "speaker 1: a rich brown colour, ginger tea please\nspeaker 2: mark lane station is closed, use tower hill",
    "speaker 1: sandy beach, grace period, will power\nspeaker 2: grant access to the drive, hunter boots",
]


@pytest.mark.parametrize("text", KEPT)
def test_the_same_shapes_without_a_name_are_left_alone(rules, text):
    assert scrub(rules, text) == text


def test_two_popular_first_names_joined_by_and_are_people_not_a_firm(rules):
    """ "Bill and Grace" typed PERSON: its tokens propagate to a later bare "grace"."""
    out = scrub(rules, "Bill and Grace will review.\nspeaker 1: ok grace, thanks")
    assert "COMPANY" not in out and "grace" not in out.lower()
