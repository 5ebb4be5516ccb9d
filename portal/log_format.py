"""JSON log lines (LOG_FORMAT=json): one object per record, for a log collector.

Only named fields leave the process: the time, level, logger, message and, for an
error, the exception's type and traceback. Never the attributes a library attaches
to a record (Django's ``request``, with its client address, headers and cookies; a
``status_code``), so no client detail can ride along. What the portal logs is
written to carry no personal data (see "Logs" in the README); the test
tests/production/test_logs.py drives a real gunicorn process and reads every line.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = record.exc_info[0].__name__ if record.exc_info[0] else None
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
