"""Audio gateway routes: OpenAI-compatible transcription and speech, plus native diarize, merge,
dual-channel and voices. Every GPU call goes through ``controller.speech`` (one queue).

Queue reporting on every GPU route: ``X-Queue-Wait-Ms``, ``X-Queue-Position``, ``X-Gpu-Calls``.
Fairness key: the caller's app id (or, with auth off, ``X-Client-Id`` / the client address).
Deadline: ``X-Deadline-S`` header (seconds, default 600)."""

from __future__ import annotations

import functools
import json
import logging
import string
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from spark_control.api.deps import Principal, client_address, controller_service, require_app
from spark_control.api.held_stream import CLIENT_CLOSED, HeldStreamingResponse, until_ready, watch_disconnect
from spark_control.api.llm import _body_doc
from spark_control.errors import BadRequest, PayloadTooLarge
from spark_control.speech import formats
from spark_control.speech.merge import MAX_TURNS, MAX_WORDS, SpeakerTurn, Word, merge
from spark_control.speech.queue import QueueStats
from spark_control.workers import run_in_process

log = logging.getLogger(__name__)
router = APIRouter()
audio_app = require_app("audio")

RESPONSE_FORMATS = ("json", "text", "srt", "verbose_json", "vtt", "diarized_json")
SPEECH_FORMATS = ("mp3", "opus", "aac", "flac", "wav", "pcm")


def get_speech(request: Request):
    return controller_service(request, "speech")


def client_key(request: Request, principal: Principal) -> str:
    if principal.kind != "anonymous":
        return f"{principal.kind}:{principal.id}"
    return request.headers.get("x-client-id") or client_address(request) or "anonymous"


def deadline(request: Request) -> float | None:
    raw = request.headers.get("x-deadline-s")
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise BadRequest("X-Deadline-S must be a number of seconds", param="X-Deadline-S") from None
    if not 0 < value <= 3600:
        raise BadRequest("X-Deadline-S must be between 0 and 3600", param="X-Deadline-S")
    return value


async def _upload(request: Request) -> tuple[bytes, dict]:
    """The multipart form: the file's bytes and the other fields (lists kept for ``[]`` names)."""
    ctype = request.headers.get("content-type", "")
    if not ctype.startswith("multipart/form-data"):
        raise BadRequest("send multipart/form-data with the audio in a field named 'file'", param="file")
    try:
        form = await request.form()
    except Exception as e:  # malformed multipart bodies raise several starlette/multipart error types
        raise BadRequest(f"could not read the multipart form: {type(e).__name__}", param="file") from e
    file = form.get("file")
    if file is None or isinstance(file, str) or not hasattr(file, "read"):
        raise BadRequest("missing the audio file (multipart field 'file')", param="file")
    data = await file.read()  # type: ignore[union-attr]
    fields: dict = {}
    for key in form:
        if key == "file":
            continue
        values = [v for v in form.getlist(key) if isinstance(v, str)]
        fields[key.removesuffix("[]")] = fields.get(key.removesuffix("[]"), []) + values
    return data, fields


def _one(fields: dict, key: str, default: str | None = None) -> str | None:
    vals = fields.get(key) or []
    return vals[0] if vals else default


def _speaker_letters(speakers: list[str]) -> dict[str, str]:
    letters = string.ascii_uppercase
    return {s: (letters[i] if i < 26 else f"S{i}") for i, s in enumerate(speakers)}


def _headers(meta) -> dict[str, str]:
    return meta.headers()


# Typed views for OpenAPI of what the speech routes answer (``SpeechService`` results). The
# transcription routes send their JSON themselves (with the queue's headers): these document it.
class Usage(BaseModel):
    type: str  # "duration"
    seconds: int


class OpenAITranscription(BaseModel):
    """``response_format=json`` (text, srt and vtt are plain text)."""

    text: str
    usage: Usage


class OpenAIVerboseTranscription(BaseModel):
    """``response_format=verbose_json``: ``segments`` unless only words were asked for; ``words``
    with ``timestamp_granularities[]=word``."""

    task: str
    language: str
    duration: float
    text: str
    segments: list[dict[str, Any]] | None = None
    words: list[dict[str, Any]] | None = None
    usage: Usage


class DiarizedSegment(BaseModel):
    type: str  # "transcript.text.segment"
    id: str
    start: float
    end: float
    speaker: str  # A, B, ... (or "unknown")
    text: str


class OpenAIDiarizedTranscription(BaseModel):
    """``response_format=diarized_json``."""

    task: str
    duration: float
    text: str
    segments: list[DiarizedSegment]
    usage: Usage


