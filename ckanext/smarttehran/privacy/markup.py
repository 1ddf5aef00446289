"""XML, HTML, KML and the XML parts of office packages, as the text they hold.

Character references and entities are decoded (an internal DTD's entities too;
external ones are never fetched), CDATA, comments and processing instructions
are read, and every attribute value is a line of its own. Text nodes are joined
in document order as they are displayed (Word splits a run anywhere:
``<w:t>0912</w:t><w:t>3456789</w:t>`` is one number); HTML's block elements
(cells, paragraphs, line breaks) end a line.
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
    body = "".join(root.itertext())
    extra: list[str] = []
    for el in root.iter():
        if el.tag is ET.Comment or el.tag is ET.ProcessingInstruction:
            extra.append(el.text or "")
            continue
        extra.extend(v for v in el.attrib.values() if v)
    return body + "\n" + "\n".join(extra) + "\n"


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
