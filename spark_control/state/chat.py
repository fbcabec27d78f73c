"""Chat page state: talk to the serving model through the gateway core (same path, limits and
swap hold as the API), streamed into the page; measured TTFT and tokens/s shown. Swap events
are pushed into every browser's state by ``CHAT_FEED`` (``state/push.py``): the page pauses
while a swap runs."""

from __future__ import annotations

import asyncio
import json
import time

import reflex as rx

from spark_control.errors import SparkControlError
from spark_control.llm.stream import StreamFailed, iter_sse_deltas
from spark_control.state.push import Feed

PUSH_EVERY_S = 0.05  # batch deltas: one websocket update per 50 ms, not one per token


def _gateway():
    from spark_control.controller import current_controller

    controller = current_controller()
    return getattr(controller, "llm", None) if controller is not None else None


class ChatState(rx.State):
    messages: list[dict[str, str]] = []  # {"role": "user"|"assistant", "content": ...}
    draft: str = ""
    streaming: bool = False
    model: str = ""
    swap_running: bool = False
    swap_note: str = ""
    ttft_ms: str = ""
    tokens_per_s: str = ""
    tokens: int = 0
    error: str = ""
    _stop: bool = False

    @rx.event
    def set_draft(self, value: str):
        self.draft = value

    @rx.event
    def clear(self):
        if not self.streaming:
            self.messages = []
            self.error = ""

    @rx.event
    def stop(self):
        self._stop = True

    def _read_status(self) -> None:
        gw = _gateway()
        if gw is None:
            self.model, self.swap_running, self.swap_note = "", False, "The gateway is not running."
            return
        serving = gw.target.current()
        swap = gw.target.swap_status()
        self.model = serving.model if serving else ""
        self.swap_running = swap.in_progress
        if swap.in_progress:
            eta = f" (about {swap.eta_s:.0f} s left)" if swap.eta_s is not None else ""
            self.swap_note = (
                f"A model swap is running: {swap.outgoing or 'nothing'} -> {swap.incoming}{eta}. "
                "Chat is paused until the new model answers."
            )
        elif serving is None:
            self.swap_note = "No model is being served right now."
        else:
            self.swap_note = ""

    @rx.event
    def refresh(self):
        self._read_status()

    @rx.event(background=True)
    async def send(self):
        async with self:
            text = self.draft.strip()
            if self.streaming or not text:
                return
            self._read_status()
            if self.swap_running or not self.model:
                self.error = self.swap_note
                return
            self.messages = [*self.messages, {"role": "user", "content": text}, {"role": "assistant", "content": ""}]
            self.draft, self.error, self.streaming, self._stop = "", "", True, False
            history = [dict(m) for m in self.messages[:-1]]
        gw = _gateway()
        body = json.dumps(
            {"messages": history, "stream": True, "stream_options": {"include_usage": True}, "max_tokens": 2048}
        ).encode()
        resp = None
        try:
            resp = await gw.open("chat/completions", body)
            pending, last = "", time.monotonic()
            async for delta in iter_sse_deltas(resp):
                pending += delta
                if time.monotonic() - last >= PUSH_EVERY_S:
                    async with self:
                        self._append(pending)
                        if self._stop:
                            break
                    pending, last = "", time.monotonic()
            async with self:
                self._append(pending)
        except (SparkControlError, StreamFailed) as e:
            async with self:
                self.error = getattr(e, "message", None) or str(e)
        except asyncio.CancelledError:
            raise
        finally:
            if resp is not None:
                await resp.aclose()
            async with self:
                self.streaming = False
                if resp is not None:
                    self.model = resp.model
                    if resp.ttft is not None:
                        self.ttft_ms = f"{resp.ttft * 1000:.0f} ms"
                    end = resp.finished_at or time.monotonic()
                    if resp.first_token_at is not None and resp.tokens and end > resp.first_token_at:
                        self.tokens = resp.tokens
                        self.tokens_per_s = f"{resp.tokens / (end - resp.first_token_at):.1f} tok/s"
                if self.messages and self.messages[-1]["role"] == "assistant" and not self.messages[-1]["content"]:
                    self.messages = self.messages[:-1]

    def _append(self, text: str) -> None:
        if not text:
            return
        msgs = list(self.messages)
        last = msgs[-1]
        msgs[-1] = {"role": last["role"], "content": last["content"] + text}
        self.messages = msgs


CHAT_FEED = Feed(
    name="chat",
    state_cls=ChatState,
    topics=("swap",),
    view=lambda controller, _events: controller,  # every swap event, and every 15 s anyway
    apply=lambda state, _controller: state._read_status(),
    refresh_s=15.0,
)
