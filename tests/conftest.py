import pytest

from libreoffice import LibreOffice, ci_is_set, find_soffice


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory):
    """The session's LibreOffice recalculator (see tests/libreoffice.py for how to batch files)."""
    soffice = find_soffice()
    if soffice is None:
        if ci_is_set():
            pytest.fail("CI is set but LibreOffice (soffice) is not installed; .ci/run installs it", pytrace=False)
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui to run this test")
    return LibreOffice(soffice, tmp_path_factory.mktemp("libreoffice"))
