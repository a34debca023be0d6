"""Writing a file so that an interrupted run leaves either the old file or the new one.

Everything evalbook writes goes first to a temporary file in the target's own folder (so the
final rename stays on one file system and is atomic) and is renamed over the target only when
the writer finished without an exception.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from evalbook.errors import InputError

# Errors that mean "this folder does not take new files", whoever we are (EROFS: even root).
_NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}


@contextlib.contextmanager
def atomic_write(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside *target*; on success it replaces *target*.

    Use as ``with atomic_write(out) as tmp: wb.save(tmp)``. If the block raises, the temporary
    file is removed and *target* is left as it was. The new file gets the old file's permission
    bits, or the usual ones for a new file (mkstemp alone would leave it private, 0600).
    """
    target = Path(target)
    folder = target.parent
    try:
        # The suffix stays the target's so writers that look at the extension behave the same.
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{target.stem}.", suffix=f".tmp{target.suffix}")
    except OSError as exc:
        # Asking the file system (not is_dir/os.access first) gives the true reason, also for root.
        if exc.errno in _NOT_WRITABLE:
            raise InputError("output_not_writable", path=folder) from exc
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            raise InputError("output_folder_missing", path=folder) from exc
        raise
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
