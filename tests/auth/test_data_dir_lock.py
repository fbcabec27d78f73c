"""One controller per DATA_DIR: a second one (another process) is refused at start with a clear
message; the lock of a crashed controller does not block the next start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from spark_control.controller import Controller, DataDirLock
from spark_control.errors import ConfigError
from spark_control.settings import load_settings

HOLDER = (
    "import sys, time; from spark_control.controller import DataDirLock; "
    "DataDirLock(sys.argv[1]).acquire(); print('locked', flush=True); time.sleep(600)"
)


@pytest.fixture
def other_controller(tmp_path):
    """Another process holding DATA_DIR's lock, as a running controller does."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)


async def test_a_second_controller_on_the_same_data_dir_is_refused(tmp_path, other_controller):
    c = Controller(load_settings(data_dir=tmp_path, demo=True))
    with pytest.raises(ConfigError) as e:
        await c.start()
    msg = str(e.value)
    assert "already running" in msg and str(tmp_path) in msg and f"pid {other_controller.pid}" in msg
    assert c.sim is None and c.cluster_services is None  # refused before anything started
    c.db.close()


async def test_a_crashed_controller_does_not_block_the_next(tmp_path, other_controller):
    os.kill(other_controller.pid, signal.SIGKILL)  # no clean exit: the lock file stays behind
    other_controller.wait(timeout=10)
    assert (tmp_path / ".lock").read_text().strip() == str(other_controller.pid)
    lock = DataDirLock(tmp_path)
    lock.acquire()
    assert (tmp_path / ".lock").read_text().strip() == str(os.getpid())
    lock.release()


def test_released_on_stop_so_the_next_controller_starts(tmp_path):
    first = DataDirLock(tmp_path)
    first.acquire()
    with pytest.raises(ConfigError):
        DataDirLock(tmp_path).acquire()  # flock is per open file: a second holder even in-process
    first.release()
    second = DataDirLock(tmp_path)
    second.acquire()
    second.release()
