"""The event loop only waits: while one caller's heaviest allowed request runs, ``GET /health``
still answers within 100 ms. The real ``create_api`` (routes, access checks, hardening) with a
real Controller's auth, redaction and health services, served by uvicorn on 127.0.0.1; the
requests are the ones issue 14 measured (and the decode of an hour of audio)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from spark_control.api.app import create_api
from spark_control.controller import Controller
from spark_control.health.monitor import HealthMonitor
from spark_control.redaction.service import RedactionService
from spark_control.settings import ClusterConfig, load_settings
from spark_control.speech.service import SpeechService
from tests.speech.speechgen import HAVE_ESPEAK

HEALTH_WITHIN_S = 0.100
JSON = {"content-type": "application/json"}  # bodies are encoded up front: the client shares our loop


@dataclass
class Live:
    url: str
    headers: dict[str, str]
    controller: Controller


@contextlib.asynccontextmanager
async def serve_controller(data_dir: Path, scopes: tuple[str, ...] = ("audio", "redaction")):
    """A Controller with its auth, redaction and health services (no simulated cluster), the
    real ``create_api`` served by uvicorn on 127.0.0.1, and an app key (also used by
    ``benchmarks/loop_stall.py``)."""
    controller = Controller(load_settings(data_dir=data_dir, demo=True))
    await controller.auth.start()
    controller.redaction = RedactionService(controller.db, data_dir / "redaction.key")
    await controller.redaction.start()
    controller.health = HealthMonitor(controller.db, controller.events, ClusterConfig(), telemetry=False)
    await controller.health.start()
    # Decoding needs no GPU service; the addresses are never called by these tests.
    controller.speech = SpeechService("http://127.0.0.1:9", "http://127.0.0.1:9", events=controller.events)
    key = controller.auth.create_app_key("loop-test", list(scopes), actor="operator")
    server = uvicorn.Server(
        uvicorn.Config(create_api(controller), host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    )
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield Live(f"http://127.0.0.1:{port}", {"Authorization": f"Bearer {key.secret}"}, controller)
    finally:
        server.should_exit = True
        await task
        await controller.health.stop()
        await controller.redaction.stop()
        controller.db.close()


@pytest.fixture
async def live(tmp_path):
    async with serve_controller(tmp_path / "data") as live:
        yield live


async def health_while(live: Live, request) -> tuple[httpx.Response, list[float]]:
    """Run ``request`` (a coroutine taking a client) and time GET /health every 20 ms until it
    ends. Returns its response and the /health delays seen meanwhile: each from the moment the
    probe was due (so a stall that starts between two probes is counted too) to its answer."""
    delays: list[float] = []
    async with (
        httpx.AsyncClient(base_url=live.url, headers=live.headers, timeout=300) as c,
        httpx.AsyncClient(base_url=live.url, timeout=300) as probe,
    ):
        assert (await probe.get("/health")).status_code == 200  # connection open, warm
        job = asyncio.create_task(request(c))
        while not job.done():
            due = time.perf_counter() + 0.02
            await asyncio.sleep(0.02)
            r = await probe.get("/health")
            delays.append(time.perf_counter() - due)
            assert r.status_code == 200
        return await job, delays


def assert_health_answered(latencies: list[float], min_samples: int = 5) -> None:
    """/health kept answering within 100 ms: 95 % of the probes did, and none took longer than
    half a second (the shared 2-core test box stalls any process now and then; the stalls this
    guards against were 7 to 25 s, the whole length of the request)."""
    assert len(latencies) >= min_samples, "the request ended before /health was timed"
    ms = sorted(round(x * 1000) for x in latencies)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    assert p95 < HEALTH_WITHIN_S * 1000, f"/health p95 {p95} ms while the request ran (all, ms: {ms})"
    assert ms[-1] < 500, f"/health took {ms[-1]} ms while the request ran (all, ms: {ms})"


def overlapping_merge(n: int = 5_000) -> dict:
    """The issue's merge row: 5,000 words, 5,000 turns that all overlap each other."""
    return {
        "words": [{"word": "w", "start": i * 0.5, "end": i * 0.5 + 0.3} for i in range(n)],
        "segments": [{"start": i * 0.001, "end": n * 0.5, "speaker": f"speaker_{i % 8}"} for i in range(n)],
    }


async def test_health_answers_while_the_issues_merge_runs(live):
    """The issue's row (25 s of stalled loop before): now a fraction of a second, in the pool."""
    body = json.dumps(overlapping_merge()).encode()
    r, latencies = await health_while(live, lambda c: c.post("/api/audio/merge", content=body, headers=JSON))
    assert r.status_code == 200
    assert sum(len(u["words"]) for u in r.json()["utterances"]) == 5_000
    assert_health_answered(latencies, min_samples=1)


async def test_health_answers_while_the_heaviest_allowed_merge_runs(live):
    """Near the caps: 100,000 words, 40,000 overlapping turns, 256 speakers (7 MB, under the
    8 MiB text body cap)."""
    body = {
        "words": [{"word": "w", "start": i * 0.3, "end": i * 0.3 + 0.2} for i in range(100_000)],
        "segments": [{"start": i * 0.75, "end": i * 0.75 + 60.0, "speaker": f"s{i % 256}"} for i in range(40_000)],
    }
    raw = json.dumps(body, separators=(",", ":")).encode()
    assert len(raw) < 8 * 1024 * 1024
    r, latencies = await health_while(live, lambda c: c.post("/api/audio/merge", content=raw, headers=JSON))
    assert r.status_code == 200
    assert_health_answered(latencies)


def test_merge_takes_the_text_body_cap_not_the_audio_one():
    limits = create_api().state.body_limits
    assert limits.limit_for("/api/audio/merge") == 8 * 1024 * 1024  # MAX_TEXT_BODY_MB
    assert limits.limit_for("/api/audio/transcribe") > 500 * 1024 * 1024  # uploads keep theirs


async def test_health_answers_while_the_heaviest_scrub_runs(live):
    """The issue's scrub row: 20,000 distinct e-mail addresses (0.34 MB). Over the entity cap, so
    it ends in 413; the scrub runs to find that out, off the loop."""
    text = " ".join(f"user{i}@example{i % 97}.com" for i in range(20_000))
    body = json.dumps({"text": text}).encode()
    r, latencies = await health_while(live, lambda c: c.post("/scrub", content=body, headers=JSON))
    assert r.status_code == 413
    assert_health_answered(latencies)


@pytest.fixture(scope="module")
def hour_of_audio(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("hour") / "hour.flac"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=220:sample_rate=8000", "-t", "3600",
         "-c:a", "flac", "-compression_level", "0", "-y", str(path)],
        check=True,
    )  # fmt: skip
    return path.read_bytes()


@pytest.mark.skipif(not HAVE_ESPEAK, reason="ffmpeg is needed")
async def test_health_answers_while_an_hour_of_audio_decodes(live, hour_of_audio):
    """Dual-channel mode decodes the whole file before it finds it is mono (400): a decode with
    no GPU call after it."""
    r, latencies = await health_while(
        live,
        lambda c: c.post(
            "/api/audio/transcribe?channels=dual", files={"file": ("hour.flac", hour_of_audio, "audio/flac")}
        ),
    )
    assert r.status_code == 400 and "needs stereo" in r.json()["error"]["message"]
    assert_health_answered(latencies)
