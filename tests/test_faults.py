"""Runs under faults and hostile inputs: each ends in one line per input and a finished run."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLE = "Rebels attacked Atareb on 6 May 2016, officials said.\n"


def timeline(*args, cwd=None, timeout=120, **options):
    """The command in its own process, so that a hang fails the test instead of stopping the suite."""
    environment = {**os.environ, "TIMELINE_LOAD_PLUGINS": "", **options.pop("env", {})}
    return subprocess.run([sys.executable, "-m", "timeline", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout, env=environment, **options)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_in_one_line_given_or_in_a_folder(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE)
    os.mkfifo(corpus / "p.txt")
    os.mkfifo(tmp_path / "given.txt")
    done = timeline("build", corpus, tmp_path / "given.txt", "-f", "csv", "-q", "--published", "2016")
    assert done.returncode == 1 and "Atareb" in done.stdout
    skipped = sorted(line for line in done.stderr.splitlines() if line.startswith("Skipped:"))
    assert skipped == [f"Skipped: {corpus / 'p.txt'}: is a named pipe (FIFO), not a file; timeline reads only "
                       "files: save what it holds to a file, or pipe it into 'timeline build -'",
                       f"Skipped: {tmp_path / 'given.txt'}: is a named pipe (FIFO), not a file; timeline reads only "
                       "files: save what it holds to a file, or pipe it into 'timeline build -'"]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_refused_whatever_the_size_limit(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    done = timeline("build", tmp_path / "a.txt", "/dev/zero", "--max-size", "0", "-f", "csv", "-q",
                    "--published", "2016")
    assert done.returncode == 1 and "Atareb" in done.stdout
    assert "Skipped: /dev/zero: is a device, not a file;" in done.stderr


def test_a_link_out_of_an_input_folder_is_followed_only_when_asked(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (tmp_path / "private_notes.txt").write_text("Private: the meeting on 9 May 2016 is off.\n")
    (corpus / "a.txt").write_text(ARTICLE)
    (corpus / "notes.txt").symlink_to(tmp_path / "private_notes.txt")
    (corpus / "same.txt").symlink_to(corpus / "a.txt")  # inside the folder: read (once)
    done = timeline("build", corpus, "-f", "csv", "-q", "--published", "2016")
    assert "Private" not in done.stdout and sum("Atareb" in line for line in done.stdout.splitlines()) == 1
    assert (f"Skipped: {corpus / 'notes.txt'}: is a link to {tmp_path / 'private_notes.txt'}, outside the folder; "
            "left out (give --follow-links to read such links)") in done.stderr.splitlines()
    followed = timeline("build", corpus, "-f", "csv", "-q", "--published", "2016", "--follow-links")
    assert followed.returncode == 0 and "Private" in followed.stdout


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
@pytest.mark.parametrize("layout", ["as written", "pretty-printed"])
def test_a_saved_chronology_holding_nan_or_infinity_is_refused(tmp_path, constant, layout):
    import json

    (tmp_path / "a.txt").write_text(ARTICLE)
    saved = tmp_path / "saved.json"
    assert timeline("build", tmp_path / "a.txt", "-f", "json", "-o", saved, "-q", "--published", "2016").returncode == 0
    text = saved.read_text()
    if layout == "pretty-printed":
        data = json.loads(text)
        data["events"][0]["offset"][0] = "<constant>"
        edited = json.dumps(data, indent=4).replace('"<constant>"', constant)
    else:
        edited = text.replace('"offset": [0, 53]', f'"offset": [{constant}, 53]', 1)
    assert constant in edited
    saved.write_text(edited)
    done = timeline("export", saved, "-f", "json")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == (f"Error: {saved}: not a saved timeline (it holds {constant}, which is not a JSON value; "
                           "write a number or null)\n")


def test_a_bad_sidecar_row_is_left_out_and_the_other_rows_kept(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(ARTICLE)
    (tmp_path / "articles.csv").write_bytes(
        b"file,published,title\n"
        b"a.txt,2016-05-01,First\n"
        b"b.txt,2016-05-02,Bro\x00ken\n"
        b"c.txt,2016-05-03," + b"x" * 200_000 + b"\n")
    (tmp_path / "d.txt").write_text(ARTICLE)
    with open(tmp_path / "articles.csv", "ab") as sidecar:
        sidecar.write(b"d.txt,2016-05-04,Fourth\n")
    done = timeline("text", tmp_path, "--metadata")
    dates = {json_line["name"]: json_line["published"] for json_line in map(__import__("json").loads,
                                                                             done.stdout.splitlines())}
    assert dates == {"a.txt": "2016-05-01", "b.txt": None, "c.txt": None, "d.txt": "2016-05-04"}
    sidecar = tmp_path / "articles.csv"
    assert [line for line in done.stderr.splitlines() if line.startswith("Skipped")] == [
        f"Skipped: {sidecar}:3: holds a zero byte (binary data); row ignored",
        f"Skipped: {sidecar}:4: field larger than field limit (131072); row ignored"]


def test_many_sidecar_rows_without_their_document_are_one_line(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    rows = "".join(f"other-{number}.txt,2016-05-01\n" for number in range(100_000))
    (tmp_path / "articles.csv").write_text("file,published\na.txt,2016-05-06\n" + rows)
    done = timeline("build", tmp_path, "-f", "csv", "-q")
    assert done.returncode == 0 and "2016-05-06" in done.stdout
    assert done.stderr.splitlines() == [
        f"Warning: {tmp_path / 'articles.csv'}: has 100000 rows that name no document of {tmp_path}: "
        "'other-0.txt' (line 3), 'other-1.txt' (line 4), 'other-2.txt' (line 5), ...; their metadata is used by "
        "no document (check the file names)"]


def test_bad_metadata_values_cost_one_line_each_and_never_the_calendar(tmp_path):
    import icalendar

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE)
    (corpus / "b.txt").write_text("Shells fell on Thursday, residents said.\n")
    (corpus / "articles.csv").write_text('file,url,title,published\n'
                                         'a.txt,"http://example.org/a\r\nBEGIN:VEVENT",Atareb,2016-05-07\n'
                                         'b.txt,http://example.org/b,"Two\nlines",9999-12-31\n', newline="")
    calendar_file = tmp_path / "out.ics"
    done = timeline("build", corpus, "-o", calendar_file)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert f"Skipped: {corpus / 'articles.csv'}:5: publication date '9999-12-31' is not between the years 1000 " \
           "and 2999; row ignored, fix the date" in lines
    assert f"Warning: {corpus / 'a.txt'}: its url 'http://example.org/a\\r\\nBEGIN:VEVENT' holds line breaks or " \
           "control characters; they were made spaces" in lines
    calendar = icalendar.Calendar.from_ical(calendar_file.read_bytes())
    entries = calendar.walk("VEVENT")
    assert len(entries) == calendar_file.read_bytes().splitlines().count(b"BEGIN:VEVENT") == 1
    assert all("\n" not in str(entry.get("url", "")) for entry in entries)


@pytest.mark.parametrize("optimised", [False, True])
def test_a_title_on_several_lines_is_a_usage_error_even_under_python_o(tmp_path, optimised):
    (tmp_path / "a.txt").write_text(ARTICLE)
    command = [sys.executable, *(["-O"] if optimised else []), "-m", "timeline", "build", str(tmp_path / "a.txt"),
               "-f", "ics", "--published", "2016", "--title", "T\r\nBEGIN:VEVENT\r\nSUMMARY:injected"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "TIMELINE_LOAD_PLUGINS": ""})
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines()[-1] == ("Error: Invalid value for '--title': holds a line break or a control "
                                            "character; give it on one line")


def test_a_saved_title_on_several_lines_stays_one_calendar_name(tmp_path):
    import icalendar
    import json

    (tmp_path / "a.txt").write_text(ARTICLE)
    saved = tmp_path / "saved.json"
    timeline("build", tmp_path / "a.txt", "-o", saved, "--published", "2016")
    data = json.loads(saved.read_text())
    data["title"] = "War\r\nBEGIN:VEVENT\r\nSUMMARY:injected"
    saved.write_text(json.dumps(data))
    done = timeline("export", saved, "-f", "ics")
    assert done.returncode == 0
    calendar = icalendar.Calendar.from_ical(done.stdout)
    assert len(calendar.walk("VEVENT")) == done.stdout.splitlines().count("BEGIN:VEVENT") == 1
    assert str(calendar["x-wr-calname"]) == "War BEGIN:VEVENT SUMMARY:injected"


@pytest.mark.parametrize("format_name", ["table", "csv", "markdown"])
def test_terminal_control_sequences_in_text_never_reach_text_outputs(tmp_path, format_name):
    hostile = ("\x1b]0;window title\x07Rebels \x1b[31mattacked\x1b[0m Atareb on 6 May 2016\x1b[2J\x1b[H, "
               "officials\x9b said.\x08\n")
    (tmp_path / "a.txt").write_text("The town had been quiet for a long while before the fighting came. " * 20 + hostile)
    done = timeline("build", tmp_path / "a.txt", "-f", format_name, "--published", "2016", "--columns",
                    "date,title,sentence,document")
    assert done.returncode == 0 and "Atareb" in done.stdout
    assert not any(character in done.stdout for character in "\x1b\x07\x08\x9b")
    assert "Rebels attacked Atareb on 6 May 2016, officials said." in " ".join(done.stdout.split())


SLOW_RUN = """
import pathlib, sys, time
import timeline.build
marker = pathlib.Path(sys.argv[1])
real = timeline.build.process_document

