"""The front end's modules import one another without a cycle: each can be read (and loaded) after the ones
it uses. Every import statement counts, wherever it is (inside a function too), relative or absolute; only
those under ``if TYPE_CHECKING:`` do not, which are never run (a magic's ``kernel`` is annotated with the
kernel class that imports the magics)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import metapoly


def module_names(package_dir: Path) -> dict[str, Path]:
    """Every module of the package in ``package_dir`` (named after the directory), by dotted name."""
    modules = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = path.relative_to(package_dir.parent).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def imported_modules(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The modules of the package that module ``name`` (at ``path``) imports, anywhere in its code."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in statements(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: `from . import x`, `from ..x import y`
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            # `from package import module` imports that module; `from module import name`, the module.
            found.update(f"{source}.{alias.name}" if f"{source}.{alias.name}" in modules else source
                         for alias in node.names)
    return {module for module in found if module in modules and module != name}


def statements(tree: ast.AST) -> list[ast.AST]:
    """Every node of ``tree`` but those under ``if TYPE_CHECKING:`` (or ``typing.TYPE_CHECKING``)."""
    nodes, pending = [], [tree]
    while pending:
        node = pending.pop()
        nodes.append(node)
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
            pending += node.orelse
        else:
            pending += ast.iter_child_nodes(node)
    return nodes


def import_cycles(package_dir: Path) -> list[list[str]]:
    """The import cycles among the modules of the package in ``package_dir``: each as the modules along it,
    the first repeated at the end."""
    modules = module_names(package_dir)
    graph = {name: sorted(imported_modules(name, path, modules)) for name, path in modules.items()}
    cycles, done = [], set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            cycle = path[path.index(name):] + [name]
            if not any(set(cycle) == set(known) for known in cycles):
                cycles.append(cycle)
            return
        if name in done:
            return
        for imported in graph[name]:
            visit(imported, path + [name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])
    return cycles


@pytest.mark.fast
def test_the_front_end_has_no_import_cycle():
    cycles = import_cycles(Path(metapoly.__file__).parent)
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(cycle) for cycle in cycles)


@pytest.mark.fast
def test_a_cycle_is_found_through_every_kind_of_import(tmp_path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    files = {
        "__init__.py": "",
        "a.py": "from .b import f\n",
        "b.py": "import os\n\ndef f():\n    from pkg.sub import c\n    return c\n",
        "sub/__init__.py": "",
        "sub/c.py": "from .. import d\n",
        "d.py": "import pkg.a\n",
        "e.py": "from . import a\nfrom .sub.c import x\n",  # into the cycle, not part of it
    }
    for name, text in files.items():
        (package / name).write_text(text)
    assert import_cycles(package) == [["pkg.a", "pkg.b", "pkg.sub.c", "pkg.d", "pkg.a"]]
    (package / "d.py").write_text("import os.path\n")
    assert import_cycles(package) == []


@pytest.mark.fast
def test_a_module_importing_its_package_or_itself_is_no_cycle(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("__version__ = '1'\n")
    (package / "a.py").write_text("from . import __version__\nfrom .a import g\n\ndef g():\n    pass\n")
    assert import_cycles(package) == []


@pytest.mark.fast
def test_imports_for_type_checking_only_are_no_cycle(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("import pkg.b\n")
    (package / "b.py").write_text("from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
                                  "    from .a import A\nelse:\n    import os\n")
    assert import_cycles(package) == []
    (package / "b.py").write_text("import typing\n\nif typing.TYPE_CHECKING:\n    pass\nelse:\n"
                                  "    from .a import A\n")
    assert import_cycles(package) == [["pkg.a", "pkg.b", "pkg.a"]]
