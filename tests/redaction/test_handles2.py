"""Bare handles with no username cue (issue #13, second round): a handle-shaped token where a
person stands in running text is redacted; the same shapes in technical text are left alone."""

import random

import pytest
from corpus import leaked
from helpers import scrub_checked as scrub
from tuning import handles2

HANDLES = [
    ("sunnyfox said the build is green again", "sunnyfox"),
    ("ok so quiet.river asked whether we can move the demo", "quiet.river"),
    ("bluecat_7 wrote in the thread that it works now", "bluecat_7"),
    ("thanks maple88! that fixed it", "maple88"),
    ("hey xk42 are you around?", "xk42"),
    ("xk42, can you check the staging logs?", "xk42"),
    ("borrowed tiny_cactus's charger, will return it", "tiny_cactus"),
    ("i talked to danafox about the budget", "danafox"),
    ("Present: Priya, vhz389, and me", "vhz389"),
    ("speaker 2: yeah so lynx_quiet96 and i went through the numbers", "lynx_quiet96"),
    ("rusty-lantern's laptop is still in the office", "rusty-lantern"),
    ("got a long email from kettle948 last night", "kettle948"),
    ("bug reported by otter_wild12, fixed by Dana", "otter_wild12"),
    ("cactus_silver49 is on holiday until the 12th", "cactus_silver49"),
    ("according to maple.d the refund went out tuesday", "maple.d"),
    ("Attendees: Dana Okafor (sunnyfox), the vendor", "sunnyfox"),
    ("Thanks,\nmaple88", "maple88"),
    ("cheers\n- quiet_river", "quiet_river"),
    ("cc jdoe, xk42 and sunnyfox_21 please", "xk42"),
    ("cc jdoe, xk42 and sunnyfox_21 please", "sunnyfox_21"),
    ("hi, this is fuzzy_pebble from the forum", "fuzzy_pebble"),
    ("kudos to bluecat_7 for the fix", "bluecat_7"),
    ("From: quietriver\nTo: the team", "quietriver"),
    ("maple88 here, quick question", "maple88"),
    ("i go by sunnyfox on discord", "sunnyfox"),
]


@pytest.mark.parametrize(("text", "handle"), HANDLES)
def test_a_handle_where_a_person_stands_is_redacted(rules, text, handle):
    assert handle not in scrub(rules, text)


CONTROLS = [
    "the healthcheck said ok after the restart; node3 and worker_02 rejoined the cluster",
    "Tested with python3 and node18 on win11 and arm64; the h264 samples play, sha256 sums match.",
    "restart the sunnyfox service; the otter_lazy flag is off and the maple88 table has 4 columns",
    "Built with gcc12 and lz4, compressed with zstd; shipped from us-east1.",
    "node7 needs a reboot, worker_3 is waiting on the queue, and gpu2 will be back after the update.",
    "the quiet_mode setting is off and the otter_v2 model was right on 93 % of cases.",
    "retry with backoff on timeout; timestamps come from the monotonic clock, for redaction sessions",
    "    crypt.c, crypt-static.c, byteorder.h, randombytes.c are LGPL",
    "  - jinja2, located at tools/inspector_protocol, is BSD\n  - nghttp2, located at deps/nghttp2, is MIT",
    "The patch modified readelf's dwarf2 source line reader; granian's supervisor restarts workers.",
    "self.running, self.progress = True, 0",
    "the files were migrated from pubring.gpg to pubring.kbx; see pkg.m4 and parse.tcsh",
    "zero-length writes now end early; dynamically-linked shared objects are loaded lazily",
    "The Beta build (experimental) and the Dark theme (default) ship today. Call New(isolate), then Set(instance).",
    "its callees were cleaned up; it's fine now, via ssh_tunnel and proxy_v2. this is node3.",
    "Thanks,\nThe Platform Team",
]


@pytest.mark.parametrize("text", CONTROLS)
def test_the_same_shapes_in_technical_text_stay(rules, text):
    assert scrub(rules, text) == text


def test_tuning_documents_of_this_area_leak_few_handles(rules):
    docs = handles2.generate(random.Random("7:handles2"), 0)
    spans = leaks = 0
    for d in docs:
        out = scrub(rules, d.text)
        if d.control:
            continue
        spans += sum(p.type == "USERNAME" for p in d.pii)
        leaks += sum(p.type == "USERNAME" for p in leaked(d, out))
    assert leaks / spans <= 0.1, f"{leaks}/{spans}"


def test_held_out_documents_leak_few_handles(rules):
    # other word lists and templates, never tuned on (checked once, then kept as a guard)
    docs = handles2.generate_held_out(random.Random("8:handles2"), 0)
    spans = leaks = 0
    for d in docs:
        if d.control:
            continue
        out = scrub(rules, d.text)
        spans += sum(p.type == "USERNAME" for p in d.pii)
        leaks += sum(p.type == "USERNAME" for p in leaked(d, out))
    assert leaks / spans <= 0.05, f"{leaks}/{spans}"
