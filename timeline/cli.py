"""The command line: wires the stages together, nothing more."""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import errno
import itertools
import json
import os
import shlex
import signal
import sys
import tempfile
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import click
import tabulate as tabulate_module

from . import __version__, collector, corrections, database, temporal
from .build import build_timeline
from .chronology import Timeline
from .cleaning import RulesError
from .coding import EventTypesError
from .documents import one_line, readable_name
from .inputs import DEFAULT_MAX_SIZE, find_sources, read_documents
from .metadata import MetadataError, normalise_published, on_one_line
from .output import atomic_output
from .executors import EXECUTORS, ExecutorError, default_jobs, make_executor, prepare
from .exporters.base import ExportError, write_timeline
from .exporters.records import json_for_terminal, shown_on_terminal
from .gazetteer import NamesError
from .identity import content_hash
from .pipeline import Options
from .plugins import PluginError, contained, load_plugins, strict_from_environment
from .plugins import failure as plugin_failure
from .reporting import ProblemReport, Progress, StrictStop

DEFAULT_EXPORT_DIR = Path("exports")
# A folder with less room than this is the one that ran out, when a write fails for want of space.
FULL_BELOW = 1024 * 1024


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
                if option in extra:  # one option object that several formats share (--excel, --dates)
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
                stdout = sys.stdout.buffer
                with _contained_unless_built_in(registry, exporter):
                    write_timeline(exporter, timeline, stdout, options)
                stdout.flush()
            except BrokenPipeError:  # `timeline build ... | head` is fine; no error when Python flushes at exit
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        else:
            try:
                with atomic_output(output) as stream, _contained_unless_built_in(registry, exporter):
                    write_timeline(exporter, timeline, stream, options)
            except BrokenPipeError:  # -o /dev/stdout read by `head`, or a named pipe closed early: as above
                pass
    except ExportError as error:
        raise click.UsageError(f"-f {exporter.name}: {error}") from None
    except OSError as error:
        target = "standard output" if output in (None, "-") else output
        why = error.strerror or str(error)
        if error.errno == errno.ENOSPC:
            why = _where_full(output)
        raise click.ClickException(f"cannot write {target}: {why}") from None
    except BaseException as error:  # a plugin's sys.exit() too: it must not end the run as if all went well
        owner = registry.owner_of(exporter.name)
        if not plugin_failure(error) or owner.origin == "built-in" or (
                strict_from_environment() and isinstance(error, Exception)):  # a traceback, for plugin authors
            raise
        raise click.ClickException(
            f"format {exporter.name!r} of plugin {owner.describe()} failed: {type(error).__name__}: {error}; "
            "nothing was written"
        ) from None


def _warn_if_inside_inputs(output: str | None, paths) -> None:
    """An output written among the articles would be read back by the next build of that folder
    (timeline recognises the chronologies it writes, but not every file a plugin writes)."""
    if output in (None, "-"):
        return
    target = os.path.realpath(output)
    for path in paths:
        if os.path.isdir(path):
            folder = os.path.realpath(path)
            if os.path.commonpath((folder, target)) == folder:
                click.echo(f"Warning: -o {one_line(output)} is inside the input folder {one_line(path)}; "
                           "keep outputs apart from the articles", err=True)
                return


def _contained_unless_built_in(registry, exporter):
    """A plugin's write() prints to standard error: on standard output only the format goes."""
    return contextlib.nullcontext() if registry.owner_of(exporter.name).origin == "built-in" else contained()


def _where_full(output: str | None) -> str:
    """Which place ran out of space: the output's folder, or the temporary folder an exporter
    writes its parts in (a full $TMPDIR is not the target's fault)."""
    places = [("the temporary folder", tempfile.gettempdir(),
               "set TMPDIR to a folder with room")]
    if output not in (None, "-"):
        places.insert(0, ("the output's folder", os.path.dirname(os.path.abspath(output)),
                          "free some space or write elsewhere"))
    for what, folder, fix in places:
        try:
            status = os.statvfs(folder)
        except OSError:
            continue
        if status.f_bavail * status.f_frsize < FULL_BELOW:
            return f"no space left on device in {what}, {folder}; {fix}"
    return os.strerror(errno.ENOSPC)


