"""The one normalisation every detector's input goes through, with offsets back.

What a reader sees is what the detectors must see. :func:`normalize`:

- drops invisible characters: every format character (Unicode category Cf: LRM,
  RLM, ALM, ZWSP, ZWJ, WJ, BOM, soft hyphen, bidi embeddings, overrides and
  isolates, invisible operators ...), C0/C1 controls other than tab, newline
  and carriage return, the combining grapheme joiner, variation selectors,
  Hangul fillers and the tatweel (``ـ``);
- drops a ZWNJ next to a digit (it splits no Persian word there);
- makes every space character (NBSP, figure, en, em, thin, hair, narrow
  no-break, ideographic ...) a plain space, and every dash (U+2212 minus,
  figure dash, fullwidth hyphen ...) a hyphen-minus;
- reads a digit of any script as a Latin digit (fullwidth, mathematical bold
  and double-struck, superscript, Devanagari ...); Persian and Arabic-Indic
  digits, which the detectors read themselves, are kept;
- folds fullwidth forms, mathematical letters and Arabic presentation forms
  with NFKC (``ＩＲ``, ``＠``);
- makes ``/``, ``_``, ``٬`` (Arabic thousands separator) and a tab between two
  digits a hyphen, a separator the number pass reads inside one number;
- puts text written reversed under a right-to-left override (RLO ... PDF)
  back in reading order: each run of left-to-right characters (digits, Latin)
  under the override is reversed, as it is displayed;
- ``cell=True`` (one table cell) also makes tab, newline and other line breaks
  a space: a value split over lines in a cell is still one value.

Texts without any such character (nearly all) are returned as they are after
one C-level search. :class:`Normalized` maps a span of the normalised text
back to the original, for reports that give offsets.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

_KEEP_DIGITS = "0123456789\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9" + "".join(
    chr(c) for c in range(0x660, 0x66A)
)
# Characters read only by their neighbours: between digits they become "-".
_BETWEEN_DIGITS = "/_\u066c\t"
ZWNJ = "\u200c"
RLO, LRO, RLE, LRE, PDF = "\u202e", "\u202d", "\u202b", "\u202a", "\u202c"
_CELL_BREAKS = "\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_NFKC_RANGES = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFE), (0xFF01, 0xFFEE), (0x1D400, 0x1D7FF))
_DROP_EXTRA = {0x034F, 0x0640, 0x115F, 0x1160, 0x3164, 0xFFA0, 0x180E}


def _mapped(c: str) -> str | None:
    """The replacement of ``c`` wherever it stands, or None when it is kept."""
    cp = ord(c)
    if c in _KEEP_DIGITS or c == ZWNJ:
        return None
    if cp in _DROP_EXTRA or 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF:
        return ""
    cat = unicodedata.category(c)
    if cat == "Cf":
        return ""
    if cat == "Cc":
        return None if c in "\t\n\r" else ""
    if cat == "Zs":
        return None if c == " " else " "
    if cat == "Pd" or c == "\u2212":
        return None if c == "-" else "-"
    digit = unicodedata.digit(c, None)
    if digit is not None and cat in ("Nd", "No"):
        return str(digit)
    if any(lo <= cp <= hi for lo, hi in _NFKC_RANGES):
        folded = unicodedata.normalize("NFKC", c)
        if folded != c:
            return "".join(_mapped(f) or f for f in folded)
    return None


def build_class() -> str:
    """The character class of everything :func:`_mapped` changes (planes 0, 1 and 14).

    Slow (a second): its result is the constant ``_CLASS`` below, and a test checks
    that the constant matches this Python's Unicode database.
    """
    ranges: list[tuple[int, int]] = []
    for cp in (*range(0x20000), *range(0xE0000, 0xE1000)):
        if 0xD800 <= cp <= 0xDFFF or _mapped(chr(cp)) is None:
            continue
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    return "".join(_esc(a) if a == b else f"{_esc(a)}-{_esc(b)}" for a, b in ranges)


def _esc(cp: int) -> str:
    return f"\\u{cp:04x}" if cp < 0x10000 else f"\\U{cp:08x}"


_CLASS = (
    r"\u0000-\u0008\u000b-\u000c\u000e-\u001f\u007f-\u00a0\u00ad\u00b2-\u00b3\u00b9\u034f"
    r"\u058a\u05be\u0600-\u0605\u061c\u0640\u06dd\u070f\u07c0-\u07c9\u0890-\u0891\u08e2"
    r"\u0966-\u096f\u09e6-\u09ef\u0a66-\u0a6f\u0ae6-\u0aef\u0b66-\u0b6f\u0be6-\u0bef"
    r"\u0c66-\u0c6f\u0ce6-\u0cef\u0d66-\u0d6f\u0de6-\u0def\u0e50-\u0e59\u0ed0-\u0ed9"
    r"\u0f20-\u0f29\u1040-\u1049\u1090-\u1099\u115f-\u1160\u1369-\u1371\u1400\u1680"
    r"\u17e0-\u17e9\u1806\u180e\u1810-\u1819\u1946-\u194f\u19d0-\u19da\u1a80-\u1a89"
    r"\u1a90-\u1a99\u1b50-\u1b59\u1bb0-\u1bb9\u1c40-\u1c49\u1c50-\u1c59\u2000-\u200b"
    r"\u200d-\u2015\u202a-\u202f\u205f-\u2064\u2066-\u2070\u2074-\u2079\u2080-\u2089\u2212"
    r"\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e"
    r"\u2780-\u2788\u278a-\u2792\u2e17\u2e1a\u2e3a-\u2e3b\u2e40\u2e5d\u3000\u301c\u3030"
    r"\u30a0\u3164\ua620-\ua629\ua8d0-\ua8d9\ua900-\ua909\ua9d0-\ua9d9\ua9f0-\ua9f9"
    r"\uaa50-\uaa59\uabf0-\uabf9\ufb50-\ufbb1\ufbd3-\ufd3d\ufd50-\ufd8f\ufd92-\ufdc7"
    r"\ufdf0-\ufdfc\ufe00-\ufe0f\ufe31-\ufe32\ufe58\ufe63\ufe70-\ufe72\ufe74\ufe76-\ufefc"
    r"\ufeff\uff01-\uffbe\uffc2-\uffc7\uffca-\uffcf\uffd2-\uffd7\uffda-\uffdc\uffe0-\uffe6"
    r"\uffe8-\uffee\ufff9-\ufffb\U000104a0-\U000104a9\U00010a40-\U00010a43"
    r"\U00010d30-\U00010d39\U00010e60-\U00010e68\U00010ead\U00011052-\U0001105a"
    r"\U00011066-\U0001106f\U000110bd\U000110cd\U000110f0-\U000110f9\U00011136-\U0001113f"
    r"\U000111d0-\U000111d9\U000112f0-\U000112f9\U00011450-\U00011459\U000114d0-\U000114d9"
    r"\U00011650-\U00011659\U000116c0-\U000116c9\U00011730-\U00011739\U000118e0-\U000118e9"
    r"\U00011950-\U00011959\U00011c50-\U00011c59\U00011d50-\U00011d59\U00011da0-\U00011da9"
    r"\U00013430-\U00013438\U00016a60-\U00016a69\U00016ac0-\U00016ac9\U00016b50-\U00016b59"
    r"\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U0001d400-\U0001d454\U0001d456-\U0001d49c"
    r"\U0001d49e-\U0001d49f\U0001d4a2\U0001d4a5-\U0001d4a6\U0001d4a9-\U0001d4ac"
    r"\U0001d4ae-\U0001d4b9\U0001d4bb\U0001d4bd-\U0001d4c3\U0001d4c5-\U0001d505"
    r"\U0001d507-\U0001d50a\U0001d50d-\U0001d514\U0001d516-\U0001d51c\U0001d51e-\U0001d539"
    r"\U0001d53b-\U0001d53e\U0001d540-\U0001d544\U0001d546\U0001d54a-\U0001d550"
    r"\U0001d552-\U0001d6a5\U0001d6a8-\U0001d7cb\U0001d7ce-\U0001d7ff\U0001e140-\U0001e149"
    r"\U0001e2f0-\U0001e2f9\U0001e950-\U0001e959\U0001f100-\U0001f10a\U0001fbf0-\U0001fbf9"
    r"\U000e0001\U000e0020-\U000e007f\U000e0100-\U000e01ef"
)
_D = "0-9\u06f0-\u06f9\u0660-\u0669"
# Characters that matter only next to a digit (Persian words are full of ZWNJs). Each
# pattern opens with a character class, so ``re`` skips to candidates in C; the digit
# test follows as a lookaround.
_X = ZWNJ + _BETWEEN_DIGITS
_BY_DIGIT = rf"[{_X}](?:(?<=[{_D}].)|(?=[{_D}]))"
# Does a (non-ASCII) text need the slow path? Any mapped character, a ZWNJ by a digit,
# a separator between digits.
# ``re`` tests a class of BMP characters with a bitmap but walks a list of ranges when
# it holds astral ones: those are looked for apart (one range, then the full class).
_BMP_CLASS = "".join(
    t
    for t in re.findall(
        r"\\u[0-9a-f]{4}(?:-\\u[0-9a-f]{4})?|\\U[0-9a-f]{8}(?:-\\U[0-9a-f]{8})?", _CLASS
    )
    if t.startswith("\\u")
)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_NEEDED = re.compile(rf"[{_BMP_CLASS}]|{_BY_DIGIT}")
_NEEDED_CELL = re.compile(rf"[{_BMP_CLASS}{_CELL_BREAKS}]|{_BY_DIGIT}")
_NEEDED_FULL = re.compile(rf"[{_CLASS}]|{_BY_DIGIT}")
_NEEDED_FULL_CELL = re.compile(rf"[{_CLASS}{_CELL_BREAKS}]|{_BY_DIGIT}")
_NEEDED_ASCII = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|[/_\t](?:(?<=[0-9].)|(?=[0-9]))")
_NEEDED_ASCII_CELL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\t\n\r]|[/_](?:(?<=[0-9].)|(?=[0-9]))")


def _class_points() -> list[int]:
    points: list[int] = []
    for a, b in re.findall(r"\\[uU]([0-9a-f]+)(?:-\\[uU]([0-9a-f]+))?", _CLASS):
        lo = int(a, 16)
        points.extend(range(lo, (int(b, 16) if b else lo) + 1))
    return points


def _split_class() -> tuple[dict[int, str], str]:
    """The one-for-one replacements (``str.translate``), and the class of characters that
    are dropped or expanded (which change offsets)."""
    same: dict[int, str] = {}
    reshape: list[tuple[int, int]] = []
    for cp in _class_points():
        rep = _mapped(chr(cp))
        if rep is not None and len(rep) == 1:
            same[cp] = rep
        elif reshape and reshape[-1][1] == cp - 1:
            reshape[-1] = (reshape[-1][0], cp)
        else:
            reshape.append((cp, cp))
    return same, "".join(_esc(a) if a == b else f"{_esc(a)}-{_esc(b)}" for a, b in reshape)


_SAME, _RESHAPE_CLASS = _split_class()
_SAME_CELL = {**_SAME, **{ord(c): " " for c in _CELL_BREAKS}}
# A text without these keeps its offsets: one translate and one substitution normalise it.
_RESHAPE_FULL = re.compile(rf"[{_RESHAPE_CLASS}]|{ZWNJ}(?:(?<=[{_D}].)|(?=[{_D}]))")
_RESHAPE = re.compile(
    "["
    + "".join(
        t
        for t in re.findall(
            r"\\u[0-9a-f]{4}(?:-\\u[0-9a-f]{4})?|\\U[0-9a-f]{8}(?:-\\U[0-9a-f]{8})?", _RESHAPE_CLASS
        )
        if t.startswith("\\u")
    )
    + rf"]|{ZWNJ}(?:(?<=[{_D}].)|(?=[{_D}]))"
)
_SEPARATOR_RE: dict[str, re.Pattern[str]] = {}


def _separators(keep: str) -> re.Pattern[str]:
    """``/``, ``_``, ``٬`` or a tab between two digits (except the ``keep`` characters)."""
    pattern = _SEPARATOR_RE.get(keep)
    if pattern is None:
        seps = "".join(c for c in _BETWEEN_DIGITS if c not in keep) or "/"
        pattern = _SEPARATOR_RE[keep] = re.compile(rf"(?<=[{_D}])[{re.escape(seps)}](?=[{_D}])")
    return pattern


# Strong right-to-left letters (Hebrew, Arabic and their presentation forms): under an
# override they keep their order; everything else is shown reversed.
_LTR_RUN = re.compile(r"[^\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\n]+")


@lru_cache(maxsize=4096)
def _map_char(c: str) -> str | None:
    return _mapped(c)


def _is_digit(c: str) -> bool:
    if c in _KEEP_DIGITS:
        return True
    m = _map_char(c)
    return bool(m) and m.isdigit()  # type: ignore[union-attr]


@dataclass(slots=True)
class Normalized:
    """The normalised ``text`` and the way back to the original's offsets.

    ``identity`` is true when every character kept its offset (``text`` is the
    original, or only one-for-one replacements were made).
    """

    text: str
    source_length: int
    # Pieces of the normalised text: where each starts, the original offset of its
    # first character, and whether the following characters advance (1), stay (0:
    # one original character became several) in the original.
    _starts: list[int] | None = None
    _origins: list[int] = field(default_factory=list)
    _steps: list[int] = field(default_factory=list)

    @property
    def identity(self) -> bool:
        return self._starts is None

    def original(self, pos: int) -> int:
        """The original offset of the normalised character at ``pos``."""
        if self._starts is None:
            return pos
        if pos >= len(self.text):
            return self.source_length
        i = bisect.bisect_right(self._starts, pos) - 1
        return self._origins[i] + self._steps[i] * (pos - self._starts[i])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span holding the normalised ``text[start:end]``."""
        if self._starts is None:
            return start, end
        if end <= start:
            p = self.original(start)
            return p, p
        i = bisect.bisect_right(self._starts, start) - 1
        j = bisect.bisect_right(self._starts, end - 1) - 1
        points = [self.original(start), self.original(end - 1)]
        # A reversed run maps backwards: every piece inside counts.
        points += self._origins[i + 1 : j + 1]
        return min(points), max(points) + 1


