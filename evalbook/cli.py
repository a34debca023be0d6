"""The command line: a thin shell over the library (spec: cli.md).

Exit 0: no errors (warnings allowed unless --strict); 1: findings of error severity (or, with
--strict, any finding); 2: the input or the command line could not be used — one line on
stderr in the chosen language, never a traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import InputError

LANGS = click.Choice(["zh", "en"])


def _codes(text: str | None) -> list[str] | None:
    if not text:
        return None
    return [c.strip() for c in text.replace(";", ",").split(",") if c.strip()]


def _fail(err: InputError, lang: str) -> None:
    click.echo(err.message(lang).replace("\n", " "), err=True)
    sys.exit(2)


class _Command(click.Command):
    """Usage errors as one line in the chosen language, exit 2 (click prints several lines)."""

    def main(self, *args, **kwargs):
        kwargs.setdefault("standalone_mode", True)
        try:
            return super().main(*args, **{**kwargs, "standalone_mode": False})
        except click.exceptions.Abort:
            click.echo("中止 / aborted", err=True)
            sys.exit(2)
        except click.ClickException as exc:
            lang = "en" if "--lang=en" in sys.argv or ("--lang" in sys.argv and "en" in sys.argv) else "zh"
            from .messages import error_text

            click.echo(error_text("usage", lang, detail=exc.format_message().replace("\n", " ")), err=True)
            sys.exit(2)


class _Group(click.Group):
    command_class = _Command

    def main(self, *args, **kwargs):
        try:
            return super().main(*args, **{**kwargs, "standalone_mode": False})
        except click.ClickException as exc:
            from .messages import error_text

            lang = "en" if "en" in sys.argv else "zh"
            click.echo(error_text("usage", lang, detail=exc.format_message().replace("\n", " ")), err=True)
            sys.exit(2)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)


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

    \b
    Example:
      evalbook check examples/smart_city.xlsx
      evalbook annotate examples/smart_city.xlsx -o checked.xlsx
    """


def common_options(func):
    for opt in reversed([
        click.option("--profile", "profile", default=None, metavar="NAME|PATH",
                     help="Scoring profile: mof2020 (default), free10, budget20, or a TOML file."),
        click.option("--select", default=None, metavar="CODES", help="Only these codes or prefixes (C101,P)."),
        click.option("--ignore", default=None, metavar="CODES", help="Drop these codes or prefixes (T)."),
        click.option("--lang", type=LANGS, default="zh", show_default=True, help="Language of messages."),
        click.option("--strict", is_flag=True, help="Warnings fail too (exit 1)."),
        click.option("-q", "--quiet", is_flag=True, help="Only the summary line (text) / nothing on success."),
    ]):
        func = opt(func)
    return func


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@common_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def check(files, profile, select, ignore, lang, strict, quiet, fmt):
    """Check workbooks and print findings; writes nothing.

    \b
    Example:
      evalbook check examples/smart_city.xlsx
      evalbook check --format json --ignore T 自评表.xlsx
    """
    from . import profiles
    from .engine import check as run_check
    from .textout import render_report

    try:
        prof = profiles.load(profile)
    except InputError as err:
        _fail(err, lang)
    reports = []
    for f in files:
        try:
            reports.append(run_check(f, prof, lang, _codes(select), _codes(ignore)))
        except InputError as err:
            _fail(err, lang)
    for r in reports:
        if fmt == "json":
            click.echo(json.dumps(r.to_json(), ensure_ascii=False))
        else:
            click.echo(render_report(r, lang, quiet=quiet), nl=False)
    sys.exit(_exit_code(reports, strict))


@main.command()
@click.argument("file", type=click.Path())
@click.option("-o", "--output", "out", type=click.Path(), default=None,
              help="Where to write (default <stem>.checked.xlsx beside the input).")
@click.option("--in-place", is_flag=True, help="Overwrite the input, keeping <stem>.bak.xlsx first.")
@click.option("--allow-loss", is_flag=True, help="Write even if parts openpyxl cannot keep would be lost.")
@common_options
def annotate(file, out, in_place, allow_loss, profile, select, ignore, lang, strict, quiet):
    """Write the annotated workbook: formulas, comments, marks, live checks, a 校验结果 sheet.

    \b
    Example:
      evalbook annotate examples/smart_city.xlsx -o smart_city.checked.xlsx
    """
    from . import profiles
    from .annotate import annotate as run_annotate

    try:
        prof = profiles.load(profile)
        report, written = run_annotate(file, out=out, profile=prof, lang=lang, in_place=in_place,
                                       allow_loss=allow_loss, select=_codes(select), ignore=_codes(ignore))
    except InputError as err:
        _fail(err, lang)
    if not quiet:
        from .messages import message_text

        click.echo(message_text("cli.written", lang, path=str(written), errors=report.summary.errors,
                                warnings=report.summary.warnings))
    sys.exit(_exit_code([report], strict))


@main.command(name="new")
@click.argument("file", type=click.Path())
@click.option("--profile", "profile", default=None, metavar="NAME|PATH", help="Scoring profile for the tier caps.")
@click.option("--lang", type=LANGS, default="zh", show_default=True)
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
def new(file, profile, lang, force):
    """Write a blank standard workbook (the template in templates/).

    \b
    Example:
      evalbook new 2024自评表.xlsx && evalbook check 2024自评表.xlsx
    """
    from . import profiles
    from .template import write_template

    try:
        write_template(Path(file), profiles.load(profile), overwrite=force)
    except InputError as err:
        _fail(err, lang)


@main.command()
@click.argument("code", required=False)
@click.option("--lang", type=LANGS, default="zh", show_default=True)
def rules(code, lang):
    """List the rules, or explain one (why, example, how to fix).

    \b
    Example:
      evalbook rules
      evalbook rules T103
    """
    from .ruledocs import explain, listing

    if code is None:
        click.echo(listing(lang), nl=False)
        return
    text = explain(code.upper(), lang)
    if text is None:
        _fail(InputError("unknown_rule", code=code), lang)
    click.echo(text, nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
