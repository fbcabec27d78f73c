"""The Search page in the built app (demo mode: simulated embeddings + embedded Qdrant Edge).
Uses the shared browser fixtures (``page`` on the session's server) from tests/browser/conftest.py."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_create_collection_add_documents_and_query(page):
    page.goto("/search")
    page.locator("#search-new-collection").fill("browser-kb")
    page.locator("#search-create-collection").click()
    expect(page.locator("#search-message")).to_contain_text("browser-kb", timeout=20_000)

    page.locator("#search-doc-id").fill("engine")
    page.locator("#search-doc-metadata").fill('{"lang": "en"}')
    page.locator("#search-doc-text").fill("Qdrant Edge runs the search engine inside the process.")
    page.locator("#search-add-document").click()
    expect(page.locator("#search-message")).to_contain_text("Document engine", timeout=20_000)

    page.locator("#search-doc-id").fill("fusion")
    page.locator("#search-doc-text").fill("Reciprocal rank fusion merges the dense and the sparse lists.")
    page.locator("#search-add-document").click()
    expect(page.locator("#search-documents")).to_contain_text("fusion", timeout=20_000)
    expect(page.locator("#search-collection-info")).to_contain_text("2 chunks")

    page.locator("#search-query").fill("which engine runs inside the process")
    page.locator("#search-run").click()
    expect(page.locator("#search-results")).to_contain_text("engine#0", timeout=20_000)
    expect(page.locator("#search-result-note")).to_contain_text("hybrid + rerank")

    page.locator("#search-filter").fill('{"lang": "fr"}')
    page.locator("#search-run").click()
    expect(page.locator("#search-result-note")).to_contain_text("0 result(s)", timeout=20_000)
