"""Write a development .env with fresh secrets, once (`make demo` runs this).

The settings have no fallback secrets by design, so a new clone needs this file before
any manage.py command can run. It is never overwritten: the demo database's encrypted
reports stay readable across runs; a secret added to the portal later is appended to an
existing file, the others left as they are. Runs without Django (settings would refuse
to load).
"""

import base64
import secrets
import sys
from pathlib import Path

ENV_FILE = Path(__file__).resolve().parent.parent / ".env"


def secrets_now() -> dict[str, str]:
    key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ENCRYPTION_KEYS": f"k1:{key}",
        "REFERRAL_INDEX_KEY": secrets.token_urlsafe(32),
    }


def development_env() -> str:
    lines = [f"{name}={value}\n" for name, value in secrets_now().items()]
    return (
        "# Written by `make demo` for this machine only; never commit it.\n"
        "PORTAL_ENV=development\n" + "".join(lines)
    )


def missing_lines(text: str) -> str:
    """Lines for the secrets an older .env does not have yet."""
    present = {line.split("=", 1)[0].strip() for line in text.splitlines() if "=" in line}
    fresh = secrets_now()
    return "".join(f"{name}={fresh[name]}\n" for name in fresh if name not in present)


def main() -> int:
    if ENV_FILE.exists():
        text = ENV_FILE.read_text(encoding="utf-8")
        added = missing_lines(text)
        if added:
            separator = "" if text.endswith("\n") or not text else "\n"
            ENV_FILE.write_text(text + separator + added, encoding="utf-8")
            print(f"Added {added.count(chr(10))} new development secret(s) to {ENV_FILE}")
        return 0
    ENV_FILE.write_text(development_env(), encoding="utf-8")
    ENV_FILE.chmod(0o600)
    print(f"Wrote development secrets to {ENV_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