def needs_normalizing(text: str, *, cell: bool = False) -> bool:
    """Whether :func:`normalize` would change ``text`` (one regex search)."""
    if text.isascii():
        return (_NEEDED_ASCII_CELL if cell else _NEEDED_ASCII).search(text) is not None
    if (_NEEDED_CELL if cell else _NEEDED).search(text) is not None:
        return True
    return _ASTRAL.search(text) is not None and (
        (_NEEDED_FULL_CELL if cell else _NEEDED_FULL).search(text) is not None
    )


_COLUMN_EXTRA = re.compile(r"[\t\r\u2028\u2029]")


def column_needs_normalizing(joined: str) -> bool:
    """Whether any of the cells joined by newlines in ``joined`` needs normalising."""
    return needs_normalizing(joined) or _COLUMN_EXTRA.search(joined) is not None


def reshapes(text: str) -> bool:
    """Whether normalising ``text`` drops or expands characters (offsets then move)."""
    if _RESHAPE.search(text) is not None:
        return True
    return _ASTRAL.search(text) is not None and _RESHAPE_FULL.search(text) is not None


def normalize(
    text: str, *, cell: bool = False, keep: str = "", reverse: bool = True
) -> Normalized:
    """``text`` as the detectors must read it (see the module docstring).

    ``keep``: characters left as they are (the delimiter of a raw CSV chunk).
    ``reverse=False``: overrides are dropped without reversing (the order as stored,
    read too: an RLO may be slipped between digit groups as a mere separator).
    """
    if not needs_normalizing(text, cell=cell):
        return Normalized(text, len(text))
    if not reshapes(text):
        # Only one-for-one replacements: offsets stay, no per-character work.
        table = _SAME_CELL if cell else _SAME
        if keep:
            table = {k: v for k, v in table.items() if chr(k) not in keep}
        out_text = _separators(keep).sub("-", text.translate(table))
        return Normalized(out_text, len(text))
    out = _Builder(len(text))
    if reverse and RLO in text:
        for lo, hi, reversed_ in _override_segments(text):
            if reversed_:
                _reversed_segment(text, lo, hi, cell, keep, out)
            else:
                _plain(text, lo, hi, cell, keep, out)
    else:
        _plain(text, 0, len(text), cell, keep, out)
    return out.result()


