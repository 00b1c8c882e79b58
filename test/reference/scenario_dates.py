"""Reference epoch milliseconds (UTC) for engine/scenario/date.ts (parseDateMs), via Python datetime.

Run: python3 test/reference/scenario_dates.py > test/fixtures/scenario/dates.json
"""
import json
from datetime import datetime, timezone

CASES = [
    "1970-01-01",
    "2000-01-01",
    "2010-03-01",
    "2020-02-29",
    "1969-12-31",
    "1900-03-01",
    "2020-01-01T09:30:00Z",
    "2020-01-01T09:30Z",
    "2020-01-01T09:30:00.5Z",
    "2020-01-01T09:30:00.123Z",
    "2020-01-01T09:30:00+05:30",
    "2020-01-01T00:15:00-08:00",
    "2024-12-31T23:59:59Z",
]


def to_ms(text: str) -> int:
    iso = text.replace("Z", "+00:00")
    if "T" not in iso:
        iso += "T00:00:00+00:00"
    dt = datetime.fromisoformat(iso)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    delta = dt - datetime(1970, 1, 1, tzinfo=timezone.utc)
    return (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000


print(json.dumps({t: to_ms(t) for t in CASES}, indent=2))
