#!/usr/bin/env python3
"""Print the import cycles between the project's own modules; exit 1 when there is one.

Every `import` and `from … import` counts, at module level or inside a function (a function-level
import is still a dependency: it only hides the cycle from Python, not from the reader). Only the
project's packages are followed; a package's `__init__` counts as the module `pkg`. Tests, migrations
and benchmarks are left out: they sit on top of everything by design.

    python scripts/import_cycles.py          # prints "no import cycles" or each cycle, one per line
    python scripts/import_cycles.py --graph  # also prints every edge
"""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("accounts", "resumes", "interviews", "saylo", "core")
SKIPPED_PARTS = {"tests", "migrations", ".venv", "__pycache__"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py") if (ROOT / package).is_dir() else ():
            if SKIPPED_PARTS.intersection(path.relative_to(ROOT).parts):
                continue
            modules[module_name(path)] = path
    return modules


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The project module `name` refers to: itself, or the nearest package above it."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            # `from pkg import mod` imports the submodule when there is one.
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
            targets = [t for t in targets if t in modules] or [base]
        if isinstance(node, ast.Import | ast.ImportFrom):
            if isinstance(node, ast.ImportFrom) and node.module == "__future__":
                continue
            for target in targets:
                resolved = _resolve(target, modules)
                # A module importing its own package's names is not a dependency on itself.
                if resolved and resolved != name and not name.startswith(resolved + "."):
                    found.add(resolved)
    return found


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), each as a sorted list."""
    index, low, stack, on_stack, out = {}, {}, [], set(), []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph.get(node, ())):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    sys.setrecursionlimit(10000)
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(out)


def build_graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def main(argv: list[str]) -> int:
    graph = build_graph()
    if "--graph" in argv:
        for name in sorted(graph):
            for target in sorted(graph[name]):
                print(f"{name} -> {target}")
    cycles = find_cycles(graph)
    if not cycles:
        print(f"no import cycles among {len(graph)} modules")
        return 0
    for component in cycles:
        edges = [f"{a} -> {b}" for a in component for b in sorted(graph[a]) if b in component]
        print(f"cycle of {len(component)} modules: " + "; ".join(edges))
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
