"""The health page in the built app (demo mode): a service going down shows within 2 s."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_health_page_shows_a_service_going_down_within_2_s(page):
    page.goto("/status")  # the shared fixture is signed in as the operator
    card = page.locator("#health-card-vllm .health-state")
    expect(card).to_have_text("up", timeout=60_000)  # the demo vLLM serves
    # demo-only, operator-only fault injection; the browser context carries the operator cookie
    # mutating API routes take a Bearer token (never the cookie alone): the operator's session token
    session = next(c["value"] for c in page.context.cookies() if c["name"] == "sc_session")
    r = page.request.post(
        "/api/sim/faults",
        data={"target": "vllm", "fault": "service_down", "duration_s": 6},
        headers={"Authorization": f"Bearer {session}"},
    )
    assert r.ok, r.text()
    expect(card).to_have_text("down", timeout=2_000)  # pushed live, no reload
    expect(page.locator("#health-timeline-vllm .outage-segment")).to_have_count(1, timeout=5_000)
    expect(card).to_have_text("up", timeout=30_000)  # container started again, model reloaded
    expect(page.locator(".outage-row").first).to_contain_text("vllm")
