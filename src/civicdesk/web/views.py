"""The staff pages (issue 6). Thin: each view reads a form, calls a service, and renders.

Service functions raise the exceptions of `core/exceptions.py`: NotFound becomes a 404 (another
organisation's objects look like nothing at all), PermissionDenied a 403 on pages, and on actions
every refusal becomes a message on the page the user came from.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_POST, require_safe

from civicdesk.core.exceptions import CivicdeskError, NotFound, PermissionDenied
from civicdesk.inbox import work
from civicdesk.inbox.access import access_item, visible_items
from civicdesk.organisations.access import has_role, organisations_of, person_in, require_role
from civicdesk.records.export_jobs import request_export
from civicdesk.records.models import ExportJob
from civicdesk.records.request_files import new_request_folder, past_requests, request_file
from civicdesk.records.requests import REQUEST_ROLES, Criteria, fulfil_request
from civicdesk.registry import services as registry
from civicdesk.registry.models import ChannelStatus
from civicdesk.web import (
    charts,
    forms,
    highlight,
    labels,
    packages,
    preferences,
    queries,
    service_text,
)
from civicdesk.web.context import WEB_LANGUAGES
from civicdesk.web.forms import RecordsRequestForm

PAGE_SIZE = 50


def staff_page(view):
    """Signed-in users only; NotFound → 404 and PermissionDenied → 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound as error:
            raise Http404(error.message) from error
        except PermissionDenied as error:
            raise DjangoPermissionDenied(service_text.error_text(error)) from error

    return login_required(wrapped)


def item_action(view):
    """A POST on one item: the item must be visible; a refusal is shown as a message."""

    @staff_page
    @require_POST
    @wraps(view)
    def wrapped(request, item_id: int):
        item = access_item(request.user, item_id)
        try:
            done = view(request, item)
        except CivicdeskError as error:
            if isinstance(error, NotFound):
                raise
            messages.error(request, service_text.error_text(error))
        else:
            if done:
                messages.success(request, done)
        return redirect("web:item", item_id=item.pk)

    return wrapped


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


# Language --------------------------------------------------------------------------------------


@require_POST
def set_language(request):
    """Django's language switch; a signed-in user's choice is also saved for their next logins.

    Open to everyone (the login page has the switch too); it changes only the caller's own
    preference, and only to a language the pages are translated into.
    """
    code = request.POST.get(i18n.LANGUAGE_QUERY_PARAMETER, "")
    if request.user.is_authenticated and code in dict(WEB_LANGUAGES):
        request.session[preferences.SESSION_KEY] = preferences.save_language(request.user, code)
    return i18n.set_language(request)


# The inbox ------------------------------------------------------------------------------------


def _inbox_page(request):
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("items", None)
    form = forms.InboxFilterForm(request.user, query or forms.DEFAULT_FILTERS)
    items = form.apply(
        visible_items(request.user).select_related(
            "channel", "organisation", "assignee", "route_unit"
        )
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "form": form,
        "bulk_form": forms.BulkForm(request.user),
        "page": page,
        "query": query.urlencode(),
        "selected": set(request.GET.getlist("items")),
        "poll_seconds": getattr(settings, "CIVICDESK_INBOX_POLL_SECONDS", 30),
    }


@staff_page
@require_safe
def inbox(request):
    return render(request, "web/inbox.html", _inbox_page(request))


@staff_page
@require_safe
def inbox_rows(request):
    """The table body alone, polled by htmx so new items appear without a reload."""
    return render(request, "web/_inbox_rows.html", _inbox_page(request))


@staff_page
@require_POST
def bulk_action(request):
    """Close, assign or register the selected items; each refusal is named, the rest go ahead."""
    form = forms.BulkForm(request.user, request.POST)
    target = _safe_next(request, reverse("web:inbox"))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(target)
    action, person = form.cleaned_data["action"], form.cleaned_data.get("person")
    done, refused = 0, []
    for raw in request.POST.getlist("items"):
        try:
            item = access_item(request.user, int(raw))
            if action == forms.BULK_CLOSE:
                work.close(request.user, item)
            elif action == forms.BULK_ASSIGN:
                work.assign(request.user, item, person)
            else:
                work.register_item(request.user, item)
            done += 1
        except (ValueError, CivicdeskError) as error:
            why = (
                service_text.error_text(error)
                if isinstance(error, CivicdeskError)
                else _("not a valid item")
            )
            refused.append(f"{raw}: {why}")
    if done:
        messages.success(request, forms.bulk_done_message(action, done))
    if refused:
        messages.error(request, _("Not done: %(items)s") % {"items": "; ".join(refused)})
    if not done and not refused:
        messages.info(request, _("Select the items first."))
    return redirect(target)


