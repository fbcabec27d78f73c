"""SpeechService: the speech gateway's core. Decodes uploads, sends every GPU call through the
one ``AudioQueue``, and builds transcripts, diarizations, merged utterances and dual-channel
results. The API (``api/audio.py``) and the Speech page call only this."""

from __future__ import annotations

import asyncio
import logging
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from typing import Any

from spark_control.errors import BadRequest, ConfigError
from spark_control.lazy import lazy_module
from spark_control.speech import chunking, dual
from spark_control.speech.audio import TARGET_RATE, Audio, decode, encode_wav
from spark_control.speech.merge import SpeakerTurn, Word, merge
from spark_control.speech.queue import AudioQueue
from spark_control.upstreams.asr import AsrClient
from spark_control.upstreams.tts import SpeechStream, TtsClient
from spark_control.workers import run_cpu

np = lazy_module("numpy")

log = logging.getLogger(__name__)


@dataclass
class QueueMeta:
    """What the queue did for one request (summed over its GPU calls)."""

    wait_ms: float = 0.0
    position: int = 0
    gpu_calls: int = 0
    attempts: int = 0

    def add(self, r) -> None:
        self.wait_ms += r.wait_ms
        self.position = self.position or r.position
        self.gpu_calls += 1
        self.attempts += r.attempts

    def headers(self) -> dict[str, str]:
        return {
            "X-Queue-Wait-Ms": str(int(round(self.wait_ms))),
            "X-Queue-Position": str(self.position),
            "X-Gpu-Calls": str(self.gpu_calls),
        }


@dataclass
class Result:
    body: dict[str, Any]
    meta: QueueMeta = field(default_factory=QueueMeta)


