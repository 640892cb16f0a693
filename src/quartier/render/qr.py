"""QR codes for the printed event notices, as inline SVG: a small, fast encoder.

segno made every code in about 4.5 ms, most of it spent trying all eight mask patterns;
for 2,000 events that was 70 % of the engine's time (issue 26). A page URL needs only a
part of the standard (ISO/IEC 18004), and that part is written here, with everything
that depends on the version alone computed once:

- byte mode only (ISO-8859-1, the standard's default, where the text allows it, UTF-8
  otherwise), the smallest version 1–40 that holds the URL at error correction level M,
  raised to Q or H while the data still fits that version (as segno's ``boost_error``);
- one fixed mask, ``MASK``, instead of scoring all eight: every mask gives a valid
  symbol, the scores only steer clear of patterns that can trouble a reader. Mask 2
  was chosen with ``bench/qr_masks.py`` (the penalty rules of ISO/IEC 18004, 7.8.3):
  for 816 URLs of this site's form it scored best for 62 % of them, with the lowest
  mean excess over each URL's best mask (27 points; mask 3: 94, mask 0: 213); for two
  other hosts it was best or second best (mean excess 34 and 101);
- per version, which bit of the message lands in which module, with the mask over those
  modules as one integer: a message becomes the symbol by one XOR, one ``format`` and
  one ``itemgetter`` gather.

The SVG has the form segno wrote (scale 4, quiet zone 2, one ``<path>`` of horizontal
runs, each a move relative to the end of the last) and a ``viewBox``: without it the
print stylesheet's 35 mm cut the code's right and bottom edge off instead of scaling it.
``tests/test_qr.py`` compares every symbol with Nayuki's reference encoder, draws the
SVG with resvg and reads it back with zxing-cpp; the browser test reads the printed one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from operator import itemgetter
from xml.sax.saxutils import escape

MASK = 2
"""The mask pattern of every code: a message module is inverted when its column % 3 == 0."""

SCALE = 4
BORDER = 2

# Error correction levels by their format bits (ISO/IEC 18004, table 12); L is never used.
_LEVELS = {"M": 0b00, "Q": 0b11, "H": 0b10}
_STRONGEST_FIRST = ("H", "Q", "M")

# Per version 1–40 (index 0 unused): error correction codewords per block and blocks
# (ISO/IEC 18004, table 9).
_ECC_PER_BLOCK = {
    "M": (0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
          26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28),
    "Q": (0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
          28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30),
    "H": (0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
          30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30),
}  # fmt: skip
_BLOCKS = {
    "M": (0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
          17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49),
    "Q": (0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
          23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68),
    "H": (0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
          25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81),
}  # fmt: skip

_MASKS = (
    lambda r, c: (r + c) % 2 == 0,
    lambda r, c: r % 2 == 0,
    lambda r, c: c % 3 == 0,
    lambda r, c: (r + c) % 3 == 0,
    lambda r, c: (r // 2 + c // 3) % 2 == 0,
    lambda r, c: r * c % 2 + r * c % 3 == 0,
    lambda r, c: (r * c % 2 + r * c % 3) % 2 == 0,
    lambda r, c: ((r + c) % 2 + r * c % 3) % 2 == 0,
)

# -- Reed–Solomon over GF(256), polynomial x^8 + x^4 + x^3 + x^2 + 1 ----------------------

_EXP = [0] * 512
_LOG = [0] * 256
_value = 1
for _power in range(255):
    _EXP[_power] = _value
    _LOG[_value] = _power
    _value <<= 1
    if _value & 0x100:
        _value ^= 0x11D
for _power in range(255, 512):
    _EXP[_power] = _EXP[_power - 255]


def _multiply(a: int, b: int) -> int:
    return 0 if a == 0 or b == 0 else _EXP[_LOG[a] + _LOG[b]]


@functools.cache
def _remainder_table(degree: int) -> tuple[int, ...]:
    """For each lead byte: the generator polynomial times it, as one integer of ``degree`` bytes."""
    generator = [1]  # coefficients, highest power first; the leading 1 is implied below
    for i in range(degree):
        product = [0] * (len(generator) + 1)
        for j, coefficient in enumerate(generator):
            product[j] ^= coefficient
            product[j + 1] ^= _multiply(coefficient, _EXP[i])
        generator = product
    return tuple(int.from_bytes(bytes(_multiply(c, factor) for c in generator[1:]), "big") for factor in range(256))


def _error_correction(data: bytes, degree: int) -> bytes:
    table = _remainder_table(degree)
    shift = 8 * (degree - 1)
    full = (1 << (8 * degree)) - 1
    remainder = 0
    for byte in data:
        remainder = ((remainder << 8) & full) ^ table[byte ^ (remainder >> shift)]
    return remainder.to_bytes(degree, "big")


# -- The symbol's layout per version ----------------------------------------------------------


def _format_bits(level: str, mask: int) -> int:
    data = _LEVELS[level] << 3 | mask
    remainder = data
    for _ in range(10):
        remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537)
    return (data << 10 | remainder) ^ 0x5412


def _alignment_positions(version: int, size: int) -> list[int]:
    if version == 1:
        return []
    count = version // 7 + 2
    step = (version * 8 + count * 3 + 5) // (count * 4 - 4) * 2
    return [6] + [size - 7 - i * step for i in range(count - 1)][::-1]


_Cell = tuple[int, int]
"""(row, column) of a module."""

_Modules = dict[_Cell, bool]
"""Modules of the function patterns and format/version information: cell -> dark."""


@functools.cache
def _layout(version: int, level: str) -> tuple[int, int, int, Callable[[str], tuple[str, ...]]]:
    """Size, message modules, the mask over them, and the gather of one version and level.

    The gather picks from the message bits followed by "0", "1" and a newline: the
    symbol as text, a row per line."""
    size = version * 4 + 17
    # Later patterns overwrite earlier ones where they cross (finders and alignment cut the timing lines).
    function = (
        _timing_and_finders(size)
        | _alignment_modules(version, size)
        | _format_modules(level, size)
        | _version_modules(version, size)
    )
    order = _message_order(size, function)
    masked = 0
    for row, column in order:
        masked = masked << 1 | _MASKS[MASK](row, column)
    return size, len(order), masked, _gather(size, function, order)


def _timing_and_finders(size: int) -> _Modules:
    modules: _Modules = {}
    for i in range(size):
        modules[6, i] = i % 2 == 0
        modules[i, 6] = i % 2 == 0
    for row0, column0 in ((3, 3), (3, size - 4), (size - 4, 3)):
        for dr in range(-4, 5):
            for dc in range(-4, 5):
                row, column = row0 + dr, column0 + dc
                if 0 <= row < size and 0 <= column < size:
                    modules[row, column] = max(abs(dr), abs(dc)) not in (2, 4)
    return modules


def _alignment_modules(version: int, size: int) -> _Modules:
    modules: _Modules = {}
    positions = _alignment_positions(version, size)
    last = len(positions) - 1
    for i, row0 in enumerate(positions):
        for j, column0 in enumerate(positions):
            if (i, j) in ((0, 0), (0, last), (last, 0)):
                continue  # where the finder patterns are
            for dr in range(-2, 3):
                for dc in range(-2, 3):
                    modules[row0 + dr, column0 + dc] = max(abs(dr), abs(dc)) != 1
    return modules


def _format_modules(level: str, size: int) -> _Modules:
    """Both copies of the format information, and the dark module beside the second."""
    modules: _Modules = {}
    bits = _format_bits(level, MASK)
    for i in range(15):
        dark = bool(bits >> i & 1)
        # First copy around the top left finder, second split below and right of the others.
        if i < 6:
            modules[i, 8] = dark
        elif i < 8:
            modules[i + 1, 8] = dark
        elif i == 8:
            modules[8, 7] = dark
        else:
            modules[8, 14 - i] = dark
        if i < 8:
            modules[8, size - 1 - i] = dark
        else:
            modules[size - 15 + i, 8] = dark
    modules[size - 8, 8] = True
    return modules


def _version_modules(version: int, size: int) -> _Modules:
    """Both copies of the version information (from version 7)."""
    if version < 7:
        return {}
    modules: _Modules = {}
    remainder = version
    for _ in range(12):
        remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25)
    version_bits = version << 12 | remainder
    for i in range(18):
        dark = bool(version_bits >> i & 1)
        modules[size - 11 + i % 3, i // 3] = dark
        modules[i // 3, size - 11 + i % 3] = dark
    return modules


def _message_order(size: int, function: _Modules) -> list[_Cell]:
    """The cells the message bits fill, in order: two columns at a time, zigzag from the bottom right."""
    order: list[_Cell] = []
    right = size - 1
    while right >= 1:
        if right == 6:
            right = 5  # the vertical timing line
        upward = (right + 1) & 2 == 0
        for vertical in range(size):
            row = size - 1 - vertical if upward else vertical
            for column in (right, right - 1):
                if (row, column) not in function:
                    order.append((row, column))
        right -= 2
    return order


def _gather(size: int, function: _Modules, order: list[_Cell]) -> Callable[[str], tuple[str, ...]]:
    """Picks, for each cell row by row, its message bit or its function module's "0"/"1", and the newlines."""
    count = len(order)
    index = {cell: i for i, cell in enumerate(order)}
    cells: list[int] = []
    for row in range(size):
        if row:
            cells.append(count + 2)  # "\n"
        for column in range(size):
            cells.append(index[row, column] if (row, column) not in function else count + function[row, column])
    gather: Callable[[str], tuple[str, ...]] = itemgetter(*cells)
    return gather


