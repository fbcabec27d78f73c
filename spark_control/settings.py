"""Settings: environment variables (the original names keep working) and an optional cluster
file describing N nodes and their services. ``load_settings()`` fails fast with a message that
names the setting and the fix.

No Spark configured (no SPARK1_HOST, no CLUSTER_FILE) means demo mode: the controller starts
the simulated cluster in-process and fills ``cluster`` from it.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from spark_control.auth.config import AuthSettings
from spark_control.errors import ConfigError
from spark_control.llm.config import LLMConfig

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# The services the controller knows how to talk to, and where they live by default.
DEFAULT_SERVICES: dict[str, dict[str, int]] = {
    "spark1": {"vllm": 8888},
    "spark2": {"asr": 8000, "tts": 8880, "embed": 8001, "qdrant": 6333},
}
SERVICE_KINDS = ("vllm", "asr", "tts", "embed", "qdrant")


class NodeConfig(BaseModel):
    """One machine of the cluster: how to SSH to it and which services it runs (name -> port)."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,31}$")
    host: str = Field(min_length=1)
    user: str = Field(default="", pattern=r"^[a-z_][a-z0-9_.-]{0,31}$|^$")
    ssh_port: int = Field(default=22, ge=1, le=65535)
    services: dict[str, int] = Field(default_factory=dict)

    @field_validator("host")
    @classmethod
    def _host_ok(cls, v: str) -> str:
        v = v.strip()
        if any(c.isspace() for c in v) or v.startswith("-"):
            raise ValueError("must be a hostname or IPv4/IPv6 address without spaces")
        return v

    @field_validator("services")
    @classmethod
    def _services_ok(cls, v: dict[str, int]) -> dict[str, int]:
        for name, port in v.items():
            if name not in SERVICE_KINDS:
                raise ValueError(f"unknown service {name!r}; known: {', '.join(SERVICE_KINDS)}")
            if not 1 <= int(port) <= 65535:
                raise ValueError(f"port of {name!r} must be 1..65535, got {port}")
        return v

    def url(self, service: str) -> str:
        host = self.host
        try:
            if ipaddress.ip_address(host).version == 6:
                host = f"[{host}]"
        except ValueError:
            pass
        return f"http://{host}:{self.services[service]}"


class ClusterConfig(BaseModel):
    nodes: list[NodeConfig] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> ClusterConfig:
        names = [n.name for n in self.nodes]
        dupes = {n for n in names if names.count(n) > 1}
        if dupes:
            raise ValueError(f"node names must be unique; repeated: {', '.join(sorted(dupes))}")
        for kind in SERVICE_KINDS:
            owners = [n.name for n in self.nodes if kind in n.services]
            if len(owners) > 1:
                raise ValueError(f"service {kind!r} is on more than one node: {owners}")
        return self

    def node(self, name: str) -> NodeConfig:
        for n in self.nodes:
            if n.name == name:
                return n
        raise KeyError(name)

    def node_for(self, service: str) -> NodeConfig | None:
        for n in self.nodes:
            if service in n.services:
                return n
        return None

    def url_for(self, service: str) -> str | None:
        node = self.node_for(service)
        return node.url(service) if node else None


