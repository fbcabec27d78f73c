"""Diarization and voiceprints inside the parakeet-asr container: NVIDIA Sortformer (who speaks
when, at most 4 speakers, labels in arrival order) and TitaNet-Large (192-d speaker embeddings).

Written against NeMo's public APIs:
- ``SortformerEncLabelModel.from_pretrained(name)``; ``model.diarize(audio=[path], batch_size=1)``
  returns, per file, a list of ``"begin end speaker_N"`` strings (a tuple ``(segments, tensors)``
  when ``include_tensor_outputs=True``).
- ``EncDecSpeakerLabelModel.from_pretrained(name)``; ``model.get_embedding(path)`` returns a
  (1, 192) tensor.

NeMo is imported only by the ``load_*`` functions, so this module imports (and is unit-tested)
without NeMo; tests inject fake model objects with the same methods.
"""

from __future__ import annotations

import logging
import os
import tempfile
import wave
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

SORTFORMER_MODEL = os.environ.get("SORTFORMER_MODEL", "nvidia/diar_streaming_sortformer_4spk-v2")
TITANET_MODEL = os.environ.get("TITANET_MODEL", "nvidia/speakerverification_en_titanet_large")
RATE = 16_000
MAX_SPEAKERS = 4
MAX_PRINT_AUDIO_S = 30.0  # audio per speaker sent to TitaNet (plenty for a stable embedding)
MIN_TURN_S = 0.15


@dataclass(frozen=True)
class Turn:
    start: float
    end: float
    speaker: int


def first_file(output: Any) -> list:
    """``diarize()``'s return for a batch of one file -> that file's list of segments."""
    if isinstance(output, tuple):  # include_tensor_outputs=True -> (segments, tensors)
        output = output[0]
    if isinstance(output, list) and output and isinstance(output[0], list | tuple) and not _is_triple(output[0]):
        return list(output[0])
    return list(output or [])


def _is_triple(item: Any) -> bool:
    return isinstance(item, list | tuple) and len(item) == 3 and not isinstance(item[0], list | tuple | str)


def parse_sortformer(items: list) -> list[Turn]:
    """One file's segments (``"begin end speaker_N"`` strings or triples) -> turns, by start time."""
    turns = []
    for item in items:
        parts = item.split() if isinstance(item, str) else list(item)
        if len(parts) < 3:
            continue
        spk = str(parts[2])
        idx = int(spk.rsplit("_", 1)[-1]) if "_" in spk else int(float(spk))
        start, end = float(parts[0]), float(parts[1])
        if end - start >= MIN_TURN_S:
            turns.append(Turn(round(start, 3), round(end, 3), idx))
    turns.sort(key=lambda t: (t.start, t.end))
    return turns


def arrival_order(turns: list[Turn]) -> list[Turn]:
    """Relabel speakers 0..n-1 by first appearance (what Sortformer promises; enforced here)."""
    order: dict[int, int] = {}
    for t in turns:
        order.setdefault(t.speaker, len(order))
    return [Turn(t.start, t.end, order[t.speaker]) for t in turns]


def read_wav_16k(path: str) -> np.ndarray:
    """16-bit PCM mono WAV at 16 kHz (what ``main.py`` writes) -> float32."""
    with wave.open(path, "rb") as w:
        if w.getsampwidth() != 2 or w.getframerate() != RATE:
            raise ValueError("expected 16-bit 16 kHz WAV")
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").reshape(-1, w.getnchannels())
    return pcm.mean(axis=1).astype(np.float32) / 32768.0


def write_wav_16k(path: str, x: np.ndarray) -> None:
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes((np.clip(x, -1, 1) * 32767).astype("<i2").tobytes())


def _to_vector(emb: Any) -> np.ndarray:
    if hasattr(emb, "detach"):
        emb = emb.detach()
    if hasattr(emb, "cpu"):
        emb = emb.cpu()
    if hasattr(emb, "numpy"):
        emb = emb.numpy()
    v = np.asarray(emb, dtype=np.float32).reshape(-1)
    n = float(np.linalg.norm(v))
    return v / n if n else v


