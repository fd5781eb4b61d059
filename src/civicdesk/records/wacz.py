"""Channel snapshots as one WACZ file (Web Archive Collection Zipped 1.1.1), for replay (A3).

A WACZ is a ZIP that replay tools (ReplayWeb.page, pywb) open as they are:

    archive/<name>.warc.gz        the snapshots' WARC files, stored uncompressed in the ZIP
    indexes/index.cdx             CDXJ: one sorted line per page record, with its offset
    pages/pages.jsonl             the pages to list, one per snapshot
    datapackage.json              every file with its size and SHA-256
    datapackage-digest.json       the SHA-256 of datapackage.json

The WARC files are copied in a block at a time and indexed with warcio, so the memory used does
not grow with the number or size of the snapshots.
"""

import hashlib
import io
import json
import uuid
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator

from civicdesk.records.archive.checksums import file_checksum

WACZ_VERSION = "1.1.1"
PAGES_HEADER = {"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}
INDEXED_TYPES = ("resource", "response")
BLOCK = 1 << 20


@dataclass(frozen=True)
class WarcFile:
    name: str  # the file name inside archive/
    path: Path
    title: str  # how the page list names the snapshot


def surt(url: str) -> str:
    """The SURT form CDXJ indexes sort by: `https://www.Example.org/a?b` → `org,example)/a?b`."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    key = ",".join(reversed(host.split("."))) if host else ""
    if parts.port and parts.port not in (80, 443):
        key += f":{parts.port}"
    path = parts.path or "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"{key}){path}{query}".lower()


def _cdx_timestamp(warc_date: str) -> str:
    """`2026-11-22T20:15:03Z` → `20261122201503`."""
    return "".join(character for character in warc_date if character.isdigit())[:14]


def _index(warc: WarcFile) -> tuple[list[str], list[dict]]:
    """CDXJ lines and page entries for the records of one WARC file."""
    lines, pages = [], []
    with warc.path.open("rb") as handle:
        records = ArchiveIterator(handle)
        for record in records:
            if record.rec_type not in INDEXED_TYPES:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            date = record.rec_headers.get_header("WARC-Date")
            digest = record.rec_headers.get_header(
                "WARC-Payload-Digest"
            ) or record.rec_headers.get_header("WARC-Block-Digest")
            mime = (record.content_type or "").split(";")[0].strip()
            offset, length = records.get_record_offset(), records.get_record_length()
            fields = {
                "url": url,
                "mime": mime,
                "digest": digest,
                "length": str(length),
                "offset": str(offset),
                "filename": warc.name,
            }
            if record.http_headers is not None:
                fields["status"] = record.http_headers.get_statuscode()
            lines.append(
                f"{surt(url)} {_cdx_timestamp(date)} {json.dumps(fields, ensure_ascii=False)}"
            )
            pages.append({"id": uuid.uuid4().hex, "url": url, "ts": date, "title": warc.title})
    return lines, pages


def _entry(name: str, *, stored: bool = False) -> zipfile.ZipInfo:
    """A ZIP entry with a fixed date, so the same snapshots give the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    return info


def _write_member(archive: zipfile.ZipFile, name: str, data: bytes, resources: list) -> None:
    archive.writestr(_entry(name), data)
    resources.append(
        {
            "name": Path(name).name,
            "path": name,
            "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
            "bytes": len(data),
        }
    )


def write_wacz(warcs: list[WarcFile], out: Path, *, title: str, created: datetime) -> str:
    """Write `warcs` as one WACZ file at `out`; return the SHA-256 of the file written."""
    resources: list[dict] = []
    cdx_lines: list[str] = []
    pages: list[dict] = []
    with zipfile.ZipFile(out, "w", allowZip64=True) as archive:
        for warc in warcs:
            member = f"archive/{warc.name}"
            digest = hashlib.sha256()
            size = 0
            # A WARC inside a WACZ is stored, not deflated, so a reader can seek to an offset.
            entry = _entry(member, stored=True)
            with warc.path.open("rb") as source, archive.open(entry, "w", force_zip64=True) as sink:
                for block in iter(lambda source=source: source.read(BLOCK), b""):
                    digest.update(block)
                    size += len(block)
                    sink.write(block)
            resources.append(
                {
                    "name": warc.name,
                    "path": member,
                    "hash": f"sha256:{digest.hexdigest()}",
                    "bytes": size,
                }
            )
            lines, found = _index(warc)
            cdx_lines.extend(lines)
            pages.extend(found)
        cdx = "".join(f"{line}\n" for line in sorted(cdx_lines)).encode()
        _write_member(archive, "indexes/index.cdx", cdx, resources)
        page_lines = [json.dumps(PAGES_HEADER), *(json.dumps(page) for page in pages)]
        _write_member(
            archive, "pages/pages.jsonl", "\n".join(page_lines).encode() + b"\n", resources
        )
        package = {
            "profile": "data-package",
            "wacz_version": WACZ_VERSION,
            "title": title,
            "software": "Civicdesk",
            "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "resources": resources,
        }
        package_bytes = json.dumps(package, indent=2, ensure_ascii=False).encode()
        archive.writestr(_entry("datapackage.json"), package_bytes)
        digest_file = {
            "path": "datapackage.json",
            "hash": f"sha256:{hashlib.sha256(package_bytes).hexdigest()}",
        }
        archive.writestr(
            _entry("datapackage-digest.json"), json.dumps(digest_file, indent=2).encode()
        )
    return file_checksum(out)


def check_wacz(path: Path) -> list[str]:
    """Problems with a WACZ file: its data package, each file's hash, and each index offset."""
    problems = []
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        return [f"not a ZIP file ({error})"]
    with archive:
        names = set(archive.namelist())
        for required in ("datapackage.json", "indexes/index.cdx", "pages/pages.jsonl"):
            if required not in names:
                problems.append(f"{required} is missing")
        if problems:
            return problems
        try:
            package_bytes = archive.read("datapackage.json")
            package = json.loads(package_bytes)
            index = archive.read("indexes/index.cdx").decode()
        except (zipfile.BadZipFile, ValueError) as error:
            return [f"datapackage.json or indexes/index.cdx unreadable ({error})"]
        if "datapackage-digest.json" in names:
            expected = json.loads(archive.read("datapackage-digest.json")).get("hash")
            if expected != f"sha256:{hashlib.sha256(package_bytes).hexdigest()}":
                problems.append("datapackage-digest.json does not match datapackage.json")
        for resource in package.get("resources", []):
            member = resource.get("path", "")
            if member not in names:
                problems.append(f"{member}: listed in datapackage.json but missing")
                continue
            digest = hashlib.sha256()
            try:
                with archive.open(member) as handle:
                    for block in iter(lambda handle=handle: handle.read(BLOCK), b""):
                        digest.update(block)
            except zipfile.BadZipFile as error:  # the ZIP's own CRC-32 caught the change first
                problems.append(f"{member}: damaged ({error})")
                continue
            if resource.get("hash") != f"sha256:{digest.hexdigest()}":
                problems.append(f"{member}: SHA-256 does not match datapackage.json")
        for number, line in enumerate(index.splitlines(), 1):
            problems.extend(_check_cdx_line(archive, number, line))
    return problems


def _check_cdx_line(archive: zipfile.ZipFile, number: int, line: str) -> list[str]:
    try:
        _key, _timestamp, raw = line.split(" ", 2)
        fields = json.loads(raw)
        member = f"archive/{fields['filename']}"
        offset, length = int(fields["offset"]), int(fields["length"])
    except (ValueError, KeyError) as error:
        return [f"indexes/index.cdx line {number}: unreadable ({error})"]
    if member not in archive.namelist():
        return [f"indexes/index.cdx line {number}: {member} is not in the WACZ"]
    if archive.getinfo(member).compress_type != zipfile.ZIP_STORED:
        return [f"{member}: must be stored uncompressed"]
    try:
        with archive.open(member) as handle:
            handle.seek(offset)
            chunk = handle.read(length)
    except (KeyError, zipfile.BadZipFile) as error:
        return [f"indexes/index.cdx line {number}: cannot read {member} ({error})"]
    try:
        record = next(iter(ArchiveIterator(io.BytesIO(chunk))))
    except StopIteration:
        return [f"indexes/index.cdx line {number}: no record at offset {offset}"]
    except Exception as error:  # noqa: BLE001 - any parse failure means the offset is wrong
        return [f"indexes/index.cdx line {number}: no WARC record at offset {offset} ({error})"]
    if record.rec_headers.get_header("WARC-Target-URI") != fields.get("url"):
        return [f"indexes/index.cdx line {number}: the record at offset {offset} is another URL"]
    return []
