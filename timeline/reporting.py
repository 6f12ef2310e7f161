"""Reporting a build on stderr as it goes: each problem with an input on one line as soon as it
is met, and a progress bar (documents, events, rate, time left) when stderr is a terminal."""
from __future__ import annotations

import sys
import time

import click

from .build import Outcome
from .documents import Problem, one_line
from .inputs import find_inputs


class StrictStop(Exception):
    """--strict met an input that cannot be used: the run stops, and nothing is written."""


class ProblemReport(list):
    """Problems as reading finds them: each reported on stderr at once, one line."""

    def __init__(self, strict: bool, echo):
        super().__init__()
        self.strict = strict
        self.echo = echo
        self.skipped = 0

    def append(self, problem: Problem) -> None:
        super().append(problem)
        if problem.skipped:
            self.skipped += 1
            if self.strict:
                raise StrictStop(str(problem))
            self.echo(f"Skipped: {problem}")
        else:
            self.echo(f"Warning: {problem}")


class Progress:
    """A progress bar on stderr (documents, events, rate, time left) when it is a terminal.

    Used as the build's ``on_result``: it also prints each document's warnings (and
    with ``verbose`` what cleaning dropped).
    """

    def __init__(self, paths, quiet: bool, verbose: bool = False, follow_links: bool = False):
        self.verbose = verbose
        self.documents = self.events = 0
        self.undated: list[str] = []  # documents without a publication date
        self.unresolved = 0  # how many of them have relative dates left unresolved
        self.started = time.monotonic()
        self.bar = None
        if not quiet and sys.stderr.isatty():
            total = sum(1 for _ in find_inputs(paths, follow_links=follow_links))
            self.bar = click.progressbar(length=total, label="Building", file=sys.stderr,
                                         show_pos=True, item_show_func=self._describe)

    def _describe(self, _item) -> str:
        elapsed = time.monotonic() - self.started
        rate = f", {self.documents / elapsed:.1f} docs/s" if elapsed > 0 else ""
        return f"{self.events} events{rate}"

    def __call__(self, outcome: Outcome) -> None:
        result = outcome.result
        for note in result.notes:
            self.echo(f"Warning: {one_line(note)}")
        if self.verbose:
            self.echo(f"{one_line(result.document.name)}: dropped {outcome.dropped}")
        self.documents += 1
        self.events += len(result.events)
        if result.document.published is None:
            self.undated.append(result.document.name)
            self.unresolved += result.unresolved > 0
        if self.bar is not None:
            self.bar.update(1, result)

    def undated_report(self, shown: int = 3) -> list[str]:
        """One line for the documents without a publication date (all of them named with -v)."""
        if not self.undated:
            return []
        count = len(self.undated)
        names = self.undated if self.verbose else self.undated[:shown]
        listed = ", ".join(one_line(name) for name in names) + ("" if len(names) == count else ", ...")
        unresolved = (f"; {self.unresolved} of them with relative dates left unresolved" if self.unresolved else "")
        more = "" if self.verbose or count <= shown else " (-v lists them all)"
        return [f"Warning: {count} document(s) without a publication date ({listed}){unresolved}{more}; "
                "give dates with a 'published' column in articles.csv, 'published:' front matter, or --published"]

    def merging(self, events: int) -> None:
        """Say on the bar that the documents are done and reports are being merged."""
        if self.bar is not None:
            self.bar.label = f"Merging {events:,} events"
            self.bar.render_progress()

    def echo(self, message: str) -> None:
        if self.bar is not None:
            # Clear the bar's line first so the message does not run into it.
            click.echo("\r\033[K" + message, err=True)
            self.bar.render_progress()
        else:
            click.echo(message, err=True)

    def __enter__(self):
        if self.bar is not None:
            self.bar.__enter__()
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)
        return False
