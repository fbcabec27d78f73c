"""Settings: the controller's SSH public key (copy it into each node's authorized_keys), the
nodes (host, user, port, services), test connection, host-key pinning and the "Reapply
speech-model patches" action."""

from __future__ import annotations

import reflex as rx

from spark_control.components.dialogs import confirm_action, confirm_dialog
from spark_control.components.jobs import phase_chip
from spark_control.components.layout import layout
from spark_control.state.settings import NodeRow, SettingsState

ROUTE = "/settings"
TITLE = "Settings"
ICON = "settings"


def key_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Controller SSH key", size="4"),
            rx.text(
                "Add this line to ~/.ssh/authorized_keys of the login user on every node.",
                size="2",
                color_scheme="gray",
            ),
            rx.hstack(
                rx.code(SettingsState.public_key, size="1", id="ssh-public-key", style={"word_break": "break-all"}),
                rx.button(
                    rx.icon("copy", size=14),
                    "Copy",
                    size="1",
                    id="copy-public-key",
                    on_click=[rx.set_clipboard(SettingsState.public_key), rx.toast("Public key copied")],
                ),
                align="center",
                width="100%",
            ),
            rx.text("Fingerprint: ", rx.code(SettingsState.key_fingerprint), size="1"),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def node_row(n: NodeRow, i) -> rx.Component:
    def field(label: str, name: str, value, width: str = "160px") -> rx.Component:
        return rx.vstack(
            rx.text(label, size="1", color_scheme="gray"),
            rx.input(
                value=value,
                on_change=lambda v: SettingsState.set_node_field(i, name, v),
                width=width,
                id=rx.Var.create(f"node-{name}-") + n.name,
            ),
            spacing="1",
        )

    return rx.card(
        rx.vstack(
            rx.hstack(
                field("Name", "name", n.name, "110px"),
                field("Host / IP", "host", n.host, "170px"),
                field("User", "user", n.user, "120px"),
                field("SSH port", "ssh_port", n.ssh_port, "80px"),
                field("Services", "services", n.services, "260px"),
                rx.button(
                    rx.icon("trash-2", size=14),
                    variant="ghost",
                    color_scheme="red",
                    on_click=SettingsState.remove_node(i),
                    margin_top="1.3em",
                ),
                spacing="3",
                wrap="wrap",
                align="start",
            ),
            rx.hstack(
                rx.button(
                    "Test connection",
                    size="1",
                    on_click=SettingsState.test_node(n.name),
                    id=rx.Var.create("test-") + n.name,
                ),
                rx.button(
                    "Check host key",
                    size="1",
                    variant="soft",
                    on_click=SettingsState.check_host_key(n.name),
                    id=rx.Var.create("hostkey-") + n.name,
                ),
                rx.cond(
                    n.pinned != "",
                    rx.button(
                        "Unpin", size="1", variant="soft", color_scheme="red", on_click=SettingsState.unpin(n.name)
                    ),
                ),
                rx.text(
                    rx.cond(n.pinned != "", "Pinned: " + n.pinned, "Host key not pinned"), size="1", color_scheme="gray"
                ),
                spacing="3",
                align="center",
                wrap="wrap",
            ),
            rx.cond(
                n.test != "",
                rx.text(
                    n.test,
                    size="2",
                    color_scheme=rx.cond(n.test_ok, "green", "red"),
                    id=rx.Var.create("test-result-") + n.name,
                ),
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def pin_dialog() -> rx.Component:
    return confirm_dialog(
        rx.cond(SettingsState.pin_state == "changed", "HOST KEY CHANGED", "Confirm the host key"),
        rx.vstack(
            rx.text(SettingsState.pin_node, " presents:"),
            rx.code(SettingsState.pin_fingerprint, id="pin-fingerprint"),
            rx.cond(
                SettingsState.pin_state == "changed",
                rx.callout(
                    "This is not the pinned key. Connections are refused. If the node was reinstalled, "
                    "unpin it first; otherwise suspect a man-in-the-middle.",
                    icon="shield-alert",
                    color_scheme="red",
                ),
                rx.text(
                    "Compare with `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on the node.",
                    size="2",
                    color_scheme="gray",
                ),
            ),
            spacing="2",
        ),
        confirm=rx.cond(
            SettingsState.pin_state == "unpinned",
            confirm_action("Pin this key", SettingsState.confirm_pin, "pin-confirm"),
        ),
        open=SettingsState.pin_open,
        on_open_change=SettingsState.set_pin_open,
    )


def patches_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading("Speech-model patches", size="4"),
                rx.spacer(),
                rx.button(
                    rx.icon("refresh-cw", size=14),
                    "Reapply speech-model patches",
                    on_click=SettingsState.set_patch_confirm_open(True),
                    id="reapply-patches",
                    disabled=SettingsState.patch_state == "running",
                ),
                width="100%",
                align="center",
            ),
            rx.text(
                "Copies parakeet_patches/*.py into the parakeet-asr container, applies its memory cap, restarts "
                "it and checks the reported patch version; restores the previous files on failure.",
                size="2",
                color_scheme="gray",
            ),
            rx.cond(
                SettingsState.patch_job_id != "",
                rx.vstack(
                    rx.hstack(
                        rx.badge(SettingsState.patch_state, id="patch-state"),
                        rx.foreach(SettingsState.patch_phases, phase_chip),
                        wrap="wrap",
                        spacing="2",
                    ),
                    rx.progress(value=SettingsState.patch_percent, max=100, width="100%"),
                    rx.cond(
                        SettingsState.patch_error != "",
                        rx.callout(SettingsState.patch_error, icon="triangle-alert", color_scheme="red", size="1"),
                    ),
                    rx.cond(
                        SettingsState.patch_note != "",
                        rx.callout(SettingsState.patch_note, icon="info", color_scheme="green", size="1"),
                    ),
                    rx.box(
                        rx.foreach(SettingsState.patch_log, lambda ln: rx.text(ln, size="1", font_family="mono")),
                        max_height="180px",
                        overflow_y="auto",
                        width="100%",
                    ),
                    spacing="2",
                    width="100%",
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def patch_dialog() -> rx.Component:
    return confirm_dialog(
        "Reapply speech-model patches?",
        "parakeet-asr restarts: transcription and diarization are unavailable for about a minute.",
        confirm=confirm_action("Reapply", SettingsState.reapply_patches, "reapply-confirm"),
        open=SettingsState.patch_confirm_open,
        on_open_change=SettingsState.set_patch_confirm_open,
    )


def content() -> rx.Component:
    return rx.vstack(
        rx.cond(
            SettingsState.message != "",
            rx.callout(
                SettingsState.message,
                icon="info",
                color_scheme=rx.cond(SettingsState.message_ok, "green", "red"),
                id="settings-message",
            ),
        ),
        key_card(),
        rx.heading("Nodes", size="4"),
        rx.foreach(SettingsState.nodes, node_row),
        rx.hstack(
            rx.button(rx.icon("plus", size=14), "Add node", variant="soft", on_click=SettingsState.add_node),
            rx.button("Save nodes", on_click=SettingsState.save_nodes, id="save-nodes"),
            spacing="3",
        ),
        patches_card(),
        pin_dialog(),
        patch_dialog(),
        spacing="4",
        width="100%",
    )


def page() -> rx.Component:
    return layout(TITLE, content())
