"""Pausing the cycle collector is safe: the pipeline makes no reference cycles."""
import gc
from pathlib import Path

import pytest

from timeline import collector
from timeline.build import process_chunk
from timeline.documents import find_sources
from timeline.merging import merge_events
from timeline.pipeline import Options

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.mark.parametrize("enabled", [True, False])
def test_paused_leaves_the_collector_as_it_was(enabled):
    (gc.enable if enabled else gc.disable)()
    try:
        with pytest.raises(RuntimeError):
            with collector.paused():
                assert not gc.isenabled()
                raise RuntimeError
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


def test_collecting_rarely_collects_each_time_the_items_have_doubled(monkeypatch):
    calls = []
    seen = []

    def collect():
        calls.append(("collect", len(seen)))
        return 0

    monkeypatch.setattr(gc, "collect", collect)
    monkeypatch.setattr(gc, "freeze", lambda: calls.append(("freeze", len(seen))))
    for item in collector.collecting_rarely(range(20), first=3):
        seen.append(item)
    assert seen == list(range(20))
    # What survives each collection is frozen, so the next one reads only what came after it.
    assert calls == [("collect", 3), ("freeze", 3), ("collect", 6), ("freeze", 6), ("collect", 12), ("freeze", 12)]


def _garbage_cycles(work) -> list:
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        work()
        gc.collect()
        return list(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()


def test_processing_and_merging_make_no_reference_cycles(tmp_path):
    # Were this to fail, pausing the collector would let the cycles pile up over a corpus.
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "latin1.txt").write_bytes("Le 6 mai 2016, à Alep, les rebelles ont pris la ville.".encode("latin-1"))
    sources = list(find_sources([str(SEEDS), str(tmp_path)]))
    process_chunk(sources[:1], Options())  # rules and gazetteer loaded before counting

    def work():
        outcomes = process_chunk(sources, Options())
        merge_events([e for o in outcomes if o.result for e in o.result.events])

    garbage = _garbage_cycles(work)
    assert not garbage, sorted({type(o).__name__ for o in garbage})


def test_the_cycle_check_sees_cycles():
    def work():
        a = []
        a.append(a)

    assert _garbage_cycles(work)
