"""The Redaction page in the built app. Uses the shared browser fixtures (``page`` on the
session's server) from tests/browser/conftest.py."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_scrub_highlights_placeholders_and_rehydrates(page):
    page.goto("/redaction")
    page.locator("#redaction-input").fill(
        "Please call Siobhan O'Connell on +44 20 7946 0958 or write to siobhan@example.com."
    )
    page.locator("#redaction-scrub").click()
    out = page.locator("#redaction-output")
    expect(out).to_contain_text("[PERSON_1]", timeout=20_000)
    expect(out).to_contain_text("[EMAIL_1]")
    expect(out).not_to_contain_text("Siobhan")
    expect(page.locator("#redaction-output .redaction-ph")).to_have_count(3)

    page.locator("#redaction-answer").fill("Dear **PERSON_1**, we will call [PHONE_1]. [PERSON_9] agrees.")
    page.locator("#redaction-rehydrate").click()
    expect(page.locator("#redaction-rehydrated")).to_contain_text("Siobhan O'Connell", timeout=20_000)
    expect(page.locator("#redaction-rehydrated")).to_contain_text("+44 20 7946 0958")
    expect(page.locator("#redaction-unresolved")).to_contain_text("[PERSON_9]")
