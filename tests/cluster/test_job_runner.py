"""The shared job machinery: a phases table gives a kind its phases, steps and transitions and
drives the run order; the runner locks, stores, audits, spawns and resumes jobs for every kind."""

import asyncio
import itertools

import pytest

from spark_control.audit import AuditLog
from spark_control.cluster.patches import PATCH_PHASES, PATCH_RESTORE, PATCH_TRANSITIONS
from spark_control.cluster.swap import SWAP_ROLLBACK
from spark_control.errors import Conflict
from spark_control.events import EventHub
from spark_control.jobs import TERMINAL, InvalidTransition, Job, JobStore, MutationLocks, is_valid_transition
from spark_control.jobs.phases import PhaseTable
from spark_control.jobs.runner import JobRunner
from spark_control.store import Database

PATCH_STEPS = (*PATCH_PHASES, "done", "restore", "rolled_back", "failed", "reconcile")
PATCH_VALID = {
    ("preflight", "backup"),
    ("preflight", "failed"),
    ("backup", "upload"),
    ("backup", "failed"),
    ("upload", "install"),
    ("upload", "failed"),
    ("install", "memory_cap"),
    ("install", "restore"),
    ("install", "failed"),
    ("memory_cap", "restart"),
    ("memory_cap", "restore"),
    ("memory_cap", "failed"),
    ("restart", "wait_health"),
    ("restart", "restore"),
    ("restart", "failed"),
    ("wait_health", "verify"),
    ("wait_health", "restore"),
    ("wait_health", "failed"),
    ("verify", "done"),
    ("verify", "restore"),
    ("verify", "failed"),
    ("restore", "rolled_back"),
    ("restore", "failed"),
    ("reconcile", "done"),
    ("reconcile", "restore"),
    ("reconcile", "failed"),
}
PATCH_VALID |= {(s, "reconcile") for s in PATCH_STEPS if s not in TERMINAL and s != "reconcile"}


def test_patch_phases_in_order():
    assert PATCH_PHASES == (
        "preflight",
        "backup",
        "upload",
        "install",
        "memory_cap",
        "restart",
        "wait_health",
        "verify",
    )


@pytest.mark.parametrize("frm,to", list(itertools.product(PATCH_STEPS, PATCH_STEPS)))
def test_every_patch_transition(frm, to):
    assert is_valid_transition(PATCH_TRANSITIONS, frm, to) == ((frm, to) in PATCH_VALID)


class Boom(Exception):
    pass


def table(calls: list[str], fail_at: str | None = None) -> PhaseTable:
    def step(name):
        async def run(ctx):
            calls.append(f"{ctx}:{name}")
            if name == fail_at:
                raise Boom(name)

        return run

    return PhaseTable([("a", step("a"), "failed"), ("b", step("b"), "undo"), ("c", step("c"), "undo")])


def test_transitions_come_from_the_table():
    t = table([]).transitions(rollback="undo", reconcile=("c", "undo", "done", "failed"))
    assert t["a"] == {"b", "failed"}  # nothing to undo yet
    assert t["b"] == {"c", "undo", "failed"}
    assert t["c"] == {"done", "undo", "failed"}
    assert t["undo"] == {"rolled_back", "failed"}
    assert t["reconcile"] == {"c", "undo", "done", "failed"}
    assert all(t[x] == frozenset() for x in TERMINAL)
    assert table([]).steps(rollback="undo") == ("a", "b", "c", "done", "undo", "rolled_back", "failed", "reconcile")


def mkstore(tmp_path, topic="t"):
    return JobStore(Database(tmp_path / "j.db"), EventHub(), topic)


def new_job(store, tbl, job_id):
    tr = tbl.transitions(rollback="undo", reconcile=("c", "undo", "done", "failed"))
    job = Job(id=job_id, kind="t", step="a", transitions=tr)
    store.create(job, tbl.names)
    return job


async def test_run_drives_the_rows_in_order_and_stops_at_a_failure(tmp_path):
    store = mkstore(tmp_path)
    tbl = table(calls := [])
    job = new_job(store, tbl, "t-1")
    assert await tbl.run(job, "x", store.advance) is None
    assert calls == ["x:a", "x:b", "x:c"] and job.step == "c"  # the caller moves it to done

    tbl = table(calls := [], fail_at="b")
    job = new_job(store, tbl, "t-2")
    failure = await tbl.run(job, "x", store.advance)
    assert failure.row.phase == "b" and failure.row.on_fail == "undo" and isinstance(failure.error, Boom)
    assert calls == ["x:a", "x:b"] and job.step == "b"  # stays at the failed phase


