"""Persian digits in the text of Persian HTML pages.

Core templates print counts, page numbers and sizes with Latin digits. Rather than
override dozens of them, the text between tags of every Persian HTML response gets
Persian digits. Untouched: tags and attributes (URLs, ids, values); the inside of
``script``, ``style``, ``pre``, ``code``, ``textarea`` and of any element marked
``dir="ltr"``, ``lang="en"`` or ``translate="no"`` (codes, URLs, API examples, English
text); and any word holding a Latin letter (a URL, an id, ``WGS84``, ``mobility.02``),
whose digits are part of a code, not a number to read.
"""

from __future__ import annotations

import re

from ckanext.smarttehran.persian import to_persian_digits

_TOKENS = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_TAG = re.compile(r"<\s*(/)?\s*([a-zA-Z][a-zA-Z0-9-]*)([^>]*?)(/)?\s*>", re.S)
_SKIP_TAGS = {"script", "style", "pre", "code", "textarea", "kbd", "samp"}
_SKIP_ATTRS = re.compile(
    r"""\b(dir\s*=\s*["']?ltr|translate\s*=\s*["']?no|lang\s*=\s*["']?en)\b""", re.I
)
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_DIGIT = re.compile(r"[0-9]")
_MARKUP = re.compile(r"\s*<")  # a body that opens with a tag (matched, not copied)
# Kept as they are: words holding a Latin letter, and character references (&#34; is how
# Jinja escapes a quote).
_KEEP = re.compile(r"(&#?[0-9a-zA-Z]+;|[^\s&]*[A-Za-z][^\s&]*)")


def persianize(html: str) -> str:
    """``html`` with Latin digits in its visible text turned into Persian ones."""
    if not _DIGIT.search(html):
        return html
    out: list[str] = []
    skip_tag: str | None = None
    depth = 0
    for token in _TOKENS.split(html):
        if not token:
            continue
        if token.startswith("<"):
            out.append(token)
            tag = _TAG.match(token)
            if not tag:
                continue
            closing, name, attrs, self_closing = tag.groups()
            name = name.lower()
            if skip_tag:
                if name == skip_tag and name not in _VOID and not self_closing:
                    depth += -1 if closing else 1
                    if depth == 0:
                        skip_tag = None
            elif not closing and not self_closing and name not in _VOID and (
                name in _SKIP_TAGS or _SKIP_ATTRS.search(attrs)
            ):
                skip_tag, depth = name, 1
        else:
            out.append(token if skip_tag else _text_digits(token))
    return "".join(out)


def _text_digits(text: str) -> str:
    if not _DIGIT.search(text):
        return text  # most text nodes: nothing to change, no split
    # split() with one group alternates: text to convert, kept token, text, ...
    return "".join(p if i % 2 else to_persian_digits(p) for i, p in enumerate(_KEEP.split(text)))


def after_request(response):
    """Flask hook: Persian digits in Persian HTML pages."""
    import ckan.plugins.toolkit as tk

    if response.mimetype != "text/html" or response.direct_passthrough or response.is_streamed:
        return response
    try:
        persian_page = tk.h.lang().startswith("fa")
    except (RuntimeError, TypeError, AttributeError):
        return response
    if persian_page:
        body = response.get_data(as_text=True)
        # Only markup: some endpoints send JSON as text/html (the DataTables view's ajax),
        # and Persian digits would break it.
        if _MARKUP.match(body):
            response.set_data(persianize(body))
    return response
