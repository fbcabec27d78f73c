"""One simulated ``vllm serve`` process: its command line parsed the way vLLM's argparse does,
its phases and memory curve over time, and its whole log timeline (every line with its simulated
timestamp), all decided from its fate when it starts.

Pure; the fake host (``host.py``) decides the fate and calls ``vllm_log_timeline``."""

from __future__ import annotations

import hashlib
import json
import math
import time
from dataclasses import dataclass
from typing import Any

from spark_control.catalog import ModelSpec
from spark_control.sim.hardware import DEVICE_TOTAL_GIB, MEMORY_RELEASE_S

VLLM_VERSION = "0.11.1"


@dataclass
class VllmProcess:
    """One ``vllm serve`` inside a container; its future is fixed at start."""

    repo: str
    served_name: str
    port: int
    max_model_len: int
    gpu_mem_util: float
    tensor_parallel: int
    spec: ModelSpec | None
    args: list[str]
    started: float
    load_s: float
    memory_gib: float
    pid: int
    fate: str = "ok"  # ok | bad_args | unknown_model | free_memory | torch_oom | host_oom | port_in_use
    fate_at: float | None = None
    exit_code: int = 0
    ended: float | None = None
    role: str = "head"  # head | worker (the second Spark of a tp=2 launch)
    error: str = ""  # the argparse error of a ``bad_args`` launch
    api_keys: tuple[str, ...] = ()  # ``--api-key`` / VLLM_API_KEY: /v1/* then needs one as a bearer

    @property
    def ready_at(self) -> float | None:
        return None if self.fate != "ok" else self.started + self.load_s

    def is_ready(self, now: float) -> bool:
        return self.ready_at is not None and self.ended is None and now >= self.ready_at

    def phase(self, now: float) -> str:
        """starting | loading_weights | profiling | capturing_graphs | ready | failed | stopped."""
        if self.ended is not None and self.ended <= now:
            return "failed" if self.fate != "ok" and self.fate_at == self.ended else "stopped"
        x = (now - self.started) / self.load_s
        if x < 0.12:
            return "starting"
        if x < 0.6:
            return "loading_weights"
        if x < 0.75:
            return "profiling"
        if x < 1.0:
            return "capturing_graphs"
        return "ready"

    def memory_at(self, t: float) -> float:
        """GiB held at simulated time ``t`` (weights ramp, then the KV cache is allocated)."""
        end = self.ended if self.ended is not None else math.inf
        if t < self.started:
            return 0.0
        at = min(t, end)
        x = (at - self.started) / self.load_s
        weights = self.memory_gib * 0.62
        if x < 0.12:
            used = 0.8 * x / 0.12
        elif x < 0.6:
            used = 0.8 + (weights - 0.8) * (x - 0.12) / 0.48
        elif x < 0.7:
            used = weights
        else:
            used = self.memory_gib
        if self.fate in ("free_memory", "port_in_use", "unknown_model", "bad_args"):
            used = min(used, 0.8)
        if t > end:
            used *= max(0.0, 1.0 - (t - end) / MEMORY_RELEASE_S)
        return used


_VLLM_FLAGS_WITH_VALUE = {
    "--port",
    "--host",
    "--served-model-name",
    "--max-model-len",
    "--gpu-memory-utilization",
    "--tensor-parallel-size",
    "-tp",
    "--quantization",
    "-q",
    "--load-format",
    "--kv-cache-dtype",
    "--reasoning-parser",
    "--tool-call-parser",
    "--max-num-seqs",
    "--dtype",
    "--pipeline-parallel-size",
    "-pp",
    "--data-parallel-size",
    "-dp",
    "--api-key",
    "--chat-template",
    "--max-num-batched-tokens",
    "--model",
    "--distributed-executor-backend",
    "--swap-space",
    "--seed",
    "--download-dir",
    "--tokenizer",
    "--revision",
    "--speculative-config",
    "--compilation-config",
    "--limit-mm-per-prompt",
    "--enable-auto-tool-choice",
    "--override-generation-config",
    "--hf-overrides",
    "--kv-transfer-config",
    "--additional-config",
    "--default-chat-template-kwargs",
    "--mm-processor-kwargs",
    "--generation-config",
}
# Options vLLM parses with json.loads (``--compilation-config`` also takes a bare level, e.g. 3).
_VLLM_JSON_FLAGS = {
    "--override-generation-config",
    "--hf-overrides",
    "--speculative-config",
    "--compilation-config",
    "--limit-mm-per-prompt",
    "--kv-transfer-config",
    "--additional-config",
    "--default-chat-template-kwargs",
    "--mm-processor-kwargs",
}
_BOOL_FLAGS = {"--enable-auto-tool-choice"}


