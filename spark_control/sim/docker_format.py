"""How the fake ``docker`` CLI prints things: durations and the STATUS column, ``ps`` rows,
the Go-template subset of ``--format``, aligned tables and ``inspect`` objects. Pure functions
of a container's state (docker 28's exact texts); ``docker.py`` runs the commands."""

from __future__ import annotations

import json
import re
import shlex
import time
from typing import Any

from spark_control.sim.host import Container, DockerError
from spark_control.sim.interpreter import Unsupported


def human_duration(seconds: float) -> str:
    """Docker's ``units.HumanDuration`` ("Up 2 minutes", "Exited (0) About an hour ago")."""
    s = int(seconds)
    if s < 1:
        return "Less than a second"
    if s == 1:
        return "1 second"
    if s < 60:
        return f"{s} seconds"
    m = int(seconds / 60)
    if m == 1:
        return "About a minute"
    if m < 60:
        return f"{m} minutes"
    h = int(seconds / 3600 + 0.5)
    if h == 1:
        return "About an hour"
    if h < 48:
        return f"{h} hours"
    if h < 24 * 7 * 2:
        return f"{h // 24} days"
    if h < 24 * 30 * 2:
        return f"{h // 24 // 7} weeks"
    if h < 24 * 365 * 2:
        return f"{h // 24 // 30} months"
    return f"{h // 24 // 365} years"


def container_status(c: Container, now: float) -> str:
    """The STATUS column of ``docker ps``."""
    if c.status == "created":
        return "Created"
    if c.status == "exited":
        return f"Exited ({c.exit_code}) {human_duration(now - (c.finished or now))} ago"
    h = c.health(now)
    up = f"Up {human_duration(now - (c.started or now))}"
    if h == "starting":
        return up + " (health: starting)"
    if h in ("healthy", "unhealthy"):
        return up + f" ({h})"
    return up


def ps_row(c: Container, now: float) -> dict[str, str]:
    cmd = shlex.join(c.cmd)
    ports = ", ".join(f"0.0.0.0:{hp}->{cp}/tcp" for hp, cp in sorted(c.ports.items()))
    return {
        "Command": json.dumps(cmd if len(cmd) <= 20 else cmd[:19] + "…", ensure_ascii=False),
        "CreatedAt": time.strftime("%Y-%m-%d %H:%M:%S +0000 UTC", time.gmtime(c.created)),
        "ID": c.id[:12],
        "Image": c.image,
        "Labels": ",".join(f"{k}={v}" for k, v in sorted(c.labels.items())),
        "LocalVolumes": "0",
        "Mounts": "",
        "Names": c.name,
        "Networks": c.network,
        "Ports": ports,
        "RunningFor": human_duration(now - c.created) + " ago",
        "Size": "0B",
        "State": c.status,
        "Status": container_status(c, now),
    }


# ----- Go template subset (--format) --------------------------------------------------------------------
TEMPLATE_FIELD = re.compile(r"\{\{\s*(json\s+)?\.([A-Za-z0-9_.]*)\s*\}\}")


def _go_value(v: Any) -> str:
    if v is None:
        return "<no value>"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dict):
        return "map[" + " ".join(f"{k}:{_go_value(x)}" for k, x in sorted(v.items())) + "]"
    if isinstance(v, list):
        return "[" + " ".join(_go_value(x) for x in v) + "]"
    return str(v)


def render_template(tpl: str, obj: dict[str, Any]) -> str:
    tpl = tpl.replace("\\t", "\t").replace("\\n", "\n")
    rest = TEMPLATE_FIELD.sub("", tpl)
    if "{{" in rest:
        raise Unsupported(f"Go template construct in {tpl!r} (only {{{{.Field}}}} and {{{{json .Field}}}})")

    def sub(m: re.Match[str]) -> str:
        v: Any = obj
        path = [p for p in m.group(2).split(".") if p]
        for k, p in enumerate(path):
            if not isinstance(v, dict) or p not in v:
                where = "." + ".".join(path[: k + 1])
                if v is None:
                    raise DockerError(
                        1,
                        f'template parsing error: template: :1:{m.start() + 3}: executing "" at '
                        f"<{where}>: nil pointer evaluating interface {{}}.{p}",
                    )
                raise DockerError(
                    1,
                    f'template parsing error: template: :1:{m.start() + 3}: executing "" at '
                    f'<{where}>: map has no entry for key "{p}"',
                )
            v = v[p]
        return json.dumps(v, separators=(",", ":"), ensure_ascii=False) if m.group(1) else _go_value(v)

    return TEMPLATE_FIELD.sub(sub, tpl)


def tabwrite(rows: list[list[str]]) -> str:
    width = [max(len(r[k]) if k < len(r) else 0 for r in rows) for k in range(max(len(r) for r in rows))]
    out = []
    for r in rows:
        cells = [c.ljust(width[k] + 3) if k < len(r) - 1 else c for k, c in enumerate(r)]
        out.append("".join(cells).rstrip() + "\n")
    return "".join(out)


def rfc3339(t: float | None) -> str:
    if t is None:
        return "0001-01-01T00:00:00Z"
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + f".{int((t % 1) * 1e9):09d}Z"


def inspect_obj(c: Container, now: float, hostname: str) -> dict[str, Any]:
    """The object ``docker inspect`` prints for ``c``."""
    health = c.health(now)
    state: dict[str, Any] = {
        "Status": c.status,
        "Running": c.status == "running",
        "Paused": False,
        "Restarting": False,
        "OOMKilled": c.oom_killed,
        "Dead": False,
        "Pid": c.pid if c.status == "running" else 0,
        "ExitCode": c.exit_code,
        "Error": c.error,
        "StartedAt": rfc3339(c.started),
        "FinishedAt": rfc3339(c.finished),
    }
    if c.has_health:
        state["Health"] = {
            "Status": health or ("unhealthy" if c.status == "exited" else "starting"),
            "FailingStreak": 0,
            "Log": [],
        }
    return {
        "Id": c.id,
        "Created": rfc3339(c.created),
        "Path": c.cmd[0] if c.cmd else "",
        "Args": c.cmd[1:],
        "State": state,
        "Image": "sha256:" + c.id[::-1][:64],
        "Name": "/" + c.name,
        "RestartCount": c.restart_count,
        "HostConfig": {
            "NetworkMode": c.network,
            "AutoRemove": c.auto_remove,
            "Memory": c.memory_limit,
            "PortBindings": {f"{cp}/tcp": [{"HostIp": "", "HostPort": str(hp)}] for hp, cp in c.ports.items()},
        },
        "Config": {
            "Hostname": hostname,
            "Image": c.image,
            "Cmd": c.cmd,
            "Env": [f"{k}={v}" for k, v in c.env.items()],
            "Labels": c.labels,
        },
        "NetworkSettings": {
            "Ports": {f"{cp}/tcp": [{"HostIp": "0.0.0.0", "HostPort": str(hp)}] for hp, cp in c.ports.items()}
        },
    }
