import base64

from portal import devenv


def test_development_env_is_written_once_and_never_overwritten(tmp_path, monkeypatch):
    target = tmp_path / ".env"
    monkeypatch.setattr(devenv, "ENV_FILE", target)
    devenv.main()
    first = target.read_text()
    devenv.main()
    assert target.read_text() == first
    assert oct(target.stat().st_mode & 0o777) == "0o600"


def test_development_env_holds_secrets_the_settings_accept():
    text = devenv.development_env()
    values = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    assert values["PORTAL_ENV"] == "development"
    assert len(values["SECRET_KEY"]) >= 50
    key_id, key = values["ENCRYPTION_KEYS"].split(":", 1)
    assert key_id
    assert len(base64.urlsafe_b64decode(key)) == 32
    assert devenv.development_env() != text, "every clone gets its own secrets"


def test_a_secret_added_later_is_appended_and_the_others_kept(tmp_path, monkeypatch):
    target = tmp_path / ".env"
    monkeypatch.setattr(devenv, "ENV_FILE", target)
    old = "PORTAL_ENV=development\nSECRET_KEY=kept\nENCRYPTION_KEYS=k1:kept\n"
    target.write_text(old)
    devenv.main()
    text = target.read_text()
    assert text.startswith(old)
    values = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    assert values["SECRET_KEY"] == "kept" and values["ENCRYPTION_KEYS"] == "k1:kept"
    assert len(values["REFERRAL_INDEX_KEY"]) >= 32
    devenv.main()
    assert target.read_text() == text
