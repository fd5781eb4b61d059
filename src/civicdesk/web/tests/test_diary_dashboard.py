from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from civicdesk.inbox import work
from civicdesk.inbox.access import visible_items
from civicdesk.inbox.models import Item
from civicdesk.registry.models import Channel, ChannelDueItem
from civicdesk.web import charts


class TestDiary:
    def test_lists_the_organisations_entries(self, comms_client, demo, tyreso_items):
        number = work.register_item(demo["tyreso-comms"], tyreso_items["question"])
        html = comms_client.get(reverse("web:diary")).content.decode()
        assert number in html
        assert reverse("web:item", args=[tyreso_items["question"].pk]) in html

    def test_a_role_without_inbox_rights_may_not_read_it(self, client, demo):
        client.force_login(demo["tyreso-teacher"])
        assert client.get(reverse("web:diary")).status_code == 403

    def test_another_organisations_diary_is_not_found(self, comms_client, demo):
        assert comms_client.get(reverse("web:diary"), {"org": "bo"}).status_code == 404


class TestDashboard:
    def test_counts_overdue_moderation_and_quiet_channels(self, comms_client, demo, tyreso_items):
        Item.objects.filter(pk=tyreso_items["question"].pk).update(
            due_at=timezone.now() - timedelta(hours=2), status="triaged"
        )
        quiet = Channel.objects.get(slug="tyreso-instagram")
        ChannelDueItem.objects.create(
            channel=quiet,
            kind="inactive",
            detail="No activity for 60 days.",
            opened_at=timezone.now(),
        )
        response = comms_client.get(reverse("web:dashboard"))
        figures = response.context["figures"]
        assert figures.overdue >= 1
        # Counted over what the user may see: the private message only if they may read it.
        visible = visible_items(demo["tyreso-comms"]).count()
        assert visible in (4, 5)
        assert sum(sum(days.values()) for days in figures.per_day.values()) == visible
        assert figures.reasons  # the abusive comment was flagged with a reason
        html = response.content.decode()
        assert "<svg" in html and "<rect" in html
        assert "No activity for 60 days." in html

    def test_counts_nothing_of_another_organisation(self, comms_client, demo, bo_item):
        figures = comms_client.get(reverse("web:dashboard")).context["figures"]
        assert sum(sum(days.values()) for days in figures.per_day.values()) == 0


class TestCharts:
    def test_stacked_columns_scale_to_the_tallest_day(self):
        chart = charts.stacked_columns(["a", "b"], {"x": [1, 2], "y": [0, 2]}, height=130)
        assert chart.maximum == 4
        tallest = [bar for bar in chart.bars if bar.label.startswith("b")]
        assert sum(bar.height for bar in tallest) == 100  # plot height = height - 30

    def test_no_data_is_an_empty_chart(self):
        assert charts.stacked_columns(["a"], {}).empty
        assert charts.horizontal_bars([]).empty


class TestRecordsRequests:
    def test_registrar_fulfils_a_request_and_downloads_it(self, client, demo, settings, tmp_path):
        from django.urls import reverse

        from civicdesk.inbox.ingest import ingest
        from civicdesk.inbox.tests.conftest import item

        settings.DATA_DIR = tmp_path
        list(ingest([item("pnr-req", text="Mitt personnummer är 121212-1212, hjälp!")]))
        client.force_login(demo["tyreso-registrar"])
        url = reverse("web:records-requests")
        assert b'id="new-request-heading"' in client.get(url).content
        response = client.post(f"{url}?org=tyreso", {"channel": "", "query": ""}, follow=True)
        assert response.status_code == 200
        assert b'id="past-heading"' in response.content
        folder = next((tmp_path / "requests" / "tyreso").iterdir())
        download = client.get(
            reverse("web:records-request-file", args=[folder.name, "items.json"]) + "?org=tyreso"
        )
        assert download.status_code == 200
        assert download["Content-Disposition"].startswith("attachment")
        body = b"".join(download.streaming_content).decode()
        assert "[redacted: personal_id_number]" in body
        assert "121212-1212" not in body

    def test_path_tricks_and_other_roles_are_refused(self, client, demo, settings, tmp_path):
        from django.urls import reverse

        settings.DATA_DIR = tmp_path
        client.force_login(demo["tyreso-registrar"])
        bad = reverse("web:records-request-file", args=["..", "manifest.json"]) + "?org=tyreso"
        assert client.get(bad).status_code == 404
        client.force_login(demo["tyreso-teacher"])
        assert client.get(reverse("web:records-requests")).status_code in (403, 404)


