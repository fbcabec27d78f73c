"""Pieces the benchmarks share: stopping a server started in its own process group, and wrapping
the project's API the way ``rx.App`` does, so a benchmark measures the stack as shipped.

Imported as ``benchmarks._common``: scripts run as ``python benchmarks/x.py`` put the project
root on ``sys.path`` first."""

from __future__ import annotations

import gc
import os
import signal
import subprocess

from starlette.applications import Starlette
from starlette.middleware.cors import CORSMiddleware


def stop_group(proc: subprocess.Popen, grace_s: float = 10.0) -> None:
    """SIGTERM the process group started with ``start_new_session``; SIGKILL after ``grace_s``."""
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(grace_s)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def like_rx_app(api) -> Starlette:
    """``api`` as ``rx.App`` serves it: CORS on the transformer, a top-level Starlette with CORS
    that mounts it at "", and the objects alive now frozen, as the app's lifespan does once the
    controller is up."""
    cors = {"allow_credentials": True, "allow_methods": ["*"], "allow_headers": ["*"], "allow_origins": ["*"]}
    api.add_middleware(CORSMiddleware, **cors)
    top = Starlette()
    top.mount("", api)
    top.add_middleware(CORSMiddleware, **cors)
    gc.collect()
    gc.freeze()
    return top
