"""The command line: a thin shell over the library (spec: cli.md).

Exit 0: no errors (warnings allowed unless --strict); 1: findings of error severity (or, with
--strict, any finding); 2: the input or the command line could not be used — one line on
stderr in the chosen language, never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from evalbook.version import __version__
from evalbook.errors import InputError
from evalbook.cli_lang import default_lang
from evalbook.lang import pick

LANGS = click.Choice(["zh", "en"])


def _codes(text: str | None) -> list[str] | None:
    if not text:
        return None
    return [c.strip() for c in text.replace(";", ",").split(",") if c.strip()]


def _fail(err: InputError, lang: str) -> None:
    click.echo(err.message(lang).replace("\n", " "), err=True)
    sys.exit(2)


def _argv_lang(argv: list[str]) -> str:
    """The language of help and usage errors, read from the raw arguments and the environment:
    a usage error comes before click has parsed them, and its one line must still be in the
    chosen language (evalbook.cli_lang.help_lang)."""
    from evalbook.cli_lang import help_lang

    return help_lang(list(argv))


# What a file given without a command looks like (a drag-and-drop onto a shortcut): `evalbook FILE...` is check.
_FILE_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".ods", ".docx", ".csv", ".pdf", ".xml", ".htm", ".html")


def _looks_like_file(arg: str) -> bool:
    return (os.path.exists(arg) or os.sep in arg or "/" in arg
            or os.path.splitext(arg)[1].lower() in _FILE_SUFFIXES)


class _Group(click.Group):
    """Every way a run can fail ends as one line on stderr and exit 2, in the chosen language."""

    def route(self, argv: list[str]) -> list[str]:
        """The command line click parses: nothing is the help; `FILE...` (no command) is
        `check FILE...`; a leading --lang goes to the command after it."""
        lead, rest = [], list(argv)
        while rest and (rest[0] == "--lang" or rest[0].startswith("--lang=")):
            take = 1 if "=" in rest[0] else 2
            lead, rest = lead + rest[:take], rest[take:]
        if not rest:
            return ["--help"]
        first = rest[0]
        if first in self.commands:
            return [first, *lead, *rest[1:]]
        if first in ("--help", "-h", "--version"):
            return rest
        if first.startswith("-") or _looks_like_file(first):
            return ["check", *lead, *rest]
        return rest

    def main(self, args=None, prog_name=None, **kwargs):
        # numpy is no use to a run and costs 65-90 ms when openpyxl imports it (evalbook.files.openpyxl_load).
        from evalbook.cli_lang import localized
        from evalbook.files.openpyxl_load import lean_imports

        global _PROGRAM
        # No arguments given: the console script or python -m, not a test's CliRunner.
        _PROGRAM = args is None
        argv = list(sys.argv[1:] if args is None else args)
        lang = _argv_lang(argv)
        try:
            with lean_imports(), localized(self, lang):
                try:
                    code = super().main(self.route(argv), prog_name, **{**kwargs, "standalone_mode": False})
                except click.ClickException as exc:
                    from evalbook.errors import error_text

                    click.echo(error_text("usage", lang, detail=exc.format_message().replace("\n", " ")), err=True)
                    _exit(2, lang)
            _pause(lang)
            return code
        except click.exceptions.Exit as exc:
            _exit(exc.exit_code, lang)
        except (click.exceptions.Abort, KeyboardInterrupt):
            from evalbook.errors import error_text

            click.echo(error_text("aborted", lang), err=True)
            _exit(2, lang)
        except SystemExit:
            _pause(lang)
            raise
        except Exception as exc:  # a bug of ours must still be one line, not a traceback
            if os.environ.get("EVALBOOK_DEBUG"):
                raise
            from evalbook.errors import error_text

            click.echo(error_text("internal", lang, kind=type(exc).__name__,
                                  detail=str(exc).replace("\n", " ")[:200]), err=True)
            _exit(2, lang)


def _exit(code: int, lang: str) -> None:
    _pause(lang)
    sys.exit(code)


def _started_by_double_click() -> bool:
    """A console window of its own, opened for this run (a double-click or a drop onto a
    shortcut): Windows tells by the console's process list (only the launcher and python);
    on Linux the desktop shortcut says so with EVALBOOK_PAUSE=1 (README)."""
    if os.environ.get("EVALBOOK_PAUSE") == "1":
        return True
    if sys.platform == "win32":
        try:
            import ctypes

            ids = (ctypes.c_uint * 8)()
            return ctypes.windll.kernel32.GetConsoleProcessList(ids, 8) <= 2
        except (AttributeError, OSError):
            return False
    return False


def _pause(lang: str) -> None:
    """Keep a double-clicked window open until the person has read it ("按回车键关闭")."""
    if not _PROGRAM or not _started_by_double_click():
        return
    try:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            return
        sys.stdout.flush()
        sys.stderr.flush()
        input(cli_text("cli.pause", lang))
    except (EOFError, KeyboardInterrupt, OSError, ValueError):
        pass


_PROGRAM = False


def _finish(code: int) -> None:
    """End a check, annotate or batch run with *code*.

    When evalbook runs as a program, the output is flushed and the process ends without the
    interpreter's teardown: freeing every module and the last workbook's objects one by one
    costs a small form's run 15-30 ms (a tenth of it) and does nothing a finished run needs;
    every file it wrote is closed by then. Under a test's CliRunner, a plain sys.exit.
    """
    if _PROGRAM:
        _pause(_argv_lang(sys.argv[1:]))
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (BrokenPipeError, ValueError):
            pass
        else:
            os._exit(code)
    sys.exit(code)


def _exit_code(reports, strict: bool) -> int:
    if any(r.summary.errors for r in reports):
        return 1
    if strict and any(r.summary.warnings for r in reports):
        return 1
    return 0


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="evalbook")
def main():
    """evalbook: checks 项目支出绩效自评 workbooks before they go upstream.

    Files given without a command (a drop onto a shortcut) are checked: evalbook FILE... is evalbook check FILE...

    \b
    Example:
      evalbook check examples/smart_city.xlsx
      evalbook annotate examples/smart_city.xlsx -o checked.xlsx
      evalbook serve
    """


def common_options(func):
    for opt in reversed([
        click.option("--profile", "profile", default=None, metavar="NAME|PATH",
                     help="Scoring profile: mof2020 (default), free10, budget20, framework2013, or a TOML file."),
        click.option("--select", default=None, metavar="CODES", help="Only these codes or prefixes (C101,P)."),
        click.option("--ignore", default=None, metavar="CODES", help="Drop these codes or prefixes (T)."),
        click.option("--lang", type=LANGS, default=default_lang,
                     help="Language of messages: zh (default, or EVALBOOK_LANG) or en."),
        click.option("--strict", is_flag=True, help="Warnings fail too (exit 1)."),
        click.option("--year", type=click.IntRange(1990, 2100), default=None, metavar="YYYY",
                     help="The evaluation year expected: S110 when 评价年度 is missing or differs."),
        click.option("-q", "--quiet", is_flag=True, help="Only the summary line (text) / nothing on success."),
    ]):
        func = opt(func)
    return func


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@common_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--max-cells", type=click.IntRange(min=1), default=None, metavar="N",
              help="Refuse a workbook of more than N cells (default 500,000; rows, merged area "
                   "and shared strings scale with it).")
@click.option("--report", "report", type=click.Path(), default=None, metavar="REPORT.docx",
              help="The Word 自评报告 whose text is cross-checked against the workbook (N rules).")
def check(files, profile, select, ignore, lang, strict, year, quiet, fmt, max_cells, report):
    """Check workbooks (or Word reports, .docx) and print findings; writes nothing.

    \b
    Example:
      evalbook check examples/smart_city.xlsx
      evalbook check --format json --ignore T 自评表.xlsx
      evalbook check 自评报告.docx
      evalbook check 自评表.xlsx --report 自评报告.docx
    """
    from evalbook.profiles import load as load_profile
    from evalbook.pipeline import check as run_check
    from evalbook.report.text import render_report

    try:
        prof = load_profile(profile)
    except InputError as err:
        _fail(err, lang)
    reports = []
    limits = None
    if max_cells is not None:
        from evalbook.files.book import Limits

        limits = Limits.scaled(max_cells)
    from evalbook.files.door import is_lock_file, lock_note

    forms = [f for f in files if not is_lock_file(f)]
    if forms:  # a lock file is skipped with its note; given alone, the door refuses it (exit 2)
        for f in files:
            if is_lock_file(f):
                click.echo(lock_note(f, lang), err=True)
    from evalbook.files.book import paused_gc

    # No cycle collection until the process ends: the reports keep every workbook's model
    # alive, and a full pass over them after the last read (30 ms on a 5,000-leaf form, a
    # twenty-fifth of its check) frees nothing.
    with paused_gc():
        for f in forms or files:
            try:
                reports.append(run_check(f, prof, lang, _codes(select), _codes(ignore), limits=limits, year=year,
                                         report=report))
            except InputError as err:
                _fail(err, lang)
        for r in reports:
            if fmt == "json":
                click.echo(json.dumps(r.to_json(), ensure_ascii=False))
            else:
                click.echo(render_report(r, lang, quiet=quiet), nl=False)
        _finish(_exit_code(reports, strict))


@main.command()
@click.argument("file", type=click.Path())
@click.option("-o", "--output", "out", type=click.Path(), default=None,
              help="Where to write (default <stem>.checked.xlsx beside the input).")
@click.option("--in-place", is_flag=True, help="Overwrite the input, keeping <stem>.bak.xlsx first.")
@click.option("--allow-loss", is_flag=True, help="Write even if parts openpyxl cannot keep would be lost.")
@click.option("--fix", is_flag=True,
              help="Also write formulas over wrong derived figures (totals, subtotals, rates); each replaced "
                   "value is recorded in 校验结果 and reported as P109 by every later check.")
@click.option("--max-cells", type=click.IntRange(min=1), default=None, metavar="N",
              help="Refuse a workbook of more than N cells (default 300,000; rows, merged area "
                   "and shared strings scale with it).")
@common_options
def annotate(file, out, in_place, allow_loss, fix, max_cells, profile, select, ignore, lang, strict, year, quiet):
    """Write the annotated workbook: formulas, comments, marks, live checks, a 校验结果 sheet.

    \b
    Example:
      evalbook annotate examples/smart_city.xlsx -o smart_city.checked.xlsx
    """
    from evalbook.annotation import annotate as run_annotate
    from evalbook.profiles import load as load_profile
    from evalbook.files.book import Limits, paused_gc

    try:
        prof = load_profile(profile)
        limits = Limits.scaled(max_cells) if max_cells is not None else None
        with paused_gc():  # one workbook, then the process ends: full GC passes only cost time
            report, written = run_annotate(file, out=out, profile=prof, lang=lang, in_place=in_place,
                                           allow_loss=allow_loss, select=_codes(select), ignore=_codes(ignore),
                                           year=year, fix=fix, limits=limits)
    except InputError as err:
        _fail(err, lang)
    if not quiet:

        click.echo(cli_text("cli.written", lang, path=str(written), errors=report.summary.errors,
                                warnings=report.summary.warnings))
        from evalbook.files.door import CONVERTED_KINDS, sniff

        if sniff(file) in CONVERTED_KINDS:  # said on the command line too, not only in 校验结果
            click.echo(cli_text("cli.converted", lang, path=str(file)))
            if in_place and written.name.endswith(".checked.xlsx"):
                click.echo(cli_text("cli.kept_xlsx", lang, path=str(written.with_name(
                    written.name[:-len(".checked.xlsx")] + ".xlsx")), out=str(written)))
    _finish(_exit_code([report], strict))


@main.command(name="new")
@click.argument("file", type=click.Path())
@click.option("--profile", "profile", default=None, metavar="NAME|PATH", help="Scoring profile for the tier caps.")
@click.option("--lang", type=LANGS, default=default_lang,
              help="Language of messages: zh (default, or EVALBOOK_LANG) or en.")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
def new(file, profile, lang, force):
    """Write a blank standard workbook (the template in templates/).

    \b
    Example:
      evalbook new 2024自评表.xlsx && evalbook check 2024自评表.xlsx
    """
    from evalbook.profiles import load as load_profile
    from evalbook.template import write_template

    try:
        write_template(Path(file), load_profile(profile), overwrite=force)
    except InputError as err:
        _fail(err, lang)


@main.command()
@click.argument("code", required=False)
@click.option("--lang", type=LANGS, default=default_lang,
              help="Language of messages: zh (default, or EVALBOOK_LANG) or en.")
def rules(code, lang):
    """List the rules, or explain one (why, example, how to fix).

    \b
    Example:
      evalbook rules
      evalbook rules T103
    """
    from evalbook.rules.explain import explain, listing

    if code is None:
        click.echo(listing(lang), nl=False)
        return
    text = explain(code.upper(), lang)
    if text is None:
        _fail(InputError("unknown_rule", code=code), lang)
    click.echo(text, nl=False)


class _ProgressBar:
    """click's bar on stderr, opened once the batch knows how many files it has."""

    def __init__(self, lang: str):
        self.lang, self.bar = lang, None

    def __call__(self, done: int, total: int, result) -> None:
        if self.bar is None:

            from evalbook.batch.texts import batch_text

            self.bar = click.progressbar(length=total, label=batch_text("batch.progress", self.lang),
                                         file=sys.stderr, show_pos=True)
            self.bar.__enter__()
        if result is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", "out", type=click.Path(), default=None,
              help="The summary workbook (.xlsx); required unless --format json.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Files checked at once, each in a worker process (default: the number of cores).")
