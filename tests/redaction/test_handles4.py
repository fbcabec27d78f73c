"""Handles whose person is named nowhere in the text (issue #13, fourth round): a learned score of
the token's letters (``handle_score``) where an account stands (key-value fields, log lines, git
output, chat system lines, ticket activity, "logged in as"); the same places with software,
versions, units and words stay."""

import gzip
import hashlib

import pytest
from helpers import scrub_checked as scrub

from spark_control.redaction import handle_score


def test_the_weights_are_pinned():
    raw = handle_score.DATA.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == handle_score.SHA256
    assert len(gzip.decompress(raw).splitlines()) > 1000


def test_the_score_ranks_handles_above_words_and_software():
    handles = ["rkaur", "osei.k", "jun.zhang2003", "ywadeyemi", "b4rt0sz", "dkotieno64", "n.ivanova"]
    other = ["rebase", "nginx-ingress", "build-01", "v2.3.1", "kubectl", "staging", "postgres_16", "timeout"]
    assert min(handle_score.score(h) for h in handles) > max(handle_score.score(o) for o in other)


# a handle in an account position, its person named nowhere in the text
FOUND = [
    ("PROJ-4410 | assignee: okafor.n | reporter: sentry", "okafor.n"),
    ("2024-06-03T10:11Z INFO audit user=rmensah action=login", "rmensah"),
    ("sudo: tkowalczyk : TTY=pts/2 ; PWD=/srv ; USER=root", "tkowalczyk"),
    ("Accepted publickey for ywadeyemi from bastion port 53122 ssh2", "ywadeyemi"),
    ("8b1fed3 (bkamau-it) fix flaky upload test", "bkamau-it"),
    ("$ git shortlog -sn\n   42  jmwangi2019\n   17  renovate", "jmwangi2019"),
    ("remote: dkotieno64 pushed to refs/heads/main", "dkotieno64"),
    ("n.ivanova changed the status to In Review", "n.ivanova"),
    ("* hadd4er has joined #infra", "hadd4er"),
    ("Customer logs in as petrov and sees an empty dashboard.", "petrov"),
    ("caller: my user name is ravkau and i can't get in", "ravkau"),
    ("Account login: tjh39 | Tier: gold", "tjh39"),
    ("Watchers: lindqvist_e, b4rt0sz\nLabels: bug", "b4rt0sz"),
    ("job 242 cancelled by smwangi; rerun by scheduler", "smwangi"),
    # prose: where a person stands, and anywhere for a name glued to an initial or to 2+ digits
    ("Spoke w/ fernandeslucia re pricing, sending a quote.", "fernandeslucia"),
    ("agent: we set you up as dtaylor-eng35 on the new system", "dtaylor-eng35"),
    ("lol mwangi84 strikes again, who let them near prod", "mwangi84"),
    ("speaker 1: i think patel20 has the admin rights", "patel20"),
    ("honestly ywadeyemi knows the billing code better than me", "ywadeyemi"),
]


@pytest.mark.parametrize(("text", "handle"), FOUND)
def test_a_handle_where_an_account_stands_is_redacted(rules, text, handle):
    assert handle not in scrub(rules, text)


KEPT = [
    "2024-06-03T10:11Z INFO audit user=svc_backup action=login status=ok",
    "Accepted publickey for deploy from bastion port 53122 ssh2",
    "WARN rollback lagging by 5459ms on worker-03",
    "$ git shortlog -sn\n   42  renovate\n   17  github-actions",
    "branch feature/hotfix-oauth was force-pushed by ci",
    "job 7712 cancelled by timeout; rerun by scheduler",
    "agent: a number to call you back on\ncaller: mm-hm",
    "PROJ-4410 | assignee: unassigned | reporter: sentry | prio: P2",
    "Feature flags: new_checkout, dark_mode and beta_search are on.",
    "commit a1b2c3d\nAuthor: dependabot[bot]\n\n    bump nginx-ingress to v2.3.1",
    "  - jinja2, located at tools/inspector_protocol, is BSD",
    "my go-to ramen for summer evenings, then the linter said 3 warnings",
    "granian's supervisor restarts workers; a11y and i18n fixes on mon-01",
    "the load balancer in eu-west-1 returned 502 errors; logs on build-runner-03.internal",
]


@pytest.mark.parametrize("text", KEPT)
def test_software_and_words_in_the_same_places_stay(rules, text):
    assert scrub(rules, text) == text
