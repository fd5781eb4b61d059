"""Public register pages (R3): HTML, JSON and CSV, no login, nothing internal."""

import csv

from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from civicdesk.core.exceptions import NotFound
from civicdesk.registry.public import public_channels, public_organisation

CSV_HEADER = ["name", "platform", "address", "purpose", "owning_unit", "contact", "slug"]


def _organisation(slug: str):
    try:
        return public_organisation(slug)
    except NotFound as error:
        raise Http404(error.message) from error


@require_safe
def public_register_html(request, org: str):
    organisation = _organisation(org)
    return render(
        request,
        "registry/public_register.html",
        {"organisation": organisation, "channels": list(public_channels(organisation))},
    )


@require_safe
def public_register_json(request, org: str):
    organisation = _organisation(org)
    return JsonResponse(
        {
            "organisation": {
                "slug": organisation.slug,
                "name": organisation.name,
                "website": organisation.website,
            },
            "channels": list(public_channels(organisation)),
        },
        json_dumps_params={"ensure_ascii": False},
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_safe(value: str) -> str:
    # A cell starting with = + - @ is run as a formula by spreadsheet programs (CSV injection).
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@require_safe
def public_register_csv(request, org: str):
    organisation = _organisation(org)
    writer = csv.writer(_Echo())

    def rows():
        yield "\ufeff" + writer.writerow(CSV_HEADER)
        for channel in public_channels(organisation):
            yield writer.writerow([_csv_safe(channel[k]) for k in CSV_HEADER])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{organisation.slug}-channels.csv"'
    return response
