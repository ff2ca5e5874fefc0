"""Files and folders the desk creates hold personal data: they are made owner-only (0600 and 0700 on POSIX).

Every writer goes through here, whatever the umask says (022 would leave them readable by every account on
the machine). A mode is given when a file or folder is *created*: a file or folder that already exists keeps
the mode its owner gave it, except the desk's own per-user data folder (`paths.data_dir`), which is always
tightened. On Windows the mode bits mean little; the per-user folders are private by their ACLs there.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import BinaryIO, TextIO

FILE_MODE = 0o600
FOLDER_MODE = 0o700
# Bits that let anyone but the owner in.
_SHARED_BITS = 0o077


def make_private_folder(folder: Path) -> Path:
    """Create `folder` and any missing parents, each new one owner-only; returns `folder`.

    Raises OSError (FileExistsError when a file is in the way) as `Path.mkdir` does.
    """
    missing: list[Path] = []
    probe = folder
    while not probe.exists() and probe.parent != probe:
        missing.append(probe)
        probe = probe.parent
    for path in reversed(missing):
        # Another process may create it meanwhile; then it is theirs as made.
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=FOLDER_MODE)
    if not folder.is_dir():
        raise FileExistsError(f"not a folder: {folder}")
    return folder


def tighten_folder(folder: Path) -> None:
    """Take group and others out of a folder the desk owns (POSIX; nothing elsewhere)."""
    if os.name == "nt":
        return
    mode = folder.stat().st_mode & 0o777
    if mode & _SHARED_BITS:
        folder.chmod(mode & ~_SHARED_BITS)


def _new_private_descriptor(path: Path) -> int:
    # Whatever was at `path` goes first, so the file is always created here with the owner-only mode (a
    # left-over from an interrupted run would otherwise lend it its own).
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), FILE_MODE)


def open_new_private(path: Path, *, encoding: str, newline: str = "", errors: str = "strict") -> TextIO:
    """A new, empty owner-only text file at `path`, open for writing (replacing what was there)."""
    descriptor = _new_private_descriptor(path)
    try:
        return open(descriptor, "w", encoding=encoding, newline=newline, errors=errors)
    except BaseException:
        os.close(descriptor)
        raise


def open_new_private_binary(path: Path) -> BinaryIO:
    """A new, empty owner-only file at `path`, open for writing bytes (replacing what was there)."""
    descriptor = _new_private_descriptor(path)
    try:
        return open(descriptor, "wb")
    except BaseException:
        os.close(descriptor)
        raise


def temporary_name(path: Path) -> Path:
    """Where a file is written before it is renamed into place: hidden, beside it, so the rename is atomic."""
    return path.with_name(f".{path.name}.part")


def write_private_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all, owner-only: through a temporary file renamed at the end,
    so a folder watcher never picks up half a file. Raises OSError; nothing is left behind then."""
    partial = temporary_name(path)
    try:
        with open_new_private_binary(partial) as out:
            out.write(data)
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise


def ensure_private_file(path: Path) -> None:
    """Create `path` empty and owner-only if it does not exist (a log about to be appended to)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
    os.close(descriptor)
