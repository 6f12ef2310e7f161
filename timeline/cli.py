"""The command line: wires the stages together, nothing more."""
from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import itertools
import json
import os
import sys
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import click
import tabulate as tabulate_module

from . import __version__, collector, temporal
from .build import EXECUTORS, ExecutorError, Outcome, build_timeline, default_jobs, make_executor, prepare
from .chronology import Timeline
from .cleaning import RulesError
from .coding import EventTypesError
from .documents import (DEFAULT_MAX_SIZE, MetadataError, Problem, find_inputs, find_sources, normalise_published,
                        on_one_line, read_documents,
                        one_line, readable_name)
from .output import atomic_output
from .exporters.base import ExportError, write_timeline
from .gazetteer import NamesError
from .pipeline import Options
from .plugins import PluginError, load_plugins, strict_from_environment

DEFAULT_EXPORT_DIR = Path("exports")


def _registry(plugins_dir: str | None):
    """Load the plugins: built-ins, installed ones, and *.py files in --plugins-dir (or $TIMELINE_PLUGINS_DIR)."""
    try:
        return load_plugins(plugins_dir, warn=lambda message: click.echo(message, err=True))
    except PluginError as error:
        raise click.ClickException(str(error)) from None


def _plugins_dir_in(args: list[str]) -> str | None:
    """The --plugins-dir value in raw arguments: exporters' options must be known before parsing."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--plugins-dir" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--plugins-dir="):
            return arg.split("=", 1)[1]
    return None


class FormatCommand(click.Command):
    """A command that writes a chronology: it offers the options every exporter declares."""

    def parse_args(self, ctx, args):
        if "timeline.registry" not in ctx.meta:
            ctx.meta["timeline.registry"] = _registry(_plugins_dir_in(args))
        return super().parse_args(ctx, args)

    def get_params(self, ctx):
        params = super().get_params(ctx)
        registry = ctx.meta.get("timeline.registry")
        if registry is None:
            registry = ctx.meta["timeline.registry"] = _registry(None)
        taken = {p.name: "timeline" for p in params}
        taken.update({opt: "timeline" for p in params for opt in p.opts + p.secondary_opts})
        extra = []
        for option, owner in registry.exporter_options():
            names = [*option.opts, *option.secondary_opts, option.name]
            clash = next((n for n in names if n in taken), None)
            if clash is not None:
                if taken[clash] == owner and option in extra:
                    continue
                first = taken[clash]
                raise click.ClickException(
                    f"option {clash!r} of plugin {registry.plugins[owner].describe()} clashes with "
                    f"{'a built-in option' if first == 'timeline' else 'plugin ' + registry.plugins[first].describe()}"
                )
            taken.update({n: owner for n in names})
            extra.append(option)
        for param in params:
            if param.name == "format_name":  # name the formats this installation has
                param.help = (f"Output format: {', '.join(sorted(registry.exporters))} "
                              "(default: from the -o suffix, else table).")
        help_option = self.get_help_option(ctx)
        return [p for p in params if p is not help_option] + extra + [p for p in params if p is help_option]


class _Text(click.ParamType):
    """Text written into the outputs: bytes of the command line that are not UTF-8 become U+FFFD
    (see readable_name) rather than fail the writing at the end of a run."""

    name = "text"

    def convert(self, value, param, ctx):
        return readable_name(value)


class _OneLine(_Text):
    """Text for one line of the outputs (a title): a line break or control character there
    could start a new property in a calendar, so it is a usage error."""

    def convert(self, value, param, ctx):
        value = super().convert(value, param, ctx)
        if on_one_line(value) != value:
            self.fail("holds a line break or a control character; give it on one line", param, ctx)
        return value


TEXT = _Text()
ONE_LINE = _OneLine()


def _write_options(table_format: str, columns: str | None, extra: dict) -> dict:
    """What an exporter's write() receives: the shared format options and its own (their text
    as every output can write it: see readable_name)."""
    options = {name: readable_name(value) if isinstance(value, str) else value for name, value in extra.items()}
    options.update(table_format=table_format, columns=columns,
                   report=lambda message: click.echo(message, err=True))
    return options


def _parse_day(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option) from None


def _choose_exporter(registry, format_name: str | None, output: str | None):
    if format_name is None:
        if output and output != "-":
            exporter = registry.by_filename(Path(output).name)
            if exporter is None:
                raise click.ClickException(
                    f"cannot tell the format from {output!r}; give one with -f ({', '.join(sorted(registry.exporters))})"
                )
            return exporter
        return registry.exporters["table"]
    exporter = registry.exporters.get(format_name)
    if exporter is None:
        hint = ""
        if not any(info.path for info in registry.plugins.values()) and Path("plugins").is_dir():
            hint = "; plugin files in ./plugins load only when asked for: --plugins-dir plugins"
        raise click.ClickException(
            f"unknown format {format_name!r}; known formats: {', '.join(sorted(registry.exporters))}{hint}"
        )
    return exporter


def _write(timeline: Timeline, format_name: str | None, output: str | None, options: dict, registry):
    """Write the timeline with the chosen exporter: to -o (atomically), stdout, or exports/ for binary formats."""
    exporter = _choose_exporter(registry, format_name, output)
    if output is None and exporter.binary:
        output = str(DEFAULT_EXPORT_DIR / f"timeline{exporter.suffixes[0] if exporter.suffixes else ''}")
        click.echo(f"Writing {exporter.name} to {output}", err=True)
    if output == "-" and exporter.binary and sys.stdout.isatty():
        raise click.ClickException(f"{exporter.name} is a binary format; give -o FILE or redirect standard output")
    try:
        if output is None or output == "-":
            try:
                write_timeline(exporter, timeline, sys.stdout.buffer, options)
                sys.stdout.buffer.flush()
            except BrokenPipeError:  # `timeline build ... | head` is fine; no error when Python flushes at exit
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        else:
            try:
                with atomic_output(output) as stream:
                    write_timeline(exporter, timeline, stream, options)
            except BrokenPipeError:  # -o /dev/stdout read by `head`, or a named pipe closed early: as above
                pass
    except ExportError as error:
        raise click.UsageError(f"-f {exporter.name}: {error}") from None
    except OSError as error:
        target = "standard output" if output in (None, "-") else output
        raise click.ClickException(f"cannot write {target}: {error.strerror or error}") from None
    except Exception as error:
        owner = registry.owner_of(exporter.name)
        if owner.origin == "built-in" or strict_from_environment():
            raise
        raise click.ClickException(
            f"format {exporter.name!r} of plugin {owner.describe()} failed: {type(error).__name__}: {error}"
        ) from None


@click.group()
@click.version_option(__version__, prog_name="timeline")
def cli():
    """Turn news articles into a sourced chronology.

    \b
    Example:
        timeline build seeds/ -f table
        timeline build seeds/ -o exports/timeline.xlsx
    """


def format_options(command):
    """The output options shared by `build` and `export` (exporters add their own at run time)."""
    for decorator in reversed((
        click.option("-f", "--format", "format_name",
                     help="Output format (default: from the -o suffix, else table); `timeline plugins --all` lists them."),
        click.option("-o", "--output", help="Output file, - for standard output (default: standard output for text formats)."),
        click.option("-t", "--table-format", default="simple", show_default=True,
                     type=click.Choice(tabulate_module.tabulate_formats), metavar="STYLE",
                     help="Table style for -f table: any tabulate format (github, grid, pipe, psql, ...)."),
        click.option("--columns", metavar="NAME,NAME...",
                     help="Columns for table, csv and markdown, e.g. date,title,places (see docs/formats.md)."),
        click.option("--plugins-dir", type=click.Path(file_okay=False),
                     help="Load exporter plugins from the *.py files here (default: $TIMELINE_PLUGINS_DIR; "
                          "no folder is loaded unless named)."),
    )):
        command = decorator(command)
    return command


@cli.command(cls=FormatCommand)
@click.argument("paths", nargs=-1, required=True)
@format_options
@click.option("--published", help="Publication date for every input (YYYY, YYYY-MM or YYYY-MM-DD); overrides metadata.")
@click.option("--since", help="Keep events that end on or after this day (YYYY-MM-DD).")
@click.option("--until", help="Keep events that start on or before this day (YYYY-MM-DD).")
@click.option("--title", default="Timeline", show_default=True, type=ONE_LINE,
              help="Title of the chronology (calendar name, page title).")
@click.option("--no-merge", is_flag=True, help="Keep reports of the same happening from different articles apart.")
@click.option("-v", "--verbose", is_flag=True, help="Report on stderr what cleaning dropped from each document.")
@click.option("--names", "names_file", type=click.Path(dir_okay=False),
              help="Extra places and actors: KIND<tab>CATEGORY<tab>NAME<tab>VARIANT|VARIANT lines.")
@click.option("--event-types", "event_types", type=click.Path(dir_okay=False),
              help="Extra event type rules (EVENT_TYPE<tab>SUB_EVENT_TYPE<tab>PATTERN lines, tried first).")
@click.option("--clean-rules", "clean_rules", type=click.Path(dir_okay=False),
              help="Extra cleaning rules: ACTION<tab>REASON<tab>PATTERN lines (ACTION end or line).")
@click.option("--strict", is_flag=True, help="Stop at the first input that cannot be used (exit status 1, no output).")
@click.option("--follow-links", is_flag=True, help="Read links in folders that point to files outside them.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Documents processed in parallel (default: one per core).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--max-size", type=click.FloatRange(min=0), default=DEFAULT_MAX_SIZE / 1024 / 1024, show_default=True,
              help="Skip documents larger than this many MB (0: no limit).")
@click.option("--executor", type=click.Choice(EXECUTORS), default="local", show_default=True,
              help="Where documents are processed: this machine, or a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address (tcp://host:8786) for --executor dask.")
@click.option("--offline", is_flag=True,
              help="Read web addresses only from the cache of pages fetched before; fetch nothing.")
def build(paths, format_name, output, table_format, columns, plugins_dir, published, since, until, title,
          no_merge, verbose, names_file, event_types, clean_rules, strict, follow_links, jobs, quiet, max_size, executor, scheduler,
          offline, **exporter_options):
    """Build a chronology from articles: files (text, web pages, PDF, Word, RSS/Atom feeds),
    folders, web addresses (http:// or https://) or - for stdin.

    A web address is fetched once and kept in the cache folder (~/.cache/timeline/pages, or
    $TIMELINE_CACHE_DIR); later runs read it from there. A feed gives one document per entry.

    Inputs that cannot be used are reported on stderr, one line each, and left out;
    the exit status is then 1 (with --strict the run stops at the first one).

    \b
    Examples:
        timeline build seeds/                      # a table on the terminal
        timeline build seeds/ -o chronology.xlsx   # an Excel workbook
        cat article.txt | timeline build - --published 2016-05-06 -f json
        timeline build seeds/ -v --names my-names.tsv --no-merge
        timeline build seeds/ --event-types my-event-types.tsv -f json
        timeline build https://example.org/news/article.html saved-feed.xml -f json
        timeline build https://example.org/news/article.html --offline   # from the cache only
        timeline build corpus/ -o corpus.json --executor dask --scheduler tcp://head:8786
    """
    since_day, until_day = _parse_day(since, "--since"), _parse_day(until, "--until")
    try:
        normalise_published(published)
    except MetadataError as error:
        raise click.BadParameter(str(error), param_hint="--published") from None
    options = Options(cleaning_rules=clean_rules, names=names_file, event_types=event_types)
    try:
        prepare(options)
    except (RulesError, NamesError, EventTypesError) as error:
        raise click.ClickException(str(error)) from None
    if scheduler and executor != "dask":
        raise click.BadParameter("a scheduler is only used with --executor dask", param_hint="--scheduler")
    try:
        pool = make_executor(executor, jobs or (None if executor == "dask" else default_jobs()), scheduler)
    except ExecutorError as error:
        raise click.ClickException(str(error)) from None
    try:
        with _Progress(paths, quiet, verbose, follow_links) as progress:
            problems = _ProblemReport(strict, progress.echo)
            sources = find_sources(paths, published=published, problems=problems,
                                   max_size=int(max_size * 1024 * 1024) or None, follow_links=follow_links,
                                   offline=offline)
            # Building makes many objects and no cycles (see timeline.collector), and what it
            # builds lives until the run ends: it is frozen before the collector runs again, so
            # that no collection walks it (one took 0.1 s at the end of a 2,452-document build).
            with collector.paused():
                timeline = build_timeline(sources, options, title=title, merge=not no_merge, executor=pool,
                                          on_result=progress, problems=problems,
                                          on_merge=progress.merging).between(since_day, until_day)
                gc.freeze()
    except _StrictStop as stop:
        raise click.ClickException(f"{stop} (--strict: stopped, nothing written)") from None
    except BrokenProcessPool:
        raise click.ClickException(
            "a worker process died (out of memory?); try fewer --jobs or a lower --max-size"
        ) from None
    finally:
        pool.close()
    registry = click.get_current_context().meta["timeline.registry"]
    _write(timeline, format_name, output, _write_options(table_format, columns, exporter_options), registry)
    # What is left lives until the process ends: the collection Python makes on its way out
    # would walk every event for nothing.
    gc.freeze()
    for line in progress.undated_report():
        click.echo(line, err=True)
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


@cli.command(name="export", cls=FormatCommand)
@click.argument("saved", type=click.Path(dir_okay=False, allow_dash=True))
@format_options
@click.option("--title", type=ONE_LINE, help="Title of the chronology (default: the saved one).")
def export_command(saved, format_name, output, table_format, columns, plugins_dir, title, **exporter_options):
    """Re-export a chronology saved as JSON (- for stdin), without reading the articles again.

    \b
    Examples:
        timeline build seeds/ -o exports/timeline.json
        timeline export exports/timeline.json -o timeline.ics
        timeline export exports/timeline.json -f table --columns date,title,places
    """
    from .exporters.json_format import SavedTimelineError, read_timeline

    try:
        if saved == "-":
            timeline = read_timeline(sys.stdin.buffer)
        else:
            with open(saved, "rb") as stream:
                timeline = read_timeline(stream)
    except OSError as error:
        raise click.ClickException(f"{saved}: {error.strerror or error}") from None
    except SavedTimelineError as error:
        raise click.ClickException(f"{saved}: not a saved timeline ({error})") from None
    if title is not None:
        timeline = dataclasses.replace(timeline, title=title)
    registry = click.get_current_context().meta["timeline.registry"]
    _write(timeline, format_name, output, _write_options(table_format, columns, exporter_options), registry)


def _read_dct_map(path: str) -> dict[str, str]:
    """``FILE<TAB>DATE`` lines: each file's creation date, keyed by the name as given and by its base name."""
    mapping: dict[str, str] = {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise click.BadParameter(f"cannot read {path}: {error}", param_hint="--dct-file") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        name, tab, date = line.partition("\t")
        if not tab or not date.strip():
            raise click.BadParameter(f"{path}:{number}: expected FILE<TAB>DATE", param_hint="--dct-file")
        mapping[name.strip()] = _checked_dct(date.strip(), f"{path}:{number}")
    return mapping


def _checked_dct(value: str | None, where: str) -> str | None:
    if value is None:
        return None
    try:
        return normalise_published(value)
    except MetadataError as error:
        raise click.BadParameter(f"{where}: {error}", param_hint="--dct") from None


@cli.command(name="text")
@click.argument("paths", nargs=-1, required=True)
@click.option("--metadata", is_flag=True,
              help="Print each document's metadata (where its date came from too) as a JSON line, not its text.")
@click.option("--max-size", type=click.FloatRange(min=0), default=DEFAULT_MAX_SIZE / 1024 / 1024, show_default=True,
              help="Skip documents larger than this many MB (0: no limit).")
@click.option("--follow-links", is_flag=True, help="Read links in folders that point to files outside them.")
def text_command(paths, metadata, max_size, follow_links):
    """Print the text of each document as timeline read it.

    Events' offsets point into this text, for a web page, a PDF or a Word file as for a
    .txt file (front matter is not part of it), so each event's sentence can be checked by
    hand. Several documents are each headed by a line '==> NAME <=='.

    \b
    Examples:
        timeline text page.html                 # the article text found in a saved page
        timeline text report.pdf | less
        timeline text corpus/ --metadata        # title, outlet, url, date and where it came from
    """
    problems = _ProblemReport(False, lambda message: click.echo(message, err=True))
    documents = read_documents(paths, problems=problems, max_size=int(max_size * 1024 * 1024) or None,
                               follow_links=follow_links)
    first = next(documents, None)
    second = next(documents, None)
    several = second is not None
    for document in filter(None, itertools.chain((first, second), documents)):
        if metadata:
            click.echo(json.dumps(document.metadata(), ensure_ascii=False))
            continue
        if several:
            click.echo(f"==> {one_line(document.name)} <==")
        click.echo(document.text, nl=several and not document.text.endswith("\n"))
    if problems.skipped:
        sys.exit(1)


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--dct", help="Document creation date (YYYY-MM-DD, YYYY-MM or YYYY) to resolve relative expressions; "
              "overrides the documents' own dates.")
@click.option("--dct-file", type=click.Path(dir_okay=False),
              help="Tab-separated FILE<TAB>DATE lines giving each file its own creation date (overrides --dct).")
@click.option("--format", "format_name", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
def tag(files, dct, dct_file, format_name):
    """Print every temporal expression (TIMEX3) in each document.

    Documents are read as `timeline build` reads them (web pages, PDFs, sidecar and front
    matter), and dated as it dates them unless --dct or --dct-file says otherwise. One JSON
    object per line: start, end (character offsets into the document's text as `timeline
    text` prints it, end exclusive), text, type, value, and mod where one applies; file
    too when several documents are given.

    \b
    Examples:
        timeline tag article.txt --dct 2016-11-04
        timeline tag *.txt --dct-file dates.tsv --format table
    """
    dct = _checked_dct(dct, "--dct")
    dct_map = _read_dct_map(dct_file) if dct_file else {}
    problems = _ProblemReport(False, lambda message: click.echo(message, err=True))
    rows = []
    several = len(files) > 1
    for name in files:
        for document in read_documents([name], problems=problems):
            several = several or document.name != Path(name).name
            file_dct = dct_map.get(name, dct_map.get(Path(name).name, dct or document.published))
            for expression in temporal.tag(document.text, dct=file_dct):
                record = expression.as_dict()
                if several:
                    record["file"] = name if document.name == Path(name).name else document.name
                if format_name == "jsonl":
                    click.echo(json.dumps(record, ensure_ascii=False))
                else:
                    rows.append(record)
    if format_name == "table":
        click.echo(tabulate_module.tabulate(rows, headers="keys", disable_numparse=True))
    if problems.skipped:
        sys.exit(1)


@cli.command()
@click.argument("corpus", type=click.Path(exists=True))
@click.option("--errors", "error_limit", default=15, show_default=True, help="How many of each kind of error to list.")
def evaluate(corpus, error_limit):
    """Score the tagger on a folder of TimeML files (TempEval-3 Task A), for developers.

    \b
    Example:
        timeline evaluate ../shared/corpora/tempeval3/tbaq
    """
    from .evaluation import evaluate_corpus

    result = evaluate_corpus(corpus)
    for problem in result.problems:
        click.echo(f"Warning: {problem}", err=True)
    if not result.documents:
        raise click.ClickException(f"{corpus}: no TimeML document (.tml) could be read there; "
                                   "give a folder of TimeML files such as TempEval-3's")
    click.echo(f"{result.documents} documents, {result.total.gold} gold and {result.total.system} tagged expressions")
    click.echo(tabulate_module.tabulate(result.table(), headers=("measure", "P", "R", "F1"), disable_numparse=True))
    if error_limit:
        for kind, rows in result.errors(error_limit).items():
            click.echo(f"\nmost frequent {kind}:")
            for text, count in rows:
                click.echo(f"  {count:4d}  {text}")


@cli.command()
@click.option("--all", "show_all", is_flag=True, help="Include the built-in plugins.")
@click.option("--json", "as_json", is_flag=True, help="JSON for scripts.")
@click.option("--plugins-dir", type=click.Path(file_okay=False),
              help="Also load *.py plugins from here (default: $TIMELINE_PLUGINS_DIR).")
def plugins(show_all, as_json, plugins_dir):
    """List plugins: name, where each comes from (its file, its distribution and version, or
    built-in), hooks and the formats each provides.

    \b
    Examples:
        timeline plugins --all
        TIMELINE_LOAD_PLUGINS=timeline-jsonl timeline plugins --json
    """
    registry = _registry(plugins_dir)
    if not any(info.path for info in registry.plugins.values()) and Path("plugins").is_dir():
        click.echo("Note: ./plugins is not loaded unless named: --plugins-dir plugins (or TIMELINE_PLUGINS_DIR), "
                   "if you trust the code in it", err=True)
    listing = []
    for name, info in registry.plugins.items():
        if info.origin == "built-in" and not show_all:
            continue
        listing.append({
            "name": name,
            "version": info.version,
            "origin": info.origin,
            "distribution": info.distribution,
            "path": info.path,
            "source": info.source,
            "hooks": registry.hooks_of(name),
            "formats": [f for f, owner in registry.owners.items() if owner == name],
        })
    if as_json:
        click.echo(json.dumps(listing, indent=2))
        return
    if listing:
        rows = [(p["name"], p["version"] or "", p["source"], ", ".join(p["hooks"]), ", ".join(p["formats"]))
                for p in listing]
        click.echo(tabulate_module.tabulate(rows, headers=("plugin", "version", "from", "hooks", "formats"),
                                            disable_numparse=True))
    else:
        click.echo("No plugins besides the built-in ones.")
    if not show_all:
        # The built-in exporters are plugins too: name them, and say how to see them in full.
        builtin = [f for f, owner in registry.owners.items() if registry.plugins[owner].origin == "built-in"]
        click.echo(f"Built-in formats: {', '.join(builtin)} (`timeline plugins --all` lists their plugins).")


@cli.command()
@click.argument("gold_dir", default="tests/gold", type=click.Path(exists=True, file_okay=False))
@click.option("--update", is_flag=True, help="Raise the recorded thresholds to the level reached (never lowers them).")
@click.option("-v", "--verbose", is_flag=True, help="List every wrong, missing and spurious event.")
def quality(gold_dir, update, verbose):
    """Score the chronology against hand-written gold chronologies (a development aid).

    \b
    Example:
        timeline quality tests/gold -v
    """
    from . import quality as harness

    try:
        scores = harness.evaluate(Path(gold_dir))
    except harness.GoldError as error:
        raise click.ClickException(str(error)) from None
    click.echo(tabulate_module.tabulate(harness.summary_rows(scores), headers="keys", disable_numparse=True))
    fields = harness.field_rows(scores)
    if fields:
        click.echo("")
        click.echo(tabulate_module.tabulate(fields, headers="keys", disable_numparse=True))
    if verbose:
        for result in scores:
            for name, tally in result.fields.items():
                for entry, got in tally.wrong:
                    click.echo(f"{result.name}: wrong {name} for {entry}: {got}")
                for entry in tally.missing:
                    click.echo(f"{result.name}: missing {name} for {entry}")
            for entry, got in result.wrong:
                click.echo(f"{result.name}: wrong date for {entry}: {got}")
            for entry in result.missing:
                click.echo(f"{result.name}: missing {entry}")
            for date, sentence in result.spurious:
                click.echo(f"{result.name}: should not exist: {date} {sentence[:80]!r}")
    thresholds = harness.load_thresholds(Path(gold_dir))
    if update:
        harness.save_thresholds(Path(gold_dir), harness.ratchet(scores, thresholds))
        click.echo(f"Thresholds written to {Path(gold_dir) / harness.THRESHOLDS_FILE}", err=True)
        return
    failures = harness.check(scores, thresholds)
    for failure in failures:
        click.echo(f"Regression: {failure}", err=True)
    if failures:
        sys.exit(1)


def main():
    cli()
