"""parakeet_patches/ without NeMo: fake model objects with NeMo's method names and return shapes,
the real FastAPI server, and the gateway's client speaking to it."""

from __future__ import annotations

import asyncio
import re
import threading
from pathlib import Path
from types import SimpleNamespace

import httpx
import numpy as np
import pytest

from parakeet_patches import diarizer as dz
from parakeet_patches import main as pm
from spark_control.sim.asr_server import PATCH_RE, patch_version_from_host
from spark_control.speech.audio import encode_wav
from spark_control.speech.service import SpeechService


class FakeTensor:
    def __init__(self, a):
        self.a = np.asarray(a, dtype=np.float32)

    def cpu(self):
        return self

    def detach(self):
        return self

    def numpy(self):
        return self.a


class FakeParakeet:
    """``ASRModel.transcribe([path], timestamps=True)`` -> [Hypothesis(text, timestamp)]."""

    def __init__(self, gate: threading.Event | None = None):
        self.calls: list[str] = []
        self.attention: list[tuple] = []
        self.gate = gate

    def transcribe(self, paths, timestamps=False):
        assert timestamps is True and len(paths) == 1
        self.calls.append(paths[0])
        if self.gate is not None:
            self.gate.wait(5)
        hyp = SimpleNamespace(
            text="Hello there, friend.",
            timestamp={
                "word": [
                    {"word": "Hello", "start": 0.5, "end": 0.8, "start_offset": 6, "end_offset": 10},
                    {"word": "there,", "start": 0.85, "end": 1.1, "start_offset": 11, "end_offset": 14},
                    {"word": "friend.", "start": 2.1, "end": 2.5, "start_offset": 26, "end_offset": 31},
                ],
                "segment": [{"segment": "Hello there, friend.", "start": 0.5, "end": 2.5}],
                "char": [],
            },
        )
        return [hyp]

    def change_attention_model(self, kind, context=None):
        self.attention.append((kind, context))


class FakeSortformer:
    """``SortformerEncLabelModel.diarize(audio=[path], batch_size=1)`` -> [["begin end speaker_N", ...]]."""

    def __init__(self, segments):
        self.segments = segments

    def diarize(self, audio, batch_size=1):
        assert len(audio) == 1 and batch_size == 1
        return [list(self.segments)]


class FakeTitanet:
    """``EncDecSpeakerLabelModel.get_embedding(path)`` -> (1, 192) tensor; deterministic per audio level."""

    def __init__(self):
        self.paths = []

    def get_embedding(self, path):
        self.paths.append(path)
        x = dz.read_wav_16k(path)
        rng = np.random.default_rng(int(np.abs(x).mean() * 1e4))
        return FakeTensor(rng.normal(size=(1, 192)))


def two_speaker_wav(seconds=4.0) -> bytes:
    t = np.arange(int(seconds * 16000)) / 16000
    x = np.where(t < 2.0, 0.3 * np.sin(2 * np.pi * 150 * t), 0.1 * np.sin(2 * np.pi * 240 * t))
    return encode_wav(x.astype(np.float32), 16000)


MAIN_SOURCE = Path(pm.__file__).read_text()
SEGMENTS = ["0.000 1.900 speaker_1", "2.050 3.950 speaker_0", "1.950 2.000 speaker_1"]  # arrives unordered


def engine(gate=None) -> pm.Engine:
    return pm.Engine(asr=FakeParakeet(gate), diarizer=dz.Diarizer(FakeSortformer(SEGMENTS), FakeTitanet()))


@pytest.fixture
async def server():
    eng = engine()
    app = pm.create_app(eng)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://parakeet") as c:
        yield c, eng, app


def test_patch_version_is_a_string_constant_the_reapply_can_grep():
    src = Path(pm.__file__).read_text()
    m = PATCH_RE.search(src)
    assert m and m.group(1) == pm.PATCH_VERSION and isinstance(pm.PATCH_VERSION, str)


def test_importable_without_nemo():
    import sys

    assert "nemo" not in sys.modules


async def test_health_reports_patch_version(server):
    c, _, _ = server
    h = (await c.get("/health")).json()
    assert h["patch_version"] == pm.PATCH_VERSION and h["status"] == "ok" and h["busy"] is False


