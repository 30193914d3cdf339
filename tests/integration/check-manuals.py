#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the manual pages, the bash completion and the desktop file's
actions against the programs they describe.

Usage: check-manuals.py SOURCE_ROOT DESKTOP_FILE PILOTE_CLI PILOTE

- data/pilote.1 and data/pilote-cli.1 format without a warning;
- pilote-cli.1 has a section for every command that "pilote-cli --help"
  lists, naming every option that "pilote-cli COMMAND --help" lists;
- README.md has a row for every command, naming its options;
- pilote.1 names every option of "pilote --help" and every view of the window;
- data/completions/pilote-cli offers every command and, after it, its options;
  data/completions/pilote offers the options and views of pilote;
- the desktop file's actions open views that exist.
"""

import configparser
import os
import re
import shutil
import subprocess
import sys
import tempfile

failures = []


def check(condition, message):
    print(("ok: " if condition else "FAIL: ") + message)
    if not condition:
        failures.append(message)


def run(argv, **kwargs):
    env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="", MANWIDTH="80")
    return subprocess.run(argv, capture_output=True, text=True, env=env, **kwargs)


def long_options(help_text):
    """The long options of a GOption --help text, without the help options."""
    options = re.findall(r"^\s+(?:-\w, )?(--[\w-]+)", help_text, re.MULTILINE)
    return [o for o in options if not o.startswith("--help")]


def man_text(path):
    """The page's source with its escapes undone, enough to look words up."""
    with open(path, encoding="utf-8") as f:
        return f.read().replace("\\-", "-").replace("\\&", "")


def check_formatting(path):
    result = run(["groff", "-man", "-ww", "-z", "-K", "utf8", path])
    check(result.returncode == 0 and not result.stderr.strip(),
          "%s formats without a warning%s" % (os.path.basename(path),
                                             "\n" + result.stderr if result.stderr else ""))
    if shutil.which("man"):
        result = run(["man", "--warnings", "-l", path])
        check(result.returncode == 0 and not result.stderr.strip(),
              "man --warnings -l %s is silent%s" % (os.path.basename(path),
                                                   "\n" + result.stderr if result.stderr else ""))


def cli_commands(pilote_cli):
    out = run([pilote_cli, "--help"]).stdout
    block = out.split("Commands:", 1)[1]
    return re.findall(r"^  ([a-z][a-z-]*)\s", block, re.MULTILINE)


def man_sections(text):
    """The .SS subsections of a page, by their first word."""
    sections = {}
    parts = re.split(r"^\.S[SH] ", text, flags=re.MULTILINE)
    for part in parts[1:]:
        title = part.split("\n", 1)[0].strip('"')
        sections[title.split()[0].strip('"')] = part
    return sections


def view_names(root):
    with open(os.path.join(root, "src", "gui", "pilote-window.c"), encoding="utf-8") as f:
        source = f.read()
    array = re.search(r"pilote_window_view_names\[\]\s*=\s*\{(.*?)\}", source, re.DOTALL)
    return re.findall(r'"([a-z-]+)"', array.group(1))


def complete(root, words, program="pilote-cli"):
    """What bash completion offers for the command line @words of @program (the
    last is the word being completed), in a folder holding a.pilote, p.ini,
    x.csv and y.txt."""
    script = r'''
        source /usr/share/bash-completion/bash_completion
        source "$1"
        compopt() { :; }
        shift
        COMP_WORDS=("$@")
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        COMP_LINE="$*"
        COMP_POINT=${#COMP_LINE}
        function=$(complete -p "$1" | sed -n 's/.*-F \([^ ]*\) .*/\1/p')
        "$function" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
        printf '%s\n' "${COMPREPLY[@]}"
    '''
    result = subprocess.run(["bash", "-c", script, "bash",
                             os.path.join(root, "data", "completions", program),
                             program] + words,
                            capture_output=True, text=True, cwd=complete.folder)
    if result.returncode != 0 or result.stderr.strip():
        print("bash:", result.stderr)
    return sorted(line for line in result.stdout.splitlines() if line)


