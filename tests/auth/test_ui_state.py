"""The Reflex states behind /login and /access, driven in-process (the same handler functions
Reflex runs for a websocket event): sign-in, the guard, key creation shown once, revocation,
expiry. The browser test (tests/browser/test_auth.py) covers the same through Chromium."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from reflex.state import State

from spark_control.controller import set_controller
from spark_control.settings import Settings
from spark_control.state.access import AccessState
from spark_control.state.session import LoginState, SessionState, safe_next

from .conftest import PASSWORD


@pytest.fixture
def controller(auth, tmp_path):
    c = SimpleNamespace(auth=auth, audit=auth.audit, settings=Settings(data_dir=tmp_path, app_auth="on"))
    set_controller(c)
    yield c
    set_controller(None)


@pytest.fixture
def root():
    return State(_reflex_internal_init=True)


def _sub(root, cls):
    return root.get_substate(cls.get_full_name().split(".")[1:])


async def _run(state, name: str, **payload):
    handler = type(state).event_handlers[name]
    result = handler.fn(state, **payload)
    if hasattr(result, "__await__"):
        result = await result
    return result


def _redirect_path(spec) -> str | None:
    if spec is None:
        return None
    return {k._js_expr: getattr(v, "_var_value", None) for k, v in spec.args}.get("path")


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, "/"), ("/access", "/access"), ("//evil.example", "/"), ("https://evil.example", "/"), ("/login", "/")],
)
def test_safe_next(value, expected):
    assert safe_next(value) == expected


async def test_sign_in_then_guard_then_sign_out(controller, root, auth):
    login = _sub(root, LoginState)
    session = _sub(root, SessionState)
    assert _redirect_path(await _run(session, "require_login")) == "/login"

    await _run(login, "load")
    assert login.password_set
    result = await _run(login, "submit", form={"password": "wrong password!"})
    assert result is None and login.error == "wrong password" and not session.session_token

    result = await _run(login, "submit", form={"password": PASSWORD})
    assert _redirect_path(result) == "/"
    assert session.session_token.startswith("scs_") and session.signed_in
    assert await _run(session, "require_login") is None

    token = session.session_token
    assert _redirect_path(await _run(session, "sign_out")) == "/login"
    assert session.session_token == "" and auth.session_identity(token) is None


async def test_first_start_sets_password(db, audit, clock, root, tmp_path):
    from spark_control.auth import AuthService, AuthSettings

    auth = AuthService(db, audit, AuthSettings(operator_password=None), clock=clock)
    await auth.start()
    set_controller(SimpleNamespace(auth=auth, audit=audit, settings=Settings(data_dir=tmp_path)))
    try:
        login = _sub(root, LoginState)
        await _run(login, "load")
        assert not login.password_set
        await _run(login, "submit", form={"password": "first password!", "confirm": "different!!!"})
        assert "differ" in login.error and not auth.password_is_set()
        result = await _run(login, "submit", form={"password": "first password!", "confirm": "first password!"})
        assert _redirect_path(result) == "/" and auth.password_is_set()
    finally:
        set_controller(None)


async def test_access_handlers_refuse_without_session(controller, root, auth):
    access = _sub(root, AccessState)
    access.key_name = "sneaky"
    result = await _run(access, "create_key")
    assert _redirect_path(result) == "/login"
    assert auth.list_keys("app") == []
    assert any(e.action == "auth.denied" and "create_key" in e.target for e in auth.audit.recent())
    assert access.keys == [] and access.audit == []  # nothing loaded for a stranger
    assert _redirect_path(await _run(access, "load")) == "/login"
    assert access.audit == []


async def test_access_create_show_once_revoke(controller, root, auth):
    access = _sub(root, AccessState)
    access.session_token = (await auth.sign_in(PASSWORD)).secret
    await _run(access, "load")
    await _run(access, "set_key_name", value="crm")
    await _run(access, "set_scope", scope="audio", checked=True)
    await _run(access, "create_key")
    secret = access.created_secret
    assert secret.startswith("sck_") and access.error == ""
    row = access.keys[0]
    assert row.name == "crm" and row.scopes == "llm, audio" and secret not in repr(access.keys)
    assert auth.authenticate(secret).id == row.id
    await _run(access, "dismiss_secret")
    assert access.created_secret == ""
    await _run(access, "revoke", key_id=row.id)
    assert auth.authenticate(secret).reason == "revoked" and not access.keys[0].active
    await _run(access, "set_key_name", value="")
    await _run(access, "create_key")
    assert "name" in access.error


async def test_expired_session_is_sent_to_login(controller, root, auth, clock):
    access, session = _sub(root, AccessState), _sub(root, SessionState)
    access.session_token = (await auth.sign_in(PASSWORD)).secret
    assert session.session_token == access.session_token  # one cookie, held by the parent state
    assert await _run(session, "require_login") is None
    await _run(access, "set_session_hours", value="1")
    await _run(access, "save_session_hours")
    assert auth.session_ttl == 3600
    clock.advance(3601)
    assert _redirect_path(await _run(session, "require_login")) == "/login"
    assert session.session_token == ""
    assert _redirect_path(await _run(access, "load")) == "/login"


async def test_app_auth_off_is_shown(auth, root, tmp_path):
    set_controller(SimpleNamespace(auth=auth, audit=auth.audit, settings=Settings(data_dir=tmp_path, app_auth="off")))
    try:
        access = _sub(root, AccessState)
        access.session_token = (await auth.sign_in(PASSWORD)).secret
        await _run(access, "load")
        assert access.app_auth_off
    finally:
        set_controller(None)


async def test_change_password_keeps_this_browser_signed_in(controller, root, auth):
    access, session = _sub(root, AccessState), _sub(root, SessionState)
    other = (await auth.sign_in(PASSWORD)).secret
    access.session_token = (await auth.sign_in(PASSWORD)).secret
    form = {"current_password": PASSWORD, "new_password": "brand new password", "confirm_password": "nope"}
    await _run(access, "change_password", form=form)
    assert "differ" in access.error
    form["confirm_password"] = "brand new password"
    await _run(access, "change_password", form=form)
    assert access.error == "" and await _run(session, "require_login") is None
    assert auth.session_identity(other) is None
    assert await auth.sign_in("brand new password")


async def test_event_guard_blocks_every_handler_without_a_session(controller, root, auth):
    from reflex_base.event import Event

    from spark_control.state.guard import OperatorSessionGuard

    guard = OperatorSessionGuard()
    access = AccessState.get_full_name()
    login = LoginState.get_full_name()
    blocked = [
        f"{access}.create_key",
        f"{access}.setvar",
        f"{access}.load",
        f"{SessionState.get_full_name()}.setvar",
        "reflex___state____state.not_a_state.create_key",
    ]
    allowed = [
        f"{login}.submit",
        f"{login}.load",
        f"{SessionState.get_full_name()}.require_login",
        "reflex___state____state.hydrate_and_load",
        "reflex___state____state.reflex___state____update_vars_internal_state.update_vars_internal",
    ]
    for name in blocked:
        update = await guard.preprocess(None, root, Event(name=name))
        assert update is not None, name
        assert [e.name for e in update.events] == ["_redirect"]
    for name in allowed:
        assert await guard.preprocess(None, root, Event(name=name)) is None, name
    assert sum(e.action == "auth.denied" for e in auth.audit.recent()) == len(blocked)

    _sub(root, SessionState).session_token = (await auth.sign_in(PASSWORD)).secret
    for name in blocked[:-1]:
        assert await guard.preprocess(None, root, Event(name=name)) is None, name


async def test_is_signed_in_for_server_pushes(controller, root, auth):
    from spark_control.state.session import is_signed_in

    assert not await is_signed_in(root)
    _sub(root, SessionState).session_token = (await auth.sign_in(PASSWORD)).secret
    assert await is_signed_in(root)
