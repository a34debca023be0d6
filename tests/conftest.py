import os
import shutil
from pathlib import Path

import pytest

from libreoffice import LibreOffice, ci_is_set, find_soffice

_SESSION: list[LibreOffice] = []


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory):
    """The session's LibreOffice recalculator (see tests/libreoffice.py for how to batch files)."""
    soffice = find_soffice()
    if soffice is None:
        if ci_is_set():
            pytest.fail("CI is set but LibreOffice (soffice) is not installed; .ci/run installs it", pytrace=False)
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui to run this test")
    lo = LibreOffice(soffice, tmp_path_factory.mktemp("libreoffice"))
    _SESSION.append(lo)
    return lo


def pytest_collection_modifyitems(items):
    """Every test that needs LibreOffice, itself or through a fixture built on it, is marked
    `libreoffice`: `pytest -m "not libreoffice"` is the quick suite and never starts soffice."""
    for item in items:
        if "libreoffice" in getattr(item, "fixturenames", ()):  # the fixture closure, not just the arguments
            item.add_marker(pytest.mark.libreoffice)


def pytest_terminal_summary(terminalreporter):
    # The batching is a promise to CI's clock: show what it cost.
    for lo in _SESSION:
        terminalreporter.write_line(
            f"LibreOffice: {lo.calls} soffice starts recalculated {len(lo._done)} workbooks (one private profile)")



def pytest_sessionfinish(session):
    """With EVALBOOK_CORPUS set, keep every workbook the tests built (benchmarks/same_findings.py
    checks that a refactoring leaves `evalbook check` byte-identical on all of them)."""
    corpus = os.environ.get("EVALBOOK_CORPUS")
    factory = getattr(session.config, "_tmp_path_factory", None)
    if not corpus or factory is None:
        return
    base = factory.getbasetemp()
    for p in sorted(base.rglob("*")):
        if p.suffix.lower() in (".xlsx", ".xlsm", ".xls") and p.is_file() and not p.is_symlink():
            dest = Path(corpus) / p.relative_to(base)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(p, dest)
