"""Redaction sessions belong to the key that created them, checked end to end with real keys
through the real access dependencies and the redaction area's router (skipped until that area
is merged)."""

from __future__ import annotations

from types import SimpleNamespace

import httpx
import pytest
from fastapi import FastAPI

from spark_control.api.errors import install_error_handlers
from spark_control.settings import Settings

redaction_api = pytest.importorskip("spark_control.api.redaction")
from spark_control.redaction.service import RedactionService  # noqa: E402

TEXT = "Please write to jane.roe@example.com about the invoice."


@pytest.fixture
async def client(auth, tmp_path):
    service = RedactionService(auth.db, tmp_path / "redaction.key", ttl_s=600)
    api = FastAPI()
    api.state.controller = SimpleNamespace(
        auth=auth, audit=auth.audit, redaction=service, settings=Settings(data_dir=tmp_path)
    )
    install_error_handlers(api)
    api.include_router(redaction_api.router)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=api), base_url="http://t") as c:
        yield c


def _h(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


async def test_only_the_creating_key_can_rehydrate_or_delete(client, auth):
    key_a = auth.create_app_key("app-a", ["redaction"], actor="operator").secret
    key_b = auth.create_app_key("app-b", ["redaction"], actor="operator").secret
    llm_only = auth.create_app_key("chat", ["llm"], actor="operator").secret
    operator = auth.create_operator_token("admin", actor="operator").secret

    assert (await client.post("/scrub", json={"text": TEXT})).status_code == 401
    assert (await client.post("/scrub", headers=_h(llm_only), json={"text": TEXT})).status_code == 403
    r = await client.post("/scrub", headers=_h(key_a), json={"text": TEXT})
    assert r.status_code == 200, r.text
    scrubbed, sid = r.json()["text"], r.json()["session_id"]
    assert "jane.roe@example.com" not in scrubbed

    stolen = await client.post("/rehydrate", headers=_h(key_b), json={"text": scrubbed, "session_id": sid})
    assert stolen.status_code == 404 and "jane.roe" not in stolen.text
    assert (await client.delete(f"/api/redaction/sessions/{sid}", headers=_h(key_b))).status_code == 404

    mine = await client.post("/rehydrate", headers=_h(key_a), json={"text": scrubbed, "session_id": sid})
    assert mine.status_code == 200 and mine.json()["text"] == TEXT

    # The operator may delete any session (an administrative action).
    assert (await client.delete(f"/api/redaction/sessions/{sid}", headers=_h(operator))).status_code == 204
    gone = await client.post("/rehydrate", headers=_h(key_a), json={"text": scrubbed, "session_id": sid})
    assert gone.status_code == 404

    # A revoked key loses access to its own sessions too.
    sid2 = (await client.post("/scrub", headers=_h(key_a), json={"text": TEXT})).json()["session_id"]
    auth.revoke_key(auth.authenticate(key_a).id, actor="operator")
    r = await client.post("/rehydrate", headers=_h(key_a), json={"text": "x", "session_id": sid2})
    assert r.status_code == 401
