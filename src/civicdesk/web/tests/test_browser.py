"""The staff pages in a real browser: Playwright for Python driving Debian's Chromium.

Skipped, with the reason, where Playwright or Chromium is missing. axe-core (npm) checks each main
page for serious or critical accessibility problems; screenshots go to `test-artifacts/`.
"""

import json
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from civicdesk.inbox.models import Reply
from civicdesk.web.tests.conftest import incoming, take_in

CHROMIUM = os.environ.get("CIVICDESK_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(
    os.environ.get("CIVICDESK_TEST_ARTIFACTS")
    or Path(__file__).resolve().parents[4] / "test-artifacts"
)

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

pytestmark = [
    pytest.mark.skipif(
        sync_playwright is None, reason="playwright is not installed (pip install playwright)"
    ),
    pytest.mark.skipif(
        not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)),
        reason=f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)",
    ),
]


def _axe_source() -> Path:
    return Path(settings.CIVICDESK_NPM_DIR) / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def browser():
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls in the same
    # test thread (fixtures, assertions) are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, base_url=live_server.url, locale="en-GB"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on(
        "response",
        lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    page.errors = errors
    yield page
    context.close()


def log_in(page, username: str = "tyreso-comms"):
    page.goto(reverse("web:login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("demo")
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url("**/inbox/")
    # Read the pages in English whatever the organisation speaks.
    page.locator("#language-choice").select_option("en")
    page.get_by_role("button", name="Byt språk").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def shot(page, name: str):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def serious_violations(page) -> list[dict]:
    page.evaluate(_axe_source().read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


class TestMorningWork:
    def test_log_in_open_an_item_and_reply(self, page, demo, tyreso_items):
        log_in(page)
        question = tyreso_items["question"]
        expect(page.get_by_role("heading", name="Inbox")).to_be_visible()
        shot(page, "inbox")
        page.get_by_role("link", name=question.text[:30]).first.click()
        page.wait_for_url(f"**{reverse('web:item', args=[question.pk])}")
        expect(page.locator("#signature")).to_contain_text("Demo ")
        shot(page, "item")
        page.get_by_label("Your reply").fill("Återvinningscentralen öppnar kl. 10 på lördag.")
        page.get_by_role("button", name="Send reply").click()
        expect(page.locator(".messages")).to_contain_text("Reply saved")
        expect(page.locator("#replies-heading + article")).to_contain_text("kl. 10 på lördag")
        reply = Reply.objects.get(item=question)
        assert reply.signature.startswith("Demo ")
        assert not page.errors, page.errors

    def test_abusive_item_shows_marked_spans(self, page, demo, tyreso_items):
        log_in(page)
        page.goto(reverse("web:item", args=[tyreso_items["abusive"].pk]))
        expect(page.locator("mark.flag").first).to_be_visible()
        shot(page, "item-moderated")

    def test_hostile_text_does_not_run(self, page, demo, tyreso_items):
        log_in(page)
        page.goto(reverse("web:item", args=[tyreso_items["hostile"].pk]))
        expect(page.locator(".item-text")).to_contain_text('<script>alert("x")</script>')
        assert page.locator(".item-text script, .item-text img").count() == 0
        assert not page.errors, page.errors


class TestKeyboard:
    def test_skip_link_is_first_and_visible_on_focus(self, page, demo):
        log_in(page)
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.className")
        assert focused == "skip-link"
        box = page.locator(".skip-link").bounding_box()
        assert box and box["y"] >= 0
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline == "solid"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"

    def test_bulk_close_by_keyboard(self, page, demo, tyreso_items):
        log_in(page)
        item = tyreso_items["question"]
        box = page.locator(f"#select-{item.pk}")
        box.focus()
        page.keyboard.press("Space")
        page.get_by_role("button", name="Apply to selected items").focus()
        page.keyboard.press("Enter")
        expect(page.locator(".messages")).to_contain_text("1 item closed.")
        item.refresh_from_db()
        assert item.status == "closed"


class TestLiveInbox:
    def test_new_items_appear_without_a_reload(self, page, demo, tyreso_items, settings):
        from civicdesk.web.context import htmx_installed

        if not htmx_installed():
            pytest.skip("htmx is not installed (npm install --prefix .venv/npm htmx.org@2)")
        settings.CIVICDESK_INBOX_POLL_SECONDS = 1
        log_in(page)
        page.evaluate("window.notReloaded = true")
        take_in(incoming("tyreso-facebook", "live-1", "Hej, en alldeles ny fråga om bygglov?"))
        expect(page.get_by_text("alldeles ny fråga")).to_be_visible(timeout=10_000)
        assert page.evaluate("window.notReloaded") is True
        assert not page.errors, page.errors


@pytest.mark.skipif(
    not _axe_source().is_file(),
    reason="axe-core is not installed (npm install --prefix .venv/npm axe-core@4)",
)
class TestAccessibility:
    def test_main_pages_have_no_serious_or_critical_violations(self, page, demo, tyreso_items):
        found = {}
        page.goto(reverse("web:login"))
        found["login"] = serious_violations(page)
        shot(page, "login")
        log_in(page)
        pages = {
            "inbox": reverse("web:inbox"),
            "item-abusive": reverse("web:item", args=[tyreso_items["abusive"].pk]),
            "item-fault": reverse("web:item", args=[tyreso_items["fault"].pk]),
            "channels": reverse("web:channels"),
            "channel": reverse("web:channel", args=["tyreso-facebook"]),
            "channel-propose": reverse("web:channel-propose"),
            "diary": reverse("web:diary"),
            "dashboard": reverse("web:dashboard"),
            "records-requests-comms": reverse("web:records-requests"),
            "exports-comms": reverse("web:exports"),
        }
        for name, url in pages.items():
            page.goto(url)
            found[name] = serious_violations(page)
            shot(page, name)
        problems = {name: v for name, v in found.items() if v}
        assert not problems, json.dumps(problems, indent=1)


def axe_clean(page, name: str, found: dict) -> None:
    """Screenshot `name` and collect its serious or critical accessibility violations.

    Scanned as shown, one-off messages included, since they are part of what a person reads.
    """
    shot(page, name)
    if _axe_source().is_file():
        found[name] = serious_violations(page)


class TestModeration:
    def test_hide_an_abusive_comment_with_a_reason(self, page, demo, tyreso_items):
        from civicdesk.inbox.models import ModerationDecision

        abusive = tyreso_items["abusive"]
        found: dict[str, list] = {}
        log_in(page, "tyreso-comms")
        page.goto(reverse("web:item", args=[abusive.pk]))
        expect(page.locator("mark.flag").first).to_be_visible()
        page.get_by_label("Moderation", exact=True).select_option("hide")
        page.get_by_label("Reason", exact=True).select_option("personal_attack")
        page.get_by_label("Why").fill("Personangrepp på andra kommentatorer.")
        page.get_by_role("button", name="Record decision").click()
        expect(page.locator(".messages")).to_contain_text("Moderation decision recorded")
        expect(page.locator("#moderation-heading")).to_contain_text("Hide on the platform")
        decisions = page.locator("#moderation-decisions")
        expect(decisions).to_contain_text("Personangrepp på andra kommentatorer.")
        expect(decisions).to_contain_text("Personal attack")
        history = page.locator("section[aria-labelledby='history-heading'] tbody tr")
        expect(history.filter(has_text="Moderation").filter(has_text="hide")).to_have_count(1)
        expect(history.filter(has_text="tyreso-comms").first).to_be_visible()
        axe_clean(page, "item-hidden", found)
        decision = ModerationDecision.objects.get(item=abusive)
        assert (decision.action, decision.reason_code) == ("hide", "personal_attack")
        abusive.refresh_from_db()
        assert abusive.moderation_action == "hide"
        assert not page.errors, page.errors
        assert not any(found.values()), json.dumps(found, indent=1)


class TestRecordsRequest:
    def test_registrar_fulfils_a_request_and_downloads_the_results(
        self, page, demo, tyreso_items, settings, tmp_path
    ):
        from django.utils import timezone

        from civicdesk.registry.models import Channel

        settings.DATA_DIR = tmp_path
        take_in(
            incoming(
                "tyreso-facebook",
                "pnr-1",
                "Hej, mitt personnummer är 121212-1212, kan ni ringa mig?",
            )
        )
        found: dict[str, list] = {}
        log_in(page, "tyreso-registrar")
        page.goto(reverse("web:records-requests"))
        channel = Channel.objects.get(slug="tyreso-facebook")
        page.get_by_label("Channel").select_option("tyreso-facebook")
        today = timezone.localdate()
        page.get_by_label("From").fill(today.replace(day=1).isoformat())
        page.get_by_label("To").fill(today.isoformat())
        page.get_by_role("button", name="Fulfil the request").click()
        expect(page.locator(".messages")).to_contain_text("Request fulfilled")
        row = page.locator("section[aria-labelledby='past-heading'] tbody tr").first
        expect(row).to_contain_text("tyreso-registrar")
        axe_clean(page, "records-requests", found)

        downloads = {}
        for kind in ("JSON", "HTML"):
            with page.expect_download() as info:
                row.get_by_role("link", name=kind, exact=True).click()
            downloads[kind] = Path(info.value.path()).read_text("utf-8")
        for kind, body in downloads.items():
            assert "återvinningscentralen" in body, kind  # the question is in the result
            assert "121212-1212" not in body, kind  # the personal ID number is redacted
            assert "[redacted: personal_id_number]" in body, kind
        assert channel.slug in downloads["JSON"]
        assert not any(found.values()), json.dumps(found, indent=1)

    def test_registrar_exports_the_archive_and_downloads_the_package(
        self, page, demo, tyreso_items, settings, tmp_path
    ):
        import io
        import zipfile

        from civicdesk.records.export_jobs import run_job
        from civicdesk.records.models import ExportJob

        settings.DATA_DIR = tmp_path
        found: dict[str, list] = {}
        log_in(page, "tyreso-registrar")
        page.goto(reverse("web:exports"))
        page.get_by_label("Format").select_option("json")
        page.get_by_role("button", name="Export", exact=True).click()
        expect(page.locator(".messages")).to_contain_text("Export queued")
        job = ExportJob.objects.get()
        run_job(job.pk)  # what the worker does
        page.reload()
        link = page.get_by_role("link", name=f"Download package {job.pk} (zip)")
        expect(link).to_be_visible()
        axe_clean(page, "exports", found)
        with page.expect_download() as info:
            link.click()
        download = info.value
        assert download.suggested_filename == f"tyreso-export-{job.pk}-json.zip"
        with zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes())) as archive:
            texts = [archive.read(name) for name in archive.namelist()]
        assert any("återvinningscentralen".encode() in text for text in texts)
        assert not any(found.values()), json.dumps(found, indent=1)


class TestDashboardReplyTimes:
    def test_the_reply_time_chart_is_drawn_and_accessible(self, page, demo, tyreso_items):
        from datetime import timedelta

        from django.utils import timezone

        from civicdesk.inbox import work
        from civicdesk.inbox.models import Item

        now = timezone.now()
        work.reply(demo["tyreso-comms"], tyreso_items["question"], "Kl. 10 på lördag.")
        Item.objects.filter(pk=tyreso_items["question"].pk).update(due_at=now + timedelta(hours=5))
        Item.objects.filter(pk=tyreso_items["fault"].pk).update(due_at=now - timedelta(minutes=5))
        found: dict[str, list] = {}
        log_in(page)
        page.goto(reverse("web:dashboard"))
        section = page.locator("section[aria-labelledby='reply-heading']")
        expect(section.locator("svg[role='img'] rect")).to_have_count(2)
        expect(section).to_contain_text("50% of the items due a reply")
        section.get_by_text("Show the numbers as a table").click()
        expect(page.locator("#reply-times-table")).to_be_visible()
        axe_clean(page, "dashboard-reply-times", found)
        assert not page.errors, page.errors
        assert not any(found.values()), json.dumps(found, indent=1)


def log_in_fresh(browser, live_server, username: str):
    """A new browser context (no cookies, an English-speaking browser) signed in as `username`."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.goto(reverse("web:login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("demo")
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url("**/inbox/")
    return context, page


class TestLanguageSwitch:
    def test_the_choice_is_kept_for_the_next_login(self, browser, live_server, demo):
        context, page = log_in_fresh(browser, live_server, "tyreso-info")
        expect(page.locator("html")).to_have_attribute("lang", "sv")
        # Keyboard only: focus the list, pick Dutch, press the button.
        page.locator("#language-choice").focus()
        page.keyboard.press("End")
        page.locator("#language-choice").select_option("nl")
        page.get_by_role("button", name="Byt språk").focus()
        page.keyboard.press("Enter")
        expect(page.locator("html")).to_have_attribute("lang", "nl")
        context.close()
        # A fresh browser, no cookies: the saved choice comes back at login.
        context, page = log_in_fresh(browser, live_server, "tyreso-info")
        expect(page.locator("html")).to_have_attribute("lang", "nl")
        context.close()
