"""What a build takes as input: kinds told by content, files read once, and what it says of them."""
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import cli
from timeline.documents import Problem, read_documents
from timeline.readers import InputError, sniff
from timeline.readers.language import not_english

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "Rebels attacked Atareb on Thursday, officials said on 6 May 2016.\n"
FRENCH = ("Les rebelles ont attaqué la ville le 6 mai 2016, selon les responsables locaux. La ville était "
          "sous le contrôle du gouvernement depuis des années, et les combats ont continué pendant toute la "
          "journée dans les quartiers est et ouest de la ville, où des milliers de civils vivent encore. ") * 2


def run(*args):
    return CliRunner().invoke(cli, [*map(str, args)], env={"TIMELINE_LOAD_PLUGINS": ""})


@pytest.mark.parametrize("data, name, kind", [
    (b"Plain text on 6 May.", "a.txt", "text"),
    (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "a.txt", "html"),
    (b"\xef\xbb\xbf  <html lang='en'><head><title>x</title></head></html>", "page", "html"),
    (b"<?xml version='1.0'?><rss version='2.0'><channel></channel></rss>", "news.xml", "feed"),
    (b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'></feed>", "a.atom", "feed"),
    (b"%PDF-1.7\n...", "report.txt", "pdf"),
    (b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n", "a.mhtml", "mhtml"),
    (b"Plain text that mentions <b>bold</b> words.", "a.html", "text"),
    # Saved in UTF-16 or UTF-32: the markup is read from the text (before, a page or feed became text, tags and all).
    ("<!DOCTYPE html><html><body><p>x</p></body></html>".encode("utf-16"), "a.html", "html"),
    ("<?xml version='1.0' encoding='utf-16'?><rss version='2.0'><channel></channel></rss>".encode("utf-16-be")
     .join([b"\xfe\xff", b""]), "news.xml", "feed"),
    ("<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'></feed>".encode("utf-32"), "a.atom", "feed"),
    ("Plain text on 6 May.".encode("utf-16"), "a.txt", "text"),
])
def test_the_kind_of_a_document_is_told_by_its_content(data, name, kind):
    assert sniff(data, name) == kind


@pytest.mark.parametrize("data, name, said", [
    (b'{"format": "timeline", "events": []}', "saved.txt", "saved chronology"),
    (b"[1, 2, 3]", "data.json", "JSON file"),
    (b"file,published\na.txt,2016-05-06\n", "rows.csv", "spreadsheet"),
    (b"\x89PNG\r\n\x1a\n", "photo.txt", "PNG image"),
    (b"PK\x03\x04 not a word file", "bundle.zip", "ZIP archive"),
    (b"<?xml version='1.0'?><svg></svg>", "x.xml", "neither a feed nor a web page"),
    (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "calendar.txt", "is a calendar"),
    (b"PK\x03\x04....xl/workbook.xml", "book.xlsx", "Excel workbook"),
    (b"<html><head><meta name='generator' content='timeline'></head></html>", "page.html", "timeline wrote"),
    (b"# Aleppo\n\n- **6 May 2016** Rebels attacked.\n\n<!-- written by timeline -->\n", "a.md", "timeline wrote"),
])
def test_files_that_are_not_articles_are_refused_by_content(data, name, said):
    with pytest.raises(InputError, match=said):
        sniff(data, name)


def test_a_json_or_csv_file_named_on_the_command_line_is_skipped_not_read_as_text(tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    saved = tmp_path / "timeline.json"
    assert run("build", tmp_path / "seeds", "-f", "json", "-o", saved, "-q").exit_code == 0
    everything = sorted((tmp_path / "seeds").iterdir())
    result = run("build", saved, *everything, "-f", "json", "-q")
    assert result.exit_code == 1
    skipped = [line for line in result.stderr.splitlines() if line.startswith("Skipped:")]
    assert skipped == [f"Skipped: {saved}: is a JSON file: a saved chronology; re-export it with 'timeline export'",
                       f"Skipped: {tmp_path / 'seeds' / 'articles.csv'}: is a spreadsheet (CSV), not an article; "
                       "name it articles.csv beside the documents to give their metadata, or leave it out"]
    built = json.loads(result.stdout)
    assert sorted(d["name"] for d in built["documents"]) == [p.name for p in everything if p.suffix == ".txt"]
    assert built["events"] == json.loads(saved.read_text())["events"]


def test_a_file_reached_twice_is_read_once(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    twice = run("build", tmp_path, tmp_path / "a.txt", tmp_path / "." / "a.txt", "-f", "json", "-q",
                "--published", "2016-05-08")
    once = run("build", tmp_path, "-f", "json", "-q", "--published", "2016-05-08")
    assert twice.exit_code == 0 and json.loads(twice.stdout) == json.loads(once.stdout)
    assert len(json.loads(once.stdout)["documents"]) == 1


def test_each_document_says_where_its_publication_date_came_from(tmp_path):
    (tmp_path / "side.txt").write_text(ARTICLE)
    (tmp_path / "front.md").write_text("---\npublished: 2016-05-07\n---\n" + ARTICLE)
    (tmp_path / "none.txt").write_text(ARTICLE)
    (tmp_path / "articles.csv").write_text("file,published\nside.txt,2016-05-06\nfront.md,2015-01-01\n")
    documents = {d.name: d for d in read_documents([str(tmp_path)])}
    assert (documents["side.txt"].published, documents["side.txt"].published_from) == ("2016-05-06", "sidecar")
    # Front matter is stronger than the sidecar, the command line stronger than both.
    assert (documents["front.md"].published, documents["front.md"].published_from) == ("2016-05-07", "front matter")
    assert (documents["none.txt"].published, documents["none.txt"].published_from) == (None, None)
    given = {d.name: d for d in read_documents([str(tmp_path)], published="2017-01-02")}
    assert {(d.published, d.published_from) for d in given.values()} == {("2017-01-02", "command line")}
    built = json.loads(run("build", tmp_path, "-f", "json", "-q").stdout)
    assert {d["name"]: d["published_from"] for d in built["documents"]} == {
        "front.md": "front matter", "none.txt": None, "side.txt": "sidecar"}


def test_documents_without_a_date_are_one_summary_line_and_verbose_names_them_all(tmp_path):
    for number in range(1, 6):
        (tmp_path / f"a{number}.txt").write_text(ARTICLE)
    result = run("build", tmp_path, "-f", "csv", "-q")
    warnings = [line for line in result.stderr.splitlines() if "publication date" in line]
    assert warnings == ["Warning: 5 document(s) without a publication date (a1.txt, a2.txt, a3.txt, ...); 5 of "
                        "them with relative dates left unresolved (-v lists them all); give dates with a "
                        "'published' column in articles.csv, 'published:' front matter, or --published"]
    verbose = run("build", tmp_path, "-f", "csv", "-q", "-v")
    [line] = [line for line in verbose.stderr.splitlines() if "publication date" in line]
    assert "(a1.txt, a2.txt, a3.txt, a4.txt, a5.txt)" in line
    assert "publication date" not in run("build", tmp_path, "-f", "csv", "-q", "--published", "2016").stderr


def test_a_document_not_in_english_is_named_in_a_warning(tmp_path):
    (tmp_path / "fr.txt").write_text(FRENCH)
    (tmp_path / "en.txt").write_text(ARTICLE * 20)
    (tmp_path / "articles.csv").write_text("file,language\nen.txt,de\n")
    problems: list[Problem] = []
    assert len(list(read_documents([str(tmp_path)], problems=problems))) == 2
    assert sorted((Path(p.name).name, p.message.split(";")[0], p.skipped) for p in problems) == [
        ("en.txt", "is in another language than English (de)", False),
        ("fr.txt", "does not look like English text", False)]


@pytest.mark.parametrize("text", [
    ARTICLE * 20,
    "Goalkeeper: Li Leilei\n\nDefenders: Sun Xiang, Xu Yunlong, Zhang Yaokun, Cao Yang\n" * 10,  # names, not prose
    "Short.",
])
def test_english_and_lists_of_names_are_not_called_foreign(text):
    assert not_english(text) is None


def test_text_prints_what_events_point_into(tmp_path):
    page = tmp_path / "a.md"
    page.write_text("---\ntitle: Atareb\npublished: 2016-05-08\n---\n" + ARTICLE)
    printed = run("text", page)
    assert printed.exit_code == 0 and printed.stdout == ARTICLE
    built = json.loads(run("build", page, "-f", "json", "-q").stdout)
    for event in built["events"]:
        start, end = event["offset"]
        assert printed.stdout[start:end] == event["sentence"]
    metadata = json.loads(run("text", page, "--metadata").stdout)
    assert (metadata["title"], metadata["published"], metadata["published_from"]) == (
        "Atareb", "2016-05-08", "front matter")
    (tmp_path / "b.txt").write_text("Second.\n")
    both = run("text", tmp_path)
    assert both.stdout == f"==> a.md <==\n{ARTICLE}==> b.txt <==\nSecond.\n"


def test_tag_reads_documents_as_build_does(tmp_path):
    (tmp_path / "a.md").write_text("---\npublished: 2016-05-08\n---\n" + ARTICLE)
    tagged = [json.loads(line) for line in run("tag", tmp_path / "a.md").stdout.splitlines()]
    thursday = next(t for t in tagged if t["text"] == "Thursday")
    assert thursday["value"] == "2016-05-05" and ARTICLE[thursday["start"]:thursday["end"]] == "Thursday"
    missing = run("tag", tmp_path / "nothing.txt")
    assert missing.exit_code == 1 and missing.stderr.startswith(f"Skipped: {tmp_path / 'nothing.txt'}: no such file")


def test_a_reader_that_fails_costs_its_file_only(tmp_path, monkeypatch):
    import timeline.readers.text as text_reader

    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.html").write_text("<html><body><p>" + ARTICLE * 20 + "</p></body></html>")

    def broken(data, name):
        raise KeyError("unexpected")

    monkeypatch.setattr(text_reader, "read", broken)
    problems: list[Problem] = []
    documents = list(read_documents([str(tmp_path)], problems=problems))
    assert [d.name for d in documents] == ["b.html"]
    assert [p.message for p in problems] == ["reading failed (KeyError: 'unexpected'); this is a bug in timeline, "
                                             "please report it with this file"]
