"""Audio in and out: decode any common format/sample rate with ffmpeg, encode WAV, and the small
signal measurements (frame energy) the rest of ``speech/`` builds on.

Everything is float32 in [-1, 1] at ``TARGET_RATE`` (16 kHz, what Parakeet, Sortformer and
TitaNet expect) once decoded. Invalid or empty audio raises ``BadAudio`` (a 400)."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import tempfile
import wave
import weakref
from dataclasses import dataclass

from spark_control.errors import BadRequest, PayloadTooLarge
from spark_control.lazy import lazy_module
from spark_control.workers import run_cpu

np = lazy_module("numpy")

log = logging.getLogger(__name__)

TARGET_RATE = 16_000
MAX_UPLOAD_BYTES = 512 * 1024 * 1024
MAX_DURATION_S = 4 * 3600.0
MAX_CHANNELS = 2
MAX_CONCURRENT_DECODES = 2
FFMPEG_TIMEOUT_S = 120.0

_SLOTS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = weakref.WeakKeyDictionary()


class BadAudio(BadRequest):
    """The upload is not audio we can decode (or holds no samples)."""


@dataclass
class Audio:
    """Decoded audio: ``samples`` is (frames, channels) float32."""

    samples: np.ndarray
    rate: int

    @property
    def channels(self) -> int:
        return int(self.samples.shape[1])

    @property
    def duration(self) -> float:
        return self.samples.shape[0] / float(self.rate)

    def channel(self, i: int) -> Audio:
        return Audio(self.samples[:, i : i + 1].copy(), self.rate)

    def mono(self) -> Audio:
        if self.channels == 1:
            return self
        return Audio(self.samples.mean(axis=1, keepdims=True).astype(np.float32), self.rate)

    def slice(self, start_s: float, end_s: float) -> Audio:
        a = max(0, int(round(start_s * self.rate)))
        b = min(self.samples.shape[0], int(round(end_s * self.rate)))
        return Audio(self.samples[a:b], self.rate)

    def to_wav(self) -> bytes:
        return encode_wav(self.samples, self.rate)


def encode_wav(samples: np.ndarray, rate: int) -> bytes:
    """16-bit PCM WAV bytes from float samples ((n,) or (n, channels))."""
    if samples.ndim == 1:
        samples = samples[:, None]
    pcm = (np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2")
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(samples.shape[1])
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())
    return buf.getvalue()


def read_wav_fast(data: bytes) -> Audio | None:
    """Parse a plain 16-bit PCM WAV at TARGET_RATE without spawning ffmpeg; None if it is anything else.

    The header is checked before any sample is converted: more than ``MAX_CHANNELS`` channels is
    a ``BadAudio`` (400), a data chunk longer than ``MAX_DURATION_S`` a ``PayloadTooLarge`` (413)."""
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        return None
    try:
        with wave.open(io.BytesIO(data), "rb") as w:
            if w.getsampwidth() != 2 or w.getframerate() != TARGET_RATE or w.getcomptype() != "NONE":
                return None
            ch = w.getnchannels()
            # what the file holds, as ffprobe counts it: a header may claim more (or a placeholder)
            frames = min(w.getnframes(), len(data) // (2 * max(1, ch)))
            check_shape(ch, frames / TARGET_RATE)
            raw = w.readframes(w.getnframes())
    except (wave.Error, EOFError):
        return None
    pcm = np.frombuffer(raw, dtype="<i2")
    if pcm.size == 0 or pcm.size % ch:
        return None
    return Audio((pcm.reshape(-1, ch).astype(np.float32) / 32768.0), TARGET_RATE)


def check_shape(channels: int, duration_s: float | None) -> None:
    """Refuse, before decoding, what would not fit: too many channels (400) or too long (413).
    ``duration_s`` None: the file does not say (the decoder's own limits then apply)."""
    if channels > MAX_CHANNELS:
        raise BadAudio(f"the audio has {channels} channels; send mono or stereo (at most {MAX_CHANNELS})", param="file")
    if duration_s is not None and duration_s > MAX_DURATION_S:
        raise PayloadTooLarge(
            f"the audio is {duration_s / 3600:.1f} hours long; the limit is {MAX_DURATION_S / 3600:.0f} hours",
            param="file",
        )


async def _probe(path: str) -> tuple[int, float | None]:
    """(channels, duration in seconds or None when the container does not say) of the first audio stream."""
    proc = await asyncio.create_subprocess_exec(
        "ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries", "stream=channels,duration:format=duration",
        "-of", "json", path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    try:
        out, _ = await asyncio.wait_for(proc.communicate(), FFMPEG_TIMEOUT_S)
    except TimeoutError:
        proc.kill()
        await proc.wait()
        raise BadAudio("probing the audio took too long") from None
    try:
        info = json.loads(out or b"{}")
        stream = (info.get("streams") or [{}])[0]
        channels = int(stream["channels"])
    except (ValueError, KeyError, TypeError):
        channels = 0
    if proc.returncode != 0 or channels < 1:
        raise BadAudio("the file is not audio that can be decoded (no audio stream found)", param="file")
    durations = []
    for raw in (stream.get("duration"), (info.get("format") or {}).get("duration")):
        try:
            durations.append(float(raw))
        except (TypeError, ValueError):
            continue
    return channels, max(durations) if durations else None


def _decode_slots() -> asyncio.Semaphore:
    """The running loop's limit on concurrent decodes (one loop in the app; tests make many)."""
    loop = asyncio.get_running_loop()
    slots = _SLOTS.get(loop)
    if slots is None:
        slots = _SLOTS[loop] = asyncio.Semaphore(MAX_CONCURRENT_DECODES)
    return slots


async def decode(data: bytes, *, channels: int | None = 1, rate: int = TARGET_RATE) -> Audio:
    """Decode ``data`` (any format ffmpeg reads) to ``rate`` Hz float32.

    ``channels=1`` downmixes; ``channels=2`` keeps/forces stereo; ``None`` keeps the file's own.
    Bounded: at most ``MAX_CONCURRENT_DECODES`` at a time; files with more than ``MAX_CHANNELS``
    channels or longer than ``MAX_DURATION_S`` are refused from their header when it says so,
    and otherwise ffmpeg stops at the duration limit and its output is read with a byte cap."""
    if not data:
        raise BadAudio("the audio file is empty", param="file")
    if len(data) > MAX_UPLOAD_BYTES:
        raise PayloadTooLarge(f"audio larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MiB")
    async with _decode_slots():
        fast = await run_cpu(read_wav_fast, data) if rate == TARGET_RATE else None
        if fast is not None and (channels is None or fast.channels == channels):
            return fast
        del fast  # the wrong channel count (ffmpeg mixes it below): free the samples first
        return await _decode_ffmpeg(data, channels, rate)


async def _decode_ffmpeg(data: bytes, channels: int | None, rate: int) -> Audio:
    # A temp file, not a pipe: containers like mp4/m4a keep their index at the end.
    fd, path = tempfile.mkstemp(prefix="sc-audio-", suffix=".bin")
    try:
        await run_cpu(_write_all, fd, data)
        n_file, duration = await _probe(path)
        check_shape(n_file, duration)
        n_ch = n_file if channels is None else channels
        cap = int(MAX_DURATION_S * rate) * n_ch * 2  # bytes of s16le at the duration limit
        proc = await asyncio.create_subprocess_exec(
            "ffmpeg", "-nostdin", "-v", "error", "-i", path, "-map", "0:a:0", "-vn",
            "-t", f"{MAX_DURATION_S + 1:.0f}", "-ac", str(n_ch), "-ar", str(rate),
            "-f", "s16le", "-acodec", "pcm_s16le", "pipe:1",
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        errors = asyncio.create_task(_read_capped(proc.stderr, 64 * 1024, truncate=True))
        try:
            async with asyncio.timeout(FFMPEG_TIMEOUT_S):
                out = await _read_capped(proc.stdout, cap)
                if out is None:  # past the duration limit: stop ffmpeg instead of reading on
                    proc.kill()
                err = await errors
                await proc.wait()
        except TimeoutError:
            raise BadAudio("decoding the audio took too long") from None
        finally:
            if proc.returncode is None:  # timed out or cancelled: stop ffmpeg now
                proc.kill()
                await proc.wait()
            errors.cancel()
    finally:
        os.unlink(path)
    if out is None:
        raise PayloadTooLarge(f"audio longer than {MAX_DURATION_S / 3600:.0f} hours", param="file")
    if proc.returncode != 0:
        reason = (err or b"").decode(errors="replace").strip().splitlines()
        log.info("ffmpeg could not decode an upload (%d bytes)", len(data))
        raise BadAudio(
            "the file is not audio that can be decoded" + (f": {reason[-1][:200]}" if reason else ""), param="file"
        )
    if len(out) < n_ch * 2 * rate // 100:
        raise BadAudio("the audio holds no samples (shorter than 10 ms)", param="file")
    return await run_cpu(_pcm_to_audio, out, n_ch, rate)


def _write_all(fd: int, data: bytes) -> None:
    with os.fdopen(fd, "wb") as f:
        f.write(data)


async def _read_capped(stream: asyncio.StreamReader | None, cap: int, *, truncate: bool = False) -> bytearray | None:
    """Everything ``stream`` gives, or None as soon as it passes ``cap`` bytes (the rest is not
    read); ``truncate=True`` keeps the first ``cap`` bytes and drains the rest."""
    buf = bytearray()
    if stream is None:
        return buf
    while chunk := await stream.read(1 << 20):
        if len(buf) + len(chunk) > cap:
            if not truncate:
                return None
            chunk = chunk[: max(0, cap - len(buf))]
        buf += chunk
    return buf


def _pcm_to_audio(out: bytearray, n_ch: int, rate: int) -> Audio:
    pcm = np.frombuffer(out, dtype="<i2")
    pcm = pcm[: pcm.size - pcm.size % n_ch]
    return Audio(pcm.reshape(-1, n_ch).astype(np.float32) / 32768.0, rate)


def frame_db(x: np.ndarray, rate: int, hop_s: float = 0.01, win_s: float = 0.025) -> np.ndarray:
    """RMS level in dBFS per frame (hop ``hop_s``) of a mono signal."""
    x = np.asarray(x, dtype=np.float32).reshape(-1)
    hop = max(1, int(rate * hop_s))
    win = max(hop, int(rate * win_s))
    n = max(0, 1 + (len(x) - win) // hop) if len(x) >= win else 0
    if n == 0:
        return np.full(1, -120.0, dtype=np.float32)
    sq = np.concatenate([[0.0], np.cumsum(x.astype(np.float64) ** 2)])
    starts = np.arange(n) * hop
    energy = (sq[starts + win] - sq[starts]) / win
    return (10.0 * np.log10(energy + 1e-12)).astype(np.float32)


def window_db(x: np.ndarray, rate: int, start_s: float, end_s: float) -> float:
    """RMS level in dBFS of ``x`` between two times (-120 for an empty window)."""
    a = max(0, int(start_s * rate))
    b = min(len(x), int(end_s * rate))
    if b <= a:
        return -120.0
    seg = np.asarray(x[a:b], dtype=np.float64)
    return float(10.0 * np.log10(np.mean(seg**2) + 1e-12))
