"""Pure parsers for ``docker ps --format '{{json .}}'``, ``docker inspect`` and ``docker logs``.
No I/O here: the swap and patch jobs run the commands (``commands.py``) and feed the text in."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

_UP_RE = re.compile(r"^Up\b")
_HEALTH_RE = re.compile(r"\((healthy|unhealthy|health: starting)\)")
_EXITED_RE = re.compile(r"^Exited \((-?\d+)\)")


@dataclass(frozen=True)
class ContainerSummary:
    """One row of ``docker ps -a``."""

    name: str
    id: str = ""
    image: str = ""
    status: str = ""  # the human string: "Up 4 minutes (healthy)", "Exited (1) 2 minutes ago", "Created"
    state: str = ""  # running | exited | created | restarting | paused | dead
    health: str | None = None  # healthy | unhealthy | starting | None
    exit_code: int | None = None
    command: str = ""
    ports: str = ""
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def running(self) -> bool:
        return self.state == "running"


def _state_from_status(status: str) -> str:
    if _UP_RE.match(status):
        return "paused" if "(Paused)" in status else "running"
    if status.startswith("Exited"):
        return "exited"
    if status.startswith("Created"):
        return "created"
    if status.startswith("Restarting"):
        return "restarting"
    if status.startswith("Dead"):
        return "dead"
    return status.split(" ", 1)[0].lower() if status else ""


def _labels(raw: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in raw.split(",") if raw else []:
        k, _, v = part.partition("=")
        if k:
            out[k.strip()] = v
    return out


def parse_ps_json(text: str) -> list[ContainerSummary]:
    """``docker ps -a --format '{{json .}}'``: one JSON object per line. Bad lines are skipped
    (docker prints warnings to stderr, but be lenient about stray stdout)."""
    rows: list[ContainerSummary] = []
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError:
            continue
        status = str(d.get("Status", ""))
        state = str(d.get("State", "")).lower() or _state_from_status(status)
        health = None
        m = _HEALTH_RE.search(status)
        if m:
            health = "starting" if m.group(1) == "health: starting" else m.group(1)
        exit_code = None
        m = _EXITED_RE.match(status)
        if m:
            exit_code = int(m.group(1))
        rows.append(
            ContainerSummary(
                name=str(d.get("Names", "")).split(",")[0].lstrip("/"),
                id=str(d.get("ID", "")),
                image=str(d.get("Image", "")),
                status=status,
                state=state,
                health=health,
                exit_code=exit_code,
                command=str(d.get("Command", "")).strip('"'),
                ports=str(d.get("Ports", "")),
                labels=_labels(str(d.get("Labels", ""))),
            )
        )
    return rows


@dataclass(frozen=True)
class ContainerDetail:
    """What we need from ``docker inspect``."""

    name: str
    id: str
    image: str
    status: str  # State.Status
    running: bool
    exit_code: int | None
    oom_killed: bool
    health: str | None
    started_at: str
    finished_at: str
    args: tuple[str, ...]
    memory_limit: int  # HostConfig.Memory (0 = none)
    error: str = ""


def parse_inspect(text: str) -> list[ContainerDetail]:
    """``docker inspect NAME...``: a JSON array. ``[]`` when nothing matched."""
    text = text.strip()
    if not text:
        return []
    data = json.loads(text)
    if isinstance(data, dict):
        data = [data]
    out = []
    for d in data:
        st = d.get("State") or {}
        cfg = d.get("Config") or {}
        hc = d.get("HostConfig") or {}
        health = (st.get("Health") or {}).get("Status")
        path = d.get("Path")
        args = [path] if path else []
        args += list(d.get("Args") or [])
        if not args:
            args = list(cfg.get("Cmd") or [])
        out.append(
            ContainerDetail(
                name=str(d.get("Name", "")).lstrip("/"),
                id=str(d.get("Id", "")),
                image=str(cfg.get("Image", d.get("Image", ""))),
                status=str(st.get("Status", "")),
                running=bool(st.get("Running", False)),
                exit_code=st.get("ExitCode"),
                oom_killed=bool(st.get("OOMKilled", False)),
                health=health,
                started_at=str(st.get("StartedAt", "")),
                finished_at=str(st.get("FinishedAt", "")),
                args=tuple(str(a) for a in args),
                memory_limit=int(hc.get("Memory") or 0),
                error=str(st.get("Error", "")),
            )
        )
    return out


def served_name_from_args(args: tuple[str, ...] | list[str]) -> str | None:
    """The ``--served-model-name`` a vLLM container was started with, if visible in its argv."""
    args = list(args)
    for i, a in enumerate(args):
        if a == "--served-model-name" and i + 1 < len(args):
            return args[i + 1]
        if a.startswith("--served-model-name="):
            return a.split("=", 1)[1]
    return None


_TS_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?\s")


def parse_logs(text: str, keep: int = 500) -> list[str]:
    """``docker logs`` output (stdout+stderr) -> the last ``keep`` non-empty lines, without
    docker's optional RFC3339 timestamps and tqdm carriage-return repaint noise."""
    lines: list[str] = []
    for raw in text.split("\n"):
        raw = raw.rstrip("\r").rsplit("\r", 1)[-1]  # tqdm repaints: keep the final state of the line
        raw = _TS_RE.sub("", raw).rstrip()
        if raw:
            lines.append(raw)
    return lines[-keep:]
