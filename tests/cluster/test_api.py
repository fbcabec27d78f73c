"""The cluster API's request handling without a cluster: validation, 400/404/409, dry run,
the public key, node settings. (Swaps against the simulated cluster: test_swap_sim.py.)"""

from types import SimpleNamespace

import httpx
import pytest
from fastapi import FastAPI

from spark_control.api import cluster as cluster_api
from spark_control.api.errors import install_error_handlers
from spark_control.audit import AuditLog
from spark_control.catalog import load_catalog
from spark_control.cluster.service import ClusterServices
from spark_control.events import EventHub
from spark_control.settings import PROJECT_ROOT, ClusterConfig, NodeConfig, load_settings
from spark_control.store import Database
from tests.access import open_access


@pytest.fixture
async def client(tmp_path):
    settings = load_settings(data_dir=tmp_path, demo=True)
    db = Database(tmp_path / "t.db")
    svc = ClusterServices.build(
        settings=settings,
        catalog=load_catalog(PROJECT_ROOT / "models.yaml"),
        db=db,
        events=EventHub(),
        audit=AuditLog(db),
        cluster=ClusterConfig(
            nodes=[
                NodeConfig(name="spark1", host="127.0.0.1", ssh_port=1, services={"vllm": 1}),
                NodeConfig(name="spark2", host="127.0.0.1", ssh_port=2, services={"asr": 2}),
            ]
        ),
    )
    await svc.start()
    api = open_access(FastAPI())
    install_error_handlers(api)
    api.include_router(cluster_api.router)
    api.state.controller = SimpleNamespace(cluster_manager=svc.manager, swaps=svc.swaps, patches=svc.patches)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=api), base_url="http://t") as c:
        c.svc = svc
        yield c
    await svc.stop()


async def test_models_listed(client):
    r = await client.get("/api/models")
    assert r.status_code == 200
    body = r.json()
    names = [m["name"] for m in body["models"]]
    assert "gpt-oss-20b" in names and body["serving"] is None and body["swap"] is None
    m = next(m for m in body["models"] if m["name"] == "gpt-oss-20b")
    assert m["expected_load_s"] == 90 and m["measured_load_s"] is None and m["memory_gib"] == 60


async def test_swap_validation(client):
    r = await client.post("/api/swap", json={"model": "gpt-oss-20b"})
    assert r.status_code == 400 and r.json()["error"]["param"] == "confirm"
    r = await client.post("/api/swap", json={"model": "no-such-model", "confirm": True})
    assert r.status_code == 404 and "not in the catalog" in r.json()["error"]["message"]
    r = await client.post("/api/swap", json={"confirm": True})
    assert r.status_code == 422
    r = await client.get("/api/swap/swap-nope")
    assert r.status_code == 404


async def test_dry_run_returns_exact_commands_and_runs_nothing(client):
    r = await client.post("/api/swap", json={"model": "nemotron-3-nano-nvfp4", "dry_run": True})
    assert r.status_code == 200
    plan = r.json()
    assert plan["dry_run"] is True and plan["starts"] == "nemotron-3-nano-nvfp4"
    launch = next(c for c in plan["commands"] if c["phase"] == "launch")
    assert launch["command"].startswith("cd spark-vllm-docker && ./launch-cluster.sh -d --solo -t vllm-node")
    assert "-e VLLM_USE_FLASHINFER_MOE_FP4=***" in launch["command"]  # env values are masked in what is shown
    assert "--served-model-name nemotron-3-nano" in launch["command"]
    assert (await client.get("/api/swap/history")).json()["jobs"] == []
    assert client.svc.manager.conn("spark1").commands_run == 0


async def test_conflict_names_running_job(client):
    client.svc.locks.acquire(["spark1"], "swap-running-1")
    r = await client.post("/api/swap", json={"model": "gpt-oss-20b", "confirm": True})
    assert r.status_code == 409
    assert r.json()["error"]["job_id"] == "swap-running-1"
    audit = client.svc.swaps.audit.recent(action_prefix="swap.request")
    assert audit[0].result == "conflict"


