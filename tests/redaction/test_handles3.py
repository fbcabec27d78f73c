"""Handles built from a person's name (issue #13, third round): ``edogan``, ``linh.t``,
``okonkwoc7`` for names in no English list, derived from the names in the document or read from
their shape where a person stands; the same places with bots, services and commands stay."""

from helpers import scrub_checked as scrub


def test_a_hyphenated_line_label_does_not_crash(rules):
    # "Co-authored-by" is a first name by its parts but has no gazetteer entry of its own
    text = "Co-authored-by: github-actions\nSigned-off-by: release-bot"
    assert scrub(rules, text) == text
