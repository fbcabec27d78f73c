"""The pure rules: busy vs down, the debounce, the overall status."""

import pytest

from spark_control.health.model import Observation, Target, Tracker, decide, overall_status

T = Target("asr", "service", node="spark2", host="127.0.0.1", port=1, url="http://127.0.0.1:1")


def obs(ok=False, reachable=True, slow=False, at=0.0, error="x"):
    return Observation(at, ok, reachable, 1.0, "" if ok else error, "probe", slow)


@pytest.mark.parametrize(
    ("o", "load", "state"),
    [
        (obs(ok=True), 0, "up"),
        (obs(ok=True), 5, "up"),
        (obs(slow=True), 2, "busy"),  # reachable, slow, in flight
        (obs(slow=True), 0, "down"),  # slow with nothing in flight: hung
        (obs(slow=False), 2, "down"),  # an error status (503 engine dead) is not load
        (obs(reachable=False), 2, "down"),  # refused / unreachable is always down
    ],
)
def test_decide(o, load, state):
    assert decide(o, load) == state


def test_one_failure_is_a_blip_two_open_an_outage_from_the_first():
    tr = Tracker(T, confirm_failures=2)
    assert tr.observe(obs(ok=True, at=1.0), 0).state_changed and tr.state == "up"
    t = tr.observe(obs(reachable=False, at=2.0), 0)
    assert not t.opened and tr.state == "up" and tr.failing
    assert tr.observe(obs(ok=True, at=2.2), 0).blip
    tr.observe(obs(reachable=False, at=3.0), 0)
    t = tr.observe(obs(reachable=False, at=3.2), 0)
    assert t.opened and tr.state == "down" and tr.since == 3.0 and tr.last_ok_at == 2.2
    t = tr.observe(obs(ok=True, at=4.0), 0)
    assert t.closed and tr.state == "up" and tr.since == 4.0


def test_overall_status():
    assert overall_status([]) == "ok"
    assert overall_status(["up", "busy", "unknown"]) == "ok"
    assert overall_status(["up", "down"]) == "degraded"
    assert overall_status(["down", "down", "unknown"]) == "down"
