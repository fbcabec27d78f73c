"""Handles of any make where a person or an account stands (issue #13, fifth round,
``handles.detect_slots``): hobby words with digits, CamelCase, leetspeak, words glued to names,
in tables, JSON fields, bullets, lists of people, "my twitch is x", after a person's verb; the
same places with software, versions, files, hosts and ordinary words stay."""

import random

import pytest
from corpus import tally
from helpers import scrub_checked as scrub
from tuning import handles5

FOUND = [
    ("id,user,role,active\n101,surfertaco1998,admin,yes", "surfertaco1998"),
    ("| user | role |\n|---|---|\n| niamhtamateax | editor |", "niamhtamateax"),
    ('{"user": "FoxComet", "role": "viewer"}', "FoxComet"),
    ("handle;team\nrocket_rider;support", "rocket_rider"),
    ("my twitch is moon007, streaming tonight", "moon007"),
    ("posted by RiderNightowl 3 hours ago", "RiderNightowl"),
    ("please welcome fro57ch3f and NiamhOtieno to the moderators list.", "fro57ch3f"),
    ("please welcome fro57ch3f and NiamhOtieno to the moderators list.", "NiamhOtieno"),
    ("Present: Emre, VikingPizza and OisinKang. Apologies: Rhys.", "OisinKang"),
    ("- theitzel (moderator)\n- vik1976 (member)", "vik1976"),
    ("Blocked until PChoi confirms the new SSO mapping.", "PChoi"),
    ("ngl gamer1993 carried the whole quiz night", "gamer1993"),
    ("Reassigning from QuangBui to the billing team.", "QuangBui"),
    ("iampadraig and Aino are on the late shift this week", "iampadraig"),
    ("user AmaniChi cannot upload files over 2 GB", "AmaniChi"),
]


@pytest.mark.parametrize(("text", "handle"), FOUND)
def test_a_handle_of_any_make_where_a_person_stands_is_redacted(rules, text, handle):
    assert handle not in scrub(rules, text)


KEPT = [
    "We upgraded to TypeScript 5.4; the i18n and a11y checks pass.",
    "Summary: export to json fails with 0xFE4E for files over 3,971 rows.",
    "1. SSH to vault-0 via the bastion.\n2. deploy to mon-01",
    "Reviewed-by: codeowners\nTested-by: qa-automation",
    "Use git tag v4.2.0-rc1 for the release.",
    "Shopping list: shiitake, sumac, harissa, Kikkoman soy sauce.",
    "Reviewer 2: the comparison with YOLOv8 on KITTI is convincing.",
    "the files were migrated from pubring.gpg to pubring.kbx",
    "id,sku,qty,active\n101,AB-2231,4,yes\n102,XK-9930,0,no",
    "- PostgreSQL (primary)\n- Redis (cache)",
    '{"role": "viewer", "mfa": true, "locale": "en_US"}',
]


@pytest.mark.parametrize("text", KEPT)
def test_software_files_and_words_in_the_same_places_stay(rules, text):
    assert scrub(rules, text) == text


def test_the_tuning_module_is_bounded(scrubber):
    docs = handles5.generate(random.Random("7:handles5"), 0)
    t = tally(docs, scrubber)
    assert t.rate("USERNAME") <= 0.06, t.leaks  # 26 % before detect_slots
    assert t.altered == 0, t.altered  # "log4j2", "evals" were older rules' (tool words now)
