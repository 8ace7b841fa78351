"""Caption files: SRT (what Manim writes), WebVTT (what browsers read), chapters.

Cue text goes into each format through :mod:`relu_anim.escape` (``srt_cue_text``,
``vtt_cue_text``): a name holding ``<b>`` or ``-->`` shows as written in every player.

A stage's captions are one ``.srt`` and the same cues as ``.vtt``. The joined lesson
gets one caption file in each format, timed to the joined video, and a WebVTT
chapters file with one cue per stage (for a player's chapter menu).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from pathlib import Path

import srt

from ..escape import srt_cue_plain, srt_cue_text, vtt_cue_text


def read_srt(path: Path | None) -> list[srt.Subtitle]:
    """The cues of an SRT file relu-anim wrote, their text as it was given to
    :func:`write_srt` (see :func:`relu_anim.escape.srt_cue_text`)."""
    return [srt.Subtitle(sub.index, sub.start, sub.end, srt_cue_plain(sub.content)) for sub in _parse_srt(path)]


def _parse_srt(path: Path | None) -> list[srt.Subtitle]:
    if path is None or not Path(path).exists():
        return []
    return list(srt.parse(Path(path).read_text(encoding="utf-8")))


#: Seconds into a stage for its opening picture when its captions end no sentence.
OPENING = 1.5


def ends_sentence(text: str) -> bool:
    """Whether a caption's text ends a sentence (``.``, ``!`` or ``?``): a caption is often
    part of one, the sentence going on in the next caption."""
    return text.rstrip().endswith((".", "!", "?"))


def opening_time(subs: Sequence[srt.Subtitle]) -> float:
    """A stage's opening picture, in seconds: the end of its first sentence (its first
    beat's picture, complete, the result not given away), a frame's worth (0.1 s) before
    the next caption; :data:`OPENING` without one. Its poster is taken there and the
    page shows it before Play (:mod:`relu_anim.render`, :mod:`relu_anim.lecture.page`)."""
    for sub in subs:
        if ends_sentence(sub.content):
            return round(max(sub.end.total_seconds() - 0.1, 0.0), 2)
    return OPENING


def write_srt(subs: Sequence[srt.Subtitle], dest: Path) -> int:
    """Write cues as SRT, numbered from 1, each text through
    :func:`relu_anim.escape.srt_cue_text`; returns the number of cues."""
    cues = [srt.Subtitle(n, sub.start, sub.end, srt_cue_text(sub.content)) for n, sub in enumerate(subs, 1)]
    dest.write_text(srt.compose(cues, reindex=False), encoding="utf-8")
    return len(cues)


def copy_manim_srt(source: Path | None, dest: Path) -> int:
    """Manim's caption file (its text as the scene gave it, unescaped) as an SRT file
    of ours (an empty one when there is none); returns the number of cues."""
    return write_srt(_parse_srt(source), dest)


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
    return write_srt(merged, dest)


def vtt_time(seconds: float | datetime.timedelta) -> str:
    """``HH:MM:SS.mmm``, WebVTT's timestamp."""
    if isinstance(seconds, datetime.timedelta):
        seconds = seconds.total_seconds()
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


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


# -- cues a viewer can read ------------------------------------------------------------

#: The usual subtitle rules: characters a line, lines a cue, characters a second read.
LINE_CHARS = 42
CUE_LINES = 2
READING_SPEED = 20.0
_CLAUSE_BREAKS = (": ", "; ", ", ", " \u2014 ")
#: Line breaks: a break after a clause counts as this many characters shorter (after a
#: sentence twice as many); one inside a phrase (:func:`splits_phrase`) this many longer,
#: more than a clause's bonus, so "the data: 0.00 at / low dosage" loses to any break
#: between phrases, and a cue that cannot wrap but inside a phrase does not fit.
_CLAUSE_BONUS, _PHRASE_COST = 8, 12
#: A cue split at a clause break keeps at least this many characters on each side.
_SHORTEST_PART = 16


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: Words that lean on the next: articles and other determiners, prepositions,
#: conjunctions, auxiliaries; a line never ends with one ("at / low dosage").
_LEANING = _word_set(
    "a an the this these those its their every each no any all two three of to at by in on for from with into"
    " near than and or but so yet as where which whichever while until if is are was does not will would has"
)
#: Words that modify a noun after them (the lesson's adjectives and noun adjuncts), and
#: the nouns they modify: "straight / lines", "x-axis / coordinate", "gradient / descent".
_MODIFIERS = _word_set(
    "blue orange green bent straight curved smooth flat sharp pointy plain shifted final whole same single new"
    " brand-new low medium high highest lowest negative positive x-axis y-axis gradient output hidden top bottom"
    " data relu softplus sigmoid some other upside"
)
_NOUNS = _word_set(
    "line lines curve curves piece pieces dot dots shape shapes wedge squiggle node node's nodes graph graph's"
    " coordinate descent values value ones thing bend bias weight weights fit point points layer dosage dosages"
    " relu steps"
)
#: Words that lean on the one before: a verb's particle ("tops / out"), its object
#: pronoun ("slices / it"), "too"; "down" and "up" only when no "to" follows ("down to 0").
_LEANING_BACK = _word_set("out off aside back along too it them down up")


def split_sentences(text: str) -> list[str]:
    """``text``'s sentences (split after ``.``, ``!`` or ``?`` and a space), whitespace
    made single spaces: what a voice says as one utterance each."""
    return [s for s in re.split(r"(?<=[.!?])\s+(?=\S)", " ".join(text.split())) if s]