class TimedWord(BaseModel):
    word: str
    start: float
    end: float
    speaker: str | None = None  # diarized and dual: who said it
    channel: int | None = None  # dual: 0 (left) or 1 (right)


class TranscriptSegment(BaseModel):
    id: int
    start: float
    end: float
    text: str


class Utterance(BaseModel):
    speaker: str | None
    start: float
    end: float
    text: str


class SpeakerTurnView(BaseModel):
    start: float
    end: float
    speaker: str


class Transcript(BaseModel):
    """``/api/audio/transcribe``; with ``?diarize=true`` also ``utterances``, ``speakers`` and
    ``diarization`` (the speaker turns), and each word has its ``speaker``."""

    text: str
    language: str
    duration: float
    words: list[TimedWord]
    segments: list[TranscriptSegment]
    utterances: list[Utterance] | None = None
    speakers: list[str] | None = None
    diarization: list[SpeakerTurnView] | None = None


class DualTranscript(BaseModel):
    """``/api/audio/transcribe?channels=dual``: one speaker per channel; words heard on the other
    channel too (bleed) are dropped and listed."""

    duration: float
    text: str
    utterances: list[Utterance]
    words: list[TimedWord]
    bleed_removed: list[dict[str, Any]]


class Diarization(BaseModel):
    duration: float
    segments: list[SpeakerTurnView]
    speakers: list[str]
    chunks: int


class Voice(BaseModel):
    id: str
    name: str


class Voices(BaseModel):
    voices: list[Voice] | list[str]  # ``?legacy=true``: ids only


@router.post(
    "/v1/audio/transcriptions",
    tags=["audio"],
    response_model=OpenAITranscription | OpenAIVerboseTranscription | OpenAIDiarizedTranscription,
    responses={200: {"content": {"text/plain": {}, "application/x-subrip": {}, "text/vtt": {}}}},
)
async def openai_transcriptions(request: Request, principal: Principal = Depends(audio_app)):
    """OpenAI-compatible transcription (json, text, srt, verbose_json, vtt, diarized_json)."""
    svc = get_speech(request)
    data, fields = await _upload(request)
    fmt = _one(fields, "response_format", "json")
    if fmt not in RESPONSE_FORMATS:
        raise BadRequest(f"response_format must be one of {', '.join(RESPONSE_FORMATS)}", param="response_format")
    grans = [g for v in fields.get("timestamp_granularities", []) for g in v.split(",") if g]
    if any(g not in ("word", "segment") for g in grans):
        raise BadRequest("timestamp_granularities[] takes 'word' and/or 'segment'", param="timestamp_granularities")
    if grans and fmt != "verbose_json":
        raise BadRequest(
            "timestamp_granularities[] needs response_format=verbose_json", param="timestamp_granularities"
        )
    if (_one(fields, "stream", "false") or "").lower() == "true":
        raise BadRequest("streaming transcription is not supported; send stream=false", param="stream")
    key, dl = client_key(request, principal), deadline(request)
    if fmt == "diarized_json":
        res = await svc.transcribe_diarized(data, client=key, deadline_s=dl)
        b = res.body
        names = _speaker_letters(b["speakers"])
        segs = [
            {"type": "transcript.text.segment", "id": f"seg_{i}", "start": u["start"], "end": u["end"],
             "speaker": names.get(u["speaker"], u["speaker"] or "unknown"), "text": u["text"]}
            for i, u in enumerate(b["utterances"])
        ]  # fmt: skip
        body = {"task": "transcribe", "duration": b["duration"], "text": b["text"], "segments": segs,
                "usage": {"type": "duration", "seconds": int(round(b["duration"]))}}  # fmt: skip
        return JSONResponse(body, headers=_headers(res.meta))
    res = await svc.transcribe(data, client=key, deadline_s=dl)
    b = res.body
    h = _headers(res.meta)
    if fmt == "json":
        return JSONResponse(
            {"text": b["text"], "usage": {"type": "duration", "seconds": int(round(b["duration"]))}}, headers=h
        )
    if fmt == "text":
        return PlainTextResponse(b["text"] + "\n", headers=h)
    if fmt == "srt":
        return PlainTextResponse(formats.to_srt(b["segments"]), headers=h, media_type="application/x-subrip")
    if fmt == "vtt":
        return PlainTextResponse(formats.to_vtt(b["segments"]), headers=h, media_type="text/vtt")
    body = {"task": "transcribe", "language": b["language"], "duration": b["duration"], "text": b["text"]}
    if not grans or "segment" in grans:
        body["segments"] = [
            {"id": s["id"], "seek": 0, "start": s["start"], "end": s["end"], "text": " " + s["text"], "tokens": [],
             "temperature": 0.0, "avg_logprob": 0.0, "compression_ratio": 1.0, "no_speech_prob": 0.0}
            for s in b["segments"]
        ]  # fmt: skip
    if "word" in grans:
        body["words"] = b["words"]
    body["usage"] = {"type": "duration", "seconds": int(round(b["duration"]))}
    return JSONResponse(body, headers=h)


