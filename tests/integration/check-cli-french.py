#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that pilote-cli speaks French when asked to.

Usage: check-cli-french.py PILOTE_CLI FR_PO

PILOTE_CLI must find the French catalogue (the test build reads it from the
build folder). With LANGUAGE=fr, "pilote-cli --help", "pilote-cli kpi --help"
and a mistake in the command line must print the French of po/fr.po: every
line that holds words reads differently from the English one. The sample
company of "pilote-cli demo" names its pipeline stages, channels, lost reasons
and segments in French then, and in English without a language; so does a new
file made by "pilote-cli init", whose names are found by their folded key.
"""

import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata

failures = []


def check(condition, message):
    print(("ok: " if condition else "FAIL: ") + message)
    if not condition:
        failures.append(message)


def output(argv, language):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    env.pop("LC_MESSAGES", None)
    env.pop("LANG", None)
    if language:
        env["LANGUAGE"] = language
    else:
        env.pop("LANGUAGE", None)
    result = subprocess.run(argv, capture_output=True, text=True, env=env)
    return result.stdout + result.stderr


def translations(po_path):
    """msgid → msgstr of the complete, non-fuzzy entries of a .po file."""
    text = subprocess.run(["msgattrib", "--translated", "--no-fuzzy", "--no-obsolete",
                           "--no-wrap", po_path],
                          capture_output=True, text=True, check=True).stdout
    pairs = re.findall(r'^msgid "(.*)"\nmsgstr "(.*)"$', text, re.MULTILINE)
    return {msgid: msgstr for msgid, msgstr in pairs if msgid}


def words(line):
    """The words of a line, leaving out option names, metavariables and paths."""
    line = re.sub(r"--?[\w-]+(=\S+)?|\b[A-Z][A-Z-]{2,}\b|“[^”]*”|\S+\.\w+", " ", line)
    return re.findall(r"[^\W\d_]{3,}", line)


def check_translated(argv, french_po):
    english = output(argv, None)
    french = output(argv, "fr")
    english_lines = set(l.strip() for l in english.splitlines())
    untranslated = [l for l in french.splitlines()
                    if l.strip() in english_lines and words(l)]
    check(not untranslated, "“%s” is in French%s" % (
        " ".join(["pilote-cli"] + argv[1:]),
        "".join("\n  still English: " + l for l in untranslated)))
    return french


def context_translations(po_path):
    """(msgctxt, msgid) → msgstr of the complete entries that have a context."""
    text = subprocess.run(["msgattrib", "--translated", "--no-fuzzy", "--no-obsolete",
                           "--no-wrap", po_path],
                          capture_output=True, text=True, check=True).stdout
    triples = re.findall(r'^msgctxt "(.*)"\nmsgid "(.*)"\nmsgstr "(.*)"$', text, re.MULTILINE)
    return {(context, msgid): msgstr for context, msgid, msgstr in triples}


def demo_names(pilote_cli, language):
    """The names of the demonstration's reference lists, by entity."""
    names = {}
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "demo.pilote")
        output([pilote_cli, "demo", "--clients=30", "--deals=60", "--seed=7",
                "--today=2026-06-30", path], language)
        for entity in ("stage", "channel", "lost_reason", "segment"):
            lines = output([pilote_cli, "export", path, entity], None).splitlines()
            column = lines[0].split(",").index("name") if lines else 0
            names[entity] = {line.split(",")[column] for line in lines[1:]}
    return names


def fold(name):
    """The key under which the store finds a name (pilote_text_fold ())."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.lower().split())


def new_file_names(pilote_cli, language):
    """(table, name, name_key) of the lists of a file made by "pilote-cli init"."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "new.pilote")
        output([pilote_cli, "init", path], language)
        db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
        try:
            return [row for table in ("stage", "channel", "lost_reason")
                    for row in db.execute("SELECT '%s', name, name_key FROM %s" % (table, table))]
        finally:
            db.close()


def check_new_file(pilote_cli, po_path):
    with_context = context_translations(po_path)
    english = new_file_names(pilote_cli, None)
    french = new_file_names(pilote_cli, "fr")
    check(len(english) == 17 and len(french) == 17,
          "a new file has 6 stages, 5 channels and 6 lost reasons in either language")
    for table, context, msgid in (("stage", "pipeline stage", "Won"),
                                  ("stage", "pipeline stage", "Qualified"),
                                  ("channel", "acquisition channel", "Trade show"),
                                  ("lost_reason", "lost reason", "No budget")):
        translation = with_context.get((context, msgid))
        check((table, msgid, fold(msgid)) in english,
              "a new file in English has the %s “%s”" % (table, msgid))
        check(translation is not None and translation != msgid
              and (table, translation, fold(translation)) in french
              and not any(name == msgid for _, name, _ in french),
              "a new file in French has the %s “%s” instead of “%s”, found by its key"
              % (table, translation, msgid))


def check_demo(pilote_cli, po_path):
    with_context = context_translations(po_path)
    english = demo_names(pilote_cli, None)
    french = demo_names(pilote_cli, "fr")
    for entity, context, msgid in (("stage", "pipeline stage", "Won"),
                                   ("channel", "acquisition channel", "Trade show"),
                                   ("lost_reason", "lost reason", "No budget"),
                                   ("segment", "client segment", "Public sector")):
        check(msgid in english.get(entity, set()),
              "the demonstration in English has the %s “%s”" % (entity, msgid))
        translation = with_context.get((context, msgid))
        check(translation is not None and translation != msgid
              and translation in french.get(entity, set())
              and msgid not in french.get(entity, set()),
              "the demonstration in French has the %s “%s” instead of “%s”"
              % (entity, translation, msgid))


def main():
    pilote_cli, po_path = sys.argv[1], sys.argv[2]
    french = translations(po_path)

    text = check_translated([pilote_cli, "--help"], french)
    for msgid in ("Commands:", "Create a new, empty Pilote file",
                  "Print the KPIs of a period, as JSON or CSV"):
        check(msgid in french and french[msgid] in text,
              "pilote-cli --help says “%s” as po/fr.po does: “%s”"
              % (msgid, french.get(msgid)))

    text = check_translated([pilote_cli, "kpi", "--help"], french)
    msgid = "First day after the period (excluded)"
    check(msgid in french and french[msgid] in text,
          "pilote-cli kpi --help says “%s” in French" % msgid)

    check_translated([pilote_cli, "kpi", "nowhere.pilote"], french)
    check_translated([pilote_cli, "frobnicate"], french)
    check_demo(pilote_cli, po_path)
    check_new_file(pilote_cli, po_path)

    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
