"""A job kind's run order, written once: a table of ``(phase, step, on_fail)`` rows.

From the table come the phases a job shows (``names``), its legal moves (``transitions``: each
phase goes to the next one (the last to ``done``), to its ``on_fail`` step, or to ``failed``) and
the driver (``run``) that runs the steps in order, advancing the job between them with a
compare-and-swap. What a failure means is the kind's business: ``run`` hands back the row that
failed and the error, and the kind fails the job or rolls it back as ``on_fail`` says.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, NamedTuple, TypeVar

from spark_control.jobs.machine import TERMINAL, Job

C = TypeVar("C")


class PhaseRow(NamedTuple):
    phase: str
    step: Callable[[Any], Awaitable[None]]  # called with the kind's run context
    on_fail: str  # "failed" (nothing changed yet) or the kind's rollback step


@dataclass(frozen=True)
class PhaseFailure:
    row: PhaseRow
    error: Exception


class PhaseTable(Generic[C]):
    def __init__(self, rows: Iterable[tuple[str, Callable[[C], Awaitable[None]], str]]) -> None:
        self.rows: tuple[PhaseRow, ...] = tuple(PhaseRow(*r) for r in rows)
        if not self.rows:
            raise ValueError("a phase table needs at least one row")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(r.phase for r in self.rows)

    def steps(self, *, rollback: str) -> tuple[str, ...]:
        """Every step a job of this kind can be at: the phases, then the ends and the rollback
        step. "reconcile" is entered only after a controller restart found the job running."""
        return (*self.names, "done", rollback, "rolled_back", "failed", "reconcile")

    def transitions(self, *, rollback: str, reconcile: Iterable[str]) -> dict[str, frozenset[str]]:
        names = self.names
        out: dict[str, frozenset[str]] = {}
        for i, row in enumerate(self.rows):
            nxt = names[i + 1] if i + 1 < len(names) else "done"
            out[row.phase] = frozenset({nxt, row.on_fail, "failed"})
        out[rollback] = frozenset({"rolled_back", "failed"})
        out["reconcile"] = frozenset(reconcile)
        for t in TERMINAL:
            out[t] = frozenset()
        return out

    async def run(
        self,
        job: Job,
        ctx: C,
        advance: Callable[..., None],
        *,
        start_at: str | None = None,
    ) -> PhaseFailure | None:
        """Run the rows from ``start_at`` (default: the job's step) to the last, advancing the
        job (``advance(job, to, expect=frm)``) between rows; the caller moves it to ``done``.
        Returns the row that raised and its error (the job stays at that row's phase), or None.
        Cancellation is not a failure: it propagates."""
        names = self.names
        i = names.index(start_at or job.step)
        for k in range(i, len(self.rows)):
            row = self.rows[k]
            try:
                await row.step(ctx)
                if k + 1 < len(self.rows):
                    advance(job, names[k + 1], expect=row.phase)
            except Exception as e:  # noqa: BLE001 - the kind decides what each error means
                return PhaseFailure(row, e)
        return None
