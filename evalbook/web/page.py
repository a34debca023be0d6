"""The page and the rules page: plain HTML from (Chinese, English) texts, a little JS, no build step."""

from __future__ import annotations

import html
import json
import re

from evalbook.lang import pick

T: dict[str, tuple[str, str]] = {
    "title": ("项目支出绩效自评表校验", "Project performance self-evaluation check"),
    "intro": ("把自评表（.xlsx、.xlsm、.xls）或 Word 自评报告（.docx）拖到下面的框里，或点按钮选择文件；可以一次放多个。"
              "文件只用于本次检查，不会保存；下载链接 15 分钟后失效。",
              "Drop self-evaluation workbooks (.xlsx, .xlsm, .xls) or Word reports (.docx) on the box below, or choose them; "
              "several at once are fine. Files are used for this check only and not kept; download links "
              "expire after 15 minutes."),
    "drop": ("把工作簿拖到这里", "Drop workbooks here"),
    "choose": ("选择文件…", "Choose files…"),
    "limit": ("每个文件不超过 {mb} MB", "Up to {mb} MB per file"),
    "template": ("下载空白模板", "Download a blank template"),
    "rules": ("规则说明", "Rules"),
    "switch": ("English", "中文"),
    "switch_href": ("?lang=en", "?lang=zh"),
    "back": ("返回检查页面", "Back to the check page"),
    "rules_intro": ("evalbook 检查的全部规则；每条点开可看原因、示例和改法（与 evalbook rules 代码 相同）。",
                    "Every rule evalbook checks; open one for why, an example and how to fix it "
                    "(the same as evalbook rules CODE)."),
    "noscript": ("此页面需要启用 JavaScript。", "This page needs JavaScript."),
}

# What page.js shows; handed to it as JSON in the page.
JS: dict[str, tuple[str, str]] = {
    "checking": ("正在检查 {n} 个文件…", "Checking {n} file(s)…"),
    "failed": ("上传失败：{detail}", "upload failed: {detail}"),
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "summary": ("错误 {errors} 个，警告 {warnings} 个；计算得分 {computed}（{grade}），自评得分 {claimed}；预算执行率 {rate}",
                "{errors} errors, {warnings} warnings; computed score {computed} ({grade}), claimed {claimed}; budget execution {rate}"),
    "no_findings": ("没有发现问题", "no findings"),
    "annotated": ("下载批注版", "Download annotated copy"),
    "fixed": ("下载修正版", "Download fixed copy"),
    "fixed_title": ("修正版把 {n} 个填错的推算数字（合计、得分、执行率、等级等）换成了公式，原填数字记在“校验结果”表（P109）",
                    "the fixed copy replaces {n} wrong derived figure(s) (totals, scores, rates, grades) by their formulas; "
                    "the stated figures are recorded on the 校验结果 sheet (P109)"),
    "fixed_none": ("无需修正版", "No fixed copy needed"),
    "fixed_none_title": ("没有填错的推算数字可替换：修正版与批注版相同",
                         "no wrong derived figure to replace: the fixed copy would be the annotated copy"),
    "not_fixed": ("未生成修正版：{detail}", "no fixed copy: {detail}"),
    "summary_dl": ("下载汇总表（{n} 个文件）", "Download the summary ({n} files)"),
    "not_annotated": ("未生成批注版：{detail}", "no annotated copy: {detail}"),
    "cell": ("单元格", "cell"),
    "code": ("代码", "code"),
    "severity": ("级别", "severity"),
    "message": ("说明", "message"),
    "ok": ("通过", "passed"),
    "has_errors": ("有错误", "has errors"),
    "unreadable": ("无法检查", "cannot be checked"),
}


def _t(key: str, lang: str, **params) -> str:
    return html.escape(pick(T, key, lang, **params))


def _head(title: str, lang: str) -> str:
    return (f'<!doctype html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n'
            '<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{html.escape(title)}</title>\n<link rel="stylesheet" href="/static/page.css">\n</head>\n')


def page_html(lang: str, version: str, settings) -> str:
    texts = {k: pick(JS, k, lang) for k in JS}
    mb = f"{settings.max_file / (1024 * 1024):g}"
    data = json.dumps({"lang": lang, "texts": texts}, ensure_ascii=False).replace("<", "\\u003c")
    switch = pick(T, "switch_href", lang)
    return (_head(pick(T, "title", lang), lang) + f"""<body>
<header>
  <h1>{_t("title", lang)}</h1>
  <nav><a href="/rules{"?lang=en" if lang == "en" else ""}">{_t("rules", lang)}</a>
  <a href="/template.xlsx" id="template" download>{_t("template", lang)}</a>
  <a href="{switch}" id="switch">{_t("switch", lang)}</a></nav>
</header>
<main>
  <p>{_t("intro", lang)}</p>
  <noscript><p class="bad">{_t("noscript", lang)}</p></noscript>
  <div id="drop" tabindex="0">
    <p>{_t("drop", lang)}</p>
    <label class="button">{_t("choose", lang)}<input type="file" id="files" multiple
      accept=".xlsx,.xlsm,.xls,.docx,.doc,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.openxmlformats-officedocument.wordprocessingml.document"></label>
    <p class="small">{_t("limit", lang, mb=mb)}</p>
  </div>
  <p id="status" role="status"></p>
  <div id="batch"></div>
  <div id="results"></div>
</main>
<footer>evalbook {html.escape(version)}</footer>
<script type="application/json" id="page-data">{data}</script>
<script src="/static/page.js"></script>
</body>
</html>
""")


def rules_html(lang: str) -> str:
    from evalbook.rules.explain import explain, listing

    items = []
    for line in listing(lang).splitlines():
        match = re.match(r"([A-Z]\d{3})\s+(\S+)\s+(.*)", line)
        if not match:
            continue
        code, severity, title = match.groups()
        body = explain(code, lang) or ""
        items.append(f'<details id="{code}"><summary><code>{code}</code> <span class="sev">'
                     f'{html.escape(severity)}</span> {html.escape(title)}</summary>'
                     f'<pre>{html.escape(body)}</pre></details>')
    back = "/?lang=en" if lang == "en" else "/"
    return (_head(pick(T, "rules", lang) + " — evalbook", lang) + f"""<body>
<header><h1>{_t("rules", lang)}</h1><nav><a href="{back}">{_t("back", lang)}</a>
<a href="/rules{"" if lang == "en" else "?lang=en"}">{_t("switch", lang)}</a></nav></header>
<main><p>{_t("rules_intro", lang)}</p>
{chr(10).join(items)}
</main>
</body>
</html>
""")