async def test_public_key_and_nodes(client):
    r = await client.get("/api/ssh/public-key")
    assert r.status_code == 200 and r.json()["public_key"].startswith("ssh-ed25519 ")
    r = await client.put(
        "/api/settings/nodes",
        json={
            "nodes": [{"name": "spark1", "host": "10.1.2.3", "user": "ops", "ssh_port": 22, "services": {"vllm": 8888}}]
        },
    )
    assert r.status_code == 200 and r.json()["nodes"][0]["host"] == "10.1.2.3"
    r = await client.put("/api/settings/nodes", json={"nodes": [{"name": "spark1", "host": "a b"}]})
    assert r.status_code == 422
    r = await client.post("/api/settings/nodes/spark1/pin", json={"fingerprint": "nope"})
    assert r.status_code == 422
    r = await client.post("/api/settings/nodes/ghost/test")
    assert r.status_code == 404


async def test_patches_need_confirm_and_dry_run_lists_commands(client, tmp_path):
    r = await client.post("/api/actions/reapply-patches", json={})
    assert r.status_code == 400 and r.json()["error"]["param"] == "confirm"
    d = tmp_path / "patches"
    d.mkdir()
    (d / "main.py").write_text('PATCH_VERSION = "v9"\n')
    client.svc.patches.settings.patch_dir = d
    r = await client.post("/api/actions/reapply-patches", json={"dry_run": True})
    assert r.status_code == 200
    plan = r.json()
    assert plan["patch_version"] == "v9" and plan["files"] == ["main.py"]
    cmds = [c["command"] for c in plan["commands"]]
    assert "docker cp parakeet-asr:/app/main.py /tmp/spark-control-patch-backup-main.py" in cmds
    assert "cat > /tmp/spark-control-patch-new-main.py" in cmds
    assert "docker restart parakeet-asr" in cmds
    (d / "main.py").write_text("print('no version')\n")
    r = await client.post("/api/actions/reapply-patches", json={"confirm": True})
    assert r.status_code == 500 and "PATCH_VERSION" in r.json()["error"]["message"]


async def test_each_cluster_mutation_is_one_audit_row(client):
    """The core writes the domain row (settings.nodes, ssh.unpin, swap.request/dry_run,
    patches.dry_run, a lock conflict); the audit middleware adds its ``api.request`` row only
    where the core recorded nothing (bad input it refused first)."""
    from spark_control.api.middleware.audit import AuditMiddleware

    api = client._transport.app
    api.add_middleware(AuditMiddleware, api=api)
    audit = client.svc.swaps.audit
    api.state.controller.audit = audit
    api.middleware_stack = None  # rebuilt with the middleware on the next request

    def rows():
        return [(e.action, e.result) for e in audit.recent()]

    nodes = {
        "nodes": [
            {"name": "spark1", "host": "127.0.0.1", "ssh_port": 1, "services": {"vllm": 1}},
            {"name": "spark2", "host": "127.0.0.1", "ssh_port": 2, "services": {"asr": 2}},
        ]
    }
    steps = [
        ("PUT", "/api/settings/nodes", nodes, 200, ("settings.nodes", "ok")),
        ("DELETE", "/api/settings/nodes/spark1/pin", None, 200, ("ssh.unpin", "ok")),
        ("POST", "/api/swap", {"model": "gpt-oss-20b", "dry_run": True}, 200, ("swap.dry_run", "ok")),
        ("POST", "/api/swap", {"model": "nope", "confirm": True}, 404, ("swap.request", "not_found")),
        ("POST", "/api/actions/reapply-patches", {"dry_run": True}, 200, ("patches.dry_run", "ok")),
        ("POST", "/api/swap", {"model": "gpt-oss-20b"}, 400, ("api.request", "400")),  # no confirm
    ]
    for method, path, body, status, row in steps:
        before = len(rows())
        r = await client.request(method, path, json=body)
        assert r.status_code == status, r.text
        assert rows()[: len(rows()) - before] == [row], (path, rows()[:3])
    client.svc.locks.acquire(["spark1"], "swap-running-1")
    before = len(rows())
    r = await client.post("/api/swap", json={"model": "gpt-oss-20b", "confirm": True})
    assert r.status_code == 409 and rows()[: len(rows()) - before] == [("swap.request", "conflict")]