def cue_positions(text: str, cues: Sequence[str]) -> list[tuple[int, int, int]]:
    """Where each of ``text``'s cues (:func:`split_cues`) lies: the index of the sentence
    it starts in (:func:`split_sentences`), how many characters into that sentence it
    starts, and the index of the sentence it ends in."""
    sentences, found, at = split_sentences(text), [], 0
    bounds = [0]
    for sentence in sentences:
        bounds.append(bounds[-1] + len(sentence) + 1)
    whole = " ".join(sentences)
    for cue in cues:
        plain = " ".join(cue.split())
        at = whole.index(plain, at)
        first, last = (max(i for i, b in enumerate(bounds[:-1]) if b <= where) for where in (at, at + len(plain) - 1))
        found.append((first, at - bounds[first], last))
    return found


def split_cues(text: str) -> list[str]:
    """A beat's caption as cues a viewer can read: sentences, joined while two fit one
    cue; a sentence too long for one cue split at the clause break (colon, semicolon,
    comma; not inside brackets) nearest its middle, else between the words nearest it;
    each cue wrapped into at most :data:`CUE_LINES` lines of at most
    :data:`LINE_CHARS` characters ("\\n" between)."""
    cues: list[str] = []
    for sentence in split_sentences(text):
        joined = f"{cues[-1]} {sentence}" if cues else sentence
        if cues and wrap_cue(joined, check=True):
            cues[-1] = joined
        else:
            cues += _fit(sentence)
    return [wrap_cue(cue) for cue in cues if cue]


def _fit(text: str) -> list[str]:
    if wrap_cue(text, check=True):
        return [text]
    for breaks in (_CLAUSE_BREAKS, (" ",)):
        cuts = [i + len(b.rstrip()) for b in breaks for i in _find_all(text, b)]
        cuts = [i for i in cuts if min(i, len(text) - i) >= _SHORTEST_PART and not _in_brackets(text, i)] or (
            cuts if breaks == (" ",) else []
        )
        if cuts:
            cut = min(cuts, key=lambda i: (splits_phrase(text.split(), len(text[:i].split())), abs(i - len(text) / 2)))
            return _fit(text[:cut].strip()) + _fit(text[cut:].strip())
    return [text]  # one word longer than a cue: nothing to split


def _in_brackets(text: str, index: int) -> bool:
    return text.count("(", 0, index) > text.count(")", 0, index)


def _find_all(text: str, needle: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(needle), text) if 0 < m.start() < len(text) - len(needle)]


def wrap_cue(text: str, check: bool = False) -> str:
    """``text`` in lines of at most :data:`LINE_CHARS` characters, as even as they can
    be, broken at a sentence or clause if it can and never inside a phrase
    (:func:`splits_phrase`) if any other break fits; with ``check``, "" when it needs
    more than :data:`CUE_LINES` lines or every break that fits splits a phrase."""
    words = text.split()
    if len(text) <= LINE_CHARS:
        return text
    best = None  # two lines: the break that makes the longer line shortest, at a clause if it can
    for i in range(1, len(words)):
        first, second = " ".join(words[:i]), " ".join(words[i:])
        longest = max(len(first), len(second))
        if longest > LINE_CHARS:
            continue
        split = splits_phrase(words, i)
        score = (
            longest
            - _CLAUSE_BONUS * first.endswith((",", ":", ";"))
            - 2 * _CLAUSE_BONUS * first.endswith((".", "?", "!"))
            + _PHRASE_COST * split
        )
        if best is None or (score, split) < best[:2]:
            best = (score, split, f"{first}\n{second}")
    if best is not None and not (check and best[1]):
        return best[2]
    return "" if check else text


def splits_phrase(words: Sequence[str], i: int) -> bool:
    """Whether a break before ``words[i]`` splits a phrase a reader (or a listener)
    takes as one: after a word that leans on the next (:data:`_LEANING`, a possessive),
    between a modifier and its noun (:data:`_MODIFIERS`, :data:`_NOUNS`; "blue and orange lines"
    is one), between a word
    and the number it names ("bias / −0.58", "height / 0.00"), between a number and where
    it is ("0.00 / at low dosage"), or before a word that leans on the one before
    (:data:`_LEANING_BACK`). Never after a clause's or sentence's punctuation."""
    before, after = words[i - 1], words[i]
    if before.endswith((",", ":", ";", ".", "?", "!", ")")) or after.startswith("("):
        return False
    prev, word = _bare(before), _bare(after)
    following = _bare(words[i + 1]) if i + 1 < len(words) else ""
    return (
        prev in _LEANING
        or prev.endswith(("'s", "\u2019s"))
        or (prev in _MODIFIERS and (word in _NOUNS or word in _MODIFIERS))
        or (prev in _MODIFIERS and word in ("and", "or") and following in _MODIFIERS)  # "blue / and orange lines"
        or (_is_number(word) and not _is_number(prev))
        or (_is_number(prev) and word == "at")
        or (word in _LEANING_BACK and following not in ("to", "from") and not before.endswith("-"))
    )


def _bare(word: str) -> str:
    """A word as the phrase rules look it up: lower case, no quotes or punctuation around."""
    return word.strip('"\u201c\u201d\u2018()[].,:;!?').lower()


def _is_number(word: str) -> bool:
    return re.fullmatch(r"[\u2212-]?\d+(?:\.\d+)?", word) is not None


def reading_time(text: str) -> float:
    """Seconds a viewer needs to read ``text`` at :data:`READING_SPEED`."""
    return len(" ".join(text.split())) / READING_SPEED
