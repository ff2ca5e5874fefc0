"""Which text encoding a CSV export is in: UTF-8 with or without BOM, else CP932 (Windows' Shift_JIS)."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from desk_app.domain.messages import MessageError, message

UTF8 = "utf-8"
UTF8_BOM = "utf-8-sig"
CP932 = "cp932"
_CHUNK = 1 << 20
# What people type for the two encodings Japanese systems export in. Shift_JIS as Windows writes it is
# CP932 (NEC and IBM extensions such as ① and 髙), so every Shift_JIS spelling reads as CP932.
ALIASES = {
    "utf-8": UTF8,
    "utf8": UTF8,
    "utf-8-sig": UTF8_BOM,
    "cp932": CP932,
    "ms932": CP932,
    "windows-31j": CP932,
    "shift-jis": CP932,
    "sjis": CP932,
}


class EncodingProblem(MessageError):
    """The file cannot be read as text in any encoding the desk accepts (or in the one asked for)."""


@dataclass(frozen=True)
class Detected:
    """The codec to read the file with, and its line count (the import's progress total)."""

    codec: str
    lines: int


def canonical_encoding(name: str) -> str:
    """`--encoding` as a codec name; unknown names raise `EncodingProblem`."""
    codec = ALIASES.get(name.strip().lower().replace("_", "-"))
    if codec is None:
        raise EncodingProblem(message("import.unknown_encoding", name=name))
    return codec


def _decodes(path: Path, codec: str) -> tuple[bool, int]:
    decoder = codecs.getincrementaldecoder(codec)("strict")
    lines = 0
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            lines += chunk.count(b"\n")
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return False, lines
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False, lines
    return True, lines


def detect_encoding(path: Path, override: str | None = None) -> Detected:
    """A BOM means UTF-8; else the whole file decoding as strict UTF-8 means UTF-8; else CP932.

    Pure ASCII is valid in both and reads the same either way. With `override`, that encoding is used
    (a UTF-8 BOM still skipped) and checked like the others, so a wrong choice is an error, not mojibake.
    """
    with path.open("rb") as stream:
        has_bom = stream.read(3) == codecs.BOM_UTF8
    if override is not None:
        codec = canonical_encoding(override)
        if codec == UTF8 and has_bom:
            codec = UTF8_BOM
        ok, lines = _decodes(path, codec)
        if not ok:
            raise EncodingProblem(message("import.not_valid_encoding", codec=codec))
        return Detected(codec, lines)
    candidates = (UTF8_BOM,) if has_bom else (UTF8, CP932)
    for codec in candidates:
        ok, lines = _decodes(path, codec)
        if ok:
            return Detected(codec, lines)
    raise EncodingProblem(message("import.encoding_unknown", option="--encoding"))