async def test_transcribe_returns_words_with_timestamps(server):
    c, eng, _ = server
    r = await c.post("/transcribe", files={"file": ("a.wav", two_speaker_wav(), "audio/wav")})
    assert r.status_code == 200
    b = r.json()
    assert b["text"] == "Hello there, friend." and b["duration"] == 4.0
    assert b["words"][1] == {"word": "there,", "start": 0.85, "end": 1.1}
    assert b["segments"] == [{"start": 0.5, "end": 2.5, "text": "Hello there, friend."}]
    assert len(eng.asr.calls) == 1 and eng.asr.attention == []  # short audio: full attention


async def test_diarize_relabels_in_arrival_order_with_voiceprints(server):
    c, eng, _ = server
    r = await c.post("/diarize", files={"file": ("a.wav", two_speaker_wav(), "audio/wav")}, data={"embeddings": "true"})
    b = r.json()
    assert [s["speaker"] for s in b["segments"]] == ["speaker_0", "speaker_1"]  # short 50 ms turn dropped
    assert b["segments"][0] == {"start": 0.0, "end": 1.9, "speaker": "speaker_0"}
    assert [s["speaker"] for s in b["speakers"]] == ["speaker_0", "speaker_1"]
    e0, e1 = (np.array(s["embedding"]) for s in b["speakers"])
    assert b["embedding_dim"] == 192 and abs(np.linalg.norm(e0) - 1) < 1e-5
    assert float(e0 @ e1) < 0.5  # different audio, different print
    assert len(eng.diarizer.titanet.paths) == 2


async def test_voiceprint(server):
    c, _, _ = server
    b = (await c.post("/voiceprint", files={"file": ("a.wav", two_speaker_wav(), "audio/wav")})).json()
    assert b["dim"] == 192 and len(b["embedding"]) == 192


async def test_bad_audio_400_and_too_long_413(server, monkeypatch):
    c, _, _ = server
    r = await c.post("/transcribe", files={"file": ("a.wav", b"RIFF....WAVEjunk", "audio/wav")})
    assert r.status_code == 400 and "audio" in r.json()["detail"]
    monkeypatch.setattr(pm, "MAX_AUDIO_S", 1.0)
    r = await c.post("/transcribe", files={"file": ("a.wav", two_speaker_wav(), "audio/wav")})
    assert r.status_code == 413


async def test_second_concurrent_request_gets_503_and_health_still_answers():
    gate = threading.Event()
    eng = engine(gate)
    app = pm.create_app(eng)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://p") as c:
        first = asyncio.create_task(c.post("/transcribe", files={"file": ("a.wav", two_speaker_wav(), "audio/wav")}))
        for _ in range(500):
            if app.state.server["busy"]:
                break
            await asyncio.sleep(0.01)
        second = await c.post("/transcribe", files={"file": ("a.wav", two_speaker_wav(), "audio/wav")})
        assert second.status_code == 503 and second.headers["Retry-After"] == "1"
        h = await c.get("/health")  # inference runs in a thread: health does not stall
        assert h.json()["busy"] is True
        gate.set()
        assert (await first).status_code == 200


async def test_cuda_error_becomes_503(server):
    c, eng, _ = server

    def boom(paths, timestamps=False):
        raise RuntimeError("cuFFT error: CUFFT_INTERNAL_ERROR")

    eng.asr.transcribe = boom
    r = await c.post("/transcribe", files={"file": ("a.wav", two_speaker_wav(), "audio/wav")})
    assert r.status_code == 503 and "cuFFT" in r.json()["detail"]
    assert (await c.get("/health")).json()["failed"] == 1


def test_long_audio_switches_to_local_attention(tmp_path):
    eng = engine()
    eng.transcribe("x.wav", 30 * 60.0)
    eng.transcribe("x.wav", 60.0)
    assert eng.asr.attention == [("rel_pos_local_attn", [256, 256]), ("rel_pos", None)]


def test_memory_cap_sets_allocator_fraction():
    calls = []
    fake_torch = SimpleNamespace(
        cuda=SimpleNamespace(
            is_available=lambda: True,
            get_device_properties=lambda d: SimpleNamespace(total_memory=128 * 1024**3),
            set_per_process_memory_fraction=lambda f, d: calls.append((round(f, 4), d)),
        )
    )
    assert pm.apply_memory_cap(fake_torch, 32.0) == 0.25
    assert calls == [(0.25, 0)]
    assert pm.apply_memory_cap(fake_torch, None) is None and len(calls) == 1


