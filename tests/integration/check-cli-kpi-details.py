#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that "pilote-cli kpi --details" lists the clients it counts.

Usage: check-cli-kpi-details.py PILOTE_CLI

On a demonstration company, the clients that did not renew listed by
"--details" are those of the summary's count: as many (up to 20), largest
revenue at stake first, each with a last purchase in the 12 months before
the last 12, and, when all are listed, their revenue adds up to the
summary's to the cent.
"""

import datetime
import json
import os
import subprocess
import sys
import tempfile

failures = []


def check(condition, message):
    print(("ok: " if condition else "FAIL: ") + message)
    if not condition:
        failures.append(message)


def kpi(pilote_cli, path, *args):
    result = subprocess.run([pilote_cli, "kpi", path, "--details"] + list(args),
                            capture_output=True, text=True,
                            env=dict(os.environ, LC_ALL="C.UTF-8"))
    check(result.returncode == 0, "pilote-cli kpi %s succeeds" % " ".join(args))
    return json.loads(result.stdout)


def cents(amount):
    return round(amount * 100)


def check_period(pilote_cli, path, start, end, *where):
    report = kpi(pilote_cli, path, "--from=" + start, "--to=" + end, *where)
    count = report["summary"]["churned_clients"]
    listed = report["churned_clients"]
    what = "%s to %s%s" % (start, end, "".join(" " + w for w in where))
    check(len(listed) == min(count, 20),
          "%s: %d clients listed for %d counted" % (what, len(listed), count))
    stakes = [cents(c["revenue_at_stake"]) for c in listed]
    check(stakes == sorted(stakes, reverse=True), "%s: largest revenue at stake first" % what)
    to = datetime.date.fromisoformat(end)
    earliest = to.replace(year=to.year - 2).isoformat()
    latest = to.replace(year=to.year - 1).isoformat()
    check(all(earliest <= c["last_won_on"] < latest for c in listed),
          "%s: each last bought in the 12 months before the last 12" % what)
    if count <= 20:
        check(sum(stakes) == cents(report["summary"]["churned_revenue"]),
              "%s: the listed clients' revenue is the summary's" % what)
    return count


def main():
    pilote_cli = sys.argv[1]
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "demo.pilote")
        subprocess.run([pilote_cli, "demo", "--clients=300", "--deals=3000", "--seed=11",
                        "--today=2026-11-15", path], check=True, capture_output=True,
                       env=dict(os.environ, LC_ALL="C.UTF-8"))
        counted = check_period(pilote_cli, path, "2026-10-01", "2026-11-01")
        check(counted > 20, "the whole company has more than 20 clients that did not renew")
        few = check_period(pilote_cli, path, "2026-10-01", "2026-11-01", "--where=segment=Public sector")
        check(0 < few <= 20, "one segment has a few clients that did not renew, all listed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
