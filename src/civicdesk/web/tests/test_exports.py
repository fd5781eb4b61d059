"""Downloading a written archive export (issue 6): streamed zip, right people only, no escape."""

import io
import os
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from civicdesk.records.export_jobs import exports_folder
from civicdesk.records.models import ExportJob
from civicdesk.web import packages


def written_job(user, org: str, files: dict[str, bytes], status="valid", **extra) -> ExportJob:
    """An export job as the worker leaves it: the package's files in the job's folder."""
    from civicdesk.organisations.models import Organisation

    job = ExportJob.objects.create(
        organisation=Organisation.objects.get(slug=org),
        format="json",
        requested_by=user,
        requested_at=timezone.now(),
        status=status,
        finished_at=timezone.now(),
        **extra,
    )
    folder = exports_folder(job)
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    folder.mkdir(parents=True, exist_ok=True)
    if "out_dir" not in extra:
        job.out_dir = str(folder)
        job.save(update_fields=["out_dir"])
    return job


def unzip(response) -> dict[str, bytes]:
    assert response.streaming
    data = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR


@pytest.fixture
def registrar(client, demo, data_dir):
    client.force_login(demo["tyreso-registrar"])
    return client


class TestDownload:
    def test_streams_the_package_as_an_attached_zip(self, registrar, demo):
        job = written_job(
            demo["tyreso-registrar"],
            "tyreso",
            {"metadata.json": b'{"items": 3}', "content/items/1.json": "Hej då".encode()},
        )
        response = registrar.get(reverse("web:export-download", args=[job.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/zip"
        name = f"tyreso-export-{job.pk}-json.zip"
        assert response["Content-Disposition"] == f'attachment; filename="{name}"'
        prefix = name.removesuffix(".zip")
        assert unzip(response) == {
            f"{prefix}/content/items/1.json": "Hej då".encode(),
            f"{prefix}/metadata.json": b'{"items": 3}',
        }

    def test_a_large_file_goes_out_in_pieces(self, demo, data_dir):
        job = written_job(demo["tyreso-registrar"], "tyreso", {"big.bin": os.urandom(3_000_000)})
        pieces = list(packages.stream_zip(packages.package_folder(job), "p"))
        assert len(pieces) > 5
        assert max(len(piece) for piece in pieces) < 2 * packages.CHUNK
        with zipfile.ZipFile(io.BytesIO(b"".join(pieces))) as archive:
            assert archive.getinfo("p/big.bin").file_size == 3_000_000

    def test_the_exports_page_links_written_packages_only(self, registrar, demo):
        user = demo["tyreso-registrar"]
        done = written_job(user, "tyreso", {"a.json": b"{}"})
        with_problems = written_job(user, "tyreso", {"a.json": b"{}"}, status="invalid")
        queued = ExportJob.objects.create(
            organisation=done.organisation,
            format="eark",
            requested_by=user,
            requested_at=timezone.now(),
        )
        html = registrar.get(reverse("web:exports")).content.decode()
        assert reverse("web:export-download", args=[done.pk]) in html
        assert reverse("web:export-download", args=[with_problems.pk]) in html
        assert reverse("web:export-download", args=[queued.pk]) not in html
        assert registrar.get(reverse("web:export-download", args=[queued.pk])).status_code == 404


class TestWhoMayDownload:
    def test_another_organisations_job_is_not_found(self, client, demo, data_dir):
        job = written_job(demo["bo-registrar"], "bo", {"secret.json": b"BO-HEMMELEG"})
        client.force_login(demo["tyreso-registrar"])
        response = client.get(reverse("web:export-download", args=[job.pk]))
        assert response.status_code == 404
        assert b"BO-HEMMELEG" not in response.content

    def test_a_member_without_export_rights_is_refused(self, client, demo, data_dir):
        job = written_job(demo["tyreso-registrar"], "tyreso", {"a.json": b"{}"})
        client.force_login(demo["tyreso-teacher"])
        assert client.get(reverse("web:export-download", args=[job.pk])).status_code == 403

    def test_anonymous_users_are_sent_to_log_in(self, client, demo, data_dir):
        job = written_job(demo["tyreso-registrar"], "tyreso", {"a.json": b"{}"})
        response = client.get(reverse("web:export-download", args=[job.pk]))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("web:login"))

    def test_a_missing_job_is_not_found(self, registrar):
        assert registrar.get(reverse("web:export-download", args=[999999])).status_code == 404


class TestNoEscape:
    def test_links_out_of_the_package_are_left_out(self, registrar, demo, data_dir):
        secret = data_dir / "encryption_key.test"
        secret.parent.mkdir(parents=True, exist_ok=True)
        secret.write_bytes(b"SECRET-KEY")
        job = written_job(demo["tyreso-registrar"], "tyreso", {"a.json": b"{}"})
        folder = exports_folder(job)
        (folder / "key").symlink_to(secret)
        (folder / "up").symlink_to(data_dir, target_is_directory=True)
        files = unzip(registrar.get(reverse("web:export-download", args=[job.pk])))
        assert [name.split("/", 1)[1] for name in files] == ["a.json"]
        assert not any(b"SECRET-KEY" in data for data in files.values())

    @pytest.mark.parametrize("out_dir", ["/etc", "../../..", "{folder}/../.."])
    def test_a_tampered_folder_is_not_served(self, registrar, demo, out_dir):
        job = written_job(demo["tyreso-registrar"], "tyreso", {"a.json": b"{}"})
        job.out_dir = out_dir.format(folder=exports_folder(job))
        job.save(update_fields=["out_dir"])
        assert registrar.get(reverse("web:export-download", args=[job.pk])).status_code == 404

    def test_a_path_in_the_address_matches_no_route(self, registrar):
        response = registrar.get("/exports/..%2F..%2Fetc/package.zip")
        assert response.status_code == 404


class TestEndToEnd:
    def test_a_real_json_export_downloads_with_its_items(self, registrar, demo, tyreso_items):
        from civicdesk.records.export_jobs import request_export, run_job

        job = request_export(
            demo["tyreso-registrar"], tyreso_items["question"].organisation, package_format="json"
        )
        job = run_job(job.pk)
        assert job.status in ("valid", "invalid"), job.message
        files = unzip(registrar.get(reverse("web:export-download", args=[job.pk])))
        assert files
        assert any("återvinningscentralen".encode() in data for data in files.values())
