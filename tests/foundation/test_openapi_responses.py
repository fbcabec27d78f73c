"""Every JSON route of the API declares its response model, so the OpenAPI schema documents each
answer; and a typed view renders the core's answer to the very bytes the bare dict did (the
route tests are the shape contract for the routes they call; these cover the answers they do not
reach: pins, telemetry, sign-out everywhere, a job accepted, the models list during a swap)."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest
from pydantic import TypeAdapter

from spark_control.api import audio, auth, cluster, health
from spark_control.api.app import create_api
from spark_control.cluster.nodes import ConnectionTest
from spark_control.cluster.serving import ServingInfo, SwapSignal
from spark_control.settings import load_settings
from spark_control.speech.queue import QueueStats


def _refers_to_a_model(schema: dict) -> bool:
    return "$ref" in json.dumps(schema)


def test_every_json_route_has_a_response_model_in_openapi(tmp_path):
    paths = create_api(settings=load_settings(data_dir=tmp_path, demo=True)).openapi()["paths"]
    json_routes, missing = [], []
    for path, ops in paths.items():
        for method, op in ops.items():
            for status, answer in op["responses"].items():
                body = answer.get("content", {}).get("application/json")
                if status.startswith("2") and body is not None:
                    json_routes.append(f"{method.upper()} {path}")
                    if not _refers_to_a_model(body.get("schema", {})):
                        missing.append(f"{method.upper()} {path} {status}")
    assert missing == []
    assert len(json_routes) >= 60  # the whole API, not a router that failed to load
    # streams and binary answers say what they are instead of an empty JSON schema
    assert "text/event-stream" in paths["/api/swap/{job_id}/events"]["get"]["responses"]["200"]["content"]
    assert "text/event-stream" in paths["/v1/chat/completions"]["post"]["responses"]["200"]["content"]
    assert "application/json" not in paths["/v1/audio/speech"]["post"]["responses"]["200"]["content"]


def _bare(value) -> bytes:
    """What Starlette's JSONResponse sent for a route that returned the dict itself."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


SERVING = ServingInfo(model="qwen3-32b", served_name="qwen3", base_url="http://<spark-1-ip>:8888", since=1733300000.25)
SIGNAL = SwapSignal(
    job_id="swap-1", model="llama-70b", previous_model="qwen3-32b", step="load", started_at=1733300100.5, eta_s=42.0
)


@pytest.mark.parametrize(
    "view, core, sent",
    [
        (cluster.UnpinView, {"node": "spark1", "removed": 2, "state": "unpinned"}, None),
        (cluster.PinView, {"node": "spark1", "fingerprint": "SHA256:" + "a" * 43, "state": "pinned"}, None),
        (cluster.JobAccepted, {"job_id": "swap-20261204-0001"}, None),
        (auth.SignedOut, {"signed_out": 3}, None),
        (
            health.TelemetryView,
            {
                "metric": "gpu_util_pct",
                "label": "GPU %",
                "points": [{"t": 1733300000.0, "spark1": 12.5, "spark2": 0.0}],
            },
            None,
        ),
        (audio.Voices, {"voices": ["af_heart", "af_bella"]}, None),
        (audio.Voices, {"voices": [{"id": "af_heart", "name": "Heart"}]}, None),
        # the core's own dataclass as the view: what to_dict()/__dict__ sent before
        (QueueStats, QueueStats(1, 0, 1, 7, 0, 0, 0, 2.0), asdict(QueueStats(1, 0, 1, 7, 0, 0, 0, 2.0))),
        (
            ConnectionTest,
            ConnectionTest(node="spark1", host="192.0.2.11", port=22, ok=False, stage="connect", reason="refused"),
            ConnectionTest(
                node="spark1", host="192.0.2.11", port=22, ok=False, stage="connect", reason="refused"
            ).to_dict(),
        ),
        # the models list during a swap: the core's dataclasses go in, their fields come out
        (
            cluster.ModelsView,
            {"models": [], "serving": SERVING, "swap": SIGNAL},
            {"models": [], "serving": asdict(SERVING), "swap": asdict(SIGNAL)},
        ),
        (cluster.ModelsView, {"models": [], "serving": None, "swap": None}, None),
    ],
)
def test_a_typed_view_sends_the_same_bytes_as_the_bare_answer(view, core, sent):
    assert TypeAdapter(view).dump_json(TypeAdapter(view).validate_python(core, from_attributes=True)) == _bare(
        sent if sent is not None else core
    )
