"""Round 8 (issue #13, COMPANY/coined outside trade texts): a made-up word where only an
organisation (or a person) stands in meeting notes, chat and speech (``companies._role8``):
the subject of what a firm does to people, an action item, a tenure, whom one lets know or
contacts; made-up stems with a digit ("Nexa9"). Places, languages, tools and hosts stay."""

import random

import pytest
from corpus import tally
from tuning import companies8

from spark_control.redaction.placeholders import SessionMap

CAUGHT = [
    ("Quorvane reached out about a partnership.", "Quorvane"),
    ("* Velium to send the revised timeline by Friday", "Velium"),
    ("speaker 1: i was at olvtrix for three years", "olvtrix"),
    ("speaker 2: did kesttrix ever get back to you", "kesttrix"),
    ("TaskVex will join the panel on hiring.", "TaskVex"),
    ("Zentrik invited us to their launch party.", "Zentrik"),
    ("Priya is interviewing at Marvique next week.", "Marvique"),
    ("I'll let Velique know.", "Velique"),
    ("speaker 2: velique is a great company", "velique"),
    ("Agent: Thank you for contacting Brevora.", "Brevora"),
    ("Thanks to Quorova for hosting the meetup.", "Quorova"),
    ("Kova9 joined the standup as observers.", "Kova9"),
    ("Kova9's CTO will present on Monday.", "Kova9"),
    ("Vantrix has been a customer since 2019.", "Vantrix"),
    ("Vantrix would like to invite you to an interview.", "Vantrix"),
    ("hey is vantrix still using us", "vantrix"),
    ("vantrix is still on the old plan", "vantrix"),
    ("can we get vantrix on a call", "vantrix"),
    ("Vantrix delivered the order late again.", "Vantrix"),
    ("speaker 2: the company is called vantrix", "vantrix"),
    ("speaker 1: you've reached vantrix, how can i help", "vantrix"),
    ("Vantrix was impressed by the demo.", "Vantrix"),
    ("Vantrix opened a ticket about SSO.", "Vantrix"),
    ("Quorvane wants their deposit back.", "Quorvane"),
    ("speaker 1: yeah lumora said they can't do thursday", "lumora"),
]

UNCHANGED = [
    "I was at Oxford for three years before this.",
    "node7 needs a reboot, worker_3 is waiting on the queue.",
    "Node7 needs a reboot before the driver update.",
    "Kotlin is a great language for Android.",
    "Thank you for choosing Nimbus. Your plan renews monthly.",
    "Berlin is hosting the next meetup.",
    "i think postgres handles that for them",
    "any update from the Portuguese side",
    "Python3 joined the list of supported runtimes.",
    "Thank you for choosing Nimbus. Your plan renews monthly.",
    "Kotlin is a great language, and Gradle is a build tool.",
    "The Kyoto agreement is attached to the reading list.",
    "Dependabot opened a ticket.",
    "Tromsø was lovely, we enjoyed the fjords.",
    # "they" for a tool's users or a town's people, not for the name ("_they_firm")
    "Fenroka crashed, it needs a patch.",
    "Our users love Fenroka because they can export to CSV.",
    "Fenroka lets them export to CSV.",
    "Brnovo was cold but they had heaters.",
]


@pytest.mark.parametrize("text,value", CAUGHT)
def test_coined_firm_outside_trade_is_caught(scrubber, text, value):
    assert value not in scrubber.scrub(text, SessionMap()).text


@pytest.mark.parametrize("text", UNCHANGED)
def test_places_tools_hosts_come_out_unchanged(scrubber, text):
    assert scrubber.scrub(text, SessionMap()).text == text


def test_companies8_tuning_bound(scrubber):
    # the tuning module: 35/200 leaked and 1/26 controls altered before this round (the one a
    # town read as a name: "He left Madrid last spring"), 20/200 and 1/26 after
    t = tally(companies8.generate(random.Random("7:companies8"), 0), scrubber)
    assert t.leaks["COMPANY"] / t.total["COMPANY"] <= 0.14, t.leaks
    assert t.altered <= 1, t.altered
