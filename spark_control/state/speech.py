"""Speech page state: upload a recording -> diarized transcript (or dual-channel), and TTS playback.
Everything goes through ``controller.speech`` (the same queue as the API); nothing is stored."""

from __future__ import annotations

import base64
import dataclasses
import logging
from collections.abc import Awaitable, Callable

import reflex as rx

from spark_control.errors import SparkControlError

log = logging.getLogger(__name__)

UI_CLIENT = "operator-ui"
MODES = ["diarize", "transcribe", "dual"]
TTS_MEDIA = {"mp3": "audio/mpeg", "wav": "audio/wav", "opus": "audio/ogg", "flac": "audio/flac", "aac": "audio/aac"}


@dataclasses.dataclass
class UtteranceView:
    speaker: str = ""
    start: str = ""
    end: str = ""
    text: str = ""
    color: str = "gray"


COLORS = ["blue", "green", "orange", "purple", "crimson", "cyan", "amber", "pink"]


def clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600:d}:{s % 3600 // 60:02d}:{s % 60:02d}.{int((seconds - s) * 10)}"


def utterance_views(utterances: list[dict]) -> list[UtteranceView]:
    order: dict[str, int] = {}
    out = []
    for u in utterances:
        spk = u.get("speaker") or "unknown"
        order.setdefault(spk, len(order))
        out.append(
            UtteranceView(spk, clock(u["start"]), clock(u["end"]), u.get("text", ""), COLORS[order[spk] % len(COLORS)])
        )
    return out


RECORD_START_JS = """(async () => {
  const stream = await navigator.mediaDevices.getUserMedia({audio: true});
  const recorder = new MediaRecorder(stream);
  window.__scRecording = {recorder, stream, chunks: []};
  recorder.ondataavailable = (e) => window.__scRecording.chunks.push(e.data);
  recorder.start();
  return "recording";
})().catch((e) => String(e && e.message ? e.message : e))"""
RECORD_STOP_JS = """new Promise((resolve) => {
  const rec = window.__scRecording;
  if (!rec) { resolve(""); return; }
  rec.recorder.onstop = () => {
    const blob = new Blob(rec.chunks, {type: rec.recorder.mimeType || "audio/webm"});
    rec.stream.getTracks().forEach((t) => t.stop());
    window.__scRecording = null;
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.readAsDataURL(blob);
  };
  rec.recorder.stop();
})"""
MAX_RECORDING_B64 = 16_000_000  # ~12 MB of compressed audio over the websocket; longer: upload a file


class SpeechState(rx.State):
    mode: str = "diarize"
    busy: bool = False
    recording: bool = False
    error: str = ""
    filename: str = ""
    duration: str = ""
    speakers: int = 0
    queue_wait_ms: int = 0
    utterances: list[UtteranceView] = []
    plain_text: str = ""

    tts_text: str = "Hello from Spark Control. This voice is served by Kokoro on Spark 2."
    tts_voice: str = "af_heart"
    tts_format: str = "mp3"
    tts_voices: list[str] = ["af_heart"]
    tts_audio: str = ""  # data: URL of the last synthesis
    tts_busy: bool = False
    tts_error: str = ""

    @rx.event
    def set_mode(self, value: str):
        self.mode = value if value in MODES else "diarize"

    @rx.event
    def set_tts_text(self, value: str):
        self.tts_text = value

    @rx.event
    def set_tts_voice(self, value: str):
        self.tts_voice = value

    @rx.event
    def set_tts_format(self, value: str):
        self.tts_format = value if value in TTS_MEDIA else "mp3"

    @rx.event
    async def load_voices(self):
        from spark_control.controller import current_controller

        c = current_controller()
        if c is None or getattr(c, "speech", None) is None:
            return
        try:
            self.tts_voices = [v["id"] for v in await c.speech.voices()] or ["af_heart"]
        except SparkControlError as e:
            self.tts_error = e.message

    async def _run_transcription(self, read: Callable[[], Awaitable[bytes]], filename: str):
        """Shared by upload and recording: show "busy" at once (the first yield), then transcribe."""
        from spark_control.controller import current_controller

        c = current_controller()
        if c is None or getattr(c, "speech", None) is None:
            self.error = "the speech service is not running"
            return
        self.busy, self.error, self.utterances, self.plain_text = True, "", [], ""
        yield
        try:
            await self._transcribe(c, await read(), filename)
        finally:
            self.busy = False

    @rx.event
    async def handle_upload(self, files: list[rx.UploadFile]):
        if not files:
            self.error = "choose an audio file first"
            return
        f = files[0]
        async for update in self._run_transcription(f.read, f.filename or "upload"):
            yield update

    async def _transcribe(self, c, data: bytes, filename: str) -> None:
        """One recording through the speech service (the same GPU queue as the apps' requests)."""
        try:
            self.filename = filename
            if self.mode == "dual":
                res = await c.speech.transcribe_dual(data, client=UI_CLIENT)
            elif self.mode == "diarize":
                res = await c.speech.transcribe_diarized(data, client=UI_CLIENT)
            else:
                res = await c.speech.transcribe(data, client=UI_CLIENT)
            body = res.body
            self.duration = clock(body.get("duration", 0.0))
            self.queue_wait_ms = int(res.meta.wait_ms)
            utts = body.get("utterances")
            if utts is None:
                utts = [
                    {"speaker": "", "start": s["start"], "end": s["end"], "text": s["text"]} for s in body["segments"]
                ]
            self.utterances = utterance_views(utts)
            self.speakers = len({u.speaker for u in self.utterances if u.speaker})
            self.plain_text = body.get("text", "")
        except SparkControlError as e:
            self.error = e.message

    # ---- recording from the browser's microphone (MediaRecorder; needs https or localhost) ------
    @rx.event
    def start_recording(self):
        self.error = ""
        return rx.call_script(RECORD_START_JS, callback=SpeechState.recording_started)

    @rx.event
    def recording_started(self, result: str):
        if result == "recording":
            self.recording = True
        else:
            self.error = f"the microphone could not be opened: {result}"

    @rx.event
    def stop_recording(self):
        self.recording = False
        return rx.call_script(RECORD_STOP_JS, callback=SpeechState.handle_recording)

    @rx.event
    async def handle_recording(self, data_url: str):
        header, _, b64 = (data_url or "").partition(",")
        if not header.startswith("data:") or not b64:
            self.error = "nothing was recorded"
            return
        if len(b64) > MAX_RECORDING_B64:
            self.error = f"the recording is too long (over {MAX_RECORDING_B64 * 3 // 4 // 1_000_000} MB); upload a file"
            return

        async def decoded() -> bytes:
            return base64.b64decode(b64)

        async for update in self._run_transcription(decoded, "microphone recording"):
            yield update

    @rx.event
    async def speak(self):
        from spark_control.controller import current_controller

        c = current_controller()
        if c is None or getattr(c, "speech", None) is None:
            self.tts_error = "the speech service is not running"
            return
        if not self.tts_text.strip():
            self.tts_error = "type something to say"
            return
        self.tts_busy, self.tts_error = True, ""
        yield
        try:
            payload = {"model": "kokoro", "input": self.tts_text[:5000], "voice": self.tts_voice,
                       "response_format": self.tts_format, "stream": True}  # fmt: skip
            _, _, chunks = await c.speech.open_speech(payload, client=UI_CLIENT)
            audio = b"".join([chunk async for chunk in chunks])
            self.tts_audio = f"data:{TTS_MEDIA[self.tts_format]};base64," + base64.b64encode(audio).decode()
        except SparkControlError as e:
            self.tts_error = e.message
        finally:
            self.tts_busy = False
