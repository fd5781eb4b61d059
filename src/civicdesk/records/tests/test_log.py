"""The tamper-evident log: links are recomputable, and a row changed, deleted or cut off behind
the log's back is caught and named (issue 5, "records verify catches a row changed")."""

import hashlib
import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections

from civicdesk.records import log
from civicdesk.records.diary import register, save_registrations
from civicdesk.records.models import DiaryEntry, LogEntry, LogHead


def fill(count: int, organisation=None) -> list[LogEntry]:
    return log.append_many(
        log.Event("test.event", f"thing:{n}", {"n": n, "text": f"åäö {n} \u202e"}, organisation)
        for n in range(1, count + 1)
    )


def raw(sql: str, *params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def run_verify(*args) -> tuple[int, str, str]:
    import io

    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("records", "verify", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


class TestAppend:
    def test_each_hash_is_sha256_of_the_previous_hash_and_the_canonical_json(self, db):
        first, second = fill(2)
        assert first.previous_hash == log.GENESIS
        assert second.previous_hash == first.hash
        body = log.canonical_json(
            {
                "at": log.canonical_time(second.at),
                "event": "test.event",
                "object": "thing:2",
                "org": None,
                "payload": second.payload,
                "seq": 2,
            }
        )
        assert second.hash == hashlib.sha256((first.hash + body).encode()).hexdigest()

    def test_payload_is_stored_as_canonical_json_whatever_the_key_order(self, db):
        entry = log.append("x", "thing:1", {"b": 1, "a": [1, "é"]})
        assert LogEntry.objects.get(pk=entry.pk).payload == '{"a":[1,"\\u00e9"],"b":1}'

    def test_head_moves_to_the_last_link(self, db):
        entries = fill(5)
        head = LogHead.objects.get()
        assert (head.sequence, head.hash) == (5, entries[-1].hash)
        assert str(log.head()) == f"sha256:{entries[-1].hash}"

    def test_a_chunk_of_thousands_costs_a_few_queries(self, db, django_assert_max_num_queries):
        # One lock, one head update, and inserts in batches (SQLite caps a statement at 999
        # parameters, so about 111 rows each there; 500 on PostgreSQL).
        fill(1)
        with django_assert_max_num_queries(40):
            fill(3000)
        assert LogEntry.objects.count() == 3001
        assert log.verify().intact

    def test_a_payload_that_is_not_json_is_refused_and_nothing_is_written(self, db):
        with pytest.raises(ValueError):
            log.append("x", "thing:1", {"bad": float("nan")})
        assert not LogEntry.objects.exists()

    def test_append_rolls_back_with_the_change_it_logs(self, db, tyreso):
        from django.db import transaction

        with pytest.raises(RuntimeError), transaction.atomic():
            register(tyreso, title="t", reason="other")
            raise RuntimeError
        assert not LogEntry.objects.exists()
        assert log.verify().intact


class TestVerify:
    def test_an_intact_chain_passes(self, db):
        fill(50)
        result = log.verify()
        assert result.intact and result.checked == 50

    def test_an_empty_log_is_intact(self, db):
        assert log.verify().intact
        assert run_verify()[0] == 0

    def test_a_payload_changed_with_raw_sql_is_caught_and_named(self, db):
        entries = fill(20)
        raw("UPDATE records_logentry SET payload = %s WHERE sequence = 13", '{"n":999}')
        result = log.verify()
        assert not result.intact
        assert result.broken.sequence == 13
        assert result.broken.pk == entries[12].pk
        assert result.checked == 12

    def test_a_changed_time_is_caught(self, db):
        fill(5)
        raw("UPDATE records_logentry SET event = 'forged' WHERE sequence = 2")
        assert log.verify().broken.sequence == 2

    def test_a_rehashed_row_is_caught_at_the_next_link(self, db):
        entries = fill(6)
        forged = log.entry_hash(
            entries[2].previous_hash,
            sequence=3,
            at=entries[2].at,
            event="forged",
            object_ref="thing:3",
            organisation_id=None,
            payload="{}",
        )
        raw(
            "UPDATE records_logentry SET event='forged', payload='{}', hash=%s WHERE sequence=3",
            forged,
        )
        result = log.verify()
        assert result.broken.sequence == 4
        assert "previous" in result.broken.reason

    def test_a_deleted_row_is_caught(self, db):
        fill(10)
        raw("DELETE FROM records_logentry WHERE sequence = 7")
        result = log.verify()
        assert result.broken.sequence == 7
        assert "missing" in result.broken.reason

    def test_a_deleted_tail_is_caught_by_the_head(self, db):
        fill(10)
        raw("DELETE FROM records_logentry WHERE sequence >= 9")
        result = log.verify()
        assert result.broken.sequence == 9
        assert result.checked == 8

    def test_an_anchor_no_longer_in_the_chain_fails(self, db):
        entries = fill(3)
        assert log.verify(anchors=[f"sha256:{entries[1].hash}"]).intact
        assert not log.verify(anchors=["sha256:" + "ab" * 32]).intact


class TestVerifyCommand:
    def test_exit_0_when_intact(self, db):
        fill(3)
        code, out, _ = run_verify()
        assert code == 0
        assert "3 entries" in out

    def test_exit_1_naming_the_first_broken_entry(self, db):
        fill(30)
        raw("UPDATE records_logentry SET object_ref = 'item:1' WHERE sequence IN (11, 20)")
        code, _, err = run_verify()
        assert code == 1
        assert "entry #11" in err
        assert "#20" not in err

    def test_exit_1_for_a_missing_anchor(self, db):
        fill(2)
        code, _, err = run_verify("--anchor", "sha256:" + "cd" * 32)
        assert code == 1 and "not in the log" in err


class TestDiaryIsLogged:
    def test_register_appends_a_registration(self, db, tyreso):
        entry = register(tyreso, title="DM från invånare", reason="private_message", sender="A")
        logged = LogEntry.objects.get()
        assert logged.event == "diary.registered"
        assert logged.object_ref == f"diary:{entry.pk}"
        assert logged.organisation_id == tyreso.pk
        assert f'"number":"{entry.number}"' in logged.payload

    def test_bulk_registrations_are_logged_in_one_append(
        self, db, tyreso, django_assert_max_num_queries
    ):
        from django.utils import timezone

        from civicdesk.records.diary import reserve_sequences

        now = timezone.now()
        numbers = reserve_sequences(tyreso, "KS", now.year, 1200)
        entries = [
            DiaryEntry(
                organisation=tyreso,
                series="KS",
                year=now.year,
                sequence=n,
                number=f"KS {now.year}/{n}",
                title=f"Meddelande {n}",
                reason="private_message",
                registered_at=now,
            )
            for n in numbers
        ]
        with django_assert_max_num_queries(40):
            save_registrations(entries)
        assert LogEntry.objects.filter(event="diary.registered").count() == 1200
        refs = set(LogEntry.objects.values_list("object_ref", flat=True))
        assert refs == {f"diary:{pk}" for pk in DiaryEntry.objects.values_list("pk", flat=True)}
        assert log.verify().intact


@pytest.mark.django_db(transaction=True)
class TestConcurrentAppends:
    """Threads with their own connections append at once; the chain never forks."""

    @pytest.mark.postgres_only
    def test_parallel_appends_form_one_chain(self):
        workers, each = 8, 25
        barrier = threading.Barrier(workers)
        errors = []

        def work(n: int) -> None:
            try:
                barrier.wait()
                for i in range(each):
                    log.append("test.parallel", f"worker:{n}/{i}", {"n": n, "i": i})
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=work, args=(n,)) for n in range(workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert LogEntry.objects.count() == workers * each
        assert LogEntry.objects.values("previous_hash").distinct().count() == workers * each
        result = log.verify()
        assert result.intact and result.checked == workers * each
