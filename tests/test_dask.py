"""The same build on a Dask cluster gives the same chronology as on this machine."""
import json

import pytest
from click.testing import CliRunner

from timeline.cli import cli

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")


@pytest.fixture(scope="module")
def cluster():
    # Two in-process workers: a real scheduler, real task submission and serialisation,
    # without the cost of starting worker processes in the unit tests.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as local_cluster:
        yield local_cluster


def build(*args):
    result = CliRunner().invoke(cli, ["build", *map(str, args), "-f", "json", "-q"])
    return result, json.loads(result.stdout) if result.stdout else None


def test_dask_gives_the_same_chronology_as_a_local_run(cluster, seeds_dir):
    local_result, local = build(seeds_dir, "--jobs", "1")
    dask_result, on_dask = build(seeds_dir, "--executor", "dask", "--scheduler", cluster.scheduler_address)
    assert local_result.exit_code == 0 and dask_result.exit_code == 0, dask_result.output
    assert on_dask == local and len(local["events"]) > 10


def test_merging_compares_reports_on_the_cluster_too(cluster, alike_reports, monkeypatch):
    from timeline import merging

    monkeypatch.setattr(merging, "PARALLEL_SWEEP_REPORTS", 1)
    _, local = build(alike_reports, "--published", "2016-07-01", "--jobs", "1")
    dask_result, on_dask = build(alike_reports, "--published", "2016-07-01", "--executor", "dask",
                                 "--scheduler", cluster.scheduler_address)
    assert dask_result.exit_code == 0, dask_result.output
    assert on_dask == local and any(event["sources"] for event in local["events"])


def test_dask_reports_bad_inputs_like_a_local_run(cluster, tmp_path):
    (tmp_path / "a.txt").write_text("On 6 May 2016 rebels took Khan Touman.")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_bytes("Le café, 7 May 2016.".encode("latin-1"))
    local_result, local = build(tmp_path, "--published", "2016-05-08", "--jobs", "2")
    dask_result, on_dask = build(tmp_path, "--published", "2016-05-08", "--executor", "dask",
                                 "--scheduler", cluster.scheduler_address)
    assert dask_result.exit_code == local_result.exit_code == 1
    assert dask_result.stderr == local_result.stderr
    assert on_dask == local and len(local["events"]) == 2


def test_an_unreachable_scheduler_is_one_clear_error(seeds_dir, monkeypatch):
    from timeline import executors

    monkeypatch.setattr(executors, "DASK_CONNECT_TIMEOUT", "1s")
    result, _ = build(seeds_dir, "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.output
