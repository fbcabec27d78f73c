"""How long GET /health waits while one caller's heavy request runs (issue 14's table).

Serves the real ``create_api`` (auth, redaction, health; no simulated cluster) with uvicorn on
127.0.0.1 and times /health every 20 ms while each request runs: the merge of 5,000 words with
5,000 overlapping turns, the scrub of 20,000 distinct e-mail addresses, 20 parallel wrong
passwords. Run: ``python benchmarks/loop_stall.py``; writes ``benchmarks/results/loop_stall.json``.
Numbers from a shared machine are noisy: compare rows from one run."""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from spark_control.auth import passwords  # noqa: E402
from tests.foundation.test_event_loop_stays_free import health_while, overlapping_merge, serve_controller  # noqa: E402

JSON = {"content-type": "application/json"}


def summary(delays: list[float]) -> dict:
    ms = sorted(d * 1000 for d in delays)
    return {
        "probes": len(ms),
        "health_max_ms": round(ms[-1], 1) if ms else None,
        "health_p95_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.95))], 1) if ms else None,
    }


async def main() -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        async with serve_controller(Path(tmp) / "data") as live:
            await live.controller.auth.set_initial_password("the right password!")
            merge_body = json.dumps(overlapping_merge()).encode()
            r, d = await health_while(live, lambda c: c.post("/api/audio/merge", content=merge_body, headers=JSON))
            rows.append({"request": "POST /api/audio/merge, 5,000 words x 5,000 overlapping turns",
                         "bytes": len(merge_body), "status": r.status_code, **summary(d)})  # fmt: skip
            text = " ".join(f"user{i}@example{i % 97}.com" for i in range(20_000))
            scrub_body = json.dumps({"text": text}).encode()
            r, d = await health_while(live, lambda c: c.post("/scrub", content=scrub_body, headers=JSON))
            rows.append({"request": "POST /scrub, 20,000 distinct e-mail addresses",
                         "bytes": len(scrub_body), "status": r.status_code, **summary(d)})  # fmt: skip
            checks = []
            real = passwords.verify_password
            passwords.verify_password = lambda p, e: checks.append(1) or real(p, e)

            async def twenty(c):
                rs = await asyncio.gather(
                    *(c.post("/api/auth/login", json={"password": "wrong guess!!"}) for _ in range(20))
                )
                return [x.status_code for x in rs]

            statuses, d = await health_while(live, twenty)
            passwords.verify_password = real
            rows.append({"request": "20 parallel wrong passwords to POST /api/auth/login",
                         "password_checks": len(checks), "401": statuses.count(401), "429": statuses.count(429),
                         **summary(d)})  # fmt: skip
    return rows


if __name__ == "__main__":
    result = asyncio.run(main())
    out = Path(__file__).resolve().parent / "results" / "loop_stall.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    for row in result:
        print(row)
