#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the typography of the French translation and of date formats.

Usage: check-po-typography.py FR_PO

In po/fr.po, every translation
- has a no-break space (U+00A0 or the narrow U+202F) before : ; ? and !
  when they end a phrase, and inside « »;
- uses the typographic apostrophe ’, never ' (the printf flag %' aside);
- has no double space.
No date format, in the sources (the msgids, which po-complete keeps in step
with them) or in French, pads the day with a space (%e): a day shows as
"5 March", not " 5 March"; %-d writes it without padding.
"""

import re
import subprocess
import sys

NO_BREAK = "\u00a0\u202f"
DATE_FORMAT = re.compile(r"%[-_0^#]?[aAbBdHMSYyOx]")

failures = []


def fail(message):
    failures.append(message)
    print("FAIL:", message)


def entries(po_path):
    """(msgctxt, msgid, [msgstr…]) of the non-obsolete entries of @po_path."""
    text = subprocess.run(["msgcat", "--no-wrap", "--no-location", po_path],
                          capture_output=True, text=True, check=True).stdout
    found = []
    for block in text.split("\n\n"):
        fields = {}
        key = None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if match:
                key = match.group(1)
                fields[key] = match.group(2)
            elif line.startswith('"') and key is not None:
                fields[key] += line[1:-1]
        if "msgid" in fields:
            strings = [value for name, value in fields.items() if name.startswith("msgstr")]
            found.append((fields.get("msgctxt"), fields["msgid"], strings))
    return found


def unescape(text):
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\t", "\t") \
               .replace("\\\\", "\\")


def check_french(po_path):
    for context, msgid, strings in entries(po_path):
        msgid = unescape(msgid)
        # the desktop file's keywords are a list that ends with a semicolon
        is_keyword_list = " " not in msgid and msgid.endswith(";")
        for text in map(unescape, strings):
            if not msgid or not text:
                continue
            where = "“%s”: “%s”" % (msgid, text)
            if not is_keyword_list:
                for match in re.finditer(r"(.)([:;?!])(?=\s|$|»|\))", text):
                    if match.group(1) not in NO_BREAK:
                        fail("%s: no no-break space before “%s”" % (where, match.group(2)))
            if re.search(r"«[^%s]" % NO_BREAK, text) or re.search(r"[^%s]»" % NO_BREAK, text):
                fail("%s: « » need no-break spaces inside" % where)
            if "'" in text.replace("%'", ""):
                fail("%s: ' instead of the typographic apostrophe ’" % where)
            if "  " in text:
                fail("%s: a double space" % where)


def check_date_formats(po_path):
    for context, msgid, strings in entries(po_path):
        for text in [msgid] + strings:
            if "%e" in text and DATE_FORMAT.search(text):
                fail("the date format “%s” pads the day with a space: write %%-d" % text)


def main():
    check_french(sys.argv[1])
    check_date_formats(sys.argv[1])
    if not failures:
        print("ok: the French typography and the date formats are right")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
