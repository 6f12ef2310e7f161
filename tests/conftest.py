import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Built gazetteers are kept in a cache folder: the tests (and the commands they run) use their own,
# removed when the run ends (the process that made it removes it; workers inherit the setting).
if "TIMELINE_CACHE_DIR" not in os.environ:
    os.environ["TIMELINE_CACHE_DIR"] = tempfile.mkdtemp(prefix="timeline-test-cache-")
    atexit.register(shutil.rmtree, os.environ["TIMELINE_CACHE_DIR"], ignore_errors=True)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
ENGLISH = ROOT / "timeline" / "temporal" / "resources" / "en"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def copy_of_english(tmp_path) -> Path:
    """A copy of the English language folder, for a test to edit as a linguist would."""
    folder = tmp_path / "en"
    shutil.copytree(ENGLISH, folder)
    return folder


# Three reports of the same few happenings, worded differently: merging joins them.
ALIKE_REPORTS = {
    "a.txt": "Rebels captured the town of Khan Tuman south of Aleppo on 6 May 2016.\n"
             "Government aircraft struck the market in Idlib on 9 May 2016, killing twelve people.\n",
    "b.txt": "On 6 May 2016, rebels captured Khan Tuman, a town south of Aleppo, after heavy fighting.\n"
             "A strike hit the market in Idlib on 9 May 2016 and killed twelve people.\n"
             "Talks resumed in Geneva in June 2016.\n",
    "c.txt": "Rebel groups captured the town of Khan Tuman on 6 May 2016.\n"
             "Talks in Geneva resumed in June 2016 after a pause.\n",
}


@pytest.fixture
def alike_reports(tmp_path) -> Path:
    for name, text in ALIKE_REPORTS.items():
        (tmp_path / name).write_text(text)
    return tmp_path


@pytest.fixture
def unlistable(monkeypatch):
    """Make folders fail to be listed, as one without read permission does (which the tests,
    often run as root, cannot make: root lists any folder)."""
    from timeline import inputs

    real_scandir = inputs.os.scandir
    refused: set[str] = set()

    def scandir(path):
        if str(path) in refused:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(inputs.os, "scandir", scandir)
    return lambda *folders: refused.update(map(str, folders))
