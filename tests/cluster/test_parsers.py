"""Table tests for the pure parsers: docker ps/inspect/logs, nvidia-smi (GB10 [N/A]), meminfo,
df, uptime, and vLLM log phases."""

import json

import pytest

from spark_control.cluster import docker, stats, vllm_logs

PS = (
    "\n".join(
        json.dumps(d)
        for d in [
            {
                "ID": "abc",
                "Names": "vllm_node",
                "Image": "vllm-node",
                "Status": "Up 4 minutes (healthy)",
                "State": "running",
                "Command": '"vllm serve"',
                "Ports": "",
                "Labels": "a=1,b=2",
            },
            {"ID": "def", "Names": "parakeet-asr", "Image": "p", "Status": "Up 3 seconds (health: starting)"},
            {"ID": "ghi", "Names": "old", "Image": "x", "Status": "Exited (137) 2 minutes ago"},
            {"ID": "jkl", "Names": "new", "Image": "x", "Status": "Created"},
        ]
    )
    + "\nWARNING: junk\n"
)


def test_docker_ps_json():
    rows = docker.parse_ps_json(PS)
    assert [r.name for r in rows] == ["vllm_node", "parakeet-asr", "old", "new"]
    assert rows[0].running and rows[0].health == "healthy" and rows[0].labels == {"a": "1", "b": "2"}
    assert rows[1].state == "running" and rows[1].health == "starting"
    assert rows[2].state == "exited" and rows[2].exit_code == 137 and not rows[2].running
    assert rows[3].state == "created" and rows[3].health is None


def test_docker_inspect_and_served_name():
    text = json.dumps(
        [
            {
                "Id": "abc",
                "Name": "/vllm_node",
                "Path": "vllm",
                "Args": ["serve", "org/m", "--served-model-name", "m1"],
                "Config": {"Image": "vllm-node"},
                "HostConfig": {"Memory": 1073741824},
                "State": {
                    "Status": "exited",
                    "Running": False,
                    "ExitCode": 137,
                    "OOMKilled": True,
                    "Health": {"Status": "unhealthy"},
                    "StartedAt": "s",
                    "FinishedAt": "f",
                },
            }
        ]
    )
    (d,) = docker.parse_inspect(text)
    assert d.name == "vllm_node" and d.exit_code == 137 and d.oom_killed and d.health == "unhealthy"
    assert d.memory_limit == 1 << 30
    assert docker.served_name_from_args(d.args) == "m1"
    assert docker.served_name_from_args(["--served-model-name=x"]) == "x"
    assert docker.served_name_from_args(["serve"]) is None
    assert docker.parse_inspect("[]") == [] and docker.parse_inspect("") == []


def test_docker_logs_strip_timestamps_and_tqdm():
    text = "2026-01-01T00:00:00.123Z hello\n\nshards 10%\rshards 50%\rshards 100%\n"
    assert docker.parse_logs(text) == ["hello", "shards 100%"]
    assert docker.parse_logs("\n".join(str(i) for i in range(10)), keep=3) == ["7", "8", "9"]


@pytest.mark.parametrize(
    "line,expect",
    [
        ("NVIDIA GB10, 96, [N/A], [N/A], 51, 37.12", ("NVIDIA GB10", 96.0, None, None, 51.0, 37.12)),
        ("NVIDIA GB10, 0 %, [N/A], [N/A], 40 C, 4.5 W", ("NVIDIA GB10", 0.0, None, None, 40.0, 4.5)),
        ("NVIDIA H100, 5, 1024, 81559, 33, [Not Supported]", ("NVIDIA H100", 5.0, 1024.0, 81559.0, 33.0, None)),
    ],
)
def test_nvidia_smi(line, expect):
    (g,) = stats.parse_nvidia_smi(
        "name, utilization.gpu [%], memory.used [MiB], memory.total [MiB], temperature.gpu, power.draw [W]\n" + line
    )
    assert (g.name, g.utilization_pct, g.memory_used_mib, g.memory_total_mib, g.temperature_c, g.power_w) == expect


