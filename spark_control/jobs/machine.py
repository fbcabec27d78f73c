"""Explicit state machines, in the spirit of llama-swap's ``isValidTransition``: a declared
table says which moves are legal and every move is a compare-and-swap.

- ``StateMachine``: one object's state and its table (an audio job, a host connection).
  ``move(to, expect=...)`` refuses a move the table does not list and a move from another state
  than the caller saw; nothing changes when a move is refused.
- ``Job``: a mutation job (swap, patch). It moves through named steps; a transitions table per
  job kind says which moves are legal and ``JobStore.advance`` makes every move a
  compare-and-swap. Each phase keeps its start time, duration, state and the log lines that
  explain it.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

TERMINAL = ("done", "rolled_back", "failed")


class InvalidTransition(RuntimeError):
    """A move the table does not allow, or from another state than the caller expected."""


def transition_table(moves: Mapping[str, Iterable[str]]) -> dict[str, frozenset[str]]:
    """A declared table: every state is a key (an end state maps to nothing) and every move
    goes to a declared state. A table that breaks this is a bug, refused at import."""
    table = {state: frozenset(to) for state, to in moves.items()}
    unknown = sorted({t for to in table.values() for t in to} - set(table))
    if unknown:
        raise ValueError(f"transitions to undeclared states: {unknown}")
    return table


class StateMachine:
    """A state and the table of its legal moves. ``name`` says whose state it is in errors."""

    def __init__(self, table: Mapping[str, frozenset[str]], state: str, *, name: str = "state") -> None:
        if state not in table:
            raise ValueError(f"{name}: {state!r} is not a state of its table")
        self.table = table
        self.name = name
        self._state = state

    @property
    def state(self) -> str:
        return self._state

    def can(self, to: str) -> bool:
        return to in self.table[self._state]

    def move(self, to: str, *, expect: str | None = None) -> str:
        """Move to ``to`` and return the state it left. Raises ``InvalidTransition`` (and
        changes nothing) when the state is not ``expect`` or the table has no such move."""
        frm = self._state
        if expect is not None and frm != expect:
            raise InvalidTransition(f"{self.name}: expected {expect!r}, is {frm!r}")
        if to not in self.table[frm]:
            raise InvalidTransition(f"{self.name}: {frm} -> {to} is not allowed")
        self._state = to
        return frm

    def move_if(self, expect: str, to: str) -> bool:
        """``move(to, expect=expect)`` when the state is ``expect``; False (nothing changes) when not."""
        if self._state != expect:
            return False
        self.move(to, expect=expect)
        return True


def is_valid_transition(transitions: Mapping[str, frozenset[str]], frm: str, to: str) -> bool:
    if to == "reconcile":
        return frm not in TERMINAL and frm != "reconcile"
    return to in transitions.get(frm, frozenset())


@dataclass
class Phase:
    name: str
    state: str = "pending"  # pending | running | done | failed | skipped
    started_at: float | None = None
    finished_at: float | None = None
    duration_s: float | None = None

    def to_dict(self) -> dict[str, Any]:
        dur = self.duration_s
        if dur is None and self.started_at is not None and self.state == "running":
            dur = round(time.time() - self.started_at, 3)
        return {
            "name": self.name,
            "state": self.state,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "duration_s": dur,
        }


def new_job_id(kind: str) -> str:
    return f"{kind}-{time.strftime('%Y%m%d-%H%M%S', time.gmtime())}-{secrets.token_hex(3)}"


@dataclass
class Job:
    id: str
    kind: str
    step: str
    transitions: Mapping[str, frozenset[str]]
    model: str = ""
    previous_model: str | None = None
    error: str | None = None
    note: str | None = None
    nodes: list[str] = field(default_factory=list)
    actor: str = ""
    source: str = ""
    expected_s: float | None = None
    created_at: float = field(default_factory=time.time)
    finished_at: float | None = None
    phases: list[Phase] = field(default_factory=list)
    log: list[tuple[float, str, str]] = field(default_factory=list)  # (ts, phase, line)
    progress: dict[str, Any] = field(default_factory=dict)  # live only: load stage, fraction, eta

    @property
    def state(self) -> str:
        return self.step if self.step in TERMINAL else "running"

    @property
    def done(self) -> bool:
        return self.step in TERMINAL

    def phase(self, name: str) -> Phase | None:
        for p in reversed(self.phases):
            if p.name == name:
                return p
        return None

    def to_dict(self, *, log_tail: int | None = 200) -> dict[str, Any]:
        lines = self.log if log_tail is None else self.log[-log_tail:]
        return {
            "job_id": self.id,
            "kind": self.kind,
            "state": self.state,
            "step": self.step,
            "model": self.model,
            "previous_model": self.previous_model,
            "error": self.error,
            "note": self.note,
            "nodes": self.nodes,
            "actor": self.actor,
            "source": self.source,
            "created_at": self.created_at,
            "finished_at": self.finished_at,
            "expected_s": self.expected_s,
            "duration_s": round((self.finished_at or time.time()) - self.created_at, 3),
            "phases": [p.to_dict() for p in self.phases],
            "progress": dict(self.progress),
            "log": [{"ts": ts, "phase": ph, "line": line} for ts, ph, line in lines],
        }
