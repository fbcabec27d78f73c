"""The model catalog: ``models.yaml`` -> validated ``ModelSpec`` objects.

Each entry maps onto a spark-vllm-docker recipe (name, HF repo, container image, tensor
parallel, max model len, GPU memory utilization, quantization, extra vLLM args, env) plus
what the controller needs to plan a swap: the memory the model needs and its expected load
time. Validation fails fast naming the file, the entry and the field."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from spark_control.errors import ConfigError, NotFound

NAME_RE = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
# vLLM args are quoted for every shell they cross (cluster/commands.py); a line break is still
# refused (one arg, one line, in logs and in the launcher's echo).
_ARG_FORBIDDEN = re.compile(r"[\n\r\x00]")
# Values a shell leaves alone whatever it does with them (shlex's own "no quoting needed" set).
_SECRET_NAME = re.compile(r"TOKEN|KEY|SECRET|PASS|AUTH|CREDENTIAL", re.I)
_SHELL_INERT = re.compile(r"[\w@%+=:,./-]*", re.ASCII)


def check_env_value(name: str, value: str) -> None:
    """Raise ValueError unless ``value`` passes launch-cluster.sh's unquoted ``-e`` handling unchanged."""
    if not _SHELL_INERT.fullmatch(value):
        bad = sorted({ch for ch in value if not _SHELL_INERT.fullmatch(ch)})
        raise ValueError(
            f"env {name}: the value contains {''.join(bad)!r}; launch-cluster.sh passes -e values through an "
            "unquoted shell variable (split at spaces, globbed, parsed again by a shell on a tp=2 worker), so only "
            "letters, digits and _@%+=:,./- are allowed"
        )


class ModelEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=NAME_RE)
    hf_repo: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")
    served_name: str = Field(default="", pattern=r"^$|^[A-Za-z0-9][A-Za-z0-9._/:-]{0,127}$")
    description: str = ""
    image: str = Field(default="vllm-node", pattern=r"^[a-z0-9][a-z0-9._/:@-]{0,199}$")
    tensor_parallel: int = Field(default=1, ge=1, le=2)
    max_model_len: int = Field(default=32768, ge=256, le=1_048_576)
    gpu_memory_utilization: float = Field(default=0.7, gt=0.05, le=0.95)
    quantization: str | None = Field(default=None, pattern=r"^[a-z0-9_-]{1,32}$")
    vllm_args: list[str] = Field(default_factory=list)
    env: dict[str, str] = Field(default_factory=dict)
    memory_gib: float = Field(gt=0, le=256, description="unified memory the model needs while serving, per node")
    params_b: float | None = Field(default=None, gt=0, description="parameter count in billions (display)")
    load_time_s: float = Field(default=120.0, gt=0, le=7200, description="expected load time, first guess")

    @field_validator("vllm_args")
    @classmethod
    def _args_ok(cls, v: list[str]) -> list[str]:
        for a in v:
            if not isinstance(a, str) or not a or _ARG_FORBIDDEN.search(a):
                raise ValueError(f"each vLLM arg must be a non-empty single-line string, got {a!r}")
            if a in ("--tensor-parallel-size", "-tp", "--port", "--host", "--served-model-name"):
                raise ValueError(f"{a} is set by the controller from the entry's fields; remove it")
        return v

    @field_validator("env")
    @classmethod
    def _env_ok(cls, v: dict[str, str]) -> dict[str, str]:
        for k, val in v.items():
            if not re.fullmatch(r"[A-Z_][A-Z0-9_]*", k):
                raise ValueError(f"env name {k!r} must match [A-Z_][A-Z0-9_]*")
            check_env_value(k, str(val))
        return {k: str(val) for k, val in v.items()}

    @model_validator(mode="after")
    def _defaults(self) -> ModelEntry:
        if not self.served_name:
            self.served_name = self.name
        return self


