"""Measuring what a Deflate stream unpacks to, without keeping it: bounded memory, stops past a limit."""
from __future__ import annotations

import zlib

ZLIB = zlib.MAX_WBITS  # with the zlib header, as in PDF streams
RAW = -zlib.MAX_WBITS  # bare Deflate, as in ZIP members
_IN_STEP = 64 * 1024
_OUT_STEP = 1024 * 1024


def inflated_size(data: bytes, start: int, limit: int, *, wbits: int = ZLIB, end: int | None = None) -> int:
    """Bytes the stream at data[start:end] unpacks to, counting no further than just past `limit`.

    Counting stops at the end of the stream or at the first damaged byte: no reader gets more out of it.
    """
    inflater = zlib.decompressobj(wbits)
    end = len(data) if end is None else end
    size, position = 0, start
    try:
        while position < end and not inflater.eof and size <= limit:
            chunk = data[position:min(position + _IN_STEP, end)]
            position += len(chunk)
            size += len(inflater.decompress(chunk, _OUT_STEP))
            while inflater.unconsumed_tail and size <= limit:
                size += len(inflater.decompress(inflater.unconsumed_tail, _OUT_STEP))
    except zlib.error:
        pass
    return size
