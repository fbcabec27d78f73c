"""Models page state: catalog cards, the serving model, the swap dialog, live swap progress
and the history. Swap events are pushed into every browser's state by ``MODELS_FEED``
(``state/push.py``); the browser never polls."""

from __future__ import annotations

import dataclasses
import time

import reflex as rx

from spark_control.state.core import call_core
from spark_control.state.jobview import PhaseView, fmt_duration, job_percent, phase_views
from spark_control.state.push import Feed


@dataclasses.dataclass
class ModelCard:
    name: str = ""
    served_name: str = ""
    description: str = ""
    tp: int = 1
    context: str = ""
    memory: str = ""
    params: str = ""
    load_time: str = ""
    load_measured: bool = False
    serving: bool = False
    state: str = ""


@dataclasses.dataclass
class HistoryRow:
    job_id: str = ""
    started: str = ""
    model: str = ""
    previous: str = ""
    state: str = ""
    duration: str = ""
    error: str = ""


def _ctx(n: int) -> str:
    return f"{n // 1024}k" if n >= 1024 else str(n)


def model_card(m: dict) -> ModelCard:
    load = m.get("measured_load_s") or m.get("expected_load_s") or 0
    return ModelCard(
        name=m["name"],
        served_name=m["served_name"],
        description=m.get("description", ""),
        tp=m["tensor_parallel"],
        context=_ctx(m["max_model_len"]),
        memory=f"{m['memory_gib']:g} GiB",
        params=f"{m['params_b']:g} B" if m.get("params_b") else "",
        load_time=fmt_duration(load),
        load_measured=m.get("measured_load_s") is not None,
        serving=m["serving"],
        state=m["state"],
    )


def history_row(j: dict) -> HistoryRow:
    return HistoryRow(
        job_id=j["job_id"],
        started=time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(j["created_at"])),
        model=j["model"],
        previous=j.get("previous_model") or "",
        state=j["state"],
        duration=fmt_duration(j.get("duration_s")),
        error=j.get("error") or "",
    )


def _swaps():
    from spark_control.controller import current_controller

    c = current_controller()
    return getattr(c, "swaps", None) if c is not None else None


class ModelsState(rx.State):
    models: list[ModelCard] = []
    serving_model: str = ""
    history: list[HistoryRow] = []
    message: str = ""

    # the confirmation dialog
    confirm_open: bool = False
    confirm_model: str = ""
    confirm_stops: str = ""
    confirm_expected: str = ""

    # the swap being followed
    job_id: str = ""
    job_model: str = ""
    job_previous: str = ""
    job_state: str = ""  # running | done | rolled_back | failed
    job_step: str = ""
    job_error: str = ""
    job_note: str = ""
    phases: list[PhaseView] = []
    percent: int = 0
    eta: str = ""
    stage: str = ""
    log_lines: list[str] = []

    def _refresh(self, swaps) -> None:
        self.models = [model_card(m) for m in swaps.models()]
        s = swaps.serving
        self.serving_model = s.model if s else ""
        self.history = [history_row(j.to_dict(log_tail=0)) for j in swaps.history(20)]
        sig = swaps.swap_in_progress
        if sig and not self.job_id:
            self.job_id = sig.job_id
        if self.job_id:
            with call_core():  # a job that cannot be read keeps its last view
                self._apply_job(swaps.job_dict(self.job_id, log_tail=40))

    def _apply_job(self, j: dict) -> None:
        self.job_model, self.job_previous = j["model"], j.get("previous_model") or ""
        self.job_state, self.job_step = j["state"], j["step"]
        self.job_error, self.job_note = j.get("error") or "", j.get("note") or ""
        self.phases = phase_views(j["phases"])
        prog = j.get("progress") or {}
        self.percent = job_percent(j)
        self.stage = prog.get("stage", "") if j["step"] == "load" else ""
        if j["state"] != "running":
            self.eta = ""
        elif prog.get("overdue"):
            self.eta = "taking longer than usual"
        elif j.get("eta_s") is not None:
            self.eta = f"~{fmt_duration(j['eta_s'])} left"
        self.log_lines = [x["line"] for x in j.get("log", [])][-40:]

    @rx.event
    def load(self):
        swaps = _swaps()
        if swaps is None:
            self.message = "The controller is not running."
            return
        self._refresh(swaps)

    @rx.event
    def open_confirm(self, name: str):
        swaps = _swaps()
        if swaps is None:
            return
        plan = swaps.plan(swaps.catalog.get(name))
        self.confirm_model = name
        self.confirm_stops = plan["stops"] or "nothing (no model serves now)"
        self.confirm_expected = fmt_duration(plan["expected_s"])
        self.confirm_open = True

    @rx.event
    def set_confirm_open(self, value: bool):
        self.confirm_open = value

    @rx.event
    def do_swap(self):
        swaps = _swaps()
        self.confirm_open = False
        if swaps is None:
            return
        with call_core() as call:  # a 409 names the running job
            res = swaps.request(self.confirm_model, confirm=True, actor="operator", source="ui")
        if call.error:
            self.message = call.error
            return rx.toast.error(self.message)
        self.message = ""
        self.job_id = res["job_id"]
        self.log_lines = []
        self._refresh(swaps)


def _swaps_on_event(controller, events) -> object | None:
    """Only a swap event refreshes the page (the quiet-time tick does not)."""
    return getattr(controller, "swaps", None) if events else None


MODELS_FEED = Feed(
    name="models",
    state_cls=ModelsState,
    topics=("swap",),
    view=_swaps_on_event,
    apply=lambda state, swaps: state._refresh(swaps),
    refresh_s=10.0,
)
