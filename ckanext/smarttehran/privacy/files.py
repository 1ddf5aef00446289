"""``scan_file``: any resource file in, one JSON-ready report out, never a traceback.

Every part of every container is read (``docs/privacy.md``, "Files and
containers"): CSV/TSV (Excel's UTF-16 "Unicode text" too), text, JSON, JSONL,
GeoJSON, XML, HTML, KML, XLSX, PDF, DBF, and ZIP, GZIP and TAR archives, whose
members are screened as files of their own within the scan's budget
(``budget.Budget``). What cannot be read with confidence is refused: the
report's ``error`` is set and nothing of it is published.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import tarfile
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterable
from typing import IO, Any

from ckanext.smarttehran.privacy import csvscan, jsonscan, markup, spreadsheets, textio
from ckanext.smarttehran.privacy.budget import (
    DEFAULT_MAX_UNCOMPRESSED,
    DEFAULT_SECONDS,
    MAX_DEPTH,
    Budget,
)
from ckanext.smarttehran.privacy.detectors import scan_text
from ckanext.smarttehran.privacy.reports import FileReport, Issue, TextReport
from ckanext.smarttehran.privacy.tabular import scan_table
from ckanext.smarttehran.privacy.textio import UnreadableFile

MAX_TEXT_FINDINGS = 1000
# JSON is parsed for its structure up to this size, and scanned as text beyond it.
JSON_MAX_BYTES = 64 * 1024 * 1024
# A container member up to this size is read into memory, a larger one spooled to disk.
MEMBER_IN_MEMORY = 16 * 1024 * 1024

_FORMATS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".txt": "text",
    ".md": "text",
    ".prj": "text",
    ".cpg": "text",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".json": "json",
    ".geojson": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "xml",
    ".kml": "xml",
    ".gml": "xml",
    ".gpx": "xml",
    ".rdf": "xml",
    ".svg": "xml",
    ".rels": "xml",
    ".vml": "xml",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".zip": "zip",
    ".kmz": "zip",
    ".docx": "zip",
    ".pptx": "zip",
    ".odt": "zip",
    ".ods": "zip",
    ".gz": "gzip",
    ".tgz": "tar",
    ".tar": "tar",
    ".dbf": "dbf",
}
# Shapefile parts holding geometry and indexes, not attributes: listed, not read.
_GEOMETRY_EXT = (".shp", ".shx", ".sbn", ".sbx", ".qix", ".fix", ".atx")
_UNSCREENABLE = "unscreenable_member"


def scan_file(
    source: str | os.PathLike[str] | IO[bytes],
    filename: str | None = None,
    *,
    k: int = 5,
    quasi_identifiers: list[str] | None = None,
    min_share: float = 0.5,
    header_min_share: float = 0.2,
    max_line_chars: int = textio.MAX_LINE_CHARS,
    max_uncompressed_size: int = DEFAULT_MAX_UNCOMPRESSED,
    time_budget: float = DEFAULT_SECONDS,
) -> FileReport:
    """Scan a file of any supported format, streamed in chunks.

    ``source`` is a path or a binary stream (seekable); ``filename`` gives the
    format by extension when ``source`` is a stream. ``max_uncompressed_size`` and
    ``time_budget`` bound what containers may expand to and how long the scan runs.
    """
    if isinstance(source, str | os.PathLike):
        filename = filename or os.fspath(source)
    name = os.path.basename(filename or "")
    report = FileReport(filename=name, format=None, encoding=None, size_bytes=None)
    options: dict[str, Any] = {
        "k": k,
        "quasi_identifiers": quasi_identifiers,
        "min_share": min_share,
        "header_min_share": header_min_share,
    }
    stream: IO[bytes] | None = None
    scanner = _Scanner(report, options, Budget(max_uncompressed_size, time_budget), max_line_chars)
    try:
        is_path = isinstance(source, str | os.PathLike)
        stream = open(source, "rb") if is_path else source  # noqa: SIM115 - closed below
        report.size_bytes = _size(stream)
        scanner.scan(stream, name, None, 0)
        report.text = scanner.text_report()
    except UnreadableFile as exc:
        report.error = exc.issue
    except OSError as exc:
        report.error = Issue(
            "unreadable",
            f"The file could not be read ({exc}).",
            "پرونده خوانده نشد.",
            {"error": str(exc)},
        )
    except RecursionError:
        report.error = Issue(
            "too_deep",
            "The file is nested too deeply to be screened.",
            "ساختار پرونده برای بررسی بیش از اندازه تودرتو است.",
        )
    except Exception as exc:  # a report, never a traceback
        report.error = Issue(
            "internal_error",
            f"The scan failed: {type(exc).__name__}: {exc}",
            "بررسی پرونده با خطا روبه‌رو شد.",
            {"error": type(exc).__name__},
        )
    finally:
        if stream is not None and stream is not source:
            stream.close()
    report.has_pii = bool(
        any(t.pii_columns for t in report.tables) or (report.text and report.text.counts)
    )
    if report.error is not None:
        report.tables, report.text = [], None
    return report


def _size(stream: IO[bytes]) -> int | None:
    try:
        pos = stream.tell()
        stream.seek(0, io.SEEK_END)
        size = stream.tell()
        stream.seek(pos)
        return size
    except (OSError, ValueError):
        return None


def detect_format(name: str, head: bytes) -> str:
    """The format of a file from its content's first bytes, then its extension."""
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if len(head) > 262 and head[257:262] == b"ustar":
        return "tar"
    by_name = _FORMATS.get(os.path.splitext(name)[1].lower())
    if by_name in ("dbf", "text", "csv", "tsv", "json", "jsonl", "xml", "html"):
        return by_name
    if (
        by_name is None
        and head[:1] in (b"\x03", b"\x83", b"\x8b", b"\x30", b"\x31", b"\xf5")
        and head[32 + 11 : 32 + 12] in (b"C", b"N", b"F", b"D", b"L", b"M")
    ):
        return "dbf"
    stripped = _strip_bom(head).lstrip(b" \t\r\n")
    if stripped[:1] in (b"{", b"["):
        return "json"
    if stripped[:1] == b"<":
        lower = stripped[:512].lower()
        return "html" if b"<html" in lower or b"<!doctype html" in lower else "xml"
    if by_name in ("pdf", "zip", "gzip", "tar", "xlsx"):
        return by_name  # named so, but not so: read as what it is below
    first = head.split(b"\n", 1)[0]
    if first.count(b",") >= 2 or first.count(b"\t") >= 2:
        return "csv"
    return "text"


