"""Dates: the document date of an article and the day a temporal expression points to.

Pure functions; regular expressions do the common news expressions ("on Thursday", "a day
after", "last week", "December 1, 2021", "in 2014") quickly, since ``resolve`` runs per
sentence. ``python-dateutil`` parses the free-form publication dates of input files.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from dateutil import parser as dateutil_parser

from ontology.model import Article, DatePrecision

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTHS: dict[str, int] = {}
for _i in range(1, 13):
    _MONTHS[calendar.month_name[_i].lower()] = _i
    _MONTHS[calendar.month_abbr[_i].lower()] = _i
_MONTHS["sept"] = 9
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_NUM = r"(?P<n>" + "|".join(_NUMBERS) + r"|\d)"

#: How far forward the document date may move to a weekday named in the story.
WEEKDAY_WINDOW_DAYS = 3


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """The day an expression points to (``None`` when it cannot be told) and how precisely."""

    date: dt.date | None
    precision: DatePrecision


UNKNOWN = ResolvedDate(None, DatePrecision.UNKNOWN)

_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_MDY = re.compile(rf"\b{_MONTH}\s+{_DAY}(?:\s?,?\s+{_YEAR})?\b")
_DMY = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:\s?,?\s+{_YEAR})?\b")
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b")
_IN_MONTH = re.compile(rf"\b(?:in|since|during|until|early|late|mid-?)\s+{_MONTH}\b")
_IN_YEAR = re.compile(rf"\b(?:in|since|during|of|until)\s+{_YEAR}\b")
_NAMED_WEEKDAY = re.compile(rf"\b(?P<which>next|coming|this coming|last)\s+{_WEEKDAY}\b")
_WEEKDAY_ANY = re.compile(rf"\b{_WEEKDAY}\b")
_RELATIVE_DAY = re.compile(
    r"\b(?:(?P<today>today|tonight|this (?:morning|afternoon|evening))"
    r"|(?P<yesterday>yesterday|last night)|(?P<tomorrow>tomorrow))\b"
)
_DAY_OFFSETS = {"today": 0, "yesterday": -1, "tomorrow": 1}
_DAYS_BEFORE = re.compile(
    rf"\b{_NUM}\s+days?\s+(?:after|earlier|before|ago)\b|\bthe (?:day before|previous day)\b"
)
_DAYS_LATER = re.compile(rf"\b{_NUM}\s+days?\s+later\b|\bthe (?:next|following) day\b")
_RELATIVE_PERIOD = re.compile(
    r"\b(?P<which>last|past|previous|this|next|coming|earlier this|later this)\s+"
    r"(?P<unit>week|weekend|month|year)\b"
)
_DATELINE_PLACE = r"^[A-Z][A-Za-z .'’-]{1,40},\s+"
_DATELINES = (
    re.compile(rf"{_DATELINE_PLACE}{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?", re.IGNORECASE),
    re.compile(rf"{_DATELINE_PLACE}{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?", re.IGNORECASE),
)
_DEADLINE_BEFORE = re.compile(r"\b(?:by|until|till|through|before|deadline of|expires?)\s*$")
_PUNCT = re.compile(r"[^\w\s.,'-]")
_SPACE = re.compile(r"\s+")


def normalise_expression(expression: str) -> str:
    """Lower-case NFKC text with single spaces and no stray punctuation (idempotent)."""
    text = unicodedata.normalize("NFKC", expression).lower()
    text = _PUNCT.sub(" ", text)
    text = _SPACE.sub(" ", text).strip()
    return unicodedata.normalize("NFKC", text)


def parse_published(value: str | dt.date | None) -> dt.date | None:
    """A publication date from metadata: ISO date/datetime or an RFC 2822 style string.

    Raises:
        ValueError: the value is not a date.
    """
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    text = value.strip()
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return dateutil_parser.parse(text, fuzzy=False).date()
    except (ValueError, OverflowError) as e:
        raise ValueError(f"not a date: {value!r}") from e


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _shift(anchor: dt.date, days: int) -> dt.date | None:
    try:
        return anchor + dt.timedelta(days=days)
    except OverflowError:
        return None


def _year_for(month: int, day: int, anchor: dt.date, future: bool) -> dt.date | None:
    """A month/day without a year: the nearest such day in the past (or future) of the anchor."""
    candidate = _safe_date(anchor.year, month, day)
    if candidate is None:
        candidate = _safe_date(anchor.year - 1 if not future else anchor.year + 1, month, day)
        return candidate
    if not future and candidate > anchor:
        return _safe_date(anchor.year - 1, month, day)
    if future and candidate < anchor:
        return _safe_date(anchor.year + 1, month, day)
    return candidate


def _weekday_on_or_before(anchor: dt.date, weekday: int) -> dt.date | None:
    return _shift(anchor, -((anchor.weekday() - weekday) % 7))


def _weekday_on_or_after(anchor: dt.date, weekday: int) -> dt.date | None:
    return _shift(anchor, (weekday - anchor.weekday()) % 7)


def _month_start(anchor: dt.date, months: int) -> dt.date | None:
    index = anchor.year * 12 + anchor.month - 1 + months
    year, month = divmod(index, 12)
    return _safe_date(year, month + 1, 1) if dt.MINYEAR <= year <= dt.MAXYEAR else None


def _explicit(text: str, anchor: dt.date, future: bool) -> ResolvedDate | None:
    if m := _ISO.search(text):
        day = _safe_date(int(m["year"]), int(m["m"]), int(m["d"]))
        return ResolvedDate(day, DatePrecision.DAY) if day else None
    for pattern in (_MDY, _DMY):
        if m := pattern.search(text):
            month, day_no = _MONTHS[m["month"]], int(m["day"])
            if m["year"]:
                day = _safe_date(int(m["year"]), month, day_no)
            else:
                day = _year_for(month, day_no, anchor, future)
            if day:
                return ResolvedDate(day, DatePrecision.DAY)
    if m := _MONTH_YEAR.search(text):
        return ResolvedDate(_safe_date(int(m["year"]), _MONTHS[m["month"]], 1), DatePrecision.MONTH)
    return None


def _weekday(text: str, anchor: dt.date, future: bool) -> ResolvedDate | None:
    if m := _NAMED_WEEKDAY.search(text):
        weekday = WEEKDAYS[m["weekday"]]
        if m["which"] == "last":
            before = _shift(anchor, -1)
            day = _weekday_on_or_before(before, weekday) if before else None
        else:
            after = _shift(anchor, 1)
            day = _weekday_on_or_after(after, weekday) if after else None
        return ResolvedDate(day, DatePrecision.DAY)
    if m := _WEEKDAY_ANY.search(text):
        weekday = WEEKDAYS[m["weekday"]]
        if future:
            return ResolvedDate(_weekday_on_or_after(anchor, weekday), DatePrecision.DAY)
        return ResolvedDate(_weekday_on_or_before(anchor, weekday), DatePrecision.DAY)
    return None


def _relative_days(text: str, anchor: dt.date) -> ResolvedDate | None:
    if m := _RELATIVE_DAY.search(text):
        return ResolvedDate(_shift(anchor, _DAY_OFFSETS[m.lastgroup or "today"]), DatePrecision.DAY)
    if m := _DAYS_BEFORE.search(text):
        n = _NUMBERS.get(m["n"] or "a") or int(m["n"])
        return ResolvedDate(_shift(anchor, -n), DatePrecision.DAY)
    if m := _DAYS_LATER.search(text):
        n = _NUMBERS.get(m["n"] or "a") or int(m["n"])
        return ResolvedDate(_shift(anchor, n), DatePrecision.DAY)
    return None


def _relative_period(text: str, anchor: dt.date) -> ResolvedDate | None:
    m = _RELATIVE_PERIOD.search(text)
    if not m:
        return None
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(m["which"], 0)
    unit = m["unit"]
    if unit == "week":
        return ResolvedDate(_shift(anchor, 7 * step), DatePrecision.WEEK)
    if unit == "weekend":
        if step > 0:
            after = _shift(anchor, 1)
            return ResolvedDate(after and _weekday_on_or_after(after, 5), DatePrecision.WEEK)
        return ResolvedDate(_weekday_on_or_before(anchor, 5), DatePrecision.WEEK)
    if unit == "month":
        return ResolvedDate(_month_start(anchor, step), DatePrecision.MONTH)
    year = anchor.year + step
    day = _safe_date(year, 1, 1) if dt.MINYEAR <= year <= dt.MAXYEAR else None
    return ResolvedDate(day, DatePrecision.YEAR)


def _coarse(text: str, anchor: dt.date, future: bool) -> ResolvedDate | None:
    if m := _IN_MONTH.search(text):
        month = _MONTHS[m["month"]]
        start = _year_for(month, 1, anchor.replace(day=1), future)
        return ResolvedDate(start, DatePrecision.MONTH)
    if m := _IN_YEAR.search(text):
        return ResolvedDate(dt.date(int(m["year"]), 1, 1), DatePrecision.YEAR)
    return None


def resolve(expression: str, anchor: dt.date, *, future: bool = False) -> ResolvedDate:
    """The day a temporal expression (or the first one in a sentence) points to.

    Weekdays without "next"/"last" mean the most recent such day on or before the anchor (the
    anchor itself when it is that weekday), or the next one on or after it when ``future``.
    "a day after"/"a day earlier"/"the day before" point one day before the anchor (in "met on
    Thursday, a day after declaring X" the declaration is the day before); "a day later" one
    day after. Explicit dates without a year take the anchor's year, nearest in the past.

    Args:
        expression: a phrase ("on Thursday") or a whole sentence.
        anchor: the reference day, usually the document date.
        future: the expression is about the future ("will meet on Friday").

    Returns:
        The date (``None`` when nothing is found) and its precision.

    >>> resolve("on Thursday", dt.date(2021, 12, 2))
    ResolvedDate(date=datetime.date(2021, 12, 2), precision=<DatePrecision.DAY: 'day'>)
    """
    text = normalise_expression(expression)
    if not text:
        return UNKNOWN
    for step in (
        lambda: _explicit(text, anchor, future),
        lambda: _weekday(text, anchor, future),
        lambda: _relative_days(text, anchor),
        lambda: _relative_period(text, anchor),
        lambda: _coarse(text, anchor, future),
    ):
        found = step()
        if found is not None:
            return found if found.date is not None else UNKNOWN
    return UNKNOWN


def explicit_dates(text: str) -> list[dt.date]:
    """Every full date (day, month and year) written out in ``text``, in order of appearance.

    Dates introduced as deadlines ("by December 31, 2030") are left out: they say when something
    should happen, not when the story was written.
    """
    found: list[tuple[int, dt.date]] = []
    for pattern in (_MDY, _DMY):
        lowered = text.lower()
        for m in pattern.finditer(lowered):
            if not m["year"] or _DEADLINE_BEFORE.search(
                lowered[max(0, m.start() - 20) : m.start()]
            ):
                continue
            day = _safe_date(int(m["year"]), _MONTHS[m["month"]], int(m["day"]))
            if day:
                found.append((m.start(), day))
    for m in _ISO.finditer(text):
        day = _safe_date(int(m["year"]), int(m["m"]), int(m["d"]))
        if day:
            found.append((m.start(), day))
    return [day for _, day in sorted(found, key=lambda pair: pair[0])]


def dateline_date(text: str) -> dt.date | None:
    """The date of a dateline such as "MOSCOW, Dec 2, 2021 (Reuters) -" (needs the year)."""
    head = text.lstrip()[:120]
    for pattern in _DATELINES:
        m = pattern.match(head)
        if m and m["year"]:
            return _safe_date(int(m["year"]), _MONTHS[m["month"].lower()], int(m["day"]))
    return None


def _forward_to_named_weekday(base: dt.date, text: str) -> dt.date:
    """Move ``base`` forward to the latest weekday the story names within the next few days."""
    named = {WEEKDAYS[m["weekday"]] for m in _WEEKDAY_ANY.finditer(text.lower())}
    best = base
    for offset in range(WEEKDAY_WINDOW_DAYS + 1):
        day = _shift(base, offset)
        if day is not None and day.weekday() in named:
            best = day
    return best


def document_date(article: Article) -> tuple[dt.date | None, bool]:
    """The date an article was written and whether it was inferred.

    Metadata first (``article.published``); else the dateline's date; else the latest explicit
    full date in the text and captions, moved forward to a weekday the story names when that
    weekday falls within the next few days (a caption dated Wednesday December 1, 2021 and a
    story about "Thursday" give Thursday December 2, 2021).

    >>> a = Article(id="a", text="They met on Thursday.", captions=("Kyiv, December 1, 2021.",))
    >>> document_date(a)
    (datetime.date(2021, 12, 2), True)
    """
    if article.published is not None:
        return article.published, article.published_inferred
    from_dateline = dateline_date(article.text)
    if from_dateline is not None:
        return from_dateline, True
    dates = explicit_dates(article.text) + [d for c in article.captions for d in explicit_dates(c)]
    if not dates:
        return None, False
    return _forward_to_named_weekday(max(dates), article.text), True
