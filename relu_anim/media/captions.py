"""Caption files: SRT (what Manim writes), WebVTT (what browsers read), chapters.

A stage's captions are one ``.srt`` and the same cues as ``.vtt``. The joined lesson
gets one caption file in each format, timed to the joined video, and a WebVTT
chapters file with one cue per stage (for a player's chapter menu).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path

import srt


def read_srt(path: Path | None) -> list[srt.Subtitle]:
    if path is None or not Path(path).exists():
        return []
    return list(srt.parse(Path(path).read_text(encoding="utf-8")))


def merge_captions(parts: Sequence[tuple[Path | None, float]], dest: Path) -> int:
    """Write one .srt from each part's captions shifted by the durations before it.

    ``parts`` holds (caption file or None, video duration) in playing order.
    Returns the number of captions written.
    """
    merged: list[srt.Subtitle] = []
    offset = 0.0
    for captions, length in parts:
        shift = datetime.timedelta(seconds=offset)
        for sub in read_srt(captions):
            merged.append(srt.Subtitle(len(merged) + 1, sub.start + shift, sub.end + shift, sub.content))
        offset += length
    dest.write_text(srt.compose(merged, reindex=True), encoding="utf-8")
    return len(merged)


def vtt_time(seconds: float | datetime.timedelta) -> str:
    """``HH:MM:SS.mmm``, WebVTT's timestamp."""
    if isinstance(seconds, datetime.timedelta):
        seconds = seconds.total_seconds()
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def vtt_cue_text(text: str) -> str:
    """``text`` as WebVTT cue text that shows it literally: ``&``, ``<`` and ``>`` as
    character references (so ``<b>`` is not bold, ``<img ...>`` does not vanish, and
    ``-->``, which may not appear in a cue, becomes ``--&gt;``); no blank line, which
    would end the cue."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    lines = escaped.replace("\r\n", "\n").replace("\r", "\n").split("\n")  # WebVTT's line ends only (not U+2028)
    return "\n".join(line for line in lines if line.strip())


def write_vtt(cues: Sequence[tuple[float | datetime.timedelta, float | datetime.timedelta, str]], dest: Path) -> int:
    """Write (start, end, text) cues as WebVTT; returns the number of cues."""
    lines = ["WEBVTT", ""]
    for number, (start, end, text) in enumerate(cues, 1):
        lines += [str(number), f"{vtt_time(start)} --> {vtt_time(end)}", vtt_cue_text(text), ""]
    dest.write_text("\n".join(lines), encoding="utf-8")
    return len(cues)


def srt_to_vtt(source: Path | None, dest: Path) -> int:
    """The same cues as WebVTT (an empty WebVTT file when there are none)."""
    return write_vtt([(sub.start, sub.end, sub.content) for sub in read_srt(source)], dest)


def write_chapters(chapters: Sequence[tuple[str, float, float]], dest: Path) -> int:
    """A WebVTT chapters file: one cue per (title, start, end)."""
    return write_vtt([(start, end, title) for title, start, end in chapters], dest)
