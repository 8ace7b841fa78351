"""What a batch is doing, on stderr: one live display on a terminal, plain lines
otherwise, nothing but failures with ``--quiet``.

The live display redraws one line per stage in place::

    relu-anim: 4/10 finished, 2 rendering, 0:37
      recap        done       4.1 s
      swap         rendering   57/120 frames  47%
      first-dot    cached
      bent-line    queued

Plain lines (stderr not a terminal, e.g. CI logs) say each change once::

    relu-anim: rendering swap (2/10)
    relu-anim: swap done in 4.1 s
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass


@dataclass
class _Row:
    label: str
    state: str = "queued"
    frames: int = 0
    expected: int | None = None
    seconds: float | None = None
    error: str = ""
    chunks: int = 0  # rendered in this many chunks (0: in one piece)
    chunks_done: int = 0


class Progress:
    """Receives the batch's events and shows them. ``mode``: ``"live"``, ``"lines"``,
    ``"quiet"``, or ``"auto"`` (live on a terminal, else lines)."""

    REFRESH = 0.1  # seconds between redraws of the live display

    def __init__(self, stream=None, mode: str = "auto") -> None:
        self.stream = stream or sys.stderr
        if mode == "auto":
            mode = "live" if getattr(self.stream, "isatty", lambda: False)() else "lines"
        self.mode = mode
        self.rows: dict[str, _Row] = {}
        self.start = time.monotonic()
        self._drawn = 0  # lines of the live display on screen
        self._last_draw = 0.0
        self._started = 0

    # -- events ----------------------------------------------------------------------

    def add(self, key: str, label: str) -> None:
        self.rows[key] = _Row(label)

    def cached(self, key: str) -> None:
        self._set(key, "cached")
        self._line(f"{self.rows[key].label} up to date")

    def started(self, key: str, expected_frames: int | None = None) -> None:
        row = self._set(key, "rendering")
        row.expected, row.frames = expected_frames, 0
        self._started += 1
        self._line(f"rendering {row.label} ({self._started}/{self._to_render()})")

    def frame(self, key: str, frames: int) -> None:
        """A rendering job's frame count (a late count, after it finished, is dropped)."""
        row = self.rows.get(key)
        if row is None or row.state != "rendering":
            return
        row.frames = frames
        self._draw()

    def chunks(self, key: str, done: int, count: int) -> None:
        """A stage rendered in ``count`` chunks (:mod:`relu_anim.chunks`) has ``done`` of
        them: shown inside its line, never a line of its own."""
        row = self.rows.get(key)
        if row is not None:
            row.chunks, row.chunks_done = count, done
            self._draw()

    def done(self, key: str, seconds: float) -> None:
        row = self._set(key, "done")
        row.seconds = seconds
        self._line(f"{row.label} done in {seconds:.1f} s")

    def failed(self, key: str, message: str) -> None:
        row = self._set(key, "failed")
        row.error = message
        self._line(f"{row.label} failed: {message}", always=True)

    def note(self, message: str) -> None:
        """A line about the batch as a whole (e.g. the joined lesson)."""
        self._line(message)

    def tick(self) -> None:
        """Time passes: refresh the live display's clock."""
        self._draw()

    def close(self) -> None:
        self._draw(force=True)
        self._drawn = 0

    # -- drawing ---------------------------------------------------------------------

    def _set(self, key: str, state: str) -> _Row:
        row = self.rows[key]
        row.state = state
        return row

    def _to_render(self) -> int:
        return sum(1 for row in self.rows.values() if row.state != "cached")

    def _line(self, text: str, always: bool = False) -> None:
        if self.mode == "lines" or (always and self.mode == "quiet"):
            self.stream.write(f"relu-anim: {text}\n")
            self.stream.flush()
        elif self.mode == "live":
            if always:  # failures stay on screen above the display
                self._erase()
                self.stream.write(f"relu-anim: {text}\n")
            self._draw(force=True)

    def _erase(self) -> None:
        if self._drawn:
            self.stream.write(f"\x1b[{self._drawn}F\x1b[J")  # up to the display's top, clear below
            self._drawn = 0

    def _draw(self, force: bool = False) -> None:
        if self.mode != "live":
            return
        now = time.monotonic()
        if not force and now - self._last_draw < self.REFRESH:
            return
        self._last_draw = now
        lines = [self._header(now)] + [self._row_text(row) for row in self.rows.values()]
        self._erase()
        self.stream.write("\n".join(lines) + "\n")
        self.stream.flush()
        self._drawn = len(lines)

    def _header(self, now: float) -> str:
        finished = sum(1 for row in self.rows.values() if row.state in ("done", "cached", "failed"))
        rendering = sum(1 for row in self.rows.values() if row.state == "rendering")
        minutes, seconds = divmod(int(now - self.start), 60)
        return f"relu-anim: {finished}/{len(self.rows)} finished, {rendering} rendering, {minutes}:{seconds:02d}"

    def _row_text(self, row: _Row) -> str:
        width = max(len(r.label) for r in self.rows.values())
        text = f"  {row.label:<{width}}  {row.state:<9}"
        if row.state == "rendering":
            if row.expected:
                percent = min(99, int(100 * row.frames / row.expected))
                text += f"  {row.frames:>5}/{row.expected} frames  {percent:>2}%"
            else:
                text += f"  {row.frames:>5} frames"
            if row.chunks:
                text += f"  {row.chunks_done}/{row.chunks} chunks"
        elif row.state == "done" and row.seconds is not None:
            text += f"  {row.seconds:.1f} s"
        elif row.state == "failed":
            text += f"  {row.error}"
        return text
