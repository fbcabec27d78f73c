"""One gate for every UI event: no state handler runs for a browser without a valid operator
session, except Reflex's own (hydrate, client storage, on_load dispatch, error reports) and the
sign-in page's. Installed once: ``app.add_middleware(OperatorSessionGuard())``.

Events come over the websocket and anyone who can open it can send any handler name, so the
``on_load`` redirect alone is not a lock; this is. ``@operator_only`` on handlers stays as a
second line."""

from __future__ import annotations

import logging

from reflex.middleware import Middleware
from reflex.state import BaseState, StateUpdate
from reflex_base.event import Event

from spark_control.state.session import LoginState, SessionState

log = logging.getLogger(__name__)

# Handlers a signed-out browser may call: the guard itself, signing out, and the sign-in page.
OPEN_HANDLERS: dict[type[BaseState], frozenset[str]] = {
    SessionState: frozenset({"require_login", "sign_out"}),
    LoginState: frozenset({"load", "submit"}),
}


def _is_reflex_internal(cls: type[BaseState]) -> bool:
    return cls.__module__.split(".")[0].startswith("reflex")  # reflex, reflex_base, reflex_components_*


class OperatorSessionGuard(Middleware):
    async def preprocess(self, app, state: BaseState, event: Event) -> StateUpdate | None:
        state_path, _, handler = event.name.rpartition(".")
        try:
            cls = type(state).get_class_substate(state_path)
        except ValueError:
            cls = None  # not one of ours: refuse below
        if cls is not None:
            if _is_reflex_internal(cls) or handler in OPEN_HANDLERS.get(cls, frozenset()):
                return None
        session = await state.get_state(SessionState)
        if session._identity() is not None:
            return None
        self._audit(session, event.name)
        return StateUpdate(events=Event.from_event_type([session._login_redirect()]))

    @staticmethod
    def _audit(session: SessionState, name: str) -> None:
        from spark_control.controller import current_controller

        controller = current_controller()
        if controller is None:
            return
        try:
            controller.audit.record(
                actor="anonymous",
                action="auth.denied",
                target=f"ui:{name.rpartition('.')[0].rpartition('.')[2]}.{name.rpartition('.')[2]}",
                result="401 no session",
                source=session.router.session.client_ip,
            )
        except Exception:
            log.exception("could not audit a refused UI event")
