"""The Starlette application behind `evalbook serve`.

Routes (spec: cli.md "Web page"):

    GET  /                  the page (Chinese; ?lang=en for English)
    GET  /rules             every rule explained (evalbook rules CODE)
    POST /web/check         the page's upload: one or more files; summary, findings and links
    GET  /download/{token}  an annotated copy or a batch summary, for the session that made it
    GET  /template.xlsx     the blank standard workbook (evalbook new)
    POST /api/check         multipart file -> exactly `evalbook check --format json`'s object
    POST /api/annotate      multipart file -> the annotated workbook (?fix=1: the --fix copy)

Every check runs in a worker process (workers.py), never on the event loop, within a time limit
per file (--timeout): past it the worker is ended and replaced, and that file's answer is one
line (HTTP 504 from the API).
"""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
import tempfile
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from evalbook import __version__
from evalbook.web import work
from evalbook.web.page import page_html, rules_html
from evalbook.web.store import Store
from evalbook.web.texts import WebError, web_text
from evalbook.web.uploads import MiB, read_form
from evalbook.web.workers import TimedOut, WorkerDied, Workers

SESSION_COOKIE = "evalbook_session"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSM = "application/vnd.ms-excel.sheet.macroEnabled.12"
STATIC = Path(__file__).parent / "static"


@dataclass
class Settings:
    profile: str | None = None
    max_file: int = 20 * MiB          # one uploaded file
    max_request: int = 100 * MiB      # one request of the page (several files)
    max_files: int = 50               # files in one request of the page
    ttl: float = 15 * 60              # how long a download is kept, seconds
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    timeout: float | None = 60.0      # seconds one file may take before its worker is ended
    worker_init: Callable[[], None] | None = None  # run in each worker once it has started (tests)


class Service:
    """The server's state: its private folder, the worker pool, the downloads."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.root = Path(tempfile.mkdtemp(prefix="evalbook-serve-"))
        os.chmod(self.root, 0o700)
        (self.root / "work").mkdir(mode=0o700)
        self.store = Store(self.root / "downloads", ttl=settings.ttl)
        self.workers: Workers | None = None
        self.template: Path | None = None

    async def start(self) -> None:
        # Every worker has started and imported before the first upload; then the template,
        # which also proves the profile loads.
        self.workers = Workers(self.settings.jobs, self.settings.worker_init)
        await self.workers.start()
        self.template = Path(await self.workers.run(work.template, str(self.root / "template.xlsx"),
                                                    self.settings.profile))

    async def stop(self) -> None:
        if self.workers is not None:
            await self.workers.close()
        self.store.clear()
        shutil.rmtree(self.root, ignore_errors=True)

    async def run(self, fn, *args, files: int = 1):
        """*fn(*args)* in a worker, within the time limit of *files* files."""
        limit = self.settings.timeout
        return await self.workers.run(fn, *args, timeout=None if limit is None else limit * files)

    async def run_file(self, fn, path: str, display: str, lang: str, *args) -> dict:
        """One uploaded file's call; a time-out or a worker's end is that file's one-line error
        ({"error": …, "status": 504 or 500}), never the whole request's."""
        try:
            return await self.run(fn, path, *args)
        except TimedOut:
            return {"error": web_text("timeout", lang, path=display, seconds=f"{self.settings.timeout:g}"),
                    "status": 504}
        except (WorkerDied, RuntimeError) as exc:
            return {"error": web_text("worker_failed", lang, path=display, detail=str(exc)[:200]),
                    "status": 500}

    def folder(self) -> Path:
        """A new private folder for one request's files."""
        return Path(tempfile.mkdtemp(dir=self.root / "work"))

    async def sweeper(self) -> None:
        while True:
            await asyncio.sleep(min(30.0, max(self.settings.ttl / 4, 0.2)))
            self.store.sweep()


def _lang(request: Request) -> str:
    lang = request.query_params.get("lang", "zh")
    if lang not in ("zh", "en"):
        raise WebError("bad_lang", status=400, value=lang[:20])
    return lang


def _error(err: WebError, lang: str) -> JSONResponse:
    return JSONResponse({"error": err.message(lang)}, status_code=getattr(err, "status", 400))