def _strip_bom(head: bytes) -> bytes:
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            return head[len(bom) :].replace(b"\x00", b"")
    return head


class _Scanner:
    """One scan: its report, budget and running text findings."""

    def __init__(
        self, report: FileReport, options: dict[str, Any], budget: Budget, max_line: int
    ) -> None:
        self.report = report
        self.options = options
        self.budget = budget
        self.max_line = max_line
        self.counts: Counter[str] = Counter()
        self.listed: list[dict[str, Any]] = []
        self.chars = 0
        self.texts = 0

    # --- text -------------------------------------------------------------------

    def add_text(self, chunks: Iterable[str], part: str | None) -> None:
        """Scan running text (offsets and lines are counted within ``part``)."""
        self.texts += 1
        offset = 0
        lines = 1  # the line number at the start of the chunk
        for chunk in chunks:
            self.budget.check()
            line, pos = lines, 0  # findings come by offset: lines are counted forward
            # A window of a long line repeats the end of the previous window.
            skip = chunk.overlap if isinstance(chunk, textio.LineWindow) else 0
            offset -= skip
            for f in scan_text(chunk):
                if f.end <= skip:
                    continue
                self.counts[f.type] += 1
                if len(self.listed) < MAX_TEXT_FINDINGS:
                    line += chunk.count("\n", pos, f.start)
                    pos = f.start
                    item = {
                        "type": f.type,
                        "start": offset + f.start,
                        "end": offset + f.end,
                        "line": line,
                        "masked": f.masked,
                    }
                    if part is not None:
                        item["part"] = part
                    self.listed.append(item)
            offset += len(chunk)
            lines += chunk.count("\n")
            self.chars += len(chunk) - skip

    def text_report(self) -> TextReport | None:
        if not self.texts:
            return None
        return TextReport(
            chars=self.chars,
            counts=dict(self.counts),
            findings=self.listed,
            truncated=sum(self.counts.values()) > len(self.listed),
        )

    # --- dispatch ---------------------------------------------------------------

    def scan(self, stream: IO[bytes], name: str, part: str | None, depth: int) -> None:
        """Scan one file or member (``part`` is its path inside the top file)."""
        self.budget.check()
        if depth > MAX_DEPTH:
            raise UnreadableFile(
                Issue(
                    "too_deep",
                    f"Containers are nested more than {MAX_DEPTH} deep: the file cannot be screened.",
                    f"پرونده‌های فشرده بیش از {MAX_DEPTH} لایه تودرتو هستند؛ بررسی‌پذیر نیست.",
                )
            )
        head = stream.read(textio.SAMPLE_BYTES)
        stream.seek(0)
        fmt = detect_format(name, head)
        if part is None:
            self.report.format = fmt
        if self._name(name, part):
            name = safe_name(name)
            part = _join(os.path.dirname(part), name) if part else None
            if part is None:
                self.report.filename = name
        label = part or name
        if fmt == "zip":
            self._zip(stream, label, part, depth)
        elif fmt == "pdf":
            self._pdf(stream, label, depth)
        elif fmt == "gzip":
            self._gzip(stream, name, part, depth)
        elif fmt == "tar":
            self._tar(stream, label, depth)
        elif fmt == "dbf":
            self._dbf(stream.read(), label, None)
        else:
            encoding = textio.detect_encoding(head)
            if part is None:
                self.report.encoding = encoding
            if fmt == "text" and _tab_separated(head, encoding):
                fmt = "tsv"
                if part is None:
                    self.report.format = fmt
            self._textual(stream, fmt, encoding, label, part)

    def _name(self, name: str, part: str | None) -> bool:
        """A file's or member's name is screened too: it shows in the download URL.
        Returns whether it holds personal data (the report then names it masked)."""
        stem = os.path.basename(part or name)
        if stem and scan_text(stem):
            self.add_text([stem], "file name" if part is None else "member name")
            return True
        return False

    def _textual(
        self, stream: IO[bytes], fmt: str, encoding: str, label: str, part: str | None
    ) -> None:
        size = _size(stream) or 0
        options = self.options
        if fmt in ("json", "jsonl", "xml", "html") and size <= JSON_MAX_BYTES:
            data = stream.read()
            self.budget.check()
            if fmt == "xml":
                self._xml(data, encoding, part)
                return
            text = data.decode(encoding, errors="replace")
            if fmt == "html":
                self.add_text(markup.markup_chunks(text, True), part)
                return
            if fmt == "jsonl":
                tables, bad = jsonscan.jsonl_tables(
                    text.splitlines(), label, options, self.budget.check
                )
                self.report.tables.extend(tables)
                if bad:
                    self.add_text([jsonscan.unescape("\n".join(bad)) + "\n"], part)
                return
            try:
                parsed = json.loads(text)
            except (json.JSONDecodeError, RecursionError) as exc:
                self.report.issues.append(
                    Issue(
                        "malformed_json",
                        f"Malformed JSON: {exc}; scanned as text.",
                        "JSON نادرست است؛ به‌صورت متن بررسی شد.",
                        {"error": str(exc)},
                    )
                )
                self.add_text([jsonscan.unescape(text)], part)
                return
            if part is None and isinstance(parsed, dict) and "features" in parsed:
                self.report.format = "geojson"
            self.report.tables.extend(
                jsonscan.json_tables(parsed, label, options, self.budget.check)
            )
            return
        chunks = self._watch(
            textio.iter_chunks(
                stream,
                encoding,
                self.report.issues,
                max_line=self.max_line,
                quoted=fmt in ("csv", "tsv"),
            )
        )
        if fmt in ("csv", "tsv"):
            table = csvscan.scan_csv_chunks(
                chunks,
                self.report.issues,
                name=label,
                delimiter="\t" if fmt == "tsv" else None,
                **options,
            )
            if table is not None:
                self.report.tables.append(table)
        elif fmt in ("json", "jsonl"):
            self.add_text((jsonscan.unescape(c) for c in chunks), part)
        elif fmt in ("xml", "html"):
            self.add_text(markup.html_chunks("".join(chunks)), part)
        else:
            self.add_text(chunks, part)

    def _watch(self, chunks: Iterable[str]) -> Iterable[str]:
        for chunk in chunks:
            self.budget.check()
            yield chunk

    def _xml(self, data: bytes, encoding: str, part: str | None) -> None:
        try:
            text = markup.xml_text(data)
        except Exception:  # not well-formed, or an entity it does not define
            decoded = data.decode(encoding, errors="replace")
            self.add_text(markup.html_chunks(decoded), part)
            return
        self.add_text([text], part)

    # --- containers -------------------------------------------------------------

    def _zip(self, stream: IO[bytes], label: str, part: str | None, depth: int) -> None:
        zf = spreadsheets.open_zip(stream, self.budget)
        with zf:
            if spreadsheets.is_workbook(zf):
                if part is None:
                    self.report.format = "xlsx"

                def add_text(member_part: str, text: str) -> None:
                    self.add_text([text], _join(part, member_part))

                def scan_member(member: str) -> None:
                    self._member(zf, zf.getinfo(member), part, depth, office=True)

                self.report.tables.extend(
                    spreadsheets.scan_workbook(
                        zf,
                        label if part else "",
                        self.options,
                        self.budget.check,
                        add_text,
                        scan_member,
                    )
                )
                return
            infos = [i for i in zf.infolist() if not i.is_dir()]
            office = any(i.filename == "[Content_Types].xml" for i in infos) or any(
                i.filename == "mimetype" for i in infos
            )
            codepages = {
                os.path.splitext(i.filename)[0].lower(): zf.read(i).decode("latin-1").strip()
                for i in infos
                if i.filename.lower().endswith(".cpg") and i.file_size < 256
            }
            for info in infos:
                if info.filename.lower().endswith(".dbf"):
                    cp = codepages.get(os.path.splitext(info.filename)[0].lower())
                    self.budget.check()
                    self._dbf(zf.read(info), _join(part, info.filename), cp)
                    continue
                self._member(zf, info, part, depth, office=office)

    def _member(
        self, zf: zipfile.ZipFile, info: zipfile.ZipInfo, part: str | None, depth: int, office: bool
    ) -> None:
        name = info.filename
        lower = name.lower()
        where = _join(part, name)
        if lower.endswith(spreadsheets.IMAGE_EXT) or lower.endswith(_GEOMETRY_EXT):
            self._note_unread(
                where, "image" if lower.endswith(spreadsheets.IMAGE_EXT) else "geometry"
            )
            if not office and lower.endswith(spreadsheets.IMAGE_EXT):
                raise _member_unscreenable(where)
            return
        if spreadsheets._HARMLESS.search(name):
            return
        with zf.open(info) as fh:
            data = _spool(fh, info.file_size)
        with data:
            head = data.read(textio.SAMPLE_BYTES)
            data.seek(0)
            fmt = detect_format(name, head)
            if fmt == "text" and not _texty(head):
                raise _member_unscreenable(where)
            self.scan(data, os.path.basename(name), where, depth + 1)

    def _note_unread(self, where: str, kind: str) -> None:
        self.report.issues.append(
            Issue(
                "member_not_read",
                f"{where}: {kind} data is not screened.",
                f"{where}: داده‌های {'تصویری' if kind == 'image' else 'هندسی'} بررسی نمی‌شوند.",
                {"member": where, "kind": kind},
            )
        )

    def _gzip(self, stream: IO[bytes], name: str, part: str | None, depth: int) -> None:
        inner = (
            name[:-3]
            if name.lower().endswith(".gz")
            else name[:-4] + ".tar"
            if name.lower().endswith(".tgz")
            else name
        )
        where = _join(part, inner) if part else inner
        try:
            with gzip.GzipFile(fileobj=stream) as gz:
                data = _spool(_Counted(gz, self.budget), None)
        except (OSError, EOFError, zipfile.BadZipFile) as exc:
            raise UnreadableFile(
                Issue(
                    "bad_gzip",
                    f"The gzip file could not be read ({exc}): it cannot be screened.",
                    "پرونده gzip خوانده نشد؛ بررسی‌پذیر نیست.",
                )
            ) from None
        with data:
            self.scan(data, os.path.basename(inner), where, depth + 1)

    def _tar(self, stream: IO[bytes], label: str, depth: int) -> None:
        try:
            tf = tarfile.open(fileobj=stream, mode="r:*")  # noqa: SIM115 - closed below
        except tarfile.TarError as exc:
            raise UnreadableFile(
                Issue(
                    "bad_tar",
                    f"The tar file could not be read ({exc}): it cannot be screened.",
                    "پرونده tar خوانده نشد؛ بررسی‌پذیر نیست.",
                )
            ) from None
        with tf:
            for member in tf:
                if member.isdir():
                    continue
                where = f"{label}/{member.name}"
                if not member.isfile():
                    continue  # links and devices hold no data of their own
                self.budget.take(member.size)
                fh = tf.extractfile(member)
                if fh is None:
                    continue
                data = _spool(fh, member.size)
                with data:
                    self.scan(data, os.path.basename(member.name), where, depth + 1)

    def _pdf(self, stream: IO[bytes], label: str, depth: int) -> None:
        from ckanext.smarttehran.privacy import pdf  # noqa: PLC0415

        for part, content in pdf.pdf_parts(stream, self.budget.check, self.report.issues):
            where = f"{label}: {part}"
            if isinstance(content, bytes):
                self.budget.take(len(content))
                with io.BytesIO(content) as data:
                    self.scan(
                        data, part.removeprefix("attachment ").split(" (")[0], where, depth + 1
                    )
            elif content:
                self.add_text([content], where)

    def _dbf(self, data: bytes, label: str, codepage: str | None) -> None:
        from ckanext.smarttehran.privacy.dbf import read_dbf  # noqa: PLC0415

        header, rows = read_dbf(data, codepage)
        o = self.options
        table = scan_table(
            header,
            rows,
            name=label,
            k=o["k"],
            quasi_identifiers=o["quasi_identifiers"],
            min_share=o["min_share"],
            header_min_share=o["header_min_share"],
        )
        self.report.tables.append(table)


