"""Health: what is up, busy or down right now, what happened overnight, and how the GPUs are.

- ``model``: states, the per-target debounce (``Tracker``), the busy-vs-down rule (pure).
- ``probes``: the monitor's cheap probes and ``/health/deep``'s checks.
- ``monitor``: ``HealthMonitor`` (watchers, persistent connections, outages, view, metrics).
- ``outages``: the connectivity log in SQLite, restart honesty.
- ``telemetry``: GPU/memory/disk per node over SSH, vLLM /metrics; raw 1 h, minute averages 48 h.
- ``view``: ``health_view(monitor)``: the health page's data.
"""
