#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest.

Usage: check-flatpak.py MANIFEST APP_ID

It must name the application id, run "pilote" on the GNOME runtime (a
version whose GTK is 4.8 or later, i.e. 43 or later), build Pilote with
meson from the checkout, show its windows on Wayland with an X11 fallback,
and reach no more of the file system than the folders a team shares.
"""

import json
import sys

failures = []


def check(condition, message):
    print(("ok: " if condition else "FAIL: ") + message)
    if not condition:
        failures.append(message)


def main():
    path, app_id = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)

    check(manifest.get("id", manifest.get("app-id")) == app_id, "the application id is " + app_id)
    check(manifest.get("command") == "pilote", "the command is pilote")
    check(manifest.get("runtime") == "org.gnome.Platform", "the runtime is org.gnome.Platform")
    check(manifest.get("sdk") == "org.gnome.Sdk", "the SDK is org.gnome.Sdk")
    version = str(manifest.get("runtime-version", ""))
    check(version.isdigit() and int(version) >= 43,
          "the GNOME runtime has GTK 4.8 and libadwaita 1.2 or later (%s)" % version)

    args = manifest.get("finish-args", [])
    for needed in ("--socket=wayland", "--socket=fallback-x11", "--share=ipc", "--device=dri"):
        check(needed in args, "finish-args has " + needed)
    check("--socket=x11" not in args, "X11 is only a fallback")
    broad = [a for a in args
             if a.split(":")[0] in ("--filesystem=host", "--filesystem=host-os",
                                    "--filesystem=home", "--filesystem=~")
             or a.startswith("--filesystem=/home")
             or a in ("--device=all", "--share=network", "--socket=session-bus",
                      "--socket=system-bus")
             or a.startswith(("--talk-name", "--system-talk-name"))]
    check(not broad, "no access beyond the shared folders (%s)" % ", ".join(broad))

    modules = manifest.get("modules", [])
    pilote = modules[-1] if modules else {}
    check(pilote.get("name") == "pilote", "the last module is pilote")
    check(pilote.get("buildsystem") == "meson", "pilote builds with meson")
    sources = pilote.get("sources", [])
    check(any(s.get("type") == "dir" and s.get("path") == ".." for s in sources),
          "pilote builds from the checkout (a dir source at ..)")

    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
