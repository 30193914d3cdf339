#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the application icons.

Usage: check-icons.py ICONS_DIR APP_ID

- the full-colour icon is a 128×128 SVG in hicolor/scalable/apps;
- the symbolic icon is a 16×16 SVG in hicolor/symbolic/apps drawn in one
  colour, which the icon theme recolours;
- both render (with rsvg-convert, when present) to images that are neither
  empty nor filled edge to edge.
"""

import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib

failures = []


def check(condition, message):
    print(("ok: " if condition else "FAIL: ") + message)
    if not condition:
        failures.append(message)


def paints(root):
    """Every colour the drawing uses, from fill and stroke attributes and styles."""
    colours = set()
    for element in root.iter():
        for attribute in ("fill", "stroke"):
            value = element.get(attribute)
            if value:
                colours.add(value.lower())
        for attribute, value in re.findall(r"(fill|stroke)\s*:\s*([^;]+)", element.get("style", "")):
            colours.add(value.strip().lower())
    return colours - {"none"}


def coverage(png):
    """The share of the pixels of an 8-bit RGBA PNG that are not transparent."""
    with open(png, "rb") as f:
        data = f.read()
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    if depth != 8 or colour != 6:
        return None
    compressed, position = b"", 8
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        if kind == b"IDAT":
            compressed += data[position + 8:position + 8 + length]
        position += 12 + length
    pixels = zlib.decompress(compressed)
    stride, opaque = width * 4, 0
    previous = bytearray(stride)
    for row in range(height):
        start = row * (stride + 1)
        kind, line = pixels[start], bytearray(pixels[start + 1:start + 1 + stride])
        for i in range(stride):  # undo the PNG filters
            left = line[i - 4] if i >= 4 else 0
            up = previous[i]
            corner = previous[i - 4] if i >= 4 else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + predictor) & 0xFF
        opaque += sum(1 for i in range(3, stride, 4) if line[i] > 0)
        previous = line
    return opaque / (width * height)


def check_icon(path, size, symbolic):
    name = os.path.basename(path)
    check(os.path.exists(path), "%s exists" % name)
    if not os.path.exists(path):
        return
    root = ET.parse(path).getroot()
    check(root.get("viewBox") == "0 0 %d %d" % (size, size),
          "%s is drawn on a %d×%d canvas (%s)" % (name, size, size, root.get("viewBox")))
    colours = paints(root)
    if symbolic:
        check(len(colours) == 1, "%s uses one colour (%s)" % (name, ", ".join(sorted(colours))))
    else:
        check(len(colours) >= 3, "%s is in colour (%s)" % (name, ", ".join(sorted(colours))))
    if shutil.which("rsvg-convert"):
        with tempfile.TemporaryDirectory() as tmp:
            png = os.path.join(tmp, "icon.png")
            subprocess.run(["rsvg-convert", "-w", str(size), "-h", str(size), "-o", png, path],
                           check=True)
            covered = coverage(png)
            check(covered is not None and 0.2 < covered < 0.95,
                  "%s renders to a shape that fills part of its canvas (%.0f %%)"
                  % (name, 100 * (covered or 0)))


def main():
    icons, app_id = sys.argv[1], sys.argv[2]
    check_icon(os.path.join(icons, "hicolor", "scalable", "apps", app_id + ".svg"), 128, False)
    check_icon(os.path.join(icons, "hicolor", "symbolic", "apps", app_id + "-symbolic.svg"),
               16, True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
