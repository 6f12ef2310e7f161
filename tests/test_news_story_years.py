"""News that names other years tells no story of them: a year after the DCT is a plan, the year just
before it a comparison, and the writer's days outside a quotation stay the DCT's. Read on reports of the
machine-labelled TempEval-3 news, whose values below were checked against their text."""
import pytest

from timeline.evaluation.timeml import read_corpus
from timeline.temporal import tag

from conftest import SHARED

SILVER = SHARED / "corpora" / "tempeval3" / "silver"

# document, start of the expression, its text, its value
CASES = [
    # "exceed 100 million by 2010" then "reported ... by the end of September" (DCT 2005-11-16)
    ("XIN_ENG_20051116.0057.tml", 1216, "the end of September", "2005-09"),
    # 2007 elections ahead, then "proved ineffective in a demonstration in October" (DCT 2006-12-20)
    ("AFP_ENG_20061220.0510.tml", 1564, "October", "2006-10"),
    # "the same period of 2005" then "by the end of January" (DCT 2006-12-01)
    ("AFP_ENG_20061201.0410.tml", 2761, "the end of January", "2007-01"),
    # "since the final quarter of 2004" then "in the third quarter" (DCT 2005-11-30)
    ("XIN_ENG_20051130.0202.tml", 1074, "the third quarter", "2005-Q3"),
    ("XIN_ENG_20051130.0202.tml", 1108, "the second quarter", "2005-Q2"),
    # a life told in years from 1915 on, its lead in the writer's days (DCT 2006-12-03)
    ("AFP_ENG_20061203.0544.tml", 268, "Sunday", "2006-12-03"),
    ("AFP_ENG_20061203.0544.tml", 787, "today", "2006-12-03"),
    # an older year named twice carries a short way only: "charged in the case in October" after the
    # 1991-1996 term (DCT 1997-04-01), "a coup in September" after the 1997-98 crisis (DCT 2006-12-20)
    ("AFP_ENG_19970401.0171.tml", 1472, "October", "1996-10"),
    ("AFP_ENG_20061220.0085.tml", 2898, "September", "2006-09"),
    ("AFP_ENG_20051204.0496.tml", 2347, "October", "2005-10"),
    # a clause ahead looks ahead from the writer's days: "leases which expire on May 14" after 1995
    # (DCT 1997-04-03), "not be finalised until April" after 2003 (DCT 2005-12-15), "march into
    # Kinshasa by June" (DCT 1997-04-04)
    ("AFP_ENG_19970403.0059.tml", 1974, "May 14", "1997-05-14"),
    ("AFP_ENG_20051215.0190.tml", 4928, "April", "2006-04"),
    ("AFP_ENG_19970404.0249.tml", 2990, "June", "1997-06"),
]


@pytest.fixture(scope="module")
def documents():
    names = {case[0] for case in CASES}
    return {doc.name: doc for doc in read_corpus(SILVER) if doc.name in names}


@pytest.mark.parametrize("name,start,text,value", CASES)
def test_a_news_report_reads_its_own_days(documents, name, start, text, value):
    doc = documents[name]
    found = {timex.start: timex for timex in tag(doc.text, dct=doc.dct)}
    assert (found[start].text, found[start].value) == (text, value)
