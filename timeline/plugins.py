"""The plugin manager: built-in and third-party exporters through the same hook.

Plugins come from three places, in this order: the built-in modules
(``BUILTIN_MODULES``), installed distributions with an entry point in the group
``timeline``, and ``*.py`` files in a plugins folder named by ``--plugins-dir`` or
``TIMELINE_PLUGINS_DIR``.  A plugin file is code that runs with the user's rights,
so no folder is read unless named: a ``plugins/`` folder that came with a
downloaded corpus is never loaded just because a command runs beside it.

A plugin that fails to import, to register or to validate is reported (naming
the plugin and its distribution) and left out; everything else keeps working.
``TIMELINE_STRICT_PLUGINS=1`` turns those reports into errors, for plugin
authors.  ``TIMELINE_LOAD_PLUGINS`` chooses which installed plugins load: unset
means all, empty means none, otherwise a comma-separated list of entry point or
distribution names.  Two plugins claiming one format name is always an error.
"""
from __future__ import annotations

import contextlib
import importlib
import importlib.metadata
import importlib.util
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

import pluggy

from . import __version__, hookspecs
from .documents import one_line
from .exporters import BUILTIN_MODULES, Exporter

ENTRY_POINT_GROUP = "timeline"
STRICT_VARIABLE = "TIMELINE_STRICT_PLUGINS"
LOAD_VARIABLE = "TIMELINE_LOAD_PLUGINS"
PLUGINS_DIR_VARIABLE = "TIMELINE_PLUGINS_DIR"


class PluginError(Exception):
    """A plugin problem that stops the run: a format name clash, or any failure in strict mode."""


@contextlib.contextmanager
def contained() -> Iterator[None]:
    """Run a plugin's code so that what it prints goes to standard error, never into the output on
    standard output; what it raises, SystemExit included, is for the caller to report (Ctrl-C is
    still Ctrl-C)."""
    with contextlib.redirect_stdout(sys.stderr):
        yield


def failure(error: BaseException) -> bool:
    """Whether ``error``, raised by a plugin's code, is the plugin's failure to report (anything
    but an interruption by the user)."""
    return not isinstance(error, (KeyboardInterrupt, PluginError))


@dataclass(frozen=True)
class PluginInfo:
    """Where a loaded plugin came from."""

    name: str
    origin: str  # "built-in", "entry point" or "plugins dir"
    distribution: str | None = None
    version: str | None = None
    path: str | None = None

    @property
    def source(self) -> str:
        """Where the plugin's code is: ``built-in``, ``distribution NAME VERSION`` or ``file PATH``."""
        if self.distribution:
            return f"distribution {self.distribution} {self.version or ''}".rstrip()
        if self.path:
            return f"file {self.path}"
        return self.origin

    def describe(self) -> str:
        """The plugin as messages name it: ``name (distribution dist 1.0)``."""
        if self.distribution:
            return f"{self.name} (distribution {self.distribution} {self.version or ''})".replace(" )", ")")
        if self.path:
            return f"{self.name} (file {self.path})"
        return self.name


@dataclass
class Registry:
    """The loaded plugins and the exporters they registered, with the plugin behind each."""

    manager: pluggy.PluginManager | None = None
    plugins: dict[str, PluginInfo] = field(default_factory=dict)
    exporters: dict[str, Exporter] = field(default_factory=dict)
    owners: dict[str, str] = field(default_factory=dict)

    def by_filename(self, filename: str) -> Exporter | None:
        """The format whose longest suffix ends the file name (``x.timeline.json`` before ``x.json``)."""
        name = filename.lower()
        matches = [(len(s), e) for e in self.exporters.values() for s in e.suffixes if name.endswith(s.lower())]
        return max(matches, key=lambda m: m[0])[1] if matches else None

    def owner_of(self, format_name: str) -> PluginInfo:
        return self.plugins[self.owners[format_name]]

    def exporter_options(self) -> list[tuple[Any, str]]:
        """Every option the exporters declare, with the plugin that declared it."""
        return [(option, self.owners[name]) for name, exporter in self.exporters.items() for option in exporter.options]

    def hooks_of(self, plugin_name: str) -> list[str]:
        if self.manager is None:
            return []
        plugin = self.manager.get_plugin(plugin_name)
        return sorted(caller.name for caller in self.manager.get_hookcallers(plugin) or ())


def strict_from_environment(environ: Mapping[str, str] = os.environ) -> bool:
    return environ.get(STRICT_VARIABLE, "").strip().lower() not in ("", "0", "false", "no")


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _selected(entry_point, distribution: str | None, wanted: set[str] | None) -> bool:
    if wanted is None:
        return True
    return _normalise(entry_point.name) in wanted or (distribution is not None and _normalise(distribution) in wanted)


