#!/usr/bin/env python3
"""The shell completions complete lancer-cli's commands and options: runs
bash's completion function as bash would for `lancer-cli ` and
`lancer-cli jobs --` (and a few more), and compares with what
`lancer-cli --help` and `lancer-cli jobs --help` list. zsh and fish files
are syntax-checked where those shells are installed.

Usage: check-completions.py SOURCE_ROOT LANCER_CLI
"""
import os, re, shutil, subprocess, sys

root, cli = sys.argv[1], sys.argv[2]
comp = os.path.join(root, "data", "completions")
problems = []
env = dict(os.environ, LC_ALL="C.UTF-8")


def complete(*words):
    """COMPREPLY for the command line `words` (the last word is being typed)."""
    array = " ".join("'" + w.replace("'", "'\\''") + "'" for w in words)
    script = (f"source '{comp}/lancer-cli.bash'\n"
              f"COMP_WORDS=({array}); COMP_CWORD={len(words) - 1}\n"
              f"COMP_LINE=\"${{COMP_WORDS[*]}}\"; COMP_POINT=${{#COMP_LINE}}\n"
              "$(complete -p lancer-cli | sed -E 's/.*-F ([^ ]+).*/\\1/') lancer-cli \"${COMP_WORDS[-1]}\" \"${COMP_WORDS[-2]}\"\n"
              "printf '%s\\n' \"${COMPREPLY[@]}\"\n")
    p = subprocess.run(["bash", "--norc", "--noprofile", "-c", script], capture_output=True, text=True, env=env)
    if p.returncode != 0:
        problems.append(f"bash completion for {' '.join(words)!r} failed: {p.stderr.strip()}")
    return set(filter(None, p.stdout.split("\n")))


def help_options(*args):
    text = subprocess.run([cli, *args, "--help"], capture_output=True, text=True, env=env).stdout
    return set(re.findall(r"^\s+(?:-\w, )?(--[a-z-]+)", text, re.M)) - {"--help-all"}


usage = subprocess.run([cli, "--help"], capture_output=True, text=True, env=env).stdout
commands = set(re.findall(r"^  ([a-z]+) ", usage, re.M))
got = complete("lancer-cli", "")
if not commands or not commands <= got:
    problems.append(f"`lancer-cli ` does not complete {sorted(commands - got)}")

for command in sorted(commands):
    want = help_options(command)
    got = complete("lancer-cli", command, "--")
    if not want <= got:
        problems.append(f"`lancer-cli {command} --` does not complete {sorted(want - got)}")

checks = [
    (("lancer-cli", "jobs", "--"), {"--search", "--saved", "--limit", "--json", "--profile"}),
    (("lancer-cli", "--profile", "Work", "jo"), {"jobs", "job"}),
    (("lancer-cli", "sync", "--only", ""), {"jobs", "proposals", "messages", "contracts", "diary", "earnings"}),
    (("lancer-cli", "config", "set", ""), {"upwork.client-id", "ai.provider", "sync.interval-minutes"}),
    (("lancer-cli", "secret", "set", ""), {"upwork-client-secret", "openai-api-key"}),
    (("lancer-cli", "export", "--format", ""), {"csv", "json"}),
    (("lancer-cli", "--"), {"--profile", "--json", "--help", "--version"}),
]
for words, want in checks:
    got = complete(*words)
    if not want <= got:
        problems.append(f"`{' '.join(words)}` completes {sorted(got)}, lacking {sorted(want - got)}")

if shutil.which("zsh"):
    p = subprocess.run(["zsh", "-n", os.path.join(comp, "_lancer-cli")], capture_output=True, text=True)
    if p.returncode != 0:
        problems.append("zsh -n _lancer-cli: " + p.stderr.strip())
if shutil.which("fish"):
    p = subprocess.run(["fish", "--no-execute", os.path.join(comp, "lancer-cli.fish")], capture_output=True, text=True)
    if p.returncode != 0:
        problems.append("fish --no-execute lancer-cli.fish: " + p.stderr.strip())

for p in problems:
    print("FAIL:", p)
print("completions:", "OK" if not problems else f"{len(problems)} problem(s)")
sys.exit(1 if problems else 0)
