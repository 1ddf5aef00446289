"""Reading text files as Iran produces them: encoding detection and bounded chunks.

Encodings: UTF-8 (with or without BOM), UTF-16 (BOM or NUL pattern) and
Windows-1256, the legacy Persian code page. A file is read in chunks of about
``CHUNK_CHARS`` characters that end at a line break, so memory stays flat
whatever the file's size; a line longer than ``MAX_LINE_CHARS`` is cut and
reported rather than buffered.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from typing import BinaryIO

from ckanext.smarttehran.privacy.reports import Issue

SAMPLE_BYTES = 64 * 1024
CHUNK_CHARS = 1 << 20
MAX_LINE_CHARS = 1 << 20


class UnreadableFile(Exception):
    """The file cannot be scanned; ``issue`` says why in both languages."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.message)
        self.issue = issue


def detect_encoding(sample: bytes) -> str:
    """The encoding of a file from its first bytes; raises UnreadableFile for binary data."""
    encoding = _guess_encoding(sample)
    text = sample[: SAMPLE_BYTES - 4].decode(encoding, errors="replace")
    controls = sum(text.count(c) for c in _CONTROLS)
    if text and controls * 20 > len(text):
        raise UnreadableFile(_BINARY)
    return encoding


_CONTROLS = [chr(c) for c in range(32) if chr(c) not in "\t\n\r\f"]
_BINARY = Issue("binary", "The file is binary, not text.", "پرونده دودویی است، نه متنی.")


def _guess_encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if sample:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        half = len(sample) // 2 or 1
        if odd > half // 4 and even * 10 < odd:
            return "utf-16-le"
        if even > half // 4 and odd * 10 < even:
            return "utf-16-be"
    if b"\x00" in sample:
        raise UnreadableFile(_BINARY)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1256"


def iter_chunks(
    stream: BinaryIO,
    encoding: str,
    issues: list[Issue],
    *,
    chunk_chars: int = CHUNK_CHARS,
    max_line: int = MAX_LINE_CHARS,
    quoted: bool = False,
) -> Iterator[str]:
    """Decoded chunks ending at line breaks; ``quoted`` keeps CSV quotes balanced.

    Undecodable bytes become U+FFFD and are counted in one issue; over-long
    lines are cut at ``max_line`` characters and reported.
    """
    reader = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline=None)
    buf = ""
    line_no = 0
    replaced = 0
    skipping = False
    broken_quotes = False
    while True:
        block = reader.read(chunk_chars)
        eof = not block
        replaced += block.count("\ufffd")
        if skipping:
            cut = block.find("\n")
            if cut == -1:
                if eof:
                    break
                continue
            block = block[cut + 1 :]
            skipping = False
            line_no += 1
        buf += block
        if eof:
            if buf:
                if _has_long_line(buf, max_line):
                    buf = _cap_lines(buf, max_line, line_no, issues)
                if quoted and buf.count('"') % 2 and not broken_quotes:
                    issues.append(_unterminated(line_no))
                yield buf
            break
        cut = buf.rfind("\n")
        if quoted and cut != -1:
            balanced = _balanced_cut(buf, cut)
            if balanced != -1 or len(buf) <= max_line:
                cut = balanced
            elif not broken_quotes:
                broken_quotes = True
                issues.append(_unterminated(line_no))
        if cut == -1:
            if len(buf) > max_line:
                issues.append(_long_line(line_no + 1, max_line))
                yield buf[:max_line] + "\n"
                line_no += 1
                buf = ""
                skipping = True
            continue
        chunk, buf = buf[: cut + 1], buf[cut + 1 :]
        if _has_long_line(chunk, max_line):
            chunk = _cap_lines(chunk, max_line, line_no, issues)
        line_no += chunk.count("\n")
        yield chunk
    if replaced:
        issues.append(
            Issue(
                "undecodable",
                f"{replaced} characters could not be decoded as {encoding} and were replaced.",
                f"{replaced} نویسه با رمزگذاری {encoding} خوانده نشد و جایگزین شد.",
                {"count": replaced, "encoding": encoding},
            )
        )


def _has_long_line(chunk: str, max_line: int) -> bool:
    """Whether a line of ``chunk`` may be longer than ``max_line`` (a cheap, safe test).

    When every aligned block of ``max_line // 2`` characters holds a line break, no
    two breaks are ``max_line`` apart: a few C-level ``find`` calls per chunk instead
    of walking its lines.
    """
    if len(chunk) <= max_line:
        return False
    block = max(1, max_line // 2)
    return any(
        chunk.find("\n", i, i + block) == -1 for i in range(0, len(chunk) - block + 1, block)
    )


def _cap_lines(chunk: str, max_line: int, line_no: int, issues: list[Issue]) -> str:
    """Cut every line of ``chunk`` longer than ``max_line`` (one issue per cut line)."""
    out, pos = [], 0
    n = len(chunk)
    while pos < n:
        nl = chunk.find("\n", pos)
        end = n if nl == -1 else nl
        line_no += 1
        if end - pos > max_line:
            issues.append(_long_line(line_no, max_line))
            out.append(chunk[pos : pos + max_line])
        else:
            out.append(chunk[pos:end])
        if nl == -1:
            break
        out.append("\n")
        pos = nl + 1
    return "".join(out)


def _balanced_cut(buf: str, cut: int) -> int:
    """The last newline at or before ``cut`` outside any quoted field, or -1."""
    quotes = buf.count('"', 0, cut)
    while cut != -1 and quotes % 2:
        prev = buf.rfind("\n", 0, cut)
        quotes -= buf.count('"', prev + 1, cut)
        cut = prev
    return cut


def _long_line(line_no: int, max_line: int) -> Issue:
    return Issue(
        "line_too_long",
        f"Line {line_no} is longer than {max_line} characters; only its start was scanned.",
        f"سطر {line_no} بلندتر از {max_line} نویسه است؛ فقط آغاز آن بررسی شد.",
        {"line": line_no, "max_chars": max_line},
    )


def _unterminated(line_no: int) -> Issue:
    return Issue(
        "malformed_csv",
        f"Malformed CSV: a quoted field opened after line {line_no} is never closed.",
        f"CSV نادرست: فیلد نقل‌قول‌شده‌ای که پس از سطر {line_no} باز شده بسته نشده است.",
        {"line": line_no},
    )
