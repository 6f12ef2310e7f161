"""The hooks a timeline plugin can implement (documented in docs/plugins.md).

A plugin is a module with functions decorated ``@hookimpl``; hooks are called
with keyword arguments only, and an implementation may accept fewer of them::

    from timeline import Exporter, hookimpl

    @hookimpl
    def register_exporters(register):
        register(Exporter(name="markdown", suffixes=(".md",), write=write_markdown))
"""
from pluggy import HookimplMarker, HookspecMarker

hookspec = HookspecMarker("timeline")
hookimpl = HookimplMarker("timeline")


@hookspec
def register_exporters(register):
    """Register output formats: call ``register(Exporter(...))`` once per format.

    Each format name may be claimed by one plugin only; a second claim is an
    error naming both plugins.  An exporter's ``options`` (click options) join
    ``timeline build`` and ``timeline export``.
    """
