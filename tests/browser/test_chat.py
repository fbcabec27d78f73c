import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_chat_streams_a_reply_from_the_serving_model_with_its_speed(page):
    page.goto("/chat")
    expect(page.locator("#chat-model")).not_to_have_text("no model", timeout=30_000)
    page.locator("#chat-input").fill("Tell me about the cluster.")
    page.locator("#chat-send").click()
    expect(page.locator(".chat-user")).to_have_count(1)
    expect(page.locator(".chat-assistant")).to_have_count(1, timeout=30_000)
    expect(page.locator(".chat-assistant").first).to_contain_text("Simulated", timeout=30_000)
    expect(page.locator("#chat-speed")).to_contain_text("tok/s", timeout=30_000)
    expect(page.locator("#chat-ttft")).to_contain_text("ms")
    expect(page.locator("#chat-send")).to_be_enabled()
