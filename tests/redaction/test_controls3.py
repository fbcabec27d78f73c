"""Shapes no person's name takes (issue #13: controls altered <= 3 %): terms named after people,
named storms, scorelines, departments, venues after "the", tech words with hyphens or inner
capitals, shouting, host names, public places, airports, hotels and listed companies come out
unchanged (``public.py``, ``ner.NerVoter._accept``); people and handles next to them are still
caught."""

import random

import pytest
from helpers import scrub_checked
from tuning import controls3

from spark_control.redaction.placeholders import SessionMap

UNCHANGED = [
    # terms named after people, foods named after growers, trophies
    "Shortest paths were computed with Dijkstra's algorithm; please report Pearson's r and Cohen's kappa.",
    "Training uses Xavier initialisation; the Adam optimizer tunes the learning rate. Spearman correlation: 0.8.",
    "Employees with Parkinson's disease or Bell's palsy may request adjustments.",
    "Roast the squash, then toss with Granny Smith apples and Maris Piper potatoes.",
    "Next up: the Ryder Cup on Tuesday.",
    # named storms, scorelines, departments, a venue after "the"
    "WEATHER WARNING: Storm Isha brings gusts of 80 mph overnight.",
    "Full time at San Siro: Sevilla 4-0 Brentford. Another clean sheet.",
    "Your case has been escalated to Quality Control. Regards, Trust and Safety",
    "Arrive local time, transfer to the Westin (confirmation 896093, 2 nights).",
    # one-letter labels, tech hyphens, inner capitals, shouting, acronyms, host names
    "HR FAQ\nQ: How do I apply for sabbaticals?\nA: Submit the form in the portal.",
    "Concern: the payment terminal drops the Wi-Fi connection. Models compared: U-Net and ResNet-50.",
    "AST-73658 | Ubiquiti UniFi U6-Pro | Board Room | disposed",
    "We fine-tune RoBERTa on WikiText-103 against XGBoost baselines.",
    "Environment: Windows Server 2022, NetApp FAS2750",
    "IN WITNESS WHEREOF the parties have executed this Agreement.",
    "LETS GOOOO 🧠😤 lowkey",
    "Patch report: lon-fw-02 compliant; sgp-rtr-edge pending reboot.",
    "- [ ] reimage mad-wlc-01 with iOS 17.4",
    # English words the dictionary lacks, services named for what they do, lists cut after "'s"
    "Host: Okay, I'll raise it with Onboarding.",
    "[19:20] cache-01 kernel: Killed process 8243 (image-resizer)",
    "The Asperger's clinic has moved to the ground floor.",
    # public places, airports, hotels, listed companies, foods
    "Arrive Bergen local time, then a night train. Running down to Granada in the morning.",
    "ok itinerary: land at Schiphol Monday morning, shuttle to the Radisson, dinner near the old town.",
    "Layover tips for Dubai International: lounges near gate A41.",
    "Top contributors Rio Tinto and AstraZeneca; the detractor was Roche.",
    "Shopping list: cavolo nero, garam masala, fish sauce, Kikkoman soy sauce, Manchego.",
    "Top the table going into the Ramadan fixtures.",
    "Environment: macOS Sonoma on the test laptop.",
    # plans, generic noun phrases, public banks, retailers and payment brands
    "Customer asked about upgrading from Basic to Pro; sent the comparison sheet.",
    "Frank feedback from the pilot group: the setup wizard is too long.",
    "Chase Bank transfer received. Lowe's and Home Depot both stock the part; pay via Klarna or Afterpay.",
    "Order ships from our Reno warehouse.",
]


@pytest.mark.parametrize("text", UNCHANGED)
def test_public_shapes_come_out_unchanged(scrubber, text):
    assert scrubber.scrub(text, SessionMap()).text == text


@pytest.mark.parametrize(
    "text, value",
    [
        ("Surname spelled K-O-W-A-L-S-K-I please", "K-O-W-A-L-S-K-I"),  # spelled out: never vetoed
        ("SURNAME: NGUYEN", "NGUYEN"),  # a clear name in capitals
        ("hey Sevilla, the 4-0 score is in", "Sevilla"),  # a greeting beats the place list
        ("Booked the Hilton for Grace Hilton and her team.", "Grace Hilton"),
        ("Thanks to Maria Lopez for the Dijkstra slides.", "Lopez"),
        ("- BenceKovacs: budget approved", "BenceKovacs"),  # inner capital from two names: a handle
        ("Works at Wade-Miller. Follow-up on Friday.", "Wade-Miller"),  # a hyphen is no derivation
        ("Moved to the Vexora plan last week.", "Vexora"),  # a coined name before a plan word
        ("Switched to Maria after the call.", "Maria"),
        ("ping fuzzy-panda about the deploy", "fuzzy-panda"),  # a word-word handle, no service
    ],
)
def test_people_and_handles_next_to_them_are_still_caught(scrubber, text, value):
    assert value not in scrub_checked(scrubber, text)


def test_controls3_is_broad_and_pii_free():
    docs = controls3.generate(random.Random("7:controls3"), 0)
    assert len(docs) >= 200 and len({d.kind for d in docs}) >= 20
    assert all(d.control and d.pii == [] for d in docs)


@pytest.mark.parametrize("seed", ["7", "11"])
def test_controls3_altered(scrubber, seed):
    docs = controls3.generate(random.Random(f"{seed}:controls3"), 0)
    altered = sum(scrubber.scrub(d.text, SessionMap()).text != d.text for d in docs)
    assert altered / len(docs) <= 0.10