class SpeechService:
    def __init__(
        self,
        asr_url: str,
        tts_url: str,
        *,
        events: Any = None,
        max_waiting: int = 64,
        deadline_s: float = 600.0,
        retries: int = 4,
        backoff_s: float = 0.5,
        chunk_s: float = 90.0,
        overlap_s: float = 8.0,
        link_threshold: float = 0.7,
        queue_tts: bool = True,
        asr: AsrClient | None = None,
        tts: TtsClient | None = None,
    ) -> None:
        self.asr = asr or AsrClient(asr_url)
        self.tts = tts or TtsClient(tts_url)
        self.events = events
        self.queue = AudioQueue(
            max_waiting=max_waiting, default_deadline_s=deadline_s, retries=retries, backoff_s=backoff_s, events=events
        )
        self.chunk_s = chunk_s
        self.overlap_s = overlap_s
        self.link_threshold = link_threshold
        self.queue_tts = queue_tts

    @classmethod
    def from_cluster(cls, cluster: Any, *, events: Any = None, **kw: Any) -> SpeechService:
        """Build from a ``ClusterConfig`` (services ``asr`` and ``tts``)."""
        asr_url, tts_url = cluster.url_for("asr"), cluster.url_for("tts")
        if not asr_url or not tts_url:
            raise ConfigError("the cluster has no 'asr' or 'tts' service; add them to the Spark 2 node")
        return cls(asr_url, tts_url, events=events, **kw)

    async def start(self) -> None:
        log.info("speech service ready (asr %s, tts %s)", self.asr.base_url, self.tts.base_url)

    async def stop(self) -> None:
        await self.asr.aclose()
        await self.tts.aclose()

    # ---- helpers --------------------------------------------------------------------------
    async def _gpu(self, client: str, label: str, fn, meta: QueueMeta, deadline_s: float | None):
        r = await self.queue.run(client, fn, label=label, deadline_s=deadline_s)
        meta.add(r)
        return r.value

    @staticmethod
    def _words(body: dict, offset: float = 0.0) -> list[Word]:
        out = []
        for w in body.get("words") or []:
            try:
                out.append(Word(str(w["word"]), float(w["start"]) + offset, float(w["end"]) + offset))
            except (KeyError, TypeError, ValueError):
                continue
        return out

    # ---- transcribe -----------------------------------------------------------------------
    async def transcribe_audio(
        self, audio: Audio, *, client: str, meta: QueueMeta, deadline_s: float | None = None
    ) -> dict:
        wav = await run_cpu(audio.to_wav)
        body = await self._gpu(client, "transcribe", lambda: self.asr.transcribe(wav), meta, deadline_s)
        words = [{"word": w.word, "start": w.start, "end": w.end} for w in self._words(body)]
        segments = [
            {"id": i, "start": float(s["start"]), "end": float(s["end"]), "text": str(s.get("text", "")).strip()}
            for i, s in enumerate(body.get("segments") or [])
        ]
        return {
            "text": str(body.get("text", "")).strip(),
            "language": body.get("language") or "en",
            "duration": round(audio.duration, 3),
            "words": words,
            "segments": segments,
        }

    async def transcribe(self, data: bytes, *, client: str = "anonymous", deadline_s: float | None = None) -> Result:
        audio = await decode(data)
        meta = QueueMeta()
        return Result(await self.transcribe_audio(audio, client=client, meta=meta, deadline_s=deadline_s), meta)

    # ---- diarize --------------------------------------------------------------------------
    async def diarize_audio(
        self,
        audio: Audio,
        *,
        client: str,
        meta: QueueMeta,
        chunk_s: float | None = None,
        overlap_s: float | None = None,
        deadline_s: float | None = None,
    ) -> dict:
        chunk_s = chunk_s or self.chunk_s
        overlap_s = self.overlap_s if overlap_s is None else overlap_s
        if overlap_s >= chunk_s:
            raise BadRequest("overlap_s must be smaller than chunk_s", param="overlap_s")
        chunks = await run_cpu(chunking.plan_chunks, audio.duration, chunk_s, overlap_s)
        linker = chunking.SpeakerLinker(self.link_threshold)
        parts = []
        for ch in chunks:
            piece = audio.slice(ch.start, ch.end)
            wav = await run_cpu(piece.to_wav)
            body = await self._gpu(
                client, "diarize", lambda wav=wav: self.asr.diarize(wav, embeddings=True), meta, deadline_s
            )
            turns = [t for t in body.get("segments") or [] if "speaker" in t]
            prints = {s["speaker"]: np.asarray(s["embedding"], dtype=np.float64) for s in body.get("speakers") or []}
            for spk in {t["speaker"] for t in turns} - set(prints):
                # an older server without embeddings: one voiceprint call per local speaker
                prints[spk] = await self._voiceprint_of(piece, [t for t in turns if t["speaker"] == spk], client, meta)
            names = await run_cpu(linker.link, prints) if prints else {}
            parts.append((ch, [{**t, "speaker": names.get(t["speaker"], t["speaker"])} for t in turns]))
        segments = await run_cpu(chunking.stitch, parts)
        speakers = sorted({s["speaker"] for s in segments}, key=lambda s: int(s.rsplit("_", 1)[1]))
        return {
            "duration": round(audio.duration, 3),
            "segments": segments,
            "speakers": speakers,
            "chunks": len(chunks),
        }

    async def _voiceprint_of(self, piece: Audio, turns: list[dict], client: str, meta: QueueMeta) -> np.ndarray:
        xs = [piece.slice(float(t["start"]), float(t["end"])).samples[:, 0] for t in turns]
        x = np.concatenate(xs)[: 20 * TARGET_RATE] if xs else np.zeros(TARGET_RATE, np.float32)
        wav = encode_wav(x, TARGET_RATE)
        body = await self._gpu(client, "voiceprint", lambda: self.asr.voiceprint(wav), meta, None)
        return np.asarray(body["embedding"], dtype=np.float64)

    async def diarize(self, data: bytes, *, client: str = "anonymous", **kw) -> Result:
        audio = await decode(data)
        meta = QueueMeta()
        return Result(await self.diarize_audio(audio, client=client, meta=meta, **kw), meta)

    # ---- transcribe + diarize + merge -----------------------------------------------------
    async def transcribe_diarized(self, data: bytes, *, client: str = "anonymous", **kw) -> Result:
        audio = await decode(data)
        meta = QueueMeta()
        deadline_s = kw.pop("deadline_s", None)
        tr = await self.transcribe_audio(audio, client=client, meta=meta, deadline_s=deadline_s)
        di = await self.diarize_audio(audio, client=client, meta=meta, deadline_s=deadline_s, **kw)
        words = [Word(w["word"], w["start"], w["end"]) for w in tr["words"]]
        turns = [SpeakerTurn(s["start"], s["end"], s["speaker"]) for s in di["segments"]]
        utts = await run_cpu(merge, words, turns)
        return Result(
            {
                **tr,
                "words": [w for u in utts for w in u.words],
                "utterances": [{"speaker": u.speaker, "start": u.start, "end": u.end, "text": u.text} for u in utts],
                "speakers": di["speakers"],
                "diarization": di["segments"],
            },
            meta,
        )

    # ---- dual channel ---------------------------------------------------------------------
    async def transcribe_dual(
        self,
        data: bytes,
        *,
        client: str = "anonymous",
        local_channel: int = 0,
        labels: tuple[str, str] = ("local", "remote"),
        margin_db: float = 6.0,
        deadline_s: float | None = None,
    ) -> Result:
        if local_channel not in (0, 1):
            raise BadRequest("local_channel must be 0 (left) or 1 (right)", param="local_channel")
        audio = await decode(data, channels=None)
        if audio.channels != 2:
            raise BadRequest(f"dual-channel mode needs stereo audio; this file has {audio.channels} channel(s)")
        meta = QueueMeta()
        chans = [audio.samples[:, 0], audio.samples[:, 1]]
        names = {local_channel: labels[0], 1 - local_channel: labels[1]}
        words: list[dual.ChannelWord] = []
        for c in (0, 1):
            tr = await self.transcribe_audio(
                await run_cpu(audio.channel, c), client=client, meta=meta, deadline_s=deadline_s
            )
            words += [dual.ChannelWord(w["word"], w["start"], w["end"], c) for w in tr["words"]]
        await run_cpu(dual.mark_bleed, words, chans, audio.rate, margin_db=margin_db)
        kept = sorted((w for w in words if not w.bleed), key=lambda w: (w.start, w.end))
        turns = [SpeakerTurn(w.start, w.end, names[w.channel]) for w in kept]
        utts = await run_cpu(merge, [Word(w.word, w.start, w.end) for w in kept], turns)
        return Result(
            {
                "duration": round(audio.duration, 3),
                "text": " ".join(f"{u.speaker}: {u.text}" for u in utts),
                "utterances": [{"speaker": u.speaker, "start": u.start, "end": u.end, "text": u.text} for u in utts],
                "words": [
                    {"word": w.word, "start": w.start, "end": w.end, "speaker": names[w.channel], "channel": w.channel}
                    for w in kept
                ],
                "bleed_removed": [
                    {
                        "word": w.word,
                        "start": w.start,
                        "end": w.end,
                        "channel": w.channel,
                        "own_db": w.own_db,
                        "other_db": w.other_db,
                    }
                    for w in words
                    if w.bleed
                ],  # fmt: skip
            },
            meta,
        )

    # ---- TTS ------------------------------------------------------------------------------
    async def voices(self) -> list[dict[str, str]]:
        return await self.tts.voices()

    async def open_speech(
        self, payload: dict, *, client: str = "anonymous"
    ) -> tuple[SpeechStream, QueueMeta, HeldChunks]:
        """Start a TTS stream holding the GPU slot until it ends. Returns (stream, meta, chunks);
        ``await chunks.aclose()`` gives the slot back at once, read or not (a client that left)."""
        stack = AsyncExitStack()
        meta = QueueMeta()
        try:
            if self.queue_tts:
                job = await stack.enter_async_context(self.queue.hold(client, label="speech"))
                stream = await self.queue.attempts(job, lambda: stack.enter_async_context(self.tts.speech(payload)))
                meta.wait_ms, meta.position, meta.gpu_calls, meta.attempts = job.wait_ms, job.position, 1, job.attempts
            else:
                stream = await stack.enter_async_context(self.tts.speech(payload))
        except BaseException:
            await stack.aclose()
            raise
        return stream, meta, HeldChunks(stream, stack, self.queue.default_deadline_s)


class HeldChunks:
    """A TTS stream's audio chunks, holding the GPU turn (and the upstream stream) until the last
    chunk, an error, or :meth:`aclose`. An async generator's ``finally`` never runs when it was
    never started, so a response abandoned before its first byte must call ``aclose``."""

    def __init__(self, stream: SpeechStream, stack: AsyncExitStack, limit_s: float) -> None:
        self._stack = stack
        self._gen = self._chunks(stream, limit_s)

    async def _chunks(self, stream: SpeechStream, limit_s: float):
        # A reader that stalls must not hold the GPU turn forever: the whole stream has the deadline.
        try:
            async with asyncio.timeout(limit_s):
                async for c in stream.chunks:
                    yield c
        finally:
            await self._stack.aclose()

    def __aiter__(self) -> HeldChunks:
        return self

    async def __anext__(self) -> bytes:
        return await self._gen.__anext__()

    async def aclose(self) -> None:
        """Idempotent: closes the generator (if started, its ``finally`` runs) and the stack."""
        try:
            await self._gen.aclose()
        finally:
            await self._stack.aclose()
