"""The swap job state machine: every transition (valid and invalid), phase bookkeeping,
persistence and the per-host mutation locks."""

import itertools

import pytest

from spark_control.cluster.swap import SWAP_PHASES, SWAP_STEPS, SWAP_TRANSITIONS
from spark_control.errors import Conflict
from spark_control.events import EventHub
from spark_control.jobs import (
    TERMINAL,
    InvalidTransition,
    Job,
    JobStore,
    MutationLocks,
    is_valid_transition,
)
from spark_control.store import Database

VALID = {
    ("preflight", "stop"),
    ("preflight", "failed"),
    ("stop", "wait_memory"),
    ("stop", "rollback"),
    ("stop", "failed"),
    ("wait_memory", "launch"),
    ("wait_memory", "rollback"),
    ("wait_memory", "failed"),
    ("launch", "load"),
    ("launch", "rollback"),
    ("launch", "failed"),
    ("load", "verify"),
    ("load", "rollback"),
    ("load", "failed"),
    ("verify", "done"),
    ("verify", "rollback"),
    ("verify", "failed"),
    ("rollback", "rolled_back"),
    ("rollback", "failed"),
    ("reconcile", "load"),
    ("reconcile", "rollback"),
    ("reconcile", "done"),
    ("reconcile", "failed"),
}
VALID |= {(s, "reconcile") for s in SWAP_STEPS if s not in TERMINAL and s != "reconcile"}


@pytest.mark.parametrize("frm,to", list(itertools.product(SWAP_STEPS, SWAP_STEPS)))
def test_every_transition(frm, to):
    assert is_valid_transition(SWAP_TRANSITIONS, frm, to) == ((frm, to) in VALID)


def test_terminal_states_are_final_and_preflight_cannot_roll_back():
    for t in TERMINAL:
        assert not SWAP_TRANSITIONS[t]
    assert "rollback" not in SWAP_TRANSITIONS["preflight"]  # nothing stopped yet: nothing to roll back


def mk(tmp_path):
    db = Database(tmp_path / "j.db")
    hub = EventHub()
    return JobStore(db, hub, "swap"), hub


async def test_happy_walk_persists_phases_and_events(tmp_path):
    store, hub = mk(tmp_path)
    job = Job(
        id="swap-1",
        kind="swap",
        step="preflight",
        transitions=SWAP_TRANSITIONS,
        model="b",
        previous_model="a",
        nodes=["spark1"],
    )
    async with hub.subscribe("swap") as sub:
        store.create(job, SWAP_PHASES)
        store.log(job, "hello")
        for frm, to in zip(SWAP_PHASES, SWAP_PHASES[1:] + ("done",), strict=True):
            store.advance(job, to, expect=frm)
        events = []
        while not sub.queue.empty():
            events.append(sub.queue.get_nowait())
    assert job.state == "done" and job.finished_at is not None
    assert [p.state for p in job.phases] == ["done"] * len(SWAP_PHASES)
    assert all(p.duration_s is not None and p.started_at for p in job.phases)
    loaded = store.load("swap-1", SWAP_TRANSITIONS)
    assert loaded.to_dict()["state"] == "done"
    assert [p.name for p in loaded.phases] == list(SWAP_PHASES)
    assert loaded.log[0][2] == "hello"
    topics = [e.topic for e in events]
    assert "swap.job" in topics and "swap.phase" in topics and "swap.log" in topics
    assert events[-1].data["state"] == "done"


def test_compare_and_swap_and_invalid(tmp_path):
    store, _ = mk(tmp_path)
    job = Job(id="swap-2", kind="swap", step="preflight", transitions=SWAP_TRANSITIONS, model="b")
    store.create(job, SWAP_PHASES)
    with pytest.raises(InvalidTransition):
        store.advance(job, "load")
    with pytest.raises(InvalidTransition):
        store.advance(job, "stop", expect="launch")
    store.advance(job, "stop", expect="preflight")
    store.advance(job, "rollback", failed=True)
    assert job.phase("stop").state == "failed"
    assert [p.state for p in job.phases if p.name in ("wait_memory", "launch", "load", "verify")] == ["skipped"] * 4
    assert job.phases[-1].name == "rollback" and job.phases[-1].state == "running"
    store.advance(job, "rolled_back")
    assert job.state == "rolled_back"
    with pytest.raises(InvalidTransition):
        store.advance(job, "done")
    assert store.load("swap-2", SWAP_TRANSITIONS).state == "rolled_back"


def test_running_jobs_survive_a_new_store(tmp_path):
    store, _ = mk(tmp_path)
    job = Job(id="swap-3", kind="swap", step="preflight", transitions=SWAP_TRANSITIONS, model="b")
    store.create(job, SWAP_PHASES)
    store.advance(job, "stop")
    store2 = JobStore(Database(tmp_path / "j.db"), EventHub(), "swap")
    (again,) = store2.running("swap", SWAP_TRANSITIONS)
    assert again.id == "swap-3" and again.step == "stop" and again.state == "running"
    store2.advance(again, "reconcile")
    assert again.phase("stop").state == "done" and again.phases[-1].name == "reconcile"


def test_mutation_locks():
    locks = MutationLocks()
    locks.acquire(["spark1"], "a")
    with pytest.raises(Conflict) as ei:
        locks.acquire(["spark2", "spark1"], "b")
    assert ei.value.extra["job_id"] == "a"
    assert locks.holder("spark2") is None  # all-or-nothing
    locks.acquire(["spark2"], "b")
    locks.release("a")
    locks.acquire(["spark1"], "c")
    assert locks.held() == {"spark1": "c", "spark2": "b"}


def test_a_declared_table_names_every_state_it_moves_to():
    from spark_control.jobs.machine import StateMachine, transition_table

    with pytest.raises(ValueError, match="undeclared states: \\['b'\\]"):
        transition_table({"a": {"b"}})
    table = transition_table({"a": {"b"}, "b": ()})
    with pytest.raises(ValueError, match="not a state"):
        StateMachine(table, "c")
    m = StateMachine(table, "a", name="thing 1")
    assert m.can("b") and not m.can("a")
    assert m.move("b") == "a"
    with pytest.raises(InvalidTransition, match="thing 1: b -> a is not allowed"):
        m.move("a")
    assert m.state == "b"
