"""Coined company names, round 6 (issue #13, COMPANY/coined): evidence from elsewhere in the text
and the session (companies.Echoes): a firm's later mentions without its legal form, the unknown
names listed beside a firm, a firm heading an address line, the object of a commerce verb; and the
look-alikes that stay."""

import random

import pytest
from corpus import tally
from tuning import companies6

from spark_control.redaction.placeholders import SessionMap
from spark_control.redaction.scrubber import Scrubber


def _scrub(sc: Scrubber, text: str) -> str:
    return sc.scrub(text, SessionMap()).text


@pytest.mark.parametrize(
    ("value", "core"),
    [
        ("Veltrix Ltd", "Veltrix"),
        ("Hollow Anchor Limited", "Hollow Anchor"),
        ("Quorvane Pty Ltd", "Quorvane"),
        ("Dentaro Logistics", "Dentaro"),
        ("Gorse & Tiller LLC", "Gorse & Tiller"),
        ("& Sons", None),
        ("Brockwell & Sons", "Brockwell"),
        ("Summit Partners", None),  # "summit" elsewhere is a word
        ("Zelvora", None),  # nothing to drop: the value itself propagates
    ],
)
def test_core(rules: Scrubber, value: str, core: str | None) -> None:
    assert rules.companies.echoes.core(value) == core


ECHOES = [
    # the later mention drops the legal form, in any casing, with 's
    ("Invoice 4410 from Marnetti GmbH is overdue.\nmarnetti never answers the phone", "marnetti"),
    ("We signed with Pell Harbour Ltd in May. Pell Harbour's onboarding starts Monday.", "Pell Harbour"),
    ("Re: Dravenko Inc. renewal\nDRAVENKO wants a bigger discount", "DRAVENKO"),
    # listed beside a firm
    ("Suppliers: Orbique, Talvane Ltd and Kestrova", "Orbique"),
    ("Suppliers: Orbique, Talvane Ltd and Kestrova", "Kestrova"),
    ("bidders: Talvane Ltd / Hexmoor", "Hexmoor"),
    # heading an address line
    ("Best,\nDana Ortiz\nGrindle Finch, Unit 7 Weaver Street, Bolton BL1 4AB", "Grindle Finch"),
    # the object of a commerce verb
    ("This quarter we were invoiced by Torvessa twice.", "Torvessa"),
    ("We get our pallets through Brannix these days.", "Brannix"),
    ("Finally got a refund out of Quellick.", "Quellick"),
]


@pytest.mark.parametrize(("text", "value"), ECHOES)
def test_echoes(rules: Scrubber, text: str, value: str) -> None:
    assert value not in _scrub(rules, text)


def test_core_carries_across_the_session(rules: Scrubber) -> None:
    m = SessionMap()
    rules.scrub("Contract with Fennimore Lark Limited attached.", m)
    assert "Fennimore Lark" not in rules.scrub("fennimore lark called back about the dates", m).text


KEPT = [
    "Suppliers: Amazon, eBay and Etsy all ship here.",
    "We switched from DynamoDB to Postgres last year.",
    "We switched to Dark Mode; the Beacon team owns it.",
    "Leeds, 12 March: the roadshow moved to the Corn Exchange.",
    "Summit Partners led the round. The summit is in June.",
]


@pytest.mark.parametrize("text", KEPT)
def test_look_alikes_stay(rules: Scrubber, text: str) -> None:
    out = _scrub(rules, text)
    for word in ("Amazon", "DynamoDB", "Dark Mode", "Leeds", "summit is"):
        if word in text:
            assert word in out


def test_people_listed_beside_a_firm_stay_people(rules: Scrubber) -> None:
    assert "COMPANY_2" not in _scrub(rules, "Attendees: Acme Ltd, Sara Lindqvist")


def test_tuning_module_bounds(scrubber: Scrubber) -> None:
    t = tally(companies6.generate(random.Random("7:companies6"), 0), scrubber)
    assert t.rate("COMPANY") <= 0.08, t.leaks  # 31.9 % before round 6
    assert t.altered <= 6, t.altered  # six controls trip other areas' detectors (persons, places)
