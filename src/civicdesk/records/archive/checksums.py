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
        try:  # the folder usually exists: one system call instead of a mkdir per file
            self._file = target.open("wb")
        except FileNotFoundError:
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


SUMS = "SHA256SUMS"


class ChecksumList:
    """``SHA256SUMS`` in the ``sha256sum`` format (``<hex>  <path>``), written line by line, so
    packages without a checksum-bearing standard (MDTO, JSON) list every file with its SHA-256
    and any ``sha256sum -c`` can check them."""

    def __init__(self, root: Path):
        self.root = root
        self._out = HashingWriter(root, SUMS)
        self._out.__enter__()
        self.count = 0

    def add(self, digest: FileDigest) -> None:
        self._out.write(f"{digest.sha256}  {digest.path}\n".encode())
        self.count += 1

    def close(self) -> FileDigest:
        self._out.__exit__(None, None, None)
        assert self._out.digest is not None
        return self._out.digest


def read_checksum_list(path: Path):
    """Yield (line number, sha256, relative path) from a ``SHA256SUMS`` file; malformed lines
    come back with ``sha256`` None."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            line = line.rstrip("\n")
            if not line:
                continue
            value, sep, name = line.partition("  ")
            if not sep or len(value) != 64:
                yield number, None, line
            else:
                yield number, value.lower(), name.removeprefix("*")