def test_nvidia_smi_bad_line():
    with pytest.raises(ValueError):
        stats.parse_nvidia_smi("NVIDIA GB10, 1, 2")


def test_meminfo():
    text = (
        "MemTotal:       127535780 kB\nMemFree:         1000000 kB\nMemAvailable:   100000000 kB\nHugePages_Total: 0\n"
    )
    m = stats.parse_meminfo(text)
    assert m.total_bytes == 127535780 * 1024 and m.available_bytes == 100000000 * 1024
    assert round(m.available_gib, 2) == 95.37
    with pytest.raises(ValueError):
        stats.parse_meminfo("MemTotal: 1 kB\n")


def test_df_and_uptime():
    df = "Filesystem 1-blocks Used Available Capacity Mounted on\n/dev/nvme0n1p2 3936818049024 1000 2000 1% /\n"
    (d,) = stats.parse_df(df)
    assert (d.mount, d.total_bytes, d.used_bytes, d.available_bytes) == ("/", 3936818049024, 1000, 2000)
    assert stats.parse_proc_uptime("12345.67 2345.00\n") == 12345.67
    assert stats.parse_uptime(" 10:01:02 up 3 days,  4:05,  1 user,  load average: 0.1") == 3 * 86400 + 4 * 3600 + 300
    assert stats.parse_uptime(" 10:01:02 up 17 min,  1 user") == 17 * 60
    with pytest.raises(ValueError):
        stats.parse_uptime("garbage")


@pytest.mark.parametrize(
    "lines,stage,frac_min,fatal",
    [
        ([], "starting", 0.0, None),
        (["INFO Starting to load model org/m..."], "weights", 0.05, None),
        (
            ["Starting to load model", "Loading safetensors checkpoint shards:  50% Completed | 2/4 [00:01<00:01]"],
            "weights",
            0.34,
            None,
        ),
        (["Starting to load model", "Model loading took 15.2 GiB and 30.1 seconds"], "kv_cache", 0.65, None),
        (["# GPU blocks: 12345", "Capturing CUDA graph shapes: 100%"], "cuda_graphs", 0.75, None),
        (["Starting vLLM API server 0 on http://0.0.0.0:8000"], "api_server", 0.95, None),
        (["INFO:     Application startup complete."], "ready", 1.0, None),
        (
            ["Starting to load model", "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate"],
            "weights",
            0.05,
            "out of GPU memory",
        ),
        (
            [
                "ValueError: Free memory on device cuda:0 (2.6/121.63 GiB) on startup is less than desired GPU memory "
                "utilization (0.08, 9.73 GiB)."
            ],
            "starting",
            0.0,
            "not enough free memory at startup",
        ),
        (
            ["OSError: foo/bar is not a local folder and is not a valid model identifier listed on"],
            "starting",
            0.0,
            "unknown or inaccessible model",
        ),
        (["OSError: [Errno 98] Address already in use"], "starting", 0.0, "port in use"),
        (
            ["RuntimeError: Engine core initialization failed. See root cause above."],
            "starting",
            0.0,
            "engine failed to start",
        ),
        # stages never go backwards
        (["Application startup complete", "Starting to load model"], "ready", 1.0, None),
    ],
)
def test_vllm_log_phases(lines, stage, frac_min, fatal):
    p = vllm_logs.parse_progress(lines)
    assert p.stage == stage
    assert p.fraction >= frac_min
    assert p.fatal == fatal
    if lines and not fatal:
        assert p.fraction <= 1.0


def test_vllm_shard_counts():
    p = vllm_logs.parse_progress(["Loading safetensors checkpoint shards: 75% Completed | 3/4 [00:03<00:01]"])
    assert (p.shards_done, p.shards_total) == (3, 4)
    assert 0.5 <= p.fraction < 0.65