class Diarizer:
    """Sortformer + TitaNet behind two calls: ``diarize(path, embeddings)`` and ``voiceprint(path)``."""

    def __init__(self, sortformer: Any, titanet: Any, *, max_speakers: int = MAX_SPEAKERS) -> None:
        self.sortformer = sortformer
        self.titanet = titanet
        self.max_speakers = max_speakers

    def _embed_path(self, path: str) -> np.ndarray:
        return _to_vector(self.titanet.get_embedding(path))

    def _embed_samples(self, x: np.ndarray) -> np.ndarray:
        fd, tmp = tempfile.mkstemp(suffix=".wav")
        os.close(fd)
        try:
            write_wav_16k(tmp, x)
            return self._embed_path(tmp)
        finally:
            os.unlink(tmp)

    def voiceprint(self, path: str) -> dict:
        v = self._embed_path(path)
        return {"embedding": [float(f) for f in v], "dim": int(v.shape[0]), "model": os.path.basename(TITANET_MODEL)}

    def diarize(self, path: str, *, embeddings: bool = False) -> dict:
        raw = self.sortformer.diarize(audio=[path], batch_size=1)
        turns = arrival_order(parse_sortformer(first_file(raw)))
        turns = [t for t in turns if t.speaker < self.max_speakers]
        out: dict[str, Any] = {
            "segments": [{"start": t.start, "end": t.end, "speaker": f"speaker_{t.speaker}"} for t in turns]
        }
        if embeddings and turns:
            x = read_wav_16k(path)
            speakers = []
            dim = 0
            for spk in sorted({t.speaker for t in turns}):
                solo = self._solo_audio(x, turns, spk)
                if solo.size < RATE // 2:
                    continue  # too little clean speech for a voiceprint; the gateway asks /voiceprint
                v = self._embed_samples(solo)
                dim = int(v.shape[0])
                speakers.append({"speaker": f"speaker_{spk}", "embedding": [float(f) for f in v]})
            out["speakers"] = speakers
            out["embedding_dim"] = dim
            out["embedding_model"] = os.path.basename(TITANET_MODEL)
        return out

    @staticmethod
    def _solo_audio(x: np.ndarray, turns: list[Turn], spk: int) -> np.ndarray:
        """This speaker's audio where nobody else talks, up to ``MAX_PRINT_AUDIO_S``."""
        mask = np.zeros(x.size, dtype=np.int8)
        mine = np.zeros(x.size, dtype=bool)
        for t in turns:
            a, b = int(t.start * RATE), int(t.end * RATE)
            mask[a:b] += 1
            if t.speaker == spk:
                mine[a:b] = True
        sel = mine & (mask == 1)
        return x[sel][: int(MAX_PRINT_AUDIO_S * RATE)]


def load_sortformer(name: str = SORTFORMER_MODEL, device: str = "cuda", loader: Callable | None = None) -> Any:
    if loader is None:
        from nemo.collections.asr.models import SortformerEncLabelModel  # noqa: PLC0415

        loader = SortformerEncLabelModel.from_pretrained
    model = loader(name)
    model.eval()
    if hasattr(model, "to"):
        model = model.to(device) or model
    # Streaming Sortformer, "very high latency" preset (30.4 s): best DER for offline files.
    mods = getattr(model, "sortformer_modules", None)
    if mods is not None:
        for k, v in {"chunk_len": 340, "chunk_right_context": 40, "fifo_len": 40, "spkcache_update_period": 300,
                     "spkcache_len": 188}.items():  # fmt: skip
            if hasattr(mods, k):
                setattr(mods, k, v)
    return model


def load_titanet(name: str = TITANET_MODEL, device: str = "cuda", loader: Callable | None = None) -> Any:
    if loader is None:
        from nemo.collections.asr.models import EncDecSpeakerLabelModel  # noqa: PLC0415

        loader = EncDecSpeakerLabelModel.from_pretrained
    model = loader(name)
    model.eval()
    if hasattr(model, "to"):
        model = model.to(device) or model
    return model
