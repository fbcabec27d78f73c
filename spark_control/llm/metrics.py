"""Per-model gateway metrics, rendered as Prometheus text (no client library: a handful of
counters and fixed-bucket histograms, updated once per request, never per chunk)."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict

PREFIX = "spark_llm"

TTFT_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
TPS_BUCKETS = (1, 5, 10, 20, 30, 50, 75, 100, 150, 200, 300, 500, 1000)
WAIT_BUCKETS = (0.001, 0.01, 0.1, 0.5, 1.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0)
DURATION_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0)


class Histogram:
    __slots__ = ("buckets", "counts", "sum", "count")

    def __init__(self, buckets: tuple[float, ...]) -> None:
        self.buckets = buckets
        self.counts = [0] * (len(buckets) + 1)  # last slot: +Inf only
        self.sum = 0.0
        self.count = 0

    def observe(self, value: float) -> None:
        self.counts[bisect_left(self.buckets, value)] += 1
        self.sum += value
        self.count += 1


def _esc(v: str) -> str:
    return v.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _labels(pairs: tuple[tuple[str, str], ...]) -> str:
    return ",".join(f'{k}="{_esc(v)}"' for k, v in pairs)


class LLMMetrics:
    """``requests`` by (model, endpoint, status); stream errors by reason; histograms by model."""

    def __init__(self) -> None:
        self.requests: dict[tuple[str, str, str], int] = defaultdict(int)
        self.stream_errors: dict[tuple[str, str], int] = defaultdict(int)
        self.completion_tokens: dict[str, int] = defaultdict(int)
        self.ttft: dict[str, Histogram] = {}
        self.tps: dict[str, Histogram] = {}
        self.queue_wait: dict[str, Histogram] = {}
        self.duration: dict[str, Histogram] = {}
        self.in_flight: dict[str, int] = defaultdict(int)
        self.held = 0

    @staticmethod
    def _hist(table: dict[str, Histogram], model: str, buckets: tuple[float, ...]) -> Histogram:
        h = table.get(model)
        if h is None:
            h = table[model] = Histogram(buckets)
        return h

    def request(self, model: str, endpoint: str, status: int | str) -> None:
        self.requests[(model, endpoint, str(status))] += 1

    def stream_error(self, model: str, reason: str) -> None:
        self.stream_errors[(model, reason)] += 1

    def observe_queue_wait(self, model: str, seconds: float) -> None:
        self._hist(self.queue_wait, model, WAIT_BUCKETS).observe(seconds)

    def observe_stream(self, model: str, ttft: float | None, tokens: int, decode_s: float, total_s: float) -> None:
        if ttft is not None:
            self._hist(self.ttft, model, TTFT_BUCKETS).observe(ttft)
        if tokens > 0:
            self.completion_tokens[model] += tokens
            if decode_s > 0:
                self._hist(self.tps, model, TPS_BUCKETS).observe(tokens / decode_s)
        self._hist(self.duration, model, DURATION_BUCKETS).observe(total_s)

    def render_prometheus(self) -> str:
        out: list[str] = []

        def counter(name: str, help_: str, rows: list[tuple[tuple[tuple[str, str], ...], float]]) -> None:
            out.append(f"# HELP {PREFIX}_{name} {help_}")
            out.append(f"# TYPE {PREFIX}_{name} counter")
            out.extend(f"{PREFIX}_{name}{{{_labels(lbl)}}} {val:g}" for lbl, val in rows)

        def gauge(name: str, help_: str, rows: list[tuple[tuple[tuple[str, str], ...], float]]) -> None:
            out.append(f"# HELP {PREFIX}_{name} {help_}")
            out.append(f"# TYPE {PREFIX}_{name} gauge")
            out.extend(
                f"{PREFIX}_{name}{{{_labels(lbl)}}} {val:g}" if lbl else f"{PREFIX}_{name} {val:g}" for lbl, val in rows
            )

        def histogram(name: str, help_: str, table: dict[str, Histogram]) -> None:
            out.append(f"# HELP {PREFIX}_{name} {help_}")
            out.append(f"# TYPE {PREFIX}_{name} histogram")
            for model in sorted(table):
                h = table[model]
                lbl = f'model="{_esc(model)}"'
                cum = 0
                for bound, n in zip(h.buckets, h.counts, strict=False):
                    cum += n
                    out.append(f'{PREFIX}_{name}_bucket{{{lbl},le="{bound:g}"}} {cum}')
                out.append(f'{PREFIX}_{name}_bucket{{{lbl},le="+Inf"}} {h.count}')
                out.append(f"{PREFIX}_{name}_sum{{{lbl}}} {h.sum:.6g}")
                out.append(f"{PREFIX}_{name}_count{{{lbl}}} {h.count}")

        counter(
            "requests_total",
            "Requests answered by the LLM gateway, by model, endpoint and HTTP status.",
            [((("model", m), ("endpoint", e), ("status", s)), n) for (m, e, s), n in sorted(self.requests.items())],
        )
        counter(
            "stream_errors_total",
            "Responses cut short after they started, by reason.",
            [((("model", m), ("reason", r)), n) for (m, r), n in sorted(self.stream_errors.items())],
        )
        counter(
            "completion_tokens_total",
            "Completion tokens streamed through the gateway.",
            [((("model", m),), n) for m, n in sorted(self.completion_tokens.items())],
        )
        gauge(
            "requests_in_flight",
            "Requests being proxied now.",
            [((("model", m),), n) for m, n in sorted(self.in_flight.items())],
        )
        gauge("requests_held", "Requests held while a model swap runs.", [((), self.held)])
        histogram("time_to_first_token_seconds", "From request arrival to the first generated token.", self.ttft)
        histogram("tokens_per_second", "Completion tokens per second of decoding, per request.", self.tps)
        histogram(
            "queue_wait_seconds", "Time a request waited before it was sent upstream (swap hold).", self.queue_wait
        )
        histogram("request_duration_seconds", "From request arrival to the end of the response.", self.duration)
        return "\n".join(out) + "\n"
