"""Sign-in, sign-out, an expired session, and an API key created in the UI, in Chromium
against the shared built app (OPERATOR_PASSWORD = the ``operator_password`` fixture).

Only one wrong password is typed in the whole suite: failed sign-ins from 127.0.0.1 are
rate-limited, and every browser test signs in from that address."""

from __future__ import annotations

import re
import time

import httpx
import pytest
from playwright.sync_api import expect

from .signin import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, server_url):
    """A browser that has never signed in (whatever the shared ``page`` fixture does)."""
    context = browser.new_context(base_url=server_url, viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    yield pg
    context.close()


@pytest.fixture
def operator_token(server_url, operator_password):
    """An operator token minted over the API (it outlives any change to the session lifetime)."""
    with httpx.Client(base_url=server_url, timeout=10) as c:
        session = c.post("/api/auth/login", json={"password": operator_password}).json()["token"]
        r = c.post(
            "/api/auth/operator-tokens", json={"name": "browser-test"}, headers={"Authorization": f"Bearer {session}"}
        )
        assert r.status_code == 201, r.text
        token = r.json()
        c.post("/api/auth/logout", headers={"Authorization": f"Bearer {session}"})
        yield token["key"]
        c.delete(f"/api/auth/operator-tokens/{token['id']}", headers={"Authorization": f"Bearer {token['key']}"})


def test_protected_page_sends_to_login_and_back(page, operator_password):
    csp_violations: list[str] = []
    page.on("console", lambda m: csp_violations.append(m.text) if "Content Security Policy" in m.text else None)
    response = page.goto("/access")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    expect(page).to_have_url(re.compile(r"/login\?next=/access$"))
    expect(page.locator("#login-title")).to_have_text("Operator sign-in")
    page.locator("#login-password").fill("not the password")
    page.locator("#login-submit").click()
    expect(page.locator("#login-error")).to_contain_text("wrong password")
    expect(page).to_have_url(re.compile(r"/login"))
    page.locator("#login-password").fill(operator_password)
    page.locator("#login-submit").click()
    expect(page).to_have_url(re.compile(r"/access$"))
    expect(page.locator("#page-title")).to_have_text("Access")
    expect(page.locator("#app-auth-on-callout")).to_be_visible()
    assert csp_violations == []  # the built frontend (websocket included) works under the CSP


def test_sign_out(page, operator_password):
    sign_in(page, operator_password, "/access")
    expect(page.locator("#sign-out")).to_be_visible()
    page.locator("#sign-out").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    page.goto("/access")
    expect(page).to_have_url(re.compile(r"/login\?next=/access$"))


def test_expired_session_goes_back_to_login(page, server_url, operator_password, operator_token):
    sign_in(page, operator_password, "/access")
    expect(page.locator("#page-title")).to_have_text("Access")
    auth = {"Authorization": f"Bearer {operator_token}"}
    with httpx.Client(base_url=server_url, timeout=10) as c:
        before = c.get("/api/auth/settings", headers=auth).json()["session_ttl_seconds"]
        try:
            assert c.put("/api/auth/settings", json={"session_ttl_seconds": 2}, headers=auth).status_code == 200
            time.sleep(3)  # past the 2 s lifetime: every sign-in older than that has expired
            page.goto("/access")
            expect(page).to_have_url(re.compile(r"/login\?next=/access$"))
            expect(page.locator("#login-title")).to_have_text("Operator sign-in")
        finally:
            c.put("/api/auth/settings", json={"session_ttl_seconds": before}, headers=auth)


def test_api_key_created_in_ui_is_shown_once_and_revocable(page, server_url, operator_password):
    sign_in(page, operator_password, "/access")
    page.locator("#key-name").fill("browser-app")
    page.locator("#create-key").click()
    secret_box = page.locator("#new-secret")
    expect(secret_box).to_have_value(re.compile(r"^sck_"))
    secret = secret_box.input_value()
    page.locator("#dismiss-secret").click()
    expect(page.locator("#new-secret")).to_have_count(0)
    expect(page.locator("#app-keys-table")).to_contain_text("browser-app")
    assert secret not in page.content()  # gone from the page once dismissed

    with httpx.Client(base_url=server_url, timeout=10) as c:
        # A valid app key (llm scope) is known but is not an operator: 403; a wrong one: 401.
        assert c.get("/openapi.json", headers={"Authorization": f"Bearer {secret}"}).status_code == 403
        assert c.get("/openapi.json", headers={"Authorization": "Bearer sck_nope"}).status_code == 401
        page.locator("#app-keys-table").get_by_role("button", name="Revoke").first.click()
        expect(page.locator("#app-keys-table")).to_contain_text("revoked")
        r = c.get("/openapi.json", headers={"Authorization": f"Bearer {secret}"})
        assert r.status_code == 401 and "revoked" in r.json()["error"]["message"]
