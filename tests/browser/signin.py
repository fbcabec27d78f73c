"""Sign the browser in as the operator (every page but /login needs it). Other browser tests:
``sign_in(page, operator_password)`` first, or ``sign_in(page, operator_password, "/models")``.

Cheaper for a whole session: sign in once and reuse the cookie in every new context::

    @pytest.fixture(scope="session")
    def operator_storage(browser, server_url, operator_password):
        ctx = browser.new_context(base_url=server_url)
        sign_in(ctx.new_page(), operator_password)
        state = ctx.storage_state()
        ctx.close()
        return state

    # then: browser.new_context(base_url=server_url, storage_state=operator_storage)
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def sign_in(page: Page, password: str, next_path: str = "/") -> None:
    page.goto(f"/login?next={next_path}")
    expect(page.locator("#login-title")).to_have_text("Operator sign-in")
    page.locator("#login-password").fill(password)
    page.locator("#login-submit").click()
    # the path itself, not a suffix ("/login?next=/" also ends with "/")
    expect(page).to_have_url(re.compile(r"^https?://[^/]+" + re.escape(next_path) + r"$"))
    expect(page.locator("#demo-badge")).to_be_visible()  # a signed-in page, filled by the backend
