"""Label merge: speaker turns onto transcript words, then words into speaker utterances. Pure.

The rule is WhisperX's ``assign_word_speakers``: for each word, sum the intersection (seconds)
with every diarization turn per speaker and pick the speaker with the largest total. A word that
overlaps no turn takes the speaker of the nearest turn (by the gap between the intervals; WhisperX
with ``fill_nearest=True`` is the same idea); with ``fill_nearest=False`` it gets ``None``.
Ties (totals within ``TIE_TOLERANCE_S``) go to the speaker whose overlapping turn starts first
(WhisperX leaves them to pandas' sort order).

Cost: O(speakers x (words + turns) log turns), vectorised per speaker, however much the turns
overlap (every word against every turn would be quadratic). ``check_size`` caps words, turns
and speakers, so a merge is bounded; the API runs it in the CPU pool (``spark_control.workers``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spark_control.errors import PayloadTooLarge
from spark_control.lazy import lazy_module

np = lazy_module("numpy")  # loads on the first merge, not at start (idle memory)

# Caps that keep one merge's cost bounded (each far above a day-long recording: ~150 words and
# a few turns per minute). The HTTP route's body cap (MAX_TEXT_BODY_MB) comes first in practice.
MAX_WORDS = 200_000
MAX_TURNS = 100_000
MAX_SPEAKERS = 256
# Overlap totals within this many seconds count as a tie (they are sums of float lengths).
TIE_TOLERANCE_S = 1e-6


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


def check_size(n_words: int, n_turns: int, n_speakers: int) -> None:
    """PayloadTooLarge (413) when a merge is over the caps that keep its cost bounded."""
    for what, n, cap in (("words", n_words, MAX_WORDS), ("segments", n_turns, MAX_TURNS)):
        if n > cap:
            raise PayloadTooLarge(f"{n} {what} is over the merge limit of {cap}", param=what)
    if n_speakers > MAX_SPEAKERS:
        raise PayloadTooLarge(
            f"{n_speakers} distinct speakers is over the merge limit of {MAX_SPEAKERS}", param="segments"
        )


def assign_speakers(words: list[Word], turns: list[SpeakerTurn], *, fill_nearest: bool = True) -> list[str | None]:
    """The speaker of each word (same order as ``words``)."""
    ts = sorted((t for t in turns if t.end > t.start), key=lambda t: (t.start, t.end))
    if not words or not ts:
        return [None] * len(words)
    by_speaker: dict[str, list[SpeakerTurn]] = {}
    for t in ts:  # speakers in the order of their first turn
        by_speaker.setdefault(t.speaker, []).append(t)
    check_size(len(words), len(ts), len(by_speaker))
    a = np.array([w.start for w in words], dtype=np.float64)
    b = np.maximum(np.array([w.end for w in words], dtype=np.float64), a)
    best_total = np.zeros(len(words))
    best_start = np.full(len(words), np.inf)
    best = np.full(len(words), -1)
    names = list(by_speaker)
    for code, name in enumerate(names):
        total, first_start, hit = _overlap(by_speaker[name], a, b)
        wins = hit & (
            (total > best_total + TIE_TOLERANCE_S)
            | ((total >= best_total - TIE_TOLERANCE_S) & (first_start < best_start))
        )
        best_total = np.where(wins, total, best_total)
        best_start = np.where(wins, first_start, best_start)
        best = np.where(wins, code, best)
    if fill_nearest:
        missing = best < 0
        if missing.any():
            best[missing] = _nearest(ts, names, a[missing], b[missing])
    return [names[i] if i >= 0 else None for i in best.tolist()]


def _overlap(turns: list[SpeakerTurn], a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, ...]:
    """One speaker's total overlap with each word [a, b], the start of the earliest of its turns
    that overlaps the word, and whether any does. ``turns`` are sorted by start.

    The total is F(b) - F(a), F(x) being the summed length of the turns' parts before x: a
    piecewise-linear function with a knot at every turn edge, so all words cost one ``interp``."""
    st = np.array([t.start for t in turns], dtype=np.float64)
    en = np.array([t.end for t in turns], dtype=np.float64)
    knots = np.concatenate([st, en])
    order = np.argsort(knots, kind="stable")
    knots = knots[order]
    active = np.cumsum(np.concatenate([np.ones(len(st)), -np.ones(len(en))])[order])  # turns open after each knot
    cum = np.concatenate([[0.0], np.cumsum(active[:-1] * np.diff(knots))])
    total = np.interp(b, knots, cum) - np.interp(a, knots, cum)
    # The earliest-starting turn that ends after a is the first whose running maximum end passes a.
    first = np.searchsorted(np.maximum.accumulate(en), a, side="right")
    idx = np.minimum(first, len(st) - 1)
    hit = (first < len(st)) & (st[idx] < b) & (b > a)
    return total, st[idx], hit


def _nearest(ts: list[SpeakerTurn], names: list[str], a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """For words overlapping no turn: the speaker (index into ``names``) of the turn with the
    smallest gap, the latest-ending turn that starts before the word or the first one after it
    (the one before wins a tie)."""
    code = {n: i for i, n in enumerate(names)}
    st = np.array([t.start for t in ts], dtype=np.float64)
    en = np.array([t.end for t in ts], dtype=np.float64)
    spk = np.array([code[t.speaker] for t in ts])
    # index of the greatest end among ts[:i+1], for every i
    arg_max_end = np.maximum.accumulate(np.where(en == np.maximum.accumulate(en), np.arange(len(ts)), 0))
    after = np.searchsorted(st, b, side="left")
    gap_after = np.where(after < len(ts), st[np.minimum(after, len(ts) - 1)] - b, np.inf)
    before = np.searchsorted(st, a, side="right") - 1
    k = arg_max_end[np.maximum(before, 0)]
    gap_before = np.where(before >= 0, np.maximum(0.0, a - en[k]), np.inf)
    use_before = gap_before <= gap_after
    return np.where(use_before, spk[k], spk[np.minimum(after, len(ts) - 1)])


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