async def test_run_resumes_at_a_phase(tmp_path):
    store = mkstore(tmp_path)
    tbl = table(calls := [])
    job = new_job(store, tbl, "t-3")
    store.advance(job, "reconcile")
    store.advance(job, "c")
    assert await tbl.run(job, "x", store.advance) is None
    assert calls == ["x:c"]


# --- rollbacks: a table of their own, run inside the job's rollback step -------------------------

ROLLBACKS = {
    "swap": (SWAP_ROLLBACK, ("stop", "wait_memory", "launch", "load", "verify")),
    "patch": (PATCH_RESTORE, ("restore_files", "restart", "wait_health")),
}


@pytest.mark.parametrize("kind", ROLLBACKS)
def test_rollback_tables_in_order_and_nothing_left_to_undo(kind):
    tbl, names = ROLLBACKS[kind]
    assert tbl.names == names
    assert all(row.on_fail == "failed" for row in tbl.rows)


def rollback_cases():
    for kind, (tbl, names) in ROLLBACKS.items():
        steps = (*names, "rolled_back", "failed")
        allowed = {(a, b) for a, b in itertools.pairwise(steps[:-1])} | {(n, "failed") for n in names}
        for frm, to in itertools.product(steps, steps):
            yield pytest.param(tbl, frm, to, (frm, to) in allowed, id=f"{kind}-{frm}-{to}")


@pytest.mark.parametrize("tbl,frm,to,allowed", rollback_cases())
def test_every_rollback_transition(tbl, frm, to, allowed):
    moves = tbl.moves(end="rolled_back")
    assert (to in moves.get(frm, frozenset())) == allowed


def undo_table(calls: list[str], fail_at: str | None = None, during: dict | None = None) -> PhaseTable:
    def step(name):
        async def run(ctx):
            calls.append(f"{ctx}:{name}")
            if during and name in during:
                during[name]()
            if name == fail_at:
                raise Boom(name)

        return run

    return PhaseTable([("u1", step("u1"), "failed"), ("u2", step("u2"), "failed"), ("u3", step("u3"), "failed")])


async def test_a_rollback_table_runs_inside_the_rollback_step(tmp_path):
    store = mkstore(tmp_path)
    job = new_job(store, table([]), "t-u1")
    store.advance(job, "b")
    store.advance(job, "undo", failed=True)
    assert await undo_table(calls := []).run(job, "x") is None
    assert calls == ["x:u1", "x:u2", "x:u3"]
    assert job.step == "undo" and [p.name for p in job.phases if p.state == "running"] == ["undo"]

    job = new_job(store, table([]), "t-u2")
    store.advance(job, "b")
    store.advance(job, "undo", failed=True)
    failure = await undo_table(calls := [], fail_at="u2").run(job, "x")
    assert failure.row.phase == "u2" and failure.row.on_fail == "failed" and isinstance(failure.error, Boom)
    assert calls == ["x:u1", "x:u2"] and job.step == "undo"  # u3 never ran; the kind ends the job


async def test_a_rollback_that_finds_its_job_moved_stops(tmp_path):
    store = mkstore(tmp_path)
    job = new_job(store, table([]), "t-u3")
    store.advance(job, "b")
    store.advance(job, "undo", failed=True)

    def someone_else_ends_the_job():
        store.advance(job, "failed", failed=True)

    failure = await undo_table(calls := [], during={"u1": someone_else_ends_the_job}).run(job, "x")
    assert isinstance(failure.error, InvalidTransition) and failure.row.phase == "u1"
    assert calls == ["x:u1"]  # u2 and u3 did not run on a job that is no longer rolling back


async def test_runner_refuses_a_busy_node_audits_it_and_changes_nothing(tmp_path):
    db = Database(tmp_path / "j.db")
    store, audit, locks = JobStore(db, EventHub(), "t"), AuditLog(db), MutationLocks()
    tbl = table([])
    tr = tbl.transitions(rollback="undo", reconcile=("done", "failed"))
    runner = JobRunner(kind="t", transitions=tr, phases=tbl.names, store=store, locks=locks, audit=audit)
    gate = asyncio.Event()

    async def run(job):
        await gate.wait()
        store.advance(job, "failed", failed=True)

    first = Job(id="t-a", kind="t", step="a", transitions=tr, nodes=["n1"], actor="me")
    assert runner.submit(first, run, action="t.request", target="x", accepted={"why": 1}) == {"job_id": "t-a"}
    second = Job(id="t-b", kind="t", step="a", transitions=tr, nodes=["n1"], actor="me")
    with pytest.raises(Conflict):
        runner.submit(second, run, action="t.request", target="x", conflict=lambda e: {"running": e.extra["job_id"]})
    assert [j.id for j in runner.history(10)] == ["t-a"]  # the refused job was not stored
    rows = audit.recent(action_prefix="t.")
    assert [(r.result, r.detail) for r in rows] == [
        ("conflict", {"running": "t-a"}),
        ("accepted", {"job_id": "t-a", "why": 1}),
    ]
    gate.set()
    done = await runner.wait("t-a", timeout=5)
    assert done.state == "failed" and locks.held() == {} and runner.jobs == {}


