"""Label merge: speaker turns onto transcript words, then words into speaker utterances. Pure.

The rule is WhisperX's ``assign_word_speakers``: for each word, sum the intersection (seconds)
with every diarization turn per speaker and pick the speaker with the largest total. A word that
overlaps no turn takes the speaker of the nearest turn (by the gap between the intervals; WhisperX
with ``fill_nearest=True`` is the same idea); with ``fill_nearest=False`` it gets ``None``.
Ties go to the speaker whose turn starts first (WhisperX leaves them to pandas' sort order).

It runs in O((words + turns) log turns): words and turns are swept in time order, so a two-hour
transcript merges in milliseconds (``benchmarks/merge.py``).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Word:
    word: str
    start: float
    end: float


@dataclass(frozen=True)
class SpeakerTurn:
    start: float
    end: float
    speaker: str


@dataclass
class Utterance:
    speaker: str | None
    start: float
    end: float
    text: str
    words: list[dict] = field(default_factory=list)


def assign_speakers(words: list[Word], turns: list[SpeakerTurn], *, fill_nearest: bool = True) -> list[str | None]:
    """The speaker of each word (same order as ``words``)."""
    if not turns:
        return [None] * len(words)
    ts = sorted((t for t in turns if t.end > t.start), key=lambda t: (t.start, t.end))
    if not ts:
        return [None] * len(words)
    starts = [t.start for t in ts]
    # Prefix maximum of turn ends: every turn that can overlap [a, b] has index in [lo, hi).
    max_end: list[float] = []
    m = float("-inf")
    for t in ts:
        m = max(m, t.end)
        max_end.append(m)
    first_rank = {}
    for i, t in enumerate(ts):
        first_rank.setdefault(t.speaker, i)
    out: list[str | None] = []
    for w in words:
        a, b = w.start, max(w.end, w.start)
        hi = bisect.bisect_left(starts, b) if b > a else bisect.bisect_right(starts, a)
        lo = bisect.bisect_right(max_end, a)  # turns before lo all end at or before a
        totals: dict[str, float] = {}
        for t in ts[lo:hi]:
            inter = min(t.end, b) - max(t.start, a)
            if inter > 0:
                totals[t.speaker] = totals.get(t.speaker, 0.0) + inter
        if totals:
            out.append(max(totals, key=lambda s: (totals[s], -first_rank[s])))
        elif fill_nearest:
            out.append(_nearest(ts, starts, max_end, a, b))
        else:
            out.append(None)
    return out


def _nearest(ts: list[SpeakerTurn], starts: list[float], max_end: list[float], a: float, b: float) -> str:
    """The turn with the smallest gap to [a, b]: the latest-ending turn before, or the first after."""
    best: tuple[float, int] | None = None
    j = bisect.bisect_left(starts, b)
    if j < len(ts):
        best = (ts[j].start - b, j)
    i = bisect.bisect_right(starts, a) - 1
    if i >= 0:
        # the turn among ts[:i+1] with the greatest end; max_end tells its value, find its index
        target = max_end[i]
        k = i
        while ts[k].end != target:
            k -= 1
        gap = max(0.0, a - ts[k].end)
        if best is None or gap <= best[0]:
            best = (gap, k)
    assert best is not None
    return ts[best[1]].speaker


def merge(
    words: list[Word],
    turns: list[SpeakerTurn],
    *,
    fill_nearest: bool = True,
    max_gap_s: float = 2.0,
) -> list[Utterance]:
    """Speaker-attributed utterances: consecutive words of one speaker, split at pauses > ``max_gap_s``."""
    order = sorted(range(len(words)), key=lambda i: (words[i].start, words[i].end))
    ws = [words[i] for i in order]
    speakers = assign_speakers(ws, turns, fill_nearest=fill_nearest)
    utts: list[Utterance] = []
    for w, spk in zip(ws, speakers, strict=True):
        cur = utts[-1] if utts else None
        if cur is not None and cur.speaker == spk and w.start - cur.end <= max_gap_s:
            cur.end = max(cur.end, w.end)
            cur.words.append({"word": w.word, "start": w.start, "end": w.end, "speaker": spk})
        else:
            utts.append(
                Utterance(spk, w.start, w.end, "", [{"word": w.word, "start": w.start, "end": w.end, "speaker": spk}])
            )
    for u in utts:
        u.text = join_words([x["word"] for x in u.words])
    return utts


def join_words(words: list[str]) -> str:
    """Join recognised words into text (words may carry their own leading space, Whisper-style)."""
    text = ""
    for w in words:
        if not w:
            continue
        if w[0] in " \t":
            text += w
        elif not text or w[0] in ",.;:!?%)'" or text.endswith(("(", "-")):
            text += w
        else:
            text += " " + w
    return text.strip()
