"""``python -m spark_control.sim`` as a separate process: the files it writes are enough for an
SSH client (asyncssh and OpenSSH's ssh) to get in with host-key checking on."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import sys

import asyncssh
import httpx
import pytest
import yaml

from spark_control.settings import PROJECT_ROOT, load_cluster_file


async def test_standalone_runner(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "spark_control.sim",
        "--data-dir",
        str(tmp_path),
        "--speed",
        "50",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        env=env,
        cwd=str(tmp_path),
    )
    try:
        out = ""
        while "Ctrl-C stops it." not in out:
            line = await asyncio.wait_for(proc.stdout.readline(), 30)
            assert line, out
            out += line.decode()
        assert f"export CLUSTER_FILE={tmp_path / 'cluster.yaml'}" in out
        cluster = load_cluster_file(tmp_path / "cluster.yaml")
        assert [n.name for n in cluster.nodes] == ["spark1", "spark2"]
        assert yaml.safe_load((tmp_path / "cluster.yaml").read_text())["nodes"][0]["host"] == "127.0.0.1"
        n1 = cluster.node("spark1")
        key = str(tmp_path / "client_ed25519")
        assert os.stat(key).st_mode & 0o077 == 0
        async with asyncssh.connect(
            "127.0.0.1",
            n1.ssh_port,
            username=n1.user,
            client_keys=[key],
            known_hosts=str(tmp_path / "known_hosts"),
            agent_path=None,
            config=None,
        ) as conn:
            assert (await conn.run("hostname")).stdout == "spark-1\n"
        async with httpx.AsyncClient() as c:
            r = await c.get(cluster.url_for("vllm") + "/v1/models")
            assert r.status_code == 200
            # the speech and embeddings services are demo mode's simulators, not 501 placeholders
            # (scripts/e2e-live runs its whole check against this process)
            for kind, path in (("tts", "/v1/audio/voices"), ("embed", "/health")):
                for _ in range(100):  # the port listens once the container is healthy
                    try:
                        r = await c.get(cluster.url_for(kind) + path)
                        break
                    except httpx.TransportError:
                        await asyncio.sleep(0.1)
                assert r.status_code == 200, (kind, r.text)
            assert r.json().get("status") != "placeholder"
            r = await c.post(cluster.url_for("embed") + "/embed", json={"inputs": ["hello"]})
            assert r.status_code == 200 and r.json()["dense"], r.text
        if shutil.which("ssh"):
            ssh = await asyncio.create_subprocess_exec(
                "ssh",
                "-i",
                key,
                "-o",
                f"UserKnownHostsFile={tmp_path / 'known_hosts'}",
                "-o",
                "BatchMode=yes",
                "-o",
                "StrictHostKeyChecking=yes",
                "-F",
                "/dev/null",
                "-p",
                str(n1.ssh_port),
                f"{n1.user}@127.0.0.1",
                "docker ps --format '{{.Names}}'",
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
            so, se = await asyncio.wait_for(ssh.communicate(), 20)
            assert ssh.returncode == 0, se
            assert so.decode() == "vllm_node\n"
        else:
            pytest.skip("no OpenSSH client")
    finally:
        proc.send_signal(signal.SIGINT)
        rc = await asyncio.wait_for(proc.wait(), 15)
    assert rc == 0
