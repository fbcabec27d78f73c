from __future__ import annotations

import pytest

from spark_control.search.chunking import chunk_text
from spark_control.search.engine import Condition, parse_filter


def test_short_text_is_one_chunk():
    (c,) = chunk_text("  Hello there.  ")
    assert (c.index, c.text, c.start, c.end) == (0, "Hello there.", 2, 14)


def test_empty_text_has_no_chunks():
    assert chunk_text("   \n ") == []


def test_chunks_respect_size_cover_text_and_overlap():
    text = " ".join(f"Sentence number {i} ends here." for i in range(100))
    chunks = chunk_text(text, size=200, overlap=40)
    assert all(len(c.text) <= 200 for c in chunks)
    assert [c.index for c in chunks] == list(range(len(chunks)))
    assert chunks[0].start == 0 and chunks[-1].end == len(text)
    for a, b in zip(chunks, chunks[1:], strict=False):
        assert b.start < a.end  # overlap
        assert b.start > a.start
        assert text[a.start : a.end] == a.text
    assert all(c.text.endswith(".") for c in chunks[:-1])  # cut at sentence ends


def test_paragraph_breaks_preferred():
    text = ("A" * 120 + ". ") + "\n\n" + "B" * 100
    chunks = chunk_text(text, size=200, overlap=0)
    assert chunks[0].text.endswith(".") and chunks[1].text.startswith("B")


def test_no_whitespace_still_terminates():
    chunks = chunk_text("x" * 1000, size=100, overlap=10)
    assert "".join(c.text for c in chunks).count("x") >= 1000
    assert all(len(c.text) <= 100 for c in chunks)


@pytest.mark.parametrize("size,overlap", [(10, 0), (100, 60), (100, -1)])
def test_bad_sizes(size, overlap):
    with pytest.raises(ValueError):
        chunk_text("text", size=size, overlap=overlap)


@pytest.mark.parametrize(
    "raw,expected",
    [
        (None, []),
        ({"lang": "en"}, [Condition("metadata.lang", "eq", "en")]),
        ({"n": 3, "ok": True}, [Condition("metadata.n", "eq", 3), Condition("metadata.ok", "eq", True)]),
        ({"tag": ["a", "b"]}, [Condition("metadata.tag", "any", ["a", "b"])]),
        ({"y": {"gte": 1, "lt": 2.5}}, [Condition("metadata.y", "range", bounds={"gte": 1.0, "lt": 2.5})]),
        ({"doc_id": "x"}, [Condition("doc_id", "eq", "x")]),
    ],
)
def test_parse_filter(raw, expected):
    assert parse_filter(raw) == expected
