"""One way to put text into each kind of file relu-anim writes.

Names from a network file are any text (``<!--<script>``, ``</script>``, ``]]>``,
``-->``, U+2028, right-to-left marks): every writer puts text into its file through the
one function here for that context, so such a name shows as written and never changes
what the file does. Standard library only: the lowest layer (captions in ``media`` use it,
as does the lecture package).

==================  ==================================================================
context             function
==================  ==================================================================
HTML text           :func:`html_text` (``&``, ``<``, ``>`` as character references)
HTML attribute      :func:`html_attribute` (the same and both quotes)
JSON in <script>    :func:`script_json` (``<``, ``>``, ``&``, U+2028, U+2029 as ``\\u``)
WebVTT cue text     :func:`vtt_cue_text` (``&``, ``<``, ``>`` as character references)
SRT cue text        :func:`srt_cue_text`, read back by :func:`srt_cue_plain`
XML text            :func:`xml_text` (what XML 1.0 cannot hold, dropped; lxml and
                    ElementTree escape the markup themselves)
==================  ==================================================================
"""

from __future__ import annotations

import html
import json
import re

__all__ = [
    "SCRIPT_ESCAPES",
    "WORD_JOINER",
    "html_attribute",
    "html_text",
    "script_json",
    "srt_cue_plain",
    "srt_cue_text",
    "vtt_cue_text",
    "xml_text",
]


def html_text(text: str) -> str:
    """``text`` as HTML element content: ``&``, ``<`` and ``>`` as character references
    (no tag, comment or entity can start in it)."""
    return html.escape(text, quote=False)


def html_attribute(text: str) -> str:
    """``text`` as a quoted HTML attribute's value: :func:`html_text` and both quotes."""
    return html.escape(text, quote=True)


#: What JSON inside ``<script>`` must not hold literally: ``<`` and ``>`` (``</script>``
#: ends the element, ``<!--<script>`` makes the parser swallow the rest of the page),
#: ``&`` (for a page read as XHTML), and U+2028/U+2029 (line ends to older JavaScript).
SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value, indent: int | None = None) -> str:
    """JSON safe inside ``<script>``: the characters of :data:`SCRIPT_ESCAPES` appear
    as ``\\uXXXX`` escapes, which JSON.parse reads back as the same text."""
    separators = (",", ": ") if indent is not None else (",", ":")
    text = json.dumps(value, ensure_ascii=False, indent=indent, separators=separators)
    return text.translate(str.maketrans(SCRIPT_ESCAPES))


def vtt_cue_text(text: str) -> str:
    """``text`` as WebVTT cue text that shows it literally: ``&``, ``<`` and ``>`` as
    character references (so ``<b>`` is not bold, ``<img ...>`` does not vanish, and
    ``-->``, which may not appear in a cue, becomes ``--&gt;``); no blank line, which
    would end the cue."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    lines = escaped.replace("\r\n", "\n").replace("\r", "\n").split("\n")  # WebVTT's line ends only (not U+2028)
    return "\n".join(line for line in lines if line.strip())


#: U+2060, invisible and zero-width: what :func:`srt_cue_text` puts inside markup.
WORD_JOINER = "\u2060"
_SRT_AFTER = re.compile(r"([<\\])")
_SRT_BEFORE = re.compile(r">")


def srt_cue_text(text: str) -> str:
    """``text`` as SRT cue text that every player shows as written.

    SRT has no escapes: players read ``<b>``, ``<i>``, ``<u>``, ``<font ...>`` as
    styling (FFmpeg's decoder, so mpv; VLC; most others) and show ``&lt;`` as those four
    characters; FFmpeg and libass read ``{\\an8}`` and ``\\N`` as ASS commands; a line
    holding ``-->`` is a cue's timing to a lenient reader. So nothing is replaced: a
    :data:`WORD_JOINER` goes after every ``<`` and ``\\`` and before every ``>``. No
    tag, ASS command or ``-->`` is left, and what shows is the text itself (the joiner
    has no width). A ``{...}`` holding a backslash still cannot show in FFmpeg-based
    players (they drop it whole), but it styles nothing. No blank line, which would end
    the cue. :func:`srt_cue_plain` reads the text back exactly."""
    escaped = _SRT_BEFORE.sub(WORD_JOINER + ">", _SRT_AFTER.sub(r"\1" + WORD_JOINER, text))
    lines = escaped.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line for line in lines if line.strip())


def srt_cue_plain(text: str) -> str:
    """The text :func:`srt_cue_text` was given (one joiner taken after every ``<`` and
    ``\\``, one before every ``>``); text written before it existed reads as it is."""
    joined = re.sub(r"([<\\])" + WORD_JOINER, r"\1", text)
    return joined.replace(WORD_JOINER + ">", ">")


#: Characters XML 1.0 cannot hold at all (its ``Char`` production): C0 controls but
#: tab, line feed and carriage return; surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` an XML writer (lxml, ElementTree) can take: the characters XML 1.0 cannot
    hold are dropped (lxml refuses them; ElementTree would write a file no parser reads).
    The writers escape ``&``, ``<``, ``>`` and quotes themselves, so ``]]>`` and
    ``<!--`` stay text."""
    return _NOT_XML.sub("", text)
