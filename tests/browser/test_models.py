"""Models page in the built app (demo mode): click Swap, confirm, watch the phases advance to
done (pushed live), then see the new model on the overview."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TARGET = "llama-3.1-8b-instruct"  # 60 s load = 1.5 s at SIM_SPEED 40


def test_swap_from_the_models_page(page):
    page.goto("/models")
    card = page.locator(f'[id="model-{TARGET}"]')
    expect(card).to_be_visible(timeout=30_000)
    expect(page.locator(".model-card")).not_to_have_count(0)
    page.locator(f'[id="swap-{TARGET}"]').click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text("Starts:")
    expect(dialog).to_contain_text(TARGET)
    expect(dialog).to_contain_text("Expected time:")
    page.locator("#swap-confirm").click()
    expect(page.locator("#swap-panel")).to_be_visible()
    expect(page.locator("#phase-preflight")).to_be_visible()
    # phases advance without reloading: load starts, then the job ends done
    expect(page.locator("#phase-load")).to_have_attribute("data-state", "done", timeout=60_000)
    expect(page.locator("#swap-state")).to_have_text("done", timeout=60_000)
    expect(page.locator("#phase-verify")).to_have_attribute("data-state", "done")
    expect(page.locator(f'[id="serving-badge-{TARGET}"]')).to_be_visible(timeout=15_000)
    expect(page.locator("#swap-log")).to_contain_text("launch-cluster.sh")
    expect(page.locator("#swap-history")).to_contain_text(TARGET)
    page.goto("/")
    expect(page.locator("#serving-model")).to_contain_text("llama-3.1-8b", timeout=30_000)
