"""Finished archive exports as one zip, streamed: never the whole package in memory.

The folder served is the one `records.export_jobs.exports_folder` names for the job, never the
path stored on the row, and every file must resolve inside it: a symbolic link or a tampered
`out_dir` cannot make the download reach outside the data directory.
"""

import io
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

from civicdesk.core.exceptions import NotFound
from civicdesk.records.export_jobs import exports_folder
from civicdesk.records.models import ExportJob

CHUNK = 256 * 1024
WRITTEN = (ExportJob.Status.VALID, ExportJob.Status.INVALID)


class _Pipe(io.RawIOBase):
    """A write-only, unseekable sink: zipfile writes into it and we hand the bytes on."""

    def __init__(self):
        super().__init__()
        self._chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


def package_folder(job: ExportJob) -> Path:
    """The written package of `job`; NotFound while it is queued, running or failed."""
    folder = exports_folder(job)
    if job.status not in WRITTEN or not job.out_dir or not folder.is_dir():
        raise NotFound(f"Export {job.pk} has no package.", field="job")
    if Path(job.out_dir).resolve() != folder.resolve():
        raise NotFound(f"Export {job.pk} has no package.", field="job")
    return folder


def package_files(folder: Path) -> Iterator[tuple[Path, str]]:
    """(file, name inside the zip) for every regular file under `folder`, sorted; no links."""
    root = folder.resolve()
    for current, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not (Path(current) / d).is_symlink())
        for name in sorted(files):
            path = Path(current) / name
            if path.is_symlink() or not path.is_file():
                continue
            if not path.resolve().is_relative_to(root):
                continue
            yield path, path.relative_to(root).as_posix()


def zip_name(job: ExportJob) -> str:
    return f"{job.organisation.slug}-export-{job.pk}-{job.format}.zip"


def stream_zip(folder: Path, prefix: str) -> Iterator[bytes]:
    """The zip of `folder`, in chunks; each file read `CHUNK` bytes at a time."""
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, name in package_files(folder):
            info = zipfile.ZipInfo.from_file(path, f"{prefix}/{name}")
            info.compress_type = zipfile.ZIP_DEFLATED
            with path.open("rb") as source, archive.open(info, "w") as target:
                while block := source.read(CHUNK):
                    target.write(block)
                    if data := pipe.take():
                        yield data
            if data := pipe.take():
                yield data
    if data := pipe.take():
        yield data
