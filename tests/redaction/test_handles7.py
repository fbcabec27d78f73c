"""Handles with evidence elsewhere, and handles where only a person stands (issue #13, seventh
round, ``handles.evidence7`` and ``handles.detect_places7``): a found person's initials and
digits, cuts or consonant skeletons of two of their name parts, a whole part and a few letters
that are no word; the subject of "quit", "covers", "is calling", "you there?", the object of
"remind", "lunch w", "then x."; the same shapes and places with software, words and versions
stay."""

import random

import pytest
from corpus import tally
from helpers import scrub_checked as scrub
from tuning import handles7

EVIDENCE = [
    ("Meeting notes\nAttendees: Leila Dabrowski, Dana\n- ld25 to send the draft", "ld25"),
    ("Leila Ccori joined this week. You'll see leilccor on the review queue.", "leilccor"),
    ("Grzegorz Mutua joined this week. You'll see grzemutu on the review queue.", "grzemutu"),
    ("Tigran Hakobyan (Sales)\nnotes: prefers sms. tgrnhkb on the partner portal.", "tgrnhkb"),
    ("hey eero! is eerowisn your name on the forum?", "eerowisn"),
]


@pytest.mark.parametrize(("text", "handle"), EVIDENCE)
def test_a_handle_made_of_a_found_persons_name_is_redacted(rules, text, handle):
    assert handle not in scrub(rules, text)


PLACES = [
    ("just heard hamihash quit lol", "hamihash"),
    ("Shift swap approved: anacmaki covers Sunday.", "anacmaki"),
    ("Shift swap approved: kh57 covers Sunday.", "kh57"),
    ("brb, sateze5 is calling", "sateze5"),
    ("haeuwanj you there?", "haeuwanj"),
    ("Escalation path: team lead, then dabrowskimaribel.", "dabrowskimaribel"),
    ("someone remind yupanquid about the keys", "yupanquid"),
]


@pytest.mark.parametrize(("text", "handle"), PLACES)
def test_a_handle_where_only_a_person_stands_is_redacted(rules, text, handle):
    assert handle not in scrub(rules, text)


KEPT = [
    "just heard nginx quit again",
    "Escalation path: team lead, then on-call.",
    "the cat5 said nothing, the cable is fine",
    "brb, the build is calling home",
    "someone remind the bot about the keys",
    "Perl is great. Run perltidy before you commit.",
    "Dana Ross reviewed it; the dashboard and the dataset are fine.",
    "Leila Ccori uploaded lecture notes to the shared drive.",
]


@pytest.mark.parametrize("text", KEPT)
def test_software_words_and_versions_in_the_same_places_stay(rules, text):
    out = scrub(rules, text)
    for word in ("nginx", "on-call", "cat5", "build", "bot", "perltidy", "dashboard", "dataset", "lecture"):
        if word in text:
            assert word in out


def test_the_tuning_module_leaks_little_and_alters_no_new_control(rules):
    t = tally(handles7.generate(random.Random("test:handles7"), 0), rules)
    assert t.rate("USERNAME") <= 0.05  # (rules alone, no NER voter: 3.2 %)
    assert t.altered <= 2  # "otter.ai" and "fetch_account": round 5's places, not this round's