def _checked_name(display: str, written: str, tag: str = "checked") -> str:
    stem = os.path.splitext(display)[0] or "workbook"
    return f"{stem}.{tag}{os.path.splitext(written)[1]}"


def _media(path: str | Path) -> str:
    return XLSM if str(path).lower().endswith(".xlsm") else XLSX


def _session(request: Request) -> tuple[str, bool]:
    """The caller's session id (its downloads are only its own), and whether it is new."""
    value = request.cookies.get(SESSION_COOKIE, "")
    if len(value) >= 32 and value.replace("-", "").replace("_", "").isalnum():
        return value, False
    return secrets.token_urlsafe(32), True


def _with_session(response: Response, value: str, new: bool) -> Response:
    if new:
        response.set_cookie(SESSION_COOKIE, value, httponly=True, samesite="strict", path="/")
    return response


def _service(request: Request) -> Service:
    return request.app.state.service


async def index(request: Request):
    lang = _lang_or_zh(request)
    value, new = _session(request)
    return _with_session(HTMLResponse(page_html(lang, __version__, _service(request).settings)), value, new)


async def rules(request: Request):
    return HTMLResponse(rules_html(_lang_or_zh(request)))


async def template(request: Request):
    return FileResponse(_service(request).template, media_type=XLSX, filename="自评表模板.xlsx",
                        headers={"Cache-Control": "no-store"})


async def page_check(request: Request):
    """The page's upload: every file checked and annotated; a batch summary for several."""
    service = _service(request)
    settings = service.settings
    value, new = _session(request)
    folder = service.folder()
    try:
        lang = _lang(request)
        form = await read_form(request, folder, max_file=settings.max_file,
                               max_request=settings.max_request, max_files=settings.max_files)
        if not form.files:
            raise WebError("no_file", status=400)
        out = folder / "out"
        out.mkdir()
        jobs = [service.run_file(work.annotate_file, str(u.path), u.display, lang, str(out), u.display,
                                 settings.profile, lang, False, True)
                if u.path is not None else None for u in form.files]
        kept = [u for u in form.files if u.path is not None]
        # The summary is made beside the files' own checks, not after them.
        summary = _summary(service, value, kept, folder, lang) if len(form.files) > 1 and kept else None
        results = await asyncio.gather(*(j for j in jobs if j is not None), *([summary] if summary else []))
        body = {"files": _answers(service, value, form.files, jobs, iter(results), lang)}
        if summary is not None:
            body.update(results[-1])
        return _with_session(JSONResponse(body), value, new)
    except WebError as err:
        return _with_session(_error(err, _lang_or_zh(request)), value, new)
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # the uploads; the downloads were moved out


def _answers(service: Service, session: str, uploads, jobs, results, lang: str) -> list[dict]:
    """Each uploaded file's answer: its report or its one-line error, and its download link."""
    answers = []
    for upload, job in zip(uploads, jobs):
        if job is None:
            answers.append({"name": upload.display, "error": upload.error.message(lang)})
            continue
        result = next(results)
        answer = {"name": upload.display, "report": result.get("report"),
                  "error": result.get("error"), "annotate_error": result.get("annotate_error"),
                  "fix_error": result.get("fix_error")}
        if result.get("written"):
            name = _checked_name(upload.display, result["written"])
            token = service.store.add(session, Path(result["written"]), name)
            answer["annotated"] = {"url": f"/download/{token}", "name": name}
        if result.get("fixed"):
            name = _checked_name(upload.display, result["fixed"], "fixed")
            token = service.store.add(session, Path(result["fixed"]), name)
            answer["fixed"] = {"url": f"/download/{token}", "name": name, "replaced": result["replaced"]}
        answers.append(answer)
    return answers


async def _summary(service: Service, session: str, kept: list, folder: Path, lang: str) -> dict:
    """The batch summary of several files, as a download link (or the reason there is none).
    It names each file as uploaded; the batch gives each file its own time limit, and this
    call all of theirs and one more."""
    summary = str(folder / "summary.xlsx")
    paths = [str(u.path) for u in kept]
    names = {str(u.path): u.display for u in kept}
    try:
        done = await service.run(work.batch_summary, paths, summary, service.settings.profile, lang, names,
                                 service.settings.timeout, files=len(paths) + 1)
    except TimedOut:
        return {"summary_error": web_text("summary_timeout", lang)}
    except (WorkerDied, RuntimeError) as exc:
        return {"summary_error": web_text("summary_failed", lang, detail=str(exc)[:200])}
    if "written" not in done:
        return {"summary_error": done["error"]}
    name = "汇总.xlsx" if lang == "zh" else "summary.xlsx"
    token = service.store.add(session, Path(summary), name)
    return {"summary": {"url": f"/download/{token}", "name": name}}