@dataclass(frozen=True)
class ModelSpec:
    name: str
    hf_repo: str
    served_name: str
    description: str
    image: str
    tensor_parallel: int
    max_model_len: int
    gpu_memory_utilization: float
    quantization: str | None
    vllm_args: tuple[str, ...]
    env: tuple[tuple[str, str], ...]
    memory_gib: float
    params_b: float | None
    load_time_s: float

    @property
    def nodes_needed(self) -> int:
        return self.tensor_parallel

    @property
    def api_key(self) -> str:
        """The key vLLM will demand on /v1/* (``--api-key K`` in vllm_args, else VLLM_API_KEY in
        env, as vLLM itself decides), or "" when it runs open."""
        args = list(self.vllm_args)
        for i, a in enumerate(args):
            if a == "--api-key" and i + 1 < len(args):
                return args[i + 1]
            if a.startswith("--api-key="):
                return a.split("=", 1)[1]
        return dict(self.env).get("VLLM_API_KEY", "")

    @property
    def secrets(self) -> tuple[str, ...]:
        """Values that must never appear in a log: the API key and env values with a secret name."""
        out = [self.api_key] + [v for k, v in self.env if _SECRET_NAME.search(k)]
        return tuple(dict.fromkeys(v for v in out if len(v) >= 4))

    def vllm_serve_args(self, port: int) -> list[str]:
        """The argv after ``vllm serve`` (never joined into a string here)."""
        args = [
            self.hf_repo,
            "--served-model-name",
            self.served_name,
            "--host",
            "0.0.0.0",
            "--port",
            str(port),
            "--max-model-len",
            str(self.max_model_len),
            "--gpu-memory-utilization",
            str(self.gpu_memory_utilization),
        ]
        if self.tensor_parallel > 1:
            args += ["--tensor-parallel-size", str(self.tensor_parallel)]
        if self.quantization:
            args += ["--quantization", self.quantization]
        return args + list(self.vllm_args)


@dataclass
class Catalog:
    path: Path
    models: dict[str, ModelSpec] = field(default_factory=dict)

    def get(self, name: str) -> ModelSpec:
        try:
            return self.models[name]
        except KeyError:
            raise NotFound(f"model {name!r} is not in the catalog ({self.path.name})") from None

    def by_served_name(self, served: str) -> ModelSpec | None:
        for m in self.models.values():
            if m.served_name == served or m.name == served:
                return m
        return None

    def __iter__(self):
        return iter(self.models.values())

    def __len__(self) -> int:
        return len(self.models)


def load_catalog(path: Path | str) -> Catalog:
    path = Path(path)
    where = f"MODELS_YAML {path}"
    if not path.is_file():
        raise ConfigError(f"{where}: file not found. Fix: set MODELS_YAML to your catalog (see models.yaml).")
    try:
        raw = yaml.safe_load(path.read_text())
    except yaml.YAMLError as e:
        raise ConfigError(f"{where}: not valid YAML: {e}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("models"), list) or not raw["models"]:
        raise ConfigError(f"{where}: expected a top-level 'models:' list with at least one entry.")
    catalog = Catalog(path=path)
    served: dict[str, str] = {}
    for i, item in enumerate(raw["models"]):
        label = f"entry {i + 1}"
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            label += f" ({item['name']})"
        if not isinstance(item, dict):
            raise ConfigError(f"{where}: {label}: must be a mapping of fields.")
        try:
            e = ModelEntry.model_validate(item)
        except ValidationError as exc:
            err = exc.errors()[0]
            fld = ".".join(str(p) for p in err.get("loc", ())) or "?"
            raise ConfigError(f"{where}: {label}: field '{fld}': {err['msg']}.") from None
        if e.name in catalog.models:
            raise ConfigError(f"{where}: {label}: field 'name': duplicate model name {e.name!r}.")
        if e.served_name in served:
            raise ConfigError(
                f"{where}: {label}: field 'served_name': {e.served_name!r} is already used by {served[e.served_name]!r}."
            )
        served[e.served_name] = e.name
        catalog.models[e.name] = ModelSpec(
            name=e.name,
            hf_repo=e.hf_repo,
            served_name=e.served_name,
            description=e.description,
            image=e.image,
            tensor_parallel=e.tensor_parallel,
            max_model_len=e.max_model_len,
            gpu_memory_utilization=e.gpu_memory_utilization,
            quantization=e.quantization,
            vllm_args=tuple(e.vllm_args),
            env=tuple(sorted(e.env.items())),
            memory_gib=e.memory_gib,
            params_b=e.params_b,
            load_time_s=e.load_time_s,
        )
    return catalog
