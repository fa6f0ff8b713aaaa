"""Files with health data in them (the database, exports, charts) are readable by the bot's own
user only: folders 0700 and files 0600, whatever the process's umask. Exports and charts are
written whole or not at all, so a full disk never leaves a partial file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
TEMPORARY_SUFFIX = ".part"  # a file being written; one is left only if the process dies


def private_folder(path: Path) -> None:
    """Create `path` and its missing parents as 0700; folders that exist are left as they are
    (the database may live in a folder the bot does not own)."""
    missing: list[Path] = []
    while not path.exists():
        missing.append(path)
        path = path.parent
    for folder in reversed(missing):
        folder.mkdir(PRIVATE_FOLDER, exist_ok=True)
        os.chmod(folder, PRIVATE_FOLDER)  # mkdir's mode is cut by the umask


def write_private(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write a 0600 file through `write`, which gets a file opened for binary writing: a
    temporary one in the same folder, moved over `path` once complete. When anything fails
    the temporary file is removed and the error raised; an older file at `path` stays whole."""
    private_folder(path.parent)
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=path.parent
    )  # created 0600
    try:
        with os.fdopen(descriptor, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
