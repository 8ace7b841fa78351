"""What the narrator says: a caption, written for reading, in words for speaking.

Captions are written for the eye ("−0.85", "× 1.70", "ReLU", "SSR", "86 %"); a voice
needs words. :func:`spoken` applies one rule set, in this order:

1. Words the lesson spells in its own way: ReLU is said "rayloo", one word stressed
   on its first syllable, "RAY-loo", as most teachers say it (the voice would say
   "ReLU" "ree LOO", and "ray loo" as two stressed words, so "ReLU's bend" came out
   "RAY. LOOS bend"); softplus "soft plus"; "the sum of squared residuals (SSR)" drops
   the abbreviation in brackets, and a later "SSR" is said in full.
2. Symbols: "×" is "times", "+" "plus", "=" "equals", "%" "percent", "→" "becomes";
   a minus sign before a number is "negative".
3. Numbers: trailing zeros after the point go ("16.00" is "16", "1.70" is "1.7"),
   since "sixteen point zero zero" says nothing "sixteen" does not.
4. Quotation marks go (a name in quotes is said as the name). Brackets: around a lone
   signed number they are there for the eye only, to keep a sign from an operator, and
   go ("0.85 × (−40.80)" is "0.85 times negative 40.8", "orange 20.412 + blue (−6.936)"
   "orange 20.412 plus blue negative 6.936", no pause in the sum); words in brackets
   after a number name it ("0 (low) to 1 (high)" is "0, meaning low, to 1, meaning
   high"); any other bracket is an aside, said between commas. A hyphen between words
   is a space ("x-axis"); colons and semicolons are commas.

:func:`unspeakable` lists what is left that a voice would read as a symbol or spell
letter by letter; the tests run it on every caption of every stage.
"""

from __future__ import annotations

import re

MINUS = "\u2212"

#: Words said in the lesson's own way (whole words, case as written).
WORDS = {
    "ReLU": "rayloo",
    "ReLUs": "rayloos",
    "softplus": "soft plus",
    "Softplus": "Soft plus",
    "SSR": "sum of squared residuals",
}
#: Symbols said as words.
SYMBOLS = {"\u00d7": " times ", "+": " plus ", "=": " equals ", "%": " percent", "\u2192": " becomes "}

_NUMBER = r"\d+(?:\.\d+)?"


def spoken(caption: str) -> str:
    """``caption`` in words to say (see the module's rules)."""
    text = " ".join(caption.split())
    # 1. the lesson's own words; an abbreviation after its expansion is not said twice
    text = re.sub(r"\s*\((SSR)\)", "", text)
    for word, said in WORDS.items():
        text = re.sub(rf"\b{re.escape(word)}\b", said, text)
    # 2. signs: a minus (or a hyphen standing alone) before a number is "negative"
    text = re.sub(rf"(?:{MINUS}|(?<![\w.])-)\s?(?=\d)", "negative ", text)
    text = text.replace(MINUS, " minus ")
    for symbol, said in SYMBOLS.items():
        text = text.replace(symbol, said)
    # 3. numbers: no trailing zeros after the point
    text = re.sub(_NUMBER, lambda m: _plain_number(m.group(0)), text)
    # 4. quotation marks, brackets, hyphens between words, colons
    text = re.sub("[\"\u201c\u201d\u2018]|(?<![A-Za-z0-9])'|'(?![A-Za-z])", "", text)
    text = re.sub(rf"\(\s*((?:negative )?{_NUMBER})\s*\)", r"\1", text)
    text = re.sub(r"(\d)\s*\(\s*([A-Za-z][A-Za-z ]*)\s*\)", r"\1, meaning \2,", text)
    text = re.sub(r"\s*\(\s*", ", ", text)
    text = re.sub(r"\s*\)\s*", ", ", text)
    text = re.sub(r"(?<=[A-Za-z])-(?=[A-Za-z])", " ", text)
    text = re.sub(r"\s*[:;]\s*", ", ", text)
    # tidy: no doubled commas, no comma before a full stop, single spaces
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.!?])", r"\1", text)
    text = re.sub(r",(\s*,)+", ",", text)
    text = re.sub(r",\s*([.!?])", r"\1", text)
    text = re.sub(r"^\s*,\s*", "", text)
    return text.strip().rstrip(",")


def _plain_number(number: str) -> str:
    if "." not in number:
        return number
    whole, _, fraction = number.partition(".")
    fraction = fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


def unspeakable(text: str) -> list[str]:
    """What in ``text`` a voice would read as a symbol or spell as letters: any
    character but letters, digits, spaces and ``. , ? ! '``, and any run of two or
    more capitals (an abbreviation). Empty when ``text`` speaks well."""
    found = re.findall(r"[^A-Za-z0-9 .,?!'\u2019]", text)
    found += list(re.findall(r"\b[A-Z]{2,}\b|\b[A-Za-z]*[a-z][A-Z][A-Za-z]*\b", text))
    return found
