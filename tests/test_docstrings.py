"""Every public function in generator/ says what it does (shapes, units, errors, rules)."""

from __future__ import annotations

import ast
from pathlib import Path

GENERATOR = Path(__file__).resolve().parent.parent / "generator"


def public_functions(tree: ast.Module) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    """Module-level functions and methods of module-level classes (nested classes too)
    whose name and class names do not start with '_'; functions inside functions are
    not public."""
    found = []

    def walk(node: ast.AST, private: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                if not private and not child.name.startswith("_"):
                    found.append(child)
            elif isinstance(child, ast.ClassDef):
                walk(child, private or child.name.startswith("_"))

    walk(tree, False)
    return found


def test_every_public_function_has_a_docstring() -> None:
    missing, total = [], 0
    for path in sorted(GENERATOR.rglob("*.py")):
        for fn in public_functions(ast.parse(path.read_text(encoding="utf-8"))):
            total += 1
            if not ast.get_docstring(fn):
                missing.append(f"{path.relative_to(GENERATOR.parent)}:{fn.lineno} {fn.name}")
    assert total > 250  # the walk finds the functions at all
    assert missing == [], f"{len(missing)} of {total} public functions lack a docstring"


def test_the_walk_sees_a_missing_docstring() -> None:
    tree = ast.parse("def shown():\n    pass\n\nclass A:\n    def m(self):\n        '''Doc.'''\n"
                     "\n    def n(self):\n        pass\n\nclass _B:\n    def hidden(self):\n"
                     "        pass\n\ndef _private():\n    pass\n")
    names = [(f.name, ast.get_docstring(f) is not None) for f in public_functions(tree)]
    assert names == [("shown", False), ("m", True), ("n", False)]
