"""Audio in and out: decode any common format/sample rate with ffmpeg, encode WAV, and the small
signal measurements (frame energy) the rest of ``speech/`` builds on.

Everything is float32 in [-1, 1] at ``TARGET_RATE`` (16 kHz, what Parakeet, Sortformer and
TitaNet expect) once decoded. Invalid or empty audio raises ``BadAudio`` (a 400)."""

from __future__ import annotations

import asyncio
import io
import logging
import os
import tempfile
import wave
from dataclasses import dataclass

from spark_control.errors import BadRequest, PayloadTooLarge
from spark_control.lazy import lazy_module

np = lazy_module("numpy")

log = logging.getLogger(__name__)

TARGET_RATE = 16_000
MAX_UPLOAD_BYTES = 512 * 1024 * 1024
MAX_DURATION_S = 4 * 3600.0
FFMPEG_TIMEOUT_S = 120.0


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
    """Parse a plain 16-bit PCM WAV at TARGET_RATE without spawning ffmpeg; None if it is anything else."""
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        return None
    try:
        with wave.open(io.BytesIO(data), "rb") as w:
            if w.getsampwidth() != 2 or w.getframerate() != TARGET_RATE or w.getcomptype() != "NONE":
                return None
            ch = w.getnchannels()
            raw = w.readframes(w.getnframes())
    except (wave.Error, EOFError):
        return None
    pcm = np.frombuffer(raw, dtype="<i2")
    if pcm.size == 0 or pcm.size % ch:
        return None
    return Audio((pcm.reshape(-1, ch).astype(np.float32) / 32768.0), TARGET_RATE)


async def _probe_channels(path: str) -> int:
    proc = await asyncio.create_subprocess_exec(
        "ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries", "stream=channels",
        "-of", "default=nw=1:nk=1", path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        out, _ = await asyncio.wait_for(proc.communicate(), FFMPEG_TIMEOUT_S)
    except TimeoutError:
        proc.kill()
        raise BadAudio("probing the audio took too long") from None
    text = out.decode().strip().splitlines()
    if proc.returncode != 0 or not text or not text[0].isdigit():
        raise BadAudio("the file is not audio that can be decoded (no audio stream found)", param="file")
    return int(text[0])


async def decode(data: bytes, *, channels: int | None = 1, rate: int = TARGET_RATE) -> Audio:
    """Decode ``data`` (any format ffmpeg reads) to ``rate`` Hz float32.

    ``channels=1`` downmixes; ``channels=2`` keeps/forces stereo; ``None`` keeps the file's own."""
    if not data:
        raise BadAudio("the audio file is empty", param="file")
    if len(data) > MAX_UPLOAD_BYTES:
        raise PayloadTooLarge(f"audio larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MiB")
    fast = read_wav_fast(data) if rate == TARGET_RATE else None
    if fast is not None and (channels is None or fast.channels == channels):
        return fast
    # A temp file, not a pipe: containers like mp4/m4a keep their index at the end.
    fd, path = tempfile.mkstemp(prefix="sc-audio-", suffix=".bin")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        n_ch = await _probe_channels(path) if channels is None else channels
        proc = await asyncio.create_subprocess_exec(
            "ffmpeg", "-nostdin", "-v", "error", "-i", path, "-map", "0:a:0", "-vn",
            "-ac", str(n_ch), "-ar", str(rate), "-f", "s16le", "-acodec", "pcm_s16le", "pipe:1",
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        try:
            out, err = await asyncio.wait_for(proc.communicate(), FFMPEG_TIMEOUT_S)
        except TimeoutError:
            proc.kill()
            raise BadAudio("decoding the audio took too long") from None
    finally:
        os.unlink(path)
    if proc.returncode != 0:
        reason = err.decode(errors="replace").strip().splitlines()
        log.info("ffmpeg could not decode an upload (%d bytes)", len(data))
        raise BadAudio(
            "the file is not audio that can be decoded" + (f": {reason[-1][:200]}" if reason else ""), param="file"
        )
    pcm = np.frombuffer(out, dtype="<i2")
    if pcm.size < n_ch * rate // 100:
        raise BadAudio("the audio holds no samples (shorter than 10 ms)", param="file")
    pcm = pcm[: pcm.size - pcm.size % n_ch]
    audio = Audio(pcm.reshape(-1, n_ch).astype(np.float32) / 32768.0, rate)
    if audio.duration > MAX_DURATION_S:
        raise PayloadTooLarge(f"audio longer than {MAX_DURATION_S / 3600:.0f} hours")
    return audio


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
