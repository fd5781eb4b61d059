"""The warc export's WACZ file (A3): indexed, hashed, and every index offset finds its record."""

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command

from civicdesk.records.models import Snapshot
from civicdesk.records.snapshots import take_snapshot
from civicdesk.records.tests.test_snapshots import data_dir, facebook  # noqa: F401 - fixtures
from civicdesk.records.wacz import check_wacz, surt

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(facebook, data_dir, tmp_path):  # noqa: F811 - fixtures from test_snapshots
    take_snapshot(facebook, trigger=Snapshot.Trigger.ON_DEMAND)
    take_snapshot(facebook, trigger=Snapshot.Trigger.SCHEDULED)
    out = tmp_path / "warc-package"
    call_command("export", "warc", "--org", "tyreso", "--out", str(out))
    return out


def test_surt_reverses_the_host_and_keeps_path_and_query():
    assert surt("https://www.Facebook.com/Tyreso?x=1") == "com,facebook)/tyreso?x=1"
    assert surt("http://example.org:8080") == "org,example:8080)/"


def test_the_warc_export_holds_a_wacz_that_checks_clean(exported, facebook):  # noqa: F811
    wacz = exported / "snapshots.wacz"
    manifest = json.loads((exported / "manifest.json").read_text("utf-8"))
    assert manifest["wacz"]["sha256"] == hashlib.sha256(wacz.read_bytes()).hexdigest()
    assert check_wacz(wacz) == []
    with zipfile.ZipFile(wacz) as archive:
        warcs = [name for name in archive.namelist() if name.startswith("archive/")]
        assert len(warcs) == 2
        assert all(archive.getinfo(name).compress_type == zipfile.ZIP_STORED for name in warcs)
        index = archive.read("indexes/index.cdx").decode().splitlines()
        pages = archive.read("pages/pages.jsonl").decode().splitlines()
        package = json.loads(archive.read("datapackage.json"))
    assert len(index) == 2 and all(line.startswith(surt(facebook.address)) for line in index)
    assert json.loads(pages[0])["format"] == "json-pages-1.0"
    assert [json.loads(line)["url"] for line in pages[1:]] == [facebook.address] * 2
    assert package["wacz_version"] == "1.1.1"
    assert {r["path"] for r in package["resources"]} >= {*warcs, "indexes/index.cdx"}


def rewrite(wacz, change_index) -> None:
    """Rewrite `wacz` with its index changed and the data package's hashes made to match again,
    so only the index itself is wrong."""
    with zipfile.ZipFile(wacz) as archive:
        members = {info.filename: (info, archive.read(info)) for info in archive.infolist()}
    index = change_index(members["indexes/index.cdx"][1].decode()).encode()
    package = json.loads(members["datapackage.json"][1])
    for resource in package["resources"]:
        if resource["path"] == "indexes/index.cdx":
            resource["hash"] = f"sha256:{hashlib.sha256(index).hexdigest()}"
            resource["bytes"] = len(index)
    package_bytes = json.dumps(package).encode()
    digest = {
        "path": "datapackage.json",
        "hash": f"sha256:{hashlib.sha256(package_bytes).hexdigest()}",
    }
    replaced = {
        "indexes/index.cdx": index,
        "datapackage.json": package_bytes,
        "datapackage-digest.json": json.dumps(digest).encode(),
    }
    with zipfile.ZipFile(wacz, "w") as archive:
        for name, (info, data) in members.items():
            archive.writestr(info, replaced.get(name, data))


def test_an_index_offset_that_misses_its_record_is_caught(exported):
    wacz = exported / "snapshots.wacz"

    def shift(index: str) -> str:
        lines = []
        for line in index.splitlines():
            key, timestamp, raw = line.split(" ", 2)
            fields = json.loads(raw)
            fields["offset"] = str(int(fields["offset"]) + 7)
            lines.append(f"{key} {timestamp} {json.dumps(fields)}")
        return "\n".join(lines) + "\n"

    rewrite(wacz, shift)
    problems = check_wacz(wacz)
    assert problems and all("offset" in problem for problem in problems), problems


def test_a_changed_warc_inside_the_wacz_is_caught(exported):
    wacz = exported / "snapshots.wacz"
    data = bytearray(wacz.read_bytes())
    position = data.index(b"WARC/1") if b"WARC/1" in data else len(data) // 3
    data[position + 40] ^= 0xFF
    wacz.write_bytes(bytes(data))
    problems = check_wacz(wacz)
    assert any("archive/" in p and ("damaged" in p or "SHA-256" in p) for p in problems), problems


def test_a_file_that_is_not_a_zip_is_reported(tmp_path):
    broken = tmp_path / "broken.wacz"
    broken.write_bytes(b"not a zip at all")
    assert check_wacz(broken)[0].startswith("not a ZIP file")


def test_two_snapshots_in_the_same_second_keep_their_own_files(facebook, data_dir):  # noqa: F811
    from django.utils import timezone

    from civicdesk.records.archive.checksums import file_checksum

    moment = timezone.now()
    first = take_snapshot(facebook, trigger=Snapshot.Trigger.ON_DEMAND, at=moment)
    second = take_snapshot(facebook, trigger=Snapshot.Trigger.ON_DEMAND, at=moment)
    assert first.warc_path != second.warc_path and first.html_path != second.html_path
    for snapshot in (first, second):
        assert file_checksum(Path(snapshot.warc_path)) == snapshot.warc_sha256


def test_archive_validate_checks_the_wacz_of_a_warc_package(exported):
    from civicdesk.records.archive.validate import validate_package

    assert validate_package(exported) == []
    wacz = exported / "snapshots.wacz"
    wacz.write_bytes(wacz.read_bytes()[:-10])
    problems = [str(problem) for problem in validate_package(exported)]
    assert any("snapshots.wacz" in p and "SHA-256" in p for p in problems), problems


def test_a_manifest_pointing_the_wacz_outside_the_package_is_refused(exported):
    from civicdesk.records.archive.validate import validate_package

    manifest_path = exported / "manifest.json"
    manifest = json.loads(manifest_path.read_text("utf-8"))
    manifest["wacz"]["path"] = "../elsewhere.wacz"
    manifest_path.write_text(json.dumps(manifest), "utf-8")
    problems = [str(problem) for problem in validate_package(exported)]
    assert any("beside the manifest" in p for p in problems), problems
