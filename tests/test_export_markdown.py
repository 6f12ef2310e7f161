from test_export_samples import export, sample_timeline


def test_markdown_lists_events_by_year_with_sources(tmp_path):
    result, output = export(tmp_path, sample_timeline(), "-f", "markdown", "--title", "Aleppo [2016]")
    assert result.exit_code == 0, result.stderr
    text = output.decode()
    assert text.startswith("# Aleppo \\[2016\\]\n")
    assert "\n## 2015\n" in text and "\n## 2016\n" in text
    assert "- **3 November 2016** Rebels launched an offensive on Thursday in Aleppo, Syria." in text
    assert "[Siege lifted](<https://example.org/a>)" in text
    assert "- **late August 2016**" in text


def test_markdown_escapes_article_text(tmp_path):
    _, output = export(tmp_path, sample_timeline(), "-f", "markdown")
    text = output.decode()
    assert "\\<b\\>bold\\</b\\>" in text and "\\[link\\]\\(javascript:alert\\(1\\)\\)" in text
    assert "<b>" not in text and "](javascript" not in text


def test_markdown_table_with_columns(tmp_path):
    _, output = export(tmp_path, sample_timeline(), "-o", str(tmp_path / "out.md"), "--columns", "date,title")
    text = (tmp_path / "out.md").read_text()
    lines = text.splitlines()
    assert lines[2] == "| date | title |" and lines[3] == "|---|---|"
    # The table, then a blank line and the comment saying that timeline wrote it (invisible when rendered).
    assert len(lines) == 4 + len(sample_timeline().events) + 2
    assert lines[-2:] == ["", "<!-- written by timeline -->"]
