"""Day phrases in text ("on Tuesday", "yesterday", "March 10") resolved against the publication date.

The rules that pick which phrase dates which statement live in ``dating.py``.

A weekday is the latest such day on or before publication; 'yesterday' is the day before; a day
and month without a year is the latest such date on or before publication; 'last month' or
'earlier this year' give no day at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta, weekday

from app.ingest.extract import lexicon as lx
from app.ingest.extract.text import Token

WEEKDAYS: dict[str, weekday] = dict(zip(lx.WEEKDAYS, (MO, TU, WE, TH, FR, SA, SU), strict=True))
MONTHS = {name: number for number, names in enumerate(lx.MONTHS, start=1) for name in names}

Found = tuple[bool, dt.date | None]
NOT_FOUND: Found = (False, None)


def _day_number(token: str) -> int | None:
    digits = token.rstrip("stndrh")
    if digits.isdigit() and 1 <= int(digits) <= 31 and len(digits) <= 2:
        return int(digits)
    return None


def _year(token: str) -> int | None:
    return int(token) if token.isdigit() and len(token) == 4 and 1900 < int(token) < 2200 else None


def _month_day(year: int | None, month: int, day: int, published: dt.date) -> dt.date | None:
    try:
        if year is not None:
            return dt.date(year, month, day)
        candidate = dt.date(published.year, month, day)
        if candidate > published + dt.timedelta(days=1):
            candidate = dt.date(published.year - 1, month, day)
        return candidate
    except ValueError:
        return None


def find_date(
    tokens: Sequence[Token], published: dt.date, *, start: int = 0, stop: int | None = None, past: bool = False
) -> Found:
    """The first day expression among ``tokens[start:stop]``: (found, day or None if vague).

    With ``past``, a day a future marker governs ('will leave on Sunday', 'is due on Monday') is
    passed over: it is when something is to happen, not when anything was said.
    """
    stop = len(tokens) if stop is None else stop
    lows = [t.low for t in tokens]
    for i in range(start, stop):
        low = lows[i]
        if past and any(w in lx.FUTURE_MARKERS for w in lows[max(0, i - 5) : i]):
            continue
        prev = lows[i - 1] if i > 0 else ""
        nxt = lows[i + 1] if i + 1 < len(lows) else ""
        if low == "yesterday":
            return True, published - dt.timedelta(days=1)
        if low in lx.TIME_WORDS or (low in lx.PARTS_OF_DAY and prev == "this"):
            return True, published
        if low in WEEKDAYS and tokens[i].text[:1].isupper():
            if prev == "next":
                continue
            offset = -1 if prev == "last" else 0
            base = published + dt.timedelta(days=offset) if offset else published
            return True, base + relativedelta(weekday=WEEKDAYS[low](-1))
        if low in MONTHS and tokens[i].text[:1].isupper() and not (low == "may" and not _day_number(nxt)):
            month = MONTHS[low]
            # 'March 10', 'March 10, 2024', 'Dec. 5'
            k = i + 1
            if k < stop and lows[k] == ".":
                k += 1
            day = _day_number(lows[k]) if k < len(lows) else None
            if day is not None:
                # 'from March 6 to 10': the range's last day
                if k + 2 < len(lows) and lows[k + 1] in {"to", "-", "–", "through"} and _day_number(lows[k + 2]):
                    day = _day_number(lows[k + 2]) or day
                    k += 2
                year = None
                if k + 2 < len(lows) and lows[k + 1] == ",":
                    year = _year(lows[k + 2])
                elif k + 1 < len(lows):
                    year = _year(lows[k + 1])
                found = _month_day(year, month, day, published)
                if found is not None:
                    return True, found
            # '7 December 2023'
            day = _day_number(prev)
            if day is not None:
                year = _year(nxt) if nxt else None
                found = _month_day(year, month, day, published)
                if found is not None:
                    return True, found
            if prev in {"in", "since", "early", "late", "mid", "last", "this"}:
                return True, None
        if low in lx.VAGUE_UNITS and prev in lx.VAGUE_LEADS | {"this"}:
            return True, None
        if low in {"recently", "previously"}:
            return True, None
    return NOT_FOUND
