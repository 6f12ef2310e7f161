"""The command line: wires the stages together, nothing more."""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click
import tabulate as tabulate_module

from . import __version__, temporal
from .chronology import Timeline
from .cleaning import RulesError, load_rules, summarise_dropped
from .documents import MetadataError, Problem, normalise_published, read_documents
from .output import atomic_output
from .gazetteer import NamesError, load_gazetteer
from .pipeline import Options, process_document
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
        with atomic_output(output) as stream:
            exporter.write(timeline, stream, options)


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
@click.option("--no-merge", is_flag=True, help="Keep reports of the same happening from different articles apart.")
@click.option("-v", "--verbose", is_flag=True, help="Report on stderr what cleaning dropped from each document.")
@click.option("--names", "names_file", type=click.Path(dir_okay=False),
              help="Extra places and actors: KIND<tab>CATEGORY<tab>NAME<tab>VARIANT|VARIANT lines.")
@click.option("--clean-rules", "clean_rules", type=click.Path(dir_okay=False),
              help="Extra cleaning rules: ACTION<tab>REASON<tab>PATTERN lines (ACTION end or line).")
def build(paths, format_name, output, table_format, published, since, until, title, plugins_dir,
          no_merge, verbose, names_file, clean_rules):
    """Build a chronology from articles: files, folders (*.txt, *.md) or - for stdin.

    \b
    Examples:
        timeline build seeds/                      # a table on the terminal
        timeline build seeds/ -o chronology.xlsx   # an Excel workbook
        cat article.txt | timeline build - --published 2016-05-06 -f json
        timeline build seeds/ -v --names my-names.tsv --no-merge
    """
    since_day, until_day = _parse_day(since, "--since"), _parse_day(until, "--until")
    try:
        normalise_published(published)
    except MetadataError as error:
        raise click.BadParameter(str(error), param_hint="--published") from None
    options = Options(cleaning_rules=clean_rules, names=names_file)
    try:
        load_rules(clean_rules)
        load_gazetteer(names_file)
    except (RulesError, NamesError) as error:
        raise click.ClickException(str(error)) from None
    problems: list[Problem] = []
    documents, events = [], []
    for document in read_documents(paths, published=published, problems=problems):
        result = process_document(document, options)
        for note in result.notes:
            click.echo(f"Warning: {note}", err=True)
        if verbose:
            click.echo(f"{document.name}: dropped {summarise_dropped(result.dropped, document.text)}", err=True)
        documents.append(result.document)
        events.extend(result.events)
    for problem in problems:
        click.echo(f"Warning: {problem}", err=True)
    timeline = Timeline.build(documents, events, title=title, merge=not no_merge).between(since_day, until_day)
    _write(timeline, format_name, output, {"table_format": table_format}, plugins_dir)
    if problems:
        sys.exit(1)


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


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--dct", help="Document creation date (YYYY-MM-DD, YYYY-MM or YYYY) to resolve relative expressions.")
@click.option("--dct-file", type=click.Path(dir_okay=False),
              help="Tab-separated FILE<TAB>DATE lines giving each file its own creation date (overrides --dct).")
@click.option("--format", "format_name", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
def tag(files, dct, dct_file, format_name):
    """Print every temporal expression (TIMEX3) in each file.

    One JSON object per line: start, end (character offsets into the file's
    UTF-8 text, end exclusive), text, type, value, and mod where one applies;
    file too when several files are given.

    \b
    Examples:
        timeline tag article.txt --dct 2016-11-04
        timeline tag *.txt --dct-file dates.tsv --format table
    """
    dct = _checked_dct(dct, "--dct")
    dct_map = _read_dct_map(dct_file) if dct_file else {}
    rows, failed = [], False
    for name in files:
        file_dct = dct_map.get(name, dct_map.get(Path(name).name, dct))
        try:
            text = Path(name).read_bytes().decode("utf-8", errors="replace")
        except OSError as error:
            click.echo(f"Warning: {name}: cannot read ({error.strerror})", err=True)
            failed = True
            continue
        for expression in temporal.tag(text, dct=file_dct):
            record = expression.as_dict()
            if len(files) > 1:
                record["file"] = name
            if format_name == "jsonl":
                click.echo(json.dumps(record, ensure_ascii=False))
            else:
                rows.append(record)
    if format_name == "table":
        click.echo(tabulate_module.tabulate(rows, headers="keys", disable_numparse=True))
    if failed:
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
    click.echo(f"{result.documents} documents, {result.total.gold} gold and {result.total.system} tagged expressions")
    click.echo(tabulate_module.tabulate(result.table(), headers=("measure", "P", "R", "F1"), disable_numparse=True))
    if error_limit:
        for kind, rows in result.errors(error_limit).items():
            click.echo(f"\nmost frequent {kind}:")
            for text, count in rows:
                click.echo(f"  {count:4d}  {text}")


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
    if verbose:
        for result in scores:
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
