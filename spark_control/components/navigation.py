"""The sidebar's entries. Only pages whose features exist are listed (each entry is added
together with its page in ``spark_control.py``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    route: str
    title: str
    icon: str


NAV: list[NavItem] = []


def register(route: str, title: str, icon: str) -> None:
    if all(n.route != route for n in NAV):
        NAV.append(NavItem(route, title, icon))
