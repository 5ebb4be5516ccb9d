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


def development_env() -> str:
    key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    return (
        "# Written by `make demo` for this machine only; never commit it.\n"
        "PORTAL_ENV=development\n"
        f"SECRET_KEY={secrets.token_urlsafe(50)}\n"
        f"ENCRYPTION_KEYS=k1:{key}\n"
    )


def main() -> int:
    if ENV_FILE.exists():
        return 0
    ENV_FILE.write_text(development_env(), encoding="utf-8")
    ENV_FILE.chmod(0o600)
    print(f"Wrote development secrets to {ENV_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
