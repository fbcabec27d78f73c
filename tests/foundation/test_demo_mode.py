"""Demo mode: the controller starts the simulated cluster in-process and uses it exactly as it
would use real Sparks: over SSH (pinned host keys, its own key) and HTTP."""

import asyncio
import os
import stat

from spark_control.controller import Controller
from spark_control.settings import load_settings


async def _until(pred, limit=15.0):
    for _ in range(int(limit / 0.1)):
        if pred():
            return
        await asyncio.sleep(0.1)
    raise AssertionError("condition not reached")


async def test_demo_mode_shows_both_nodes_and_the_served_model_over_ssh(tmp_path):
    c = Controller(load_settings(data_dir=tmp_path, demo=True, sim_speed=200))
    await c.start()
    try:
        await _until(lambda: all(n["state"] == "up" for n in c.overview_snapshot()["nodes"]) and c.swaps.serving)
        snap = c.overview_snapshot()
        assert snap["demo"] is True
        assert [n["name"] for n in snap["nodes"]] == ["spark1", "spark2"]
        assert snap["nodes"][0]["hostname"] == "spark-1"
        assert "vllm_node" in [x["name"] for x in snap["nodes"][0]["containers"]]
        assert "parakeet-asr" in [x["name"] for x in snap["nodes"][1]["containers"]]
        assert snap["serving_model"] == c.catalog.by_served_name(snap["serving_model"]).served_name
        assert snap["status"] == "ok"
        # no shortcut: every figure came through the fake hosts' SSH servers
        calls = c.sim.hosts["spark1"].calls
        assert any(x.startswith("hostname") for x in calls) and any("docker ps" in x for x in calls)
        # the controller's own key, private and 0600; the simulator's host keys pinned
        key = c.settings.ssh_key_path
        assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
        assert "[127.0.0.1]:" in c.settings.ssh_known_hosts.read_text()
    finally:
        await c.stop()


async def test_a_node_going_down_shows_on_the_overview(tmp_path):
    c = Controller(load_settings(data_dir=tmp_path, demo=True, sim_speed=200))
    await c.start()
    c.overview.interval = 0.2
    try:
        await _until(lambda: all(n["state"] == "up" for n in c.overview_snapshot()["nodes"]))
        await c.sim.host_down("spark2")
        await _until(lambda: c.overview_snapshot()["nodes"][1]["state"] == "down")
        snap = c.overview_snapshot()
        assert snap["status"] == "degraded" and "spark2" in snap["status_text"]
        assert snap["nodes"][1]["error"]
        await c.sim.host_up("spark2")
        await _until(lambda: c.overview_snapshot()["nodes"][1]["state"] == "up")
    finally:
        await c.stop()


async def test_moving_a_service_on_the_settings_page_repoints_its_client(tmp_path):
    """Saving the nodes with Kokoro on another port sends the next TTS request there, without a
    restart (a real HTTP server on the new port records it)."""
    seen: list[bytes] = []

    async def other_kokoro(reader, writer):
        head = await reader.readuntil(b"\r\n\r\n")
        seen.append(head.split(b"\r\n")[0])
        body = b'{"voices": ["af_moved"]}'
        writer.write(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n"
            b"content-length: %d\r\n\r\n%s" % (len(body), body)
        )
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(other_kokoro, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    c = Controller(load_settings(data_dir=tmp_path, demo=True, sim_speed=200))
    await c.start()
    try:
        before = await c.speech.tts.voices()
        assert "af_moved" not in [v.get("id") or v.get("name") for v in before]
        nodes = [n.model_dump() for n in c.cluster.nodes]
        spark2 = next(n for n in nodes if "tts" in n["services"])
        spark2["services"]["tts"] = port
        c.cluster_services.manager.set_nodes(nodes)
        await _until(lambda: c.speech.tts.base_url.endswith(f":{port}"))
        after = await c.speech.tts.voices()
        assert seen == [b"GET /v1/audio/voices HTTP/1.1"]
        assert "af_moved" in str(after)
        assert c.speech.asr.base_url != c.speech.tts.base_url  # only what moved was re-pointed
    finally:
        await c.stop()
        server.close()