@click.option("--annotate-to", type=click.Path(), default=None, metavar="DIR",
              help="Also write each file's annotated copy into DIR, mirroring the folders.")
@click.option("--allow-loss", is_flag=True, help="Annotate even if parts openpyxl cannot keep would be lost.")
@click.option("--force", is_flag=True, help="Replace an existing summary workbook.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60, show_default=True, metavar="SECONDS",
              help="Give up a file after this many seconds (a row 超时).")
@click.option("--max-memory", type=click.FloatRange(min=64), default=2048, show_default=True, metavar="MB",
              help="Give up a file that needs more memory than this (a row 内存超限).")
@common_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: one check object per file (JSON Lines) on stdout.")
def batch(inputs, out, jobs, annotate_to, allow_loss, force, timeout, max_memory, profile, select, ignore, lang,
          strict, year, quiet, fmt):
    """Check many workbooks (folders are searched for .xlsx/.xlsm/.xls/.et and Word reports .docx/.doc) into one summary workbook.

    An unreadable file is a row of the summary, not the end of the batch. A Word report is
    paired with the workbook of its project in its folder (its text checked against it), or
    is a row of its own. Exit 1 when any file has errors or could not be read.

    \b
    Example:
      evalbook batch 收到的自评表/ -o 汇总.xlsx --annotate-to 已批注/
      evalbook batch a.xlsx b.xlsx --format json --jobs 1
    """
    from evalbook.batch import run_batch, skipped_lines
    from evalbook.profiles import load as load_profile

    try:
        if out is None and fmt != "json":
            raise InputError("batch_no_output")
        prof = load_profile(profile)
        bar = _ProgressBar(lang) if sys.stderr.isatty() else None
        try:
            results = run_batch(inputs, out, jobs=jobs, annotate_to=annotate_to, profile=prof, lang=lang,
                                select=_codes(select), ignore=_codes(ignore), allow_loss=allow_loss,
                                progress=bar, year=year, force=force, timeout=timeout, memory_mb=max_memory)
        finally:
            if bar is not None:
                bar.close()
    except InputError as err:
        _fail(err, lang)
    if fmt == "json":
        for r in results:
            click.echo(json.dumps(r.to_json(), ensure_ascii=False))
    elif not quiet:

        from evalbook.batch.texts import batch_text

        click.echo(batch_text(
            "batch.done", lang, files=len(results),
            errors=sum(1 for r in results if r.status == "errors"),
            warnings=sum(1 for r in results if r.status == "warnings"),
            unreadable=sum(1 for r in results if r.broken)))
        click.echo(batch_text("batch.written", lang, path=out))
        for line in skipped_lines(results.skipped, lang):
            click.echo(line)
    failed = any(r.broken or r.errors for r in results)
    if strict and any(r.warnings for r in results):
        failed = True
    _finish(1 if failed else 0)  # the workers have been joined and the summary closed


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but 127.0.0.1 lets other computers reach the page.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port (0: any free port).")
@click.option("--profile", "profile", default=None, metavar="NAME|PATH",
              help="Scoring profile: mof2020 (default), free10, budget20, framework2013, or a TOML file.")
