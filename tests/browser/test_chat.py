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


def test_the_shipped_backend_serves_the_openai_routes_to_an_app(server_url, operator_password):
    """The prod app (granian, Reflex's stack, the LLM fast path in front) as a LAN app sees it:
    an app key from the API, the OpenAI SDK streaming a chat, the key's scope enforced, and a
    browser-style request (Origin header, through the full stack) answered the same way."""
    import httpx
    import openai

    with httpx.Client(base_url=server_url, timeout=30) as http:
        login = http.post("/api/auth/login", json={"password": operator_password})
        assert login.status_code == 200, login.text
        operator = {"Authorization": f"Bearer {login.json()['token']}"}
        made = http.post("/api/keys", json={"name": "sdk-app", "scopes": ["llm"]}, headers=operator)
        assert made.status_code == 201, made.text
        key = made.json()["key"]
        client = openai.OpenAI(base_url=server_url + "/v1", api_key=key, max_retries=0, timeout=30)
        model = client.models.list().data[0].id
        stream = client.chat.completions.create(
            model=model, messages=[{"role": "user", "content": "hello"}], stream=True, max_tokens=5
        )
        text = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
        assert text
        body = {"model": model, "messages": [{"role": "user", "content": "hello"}], "max_tokens": 5}
        plain = http.post("/v1/chat/completions", json=body, headers={"Authorization": f"Bearer {key}"})
        browser = http.post(
            "/v1/chat/completions", json=body, headers={"Authorization": f"Bearer {key}", "Origin": server_url}
        )
        assert plain.status_code == browser.status_code == 200
        assert plain.json()["choices"][0]["message"]["content"] == browser.json()["choices"][0]["message"]["content"]
        assert plain.headers["x-content-type-options"] == browser.headers["x-content-type-options"] == "nosniff"
        anonymous = http.post("/v1/chat/completions", json=body)
        assert anonymous.status_code == 401
        assert anonymous.json()["error"]["type"] == "authentication_error"
        http.delete(f"/api/keys/{made.json()['id']}", headers=operator)