def normalize_cell(value: str) -> str:
    """One table cell as the detectors read it (no offsets needed)."""
    if not needs_normalizing(value, cell=True):
        return value
    shown = normalize(value, cell=True).text
    if RLO in value:  # both readings: as displayed, and as stored
        stored = normalize(value, cell=True, reverse=False).text
        if stored != shown:
            return shown + " ; " + stored
    return shown


class _Builder:
    __slots__ = ("parts", "starts", "origins", "steps", "pos", "source_length")

    def __init__(self, source_length: int) -> None:
        self.parts: list[str] = []
        self.starts: list[int] = []
        self.origins: list[int] = []
        self.steps: list[int] = []
        self.pos = 0
        self.source_length = source_length

    def add(self, s: str, origin: int, step: int) -> None:
        if not s:
            return
        self.parts.append(s)
        self.starts.append(self.pos)
        self.origins.append(origin)
        self.steps.append(step if len(s) > 1 else 1)
        self.pos += len(s)

    def last_char(self) -> str:
        return self.parts[-1][-1] if self.parts else ""

    def result(self) -> Normalized:
        return Normalized(
            "".join(self.parts), self.source_length, self.starts, self.origins, self.steps
        )


def _replacement(text: str, i: int, c: str, cell: bool, last: str) -> str | None:
    """What the special character ``text[i]`` becomes (None: kept)."""
    if cell and c in _CELL_BREAKS:
        return " "
    if c == ZWNJ or c in _BETWEEN_DIGITS:
        after = _next_significant(text, i + 1)
        before_digit = _is_digit(last) if last else False
        after_digit = _is_digit(after) if after else False
        if c == ZWNJ:
            return "" if before_digit or after_digit else None
        return "-" if before_digit and after_digit else None
    return _map_char(c)


