"""Writing outputs atomically: a temporary file beside the target, then a rename.

A run that fails or is interrupted while writing leaves the previous output as it
was and no half-written file under the target's name. A run killed outright (kill -9, a
power cut) cannot remove its temporary file: the next write to the same target does,
once the process that wrote it is gone (its number is in the file's name).
"""
from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO, Iterator


@contextlib.contextmanager
def atomic_output(path: str | Path) -> Iterator[BinaryIO]:
    """Open a temporary file next to ``path``; on success it replaces ``path``.

    If the block raises, the temporary file is removed and any previous output
    at ``path`` is left untouched. The new file gets the permissions of the one it
    replaces, or the usual ones for a new file (0666 less the umask): ``mkstemp``
    alone would leave it readable by its owner only.

    A link is written through: the file it points to is replaced and the link stays.
    What is not a file (``/dev/stdout``, a named pipe) is written to as it is: there is
    nothing to rename over it, and a device must not be replaced by a file.
    """
    try:
        kind = os.stat(path).st_mode
    except OSError:
        kind = None  # not there yet (or a link to nothing): made below
    if kind is not None and not stat.S_ISREG(kind) and not stat.S_ISDIR(kind):
        with open(path, "wb") as stream:
            yield stream
            stream.flush()
        return
    path = Path(os.path.realpath(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    _remove_stale_temporaries(path)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            yield stream
            stream.flush()
            os.fchmod(stream.fileno(), mode)
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _remove_stale_temporaries(path: Path) -> None:
    """Remove the temporary files that writers of ``path`` left when they were killed: those whose
    process is no longer running. A writer still running (two runs writing at once) keeps its own."""
    prefix = f".{path.name}."
    try:
        names = [name for name in os.listdir(path.parent) if name.startswith(prefix) and name.endswith(".tmp")]
    except OSError:
        return
    for name in names:
        writer = name[len(prefix):].split("-", 1)[0]
        if writer.isdigit() and not _running(int(writer)):
            with contextlib.suppress(OSError):
                os.unlink(path.parent / name)


def _running(process: int) -> bool:
    try:
        os.kill(process, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, as another user's process
        return True
    return True


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    # The umask can only be read by setting it; set it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
