"""The .docx a render writes: the template's unchanged parts, compressed once, followed by the rendered ones.

A render appends its parts by hand, with the records zipfile itself writes: zipfile's append mode would
re-read the central directory of the unchanged parts for every document.

A rendered part may also come as the pieces of its text (`deflate_pieces`): they are encoded and compressed a
bounded chunk at a time, so a long document never needs its text joined, nor its UTF-8 bytes, in one block.
Blocks that large (a 10× seed's document.xml: 180 KB of text, 160 KB of bytes) are memory glibc hands back to
the system when freed and takes again on the next render: ~145 page faults, ~0.4 ms per document on the
development machine, a fifth of the render. Deflate's output does not depend on how its input is split
(tests/test_zip_output.py checks that it equals one call's), so the bytes are the same.
"""

from __future__ import annotations

import functools
import struct
import zipfile
import zlib
from collections.abc import Mapping, Sequence

from docgen.errors import RenderError

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
DEFLATE_LEVEL = 1
"""How hard each render compresses the parts it writes. Chosen by `benchmarks/render_speed.py`, which prints
every level's time and size: level 1 deflates the seed's document.xml (18 KiB) in about 0.09 ms against 0.22 ms
at zlib's default 6, for 6.7 against 6.2 KiB; on a 10× seed 0.26 against 0.90 ms, 11.3 against 8.0 KiB (that text is
the seed ten times over, repeats a longer match search finds). Stored (level 0) would cost nothing and write the
whole 18 / 162 KiB; level 1's ``Z_RLE`` and ``Z_HUFFMAN_ONLY`` strategies are slower and twice as large on the
seed (14.1 KiB), since this text's gain is in repeated tags, not runs (2026-12-02, loaded machine, paired).
The parts compressed once per template keep zipfile's default."""

_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
_END_RECORD = struct.Struct("<4s4H2LH")
_UNIX_FILE = (3, 0o644 << 16)  # made on Unix, rw-r--r--, as zip_info says
_DOS_EPOCH = (
    (ZIP_EPOCH[3] << 11) | (ZIP_EPOCH[4] << 5) | (ZIP_EPOCH[5] // 2),
    ((ZIP_EPOCH[0] - 1980) << 9) | (ZIP_EPOCH[1] << 5) | ZIP_EPOCH[2],
)


@functools.lru_cache(maxsize=64)
def _base_directory(base: bytes) -> tuple[bytes, bytes, int]:
    """The unchanged parts' file entries, their central directory records, and how many there are."""
    signature, _, _, _, count, size, offset, comment = _END_RECORD.unpack_from(base, len(base) - _END_RECORD.size)
    if signature != b"PK\x05\x06" or comment:
        raise RenderError("内部错误：模板的 zip 目录不是预期的格式")
    return base[:offset], base[offset : offset + size], count


class Deflated:
    """A part's bytes as a zip entry stores them: CRC-32, raw deflate at `DEFLATE_LEVEL`, and their length."""

    __slots__ = ("crc", "packed", "size")

    def __init__(self, crc: int, packed: bytes, size: int) -> None:
        self.crc = crc
        self.packed = packed
        self.size = size

    @classmethod
    def of(cls, data: bytes) -> Deflated:
        compressor = zlib.compressobj(DEFLATE_LEVEL, zlib.DEFLATED, -15)
        return cls(zlib.crc32(data), compressor.compress(data) + compressor.flush(), len(data))


CHUNK_PIECES = 256
"""How many pieces of a part's text `deflate_pieces` joins at a time: a few thousand characters (the bundled
templates' pieces are tags and paragraphs), far below the 128 KiB from which glibc maps memory of its own."""


def deflate_pieces(head: str, pieces: Sequence[str], tail: str, refuse: tuple[str, ...] = ()) -> Deflated | None:
    """``head + "".join(pieces) + tail`` in UTF-8, deflated a chunk at a time; None as soon as the pieces'
    text holds one of ``refuse`` (looked for across the chunks' seams too), for the caller to take it whole."""
    compressor = zlib.compressobj(DEFLATE_LEVEL, zlib.DEFLATED, -15)
    data = head.encode("utf-8")
    packed, crc, size = [compressor.compress(data)], zlib.crc32(data), len(data)
    seam = max((len(mark) for mark in refuse), default=1) - 1
    previous = ""
    for start in range(0, len(pieces), CHUNK_PIECES):
        text = "".join(pieces[start : start + CHUNK_PIECES])
        for mark in refuse:
            if mark in text:
                return None
        if seam and previous:
            joint = previous[-seam:] + text[:seam]
            if any(mark in joint for mark in refuse):
                return None
        previous = text
        data = text.encode("utf-8")
        crc = zlib.crc32(data, crc)
        size += len(data)
        packed.append(compressor.compress(data))
    data = tail.encode("utf-8")
    packed += (compressor.compress(data), compressor.flush())
    return Deflated(zlib.crc32(data, crc), b"".join(packed), size + len(data))


def package(
    base: bytes,
    parts: Sequence[tuple[str, bytes | Deflated]],
    deflated: Mapping[str, tuple[bytes, Deflated]] | None = None,
) -> bytes:
    """A .docx: the template's unchanged parts followed by the rendered ones, each deflated (given as bytes,
    or already as a `Deflated`; ``deflated``: the parts already compressed, used when a part's bytes are
    those very ones)."""
    entries, directory, count = _base_directory(base)
    chunks, records, offset = [entries], [directory], len(entries)
    system, attributes = _UNIX_FILE
    dos_time, dos_date = _DOS_EPOCH
    for name, data in parts:
        if isinstance(data, Deflated):
            entry = data
        else:
            known = deflated.get(name) if deflated else None
            entry = known[1] if known is not None and known[0] is data else Deflated.of(data)
        packed, crc = entry.packed, entry.crc
        encoded = name.encode("utf-8")
        flags = 0 if encoded.isascii() else 0x800
        sizes = (crc, len(packed), entry.size, len(encoded))
        chunks += [_LOCAL_HEADER.pack(b"PK\x03\x04", 20, 0, flags, 8, dos_time, dos_date, *sizes, 0), encoded, packed]
        records += [
            _CENTRAL_HEADER.pack(
                b"PK\x01\x02", 20, system, 20, 0, flags, 8, dos_time, dos_date, *sizes, 0, 0, 0, 0, attributes, offset
            ),
            encoded,
        ]
        offset += _LOCAL_HEADER.size + len(encoded) + len(packed)
    directory = b"".join(records)
    end = _END_RECORD.pack(b"PK\x05\x06", 0, 0, count + len(parts), count + len(parts), len(directory), offset, 0)
    return b"".join([*chunks, directory, end])


def zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info
