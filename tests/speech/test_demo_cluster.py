"""The speech simulators inside the simulated cluster (as demo mode runs them): the gateway
serves real speech through spark2's services, and "Reapply speech-model patches" with the real
parakeet_patches/ makes the simulated service report their PATCH_VERSION."""

from __future__ import annotations

import pytest

from parakeet_patches import main as pm
from spark_control.catalog import load_catalog
from spark_control.cluster.keys import ControllerKey
from spark_control.events import EventHub
from spark_control.settings import PROJECT_ROOT, load_settings
from spark_control.sim import asr_server, tts_server
from spark_control.sim.cluster import SimCluster
from spark_control.speech.service import SpeechService
from spark_control.store import Database
from tests.cluster.simenv import SPEED, build_services

from .conftest import needs_espeak
from .speechgen import SENTENCES, VOICES, conversation, wav

pytestmark = needs_espeak


@pytest.fixture
async def demo(tmp_path):
    catalog = load_catalog(PROJECT_ROOT / "models.yaml")
    key = ControllerKey.load_or_create(load_settings(data_dir=tmp_path, demo=True).ssh_key_path)
    sim = SimCluster(
        tmp_path / "sim", catalog, key.public_line, speed=SPEED,
        extra_services={"asr": asr_server.create_app, "tts": tts_server.create_app},
    )  # fmt: skip
    await sim.start()
    db = Database(tmp_path / "controller.db")
    svc = build_services(tmp_path, catalog, db, EventHub(), sim, patch_dir=PROJECT_ROOT / "parakeet_patches")
    await svc.start()
    speech = SpeechService.from_cluster(sim.cluster_config)
    try:
        yield sim, svc, speech
    finally:
        await speech.stop()
        await svc.stop()
        await sim.stop()
        db.close()


async def test_gateway_through_the_demo_cluster_and_reapply_with_the_real_patches(demo):
    sim, svc, speech = demo
    x, _ = conversation([(VOICES[0], SENTENCES[0]), (VOICES[1], SENTENCES[1])])
    res = await speech.transcribe_diarized(wav(x), client="demo")
    assert [u["speaker"] for u in res.body["utterances"]] == ["speaker_0", "speaker_1"]
    assert (await speech.asr.health())["patch_version"] is None  # the stock image's main.py

    patches = svc.patches
    job = await patches.wait_job(patches.request(confirm=True, actor="tester")["job_id"], timeout=30)
    assert job.state == "done", job.error
    files = sim.hosts["spark2"].containers["parakeet-asr"].files
    assert files["/app/main.py"] == (PROJECT_ROOT / "parakeet_patches" / "main.py").read_bytes()
    assert (await speech.asr.health())["patch_version"] == pm.PATCH_VERSION
    res = await speech.transcribe(wav(x), client="demo")  # still serving after the restart
    assert res.body["words"]
