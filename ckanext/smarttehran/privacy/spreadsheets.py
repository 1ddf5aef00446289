"""XLSX: the zip directory checked first, then every part of the package read.

The central directory is checked before anything is opened: the number of
entries, the total uncompressed size (counted against the scan's budget) and
the compression ratio of each entry and of the whole. The sizes it declares are
binding, since ``zipfile`` stops at the declared size and fails the CRC if an
entry inflates beyond it.

Then, streamed with ``iterparse`` (no openpyxl: it skips too much):

- every worksheet, hidden and very hidden ones too, as a table: a cell's
  displayed value (a number through its number format: 9123456700 under
  ``00000000000`` is 09123456700; a date format gives an ISO date), its formula
  with string concatenations evaluated (``="0912"&"3456789"``), its raw value
  when it differs, inline and shared strings with their phonetic runs;
- headers and footers, data validations and hyperlinks of each sheet, as text;
- every other member: workbook (sheet names, defined names), comments and
  threaded comments with their authors, document properties, drawings, custom
  XML ... as XML text; a CSV, JSON or text member, or a nested package, as a
  file of its own (``files.scan_member``); images are listed in an issue;
  other binary members (VBA projects, OLE objects) cannot be screened.
"""

from __future__ import annotations

import contextlib
import re
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import IO, Any
from xml.etree.ElementTree import iterparse

from ckanext.smarttehran.privacy.budget import Budget
from ckanext.smarttehran.privacy.detectors import scan_text
from ckanext.smarttehran.privacy.reports import Issue, TableReport
from ckanext.smarttehran.privacy.tabular import BATCH_ROWS, TableScan
from ckanext.smarttehran.privacy.textio import UnreadableFile

MAX_ENTRIES = 10_000
MAX_UNCOMPRESSED = 512 * 1024 * 1024
MAX_RATIO = 100
RATIO_MIN_BYTES = 1024 * 1024
# Columns a sheet row may have (XFD is 16384).
MAX_COLUMNS = 16384

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
IMAGE_EXT = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".svg")
# Binary members with nothing of the data in them.
_HARMLESS = re.compile(r"(?:^|/)printerSettings\d*\.bin$", re.IGNORECASE)


def _bad(exc: object) -> UnreadableFile:
    return UnreadableFile(
        Issue(
            "bad_xlsx",
            f"Not a readable XLSX file ({exc}).",
            "پرونده XLSX خواندنی نیست.",
            {"error": str(exc)},
        )
    )


def open_zip(source: str | IO[bytes], budget: Budget | None = None) -> zipfile.ZipFile:
    """The zip, checked against bombs (and counted against ``budget``)."""
    try:
        zf = zipfile.ZipFile(source)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise UnreadableFile(
            Issue(
                "bad_zip",
                f"Not a readable zip file ({exc}).",
                "پرونده فشرده خواندنی نیست.",
                {"error": str(exc)},
            )
        ) from None
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    worst = max(
        (i.file_size / max(i.compress_size, 1) for i in infos if i.file_size > RATIO_MIN_BYTES),
        default=0.0,
    )
    if total > RATIO_MIN_BYTES:
        worst = max(worst, total / max(packed, 1))
    if len(infos) > MAX_ENTRIES or total > MAX_UNCOMPRESSED or worst > MAX_RATIO:
        zf.close()
        raise UnreadableFile(
            Issue(
                "zip_bomb",
                "The file expands to too much data (possible zip bomb); it was not opened.",
                "پرونده پس از گشودن بیش از اندازه بزرگ می‌شود (احتمال بمب فشرده)؛ باز نشد.",
                {
                    "entries": len(infos),
                    "uncompressed_bytes": total,
                    "max_ratio": round(worst, 1),
                    "limit_bytes": MAX_UNCOMPRESSED,
                    "limit_ratio": MAX_RATIO,
                },
            )
        )
    if any(i.flag_bits & 0x1 for i in infos):
        zf.close()
        raise UnreadableFile(
            Issue(
                "zip_encrypted",
                "The zip file is encrypted with a password: it cannot be screened.",
                "پرونده فشرده با گذرواژه رمزگذاری شده است؛ بررسی‌پذیر نیست.",
            )
        )
    if budget is not None:
        budget.take(total)
    return zf


