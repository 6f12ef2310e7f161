"""The example package in plugins/timeline-jsonl, installed into a fresh virtual environment and used from its CLI."""
import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*args, **kwargs):
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=300, **kwargs)
    assert result.returncode == 0, f"{args}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def plugin_venv(tmp_path_factory):
    """A new venv with timeline and the example plugin installed, offline.

    The venv sees this environment's packages (click, pluggy, setuptools ...) through a .pth file, so
    nothing is downloaded: both packages are built with --no-build-isolation --no-deps --no-index.
    """
    base = tmp_path_factory.mktemp("plugin-venv")
    venv = base / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    purelib = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip()
    parents = [p for p in [*site.getsitepackages(), sysconfig.get_paths()["purelib"]] if Path(p).is_dir()]
    Path(purelib, "_parent_environment.pth").write_text("\n".join(dict.fromkeys(parents)) + "\n")
    # Build from a copy, so the checkout gets no build/ or *.egg-info.
    project = base / "project"
    shutil.copytree(ROOT / "timeline", project / "timeline", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, project / name)
    plugin = base / "timeline-jsonl"
    shutil.copytree(ROOT / "plugins" / "timeline-jsonl", plugin)
    pip = [sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps",
           "--no-build-isolation", "--no-index"]
    _run(*pip, project)
    _run(*pip, plugin)
    return venv


def _timeline(venv, *args, env_extra=None, cwd=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIMELINE_")}
    env.update(env_extra or {})
    return subprocess.run([str(venv / "bin" / "timeline"), *map(str, args)], capture_output=True, text=True,
                          timeout=120, env=env, cwd=cwd)


def test_installed_package_plugin_works_from_the_command_line(plugin_venv, tmp_path):
    listing = _timeline(plugin_venv, "plugins", "--json", cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    plugins = {p["name"]: p for p in json.loads(listing.stdout)}
    assert plugins["jsonl"]["distribution"] == "timeline-jsonl" and plugins["jsonl"]["version"] == "0.1.0"
    assert plugins["jsonl"]["formats"] == ["jsonl"] and plugins["jsonl"]["hooks"] == ["register_exporters"]

    assert "--jsonl-fields" in _timeline(plugin_venv, "build", "--help", cwd=tmp_path).stdout
    saved = tmp_path / "seeds.json"
    built = _timeline(plugin_venv, "build", ROOT / "seeds", "-o", saved, cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    exported = _timeline(plugin_venv, "export", saved, "-f", "jsonl", "--jsonl-fields", "date,document", cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    lines = [json.loads(line) for line in exported.stdout.splitlines()]
    assert len(lines) == len(json.loads(saved.read_text())["events"]) > 5
    assert all(set(line) == {"date", "document"} for line in lines)
    by_suffix = _timeline(plugin_venv, "export", saved, "-o", tmp_path / "events.jsonl", cwd=tmp_path)
    assert by_suffix.returncode == 0, by_suffix.stderr
    assert len((tmp_path / "events.jsonl").read_text().splitlines()) == len(lines)


def test_timeline_load_plugins_can_leave_the_package_out(plugin_venv, tmp_path):
    saved = tmp_path / "empty.json"
    saved.write_text('{"format": "timeline", "version": 1, "title": "Empty", "documents": [], "events": []}')
    result = _timeline(plugin_venv, "export", saved, "-f", "jsonl", env_extra={"TIMELINE_LOAD_PLUGINS": ""},
                       cwd=tmp_path)
    assert result.returncode == 1 and "unknown format 'jsonl'" in result.stderr
