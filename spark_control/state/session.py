"""The operator's sign-in as the UI sees it, and the guard every protected page uses.

The session token lives in a cookie (``sc_session``, SameSite=Strict, ended when the browser
closes) so a reload or a new tab stays signed in; the server checks it against the database on
every page load and before every guarded event, so an expired or signed-out session is refused
even if the browser still holds it.

How pages use it:
- ``app.add_page(page, route=..., on_load=[SessionState.require_login, PageState.load])``:
  redirects to ``/login?next=<page>`` when the session is missing, expired or signed out;
- decorate every event handler that reads operator data or changes anything with
  ``@operator_only`` (under ``@rx.event``): a client that skipped the redirect (events can be
  sent over the websocket directly) gets a redirect to /login and nothing else;
- background events: inside ``async with self:`` call ``await current_operator(self)``;
- server pushes to every browser (``app.modify_state``): skip roots where
  ``await is_signed_in(root)`` is False;
- the real lock is ``state.guard.OperatorSessionGuard`` (``app.add_middleware(...)``): it refuses
  every event of every state without a valid session, except Reflex's own and the sign-in page's.
"""

from __future__ import annotations

import functools
import inspect
import logging
from urllib.parse import quote

import reflex as rx

from spark_control.api.deps import SESSION_COOKIE

log = logging.getLogger(__name__)


def _auth():
    from spark_control.controller import current_controller

    controller = current_controller()
    return controller.auth if controller is not None and hasattr(controller, "auth") else None


def _app_auth_off() -> bool:
    from spark_control.controller import current_controller

    controller = current_controller()
    return controller is not None and controller.settings.app_auth == "off"


def safe_next(value: str | None) -> str:
    """Only same-site paths are followed after sign-in (no open redirect to another host)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    if value.startswith("/login"):
        return "/"
    return value


class SessionState(rx.State):
    session_token: str = rx.Cookie("", name=SESSION_COOKIE, same_site="strict", path="/")
    signed_in: bool = False
    app_auth_off: bool = False

    def _identity(self):
        auth = _auth()
        if auth is None or not self.session_token:
            return None
        return auth.session_identity(self.session_token)

    def _login_redirect(self) -> rx.event.EventSpec:
        path = (self.router.url.path or "/").rstrip("/") or "/"  # the prod server serves /x as /x/
        target = "/login" if path in ("/", "") else f"/login?next={quote(safe_next(path), safe='/')}"
        return rx.redirect(target)

    @rx.event
    def require_login(self):
        """on_load guard: stay if the session is valid, else go to /login (and forget the token)."""
        self.app_auth_off = _app_auth_off()
        if self._identity() is None:
            self.signed_in = False
            self.session_token = ""
            return self._login_redirect()
        self.signed_in = True

    @rx.event
    def sign_out(self):
        auth = _auth()
        if auth is not None and self.session_token:
            auth.sign_out(self.session_token, source=self.router.session.client_ip)
        self.session_token = ""
        self.signed_in = False
        return rx.redirect("/login")


async def current_operator(state: rx.State):
    """The signed-in operator's identity for ``state``'s browser, or None."""
    session = state if isinstance(state, SessionState) else await state.get_state(SessionState)
    return session._identity()


async def is_signed_in(root: rx.State) -> bool:
    """For server pushes (``app.modify_state``): only browsers with a valid session get data."""
    return (await root.get_state(SessionState))._identity() is not None


def operator_only(fn):
    """Guard an event handler: run it only for a signed-in operator, else record the denial and
    send the browser to /login. Put it under ``@rx.event``."""

    async def _denied(state: rx.State):
        session = state if isinstance(state, SessionState) else await state.get_state(SessionState)
        if session._identity() is not None:
            return None
        from spark_control.controller import current_controller

        controller = current_controller()
        if controller is not None:
            controller.audit.record(
                actor="anonymous",
                action="auth.denied",
                target=f"ui:{type(state).__name__}.{fn.__name__}",
                result="401 no session",
                source=state.router.session.client_ip,
            )
        session.signed_in = False
        session.session_token = ""
        return session._login_redirect()

    if inspect.isasyncgenfunction(fn) or inspect.isgeneratorfunction(fn):

        @functools.wraps(fn)
        async def guarded_gen(self, *args, **kwargs):
            redirect = await _denied(self)
            if redirect is not None:
                yield redirect
                return
            if inspect.isasyncgenfunction(fn):
                async for item in fn(self, *args, **kwargs):
                    yield item
            else:
                for item in fn(self, *args, **kwargs):
                    yield item

        return guarded_gen

    @functools.wraps(fn)
    async def guarded(self, *args, **kwargs):
        redirect = await _denied(self)
        if redirect is not None:
            return redirect
        result = fn(self, *args, **kwargs)
        if inspect.isawaitable(result):
            result = await result
        return result

    return guarded


class LoginState(SessionState):
    """The /login page: first-start password setup, or sign-in."""

    password_set: bool = True
    error: str = ""
    busy: bool = False

    @rx.event
    def load(self):
        auth = _auth()
        self.error = ""
        self.password_set = auth.password_is_set() if auth is not None else True
        self.app_auth_off = _app_auth_off()
        if self._identity() is not None:
            self.signed_in = True
            return rx.redirect(safe_next(self.router.url.query_parameters.get("next")))

    @rx.event
    async def submit(self, form: dict):
        from spark_control.errors import SparkControlError

        auth = _auth()
        if auth is None:
            self.error = "The controller is still starting; try again in a moment."
            return
        password = str(form.get("password", ""))
        source = self.router.session.client_ip
        self.busy = True
        try:
            if self.password_set:
                new = await auth.sign_in(password, source=source)
            else:
                if password != str(form.get("confirm", "")):
                    self.error = "The two passwords differ."
                    return
                new = await auth.set_initial_password(password, source=source)
        except SparkControlError as e:
            self.error = e.message
            self.password_set = auth.password_is_set()
            return
        finally:
            self.busy = False
        self.error = ""
        self.session_token = new.secret
        self.signed_in = True
        return rx.redirect(safe_next(self.router.url.query_parameters.get("next")))
