"""Bare handles, names that are ordinary words and non-English names (issue #13): each case is
redacted where a cue says it is a person, and left alone where the same shape is not."""

import pytest
from helpers import scrub_checked as scrub

HANDLES = [
    ("ping jdoe when you are back", "jdoe"),
    ("assigned to mkowalski yesterday", "mkowalski"),
    ("jdoe: thanks, merged", "jdoe"),
    ("password reset for kowalski.m please", "kowalski.m"),
    ("cc sunnyfox_21 on the thread", "sunnyfox_21"),
    ("the account maria.t88 is locked", "maria.t88"),
    ("DM ctecpatl if the build breaks", "ctecpatl"),
    ("can you reach ttran77?", "ttran77"),
    ("account rich_little is locked", "rich_little"),
    ("reset the MFA for do.q", "do.q"),
    ("ctecpatl: ok so the vpn is down\nsomeone: hm\nctecpatl: never mind", "ctecpatl"),
    ("savage_f  4:32 PM\nthe report is ready", "savage_f"),
    ("hkim merged it last night", "hkim"),
    ("assigned to baker-h yesterday", "baker-h"),
]


@pytest.mark.parametrize(("text", "handle"), HANDLES)
def test_a_bare_handle_in_a_handle_position_is_redacted(rules, text, handle):
    out = scrub(rules, text)
    assert handle not in out


NAMES = [
    ("Hi Will,\nthe files are attached.", "Will"),
    ("Bill said the numbers are fine", "Bill"),
    ("Action: Vlad to follow up with Grace and Will.", "Will"),
    ("Regards,\nGrant", "Grant"),
    ("Call with Frank Little re renewal.", "Little"),
    ("I spoke with Rich Love and we agreed.", "Love"),
    ("Requester: Rose Little (rlittle)", "Rose"),
    ("Note from Destiny: reset done.", "Destiny"),
    ("almost, Sunny. will ping you", "Sunny"),
    ("speaker 1: hi this is bill from accounts", "bill"),
    ("right, hope said it was sorted", "hope"),
    ("ugh. ask faith maybe", "faith"),
    ("ugh. ask tlanextli maybe", "tlanextli"),
    ("daily sync\nruby: fixed the test\nmarco: on invoices\nruby: done", "ruby"),
    ("ok thanks şükrü see you", "şükrü"),
    ("i talked to ixchel canché yesterday", "canché"),
    ("Requester: Will du Plessis", "Plessis"),
    ("Attendees: Kerem Aydın, Will Bright", "Bright"),
    ("ok so i̇lknur said the vpn is down", "lknur"),
    ("The report from J. Young arrived.", "Young"),
    ("Met Pieter ter Horst and Gwilym ap Rhys.", "Horst"),
]


@pytest.mark.parametrize(("text", "secret"), NAMES)
def test_a_name_with_a_strong_cue_is_redacted(rules, text, secret):
    assert secret not in scrub(rules, text)


CONTROLS = [
    "hope you are well! the grant application is due friday, will send the draft tonight.",
    "the bill for march is paid and the rose garden tour is booked. the young team did well.",
    "Config: set max_retries=5 and user_id_field=login in settings_prod.yaml; see ERR_CONN_RESET.",
    "Files attached: report_2024_q3.pdf, data_export_v2.csv and build.log. SKU AB-1234-XL is back.",
    "ping the build server after the deploy, cc the platform channel, and assign to backend.",
    "[09:14] ok: build green\n[09:20] update: staging migrated to postgres_16",
    "Ticket fields: Status: open / Assignee: unassigned / Queue: tier2_support.",
    "Mark the old tickets as done. Grant access to the read_only role. Bill the client for hours over 40.",
    "Order #4471902 shipped via UPS on 12/03/2024.",
    "chat: [10:02] the login screen still says user: guest on staging",
    "todo: fix the export\nwip: the csv import\nnote: deploy at 10",
    "Set LOG_LEVEL=debug, restart worker_02 and check the metrics_v3 dashboard.",
    "We reviewed the Summer Sale and the Grace Period.",
    "Owner: platform. Created by: ci_bot. Escalated to: tier2. Assigned to node3.",
    "Section B. Young readers get a discount.",
    "The Amber alert test passed.",
    "the json and yaml files, html docs, todo list, xkcd, grep, sudo, ajax, nginx conf, wifi",
    "cc the front-end list, the x-ray images and the follow-up notes",
    "cc on-call and the follow-up owners",
    "Apple Music and Ruby on Rails and Rust.",
    "ping localhost, cc devrel, escalated to infra; the account kubernetes is fine; tag nginx",
]


@pytest.mark.parametrize("text", CONTROLS)
def test_the_same_shapes_without_a_person_are_left_alone(rules, text):
    assert scrub(rules, text) == text
