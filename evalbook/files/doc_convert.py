"""An old binary Word report (.doc) is converted to .docx by LibreOffice Writer when it is
installed, then read like any .docx behind the same door; without it the person is told to
save it as .docx (spec: workbook.md "Word reports").

soffice runs headless with a private profile in a temporary folder (a user's running
LibreOffice, or another conversion at the same time, never shares it) and a time limit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Callable

from evalbook.errors import InputError
from evalbook.files.book import Book, Budget

TIMEOUT_S = 120


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def read_doc(path: str, budget: Budget, open_docx: Callable[[str], Book]) -> Book:
    """Convert *path* to .docx in a private folder and read it with *open_docx* (the door)."""
    program = soffice()
    if program is None:
        raise InputError("doc_needs_word", path=path)
    with tempfile.TemporaryDirectory(prefix="evalbook-doc-") as tmp:
        src = Path(tmp, "report.doc")
        shutil.copyfile(path, src)  # a plain name: soffice mishandles some paths on some systems
        out = Path(tmp, "out")
        profile = Path(tmp, "profile").as_uri()
        cmd = [program, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nolockcheck",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(src)]
        try:
            subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=TIMEOUT_S, check=False, env={**os.environ, "HOME": tmp})
        except (OSError, subprocess.SubprocessError) as e:
            raise InputError("doc_convert_failed", path=path, detail=type(e).__name__) from e
        converted = out / "report.docx"
        if not converted.is_file():
            raise InputError("doc_convert_failed", path=path, detail="no output")
        book = open_docx(str(converted))
        book.path = path
        book.kind = "doc"
        return book
