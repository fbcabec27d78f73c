"""Chunked diarization for long audio and more than 4 speakers. Pure (the I/O is in service.py).

Sortformer sees at most 4 speakers and labels them in arrival order *per call*, so a long
meeting is cut into overlapping chunks, each diarized on its own, and each chunk's speakers are
linked to the recording's speakers by voiceprint (cosine similarity of speaker embeddings):

1. ``plan_chunks``: windows of ``chunk_s`` with ``overlap_s`` shared between neighbours.
2. ``SpeakerLinker.link``: a chunk's speakers are matched one-to-one to known speakers, best
   similarity first, when the cosine is at least ``threshold`` (NeMo's verification default
   for TitaNet is 0.7); the rest become new speakers. Centroids are running means.
3. ``stitch``: each chunk owns its window up to the middle of its overlaps; turns are clipped
   to that, shifted to recording time, and touching turns of one speaker are joined.
"""

from __future__ import annotations

from dataclasses import dataclass

from spark_control.lazy import lazy_module

np = lazy_module("numpy")


@dataclass(frozen=True)
class Chunk:
    index: int
    start: float
    end: float
    own_start: float  # this chunk's turns are kept from own_start to own_end (recording time)
    own_end: float


def plan_chunks(duration: float, chunk_s: float, overlap_s: float) -> list[Chunk]:
    if chunk_s <= 0 or overlap_s < 0 or overlap_s >= chunk_s:
        raise ValueError("need chunk_s > overlap_s >= 0")
    if duration <= chunk_s:
        return [Chunk(0, 0.0, duration, 0.0, duration)]
    step = chunk_s - overlap_s
    n = int(np.ceil((duration - overlap_s) / step))
    bounds = []
    for i in range(n):
        s = i * step
        e = min(duration, s + chunk_s)
        bounds.append((s, e))
        if e >= duration:
            break
    chunks = []
    for i, (s, e) in enumerate(bounds):
        own_s = 0.0 if i == 0 else (s + bounds[i - 1][1]) / 2
        own_e = duration if i == len(bounds) - 1 else (bounds[i + 1][0] + e) / 2
        chunks.append(Chunk(i, s, e, own_s, own_e))
    return chunks


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return v / n if n else v


class SpeakerLinker:
    """Keeps one centroid per recording speaker; maps each chunk's local labels onto them."""

    def __init__(self, threshold: float = 0.7) -> None:
        self.threshold = threshold
        self.sums: list[np.ndarray] = []
        self.counts: list[int] = []
        self.dim: int | None = None

    @staticmethod
    def label(i: int) -> str:
        return f"speaker_{i}"

    def link(self, local: dict[str, np.ndarray]) -> dict[str, str]:
        names = list(local)
        vecs = [_unit(np.asarray(local[n], dtype=np.float64)) for n in names]
        for v in vecs:
            if self.dim is None:
                self.dim = v.shape[0]
            elif v.shape[0] != self.dim:
                raise ValueError(f"voiceprint dimension changed ({self.dim} -> {v.shape[0]}); never mix models")
        pairs = []
        for i, v in enumerate(vecs):
            for j, s in enumerate(self.sums):
                pairs.append((float(np.dot(v, _unit(s))), i, j))
        pairs.sort(reverse=True)
        mapping: dict[int, int] = {}
        used: set[int] = set()
        for sim, i, j in pairs:
            if sim < self.threshold:
                break
            if i in mapping or j in used:
                continue
            mapping[i] = j
            used.add(j)
        for i in range(len(names)):
            if i not in mapping:
                self.sums.append(np.zeros_like(vecs[i]))
                self.counts.append(0)
                mapping[i] = len(self.sums) - 1
        for i, j in mapping.items():
            self.sums[j] = self.sums[j] + vecs[i]
            self.counts[j] += 1
        return {names[i]: self.label(j) for i, j in mapping.items()}


def stitch(parts: list[tuple[Chunk, list[dict]]], *, join_gap_s: float = 0.05) -> list[dict]:
    """Chunk-local turns (already relabelled) -> recording turns."""
    out: list[dict] = []
    for chunk, turns in parts:
        for t in turns:
            s = max(chunk.start + float(t["start"]), chunk.own_start)
            e = min(chunk.start + float(t["end"]), chunk.own_end)
            if e - s > 0.01:
                out.append({"start": round(s, 3), "end": round(e, 3), "speaker": t["speaker"]})
    out.sort(key=lambda t: (t["start"], t["end"]))
    joined: list[dict] = []
    for t in out:
        prev = joined[-1] if joined else None
        if prev and prev["speaker"] == t["speaker"] and t["start"] - prev["end"] <= join_gap_s:
            prev["end"] = max(prev["end"], t["end"])
        else:
            joined.append(dict(t))
    return joined