@click.option("--max-file-mb", type=click.FloatRange(min=0.001), default=20, show_default=True,
              help="Size limit of one uploaded file, MB.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of cores).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60, show_default=True, metavar="SECONDS",
              help="Give up a file not checked within this time (its worker is replaced).")
@click.option("--lang", type=LANGS, default=default_lang,
              help="Language of the server's own lines; the page is Chinese with an English switch.")
def serve(host, port, profile, max_file_mb, jobs, timeout, lang):
    """Start a local web page: drop workbooks in a browser, see the findings, download the annotated copy.

    Only this computer can reach it (127.0.0.1) unless --host says otherwise.

    \b
    Example:
      evalbook serve
      evalbook serve --port 8080 --profile free10
    """
    from evalbook.web import missing_dependencies
    from evalbook.web.texts import WebError

    missing = missing_dependencies()
    if missing:
        _fail(WebError("missing_deps", names=", ".join(missing)), lang)
    from evalbook.web.app import Settings
    from evalbook.web.server import serve as run_server

    settings = Settings(profile=profile, max_file=int(max_file_mb * 1024 * 1024), timeout=timeout)
    settings.max_request = max(settings.max_request, 5 * settings.max_file)
    if jobs:
        settings.jobs = jobs
    try:
        if profile is not None:
            from evalbook.profiles import load as load_profile

            load_profile(profile)  # a bad --profile is one line now, not a failed start later
        run_server(host, port, lang, settings)
    except InputError as err:
        _fail(err, lang)


def cli_text(key: str, lang: str, **params) -> str:
    return pick(CLI_TEXTS, key, lang, **params)


CLI_TEXTS: dict[str, tuple[str, str]] = {
    'cli.written': (
        '已写入 {path}（错误 {errors} 个，警告 {warnings} 个）',
        'wrote {path} ({errors} errors, {warnings} warnings)',
    ),
    'cli.pause': (
        '按回车键关闭',
        'press Enter to close',
    ),
    'cli.kept_xlsx': (
        '注意：{path} 已存在，未覆盖；批注版写到 {out}',
        'note: {path} exists and was not replaced; the annotated copy is {out}',
    ),
    'cli.converted': (
        '注意：{path} 为 .xls，批注版另存为 .xlsx',
        'note: {path} is an .xls; the annotated copy is an .xlsx',
    ),
}


if __name__ == "__main__":  # pragma: no cover
    main()
