"""Whether a document is in English, the language timeline reads."""
from __future__ import annotations

import functools
import re
from importlib import resources

# How much of a text is looked at, and how many lower-case words it needs before anything is said.
SAMPLE_CHARACTERS = 5000
MINIMUM_WORDS = 40
# English running text has a tenth to a half of its lower-case words in the list, other languages
# next to none (a list of names has few lower-case words and is not judged).
MINIMUM_SHARE = 0.05
_WORD = re.compile(r"[^\W\d_]+")


@functools.lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    text = resources.files("timeline").joinpath("data/english-words.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def not_english(text: str, declared: str = "") -> str | None:
    """Why ``text`` seems not to be English (its declared language, or too few English words),
    or None when it is English or too short to tell."""
    code = declared.strip().lower().replace("_", "-")
    if code and code.split("-")[0] not in ("en", "eng", "english"):
        return f"is in another language than English ({declared})"
    # Words in lower case only: a list of names (a team line-up, a table of results) is English
    # with few function words, and says nothing either way.
    words = [w for w in _WORD.findall(text[:SAMPLE_CHARACTERS]) if w.islower()]
    if len(words) < MINIMUM_WORDS:
        return None
    english = english_words()
    share = sum(1 for word in words if word in english) / len(words)
    if share < MINIMUM_SHARE:
        return "does not look like English text"
    return None
