"""Files with health data in them (the database, exports, charts) are readable by the bot's own
user only: folders 0700 and files 0600, whatever the process's umask."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


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
    """Write a 0600 file through `write`, which gets the file opened for binary writing."""
    private_folder(path.parent)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    os.fchmod(descriptor, PRIVATE_FILE)  # an older file keeps its mode through O_CREAT
    with os.fdopen(descriptor, "wb") as handle:
        write(handle)
