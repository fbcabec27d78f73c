"""Telemetry parsing and retention (pure parts + real SQLite)."""

from spark_control.events import EventHub
from spark_control.health.telemetry import TelemetryCollector, parse_clocks, parse_prometheus, token_rate, vllm_gauges

NEW_AND_OLD = """# HELP vllm:kv_cache_usage_perc KV-cache usage. 1 means 100 percent usage.
# TYPE vllm:kv_cache_usage_perc gauge
vllm:kv_cache_usage_perc{engine="0",model_name="m"} 0.42
vllm:gpu_cache_usage_perc{engine="0",model_name="m"} 0.99
vllm:num_requests_running{engine="0",model_name="m"} 3.0
vllm:num_requests_waiting{engine="0",model_name="m"} 0.0
vllm:generation_tokens_total{engine="0",model_name="m"} 1234.0
"""


def test_kv_cache_prefers_the_current_name_and_falls_back_to_the_deprecated_one():
    g = vllm_gauges(parse_prometheus(NEW_AND_OLD))
    assert g["vllm_kv_cache_pct"] == 42.0
    assert g["vllm_requests_running"] == 3 and g["vllm_requests_waiting"] == 0
    assert g["_generation_tokens_total"] == 1234
    old_only = NEW_AND_OLD.replace("vllm:kv_cache_usage_perc{", "other{")
    assert vllm_gauges(parse_prometheus(old_only))["vllm_kv_cache_pct"] == 99.0
    assert "vllm_kv_cache_pct" not in vllm_gauges(parse_prometheus("vllm:num_requests_running 1\n"))


def test_token_rate_and_counter_reset():
    assert token_rate(None, (10.0, 100.0)) is None
    assert token_rate((10.0, 100.0), (12.0, 300.0)) == 100.0
    assert token_rate((10.0, 300.0), (12.0, 5.0)) is None  # vLLM restarted: no negative rate


def test_clocks_with_na():
    assert parse_clocks("2418, 8533\n") == (2418.0, 8533.0)
    assert parse_clocks("2418 MHz, [N/A]\n") == (2418.0, None)


def test_raw_for_an_hour_then_minute_averages_kept_48_h(db):
    tel = TelemetryCollector(db, EventHub(), lambda: None)
    now = 1_800_000_000.0
    # 3 samples in one minute 2 h ago, one sample 50 h ago (already a minute row), one fresh sample
    for i, v in enumerate((10.0, 20.0, 60.0)):
        tel.store(now - 7200 + i * 5, {"spark1": {"gpu_util_pct": v}})
    db.execute("INSERT INTO telemetry_minute VALUES (?, 'spark1', 'gpu_util_pct', 5, 5, 5, 1)", (now - 50 * 3600,))
    tel.store(now - 10, {"spark1": {"gpu_util_pct": 99.0}})
    tel.downsample(now)
    raw = db.query("SELECT value FROM telemetry_raw")
    assert [r["value"] for r in raw] == [99.0]
    (m,) = db.query("SELECT * FROM telemetry_minute")
    assert (m["avg"], m["min"], m["max"], m["n"]) == (30.0, 10.0, 60.0, 3)
    pts = tel.series("gpu_util_pct", since=now - 24 * 3600, step_s=60)
    assert [p["spark1"] for p in pts] == [30.0, 99.0]
