"""ONE built app and ONE simulated cluster for every browser test: `reflex run --env prod` in
demo mode, started once per session as a subprocess (exactly what ships: granian, one port)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
OPERATOR_PASSWORD = "browser-test-operator-pw-1"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"app exited with {proc.returncode} before {url} answered")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout}s")


@pytest.fixture(scope="session")
def operator_password() -> str:
    return OPERATOR_PASSWORD


@pytest.fixture(scope="session")
def server_url(tmp_path_factory) -> str:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    port = _free_port()
    data_dir = tmp_path_factory.mktemp("app-data")
    env = dict(
        os.environ,
        DATA_DIR=str(data_dir),
        BIND_PORT=str(port),
        OPERATOR_PASSWORD=OPERATOR_PASSWORD,
        SIM_SPEED="40",
        REFLEX_TELEMETRY_ENABLED="false",
        REFLEX_CHECK_LATEST_VERSION="false",
    )
    for var in ("SPARK1_HOST", "SPARK2_HOST", "CLUSTER_FILE"):
        env.pop(var, None)
    log_path = data_dir / "server.log"
    log = open(log_path, "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "reflex",
            "run",
            "--env",
            "prod",
            "--frontend-port",
            str(port),
            "--backend-port",
            str(port),
            "--backend-host",
            "127.0.0.1",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_http(url + "/ping", proc, timeout=600)
        _wait_http(url + "/", proc, timeout=120)
        _wait_http(url + "/health", proc, timeout=120)  # 503 until the controller (and its sim) is up
        yield url
    except Exception:
        print(log_path.read_text()[-5000:])
        raise
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


@pytest.fixture(scope="session")
def fake_mic_wav(tmp_path_factory) -> Path | None:
    """Real speech for Chromium's fake microphone (the Speech page's Record button)."""
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        return None
    wav = tmp_path_factory.mktemp("mic") / "mic.wav"
    text = "Good morning. This is a recording from the browser microphone. The cluster is healthy."
    subprocess.run([espeak, "-v", "en-us", "-w", str(wav), text], check=True)
    return wav


@pytest.fixture(scope="session")
def browser(fake_mic_wav):
    from playwright.sync_api import sync_playwright

    args = list(CHROMIUM_ARGS)
    if fake_mic_wav is not None:
        args += ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                 f"--use-file-for-fake-audio-capture={fake_mic_wav}"]  # fmt: skip
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=args)
        yield b
        b.close()


@pytest.fixture(scope="session")
def operator_storage(browser, server_url, operator_password):
    """Sign in once for the session; every `page` starts with that operator cookie."""
    from tests.browser.signin import sign_in

    ctx = browser.new_context(base_url=server_url)
    sign_in(ctx.new_page(), operator_password)
    state = ctx.storage_state()
    ctx.close()
    return state


@pytest.fixture
def page(browser, server_url, operator_storage):
    context = browser.new_context(
        base_url=server_url, viewport={"width": 1400, "height": 900}, storage_state=operator_storage
    )
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    goto = pg.goto

    def goto_connected(url: str, **kw):
        """Navigate, then wait until the page's websocket is up: the demo badge is filled by an
        on_load event that round-trips to the backend. A click before that can be lost."""
        response = goto(url, **kw)
        try:
            pg.locator("#demo-badge").wait_for(state="visible", timeout=20_000)
        except PlaywrightTimeoutError:
            pass  # pages without the layout (sign-in) have no badge
        return response

    pg.goto = goto_connected
    yield pg
    context.close()
