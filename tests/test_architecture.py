"""The domain knows nothing of Streamlit: only coalition_map.ui may import it."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "coalition_map"


def test_core_modules_do_not_import_streamlit():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "ui" in path.relative_to(PACKAGE).parts[:1]:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] == "streamlit" for n in names):
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []
