"""Idle memory guard: what only some requests need is loaded on first use, not at start.

A fresh interpreter (so nothing another test imported counts) imports the app module the way
granian does, starts the controller against a configured (not simulated) cluster and checks that
numpy, the embedded search engine and the name gazetteer are not loaded; then it
uses each once and checks that each loads. docs/OPERATIONS.md ("Idle memory") has the figures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Loaded only by requests that need them (heavy to import or to hold); never by an idle controller.
HEAVY = ["numpy", "qdrant_edge", "qdrant_client", "scipy", "soundfile", "pandas", "spark_control.sim"]

SCRIPT = textwrap.dedent(
    """
    import asyncio, io, json, sys, wave

    def heavy():
        loaded = [m for m in HEAVY if m in sys.modules]
        from spark_control.redaction.lexicon import default_lexicon
        if default_lexicon.cache_info().currsize:
            loaded.append("name gazetteer")
        return loaded

    report = {}
    import spark_control.spark_control  # the app module, as the granian worker imports it
    report["after_app_import"] = heavy()

    from spark_control.controller import Controller
    from spark_control.settings import load_settings

    async def main():
        c = Controller(load_settings())
        await c.start()
        try:
            await asyncio.sleep(1.5)  # the monitor, overview and telemetry have run
            report["controller_idle"] = heavy()
            report["demo"] = c.demo
            report["speech"] = c.speech is not None
            report["search"] = c.search is not None

            # first use loads each
            scrubbed = c.redaction.scrub("Call Priya Raghunathan on +1 415 555 0100 about the invoice.")
            report["scrub_types"] = sorted({e["type"] for e in scrubbed.entities})
            report["after_scrub"] = heavy()

            from spark_control.speech.audio import decode
            buf = io.BytesIO()
            with wave.open(buf, "wb") as w:
                w.setnchannels(1); w.setsampwidth(2); w.setframerate(16000)
                w.writeframes(b"\\x00\\x01" * 16000)
            audio = await decode(buf.getvalue())
            report["decoded_samples"] = int(audio.samples.shape[0])
            report["after_decode"] = heavy()

            await c.search.engine.create_collection("idle-guard", 8)
            report["after_create_collection"] = heavy()
        finally:
            await c.stop()

    asyncio.run(main())
    print("REPORT " + json.dumps(report))
    """
)


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_heavy_modules_load_on_first_use_not_at_start(tmp_path):
    # A configured cluster whose services are not up: the controller starts as against real
    # Sparks (speech and search clients exist), without the simulator in the process.
    cluster = {
        "nodes": [
            {
                "name": "spark1",
                "host": "127.0.0.1",
                "user": "sparkops",
                "ssh_port": _closed_port(),
                "services": {"vllm": _closed_port()},
            },
            {
                "name": "spark2",
                "host": "127.0.0.1",
                "user": "sparkops",
                "ssh_port": _closed_port(),
                "services": {"asr": _closed_port(), "tts": _closed_port(), "embed": _closed_port()},
            },
        ]
    }
    cluster_file = tmp_path / "cluster.json"  # JSON is YAML
    cluster_file.write_text(json.dumps(cluster))
    env = dict(os.environ, CLUSTER_FILE=str(cluster_file), DEMO="false", DATA_DIR=str(tmp_path / "data"))
    for var in ("SPARK1_HOST", "SPARK2_HOST", "QDRANT_URL", "SSH_KEY_PATH", "SSH_KNOWN_HOSTS"):
        env.pop(var, None)
    code = f"HEAVY = {HEAVY!r}\n" + SCRIPT
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("REPORT ")]
    assert proc.returncode == 0 and lines, proc.stderr[-4000:]
    report = json.loads(lines[-1][len("REPORT ") :])

    assert report["demo"] is False and report["speech"] and report["search"]
    assert report["after_app_import"] == []
    assert report["controller_idle"] == []
    # the default scrubber runs in the worker process: the gazetteer loads there, not here
    assert report["scrub_types"] == ["PERSON", "PHONE"]
    assert "name gazetteer" not in report["after_scrub"]
    assert report["decoded_samples"] == 16000
    assert "numpy" in report["after_decode"]
    assert "qdrant_edge" in report["after_create_collection"]
    assert "spark_control.sim" not in report["after_create_collection"]


async def test_redaction_gazetteer_loads_when_the_page_warms_it_not_at_start(tmp_path):
    from spark_control.redaction.service import RedactionService, process_scrubber_loaded
    from spark_control.workers import run_in_process

    svc = RedactionService(tmp_path / "redaction.db", tmp_path / "redaction.key")
    await svc.start()
    try:
        assert svc._scrubber is None  # start leaves it for the first use
        await svc.warm()  # what opening the Redaction page does: in the worker process, off the loop
        assert svc._scrubber is None  # not in this process
        assert await run_in_process(process_scrubber_loaded)
        assert svc.scrub("Email jane.doe@example.com today.").entities
    finally:
        await svc.stop()


def test_lazy_module_imports_once_on_first_attribute_read(tmp_path, monkeypatch):
    import threading

    from spark_control.lazy import lazy_module

    loads = tmp_path / "loads"  # the module appends a line here each time it is executed
    (tmp_path / "idle_probe_mod.py").write_text(f"open({str(loads)!r}, 'a').write('x\\n')\nVALUE = 42\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "idle_probe_mod", raising=False)

    mod = lazy_module("idle_probe_mod")
    assert "idle_probe_mod" not in sys.modules
    assert not hasattr(mod, "__wrapped__")  # introspection (inspect, pickle) does not import it
    assert "idle_probe_mod" not in sys.modules

    seen = []
    threads = [threading.Thread(target=lambda: seen.append(mod.VALUE)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == [42] * 8
    real = sys.modules["idle_probe_mod"]
    assert loads.read_text() == "x\n"  # imported once, even with 8 threads reading at once
    assert "VALUE" in vars(mod)  # copied over: later reads are plain attribute reads
    with pytest.raises(AttributeError):
        _ = mod.missing
    assert lazy_module("idle_probe_mod") is real  # once imported, the real module is handed out
