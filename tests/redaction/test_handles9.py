"""Handles in the places of review threads, CI logs, rotations, IRC and Discord logs, quoted mail
headers, bug reports, forum bylines and speech that gives a handle (issue #13, ninth round,
``handles.detect_places9``). The same places with bots, teams, services, files and words stay."""

import random

import pytest
from corpus import tally
from helpers import scrub_checked as scrub
from tuning import handles9

PLACES = [
    ("Started by user taramend\n[Pipeline] node", "taramend"),
    ("build #88 triggered by user chinguti (push)", "chinguti"),
    ("[10:02] <irynobri> anyone seen the alert?", "irynobri"),
    ("<@sotashev> renewing now", "sotashev"),
    ("*** adaepope has quit (Ping timeout)", "adaepope"),
    ("* oksmel89 has joined #ops", "oksmel89"),
    ("aoifmold — Yesterday at 9:14 PM\nmerged, thanks", "aoifmold"),
    ("> From: bohdnaka\n> Subject: re: invoice", "bohdnaka"),
    ("Reporter: narongko\nPriority: High", "narongko"),
    ("**hinaokaf** commented 2 days ago\nlooks good", "hinaokaf"),
    ("esrisai approved these changes", "esrisai"),
    ("obrien_ci requested a review from itsraluca", "itsraluca"),
    ("Review by itswichai: please split the migration", "itswichai"),
    ("On-call this week: anongobrien (primary), hinaokaf (backup)", "anongobrien"),
    ("posted by dmyboo52 3 hours ago", "dmyboo52"),
    ('the user "kavamiha" could not be found', "kavamiha"),
    ("paging oksmel89 for the db failover", "oksmel89"),
    ("handoff: taramend -> rikuoka", "rikuoka"),
    ("nice catch biancabyrne!", "biancabyrne"),
    ("hi it's ciarbyrn here, about the refund", "ciarbyrn"),
]


@pytest.mark.parametrize(("text", "handle"), PLACES)
def test_a_handle_in_a_place_of_reviews_ci_chat_and_headers_is_redacted(rules, text, handle):
    assert handle not in scrub(rules, text)


KEPT = [
    ("dependabot commented on this issue\nbumps axios from 1.6.0 to 1.6.2", "dependabot"),
    ("github-actions approved these changes", "github-actions"),
    ("Started by timer\n[Pipeline] node", "timer"),
    ("build #812 triggered by schedule (cron)", "schedule"),
    ("On-call this week: platform (primary), storage (backup)", "platform"),
    ("[10:02] <NickServ> this nickname is registered\n<ChanServ> op granted", "NickServ"),
    ("> From: noreply\n> Subject: re: invoice", "noreply"),
    ("Reporter: monitoring\nAssignee: triage", "monitoring"),
    ("posted by admin 3 hours ago", "admin"),
    ('the file "settings.json" could not be found', "settings.json"),
    ("escalated to tier2 at 03:10", "tier2"),
    ("paging sre-oncall for the db failover", "sre-oncall"),
    ("this is ticket 4471, reopened", "ticket"),
    ("nice catch there!", "there"),
]


@pytest.mark.parametrize(("text", "kept"), KEPT)
def test_bots_teams_services_files_and_words_in_the_same_places_stay(rules, text, kept):
    assert scrub(rules, text) == text


@pytest.mark.parametrize("seed", ["test:handles9", "tune:handles9"])
def test_the_tuning_module_leaks_little_and_alters_no_control(rules, seed):
    t = tally(handles9.generate(random.Random(seed), 0), rules)
    assert t.rate("USERNAME") <= 0.035  # (rules alone; main: ~7 %; letters-only CSV columns stay)
    assert t.altered == 0


@pytest.mark.parametrize(
    "text",
    [
        "1,tomatillo,2\n2,jicama,3\n3,chayote,1",
        "1041;MUG-330-BLU;Cluj;paid;19.90\n1042;TEE-12-XL;Lviv;unpaid;0.00",
        "web-01,nginx,1.25.3\nweb-02,nginx,1.24.0",
    ],
)
def test_columns_of_vocabulary_codes_and_software_stay(rules, text):
    assert scrub(rules, text) == text