class _Counted(io.RawIOBase):
    """A stream whose bytes are counted against the budget as they are read."""

    def __init__(self, inner: IO[bytes], budget: Budget) -> None:
        self.inner = inner
        self.budget = budget

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        data = self.inner.read(len(b))
        self.budget.take(len(data))
        b[: len(data)] = data
        return len(data)


def _spool(fh: IO[bytes], size: int | None) -> IO[bytes]:
    """A seekable copy of a member (in memory when small, else a temporary file)."""
    if size is not None and size <= MEMBER_IN_MEMORY:
        return io.BytesIO(fh.read())
    out = tempfile.SpooledTemporaryFile(max_size=MEMBER_IN_MEMORY)  # noqa: SIM115
    while block := fh.read(1 << 20):
        out.write(block)
    out.seek(0)
    return out  # type: ignore[return-value]


def safe_name(name: str) -> str:
    """A file name holding personal data, masked (its extension kept)."""
    from ckanext.smarttehran.privacy.masking import mask  # noqa: PLC0415

    stem, ext = os.path.splitext(os.path.basename(name))
    return f"[{mask(stem)}]{ext}"


def _join(part: str | None, member: str) -> str:
    return f"{part}/{member}" if part else member


def _texty(head: bytes) -> bool:
    try:
        textio.detect_encoding(head)
        return True
    except UnreadableFile:
        return False


def _member_unscreenable(where: str) -> UnreadableFile:
    return UnreadableFile(
        Issue(
            _UNSCREENABLE,
            f"The member {where} cannot be read (binary data): the file cannot be screened.",
            f"جزء {where} خواندنی نیست (داده‌های دودویی)؛ پرونده بررسی‌پذیر نیست.",
            {"member": where},
        )
    )


def _tab_separated(head: bytes, encoding: str) -> bool:
    """A text file whose first lines have the same number (one or more) of tabs."""
    try:
        text = head.decode(encoding, errors="replace")
    except LookupError:
        return False
    lines = [ln for ln in text.lstrip("\ufeff").split("\n")[:5] if ln.strip()]
    if len(lines) < 2:
        return False
    counts = {ln.count("\t") for ln in lines[:-1]}
    return len(counts) == 1 and counts.pop() >= 1
