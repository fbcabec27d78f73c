"""The auth core without any web framework: passwords, sessions, keys, the limiter."""

from __future__ import annotations

import asyncio

import pytest

from spark_control.auth import AuthService, AuthSettings, Denial, Identity
from spark_control.auth import passwords as pw
from spark_control.errors import BadRequest, Busy, Conflict, Unauthorized

from .conftest import PASSWORD


def test_password_hash_roundtrip_and_salted():
    a, b = pw.hash_password("s3cret-enough"), pw.hash_password("s3cret-enough")
    assert a != b and a.startswith("scrypt$")
    assert "s3cret-enough" not in a
    assert pw.verify_password("s3cret-enough", a)
    assert not pw.verify_password("s3cret-enougH", a)
    assert not pw.verify_password("x", "garbage")


@pytest.mark.parametrize("bad", ["short", "aaaaaaaaaaaa", "x" * 2000])
def test_weak_passwords_refused(bad):
    with pytest.raises(pw.WeakPassword):
        pw.check_strength(bad)


async def test_env_password_set_on_start_and_sign_in(auth: AuthService):
    assert auth.password_is_set()
    new = await auth.sign_in(PASSWORD, source="10.0.0.5")
    assert new.secret.startswith("scs_")
    who = auth.authenticate(new.secret, source="10.0.0.5")
    assert isinstance(who, Identity) and who.kind == "operator" and who.id == "operator"
    with pytest.raises(Unauthorized):
        await auth.sign_in("wrong password!", source="10.0.0.5")


async def test_first_start_from_ui(db, audit, clock):
    svc = AuthService(db, audit, AuthSettings(operator_password=None), clock=clock)
    await svc.start()
    assert not svc.password_is_set()
    with pytest.raises(BadRequest):
        await svc.set_initial_password("short")
    session = await svc.set_initial_password("a good long password")
    assert svc.session_identity(session.secret) is not None
    with pytest.raises(Conflict):
        await svc.set_initial_password("another good password")


async def test_session_expires_and_sign_out(auth: AuthService, clock):
    s = await auth.sign_in(PASSWORD)
    assert auth.session_identity(s.secret)
    clock.advance(11 * 3600)
    assert auth.session_identity(s.secret)
    clock.advance(2 * 3600)
    assert auth.session_identity(s.secret) is None
    assert auth.authenticate(s.secret) == Denial("expired", s.info.id, "sign-in")

    s2 = await auth.sign_in(PASSWORD)
    assert auth.sign_out(s2.secret)
    assert auth.session_identity(s2.secret) is None
    assert not auth.sign_out(s2.secret)


async def test_session_lifetime_change_applies_to_open_sessions(auth: AuthService, clock):
    s = await auth.sign_in(PASSWORD)
    auth.set_session_ttl(60, actor="operator")
    clock.advance(61)
    assert auth.session_identity(s.secret) is None
    auth.set_session_ttl(12 * 3600, actor="operator")
    assert auth.session_identity(s.secret) is not None


async def test_password_change_ends_other_sessions(auth: AuthService):
    old = await auth.sign_in(PASSWORD)
    new = await auth.change_password(PASSWORD, "an even better password")
    assert auth.session_identity(old.secret) is None
    assert auth.session_identity(new.secret) is not None
    with pytest.raises(Unauthorized):
        await auth.sign_in(PASSWORD, source="1.1.1.1")


async def test_app_keys_scoped_listed_revoked(auth: AuthService, clock):
    new = auth.create_app_key("crm app", ["llm", "Embed"], actor="operator")
    assert new.secret.startswith("sck_") and new.info.scopes == ("llm", "embed")
    listed = auth.list_keys("app")
    assert [k.id for k in listed] == [new.info.id]
    assert listed[0].last_used_at is None
    assert new.secret not in repr(listed)

    who = auth.authenticate(new.secret, source="10.1.1.1")
    assert isinstance(who, Identity) and who.kind == "app" and who.scopes == {"llm", "embed"}
    assert who.id == new.info.id
    # Principal ids are stable per key: the same key gives the same id each time.
    assert auth.authenticate(new.secret).id == who.id
    assert auth.get_key(new.info.id).last_used_at == clock()
    assert auth.get_key(new.info.id).last_used_from == "10.1.1.1"

    auth.revoke_key(new.info.id, actor="operator")
    assert auth.authenticate(new.secret).reason == "revoked"
    assert auth.authenticate("sck_" + "A" * 43).reason == "unknown"
    assert auth.authenticate("not-ours").reason == "unknown"
    assert auth.authenticate("").reason == "missing"


@pytest.mark.parametrize("scopes", [[], ["llm", "admin"]])
async def test_bad_scopes_refused(auth: AuthService, scopes):
    with pytest.raises(BadRequest):
        auth.create_app_key("x", scopes, actor="operator")


async def test_operator_token(auth: AuthService, clock):
    tok = auth.create_operator_token("deploy script", actor="operator")
    who = auth.authenticate(tok.secret)
    assert who.kind == "operator" and who.id == tok.info.id
    clock.advance(365 * 86400)  # operator tokens live until revoked
    assert isinstance(auth.authenticate(tok.secret), Identity)


