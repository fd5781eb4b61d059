"""Where fulfilled records requests are kept: `DATA_DIR/requests/<org>/<stamp>-<user>/`."""

import json
import re
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from civicdesk.core.exceptions import NotFound
from civicdesk.organisations.models import Organisation

FILES = ("items.html", "items.json", "manifest.json")
NAME_RE = re.compile(r"^\d{8}T\d{6}-[\w.@+-]{1,150}$")


def requests_folder(organisation: Organisation) -> Path:
    return Path(settings.DATA_DIR) / "requests" / organisation.slug


def new_request_folder(organisation: Organisation, username: str) -> Path:
    stamp = timezone.localtime().strftime("%Y%m%dT%H%M%S")
    safe_user = re.sub(r"[^\w.@+-]", "_", username)[:150]
    return requests_folder(organisation) / f"{stamp}-{safe_user}"


def past_requests(organisation: Organisation, limit: int = 50) -> list[dict]:
    folder = requests_folder(organisation)
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir(), reverse=True)[:limit]:
        manifest = path / "manifest.json"
        if NAME_RE.match(path.name) and manifest.is_file():
            data = json.loads(manifest.read_text("utf-8"))
            found.append({"name": path.name, **data})
    return found


def request_file(organisation: Organisation, name: str, filename: str) -> Path:
    """The file of a fulfilled request; names are checked so no path can leave the folder."""
    if not NAME_RE.match(name) or filename not in FILES:
        raise NotFound("No such request file.")
    path = requests_folder(organisation) / name / filename
    if not path.is_file():
        raise NotFound("No such request file.")
    return path
