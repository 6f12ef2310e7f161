"""Plugins: loading, the hook, failures that must not break the tool, clashes, and the listing."""
import json
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_export_samples import export, sample_timeline

from timeline import hookspecs
from timeline.cli import cli
from timeline.exporters import BUILTIN_MODULES
from timeline.plugins import PluginError, load_plugins

ROOT = Path(__file__).resolve().parent.parent
GOOD_PLUGIN = '''
import click
from timeline import Exporter, hookimpl

def write(timeline, stream, options):
    stream.write(f"{options['shout_word']}:{len(timeline.events)}\\n".encode())

@hookimpl
def register_exporters(register):
    register(Exporter(name="{name}", write=write, suffixes=(".{name}",),
                      options=(click.Option(["--shout-word"], default="events", help="-f {name}: the word."),)))
'''


def write_plugin(directory: Path, stem: str, source: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{stem}.py"
    path.write_text(textwrap.dedent(source))
    return path


@pytest.fixture
def plugins_dir(tmp_path):
    """A plugins folder with one working plugin (format `shout`); its modules are removed afterwards."""
    directory = tmp_path / "plugins"
    write_plugin(directory, "shout", GOOD_PLUGIN.replace("{name}", "shout"))
    try:
        yield directory
    finally:
        for name in [m for m in sys.modules if m.startswith("timeline_plugins_dir.")]:
            del sys.modules[name]


def run(*args, env=None):
    return CliRunner().invoke(cli, list(args), env=env)


def test_hook_register_exporters(plugins_dir, tmp_path):
    registry = load_plugins(plugins_dir, entry_points=False)
    assert registry.owners["shout"] == "shout"
    assert registry.hooks_of("shout") == ["register_exporters"]
    result, output = export(tmp_path, sample_timeline(), "-f", "shout", "--shout-word", "items",
                            "--plugins-dir", str(plugins_dir))
    assert result.exit_code == 0, result.stderr
    assert output == f"items:{len(sample_timeline().events)}\n".encode()
    # The format's option is offered by both commands, and the suffix selects the format.
    for command in ("build", "export"):
        help_text = run(command, "--help", "--plugins-dir", str(plugins_dir)).stdout
        assert "--shout-word" in help_text and "--ics-ranges" in help_text and "--excel" in help_text
    result, _ = export(tmp_path, sample_timeline(), "-o", str(tmp_path / "out.shout"), "--plugins-dir", str(plugins_dir))
    assert (tmp_path / "out.shout").read_text().startswith("events:")


def test_builtins_are_plugins_like_any_other():
    registry = load_plugins(None, entry_points=False)
    assert set(registry.plugins) == set(BUILTIN_MODULES)
    assert set(registry.exporters) == {"json", "csv", "xlsx", "ics", "table", "markdown", "html", "timelinejs",
                                      "geojson", "kml", "acled"}
    assert all(registry.plugins[registry.owners[name]].origin == "built-in" for name in registry.exporters)


def test_broken_plugin_file_is_reported_and_the_rest_works(plugins_dir, tmp_path):
    write_plugin(plugins_dir, "broken", "import no_such_module_for_timeline\n")
    result, output = export(tmp_path, sample_timeline(), "-f", "shout", "--plugins-dir", str(plugins_dir))
    assert result.exit_code == 0
    assert "plugin broken" in result.stderr and "broken.py" in result.stderr
    assert "no_such_module_for_timeline" in result.stderr and "Traceback" not in result.stderr
    assert output.startswith(b"events:")
    result, _ = export(tmp_path, sample_timeline(), "-f", "csv", "--plugins-dir", str(plugins_dir),
                       env={"TIMELINE_STRICT_PLUGINS": "1"})
    assert result.exit_code == 1 and "Error: plugin broken" in result.stderr


def test_plugin_failing_to_register_is_reported(plugins_dir, tmp_path):
    write_plugin(plugins_dir, "halfway", '''
        from timeline import Exporter, hookimpl

        @hookimpl
        def register_exporters(register):
            register(Exporter(name="first", write=lambda t, s, o: None))
            register("not an exporter")
    ''')
    registry = load_plugins(plugins_dir, entry_points=False, warn=(messages := []).append)
    assert "first" not in registry.exporters and "shout" in registry.exporters
    assert any("halfway" in m and "register" in m for m in messages)


def test_misspelt_hook_is_reported_by_check_pending(plugins_dir):
    write_plugin(plugins_dir, "typo", '''
        from timeline import hookimpl

        @hookimpl
        def register_exporter(register):
            pass
    ''')
    messages = []
    registry = load_plugins(plugins_dir, entry_points=False, warn=messages.append)
    assert "typo" not in registry.plugins and "shout" in registry.exporters
    assert any("typo" in m and "register_exporter" in m for m in messages)
    with pytest.raises(PluginError, match="typo"):
        load_plugins(plugins_dir, entry_points=False, environ={"TIMELINE_STRICT_PLUGINS": "1"})


def test_two_plugins_claiming_one_format_is_an_error_naming_both(plugins_dir, tmp_path):
    write_plugin(plugins_dir, "another_shout", GOOD_PLUGIN.replace("{name}", "shout").replace("--shout-word", "--other"))
    result = run("build", str(ROOT / "seeds"), "-f", "csv", "--plugins-dir", str(plugins_dir))
    assert result.exit_code == 1
    assert "'shout'" in result.stderr and "another_shout" in result.stderr and "shout (file" in result.stderr
    write_plugin(tmp_path / "csv_again", "my_csv", GOOD_PLUGIN.replace("{name}", "csv").replace("--shout-word", "--x"))
    with pytest.raises(PluginError, match="timeline.exporters.csv_format.*my_csv"):
        load_plugins(tmp_path / "csv_again", entry_points=False)


def test_option_clash_is_an_error_naming_the_plugin(tmp_path):
    directory = tmp_path / "clash"
    write_plugin(directory, "grabby", GOOD_PLUGIN.replace("{name}", "grabby").replace("--shout-word", "--output"))
    result = run("build", "--help", "--plugins-dir", str(directory))
    assert result.exit_code == 1 and "'--output'" in result.stderr and "grabby" in result.stderr


def test_failing_plugin_format_is_a_clean_error(tmp_path):
    directory = tmp_path / "failing"
    write_plugin(directory, "failing", '''
        from timeline import Exporter, hookimpl

        def write(timeline, stream, options):
            raise RuntimeError("disk on fire")

        @hookimpl
        def register_exporters(register):
            register(Exporter(name="failing", write=write))
    ''')
    result, _ = export(tmp_path, sample_timeline(), "-f", "failing", "--plugins-dir", str(directory))
    assert result.exit_code == 1
    assert "failing" in result.stderr and "disk on fire" in result.stderr and "Traceback" not in result.stderr


def _fake_distribution(site: Path, distribution: str, version: str, entry_name: str, module: str, source: str):
    """An installed distribution as importlib.metadata sees it: a dist-info folder and a module."""
    info = site / f"{distribution.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {distribution}\nVersion: {version}\n")
    (info / "entry_points.txt").write_text(f"[timeline]\n{entry_name} = {module}\n")
    (site / f"{module}.py").write_text(textwrap.dedent(source))