def _data_codewords(version: int, level: str) -> int:
    # Modules left after the function patterns, format and version information.
    raw = (16 * version + 128) * version + 64
    if version >= 2:
        count = version // 7 + 2
        raw -= (25 * count - 10) * count - 55
    if version >= 7:
        raw -= 36
    return raw // 8 - _BLOCKS[level][version] * _ECC_PER_BLOCK[level][version]


def _version_and_level(length: int) -> tuple[int, str]:
    """The smallest version for ``length`` bytes at level M, and the strongest level that fits it.

    At most 2,331 bytes fit a QR code; a page URL is far shorter."""
    for version in range(1, 41):
        needed = (4 + (8 if version < 10 else 16) + 8 * length + 7) // 8
        if needed <= _data_codewords(version, "M"):
            level = next(lv for lv in _STRONGEST_FIRST if needed <= _data_codewords(version, lv))
            return version, level
    raise ValueError(f"too long for a QR code: {length} bytes")


def _message(data: bytes, version: int, level: str) -> bytes:
    """Mode, count, data, terminator and padding; then the blocks with their error correction, interleaved."""
    capacity = _data_codewords(version, level)
    count_bits = 8 if version < 10 else 16
    bits = (0b0100 << count_bits | len(data)) << 8 * len(data) | int.from_bytes(data, "big")
    length = 4 + count_bits + 8 * len(data)
    terminator = min(4, 8 * capacity - length)
    length += terminator
    padding = -length % 8
    bits <<= terminator + padding
    length += padding
    stream = bits.to_bytes(length // 8, "big") + (b"\xec\x11" * capacity)[: capacity - length // 8]
    blocks = _BLOCKS[level][version]
    degree = _ECC_PER_BLOCK[level][version]
    short = blocks - capacity % blocks
    short_length = capacity // blocks
    data_blocks = []
    start = 0
    for i in range(blocks):
        end = start + short_length + (i >= short)
        data_blocks.append(stream[start:end])
        start = end
    out = bytearray()
    for i in range(short_length + 1):
        out += bytes(block[i] for block in data_blocks if i < len(block))
    ecc_blocks = [_error_correction(block, degree) for block in data_blocks]
    for i in range(degree):
        out += bytes(block[i] for block in ecc_blocks)
    return bytes(out)


def _symbol(text: str) -> tuple[int, str]:
    """The symbol's size and its modules as text: a line per row, "1" for a dark module."""
    try:
        data = text.encode("iso-8859-1")
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    version, level = _version_and_level(len(data))
    size, count, masked, gather = _layout(version, level)
    message = _message(data, version, level)
    bits = int.from_bytes(message, "big") << (count - 8 * len(message))
    return size, "".join(gather(format(bits ^ masked, f"0{count}b") + "01\n"))


def qr_modules(text: str) -> list[str]:
    """The symbol's rows, "1" for a dark module, without the quiet zone."""
    return _symbol(text)[1].split("\n")


class _Moves(dict[str, str]):
    """The path's step for each stretch of the symbol's text up to the end of a dark run.

    A stretch is light modules and line ends, then dark ones: a relative move from where
    the last run ended and a horizontal line. Kept per symbol size, so that a path is made
    by one regular expression, dictionary look-ups and one join, all in C. (A few thousand
    stretches occur at all; they are made once per process.)
    """

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def __missing__(self, stretch: str) -> str:
        light = stretch.rstrip("1")
        if "\n" in light:
            # From the end of the last run to the start of this one, some rows down.
            after_last_run = light.index("\n")
            before_this_run = len(light) - 1 - light.rindex("\n")
            rows_down = light.count("\n")
            step = f"m{before_this_run - self.size + after_last_run} {rows_down}"
        else:
            step = f"m{len(light)} 0"
        move = self[stretch] = f"{step}h{len(stretch) - len(light)}"
        return move


_STRETCHES = re.compile("[0\n]*1+")
_moves: dict[int, _Moves] = {}


@functools.lru_cache(maxsize=4096)
def qr_svg(url: str) -> str:
    """A QR code of ``url`` as inline SVG, for the printed notice: made at build time, so
    nothing is fetched when the page is viewed or printed. Kept per URL for the builds of
    one process (``mkdocs serve``)."""
    size, modules = _symbol(url)
    moves = _moves.get(size)
    if moves is None:
        moves = _moves[size] = _Moves(size)
    stretches = _STRETCHES.findall(modules)
    # Every symbol starts with the dark top row of its top left finder pattern.
    path = f"M{BORDER} {BORDER + 0.5}h{len(stretches[0])}" + "".join(map(moves.__getitem__, stretches[1:]))
    width = (size + 2 * BORDER) * SCALE
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{width}" '
        f'viewBox="0 0 {width} {width}" class="q-qr">'
        f"<title>{escape('QR-Code: ' + url)}</title>"
        f'<path transform="scale({SCALE})" class="qrline" stroke="#000" d="{path}"/></svg>\n'
    )
