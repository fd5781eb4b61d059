"""`civicdesk policy check|load`: exit codes and FILE:LINE: message output (contract.md)."""

import subprocess
import sys

import pytest
from django.core.management import call_command

from civicdesk.conftest import POLICY_DIR
from civicdesk.organisations.models import Organisation
from civicdesk.policy.tests.test_validate import MINIMAL


def run(*args: str, env_dir) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "civicdesk", "policy", *args],
        capture_output=True,
        text=True,
        env={"CIVICDESK_DATA_DIR": str(env_dir), "PATH": "/usr/bin:/bin"},
        timeout=120,
        check=False,
    )


class TestPolicyCheckCommand:
    def test_valid_packs_exit_zero(self, tmp_path):
        result = run("check", *map(str, sorted(POLICY_DIR.glob("*.toml"))), env_dir=tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout.count(": ok") == 4

    def test_invalid_pack_exits_one_with_file_and_line(self, tmp_path):
        bad = tmp_path / "bad.toml"
        bad.write_text(MINIMAL.replace('platform = "facebook"', 'platform = "orkut"'))
        result = run("check", str(bad), env_dir=tmp_path)
        assert result.returncode == 1
        line = MINIMAL.splitlines().index('platform = "facebook"') + 1
        assert result.stderr.startswith(f"{bad}:{line}: channels[1].platform: must be one of")
        assert "Traceback" not in result.stderr

    def test_unreadable_pack_exits_two(self, tmp_path):
        result = run("check", str(tmp_path / "missing.toml"), env_dir=tmp_path)
        assert result.returncode == 2
        assert "cannot read" in result.stderr
        assert "Traceback" not in result.stderr


@pytest.mark.django_db
class TestPolicyLoadCommand:
    def test_load_twice_reports_unchanged(self, capsys):
        path = str(POLICY_DIR / "bo.toml")
        call_command("policy", "load", path)
        assert "1 organisations created" in capsys.readouterr().out
        call_command("policy", "load", path)
        assert capsys.readouterr().out.strip() == "bo: unchanged"
        assert Organisation.objects.filter(slug="bo").count() == 1

    def test_load_with_a_bad_pack_loads_nothing(self, tmp_path, capsys):
        bad = tmp_path / "bad.toml"
        bad.write_text(MINIMAL.replace("[[units]]", "[[unitz]]"))
        with pytest.raises(SystemExit) as exit_info:
            call_command("policy", "load", str(POLICY_DIR / "bo.toml"), str(bad))
        assert exit_info.value.code == 1
        assert not Organisation.objects.exists()
        assert "nothing loaded" in capsys.readouterr().err