class _Loader:
    """Loads plugins one at a time, so that one broken plugin cannot hide the others."""

    def __init__(self, strict: bool, warn: Callable[[str], None]):
        self.strict = strict
        self.warn = warn
        self.manager = pluggy.PluginManager("timeline")
        self.manager.add_hookspecs(hookspecs)
        self.registry = Registry(manager=self.manager)

    def problem(self, info: PluginInfo, what: str, error: BaseException | str) -> None:
        # One line, whatever the plugin's file name or its error holds (line breaks, escape sequences).
        message = one_line(f"plugin {info.describe()} {what}: {error}")
        if self.strict:
            raise PluginError(message)
        self.warn(f"Warning: {message}; {STRICT_VARIABLE}=1 makes this an error")

    def add(self, module: Any, info: PluginInfo) -> None:
        if info.name in self.registry.plugins:
            self.problem(info, "was not loaded", "another plugin already has this name")
            return
        try:
            self.manager.register(module, name=info.name)
        except Exception as error:  # pluggy.PluginValidationError, ValueError for a duplicate object
            self.problem(info, "was not registered", error)
            return
        self.registry.plugins[info.name] = info

    def load_builtins(self) -> None:
        for name in BUILTIN_MODULES:
            self.add(importlib.import_module(name), PluginInfo(name, "built-in", None, __version__))

    def load_entry_points(self, environ: Mapping[str, str]) -> None:
        selection = environ.get(LOAD_VARIABLE)
        wanted = None if selection is None else {_normalise(n.strip()) for n in selection.split(",") if n.strip()}
        found: set[str] = set()
        entry_points = sorted(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name)
        for entry_point in entry_points:
            dist = getattr(entry_point, "dist", None)
            distribution = dist.metadata["Name"] if dist is not None else None
            version = dist.version if dist is not None else None
            if not _selected(entry_point, distribution, wanted):
                continue
            found.update({_normalise(entry_point.name)} | ({_normalise(distribution)} if distribution else set()))
            info = PluginInfo(entry_point.name, "entry point", distribution, version)
            try:
                with contained():
                    module = entry_point.load()
            except BaseException as error:  # any import-time failure of third-party code, sys.exit() too
                if not failure(error):
                    raise
                self.problem(info, "failed to load", f"{type(error).__name__}: {error}")
                continue
            self.add(module, info)
        for missing in sorted((wanted or set()) - found):
            self.warn(f"Warning: {LOAD_VARIABLE} names {missing!r}, which is not an installed timeline plugin")

    def load_directory(self, directory: str | os.PathLike) -> None:
        for path in sorted(Path(directory).glob("*.py")):
            info = PluginInfo(path.stem, "plugins dir", None, None, str(path.resolve()))
            module_name = f"timeline_plugins_dir.{path.stem}"
            spec = importlib.util.spec_from_file_location(module_name, path)
            module = importlib.util.module_from_spec(spec)
            sys.modules[module_name] = module  # dataclasses and pickling look modules up here
            try:
                with contained():
                    spec.loader.exec_module(module)
            except BaseException as error:  # a broken plugin must not break the tool, sys.exit() included
                if not failure(error):
                    raise
                sys.modules.pop(module_name, None)
                self.problem(info, "failed to load", f"{type(error).__name__}: {error}")
                continue
            self.add(module, info)

    def check_pending(self) -> None:
        """Report (and drop) plugins implementing hooks that do not exist, such as a misspelt name."""
        while True:
            try:
                self.manager.check_pending()
                return
            except pluggy.PluginValidationError as error:
                name = self.manager.get_name(error.plugin)
                info = self.registry.plugins.pop(name, PluginInfo(str(name), "unknown"))
                self.manager.unregister(error.plugin)
                self.problem(info, "was not registered", error)

    def collect_exporters(self) -> None:
        registry = self.registry
        for impl in self.manager.hook.register_exporters.get_hookimpls():
            owner = self.manager.get_name(impl.plugin)
            info = registry.plugins[owner]
            registered: list[Exporter] = []

            def register(exporter: Exporter, registered: list = registered) -> None:
                if not isinstance(exporter, Exporter):
                    raise TypeError(f"register() takes an Exporter, not {type(exporter).__name__}")
                registered.append(exporter)

            try:
                with contained():
                    impl.function(**{arg: register for arg in impl.argnames})
            except BaseException as error:  # third-party code: report it and keep the other formats
                if not failure(error):
                    raise
                self.problem(info, "failed to register its formats", f"{type(error).__name__}: {error}")
                continue
            for exporter in registered:
                if exporter.name in registry.exporters:
                    first = registry.plugins[registry.owners[exporter.name]]
                    raise PluginError(
                        f"format {exporter.name!r} is claimed by two plugins: {first.describe()} and {info.describe()}"
                    )
                registry.exporters[exporter.name] = exporter
                registry.owners[exporter.name] = owner


def load_plugins(
    plugins_dir: str | os.PathLike | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    warn: Callable[[str], None] | None = None,
    entry_points: bool = True,
) -> Registry:
    """Load every plugin and collect the exporters they register.

    Plugin files are read from ``plugins_dir``, else from the folder that
    ``TIMELINE_PLUGINS_DIR`` names (if any), never from a folder nobody named.
    Problems with single plugins go to ``warn`` (stderr by default) and the plugin
    is left out, unless ``TIMELINE_STRICT_PLUGINS`` is set, when they raise
    PluginError.  A format name claimed twice always raises PluginError.
    """
    environ = os.environ if environ is None else environ
    loader = _Loader(strict_from_environment(environ), warn or (lambda message: print(message, file=sys.stderr)))
    loader.load_builtins()
    if entry_points:
        loader.load_entry_points(environ)
    if plugins_dir is None:
        plugins_dir = environ.get(PLUGINS_DIR_VARIABLE) or None
    if plugins_dir is not None:
        loader.load_directory(plugins_dir)
    loader.check_pending()
    loader.collect_exporters()
    return loader.registry
