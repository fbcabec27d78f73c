"""vLLM log lines -> load-phase progress. Pure functions; the swap job feeds ``docker logs``.

vLLM prints milestones while it starts (see research/llm-anchors.md section 6):
``Starting to load model ...``, tqdm ``Loading safetensors checkpoint shards: 45% Completed |
9/20``, ``Model loading took X GiB and Y seconds``, KV-cache sizing (``# GPU blocks``,
``Available KV cache memory``, ``GPU KV cache size``), CUDA-graph capture, ``Starting vLLM API
server``, uvicorn ``Application startup complete``. Fatal lines (CUDA OOM, the startup
free-memory check, an unknown model, a port in use, an argument vLLM refuses, engine init failure)
end the load early.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Load sub-phases in order, with the overall progress (0..1) reached when each begins.
LOAD_STAGES: tuple[tuple[str, float], ...] = (
    ("starting", 0.0),
    ("weights", 0.05),
    ("kv_cache", 0.65),
    ("cuda_graphs", 0.75),
    ("api_server", 0.95),
    ("ready", 1.0),
)
_STAGE_AT = dict(LOAD_STAGES)
_STAGE_INDEX = {name: i for i, (name, _) in enumerate(LOAD_STAGES)}

_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"Starting to load model|Loading model from scratch|Loading weights"), "weights"),
    (re.compile(r"Model loading took|Loading weights took|Loading model weights took"), "kv_cache"),
    (
        re.compile(r"Memory profiling takes|# GPU blocks|GPU KV cache size|Available KV cache memory|KV cache"),
        "kv_cache",
    ),
    (re.compile(r"Capturing CUDA graph|Capturing cudagraphs|CUDA graph capture|Graph capturing"), "cuda_graphs"),
    (re.compile(r"Starting vLLM API server|vLLM API server version|Available routes are"), "api_server"),
    (re.compile(r"Application startup complete|Uvicorn running on"), "ready"),
)
_SHARDS_RE = re.compile(r"Loading safetensors checkpoint shards:\s*(\d{1,3})%(?:.*?\|\s*(\d+)/(\d+))?")

# (pattern, short reason) -- the first match in a log means the load failed.
FATAL_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"CUDA out of memory|OutOfMemoryError|torch\.cuda\.OutOfMemoryError"), "out of GPU memory"),
    (
        re.compile(r"Free memory on device .* is less than desired GPU memory utilization"),
        "not enough free memory at startup",
    ),
    (
        re.compile(
            r"is not a local folder and is not a valid model identifier|Repository Not Found|"
            r"RepositoryNotFoundError|GatedRepoError"
        ),
        "unknown or inaccessible model",
    ),
    (re.compile(r"Address already in use|address already in use|port is already allocated"), "port in use"),
    (re.compile(r"vllm serve: error: argument|error: unrecognized arguments"), "vLLM refused its arguments"),
    (
        re.compile(r"Engine core initialization failed|EngineDeadError|Engine process failed to start"),
        "engine failed to start",
    ),
)


@dataclass(frozen=True)
class LoadProgress:
    stage: str = "starting"
    fraction: float = 0.0  # overall 0..1 across the load phase
    shards_done: int | None = None
    shards_total: int | None = None
    fatal: str | None = None  # short reason if a fatal line was seen
    fatal_line: str | None = None

    @property
    def ready(self) -> bool:
        return self.stage == "ready"


def classify_line(line: str) -> tuple[str | None, float | None, str | None]:
    """One line -> (stage or None, weights fraction or None, fatal reason or None)."""
    for pat, reason in FATAL_RULES:
        if pat.search(line):
            return None, None, reason
    m = _SHARDS_RE.search(line)
    if m:
        return "weights", min(int(m.group(1)), 100) / 100.0, None
    for pat, stage in _RULES:
        if pat.search(line):
            return stage, None, None
    return None, None, None


def parse_progress(lines: list[str]) -> LoadProgress:
    """Fold log lines (oldest first) into the furthest stage reached. Stages never go back."""
    stage, frac, done, total = "starting", 0.0, None, None
    for line in lines:
        st, wfrac, fatal = classify_line(line)
        if fatal:
            return LoadProgress(stage, frac, done, total, fatal, line.strip()[:500])
        if st is None:
            continue
        if _STAGE_INDEX[st] > _STAGE_INDEX[stage]:
            stage = st
            frac = max(frac, _STAGE_AT[st])
        if st == "weights" and wfrac is not None and stage == "weights":
            lo, hi = _STAGE_AT["weights"], _STAGE_AT["kv_cache"]
            frac = max(frac, lo + (hi - lo) * wfrac)
            m = _SHARDS_RE.search(line)
            if m and m.group(2):
                done, total = int(m.group(2)), int(m.group(3))
    return LoadProgress(stage, round(frac, 4), done, total)
