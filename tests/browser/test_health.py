"""The health page in the built app (demo mode): a service going down shows within 2 s."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _sign_in(page, operator_password) -> None:
    try:
        from tests.browser.signin import sign_in  # the auth area's helper (every page but /login needs it)
    except ImportError:
        page.goto("/status")
        return
    sign_in(page, operator_password, "/status")


def test_health_page_shows_a_service_going_down_within_2_s(page, operator_password):
    _sign_in(page, operator_password)
    card = page.locator("#health-card-vllm .health-state")
    expect(card).to_have_text("up", timeout=60_000)  # the demo vLLM serves
    # demo-only, operator-only fault injection; the browser context carries the operator cookie
    r = page.request.post("/api/sim/faults", data={"target": "vllm", "fault": "service_down", "duration_s": 6})
    assert r.ok, r.text()
    expect(card).to_have_text("down", timeout=2_000)  # pushed live, no reload
    expect(page.locator("#health-timeline-vllm .outage-segment")).to_have_count(1, timeout=5_000)
    expect(card).to_have_text("up", timeout=30_000)  # container started again, model reloaded
    expect(page.locator(".outage-row").first).to_contain_text("vllm")
