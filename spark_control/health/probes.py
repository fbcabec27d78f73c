"""Probes: the cheap ones the monitor runs every tick (fresh TCP connect + HTTP health over a
keep-alive client; SSH ``true`` over the pooled connection) and the deep ones of
``/health/deep`` (vLLM /health + /v1/models + a 1-token completion, each service's health,
Qdrant /readyz or the embedded engine, SSH + ``docker ps`` per node). Every probe has its own
timeout; none raises: each returns what it saw."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from typing import Any, Protocol

import httpx

from spark_control.clock import SYSTEM_CLOCK, Clock
from spark_control.cluster import commands
from spark_control.cluster.commands import RemoteCommand
from spark_control.health.model import HealthConfig, Observation, Target

# How the controller reaches a host over SSH (``cluster.nodes.ClusterManager`` satisfies it).
UNREACHABLE_REASONS = {"dns", "refused", "timeout", "unreachable", "handshake", "disconnected", "command_timeout"}


class CommandRunner(Protocol):
    async def run(self, name: str, command: RemoteCommand, *, timeout: float = 30.0) -> Any:  # noqa: ASYNC109
        """Run ``command`` on node ``name``; the result has ``exit_status``, ``stdout``, ``stderr``."""
        ...


EmbeddedCheck = Callable[[], Awaitable[object]]


def _ms(t0: float, clock: Clock) -> float:
    return (clock.monotonic() - t0) * 1000.0


async def tcp_connect(
    host: str,
    port: int,
    timeout: float,  # noqa: ASYNC109
    clock: Clock = SYSTEM_CLOCK,
) -> tuple[bool, float, str]:
    """A fresh TCP connection, closed at once: proves the host is there and something listens."""
    t0 = clock.monotonic()
    try:
        async with asyncio.timeout(timeout):
            _, writer = await asyncio.open_connection(host, port)
    except ConnectionRefusedError:
        return False, _ms(t0, clock), "tcp connect refused"
    except TimeoutError:
        return False, _ms(t0, clock), f"tcp connect timeout ({timeout:g} s)"
    except OSError as e:
        return False, _ms(t0, clock), f"tcp connect failed: {e.strerror or e}"
    latency = _ms(t0, clock)
    writer.close()
    try:
        await writer.wait_closed()
    except OSError:
        pass
    return True, latency, ""


async def http_get(
    client: httpx.AsyncClient,
    url: str,
    timeout: float,  # noqa: ASYNC109
    clock: Clock = SYSTEM_CLOCK,
) -> tuple[bool, float, str, Any]:
    path = httpx.URL(url).path
    t0 = clock.monotonic()
    try:
        r = await client.get(url, timeout=timeout)
    except httpx.TimeoutException:
        return False, _ms(t0, clock), f"GET {path} timed out ({timeout:g} s)", None
    except httpx.ConnectError as e:
        return False, _ms(t0, clock), f"GET {path}: cannot connect ({_short(e)})", None
    except httpx.HTTPError as e:
        return False, _ms(t0, clock), f"GET {path}: {type(e).__name__} {_short(e)}", None
    if 200 <= r.status_code < 300:
        return True, _ms(t0, clock), "", r
    return False, _ms(t0, clock), f"GET {path} -> HTTP {r.status_code}", r


def _short(e: BaseException) -> str:
    return (str(e) or type(e).__name__)[:200]


async def observe_service(
    target: Target, client: httpx.AsyncClient, cfg: HealthConfig, *, clock: Clock = SYSTEM_CLOCK
) -> Observation:
    """Fresh TCP connect and HTTP health (keep-alive) in parallel. TCP refused/timeout is the
    reachability verdict; the HTTP answer decides up vs. (busy or down)."""
    at = clock.now()
    method = f"tcp connect + GET {target.health_path}"
    http_task = asyncio.ensure_future(http_get(client, target.url + target.health_path, cfg.http_timeout_s, clock))
    tcp_ok, tcp_ms, tcp_err = await tcp_connect(target.host, target.port, cfg.tcp_timeout_s, clock)
    if not tcp_ok:
        http_task.cancel()
        try:
            await http_task
        except BaseException:  # noqa: BLE001 - cancelled on purpose
            pass
        return Observation(at, ok=False, reachable=False, latency_ms=tcp_ms, error=tcp_err, method=method)
    ok, ms, err, resp = await http_task
    slow = not ok and resp is None and err.endswith(f"timed out ({cfg.http_timeout_s:g} s)")
    return Observation(at, ok=ok, reachable=True, latency_ms=ms, error=err, method=method, slow=slow)


async def observe_embedded(
    target: Target, check: EmbeddedCheck | None, cfg: HealthConfig, *, clock: Clock = SYSTEM_CLOCK
) -> Observation:
    at = clock.now()
    t0 = clock.monotonic()
    if check is None:
        return Observation(at, ok=False, reachable=False, error="no embedded check registered", method="embedded")
    try:
        async with asyncio.timeout(cfg.http_timeout_s):
            await check()
    except TimeoutError:
        return Observation(
            at,
            False,
            True,
            _ms(t0, clock),
            f"embedded check timed out ({cfg.http_timeout_s:g} s)",
            "embedded",
            slow=True,
        )
    except Exception as e:  # noqa: BLE001 - any failure of the engine is the verdict
        return Observation(at, False, False, _ms(t0, clock), f"embedded check failed: {_short(e)}", "embedded")
    return Observation(at, True, True, _ms(t0, clock), "", "embedded engine check")


def _ssh_unreachable(e: BaseException) -> bool:
    reason = getattr(e, "reason", None)
    if reason is not None:
        return reason in UNREACHABLE_REASONS
    return isinstance(e, OSError | TimeoutError)


async def observe_node(
    target: Target, runner: CommandRunner, cfg: HealthConfig, *, clock: Clock = SYSTEM_CLOCK
) -> Observation:
    """``true`` over the pooled SSH connection (reconnecting if it dropped)."""
    at = clock.now()
    t0 = clock.monotonic()
    try:
        async with asyncio.timeout(cfg.ssh_timeout_s + 0.5):
            r = await runner.run(target.name, commands.probe(), timeout=cfg.ssh_timeout_s)
    except TimeoutError:
        return Observation(
            at, False, False, _ms(t0, clock), f"ssh: no answer within {cfg.ssh_timeout_s:g} s", "ssh true"
        )
    except Exception as e:  # noqa: BLE001 - classified: unreachable vs. reached-but-refused (auth, host key)
        return Observation(at, False, not _ssh_unreachable(e), _ms(t0, clock), f"ssh: {_short(e)}", "ssh true")
    if getattr(r, "exit_status", None) != 0:
        return Observation(at, False, True, _ms(t0, clock), f"ssh true exited {r.exit_status}", "ssh true")
    return Observation(at, True, True, _ms(t0, clock), "", "ssh true")


# --- deep checks ------------------------------------------------------------------------------


@dataclass
class Check:
    target: str
    check: str
    ok: bool
    latency_ms: float
    error: str = ""
    detail: str = ""

    def to_dict(self) -> dict:
        d = asdict(self)
        d["latency_ms"] = round(self.latency_ms, 1)
        return d


async def _http_check(
    client: httpx.AsyncClient,
    target: str,
    name: str,
    method: str,
    url: str,
    limit_s: float,
    clock: Clock,
    **kw,
) -> tuple[Check, httpx.Response | None]:
    t0 = clock.monotonic()
    path = httpx.URL(url).path
    try:
        r = await client.request(method, url, timeout=limit_s, **kw)
    except httpx.TimeoutException:
        return Check(target, name, False, _ms(t0, clock), f"{method} {path} timed out ({limit_s:g} s)"), None
    except httpx.HTTPError as e:
        return Check(target, name, False, _ms(t0, clock), f"{method} {path}: {type(e).__name__} {_short(e)}"), None
    if not 200 <= r.status_code < 300:
        return Check(target, name, False, _ms(t0, clock), f"{method} {path} -> HTTP {r.status_code}: {r.text[:200]}"), r
    return Check(target, name, True, _ms(t0, clock)), r


async def deep_vllm(
    target: Target, client: httpx.AsyncClient, cfg: HealthConfig, *, clock: Clock = SYSTEM_CLOCK
) -> list[Check]:
    t = cfg.deep_timeouts
    # vLLM started with --api-key answers 401 on /v1/* without it (/health stays open)
    auth = {"authorization": f"Bearer {cfg.vllm_api_key}"} if cfg.vllm_api_key else {}
    (health, _), (models, mr) = await asyncio.gather(
        _http_check(client, target.name, "health", "GET", target.url + "/health", t["health"], clock),
        _http_check(client, target.name, "models", "GET", target.url + "/v1/models", t["models"], clock, headers=auth),
    )
    served = ""
    if models.ok and mr is not None:
        try:
            data = mr.json().get("data") or []
            served = data[0]["id"] if data else ""
        except (ValueError, KeyError, TypeError, AttributeError):
            models.ok, models.error = False, "GET /v1/models: not an OpenAI model list"
        if models.ok:
            models.detail = served or "no model listed"
    if not served:
        completion = Check(target.name, "completion", False, 0.0, "skipped: /v1/models listed no model")
    else:
        completion, cr = await _http_check(
            client,
            target.name,
            "completion",
            "POST",
            target.url + "/v1/completions",
            t["completion"],
            clock,
            json={"model": served, "prompt": "ping", "max_tokens": 1, "temperature": 0},
            headers=auth,
        )
        if completion.ok and cr is not None:
            try:
                completion.detail = f"{cr.json()['usage']['completion_tokens']} token(s)"
            except (ValueError, KeyError, TypeError):
                completion.detail = "answered"
    return [health, models, completion]


async def deep_http_service(
    target: Target, client: httpx.AsyncClient, cfg: HealthConfig, *, clock: Clock = SYSTEM_CLOCK
) -> list[Check]:
    check, _ = await _http_check(
        client,
        target.name,
        target.health_path.strip("/"),
        "GET",
        target.url + target.health_path,
        cfg.deep_timeouts["health"],
        clock,
    )
    return [check]


async def deep_embedded(
    target: Target, check: EmbeddedCheck | None, cfg: HealthConfig, *, clock: Clock = SYSTEM_CLOCK
) -> list[Check]:
    t0 = clock.monotonic()
    if check is None:
        return [Check(target.name, "embedded", False, 0.0, "no embedded check registered")]
    try:
        async with asyncio.timeout(cfg.deep_timeouts["embedded"]):
            await check()
    except TimeoutError:
        return [Check(target.name, "embedded", False, _ms(t0, clock), "embedded check timed out")]
    except Exception as e:  # noqa: BLE001
        return [Check(target.name, "embedded", False, _ms(t0, clock), f"embedded check failed: {_short(e)}")]
    return [Check(target.name, "embedded", True, _ms(t0, clock))]


async def deep_node(
    target: Target, runner: CommandRunner | None, cfg: HealthConfig, *, clock: Clock = SYSTEM_CLOCK
) -> list[Check]:
    if runner is None:
        return [Check(target.name, "ssh", False, 0.0, "no SSH runner configured")]
    t = cfg.deep_timeouts
    out: list[Check] = []
    for name, command, timeout in (
        ("ssh", commands.probe(), t["ssh"]),
        ("docker_ps", commands.docker_ps(), t["docker_ps"]),
    ):
        t0 = clock.monotonic()
        try:
            async with asyncio.timeout(timeout + 1.0):
                r = await runner.run(target.name, command, timeout=timeout)
        except TimeoutError:
            out.append(Check(target.name, name, False, _ms(t0, clock), f"no answer within {timeout:g} s"))
            break
        except Exception as e:  # noqa: BLE001
            out.append(Check(target.name, name, False, _ms(t0, clock), _short(e)))
            break
        ok = getattr(r, "exit_status", None) == 0
        c = Check(
            target.name, name, ok, _ms(t0, clock), "" if ok else f"exited {r.exit_status}: {r.stderr.strip()[:200]}"
        )
        if ok and name == "docker_ps":
            c.detail = _containers_detail(r.stdout)
        out.append(c)
        if not ok:
            break
    return out


def _containers_detail(stdout: str) -> str:
    from spark_control.cluster.docker import parse_ps_json

    try:
        cs = parse_ps_json(stdout)
    except ValueError:
        return "unparsed docker ps output"
    running = [c.name for c in cs if c.running]
    return f"{len(running)}/{len(cs)} running: {', '.join(running)}"[:300]
