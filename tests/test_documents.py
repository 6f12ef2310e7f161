import codecs
import io
import os
import sys
from pathlib import Path

import pytest

from timeline import inputs as inputs_module
from timeline.documents import (
    InputError,
    MetadataError,
    Problem,
    decode,
    find_inputs,
    normalise_published,
    read_bytes,
    read_documents,
    read_sidecar,
    split_front_matter,
)

TEXT = "Rebels attacked Atareb on 6 May 2016, the café owner said.\n"


def read(paths, **kwargs):
    problems: list[Problem] = []
    documents = list(read_documents([str(p) for p in paths], problems=problems, **kwargs))
    return documents, problems


@pytest.mark.parametrize("value, expected", [
    ("2016", "2016"), ("2017-04", "2017-04"), ("2016-11-04", "2016-11-04"),
    (" 2016-11-04 ", "2016-11-04"), ("2016-11-04 10:30", "2016-11-04T10:30"),
    ("2016-11-04T10:30:15.25Z", "2016-11-04T10:30:15"), ("2016-11-04T10:30:00+01:00", "2016-11-04T10:30:00"),
    ("", None), (None, None),
])
def test_publication_dates_may_be_partial(value, expected):
    assert normalise_published(value) == expected


@pytest.mark.parametrize("value", ["2016-13", "2016-02-30", "04/11/2016", "yesterday", "2016-11-04T25:00"])
def test_bad_publication_dates_are_refused(value):
    with pytest.raises(MetadataError):
        normalise_published(value)


@pytest.mark.parametrize("data, encoding, said", [
    (TEXT.encode("utf-8"), "utf-8", None),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8", "UTF-8 with a byte-order mark"),
    (TEXT.encode("utf-16"), "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be", "UTF-16 BE"),
    (TEXT.encode("utf-16-le"), "utf-16-le", "no byte-order mark"),
    (TEXT.encode("utf-32"), "utf-32-le", "UTF-32"),
    # é without any byte in 0x80-0x9F: Latin-1 and Windows-1252 read the same.
    (TEXT.encode("latin-1"), "cp1252", "Windows-1252 (Latin-1)"),
    # Curly quotes and a euro sign exist only in Windows-1252 (0x93, 0x94, 0x80).
    ("“Rebels” paid €5 on 6 May 2016.".encode("cp1252"), "cp1252", "Windows-1252"),
    # 0x81 is undefined in Windows-1252: Latin-1 is the only 8-bit reading left.
    (b"Caf\xe9 \x81 on 6 May 2016.", "latin-1", "Latin-1"),
])
def test_encodings_are_detected_and_named(data, encoding, said):
    decoded = decode(data)
    assert decoded.encoding == encoding
    if said is None:
        assert decoded.assumed is None
    else:
        assert said in decoded.assumed
    assert "6 May 2016" in decoded.text
    assert not decoded.text.startswith("\ufeff")


def test_legacy_text_decodes_to_the_right_letters():
    assert decode("“Café” €".encode("cp1252")).text == "“Café” €"
    assert decode("Café".encode("latin-1")).text == "Café"


def test_mostly_utf8_with_a_stray_byte_stays_utf8():
    data = ("Ünïcödé àrticle, " * 5).encode("utf-8") + b"\xff end"
    decoded = decode(data)
    assert decoded.encoding == "utf-8" and "Ünïcödé" in decoded.text
    assert "1 invalid byte" in decoded.assumed


def test_a_cut_off_last_character_is_not_a_legacy_encoding():
    decoded = decode("Ḥalab, Aleppo café".encode("utf-8")[:-1])
    assert decoded.encoding == "utf-8" and decoded.text.startswith("Ḥalab, Aleppo caf")
    assert "cut off" in decoded.assumed


