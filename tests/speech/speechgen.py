"""Real synthesized speech for the speech tests: espeak-ng voices, resampled to 16 kHz, with
exact ground truth (who speaks when)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

import numpy as np

from spark_control.speech.audio import TARGET_RATE, encode_wav, read_wav_fast

HAVE_ESPEAK = shutil.which("espeak-ng") is not None and shutil.which("ffmpeg") is not None

# Distinct espeak-ng voices (language + variant): different pitch and formants.
# "voice:pitch" (espeak-ng -p, 0-99): six speakers who differ like people do, in pitch and timbre.
VOICES = ["en-us+m3:10", "en-us+f3:45", "en-gb+m7:55", "en-us+f5:90", "en-gb-x-rp+m1:99", "en-us+f2:0"]

SENTENCES = [
    "The quarterly budget review starts on Monday morning.",
    "Please send the updated figures before the meeting.",
    "I think the new design is much easier to use.",
    "We should test the battery before shipping it.",
    "Could you explain why the numbers changed so much?",
    "The customer asked for a refund last Tuesday.",
    "Let us move the deadline to the end of the month.",
    "Our team finished the migration without any problems.",
]

_cache: dict[tuple[str, str, int], np.ndarray] = {}


def say(text: str, voice: str = VOICES[0], speed: int = 160) -> np.ndarray:
    """espeak-ng speech as float32 mono at 16 kHz."""
    key = (text, voice, speed)
    if key not in _cache:
        name, _, pitch = voice.partition(":")
        wav = subprocess.run(
            ["espeak-ng", "-v", name, "-p", pitch or "50", "-s", str(speed), "--stdout", text],
            capture_output=True,
            check=True,
        ).stdout
        out = subprocess.run(
            ["ffmpeg", "-v", "error", "-i", "pipe:0", "-ac", "1", "-ar", str(TARGET_RATE), "-f", "wav", "pipe:1"],
            input=wav, capture_output=True, check=True,
        ).stdout  # fmt: skip
        audio = read_wav_fast(out)
        assert audio is not None
        x = audio.samples[:, 0]
        # trim leading/trailing silence so ground-truth turn times are tight
        nz = np.flatnonzero(np.abs(x) > 0.01)
        _cache[key] = x[nz[0] : nz[-1] + 1] if nz.size else x
    return _cache[key]


@dataclass
class Turn:
    start: float
    end: float
    speaker: str
    text: str


def conversation(script: list[tuple[str, str]], gap_s: float = 0.6) -> tuple[np.ndarray, list[Turn]]:
    """(voice, text) turns one after another with ``gap_s`` of silence between them."""
    parts: list[np.ndarray] = []
    turns: list[Turn] = []
    t = 0.3
    parts.append(np.zeros(int(0.3 * TARGET_RATE), np.float32))
    for voice, text in script:
        x = say(text, voice)
        turns.append(Turn(t, t + len(x) / TARGET_RATE, voice, text))
        parts.append(x)
        parts.append(np.zeros(int(gap_s * TARGET_RATE), np.float32))
        t += len(x) / TARGET_RATE + gap_s
    return np.concatenate(parts).astype(np.float32), turns


def wav(x: np.ndarray, rate: int = TARGET_RATE) -> bytes:
    return encode_wav(x, rate)
