"""The README's usage examples run as written."""
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def usage_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Usage\s+```sh\n(.*?)```", readme, re.S).group(1)
    return [re.split(r"\s+#\s", line)[0].strip() for line in block.splitlines() if line.startswith("timeline ")]


def test_readme_usage_examples_run(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "plugins", tmp_path / "plugins")
    monkeypatch.chdir(tmp_path)
    commands = usage_commands()
    assert len(commands) >= 8
    for command in commands:
        words = shlex.split(command)
        output = None
        if ">" in words:
            output = words[words.index(">") + 1]
            words = words[: words.index(">")]
        result = CliRunner().invoke(cli, words[1:], env={"TIMELINE_LOAD_PLUGINS": ""})
        assert result.exit_code == 0, (command, result.output)
        if output:
            Path(output).write_bytes(result.stdout_bytes)
            assert Path(output).stat().st_size > 0
        elif "-o" in words:
            assert (tmp_path / words[words.index("-o") + 1]).stat().st_size > 0, command
        else:
            assert result.stdout.strip(), command
    assert (tmp_path / "chronology.xlsx").exists() and (tmp_path / "live-blog.json").exists()
    assert (tmp_path / "november.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_the_readme_set_up_line_puts_timeline_on_the_path(tmp_path):
    """After `make run`, the README's activation line makes `timeline` and `python -m timeline` work
    as its usage lines call them, from any folder."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    activate = re.search(r"^(\. \.venv/bin/activate)\b", readme, re.M)
    assert activate, "the README says how to put timeline on the PATH"
    venv = Path(sys.prefix)
    if not (venv / "bin" / "activate").exists() or venv.resolve() != (ROOT / ".venv").resolve():
        pytest.skip("the tests do not run in this checkout's .venv")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    script = (f"cd {shlex.quote(str(ROOT))} && {activate.group(1)} && cd {shlex.quote(str(tmp_path))} && "
              "timeline --version && python -m timeline --version && timeline build seeds/ -f csv -q")
    environment = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    environment["PATH"] = "/usr/bin:/bin"
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=environment, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("timeline, version") == 2 and "Khan Touman" in done.stdout


def test_the_daily_loop_runs_as_printed(tmp_path, monkeypatch):
    """The five lines of the analyst's daily loop, in their order, on the seeds: most as the
    chronology of `corpus/`, the others as `today/`'s new articles; the analyst rejects an event
    in the workbook between export and import, and EVENT_ID is an event of the chronology."""
    import csv

    import openpyxl

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"daily loop[^\n]*\n\s*```sh\n(.*?)```", readme, re.S).group(1)
    lines = [re.split(r"\s+#\s", line)[0].strip() for line in block.splitlines() if line.startswith("timeline ")]
    assert [shlex.split(line)[1] for line in lines] == ["build", "add", "export", "import", "edit"]
    with (ROOT / "seeds" / "articles.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for folder, part in (("corpus", rows[:3]), ("today", rows[3:])):
        (tmp_path / folder).mkdir()
        for row in part:
            shutil.copy(ROOT / "seeds" / row["file"], tmp_path / folder / row["file"])
        with (tmp_path / folder / "articles.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(part)
    monkeypatch.chdir(tmp_path)
    rejected = None
    for line in lines:
        words = shlex.split(line)
        if "EVENT_ID" in words:
            sheet = openpyxl.load_workbook("war.xlsx")["Events"]
            column = [cell.value for cell in sheet[1]].index("id")
            ids = [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)]
            words[words.index("EVENT_ID")] = next(i for i in ids if i != rejected)
        result = CliRunner().invoke(cli, words[1:], env={"TIMELINE_LOAD_PLUGINS": ""})
        assert result.exit_code == 0, (line, result.output)
        if words[1] == "add":
            assert "read 2 document(s)" in result.stdout
        if words[1] == "export":
            workbook = openpyxl.load_workbook("war.xlsx")
            sheet = workbook["Events"]
            header = [cell.value for cell in sheet[1]]
            rejected = sheet.cell(row=2, column=header.index("id") + 1).value
            sheet.cell(row=2, column=header.index("status") + 1).value = "reject"
            workbook.save("war.xlsx")
    exported = CliRunner().invoke(cli, ["export", "war.db", "-f", "json"]).stdout
    assert rejected not in exported and '"notes": "checked"' in exported
