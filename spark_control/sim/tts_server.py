"""Simulated Kokoro-FastAPI (Spark 2, :8880): real speech from espeak-ng, resampled to Kokoro's
24 kHz and encoded by ffmpeg in every format Kokoro advertises (mp3, opus, aac, flac, wav, pcm).

Wire format as Kokoro-FastAPI v0.4+: ``POST /v1/audio/speech`` (``stream`` defaults to true:
one sentence at a time through a single ffmpeg encoder, chunked), ``GET /v1/audio/voices``
(``{"voices": [{"id","name"}]}``, or ``["id"]`` with ``?legacy=true`` or when
``faults["tts.voices_shape"] == "legacy"``, the v0.2/v0.3 shape), ``GET /v1/models``,
``GET /health``; errors as ``{"detail": {"error", "message", "type"}}`` (400 for an unknown voice
or model). Kokoro voices map to espeak-ng voices (timbre simulated, speech real).

Faults: ``tts.down`` (503), ``tts.race`` (503 when a second request overlaps; default False:
Kokoro queues internally), ``tts.fail_next`` (int). ``app.state.stats``: calls, max_concurrent.
"""

from __future__ import annotations

import asyncio
import re
import shutil
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse

from spark_control.sim.asr_server import _StandaloneCtx

RATE = 24_000
MODELS = ("kokoro", "tts-1", "tts-1-hd", "gpt-4o-mini-tts")
CONTENT_TYPES = {
    "mp3": "audio/mpeg",
    "opus": "audio/opus",
    "aac": "audio/aac",
    "flac": "audio/flac",
    "wav": "audio/wav",
    "pcm": "audio/pcm",
}
FFMPEG_OUT = {
    "mp3": ["-f", "mp3", "-c:a", "libmp3lame", "-b:a", "64k"],
    "opus": ["-f", "ogg", "-c:a", "libopus", "-b:a", "32k"],
    "aac": ["-f", "adts", "-c:a", "aac", "-b:a", "64k"],
    "flac": ["-f", "flac"],
    "wav": ["-f", "wav"],
}
# Kokoro voice -> espeak-ng voice and pitch.
VOICES: dict[str, tuple[str, int]] = {
    "af_heart": ("en-us+f3", 55),
    "af_bella": ("en-us+f2", 60),
    "af_sky": ("en-us+f4", 70),
    "af_nicole": ("en-us+f5", 50),
    "am_adam": ("en-us+m3", 35),
    "am_michael": ("en-us+m7", 45),
    "bf_emma": ("en-gb+f3", 55),
    "bf_isabella": ("en-gb+f2", 65),
    "bm_george": ("en-gb+m3", 30),
    "bm_lewis": ("en-gb+m1", 40),
}
OPENAI_VOICES = {"alloy": "am_adam", "echo": "af_bella", "nova": "bf_isabella", "shimmer": "af_sky",
                 "fable": "bm_george", "onyx": "am_michael", "ash": "am_adam", "coral": "af_heart",
                 "sage": "af_nicole", "ballad": "bm_lewis", "verse": "bf_emma"}  # fmt: skip
SENTENCE_RE = re.compile(r"(?<=[.!?])\s+")


@dataclass
class TtsStats:
    calls: int = 0
    in_flight: int = 0
    max_concurrent: int = 0


def _err(status: int, error: str, message: str, kind: str = "invalid_request_error") -> JSONResponse:
    return JSONResponse({"detail": {"error": error, "message": message, "type": kind}}, status_code=status)


def resolve_voice(spec: str) -> tuple[str, int] | None:
    """Kokoro voice spec ('af_bella', 'af_bella+af_sky', 'af_bella(2)+af_sky', OpenAI names) -> espeak."""
    first = re.sub(r"\(\d+(\.\d+)?\)", "", spec.split("+")[0]).strip()
    first = OPENAI_VOICES.get(first, first)
    for part in spec.split("+"):
        name = OPENAI_VOICES.get(re.sub(r"\(\d+(\.\d+)?\)", "", part).strip(), re.sub(r"\(.*\)", "", part).strip())
        if name not in VOICES:
            return None
    return VOICES.get(first)


