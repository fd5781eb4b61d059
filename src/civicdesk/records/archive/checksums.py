"""Streaming file writing with SHA-256 computed on the way, and streaming re-checks.

Every writer copies documents and writes its XML through :class:`HashingWriter`, so each file's
checksum is known the moment the file is closed and nothing is ever read twice or held whole in
memory (A1: exports complete and verifiable).
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20
ALGORITHMS = {
    "MD5": "md5",
    "SHA-1": "sha1",
    "SHA1": "sha1",
    "SHA-256": "sha256",
    "SHA256": "sha256",
    "SHA-384": "sha384",
    "SHA-512": "sha512",
    "SHA512": "sha512",
}


@dataclass(frozen=True)
class FileDigest:
    """A file written into a package: its path relative to the package root, size and SHA-256."""

    path: str
    size: int
    sha256: str


class HashingWriter:
    """A binary file that hashes what is written to it. Use as a context manager; after it
    closes, :attr:`digest` describes the file."""

    def __init__(self, root: Path, relative: str):
        self.root = root
        self.relative = relative
        self._hash = hashlib.sha256()
        self._size = 0
        self._file: BinaryIO | None = None
        self.digest: FileDigest | None = None

    def __enter__(self) -> HashingWriter:
        target = self.root / self.relative
        target.parent.mkdir(parents=True, exist_ok=True)
        self._file = target.open("wb")
        return self

    def write(self, data: bytes) -> int:
        assert self._file is not None
        self._hash.update(data)
        self._size += len(data)
        return self._file.write(data)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def __exit__(self, *exc_info) -> None:
        assert self._file is not None
        self._file.close()
        self.digest = FileDigest(self.relative, self._size, self._hash.hexdigest())


def copy_stream(source: BinaryIO, root: Path, relative: str) -> FileDigest:
    """Copy ``source`` to ``root/relative`` in chunks, hashing on the way."""
    with source, HashingWriter(root, relative) as out:
        shutil.copyfileobj(source, out, CHUNK)
    assert out.digest is not None
    return out.digest


def write_bytes(data: bytes, root: Path, relative: str) -> FileDigest:
    with HashingWriter(root, relative) as out:
        out.write(data)
    assert out.digest is not None
    return out.digest


def file_checksum(path: Path, algorithm: str = "SHA-256") -> str:
    """The hex digest of ``path`` read in chunks; ``algorithm`` is a METS/ADDML name."""
    name = ALGORITHMS.get(algorithm.upper())
    if name is None:
        raise ValueError(f"unknown checksum algorithm {algorithm!r}")
    digest = hashlib.new(name)
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
