#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that the desktop recognises Pilote files and opens them with Pilote.

Usage: check-mime-type.py MIME_XML DESKTOP_FILE PILOTE_CLI PILOTE

Installs the MIME type and the desktop file into a temporary XDG data folder,
builds its MIME and desktop databases, then asks GIO (what Files and the
file chooser use):
- a file made by "pilote-cli init" is application/x-pilote, named x.pilote
  and renamed x.bin (the content alone says it);
- a plain SQLite database is not, whatever its name but .pilote;
- application/x-pilote opens with app.pilote.Pilote.desktop.
"""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

MIME_TYPE = "application/x-pilote"
DESKTOP_ID = "app.pilote.Pilote.desktop"

failures = []


def check(condition, message):
    print(("ok: " if condition else "FAIL: ") + message)
    if not condition:
        failures.append(message)


def run(argv, env):
    result = subprocess.run(argv, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        print("“%s” failed (%d):\n%s%s" % (" ".join(argv), result.returncode,
                                          result.stdout, result.stderr))
        sys.exit(1)
    return result


def content_type(path, env):
    out = run(["gio", "info", "--attributes=standard::content-type", path], env).stdout
    for line in out.splitlines():
        if "standard::content-type:" in line:
            return line.split(":", 3)[-1].strip()
    return None


def main():
    mime_xml, desktop_file, pilote_cli, pilote = sys.argv[1:5]

    with tempfile.TemporaryDirectory(prefix="pilote-mime-") as tmp:
        data_home = os.path.join(tmp, "data")
        packages = os.path.join(data_home, "mime", "packages")
        applications = os.path.join(data_home, "applications")
        bin_dir = os.path.join(tmp, "bin")
        files = os.path.join(tmp, "files")
        for directory in (packages, applications, bin_dir, files):
            os.makedirs(directory)
        shutil.copy(mime_xml, os.path.join(packages, "app.pilote.Pilote.xml"))
        shutil.copy(desktop_file, os.path.join(applications, DESKTOP_ID))
        # the desktop file's Exec must name a program on the PATH
        os.symlink(os.path.abspath(pilote), os.path.join(bin_dir, "pilote"))

        env = dict(os.environ,
                   XDG_DATA_HOME=data_home,
                   XDG_DATA_DIRS=os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share",
                   XDG_CONFIG_HOME=os.path.join(tmp, "config"),
                   XDG_CONFIG_DIRS=os.path.join(tmp, "config-dirs"),
                   PATH=bin_dir + os.pathsep + os.environ.get("PATH", "/usr/bin:/bin"),
                   LC_ALL="C.UTF-8")
        env.pop("XDG_CURRENT_DESKTOP", None)

        result = run(["update-mime-database", "-V", os.path.join(data_home, "mime")], env)
        warnings = [line for line in (result.stdout + result.stderr).splitlines()
                    if "warning" in line.lower() or "error" in line.lower()]
        check(not warnings, "update-mime-database reads the MIME type without warnings"
              + "".join("\n  " + w for w in warnings))
        run(["update-desktop-database", applications], env)

        pilote_file = os.path.join(files, "x.pilote")
        run([pilote_cli, "init", pilote_file], env)
        renamed = os.path.join(files, "x.bin")
        shutil.copy(pilote_file, renamed)

        plain = os.path.join(files, "plain.bin")
        connection = sqlite3.connect(plain)
        connection.execute("CREATE TABLE t (a)")
        connection.commit()
        connection.close()

        found = content_type(pilote_file, env)
        check(found == MIME_TYPE, "x.pilote made by pilote-cli init is %s (%s)" % (MIME_TYPE, found))
        found = content_type(renamed, env)
        check(found == MIME_TYPE, "the same file named x.bin is %s (%s)" % (MIME_TYPE, found))
        found = content_type(plain, env)
        check(found != MIME_TYPE and found is not None and "sqlite" in found,
              "a plain SQLite database is not claimed (%s)" % found)

        out = run(["gio", "mime", MIME_TYPE], env).stdout
        print(out.strip())
        default = out.splitlines()[0] if out else ""
        check(DESKTOP_ID in default, "%s opens with %s" % (MIME_TYPE, DESKTOP_ID))

    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
