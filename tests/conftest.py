"""Suite-wide ordering: browser tests run last. Playwright's sync API keeps an event loop alive
in the main thread for the session-scoped browser, and pytest-asyncio cannot start its own loop
while that one exists; so every async test runs before the first browser test."""

from __future__ import annotations


def pytest_collection_modifyitems(config, items):
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
