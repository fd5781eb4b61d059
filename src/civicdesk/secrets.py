"""Secrets read from the environment, or generated once into the data directory.

A generated secret is written with mode 0600 beside the database so that a restart keeps sessions
and, above all, keeps the encryption key that channel credentials were sealed with. Nothing here
is ever committed: the data directory is outside version control.
"""

import os
import secrets
from collections.abc import Callable
from pathlib import Path


class MissingSecretError(RuntimeError):
    pass


def read_or_create_secret(
    env_name: str, data_dir: Path, file_name: str, generate: Callable[[], str]
) -> str:
    """The secret from `env_name`, else from `data_dir/file_name`, creating that file once."""
    value = os.environ.get(env_name, "").strip()
    if value:
        return value
    path = data_dir / file_name
    if path.exists():
        value = path.read_text(encoding="ascii").strip()
        if not value:
            raise MissingSecretError(f"{path} is empty; delete it or set {env_name}")
        return value
    data_dir.mkdir(parents=True, exist_ok=True)
    value = generate()
    # O_EXCL: two processes starting at once must not both write a different key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(value + "\n")
    return value


def generate_secret_key() -> str:
    return secrets.token_urlsafe(50)


def generate_fernet_key() -> str:
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode("ascii")
