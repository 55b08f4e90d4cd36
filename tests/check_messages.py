"""The messages `check` can give, read from the source of the corpus room (where they are written).

A message is the `message` of a Problem (or of a file's or source's `.problem(...)`, or of a helper of the
same module with a parameter `message`, such as `whole_file(message)`): a string or f-string, or a name
assigned one in the same function, or returned by a function of the same module.
Its documentation key is its longest run of words between two placeholders: the part of the message
that is the same every time (`is already used at` of "id '{id}' is already used at {place}; ...").
"""

from __future__ import annotations

import ast
import re

from conftest import ROOT

RULES = ROOT / "bottleneck_briefs" / "corpus"
HOLE = "\0"  # where a value goes in


def _texts(node: ast.AST | None) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return ["".join(part.value if isinstance(part, ast.Constant) else HOLE for part in node.values)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return [left + right for left in _texts(node.left) or [HOLE] for right in _texts(node.right) or [HOLE]]
    if isinstance(node, ast.IfExp):
        return _texts(node.body) + _texts(node.orelse)
    return []


def _message_argument(call: ast.Call, wording: dict[str, int]) -> ast.AST | None:
    name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
    for keyword in call.keywords:
        if keyword.arg == "message":
            return keyword.value
    if name in wording and len(call.args) > wording[name]:  # a helper of the module: whole_file(message)
        return call.args[wording[name]]
    if name == "Problem":  # Problem(file, line, column, field, message[, severity]); line and column may be *starred
        texts = [arg for arg in call.args[3:] if _texts(arg) or (isinstance(arg, ast.Name) and arg.id != "WARNING")]
        return (
            texts[-1]
            if texts and (len(call.args) > 4 or any(isinstance(arg, ast.Starred) for arg in call.args))
            else None
        )
    if name in ("problem", "warn") and len(call.args) > 1:  # a file's or a source's .problem(where, message)
        return call.args[1]
    if name == "ValueError" and call.args:  # a model's validator: pydantic hands its text to check
        return call.args[0]
    return None


def _returned(function: ast.FunctionDef) -> list[str]:
    return [text for node in ast.walk(function) if isinstance(node, ast.Return) for text in _texts(node.value)]


def _resolved(argument: ast.AST, scope: ast.AST, functions: dict[str, ast.FunctionDef]) -> list[str]:
    """The texts a message argument can hold: its own, or those its name is given in the same function."""
    if not isinstance(argument, ast.Name):
        return _texts(argument)
    texts = []
    for node in ast.walk(scope):
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.NamedExpr)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(target, ast.Name) and target.id == argument.id for target in targets):
                value = node.value
                texts += _texts(value)
                if isinstance(value, ast.Call) and getattr(value.func, "id", None) in functions:
                    texts += _returned(functions[value.func.id])
    return texts


def check_messages() -> dict[str, list[str]]:
    """Every message the corpus room writes, as 'text with \\0 for values' -> the places it is written."""
    found: dict[str, list[str]] = {}
    for path in sorted(RULES.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = {node.name: node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
        wording = {  # the module's own functions that take the message as an argument named `message`
            name: [arg.arg for arg in function.args.args].index("message")
            for name, function in functions.items()
            if "message" in [arg.arg for arg in function.args.args] and name != "problem"
        }
        for name, function in functions.items():  # a helper that words a message: invisible_message(...)
            if name.endswith("_message"):
                for text in _returned(function):
                    found.setdefault(text, []).append(f"{path.name}:{function.lineno}")
        scopes = [node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.Lambda))] or [tree]
        for scope in scopes:
            for call in ast.walk(scope):
                argument = _message_argument(call, wording) if isinstance(call, ast.Call) else None
                if argument is not None:
                    for text in _resolved(argument, scope, functions):
                        found.setdefault(text, []).append(f"{path.name}:{call.lineno}")
    return found


def documentation_key(message: str) -> str | None:
    """The longest run of words between placeholders; None when the message is only values (`{}: {}`)."""
    runs = [re.sub(r"^[\W_]+|[\W_]+$", "", run) for run in message.split(HOLE)]
    runs = [run for run in runs if len(re.findall(r"[a-zA-Z]{2,}", run)) >= 2 or len(run) >= 12]
    return max(runs, key=len) if runs else None
