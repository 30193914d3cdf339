#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that every user-visible string of the GtkBuilder files is marked
for translation.

Usage: check-ui-translatable.py FILE.ui|DIRECTORY...

A string is user-visible when it is the value of a property that the user
reads (label, title, tooltip…), a menu attribute "label", or an item of a
string list. It must carry translatable="yes" unless it holds no letter
(empty, a number, punctuation or a symbol such as "—" or "€").
"""

import os
import sys
import unicodedata
import xml.parsers.expat

VISIBLE_PROPERTIES = {
    "body",
    "button-label",
    "description",
    "heading",
    "label",
    "placeholder-text",
    "primary-text",
    "secondary-text",
    "subtitle",
    "text",
    "title",
    "tooltip-markup",
    "tooltip-text",
}


def has_letter(text):
    return any(unicodedata.category(c).startswith("L") for c in text)


def check_file(path):
    """Returns the problems of one .ui file, as 'path:line: message' strings."""
    problems = []
    stack = []  # (element name, attributes, line, text parts)
    parser = xml.parsers.expat.ParserCreate()

    def start(name, attrs):
        stack.append((name, attrs, parser.CurrentLineNumber, []))

    def end(name):
        tag, attrs, line, parts = stack.pop()
        text = "".join(parts).strip()
        parent = stack[-1][0] if stack else None
        if tag == "property" and attrs.get("name") in VISIBLE_PROPERTIES:
            what = 'property "%s"' % attrs["name"]
        elif tag == "attribute" and attrs.get("name") == "label":
            what = 'menu attribute "label"'
        elif tag == "item" and parent == "items":
            what = "list item"
        else:
            return
        # a property bound to another object's, or holding an object, has no text
        if attrs.get("bind-source") or not has_letter(text):
            return
        if attrs.get("translatable") != "yes":
            problems.append('%s:%d: %s "%s" is not marked translatable="yes"'
                            % (path, line, what, text))

    def data(chars):
        if stack:
            stack[-1][3].append(chars)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    with open(path, "rb") as f:
        try:
            parser.ParseFile(f)
        except xml.parsers.expat.ExpatError as e:
            problems.append("%s: not well-formed XML: %s" % (path, e))
    return problems


def ui_files(arguments):
    for argument in arguments:
        if os.path.isdir(argument):
            for directory, _, names in sorted(os.walk(argument)):
                for name in sorted(names):
                    if name.endswith(".ui"):
                        yield os.path.join(directory, name)
        else:
            yield argument


def main():
    files = list(ui_files(sys.argv[1:]))
    if not files:
        print("no .ui file found in", " ".join(sys.argv[1:]), file=sys.stderr)
        return 1
    problems = []
    for path in files:
        problems += check_file(path)
    for problem in problems:
        print(problem)
    print("%d .ui files checked, %d strings not marked for translation"
          % (len(files), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
