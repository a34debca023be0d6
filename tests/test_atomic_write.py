import os
import shutil
import stat
import tempfile
from pathlib import Path

import openpyxl
import pytest

from evalbook.files.atomic import atomic_write
from evalbook.errors import InputError


def _leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def test_success_replaces_the_target_and_leaves_no_temp_file(tmp_path):
    target = tmp_path / "结果 表.checked.xlsx"
    target.write_bytes(b"old")
    with atomic_write(target) as tmp:
        assert tmp.parent == tmp_path and tmp != target
        wb = openpyxl.Workbook()
        wb.active["A1"] = "new"
        wb.save(tmp)
        assert target.read_bytes() == b"old"  # nothing visible until the block succeeds
    assert openpyxl.load_workbook(target).active["A1"].value == "new"
    assert _leftovers(tmp_path, {target.name}) == []


def test_exception_mid_write_keeps_the_old_file_and_removes_the_temp_file(tmp_path):
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old contents")
    with pytest.raises(RuntimeError, match="disk on fire"):
        with atomic_write(target) as tmp:
            tmp.write_bytes(b"half a wor")
            raise RuntimeError("disk on fire")
    assert target.read_bytes() == b"old contents"
    assert _leftovers(tmp_path, {target.name}) == []


def test_exception_before_anything_is_written_creates_no_target(tmp_path):
    target = tmp_path / "new.xlsx"
    with pytest.raises(KeyboardInterrupt):
        with atomic_write(target):
            raise KeyboardInterrupt
    assert _leftovers(tmp_path, set()) == []


def test_replacing_keeps_the_old_permission_bits(tmp_path):
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    with atomic_write(target) as tmp:
        tmp.write_bytes(b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_new_file_gets_the_umask_permissions_not_private_ones(tmp_path):
    old = os.umask(0o022)
    try:
        with atomic_write(tmp_path / "new.xlsx") as tmp:
            tmp.write_bytes(b"new")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.xlsx").stat().st_mode) == 0o644


def test_missing_output_folder_is_an_input_error(tmp_path):
    folder = tmp_path / "no such folder"
    with pytest.raises(InputError) as caught:
        with atomic_write(folder / "out.xlsx"):
            pass
    assert caught.value.key == "output_folder_missing"
    assert "不存在" in caught.value.message("zh")


def _attempt_in_read_only_folder(folder: Path) -> str:
    """What atomic_write raises for *folder*, as "key|path"; run unprivileged because root may write anywhere."""

    def attempt() -> str:
        try:
            with atomic_write(folder / "out.xlsx") as tmp:
                tmp.write_bytes(b"x")
        except InputError as exc:
            return f"{exc.key}|{exc.params['path']}"
        except BaseException as exc:  # reported to the parent, which fails the test
            return f"unexpected {exc!r}"
        return "written"

    if os.geteuid() != 0:
        return attempt()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: drop root (nobody), report through the pipe, never return into pytest
        try:
            os.close(read_end)
            os.setgid(65534)
            os.setuid(65534)
            os.write(write_end, attempt().encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        answer = pipe.read().decode()
    os.waitpid(pid, 0)
    return answer


def test_read_only_output_folder_is_an_input_error_naming_the_folder():
    # Not tmp_path: pytest's base folder is private to root, so an unprivileged child could not even reach it.
    folder = Path(tempfile.mkdtemp(prefix="evalbook-ro-"))
    try:
        folder.chmod(0o555)
        assert _attempt_in_read_only_folder(folder) == f"output_not_writable|{folder}"
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)
    message = InputError("output_not_writable", path=folder).message("zh")
    assert message == f"无法写入 {folder}：目录不可写，请换一个输出位置"
