"""Public names are no personal data (issue #13: controls altered <= 3 %): places, landmarks,
brands, products and their colours, programme code names, template fields, host and service
names, tech words and log lines come out unchanged (``public.py``), and the people, handles and
companies next to them are still caught."""

import random

import pytest
from helpers import scrub_checked
from tuning import controls2

from spark_control.redaction.placeholders import SessionMap

UNCHANGED = [
    # places and landmarks, also the ones the name data lists as names
    "Moving to München in May, then a week in Zürich.",
    "Experiments on data from Porto and Sevilla suggest the gains hold.",
    "Tomorrow: sunny in Madrid and Lisbon, showers over Dublin, highs of 18 degrees.",
    "Order 7663215 ships from Madrid on Saturday; the Madrid expansion is next.",
    "Getting to Lima: fly into the main airport, then take the express train.",
    "It is a short walk to the Golden Gate Bridge, and a day trip to Mount Everest base camp is not.",
    "Vienna Albion 3-1 Valencia Tigers: a late header settled it.",
    # brands, products, colours, foods, holidays
    "Returned the Le Creuset dutch oven; the Rose Gold version was sold out.",
    "★★★★☆ Logitech monitor (Space Grey). Great screen.",
    "Finish with Sriracha and Dijon mustard. Leave over Ramadan must be requested early.",
    "What's new in Aurora 9.3.39\n* Aurora now runs on ubuntu2404",
    # code names before a programme word, systems in an abstract
    "Notes: our Hyperion programme is on track; the Bluebird workstream slips to June.",
    "Project Tamarind kickoff. Goals: retire the old Northstar rollout.",
    "This paper presents Driftwood, a transformer for ecology.",
    # template fields in support macros
    "Hi {{ticket.requester.name}},\n\nthanks for contacting us about [Order Number].\n{{agent.signature}}",
    "Macro: refund approved\nHello <first name>, your refund for %ORDER_ID% is on its way.",
    # tech words, hosts, services, commands, log lines
    "spk_0: did you rebase onto main\nspk_1: not yet, the cron on db-primary is red",
    "How to rebuild build-01\n- drain it: `kubectl drain build-01`\n- restart image-resizer",
    "[19:20] cache-01 kernel: Out of memory: Killed process 8243 (image-resizer)",
    "2023-05-21T12:19:07Z INFO feature-flags started on port 9092\n2023-05-21T06:07:09Z WARN lagging",
    "ok so the shopify board is a mess and i'll ping finance tomorrow",
    "The express train to the centre takes 26 minutes.",
    # roles and functions, a product after a field label or "using", another number's label
    "Dear Member,\n\nYour renewal is confirmed.\n\nMembership Services",
    "Moderator: Any blockers?\nPanelist: Just the Dropbox sync.",
    "Component: Northstar / Data Retention\nWhen will the Lisbon team start using Northstar?",
    "Savings account (contract 9192070); term starts in May. Rose Gold units sold out.",
    # headings the model took for names, pronouns, street names, weekdays, meeting IDs
    "Action Items\n1. Finalise Budget\n2. Review Vendor Shortlist\n3. Book Venue",
    "Q3 Planning Offsite — Agenda and Logistics",
    "He said the new build is faster. She agreed.",
    "Our Main Street location is being renovated until March.",
    "The office is open 9-5 Mon-Fri; call volume peaks 10-12.",
    "Join the Zoom: meeting ID 812 4490 2231",
    # well-known brands, venues and days named after people or joined by "and"
    "We moved our pension fund to Morgan Stanley from Goldman Sachs.",
    "Snacks from Marks & Spencer; Procter & Gamble and Johnson & Johnson exhibit; Ernst & Young audits.",
    "The Ralph Lauren and Calvin Klein outlets are near the station. Lunch at McDonald's or Wendy's?",
    "St. Patrick's Day parade on Sunday; the event is at the Walt Disney Concert Hall.",
    "Thanks to the team at example.io; see our docs at docs.example.org.",
    "Ticket: The Apollo dashboard shows stale data.\n- Jupiter redesign: on track\n- Decision: ship Jupiter first",
]


@pytest.mark.parametrize("text", UNCHANGED)
def test_public_names_come_out_unchanged(scrubber, text):
    assert scrubber.scrub(text, SessionMap()).text == text


@pytest.mark.parametrize(
    "text, value",
    [
        ("hey Florence, the build on web-04 is green", "Florence"),  # a greeting beats the place list
        ("Florence said the office in Lima is closed.", "Florence"),  # no place cue before the name
        ("Works with Nisha on the Zorqua rollout.", "Zorqua"),  # a coined company, no code name
        ("Maria demo went well, thanks to Maria Lopez.", "Lopez"),
        ("speaker 1: hello you're through to martin llc how can i help", "martin llc"),
        ("Speaker 1: thanks flora, my colleague don will call you.", "don"),
        ("ping anna-maria about the cron job", "anna-maria"),
        ("Spoke with Ana Lima from the Lisbon office about the pilot.", "Ana Lima"),
        ("Mr. Guest called about the renewal.", "Guest"),  # a title beats the role list
        ("Account number 41992033 for the refund, contract signed.", "41992033"),
        ("Maria: ask rose about it. Thanks!", "rose"),  # a lowercase name in a cased line, after a cue
        ("Deliver to 14 Calle Mayor, Madrid 28013.", "Madrid"),  # a city inside an address stays
        ("Call me on 020 7946 0958 about meeting ID 812 4490 2231.", "020 7946 0958"),
        ("Booked the Hilton for Grace Hilton and her team.", "Grace Hilton"),
        ("write to jane at example.com or the jane at example dot com", "jane at example"),
    ],
)
def test_people_and_firms_next_to_them_are_still_caught(scrubber, text, value):
    assert value not in scrub_checked(scrubber, text)


def test_controls2_is_broad_and_pii_free():
    docs = controls2.generate(random.Random("7:controls2"), 0)
    assert len(docs) >= 200 and len({d.kind for d in docs}) >= 15
    assert all(d.control and d.pii == [] for d in docs)


@pytest.mark.parametrize("seed", ["7", "11"])
def test_controls2_altered(scrubber, seed):
    docs = controls2.generate(random.Random(f"{seed}:controls2"), 0)
    altered = sum(scrubber.scrub(d.text, SessionMap()).text != d.text for d in docs)
    assert altered / len(docs) <= 0.05
