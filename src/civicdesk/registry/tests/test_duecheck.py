"""The worker's daily register check: inactive channels (R6) and yearly purpose reviews (R5)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from civicdesk.core.schedule import ensure_scheduled
from civicdesk.registry.duecheck import check_channels
from civicdesk.registry.models import Channel, ChannelDueItem
from civicdesk.registry.services import record_activity
from civicdesk.registry.tasks import check_register_daily, next_daily_run

pytestmark = pytest.mark.django_db


def quiet_for(slug: str, days: float) -> Channel:
    now = timezone.now()
    Channel.objects.filter(slug=slug).update(
        last_activity_at=now - timedelta(days=days), purpose_reviewed_at=now
    )
    return Channel.objects.get(slug=slug)


class TestInactivity:
    def test_blog_quiet_for_eight_days_is_flagged(self, tyreso):
        quiet_for("tyreso-blogg-kultur", 8)
        check_channels()
        item = ChannelDueItem.objects.get(channel__slug="tyreso-blogg-kultur")
        assert item.kind == "inactive"
        assert "limit is 7 days" in item.detail

    def test_blog_quiet_for_six_days_is_not_flagged(self, tyreso):
        quiet_for("tyreso-blogg-kultur", 6)
        check_channels()
        assert not ChannelDueItem.objects.filter(channel__slug="tyreso-blogg-kultur").exists()

    def test_facebook_uses_the_general_limit(self, tyreso):
        quiet_for("tyreso-facebook", 30)
        quiet_for("tyreso-instagram", 91)
        check_channels()
        flagged = set(ChannelDueItem.objects.values_list("channel__slug", flat=True))
        assert "tyreso-instagram" in flagged
        assert "tyreso-facebook" not in flagged

    def test_check_is_idempotent(self, tyreso):
        quiet_for("tyreso-blogg-kultur", 30)
        first = check_channels()
        second = check_channels()
        assert first.opened_inactive >= 1
        assert second.opened_inactive == 0
        assert ChannelDueItem.objects.filter(channel__slug="tyreso-blogg-kultur").count() == 1

    def test_activity_resolves_the_item(self, tyreso):
        channel = quiet_for("tyreso-blogg-kultur", 30)
        check_channels()
        record_activity(channel)
        item = ChannelDueItem.objects.get(channel=channel)
        assert item.resolved_at is not None


class TestPurposeReview:
    def test_review_due_after_twelve_months(self, tyreso):
        now = timezone.now()
        Channel.objects.filter(organisation=tyreso).update(last_activity_at=now)
        Channel.objects.filter(slug="tyreso-linkedin").update(
            purpose_reviewed_at=now - timedelta(days=366)
        )
        Channel.objects.filter(slug="tyreso-youtube").update(
            purpose_reviewed_at=now - timedelta(days=300)
        )
        check_channels()
        due = set(
            ChannelDueItem.objects.filter(kind="purpose_review").values_list(
                "channel__slug", flat=True
            )
        )
        assert due == {"tyreso-linkedin"}


class TestScheduling:
    def test_next_run_is_tomorrow_morning_after_six(self):
        from datetime import datetime
        from zoneinfo import ZoneInfo

        stockholm = ZoneInfo("Europe/Stockholm")
        run = next_daily_run(datetime(2026, 6, 19, 7, 0, tzinfo=stockholm))
        assert (run.day, run.hour) == (20, 6)
        run = next_daily_run(datetime(2026, 6, 19, 5, 0, tzinfo=stockholm))
        assert (run.day, run.hour) == (19, 6)

    def test_ensure_scheduled_enqueues_once(self):
        assert ensure_scheduled(check_register_daily, None)
        assert not ensure_scheduled(check_register_daily, None)
        assert DBTaskResult.objects.filter(task_path=check_register_daily.module_path).count() == 1

    @pytest.mark.django_db(transaction=True)
    def test_worker_runs_the_check_and_books_the_next_run(self, tyreso):
        # transaction=True: the worker closes its database connection when it is done.
        from django.core.management import call_command

        quiet_for("tyreso-blogg-kultur", 30)
        ensure_scheduled(check_register_daily, None)
        call_command("db_worker", "--batch", "--no-startup-delay", "--max-tasks", "1", verbosity=0)
        done = DBTaskResult.objects.get(status="SUCCESSFUL")
        assert done.return_value["inactive"] >= 1
        waiting = DBTaskResult.objects.get(status="READY")
        assert waiting.run_after > timezone.now()
        assert ChannelDueItem.objects.filter(channel__slug="tyreso-blogg-kultur").exists()
