"""Run the simulated cluster on its own: ``python -m spark_control.sim``.

It prints (and writes to files) everything needed to point Spark Control at it as if it were a
real cluster: a CLUSTER_FILE with the nodes and their loopback ports, a known_hosts file with the
fake hosts' keys, and the client key the fake hosts accept."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
import tempfile
from pathlib import Path

import asyncssh
import yaml

from spark_control.catalog import load_catalog
from spark_control.controller import sim_service_factories
from spark_control.settings import PROJECT_ROOT
from spark_control.sim.cluster import SimCluster


def _client_key(data_dir: Path, given: str | None) -> tuple[str, Path | None]:
    """(public key line, private key path or None when the caller brought their own)."""
    if given:
        pub = Path(given).read_text().strip()
        return pub, None
    priv = data_dir / "client_ed25519"
    if not priv.is_file():
        key = asyncssh.generate_private_key("ssh-ed25519", comment="spark-control@sim")
        old = os.umask(0o077)
        try:
            key.write_private_key(str(priv))
            key.write_public_key(str(priv) + ".pub")
        finally:
            os.umask(old)
    return Path(str(priv) + ".pub").read_text().strip(), priv


async def _main(args: argparse.Namespace, data_dir: Path) -> None:
    pub, priv = _client_key(data_dir, args.client_key)
    catalog = load_catalog(args.models)
    sim = SimCluster(
        data_dir,
        catalog,
        pub,
        speed=args.speed,
        base_port=args.base_port,
        ttft_s=args.ttft,
        tokens_per_s=args.tokens_per_s,
        # the same simulated speech and embeddings services as demo mode (scripts/e2e-live uses them)
        extra_services=sim_service_factories(),
    )
    await sim.start()
    cfg = sim.cluster_config
    cluster_file = data_dir / "cluster.yaml"
    cluster_file.write_text(yaml.safe_dump(cfg.model_dump(), sort_keys=False))
    known_hosts = data_dir / "known_hosts"
    known_hosts.write_text("\n".join(sim.known_hosts_lines()) + "\n")
    key_line = f"SSH_KEY_PATH={priv}" if priv else "SSH_KEY_PATH=<the private key of --client-key>"
    print(f"""Simulated Spark cluster is up (speed x{args.speed:g}); data in {data_dir}
""")
    for n in cfg.nodes:
        services = ", ".join(f"{k} http://127.0.0.1:{p}" for k, p in n.services.items())
        print(f"  {n.name}: ssh {n.user}@127.0.0.1 -p {n.ssh_port}   {services}")
    print(
        f"""
Point Spark Control at it (as a separate "real" cluster):

  export CLUSTER_FILE={cluster_file}
  export {key_line}
  export SSH_KNOWN_HOSTS={known_hosts}

Try it by hand:
  ssh -i {priv or "<key>"} -o UserKnownHostsFile={known_hosts} -p {cfg.node("spark1").ssh_port} \\
      {cfg.node("spark1").user}@127.0.0.1 docker ps
  curl http://127.0.0.1:{cfg.node("spark1").services["vllm"]}/v1/models

Ctrl-C stops it.""",
        flush=True,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await sim.stop()


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m spark_control.sim", description=__doc__.splitlines()[0])
    p.add_argument("--data-dir", help="where keys, cluster.yaml and known_hosts go (default: a temp dir)")
    p.add_argument("--client-key", metavar="PATH.pub", help="public key the fake hosts accept (default: generate)")
    p.add_argument("--models", default=str(PROJECT_ROOT / "models.yaml"), help="model catalog (models.yaml)")
    p.add_argument("--speed", type=float, default=20.0, help="simulated seconds per real second (default 20)")
    p.add_argument(
        "--base-port",
        type=int,
        default=0,
        help="fixed ports: ssh base+1/+2, vllm base+10, asr/tts/embed/qdrant base+20..23 (default: random)",
    )
    p.add_argument("--ttft", type=float, default=0.02, help="fake vLLM time to first token, real seconds")
    p.add_argument("--tokens-per-s", type=float, default=200.0, help="fake vLLM generation speed")
    p.add_argument("-v", "--verbose", action="store_true")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING)
    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix="spark-sim-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_main(args, data_dir))


if __name__ == "__main__":
    main()
