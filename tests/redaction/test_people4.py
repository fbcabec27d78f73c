"""Name parts used alone (issue #13): a part of a name found elsewhere in the text or the session,
where a name stands ("Will" after "Will Lamb", "Ông Lê" after "Lê Văn Khoa"); the part next to a
found name ("Tzunun [Pop]", "Do [Thi Huong]"); first names that are words or function words and
surnames alone, by their role. Each has a PII-free look-alike that stays."""

import pytest
from helpers import scrub_checked as scrub

from spark_control.redaction.placeholders import SessionMap

FOUND = [
    # coreference: the part of a full name found in the same text
    ("Contact: Will Lamb. According to Will the date holds.", "Will"),
    ("Lý Thu Hà called. Ms. Hà will call back.", "Hà"),
    ("Le Van Hieu opened it. Mr. Le will call.", "Le"),
    ("Do Thi Huong wrote in. Do said she would wait.", "Do"),
    ("speaker 1: this is will lamb\nspeaker 2: thanks, will!", "will!"),
    # the part next to a found name
    ("Tzunun Pop opened the ticket. Pop said the printer was broken.", "Tzunun"),
    ("handover from Mariam al-Qasimi today", "al-Qasimi"),
    # alone, by role
    ("[10:01] ok so will said the vpn is down", "will said"),
    ("[10:02] thanks will", "will"),
    ("me and will went to the store", "will went"),
    ("heath and i will cover it", "heath"),
    ("daily sync\nanna: fixed the flaky test\nwill: still on the invoices\nanna: ok", "will:"),
    ("hope: yeah that works for me\ndawn: ok great", "dawn"),
    ("sorry Chase, missed your message.", "Chase"),
    ("Merve is out today.", "Merve"),
    ("Hà said it is fine.", "Hà"),
    ("Action: Vy to follow up with the vendor.", "Vy"),
    ("speaker 1: yeah, dr field reviewed the file.", "field"),
    ("Agent: Ms. al-Otaibi reviewed the file.", "al-Otaibi"),
    ("The Xols are coming on Sunday.", "Xols"),
    ("Agent: Yes, my name is Will Bell and I'm calling about my order.", "Bell"),
    ("Will from accounting called.", "Will"),
    ("sky is out today", "sky"),
    ("faith from billing says hi", "faith"),
    ("let Hope know", "Hope"),
    ("Dawn was on the call too", "Dawn"),
    ("we're waiting on Dawn", "Dawn"),
    ("I talked with Faith earlier", "Faith"),
    ("Got a call from Hope this morning", "Hope"),
    ("Summer booked the room", "Summer"),
    ("speaker 2: sure, dawn", "dawn"),
    ("speaker 1: ruby's out sick today", "ruby"),
    ("speaker 1: my colleague hope will call you", "hope"),
    ("speaker 2: he's called bill", "bill"),
    ("Grace, the deck is attached.", "Grace"),
    ("Dawn - quick update on the order.", "Dawn"),
    ("Next steps: Hope to send the revised quote.", "Hope"),
    ("Grace needs access to the drive.", "Grace"),
    ("Lunch w/ Faith on Tuesday", "Faith"),
    ("Grace (support) replied.", "Grace"),
    ("Joy on the billing team confirmed.", "Joy"),
    ("Rose, our account manager, called.", "Rose"),
    ("Grace here from support.", "Grace"),
    ("It was Faith who signed off.", "Faith"),
    ("speaker 1: hi, is this grace?", "grace"),
    ("speaker 1: hope's not here right now", "hope"),
    ("Owners: Grace / Dawn", "Dawn"),
    ("OOO: Dawn (back Monday)", "Dawn"),
    ("Thanks for the help.\n\nHope\nSupport Team", "Hope"),
    ("Thanks! - Faith", "Faith"),
    ("grace fixed it last night", "grace"),
    ("did grace reply?", "grace"),
    ("where's faith?", "faith"),
    ("waiting on dawn", "dawn"),
    ("send it to faith", "faith"),
    ("speaker 2: yeah dawn i can hear you", "dawn"),
    ("speaker 1: thanks for joining, grace", "grace"),
    # chat senders in other log shapes
    ("<hope> can someone check the logs\n<dawn> on it", "dawn"),
    ("hope (10:32): can someone check the logs\ndawn (10:33): on it", "hope"),
    ("Hope  10:32 AM\ncan someone check the logs", "Hope"),
]


@pytest.mark.parametrize(("text", "value"), FOUND)
def test_a_name_part_alone_is_redacted(rules, text, value):
    assert value not in scrub(rules, text)


KEPT = [
    "Hope this helps! Will do. Grace period ends Friday; Dawn dish soap is on the list.",
    "hope you're well. will do, thanks. the grace period is 30 days and the sky is clear.",
    "Do not restart the server. Ho Chi Minh City office opens at 9.",
    "[10:02] will check\n[10:03] hope it works\n[10:05] frank feedback welcome",
    "[10:01] ok so he said the vpn is down. so she said no. thanks you. ok great",
    "Agenda for the All Hands\n1. Welcome and Introductions\n2. Q&A",
    "speaker 1: and then he said it was fine, so she said no\nspeaker 2: ok, will do",
    "Dr. Pepper is cold. The Beatles were great. Will it work? Hope so.",
    "Thanks for the update! Hi all, quick one: the build is green.",
    "port it to Ruby later. Walker boots and Porter bags. The Rose Bowl and Ivy League. Summer sale starts.",
    "speaker 1: the bill is due friday, hope is not a plan\nspeaker 2: power's out again, power is out today",
    "speaker 1: my colleague will call you. my friend will help. sure, will. yes, great.",
    "Summer, autumn and winter. Rich, creamy and sweet. Hope, in the end, is all we have. Hope to see you there.",
    "Faith, hope and charity. It was Summer in the end.",
    "Summer\nSales Team offsite moved to Friday.",
    "speaker 1: the bill is due friday, hope is not a plan, is hope enough? i hope so. yes, hope so. is summer here?",
    "speaker 2: the rose garden is lovely, sandy beach, grace period, faith in the plan, joy of cooking",
    "salt and pepper are fine. rose and ivy are in the garden.",
    "sku,description,qty,bin\nGM-3951,HPE ProLiant DL380 Gen10,3,B8",
    "Caller: Great, thanks.\nStatus: Ready",
    "<jenkins> build passed\nMeeting  10:30\nStandup  9:15 AM\nDeploy (10:32): done",
]


@pytest.mark.parametrize("text", KEPT)
def test_the_word_twin_stays(rules, text):
    assert scrub(rules, text) == text


def test_a_function_word_name_is_replaced_where_it_stood_only(rules):
    out = scrub(rules, "[10:01] ok so will said the vpn is down\n[10:02] thanks, will do")
    assert "will said" not in out and out.endswith("thanks, will do")


def test_the_word_part_of_a_full_name_stays_a_word(rules):
    out = scrub(rules, "Contact: Will Lamb. Will do, thanks. According to Will the date holds.")
    assert "Lamb" not in out and "Will do, thanks." in out and "to Will the" not in out


def test_a_part_named_in_an_earlier_message_of_the_session(rules):
    m = SessionMap()
    rules.scrub("Lê Văn Khoa asked for the form.", m)
    out = rules.scrub("Ông Lê will come at 9. Le Monde ran it? Do not wait.", m).text
    assert "Lê" not in out and "Do not wait." in out
