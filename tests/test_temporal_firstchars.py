

@pytest.mark.parametrize("pattern", [
    r"(?<![\w.,])(1[0-9]{3}|20[0-9]{2})(?![\w%])", r"\b(?:[Tt]oday|[Ll]ast week)\b", r"(?-i:BC|A\.D\.)",
    r"\s+ago", r"(?:’|')[0-9]0s", r"½|[0-9]+", r".year"])
def test_a_look_ahead_at_the_first_characters_changes_no_match(pattern):
    from timeline.temporal.firstchars import with_lookahead

    text = "In 1999,\ttoday  ago ’80s and '90s, Last week\u00a0ago, BC 1½ A.D. 2012 tomorrow.\nyear"
    plain = re.compile(pattern)
    ahead = with_lookahead(plain)
    assert [m.span() for m in ahead.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert ahead.pattern != plain.pattern or pattern == r".year"
