"""The UI's pure job-view helpers (durations, progress percent)."""

import pytest

from spark_control.state.jobview import fmt_duration, job_percent, phase_views


@pytest.mark.parametrize(
    "s,text",
    [(None, ""), (0, "0.0 s"), (3.14, "3.1 s"), (42, "42 s"), (90, "1 m 30 s"), (3725, "1 h 02 m"), (-5, "0.0 s")],
)
def test_fmt_duration(s, text):
    assert fmt_duration(s) == text


def job(step, state="running", fraction=None, kind="swap"):
    return {
        "kind": kind,
        "state": state,
        "step": step,
        "progress": {"fraction": fraction} if fraction else {},
        "phases": [{"name": n} for n in ("preflight", "backup", "upload")],
    }


def test_job_percent_is_monotonic_through_a_swap():
    seq = [
        job("preflight"),
        job("stop"),
        job("wait_memory"),
        job("launch"),
        job("load", fraction=0.0),
        job("load", fraction=0.5),
        job("load", fraction=1.0),
        job("verify"),
        job("done", state="done"),
    ]
    pcts = [job_percent(j) for j in seq]
    assert pcts == sorted(pcts) and pcts[0] == 0 and pcts[-1] == 100
    assert job_percent(job("upload", kind="patch")) == 66


def test_phase_views_label_and_duration():
    (v,) = phase_views([{"name": "wait_memory", "state": "done", "duration_s": 0.25}])
    assert (v.label, v.state, v.duration) == ("Memory settle", "done", "0.2 s")