async def test_runner_resumes_running_jobs_after_a_restart(tmp_path):
    db = Database(tmp_path / "j.db")
    tbl = table([])
    tr = tbl.transitions(rollback="undo", reconcile=("done", "failed"))
    store = JobStore(db, EventHub(), "t")
    store.create(Job(id="t-r", kind="t", step="a", transitions=tr, nodes=["n1"]), tbl.names)
    store.create(Job(id="other", kind="u", step="a", transitions=tr, nodes=["n2"]), tbl.names)  # another kind

    locks = MutationLocks()
    runner = JobRunner(
        kind="t", transitions=tr, phases=tbl.names, store=JobStore(db, EventHub(), "t"), locks=locks, audit=AuditLog(db)
    )
    seen = []

    async def reconcile(job):
        seen.append((job.id, locks.holder("n1")))
        runner.store.advance(job, "reconcile")
        runner.store.advance(job, "done")

    runner.resume(reconcile)
    job = await runner.wait("t-r", timeout=5)
    assert seen == [("t-r", "t-r")] and job.state == "done" and locks.held() == {}


def test_record_finish_writes_one_audit_row_with_the_end_state(tmp_path):
    db = Database(tmp_path / "j.db")
    tbl = table([])
    tr = tbl.transitions(rollback="undo", reconcile=("done", "failed"))
    store, audit = JobStore(db, EventHub(), "t"), AuditLog(db)
    runner = JobRunner(kind="t", transitions=tr, phases=tbl.names, store=store, locks=MutationLocks(), audit=audit)
    job = Job(id="t-f", kind="t", step="a", transitions=tr, source="10.0.0.9")  # no actor: a restart finished it
    store.create(job, tbl.names)
    job.error = "b failed: boom"
    store.advance(job, "failed", failed=True)
    runner.record_finish(job, action="t.finish", target="x", version="v1")
    (row,) = audit.recent(action_prefix="t.finish")
    assert (row.actor, row.source, row.target, row.result) == ("controller", "10.0.0.9", "x", "failed")
    assert row.detail == {"job_id": "t-f", "version": "v1", "error": "b failed: boom"}


async def test_stop_ends_a_job_task_that_swallowed_its_cancellation(tmp_path):
    """anyio's connect_tcp (under httpx) can uncancel the task when a refused connect and a
    cancellation meet: the job went on after its controller stopped, reached verify and rolled
    back while the next controller reconciled it. ``cancel_all`` cancels until the task ends."""
    db = Database(tmp_path / "j.db")
    tbl = table([])
    tr = tbl.transitions(rollback="undo", reconcile=("done", "failed"))
    store = JobStore(db, EventHub(), "t")
    runner = JobRunner(
        kind="t", transitions=tr, phases=tbl.names, store=store, locks=MutationLocks(), audit=AuditLog(db)
    )
    polling, went_on, next_poll = asyncio.Event(), asyncio.Event(), asyncio.Event()

    async def run(job):
        try:
            polling.set()
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            asyncio.current_task().uncancel()  # what the library does: the cancel is gone
        went_on.set()
        await next_poll.wait()  # the job's next poll; after it the job would move on
        store.advance(job, "b", expect="a")

    runner.submit(Job(id="t-s", kind="t", step="a", transitions=tr, nodes=["n1"]), run, action="t.request", target="x")
    await polling.wait()
    stopping = asyncio.create_task(runner.cancel_all())
    stopped, _ = await asyncio.wait({stopping}, timeout=10)  # a guard against a hang, not a timing claim
    next_poll.set()  # lets a runner that cancels only once end this test
    await stopping
    assert went_on.is_set()  # the first cancel was swallowed ...
    assert stopped == {stopping}, "cancel_all waited for a job task that no longer knew it was cancelled"
    assert runner.tasks == {}
    assert store.load("t-s", tr).step == "a"  # ... and still the job never moved: it stays for reconciliation
