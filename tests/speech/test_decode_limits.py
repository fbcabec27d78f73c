"""Audio decode is bounded in memory: too many channels or too long a recording is refused from
the header before any sample is decoded, ffmpeg is told the limits and its output is read with a
byte cap, and only a few decodes run at once."""

from __future__ import annotations

import asyncio
import gc
import subprocess

import numpy as np
import psutil
import pytest

from spark_control.errors import PayloadTooLarge
from spark_control.speech import audio as audio_mod
from spark_control.speech.audio import BadAudio, decode, encode_wav

from .conftest import needs_espeak

MIB = 1024 * 1024


def wav(seconds: float, rate: int, channels: int) -> bytes:
    return encode_wav(np.zeros((int(seconds * rate), channels), dtype=np.float32), rate)


@pytest.fixture(scope="module")
def ten_hours_of_silence(tmp_path_factory) -> bytes:
    """A real 10-hour recording (FLAC, 1 kHz: under 3 MB, made in about a second) that would
    decode to 1.15 GB of 16 kHz samples."""
    path = tmp_path_factory.mktemp("long") / "silence.flac"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "anullsrc=r=1000:cl=mono", "-t", "36000",
         "-c:a", "flac", "-compression_level", "0", "-y", str(path)],
        check=True,
    )  # fmt: skip
    return path.read_bytes()


def rss() -> int:
    gc.collect()
    return psutil.Process().memory_info().rss


async def refused(data: bytes, error: type[Exception], channels: int | None) -> Exception:
    before = rss()
    with pytest.raises(error) as exc:
        await decode(data, channels=channels)
    assert rss() - before < 64 * MIB  # decoding first would take gigabytes
    return exc.value


@needs_espeak
@pytest.mark.parametrize("channels", [1, None], ids=["mono", "own channels"])
async def test_ten_hour_file_is_refused_early_and_memory_stays_flat(ten_hours_of_silence, channels):
    exc = await refused(ten_hours_of_silence, PayloadTooLarge, channels)
    assert exc.status == 413 and "10.0 hours" in exc.message


@needs_espeak
@pytest.mark.parametrize("rate", [16_000, 48_000], ids=["16 kHz (read directly)", "48 kHz (through ffprobe)"])
@pytest.mark.parametrize("channels", [1, None], ids=["mono", "own channels"])
async def test_eight_channel_file_is_refused_with_400(rate, channels):
    exc = await refused(wav(2, rate, 8), BadAudio, channels)
    assert exc.status == 400 and "8 channels" in exc.message


async def test_wav_read_directly_is_checked_for_length_before_conversion(monkeypatch):
    monkeypatch.setattr(audio_mod, "MAX_DURATION_S", 2.0)
    with pytest.raises(PayloadTooLarge):
        await decode(wav(3, 16_000, 1))
    assert (await decode(wav(1.5, 16_000, 1))).duration == pytest.approx(1.5)


@needs_espeak
async def test_ffmpeg_output_is_cut_at_the_duration_limit(monkeypatch):
    """A container that does not state its duration: ffmpeg runs with -t and its output is read
    with a byte cap, so a file past the limit is refused without reading it all."""
    monkeypatch.setattr(audio_mod, "MAX_DURATION_S", 2.0)

    async def no_duration(path):
        return 1, None

    monkeypatch.setattr(audio_mod, "_probe", no_duration)
    long = encode_wav(np.zeros(8 * 22_050, dtype=np.float32), 22_050)  # 8 s, not 16 kHz: goes to ffmpeg
    with pytest.raises(PayloadTooLarge, match="longer than"):
        await decode(long)
    short = encode_wav(np.zeros(22_050, dtype=np.float32), 22_050)
    assert (await decode(short)).duration == pytest.approx(1.0, abs=0.01)


@needs_espeak
async def test_stereo_and_mono_still_decode():
    stereo = encode_wav(np.zeros((44_100, 2), dtype=np.float32), 44_100)
    a = await decode(stereo, channels=None)
    assert a.channels == 2 and a.rate == 16_000 and a.duration == pytest.approx(1.0, abs=0.01)
    assert (await decode(stereo)).channels == 1


@needs_espeak
async def test_concurrent_decodes_are_limited(monkeypatch):
    running, peak = 0, 0
    real = audio_mod._probe

    async def tracked(path):
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        try:
            await asyncio.sleep(0.05)
            return await real(path)
        finally:
            running -= 1

    monkeypatch.setattr(audio_mod, "_probe", tracked)
    clip = encode_wav(np.zeros(22_050, dtype=np.float32), 22_050)
    results = await asyncio.gather(*(decode(clip) for _ in range(6)))
    assert all(r.duration == pytest.approx(1.0, abs=0.01) for r in results)
    assert peak == audio_mod.MAX_CONCURRENT_DECODES


@needs_espeak
async def test_route_refuses_an_eight_channel_upload_with_400(rig):
    r = await rig.client.post("/api/audio/transcribe", files={"file": ("call.wav", wav(2, 48_000, 8), "audio/wav")})
    assert r.status_code == 400
    assert "8 channels" in r.json()["error"]["message"]
