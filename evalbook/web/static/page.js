// evalbook's page: send the dropped or chosen files to /web/check, show what comes back.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("page-data").textContent);
  var T = data.texts;
  var drop = document.getElementById("drop");
  var input = document.getElementById("files");
  var statusLine = document.getElementById("status");
  var results = document.getElementById("results");
  var batch = document.getElementById("batch");

  function fmt(text, params) {
    return text.replace(/\{(\w+)\}/g, function (m, k) { return params[k] === undefined ? m : params[k]; });
  }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { node.appendChild(c); });
    return node;
  }
  function num(x) { return x === null || x === undefined ? "—" : String(x); }
  function rate(x) { return x === null || x === undefined ? "—" : (Math.round(x * 10000) / 100) + "%"; }
  function link(dl, label, cls) {
    return el("a", {href: dl.url, download: dl.name, "class": "button " + cls, text: label});
  }

  function showFile(f) {
    var box = el("section", {"class": "file"});
    box.appendChild(el("h2", {text: f.name}));
    if (f.error) {
      box.appendChild(el("p", {"class": "bad line", text: T.unreadable + "：" + f.error}));
      return box;
    }
    var s = f.report.summary;
    box.appendChild(el("p", {"class": "line " + (s.errors ? "bad" : "good"), text:
      (s.errors ? T.has_errors : T.ok) + " — " + fmt(T.summary, {
        errors: s.errors, warnings: s.warnings, computed: num(s.computed_total),
        grade: s.grade || "—", claimed: num(s.claimed_total), rate: rate(s.budget_rate)})}));
    var buttons = el("p", {"class": "downloads"});
    if (f.annotated) buttons.appendChild(link(f.annotated, T.annotated, "annotated"));
    if (f.fixed && f.fixed.replaced > 0) {
      var fixed = link(f.fixed, T.fixed, "fixed");
      fixed.setAttribute("title", fmt(T.fixed_title, {n: f.fixed.replaced}));
      buttons.appendChild(fixed);
    } else if (f.fixed) {
      buttons.appendChild(el("button", {disabled: "disabled", title: T.fixed_none_title, "class": "fixed", text: T.fixed_none}));
    }
    box.appendChild(buttons);
    if (f.annotate_error) box.appendChild(el("p", {"class": "warning", text: fmt(T.not_annotated, {detail: f.annotate_error})}));
    if (f.fix_error) box.appendChild(el("p", {"class": "warning", text: fmt(T.not_fixed, {detail: f.fix_error})}));
    var findings = f.report.findings;
    if (!findings.length) {
      box.appendChild(el("p", {"class": "good", text: T.no_findings}));
      return box;
    }
    var sheet = null, tbody = null;
    findings.forEach(function (x) {
      if (x.sheet !== sheet || tbody === null) {
        sheet = x.sheet;
        box.appendChild(el("h3", {"class": "sheet", text: "[" + (sheet || "—") + "]"}));
        tbody = el("tbody");
        box.appendChild(el("table", {"class": "findings"}, [
          el("thead", {}, [el("tr", {}, [el("th", {text: T.cell}), el("th", {text: T.code}),
                                         el("th", {text: T.severity}), el("th", {text: T.message})])]),
          tbody]));
      }
      tbody.appendChild(el("tr", {"class": "finding", "data-code": x.code, "data-cell": (x.sheet || "") + "!" + (x.cell || "")}, [
        el("td", {"class": "cell", text: x.cell || ""}),
        el("td", {"class": "code", text: x.code}),
        el("td", {"class": x.severity, text: T[x.severity] || x.severity}),
        el("td", {"class": "message", text: x.message})]));
    });
    return box;
  }

  function send(files) {
    if (!files || !files.length) return;
    var form = new FormData();
    Array.prototype.forEach.call(files, function (f) { form.append("file", f, f.name); });
    statusLine.className = "";
    statusLine.textContent = fmt(T.checking, {n: files.length});
    results.innerHTML = "";
    batch.innerHTML = "";
    fetch("/web/check?lang=" + data.lang, {method: "POST", body: form, credentials: "same-origin"})
      .then(function (r) { return r.json().then(function (body) { return {ok: r.ok, body: body}; }); })
      .then(function (res) {
        if (!res.ok) {
          statusLine.className = "bad";
          statusLine.textContent = res.body.error;
          return;
        }
        statusLine.textContent = "";
        if (res.body.summary) batch.appendChild(link(res.body.summary, fmt(T.summary_dl, {n: res.body.files.length}), "summary"));
        if (res.body.summary_error) batch.appendChild(el("p", {"class": "bad", text: res.body.summary_error}));
        res.body.files.forEach(function (f) { results.appendChild(showFile(f)); });
      })
      .catch(function (e) {
        statusLine.className = "bad";
        statusLine.textContent = fmt(T.failed, {detail: e.message || String(e)});
      });
  }

  input.addEventListener("change", function () { send(input.files); input.value = ""; });
  ["dragenter", "dragover"].forEach(function (type) {
    drop.addEventListener(type, function (e) { e.preventDefault(); drop.classList.add("over"); });
  });
  drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
  drop.addEventListener("drop", function (e) {
    e.preventDefault();
    drop.classList.remove("over");
    send(e.dataTransfer && e.dataTransfer.files);
  });
  // A file dropped beside the box must not make the browser leave the page to open it.
  window.addEventListener("dragover", function (e) { e.preventDefault(); });
  window.addEventListener("drop", function (e) { e.preventDefault(); });
})();