@pytest.fixture
def installed_plugins(tmp_path, monkeypatch):
    """Two installed plugins, one of which fails to import (it sorts first, as in llm's #1280)."""
    site = tmp_path / "site"
    _fake_distribution(site, "timeline-aaa-broken", "1.2", "aaa_broken", "timeline_test_aaa_broken",
                       "raise ImportError('needs a library that is not installed')\n")
    _fake_distribution(site, "timeline-good", "2.0", "good", "timeline_test_good",
                       GOOD_PLUGIN.replace("{name}", "good").replace("--shout-word", "--good-word")
                       .replace("shout_word", "good_word"))
    monkeypatch.syspath_prepend(str(site))
    try:
        yield site
    finally:
        for name in ("timeline_test_aaa_broken", "timeline_test_good"):
            sys.modules.pop(name, None)


def test_entry_points_load_one_by_one(installed_plugins, tmp_path):
    messages = []
    registry = load_plugins(None, environ={}, warn=messages.append)
    assert "good" in registry.exporters
    assert registry.plugins["good"].distribution == "timeline-good" and registry.plugins["good"].version == "2.0"
    assert len(messages) == 1 and "aaa_broken" in messages[0] and "timeline-aaa-broken 1.2" in messages[0]
    assert "needs a library" in messages[0]
    with pytest.raises(PluginError, match="timeline-aaa-broken"):
        load_plugins(None, environ={"TIMELINE_STRICT_PLUGINS": "1"})
    result, output = export(tmp_path, sample_timeline(), "-f", "good", "--good-word", "rows", env={})
    assert result.exit_code == 0 and output.startswith(b"rows:")


def test_timeline_load_plugins_selects_installed_plugins(installed_plugins):
    assert set(load_plugins(None, environ={"TIMELINE_LOAD_PLUGINS": ""}).plugins) == set(BUILTIN_MODULES)
    for selection in ("good", "timeline-good", "timeline_good, other"):
        messages = []
        registry = load_plugins(None, environ={"TIMELINE_LOAD_PLUGINS": selection}, warn=messages.append)
        assert "good" in registry.exporters and "aaa_broken" not in registry.plugins
        assert all("aaa_broken" not in m for m in messages)
    assert any("'other'" in m for m in messages)  # a name that is not installed is pointed out


def test_plugins_command_lists_name_version_hooks_formats(installed_plugins, plugins_dir):
    result = run("plugins", "--json", "--plugins-dir", str(plugins_dir), env={"TIMELINE_LOAD_PLUGINS": "good"})
    assert result.exit_code == 0, result.stderr
    listing = {p["name"]: p for p in json.loads(result.stdout)}
    assert set(listing) == {"good", "shout"}
    assert listing["good"]["version"] == "2.0" and listing["good"]["distribution"] == "timeline-good"
    # Where each plugin's code is: its distribution and version, or its file.
    assert listing["good"]["source"] == "distribution timeline-good 2.0"
    assert listing["shout"]["source"] == f"file {(plugins_dir / 'shout.py').resolve()}"
    assert listing["good"]["hooks"] == ["register_exporters"] and listing["good"]["formats"] == ["good"]
    everything = json.loads(run("plugins", "--all", "--json", "--plugins-dir", str(plugins_dir),
                                env={"TIMELINE_LOAD_PLUGINS": ""}).stdout)
    formats = {f for p in everything for f in p["formats"]}
    assert {"json", "csv", "xlsx", "ics", "table", "markdown", "html", "timelinejs", "shout"} <= formats
    table = run("plugins", "--all", "--plugins-dir", str(plugins_dir), env={"TIMELINE_LOAD_PLUGINS": ""}).stdout
    assert "timeline.exporters.ics_format" in table and "shout" in table and "register_exporters" in table
    assert "built-in" in table and str((plugins_dir / "shout.py").resolve()) in table


@pytest.mark.parametrize("how", ["option", "environment"])
def test_example_plugin_loads_from_the_plugins_folder_when_named(tmp_path, monkeypatch, how):
    monkeypatch.chdir(ROOT)
    named = ["--plugins-dir", "plugins"] if how == "option" else []
    env = {"TIMELINE_LOAD_PLUGINS": "", "TIMELINE_PLUGINS_DIR": "plugins" if how == "environment" else None}
    result = run("plugins", "--json", *named, env=env)
    assert {"name": "markdown_exporter", "formats": ["example-markdown"]}.items() <= json.loads(result.stdout)[0].items()
    result = run("build", "seeds", "-f", "example-markdown", *named, env=env)
    assert result.exit_code == 0 and result.stdout.startswith("# Timeline\n\n- **")
    assert "Khan Touman" in result.stdout and "- **2016-05-06** " in result.stdout


EVIL_PLUGIN = '''
from pathlib import Path
from timeline import Exporter, hookimpl

Path(__file__).with_name("ran").write_text("plugin code ran")

@hookimpl
def register_exporters(register):
    register(Exporter(name="evil", write=lambda timeline, stream, options: None))
'''


def test_a_plugins_folder_beside_the_command_is_not_loaded_unless_named(tmp_path, monkeypatch):
    """A corpus downloaded with a plugins/ folder must not run its code when built from inside it."""
    corpus = tmp_path / "download"
    write_plugin(corpus / "plugins", "evil", EVIL_PLUGIN)
    (corpus / "report.txt").write_text("Rebels captured the town on 6 May 2016.\n")
    monkeypatch.chdir(corpus)
    env = {"TIMELINE_LOAD_PLUGINS": "", "TIMELINE_PLUGINS_DIR": None}
    try:
        for command in (["build", "."], ["build", ".", "-f", "json", "-o", "saved.json"],
                        ["export", "saved.json", "-f", "csv"], ["plugins", "--all", "--json"], ["build", "--help"]):
            result = run(*command, env=env)
            assert result.exit_code == 0, (command, result.output)
            assert "evil" not in result.stdout
        result = run("build", ".", "-f", "evil", env=env)
        assert result.exit_code == 1 and "--plugins-dir plugins" in result.stderr
        assert "--plugins-dir plugins" in run("plugins", env=env).stderr
        assert not (corpus / "plugins" / "ran").exists()
    finally:
        sys.modules.pop("timeline_plugins_dir.evil", None)


def test_every_hook_has_a_test():
    tests = "\n".join(p.read_text() for p in Path(__file__).parent.glob("test_*.py"))
    for name in _hook_names():
        assert f"def test_hook_{name}(" in tests, f"hook {name} has no test named test_hook_{name}"


def test_every_hook_is_documented():
    documentation = (ROOT / "docs" / "plugins.md").read_text()
    for name in _hook_names():
        assert f"### `{name}(" in documentation, f"hook {name} has no section in docs/plugins.md"


def _hook_names():
    names = [n for n in dir(hookspecs) if hasattr(getattr(hookspecs, n), "timeline_spec")]
    assert names, "no hooks found: the meta-tests would pass vacuously"
    return names


def test_documentation_shows_the_example_plugins_as_they_are():
    documentation = (ROOT / "docs" / "plugins.md").read_text()
    for path in ("plugins/markdown_exporter.py", "plugins/timeline-jsonl/pyproject.toml",
                 "plugins/timeline-jsonl/timeline_jsonl.py"):
        assert (ROOT / path).read_text().rstrip() in documentation, f"docs/plugins.md shows an old {path}"
