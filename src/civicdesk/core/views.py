from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from civicdesk.organisations.models import Organisation


@require_safe
def home(request):
    organisations = Organisation.objects.only("slug", "name").order_by("name")
    return render(request, "core/home.html", {"organisations": organisations})


@require_safe
def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
