import os
import stat

import pytest
from click.testing import CliRunner

from timeline.cli import cli
from timeline.output import atomic_output


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_output_replaces_the_file_only_when_complete(tmp_path):
    target = tmp_path / "out" / "timeline.csv"
    with atomic_output(target) as stream:
        stream.write(b"new")
        assert not target.exists()
    assert target.read_bytes() == b"new"
    assert leftovers(target.parent) == []


@pytest.mark.parametrize("stop", [RuntimeError("disk full"), KeyboardInterrupt()], ids=["failure", "interrupt"])
def test_a_failure_or_interrupt_midway_keeps_the_previous_output(tmp_path, stop):
    target = tmp_path / "timeline.json"
    target.write_bytes(b"previous")
    with pytest.raises(type(stop)):
        with atomic_output(target) as stream:
            stream.write(b"half of the new out")
            raise stop
    assert target.read_bytes() == b"previous"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_a_new_file_gets_the_permissions_the_umask_allows(tmp_path, umask):
    previous = os.umask(umask)
    try:
        with atomic_output(tmp_path / "new.csv") as stream:
            stream.write(b"x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o666 & ~umask


def test_a_replaced_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "shared.csv"
    target.write_bytes(b"old")
    target.chmod(0o640)
    with atomic_output(target) as stream:
        stream.write(b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


BROKEN_EXPORTER = '''
from timeline import hookimpl
from timeline.exporters import Exporter


def write(timeline, stream, options):
    stream.write(b"first part of the output\\n" * 100)
    raise RuntimeError("exporter failed midway")


@hookimpl
def register_exporters(register):
    register(Exporter(name="broken", write=write, suffixes=(".broken",)))
'''


def test_an_exporter_that_fails_midway_leaves_the_previous_output(tmp_path, seeds_dir):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "broken.py").write_text(BROKEN_EXPORTER)
    target = tmp_path / "chronology.broken"
    target.write_bytes(b"the chronology of yesterday")
    result = CliRunner().invoke(cli, ["build", str(seeds_dir), "-o", str(target), "--plugins-dir", str(plugins), "-q"])
    assert result.exit_code == 1 and "exporter failed midway" in result.stderr
    assert target.read_bytes() == b"the chronology of yesterday"
    assert leftovers(tmp_path) == []


def test_an_output_that_cannot_be_written_is_one_clear_error(tmp_path, seeds_dir):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = CliRunner().invoke(cli, ["build", str(seeds_dir), "-o", str(blocker / "out.json"), "-q"])
    assert result.exit_code == 1
    assert "cannot write" in result.stderr and "Traceback" not in result.output
