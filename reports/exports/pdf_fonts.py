"""Make the embedded CJK fonts small.

WeasyPrint subsets each font but keeps every glyph id up to the highest one used, so a Noto CJK
font still carries metrics and empty outlines for about 63,000 glyphs: some 150 KB per font,
whatever the text. The CJK fonts are CID-keyed CFF, where the PDF addresses glyphs by CID and the
font's charset maps CIDs to glyphs; a second HarfBuzz subset that drops the empty glyphs keeps
each CID, so the page content and the text layer stay exactly as they are.
"""
from __future__ import annotations

import logging

from cffi import FFI

logger = logging.getLogger(__name__)

_ffi = FFI()
_ffi.cdef("""
typedef struct hb_blob_t hb_blob_t;
typedef struct hb_face_t hb_face_t;
typedef struct hb_set_t hb_set_t;
typedef struct hb_subset_input_t hb_subset_input_t;
typedef uint32_t hb_codepoint_t;
hb_blob_t *hb_blob_create(const char *data, unsigned int length, int mode, void *user_data, void *destroy);
void hb_blob_destroy(hb_blob_t *blob);
const char *hb_blob_get_data(hb_blob_t *blob, unsigned int *length);
hb_face_t *hb_face_create(hb_blob_t *blob, unsigned int index);
void hb_face_destroy(hb_face_t *face);
hb_blob_t *hb_face_reference_blob(hb_face_t *face);
void hb_set_add(hb_set_t *set, hb_codepoint_t codepoint);
hb_subset_input_t *hb_subset_input_create_or_fail(void);
void hb_subset_input_destroy(hb_subset_input_t *input);
hb_set_t *hb_subset_input_glyph_set(hb_subset_input_t *input);
void hb_subset_input_set_flags(hb_subset_input_t *input, unsigned value);
hb_face_t *hb_subset_or_fail(hb_face_t *source, const hb_subset_input_t *input);
""")
HB_MEMORY_MODE_READONLY = 1
# Flags as WeasyPrint sets them, without RETAIN_GIDS: PASSTHROUGH_UNRECOGNIZED | DESUBROUTINIZE.
FLAGS = 0x20 | 0x04

try:
    _hb = _ffi.dlopen("harfbuzz")
    _hb_subset = _ffi.dlopen("harfbuzz-subset")
except OSError:  # the system check warns about this installation
    _hb = _hb_subset = None


def _cff_table(data: bytes) -> bytes | None:
    """The CFF table of an OpenType font, None for TrueType outlines."""
    if data[:4] != b"OTTO":
        return None
    for i in range(int.from_bytes(data[4:6], "big")):
        record = data[12 + 16 * i:28 + 16 * i]
        if record[:4] == b"CFF ":
            offset, length = int.from_bytes(record[8:12], "big"), int.from_bytes(record[12:16], "big")
            return data[offset:offset + length]
    return None


def _is_cid_keyed_cff(data: bytes) -> bool:
    # A CFF font whose top dict starts with ROS (operator 12 30).
    cff = _cff_table(data)
    return cff is not None and _cff_top_dict_has_ros(cff)


def _cff_top_dict_has_ros(cff: bytes) -> bool:
    header_size = cff[2]
    pos = header_size
    # Skip the Name INDEX, then read the first entry of the Top DICT INDEX.
    for index_number in range(2):
        count = int.from_bytes(cff[pos:pos + 2], "big")
        if count == 0:
            return False
        off_size = cff[pos + 2]
        offsets = [int.from_bytes(cff[pos + 3 + k * off_size:pos + 3 + (k + 1) * off_size], "big")
                   for k in range(count + 1)]
        data_start = pos + 3 + (count + 1) * off_size - 1
        if index_number == 1:
            top = cff[data_start + offsets[0]:data_start + offsets[1]]
            return _dict_operators(top)[:1] == [(12, 30)]
        pos = data_start + offsets[-1]
    return False


def _dict_operators(data: bytes) -> list:
    ops, i = [], 0
    while i < len(data):
        b = data[i]
        if b == 12:
            ops.append((12, data[i + 1]))
            i += 2
        elif b <= 21:
            ops.append((b,))
            i += 1
        elif b == 28:
            i += 3
        elif b == 29:
            i += 5
        elif b == 30:
            i += 1
            while i < len(data) and (data[i] & 0x0F) != 0x0F and (data[i] >> 4) != 0x0F:
                i += 1
            i += 1
        elif 32 <= b <= 246:
            i += 1
        elif 247 <= b <= 254:
            i += 2
        else:
            i += 1
    return ops


def _subset(data: bytes, glyphs: set[int]) -> bytes | None:
    blob = _hb.hb_blob_create(data, len(data), HB_MEMORY_MODE_READONLY, _ffi.NULL, _ffi.NULL)
    face = _hb.hb_face_create(blob, 0)
    subset_input = _hb_subset.hb_subset_input_create_or_fail()
    try:
        glyph_set = _hb_subset.hb_subset_input_glyph_set(subset_input)
        for gid in glyphs:
            _hb.hb_set_add(glyph_set, gid)
        _hb_subset.hb_subset_input_set_flags(subset_input, FLAGS)
        result = _hb_subset.hb_subset_or_fail(face, subset_input)
        if result == _ffi.NULL:
            return None
        out_blob = _hb.hb_face_reference_blob(result)
        length = _ffi.new("unsigned int *")
        out = bytes(_ffi.buffer(_hb.hb_blob_get_data(out_blob, length), length[0]))
        _hb.hb_blob_destroy(out_blob)
        _hb.hb_face_destroy(result)
        return out or None
    finally:
        _hb_subset.hb_subset_input_destroy(subset_input)
        _hb.hb_face_destroy(face)
        _hb.hb_blob_destroy(blob)


def compact_fonts(document, pdf) -> None:
    """WeasyPrint finisher: replace each CID-keyed CFF font program by one without empty glyphs."""
    if _hb_subset is None:
        return
    used: dict[int, set[int]] = {}
    by_hash: dict = {}
    for font in document.fonts.values():
        by_hash.setdefault(font.hash, []).append(font)
    for fonts in by_hash.values():
        used[id(fonts[0].file_content)] = {0}.union(*(f.to_unicode for f in fonts))
    for obj in pdf.objects:
        content = getattr(obj, "stream", None)
        if not isinstance(content, list) or len(content) != 1 or id(content[0]) not in used:
            continue
        data = content[0]
        if not isinstance(data, bytes) or not _is_cid_keyed_cff(data):
            continue
        smaller = _subset(data, used[id(data)])
        cff = _cff_table(smaller) if smaller else None
        if cff:
            # Embedded as bare CFF: readers then map CIDs through the charset, as the PDF format says.
            content[0] = cff
            obj.extra["Subtype"] = "/CIDFontType0C"
        else:
            logger.warning("Could not compact an embedded font; the PDF stays larger.")