async def download(request: Request):
    value, _ = _session(request)
    entry = _service(request).store.get(value, request.path_params["token"])
    if entry is None or not entry.path.is_file():
        return _error(WebError("not_found", status=404), _lang_or_zh(request))
    return FileResponse(entry.path, media_type=_media(entry.path), filename=entry.filename,
                        headers={"Cache-Control": "no-store"})


async def _one_upload(request: Request, folder: Path):
    max_file = _service(request).settings.max_file
    form = await read_form(request, folder, max_file=max_file, max_request=max_file + MiB, max_files=1)
    if not form.files:
        raise WebError("no_file", status=400)
    upload = form.files[0]
    if upload.error is not None:
        raise upload.error
    return upload


async def api_check(request: Request):
    service = _service(request)
    folder = service.folder()
    try:
        lang = _lang(request)
        upload = await _one_upload(request, folder)
        result = await service.run_file(work.check_file, str(upload.path), upload.display, lang,
                                        upload.display, service.settings.profile, lang)
        if "error" in result:
            return JSONResponse({"error": result["error"]}, status_code=result.get("status", 422))
        return JSONResponse(result["report"])
    except WebError as err:
        return _error(err, _lang_or_zh(request))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


async def api_annotate(request: Request):
    service = _service(request)
    folder = service.folder()
    keep = False
    try:
        lang = _lang(request)
        fix = _flag(request, "fix")
        upload = await _one_upload(request, folder)
        out = folder / "out"
        out.mkdir()
        result = await service.run_file(work.annotate_file, str(upload.path), upload.display, lang, str(out),
                                        upload.display, service.settings.profile, lang, fix)
        if "error" in result or "annotate_error" in result:
            return JSONResponse({"error": result.get("error") or result["annotate_error"]},
                                status_code=result.get("status", 422))
        if "written" not in result:  # a Word report: checked, but there is no annotated report
            return _error(WebError("annotate_report", status=422, path=upload.display), lang)
        summary = result["report"]["summary"]
        keep = True
        return FileResponse(
            result["written"], media_type=_media(result["written"]),
            filename=_checked_name(upload.display, result["written"], "fixed" if fix else "checked"),
            headers={"X-Evalbook-Errors": str(summary["errors"]),
                     "X-Evalbook-Warnings": str(summary["warnings"]), "Cache-Control": "no-store"},
            background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True))
    except WebError as err:
        return _error(err, _lang_or_zh(request))
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


def create_app(settings: Settings | None = None, ready=None) -> Starlette:
    """The application; *ready()* is called once the workers have started and the page can be served."""
    service = Service(settings or Settings())

    @asynccontextmanager
    async def lifespan(app):
        await service.start()
        if ready is not None:
            ready()
        sweeper = asyncio.create_task(service.sweeper())
        try:
            yield
        finally:
            sweeper.cancel()
            await service.stop()

    app = Starlette(routes=[
        Route("/", index),
        Route("/rules", rules),
        Route("/template.xlsx", template),
        Route("/web/check", page_check, methods=["POST"]),
        Route("/download/{token}", download),
        Route("/api/check", api_check, methods=["POST"]),
        Route("/api/annotate", api_annotate, methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ], lifespan=lifespan, middleware=[Middleware(SecurityHeaders)])
    app.state.service = service
    return app


def _flag(request: Request, name: str) -> bool:
    value = request.query_params.get(name, "").strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("", "0", "false", "no", "off"):
        return False
    raise WebError("bad_flag", status=400, name=name, value=value[:20])


def _lang_or_zh(request: Request) -> str:
    return "en" if request.query_params.get("lang") == "en" else "zh"


SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),  # download links are secrets: never sent on
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy",
     b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'"),
]


class SecurityHeaders:
    """Adds the same safety headers to every response (a plain ASGI wrapper: nothing buffered)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
