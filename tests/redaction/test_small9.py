"""Birth dates in every written and spoken form, and postal addresses inline in one sentence
(issue #13, ninth round, ``detectors.py`` DOB cues and ``addresses._inline_tail``)."""

import random

import pytest
from helpers import scrub_checked as scrub
from tuning import small9

from spark_control.redaction.scrubber import Scrubber

FOUND = [
    ("b. Friday 18 September 1958, d. 2019", "18 September 1958"),
    ("b. Tue 3 Mar '88", "3 Mar '88"),
    ("3 Mar '88 — that's my birthday", "3 Mar '88"),
    ("3rd of March '88, which was her birthday", "3rd of March '88"),
    ("On 3 March '88 she was born in Lagos.", "3 March '88"),
    ("3 Mar '88 was the day he was born", "3 Mar '88"),
    ("Date of birth:\n\n3 Mar '88", "3 Mar '88"),
    ("DateOfBirth=3 Mar '88", "3 Mar '88"),
    ("| Name | DOB | City |\n|---|---|---|\n| Ann | 3 Mar '88 | Leeds |", "3 Mar '88"),
    ("She moved to Lindenlaan 6 4487 RT Leiden last year.", "4487 RT"),
    ("i'm at Lindenallee 73 in 17206 Dresden now", "17206"),
    ("address is calz. morelos 279 col. centro cp 67203 n.l. per the lease", "67203"),
    ("she moved to keizersgracht 12 1015 cx amsterdam last year", "1015 cx"),
]


@pytest.mark.parametrize(("text", "value"), FOUND)
def test_found(rules, text, value):
    assert value not in scrub(rules, text)


KEPT = [
    "The release on 3 May '24 was when the project was born.",
    "3 May 2024 — the day our startup was born",
    "Option B: 5 Mar '24",
    "plan b: Mon 5 Mar",
    "The meeting on 3 March '24 was great. I was born in Leeds.",
    "Kickoff 3 March '24. She was born in Leeds.",
    "Date of birth:\n\nSee the attached form. Due 3 Mar '24",
    "We sold 2500 units in Mexico last quarter.",
    "Our alumni dinner for the class of '91 is sold out.",
    "| Item | Notes |\n|---|---|\n| Birthday party | 3 Mar '24 |",
    "| Field | Value |\n|---|---|\n| Born | in Leeds |\n\n| Meeting | 3 Mar '24 |",
]


@pytest.mark.parametrize("text", KEPT)
def test_kept(rules, text):
    assert scrub(rules, text) == text


def test_the_tuning_module_leaks_little_and_alters_no_new_control():
    total, leaks, altered, bad = small9.judge(small9.generate(random.Random("test:small9"), 0), Scrubber())
    assert leaks["DOB"] / total["DOB"] <= 0.01, bad  # 1/179 before this round
    assert leaks["ADDRESS"] / total["ADDRESS"] <= 0.01, bad  # 8/221 before (half of the letters kept)
    assert altered <= 1  # "Madrid flight": a city read as a person (NER), on main already
