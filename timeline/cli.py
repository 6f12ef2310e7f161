"""The command line: wires the stages together, nothing more."""
from __future__ import annotations

import datetime as dt
import json
import sys
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import click
import tabulate as tabulate_module

from . import __version__, temporal
from .chronology import Timeline
from .build import EXECUTORS, ExecutorError, build_timeline, default_jobs, make_executor
from .documents import DEFAULT_MAX_SIZE, MetadataError, Problem, find_inputs, find_sources, normalise_published
from .output import atomic_output
from .pipeline import DocumentResult, Options
from .plugins import PluginError, collect_exporters, make_manager

DEFAULT_EXPORT_DIR = Path("exports")


def _registry(plugins_dir: str | None):
    if plugins_dir is None and Path("plugins").is_dir():
        plugins_dir = "plugins"
    try:
        return collect_exporters(make_manager(plugins_dir))
    except PluginError as error:
        raise click.ClickException(str(error)) from None


def _parse_day(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option) from None


def _write(timeline: Timeline, format_name: str | None, output: str | None, options: dict, plugins_dir):
    registry = _registry(plugins_dir)
    if format_name is None:
        if output:
            exporter = registry.by_suffix(Path(output).suffix)
            if exporter is None:
                raise click.ClickException(
                    f"cannot tell the format from {output!r}; give one with -f ({', '.join(sorted(registry.exporters))})"
                )
        else:
            exporter = registry.exporters["table"]
    else:
        exporter = registry.exporters.get(format_name)
        if exporter is None:
            raise click.ClickException(
                f"unknown format {format_name!r}; known formats: {', '.join(sorted(registry.exporters))}"
            )
    if output is None and exporter.binary:
        output = str(DEFAULT_EXPORT_DIR / f"timeline{exporter.suffixes[0] if exporter.suffixes else ''}")
        click.echo(f"Writing {exporter.name} to {output}", err=True)
    if output is None or output == "-":
        exporter.write(timeline, sys.stdout.buffer, options)
        sys.stdout.buffer.flush()
    else:
        try:
            with atomic_output(output) as stream:
                exporter.write(timeline, stream, options)
        except OSError as error:
            raise click.ClickException(f"cannot write {output}: {error.strerror or error}") from None


