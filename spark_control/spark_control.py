"""Builds the Reflex app: pages, the API, and the lifespan task that owns the controller.
Nothing else lives here."""

from __future__ import annotations

import asyncio
import functools
import gc
import logging

import reflex as rx

from spark_control.api.app import create_api
from spark_control.api.fastpath import LLMFastPath
from spark_control.api.middleware.cors import cors_origins
from spark_control.api.middleware.data_dir import assert_data_dir_not_served
from spark_control.api.middleware.host_allowlist import HostAllowlistMiddleware, HostPolicy, install_socket_origin_check
from spark_control.api.middleware.upload_guard import UploadSessionGuard, session_cookie
from spark_control.navigation import register
from spark_control.pages import access, chat, health, login, models, overview, redaction, search, settings, speech
from spark_control.settings import Settings
from spark_control.state.access import AccessState
from spark_control.state.chat import ChatState
from spark_control.state.cluster import ClusterState
from spark_control.state.guard import OperatorSessionGuard
from spark_control.state.health import HealthState, forward_health
from spark_control.state.models import ModelsState
from spark_control.state.redaction import RedactionState
from spark_control.state.search import SearchState
from spark_control.state.session import LoginState, SessionState, is_signed_in
from spark_control.state.settings import SettingsState

log = logging.getLogger(__name__)

# (page module, its own on_load handlers); the sidebar lists them in this order.
PAGES = [
    (overview, []),
    (models, [ModelsState.load]),
    (chat, [ChatState.watch]),
    (speech, []),
    (search, [SearchState.load]),
    (redaction, [RedactionState.warm]),
    (health, [HealthState.load]),
    (settings, [SettingsState.load]),
    (access, [AccessState.load]),
]


class SparkControlApp(rx.App):
    """``rx.App`` whose backend has the LLM fast path (``api/fastpath.py``) as its outermost ASGI
    layer: the OpenAI routes' requests and streamed chunks skip Reflex's and FastAPI's stacks."""

    def __call__(self):
        return LLMFastPath(super().__call__(), api)


api = create_api()
app = SparkControlApp(
    api_transformer=api,
    theme=rx.theme(appearance="light", accent_color="green", radius="medium"),
)
# The real lock on the UI: every state event needs a signed-in operator (except Reflex's own
# and the sign-in page's); the on_load redirect below is only the friendly part.
app.add_middleware(OperatorSessionGuard())


async def _upload_signed_in(scope) -> bool:
    """``/_upload`` is for signed-in operators: the session cookie (same-origin uploads send it),
    or the uploading browser's Reflex state (the dev frontend runs on another port: no cookie)."""
    from spark_control.controller import current_controller

    auth = getattr(current_controller(), "auth", None)
    if auth is None:
        return False
    cookie = session_cookie(scope)
    if cookie and auth.session_identity(cookie) is not None:
        return True
    token = next((v.decode("latin-1") for k, v in scope.get("headers", ()) if k == b"reflex-client-token"), "")
    namespace = app.event_namespace
    if not token or namespace is None or token not in namespace.token_to_sid:
        return False  # only a connected browser's state is looked at (no state made for strangers)
    async with app.modify_state(rx.BaseStateToken(ident=token, cls=SessionState)) as root:
        return await is_signed_in(root)


def _audit_log():
    from spark_control.controller import current_controller

    return getattr(current_controller(), "audit", None)


def _install_edge_checks(settings: Settings) -> None:
    """Before the body of an upload is read, and before any page, API route or websocket: the
    upload needs a session; the Host must be one of ours (DNS rebinding); the UI websocket's
    Origin must be the UI's own (or in CORS_ORIGINS). See docs/SECURITY.md."""
    policy = HostPolicy.from_settings(settings)
    api.add_middleware(UploadSessionGuard, signed_in=_upload_signed_in, audit=_audit_log)
    api.add_middleware(HostAllowlistMiddleware, policy=policy)
    install_socket_origin_check(app.sio, cors_origins(settings.cors_origins), policy)


_install_edge_checks(Settings())

for module, _ in PAGES:
    register(module.ROUTE, module.TITLE, module.ICON)
for module, on_load in PAGES:
    app.add_page(
        module.page,
        route=module.ROUTE,
        title=f"{module.TITLE} · Spark Control",
        on_load=[SessionState.require_login, ClusterState.load, *on_load],
    )
app.add_page(login.page, route=login.ROUTE, title="Sign in · Spark Control", on_load=LoginState.load)


async def _push_to_browsers(app: rx.App, state_cls: type[rx.State], apply) -> None:
    """Apply ``apply(state)`` to every connected browser's instance of ``state_cls``."""
    namespace = app.event_namespace
    if namespace is None:
        return
    for token in list(namespace.token_to_sid):
        try:
            async with app.modify_state(rx.BaseStateToken(ident=token, cls=state_cls)) as root:
                if await is_signed_in(root):  # the sign-in page gets no cluster data
                    apply(await root.get_state(state_cls))
        except Exception:  # a client that just left must not stop the others
            log.debug("push to a client failed", exc_info=True)


@app.register_lifespan_task
async def run_controller(app: rx.App):
    """Start the controller once with the backend, push its view to browsers, stop it at exit."""
    from spark_control.controller import Controller, set_controller
    from spark_control.settings import load_settings

    controller = Controller(load_settings())
    await controller.start()
    api.state.controller = controller
    set_controller(controller)
    assert_data_dir_not_served(api, controller.settings.data_dir)
    # What is alive now lives as long as the process (modules, pages, the controller): take it
    # out of the collector's way, so a full collection no longer walks it (~75 ms measured with
    # the app loaded: a stall of every stream the gateway is passing on).
    gc.collect()
    gc.freeze()
    push = functools.partial(_push_to_browsers, app)
    health_pusher = asyncio.create_task(forward_health(controller, push), name="push-health")
    try:
        async with controller.events.subscribe("overview", "health.state", "swap.serving", "swap.job") as sub:
            while True:
                try:
                    await sub.get(timeout=5.0)
                    await asyncio.sleep(0.1)  # a burst of events -> one push
                    while not sub.queue.empty():
                        sub.queue.get_nowait()
                except TimeoutError:
                    pass
                snap = controller.overview_snapshot()
                await _push_to_browsers(app, ClusterState, lambda s, snap=snap: s.apply(snap))
    except asyncio.CancelledError:
        pass
    finally:
        health_pusher.cancel()
        set_controller(None)
        await controller.stop()
