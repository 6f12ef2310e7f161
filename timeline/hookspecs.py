"""The hooks a timeline plugin can implement.

A plugin is a module or object with functions decorated ``@hookimpl``::

    from timeline import hookimpl

    @hookimpl
    def register_exporters(register):
        register(Exporter(name="markdown", suffixes=(".md",), write=write_markdown))
"""
from pluggy import HookimplMarker, HookspecMarker

hookspec = HookspecMarker("timeline")
hookimpl = HookimplMarker("timeline")


@hookspec
def register_exporters(register):
    """Register output formats: call ``register(Exporter(...))`` once per format."""