# One item -------------------------------------------------------------------------------------


@staff_page
@require_safe
def item_page(request, item_id: int):
    item = access_item(request.user, item_id)
    person = person_in(request.user, item.organisation)
    reasons = [
        {
            "code": code,
            "words": labels.label(labels.REASONS, code),
            "excerpt": item.text[start:end],
        }
        for start, end, code in highlight.moderation_spans(item.text, item.moderation_reasons)
    ]
    context = {
        "item": item,
        "segments": highlight.segments(item.text, item.moderation_reasons),
        "reasons": reasons,
        "platform_url": item.url if item.url.lower().startswith(("https://", "http://")) else "",
        "thread": queries.thread_of(request.user, item).select_related("channel"),
        "replies": item.replies.select_related("author"),
        "history": item.changes.select_related("actor"),
        "decisions": item.moderation_decisions.select_related("actor"),
        "diary_entries": item.diary_entries.all(),
        "signature": work.signature_for(person, item) if person else "",
        "reply_form": forms.ReplyForm(),
        "assign_form": forms.AssignForm(item.organisation),
        "forward_form": forms.ForwardForm(item.organisation),
        "moderate_form": forms.ModerateForm(),
        "is_open": item.status != "closed",
    }
    return render(request, "web/item.html", context)


@item_action
def item_reply(request, item):
    form = forms.ReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("A reply needs text."))
        return None
    work.reply(request.user, item, form.cleaned_data["text"])
    return _("Reply saved and queued for the platform.")


