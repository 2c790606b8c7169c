"""Escaping plan text for the formats outputs are written in: DOT (Graphviz) and HTML.

Plan text is data, never markup: a title holding quotes, backslashes, braces, ``<``, ``>``, ``&`` or
``<script>`` must come out as those characters. Every output that puts plan text into DOT or HTML
goes through these functions.

DOT has three kinds of string, each with its own rules:

* **node names** (:func:`dot_id`) and **labels** (:func:`dot_quote`): a quoted string in which only
  ``\\"`` is an escape for the parser, and which Graphviz then reads as an *escString* in labels
  (``\\N`` is the node's name, ``\\n`` a line break) and turns entities (``&amp;``) into characters,
  so backslashes are doubled and ``&`` written ``&amp;``;
* **tooltips** (:func:`dot_tooltip`): escStrings that some Graphviz versions unescape twice, so a
  backslash cannot be written reliably: it is shown as U+29F5 (⧵), which looks the same;
* **HTML-like labels** (:func:`dot_html`): XML text, where ``&``, ``<``, ``>`` and ``"`` become
  entities; some Graphviz versions still read ``\\N`` or ``\\G`` in them, so every backslash is
  followed by an invisible zero-width space (U+200B), which no version reads as an escape.

Characters XML cannot carry (control characters other than tab and newline) are dropped everywhere:
Graphviz would copy them into an SVG that no parser accepts.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = [
    "bidi_closed",
    "clean_text",
    "dot_id",
    "dot_quote",
    "dot_tooltip",
    "dot_html",
    "html_text",
    "html_attr",
    "svg_id",
    "script_json",
    "terminal_text",
]

# Control characters, tab and newline excepted, and the non-characters: those XML 1.0 forbids,
# and the others (U+FDD0 to U+FDEF, the last two of each plane), which stand for nothing and which
# Graphviz's PDF drawing fails on (it loses the label).
_BAD_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff"
    + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(1, 17))
    + "]"
)
_NEWLINES = re.compile(r"\r\n?|\n")


def clean_text(text: object) -> str:
    r"""Text with the characters XML cannot hold removed and line ends made ``\n``.

    >>> clean_text("a\x00b\r\nc")
    'ab\nc'
    """
    s = str(text)
    if s.isprintable():  # no control, line-end, surrogate or non-characters: nothing to change
        return s
    return _NEWLINES.sub("\n", _BAD_CHARS.sub("", s))


def dot_id(text: object) -> str:
    r"""A DOT quoted string for a node name (or any attribute Graphviz takes as written).

    Graphviz keeps a name as written between the quotes except ``\"``; backslashes are doubled so
    that a name ending in one cannot swallow the closing quote (such a name shows doubled).

    >>> print(dot_id('say "x"'))
    "say \"x\""
    """
    return '"' + clean_text(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def dot_quote(text: object) -> str:
    r"""A DOT quoted string for a ``label`` (an escString), shown as written.

    Double quotes are escaped, backslashes doubled (so ``\N`` or ``\n`` in the text is not read as
    an escape sequence), ``&`` written as ``&amp;`` (so ``&lt;`` in the text stays five characters)
    and line breaks written as ``\n``.

    >>> print(dot_quote('Say "hi" \\ & <b>'))
    "Say \"hi\" \\ &amp; <b>"
    """
    s = clean_text(text).replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    return '"' + s.replace("\n", "\\n") + '"'


def dot_tooltip(text: object) -> str:
    r"""A DOT quoted string for a ``tooltip``: entities for ``&`` and line breaks, ``⧵`` for ``\``.

    >>> print(dot_tooltip('a\\b "c"\nd & e'))
    "a⧵b \"c\"&#10;d &amp; e"
    """
    s = clean_text(text).replace("\\", "\u29f5").replace("&", "&amp;").replace('"', '\\"')
    return '"' + s.replace("\n", "&#10;") + '"'


def dot_html(text: object) -> str:
    r"""Text for the inside of a Graphviz HTML-like label (``label=<...>``).

    >>> dot_html('<script>alert("x")</script> & more')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more'
    >>> dot_html(chr(92) + "N") == chr(92) + chr(0x200B) + "N"
    True
    """
    s = (
        clean_text(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )
    return s.replace("\\", "\\\u200b").replace("\n", " ")


_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def bidi_closed(text: str) -> str:
    r"""Text with every bidirectional embedding, override or isolate it opens closed at its end.

    A piece of plan text that opens one (U+202E, right-to-left override) and leaves it open would
    reverse whatever the page shows after it in the same paragraph: the next priority in a cell,
    "— outcome-graph report" in the window's title. Closed, it reorders its own text alone.

    >>> bidi_closed("Review ‮teg") == "Review ‮teg‬"
    True
    >>> bidi_closed("⁧a‫b") == "⁧a‫b‬⁩"
    True
    >>> bidi_closed("plain"), bidi_closed("a‮b‬")
    ('plain', 'a‮b‬')
    """
    if text.isascii() or not _BIDI.search(text):
        return text
    stack: list[str] = []  # the closers owed, innermost last
    for ch in text:
        if ch in "\u202a\u202b\u202d\u202e":
            stack.append("\u202c")
        elif ch in "\u2066\u2067\u2068":
            stack.append("\u2069")
        elif ch == "\u202c" and stack and stack[-1] == "\u202c":
            stack.pop()
        elif ch == "\u2069" and "\u2069" in stack:
            # (a PDI closes its isolate and every embedding opened inside it)
            del stack[len(stack) - 1 - stack[::-1].index("\u2069") :]
    return text + "".join(reversed(stack))


def html_text(text: object) -> str:
    """Text for an HTML element's content (bidirectional controls it opens are closed at its end:
    :func:`bidi_closed`).

    >>> html_text("<script>alert('x')</script> & more")
    '&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more'
    """
    s = bidi_closed(clean_text(text))
    return (
        s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def html_attr(text: object) -> str:
    """A value for a double-quoted HTML attribute (the quotes are the caller's).

    >>> html_attr('a "b" <c>')
    'a &quot;b&quot; &lt;c&gt;'
    """
    return html_text(text).replace("\n", "&#10;")


_ID_UNSAFE = re.compile(r"[^A-Za-z0-9.-]")


def svg_id(node_id: str, prefix: str = "og-") -> str:
    """The ``id`` attribute a node carries in SVG and HTML: letters, digits, ``.`` and ``-`` kept,
    anything else written ``_XX_`` (its code point in hex), so distinct ids stay distinct.

    >>> svg_id("NI 72"), svg_id("P1.A1.O1"), svg_id("a_b")
    ('og-NI_20_72', 'og-P1.A1.O1', 'og-a_5f_b')
    """
    return prefix + _ID_UNSAFE.sub(lambda m: f"_{ord(m.group()):x}_", node_id)


def script_json(value: Any) -> str:
    """JSON that is safe inside an inline ``<script>`` (no ``</script>``, no ``<!--``).

    >>> script_json({"t": "</script><script>alert(1)</script>"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
    """
    s = json.dumps(value, ensure_ascii=False)
    return (
        s.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


# C0 and C1 control characters (ESC, CSI, BEL, backspace,
# a lone carriage return...) but tab and newline.
#: C0 and C1 controls (tab and newline aside), and the bidirectional embeddings, overrides and
#: isolates, which make a terminal show a line in another order than it is written.
_TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_text(text: str) -> str:
    r"""Text for a terminal: control characters written as escapes (``\x1b``), tab and newline kept.

    Plan text that reaches a finding or an error message could otherwise move the cursor, clear
    the screen, set the window title, hide a link (OSC 8) or overwrite the line (``\r``) in the
    terminal that shows it; a bidirectional override could show it in another order.

    >>> print(terminal_text("June 11\x1b[2J\rdone"))
    June 11\x1b[2J\rdone
    >>> print(terminal_text("Lead: \u202eteg\u202c OK"))
    Lead: \u202eteg\u202c OK
    """
    if text.isprintable() or not _TERMINAL_CONTROLS.search(text):
        return text
    return _TERMINAL_CONTROLS.sub(lambda m: repr(m.group())[1:-1], text)