@click.group()
@click.version_option(__version__, prog_name="timeline")
def cli():
    """Turn news articles into a sourced chronology.

    \b
    Example:
        timeline build seeds/ -f table
        timeline build seeds/ -o exports/timeline.xlsx
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-f", "--format", "format_name", help="Output format (default: from the -o suffix, else table).")
@click.option("-o", "--output", help="Output file (default: standard output for text formats).")
@click.option("-t", "--table-format", default="simple", show_default=True,
              type=click.Choice(tabulate_module.tabulate_formats), help="tabulate style for -f table.")
@click.option("--published", help="Publication date for every input (YYYY, YYYY-MM or YYYY-MM-DD); overrides metadata.")
@click.option("--since", help="Keep events that end on or after this day (YYYY-MM-DD).")
@click.option("--until", help="Keep events that start on or before this day (YYYY-MM-DD).")
@click.option("--title", default="Timeline", show_default=True, help="Title of the chronology.")
@click.option("--plugins-dir", type=click.Path(file_okay=False), help="Load exporter plugins from *.py files here (default: ./plugins).")
@click.option("--strict", is_flag=True, help="Stop at the first input that cannot be used (exit status 1, no output).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Documents processed in parallel (default: one per core).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--max-size", type=click.FloatRange(min=0), default=DEFAULT_MAX_SIZE / 1024 / 1024, show_default=True,
              help="Skip documents larger than this many MB (0: no limit).")
@click.option("--executor", type=click.Choice(EXECUTORS), default="local", show_default=True,
              help="Where documents are processed: this machine, or a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address (tcp://host:8786) for --executor dask.")
def build(paths, format_name, output, table_format, published, since, until, title, plugins_dir,
          strict, jobs, quiet, max_size, executor, scheduler):
    """Build a chronology from articles: files, folders (*.txt, *.md) or - for stdin.

    Inputs that cannot be used are reported on stderr, one line each, and left out;
    the exit status is then 1 (with --strict the run stops at the first one).

    \b
    Examples:
        timeline build seeds/                      # a table on the terminal
        timeline build seeds/ -o chronology.xlsx   # an Excel workbook
        cat article.txt | timeline build - --published 2016-05-06 -f json
        timeline build corpus/ -o corpus.json --executor dask --scheduler tcp://head:8786
    """
    since_day, until_day = _parse_day(since, "--since"), _parse_day(until, "--until")
    try:
        normalise_published(published)
    except MetadataError as error:
        raise click.BadParameter(str(error), param_hint="--published") from None
    if scheduler and executor != "dask":
        raise click.BadParameter("a scheduler is only used with --executor dask", param_hint="--scheduler")
    try:
        pool = make_executor(executor, jobs or (None if executor == "dask" else default_jobs()), scheduler)
    except ExecutorError as error:
        raise click.ClickException(str(error)) from None
    try:
        with _Progress(paths, quiet) as progress:
            problems = _ProblemReport(strict, progress.echo)
            sources = find_sources(paths, published=published, problems=problems,
                                   max_size=int(max_size * 1024 * 1024) or None)
            timeline = build_timeline(sources, Options(), title=title, executor=pool, on_result=progress,
                                      problems=problems).between(since_day, until_day)
    except _StrictStop as stop:
        raise click.ClickException(f"{stop} (--strict: stopped, nothing written)") from None
    except BrokenProcessPool:
        raise click.ClickException(
            "a worker process died (out of memory?); try fewer --jobs or a lower --max-size"
        ) from None
    finally:
        pool.close()
    _write(timeline, format_name, output, {"table_format": table_format}, plugins_dir)
    if problems.skipped:
        click.echo(f"{problems.skipped} input(s) skipped; see the messages above.", err=True)
        sys.exit(1)


class _StrictStop(Exception):
    pass


class _ProblemReport(list):
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
                raise _StrictStop(str(problem))
            self.echo(f"Skipped: {problem}")
        else:
            self.echo(f"Warning: {problem}")


class _Progress:
    """A progress bar on stderr (documents, events, rate, time left) when it is a terminal.

    Used as the build's ``on_result``: it also prints each document's warnings.
    """

    def __init__(self, paths, quiet: bool):
        self.documents = self.events = 0
        self.started = time.monotonic()
        self.bar = None
        if not quiet and sys.stderr.isatty():
            total = sum(1 for _ in find_inputs(paths))
            self.bar = click.progressbar(length=total, label="Building", file=sys.stderr,
                                         show_pos=True, item_show_func=self._describe)

    def _describe(self, _item) -> str:
        elapsed = time.monotonic() - self.started
        rate = f", {self.documents / elapsed:.1f} docs/s" if elapsed > 0 else ""
        return f"{self.events} events{rate}"

    def __call__(self, result: DocumentResult) -> None:
        for note in result.notes:
            self.echo(f"Warning: {note}")
        self.documents += 1
        self.events += len(result.events)
        if self.bar is not None:
            self.bar.update(1, result)

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


@cli.command(name="export")
@click.argument("saved", type=click.Path(dir_okay=False))
@click.option("-f", "--format", "format_name", help="Output format (default: from the -o suffix, else table).")
@click.option("-o", "--output", help="Output file (default: standard output for text formats).")
@click.option("-t", "--table-format", default="simple", type=click.Choice(tabulate_module.tabulate_formats))
@click.option("--plugins-dir", type=click.Path(file_okay=False))
def export_command(saved, format_name, output, table_format, plugins_dir):
    """Re-export a chronology saved as JSON, without reading the articles again.

    \b
    Example:
        timeline export exports/timeline.json -o timeline.ics
    """
    from .exporters.json_format import timeline_from_dict

    try:
        data = json.loads(Path(saved).read_text(encoding="utf-8"))
        timeline = timeline_from_dict(data)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise click.ClickException(f"{saved}: not a saved timeline ({error})") from None
    _write(timeline, format_name, output, {"table_format": table_format}, plugins_dir)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--dct", help="Document creation date (YYYY-MM-DD) to resolve relative expressions.")
@click.option("--format", "format_name", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
def tag(files, dct, format_name):
    """Print every temporal expression (TIMEX3) in each file.

    \b
    Example:
        timeline tag article.txt --dct 2016-11-04
    """
    rows = []
    for name in files:
        text = Path(name).read_bytes().decode("utf-8", errors="replace")
        for expression in temporal.tag(text, dct=dct):
            record = expression.as_dict()
            if len(files) > 1:
                record["file"] = name
            if format_name == "jsonl":
                click.echo(json.dumps(record, ensure_ascii=False))
            else:
                rows.append(record)
    if format_name == "table":
        click.echo(tabulate_module.tabulate(rows, headers="keys", disable_numparse=True))


@cli.command()
@click.option("--plugins-dir", type=click.Path(file_okay=False))
def plugins(plugins_dir):
    """List plugins and the formats they provide."""
    registry = _registry(plugins_dir)
    by_owner: dict[str, list[str]] = {}
    for name, owner in registry.owners.items():
        by_owner.setdefault(owner, []).append(name)
    rows = [(owner, ", ".join(formats)) for owner, formats in by_owner.items()]
    click.echo(tabulate_module.tabulate(rows, headers=("plugin", "formats")))


def main():
    cli()
