#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that a translation is complete for the current sources.

Usage: check-po-complete.py SOURCE_ROOT LANGUAGE

- po/POTFILES.in is sorted, names files that exist, and names every source
  file that holds a string marked for translation;
- po/LANGUAGE.po compiles with msgfmt --check and has no fuzzy or
  untranslated entry;
- every string extracted now from the files of po/POTFILES.in (with the
  keywords of meson's "glib" gettext preset, as po/meson.build uses) is
  translated in po/LANGUAGE.po.
"""

import os
import re
import subprocess
import sys
import tempfile

# meson's i18n "glib" preset (mesonbuild/modules/i18n.py), which po/meson.build uses
XGETTEXT_ARGS = [
    "--from-code=UTF-8",
    "--add-comments",
    "-k_",
    "--keyword=_",
    "--keyword=N_",
    "--keyword=C_:1c,2",
    "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2",
    "--keyword=g_dngettext:2,3",
    "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format",
    "--flag=C_:2:pass-c-format",
    "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format",
    "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format",
    "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format",
    "--flag=g_set_error:4:c-format",
    "--flag=g_markup_printf_escaped:1:c-format",
    "--flag=g_log:3:c-format",
    "--flag=g_print:1:c-format",
    "--flag=g_printerr:1:c-format",
    "--flag=g_printf:1:c-format",
    "--flag=g_fprintf:2:c-format",
    "--flag=g_sprintf:2:c-format",
    "--flag=g_snprintf:3:c-format",
]

# what marks a string for translation, per kind of file
C_MARK = re.compile(r"\b(?:_|N_|C_|NC_|g_dngettext|g_dcgettext|g_dpgettext2)\s*\(")
XML_MARK = re.compile(r'translatable="yes"')
SOURCE_DIRS = ["src", "data"]

problems = []


def fail(message):
    problems.append(message)
    print("FAIL:", message)


def run(argv, **kwargs):
    return subprocess.run(argv, capture_output=True, text=True, **kwargs)


def statistics(po_path):
    """(translated, fuzzy, untranslated) as msgfmt --statistics counts them."""
    result = run(["msgfmt", "--check", "--statistics", "-o", os.devnull, po_path],
                 env=dict(os.environ, LC_ALL="C"))
    if result.returncode != 0:
        fail("msgfmt --check rejects %s:\n%s" % (po_path, result.stderr.strip()))
    counts = {}
    for kind in ("translated", "fuzzy", "untranslated"):
        match = re.search(r"(\d+) %s" % kind, result.stderr)
        counts[kind] = int(match.group(1)) if match else 0
    return counts["translated"], counts["fuzzy"], counts["untranslated"]


def list_entries(po_path, option):
    """The msgids of the entries msgattrib selects with @option."""
    result = run(["msgattrib", option, "--no-obsolete", "--no-wrap", po_path])
    return re.findall(r'^msgid "(.+)"$', result.stdout, re.MULTILINE)


def marked_files(root):
    """Source files, relative to @root, that hold a string marked for translation."""
    found = set()
    for top in SOURCE_DIRS:
        for directory, _, names in os.walk(os.path.join(root, top)):
            for name in names:
                path = os.path.join(directory, name)
                relative = os.path.relpath(path, root)
                if name.endswith(".c"):
                    pattern = C_MARK
                elif name.endswith(".ui"):
                    pattern = XML_MARK
                elif name.endswith((".desktop.in", ".xml.in", ".gschema.xml")):
                    # translated whole: names, summaries, descriptions
                    found.add(relative)
                    continue
                else:
                    continue
                with open(path, encoding="utf-8") as f:
                    if pattern.search(f.read()):
                        found.add(relative)
    return found


def check_potfiles(root):
    with open(os.path.join(root, "po", "POTFILES.in"), encoding="utf-8") as f:
        listed = [line.strip() for line in f
                  if line.strip() and not line.startswith("#")]
    if listed != sorted(listed):
        fail("po/POTFILES.in is not sorted")
    for path in listed:
        if not os.path.exists(os.path.join(root, path)):
            fail("po/POTFILES.in names %s, which does not exist" % path)
    for path in sorted(marked_files(root) - set(listed)):
        fail("%s has strings marked for translation but is not in po/POTFILES.in" % path)


def main():
    root, language = sys.argv[1], sys.argv[2]
    po_path = os.path.join(root, "po", language + ".po")

    check_potfiles(root)

    translated, fuzzy, untranslated = statistics(po_path)
    print("%s: %d translated, %d fuzzy, %d untranslated"
          % (po_path, translated, fuzzy, untranslated))
    if fuzzy or untranslated:
        fail("%s has %d fuzzy and %d untranslated entries" % (po_path, fuzzy, untranslated))

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "current.pot")
        merged = os.path.join(tmp, language + ".po")
        result = run(["xgettext", "--package-name=pilote", "-f",
                      os.path.join(root, "po", "POTFILES.in"), "-D", root, "-o", pot]
                     + XGETTEXT_ARGS)
        if result.returncode != 0:
            fail("xgettext failed:\n" + result.stderr.strip())
            return 1
        result = run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged, po_path, pot])
        if result.returncode != 0:
            fail("msgmerge failed:\n" + result.stderr.strip())
            return 1
        translated, fuzzy, untranslated = statistics(merged)
        print("current sources: %d translated, %d fuzzy, %d untranslated"
              % (translated, fuzzy, untranslated))
        missing = list_entries(merged, "--untranslated") + list_entries(merged, "--only-fuzzy")
        for msgid in missing:
            print("  not translated:", msgid)
        if fuzzy or untranslated:
            fail("%d strings of the current sources are not translated in %s"
                 % (fuzzy + untranslated, po_path))

    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
