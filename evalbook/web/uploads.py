"""Reading an upload: multipart/form-data parsed as it streams in, with the limits applied as the
bytes arrive, so an oversized request is refused before it is read whole.

Each file part is written to a file the server names (``01.upload``, ``02.upload`` … in the
request's private folder); the name the browser sent is kept only as text to show the person
(:func:`display_name`), never used as a path.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from evalbook.web.texts import WebError

MiB = 1024 * 1024
FIELD_LIMIT = 4096  # a form field that is not a file (lang): a few bytes
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".docx", ".doc")  # Word reports are checked, not annotated


@dataclass
class Upload:
    """One file of the request: where the server put it, and what the person called it."""

    display: str
    path: Path | None  # None when the file was refused (over the size limit)
    size: int = 0
    error: WebError | None = None


@dataclass
class Form:
    files: list[Upload] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)


def display_name(raw: str | None, index: int) -> str:
    """The uploaded file's name as text to show: its last path component, without control
    characters, at most 120 characters; "文件N" when it has none."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    return name[:120] or f"文件{index}"


def server_name(index: int, display: str) -> str:
    """The name the server gives file *index*: a number and, when the upload's name ends in one
    of the workbook suffixes, that suffix (how annotate names its copy); nothing else of it."""
    suffix = os.path.splitext(display)[1].lower()
    return f"{index:02d}{suffix if suffix in SUFFIXES else '.xlsx'}"


async def read_form(request, folder: Path, *, max_file: int, max_request: int, max_files: int) -> Form:
    """Parse *request*'s multipart body into *folder* (private to this request).

    Raises WebError 413 when the request is over *max_request* (from Content-Length before
    reading anything, else as soon as the count passes it), 400 when it is not multipart or
    has too many files. A file over *max_file* is dropped as it streams and comes back with its
    error; the other files are kept.
    """
    ctype, params = parse_options_header(request.headers.get("content-type", ""))
    boundary = params.get(b"boundary")
    if ctype != b"multipart/form-data" or not boundary:
        raise WebError("not_multipart", status=400)
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > max_request:
        raise WebError("request_too_large", status=413, limit=_mb(max_request))
    parts = _Parts(folder, max_file=max_file, max_files=max_files)
    parser = MultipartParser(boundary, parts.callbacks())
    total = 0
    try:
        async for chunk in request.stream():
            total += len(chunk)
            if total > max_request:
                raise WebError("request_too_large", status=413, limit=_mb(max_request))
            parser.write(chunk)
        parser.finalize()
    except MultipartParseError as e:
        raise WebError("not_multipart", status=400) from e
    finally:
        parts.close()
    return parts.form


class _Parts:
    """python-multipart's callbacks: each file part streams into its own server-named file."""

    def __init__(self, folder: Path, *, max_file: int, max_files: int):
        self.folder, self.max_file, self.max_files = folder, max_file, max_files
        self.form = Form()
        self.state: dict = {}

    def callbacks(self) -> dict:
        return {"on_part_begin": self.on_part_begin, "on_header_field": self.on_header_field,
                "on_header_value": self.on_header_value, "on_header_end": self.on_header_end,
                "on_headers_finished": self.on_headers_finished, "on_part_data": self.on_part_data,
                "on_part_end": self.on_part_end}

    def on_part_begin(self):
        self.state.clear()
        self.state.update(headers={}, name=b"", value=b"")

    def on_header_field(self, data, start, end):
        self.state["field"] = self.state.get("field", b"") + data[start:end]

    def on_header_value(self, data, start, end):
        self.state["value_h"] = self.state.get("value_h", b"") + data[start:end]

    def on_header_end(self):
        self.state["headers"][self.state.pop("field", b"").lower()] = self.state.pop("value_h", b"")

    def on_headers_finished(self):
        state, form = self.state, self.form
        disp, opts = parse_options_header(state["headers"].get(b"content-disposition", b""))
        state["field_name"] = opts.get(b"name", b"").decode("utf-8", "replace")
        filename = opts.get(b"filename*") or opts.get(b"filename")
        if filename is None:
            state["file"] = None
            return
        if len(form.files) >= self.max_files:
            raise WebError("too_many_files", status=400, limit=self.max_files)
        index = len(form.files) + 1
        display = display_name(filename.decode("utf-8", "replace"), index)
        path = self.folder / server_name(index, display)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        upload = Upload(display, path)
        form.files.append(upload)
        state["file"] = (upload, os.fdopen(fd, "wb"))

    def on_part_data(self, data, start, end):
        part = self.state.get("file")
        if part is None:
            if "file" in self.state and len(self.state["value"]) < FIELD_LIMIT:  # a plain field: a little of it
                self.state["value"] += data[start:end]
            return
        upload, fh = part
        upload.size += end - start
        if upload.error is not None:
            return
        if upload.size > self.max_file:
            fh.close()
            upload.path.unlink(missing_ok=True)
            upload.path = None
            upload.error = WebError("file_too_large", status=413, path=upload.display, limit=_mb(self.max_file))
            return
        fh.write(data[start:end])

    def on_part_end(self):
        part = self.state.get("file")
        if part is None:
            if "file" in self.state:
                self.form.fields[self.state["field_name"]] = self.state["value"][:FIELD_LIMIT].decode("utf-8", "replace")
            return
        self.close()

    def close(self):
        part = self.state.get("file")
        if part is not None and not part[1].closed:
            part[1].close()


def _mb(n: int) -> str:
    return f"{n / MiB:g}"
