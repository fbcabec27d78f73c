"""Pieces of a job's progress shown by more than one page (the swap on Models, the patch
reapply on Settings)."""

from __future__ import annotations

import reflex as rx

from spark_control.state.jobview import PhaseView


def phase_chip(p: PhaseView) -> rx.Component:
    return rx.badge(
        rx.match(
            p.state,
            ("done", rx.icon("check", size=12)),
            ("running", rx.spinner(size="1")),
            ("failed", rx.icon("x", size=12)),
            rx.icon("circle", size=10),
        ),
        p.label,
        rx.cond(p.duration != "", rx.text(" " + p.duration, size="1"), rx.fragment()),
        color_scheme=rx.match(p.state, ("done", "green"), ("running", "blue"), ("failed", "red"), "gray"),
        variant=rx.cond(p.state == "running", "solid", "soft"),
        size="2",
        id=rx.Var.create("phase-") + p.name,
        data_state=p.state,
    )
