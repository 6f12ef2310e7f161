"""Print the rows of holidays.tsv for holidays of lunar and lunisolar calendars, one date a year.

Islamic holidays by the Umm al-Qura calendar (hijridate), the one Saudi Arabia and most Gulf states
keep; where the new moon is sighted locally (South Asia, parts of Africa) a holiday may fall a day
later. Hindu festivals by the calendar of India's public holidays (holidays), the Chinese new year by
the Chinese calendar (lunardate), Jewish holidays by Israel's public holidays (holidays). Install
them in a scratch environment and run

    pip install hijridate lunardate holidays
    python scripts/make_holiday_dates.py 1990 2040 > rows.tsv

then put the rows in timeline/temporal/resources/en/holidays.tsv in place of the old ones.
"""
import sys

import holidays
import lunardate
from hijridate import Gregorian, Hijri

# Name in holidays.tsv (then its other names) -> Hijri month and day.
ISLAMIC = {
    ("eid al-fitr", "eid ul-fitr", "eid-ul-fitr", "eid el-fitr", "hari raya puasa", "hari raya aidilfitri"): (10, 1),
    ("eid al-adha", "eid ul-adha", "eid-ul-adha", "eid ul-azha", "eid-ul-azha", "eid el-kebir", "hari raya haji",
     "bakrid"): (12, 10),
    ("islamic new year", "hijri new year"): (1, 1),
    ("ashura",): (1, 10),
}
# Name (then its other names) -> (country calendar, the name it gives the day).
NATIONAL = {
    ("diwali", "deepavali"): (holidays.India, "Diwali"),
    ("holi",): (holidays.India, "Holi"),
    ("rosh hashanah", "rosh hashana"): (holidays.Israel, "Rosh Hashanah"),
    ("yom kippur",): (holidays.Israel, "Yom Kippur"),
}
CHINESE_NEW_YEAR = ("lunar new year", "chinese new year")


def _islamic(month: int, day: int, first: int, last: int) -> list[str]:
    dates = []
    year = Gregorian(first, 1, 1).to_hijri().year
    while True:
        date = Hijri(year, month, day).to_gregorian()
        if date.year > last:
            return dates
        if date.year >= first:
            dates.append(date.isoformat())
        year += 1


def _national(calendar, name: str, first: int, last: int) -> list[str]:
    days = calendar(years=range(first, last + 1))
    first_days = {}  # a festival of two days (Rosh Hashanah): its first
    for date in sorted(d for d, n in days.items() if n == name):
        first_days.setdefault(date.year, date.isoformat())
    return list(first_days.values())


def main(first: int, last: int) -> None:
    rows = [(names, _islamic(month, day, first, last)) for names, (month, day) in ISLAMIC.items()]
    rows += [(names, _national(calendar, name, first, last)) for names, (calendar, name) in NATIONAL.items()]
    rows.append((CHINESE_NEW_YEAR, [lunardate.LunarDate(year, 1, 1).to_solar_date().isoformat()
                                    for year in range(first, last + 1)]))
    for names, dates in rows:  # an Islamic holiday falls twice in a year every 33 years or so (2000, 2033)
        print(f"{'|'.join(names)}\tdates\t{' '.join(dates)}")


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
