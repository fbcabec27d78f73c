"""State of the Redaction page: scrub pasted text, show placeholders by type, try a rehydrate.
The page acts as the operator: its sessions are owned by the principal id ``ui``."""

from __future__ import annotations

import asyncio
import re

import reflex as rx

from spark_control.controller import current_controller, get_controller
from spark_control.errors import SparkControlError

UI_OWNER = "ui"
_PLACEHOLDER = re.compile(r"\[([A-Z_]+)_\d+\]")

# one colour (Radix colour name) per entity type
TYPE_COLORS = {
    "PERSON": "tomato", "EMAIL": "blue", "PHONE": "green", "ADDRESS": "amber", "POSTCODE": "orange",
    "SSN": "crimson", "NINO": "crimson", "CARD": "red", "IBAN": "purple", "ACCOUNT": "violet",
    "ROUTING": "violet", "SORT_CODE": "violet", "IP": "cyan", "URL": "sky", "USERNAME": "teal",
    "DOB": "pink", "COMPANY": "brown", "LITERAL": "gray",
}  # fmt: skip


def segments(scrubbed: str) -> list[dict[str, str]]:
    """Split scrubbed text into plain and placeholder pieces: [{"text", "type", "color"}]."""
    out: list[dict[str, str]] = []
    pos = 0
    for m in _PLACEHOLDER.finditer(scrubbed):
        if m.start() > pos:
            out.append({"text": scrubbed[pos : m.start()], "type": "", "color": ""})
        t = m.group(1)
        out.append({"text": m.group(0), "type": t, "color": TYPE_COLORS.get(t, "gray")})
        pos = m.end()
    if pos < len(scrubbed):
        out.append({"text": scrubbed[pos:], "type": "", "color": ""})
    return out


class RedactionState(rx.State):
    text: str = ""
    scrubbed: str = ""
    pieces: list[dict[str, str]] = []
    entity_counts: list[dict[str, str]] = []
    session_id: str = ""
    answer: str = ""
    rehydrated: str = ""
    unresolved: list[str] = []
    error: str = ""

    @rx.event(background=True)
    async def warm(self) -> None:
        """Opening the page loads the name gazetteer in a thread, so the first Scrub does not
        stall the event loop for it (it is not loaded at start: docs/OPERATIONS.md, "Idle memory")."""
        controller = current_controller()
        if controller is not None and controller.redaction is not None:
            await controller.redaction.warm()

    @rx.event
    def set_text(self, value: str) -> None:
        self.text = value

    @rx.event
    def set_answer(self, value: str) -> None:
        self.answer = value

    async def _scrub_once(self):
        # in a thread: the scrub itself runs in the worker process (seconds for a long text), and
        # this handler must not hold the event loop while it waits (docs/SECURITY.md)
        service, text, session = get_controller().redaction, self.text, self.session_id or None
        return await asyncio.to_thread(service.scrub, text, session, owner=UI_OWNER)

    @rx.event
    async def scrub(self) -> None:
        self.error = ""
        try:
            try:
                r = await self._scrub_once()
            except SparkControlError as e:
                if not (self.session_id and e.status == 404):
                    raise
                self.session_id = ""  # the session expired or was forgotten: start a new one
                r = await self._scrub_once()
        except SparkControlError as e:
            self.error = e.message
            return
        self.session_id = r.session_id
        self.scrubbed = r.text
        self.pieces = segments(r.text)
        counts: dict[str, int] = {}
        for e in r.entities:
            counts[e["type"]] = counts.get(e["type"], 0) + 1
        self.entity_counts = [
            {"type": t, "count": str(n), "color": TYPE_COLORS.get(t, "gray")} for t, n in sorted(counts.items())
        ]
        self.answer = r.text
        self.rehydrated = ""
        self.unresolved = []

    @rx.event
    def rehydrate(self) -> None:
        self.error = ""
        if not self.session_id:
            self.error = "Scrub some text first."
            return
        try:
            r = get_controller().redaction.rehydrate(self.answer, self.session_id, owner=UI_OWNER)
        except SparkControlError as e:
            self.error = e.message
            return
        self.rehydrated = r.text
        self.unresolved = r.unresolved

    @rx.event
    def forget(self) -> None:
        if self.session_id:
            try:
                get_controller().redaction.delete_session(self.session_id, owner=UI_OWNER)
            except SparkControlError:
                pass
        self.session_id = ""
        self.scrubbed = self.rehydrated = self.answer = ""
        self.pieces = []
        self.entity_counts = []
        self.unresolved = []
