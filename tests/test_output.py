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


def test_a_link_is_written_through_and_stays_a_link(tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "timeline.csv"
    target.write_bytes(b"old")
    link = tmp_path / "latest.csv"
    link.symlink_to(target)
    dangling = tmp_path / "next.csv"
    dangling.symlink_to(tmp_path / "real" / "next.csv")
    for path in (link, dangling):
        with atomic_output(path) as stream:
            stream.write(b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"
    assert dangling.is_symlink() and (tmp_path / "real" / "next.csv").read_bytes() == b"new"
    assert leftovers(tmp_path) == leftovers(tmp_path / "real") == []


def test_what_is_not_a_file_is_written_to_in_place(tmp_path):
    """-o /dev/stdout or a named pipe: a device or a pipe is never replaced by a file."""
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    with atomic_output(pipe) as stream:
        stream.write(b"through the pipe")
    reader.join(timeout=10)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(pipe.stat().st_mode) and leftovers(tmp_path) == []


@pytest.mark.parametrize("output", ["-", "/dev/stdout"])
def test_a_reader_that_stops_reading_is_no_error(seeds_dir, output):
    """`timeline build ... -o /dev/stdout | head`: the reader has what it wanted."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "timeline", "build", str(seeds_dir), "-f", "csv", "-q", "-j", "1", "-o", output]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # before anything is written: every write meets a closed pipe
    _, errors = process.communicate(timeout=120)
    assert (process.returncode, errors.decode()) == (0, "")


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