async def test_secrets_stored_hashed_only(auth: AuthService, db):
    key = auth.create_app_key("k", ["llm"], actor="operator")
    s = await auth.sign_in(PASSWORD)
    dump = "\n".join(db._conn.iterdump())
    assert key.secret not in dump and s.secret not in dump and PASSWORD not in dump


async def test_failed_sign_ins_are_slowed_then_locked(auth: AuthService, clock, audit):
    src = "192.0.2.7"
    for _ in range(3):  # the free tries
        with pytest.raises(Unauthorized):
            await auth.sign_in("wrong password!", source=src)
    # Now each attempt waits twice as long as the one before; attempts inside the wait are
    # refused unchecked, even with the right password.
    waits = []
    for _ in range(4):
        wait = auth.limiter.wait_seconds(src)
        waits.append(wait)
        with pytest.raises(Busy) as exc:
            await auth.sign_in(PASSWORD, source=src)
        assert exc.value.retry_after == pytest.approx(wait)
        clock.advance(wait)
        with pytest.raises(Unauthorized):
            await auth.sign_in("wrong password!", source=src)
    assert waits == sorted(waits) and waits[0] == 1 and waits[-1] == 8 * waits[0]
    # Another address is not affected.
    assert await auth.sign_in(PASSWORD, source="192.0.2.8")
    # After the wait the right password works and clears the record.
    clock.advance(auth.limiter.wait_seconds(src))
    assert await auth.sign_in(PASSWORD, source=src)
    assert auth.limiter.failures(src) == 0
    results = [e.result for e in audit.recent(action_prefix="auth.signin")]
    assert "throttled" in results and "denied" in results


async def test_parallel_guesses_get_at_most_the_free_checks(auth: AuthService, monkeypatch):
    """20 wrong passwords at once from one address: the attempt is counted before the check, so
    only the free tries reach scrypt; the rest are refused unchecked (429)."""
    from spark_control.auth import passwords

    checks = []
    real = passwords.verify_password

    def counted(password, encoded):
        checks.append(1)
        return real(password, encoded)

    monkeypatch.setattr(passwords, "verify_password", counted)
    results = await asyncio.gather(
        *(auth.sign_in("wrong password!", source="192.0.2.20") for _ in range(20)), return_exceptions=True
    )
    assert len(checks) <= 3
    assert sorted(type(r).__name__ for r in results) == ["Busy"] * 17 + ["Unauthorized"] * 3


async def test_scrypt_runs_a_few_at_a_time(auth: AuthService, monkeypatch):
    """Password checks from many addresses share one small semaphore (scrypt is CPU and 32 MiB)."""
    import threading
    import time as _time

    from spark_control.auth import passwords
    from spark_control.auth.service import SCRYPT_SLOTS

    lock, running, peak = threading.Lock(), [0], [0]
    real = passwords.verify_password

    def tracked(password, encoded):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        try:
            _time.sleep(0.02)
            return real(password, encoded)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(passwords, "verify_password", tracked)
    await asyncio.gather(
        *(auth.sign_in("wrong password!", source=f"192.0.2.{i}") for i in range(12)), return_exceptions=True
    )
    assert 1 <= peak[0] <= SCRYPT_SLOTS


async def test_lockout_is_capped_and_persisted(db, audit, clock, auth):
    src = "192.0.2.9"
    for _ in range(20):
        auth.limiter.record_failure(src)
    assert auth.limiter.wait_seconds(src) == 900
    # A restart (new service on the same database) keeps the lock.
    again = AuthService(db, audit, AuthSettings(operator_password=PASSWORD), clock=clock)
    with pytest.raises(Busy):
        await again.sign_in(PASSWORD, source=src)


async def test_env_password_resets_changed_password(db, audit, clock, auth):
    await auth.change_password(PASSWORD, "changed in the ui!!")
    again = AuthService(db, audit, AuthSettings(operator_password=PASSWORD), clock=clock)
    await again.start()
    assert await again.sign_in(PASSWORD)


async def test_start_fixes_secret_file_modes(db, audit, clock, tmp_path):
    import os
    import stat

    key = tmp_path / "ssh" / "id_ed25519"
    key.parent.mkdir()
    key.write_text("private")
    os.chmod(key, 0o644)
    svc = AuthService(db, audit, AuthSettings(operator_password=PASSWORD), clock=clock, data_dir=tmp_path)
    await svc.start()
    assert stat.S_IMODE(key.stat().st_mode) == 0o600


def test_production_scrypt_cost_is_strong():
    import importlib

    fresh = importlib.reload(pw)
    assert fresh.LOG2_N >= 15 and fresh.R >= 8  # >= 32 MiB per guess
    assert fresh.hash_password("s3cret-enough").startswith("scrypt$15$8$1$")


async def test_weak_env_password_is_a_clear_config_error(db, audit, clock):
    from spark_control.errors import ConfigError

    svc = AuthService(db, audit, AuthSettings(operator_password="short"), clock=clock)
    with pytest.raises(ConfigError) as exc:
        await svc.start()
    assert "OPERATOR_PASSWORD" in exc.value.message and "short" not in exc.value.message.replace("too weak", "")
    assert not svc.password_is_set()
