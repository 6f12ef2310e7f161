"""Count the regular expressions of Python files that hold words of a language.

A stage should read its words from the language's files; a ``re.compile`` whose pattern text
holds a word ("according to", "killing") is English left in the code.  Regex syntax is taken out
first (escapes such as ``\\b``, character classes, group names and flags), so ``[a-z]{3,}ed`` or
``(?P<n>...)`` count as no words; what remains counts when it holds a run of two letters or more.
Prints each such pattern with its line, then a total per file.

    python scripts/count_word_regexes.py timeline/events.py timeline/gazetteer.py
"""
from __future__ import annotations

import ast
import re
import sys

_SYNTAX = re.compile(r"\\[A-Za-z]|\[(?:\\.|[^\]\\])*\]|\(\?P<\w+>|\(\?P=\w+\)|\(\?[aiLmsux-]+[:)]|\{\d*,?\d*\}")
_WORD = re.compile(r"[^\W\d_]{2,}")


def _pattern_text(node: ast.AST) -> str:
    """The literal text of a pattern argument: its string constants, joined; not those that name what
    fills it (``_CUES["hedge"]``, ``words.get("one")``): keys and arguments of calls are left out."""
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else ""
    if isinstance(node, (ast.Subscript, ast.Call)):
        return ""
    return " ".join(_pattern_text(child) for child in ast.iter_child_nodes(node))


def words_in(path: str) -> list[tuple[int, list[str]]]:
    tree = ast.parse(open(path, encoding="utf-8").read(), path)
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "compile"
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args):
            words = _WORD.findall(_SYNTAX.sub(" ", _pattern_text(node.args[0])))
            if words:
                found.append((node.lineno, words))
    return sorted(found)


def main(paths: list[str]) -> None:
    total = 0
    for path in paths:
        found = words_in(path)
        for line, words in found:
            print(f"{path}:{line}: {' '.join(words)}")
        print(f"{path}: {len(found)} patterns holding words")
        total += len(found)
    print(f"total: {total} patterns holding words")


if __name__ == "__main__":
    main(sys.argv[1:])
