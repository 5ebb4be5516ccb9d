"""iCalendar (RFC 5545) files for events, written by hand: one VEVENT is a few lines.

What the RFC asks and a phone's calendar app checks: CRLF line ends, lines folded at
75 octets (never inside a UTF-8 character), TEXT values escaped, times in UTC, and a
UID that stays the same when the file is downloaded again, so that importing twice
updates the entry instead of duplicating it.
"""

from datetime import UTC, datetime

from django.utils import timezone

CRLF = "\r\n"


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets (RFC 5545 3.1)."""
    chunks, current, size, limit = [], "", 0, 75
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            chunks.append(current)
            # Continuation lines start with a space, which counts towards their 75.
            current, size, limit = "", 0, 74
        current += char
        size += width
    chunks.append(current)
    return (CRLF + " ").join(chunks)


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def event_calendar(event, request=None) -> str:
    host = request.get_host().split(":")[0] if request else "satu-layanan"
    stamp = event.last_published_at or timezone.now()
    location = ", ".join(part for part in (event.place, event.address.replace("\n", ", ")) if part)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Satu Layanan//Events//" + event.locale.language_code.upper(),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        # The translations of an event share its translation key: one event, one UID.
        f"UID:event-{event.translation_key}@{host}",
        f"DTSTAMP:{utc(stamp)}",
        f"DTSTART:{utc(event.start)}",
    ]
    if event.end:
        lines.append(f"DTEND:{utc(event.end)}")
    lines += [
        "SUMMARY:" + escape_text(event.title),
        "LOCATION:" + escape_text(location),
        "DESCRIPTION:" + escape_text(event.summary),
    ]
    url = event.get_full_url(request)
    if url:
        lines.append("URL:" + url)
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + CRLF for line in lines)
