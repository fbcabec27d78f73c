import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_overview_shows_both_nodes_and_the_served_model_in_demo_mode(page):
    page.goto("/")
    expect(page.locator("#demo-badge")).to_contain_text("Demo: simulated cluster")
    expect(page.locator(".node-card")).to_have_count(2, timeout=30_000)
    expect(page.locator("#node-spark1")).to_contain_text("vllm_node")
    expect(page.locator("#node-spark2")).to_contain_text("parakeet-asr")
    expect(page.locator("#serving-model")).not_to_have_text("no model", timeout=30_000)
    first = page.locator("#updated-at").inner_text()
    expect(page.locator("#updated-at")).not_to_have_text(first, timeout=15_000)  # pushed live, no reload
