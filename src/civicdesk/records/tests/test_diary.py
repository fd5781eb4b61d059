"""Diary numbers: unique and gap-free per series and year, also when workers register at the
same moment in concurrent transactions (A4; issue 5 "two concurrent registrations never share a
number"). The concurrent tests need PostgreSQL's row locks."""

import threading
from datetime import UTC, datetime

import pytest
from django.db import connections, transaction

from civicdesk.conftest import load_seed
from civicdesk.records import log
from civicdesk.records.diary import register, reserve_sequences
from civicdesk.records.models import DiaryEntry

AT = datetime(2026, 6, 18, 12, 0, tzinfo=UTC)


def in_threads(workers: int, target) -> list[Exception]:
    barrier = threading.Barrier(workers)
    errors: list[Exception] = []

    def run(n: int) -> None:
        try:
            barrier.wait()
            target(n)
        except Exception as error:  # noqa: BLE001 - collected and asserted on
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


class TestNumbers:
    def test_numbers_follow_the_pack_format_and_count_up(self, tyreso):
        first = register(tyreso, title="a", reason="other", at=AT)
        second = register(tyreso, title="b", reason="other", at=AT)
        assert (first.number, second.number) == ("KS 2026/1", "KS 2026/2")

    def test_a_rolled_back_registration_gives_its_number_back(self, tyreso):
        register(tyreso, title="a", reason="other", at=AT)
        with pytest.raises(RuntimeError), transaction.atomic():
            register(tyreso, title="b", reason="other", at=AT)
            raise RuntimeError
        assert register(tyreso, title="c", reason="other", at=AT).number == "KS 2026/2"

    def test_bo_numbers_are_year_slash_sequence_dash_document(self, bo):
        assert register(bo, title="a", reason="other", at=AT).number == "26/1-1"


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
class TestConcurrentRegistration:
    def test_two_workers_at_the_same_moment_never_share_a_number(self):
        tyreso = load_seed("tyreso.toml")
        rounds = 30

        def work(n: int) -> None:
            for i in range(rounds):
                register(tyreso, title=f"worker {n} #{i}", reason="other", at=AT)

        assert in_threads(2, work) == []
        sequences = sorted(DiaryEntry.objects.values_list("sequence", flat=True))
        assert sequences == list(range(1, 2 * rounds + 1))  # unique and gap-free
        assert log.verify().intact

    def test_bulk_reservations_and_single_registrations_interleave_without_gaps(self):
        tyreso = load_seed("tyreso.toml")
        taken: list[range] = []

        def work(n: int) -> None:
            for _ in range(10):
                if n % 2:
                    with transaction.atomic():
                        taken.append(reserve_sequences(tyreso, "KS", 2026, 50))
                else:
                    entry = register(tyreso, title=f"w{n}", reason="other", at=AT)
                    taken.append(range(entry.sequence, entry.sequence + 1))

        assert in_threads(4, work) == []
        numbers = sorted(n for block in taken for n in block)
        assert numbers == list(range(1, len(numbers) + 1))
        assert len(numbers) == 2 * 10 * 50 + 2 * 10
