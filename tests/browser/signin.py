"""Sign the browser in as the operator (every page but /login needs it). Other browser tests:
``sign_in(page, operator_password)`` first, or ``sign_in(page, operator_password, "/models")``."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def sign_in(page: Page, password: str, next_path: str = "/") -> None:
    page.goto(f"/login?next={next_path}")
    expect(page.locator("#login-title")).to_have_text("Operator sign-in")
    page.locator("#login-password").fill(password)
    page.locator("#login-submit").click()
    expect(page).to_have_url(re.compile(re.escape(next_path) + r"$"))
