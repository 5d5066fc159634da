"""The project's import graph, read from the source (ast): which project module imports which, and whether the
import runs when the module loads (top level) or only when a function is called."""

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: The project's own packages (tests, benchmarks and scripts stand outside the layers).
APPS = (
    "accounts adminui config core dashboard demo departments directory geo home imports network news reports "
    "search"
).split()


@dataclass(frozen=True)
class Import:
    source: str  # importing module, e.g. "directory.views"
    target: str  # imported project module, e.g. "reports.stats"
    top_level: bool  # runs when `source` loads (not inside a function)
    line: int


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    modules = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                modules[module_name(path)] = path
    return modules


def _resolve(name: str, modules) -> str | None:
    """The project module ``name`` designates (a module, or the package holding an imported name)."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


class _Visitor(ast.NodeVisitor):
    def __init__(self, source, modules):
        self.source, self.modules, self.depth, self.found = source, modules, 0, []

    def _add(self, name, node):
        target = _resolve(name, self.modules)
        if target and target != self.source:
            self.found.append(Import(self.source, target, self.depth == 0, node.lineno))

    def visit_FunctionDef(self, node):
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Import(self, node):
        for alias in node.names:
            self._add(alias.name, node)

    def visit_ImportFrom(self, node):
        if node.level:  # relative: from .x import y
            package = self.source if self.modules[self.source].name == "__init__.py" else self.source
            base = package.rsplit(
                ".", node.level - (1 if self.modules[self.source].name == "__init__.py" else 0)
            )[0]
            module = f"{base}.{node.module}" if node.module else base
        else:
            module = node.module or ""
        for alias in node.names:
            self._add(f"{module}.{alias.name}", node)


def imports() -> list[Import]:
    modules = project_modules()
    found = []
    for name, path in modules.items():
        visitor = _Visitor(name, modules)
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        found.extend(visitor.found)
    return found


def app_of(module: str) -> str:
    return module.split(".")[0]


def cycles(edges: list[Import]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    graph: dict[str, set[str]] = {}
    for edge in edges:
        graph.setdefault(edge.source, set()).add(edge.target)
        graph.setdefault(edge.target, set())
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                component.append(other)
                if other == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found
