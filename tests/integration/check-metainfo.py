#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks what the metainfo says against the project.

Usage: check-metainfo.py METAINFO SCREENSHOTS_DIR VERSION DESKTOP_FILE

- every screenshot is a file of data/screenshots (the URL ends with its
  name), with the width and height of that PNG;
- the newest release is the project's version;
- the launchable is the desktop file, and the MIME type the metainfo
  provides is the one the desktop file opens.
"""

import os
import struct
import sys
import xml.etree.ElementTree as ET

failures = []


def check(condition, message):
    print(("ok: " if condition else "FAIL: ") + message)
    if not condition:
        failures.append(message)


def png_size(path):
    with open(path, "rb") as f:
        header = f.read(24)
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", header[16:24])


def main():
    metainfo, screenshots, version, desktop_file = sys.argv[1:5]
    root = ET.parse(metainfo).getroot()

    images = root.findall("./screenshots/screenshot/image")
    check(len(images) >= 3, "the metainfo shows %d screenshots" % len(images))
    for image in images:
        name = image.text.strip().rsplit("/", 1)[-1]
        path = os.path.join(screenshots, name)
        size = png_size(path) if os.path.exists(path) else None
        check(size is not None, "the screenshot %s is in data/screenshots" % name)
        if size is not None:
            declared = (int(image.get("width", 0)), int(image.get("height", 0)))
            check(declared == size, "the screenshot %s is %d×%d as declared (%d×%d)"
                  % (name, size[0], size[1], declared[0], declared[1]))
    check(sum(1 for s in root.findall("./screenshots/screenshot")
              if s.get("type") == "default") == 1, "one screenshot is the default")

    releases = root.findall("./releases/release")
    check(releases and releases[0].get("version") == version,
          "the newest release is %s (%s)" % (version, releases[0].get("version") if releases else None))

    launchable = root.find("./launchable[@type='desktop-id']")
    check(launchable is not None
          and launchable.text.strip() == os.path.basename(desktop_file).replace(".in", ""),
          "the launchable is the desktop file")
    with open(desktop_file, encoding="utf-8") as f:
        desktop = f.read()
    mime_line = next((l for l in desktop.splitlines() if l.startswith("MimeType=")), "")
    desktop_types = set(t for t in mime_line[len("MimeType="):].split(";") if t)
    provided = set(m.text.strip() for m in root.findall("./provides/mediatype"))
    check(provided and provided == desktop_types,
          "the metainfo provides the MIME types the desktop file opens (%s / %s)"
          % (", ".join(sorted(provided)), ", ".join(sorted(desktop_types))))

    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
