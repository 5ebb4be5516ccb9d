"""Write a development .env with fresh secrets, once (`make demo` runs this).

The settings have no fallback secrets by design, so a new clone needs this file before
any manage.py command can run. It is never overwritten: the demo database's encrypted
reports stay readable across runs. Runs without Django (settings would refuse to load).
"""

import base64
import secrets
import sys
from pathlib import Path

ENV_FILE = Path(__file__).resolve().parent.parent / ".env"


def secret_lines() -> dict[str, str]:
    """Every secret the settings require, freshly made, by variable name."""
    key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ENCRYPTION_KEYS": f"k1:{key}",
        "RECEIPT_SECRET": secrets.token_urlsafe(50),
        "REGION_INDEX_SECRET": secrets.token_urlsafe(50),
        "REFERRAL_INDEX_KEY": secrets.token_urlsafe(32),
    }


def development_env() -> str:
    lines = [f"{name}={value}\n" for name, value in secret_lines().items()]
    return (
        "# Written by `make demo` for this machine only; never commit it.\n"
        "PORTAL_ENV=development\n" + "".join(lines)
    )


def main() -> int:
    if ENV_FILE.exists():
        # An older .env keeps its secrets; only a secret added since is appended.
        text = ENV_FILE.read_text(encoding="utf-8")
        present = {line.split("=", 1)[0].strip() for line in text.splitlines() if "=" in line}
        missing = {k: v for k, v in secret_lines().items() if k not in present}
        if missing:
            added = "".join(f"{name}={value}\n" for name, value in missing.items())
            ENV_FILE.write_text(text.rstrip("\n") + "\n" + added, encoding="utf-8")
            print(f"Added {', '.join(missing)} to {ENV_FILE}")
        return 0
    ENV_FILE.write_text(development_env(), encoding="utf-8")
    ENV_FILE.chmod(0o600)
    print(f"Wrote development secrets to {ENV_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
