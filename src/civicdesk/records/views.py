"""The public journal (A1, A4): the diary as anyone may read it, confidential entries masked."""

import json
from itertools import islice

from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from civicdesk.core.exceptions import NotFound
from civicdesk.records.journal import public_journal
from civicdesk.registry.public import public_organisation

PAGE = 500


@require_safe
def public_journal_html(request, org: str):
    """The public journal as a page: the latest 500 entries, confidential ones masked."""
    try:
        organisation = public_organisation(org)
    except NotFound as error:
        raise Http404(error.message) from error
    entries = list(islice(public_journal(organisation, newest_first=True), PAGE))
    return render(
        request,
        "records/public_journal.html",
        {"organisation": organisation, "entries": entries, "limit": PAGE},
    )


@require_safe
def public_journal_json(request, org: str):
    try:
        organisation = public_organisation(org)
    except NotFound as error:
        raise Http404(error.message) from error
    year = request.GET.get("year")
    if year is not None and not (year.isdigit() and len(year) == 4):
        raise Http404("year must be four digits")

    def body():
        yield '{"organisation": ' + json.dumps(organisation.slug) + ', "entries": ['
        for index, row in enumerate(public_journal(organisation, int(year) if year else None)):
            yield ("," if index else "") + json.dumps(row, ensure_ascii=False)
        yield "]}"

    return StreamingHttpResponse(body(), content_type="application/json; charset=utf-8")