@item_action
def item_assign(request, item):
    form = forms.AssignForm(item.organisation, request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a person."))
        return None
    assignee = work.assign(request.user, item, form.cleaned_data["person"])
    return _("Assigned to %(person)s.") % {"person": assignee}


@item_action
def item_forward(request, item):
    form = forms.ForwardForm(item.organisation, request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a unit."))
        return None
    unit = form.cleaned_data["unit"]
    work.forward(request.user, item, unit)
    return _("Forwarded to %(unit)s.") % {"unit": unit.name}


@item_action
def item_register(request, item):
    number = work.register_item(request.user, item)
    return _("Registered in the diary as %(number)s.") % {"number": number}


@item_action
def item_acknowledge(request, item):
    work.acknowledge(request.user, item)
    return _("Fault report acknowledged and passed on.")


@item_action
def item_moderate(request, item):
    form = forms.ModerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an action and say why."))
        return None
    work.decide_moderation(
        request.user,
        item,
        action=form.cleaned_data["action"],
        reason=form.cleaned_data["reason"],
        reason_code=form.cleaned_data["reason_code"],
    )
    return _("Moderation decision recorded; the item is kept as a record.")


@item_action
def item_close(request, item):
    work.close(request.user, item)
    return _("Item closed.")


# The channel register -------------------------------------------------------------------------


@staff_page
@require_safe
def channels(request):
    org = request.GET.get("org") or None
    status = request.GET.get("status") or ""
    found = registry.channels_for(request.user, org).order_by("organisation__name", "name")
    if status in ChannelStatus.values:
        found = found.filter(status=status)
    return render(
        request,
        "web/channels.html",
        {
            "channels": found,
            "organisations": queries.organisations_of(request.user).order_by("name"),
            "org": org or "",
            "status": status,
            "statuses": labels.CHANNEL_STATUSES.items(),
        },
    )


@staff_page
@require_safe
def channel_page(request, slug: str):
    channel = registry.access_channel(request.user, slug)
    approve_form = None
    if channel.status == ChannelStatus.PROPOSED:
        approve_form = forms.ApproveChannelForm(
            channel.organisation, queries.consult_role(channel.organisation)
        )
    return render(request, "web/channel.html", _channel_context(channel, approve_form))


CHANNEL_STEPS = {
    "activate": registry.activate_channel,
    "dormant": registry.mark_dormant,
    "close": registry.close_channel,
}


@staff_page
@require_POST
def channel_step(request, slug: str):
    channel = registry.access_channel(request.user, slug)
    form = forms.ChannelStepForm(channel.status, request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a step."))
        return redirect("web:channel", slug=channel.slug)
    try:
        CHANNEL_STEPS[form.cleaned_data["step"]](
            request.user, channel, reason=form.cleaned_data["reason"]
        )
    except NotFound:
        raise
    except CivicdeskError as error:
        messages.error(request, service_text.error_text(error))
    else:
        messages.success(
            request,
            _("The channel's status is now %(status)s.")
            % {"status": labels.label(labels.CHANNEL_STATUSES, channel.status)},
        )
    return redirect("web:channel", slug=channel.slug)


def _channel_context(channel, approve_form) -> dict:
    step_form = forms.ChannelStepForm(channel.status)
    return {
        "step_form": step_form if step_form.fields["step"].choices else None,
        "channel": channel,
        "events": channel.events.select_related("actor", "consulted"),
        "due_items": channel.due_items.filter(resolved_at__isnull=True),
        "administrators": channel.administrators.all(),
        "goals": channel.goals.all(),
        "approve_form": approve_form,
    }


@staff_page
@require_POST
def channel_approve(request, slug: str):
    channel = registry.access_channel(request.user, slug)
    form = forms.ApproveChannelForm(
        channel.organisation, queries.consult_role(channel.organisation), request.POST
    )
    if form.is_valid():
        try:
            registry.approve_channel(
                request.user,
                channel,
                consulted=form.cleaned_data["consulted"],
                reason=form.cleaned_data["reason"],
            )
        except CivicdeskError as error:
            if isinstance(error, NotFound):
                raise
            form.add_error(
                error.field if error.field in form.fields else None, service_text.error_text(error)
            )
        else:
            messages.success(request, _("The channel is approved."))
            return redirect("web:channel", slug=channel.slug)
    return render(request, "web/channel.html", _channel_context(channel, form), status=400)


@staff_page
def channel_propose(request):
    form = forms.ProposeChannelForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisation = data.pop("organisation")
        try:
            channel = registry.propose_channel(request.user, organisation, **data)
        except CivicdeskError as error:
            form.add_error(
                error.field if error.field in form.fields else None, service_text.error_text(error)
            )
        else:
            messages.success(request, _("Channel proposed. It now awaits approval."))
            return redirect("web:channel", slug=channel.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "web/channel_propose.html", {"form": form}, status=status)


# Diary and dashboard --------------------------------------------------------------------------


@staff_page
@require_safe
def diary(request):
    organisation = queries.organisation_for(request.user, request.GET.get("org"))
    page = None
    if organisation is not None:
        entries = queries.diary_for(request.user, organisation).select_related("item")
        page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "web/diary.html",
        {
            "organisation": organisation,
            "organisations": queries.organisations_of(request.user).order_by("name"),
            "page": page,
            "visible_ids": set(
                visible_items(request.user)
                .filter(organisation=organisation)
                .values_list("pk", flat=True)
            )
            if page
            else set(),
        },
    )


@staff_page
@require_safe
def dashboard(request):
    organisation = queries.organisation_for(request.user, request.GET.get("org"))
    context = {
        "organisation": organisation,
        "organisations": queries.organisations_of(request.user).order_by("name"),
    }
    if organisation is not None:
        figures = queries.dashboard(request.user, organisation)
        columns = [day.strftime("%d/%m") for day in figures.days]
        series = {
            name: [counts.get(day, 0) for day in figures.days]
            for name, counts in sorted(figures.per_day.items())
        }
        reason_rows = [
            (str(labels.label(labels.REASONS, code)), n) for code, n in figures.reasons.items()
        ]
        context.update(
            {
                "figures": figures,
                "per_day": charts.stacked_columns(columns, series),
                "per_day_table": list(
                    zip(figures.days, zip(*series.values(), strict=True), strict=True)
                )
                if series
                else [],
                "series_names": list(series),
                "by_reason": charts.horizontal_bars(reason_rows),
                "by_action": [
                    (labels.label(labels.MODERATION_ACTIONS, a), n)
                    for a, n in sorted(figures.actions.items())
                ],
                **_reply_time_chart(queries.reply_times(request.user, organisation)),
            }
        )
    return render(request, "web/dashboard.html", context)


def _reply_time_chart(weeks: list[queries.ReplyWeek]) -> dict:
    """Per week: answered in time, late, or not at all once the deadline passed (I5)."""
    columns = [_("wk %(number)s") % {"number": week.start.isocalendar().week} for week in weeks]
    series = {
        _("Answered in time"): [week.on_time for week in weeks],
        _("Answered late"): [week.late for week in weeks],
        _("Not answered, deadline passed"): [week.missed for week in weeks],
    }
    due = sum(week.due for week in weeks)
    on_time = sum(week.on_time for week in weeks)
    return {
        # Green, orange and red: the colours mean something here; the table says it in words.
        "reply_chart": charts.stacked_columns(columns, series, colours=[2, 1, 4]),
        "reply_weeks": list(zip(columns, weeks, strict=True)),
        "reply_share": round(100 * on_time / due) if due else None,
    }


# Records requests ----------------------------------------------------------------------------


def _request_organisation(request):
    organisation = queries.organisation_for(request.user, request.GET.get("org"))
    if organisation is None:
        raise Http404
    if not has_role(request.user, organisation, REQUEST_ROLES):
        raise DjangoPermissionDenied
    return organisation


@staff_page
def records_requests(request):
    organisation = _request_organisation(request)
    form = RecordsRequestForm(organisation, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        criteria = Criteria(
            data["channel"] or None, data["start"], data["end"], data["query"] or None
        )
        folder = new_request_folder(organisation, request.user.get_username())
        try:
            manifest = fulfil_request(request.user, organisation, folder, criteria)
        except CivicdeskError as error:
            if isinstance(error, NotFound | PermissionDenied):
                raise
            form.add_error(None, service_text.error_text(error))
        else:
            messages.success(
                request,
                _("Request fulfilled: %(count)s item(s), confidential data redacted.")
                % {"count": manifest["items"]},
            )
            return redirect(f"{reverse('web:records-requests')}?org={organisation.slug}")
    return render(
        request,
        "web/requests.html",
        {
            "organisation": organisation,
            "form": form,
            "past": past_requests(organisation),
            "organisations": queries.organisations_of(request.user).order_by("name"),
        },
    )


@staff_page
@require_safe
def records_request_file(request, name: str, filename: str):
    organisation = _request_organisation(request)
    try:
        path = request_file(organisation, name, filename)
    except NotFound as error:
        raise Http404 from error
    # Downloaded, never rendered in our origin: the HTML holds the public's words.
    return FileResponse(path.open("rb"), as_attachment=True, filename=f"{name}-{filename}")


# Archive exports -----------------------------------------------------------------------------


@staff_page
def exports(request):
    organisation = _request_organisation(request)
    form = forms.ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            request_export(
                request.user,
                organisation,
                package_format=form.cleaned_data["format"],
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
            )
        except CivicdeskError as error:
            if isinstance(error, NotFound | PermissionDenied):
                raise
            form.add_error(None, service_text.error_text(error))
        else:
            messages.success(request, _("Export queued; the worker writes and validates it."))
            return redirect(f"{reverse('web:exports')}?org={organisation.slug}")
    return render(
        request,
        "web/exports.html",
        {
            "organisation": organisation,
            "form": form,
            "jobs": ExportJob.objects.filter(organisation=organisation)[:50],
            "organisations": queries.organisations_of(request.user).order_by("name"),
        },
    )


@staff_page
@require_safe
def export_download(request, job_id: int):
    """A written package as one zip, streamed; only to those who may export for its organisation."""
    job = (
        ExportJob.objects.select_related("organisation")
        .filter(pk=job_id, organisation__in=organisations_of(request.user))
        .first()
    )
    if job is None:
        raise Http404
    require_role(request.user, job.organisation, REQUEST_ROLES, action="export the archive")
    folder = packages.package_folder(job)
    name = packages.zip_name(job)
    response = StreamingHttpResponse(
        packages.stream_zip(folder, name.removesuffix(".zip")), content_type="application/zip"
    )
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
