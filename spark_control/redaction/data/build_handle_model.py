"""Build ``handle_ngrams.tsv.gz``, the weights of the handle scorer (``handle_score.py``).

Build-time only; deterministic (fixed seed, sorted output, gzip without a timestamp), from files
the project ships: positives are handles made from the gazetteer's first and last names (every
country) by many recipes (jdoe, j.doe, doe.j, johnd, doej, jd42, john_doe, jdoe-ops, initials +
surname, surname + initials, first3+last3, leetspeak, trailing years); negatives are English words
(``words.txt.gz`` and dictionary words of the gazetteer) and the tokens of software and logs made
from them (snake_case keys, kebab-case services, hosts like build-01, versions, hex ids, files,
packages with digits). Naive Bayes: per n-gram, log P(gram | handle) - log P(gram | other).

Run:  python spark_control/redaction/data/build_handle_model.py
then paste the printed SHA-256 into ``handle_score.SHA256``.

The negatives read ``lexicon.TOOL_WORDS`` and ``ner.BRANDS``, which later rounds extended: run
today, the script builds a different file (SHA-256 ``fe98b9cc...``) than the pinned one
(``91241ff2...``, built with the round-4 lists, which every later measurement used). Rebuilding is
a detection change: regenerate the golden digests and re-measure."""

from __future__ import annotations

import collections
import gzip
import hashlib
import random
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[2]))

from spark_control.redaction.handle_score import DATA, features  # noqa: E402
from spark_control.redaction.lexicon import TOOL_WORDS  # noqa: E402
from spark_control.redaction.ner import BRANDS as LEX_BRANDS  # noqa: E402
from spark_control.redaction.ngram_model import build_weights  # noqa: E402

N = 150_000  # examples per class
MIN_COUNT = 4  # an n-gram seen fewer times in all examples gets no weight
# software, services and system accounts that stand where a handle would
TECH = """
nginx apache httpd redis postgres postgresql mysql mariadb mongo mongodb kafka zookeeper rabbitmq etcd consul vault
nomad terraform ansible puppet chef salt docker podman kubectl kubernetes helm argocd flux istio envoy linkerd
prometheus grafana loki tempo jaeger sentry datadog newrelic pagerduty opsgenie splunk kibana elastic logstash
fluentd fluentbit vector jenkins gitlab github circleci travis drone buildkite teamcity bamboo sonar nexus artifactory
npm npx yarn pnpm pip pipx poetry conda uv cargo rustup gem bundler composer gradle maven ant sbt bazel cmake make
ninja meson gcc clang llvm rustc go golang node nodejs deno bun python python3 ruby perl php java jdk openjdk dotnet
ubuntu debian alpine centos fedora rhel rocky alma arch manjaro opensuse freebsd openbsd macos windows wsl
bash zsh fish tmux screen vim neovim emacs nano grep sed awk curl wget ssh scp rsync git svn hg cron crontab systemd
systemctl journalctl syslog rsyslog logrotate sudo chmod chown useradd passwd iptables nftables ufw firewalld
haproxy traefik caddy varnish squid memcached celery sidekiq resque airflow dagster prefect spark hadoop hive presto
trino flink beam dbt snowflake bigquery redshift clickhouse druid pinot cassandra scylla dynamodb cosmosdb firestore
supabase firebase heroku vercel netlify cloudflare fastly akamai aws azure gcp lambda ec2 s3 rds eks gke aks
openai llama mistral ollama vllm pytorch tensorflow jax numpy pandas scipy sklearn fastapi flask django rails
laravel spring express nextjs nuxt react vue svelte angular webpack vite esbuild rollup babel eslint prettier
jest pytest mocha cypress playwright selenium storybook lint linter formatter webhook callback healthcheck
www-data nobody daemon root admin operator backup svc deploy deployer runner worker builder release ci cd bot
dependabot renovate github-actions codeowners mergify semaphore codecov snyk trivy grype cosign sigstore
localhost loopback gateway ingress egress proxy router switch firewall loadbalancer autoscaler scheduler
""".split()
TECH_PARTS = """
api app web db cache queue worker job cron prod stage staging dev test qa uat demo sandbox internal public
private edge core main master primary replica backup node pod host srv svc server client agent proxy lb gw
ingress egress k8s eks gke us eu ap west east north south central zone az rack blue green canary beta alpha
stable nightly latest release hotfix feature fix bugfix chore docs build deploy runner metrics logs log
monitor alert auth sso oauth login admin billing payments search index ingest export import sync etl batch
stream events notify mail smtp dns cdn storage bucket vault secrets config settings flags retry timeout limit
max min size pool max_retries user_id uid gid env tmp var opt lib bin src dist out pkg vendor
""".split()
EXTS = "py js ts md txt json yaml yml toml ini cfg conf log csv pdf png jpg sh sql lock env xml html go rs rb".split()
ROLES = "ops dev adm admin qa eng it sec ext contractor old work test personal".split()
LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"}