def _next_significant(text: str, i: int) -> str:
    n = len(text)
    while i < n:
        c = text[i]
        if _map_char(c) != "":
            return c
        i += 1
    return ""


def _plain(text: str, lo: int, hi: int, cell: bool, keep: str, out: _Builder) -> None:
    # The characters the slow path looks at (each match is one character).
    if _ASTRAL.search(text, lo, hi) is None:
        pattern = _NEEDED_CELL if cell else _NEEDED
    else:
        pattern = _NEEDED_FULL_CELL if cell else _NEEDED_FULL
    pos = lo
    for m in pattern.finditer(text, lo, hi):
        i = m.start()
        c = text[i]
        if c in keep:
            continue
        if i > pos:
            out.add(text[pos:i], pos, 1)
            pos = i
        rep = _replacement(text, i, c, cell, out.last_char())
        if rep is None:
            continue  # kept: copied with the next run
        out.add(rep, i, 0)
        pos = i + 1
    if hi > pos:
        out.add(text[pos:hi], pos, 1)


def _reversed_segment(text: str, lo: int, hi: int, cell: bool, keep: str, out: _Builder) -> None:
    pos = lo
    for m in _LTR_RUN.finditer(text, lo, hi):
        run_text = m.group()
        core = run_text.strip()
        if not core:
            continue
        a = m.start() + run_text.index(core)  # spaces at the run's ends stay in place
        b = a + len(core)
        if a > pos:
            _plain(text, pos, a, cell, keep, out)
        sub = _Builder(len(text))
        _plain(text, a, b, cell, keep, sub)
        run = sub.result()
        origins = [run.original(k) for k in range(len(run.text))]
        for k in range(len(run.text) - 1, -1, -1):
            out.add(run.text[k], origins[k], 1)
        pos = b
    if hi > pos:
        _plain(text, pos, hi, cell, keep, out)


def _override_segments(text: str) -> list[tuple[int, int, bool]]:
    """Spans of ``text`` and whether a right-to-left override is in force over each.

    Embeddings and overrides nest; PDF closes the innermost; a line break ends all.
    """
    segments: list[tuple[int, int, bool]] = []
    stack: list[str] = []
    pos = 0
    for m in re.finditer(r"[\u202a-\u202e\n]", text):
        i, c = m.start(), m.group()
        rev = bool(stack) and stack[-1] == RLO
        if i > pos:
            segments.append((pos, i, rev))
        if c == "\n":
            stack.clear()
            segments.append((i, i + 1, False))
        elif c == PDF:
            if stack:
                stack.pop()
            segments.append((i, i + 1, False))
        else:
            stack.append(c)
            segments.append((i, i + 1, False))
        pos = i + 1
    if pos < len(text):
        segments.append((pos, len(text), bool(stack) and stack[-1] == RLO))
    return segments
