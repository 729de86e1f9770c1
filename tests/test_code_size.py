"""Issue 15's sizes: no function body over 60 lines (its docstring aside) and no module
over 500 lines in ``esfgraph/``.

The offenders of the day the rule came are listed in PENDING while other branches split
them; the set can only shrink: an entry that is no longer an offender fails the test too,
so that it is removed in the change that fixes it.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "esfgraph"
MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 500

#: Offenders being fixed on other branches ("path" for a module, "path:function" for a
#: function), each with its size when listed. Remove an entry when it is fixed.
PENDING: dict[str, int] = {}


def _body_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Lines from the first statement after the docstring to the function's last line."""
    body = node.body
    if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
        body = body[1:]
    return node.end_lineno - body[0].lineno + 1 if body else 0


def measure(package: Path = PACKAGE) -> dict[str, int]:
    """Every offender in ``package``: ``"path"`` or ``"path:function"`` -> its size in lines."""
    offenders = {}
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(package).as_posix()
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        if lines > MAX_MODULE_LINES:
            offenders[name] = lines
        for node in ast.walk(ast.parse(text, filename=str(path))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                size = _body_lines(node)
                if size > MAX_FUNCTION_LINES:
                    offenders[f"{name}:{node.name}"] = max(size, offenders.get(f"{name}:{node.name}", 0))
    return offenders


def test_no_new_function_or_module_is_too_long():
    new = {name: size for name, size in measure().items() if name not in PENDING}
    assert not new, "over the limits (functions 60 lines without the docstring, modules 500): " + ", ".join(
        f"{name} {size} lines" for name, size in sorted(new.items()))


def test_pending_offenders_are_still_offenders():
    fixed = sorted(set(PENDING) - set(measure()))
    assert not fixed, "no longer too long: remove from PENDING in tests/test_code_size.py: " + ", ".join(fixed)


def test_the_measure_counts_the_body_without_its_docstring(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    (tmp_path / "fits.py").write_text(f'def fits():\n    """Doc.\n\n    More.\n    """\n{body}\n', encoding="utf-8")
    (tmp_path / "long.py").write_text(f"def long():\n{body}\n    return 1\n" + "\n" * 400, encoding="utf-8")
    (tmp_path / "big.py").write_text("x = 1\n" * (MAX_MODULE_LINES + 1), encoding="utf-8")
    assert measure(tmp_path) == {"long.py:long": MAX_FUNCTION_LINES + 1, "big.py": MAX_MODULE_LINES + 1}
