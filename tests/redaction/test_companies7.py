"""Round 7 (issue #13, COMPANY/coined): a made-up word used once as a firm, in a text about buying
and selling, standing where a noun phrase stands (``companies.coined_in_trade``); public tools,
drugs and places are vetoed (``PUBLIC_COINED``, drug stems)."""

import random

import pytest
from corpus import tally
from tuning import companies7

from spark_control.redaction.companies import coined_in_trade
from spark_control.redaction.placeholders import SessionMap

CAUGHT = [
    ("Lumivo came in cheaper than expected on the quote.", "Lumivo"),
    ("Still waiting on Kinium for the signed copy of the contract.", "Kinium"),
    ("we went with corium in the end, the pricing was better", "corium"),
    ("Quantyx dropped the price by ten percent.", "Quantyx"),
    ("Flexelle vs the incumbent: pricing below.", "Flexelle"),
    ("The Axix proposal looked thin on pricing.", "Axix"),
    ("Reminder to chase Brightium about the credit note.", "Brightium"),
]

UNCHANGED = [
    "Metformin and Atorvastatin are both on the repeat prescription; the budget is fine.",
    "We picked Tailwind over Bootstrap, the pricing page looks better now.",
    "Terraform changed its licence terms, so we moved to OpenTofu.",
    "The Tamarind beta opens in October; budget approved.",
    "login as deployer is disabled, the invoice run is paused",
    "We flew to Medellín after the contract was signed.",
    "Dear Policyholder, your payment is overdue.",
]


@pytest.mark.parametrize("text,value", CAUGHT)
def test_lone_coined_firm_in_a_trade_text_is_caught(scrubber, text, value):
    assert value not in scrubber.scrub(text, SessionMap()).text


@pytest.mark.parametrize("text", UNCHANGED)
def test_tools_drugs_places_in_trade_texts_come_out_unchanged(scrubber, text):
    assert scrubber.scrub(text, SessionMap()).text == text


def test_no_trade_topic_no_guess(scrubber):
    # the same word in the same place without a word of buying or selling: this rule has no evidence
    text = "Lumivo came in late to the party."
    coined = [(0, 6)]
    assert coined_in_trade(scrubber.companies, text, coined) == []
    assert coined_in_trade(scrubber.companies, text + " The quote is attached.", coined) != []


def test_companies7_tuning_bound(scrubber):
    # the tuning module: 34.1 % leaked and 11/30 controls altered before this round, 13.5 % and 7/30 after
    t = tally(companies7.generate(random.Random("7:companies7"), 0), scrubber)
    assert t.leaks["COMPANY"] / t.total["COMPANY"] <= 0.16, t.leaks
    assert t.altered <= 7, t.altered


def test_lowercase_glued_words(scrubber):
    # in lowercase speech a glued word is a term ("readonly"), unless it ends like a place-name brand
    caught = "speaker 2: we went with brightvale in the end, the quote was lower"
    assert "brightvale" not in scrubber.scrub(caught, SessionMap()).text
    kept = "speaker 2: we went with readonly in the end, the quote was lower"
    assert scrubber.scrub(kept, SessionMap()).text == kept


def test_object_of_a_past_tense_verb(scrubber):
    # any dictionary verb in -ed opens an object slot: "legal reviewed X"
    text = "Legal reviewed Vorbexa last month; the quote was too high."
    assert "Vorbexa" not in scrubber.scrub(text, SessionMap()).text
