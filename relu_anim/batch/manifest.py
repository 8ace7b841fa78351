"""What a batch built, as JSON: the contract for everything that reads rendered output
(a lecture web page, benchmarks). Read the manifest, not the folders' internals.

``relu-anim render --json`` prints the manifest, and every batch writes the same
document atomically to ``<output folder>/manifest.json`` (``media/high/manifest.json``,
``media/low-dark/manifest.json``, ``media/<network>/<quality>/manifest.json``).

It lists every output of the folder that is up to date: the batch's own outputs
(rendered now, ``cached: false``, or found up to date, ``cached: true``) and those of
earlier batches into the same folder (other stages or formats) whose inputs still
match, so that ``render wedge`` after ``render --all`` still describes the whole
lesson. Outputs that failed in this batch are listed with ``status: "failed"``.

Schema (version 2)::

    {
      "schema": 2,
      "generator": "relu-anim 0.1.0",
      "quality": "h", "theme": "light", "network": "part3",
      "outputs": [                      # title card, stages, summary card in lesson order, then the lesson
        {
          "stage": "wedge",             # or "title" / "summary" for a card, "lesson" for the joined lesson
          "kind": "stage",              # stage | card | lesson
          "number": 7,                  # place among the stages (cards and the lesson: null)
          "heading": "Adding the two lines",  # the words the stage opens with, on screen
          "description": "Blue plus orange...",   # one line on what it shows
          "title": "Blue plus orange...",   # schema 1's name for the description (kept for schema 2 only)
          "key_sentence": "The output node adds...",  # what it teaches, in one sentence (the lesson: "")
          "format": "mp4",              # a --format: mp4 | webm | gif | png (relu_anim.media.FORMATS)
          "status": "done",             # done (rendered now) | cached | failed
          "cached": false,              # true: up to date, not rendered in this batch
          "error": null,                # failed: the one-line reason
          "path": "wedge.mp4",          # relative to the manifest's folder (the contract)
          "width": 1920, "height": 1080, "fps": 60,
          "frames": 3006, "duration": 50.1,   # seconds
          "bytes": 1234567, "sha256": "…",
          "seconds": 41.2,              # wall time spent on it in this batch (cached: 0)
          "poster": "wedge.poster.png", # videos only (png: null)
          "opening": 3.4,               # a stage's video: seconds in of its opening picture, its poster
                                        # (the end of its first sentence); absent for a card, the lesson
          "captions": {"srt": "wedge.srt", "vtt": "wedge.vtt"},   # videos only
          "inputs": "…"                 # the inputs hash (see relu_anim.batch.plan)
        },
        {
          "stage": "lesson", …,
          "chapters_file": "lesson.chapters.vtt",
          "chapters": [{"stage": "title", "number": null, "kind": "card", "heading": "…", "description": "…",
                        "title": "…", "start": 0.0, "end": 6.0},
                       {"stage": "recap", "number": 1, "kind": "stage", "heading": "…", …}, …]
        }
      ]
    }

Failed outputs have ``path`` and the file fields set to null. Paths use ``/``.

Cards (the joined lesson's title card and summary card, ``kind: "card"``) are rendered
only by ``render --all`` or by name (``render summary``); each is one chapter of the
lesson. ``kind`` and the chapters' ``number`` and ``kind`` were added within schema 1:
a reader of older manifests takes an entry without ``kind`` for a stage.

Schema 2 names what schema 1 called ``title`` for what it is: ``description`` (the
registry's one line on what a stage shows), beside the new ``heading`` (the few words
it opens with on screen, :attr:`relu_anim.stages.Stage.heading`). ``title`` is still
written, equal to ``description``, for readers of schema 1; it goes in schema 3.
Readers take ``description`` and fall back to ``title`` (:func:`description_of`).
``key_sentence`` (:attr:`relu_anim.stages.Stage.key_sentence`, the line under a stage's
heading on its slide) was added within schema 2: readers of a manifest without it take
the description (:func:`key_sentence_of`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from .. import __version__
from ..render import staged

SCHEMA = 2
MANIFEST = "manifest.json"
STAGE_KIND, CARD_KIND, LESSON_KIND = "stage", "card", "lesson"
#: The joined lesson's heading and description in the manifest.
LESSON_HEADING = "The whole lesson"


def entry(
    name: str,
    format: str,
    status: str,
    *,
    record: Mapping | None = None,
    seconds: float = 0.0,
    error: str = "",
    number: int | None = None,
    heading: str = "",
    description: str = "",
    key_sentence: str = "",
    kind: str = STAGE_KIND,
) -> dict:
    """One output's manifest entry, from its record (see :mod:`.plan`)."""
    files = (record or {}).get("files", {})
    main = files.get("video") or files.get("picture") or {}
    item = {
        "stage": name,
        "kind": kind,
        "number": number,
        "heading": heading,
        "description": description,
        "title": description,  # schema 1's name, kept for one version
        "key_sentence": key_sentence,
        "format": format,
        "status": status,
        "cached": status == "cached",
        "error": error or None,
        "path": main.get("name"),
        "width": None,
        "height": None,
        "fps": None,
        "frames": None,
        "duration": None,
        "bytes": main.get("bytes"),
        "sha256": main.get("sha256"),
        "seconds": round(seconds, 3),
        "poster": files.get("poster", {}).get("name"),
        "captions": {kind: files[kind]["name"] for kind in ("srt", "vtt") if kind in files} or None,
        "inputs": (record or {}).get("inputs"),
    }
    if record and status != "failed":
        for key in ("width", "height", "fps", "frames", "duration"):
            item[key] = record.get(key)
        item["voice"] = record.get("voice", "none")
        if record.get("opening") is not None:
            item["opening"] = record["opening"]
        if "chapters" in record:
            item["chapters_file"] = files.get("chapters", {}).get("name")
            item["chapters"] = record["chapters"]
    else:
        item.update(path=None, bytes=None, sha256=None)
    return item


def manifest(entries: Iterable[dict], *, quality: str, theme: str, network: str) -> dict:
    return {
        "schema": SCHEMA,
        "generator": f"relu-anim {__version__}",
        "quality": quality,
        "theme": theme,
        "network": network,
        "outputs": list(entries),
    }


def description_of(item: Mapping) -> str:
    """An entry's or chapter's description, from schema 2 (``description``) or 1 (``title``)."""
    return item.get("description", item.get("title", ""))


def key_sentence_of(item: Mapping) -> str:
    """An entry's key sentence; manifests written before it existed give the description."""
    return item.get("key_sentence") or description_of(item)


def write_manifest(document: Mapping, folder: Path) -> Path:
    """Write ``folder/manifest.json`` atomically."""
    path = Path(folder) / MANIFEST
    with staged(path) as tmp:
        tmp.write_text(dumps(document) + "\n", encoding="utf-8")
    return path


def dumps(document: Mapping) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False)
