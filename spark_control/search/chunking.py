"""Split a document into overlapping chunks on natural boundaries (paragraph, sentence, word).

Sizes are in characters: about 4 characters per token for English, so the default 800 stays
well under every model's limit (bge-m3 8192 tokens, MiniLM 256)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))


@dataclass(frozen=True)
class Chunk:
    index: int
    text: str
    start: int  # character offset in the document
    end: int


def chunk_text(text: str, size: int = 800, overlap: int = 120) -> list[Chunk]:
    """Chunks of at most ``size`` characters; each starts ``overlap`` characters (rounded to a word)
    before the previous one ended, so a sentence cut at a boundary is whole in one of them."""
    if size < 50:
        raise ValueError("chunk size must be >= 50 characters")
    if not 0 <= overlap < size // 2:
        raise ValueError("overlap must be >= 0 and less than half the chunk size")
    if not text.strip():
        return []
    chunks: list[Chunk] = []
    start = len(text) - len(text.lstrip())  # offsets refer to the text as given
    n = len(text.rstrip())
    while start < n:
        end = min(n, start + size)
        if end < n:
            end = _best_break(text, start, end, size)
        piece = text[start:end].strip()
        if piece:
            lead = len(text[start:end]) - len(text[start:end].lstrip())
            chunks.append(Chunk(len(chunks), piece, start + lead, start + lead + len(piece)))
        if end >= n:
            break
        nxt = max(end - overlap, start + 1)
        if overlap:
            # start the overlap at a word boundary
            m = re.search(r"\s", text[nxt:end])
            nxt = nxt + m.end() if m else end
        start = max(nxt, start + 1)
    return chunks


def _best_break(text: str, start: int, end: int, size: int) -> int:
    """The last paragraph, sentence or word break in the second half of the window."""
    floor = start + size // 2
    window = text[floor:end]
    for pattern in _BREAKS:
        last = None
        for m in pattern.finditer(window):
            last = m
        if last is not None:
            return floor + last.start() if last.start() > 0 else floor + last.end()
    return end
