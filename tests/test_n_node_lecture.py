"""Issue 34 end to end: a 1-3-1 network of our own (a file, not a preset) through
``relu-anim render --all`` and ``relu-anim lecture`` at the lowest quality: every entry of
the lesson renders, and the manifest and the page speak of three nodes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

NETWORK = """# three ReLU nodes bending at 0.2, 0.5 and 0.8; the sum peaks at 1.5 at dosage 0.5
schema = 2
name = "mine-three"
final_bias = -0.5

[[hidden]]
weight = 5.0
bias = -1.0
output_weight = 1.0

[[hidden]]
weight = 5.0
bias = -2.5
output_weight = -2.0

[[hidden]]
weight = 5.0
bias = -4.0
output_weight = 1.0

[data]
dosage = [0.0, 0.5, 1.0]
observed = [0.0, 1.0, 0.0]
"""


def relu_anim(*args: str) -> subprocess.CompletedProcess:
    """The CLI in a process of its own (as a user runs it), silent, at 144p5."""
    command = [sys.executable, "-m", "relu_anim", *args, "-q", "t", "--voice", "none"]
    return subprocess.run(command, capture_output=True, text=True, timeout=1800)


def test_a_three_node_file_renders_the_whole_lesson_and_its_lecture(tmp_path: Path):
    network, media = tmp_path / "mine.toml", tmp_path / "media"
    network.write_text(NETWORK, encoding="utf-8")
    rendered = relu_anim("render", "--all", "--network", str(network), "--media-dir", str(media))
    assert rendered.returncode == 0, rendered.stderr[-2000:]
    lecture = relu_anim("lecture", "--network", str(network), "--media-dir", str(media))
    assert lecture.returncode == 0, lecture.stderr[-2000:]
    page = Path(lecture.stdout.strip().splitlines()[-1]) / "index.html"

    (manifest_path,) = media.rglob("manifest.json")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    assert manifest["network"] == "mine-three"
    videos = {o["stage"]: o for o in manifest["outputs"] if o["format"] == "mp4"}
    every = {"title", "recap", "swap", "first-dot", "bent-line", "scale-top", "orange-line", "wedge", "clip"}
    assert every | {"shapes", "derivative", "summary", "lesson"} <= set(videos)
    assert all(o["status"] in ("done", "cached") and o["error"] is None for o in videos.values()), videos
    # the words that speak of the lesson's two nodes, said for three
    assert videos["wedge"]["heading"] == "Adding the three lines"
    assert videos["orange-line"]["heading"] == "The other nodes' lines"
    assert not any("blue" in o["description"] or "orange" in o["description"] for o in videos.values())

    html = page.read_text(encoding="utf-8")
    assert "Adding the three lines" in html and "Adding the two lines" not in html
    assert "three hidden nodes" in html  # swap's caption, in the page's transcript