def is_workbook(zf: zipfile.ZipFile) -> bool:
    """Whether the zip is an XLSX package (a workbook part is present)."""
    names = set(zf.namelist())
    return "[Content_Types].xml" in names and "xl/workbook.xml" in names


# --- number formats ------------------------------------------------------------------

_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


def _format_tokens(code: str) -> list[tuple[str, str]]:
    """A number format section as ("ph", placeholder) and ("lit", text) tokens."""
    tokens: list[tuple[str, str]] = []
    pos = 0
    for m in _QUOTED.finditer(code):
        tokens += _plain_tokens(code[pos : m.start()])
        t = m.group()
        if t.startswith('"'):
            tokens.append(("lit", t[1:-1]))
        elif t.startswith("\\"):
            tokens.append(("lit", t[1]))
        elif t.startswith("_"):
            tokens.append(("lit", " "))
        pos = m.end()
    tokens += _plain_tokens(code[pos:])
    return tokens


def _plain_tokens(part: str) -> list[tuple[str, str]]:
    return [("ph", c) if c in "0#?" else ("lit", c) for c in part if c != ","]


def format_number(value: float, code: str) -> str | None:
    """An integer through an integer number format (``00000000000``, ``0000-000-0000``);
    None when the format is not of that kind."""
    section = code.split(";", 1)[0]
    if not value.is_integer() or "." in _QUOTED.sub("", section) or "E" in section.upper():
        return None
    if re.search(r"[dmyhs]", _QUOTED.sub("", section), re.IGNORECASE):
        return None
    tokens = _format_tokens(section)
    if not any(kind == "ph" for kind, _ in tokens):
        return None
    digits = str(abs(int(value)))
    out: list[str] = []
    rest = digits
    places = [i for i, (kind, _) in enumerate(tokens) if kind == "ph"]
    first = places[0]
    for i in range(len(tokens) - 1, -1, -1):
        kind, t = tokens[i]
        if kind == "lit":
            out.append(t)
            continue
        if i == first:
            out.append(rest if rest else ("0" if t == "0" else " " if t == "?" else ""))
            rest = ""
        elif rest:
            out.append(rest[-1])
            rest = rest[:-1]
        else:
            out.append("0" if t == "0" else " " if t == "?" else "")
    text = "".join(reversed(out)).strip()
    return ("-" + text) if value < 0 else text


# --- formulas ------------------------------------------------------------------------

_FORMULA_TOKEN = re.compile(r'"((?:[^"]|"")*)"|(\d+(?:\.\d+)?)|(&)|([A-Za-z_.]+)\(|([,;])|(.)')


def formula_text(formula: str) -> str:
    """The strings a formula builds from literals: ``"0912"&"3456789"`` and
    ``CONCATENATE("0912","3456789")`` give ``09123456789``; other literals are kept,
    separated by spaces."""
    parts: list[str] = []
    joined = False
    concat_depth = 0
    for m in _FORMULA_TOKEN.finditer(formula):
        lit, num, amp, func, comma, _other = m.groups()
        value = lit.replace('""', '"') if lit is not None else num
        if value is not None:
            if joined and parts:
                parts[-1] += value
            else:
                parts.append(value)
            joined = False
        elif amp:
            joined = True
        elif func:
            if func.upper() in ("CONCATENATE", "CONCAT", "_XLFN.CONCAT", "TEXTJOIN"):
                concat_depth += 1
                joined = bool(parts) and joined
        elif comma and concat_depth:
            joined = True
        else:
            if m.group() == ")" and concat_depth:
                concat_depth -= 1
            joined = joined and m.group().isspace()
    return " ".join(p for p in parts if p)


# --- the workbook --------------------------------------------------------------------


