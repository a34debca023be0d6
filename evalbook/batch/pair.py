"""Pairing a Word 自评报告 with the workbook of its project in the same folder (cli.md "Word
reports": "`batch` pairs a report with a workbook of the same project in the same folder").

A paired workbook is checked again with the report (`check(workbook, report=…)`), so that the
report's sentences are held against the workbook's figures (N101–N104, N108) in the workbook's row,
and the report is named in that row instead of having one of its own. Pairing is cautious: a
wrong pair would hold one project's text against another's figures and cry wolf, so a report
is paired only when exactly one workbook of its folder is its project and that workbook is
the project of no other report there. Otherwise the report is a row of its own, checked like
`evalbook check 报告.docx`.

Same project means, in this order:
1. the report's project table and the workbook both state 项目名称: they are the same name;
2. else the workbook's 项目名称 is a name the report's title gives
   ("智慧城市建设项目支出绩效自评报告" → 智慧城市建设项目; a title broken over two lines is
   read joined too);
3. else (a name missing, or the title names another one) the two file names are the same once
   the words that say which document it is are taken off ("甲项目自评表.xlsx",
   "甲项目自评报告.docx" → 甲).
Names are compared without spaces, full-width forms, quotes and a trailing 项目.
"""

from __future__ import annotations

import os
import re
import unicodedata

# The end of a report's title: what says it is the self-evaluation report, not the project.
_TITLE_END = re.compile(r"(?:的)?(?:项目)?(?:支出)?(?:绩效)?(?:自评价|自我评价|自评|评价)(?:的)?(?:情况)?报告$")
_TITLE_START = re.compile(r"^(?:关于)?(?:\d{4}年度?)?")
# How far into a report its title may stand (the unit's name and a blank line come first).
TITLE_PARAGRAPHS = 6
# Words on a file name's end that say which document it is, taken off repeatedly.
_STEM_WORDS = ("自评报告", "评价报告", "自评表", "评价表", "报告", "自评", "绩效", "支出", "项目", "表")
_SEPARATORS = re.compile(r"[\s_\-—–·.,，、:：;；'\"“”‘’()（）\[\]【】《》<>〈〉]+")
_QUOTES = re.compile(r"[\s\"“”‘’'《》〈〉「」『』]+")


def name_key(text) -> str | None:
    """A project name as compared: no spaces, quotes or full-width forms, no trailing 项目."""
    if text is None:
        return None
    key = _QUOTES.sub("", unicodedata.normalize("NFKC", str(text)))
    if key.endswith("项目") and len(key) > 2:
        key = key[:-2]
    return key or None


def title_names(paragraphs: list[str]) -> list[str]:
    """The project names a report's title gives: the first paragraphs (before the first
    numbered heading) that end like "…项目支出绩效自评报告", without that end, alone and
    joined to the line above (a long title broken over two lines)."""
    names: list[str] = []
    previous = ""
    for text in paragraphs[:TITLE_PARAGRAPHS]:
        line = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
        if re.match(r"^(?:[一二三四五六七八九十]+[、.]|\d+[、.]|第[一二三四五六七八九十\d]+[章部])", line):
            break  # the body has begun
        m = _TITLE_END.search(line)
        if m:
            for candidate in (line[:m.start()], previous + line[:m.start()]):
                candidate = _TITLE_START.sub("", candidate)
                if candidate and candidate not in names:
                    names.append(candidate)
        previous = line
    return names


def stem_key(name: str) -> str | None:
    """A file's name as compared: its stem without separators and document words."""
    stem = os.path.splitext(os.path.basename(name))[0]
    key = _SEPARATORS.sub("", unicodedata.normalize("NFKC", stem)).lower()
    changed = True
    while changed and key:
        changed = False
        for word in _STEM_WORDS:
            if key.endswith(word) and len(key) > len(word):
                key, changed = key[:-len(word)], True
    # "自评表.xlsx", "报告.docx": document words only, no project in the name
    return None if not key or key in _STEM_WORDS else key


def same_project(report, workbook) -> bool:
    """Whether *report* (a FileResult of a Word report) and *workbook* (of a workbook) are
    the same project, by the rules in the module's doc."""
    wb_name, rep_name = name_key(workbook.project), name_key(report.project)
    if wb_name and rep_name:
        return wb_name == rep_name
    if wb_name and any(name_key(t) == wb_name for t in report.titles or ()):
        return True
    rep_stem = stem_key(report.path)
    return rep_stem is not None and rep_stem == stem_key(workbook.path)


def pairs(results) -> tuple[list[tuple[int, int]], dict[int, list[int]]]:
    """(report index, workbook index) of every unambiguous pair among *results*, and, for each
    report left alone because more than one file of its folder matched, the indexes of those
    files (the workbooks it matched, or the other reports that matched its workbook)."""
    folders: dict[str, tuple[list[int], list[int]]] = {}
    for i, res in enumerate(results):
        if res.broken or res.skip:
            continue
        reports, books = folders.setdefault(os.path.dirname(os.path.abspath(res.path)), ([], []))
        (reports if res.document else books).append(i)
    found: list[tuple[int, int]] = []
    ambiguous: dict[int, list[int]] = {}
    for reports, books in folders.values():
        if not reports or not books:
            continue
        match = {r: [b for b in books if same_project(results[r], results[b])] for r in reports}
        taken: dict[int, list[int]] = {}
        for r, bs in match.items():
            for b in bs:
                taken.setdefault(b, []).append(r)
        for r, bs in match.items():
            if len(bs) == 1 and len(taken[bs[0]]) == 1:
                found.append((r, bs[0]))
            elif len(bs) > 1:
                ambiguous[r] = bs
            elif bs:
                ambiguous[r] = [other for other in taken[bs[0]] if other != r]
    return sorted(found), ambiguous