class _Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP, handled as Ctrl-C is: the run stops and cleans up."""

    def __init__(self, number: int):
        super().__init__(number)
        self.number = number


def _interrupt(number, _frame):
    raise _Interrupted(number)


class _Commands(click.Group):
    """The command group: an interrupted run (Ctrl-C, SIGTERM, SIGHUP) ends with one line and the
    status a shell expects (128 + the signal's number: 130 for Ctrl-C), not click's "Aborted!" and 1,
    which here means that inputs were skipped."""

    def invoke(self, ctx):
        previous = {number: signal.signal(number, _interrupt) for number in (signal.SIGTERM, signal.SIGHUP)}
        try:
            return super().invoke(ctx)
        except click.ClickException as error:
            # An error may quote what a file holds (a saved chronology's event id, a spreadsheet's cell):
            # its control characters are escaped, so it stays one line and the terminal acts on none.
            error.message = one_line(error.message)
            raise
        except KeyboardInterrupt as interruption:
            number = getattr(interruption, "number", signal.SIGINT)
            click.echo(f"\nInterrupted ({signal.Signals(number).name}); no output was written or replaced.", err=True)
            # Out at once: the temporary output is gone already, and waiting at exit for the threads
            # of a worker pool whose workers were just ended could hold the exit up.
            for stream in (sys.stdout, sys.stderr):
                with contextlib.suppress(Exception):
                    stream.flush()
            os._exit(128 + number)
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)


@click.group(cls=_Commands)
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


# Options that build, add and tag share, defined once so their names and help stay alike.
published_option = click.option(
    "--published", help="Publication date for every input (YYYY, YYYY-MM or YYYY-MM-DD); overrides metadata.")
names_option = click.option(
    "--names", "names_file", type=click.Path(dir_okay=False),
    help="Extra places and actors: KIND<tab>CATEGORY<tab>NAME<tab>VARIANT|VARIANT lines.")
clean_rules_option = click.option(
    "--clean-rules", "clean_rules", type=click.Path(dir_okay=False),
    help="Extra cleaning rules: ACTION<tab>REASON<tab>PATTERN lines (ACTION end, line, before, after or minor;"
         " see timeline/data/cleaning.tsv).")
follow_links_option = click.option(
    "--follow-links", is_flag=True, help="Read links in folders that point to files outside them.")


@cli.command(cls=FormatCommand)
@click.argument("paths", nargs=-1, required=True)
@format_options
@published_option
@click.option("--since", help="Keep events that end on or after this day (YYYY-MM-DD).")
@click.option("--until", help="Keep events that start on or before this day (YYYY-MM-DD).")
@click.option("--title", default="Timeline", show_default=True, type=ONE_LINE,
              help="Title of the chronology (calendar name, page title).")
@click.option("--no-merge", is_flag=True, help="Keep reports of the same happening from different articles apart.")
@click.option("-v", "--verbose", is_flag=True, help="Report on stderr what cleaning dropped from each document.")
@names_option
@click.option("--event-types", "event_types", type=click.Path(dir_okay=False),
              help="Extra event type rules (EVENT_TYPE<tab>SUB_EVENT_TYPE<tab>PATTERN lines, tried first).")
@clean_rules_option
@click.option("--strict", is_flag=True, help="Stop at the first input that cannot be used (exit status 1, no output).")
@follow_links_option
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
    to_database = output is not None and database.is_database_name(output) and format_name is None
    if to_database and (since_day or until_day or no_merge):
        raise click.UsageError("a chronology database keeps every event, merged: choose with --since, --until "
                               "and --no-merge when exporting from it")
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
        with Progress(paths, quiet, verbose, follow_links) as progress:
            problems = ProblemReport(strict, progress.echo)
            sources = find_sources(paths, published=published, problems=problems,
                                   max_size=int(max_size * 1024 * 1024) or None, follow_links=follow_links,
                                   offline=offline)
            # Building makes many objects and no cycles (see timeline.collector), and what it
            # builds lives until the run ends: it is frozen before the collector runs again, so
            # that no collection walks every event of it for nothing.
            with collector.paused():
                timeline = build_timeline(sources, options, title=title, merge=not (no_merge or to_database),
                                          executor=pool,
                                          on_result=progress, problems=problems,
                                          on_merge=progress.merging).between(since_day, until_day)
                collector.freeze()
    except StrictStop as stop:
        raise click.ClickException(f"{stop} (--strict: stopped, nothing written)") from None
    except BrokenProcessPool:
        raise click.ClickException(
            "a worker process died (out of memory?); try fewer --jobs or a lower --max-size"
        ) from None
    except BaseException:
        pool.stop()  # at once: a worker busy with a long document would hold the exit up
        raise
    else:
        pool.close()
    registry = click.get_current_context().meta["timeline.registry"]
    _warn_if_inside_inputs(output, paths)
    if to_database:
        try:
            summary = database.build(output, timeline.documents, timeline.events, title=title)
        except database.DatabaseError as error:
            raise click.ClickException(str(error)) from None
        click.echo(f"{output}: {summary.events} events from {summary.documents} documents "
                   f"({summary.reports} reports)", err=True)
        _warn_orphans(summary)
    else:
        _write(timeline, format_name, output, _write_options(table_format, columns, exporter_options), registry)
    # What is left lives until the process ends: the collection Python makes on its way out
    # would walk every event for nothing.
    collector.freeze()
    for line in progress.undated_report():
        click.echo(line, err=True)
    if problems.skipped:
        click.echo(f"{problems.skipped} input(s) skipped; see the messages above.", err=True)
        sys.exit(1)


def _warn_orphans(summary) -> None:
    if summary.orphaned_corrections:
        shown = ", ".join(summary.orphaned_corrections[:5]) + (", ..." if len(summary.orphaned_corrections) > 5 else "")
        click.echo(f"Warning: corrections of {len(summary.orphaned_corrections)} event(s) no longer in the chronology "
                   f"(their evidence changed): {shown}", err=True)


ZIP_MAGIC = b"PK\x03\x04"


def _starts_with(path: str, magic: bytes) -> bool:
    try:
        with open(path, "rb") as stream:
            return stream.read(len(magic)) == magic
    except OSError:
        return False


@cli.command(name="export", cls=FormatCommand)
@click.argument("saved", type=click.Path(dir_okay=False, allow_dash=True))
@format_options
@click.option("--title", type=ONE_LINE, help="Title of the chronology (default: the saved one).")
@click.option("--include-rejected", is_flag=True,
              help="From a database: keep the events an analyst rejected (status reject).")
def export_command(saved, format_name, output, table_format, columns, plugins_dir, title, include_rejected,
                   **exporter_options):
    """Re-export a chronology saved as JSON (- for stdin) or kept in a chronology database,
    without reading the articles again. From a database, the analyst's corrections are made
    and rejected events left out.

    \b
    Examples:
        timeline build seeds/ -o exports/timeline.json
        timeline export exports/timeline.json -o timeline.ics
        timeline export exports/timeline.json -f table --columns date,title,places
        timeline export war.db -o war.xlsx
    """
    from .exporters.json_format import SavedTimelineError, read_timeline

    try:
        if saved != "-" and database.is_database(saved):
            timeline = database.read_timeline(saved, include_rejected=include_rejected)
        elif saved != "-" and _starts_with(saved, ZIP_MAGIC):
            raise click.ClickException(
                f"{saved}: a workbook (or another zip file) is not a saved chronology; a workbook an analyst "
                f"edited is read into a chronology database with `timeline import DB {saved}`, then exported "
                "with `timeline export DB`")
        elif saved == "-":
            timeline = read_timeline(sys.stdin.buffer)
        else:
            with open(saved, "rb") as stream:
                timeline = read_timeline(stream)
    except OSError as error:
        raise click.ClickException(f"{saved}: {error.strerror or error}") from None
    except SavedTimelineError as error:
        raise click.ClickException(f"{saved}: not a saved timeline ({error})") from None
    except database.DatabaseError as error:
        raise click.ClickException(str(error)) from None
    if title is not None:
        timeline = dataclasses.replace(timeline, title=title)
    registry = click.get_current_context().meta["timeline.registry"]
    _write(timeline, format_name, output, _write_options(table_format, columns, exporter_options), registry)


def _database_error(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except database.DatabaseError as error:
        raise click.ClickException(str(error)) from None


@cli.command(name="add")
@click.argument("db", type=click.Path(dir_okay=False))
@click.argument("paths", nargs=-1, required=True)
@published_option
@names_option
@clean_rules_option
@follow_links_option
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Documents processed in parallel.")
@click.option("--max-size", type=click.FloatRange(min=0), default=DEFAULT_MAX_SIZE / 1024 / 1024, show_default=True,
              help="Skip documents larger than this many MB (0: no limit).")
def add_command(db, paths, published, names_file, clean_rules, follow_links, jobs, max_size):
    """Add new articles to a chronology database: only documents it has not seen, or whose
    content changed, are read; their events are merged into the chronology, and the
    analyst's corrections stay. Prints what was added, merged and changed.

    \b
    Example:
        timeline build corpus/ -o war.db
        timeline add war.db new-articles/
    """
    try:
        normalise_published(published)
    except MetadataError as error:
        raise click.BadParameter(str(error), param_hint="--published") from None
    seen = _database_error(database.seen_documents, db)
    options = Options(cleaning_rules=clean_rules, names=names_file)
    try:
        prepare(options)
    except (RulesError, NamesError) as error:
        raise click.ClickException(str(error)) from None
    problems = ProblemReport(False, lambda message: click.echo(message, err=True))
    fresh = []
    unchanged = 0
    for document in read_documents(paths, published=published, problems=problems,
                                   max_size=int(max_size * 1024 * 1024) or None, follow_links=follow_links):
        digest = content_hash(document)
        if seen.get(document.name) == digest:
            unchanged += 1
        else:
            fresh.append(dataclasses.replace(document, content_hash=digest))
    pool = make_executor("local", min(jobs, max(1, len(fresh))))
    try:
        with collector.paused():
            timeline = build_timeline(fresh, options, merge=False, executor=pool, problems=problems)
    finally:
        pool.close()
    summary = _database_error(database.add, db, timeline.documents, timeline.events)
    summary.unchanged_documents += unchanged
    click.echo(f"{db}: read {summary.documents} document(s) ({summary.changed_documents} changed), "
               f"{summary.unchanged_documents} already there; {summary.reports} report(s): "
               f"{len(summary.new_events)} new event(s), {summary.merged_reports} merged into events already there, "
               f"{len(summary.changed_events)} event(s) changed, {len(summary.gone_events)} gone; "
               f"{summary.events} events in all")
    for identity in summary.new_events[:20]:
        found = database.event(db, identity)
        if found is not None:
            click.echo(f"  new {identity}  {found.date}  {one_line(found.title)}")
    _warn_orphans(summary)
    if problems.skipped:
        click.echo(f"{problems.skipped} input(s) skipped; see the messages above.", err=True)
        sys.exit(1)


@cli.command(name="edit")
@click.argument("db", type=click.Path(dir_okay=False))
@click.argument("event_id", required=False)
@click.option("--date", help="The right date: 2016-11-04, 2016-11, 2016-W44, 2016, or 2016-11-04/2016-11-06.")
@click.option("--title", type=ONE_LINE, help="A better title.")
@click.option("--type", "event_type", help="The event type (e.g. an ACLED type: Battles, Explosions/Remote violence).")
@click.option("--place", help="Where it happened.")
@click.option("--actor1", help="Who acted.")
@click.option("--actor2", help="Against whom.")
@click.option("--reject", "status", flag_value="reject", help="Reject the event: exports leave it out.")
@click.option("--keep", "status", flag_value="keep", help="Keep an event rejected before.")
@click.option("--note", type=TEXT, help="A note, added to the event's notes.")
@click.option("--add", "add_event", is_flag=True, help="Add an event by hand (with --date, --title and --source).")
@click.option("--source", help="With --add: the document or address it comes from.")
@click.option("--sentence", type=TEXT, help="With --add: the evidence, as the source words it.")
@click.option("--by", default=corrections.analyst, show_default="the login name", help="Who makes the correction.")
def edit_command(db, event_id, date, title, event_type, place, actor1, actor2, status, note, add_event, source,
                 sentence, by):
    """Correct an event of a chronology database: its date (the days and precision follow),
    title, type, place or actors; reject it; add a note; or add an event by hand. Corrections
    are kept apart, with who made them and when, and survive `timeline add` and rebuilds.

    \b
    Examples:
        timeline edit war.db 3f9c0a1b2c4d --date 2016-11-04 --note "the strike was on Friday"
        timeline edit war.db 3f9c0a1b2c4d --reject
        timeline edit war.db --add --date 2016-11-05 --title "Convoy hit" --source https://example.org/a
    """
    at = corrections.now()
    made = []
    try:
        if add_event:
            if event_id:
                raise click.UsageError("--add makes a new event: give no EVENT_ID")
            if not (date and title and source):
                raise click.UsageError("--add needs --date, --title and --source")
            made.append(corrections.added_event(date, title, source, sentence or "", by, at))
            event_id = made[0].event_id
            date = title = None
        elif not event_id:
            raise click.UsageError("give the EVENT_ID to correct (the id column of an export), or --add")
        current = None if add_event else _database_error(database.event, db, event_id)
        if not add_event and current is None:
            raise click.ClickException(f"{db}: no event with id {event_id!r}")
        if note:
            notes = f"{current.notes}; {note}" if current is not None and current.notes else note
        changes = {"status": status, "date": date, "title": title, "event_type": event_type, "location": place,
                   "actor1": actor1, "actor2": actor2, "notes": notes if note else None}
        for field, value in changes.items():
            if value is not None:
                made.append(corrections.Correction(event_id, field, corrections.checked(field, value), by, at))
    except corrections.CorrectionError as error:
        raise click.BadParameter(str(error)) from None
    if not made:
        raise click.UsageError("nothing to correct: give --date, --title, --type, --place, --actor1, --actor2, "
                               "--reject, --keep or --note")
    _database_error(database.correct, db, made)
    changed = database.event(db, event_id)
    click.echo(f"{event_id}  {changed.date}  {changed.status}  {one_line(changed.title)}  "
               f"(corrected: {changed.corrected})")


@cli.command(name="import")
@click.argument("db", type=click.Path(dir_okay=False))
@click.argument("edited", type=click.Path(dir_okay=False, exists=True))
@click.option("--by", default=corrections.analyst, show_default="the login name", help="Who made the corrections.")
def import_command(db, edited, by):
    """Apply the corrections an analyst made in a spreadsheet that timeline wrote (xlsx or csv):
    the status column (keep or reject), date, title, notes and event_type of each row, found by
    its id. Only what was changed in the spreadsheet is applied: by its fingerprint column, a
    cell that still holds what was exported leaves the database's value alone, even one
    corrected since (by `timeline edit` or another import). A cell changed both in the
    spreadsheet and in the database since is a conflict, left as the database has it. A
    conflict, or a row whose id, date or fingerprint cannot be read, is reported in one line;
    the rest is applied, and the command then exits with status 1.

    \b
    Example:
        timeline export war.db -o war.xlsx     # edit it in a spreadsheet, then:
        timeline import war.db war.xlsx
    """
    from .spreadsheets import FINGERPRINT, SpreadsheetError, changes_of_row, read_rows

    try:
        rows = read_rows(edited)
    except SpreadsheetError as error:
        raise click.ClickException(f"{edited}: {error}") from None
    if rows and not any(row.get(FINGERPRINT) for _, row in rows):
        click.echo(one_line(f"Note: {edited} has no {FINGERPRINT} column, or none filled in (exported by an "
                            f"earlier version, or the column deleted): each cell that differs from {db} is applied, "
                            f"even where {db} was corrected since the export"), err=True)
    at = corrections.now()
    made, refused, conflicts, kept = [], 0, 0, 0
    for number, row in rows:
        identity = (row.get("id") or "").strip()
        where = f"{edited}: row {number}" + (f" (id {identity})" if identity else "")
        current = _database_error(database.event, db, identity) if identity else None
        if current is None:
            why = "no id" if not identity else "no event with this id in " + db
            click.echo(one_line(f"Skipped: {where}: {why}"), err=True)
            refused += 1
            continue
        try:
            found = changes_of_row(row, current)
            changes = [corrections.Correction(identity, field, corrections.checked(field, value), by, at)
                       for field, value in found.changes.items()]
        except (SpreadsheetError, corrections.CorrectionError) as error:
            click.echo(one_line(f"Skipped: {where}: {error}"), err=True)
            refused += 1
            continue
        for field, value in found.conflicts.items():
            click.echo(one_line(f"Conflict: {where}: {field} was changed in {db} since the export (to "
                                f"{getattr(current, field)!r}) and in the spreadsheet (to {value.strip()!r}); {db} "
                                "keeps its value: to apply the spreadsheet's, use "
                                f"`timeline edit {db} {identity} {_edit_option(field, value)}`"), err=True)
        conflicts += len(found.conflicts)
        kept += len(found.kept)
        made.extend(changes)
    _database_error(database.correct, db, made)
    click.echo(one_line(f"{db}: {len(made)} correction(s) from {edited} ({len({c.event_id for c in made})} event(s))"
                        + (f"; {kept} cell(s) changed in {db} since the export, not in the spreadsheet, "
                           "left as they are" if kept else "")
                        + (f"; {conflicts} conflict(s)" if conflicts else "")
                        + (f"; {refused} row(s) skipped" if refused else "")))
    if refused or conflicts:
        sys.exit(1)


# The option of `timeline edit` that sets each field `timeline import` reads.
_EDIT_OPTIONS = {"date": "--date", "title": "--title", "notes": "--note", "event_type": "--type"}


def _edit_option(field: str, value: str) -> str:
    """The `timeline edit` option that gives ``field`` the spreadsheet's ``value`` (notes: adds it)."""
    if field == "status":
        return f"--{value.strip().lower()}" if value.strip().lower() in corrections.STATUSES else "--keep or --reject"
    return f"{_EDIT_OPTIONS[field]} {shlex.quote(value.strip())}"


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
@follow_links_option
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
    problems = ProblemReport(False, lambda message: click.echo(message, err=True))
    documents = read_documents(paths, problems=problems, max_size=int(max_size * 1024 * 1024) or None,
                               follow_links=follow_links)
    first = next(documents, None)
    second = next(documents, None)
    several = second is not None
    for document in filter(None, itertools.chain((first, second), documents)):
        if metadata:
            click.echo(json_for_terminal(json.dumps(document.metadata(), ensure_ascii=False)))
            continue
        if several:
            click.echo(f"==> {one_line(document.name)} <==")
        # A document's escape sequences would set the terminal's title or clear it: shown, not run.
        click.echo(shown_on_terminal(document.text), nl=several and not document.text.endswith("\n"))
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
    problems = ProblemReport(False, lambda message: click.echo(message, err=True))
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
                    click.echo(json_for_terminal(json.dumps(record, ensure_ascii=False)))
                else:
                    rows.append(record)
    if format_name == "table":
        # An expression is the document's own words: a NEL (U+0085) or a direction mark in them would
        # break its row or turn the rest of it around, as in a message.
        rows = [{key: one_line(value) if isinstance(value, str) else value for key, value in row.items()} for row in rows]
        click.echo(tabulate_module.tabulate(rows, headers="keys", disable_numparse=True))
    if problems.skipped:
        sys.exit(1)


WORST_DOCUMENTS = 10


@cli.command()
@click.argument("corpus", type=click.Path(exists=True))
@click.option("--errors", "error_limit", default=15, show_default=True, help="How many of each kind of error to list.")
@click.option("--examples", default=3, show_default=True, help="How many wrong values to show for each class.")
@click.option("--per-document", is_flag=True,
              help=f"Score every document (default: the {WORST_DOCUMENTS} that lose the most).")
def evaluate(corpus, error_limit, examples, per_document):
    """Score the tagger on a folder of TimeML files (TempEval-3 Task A), for developers.

    \b
    Example:
        timeline evaluate ../shared/corpora/tempeval3/tbaq --per-document
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
    shown = None if per_document else WORST_DOCUMENTS
    heading = "by document" if per_document or result.documents <= WORST_DOCUMENTS else \
        f"the {WORST_DOCUMENTS} documents that lose the most (--per-document for all)"
    click.echo(f"\n{heading}, lost = gold + tagged - 2 x right values:")
    # A file name may hold escapes and direction marks: shown escaped, as in every message.
    click.echo(tabulate_module.tabulate(
        [(one_line(name), *scores) for name, *scores in result.document_table(shown)], disable_numparse=True,
        headers=("document", "gold", "tagged", "right", "lost", "strict F1", "relaxed F1", "value F1")))
    classes = result.error_classes()
    click.echo(f"\nwrong values by class ({classes.wrong_values} of {result.total.valued} matched gold values):")
    rows = [(name, str(len(wrong)), f"{classes.share(name):.1%}", str(len({e.document for e in wrong})))
            for name, wrong in classes.wrong.items()]
    click.echo(tabulate_module.tabulate(rows, headers=("class", "wrong", "share", "docs"), disable_numparse=True))
    click.echo(f"and extent errors with no value: {len(classes.missed)} gold missed, "
               f"{len(classes.spurious)} tagged without gold")
    for name, wrong in classes.wrong.items():
        if wrong and examples:
            click.echo(f"\n{name}, e.g.:")
            for e in wrong[:examples]:
                click.echo(f"  {e.gold_text!r} gold {e.gold} / ours {e.our_text!r} {e.ours}  ({one_line(e.document)})")
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
        # A plugin's file name and its distribution's metadata are anyone's text: one line each, shown.
        rows = [tuple(one_line(cell) for cell in (p["name"], p["version"] or "", p["source"], ", ".join(p["hooks"]),
                                                   ", ".join(p["formats"])))
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