def slow(document, options):
    if document.name == "slow.txt":
        marker.write_text("started")
        time.sleep(120)
    return real(document, options)

timeline.build.process_document = slow
from timeline.cli import main
sys.argv = ["timeline", *sys.argv[2:]]
main()
"""


@pytest.mark.parametrize("number, status", [("SIGINT", 130), ("SIGTERM", 143), ("SIGHUP", 129)])
def test_an_interrupted_run_stops_at_once_cleans_up_and_says_so(tmp_path, number, status):
    import signal
    import time

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE)
    (corpus / "slow.txt").write_text(ARTICLE)
    output = tmp_path / "out" / "chronology.csv"
    output.parent.mkdir()
    output.write_text("the previous chronology\n")
    marker = tmp_path / "started"
    run = subprocess.Popen([sys.executable, "-c", SLOW_RUN, str(marker), "build", str(corpus), "-o", str(output),
                            "--published", "2016", "-j", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, env={**os.environ, "TIMELINE_LOAD_PLUGINS": ""},
                           # As from a shell: a process started with SIGINT ignored (as the test runner may
                           # leave it after starting a Dask cluster) keeps ignoring it, Python too.
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), run.stderr.read() if run.poll() is not None else "the slow document never started"
        sent = time.monotonic()
        run.send_signal(getattr(signal, number))
        _, stderr = run.communicate(timeout=30)
    finally:
        run.kill()
    assert run.returncode == status and time.monotonic() - sent < 20
    assert stderr.strip().splitlines()[-1] == f"Interrupted ({number}); no output was written or replaced."
    assert "Traceback" not in stderr
    assert output.read_text() == "the previous chronology\n" and sorted(os.listdir(output.parent)) == [output.name]


def test_a_temporary_file_left_by_a_killed_run_is_removed_by_the_next_write(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    output = tmp_path / "out.csv"
    gone = subprocess.Popen([sys.executable, "-c", "pass"])  # a process that has ended: its writes are stale
    gone.wait()
    stale = tmp_path / f".out.csv.{gone.pid}-abcd.tmp"
    stale.write_text("half a chronology, left by kill -9")
    alive = tmp_path / f".out.csv.{os.getpid()}-live.tmp"  # a writer still running: this test's own process
    alive.write_text("being written")
    other = tmp_path / ".notes.txt.1-x.tmp"  # not a temporary of this target
    other.write_text("kept")
    done = timeline("build", tmp_path / "a.txt", "-o", output, "--published", "2016")
    assert gone.returncode == 0 and done.returncode == 0 and output.exists()
    assert not stale.exists() and alive.exists() and other.exists()


@pytest.fixture
def small_disk(tmp_path):
    """A real file system of 64 KB (tmpfs), when this machine lets the tests mount one."""
    place = tmp_path / "small"
    place.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(place)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        yield place
    finally:
        subprocess.run(["umount", str(place)], capture_output=True)


def _many_articles(folder: Path, count: int = 300) -> None:
    folder.mkdir()
    for number in range(count):
        (folder / f"a{number}.txt").write_text(f"Rebels attacked village number {number} on 6 May 2016, officials "
                                               f"said, as shells fell on district {number} of Aleppo.\n")


@pytest.mark.parametrize("full", ["temporary folder", "output's folder"])
def test_a_full_disk_is_one_line_naming_the_place_that_is_full(tmp_path, small_disk, full):
    _many_articles(tmp_path / "corpus")
    if full == "temporary folder":
        output, environment = tmp_path / "out.xlsx", {"TMPDIR": str(small_disk)}
    else:
        output, environment = small_disk / "out.xlsx", {}
        (small_disk / "filler").write_bytes(b"x" * 60 * 1024)
    done = timeline("build", tmp_path / "corpus", "-o", output, "--published", "2016", "-q", env=environment)
    assert done.returncode == 1 and not output.exists()
    assert done.stderr.splitlines() == [f"Error: cannot write {output}: no space left on device in the {full}, "
                                        f"{small_disk}; " + ("set TMPDIR to a folder with room" if full.startswith(
                                            "temporary") else "free some space or write elsewhere")]
    assert [name for name in os.listdir(small_disk) if name != "filler"] == []


PLUGIN_FORMAT = '''
from timeline import Exporter, hookimpl

def write(timeline, stream, options):
    {write}
    stream.write(b"{{}}")

@hookimpl
def register_exporters(register):
    register(Exporter(name="fussy", write=write))
'''


@pytest.mark.parametrize("at_import", ["raise SystemExit(3)", "import sys; sys.exit(0)", "raise KeyError('x')"])
def test_a_plugin_ending_the_process_at_import_is_reported_and_the_rest_works(tmp_path, at_import):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "quits.py").write_text(at_import + "\n")
    (tmp_path / "a.txt").write_text(ARTICLE)
    for command in (["--help"], ["build", "--help"], ["plugins"],
                    ["build", tmp_path / "a.txt", "-f", "json", "--published", "2016"]):
        done = timeline(*command, env={"TIMELINE_PLUGINS_DIR": str(plugins)})
        assert done.returncode == 0, (command, done.stderr)
    assert "Warning: plugin quits" in done.stderr and "failed to load" in done.stderr
    import json
    assert json.loads(done.stdout)["events"]


def test_a_plugin_printing_at_import_or_while_writing_keeps_standard_output_for_the_format(tmp_path):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "chatty.py").write_text('print("hello from a plugin")\n')
    (plugins / "fussy.py").write_text(PLUGIN_FORMAT.format(write='print("writing now")'))
    (tmp_path / "a.txt").write_text(ARTICLE)
    done = timeline("build", tmp_path / "a.txt", "-f", "json", "--published", "2016", "--plugins-dir", plugins)
    import json
    assert done.returncode == 0 and json.loads(done.stdout)["events"]
    assert "hello from a plugin" in done.stderr
    fussy = timeline("build", tmp_path / "a.txt", "-f", "fussy", "--published", "2016", "--plugins-dir", plugins)
    assert fussy.returncode == 0 and fussy.stdout == "{}" and "writing now" in fussy.stderr


@pytest.mark.parametrize("exit_call", ["sys.exit(0)", "sys.exit(2)", "raise SystemExit"])
def test_a_plugin_exiting_in_write_fails_the_run_and_writes_nothing(tmp_path, exit_call):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "fussy.py").write_text("import sys\n" + PLUGIN_FORMAT.format(write=exit_call))
    (tmp_path / "a.txt").write_text(ARTICLE)
    output = tmp_path / "out.fussy"
    done = timeline("build", tmp_path / "a.txt", "-f", "fussy", "-o", output, "--published", "2016",
                    "--plugins-dir", plugins)
    assert done.returncode == 1 and not output.exists() and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"Error: format 'fussy' of plugin fussy (file {plugins.resolve() / 'fussy.py'}) "
                                  "failed: SystemExit") and done.stderr.rstrip().endswith("nothing was written")


@pytest.mark.parametrize("suffix", ["md", "html", "ics", "json", "csv", "xlsx", "timelinejs.json"])
def test_an_output_written_into_the_input_folder_is_not_read_back(tmp_path, suffix):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(3):
        (corpus / f"a{number}.txt").write_text(ARTICLE.replace("Atareb", f"village {number}"))
    output = corpus / f"timeline.{suffix}"
    format_name = ["-f", "timelinejs"] if suffix == "timelinejs.json" else []
    first = timeline("build", corpus, "-o", output, "--published", "2016", *format_name)
    assert first.returncode == 0, first.stderr
    assert f"Warning: -o {output} is inside the input folder {corpus}; keep outputs apart from the articles" \
        in first.stderr.splitlines()
    counted = []
    for _ in range(2):
        again = timeline("build", corpus, "-f", "json", "--published", "2016")
        import json
        counted.append(len(json.loads(again.stdout)["events"]))
        # A folder walk takes .md and .html files, and refuses ours; the other suffixes it never takes.
        taken = suffix in ("md", "html")
        assert again.returncode == int(taken) and (f"Skipped: {output}: is a chronology timeline wrote, not an "
                                                   "article" in again.stderr) == taken
    assert counted[0] == counted[1] == len(json.loads(timeline("build", *sorted(corpus.glob("a*.txt")), "-f", "json",
                                                             "--published", "2016").stdout)["events"])


def test_the_workbook_links_only_web_addresses(tmp_path):
    import openpyxl

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    addresses = {"a.txt": "javascript:alert(1)", "b.txt": "file:///etc/passwd", "c.txt": "\\\\host\\share\\x.doc",
                 "d.txt": "ms-excel:ofe|u|https://example.org/x.xlsx", "e.txt": "https://example.org/e"}
    rows = ["file,url,published"]
    for number, (name, url) in enumerate(addresses.items()):
        (corpus / name).write_text(ARTICLE.replace("Atareb", f"village {number}"))
        rows.append(f'{name},"{url}",2016-05-07')
    (corpus / "articles.csv").write_text("\n".join(rows) + "\n")
    output = tmp_path / "out.xlsx"
    done = timeline("build", corpus, "-o", output, "--no-merge")
    assert done.returncode == 0, done.stderr
    workbook = openpyxl.load_workbook(output)
    links = {cell.hyperlink.target for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row
             if cell.hyperlink is not None}
    assert links == {"https://example.org/e"}
    shown = {cell.value for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row}
    assert set(addresses.values()) <= shown  # the others stay, as text