class Settings(BaseSettings):
    """Every field is an environment variable of the same name in upper case."""

    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False, extra="ignore")

    spark1_host: str = ""
    spark1_user: str = ""
    spark2_host: str = ""
    spark2_user: str = ""
    cluster_file: str = ""  # YAML: {nodes: [{name, host, user, ssh_port, services: {vllm: 8888}}]}

    bind_port: int = Field(default=9999, ge=1, le=65535)
    bind_host: str = "0.0.0.0"
    data_dir: Path = PROJECT_ROOT / ".data"
    models_yaml: Path = PROJECT_ROOT / "models.yaml"
    ssh_dir: Path | None = None
    ssh_key_path: Path | None = None
    ssh_known_hosts: Path | None = None

    demo: bool | None = None  # force demo mode on/off; default: on when no node is configured
    sim_speed: float = Field(default=20.0, gt=0)  # demo mode: how much faster simulated time runs
    app_auth: Literal["on", "off"] = "on"
    qdrant_url: str = ""  # a Qdrant server (e.g. Spark 2's); empty = embedded engine
    cors_origins: str = ""  # comma-separated; empty = CORS closed
    redaction_ttl_s: float = Field(default=3600.0, gt=0, le=30 * 86400)  # idle sessions are purged after this
    redaction_max_text_bytes: int = Field(default=1_000_000, ge=1000, le=50_000_000)
    # Audit rows older than this are deleted (hourly); 0 keeps everything.
    audit_retention_days: float = Field(default=30.0, ge=0, le=3650)
    # Refusal rows (anonymous 401s, refused UI events, throttled sign-ins) per source and minute; 0 = no limit.
    audit_refusals_per_minute: int = Field(default=30, ge=0, le=100_000)
    # Host names the UI and API answer to (comma-separated), besides IP literals, localhost, this
    # machine's host name(s) and CORS_ORIGINS' hosts; "*" turns the check off. See docs/SECURITY.md.
    allowed_hosts: str = ""

    # Sections owned by one area, read from their own variables (names and defaults unchanged):
    # OPERATOR_PASSWORD, SESSION_HOURS, MAX_*BODY_MB (auth/config.py); LLM_* (llm/config.py).
    auth: AuthSettings = Field(default_factory=AuthSettings)
    llm: LLMConfig = Field(default_factory=LLMConfig)

    @model_validator(mode="after")
    def _derive_paths(self) -> Settings:
        self.data_dir = Path(self.data_dir)
        if self.ssh_dir is None:
            self.ssh_dir = self.data_dir / "ssh"
        if self.ssh_key_path is None:
            self.ssh_key_path = self.ssh_dir / "id_ed25519"
        if self.ssh_known_hosts is None:
            self.ssh_known_hosts = self.ssh_dir / "known_hosts"
        return self

    @property
    def is_demo(self) -> bool:
        if self.demo is not None:
            return self.demo
        return not (self.spark1_host or self.spark2_host or self.cluster_file)

    def configured_cluster(self) -> ClusterConfig:
        """The cluster from CLUSTER_FILE, else from SPARK1_HOST/SPARK2_HOST (the two-Spark default)."""
        if self.cluster_file:
            return load_cluster_file(Path(self.cluster_file))
        nodes = []
        for name, host, user in (
            ("spark1", self.spark1_host, self.spark1_user),
            ("spark2", self.spark2_host, self.spark2_user),
        ):
            if host:
                try:
                    nodes.append(NodeConfig(name=name, host=host, user=user, services=DEFAULT_SERVICES[name]))
                except ValidationError as e:
                    env = name.upper()
                    raise ConfigError(
                        f"{env}_HOST/{env}_USER: {_first_error(e)}. Fix: set {env}_HOST to the node's "
                        f"IPv4 address (e.g. <{name.replace('spark', 'spark-')}-ip>) and {env}_USER to its login."
                    ) from None
        return ClusterConfig(nodes=nodes)


def _first_error(e: ValidationError) -> str:
    err = e.errors()[0]
    loc = ".".join(str(p) for p in err.get("loc", ()))
    return f"{loc}: {err['msg']}" if loc else err["msg"]


def load_cluster_file(path: Path) -> ClusterConfig:
    if not path.is_file():
        raise ConfigError(f"CLUSTER_FILE: {path} does not exist. Fix: point CLUSTER_FILE at a YAML file or unset it.")
    try:
        raw = yaml.safe_load(path.read_text()) or {}
    except yaml.YAMLError as e:
        raise ConfigError(f"CLUSTER_FILE {path}: not valid YAML ({e}).") from None
    try:
        return ClusterConfig.model_validate(raw)
    except ValidationError as e:
        raise ConfigError(f"CLUSTER_FILE {path}: {_first_error(e)}. Fix that field and restart.") from None


# The sections read from the environment on their own, and the prefix of their variables.
SECTIONS: dict[str, tuple[type[BaseSettings], str]] = {"auth": (AuthSettings, ""), "llm": (LLMConfig, "LLM_")}


def load_settings(**overrides: object) -> Settings:
    """Read the environment (plus explicit overrides, for tests). Raises ConfigError naming the
    setting and the fix; never a bare pydantic traceback."""
    for name, (section, prefix) in SECTIONS.items():
        if name not in overrides:
            try:
                overrides[name] = section()
            except ValidationError as e:
                raise _invalid(e, prefix, {}) from None
    try:
        settings = Settings(**overrides)
    except ValidationError as e:
        raise _invalid(e, "", overrides) from None
    if not settings.is_demo:
        settings.configured_cluster()  # validate now, at start
    return settings


def _invalid(e: ValidationError, prefix: str, overrides: dict) -> ConfigError:
    err = e.errors()[0]
    field = str(err["loc"][0]) if err.get("loc") else "?"
    env = (prefix + field).upper()
    value = os.environ.get(env, overrides.get(field, ""))
    return ConfigError(f"{env}={value!r} is invalid: {err['msg']}. Fix: correct or unset {env}.")
