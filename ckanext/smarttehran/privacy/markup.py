"""XML, HTML, KML and the XML parts of office packages, as the text they hold.

Character references and entities are decoded (an internal DTD's entities too;
external ones are never fetched), CDATA, comments and processing instructions
are read, and every attribute value is a line of its own. Text nodes are joined
on as they are displayed inside text runs (Word splits a run anywhere:
``<w:r><w:t>0912</w:t></w:r><w:r><w:t>3456789</w:t></w:r>`` is one number); any
other element's text (a record's field) is a line of its own, as are HTML's block
elements (cells, paragraphs, line breaks).
"""

from __future__ import annotations

import html.parser
import xml.etree.ElementTree as ET
from collections.abc import Iterator

# An XML text of this many characters is parsed whole; a larger one streams.
MAX_TREE_CHARS = 64 * 1024 * 1024
_BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "option",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
    ]
)


def xml_text(text: str) -> str:
    """The text of an XML document: its text nodes, comments and attribute values.

    Raises ``ET.ParseError`` when it is not well-formed XML (read it as HTML then).
    """
    builder = ET.TreeBuilder(insert_comments=True, insert_pis=True)
    parser = ET.XMLParser(target=builder)
    parser.feed(text)
    root = parser.close()
    body: list[str] = []
    extra: list[str] = []
    # Depth-first without recursion (a document may nest thousands deep).
    stack: list[tuple[ET.Element, bool]] = [(root, False)]
    while stack:
        el, done = stack.pop()
        inline = isinstance(el.tag, str) and _inline(el.tag)
        if done:
            if not inline:
                body.append("\n")
            if el.tail:
                body.append(el.tail)
            continue
        if el.tag is ET.Comment or el.tag is ET.ProcessingInstruction:
            extra.append(el.text or "")
            if el.tail:
                body.append(el.tail)
            continue
        extra.extend(v for v in el.attrib.values() if v)
        if not inline:
            body.append("\n")
        if el.text:
            body.append(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    return "".join(body) + "\n" + "\n".join(extra) + "\n"


def _inline(tag: str) -> bool:
    ns, _, local = tag[1:].rpartition("}") if tag.startswith("{") else ("", "", tag)
    if ns == _XHTML:
        return local.lower() in _HTML_INLINE
    return bool(ns) and local in _RUNS


_XHTML = "http://www.w3.org/1999/xhtml"
# Elements whose text runs on with their neighbours': office text runs (w:r, w:t, a:t,
# text:span ...) and XHTML's inline markup; any other element's text (a record's field)
# is a line of its own.
_RUNS = frozenset({"r", "t", "span", "s", "tab"})
_HTML_INLINE = frozenset(
    {"a", "abbr", "b", "big", "code", "em", "font", "i", "mark", "s", "small", "span"}
    | {"strong", "sub", "sup", "u"}
)


class _HTMLText(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")
        for _name, value in attrs:
            if value:
                self.parts.append("\n" + value + "\n")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_comment(self, data: str) -> None:
        self.parts.append("\n" + data + "\n")

    def handle_pi(self, data: str) -> None:
        self.parts.append("\n" + data + "\n")

    def unknown_decl(self, data: str) -> None:
        self.parts.append("\n" + data + "\n")  # CDATA sections in HTML mode


def html_chunks(text: str, size: int = 1 << 20) -> Iterator[str]:
    """The text of an HTML (or broken XML) document, in chunks ending at line breaks."""
    parser = _HTMLText()
    pending = ""
    for i in range(0, len(text), size):
        parser.feed(text[i : i + size])
        pending += "".join(parser.parts)
        parser.parts = []
        cut = pending.rfind("\n")
        if cut != -1 and len(pending) >= size:
            yield pending[: cut + 1]
            pending = pending[cut + 1 :]
    parser.close()
    pending += "".join(parser.parts)
    if pending:
        yield pending


def markup_chunks(text: str, is_html: bool) -> Iterator[str]:
    """The readable text of an XML or HTML document (see the module docstring)."""
    if not is_html and len(text) <= MAX_TREE_CHARS:
        try:
            yield xml_text(text)
            return
        except ET.ParseError:
            pass  # not well-formed: read as HTML, which forgives
    yield from html_chunks(text)