@pytest.mark.parametrize("data, said", [
    (b"%PDF-1.7\n\x00\x01binary", "PDF"),
    (b"PK\x03\x04\x14\x00", "ZIP"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (bytes(range(256)) * 4, "binary"),
    (b"\x01\x02\x03\x04\x05\x06 control codes everywhere \x07\x08" * 20, "binary"),
])
def test_binary_data_is_refused_with_what_it_is(data, said):
    with pytest.raises(InputError, match=said):
        decode(data)


def test_front_matter_gives_metadata_and_the_body_keeps_offsets():
    text = "---\ntitle: 'A title'\npublished: 2016-11-04\ntags:\n  - war\n  - aleppo\n# a comment\n---\nBody.\n"
    metadata, start = split_front_matter(text)
    assert metadata == {"title": "A title", "published": "2016-11-04", "tags": "war, aleppo"}
    assert text[start:] == "Body.\n"


@pytest.mark.parametrize("text, said", [
    ("---\ntitle: x\nBody without an end\n", "never closed"),
    ("---\ntitle x\n---\nBody\n", "line 2"),
])
def test_front_matter_that_does_not_parse_names_the_problem(text, said):
    with pytest.raises(MetadataError, match=said):
        split_front_matter(text)


def test_folder_inputs_are_recursive_and_named_by_their_path_inside(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for name in ("a/1.txt", "b/1.txt", "b/2.md", "b/skip.png"):
        (tmp_path / name).write_text(TEXT)
    names = [item.name for item in find_inputs([str(tmp_path)])]
    assert names == ["a/1.txt", "b/1.txt", "b/2.md"]
    documents, problems = read([tmp_path])
    assert [d.name for d in documents] == names and problems == []


def test_a_page_saved_complete_is_read_without_the_folder_of_its_resources(tmp_path):
    # A browser saves "NAME.html" and its pictures, scripts and frames in "NAME_files" beside it.
    (tmp_path / "Rebels take Goma.html").write_text(f"<html><body><article><p>{TEXT}</p></article></body></html>")
    for folder in ("Rebels take Goma_files", "Aid reaches Goma_files", "notes"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "frame.html").write_text("<html><body><a href='/'>Home</a></body></html>")
    names = [item.name for item in find_inputs([str(tmp_path)])]
    # a folder named so beside no page of that name is a folder like any other
    assert names == ["Aid reaches Goma_files/frame.html", "Rebels take Goma.html", "notes/frame.html"]


def test_folders_are_listed_as_paths_sort_and_links_to_folders_are_not_entered(tmp_path):
    for name in ("a-b/c.txt", "a/b.txt", "a/b/d.md", "Z.TXT", ".hidden.txt", "x.odt", "x.txt.bak"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(TEXT)
    (tmp_path / "link.txt").symlink_to(tmp_path / "a" / "b.txt")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    names = [item.name for item in find_inputs([str(tmp_path)])]
    assert names == [".hidden.txt", "Z.TXT", "a/b/d.md", "a/b.txt", "a-b/c.txt", "link.txt"]
    # As Path sorts them: by parts, so "a/..." comes before "a-b/...".
    assert names == [p.relative_to(tmp_path).as_posix() for p in sorted(
        p for p in tmp_path.rglob("*") if p.suffix.lower() in (".txt", ".md") and p.is_file())]
    assert [item.path for item in find_inputs([str(tmp_path)])] == [tmp_path / name for name in names]


def test_sidecar_front_matter_and_command_line_in_that_order(tmp_path):
    (tmp_path / "articles.csv").write_text(
        "file,title,source,url,published,language\n"
        "a.txt,Sidecar title,AFP,http://x/a,2016-05-06,en\n"
        "b.md,Sidecar title,AFP,,2016-05-06,\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "b.md").write_text("---\ntitle: Front title\npublished: 2016-05\n---\n" + TEXT)
    documents, problems = read([tmp_path])
    a, b = documents
    assert (a.title, a.source, a.url, a.published) == ("Sidecar title", "AFP", "http://x/a", "2016-05-06")
    assert (b.title, b.source, b.published, b.text) == ("Front title", "AFP", "2016-05", TEXT)
    documents, _ = read([tmp_path], published="2017")
    assert [d.published for d in documents] == ["2017", "2017"]
    assert problems == []


def test_sidecar_bad_rows_are_named_by_file_and_line_and_the_rest_is_kept(tmp_path):
    sidecar = tmp_path / "articles.csv"
    sidecar.write_text(
        "file,title,published\n"
        "a.txt,Good,2016-05-06\n"
        "b.txt,Bad date,2016-13-01\n"
        "c.txt,too,many,fields\n"
        ",No file,2016\n"
        "a.txt,Again,2016\n", encoding="utf-8")
    problems: list[Problem] = []
    rows = read_sidecar(sidecar, problems)
    assert list(rows) == ["a.txt"] and rows["a.txt"]["title"] == "Good"
    assert [p.name for p in problems] == [f"{sidecar}:{line}" for line in (3, 4, 5, 6)]
    assert "no month 13" in problems[0].message and "fix the date" in problems[0].message
    assert all(p.skipped for p in problems)


def test_a_sidecar_row_no_document_uses_is_a_warning_naming_its_line(tmp_path):
    (tmp_path / "articles.csv").write_text(
        "file,published\n"
        "a.txt,2016-05-06\n"
        "artcle-b.txt,2016-05-07\n"
        "notes.odt,2016-05-08\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "article-b.txt").write_text(TEXT)
    documents, problems = read([tmp_path])
    assert [(d.name, d.published) for d in documents] == [("a.txt", "2016-05-06"), ("article-b.txt", None)]
    sidecar = tmp_path / "articles.csv"
    assert sorted((p.name, p.message, p.skipped) for p in problems) == [
        (f"{sidecar}:3", f"is a row for 'artcle-b.txt', which is not a document in {tmp_path}; "
                         "its metadata is used by no document (check the file name)", False),
        (f"{sidecar}:4", "is a row for 'notes.odt', which is not a kind of document timeline reads; "
                         "its metadata is used by no document (check the file name)", False),
    ]


def test_sidecar_rows_of_files_not_asked_for_are_no_warning(tmp_path):
    (tmp_path / "articles.csv").write_text("file,published\na.txt,2016-05-06\nb.txt,2016-05-07\n")
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "b.txt").write_text(TEXT)
    documents, problems = read([tmp_path / "a.txt"])
    assert [(d.name, d.published) for d in documents] == [("a.txt", "2016-05-06")] and problems == []


def test_a_link_to_nothing_in_a_folder_is_a_problem_naming_it(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "moved" / "gone.txt")
    documents, problems = read([tmp_path])
    assert [d.name for d in documents] == ["a.txt"]
    assert problems == [Problem(str(tmp_path / "gone.txt"), f"is a link to {tmp_path / 'moved' / 'gone.txt'}, "
                                "which does not exist; fix or remove the link")]


def test_sidecar_from_a_spreadsheet_semicolons_and_windows_1252(tmp_path):
    sidecar = tmp_path / "metadata.csv"
    sidecar.write_bytes("File;Title;Published\r\na.txt;Café “Aleppo”;2016-05-06\r\n".encode("cp1252"))
    (tmp_path / "a.txt").write_text(TEXT)
    documents, problems = read([tmp_path])
    assert documents[0].title == "Café “Aleppo”" and documents[0].published == "2016-05-06"
    assert [p.skipped for p in problems] == [False] and "Windows-1252" in problems[0].message


def test_sidecar_without_a_file_column_is_reported_and_documents_still_read(tmp_path):
    (tmp_path / "articles.csv").write_text("name,title\na.txt,x\n")
    (tmp_path / "a.txt").write_text(TEXT)
    documents, problems = read([tmp_path])
    assert len(documents) == 1 and documents[0].published is None
    assert len(problems) == 1 and "'file' column" in problems[0].message


def test_each_bad_input_is_one_problem_naming_the_file_and_reading_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(TEXT)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n")
    (tmp_path / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(200))
    (tmp_path / "large.txt").write_text("x" * 3000)
    (tmp_path / "front.md").write_text("---\nno colon here\n---\nText\n")
    missing = tmp_path / "missing.txt"
    documents, problems = read([tmp_path, missing], max_size=2048)
    assert [d.name for d in documents] == ["good.txt"]
    said = {Path_name(p.name): p.message for p in problems}
    assert set(said) == {"empty.txt", "blank.txt", "binary.txt", "large.txt", "front.md", "missing.txt"}
    assert "is empty" in said["empty.txt"]
    assert "binary" in said["binary.txt"]
    assert "--max-size" in said["large.txt"]
    assert "front matter" in said["front.md"]
    assert "no such file" in said["missing.txt"]
    assert all(p.skipped and "\n" not in p.message for p in problems)


def Path_name(name):
    return name.rsplit("/", 1)[-1]


def test_a_file_that_cannot_be_read_is_skipped(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "locked.txt").write_text(TEXT)
    real_open = open

    def guarded_open(path, *args, **kwargs):
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    # The superuser reads any file whatever its mode, so the refusal is simulated.
    monkeypatch.setattr(inputs_module, "open", guarded_open, raising=False)
    documents, problems = read([tmp_path])
    assert [d.name for d in documents] == ["a.txt"]
    assert len(problems) == 1 and "permission denied" in problems[0].message


def test_a_large_input_is_refused_without_reading_it_all(tmp_path, monkeypatch):
    big = tmp_path / "one-line.txt"
    with open(big, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # a sparse file: 100 MB that take no disk
    reads = []
    real_open = open

    def counting_open(path, *args, **kwargs):
        handle = real_open(path, *args, **kwargs)
        original = handle.read
        handle.read = lambda size=-1: reads.append(size) or original(size)
        return handle

    monkeypatch.setattr(inputs_module, "open", counting_open, raising=False)
    documents, problems = read([big])
    assert documents == [] and "100.0 MB" in problems[0].message
    assert reads and all(0 < size <= 10 * 1024 * 1024 + 1 for size in reads)


@pytest.mark.parametrize("length", [0, 5, 6, 20])
def test_a_file_whose_size_is_not_known_is_read_to_its_end_or_to_the_limit(tmp_path, length):
    # A pipe tells no size (0): what it holds is read all the same, and the limit still holds.
    reading, writing = os.pipe()
    os.write(writing, b"x" * length)
    os.close(writing)
    try:
        if length > 5:
            with pytest.raises(InputError, match="more than"):
                read_bytes(Path(f"/dev/fd/{reading}"), max_size=5)
        else:
            assert read_bytes(Path(f"/dev/fd/{reading}"), max_size=5) == b"x" * length
    finally:
        os.close(reading)


def test_a_file_that_grows_while_it_is_read_is_read_to_its_end(tmp_path, monkeypatch):
    grown = tmp_path / "live.txt"
    grown.write_bytes(b"first")
    real_fstat = os.fstat
    growth = [b" and more"]

    def fstat_then_grow(descriptor):
        # The size is taken, then the file grows (once: os.fstat is everyone's while patched).
        status = real_fstat(descriptor)
        if growth:
            with open(grown, "ab") as handle:
                handle.write(growth.pop())
        return status

    monkeypatch.setattr(inputs_module.os, "fstat", fstat_then_grow)
    assert read_bytes(grown, max_size=100) == b"first and more"
    grown.write_bytes(b"first")
    growth.append(b" and more")
    with pytest.raises(InputError, match="more than"):
        read_bytes(grown, max_size=10)


def test_standard_input_is_read_and_decoded(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode("cp1252"))))
    documents, problems = read(["-"], published="2016-05-07")
    assert documents[0].name == "<stdin>" and documents[0].text == TEXT
    assert documents[0].published == "2016-05-07"
    assert [p.skipped for p in problems] == [False]


def test_documents_are_read_one_at_a_time(tmp_path, monkeypatch):
    for n in range(5):
        (tmp_path / f"{n}.txt").write_text(TEXT)
    opened = []
    real_open = open
    monkeypatch.setattr(inputs_module, "open",
                        lambda path, *a, **k: opened.append(path) or real_open(path, *a, **k), raising=False)
    stream = read_documents([str(tmp_path)])
    next(stream)
    assert len(opened) == 1


def test_a_tree_deeper_than_the_recursion_limit_is_listed(tmp_path):
    # A low limit for a shallow tree: a tree deeper than the usual limit (1,000) would be
    # left for pytest to remove, which it does by recursing.
    depth = 300
    deepest = tmp_path.joinpath(*["d"] * depth)
    deepest.mkdir(parents=True)
    (deepest / "a.txt").write_text(TEXT)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200)
    try:
        names = [item.name for item in find_inputs([str(tmp_path)])]
    finally:
        sys.setrecursionlimit(limit)
    assert names == ["d/" * depth + "a.txt"]


def test_a_folder_that_cannot_be_listed_is_a_problem_and_the_rest_is_read(tmp_path, unlistable):
    for name in ("a/1.txt", "locked/2.txt", "locked/deeper/3.txt", "z.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(TEXT)
    unlistable(tmp_path / "locked")
    documents, problems = read([tmp_path])
    assert [d.name for d in documents] == ["a/1.txt", "z.txt"]
    assert problems == [Problem(str(tmp_path / "locked"), "is a folder that cannot be listed (permission denied); "
                                "the documents in it are left out, check its permissions")]


def test_a_folder_given_that_cannot_be_listed_is_said_so_once(tmp_path, unlistable):
    (tmp_path / "1.txt").write_text(TEXT)
    unlistable(tmp_path)
    documents, problems = read([tmp_path])
    assert documents == [] and len(problems) == 1
    assert problems[0].name == str(tmp_path) and "cannot be listed (permission denied)" in problems[0].message
    assert problems[0].skipped


def test_a_folder_without_documents_is_a_problem(tmp_path):
    (tmp_path / "notes.odt").write_text(TEXT)
    documents, problems = read([tmp_path])
    assert documents == [] and len(problems) == 1 and "without any document" in problems[0].message


def test_front_matter_list_keeps_every_item_in_order():
    items = [f"tag {number}" for number in range(20000)]
    text = "---\ntitle: Long\ntags:\n" + "".join(f"  - {item}\n" for item in items) + "---\nBody.\n"
    metadata, body = split_front_matter(text)
    assert metadata == {"title": "Long", "tags": ", ".join(items)}
    assert text[body:] == "Body.\n"
