"""Cluster-wide view shared by every page: demo badge, header status, the overview's nodes.
Filled by ``CLUSTER_FEED`` (``state/push.py``) from the controller (never polled by the browser)."""

from __future__ import annotations

import dataclasses

import reflex as rx

from spark_control.state.push import Feed


@dataclasses.dataclass
class ContainerView:
    name: str = ""
    image: str = ""
    status: str = ""
    healthy: str = ""  # yes | starting | no | ""


@dataclasses.dataclass
class NodeView:
    name: str = ""
    hostname: str = ""
    state: str = "unknown"  # up | down | unknown
    error: str = ""
    uptime: str = ""
    memory: str = ""
    mem_pct: int = 0
    gpu: str = ""
    disk: str = ""
    containers: list[ContainerView] = dataclasses.field(default_factory=list)


def node_view(d: dict) -> NodeView:
    fields = {f.name for f in dataclasses.fields(NodeView)}
    n = NodeView(**{k: v for k, v in d.items() if k in fields and k != "containers"})
    n.containers = [ContainerView(**c) for c in d.get("containers", [])]
    return n


class ClusterState(rx.State):
    demo: bool = False
    status: str = "starting"  # ok | degraded | down | starting
    status_text: str = "starting"
    serving_model: str = ""
    serving_state: str = ""
    nodes: list[NodeView] = []
    updated_at: str = ""

    @rx.event
    def load(self):
        """on_load: fill the view at once from the controller's current snapshot."""
        from spark_control.controller import current_controller

        controller = current_controller()
        if controller is not None:
            self.apply(controller.overview_snapshot())

    def apply(self, snap: dict) -> None:
        self.demo = snap.get("demo", False)
        self.status = snap.get("status", "starting")
        self.status_text = snap.get("status_text", self.status)
        self.serving_model = snap.get("serving_model", "")
        self.serving_state = snap.get("serving_state", "")
        self.nodes = [node_view(n) for n in snap.get("nodes", [])]
        self.updated_at = snap.get("updated_at", "")


def _overview(controller, _events) -> dict:
    return controller.overview_snapshot()


CLUSTER_FEED = Feed(
    name="overview",
    state_cls=ClusterState,
    topics=("overview", "health.state", "swap.serving", "swap.job"),
    view=_overview,
    apply=lambda state, snap: state.apply(snap),
)
