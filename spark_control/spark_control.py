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
from spark_control.components.layout import LOGO
from spark_control.components.navigation import register
from spark_control.pages import access, chat, health, login, models, overview, redaction, search, settings, speech
from spark_control.settings import Settings, load_settings
from spark_control.state.access import AccessState
from spark_control.state.chat import CHAT_FEED, ChatState
from spark_control.state.cluster import CLUSTER_FEED, ClusterState
from spark_control.state.guard import OperatorSessionGuard
from spark_control.state.health import HEALTH_FEED, HealthState
from spark_control.state.models import MODELS_FEED, ModelsState
from spark_control.state.push import push_to_browsers, run_feeds
from spark_control.state.redaction import RedactionState
from spark_control.state.search import SearchState
from spark_control.state.session import LoginState, SessionState, is_signed_in
from spark_control.state.settings import SETTINGS_FEED, SettingsState

log = logging.getLogger(__name__)

# (page module, its own on_load handlers); the sidebar lists them in this order.
PAGES = [
    (overview, []),
    (models, [ModelsState.load]),
    (chat, [ChatState.refresh]),
    (speech, []),
    (search, [SearchState.load]),
    (redaction, [RedactionState.warm]),
    (health, [HealthState.load]),
    (settings, [SettingsState.load]),
    (access, [AccessState.load]),
]
# What the lifespan task pushes into every signed-in browser as the core's events arrive.
FEEDS = [CLUSTER_FEED, MODELS_FEED, CHAT_FEED, HEALTH_FEED, SETTINGS_FEED]


class SparkControlApp(rx.App):
    """``rx.App`` whose backend has the LLM fast path (``api/fastpath.py``) as its outermost ASGI
    layer: the OpenAI routes' requests and streamed chunks skip Reflex's and FastAPI's stacks."""

    def __call__(self):
        return LLMFastPath(super().__call__(), api)


# The one Settings of this process, read when the backend starts (it imports this module): the
# API, the edge checks and the controller (built by the lifespan task) all get this object.
SETTINGS = load_settings()
api = create_api(settings=SETTINGS)
app = SparkControlApp(
    api_transformer=api,
    theme=rx.theme(appearance="light", accent_color="green", radius="medium"),
    head_components=[rx.el.link(rel="icon", href=LOGO, type="image/svg+xml")],
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


def _install_edge_checks(settings: Settings) -> HostPolicy:
    """Before the body of an upload is read, and before any page, API route or websocket: the
    upload needs a session; the Host must be one of ours (DNS rebinding); the UI websocket's
    Origin must be the UI's own (or in CORS_ORIGINS). See docs/SECURITY.md."""
    policy = HostPolicy.from_settings(settings)
    api.add_middleware(UploadSessionGuard, signed_in=_upload_signed_in, audit=_audit_log)
    api.add_middleware(HostAllowlistMiddleware, policy=policy)
    install_socket_origin_check(app.sio, cors_origins(settings.cors_origins), policy)
    return policy


HOST_POLICY = _install_edge_checks(SETTINGS)

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


@app.register_lifespan_task
async def run_controller(app: rx.App):
    """Start the controller once with the backend, push its events to browsers (``state/push.py``),
    stop it at exit."""
    from spark_control.controller import Controller, set_controller

    # This machine's names (a DNS lookup) are looked up here, off the loop and bounded in time,
    # not at import: a slow resolver must neither delay the start nor hold a request.
    await asyncio.to_thread(HOST_POLICY.machine_names)
    controller = Controller(SETTINGS)
    await controller.start()
    api.state.controller = controller
    set_controller(controller)
    assert_data_dir_not_served(api, controller.settings.data_dir)
    # What is alive now lives as long as the process (modules, pages, the controller): take it
    # out of the collector's way, so a full collection no longer walks it (~75 ms measured with
    # the app loaded: a stall of every stream the gateway is passing on).
    gc.collect()
    gc.freeze()
    pusher = asyncio.create_task(
        run_feeds(controller, FEEDS, functools.partial(push_to_browsers, app)), name="push-to-browsers"
    )
    try:
        await asyncio.Event().wait()  # until the backend stops (this task is cancelled)
    except asyncio.CancelledError:
        pass
    finally:
        pusher.cancel()
        set_controller(None)
        await controller.stop()
