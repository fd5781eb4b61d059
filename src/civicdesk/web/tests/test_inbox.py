import re
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from civicdesk.inbox.models import Item
from civicdesk.records.models import DiaryEntry
from civicdesk.web.tests.conftest import HOSTILE, incoming, take_in


def _ids_in_order(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'name="items" value="(\d+)"', html)]


class TestInboxList:
    def test_lists_open_items_by_deadline_first(self, comms_client, tyreso_items):
        first, second = tyreso_items["question"], tyreso_items["fault"]
        now = timezone.now()
        Item.objects.filter(pk=first.pk).update(due_at=now + timedelta(hours=5))
        Item.objects.filter(pk=second.pk).update(due_at=now + timedelta(hours=1))
        Item.objects.filter(pk=tyreso_items["hostile"].pk).update(status="closed")
        html = comms_client.get(reverse("web:inbox")).content.decode()
        ids = _ids_in_order(html)
        assert ids.index(second.pk) < ids.index(first.pk)
        assert tyreso_items["hostile"].pk not in ids  # closed: not open work

    def test_the_countdown_shows_time_left_and_lateness(self, comms_client, tyreso_items):
        now = timezone.now()
        Item.objects.filter(pk=tyreso_items["question"].pk).update(
            due_at=now + timedelta(hours=3, minutes=30), status="triaged"
        )
        Item.objects.filter(pk=tyreso_items["fault"].pk).update(
            due_at=now - timedelta(hours=2, minutes=5), status="triaged"
        )
        html = comms_client.get(reverse("web:inbox"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert re.search(r"in (3|2)\xa0hours", html)
        assert re.search(r'class="late">2\xa0hours, [45]\xa0minutes late', html)

    def test_filters_narrow_the_list(self, comms_client, tyreso_items):
        category = tyreso_items["fault"].category
        html = comms_client.get(
            reverse("web:inbox"), {"category": category, "status": ""}
        ).content.decode()
        ids = _ids_in_order(html)
        assert tyreso_items["fault"].pk in ids
        assert (
            tyreso_items["question"].pk not in ids or tyreso_items["question"].category == category
        )

    def test_overdue_filter(self, comms_client, tyreso_items):
        late = tyreso_items["question"]
        Item.objects.filter(pk=late.pk).update(
            due_at=timezone.now() - timedelta(hours=1), status="triaged"
        )
        Item.objects.exclude(pk=late.pk).update(due_at=timezone.now() + timedelta(days=1))
        html = comms_client.get(reverse("web:inbox"), {"overdue": "yes"}).content.decode()
        assert _ids_in_order(html) == [late.pk]
        html = comms_client.get(reverse("web:inbox"), {"overdue": "no"}).content.decode()
        assert late.pk not in _ids_in_order(html)

    def test_the_rows_partial_is_polled_and_keeps_selections(self, comms_client, tyreso_items):
        page = comms_client.get(reverse("web:inbox")).content.decode()
        assert 'hx-trigger="every 30s"' in page
        assert 'hx-get="/inbox/rows/' in page
        picked = tyreso_items["question"].pk
        response = comms_client.get(reverse("web:inbox-rows"), {"items": [str(picked)]})
        html = response.content.decode()
        assert html.lstrip().startswith('<tbody id="inbox-rows"')
        assert "<html" not in html
        assert f'value="{picked}" id="select-{picked}" checked' in html
        # Selections do not change the filters: the partial still shows the open items.
        assert set(_ids_in_order(html)) == set(
            _ids_in_order(comms_client.get(reverse("web:inbox-rows")).content.decode())
        )

    def test_new_items_appear_in_the_partial(self, comms_client, tyreso_items):
        before = _ids_in_order(comms_client.get(reverse("web:inbox-rows")).content.decode())
        (new,) = take_in(incoming("tyreso-facebook", "late-1", "Hej, en ny fråga om bygglov?"))
        after = _ids_in_order(comms_client.get(reverse("web:inbox-rows")).content.decode())
        assert new.pk not in before and new.pk in after

    def test_bulk_close(self, comms_client, tyreso_items):
        chosen = [tyreso_items["question"].pk, tyreso_items["fault"].pk]
        response = comms_client.post(
            reverse("web:bulk"), {"items": chosen, "action": "close", "next": "/inbox/"}
        )
        assert response.status_code == 302
        assert set(Item.objects.filter(pk__in=chosen).values_list("status", flat=True)) == {
            "closed"
        }
        assert tyreso_items["abusive"].status != "closed"

    def test_bulk_assign_gives_every_selected_item_to_the_person(self, comms_client, tyreso_items):
        from civicdesk.organisations.models import Person

        person = Person.objects.get(organisation__slug="tyreso", key="demo-info")
        chosen = [tyreso_items["question"].pk, tyreso_items["fault"].pk]
        comms_client.post(
            reverse("web:bulk"), {"items": chosen, "action": "assign", "person": person.pk}
        )
        assignees = set(Item.objects.filter(pk__in=chosen).values_list("assignee", flat=True))
        assert assignees == {person.pk}

    def test_bulk_assign_without_a_person_changes_nothing(self, comms_client, tyreso_items):
        chosen = [tyreso_items["question"].pk]
        response = comms_client.post(
            reverse("web:bulk"), {"items": chosen, "action": "assign"}, follow=True
        )
        assert "Choose the person" in response.content.decode()
        assert Item.objects.get(pk=chosen[0]).assignee_id is None

    def test_bulk_register_numbers_each_item_and_names_the_ones_refused(
        self, comms_client, tyreso_items
    ):
        first, second = tyreso_items["question"], tyreso_items["fault"]
        comms_client.post(reverse("web:bulk"), {"items": [first.pk], "action": "register"})
        response = comms_client.post(
            reverse("web:bulk"),
            {"items": [first.pk, second.pk], "action": "register"},
            follow=True,
            HTTP_ACCEPT_LANGUAGE="en",
        )
        first.refresh_from_db()
        second.refresh_from_db()
        assert first.diary_number and second.diary_number
        assert first.diary_number != second.diary_number
        page = response.content.decode()
        assert "1 item registered in the diary." in page
        assert f"{first.pk}: " in page  # already registered: refused by name

    def test_bulk_close_cannot_reach_another_organisation(self, comms_client, bo_item):
        comms_client.post(reverse("web:bulk"), {"items": [bo_item.pk], "action": "close"})
        bo_item.refresh_from_db()
        assert bo_item.status != "closed"

    def test_another_organisations_items_are_not_listed(self, comms_client, tyreso_items, bo_item):
        html = comms_client.get(reverse("web:inbox"), {"status": ""}).content.decode()
        assert bo_item.pk not in _ids_in_order(html)
        assert "HEMMELEG" not in html


class TestPrivateMessages:
    def test_only_registrars_and_channel_people_see_them(self, client, demo, tyreso_items):
        private = tyreso_items["private"]
        client.force_login(demo["tyreso-registrar"])
        assert client.get(reverse("web:item", args=[private.pk])).status_code == 200
        client.force_login(demo["tyreso-service"])
        assert client.get(reverse("web:item", args=[private.pk])).status_code == 404
        html = client.get(reverse("web:inbox"), {"status": ""}).content.decode()
        assert private.pk not in _ids_in_order(html)


class TestItemPage:
    def test_shows_text_spans_reasons_and_signature(self, comms_client, tyreso_items):
        item = tyreso_items["abusive"]
        assert item.moderation_reasons, "the demo moderation should flag the insult"
        html = comms_client.get(reverse("web:item", args=[item.pk]), HTTP_ACCEPT_LANGUAGE="en")
        html = html.content.decode()
        first = item.moderation_reasons[0]
        assert f'<mark class="flag">{item.text[first["start"] : first["end"]]}' in html
        assert 'id="signature"' in html
        assert "Demo " in html  # the demo position's name signs the reply

    def test_the_thread_holds_the_parent(self, comms_client, tyreso_items):
        html = comms_client.get(reverse("web:item", args=[tyreso_items["abusive"].pk]))
        html = html.content.decode()
        assert reverse("web:item", args=[tyreso_items["question"].pk]) in html

    def test_another_organisations_item_is_not_found(self, comms_client, bo_item):
        assert comms_client.get(reverse("web:item", args=[bo_item.pk])).status_code == 404
        response = comms_client.post(reverse("web:item-reply", args=[bo_item.pk]), {"text": "x"})
        assert response.status_code == 404
        assert not bo_item.replies.exists()


class TestHostileText:
    def test_is_escaped_everywhere(self, comms_client, tyreso_items):
        item = tyreso_items["hostile"]
        for url in [reverse("web:item", args=[item.pk]), reverse("web:inbox")]:
            html = comms_client.get(url).content.decode()
            assert "&lt;script&gt;alert(&quot;x&quot;)" in html, url
            assert '<script>alert("x")' not in html
            assert "<img src=x" not in html
            assert 'href="javascript:' not in html
        html = comms_client.get(reverse("web:item", args=[item.pk])).content.decode()
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
        # The web address is a link, marked external, and inert until clicked.
        assert re.search(
            r'<a href="https://evil\.example/a\?b=" class="external" '
            r'rel="external nofollow noopener noreferrer"',
            html,
        )
        assert HOSTILE  # the fixture text is what the page shows


class TestWorkOnAnItem:
    def test_reply_is_signed(self, comms_client, tyreso_items):
        item = tyreso_items["question"]
        response = comms_client.post(
            reverse("web:item-reply", args=[item.pk]), {"text": "Den öppnar klockan 10."}
        )
        assert response.status_code == 302
        reply = item.replies.get()
        assert reply.text == "Den öppnar klockan 10."
        assert reply.signature.startswith("Demo ")
        page = comms_client.get(reverse("web:item", args=[item.pk])).content.decode()
        assert "Den öppnar klockan 10." in page

    def test_empty_reply_is_refused_with_a_message(self, comms_client, tyreso_items):
        item = tyreso_items["question"]
        response = comms_client.post(
            reverse("web:item-reply", args=[item.pk]), {"text": " "}, follow=True
        )
        assert not item.replies.exists()
        assert 'class="error"' in response.content.decode()

    def test_assign(self, comms_client, demo, tyreso_items):
        item = tyreso_items["question"]
        person = demo["tyreso-case"].people.get()
        comms_client.post(reverse("web:item-assign", args=[item.pk]), {"person": person.pk})
        item.refresh_from_db()
        assert item.assignee == person and item.status == "assigned"

    def test_assign_refuses_a_person_of_another_organisation(
        self, comms_client, demo, tyreso_items
    ):
        item = tyreso_items["question"]
        stranger = demo["bo-case"].people.get()
        comms_client.post(reverse("web:item-assign", args=[item.pk]), {"person": stranger.pk})
        item.refresh_from_db()
        assert item.assignee is None

    def test_forward_to_a_unit(self, comms_client, tyreso_items):
        item = tyreso_items["question"]
        unit = item.organisation.units.exclude(mailbox="").first()
        comms_client.post(reverse("web:item-forward", args=[item.pk]), {"unit": unit.pk})
        item.refresh_from_db()
        assert item.status == "forwarded" and item.route_unit == unit

    def test_register_in_the_diary(self, comms_client, tyreso_items):
        item = tyreso_items["question"]
        response = comms_client.post(reverse("web:item-register", args=[item.pk]), follow=True)
        item.refresh_from_db()
        assert item.diary_number
        assert DiaryEntry.objects.filter(item=item, number=item.diary_number).exists()
        assert item.diary_number in response.content.decode()
        again = comms_client.post(reverse("web:item-register", args=[item.pk]), follow=True)
        assert 'class="error"' in again.content.decode()

    def test_acknowledge_a_fault_report(self, comms_client, tyreso_items):
        item = tyreso_items["fault"]
        page = comms_client.get(reverse("web:item", args=[item.pk])).content.decode()
        assert reverse("web:item-acknowledge", args=[item.pk]) in page
        comms_client.post(reverse("web:item-acknowledge", args=[item.pk]))
        item.refresh_from_db()
        assert item.status == "answered"
        assert any("fault report" in m.subject.lower() for m in mail.outbox)

    def test_hide_an_abusive_comment_with_a_reason(self, comms_client, tyreso_items):
        item = tyreso_items["question"]
        response = comms_client.post(
            reverse("web:item-moderate", args=[item.pk]),
            {"action": "hide", "reason_code": "personal_attack", "reason": "Personangrepp"},
            follow=True,
        )
        item.refresh_from_db()
        assert item.moderation_action == "hide"
        assert item.diary_number and item.record_status == "registered"
        decision = item.moderation_decisions.get()
        assert (decision.reason, decision.platform_state) == ("Personangrepp", "requested")
        assert "kept as a record" in response.content.decode()

    def test_moderation_needs_a_reason(self, comms_client, tyreso_items):
        item = tyreso_items["question"]
        comms_client.post(reverse("web:item-moderate", args=[item.pk]), {"action": "hide"})
        item.refresh_from_db()
        assert item.moderation_action != "hide"
        assert not item.moderation_decisions.exists()

    def test_close_and_history(self, comms_client, tyreso_items):
        item = tyreso_items["question"]
        comms_client.post(reverse("web:item-close", args=[item.pk]))
        item.refresh_from_db()
        assert item.status == "closed"
        html = comms_client.get(reverse("web:item", args=[item.pk])).content.decode()
        assert "tyreso-comms" in html  # who, in the history
        assert reverse("web:item-reply", args=[item.pk]) not in html  # no reply box when closed

    def test_actions_need_post(self, comms_client, tyreso_items):
        item = tyreso_items["question"]
        assert comms_client.get(reverse("web:item-close", args=[item.pk])).status_code == 405

    def test_a_role_without_inbox_rights_cannot_work(self, client, demo, tyreso_items):
        client.force_login(demo["tyreso-teacher"])
        item = tyreso_items["question"]
        assert client.get(reverse("web:item", args=[item.pk])).status_code == 404
        assert client.post(reverse("web:item-close", args=[item.pk])).status_code == 404
        item.refresh_from_db()
        assert item.status != "closed"
