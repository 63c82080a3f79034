"""Replaces the history lmms created with LMMS-LESS-04's three months: requests,
then websocket and boto3 join the cold path a little at a time (2.1 s -> 2.6 s),
each recording within 10 % of the ones before it, and the baseline recorded
again at every release, so no compare ever failed. argv[1]: the project."""
import hashlib
import os
import sqlite3
import sys

MEDIANS = [2100, 2160, 2230, 2290, 2350, 2420, 2490, 2560, 2630]
DAYS = ["09-01", "09-11", "09-22", "10-02", "10-13", "10-23", "11-03", "11-13", "11-24"]


def packages(i):
    rows = [("app", 40.0, 6, None), ("json", 3.0, 4, "app/handler.py:14"), ("gateway", 300.0, 12, "app/handler.py:15")]
    if i >= 2:
        rows.append(("requests", 60.0 + 5 * i, 40, "app/handler.py:16"))
    if i >= 5:
        rows.append(("websocket", 100.0 + 20 * (i - 5), 25, "app/handler.py:17"))
    if i >= 6:
        rows.append(("boto3", 30.0 + 40 * (i - 6), 30, "app/handler.py:18"))
    return rows


def main():
    kinds = globals().get("KINDS") or ["baseline"] * len(MEDIANS)
    db = sqlite3.connect(os.path.join(sys.argv[1], ".lmms", "history.sqlite"))
    db.execute("DELETE FROM recording_modules")
    db.execute("DELETE FROM recording_packages")
    db.execute("DELETE FROM recordings")
    for i, (median, day, kind) in enumerate(zip(MEDIANS, DAYS, kinds)):
        change = median / MEDIANS[0] - 1 if kind == "compare" else None
        cursor = db.execute(
            "INSERT INTO recordings (id, recorded_at, kind, git_commit, git_dirty, entry, python, python_version, "
            "lmms_version, runs, median_ms, p95_ms, min_ms, max_ms, imports_ms, module_count, "
            "change, regression) VALUES (?, ?, ?, ?, 0, 'lambda_function:handler', '/usr/bin/python3', '3.11.2', "
            "'0.1.0', 20, ?, ?, ?, ?, ?, 120, ?, ?)",
            (i + 1, "2026-%sT09:00:00Z" % day, kind, hashlib.sha1(b"release %d" % i).hexdigest(), median, median * 1.05,
             median * 0.97, median * 1.1, median * 0.6, change, None if change is None else int(change > 0.10)))
        for package, self_ms, modules, site in packages(i):
            db.execute("INSERT INTO recording_packages VALUES (?, ?, ?, ?, ?)",
                       (cursor.lastrowid, package, self_ms, modules, site))
        # The modules outside the project every recording imports: a steady machine.
        db.execute("INSERT INTO recording_modules VALUES (?, 'gateway.core', ?, ?, 'app/handler.py:15', 0)",
                   (cursor.lastrowid, MEDIANS[0] * 0.4, MEDIANS[0] * 0.5))
        db.execute("INSERT INTO recording_modules VALUES (?, 'lambda_function', 30, ?, NULL, 1)",
                   (cursor.lastrowid, median))
    db.commit()


if __name__ == "__main__":
    main()
