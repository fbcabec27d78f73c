"""Coined company names, round 5 (issue #13, COMPANY/coined): the roles of procurement, legal,
finance, news, careers and sales (companies._ROLE5_BEFORE/_ROLE5_AFTER), a firm named by its mail
or web domain (Companies._domain_names), a made-up firm that a person reading elsewhere must not
drop (public.py), and look-alikes that stay."""

import random

import pytest
from corpus import leaked
from tuning import companies5

from spark_control.redaction.placeholders import SessionMap
from spark_control.redaction.scrubber import Scrubber


@pytest.fixture(scope="module")
def scrubber() -> Scrubber:
    return Scrubber()


def _scrub(sc: Scrubber, text: str) -> str:
    return sc.scrub(text, SessionMap()).text


FOUND = [
    # procurement and finance
    ("PO 4471 was issued to Velquira yesterday.", "Velquira"),
    ("Procurement wants a second quote besides Tormaxa.", "Tormaxa"),
    ("Remittance advice from Ostivane attached.", "Ostivane"),
    ("Dravolix remains our largest debtor at 38k.", "Dravolix"),
    # legal
    ("Counterparty: Quellmora", "Quellmora"),
    ("We are in dispute with Brevantis over the late deliveries.", "Brevantis"),
    ("Kelvaro's counsel sent comments on clause 7.", "Kelvaro"),
    # news, careers, sales
    ("Zunderra shares fell 8% after the earnings call.", "Zunderra"),
    ("Morvessa posted record revenue this quarter.", "Morvessa"),
    ("She got an offer from Trevalyx and accepted.", "Trevalyx"),
    ("closed-won: Plimvora, 3-year term", "Plimvora"),
    ("our courier Haldrex lost two parcels this week", "Haldrex"),
    # two ordinary words as a firm, before a verb of _ROLE_AFTER the cheap pre-test used to miss
    ("Lantern Ridge rejected the revised terms.", "Lantern Ridge"),
]


@pytest.mark.parametrize(("text", "value"), FOUND)
def test_roles_round5(scrubber: Scrubber, text: str, value: str) -> None:
    assert value not in _scrub(scrubber, text)


def test_domain_names_the_firm(scrubber: Scrubber) -> None:
    out = _scrub(scrubber, "from: accounts@copperhaven.io\nCopperhaven again, same as last month.")
    assert "opperhaven" not in out
    out = _scrub(scrubber, "cc billing@meadowpeak.com\nsee you at the Meadow Peak offsite then")
    assert "Meadow Peak" not in out
    assert "Tallowick" not in _scrub(scrubber, "https://www.tallowick.com/pricing\nTallowick again")


def test_domain_leaves_webmail_and_plain_words(scrubber: Scrubber) -> None:
    assert "the bakery" in _scrub(scrubber, "Write to info@bakery.co.uk, the bakery opens at 8.")
    assert "Gmail" in _scrub(scrubber, "Mail from jo@gmail.com; Gmail flagged it as spam.")


def test_firm_survives_a_person_reading_elsewhere(scrubber: Scrubber) -> None:
    # "SwiftPost and I" read as a person (no person has an inner capital) must not veto the firm
    text = "Summary: PO 4471 was issued to SwiftPost yesterday\nComment: SwiftPost and I agreed on the dates"
    assert "SwiftPost" not in _scrub(scrubber, text)


UNCHANGED = [
    "Interviewer: When did the team start?\nRespondent: Around Thanksgiving 2023.",
    "The quote for the new roof came in high.",
    "We moved the analytics jobs from Snowflake to BigQuery last spring.",
    "The Stormbreaker sprint ends Friday; the next codename is Driftwood.",
    "Shares fell 3% after the announcement.",
]


@pytest.mark.parametrize("text", UNCHANGED)
def test_look_alikes_stay(scrubber: Scrubber, text: str) -> None:
    assert _scrub(scrubber, text) == text


def test_tuning_module_leak_bound(scrubber: Scrubber) -> None:
    docs = companies5.generate(random.Random("7:companies5"), 0)
    pii = [d for d in docs if not d.control]
    n = sum(len([p for p in d.pii if p.type == "COMPANY"]) for d in pii)
    lost = sum(len([p for p in leaked(d, _scrub(scrubber, d.text)) if p.type == "COMPANY"]) for d in pii)
    assert lost / n < 0.12  # 29 % before round 5


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("POC with Quiet Ladder starts next week.", "Quiet Ladder"),
        ("Quick question from the Blue Otter procurement team about net-60 terms.", "Blue Otter"),
    ],
)
def test_everyday_word_pairs_in_a_role(scrubber: Scrubber, text: str, value: str) -> None:
    assert value not in _scrub(scrubber, text)


@pytest.mark.parametrize(
    "text",
    ["Heard Second Round is sold out.", "We met with Big Data people at the fair.", "Dinner with Mary Little tonight."],
)
def test_everyday_word_pairs_elsewhere_stay(scrubber: Scrubber, text: str) -> None:
    out = _scrub(scrubber, text)
    assert "COMPANY" not in out
