"""The reply deadline `due_at`: closing time of the Nth working day after the local receipt date.

Rule I5 (Tyresö 3.1, annex 1: "Svara inom en arbetsdag"); the exact definition is in contract.md:

    closing time (default 17:00 local) of the Nth working day after the local date of receipt,
    skipping weekends and the public holidays of the organisation's country (incl. Midsummer Eve,
    Christmas Eve and New Year's Eve in Sweden); null when no reply is due.

Decisions:

- Only the *date* of receipt counts for N >= 1: an item received at 08:00 or at 23:59 on a Tuesday
  is due at closing time on Wednesday with N = 1, and one received on a Saturday is due on Monday.
- N = 0 means "the same working day": the closing time of the day of receipt when that is a working
  day and the item arrived before closing time; otherwise the closing time of the next working day
  (an item that arrives after closing, on a weekend or on a holiday is due when the office next
  closes). A deadline is therefore never earlier than the receipt.
- Non-working days are Saturdays, Sundays and the *public* holidays of the country as the `holidays`
  package lists them. For Sweden the de-facto non-working eves (midsommarafton, julafton,
  nyårsafton) are added by date, independent of the package version. Easter Eve is a Saturday and
  Easter Sunday a Sunday, so both are non-working anyway. Denmark: Store Bededag is a holiday up to
  2023 only (abolished from 2024, as the package knows); Grundlovsdag (5 June), juleaftensdag and
  nytårsaftensdag are not public holidays and count as working days, as the contract names extra
  days only for Sweden. Norway includes Skjærtorsdag; the Netherlands Koningsdag (27 April, or the
  26th when the 27th is a Sunday) and Bevrijdingsdag as far as the package lists it as public.
- Times are computed in the organisation's timezone with `zoneinfo`, so a deadline after a
  daylight-saving change carries the right UTC offset.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

COUNTRIES = ("SE", "NO", "DK", "NL")
MAX_WORKING_DAYS = 366


def _swedish_eves(year: int) -> set[date]:
    """Midsommarafton (the Friday between 19 and 25 June), julafton and nyårsafton."""
    midsummer_eve = next(
        date(year, 6, day) for day in range(19, 26) if date(year, 6, day).weekday() == 4
    )
    return {midsummer_eve, date(year, 12, 24), date(year, 12, 31)}


@lru_cache(maxsize=256)
def non_working_holidays(country: str, year: int) -> frozenset[date]:
    """The holidays (not weekends) on which no reply clock runs, cached per (country, year)."""
    if country not in COUNTRIES:
        raise ValueError(f"unsupported country {country!r}; expected one of {', '.join(COUNTRIES)}")
    days = set(holidays.country_holidays(country, years=year, categories=("public",)).keys())
    if country == "SE":
        days |= _swedish_eves(year)
    return frozenset(days)


def is_working_day(day: date, country: str) -> bool:
    """Monday to Friday and not a (de-facto) public holiday of the country."""
    return day.weekday() < 5 and day not in non_working_holidays(country, day.year)


@lru_cache(maxsize=4096)
def _nth_working_day(start: date, n: int, country: str) -> date:
    """The nth working day after `start` (n >= 1). Cached: a batch shares few receipt dates."""
    day = start
    remaining = n
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day, country):
            remaining -= 1
    return day


@lru_cache(maxsize=64)
def _parse_closing_time(closing_time: str) -> time:
    hours, _, minutes = closing_time.partition(":")
    try:
        return time(int(hours), int(minutes or 0))
    except ValueError:
        raise ValueError(f"closing_time must be HH:MM, not {closing_time!r}") from None


@lru_cache(maxsize=64)
def _zone(timezone: str) -> ZoneInfo:
    return ZoneInfo(timezone)


def _local(day: date, at: time, zone: ZoneInfo) -> datetime:
    # A wall-clock time that does not exist (inside a spring-forward gap) is normalised through UTC
    # to the first real instant after it; an ambiguous one takes the first occurrence (fold=0).
    naive_local = datetime.combine(day, at, tzinfo=zone)
    return naive_local.astimezone(_UTC).astimezone(zone)


_UTC = ZoneInfo("UTC")


@lru_cache(maxsize=4096)
def _closing_on(day: date, closing_time: str, timezone: str) -> datetime:
    """Closing time on `day` in `timezone`. Cached: a batch shares few receipt dates."""
    return _local(day, _parse_closing_time(closing_time), _zone(timezone))


@lru_cache(maxsize=4096)
def _due_after(day: date, working_days: int, country: str, closing_time: str, timezone: str):
    """Closing time of the nth working day after `day` (n >= 1), cached per receipt date."""
    return _closing_on(_nth_working_day(day, working_days, country), closing_time, timezone)


def due_at(
    received_at: datetime,
    *,
    country: str,
    timezone: str,
    working_days: int | None,
    closing_time: str = "17:00",
) -> datetime | None:
    """When the reply to an item received at `received_at` is due (I5); see the module docstring.

    `received_at` must be timezone-aware. `working_days` is the pack's `inbox.reply_working_days`;
    `None` means no reply is due and returns `None`. The result is aware, in `timezone`.
    """
    if working_days is None:
        return None
    if received_at.tzinfo is None or received_at.utcoffset() is None:
        raise ValueError("received_at must be timezone-aware")
    if not 0 <= working_days <= MAX_WORKING_DAYS:
        raise ValueError(f"working_days must be between 0 and {MAX_WORKING_DAYS}")
    _parse_closing_time(closing_time)  # a bad closing time fails here, cached or not
    local = received_at.astimezone(_zone(timezone))
    received_day = local.date()
    if working_days == 0:
        closing = _closing_on(received_day, closing_time, timezone)
        if is_working_day(received_day, country) and local < closing:
            return closing
        return _due_after(received_day, 1, country, closing_time, timezone)
    return _due_after(received_day, working_days, country, closing_time, timezone)
