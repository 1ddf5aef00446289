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
import re
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
    """The encoding of a file from its first bytes.

    Raises UnreadableFile for binary data and for text whose encoding cannot be
    read with confidence (UTF-7, UTF-8 mixed with a legacy code page).
    """
    encoding = _guess_encoding(sample)
    text = sample[: SAMPLE_BYTES - 4].decode(encoding, errors="replace")
    controls = sum(text.count(c) for c in _CONTROLS)
    if text and controls * 20 > len(text):
        raise UnreadableFile(_BINARY)
    return encoding


_CONTROLS = [chr(c) for c in range(32) if chr(c) not in "\t\n\r\f"]
_BINARY = Issue("binary", "The file is binary, not text.", "پرونده دودویی است، نه متنی.")
UNSURE_ENCODING = Issue(
    "unsure_encoding",
    "The file's text encoding cannot be read with confidence (UTF-7, or UTF-8 mixed with "
    "another code page): it cannot be screened. Save it as UTF-8 and upload it again.",
    "رمزگذاری نویسه‌های پرونده با اطمینان خوانده نمی‌شود (UTF-7 یا آمیخته‌ای از UTF-8 و "
    "رمزگذاری دیگر)؛ بررسی‌پذیر نیست. آن را با رمزگذاری UTF-8 ذخیره و دوباره بارگذاری کنید.",
)
# UTF-7's shifted base64 runs: "+BkwGhQ-".
_UTF7_RUN = re.compile(rb"\+[A-Za-z0-9/+]{2,}-?")
# Among the non-ASCII bytes of a UTF-8 file, this share may be invalid (a damaged byte
# or two) before the file is not read as UTF-8.
_UTF8_MAX_BAD = 0.02
# A file whose first bytes hold this share of valid UTF-8 sequences, and also invalid
# ones, mixes encodings.
_MIXED_MIN_UTF8 = 0.5
_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Persian digits in UTF-8 (DB B0 ... DB B9): read as Windows-1256 they become غ°...غ¹,
# which no Persian text holds.
_UTF8_PERSIAN_DIGIT = re.compile(rb"\xdb[\xb0-\xb9]")
_CP1256_MOJIBAKE = re.compile("\u063a[\u00b0-\u00b9]")
# Replacement characters over the whole file: more than this many, and this share of
# the characters, and the file was not one encoding.
_MAX_REPLACED = 64
_MAX_REPLACED_SHARE = 0.001


def _guess_encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if sample.startswith(b"+/v8") or sample.startswith(b"+/v9") or sample.startswith(b"+/v+"):
        raise UnreadableFile(UNSURE_ENCODING)  # UTF-7's signature
    if sample:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        half = len(sample) // 2 or 1
        if odd > half // 4 and even * 10 < odd:
            return "utf-16-le"
        if even > half // 4 and odd * 10 < even:
            return "utf-16-be"
    if b"\x00" in sample:
        raise UnreadableFile(_BINARY)
    if sample.isascii():
        if _looks_utf7(sample):
            raise UnreadableFile(UNSURE_ENCODING)
        return "utf-8"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    high = sum(1 for b in sample if b >= 0x80)
    valid = sum(len(m) for m in _UTF8_SEQ.findall(sample))
    if high - valid <= high * _UTF8_MAX_BAD:
        return "utf-8"  # a damaged byte does not make the file cp1256
    if valid >= high * _MIXED_MIN_UTF8 or len(_UTF8_PERSIAN_DIGIT.findall(sample)) >= 3:
        raise UnreadableFile(UNSURE_ENCODING)
    return "cp1256"


def _looks_utf7(sample: bytes) -> bool:
    """An ASCII text whose ``+...-`` runs decode (as UTF-7) to non-ASCII letters."""
    runs = _UTF7_RUN.findall(sample)
    if len(runs) < 2:
        return False
    try:
        decoded = b"".join(runs[:50]).decode("utf-7")
    except UnicodeDecodeError:
        return False
    return sum(1 for c in decoded if ord(c) > 0x7F and c.isalnum()) >= 4


class LineWindow(str):
    """A window of a line longer than ``max_line``: the line is scanned whole, in windows.

    ``overlap`` leading characters repeat the end of the previous window of the same
    line (a value across the cut is whole in one window); ``line`` is the line's number
    and ``column`` how many delimiters of the line came before this window (set by
    the CSV scan).
    """

    overlap: int
    line: int
    last: bool

    def __new__(cls, text: str, overlap: int, line: int, last: bool) -> LineWindow:
        window = super().__new__(cls, text)
        window.overlap = overlap
        window.line = line
        window.last = last
        return window


