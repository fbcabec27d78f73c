"""Names that are ordinary words, by role and evidence (issue #13, eighth round,
``names._word_names8`` and ``names._surname_after8``): a word-like first name capitalised inside a
sentence as the subject after a clause opener ("not sure Rose saw") or of a question ("Can Penny
take"), a full name of two such words before what people do, a family name after a found first
name; in lowercase speech only with a person's role ("i'll text pearl later", "did amber get back
to you", "grace's out till monday"). The same words as words stay."""

import random

import pytest
from corpus import tally
from helpers import scrub_checked as scrub
from tuning import wordnames8

FOUND = [
    ("Not sure Rose saw the second draft.", "Rose"),
    ("Can Penny take the Thursday slot?", "Penny"),
    ("I am looping Faith in for the schedule.", "Faith"),
    ("Grace Little (finance) approved the spend.", "Little"),
    ("i'll text pearl later", "pearl"),
    ("did heather get back to you", "heather"),
    ("hazel's out till monday", "hazel"),
    ("Attendees: Dana Cole, Wade Fisher\nWade is off sick today.", "Fisher"),
    ("I had a call with Dean Golden about the lease.", "Golden"),
    ("ok so rose white called again about the refund", "white"),
    ("talked to penny young about the lease", "young"),
    ("The printer is fixed.\nKnight said the dates hold.", "Knight"),
    ("As Cook pointed out, the totals don't match.", "Cook"),
    ("Please welcome Hazel Snow to the support team.", "Snow"),
    ("Our new tenant is Olive Little.", "Olive"),
    ("River Cook  9:02 AM\nmorning all, truck is here", "River"),
    ("Meeting notes\nPresent: Grant Young, Dana Okafor\nYoung presented the figures.", "Grant"),
    ("hi team, bill here. running late", "bill"),
    ("Sent the contract.\n-- \nHazel Bright | Operations", "Hazel"),
    ("is hope still on leave?", "hope"),
    ("has faith sent it yet", "faith"),
    ("grace off today, back thurs", "grace"),
    ("Hope - out Friday", "Hope"),
    ("waiting on rose for the numbers", "rose"),
    ("heard from grace this morning, all fine", "grace"),
    ("faith and joy are both out friday", "joy"),
    ("drew's out till monday", "drew"),
]


@pytest.mark.parametrize(("text", "name"), FOUND)
def test_a_word_like_name_in_a_persons_place_is_redacted(rules, text, name):
    assert name not in scrub(rules, text)


KEPT = [
    "Can Rich text be disabled in the editor?",
    "I'm not sure Amber was the right colour for the banner.",
    "We checked if Stone was used in the foundation.",
    "The Summer sale starts Monday.",
    "Hope so. Can Grant money cover the laptops?",
    "i'll call back later",
    "Thanks all\nBest regards",
    "Meet at the Rose Garden Centre, then Hope Street.",
    "I hope the grant covers the new laptops.",
    "Sales said the numbers are fine.",
    "ok so grant money came through",
    "the rose white paint arrived",
    "Best Western  9:02 AM",
    "Invoice attached.\n-- \nSent from my phone",
    "Can Rose gold be engraved?",
    "is summer still on the calendar?",
    "is rose still in stock?",
    "is joy still on the agenda",
    "has grace period ended yet",
    "mark off today's tasks in the tracker",
    "waiting on rose petals for the display",
    "hope and faith are both out of fashion",
    "ivy off the wall today",
]


@pytest.mark.parametrize("text", KEPT)
def test_the_same_words_as_words_stay(rules, text):
    assert scrub(rules, text) == text


def test_the_tuning_module_leaks_less_and_alters_no_control(rules):
    t = tally(wordnames8.generate(random.Random("7:wordnames8"), 0), rules)
    assert t.rate("PERSON") <= 0.15  # (rules alone: 23.0 % (62/269) on main, 11.9 % (32/269) after)
    assert t.altered == 0