def test_loaders_use_injected_from_pretrained():
    made = []

    class Model:
        def __init__(self, name):
            made.append(name)
            self.sortformer_modules = SimpleNamespace(chunk_len=6, fifo_len=188)

        def eval(self):
            return self

        def to(self, device):
            return self

    m = dz.load_sortformer(loader=Model, device="cpu")
    assert m.sortformer_modules.chunk_len == 340 and m.sortformer_modules.fifo_len == 40
    dz.load_titanet(loader=Model, device="cpu")
    assert made == [dz.SORTFORMER_MODEL, dz.TITANET_MODEL]


@pytest.mark.parametrize(
    "raw,expected",
    [
        ([["0.0 1.0 speaker_0", "1.0 2.0 speaker_1"]], [(0.0, 1.0, 0), (1.0, 2.0, 1)]),
        (([["0.5 1.5 speaker_2"]], ["tensor"]), [(0.5, 1.5, 2)]),  # include_tensor_outputs=True
        ([[0.0, 1.0, 1], [2.0, 3.0, 0]], [(0.0, 1.0, 1), (2.0, 3.0, 0)]),
    ],
)
def test_parse_sortformer_shapes(raw, expected):
    got = dz.parse_sortformer(dz.first_file(raw))
    assert [(t.start, t.end, t.speaker) for t in got] == expected


async def test_gateway_client_speaks_this_servers_wire_format():
    """SpeechService against the real patched server (fake models): the two ends agree."""
    from spark_control.upstreams.asr import AsrClient

    app = pm.create_app(engine())
    asr = AsrClient("http://parakeet", transport=httpx.ASGITransport(app=app))
    svc = SpeechService("http://parakeet", "http://kokoro", asr=asr)
    res = await svc.transcribe_diarized(two_speaker_wav(), client="t")
    b = res.body
    assert [u["speaker"] for u in b["utterances"]] == ["speaker_0", "speaker_1"]
    assert b["utterances"][0]["text"] == "Hello there," and b["utterances"][1]["text"] == "friend."
    await svc.stop()


def test_simulator_reports_the_copied_patch_version():
    src = Path(pm.__file__).read_text()
    host = SimpleNamespace(containers={"parakeet-asr": SimpleNamespace(files={"/app/main.py": src.encode()})})
    ctx = SimpleNamespace(host=host, container="parakeet-asr")
    assert patch_version_from_host(ctx) == pm.PATCH_VERSION
    host.containers["parakeet-asr"].files["/app/main.py"] = b"print('old main without a version')"
    assert patch_version_from_host(ctx) is None
    assert re.match(r"^\d{4}\.\d{2}\.\d{2}\.\d+$", pm.PATCH_VERSION)


def test_memory_cap_comes_from_env_or_the_container_limit(tmp_path):
    limit = tmp_path / "memory.max"
    limit.write_text(str(40 * 1024**3) + "\n")
    assert pm.memory_cap_gib({"PARAKEET_MEMORY_CAP_GIB": "24"}, (str(limit),)) == 24.0
    assert pm.memory_cap_gib({}, (str(tmp_path / "missing"), str(limit))) == 36.0  # 90 % of docker's --memory
    limit.write_text("max\n")
    assert pm.memory_cap_gib({}, (str(limit),)) is None


async def test_simulator_health_follows_the_container_files():
    from spark_control.sim import asr_server

    ours = MAIN_SOURCE.encode()
    files = {"/app/main.py": b"# parakeet-asr server (stock image)\n"}
    host = SimpleNamespace(containers={"parakeet-asr": SimpleNamespace(files=files)})
    ctx = SimpleNamespace(clock=asr_server._RealClock(), faults={}, host=host, container="parakeet-asr")
    app = asr_server.create_app(ctx)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sim") as c:
        assert (await c.get("/health")).json()["patch_version"] is None  # stock image
        files["/app/main.py"] = ours  # the reapply job copied ours in
        assert (await c.get("/health")).json()["patch_version"] == pm.PATCH_VERSION
        files["/app/main.py"] = b'PATCH_VERSION = "x"\ndef broken(:\n'
        r = await c.get("/health")
        assert r.status_code == 503 and "import failed" in r.json()["detail"]