def parse_vllm_args(argv: list[str]) -> dict[str, Any]:
    """The options of ``vllm serve`` that the simulator acts on (others are accepted as given)."""
    opts: dict[str, Any] = {"extra": []}
    i = 0
    positional = []
    alias = {
        "-tp": "--tensor-parallel-size",
        "-q": "--quantization",
        "-pp": "--pipeline-parallel-size",
        "-dp": "--data-parallel-size",
    }
    while i < len(argv):
        a = argv[i]
        if a.startswith("-"):
            key, eq, val = a.partition("=")
            key = alias.get(key, key)
            if eq:
                opts[key.lstrip("-").replace("-", "_")] = val
            elif key in _VLLM_FLAGS_WITH_VALUE and key not in _BOOL_FLAGS and i + 1 < len(argv):
                opts[key.lstrip("-").replace("-", "_")] = argv[i + 1]
                i += 1
            else:
                opts[key.lstrip("-").replace("-", "_")] = True
        else:
            positional.append(a)
        i += 1
    if positional:
        opts["model"] = positional[0]
    opts.setdefault("model", opts.get("model") or "facebook/opt-125m")
    return opts


def bad_vllm_arg(opts: dict[str, Any]) -> str:
    """vLLM's argparse error for a JSON option whose value does not parse ("" if all parse), the
    way a mangled ``{"temperature":0.6}`` (quotes eaten by a shell) fails a real launch."""
    for flag in sorted(_VLLM_JSON_FLAGS):
        val = opts.get(flag.lstrip("-").replace("-", "_"))
        if val is None:
            continue
        if val is True:
            return f"vllm serve: error: argument {flag}: expected one argument"
        if flag == "--compilation-config" and val.isdigit():
            continue
        try:
            json.loads(val)
        except ValueError:
            return f"vllm serve: error: argument {flag}: invalid loads value: {val!r}"
    return ""


def stamp(t: float) -> str:
    return "INFO " + time.strftime("%m-%d %H:%M:%S", time.gmtime(t))


def _arch(repo: str) -> str:
    r = repo.lower()
    if "qwen3-next" in r:
        return "Qwen3NextForCausalLM"
    if "qwen3" in r and ("a3b" in r or "moe" in r):
        return "Qwen3MoeForCausalLM"
    if "qwen" in r:
        return "Qwen3ForCausalLM"
    if "gpt-oss" in r:
        return "GptOssForCausalLM"
    if "nemotron" in r:
        return "NemotronHForCausalLM"
    if "llama" in r:
        return "LlamaForCausalLM"
    return "AutoModelForCausalLM"