def load_names() -> tuple[list[str], list[str], list[str], list[str]]:
    """First and last names: (popular, all) for each, ASCII letters only."""
    first_all, last_all, first_pop, last_pop = [], [], [], []
    with gzip.open(HERE / "names.tsv.gz", "rt", encoding="utf-8") as f:
        for line in f:
            tok, kinds, zipf, dict_word, rank = line.rstrip("\n").split("\t")
            if not (tok.isascii() and tok.isalpha() and len(tok) >= 2):
                continue
            popular = int(rank) > 0 or int(zipf) > 0
            if "F" in kinds:
                first_all.append(tok)
                if popular:
                    first_pop.append(tok)
            if "L" in kinds:
                last_all.append(tok)
                if popular:
                    last_pop.append(tok)
    return first_pop, first_all, last_pop, last_all


def load_words() -> list[str]:
    words = set(gzip.open(HERE / "words.txt.gz", "rt", encoding="utf-8").read().split())
    with gzip.open(HERE / "names.tsv.gz", "rt", encoding="utf-8") as f:
        for line in f:
            tok, kinds, zipf, dict_word, rank = line.rstrip("\n").split("\t")
            if dict_word == "1" and int(zipf) >= 30 and tok.isascii():
                words.add(tok)  # "read", "will", "mark": mostly words
    return sorted(w for w in words if w.isalpha())


def handle(rng: random.Random, f: str, la: str) -> str:
    m = rng.choice("abcdefghjklmnoprstwy")
    recipes = (
        f[0] + la, f[0] + m + la, la + f[0], la + f[0] + m, f + la[0], f + la, la + f,
        f + "." + la, f[0] + "." + la, la + "." + f[0], f + "." + la[0],
        f + "_" + la, f[0] + "_" + la, la + "_" + f[0], f + "_" + la[0],
        f + "-" + la, f + "-" + la[0], la + "-" + f[0], f[0] + la + "-" + rng.choice(ROLES),
        f[:3] + la[:3], f[:2] + la[:3], la[:5] + f[:2], la[:4] + f[0], f[0] + m + la[0], f[0] + la[0],
        f, la, f + m, la + m + f[0],
    )  # fmt: skip
    h = rng.choice(recipes)
    r = rng.random()
    if r < 0.2:
        h += str(rng.randint(1, 99))
    elif r < 0.3:
        h += str(rng.randint(1960, 2010))
    elif r < 0.34:
        h += "_" + str(rng.randint(1, 99))
    if rng.random() < 0.05:
        h = "".join(LEET.get(c, c) if rng.random() < 0.6 else c for c in h)
    return h


def other(rng: random.Random, words: list[str], tech: list[str]) -> str:
    w = rng.choice(words)
    w2 = rng.choice(words)
    t = rng.choice(tech)
    p = rng.choice(TECH_PARTS)
    n = str(rng.randint(0, 99))
    hexid = "".join(rng.choice("0123456789abcdef") for _ in range(rng.randint(6, 12)))
    ver = ".".join(str(rng.randint(0, 20)) for _ in range(rng.randint(2, 3)))
    recipes = (
        w, w, w, w, w + w2, w + "_" + w2, w + "-" + w2, w + "." + w2, t, t, t + n, t + "-" + p, p + "-" + t,
        t + "_" + p, p + "_" + w, w + "_" + p, w + n, w + "-" + n.zfill(2), p + "-" + n.zfill(2), p + n,
        t + "-" + p + "-" + n.zfill(2), "v" + ver, t + "-" + ver, hexid, w + "." + rng.choice(EXTS),
        t + "." + rng.choice(EXTS), w + "_" + w2 + "." + rng.choice(EXTS), p + "." + p, w + "s", w + "ing",
        t + "-" + w, w + "-" + t,
    )  # fmt: skip
    return rng.choice(recipes)


def main() -> None:
    rng = random.Random(20261205)
    first_pop, first_all, last_pop, last_all = load_names()
    words = load_words()
    tech = sorted(set(TECH) | set(TOOL_WORDS) | set(LEX_BRANDS))
    counts = (collections.Counter(), collections.Counter())
    for _ in range(N):
        # half from popular names, half from the whole gazetteer (every country, rare names too)
        fl = first_pop if rng.random() < 0.5 else first_all
        ll = last_pop if rng.random() < 0.5 else last_all
        counts[1].update(set(features(handle(rng, rng.choice(fl), rng.choice(ll)))))
        counts[0].update(set(features(other(rng, words, tech))))
    raw, grams = build_weights(counts, MIN_COUNT, str.isascii)
    DATA.write_bytes(raw)
    print(f"{DATA.name}: {grams} n-grams, {len(raw)} bytes")
    print("SHA256 =", hashlib.sha256(raw).hexdigest())


if __name__ == "__main__":
    main()
