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


def test_an_older_env_gets_only_the_secrets_added_since(tmp_path, monkeypatch):
    target = tmp_path / ".env"
    monkeypatch.setattr(devenv, "ENV_FILE", target)
    target.write_text("PORTAL_ENV=development\nSECRET_KEY=kept-as-it-was\nENCRYPTION_KEYS=k1:x\n")
    devenv.main()
    values = dict(line.split("=", 1) for line in target.read_text().splitlines() if "=" in line)
    assert values["SECRET_KEY"] == "kept-as-it-was"
    assert len(values["RECEIPT_SECRET"]) >= 50 and len(values["REGION_INDEX_SECRET"]) >= 50
    assert len(values["REFERRAL_INDEX_KEY"]) >= 32
    text = target.read_text()
    devenv.main()
    assert target.read_text() == text, "a second run adds nothing"
