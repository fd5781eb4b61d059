"""The reply deadline (I5): closing time of the Nth working day after the local date of receipt."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import holidays
import pytest

from civicdesk.inbox.triage.deadlines import due_at, is_working_day, non_working_holidays

STOCKHOLM = ZoneInfo("Europe/Stockholm")
OSLO = ZoneInfo("Europe/Oslo")
COPENHAGEN = ZoneInfo("Europe/Copenhagen")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def se(received, n=1, closing="17:00"):
    return due_at(
        received, country="SE", timezone="Europe/Stockholm", working_days=n, closing_time=closing
    )


class TestSwedishEves:
    def test_christmas_eve_receipt_is_due_after_the_christmas_holidays(self):
        received = datetime(2025, 12, 24, 10, 0, tzinfo=STOCKHOLM)
        # 25 and 26 Dec are holidays, 27–28 a weekend.
        assert se(received) == datetime(2025, 12, 29, 17, 0, tzinfo=STOCKHOLM)

    def test_contract_example_skips_midsummer_eve(self):
        received = datetime.fromisoformat("2026-06-18T14:05:00+02:00")
        assert se(received).isoformat() == "2026-06-22T17:00:00+02:00"

    def test_midsummer_eve_receipt_is_due_on_monday(self):
        received = datetime(2025, 6, 20, 9, 0, tzinfo=STOCKHOLM)
        assert se(received) == datetime(2025, 6, 23, 17, 0, tzinfo=STOCKHOLM)

    def test_new_years_eve_is_not_a_working_day(self):
        received = datetime(2026, 12, 30, 12, 0, tzinfo=STOCKHOLM)
        # 31 Dec eve, 1 Jan holiday, 2–3 Jan weekend.
        assert se(received) == datetime(2027, 1, 4, 17, 0, tzinfo=STOCKHOLM)

    @pytest.mark.parametrize("year", range(2020, 2031))
    def test_eves_agree_with_the_holidays_package_de_facto_days(self, year):
        eves = set(holidays.country_holidays("SE", years=year, categories=("de_facto",)))
        assert eves <= non_working_holidays("SE", year)

    def test_easter_eve_and_sunday_fall_on_the_weekend(self):
        received = datetime(2026, 4, 2, 15, 0, tzinfo=STOCKHOLM)  # skärtorsdag, a working day
        # Good Friday 3 Apr, 4–5 Apr weekend, Easter Monday 6 Apr.
        assert se(received) == datetime(2026, 4, 7, 17, 0, tzinfo=STOCKHOLM)


class TestWeekend:
    def test_friday_evening_is_due_monday(self):
        received = datetime(2026, 3, 13, 21, 30, tzinfo=STOCKHOLM)
        assert se(received) == datetime(2026, 3, 16, 17, 0, tzinfo=STOCKHOLM)

    def test_friday_evening_with_three_working_days_is_due_wednesday(self):
        received = datetime(2026, 3, 13, 21, 30, tzinfo=STOCKHOLM)
        assert se(received, n=3) == datetime(2026, 3, 18, 17, 0, tzinfo=STOCKHOLM)

    def test_saturday_receipt_counts_monday_as_the_first_working_day(self):
        received = datetime(2026, 3, 14, 11, 0, tzinfo=STOCKHOLM)
        assert se(received) == datetime(2026, 3, 16, 17, 0, tzinfo=STOCKHOLM)

    def test_tuesday_morning_and_night_share_the_deadline(self):
        morning = datetime(2026, 3, 10, 0, 1, tzinfo=STOCKHOLM)
        night = datetime(2026, 3, 10, 23, 59, tzinfo=STOCKHOLM)
        assert se(morning) == se(night) == datetime(2026, 3, 11, 17, 0, tzinfo=STOCKHOLM)


class TestNorwegianEaster:
    def test_skjaertorsdag_langfredag_and_second_easter_day_are_skipped(self):
        received = datetime(2025, 4, 16, 12, 0, tzinfo=OSLO)
        due = due_at(received, country="NO", timezone="Europe/Oslo", working_days=1)
        assert due == datetime(2025, 4, 22, 17, 0, tzinfo=OSLO)

    @pytest.mark.parametrize("day", [date(2025, 4, 17), date(2025, 4, 18), date(2025, 4, 21)])
    def test_easter_days_are_not_working_days(self, day):
        assert not is_working_day(day, "NO")


class TestDutchKingsDay:
    def test_kings_day_is_skipped(self):
        received = datetime(2026, 4, 24, 16, 0, tzinfo=AMSTERDAM)  # Friday
        due = due_at(received, country="NL", timezone="Europe/Amsterdam", working_days=1)
        assert due == datetime(2026, 4, 28, 17, 0, tzinfo=AMSTERDAM)  # Mon 27th is King's Day

    def test_kings_day_moves_to_saturday_when_the_27th_is_a_sunday(self):
        assert not is_working_day(date(2025, 4, 26), "NL")
        assert is_working_day(date(2025, 4, 28), "NL")


class TestDanishHolidays:
    def test_store_bededag_was_a_holiday_in_2023(self):
        received = datetime(2023, 5, 4, 10, 0, tzinfo=COPENHAGEN)
        due = due_at(received, country="DK", timezone="Europe/Copenhagen", working_days=1)
        assert due == datetime(2023, 5, 8, 17, 0, tzinfo=COPENHAGEN)

    def test_store_bededag_is_a_working_day_from_2024(self):
        received = datetime(2024, 4, 25, 10, 0, tzinfo=COPENHAGEN)
        due = due_at(received, country="DK", timezone="Europe/Copenhagen", working_days=1)
        assert due == datetime(2024, 4, 26, 17, 0, tzinfo=COPENHAGEN)

    def test_grundlovsdag_counts_as_a_working_day(self):
        # Not a public holiday; the contract names extra closing days for Sweden only.
        received = datetime(2025, 6, 4, 10, 0, tzinfo=COPENHAGEN)
        due = due_at(received, country="DK", timezone="Europe/Copenhagen", working_days=1)
        assert due == datetime(2025, 6, 5, 17, 0, tzinfo=COPENHAGEN)


class TestDaylightSaving:
    def test_deadline_after_spring_forward_has_summer_offset(self):
        received = datetime(2026, 3, 27, 16, 0, tzinfo=STOCKHOLM)  # +01:00
        due = se(received)
        assert due.isoformat() == "2026-03-30T17:00:00+02:00"
        assert due.astimezone(UTC) == datetime(2026, 3, 30, 15, 0, tzinfo=UTC)

    def test_deadline_after_fall_back_has_winter_offset(self):
        received = datetime(2026, 10, 23, 16, 0, tzinfo=STOCKHOLM)  # +02:00
        assert se(received).isoformat() == "2026-10-26T17:00:00+01:00"

    def test_local_date_decides_not_the_utc_date(self):
        received = datetime(2026, 3, 12, 23, 30, tzinfo=UTC)  # Friday 00:30 in Stockholm
        assert se(received) == datetime(2026, 3, 16, 17, 0, tzinfo=STOCKHOLM)


class TestZeroWorkingDays:
    def test_before_closing_on_a_working_day_is_due_the_same_day(self):
        received = datetime(2026, 3, 10, 9, 0, tzinfo=STOCKHOLM)
        assert se(received, n=0) == datetime(2026, 3, 10, 17, 0, tzinfo=STOCKHOLM)

    def test_after_closing_is_due_the_next_working_day(self):
        received = datetime(2026, 3, 13, 17, 30, tzinfo=STOCKHOLM)  # Friday
        assert se(received, n=0) == datetime(2026, 3, 16, 17, 0, tzinfo=STOCKHOLM)

    def test_on_a_holiday_is_due_the_next_working_day(self):
        received = datetime(2025, 12, 24, 8, 0, tzinfo=STOCKHOLM)
        assert se(received, n=0) == datetime(2025, 12, 29, 17, 0, tzinfo=STOCKHOLM)

    def test_deadline_is_never_before_receipt(self):
        received = datetime(2026, 3, 10, 16, 59, 59, tzinfo=STOCKHOLM)
        assert se(received, n=0) > received


class TestClosingTime:
    def test_pack_closing_time_is_used(self):
        received = datetime(2026, 3, 10, 9, 0, tzinfo=STOCKHOLM)
        assert se(received, closing="15:30") == datetime(2026, 3, 11, 15, 30, tzinfo=STOCKHOLM)


class TestInvalidInput:
    def test_no_reply_due_gives_no_deadline(self):
        received = datetime(2026, 3, 10, 9, 0, tzinfo=STOCKHOLM)
        assert se(received, n=None) is None

    def test_naive_datetime_is_rejected(self):
        with pytest.raises(ValueError, match="timezone-aware"):
            se(datetime(2026, 3, 10, 9, 0))  # noqa: DTZ001

    def test_unknown_country_is_rejected(self):
        with pytest.raises(ValueError, match="unsupported country"):
            due_at(
                datetime(2026, 3, 10, 9, 0, tzinfo=STOCKHOLM),
                country="FI",
                timezone="Europe/Helsinki",
                working_days=1,
            )

    def test_bad_closing_time_is_rejected(self):
        with pytest.raises(ValueError, match="HH:MM"):
            se(datetime(2026, 3, 10, 9, 0, tzinfo=STOCKHOLM), closing="five")

    def test_negative_working_days_are_rejected(self):
        with pytest.raises(ValueError, match="working_days"):
            se(datetime(2026, 3, 10, 9, 0, tzinfo=STOCKHOLM), n=-1)
