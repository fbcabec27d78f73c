"""The audio queue on its own: one at a time, fair, bounded, deadlines, retries, cancellation."""

from __future__ import annotations

import asyncio
import itertools

import pytest

from spark_control.errors import Busy, UpstreamTimeout
from spark_control.events import EventHub
from spark_control.jobs.machine import InvalidTransition
from spark_control.speech.queue import AUDIO_JOB_TRANSITIONS, AudioQueue, Job, UpstreamBusy

AUDIO_STATES = ("queued", "running", "done", "failed", "expired", "cancelled")
AUDIO_ALLOWED = {
    ("queued", "running"),
    ("queued", "expired"),
    ("queued", "cancelled"),
    ("running", "done"),
    ("running", "failed"),
}
# how a job reaches each state from "queued" by legal moves
AUDIO_PATH = {
    "queued": (),
    "running": ("running",),
    "done": ("running", "done"),
    "failed": ("running", "failed"),
    "expired": ("expired",),
    "cancelled": ("cancelled",),
}


def job_at(state: str) -> Job:
    job = Job(id=1, client="a", label="audio", deadline=0.0, enqueued_at=0.0, position=1)
    assert job.state == "queued"
    for to in AUDIO_PATH[state]:
        job.move(to, expect=job.state)
    return job


def test_the_audio_job_table_declares_every_state():
    assert set(AUDIO_JOB_TRANSITIONS) == set(AUDIO_STATES)


@pytest.mark.parametrize("frm,to", list(itertools.product(AUDIO_STATES, AUDIO_STATES)))
def test_every_audio_job_transition(frm, to):
    job = job_at(frm)
    if (frm, to) in AUDIO_ALLOWED:
        job.move(to, expect=frm)
        assert job.state == to
    else:
        with pytest.raises(InvalidTransition):
            job.move(to, expect=frm)
        assert job.state == frm  # a refused move changes nothing


@pytest.mark.parametrize("frm,to", sorted(AUDIO_ALLOWED))
def test_an_audio_job_move_is_a_compare_and_swap(frm, to):
    for seen in AUDIO_STATES:
        if seen == frm:
            continue
        job = job_at(frm)
        with pytest.raises(InvalidTransition):
            job.move(to, expect=seen)  # the caller saw another state: refused
        assert job.state == frm
        assert job.move_if(seen, to) is False and job.state == frm


class Gpu:
    """A fake single GPU that records overlap and order; ``gate`` lets a test hold it busy."""

    def __init__(self):
        self.active = 0
        self.max_active = 0
        self.order: list[str] = []

    async def work(self, name: str, gate: asyncio.Event | None = None):
        self.active += 1
        self.max_active = max(self.max_active, self.active)
        try:
            self.order.append(name)
            if gate is not None:
                await gate.wait()
            await asyncio.sleep(0)
            return name
        finally:
            self.active -= 1


async def test_serialises_and_loses_nothing():
    q, gpu = AudioQueue(), Gpu()
    results = await asyncio.gather(*[q.run(f"c{i % 3}", lambda i=i: gpu.work(f"r{i}")) for i in range(20)])
    assert sorted(r.value for r in results) == sorted(f"r{i}" for i in range(20))
    assert gpu.max_active == 1
    assert q.stats().served == 20


async def test_round_robin_between_clients():
    q, gpu = AudioQueue(), Gpu()
    gate = asyncio.Event()
    first = asyncio.create_task(q.run("busy", lambda: gpu.work("hold", gate)))
    await asyncio.sleep(0)
    tasks = [asyncio.create_task(q.run("A", lambda i=i: gpu.work(f"A{i}"))) for i in range(4)]
    tasks += [asyncio.create_task(q.run("B", lambda: gpu.work("B0")))]
    tasks += [asyncio.create_task(q.run("C", lambda: gpu.work("C0")))]
    await asyncio.sleep(0)
    gate.set()
    await asyncio.gather(first, *tasks)
    # A sent four before B and C sent one each; B and C are not stuck behind all of A's.
    assert gpu.order == ["hold", "A0", "B0", "C0", "A1", "A2", "A3"]


