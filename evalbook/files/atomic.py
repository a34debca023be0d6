"""Writing a file so that an interrupted run leaves either the old file or the new one.

Everything evalbook writes goes first to a temporary file in the target's own folder (so the
final rename stays on one file system and is atomic) and is renamed over the target only when
the writer finished without an exception.

What can go wrong on the way out is the output's fault, not a bug, so it ends as one
InputError line (exit 2) with the old file untouched: a target that is a folder, a FIFO or a
device (never replaced: renaming over a FIFO would swap the pipe for a file), a full disk, a
name too long, a target another program holds, a folder that takes no new files. SIGTERM (and
SIGHUP) during the write remove the temporary file before the process ends as the signal
asks; SIGINT does so through KeyboardInterrupt. A process that may be killed outright (SIGKILL:
batch's worker past its time limit, when the write holds it in C code that never lets the
handler run) tells watch_temporary's callback which temporary file it has, so that whoever
killed it removes the file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from evalbook.errors import InputError

# Errors that mean "this folder does not take new files", whoever we are (EROFS: even root).
_NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}
_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
# The target is held: another process has it open (Windows), or it is busy.
_LOCKED = {errno.EACCES, errno.EPERM, errno.EBUSY, getattr(errno, "ETXTBSY", errno.EBUSY), errno.EROFS}
# The temporary name: short and fixed in length, so any target name that fits has a temporary
# name that fits (NAME_MAX counts bytes: 80 Chinese characters are 240 of its 255).
_PREFIX = ".~eb"
_MAX_SUFFIX = 10
_TERMINATING = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n))


# Told the temporary file this process is writing, then None once it is renamed or removed.
_watcher: Callable[[Path | None], None] | None = None


def watch_temporary(callback: Callable[[Path | None], None] | None) -> None:
    """Have *callback* told each temporary file atomic_write creates in this process, and None
    when it is gone (renamed into place or removed). Batch's workers record it where their
    parent can read it after a SIGKILL. None: stop telling."""
    global _watcher
    _watcher = callback


def is_temporary(path) -> bool:
    """Whether *path* is named like atomic_write's temporary files (.~eb….tmp…)."""
    name = os.path.basename(os.fsdecode(path))
    return name.startswith(_PREFIX) and ".tmp" in name


def _tell(path: Path | None) -> None:
    if _watcher is not None:
        _watcher(path)


class _Terminated(BaseException):
    """Raised by the signal handler inside a write, so the cleanup below runs."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def atomic_write(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside *target*; on success it replaces *target*.

    Use as ``with atomic_write(out) as tmp: wb.save(tmp)``. If the block raises, the temporary
    file is removed and *target* is left as it was. The new file gets the old file's permission
    bits, or the usual ones for a new file (a private 0600 temporary file would leave it so).
    Raises InputError when the output cannot be written (see the module's doc).
    """
    target = Path(target)
    _refuse_non_regular(target)
    tmp = _create_temp(target)
    _tell(tmp)
    try:
        with _cleanup_on_signals():
            yield tmp
            os.chmod(tmp, _mode_for(target))
            _refuse_non_regular(target)  # it may have become one while we wrote
            os.replace(tmp, target)
        _tell(None)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        _tell(None)
        if isinstance(exc, _Terminated):
            _die_of(exc.signum)
        if isinstance(exc, OSError) and _about_output(exc, tmp, target):
            raise _output_error(exc, target) from exc
        raise


def _refuse_non_regular(target: Path) -> None:
    try:
        st = os.stat(target)  # follows a link: what it points to is what would be replaced
    except (FileNotFoundError, NotADirectoryError):
        return
    except OSError as exc:
        raise _output_error(exc, target) from exc
    if not stat.S_ISREG(st.st_mode):
        raise InputError("output_not_regular", path=target)


def _create_temp(target: Path) -> Path:
    folder = target.parent
    suffix = target.suffix if len(target.suffix) <= _MAX_SUFFIX else ""
    for _ in range(100):
        # The suffix stays the target's so writers that look at the extension behave the same.
        # os.urandom rather than secrets: the same 8 hex digits without importing hashlib and hmac
        tmp = folder / f"{_PREFIX}{os.urandom(4).hex()}.tmp{suffix}"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        except FileExistsError:
            continue
        except OSError as exc:
            # Asking the file system (not is_dir/os.access first) gives the true reason, also for root.
            if exc.errno in _NOT_WRITABLE:
                raise InputError("output_not_writable", path=folder) from exc
            if exc.errno in (errno.ENOENT, errno.ENOTDIR):
                raise InputError("output_folder_missing", path=folder) from exc
            raise _output_error(exc, target) from exc
        os.close(fd)
        return tmp
    raise InputError("output_failed", path=target, detail="no free temporary name")


def _about_output(exc: OSError, tmp: Path, target: Path) -> bool:
    """Whether *exc* is about writing the output (not, say, about reading the source)."""
    if exc.errno in _DISK_FULL:
        return True
    names = {os.fspath(tmp), os.fspath(target)}
    return exc.filename is None or os.fspath(exc.filename) in names or (
        exc.filename2 is not None and os.fspath(exc.filename2) in names)


def _output_error(exc: OSError, target: Path) -> InputError:
    code = exc.errno
    if code in _DISK_FULL:
        return InputError("output_disk_full", path=target)
    if code == errno.ENAMETOOLONG:
        return InputError("output_name_too_long", path=target)
    if code in (errno.EISDIR, errno.ENOTDIR) and os.path.isdir(target):
        return InputError("output_not_regular", path=target)
    if code in _LOCKED:
        return InputError("output_locked", path=target)
    return InputError("output_failed", path=target, detail=exc.strerror or type(exc).__name__)


@contextlib.contextmanager
def _cleanup_on_signals():
    """Within the block, SIGTERM and SIGHUP raise _Terminated (the main thread only: signal
    handlers cannot be set elsewhere, and a worker's parent cleans up after it)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved = {}

    def handler(signum, frame):
        raise _Terminated(signum)

    for sig in _TERMINATING:
        old = signal.getsignal(sig)
        if old in (signal.SIG_IGN, None):
            continue  # ignored stays ignored; None: set outside Python, leave it alone
        saved[sig] = old
        signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, old in saved.items():
            signal.signal(sig, old)


def _die_of(signum: int) -> None:
    """End as *signum* asked, now that the temporary file is gone (its handler is restored)."""
    handler = signal.getsignal(signum)
    if handler == signal.SIG_DFL:
        os.kill(os.getpid(), signum)
    elif callable(handler):
        handler(signum, None)
    raise SystemExit(128 + signum)


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
