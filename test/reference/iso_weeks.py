"""ISO 8601 weeks of sample UTC days, by Python's datetime.isocalendar() (independent of bt's iso-week.ts).

Run: python3 test/reference/iso_weeks.py > test/reference/iso_weeks.json
"""
import datetime as dt
import json

DAYS = ["2000-01-01", "2000-01-03", "2004-12-31", "2005-01-01", "2005-01-03", "2005-07-03", "2008-12-29",
        "2009-12-31", "2010-01-03", "2010-03-01", "2010-03-07", "2020-12-31", "2021-01-04"]
out = []
for d in DAYS:
    day = dt.datetime.strptime(d, "%Y-%m-%d").replace(tzinfo=dt.timezone.utc)
    y, w, _ = day.isocalendar()
    monday = day - dt.timedelta(days=day.weekday())
    out.append({"day": d, "ts_ms": int(day.timestamp() * 1000), "label": f"{y}-W{w:02d}",
                "start_ms": int(monday.timestamp() * 1000)})
print(json.dumps(out, indent=2))
