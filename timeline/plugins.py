"""The plugin manager: built-in and third-party exporters through the same hook."""
from __future__ import annotations

import importlib
import importlib.util
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pluggy

from . import hookspecs
from .exporters import BUILTIN_MODULES, Exporter

ENTRY_POINT_GROUP = "timeline"


class PluginError(Exception):
    pass


@dataclass
class Registry:
    """Exporters by name, with the plugin that registered each."""

    exporters: dict[str, Exporter] = field(default_factory=dict)
    owners: dict[str, str] = field(default_factory=dict)

    def by_suffix(self, suffix: str) -> Exporter | None:
        suffix = suffix.lower()
        return next((e for e in self.exporters.values() if suffix in e.suffixes), None)


def make_manager(plugins_dir: str | None = None) -> pluggy.PluginManager:
    manager = pluggy.PluginManager("timeline")
    manager.add_hookspecs(hookspecs)
    for name in BUILTIN_MODULES:
        manager.register(importlib.import_module(name), name=name)
    manager.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    if plugins_dir:
        for path in sorted(Path(plugins_dir).glob("*.py")):
            spec = importlib.util.spec_from_file_location(f"timeline_plugin_{path.stem}", path)
            module = importlib.util.module_from_spec(spec)
            try:
                spec.loader.exec_module(module)
            except Exception as error:  # a broken plugin must not break the tool
                print(f"Warning: plugin {path} failed to load: {error}", file=sys.stderr)
                continue
            manager.register(module, name=str(path))
    manager.check_pending()
    return manager


def collect_exporters(manager: pluggy.PluginManager) -> Registry:
    registry = Registry()
    for impl in manager.hook.register_exporters.get_hookimpls():
        owner = manager.get_name(impl.plugin) or repr(impl.plugin)

        def register(exporter: Exporter, owner: str = owner) -> None:
            if exporter.name in registry.exporters:
                raise PluginError(
                    f"format {exporter.name!r} is provided by both {registry.owners[exporter.name]} and {owner}"
                )
            registry.exporters[exporter.name] = exporter
            registry.owners[exporter.name] = owner

        impl.function(register=register)
    return registry