@router.post("/api/audio/transcribe", tags=["audio"], response_model=Transcript | DualTranscript)
async def transcribe(
    request: Request,
    diarize: bool = Query(False, description="also diarize and merge speaker labels onto the words"),
    channels: Literal["mono", "dual"] = Query("mono", description="dual: stereo, local mic + remote party"),
    local_channel: int = Query(0, ge=0, le=1, description="dual mode: which channel is the local mic (0=left)"),
    chunk_s: float | None = Query(None, gt=5, le=3600),
    overlap_s: float | None = Query(None, ge=0, le=120),
    principal: Principal = Depends(audio_app),
):
    """Transcript with word timestamps; ``?diarize=true`` adds speakers; ``?channels=dual`` for stereo calls."""
    svc = get_speech(request)
    data, _ = await _upload(request)
    key, dl = client_key(request, principal), deadline(request)
    if channels == "dual":
        res = await svc.transcribe_dual(data, client=key, local_channel=local_channel, deadline_s=dl)
    elif diarize:
        res = await svc.transcribe_diarized(data, client=key, deadline_s=dl, chunk_s=chunk_s, overlap_s=overlap_s)
    else:
        res = await svc.transcribe(data, client=key, deadline_s=dl)
    return JSONResponse(res.body, headers=_headers(res.meta))


@router.post("/api/audio/diarize", tags=["audio"], response_model=Diarization)
async def diarize(
    request: Request,
    chunk_s: float | None = Query(None, gt=5, le=3600, description="chunk length for long audio (default 90)"),
    overlap_s: float | None = Query(None, ge=0, le=120, description="overlap between chunks (default 8)"),
    principal: Principal = Depends(audio_app),
):
    """``{"duration", "segments": [{"start","end","speaker"}], "speakers", "chunks"}``; labels are per recording."""
    svc = get_speech(request)
    data, _ = await _upload(request)
    res = await svc.diarize(
        data, client=client_key(request, principal), chunk_s=chunk_s, overlap_s=overlap_s, deadline_s=deadline(request)
    )
    return JSONResponse(res.body, headers=_headers(res.meta))


class MergeWord(BaseModel):
    word: str
    start: float
    end: float


class MergeSegment(BaseModel):
    start: float
    end: float
    speaker: str


class MergeRequest(BaseModel):
    words: list[MergeWord] = Field(max_length=MAX_WORDS)
    segments: list[MergeSegment] = Field(max_length=MAX_TURNS)
    fill_nearest: bool = True
    max_gap_s: float = Field(2.0, ge=0)


class MergeUtterance(BaseModel):
    speaker: str | None
    start: float
    end: float
    text: str
    words: list[dict]


class MergeResponse(BaseModel):
    utterances: list[MergeUtterance]


class MergeOptions(BaseModel):
    fill_nearest: bool = True
    max_gap_s: float = Field(2.0, ge=0)


_WORDS = TypeAdapter(list[MergeWord])
_SEGMENTS = TypeAdapter(list[MergeSegment])
BATCH = 2_000  # items per validation/serialisation call: each C call holds the GIL, keep them short


def _batched(adapter: TypeAdapter, items: object, field: str, cap: int) -> list:
    """Validate a long list a slice at a time, so the event loop's thread gets the GIL between
    slices (one pydantic call over 100,000 items holds it for the whole call)."""
    if not isinstance(items, list):
        msg = "Field required" if items is None else "Input should be a list"
        raise RequestValidationError([{"type": "list_type", "loc": ("body", field), "msg": msg}])
    if len(items) > cap:
        raise PayloadTooLarge(f"{len(items)} {field} is over the merge limit of {cap}", param=field)
    out: list = []
    for i in range(0, len(items), BATCH):
        try:
            out += adapter.validate_python(items[i : i + BATCH])
        except ValidationError as e:
            errs = e.errors(include_url=False)
            for err in errs:
                loc = err["loc"]
                err["loc"] = ("body", field, loc[0] + i, *loc[1:]) if loc and isinstance(loc[0], int) else loc
            raise RequestValidationError(errs) from None
    return out