def vllm_log_timeline(p: VllmProcess, *, free_gib: float, desired_gib: float) -> list[tuple[float, str, str]]:
    """Every line a ``vllm serve`` will print, with its simulated timestamp, given its fate."""
    s, L = p.started, p.load_s
    api, eng = f"(APIServer pid={p.pid})", f"(EngineCore_DP0 pid={p.pid + 1})"
    out: list[tuple[float, str, str]] = []

    def add(x: float, who: str, where: str, msg: str, stream: str = "stdout", absolute: bool = False) -> None:
        t = x if absolute else s + x * L
        out.append((t, stream, f"{who} {stamp(t)} [{where}] {msg}"))

    def fail(t: float, who: str, lines: list[str]) -> None:
        out.append((t, "stderr", f"{who} Traceback (most recent call last):"))
        for ln in lines:
            out.append((t, "stderr", f"{who} {ln}"))

    def engine_failed(t: float) -> None:  # the API server's last word after the engine core's traceback
        out.append(
            (
                t,
                "stderr",
                f"{api} RuntimeError: Engine core initialization failed. See root cause above. "
                "Failed core proc(s): {}",
            )
        )

    args_repr = {
        "model_tag": p.repo,
        "model": p.repo,
        "served_model_name": [p.served_name],
        "port": p.port,
        "max_model_len": p.max_model_len,
        "gpu_memory_utilization": p.gpu_mem_util,
    }
    if p.tensor_parallel > 1:
        args_repr["tensor_parallel_size"] = p.tensor_parallel
    if p.api_keys and any(a == "--api-key" or a.startswith("--api-key=") for a in p.args):
        args_repr["api_key"] = list(p.api_keys)  # vLLM prints its non-default args, the key included
    if p.fate == "bad_args":
        assert p.fate_at is not None
        out.append((p.fate_at, "stderr", "usage: vllm serve [model_tag] [options]"))
        out.append((p.fate_at, "stderr", p.error))
        return out
    add(0, api, "api_server.py:1839", f"vLLM API server version {VLLM_VERSION}", absolute=False)
    add(0.001, api, "utils.py:233", f"non-default args: {args_repr}")
    if p.fate == "port_in_use":
        assert p.fate_at is not None
        fail(
            p.fate_at,
            api,
            [
                '  File "/usr/local/lib/python3.12/dist-packages/vllm/entrypoints/openai/api_server.py", line 1990, '
                "in create_server_socket",
                "    sock.bind(addr)",
                "OSError: [Errno 98] Address already in use",
            ],
        )
        return out
    if p.fate == "unknown_model":
        assert p.fate_at is not None
        fail(
            p.fate_at,
            api,
            [
                '  File "/usr/local/lib/python3.12/dist-packages/transformers/utils/hub.py", line 479, in cached_files',
                "    raise OSError(",
                f"OSError: {p.repo} is not a local folder and is not a valid model identifier listed on "
                "'https://huggingface.co/models'",
                "If this is a private repository, make sure to pass a token having permission to this repo either by "
                "logging in with `hf auth login` or by passing `token=<your_token>`",
            ],
        )
        return out
    add(0.03, api, "model.py:547", f"Resolved architecture: {_arch(p.repo)}")
    add(0.03, api, "model.py:1510", f"Using max model len {p.max_model_len}")
    add(
        0.05,
        eng,
        "core.py:93",
        f"Initializing a V1 LLM engine (v{VLLM_VERSION}) with config: model='{p.repo}', "
        f"speculative_config=None, tokenizer='{p.repo}', max_seq_len={p.max_model_len}, "
        f"tensor_parallel_size={p.tensor_parallel}, served_model_name={p.served_name}",
    )
    add(
        0.08,
        eng,
        "parallel_state.py:1208",
        f"rank 0 in world size {p.tensor_parallel} is assigned as DP rank 0, PP rank 0, TP rank 0, EP rank 0",
    )
    if p.fate == "free_memory":
        assert p.fate_at is not None
        fail(
            p.fate_at,
            eng,
            [
                '  File "/usr/local/lib/python3.12/dist-packages/vllm/v1/worker/gpu_worker.py", line 239, in init_device',
                "    raise ValueError(",
                f"ValueError: Free memory on device cuda:0 ({free_gib:.2f}/{DEVICE_TOTAL_GIB} GiB) on startup is less "
                f"than desired GPU memory utilization ({p.gpu_mem_util}, {desired_gib:.2f} GiB). Decrease GPU memory "
                "utilization or reduce GPU memory used by other processes.",
            ],
        )
        engine_failed(p.fate_at)
        return out
    add(0.12, eng, "gpu_model_runner.py:2602", f"Starting to load model {p.repo}...")
    add(0.13, eng, "cuda.py:366", "Using Flash Attention backend on V1 engine.")
    weights = p.memory_gib * 0.62
    shards = max(1, math.ceil(weights / 5.0))
    per = (0.46 * L) / shards
    cut = p.fate_at if p.fate in ("host_oom", "torch_oom") else math.inf
    for k in range(shards + 1):
        t = s + 0.14 * L + k * per
        if t > cut:
            break
        pct = int(100 * k / shards)
        el = k * per
        rest = (shards - k) * per
        rate = f"{per:.2f}s/it" if k else "?it/s"
        out.append(
            (
                t,
                "stderr",
                f"{eng} Loading safetensors checkpoint shards: {pct:3d}% Completed | {k}/{shards} "
                f"[{int(el // 60):02d}:{int(el % 60):02d}<{int(rest // 60):02d}:{int(rest % 60):02d}, {rate}]",
            )
        )
    if p.fate == "host_oom":
        return out  # SIGKILL: no last words
    if p.fate == "torch_oom":
        assert p.fate_at is not None
        fail(
            p.fate_at,
            eng,
            [
                '  File "/usr/local/lib/python3.12/dist-packages/vllm/model_executor/model_loader/default_loader.py", '
                "line 262, in load_weights",
                f"torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of "
                f"{DEVICE_TOTAL_GIB} GiB of which {max(0.0, free_gib - weights * 0.9):.2f} GiB is free. Including "
                f"non-PyTorch memory, this process has {weights * 0.9:.2f} GiB memory in use. Of the allocated memory "
                f"{weights * 0.88:.2f} GiB is allocated by PyTorch, and 57.19 MiB is reserved by PyTorch but unallocated. "
                "If reserved but unallocated memory is large try setting PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True "
                "to avoid fragmentation.  See documentation for Memory Management  "
                "(https://pytorch.org/docs/stable/notes/cuda.html#environment-variables)",
            ],
        )
        engine_failed(p.fate_at)
        return out
    add(0.6, eng, "default_loader.py:267", f"Loading weights took {0.45 * L:.2f} seconds")
    add(0.6, eng, "gpu_model_runner.py:2653", f"Model loading took {weights:.4f} GiB and {0.47 * L:.6f} seconds")
    add(
        0.64,
        eng,
        "backends.py:548",
        "Using cache directory: /root/.cache/vllm/torch_compile_cache/"
        f"{hashlib.sha256(p.repo.encode()).hexdigest()[:10]}/rank_0_0/backbone for vLLM's torch.compile",
    )
    add(0.69, eng, "monitor.py:34", f"torch.compile takes {0.05 * L:.2f} s in total")
    kv = p.memory_gib - weights - 1.5
    tokens = int(kv * 1024 * 1024 * 1024 / (96 * 1024))
    add(0.7, eng, "gpu_worker.py:298", f"Available KV cache memory: {kv:.2f} GiB")
    add(0.7, eng, "kv_cache_utils.py:1087", f"GPU KV cache size: {tokens:,} tokens")
    add(
        0.7,
        eng,
        "kv_cache_utils.py:1091",
        f"Maximum concurrency for {p.max_model_len:,} tokens per request: {tokens / p.max_model_len:.2f}x",
    )
    for k, (label, n) in enumerate((("mixed prefill-decode, PIECEWISE", 67), ("decode, FULL", 35))):
        t0 = s + (0.75 + 0.09 * k) * L
        out.append((t0, "stderr", f"{eng} Capturing CUDA graphs ({label}):   0%|          | 0/{n} [00:00<?, ?it/s]"))
        out.append(
            (
                t0 + 0.08 * L,
                "stderr",
                f"{eng} Capturing CUDA graphs ({label}): 100%|██████████| {n}/{n} "
                f"[00:{int(0.08 * L) % 60:02d}<00:00, {n / max(0.08 * L, 0.01):.2f}it/s]",
            )
        )
    add(0.93, eng, "gpu_model_runner.py:3480", f"Graph capturing finished in {int(0.17 * L)} secs, took 0.49 GiB")
    add(0.95, eng, "core.py:210", f"init engine (profile, create kv cache, warmup model) took {0.35 * L:.2f} seconds")
    add(0.97, api, "api_server.py:1634", "Supported_tasks: ['generate']")
    add(1.0, api, "api_server.py:1912", f"Starting vLLM API server 0 on http://0.0.0.0:{p.port}")
    add(1.0, api, "launcher.py:34", "Available routes are:")
    for route, meth in (
        ("/health", "GET"),
        ("/ping", "GET, POST"),
        ("/v1/models", "GET"),
        ("/v1/chat/completions", "POST"),
        ("/v1/completions", "POST"),
        ("/metrics", "GET"),
    ):
        add(1.0, api, "launcher.py:42", f"Route: {route}, Methods: {meth}")
    t = s + L
    for text in (
        f"INFO:     Started server process [{p.pid}]",
        "INFO:     Waiting for application startup.",
        "INFO:     Application startup complete.",
    ):
        out.append((t, "stderr", f"{api} {text}"))
    return out
