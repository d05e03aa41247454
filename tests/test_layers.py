"""The layers, checked by reading the imports (``ast``), not by running anything.

pages/*, streamlit_app.py and coalition_map/ui/* (the Streamlit modules) reach
the data only through :mod:`coalition_map.service`: none imports
:mod:`coalition_map.store`. The lower layers never import the higher ones.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "coalition_map"


def streamlit_modules() -> list[Path]:
    return sorted([ROOT / "streamlit_app.py", *(ROOT / "pages").glob("*.py"),
                   *(PACKAGE / "ui").rglob("*.py")])


def module_name(path: Path) -> str:
    """``coalition_map.ui.state`` for a file in the package; the file stem elsewhere."""
    try:
        rel = path.relative_to(ROOT).with_suffix("")
    except ValueError:
        return path.stem
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imported_modules(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every module an import in ``source`` names (relative ones resolved against ``module``).

    ``from a import b`` yields both ``a`` and ``a.b`` (``b`` may be a module).

    >>> sorted(imported_modules("from ..store import codec", "coalition_map.ui.state"))
    ['coalition_map.store', 'coalition_map.store.codec']
    """
    found: set[str] = set()
    package = module.split(".") if is_package else module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - (node.level - 1)] if node.level > 1 else package
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            found.add(prefix)
            found.update(f"{prefix}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(
                node.func, "id", None)) in ("import_module", "__import__") and node.args \
                and isinstance(node.args[0], ast.Constant):
            found.add(str(node.args[0].value))
    return found


def imports_of(path: Path) -> set[str]:
    return imported_modules(path.read_text(encoding="utf-8"), module_name(path),
                            path.name == "__init__.py")


def reaches(names: set[str], target: str) -> list[str]:
    return sorted(n for n in names if n == target or n.startswith(target + "."))


def store_imports() -> dict[str, list[str]]:
    """Streamlit module → the store modules it imports (should be empty)."""
    out = {}
    for path in streamlit_modules():
        hits = reaches(imports_of(path), "coalition_map.store")
        if hits:
            out[str(path.relative_to(ROOT))] = hits
    return out


def test_no_streamlit_module_imports_the_store():
    assert streamlit_modules() and len(streamlit_modules()) > 10
    assert store_imports() == {}


def test_the_check_sees_every_way_of_importing_the_store():
    """Mutation check: each spelling of a store import is caught."""
    for source, module in [
            ("from coalition_map.store import open_store", "pages.x"),
            ("import coalition_map.store.codec as c", "pages.x"),
            ("from coalition_map import store", "streamlit_app"),
            ("from ..store.history import StoreError", "coalition_map.ui.state"),
            ("from .. import store", "coalition_map.ui.editing"),
            ("def f():\n    from ..store import codec\n", "coalition_map.ui.state"),
            ("importlib.import_module('coalition_map.store')", "pages.x")]:
        assert reaches(imported_modules(source, module), "coalition_map.store"), source
    assert not reaches(imported_modules("from ..service import Service",
                                        "coalition_map.ui.state"), "coalition_map.store")
    assert not reaches(imported_modules("from coalition_map import storey", "pages.x"),
                       "coalition_map.store")


#: Layer of each top-level part of the package; a module may import its own layer
#: and the layers below (a higher number), never a layer above.
LAYERS = {
    "ui": 1,
    "commands": 2, "cli": 2, "__main__": 2, "app": 2,
    "service": 3,
    "store": 4, "migrations": 4,
}
LOWEST = 5   # everything else: analysis, graph, kaart, model, typology, vocab, ...


def layer_of(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] != "coalition_map":
        return None
    return LAYERS.get(parts[1], LOWEST) if len(parts) > 1 else LOWEST


def test_lower_layers_do_not_import_higher_ones():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        here = layer_of(module_name(path))
        for name in imports_of(path):
            there = layer_of(name)
            if here is not None and there is not None and there < here:
                wrong.append(f"{module_name(path)} -> {name}")
    assert wrong == []


def import_graph():
    """Module → modules of the package it imports (also inside functions)."""
    import networkx as nx
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        for target in imports_of(path):
            while target and target not in modules:    # coalition_map.x.Name -> .x
                target = target.rpartition(".")[0]
            # a package importing its own submodules (or they it) is how packages work
            if target and target != name and not target.startswith(name + ".") \
                    and not name.startswith(target + "."):
                graph.add_edge(name, target)
    return graph


def test_no_import_cycles_in_the_package():
    """Not even through an import inside a function (chain ↔ coverage had one)."""
    import networkx as nx
    graph = import_graph()
    assert graph.has_edge("coalition_map.analysis.wijkchain", "coalition_map.analysis.coverage")
    assert list(nx.simple_cycles(graph)) == []
    graph.add_edge("coalition_map.analysis.chain", "coalition_map.analysis.coverage")
    assert list(nx.simple_cycles(graph))        # the check sees a cycle when there is one
