"""Settings page state: the controller's SSH public key, the nodes form, test connection,
host-key fingerprint confirmation (pinning) and the "Reapply speech-model patches" action.
Patch, cluster and host-key alert events are pushed into every browser's state by
``SETTINGS_FEED`` (``state/push.py``)."""

from __future__ import annotations

import dataclasses
import json

import reflex as rx

from spark_control.state.core import call_core
from spark_control.state.jobview import PhaseView, job_percent, phase_views
from spark_control.state.push import Feed


@dataclasses.dataclass
class NodeRow:
    name: str = ""
    host: str = ""
    user: str = ""
    ssh_port: str = "22"
    services: str = ""  # "vllm=8888, asr=8000"
    pinned: str = ""  # fingerprints, comma separated
    test: str = ""  # last test result, one line
    test_ok: bool = False


def _controller():
    from spark_control.controller import current_controller

    return current_controller()


def _services_text(s: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in s.items())


def _parse_services(text: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for part in text.split(","):
        if part.strip():
            k, _, v = part.partition("=")
            out[k.strip()] = int(v.strip())
    return out


class SettingsState(rx.State):
    public_key: str = ""
    key_fingerprint: str = ""
    nodes: list[NodeRow] = []
    message: str = ""
    message_ok: bool = True

    # host-key confirmation
    pin_open: bool = False
    pin_node: str = ""
    pin_fingerprint: str = ""
    pin_state: str = ""  # unpinned | changed | pinned

    # reapply patches
    patch_confirm_open: bool = False
    patch_job_id: str = ""
    patch_state: str = ""
    patch_error: str = ""
    patch_note: str = ""
    patch_phases: list[PhaseView] = []
    patch_percent: int = 0
    patch_log: list[str] = []

    def _fill(self, c) -> None:
        cm = c.cluster_manager
        if cm.key is not None:
            self.public_key, self.key_fingerprint = cm.key.public_line, cm.key.fingerprint
        old = {n.name: n for n in self.nodes}
        self.nodes = [
            NodeRow(
                name=n.name,
                host=n.host,
                user=n.user,
                ssh_port=str(n.ssh_port),
                services=_services_text(n.services),
                pinned=", ".join(cm.pins.fingerprints(n.host, n.ssh_port)),
                test=old[n.name].test if n.name in old else "",
                test_ok=old[n.name].test_ok if n.name in old else False,
            )
            for n in cm.cluster.nodes
        ]
        self._fill_patch(c)

    def _fill_patch(self, c) -> None:
        if not self.patch_job_id:
            hist = c.patches.history(1)
            if hist:
                self.patch_job_id = hist[0].id
        if self.patch_job_id:
            with call_core():  # a job that cannot be read keeps its last view
                j = c.patches.job(self.patch_job_id).to_dict(log_tail=30)
                self.patch_state, self.patch_error, self.patch_note = j["state"], j["error"] or "", j["note"] or ""
                self.patch_phases = phase_views(j["phases"])
                self.patch_percent = job_percent(j)
                self.patch_log = [x["line"] for x in j["log"]]

    def _say(self, text: str, ok: bool = True) -> None:
        self.message, self.message_ok = text, ok

    @rx.event
    def load(self):
        c = _controller()
        if c is None or getattr(c, "cluster_manager", None) is None:
            self._say("The controller is not running.", False)
            return
        self._fill(c)

    @rx.event
    def set_node_field(self, index: int, field: str, value: str):
        if field in ("host", "user", "ssh_port", "services", "name"):
            setattr(self.nodes[index], field, value)
            self.nodes = list(self.nodes)

    @rx.event
    def add_node(self):
        self.nodes = [*self.nodes, NodeRow(name=f"spark{len(self.nodes) + 1}")]

    @rx.event
    def remove_node(self, index: int):
        self.nodes = [n for i, n in enumerate(self.nodes) if i != index]

    @rx.event
    def save_nodes(self):
        c = _controller()
        with call_core() as call:
            payload = [
                {
                    "name": n.name,
                    "host": n.host,
                    "user": n.user,
                    "ssh_port": int(n.ssh_port or 22),
                    "services": _parse_services(n.services),
                }
                for n in self.nodes
            ]
            c.cluster_manager.set_nodes(payload, actor="operator", source="ui")
        if call.error:
            self._say(f"Not saved: {call.error}", False)
            return
        self._say("Nodes saved.")
        self._fill(c)

    @rx.event
    async def test_node(self, name: str):
        c = _controller()
        res = await c.cluster_manager.test_connection(name)
        for n in self.nodes:
            if n.name == name:
                n.test_ok = res.ok
                n.test = (
                    f"OK in {res.duration_ms:.0f} ms (docker: {res.docker})"
                    if res.ok
                    else f"{res.stage}: {res.reason}: {res.message}"
                )
        self.nodes = list(self.nodes)
        if res.reason in ("host_key_unknown", "host_key_changed") and res.presented_fingerprint:
            self.pin_node, self.pin_fingerprint = name, res.presented_fingerprint
            self.pin_state = "changed" if res.reason == "host_key_changed" else "unpinned"
            self.pin_open = True

    @rx.event
    async def check_host_key(self, name: str):
        c = _controller()
        with call_core() as call:
            info = await c.cluster_manager.fetch_host_key(name)
        if call.error:
            self._say(f"{name}: {call.error}", False)
            return
        self.pin_node, self.pin_fingerprint, self.pin_state = name, info["fingerprint"], info["state"]
        self.pin_open = True

    @rx.event
    def set_pin_open(self, value: bool):
        self.pin_open = value

    @rx.event
    async def confirm_pin(self):
        c = _controller()
        self.pin_open = False
        with call_core() as call:
            await c.cluster_manager.pin(self.pin_node, self.pin_fingerprint, actor="operator", source="ui")
        if call.error:
            self._say(f"Not pinned: {call.error}", False)
            return
        self._say(f"{self.pin_node}: host key {self.pin_fingerprint} pinned.")
        self._fill(c)

    @rx.event
    async def unpin(self, name: str):
        c = _controller()
        await c.cluster_manager.unpin(name, actor="operator", source="ui")
        self._say(f"{name}: pin removed. Check the host, then pin its key again.")
        self._fill(c)

    @rx.event
    def set_patch_confirm_open(self, value: bool):
        self.patch_confirm_open = value

    @rx.event
    def reapply_patches(self):
        c = _controller()
        self.patch_confirm_open = False
        with call_core() as call:
            res = c.patches.request(confirm=True, actor="operator", source="ui")
        if call.error:
            self._say(f"Patches not started: {call.error}", False)
            return
        self.patch_job_id = res["job_id"]
        self._fill_patch(c)

    def _apply_events(self, c, alerts: list[dict]) -> None:
        for alert in alerts:
            self._say(
                "HOST KEY CHANGED for "
                + str(alert.get("node"))
                + ": connections refused. "
                + json.dumps(alert.get("pinned_fingerprints")),
                False,
            )
        self._fill(c)


def _settings_on_event(controller, events) -> tuple[object, list[dict]] | None:
    """Only events refresh the page (the quiet-time tick does not); host-key alerts are said."""
    if not events or getattr(controller, "cluster_manager", None) is None:
        return None
    return controller, [e.data for e in events if e.topic == "alert.host_key_changed"]


SETTINGS_FEED = Feed(
    name="settings",
    state_cls=SettingsState,
    topics=("patches", "cluster", "alert"),
    view=_settings_on_event,
    apply=lambda state, view: state._apply_events(*view),
    refresh_s=10.0,
)
