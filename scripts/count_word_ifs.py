"""Count the ``if`` tests of Python files that compare against string literals holding letters.

The tagger should keep its words in the language's files; an ``if`` testing a word literal
("fiscal", "last") is English left in the engine.  Prints, for each file, the number of
``if`` statements and conditional expressions, and how many of them test such a literal.

    python scripts/count_word_ifs.py timeline/temporal/*.py
"""
from __future__ import annotations

import ast
import sys


def _literals(test: ast.AST) -> list[str]:
    """The string constants with letters that ``test`` compares something with."""
    found = []
    for node in ast.walk(test):
        if isinstance(node, ast.Compare):
            for operand in [node.left, *node.comparators]:
                for constant in ast.walk(operand):
                    if isinstance(constant, ast.Constant) and isinstance(constant.value, str) \
                            and any(c.isalpha() for c in constant.value):
                        found.append(constant.value)
    return found


def count(path: str) -> tuple[int, int, list[tuple[int, list[str]]]]:
    tree = ast.parse(open(path, encoding="utf-8").read(), path)
    tests = [node for node in ast.walk(tree) if isinstance(node, (ast.If, ast.IfExp))]
    words = [(node.lineno, _literals(node.test)) for node in tests if _literals(node.test)]
    return len(tests), len(words), sorted(words)


def main(paths: list[str]) -> None:
    total_ifs = total_words = 0
    for path in paths:
        ifs, words, where = count(path)
        total_ifs, total_words = total_ifs + ifs, total_words + words
        print(f"{path}: {ifs} ifs, {words} testing string literals")
        if "-v" in sys.argv:
            for line, literals in where:
                print(f"  {line}: {', '.join(map(repr, literals))}")
    print(f"total: {total_ifs} ifs, {total_words} testing string literals")


if __name__ == "__main__":
    main([p for p in sys.argv[1:] if p != "-v"])