def main():
    root = os.path.abspath(sys.argv[1])
    desktop_file, pilote_cli, pilote = sys.argv[2:5]
    data = os.path.join(root, "data")

    for page in ("pilote.1", "pilote-cli.1"):
        check_formatting(os.path.join(data, page))

    # pilote-cli: a section per command, every option in it
    cli_page = man_text(os.path.join(data, "pilote-cli.1"))
    sections = man_sections(cli_page)
    commands = cli_commands(pilote_cli)
    check(len(commands) >= 8, "pilote-cli --help lists its commands (%s)" % " ".join(commands))
    for command in commands:
        check(command in sections, "pilote-cli.1 has a section for %s" % command)
        help_text = run([pilote_cli, command, "--help"]).stdout
        for option in long_options(help_text):
            check(option in sections.get(command, ""),
                  "pilote-cli.1 documents %s %s" % (command, option))
    for option in ("--help", "--version"):
        check(option in cli_page, "pilote-cli.1 documents pilote-cli " + option)

    # the README's table of commands
    with open(os.path.join(root, "README.md"), encoding="utf-8") as f:
        rows = [line for line in f if line.startswith("| `pilote-cli ")]
    for command in commands:
        row = next((r for r in rows if r.startswith("| `pilote-cli %s " % command)), "")
        check(row != "", "README.md has a row for pilote-cli %s" % command)
        for option in long_options(run([pilote_cli, command, "--help"]).stdout):
            check(option in row, "README.md names %s %s" % (command, option))

    # pilote: its options and the views
    gui_page = man_text(os.path.join(data, "pilote.1"))
    for option in long_options(run([pilote, "--help"]).stdout):
        check(option in gui_page, "pilote.1 documents pilote " + option)
    views = view_names(root)
    options = man_sections(gui_page).get("OPTIONS", "")
    view_item = options.split("--view=", 1)[-1].split(".TP", 1)[0]
    for view in views:
        check(re.search(r"\b%s\b" % view, view_item) is not None,
              "pilote.1 names the view %s under --view" % view)

    # the desktop file's actions
    desktop = configparser.RawConfigParser(strict=False)
    desktop.optionxform = str
    desktop.read(desktop_file, encoding="utf-8")
    for action in desktop["Desktop Entry"].get("Actions", "").strip(";").split(";"):
        exec_line = desktop["Desktop Action " + action]["Exec"]
        match = re.search(r"--view=(\S+)", exec_line)
        if match:
            check(match.group(1) in views,
                  "the desktop action %s opens the view %s, which exists"
                  % (action, match.group(1)))
        else:
            argv = exec_line.split()
            check(argv[0] == "pilote" and all(a in gui_page for a in argv[1:]),
                  "the desktop action %s runs a documented command line: %s"
                  % (action, exec_line))

    # bash completion
    with tempfile.TemporaryDirectory(prefix="pilote-completion-") as folder:
        for name in ("a.pilote", "p.ini", "x.csv", "y.txt"):
            open(os.path.join(folder, name), "w").close()
        complete.folder = folder
        check(complete(root, [""]) == sorted(commands + ["--help", "--version"]),
              "completion offers every command: %s" % " ".join(complete(root, [""])))
        for command in commands:
            help_text = run([pilote_cli, command, "--help"]).stdout
            offered = complete(root, [command, "--"])
            for option in long_options(help_text):
                check(option in offered or option + "=" in offered,
                      "completion offers %s %s" % (command, option))
        check(complete(root, ["kpi", ""]) == ["a.pilote"],
              "completion offers Pilote files first")
        check(complete(root, ["kpi", "a.pilote", "--by", "q"]) == ["quarter"],
              "completion offers the dimensions after --by")
        check(complete(root, ["kpi", "a.pilote", "--where", "reg"]) == ["region="],
              "completion offers DIMENSION= after --where")
        check(complete(root, ["import", "a.pilote", ""]) == ["x.csv"],
              "completion offers CSV files after the Pilote file of import")
        check(complete(root, ["import", "a.pilote", "x.csv", "--profile", ""]) == ["p.ini"],
              "completion offers profiles after --profile")
        check("deal" in complete(root, ["export", "a.pilote", "d"]),
              "completion offers the entities of export")
        check(complete(root, ["report", "a.pilote", "--paper", ""]) == ["a4", "letter"],
              "completion offers the paper sizes")

        check(complete(root, [""], "pilote") == ["a.pilote"],
              "completion of pilote offers Pilote files")
        check(complete(root, ["--view", ""], "pilote") == sorted(views),
              "completion of pilote offers every view after --view: %s"
              % " ".join(complete(root, ["--view", ""], "pilote")))
        offered = complete(root, ["--"], "pilote")
        for option in long_options(run([pilote, "--help"]).stdout):
            check(option in offered or option + "=" in offered,
                  "completion of pilote offers " + option)

    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
