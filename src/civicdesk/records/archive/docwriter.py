"""Document files written behind the XML: hashed here, created on disk by a background thread.

Every package holds one file per document (Noark 5 ``referanseDokumentfil``, a METS ``file``, an
MDTO ``bestand``), so an export of a million entries creates two to three million small files.
Creating a file costs the kernel far more than writing a few hundred bytes into it (0.05 to
1.5 ms each on the benchmark machine, depending on what else is using the disk), and the XML
about the file needs only its size and SHA-256. So a small document is read and hashed in the
caller's thread and handed to one writer thread, which makes the folder and file while the
caller goes on serialising XML; the file system work then overlaps the Python work instead of
adding to it.

Memory stays bounded: at most ``QUEUE`` documents of at most ``SMALL`` bytes wait at a time, and
larger documents are copied in 1 MB chunks in the caller's thread. A failed write is raised from
the next :meth:`DocumentWriter.write` or from :meth:`DocumentWriter.close`, so the export fails
as it did when everything was written in line.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import queue
import threading
from pathlib import Path
from typing import BinaryIO

from civicdesk.records.archive.checksums import CHUNK, FileDigest, HashingWriter

SMALL = 64 * 1024  # documents up to this size go through the writer thread
QUEUE = 256  # documents waiting at most: 256 x 64 KB = 16 MB in the worst case, ~0.1 MB usually
THREADED = True  # False writes every file in the caller's thread (for comparison)
_STOP = None


class DocumentWriter:
    """Use as a context manager; :meth:`write` returns the document's digest at once."""

    def __init__(self, root: Path, threaded: bool | None = None):
        self.root = Path(root)
        self._queue: queue.Queue = queue.Queue(QUEUE)
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        if THREADED if threaded is None else threaded:
            self._thread = threading.Thread(target=self._run, name="archive-documents", daemon=True)
            self._thread.start()

    def write(self, source: BinaryIO, relative: str) -> FileDigest:
        """Copy ``source`` (closed afterwards) to ``root/relative``; return its size and SHA-256."""
        self._raise_error()
        with source:
            data = source.read(SMALL + 1)
            while 0 < len(data) <= SMALL:  # a raw stream may return less than asked
                more = source.read(SMALL + 1 - len(data))
                if not more:
                    break
                data += more
            if len(data) > SMALL:
                return self._write_large(data, source, relative)
        return self.write_bytes(data, relative)

    def write_bytes(self, data: bytes, relative: str) -> FileDigest:
        """Store ``data`` (a small file made in memory) at ``root/relative``."""
        if len(data) > SMALL:
            return self.write(io.BytesIO(data), relative)
        self._raise_error()
        if self._thread is None:
            _write_file(os.path.join(self.root, relative), data)
        else:
            self._queue.put((relative, data))
        return FileDigest(relative, len(data), hashlib.sha256(data).hexdigest())

    def close(self) -> None:
        """Wait until every document is on disk; raise the first failure, if any."""
        if self._thread is not None and self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join()
        self._raise_error()

    def __enter__(self) -> DocumentWriter:
        return self

    def __exit__(self, exc_type, *exc_info) -> None:
        if exc_type is None:
            self.close()
            return
        with contextlib.suppress(Exception):  # already failing: the caller's error is reported
            self.close()

    def _write_large(self, head: bytes, source: BinaryIO, relative: str) -> FileDigest:
        # Written here while the thread goes on with small ones: other paths, and both make a
        # missing folder with exist_ok, so they cannot get in each other's way.
        with HashingWriter(self.root, relative) as out:
            out.write(head)
            while chunk := source.read(CHUNK):
                out.write(chunk)
        assert out.digest is not None
        return out.digest

    def _raise_error(self) -> None:
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        while (job := self._queue.get()) is not _STOP:
            if self._error is not None:
                continue  # failed already: drop the rest, the caller will raise
            relative, data = job
            try:
                _write_file(os.path.join(self.root, relative), data)
            except BaseException as error:  # noqa: BLE001 - handed to the caller's thread
                self._error = error


def _write_file(target: str, data: bytes) -> None:
    """Write ``data`` to ``target``, making its folder only when it is missing."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    try:
        fd = os.open(target, flags, 0o666)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        fd = os.open(target, flags, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
