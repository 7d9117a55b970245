"""Pages and API are siblings: neither imports the other; providers never import search."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "directory"


def imported_modules(folder: str) -> set[str]:
    names = set()
    for path in (PACKAGE / folder).glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names.add(("." * node.level) + node.module)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
    return names


def test_pages_do_not_import_the_api():
    assert not [m for m in imported_modules("web") if m.startswith(("directory.api", "..api"))]


def test_api_does_not_import_the_pages():
    assert not [m for m in imported_modules("api") if m.startswith(("directory.web", "..web"))]


def test_providers_do_not_import_search():
    found = imported_modules("providers")
    assert not [m for m in found if m.startswith(("directory.search", "..search"))]
