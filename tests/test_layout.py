"""The package keeps the shape CONTRIBUTING.md describes: imports point down the flow, no
import circle, no module over 600 lines and no function over 100 (issue 13)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "evalbook"

# Lower numbers sit lower: a module may import only from its own part or a lower layer.
LAYERS = {
    "version": 0, "lang": 0,
    "errors": 1,
    "model": 2, "files": 2,
    "read": 3, "report": 3,
    "profiles": 4,
    "rules": 5,
    "pipeline": 6,
    "annotation": 7, "batch": 8, "template": 7,
    "__init__": 9,
    "web": 10, "cli_lang": 10,
    "cli": 11,
    "__main__": 12,
}


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(rel.parts).removesuffix(".__init__")
        yield name, path, ast.parse(path.read_text(encoding="utf-8"))


def part(module: str) -> str:
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else "__init__"


def imports(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "evalbook":
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.split(".")[0] == "evalbook")


def test_every_part_has_a_layer():
    assert {part(name) for name, _, _ in modules()} <= set(LAYERS)


def test_imports_point_down():
    upward = []
    for name, _, tree in modules():
        for target in imports(tree):
            here, there = part(name), part(target)
            if here != there and LAYERS[there] >= LAYERS[here]:
                upward.append(f"{name} -> {target}")
    assert upward == []


def test_no_import_circle():
    graph = {name: set() for name, _, _ in modules()}
    for name, _, tree in modules():
        for target in imports(tree):
            while target not in graph and "." in target:
                target = target.rsplit(".", 1)[0]  # `from evalbook.model.values import num`
            if target in graph and target != name:
                graph[name].add(target)
    # A package's __init__ importing its own submodules is how a package exposes them.
    for name in graph:
        graph[name] = {t for t in graph[name] if not t.startswith(name + ".")}
    seen, on_path, circles = set(), [], []

    def visit(node):
        if node in on_path:
            circles.append(on_path[on_path.index(node):] + [node])
            return
        if node in seen:
            return
        seen.add(node)
        on_path.append(node)
        for nxt in sorted(graph[node]):
            visit(nxt)
        on_path.pop()

    for node in sorted(graph):
        visit(node)
    assert circles == []


def test_no_module_over_600_lines_and_no_function_over_100():
    long = []
    for name, path, tree in modules():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > 600:
            long.append(f"{name}: {lines} lines")
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                size = node.end_lineno - node.lineno + 1
                if size > 100:
                    long.append(f"{name}.{node.name}: {size} lines")
    assert long == []


def test_at_least_four_sub_packages():
    packages = [p.parent.name for p in PACKAGE.glob("*/__init__.py")]
    assert len(packages) >= 4, packages
