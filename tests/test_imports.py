"""The floors of the house: no import circle between files or packages, and a core without Django.

Every ``import`` in ``src/citybridge`` is read from the syntax tree (top-level and inside functions
alike: an import dodged into a function is still a dependency), so a circle cannot hide behind a
lazy import. The floors themselves are drawn in ``docs/architecture.md``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
ROOT_PACKAGE = "citybridge"

# Imports that close a circle in another engineer's area while work is under way: each is left out of
# the graph, with its owner. The lead removes an entry when that branch lands (a test below fails on
# an entry whose import is gone, so none outlives its fix). Empty since issue 16: keep it so.
ALLOWED_IMPORTS: dict[tuple[str, str], str] = {}

# The floors of docs/architecture.md, lowest first: a top-level package imports only from floors
# below its own. The core ends with the fifth floor; web, commands, cli and entry are the shell.
FLOORS: tuple[frozenset[str], ...] = tuple(
    frozenset(floor.split())
    for floor in (
        "exports uploads followup",
        "forms sectors places pipeline",
        "submissions programme",
        "analysis registrations",
        "reports",
        "matching knowledge messages",
        "web",
        "commands",
        "cli",
        "entry",
    )
)

# The shell: the Django application, and the CLI modules that must reach the store through it.
SHELL = ("citybridge.web", "citybridge.cli", "citybridge.commands", "citybridge.entry")


@cache
def module_files() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by the name of its ``__init__``)."""
    modules = {}
    for path in sorted((SRC / ROOT_PACKAGE).rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def _is_package(name: str) -> bool:
    return module_files()[name].name == "__init__.py"


@cache
def imported_names(name: str) -> tuple[str, ...]:
    """The dotted names a module imports, relative imports resolved."""
    return tuple(_imports(name))


def _imports(name: str) -> Iterator[str]:
    tree = ast.parse(module_files()[name].read_text(encoding="utf-8"))
    package = name if _is_package(name) else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # ``from a import b`` imports the module a.b when there is one, else a name of a.
            yield from (f"{base}.{alias.name}" for alias in node.names)
            yield base


@cache
def file_graph() -> dict[str, frozenset[str]]:
    """Which of the package's own modules each module imports (itself and its ancestors left out)."""
    known = module_files()
    graph = {}
    for name in known:
        targets = set()
        for imported in imported_names(name):
            if imported in known:
                targets.add(imported)
        graph[name] = frozenset(
            t
            for t in targets
            if t != name and not name.startswith(t + ".") and (name, t) not in ALLOWED_IMPORTS
        )
    return graph


def package_graph() -> dict[str, frozenset[str]]:
    """Edges between sibling packages (and modules): a.b.x importing a.c.y makes a.b -> a.c."""
    edges: dict[str, set[str]] = {}
    for source, targets in file_graph().items():
        for target in targets:
            a, b = source.split("."), target.split(".")
            common = 0
            while common < min(len(a), len(b)) and a[common] == b[common]:
                common += 1
            if common in (len(a), len(b)):
                continue  # a package and one of its own modules: the package's __init__ exports it
            edges.setdefault(".".join(a[: common + 1]), set()).add(".".join(b[: common + 1]))
    return {node: frozenset(targets) for node, targets in edges.items()}


def circles(graph: dict[str, frozenset[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one node (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(frozenset(component))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph.get(child, ())))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def _shown(found: list[frozenset[str]]) -> str:
    return "; ".join(" <-> ".join(sorted(circle)) for circle in found)


def test_no_module_imports_another_that_imports_it_back():
    found = circles(file_graph())
    assert not found, f"import circles between files: {_shown(found)} (see docs/architecture.md)"


def test_no_package_imports_a_sibling_that_imports_it_back():
    found = circles(package_graph())
    assert not found, f"import circles between packages: {_shown(found)} (see docs/architecture.md)"


def stale_entries(allowed: dict[tuple[str, str], str]) -> list[str]:
    """The allowed imports that no longer appear in their source module."""
    return [
        f"{source} -> {target} ({owner})"
        for (source, target), owner in allowed.items()
        if source not in module_files() or target not in set(imported_names(source))
    ]


def test_every_allowed_import_is_still_written():
    stale = stale_entries(ALLOWED_IMPORTS)
    assert not stale, f"remove from ALLOWED_IMPORTS, the circle is gone: {stale}"


def test_an_allowed_import_whose_import_is_gone_is_named_stale():
    written = ("citybridge.web.reporting", "citybridge.web.partnerships.matching")
    gone = ("citybridge.web.knowledge.views", "citybridge.web.knowledge.booklet")  # the booklet job moved out
    moved = ("citybridge.web.matching", "citybridge.web.partnerships.placing")  # the module itself is gone
    found = stale_entries({written: "kept", gone: "gone", moved: "moved"})
    assert found == [f"{gone[0]} -> {gone[1]} (gone)", f"{moved[0]} -> {moved[1]} (moved)"]


def _in_shell(name: str) -> bool:
    return any(name == shell or name.startswith(shell + ".") for shell in SHELL)


def test_the_core_never_imports_django_or_the_web():
    forbidden = ("django", "ninja", "citybridge.web")
    found = sorted(
        f"{name} imports {imported}"
        for name in module_files()
        if not _in_shell(name)
        for imported in imported_names(name)
        if any(imported == f or imported.startswith(f + ".") for f in forbidden)
    )
    assert not found, f"the core reaches the shell: {found}"


def test_the_walk_sees_imports_inside_functions_and_type_checking_blocks():
    # The CLI reaches the store only inside its commands; the walk must see those imports too.
    assert "citybridge.web.bootstrap" in file_graph()["citybridge.commands.common"]
    assert "citybridge.submissions" in file_graph()["citybridge.commands.common"]  # under TYPE_CHECKING


def test_a_circle_of_three_is_found_and_a_chain_is_not():
    chain = {"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset()}
    ring = {**chain, "c": frozenset({"a"}), "d": frozenset({"a"})}
    assert circles(chain) == []
    assert circles(ring) == [frozenset({"a", "b", "c"})]


def _floor(package: str) -> int:
    return next(number for number, floor in enumerate(FLOORS) if package.removeprefix("citybridge.") in floor)


def test_every_package_stands_on_a_floor():
    packages = {name.split(".")[1] for name in module_files() if name.count(".") >= 1}
    assert packages == set().union(*FLOORS), (
        "place a new package on a floor in FLOORS and docs/architecture.md"
    )


def test_every_package_imports_only_from_the_floors_below_it():
    upward = sorted(
        f"{source} -> {target}"
        for source, targets in package_graph().items()
        if source.count(".") == 1
        for target in targets
        if _floor(target) >= _floor(source)
    )
    assert not upward, f"imports that do not go down a floor (docs/architecture.md): {upward}"


def test_the_architecture_page_draws_the_floors_the_test_enforces():
    page = (SRC.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    drawn = re.findall(r"^\s*(\d+)\s+│\s+([a-z ]+?)\s+│", page, re.MULTILINE)
    assert [frozenset(names.split()) for _, names in sorted(drawn, key=lambda row: int(row[0]))] == list(
        FLOORS
    )
