"""The Redaction page: the pure splitter behind the highlighting (the browser test is in tests/browser/)."""

from spark_control.state.redaction import TYPE_COLORS, segments


def test_segments_split_and_colour_placeholders():
    parts = segments("Hi [PERSON_1], mail [EMAIL_2] or [SORT_CODE_1].")
    assert [p["text"] for p in parts] == ["Hi ", "[PERSON_1]", ", mail ", "[EMAIL_2]", " or ", "[SORT_CODE_1]", "."]
    assert [p["type"] for p in parts if p["type"]] == ["PERSON", "EMAIL", "SORT_CODE"]
    assert parts[1]["color"] == TYPE_COLORS["PERSON"] != parts[3]["color"]
    assert "".join(p["text"] for p in parts) == "Hi [PERSON_1], mail [EMAIL_2] or [SORT_CODE_1]."