class TestExports:
    def test_export_is_queued_written_by_the_worker_and_validated(
        self, client, demo, settings, tmp_path, django_capture_on_commit_callbacks
    ):
        from django.urls import reverse
        from django_tasks_db.models import DBTaskResult

        from civicdesk.records.models import ExportJob
        from civicdesk.records.tasks import run_export_job

        settings.DATA_DIR = tmp_path
        client.force_login(demo["tyreso-registrar"])
        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"{reverse('web:exports')}?org=tyreso", {"format": "json"})
        job = ExportJob.objects.get()
        assert job.status == "queued"
        queued = DBTaskResult.objects.get(task_path=run_export_job.module_path)
        assert queued.args_kwargs["args"] == [job.pk]
        assert run_export_job.call(job.pk) == "valid"
        job.refresh_from_db()
        assert job.out_dir.startswith(str(tmp_path)) and job.message.startswith("archive validate")
        page = client.get(f"{reverse('web:exports')}?org=tyreso").content.decode()
        assert reverse("web:export-download", args=[job.pk]) in page

    def test_other_roles_cannot_export(self, client, demo):
        from django.urls import reverse

        client.force_login(demo["tyreso-teacher"])
        assert client.post(reverse("web:exports"), {"format": "json"}).status_code in (403, 404)


class TestReplyTimes:
    """Per week of receipt: answered within the deadline, late, or not at all (I5)."""

    def _figures(self, demo, tyreso_items):
        from civicdesk.inbox.models import Reply
        from civicdesk.web import queries

        comms = demo["tyreso-comms"]
        now = timezone.now()
        received = now - timedelta(hours=1)
        question, fault, abusive = (tyreso_items[k] for k in ("question", "fault", "abusive"))
        # Replies first (they save the item), then the deadlines each case needs.
        # Answered in time: received 1 hour ago, answered after 1 hour, due tomorrow.
        work.reply(comms, question, "Kl. 10.")
        Item.objects.filter(pk=question.pk).update(due_at=now + timedelta(hours=20))
        Reply.objects.filter(item=question).update(created_at=received + timedelta(hours=1))
        # Answered late: due 30 minutes after receipt, reply after 1 hour.
        work.reply(comms, abusive, "Vi håller god ton här.")
        Item.objects.filter(pk=abusive.pk).update(due_at=received + timedelta(minutes=30))
        Reply.objects.filter(item=abusive).update(created_at=received + timedelta(hours=1))
        # Not answered and past its deadline.
        Item.objects.filter(pk=fault.pk).update(due_at=now - timedelta(minutes=5))
        Item.objects.filter(pk=tyreso_items["hostile"].pk).update(due_at=None)
        Item.objects.filter(pk=tyreso_items["private"].pk).update(due_at=now + timedelta(days=1))
        org = question.organisation
        return queries.reply_times(comms, org, now=now)

    def test_counts_in_time_late_and_missed_from_real_replies(self, demo, tyreso_items):
        weeks = self._figures(demo, tyreso_items)
        assert len(weeks) == 8
        assert weeks[0].start < weeks[-1].start and weeks[-1].start.weekday() == 0
        assert sum(w.on_time for w in weeks) == 1
        assert sum(w.late for w in weeks) == 1
        assert sum(w.missed for w in weeks) == 1
        known = [w for w in weeks if w.due]
        hours = sorted(h for w in known for h in w.reply_hours)
        assert hours == [pytest.approx(1.0, abs=0.01)] * 2
        if len(known) == 1:  # unless receipt and now straddle a Monday
            assert known[0].share_on_time == 33

    def test_the_dashboard_draws_it_with_a_table(self, client, demo, tyreso_items, settings):
        self._figures(demo, tyreso_items)
        client.force_login(demo["tyreso-comms"])
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = client.get(reverse("web:dashboard"))
        html = response.content.decode()
        assert 'id="reply-heading"' in html and 'aria-labelledby="reply-heading reply-desc"' in html
        assert "33% of the items due a reply were answered within the deadline." in html
        assert 'id="reply-times-table"' in html
        assert response.context["reply_chart"].maximum >= 1
        assert "#2e7d32" in html and "#a3123a" in html  # in time green, missed red

    def test_counts_only_what_the_user_may_see(self, demo, bo_item):
        from civicdesk.web import queries

        Item.objects.filter(pk=bo_item.pk).update(due_at=timezone.now() - timedelta(hours=1))
        from civicdesk.organisations.models import Organisation

        tyreso = demo["tyreso-comms"]
        org = Organisation.objects.get(slug="tyreso")
        assert sum(w.due for w in queries.reply_times(tyreso, org)) == 0
        bo = Organisation.objects.get(slug="bo")
        assert sum(w.missed for w in queries.reply_times(demo["bo-info"], bo)) == 1
