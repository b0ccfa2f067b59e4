#!/usr/bin/env python3
"""The man pages render: groff with all warnings (-ww) prints none, and
`man -l` shows each page with its sections. lancer-cli(1) names every
command that `lancer-cli --help` lists.

Usage: check-man-pages.py SOURCE_ROOT LANCER_CLI
"""
import os, re, shutil, subprocess, sys

root, cli = sys.argv[1], sys.argv[2]
problems = []
env = dict(os.environ, LC_ALL="C.UTF-8", MANWIDTH="80", MANPAGER="cat", PAGER="cat")

for page, sections in (("lancer.1", ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS",
                                      "ENVIRONMENT", "FILES", "PRIVACY", "SEE ALSO"]),
                       ("lancer-cli.1", ["NAME", "SYNOPSIS", "DESCRIPTION", "GLOBAL OPTIONS", "COMMANDS",
                                          "EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES", "SEE ALSO"])):
    path = os.path.join(root, "doc", page)
    p = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z", path], capture_output=True, text=True, env=env)
    if p.returncode != 0 or p.stderr.strip():
        problems.append(f"groff warns about {page}: {p.stderr.strip() or p.returncode}")
    if shutil.which("man"):
        p = subprocess.run(["man", "-l", path], capture_output=True, text=True, env=env)
        if p.returncode != 0:
            problems.append(f"man -l {page} failed: {p.stderr.strip()}")
        text = p.stdout
    else:
        text = subprocess.run(["groff", "-man", "-Tutf8", path], capture_output=True, text=True, env=env).stdout
    text = re.sub(r".\x08", "", text)      # overstrike bold and underline
    for section in sections:
        if not re.search(rf"^{section}$", text, re.M):
            problems.append(f"{page} has no {section} section")
    if page == "lancer-cli.1":
        usage = subprocess.run([cli, "--help"], capture_output=True, text=True, env=env).stdout
        commands = re.findall(r"^  ([a-z]+) ", usage, re.M)
        if not commands:
            problems.append("lancer-cli --help lists no commands")
        for command in commands:
            if not re.search(rf"^   {command}\b", text, re.M):
                problems.append(f"lancer-cli.1 does not document the command {command}")

for p in problems:
    print("FAIL:", p)
print("man pages:", "OK" if not problems else f"{len(problems)} problem(s)")
sys.exit(1 if problems else 0)