class Workbook:
    """The parts of an XLSX package needed to read its sheets."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        self.names = set(zf.namelist())
        self.shared: list[str] = self._shared_strings()
        self.formats: list[str] = self._cell_formats()
        self.sheets: list[tuple[str, str]] = self._sheets()

    def _parse(self, name: str) -> Iterator[Any]:
        with self.zf.open(name) as fh:
            for _event, el in iterparse(fh, events=("end",)):
                yield el

    def _shared_strings(self) -> list[str]:
        name = "xl/sharedStrings.xml"
        if name not in self.names:
            return []
        out: list[str] = []
        for el in self._parse(name):
            if el.tag == _NS_MAIN + "si":
                main = "".join(
                    t.text or "" for t in el.iter(_NS_MAIN + "t") if t not in _phonetic_texts(el)
                )
                phonetic = " ".join(t.text or "" for t in _phonetic_texts(el))
                out.append(main + (JOIN + phonetic if phonetic.strip() else ""))
                el.clear()
        return out

    def _cell_formats(self) -> list[str]:
        from openpyxl.styles.numbers import BUILTIN_FORMATS  # noqa: PLC0415

        name = "xl/styles.xml"
        if name not in self.names:
            return []
        custom: dict[int, str] = {}
        xfs: list[int] = []
        for el in self._parse(name):
            if el.tag == _NS_MAIN + "numFmt":
                with contextlib.suppress(ValueError):
                    custom[int(el.get("numFmtId", "0"))] = el.get("formatCode", "")
            elif el.tag == _NS_MAIN + "cellXfs":
                for xf in el.findall(_NS_MAIN + "xf"):
                    try:
                        xfs.append(int(xf.get("numFmtId", "0")))
                    except ValueError:
                        xfs.append(0)
        return [custom.get(i) or BUILTIN_FORMATS.get(i, "General") for i in xfs]

    def _sheets(self) -> list[tuple[str, str]]:
        """(title, member) of every worksheet, whatever its state (hidden too)."""
        rels: dict[str, str] = {}
        rel_name = "xl/_rels/workbook.xml.rels"
        if rel_name in self.names:
            for el in self._parse(rel_name):
                if el.tag == _NS_PKG_REL + "Relationship":
                    target = el.get("Target", "")
                    target = target.lstrip("/") if target.startswith("/") else "xl/" + target
                    rels[el.get("Id", "")] = _clean_path(target)
        sheets: list[tuple[str, str]] = []
        for el in self._parse("xl/workbook.xml"):
            if el.tag == _NS_MAIN + "sheet":
                member = rels.get(el.get(_NS_REL + "id", ""), "")
                if member in self.names and "worksheets/" in member:
                    sheets.append((el.get("name", member), member))
        listed = {m for _, m in sheets}
        for name in sorted(self.names):  # a sheet the workbook does not list is read too
            if name.startswith("xl/worksheets/") and name.endswith(".xml") and name not in listed:
                sheets.append((name.rsplit("/", 1)[-1], name))
        return sheets

    def rows(self, member: str, extra: list[str]) -> Iterator[list[str]]:
        """The rows of one sheet as displayed cell texts; other texts go to ``extra``."""
        with self.zf.open(member) as fh:
            for _event, el in iterparse(fh, events=("end",)):
                tag = el.tag
                if tag == _NS_MAIN + "row":
                    cells: dict[int, str] = {}
                    for c in el.findall(_NS_MAIN + "c"):
                        col = _column_index(c.get("r"), len(cells))
                        if col < MAX_COLUMNS:
                            cells[col] = self._cell(c)
                    el.clear()
                    if cells:
                        width = max(cells) + 1
                        yield [cells.get(i, "") for i in range(width)]
                elif tag in (
                    _NS_MAIN + "headerFooter",
                    _NS_MAIN + "dataValidations",
                    _NS_MAIN + "hyperlinks",
                    _NS_MAIN + "conditionalFormatting",
                ):
                    extra.extend(
                        v
                        for e in el.iter()
                        for v in (e.text, *e.attrib.values())
                        if v and v.strip()
                    )
                    el.clear()

    def _cell(self, c: Any) -> str:
        t = c.get("t", "n")
        v = c.find(_NS_MAIN + "v")
        f = c.find(_NS_MAIN + "f")
        raw = v.text if v is not None and v.text is not None else ""
        if t == "s":
            try:
                text = self.shared[int(raw)]
            except (ValueError, IndexError):
                text = raw
        elif t == "inlineStr":
            inline = c.find(_NS_MAIN + "is")
            text = (
                "".join(x.text or "" for x in inline.iter(_NS_MAIN + "t"))
                if inline is not None
                else ""
            )
        elif t in ("str", "e", "b", "d"):
            text = raw
        else:
            text = self._number(raw, c.get("s"))
        parts = [text] if text else []
        if raw and raw != text and t not in ("s", "str", "inlineStr"):
            parts.append(raw)  # the stored value under a format that changes it
        if f is not None and f.text:
            built = formula_text(f.text)
            if built and built not in parts:
                parts.append(built)
        return JOIN.join(parts)

    def _number(self, raw: str, style: str | None) -> str:
        if not raw:
            return ""
        try:
            value = float(raw)
        except ValueError:
            return raw
        code = "General"
        if style is not None:
            with contextlib.suppress(ValueError, IndexError):
                code = self.formats[int(style)]
        if code not in ("General", "@", ""):
            from openpyxl.styles.numbers import is_date_format  # noqa: PLC0415

            if is_date_format(code):
                return _date_text(value)
            shown = format_number(value, code)
            if shown is not None:
                return shown
        if value.is_integer() and abs(value) < 1e17:
            return str(int(value))
        return raw


JOIN = " ; "


def _phonetic_texts(si: Any) -> list[Any]:
    return [t for r in si.iter(_NS_MAIN + "rPh") for t in r.iter(_NS_MAIN + "t")]


def _date_text(value: float) -> str:
    from openpyxl.utils.datetime import from_excel  # noqa: PLC0415

    try:
        when = from_excel(value)
    except (ValueError, OverflowError, TypeError):
        return str(value)
    if isinstance(when, datetime) and when.time() == datetime.min.time():
        return when.date().isoformat()
    return when.isoformat() if isinstance(when, datetime | date) else str(when)


def _column_index(ref: str | None, default: int) -> int:
    if not ref:
        return default
    n = 0
    for ch in ref:
        if "A" <= ch <= "Z":
            n = n * 26 + ord(ch) - 64
        elif "a" <= ch <= "z":
            n = n * 26 + ord(ch) - 96
        else:
            break
    return n - 1 if n else default


def _clean_path(path: str) -> str:
    out: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if out:
                out.pop()
        elif part and part != ".":
            out.append(part)
    return "/".join(out)


def scan_workbook(
    zf: zipfile.ZipFile,
    name: str,
    options: dict[str, Any],
    check: Callable[[], None],
    add_text: Callable[[str, str], None],
    scan_member: Callable[[str], None],
) -> list[TableReport]:
    """One report per worksheet; other parts go to ``add_text(part, text)`` (XML text)
    or ``scan_member(member)`` (anything else)."""
    try:
        wb = Workbook(zf)
    except UnreadableFile:
        raise
    except Exception as exc:
        raise _bad(exc) from None
    reports: list[TableReport] = []
    sheet_members = set()
    for position, (raw_title, member) in enumerate(wb.sheets):
        sheet_members.add(member)
        # A sheet named by personal data is named by position (its name is screened
        # with the workbook part that holds it).
        title = f"sheet {position + 1}" if scan_text(raw_title) else raw_title
        extra: list[str] = []
        rows = wb.rows(member, extra)
        try:
            header = next((r for r in rows if any(v for v in r)), None)
            if header is None:
                continue
            table = TableScan(
                header, k=options.get("k", 5), quasi_identifiers=options.get("quasi_identifiers")
            )
            batch: list[list[str]] = []
            for row in rows:
                batch.append(row)
                if len(batch) >= BATCH_ROWS:
                    check()
                    table.add_rows(batch)
                    batch = []
            if batch:
                table.add_rows(batch)
        except UnreadableFile:
            raise
        except Exception as exc:
            raise _bad(exc) from None
        finally:
            if extra:
                add_text(f"{member} (headers, footers, links)", "\n".join(extra))
        check()
        reports.append(
            table.report(
                name=f"{name}: {title}" if name else title,
                min_share=options.get("min_share", 0.5),
                header_min_share=options.get("header_min_share", 0.2),
            )
        )
    for member in sorted(wb.names - sheet_members - {"xl/sharedStrings.xml"}):
        if member.endswith("/"):
            continue
        scan_member(member)
    return reports