async def test_full_queue_is_429_with_retry_after():
    q, gpu = AudioQueue(max_waiting=2), Gpu()
    gate = asyncio.Event()
    tasks = [asyncio.create_task(q.run("a", lambda: gpu.work("x", gate))) for _ in range(3)]
    await asyncio.sleep(0)
    with pytest.raises(Busy) as ei:
        await q.run("b", lambda: gpu.work("y"))
    assert ei.value.status == 429 and ei.value.retry_after >= 1
    gate.set()
    await asyncio.gather(*tasks)
    assert q.stats().rejected == 1


async def test_deadline_expires_in_line_and_never_reaches_the_gpu():
    q, gpu = AudioQueue(), Gpu()
    gate = asyncio.Event()
    hold = asyncio.create_task(q.run("a", lambda: gpu.work("hold", gate)))
    await asyncio.sleep(0)
    with pytest.raises(UpstreamTimeout):
        await q.run("b", lambda: gpu.work("late"), deadline_s=0.05)
    gate.set()
    await hold
    assert "late" not in gpu.order
    assert q.stats().expired == 1


async def test_upstream_503_is_retried_with_backoff():
    sleeps: list[float] = []

    async def fake_sleep(s):
        sleeps.append(s)

    q = AudioQueue(retries=3, backoff_s=0.5, sleep=fake_sleep)
    calls = {"n": 0}

    async def flaky():
        calls["n"] += 1
        if calls["n"] < 3:
            raise UpstreamBusy("cuFFT error")
        return "ok"

    r = await q.run("a", flaky)
    assert r.value == "ok" and r.attempts == 3
    assert sleeps == [0.5, 1.0]


async def test_503_gives_up_after_retries():
    async def nosleep(_):
        return None

    q = AudioQueue(retries=2, sleep=nosleep)

    async def always():
        raise UpstreamBusy("cuFFT error")

    with pytest.raises(UpstreamBusy):
        await q.run("a", always)
    # the slot is free again
    assert (await q.run("a", lambda: asyncio.sleep(0, "next"))).value == "next"


async def test_cancelled_waiter_leaves_the_line():
    q, gpu = AudioQueue(), Gpu()
    gate = asyncio.Event()
    hold = asyncio.create_task(q.run("a", lambda: gpu.work("hold", gate)))
    await asyncio.sleep(0)
    waiter = asyncio.create_task(q.run("b", lambda: gpu.work("gone")))
    await asyncio.sleep(0)
    assert q.waiting == 1
    waiter.cancel()
    await asyncio.gather(waiter, return_exceptions=True)
    assert q.waiting == 0
    gate.set()
    await hold
    assert gpu.order == ["hold"]


async def test_events_report_position_and_wait():
    hub = EventHub()
    q, gpu = AudioQueue(events=hub), Gpu()
    async with hub.subscribe("audio.queue") as sub:
        gate = asyncio.Event()
        a = asyncio.create_task(q.run("a", lambda: gpu.work("1", gate)))
        await asyncio.sleep(0)
        b = asyncio.create_task(q.run("b", lambda: gpu.work("2")))
        await asyncio.sleep(0)
        gate.set()
        rb = (await asyncio.gather(a, b))[1]
        phases = []
        while not sub.queue.empty():
            ev = sub.queue.get_nowait()
            phases.append((ev.data["job"], ev.data["phase"], ev.data.get("position")))
    assert rb.position == 2
    assert (2, "queued", 2) in phases
    assert [p for j, p, _ in phases if j == 2] == ["queued", "started", "done"]


def test_service_from_cluster():
    from spark_control.errors import ConfigError
    from spark_control.settings import ClusterConfig
    from spark_control.speech.service import SpeechService

    cluster = ClusterConfig.model_validate(
        {"nodes": [{"name": "spark2", "host": "10.0.0.2", "services": {"asr": 8000, "tts": 8880}}]}
    )
    svc = SpeechService.from_cluster(cluster)
    assert svc.asr.base_url == "http://10.0.0.2:8000" and svc.tts.base_url == "http://10.0.0.2:8880"
    with pytest.raises(ConfigError):
        SpeechService.from_cluster(ClusterConfig(nodes=[]))
