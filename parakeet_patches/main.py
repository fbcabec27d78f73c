"""parakeet-asr: the speech server that runs INSIDE the container on Spark 2 (port 8000).

Copied in by the controller's "Reapply speech-model patches" job, which then checks that
``GET /health`` reports this file's ``PATCH_VERSION``. Run as ``uvicorn main:app``.

Models (NeMo, loaded once at startup, on the single GPU):
- ASR: Parakeet TDT 0.6B v3, ``ASRModel.from_pretrained(name)``;
  ``model.transcribe([path], timestamps=True)`` -> hypotheses with ``.text`` and
  ``.timestamp["word"|"segment"]`` (seconds). Local attention for long audio
  (``change_attention_model("rel_pos_local_attn", [256, 256])``). CUDA-graph decoding stays OFF:
  it crashes decoding on this GPU/CUDA 13 stack (and never install ``cuda-python`` here).
- Diarization + voiceprints: ``diarizer.py`` (Sortformer, TitaNet).

Wire format (what ``spark_control/upstreams/asr.py`` speaks):
- ``POST /transcribe`` multipart ``file`` -> ``{"text","duration","language","model","words":[{"word","start","end"}],
  "segments":[{"start","end","text"}]}``
- ``POST /diarize`` multipart ``file``, form ``embeddings`` -> ``{"duration","segments":[{"start","end","speaker"}],
  "speakers":[{"speaker","embedding"}],"embedding_dim","embedding_model"}``
- ``POST /voiceprint`` multipart ``file`` -> ``{"embedding","dim","model","duration"}``
- ``GET /health`` -> ``{"status","patch_version","busy","models","memory_cap_gib"}``
- Errors ``{"detail": "..."}``: 400 unreadable audio, 413 too long, 503 GPU busy or CUDA failure.

One GPU call at a time: a second concurrent request gets 503 at once (the gateway's queue
retries it) instead of racing the first on the GPU (cuFFT errors). Inference runs in a worker
thread, so ``/health`` keeps answering while the GPU is busy.

Memory cap: PyTorch's CUDA allocator is capped (``torch.cuda.set_per_process_memory_fraction``)
at ``PARAKEET_MEMORY_CAP_GIB``, or else at 90 % of the container's memory limit, which the
controller sets with ``docker update --memory`` before restarting the container.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import tempfile
import threading
import wave
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from fastapi import FastAPI, File, Form, UploadFile
from fastapi.responses import JSONResponse

try:  # inside the container this file sits next to diarizer.py; in the repo it is a package
    from diarizer import RATE, Diarizer, load_sortformer, load_titanet  # type: ignore[import-not-found]
except ImportError:
    from parakeet_patches.diarizer import RATE, Diarizer, load_sortformer, load_titanet

PATCH_VERSION = "2026.11.27.1"

log = logging.getLogger("parakeet_asr")

ASR_MODEL = os.environ.get("ASR_MODEL", "nvidia/parakeet-tdt-0.6b-v3")
MAX_AUDIO_S = float(os.environ.get("PARAKEET_MAX_AUDIO_S", str(3 * 3600)))
LOCAL_ATTENTION_ABOVE_S = 20 * 60.0  # full attention handles ~24 min; switch before that


class AudioError(ValueError):
    pass


CGROUP_LIMIT_FILES = ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes")
CGROUP_SHARE = 0.9  # leave 10 % of the container's limit to Python, NeMo and the CUDA context


def memory_cap_gib(env: dict | None = None, limit_files: tuple[str, ...] = CGROUP_LIMIT_FILES) -> float | None:
    """The cap: ``PARAKEET_MEMORY_CAP_GIB`` if set, else 90 % of the container's cgroup limit
    (what ``docker update --memory`` sets). GPU allocations on the Spark's unified memory are not
    charged to the cgroup, so the allocator must be told the same limit."""
    env = os.environ if env is None else env
    raw = str(env.get("PARAKEET_MEMORY_CAP_GIB", "")).strip()
    if raw:
        return float(raw)
    for path in limit_files:
        try:
            with open(path) as f:
                text = f.read().strip()
        except OSError:
            continue
        if text.isdigit() and int(text) < 1 << 50:  # "max" or a huge number: no limit
            return round(int(text) * CGROUP_SHARE / 1024**3, 2)
    return None


def apply_memory_cap(torch_mod: Any, cap_gib: float | None, device: int = 0) -> float | None:
    """Cap the CUDA caching allocator at ``cap_gib``; returns the fraction set (None: no cap)."""
    if not cap_gib or torch_mod is None or not torch_mod.cuda.is_available():
        return None
    total = torch_mod.cuda.get_device_properties(device).total_memory
    fraction = max(0.05, min(1.0, cap_gib * 1024**3 / total))
    torch_mod.cuda.set_per_process_memory_fraction(fraction, device)
    log.info("CUDA memory capped at %.1f GiB (fraction %.3f)", cap_gib, fraction)
    return fraction


def decode_upload(data: bytes) -> np.ndarray:
    """Upload -> float32 mono 16 kHz. 16-bit WAV is read directly; other formats need soundfile."""
    if not data:
        raise AudioError("empty file")
    x: np.ndarray
    rate: int
    if data[:4] == b"RIFF":
        try:
            with wave.open(io.BytesIO(data), "rb") as w:
                if w.getsampwidth() != 2:
                    raise AudioError("only 16-bit PCM WAV is read without soundfile")
                rate, ch = w.getframerate(), w.getnchannels()
                pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
            x = pcm[: pcm.size - pcm.size % ch].reshape(-1, ch).mean(axis=1).astype(np.float32) / 32768.0
        except (wave.Error, EOFError) as e:
            raise AudioError(f"bad WAV: {e}") from e
    else:
        try:
            import soundfile  # noqa: PLC0415  (present in NeMo images)

            x, rate = soundfile.read(io.BytesIO(data), dtype="float32", always_2d=True)
            x = x.mean(axis=1)
        except Exception as e:  # soundfile raises its own error types
            raise AudioError(f"unreadable audio: {type(e).__name__}") from e
    if x.size == 0:
        raise AudioError("no samples")
    if rate != RATE:
        n = int(round(x.size * RATE / rate))
        x = np.interp(np.linspace(0, x.size - 1, n), np.arange(x.size), x).astype(np.float32)
    return x


def _write_wav(x: np.ndarray) -> str:
    fd, path = tempfile.mkstemp(prefix="parakeet-", suffix=".wav")
    with os.fdopen(fd, "wb") as f, wave.open(f, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes((np.clip(x, -1, 1) * 32767).astype("<i2").tobytes())
    return path


def _hyp_words(hyp: Any) -> tuple[str, list[dict], list[dict]]:
    text = getattr(hyp, "text", hyp if isinstance(hyp, str) else "")
    ts = getattr(hyp, "timestamp", None) or {}
    words = [
        {"word": str(w.get("word", "")), "start": round(float(w["start"]), 3), "end": round(float(w["end"]), 3)}
        for w in ts.get("word", []) or []
        if "start" in w and "end" in w
    ]
    segments = [
        {"start": round(float(s["start"]), 3), "end": round(float(s["end"]), 3), "text": str(s.get("segment", ""))}
        for s in ts.get("segment", []) or []
        if "start" in s and "end" in s
    ]
    return str(text), words, segments


@dataclass
class Engine:
    """The loaded models and the one-at-a-time GPU gate."""

    asr: Any
    diarizer: Diarizer
    lock: threading.Lock = field(default_factory=threading.Lock)
    long_mode: bool = False

    def _attention_for(self, duration: float) -> None:
        want_long = duration > LOCAL_ATTENTION_ABOVE_S
        if want_long != self.long_mode and hasattr(self.asr, "change_attention_model"):
            if want_long:
                self.asr.change_attention_model("rel_pos_local_attn", [256, 256])
            else:
                self.asr.change_attention_model("rel_pos")
            self.long_mode = want_long

    def transcribe(self, path: str, duration: float) -> dict:
        self._attention_for(duration)
        out = self.asr.transcribe([path], timestamps=True)
        if isinstance(out, tuple):  # older NeMo: (best, all)
            out = out[0]
        text, words, segments = _hyp_words(out[0])
        return {"text": text.strip(), "language": "auto", "model": os.path.basename(ASR_MODEL),
                "words": words, "segments": segments}  # fmt: skip

    def diarize(self, path: str, embeddings: bool) -> dict:
        return self.diarizer.diarize(path, embeddings=embeddings)

    def voiceprint(self, path: str) -> dict:
        return self.diarizer.voiceprint(path)


def load_engine() -> Engine:  # pragma: no cover - needs NeMo and a GPU
    import torch  # noqa: PLC0415
    from nemo.collections.asr.models import ASRModel  # noqa: PLC0415
    from omegaconf import open_dict  # noqa: PLC0415

    apply_memory_cap(torch, memory_cap_gib())
    device = "cuda" if torch.cuda.is_available() else "cpu"
    asr = ASRModel.from_pretrained(ASR_MODEL).to(device)
    asr.eval()
    cfg = asr.cfg.decoding
    with open_dict(cfg):
        cfg.greedy.use_cuda_graph_decoder = False  # CUDA graphs crash decoding on GB10 / CUDA 13
    asr.change_decoding_strategy(cfg)
    return Engine(asr=asr, diarizer=Diarizer(load_sortformer(device=device), load_titanet(device=device)))


def create_app(engine: Engine | None = None, *, loader=load_engine) -> FastAPI:
    state: dict[str, Any] = {"engine": engine, "busy": False, "served": 0, "failed": 0}

    @asynccontextmanager
    async def lifespan(_: FastAPI):
        if state["engine"] is None:
            state["engine"] = await asyncio.to_thread(loader)
        yield

    app = FastAPI(title="parakeet-asr", version=PATCH_VERSION, lifespan=lifespan)
    app.state.server = state

    def err(status: int, detail: str) -> JSONResponse:
        headers = {"Retry-After": "1"} if status == 503 else {}
        return JSONResponse({"detail": detail}, status_code=status, headers=headers)

    async def gpu(upload: UploadFile, call) -> Any:
        eng: Engine | None = state["engine"]
        if eng is None:
            return err(503, "models are still loading")
        data = await upload.read()
        try:
            x = decode_upload(data)
        except AudioError as e:
            return err(400, f"could not read audio: {e}")
        duration = x.size / RATE
        if duration > MAX_AUDIO_S:
            return err(413, f"audio is {duration:.0f} s; the limit is {MAX_AUDIO_S:.0f} s")
        if not eng.lock.acquire(blocking=False):
            return err(503, "GPU busy with another request; retry (the gateway queues for you)")
        path = _write_wav(x)
        state["busy"] = True
        try:
            result = await asyncio.to_thread(call, eng, path, duration)
            state["served"] += 1
            return {"duration": round(duration, 3), **result}
        except RuntimeError as e:  # CUDA errors (cuFFT, OOM) surface as RuntimeError
            state["failed"] += 1
            log.warning("GPU call failed: %s", str(e)[:200])
            return err(503, f"CUDA error: {str(e)[:200]}")
        finally:
            state["busy"] = False
            eng.lock.release()
            os.unlink(path)

    @app.get("/health")
    async def health():
        eng = state["engine"]
        return {
            "status": "ok" if eng is not None else "loading",
            "patch_version": PATCH_VERSION,
            "busy": state["busy"],
            "served": state["served"],
            "failed": state["failed"],
            "models": {"asr": ASR_MODEL, "diarizer": "sortformer", "voiceprint": "titanet"},
            "memory_cap_gib": memory_cap_gib(),
        }

    @app.post("/transcribe")
    async def transcribe(file: UploadFile = File(...), timestamps: str = Form("true")):
        return await gpu(file, lambda eng, path, d: eng.transcribe(path, d))

    @app.post("/diarize")
    async def diarize(file: UploadFile = File(...), embeddings: str = Form("false")):
        want = embeddings.lower() in ("1", "true", "yes")
        return await gpu(file, lambda eng, path, d: eng.diarize(path, want))

    @app.post("/voiceprint")
    async def voiceprint(file: UploadFile = File(...)):
        return await gpu(file, lambda eng, path, d: eng.voiceprint(path))

    return app


app = create_app()
