"""One mutation per host at a time."""

from __future__ import annotations

from collections.abc import Iterable

from spark_control.errors import Conflict


class MutationLocks:
    """One mutation per host: ``acquire`` takes all of a job's nodes at once or none (409 with
    the running job's id). Synchronous on purpose: no await between check and set."""

    def __init__(self) -> None:
        self._held: dict[str, str] = {}

    def acquire(self, nodes: Iterable[str], job_id: str) -> None:
        nodes = list(dict.fromkeys(nodes))
        for n in nodes:
            holder = self._held.get(n)
            if holder is not None and holder != job_id:
                raise Conflict(f"another mutation is running on {n}: job {holder}", job_id=holder, node=n)
        for n in nodes:
            self._held[n] = job_id

    def release(self, job_id: str) -> None:
        for n in [n for n, j in self._held.items() if j == job_id]:
            del self._held[n]

    def holder(self, node: str) -> str | None:
        return self._held.get(node)

    def held(self) -> dict[str, str]:
        return dict(self._held)