def _merge_json(raw: bytes) -> bytes:
    """Parse, check, merge and serialise: all of it CPU work for the worker pool, done in slices."""
    try:
        data = json.loads(raw)
    except ValueError:
        raise BadRequest("the body is not valid JSON", param="body") from None
    if not isinstance(data, dict):
        raise BadRequest("the body must be a JSON object with 'words' and 'segments'", param="body")
    try:
        opts = MergeOptions.model_validate({k: v for k, v in data.items() if k in MergeOptions.model_fields})
    except ValidationError as e:
        errs = e.errors(include_url=False)
        raise RequestValidationError([{**err, "loc": ("body", *err["loc"])} for err in errs]) from None
    words = _batched(_WORDS, data.get("words"), "words", MAX_WORDS)
    segments = _batched(_SEGMENTS, data.get("segments"), "segments", MAX_TURNS)
    del data
    utts = merge(
        [Word(w.word, w.start, w.end) for w in words],
        [SpeakerTurn(s.start, s.end, s.speaker) for s in segments],
        fill_nearest=opts.fill_nearest,
        max_gap_s=opts.max_gap_s,
    )
    return ('{"utterances":[' + ",".join(_utterance_json(u) for u in utts) + "]}").encode()


def _utterance_json(u) -> str:
    """One utterance as JSON, its words a slice at a time (one utterance may hold every word)."""
    dumps = functools.partial(json.dumps, separators=(",", ":"))
    head = dumps({"speaker": u.speaker, "start": u.start, "end": u.end, "text": u.text})
    words = ",".join(",".join(dumps(w) for w in u.words[i : i + BATCH]) for i in range(0, len(u.words), BATCH))
    return head[:-1] + ',"words":[' + words + "]}"


@router.post(
    "/api/audio/merge",
    tags=["audio"],
    response_model=MergeResponse,
    openapi_extra=_body_doc(MergeRequest),
)
async def merge_labels(request: Request, principal: Principal = Depends(audio_app)) -> Response:
    """Words + speaker segments -> speaker-attributed utterances (largest overlap; nearest turn otherwise).

    The body is read here and everything else runs in the worker process: a merge at the caps
    takes seconds of CPU, and parsing 8 MiB of JSON is one long call that holds the GIL."""
    raw = await request.body()
    return Response(await run_in_process(_merge_json, raw), media_type="application/json")


class SpeechRequest(BaseModel):
    model: str = "kokoro"
    input: str = Field(min_length=1, max_length=100_000)
    voice: str = "af_heart"
    response_format: Literal["mp3", "opus", "aac", "flac", "wav", "pcm"] = "mp3"
    speed: float = Field(1.0, ge=0.25, le=4.0)
    stream: bool = True
    instructions: str | None = None
    stream_format: Literal["audio", "sse"] | None = None
    lang_code: str | None = None


@router.post(
    "/v1/audio/speech",
    tags=["audio"],
    response_class=Response,
    responses={200: {"content": {"audio/mpeg": {}}, "description": "the audio, streamed (any format Kokoro offers)"}},
)
async def speech(body: SpeechRequest, request: Request, principal: Principal = Depends(audio_app)):
    """Text to speech (OpenAI/Kokoro shape), streamed chunk by chunk in any Kokoro format."""
    if body.stream_format == "sse":
        raise BadRequest("stream_format 'sse' is not supported; use 'audio'", param="stream_format")
    svc = get_speech(request)
    payload = body.model_dump(exclude_none=True, exclude={"instructions", "stream_format"})
    # A client that leaves (in line, or before/while audio flows) gives the GPU turn back at once.
    gone = watch_disconnect(request)
    opened = await until_ready(svc.open_speech(payload, client=client_key(request, principal)), gone)
    if opened is None:
        return Response(status_code=CLIENT_CLOSED)
    stream, meta, chunks = opened
    headers = {**stream.headers, **meta.headers()} if meta.gpu_calls else dict(stream.headers)
    if not any(k.lower() == "content-disposition" for k in headers):
        headers["Content-Disposition"] = f"attachment; filename=speech.{body.response_format}"
    return HeldStreamingResponse(chunks, gone=gone, media_type=stream.media_type, headers=headers)


@router.get("/api/audio/voices", tags=["audio"], response_model=Voices)
async def voices(request: Request, legacy: bool = False, principal: Principal = Depends(audio_app)):
    """Kokoro's voices as ``{"voices": [{"id","name"}]}`` (``?legacy=true``: ``{"voices": ["id"]}``)."""
    vs = await get_speech(request).voices()
    return {"voices": [v["id"] for v in vs] if legacy else vs}


@router.get("/api/audio/queue", tags=["audio"], response_model=QueueStats)
async def queue_stats(request: Request, principal: Principal = Depends(audio_app)) -> QueueStats:
    """The audio queue now: running, waiting, clients, served, rejected, expired, retries."""
    return get_speech(request).queue.stats()
