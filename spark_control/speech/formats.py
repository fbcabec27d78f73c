"""Transcript output formats: SRT and WebVTT from segments. Pure."""

from __future__ import annotations


def _ts(seconds: float, sep: str) -> str:
    ms = int(round(max(0.0, seconds) * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def _line(seg: dict) -> str:
    text = str(seg.get("text", "")).strip()
    return f"{seg['speaker']}: {text}" if seg.get("speaker") else text


def to_srt(segments: list[dict]) -> str:
    blocks = [
        f"{i}\n{_ts(s['start'], ',')} --> {_ts(s['end'], ',')}\n{_line(s)}\n" for i, s in enumerate(segments, start=1)
    ]
    return "\n".join(blocks)


def to_vtt(segments: list[dict]) -> str:
    blocks = [f"{_ts(s['start'], '.')} --> {_ts(s['end'], '.')}\n{_line(s)}\n" for s in segments]
    return "WEBVTT\n\n" + "\n".join(blocks)