async def espeak_pcm(text: str, voice: tuple[str, int], speed: float) -> bytes:
    """s16le mono PCM at 24 kHz of ``text``."""
    wpm = str(int(max(80, min(450, 165 * speed))))
    es = await asyncio.create_subprocess_exec(
        "espeak-ng", "-v", voice[0], "-p", str(voice[1]), "-s", wpm, "--stdout", text,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    wav, _ = await es.communicate()
    ff = await asyncio.create_subprocess_exec(
        "ffmpeg", "-nostdin", "-v", "error", "-i", "pipe:0", "-ac", "1", "-ar", str(RATE), "-f", "s16le", "pipe:1",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    pcm, _ = await ff.communicate(wav)
    return pcm


def create_app(ctx: Any = None) -> FastAPI:
    ctx = ctx or _StandaloneCtx(container="kokoro")
    faults: dict = ctx.faults if getattr(ctx, "faults", None) is not None else {}
    app = FastAPI(title="Kokoro-FastAPI (simulated)")
    stats = TtsStats()
    app.state.stats = stats
    app.state.have_espeak = shutil.which("espeak-ng") is not None

    @app.get("/health")
    async def health():
        if faults.get("tts.down"):
            return JSONResponse({"status": "unhealthy"}, status_code=503)
        return {"status": "healthy"}

    @app.get("/v1/test")
    async def test():
        return {"status": "ok"}

    @app.get("/v1/models")
    async def models():
        return {"object": "list", "data": [{"id": m, "object": "model", "owned_by": "kokoro"} for m in MODELS]}

    @app.get("/v1/audio/voices")
    async def voices(legacy: bool = False):
        if legacy or faults.get("tts.voices_shape") == "legacy":
            return {"voices": list(VOICES)}
        return {"voices": [{"id": v, "name": v} for v in VOICES]}

    @app.post("/v1/audio/speech")
    async def speech(request: Request):
        if faults.get("tts.down"):
            return _err(503, "processing_error", "model not loaded", "server_error")
        if faults.get("tts.race") and stats.in_flight:
            return _err(503, "processing_error", "CUDA error: out of memory (GPU busy)", "server_error")
        if int(faults.get("tts.fail_next", 0) or 0) > 0:
            faults["tts.fail_next"] = int(faults["tts.fail_next"]) - 1
            return _err(503, "processing_error", "CUDA error: unspecified launch failure", "server_error")
        try:
            body = await request.json()
        except ValueError:
            return _err(400, "validation_error", "body must be JSON")
        text = str(body.get("input") or "").strip()
        model = body.get("model", "kokoro")
        fmt = body.get("response_format", "mp3")
        voice = resolve_voice(str(body.get("voice", "af_heart")))
        if model not in MODELS:
            return _err(400, "invalid_model", f"Unsupported model: {model}")
        if not text:
            return _err(400, "validation_error", "input text is empty")
        if voice is None:
            return _err(400, "validation_error", f"Voice '{body.get('voice')}' not found")
        if fmt not in CONTENT_TYPES:
            return _err(400, "validation_error", f"Unsupported response_format: {fmt}")
        speed = float(body.get("speed", 1.0) or 1.0)
        stream = bool(body.get("stream", True))
        sentences = [s for s in SENTENCE_RE.split(text) if s.strip()] or [text]
        stats.calls += 1
        headers = {"Content-Disposition": f"attachment; filename=speech.{fmt}", "X-Accel-Buffering": "no"}

        async def gen():
            stats.in_flight += 1
            stats.max_concurrent = max(stats.max_concurrent, stats.in_flight)
            enc = None
            try:
                if fmt == "pcm":
                    for s in sentences:
                        yield await espeak_pcm(s, voice, speed)
                    return
                enc = await asyncio.create_subprocess_exec(
                    "ffmpeg", "-nostdin", "-v", "error", "-f", "s16le", "-ar", str(RATE), "-ac", "1", "-i", "pipe:0",
                    *FFMPEG_OUT[fmt], "pipe:1",
                    stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
                )  # fmt: skip

                async def feed():
                    for s in sentences:
                        enc.stdin.write(await espeak_pcm(s, voice, speed))
                        await enc.stdin.drain()
                    enc.stdin.close()

                feeder = asyncio.create_task(feed())
                while True:
                    chunk = await enc.stdout.read(16384)
                    if not chunk:
                        break
                    yield chunk
                await feeder
                await enc.wait()
            finally:
                stats.in_flight -= 1
                if enc is not None and enc.returncode is None:
                    enc.kill()
                    await enc.wait()

        if stream:
            return StreamingResponse(gen(), media_type=CONTENT_TYPES[fmt], headers=headers)
        data = b"".join([c async for c in gen()])
        return StreamingResponse(iter([data]), media_type=CONTENT_TYPES[fmt], headers=headers)

    return app
