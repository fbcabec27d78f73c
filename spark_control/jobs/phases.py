"""A job kind's run order, written once: a table of ``(phase, step, on_fail)`` rows.

From the table come the phases a job shows (``names``), its legal moves (``transitions``: each
phase goes to the next one (the last to ``done``), to its ``on_fail`` step, or to ``failed``) and
the driver (``run``) that runs the steps in order, advancing the job between them with a
compare-and-swap. What a failure means is the kind's business: ``run`` hands back the row that
failed and the error, and the kind fails the job or rolls it back as ``on_fail`` says.

A rollback is a table too (its rows' ``on_fail`` is ``failed``: nothing is left to undo), run by
the same driver while the job stays at its rollback step; the kind then moves the job to
``rolled_back`` or ``failed``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, NamedTuple, TypeVar

from spark_control.jobs.machine import TERMINAL, InvalidTransition, Job

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

    def moves(self, *, end: str) -> dict[str, frozenset[str]]:
        """The rows' own moves: each row goes to the next one (the last to ``end``), to its
        ``on_fail`` step or to ``failed``. A rollback table's order is ``moves(end="rolled_back")``."""
        names = self.names
        out: dict[str, frozenset[str]] = {}
        for i, row in enumerate(self.rows):
            nxt = names[i + 1] if i + 1 < len(names) else end
            out[row.phase] = frozenset({nxt, row.on_fail, "failed"})
        return out

    def transitions(self, *, rollback: str, reconcile: Iterable[str]) -> dict[str, frozenset[str]]:
        """A job kind's legal moves: the rows' (the last to ``done``), its rollback step's, the
        restart's ``reconcile`` step's, and none out of an end."""
        out = self.moves(end="done")
        out[rollback] = frozenset({"rolled_back", "failed"})
        out["reconcile"] = frozenset(reconcile)
        for t in TERMINAL:
            out[t] = frozenset()
        return out

    async def run(
        self,
        job: Job,
        ctx: C,
        advance: Callable[..., None] | None = None,
        *,
        start_at: str | None = None,
    ) -> PhaseFailure | None:
        """Run the rows from ``start_at`` to the last. Returns the row that raised and its error
        (the job stays where that row left it), or None. Cancellation is not a failure: it
        propagates.

        With ``advance`` the rows are the job's steps: the run starts at ``start_at`` (default:
        the job's step) and moves the job to the next row between rows (``advance(job, to,
        expect=frm)``, a compare-and-swap); the caller moves it to ``done``. Without (a
        rollback), the rows are parts of the job's current step: the run starts at the first
        row (or ``start_at``) and the job must stay at that step; a row that finds it moved
        fails with ``InvalidTransition``."""
        names = self.names
        within = None if advance is not None else job.step
        i = names.index(start_at or (job.step if within is None else names[0]))
        for k in range(i, len(self.rows)):
            row = self.rows[k]
            try:
                await row.step(ctx)
                if within is not None and job.step != within:
                    raise InvalidTransition(f"job {job.id}: {row.phase} of {within} found the job at {job.step}")
                if advance is not None and k + 1 < len(self.rows):
                    advance(job, names[k + 1], expect=row.phase)
            except Exception as e:  # noqa: BLE001 - the kind decides what each error means
                return PhaseFailure(row, e)
        return None