OVERLAP = 1024


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

    A line longer than ``max_line`` comes as :class:`LineWindow` pieces of at most
    ``max_line`` characters that overlap by ``OVERLAP``: nothing of it is skipped and
    memory stays bounded whatever its length. Undecodable bytes become U+FFFD and are
    counted in one issue; so many that the file was not in one encoding raise
    UnreadableFile (at the end: the scan's findings are then void).
    """
    max_line = max(max_line, 4 * OVERLAP)
    cp1256 = encoding == "cp1256"
    reader = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline=None)
    buf = ""
    line_no = 0
    replaced = 0
    total = 0
    tail: str | None = None  # inside a long line: the end of its last window
    broken_quotes = False
    while True:
        block = reader.read(chunk_chars)
        eof = not block
        replaced += block.count("\ufffd")
        if cp1256:
            replaced += len(_CP1256_MOJIBAKE.findall(block))  # UTF-8 digits read as cp1256
        total += len(block)
        buf += block
        if tail is not None:
            nl = buf.find("\n")
            if nl == -1 and not eof:
                if len(buf) >= max_line:
                    piece = tail + buf
                    yield LineWindow(piece, len(tail), line_no + 1, False)
                    tail, buf = piece[-OVERLAP:], ""
                continue
            end = len(buf) if nl == -1 else nl + 1
            yield LineWindow(tail + buf[:end], len(tail), line_no + 1, True)
            tail, buf = None, buf[end:]
            line_no += 1
        if eof:
            if buf:
                if quoted and buf.count('"') % 2 and not broken_quotes:
                    issues.append(_unterminated(line_no))
                yield from _pieces(buf, max_line, line_no, issues)
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
                yield LineWindow(buf, 0, line_no + 1, False)
                tail, buf = buf[-OVERLAP:], ""
            continue
        chunk, buf = buf[: cut + 1], buf[cut + 1 :]
        yield from _pieces(chunk, max_line, line_no, issues)
        line_no += chunk.count("\n")
    if replaced:
        issues.append(
            Issue(
                "undecodable",
                f"{replaced} characters could not be decoded as {encoding} and were replaced.",
                f"{replaced} نویسه با رمزگذاری {encoding} خوانده نشد و جایگزین شد.",
                {"count": replaced, "encoding": encoding},
            )
        )
        if replaced > _MAX_REPLACED and replaced > total * _MAX_REPLACED_SHARE or (
            cp1256 and replaced >= 3
        ):
            raise UnreadableFile(UNSURE_ENCODING)


def _pieces(chunk: str, max_line: int, line_no: int, issues: list[Issue]) -> Iterator[str]:
    """``chunk`` as it is, or its lines longer than ``max_line`` cut into windows."""
    if not _has_long_line(chunk, max_line):
        yield chunk
        return
    part: list[str] = []
    pos, n = 0, len(chunk)
    while pos < n:
        nl = chunk.find("\n", pos)
        end = n if nl == -1 else nl + 1
        line_no += 1
        if end - pos > max_line:
            if part:
                yield "".join(part)
                part = []
            issues.append(_long_line(line_no, max_line))
            step = max_line - OVERLAP
            start = pos
            while True:
                stop = min(start + max_line, end)
                yield LineWindow(chunk[start:stop], OVERLAP if start > pos else 0, line_no, stop == end)
                if stop == end:
                    break
                start += step
        else:
            part.append(chunk[pos:end])
        pos = end
    if part:
        yield "".join(part)


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
        f"Line {line_no} is longer than {max_line} characters; it was scanned whole, "
        "in overlapping windows.",
        f"سطر {line_no} بلندتر از {max_line} نویسه است؛ همهٔ آن در پنجره‌های هم‌پوشان بررسی شد.",
        {"line": line_no, "max_chars": max_line},
    )


def _unterminated(line_no: int) -> Issue:
    return Issue(
        "malformed_csv",
        f"Malformed CSV: a quoted field opened after line {line_no} is never closed.",
        f"CSV نادرست: فیلد نقل‌قول‌شده‌ای که پس از سطر {line_no} باز شده بسته نشده است.",
        {"line": line_no},
    )
