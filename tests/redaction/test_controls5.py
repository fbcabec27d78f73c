"""Real text is no PII (issue #13: controls altered <= 3 %): code and markup, and the prose that
documents them, as man pages, READMEs and docstrings write it (tuning/controls5.py). Calls and
manual sections ("getdoc()", "pam(8)"), options ("--allow-wasi"), HTML tags, `ticks` and quotes,
file extensions, imports, command synopses, contractions ("aren't"), technical terms named after
someone ("Berkeley format"), inflected words as bare handles, snake_case identifiers in
a text with code in it, hyphenated English words and lowercase noun phrases with "group" in
capitalised prose come out unchanged (``public._code_or_markup``); people and handles in the same
places are still caught."""

import pytest
from corpus import tally
from tuning import controls5

from spark_control.redaction.placeholders import SessionMap

UNCHANGED = [
    "getdoc(), getcomments() - get documentation on an object",
    "The options are described in Xsession(5) and in pam(8).",
    '<ul>\n<li><a href="#features">Features</a></li>\n</ul>',
    "In that case the resources simply aren't included in the list.",
    "--allow-wasi\nAllow execution of WASI when using the permission model.",
    "When using Berkeley format, this is added to bss.",
    "The Bourne shell reads it at login.",
    "The current real group ID is changed.",
    "Install it with `pip install httpx[cli]` for the command line client.",
    'import plistlib\n\npl = dict(aString="Doodah")',
    "Call cgitb.handler() to display the report.",
    "except for 'mktemp'. 'mktemp' is subject to race conditions",
    'By default, the extension is ".bak" and it is deleted afterwards.',
    "deluser [--backup] [--backup-suffix str] user",
    "Binaries that do not rely on Mach-based APIs will work.",
    "Set user_config_dir() and site_cache_dir() with `--prefix`; see cache_mode.",
    "journal_open [-c] [-v ver] [-f ext_jnl]",
]


@pytest.mark.parametrize("text", UNCHANGED)
def test_code_and_documentation_come_out_unchanged(scrubber, text):
    assert scrubber.scrub(text, SessionMap()).text == text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("<hope> can someone check the logs\n<dawn> on it", "dawn"),  # IRC senders, not HTML tags
        ("git log --author=nasser --since=monday | wc -l", "nasser"),  # an option's value, no command
        ("from Merve Polat: see attached.", "Polat"),  # "from" without "import"
        ("Update: silver_comet can you send me the slides.", "silver_comet"),  # words, but no code around
        ("ping jdoe_admin about the `deploy` job", "jdoe_admin"),  # an initial and a name
        ("Hi Grace, the build failed again.", "Grace"),
        ("Mary-Kate Smith-Jones called about the invoice.", "Smith-Jones"),
        ("ask Anne-marie, she knows", "Anne-marie"),
        ("Thanks,\n-Linh", "Linh"),  # a sign-off, not an option
        ("Cheers\n--Minh", "Minh"),
        ("Met Osama bin-Laden yesterday.", "Laden"),
        ("Contact: oksana.novak(at)nimbusnet(dot)vn", "novak"),  # an obfuscated address, not a call
        ("Update: I talked to lynx.d about the budget.", "lynx.d"),  # a name and an initial, no file
        ("Account: Zaply (mid-market, 120 seats).", "Zaply"),  # a particle, not a prefix
        ("ok so b’alam’s report is late", "alam"),  # apostrophes, not quotes
        ("i talked to ‘dawn’ about it", "dawn"),  # a name in quotes
        ("Dr Kowalski protocol review is on Monday; Dr Kowalski agreed.", "Kowalski"),
    ],
)
def test_people_and_handles_there_are_still_caught(scrubber, text, value):
    assert value not in scrubber.scrub(text, SessionMap()).text


def test_real_text_controls_bound(scrubber):
    # 299 passages of man pages, READMEs, docstrings and licences: 58.9 % altered before this
    # round's vetoes, 49.5 % on r-controls5 alone, 55.5 % (166/299) after the merge of round 6
    # (the retrained NER and companies6's echoes add names and firms on technical prose; tool
    # identifiers read as handles are most of the rest). A regression bound, not a target.
    t = tally(controls5.generate(None, 0), scrubber)
    assert t.controls > 250 and t.altered / t.controls <= 0.56, (t.altered, t.controls)
