"""No secret in any log line, through a real uvicorn server (its access and error logs
included): key creation, key use, a refused key, sign-in (good and bad), sign-out."""

from __future__ import annotations

import asyncio
import logging

import httpx
import pytest
import uvicorn

from .conftest import PASSWORD, build_app


@pytest.fixture
async def server_url(auth):
    config = uvicorn.Config(
        build_app(auth), host="127.0.0.1", port=0, log_config=None, access_log=True, log_level="debug", lifespan="off"
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    for _ in range(500):  # uvicorn has no "started" event to await
        if server.started:
            break
        await asyncio.sleep(0.02)
    assert server.started
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    await task


async def test_no_secret_in_server_logs(server_url, caplog):
    caplog.set_level(logging.DEBUG)
    secrets = [PASSWORD, "wrong-guess-password"]
    async with httpx.AsyncClient(base_url=server_url) as c:
        await c.post("/api/auth/login", json={"password": secrets[1]})
        session = (await c.post("/api/auth/login", json={"password": PASSWORD})).json()["token"]
        secrets.append(session)
        op = {"Authorization": f"Bearer {session}"}
        key = (await c.post("/api/keys", headers=op, json={"name": "logtest", "scopes": ["llm"]})).json()
        secrets.append(key["key"])
        for path in ("/v1/chat/completions", "/v1/embeddings", "/api/models/swap"):
            await c.post(path, headers={"Authorization": f"Bearer {key['key']}"}, json={})
        await c.delete(f"/api/keys/{key['id']}", headers=op)
        await c.post("/v1/chat/completions", headers={"Authorization": f"Bearer {key['key']}"}, json={})
        await c.post("/api/auth/logout", headers=op)
    lines = [f"{r.name}: {r.getMessage()}" for r in caplog.records]
    assert any("uvicorn" in line for line in lines), "the server's own log lines were captured"
    assert any("POST /api/auth/login" in line for line in lines)  # access log
    for secret in secrets:
        assert not [line for line in lines if secret in line]
