"""PDF: the text a reader can select, read with pypdf, plus what else the file holds.

Read: every page's text (compressed streams included), the document information
and XMP metadata, form field values, annotations' contents, the outline, and
embedded files (screened as files of their own). A PDF with pages but no
extractable text at all (a scan, pages of images) cannot be screened and is
refused; so is one that is encrypted with a password, or that pypdf cannot parse.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from typing import IO, Any

from ckanext.smarttehran.privacy.reports import Issue
from ckanext.smarttehran.privacy.textio import UnreadableFile

NO_TEXT = Issue(
    "pdf_no_text",
    "The PDF holds no text that can be extracted (a scan or pages of images): it cannot "
    "be screened and was not published. Upload the document it was made from, or a PDF "
    "with selectable text.",
    "از این PDF متنی بیرون کشیده نمی‌شود (اسکن یا صفحه‌هایی از تصویر)؛ بررسی‌پذیر نیست و "
    "منتشر نشد. سند اصلی یا PDF دارای متن قابل انتخاب را بارگذاری کنید.",
)


def _unreadable(code: str, en: str, fa: str) -> UnreadableFile:
    return UnreadableFile(Issue(code, en, fa))


def pdf_parts(
    stream: IO[bytes], check: Callable[[], None], issues: list[Issue]
) -> Iterator[tuple[str, str | bytes]]:
    """``(part, text)`` for each page and metadata; ``(name, bytes)`` for embedded files.

    ``check`` is called between pages (the scan's time budget).
    """
    import pypdf  # noqa: PLC0415 - only PDF scans need it

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings may quote content
    try:
        reader = pypdf.PdfReader(stream, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _unreadable(
                "pdf_encrypted",
                "The PDF is encrypted with a password: it cannot be screened.",
                "PDF با گذرواژه رمزگذاری شده است؛ بررسی‌پذیر نیست.",
            )
        pages = reader.pages
        n = len(pages)
    except UnreadableFile:
        raise
    except Exception:
        raise _unreadable(
            "bad_pdf",
            "The PDF could not be read: it cannot be screened.",
            "PDF خوانده نشد؛ بررسی‌پذیر نیست.",
        ) from None
    chars = 0
    empty: list[int] = []
    for i in range(n):
        check()
        try:
            page = pages[i]
            text = page.extract_text() or ""
        except Exception:
            raise _unreadable(
                "bad_pdf",
                f"Page {i + 1} of the PDF could not be read: it cannot be screened.",
                f"صفحهٔ {i + 1} این PDF خوانده نشد؛ بررسی‌پذیر نیست.",
            ) from None
        if text.strip():
            chars += len(text.strip())
        else:
            empty.append(i + 1)
        yield f"page {i + 1}", text
        annots = _annotations(page)
        if annots:
            yield f"page {i + 1} annotations", annots
    if n and not chars:
        raise UnreadableFile(NO_TEXT)
    if empty:
        issues.append(
            Issue(
                "pdf_pages_without_text",
                f"{len(empty)} pages hold no extractable text (images); only text is screened.",
                f"{len(empty)} صفحه متن قابل استخراج ندارد (تصویر)؛ فقط متن بررسی می‌شود.",
                {"pages": empty[:20]},
            )
        )
    yield "metadata", _metadata(reader)
    try:
        attachments = dict(reader.attachments)
    except Exception:
        attachments = {}
    for name, contents in attachments.items():
        for j, data in enumerate(contents):
            yield f"attachment {name}" + (f" ({j + 1})" if j else ""), bytes(data)


def _strings(value: Any, depth: int = 0) -> Iterator[str]:
    if depth > 8:
        return
    with contextlib.suppress(Exception):
        value = value.get_object()
    if isinstance(value, str):
        yield value
    elif isinstance(value, bytes):
        yield value.decode("latin-1", errors="replace")
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v, depth + 1)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, depth + 1)


def _annotations(page: Any) -> str:
    out: list[str] = []
    try:
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            for key in ("/Contents", "/T", "/TU", "/V", "/RC"):
                if key in annot:
                    out.extend(_strings(annot[key]))
            action = annot.get("/A")
            if action is not None:
                out.extend(_strings(action.get_object().get("/URI", "")))
    except Exception:
        pass
    return "\n".join(out)


def _metadata(reader: Any) -> str:
    out: list[str] = []
    try:
        for value in (reader.metadata or {}).values():
            out.extend(_strings(value))
    except Exception:
        pass
    try:
        xmp = reader.xmp_metadata
        if xmp is not None:
            out.append(xmp.stream.get_data().decode("utf-8", errors="replace"))
    except Exception:
        pass
    try:
        for name, field in (reader.get_fields() or {}).items():
            out.append(str(name))
            out.extend(_strings(field.get("/V", "")))
    except Exception:
        pass
    with contextlib.suppress(Exception):
        out.extend(_outline(reader.outline))
    return "\n".join(out)


def _outline(items: Any, depth: int = 0) -> Iterator[str]:
    if depth > 16:
        return
    for item in items or []:
        if isinstance(item, list):
            yield from _outline(item, depth + 1)
        else:
            title = getattr(item, "title", None)
            if title:
                yield str(title)
