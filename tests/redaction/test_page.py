"""The Redaction page: the pure splitter behind the highlighting, and a browser test (run by the lead)."""

import os

import pytest

from spark_control.state.redaction import TYPE_COLORS, segments


def test_segments_split_and_colour_placeholders():
    parts = segments("Hi [PERSON_1], mail [EMAIL_2] or [SORT_CODE_1].")
    assert [p["text"] for p in parts] == ["Hi ", "[PERSON_1]", ", mail ", "[EMAIL_2]", " or ", "[SORT_CODE_1]", "."]
    assert [p["type"] for p in parts if p["type"]] == ["PERSON", "EMAIL", "SORT_CODE"]
    assert parts[1]["color"] == TYPE_COLORS["PERSON"] != parts[3]["color"]
    assert "".join(p["text"] for p in parts) == "Hi [PERSON_1], mail [EMAIL_2] or [SORT_CODE_1]."


@pytest.mark.browser
def test_redaction_page_scrub_and_rehydrate():
    base = os.environ.get("SPARK_CONTROL_URL")
    if not base:
        pytest.skip("SPARK_CONTROL_URL (the built app) not set")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch()
        page = browser.new_page()
        page.goto(base.rstrip("/") + "/redaction")
        page.fill("#redaction-input", "Please call Siobhan O'Connell on +44 20 7946 0958 or siobhan@example.com.")
        page.click("#redaction-scrub")
        out = page.locator("#redaction-output")
        out.wait_for()
        text = out.inner_text()
        assert "Siobhan" not in text and "[PERSON_1]" in text and "[EMAIL_1]" in text
        assert page.locator("#redaction-output .redaction-ph").count() >= 3
        page.fill("#redaction-answer", "Dear **PERSON_1**, noted.")
        page.click("#redaction-rehydrate")
        page.locator("#redaction-rehydrated").wait_for()
        assert "Siobhan O'Connell" in page.locator("#redaction-rehydrated").inner_text()
        browser.close()
