"""Secrets come from the environment or are generated once into the data directory."""

import stat

import pytest

from civicdesk.secrets import MissingSecretError, generate_fernet_key, read_or_create_secret


def test_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("CD_TEST_SECRET", "from-env")
    assert read_or_create_secret("CD_TEST_SECRET", tmp_path, "s", lambda: "gen") == "from-env"
    assert not (tmp_path / "s").exists()


def test_generated_once_and_private(tmp_path, monkeypatch):
    monkeypatch.delenv("CD_TEST_SECRET", raising=False)
    first = read_or_create_secret("CD_TEST_SECRET", tmp_path, "s", generate_fernet_key)
    second = read_or_create_secret("CD_TEST_SECRET", tmp_path, "s", generate_fernet_key)
    assert first == second
    assert stat.S_IMODE((tmp_path / "s").stat().st_mode) == 0o600


def test_empty_secret_file_is_an_error(tmp_path, monkeypatch):
    monkeypatch.delenv("CD_TEST_SECRET", raising=False)
    (tmp_path / "s").write_text("")
    with pytest.raises(MissingSecretError, match="empty"):
        read_or_create_secret("CD_TEST_SECRET", tmp_path, "s", lambda: "x")
