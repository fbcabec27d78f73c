"""The cluster API end to end against the simulated cluster: POST /api/swap -> 202, the SSE
stream of the job until it ends, GET /api/swap/{id}, history, models, node test + pinning."""

import json
from types import SimpleNamespace

import httpx
import pytest
from fastapi import FastAPI

from spark_control.api import cluster as cluster_api
from spark_control.api.errors import install_error_handlers
from tests.access import open_access
from tests.cluster.simenv import PREVIOUS, TARGET, make_env


@pytest.fixture
async def api(tmp_path):
    env = await make_env(tmp_path)
    app = open_access(FastAPI())
    install_error_handlers(app)
    app.include_router(cluster_api.router)
    app.state.controller = SimpleNamespace(
        cluster_manager=env.svc.manager, swaps=env.svc.swaps, patches=env.svc.patches
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t", timeout=30) as c:
        c.env = env
        yield c
    await env.svc.stop()
    await env.sim.stop()
    env.db.close()


def parse_sse(text: str) -> list[tuple[str, dict]]:
    out = []
    for block in text.split("\n\n"):
        lines = [ln for ln in block.splitlines() if ln and not ln.startswith(":")]
        if not lines:
            continue
        ev = next(ln[7:] for ln in lines if ln.startswith("event: "))
        data = json.loads(next(ln[6:] for ln in lines if ln.startswith("data: ")))
        out.append((ev, data))
    return out


async def test_swap_over_the_api_with_sse(api):
    r = await api.get("/api/models")
    assert r.json()["serving"]["model"] == PREVIOUS
    r = await api.post("/api/swap", json={"model": TARGET, "confirm": True})
    assert r.status_code == 202
    job_id = r.json()["job_id"]
    r2 = await api.post("/api/swap", json={"model": PREVIOUS, "confirm": True})
    assert r2.status_code == 409 and r2.json()["error"]["job_id"] == job_id
    r = await api.get(f"/api/swap/{job_id}/events")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
    events = parse_sse(r.text)
    assert events[0][0] == "job" and events[-1] == ("end", {"job_id": job_id, "state": "done"})
    kinds = {e for e, _ in events}
    assert {"phase", "log", "progress", "job"} <= kinds
    started = [d["phase"] for e, d in events if e == "phase" and d["state"] == "running"]
    assert started[-5:] == ["stop", "wait_memory", "launch", "load", "verify"]
    r = await api.get(f"/api/swap/{job_id}")
    body = r.json()
    assert body["state"] == "done" and body["model"] == TARGET and body["previous_model"] == PREVIOUS
    assert body["eta_s"] is None
    assert [p["name"] for p in body["phases"]] == ["preflight", "stop", "wait_memory", "launch", "load", "verify"]
    assert all(p["state"] == "done" and p["duration_s"] is not None for p in body["phases"])
    assert body == json.loads(json.dumps(api.env.svc.swaps.job_dict(job_id)))  # the typed view changes nothing
    hist = (await api.get("/api/swap/history")).json()["jobs"]
    assert hist[0]["job_id"] == job_id and hist[0]["state"] == "done"
    assert hist[0] == json.loads(json.dumps(api.env.svc.swaps.history()[0].to_dict(log_tail=0)))
    models = (await api.get("/api/models")).json()
    assert models["serving"]["model"] == TARGET
    assert next(m for m in models["models"] if m["name"] == TARGET)["measured_load_s"] is not None


async def test_node_test_and_host_key_routes(api):
    r = await api.post("/api/settings/nodes/spark1/test")
    assert r.status_code == 200 and r.json()["ok"] is True and r.json()["stage"] == "ok"
    r = await api.get("/api/settings/nodes/spark1/host-key")
    assert r.json()["state"] == "pinned"
    r = await api.get("/api/settings/nodes")
    assert all(n["pinned_fingerprints"] for n in r.json()["nodes"])


def test_job_routes_have_response_models_in_openapi():
    app = FastAPI()
    app.include_router(cluster_api.router)
    paths = app.openapi()["paths"]

    def schema(path):
        return paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]

    assert schema("/api/swap/{job_id}").endswith("/SwapJobView")
    assert schema("/api/swap/history").endswith("/JobHistory")
    assert schema("/api/actions/reapply-patches/{job_id}").endswith("/JobView")
    assert schema("/api/actions/reapply-patches/history").endswith("/JobHistory")
