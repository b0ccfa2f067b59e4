#!/usr/bin/env python3
"""The command line as Unix users expect it: `lancer --version` and
`lancer --help` work without a window; `lancer-cli --version`, `--help`,
and every command's `--help` names the command in its usage line;
`stats --json` and `profiles create --json` print valid JSON, with null
for an open end (never an INT64 sentinel), also in a Ukrainian locale.

Usage: check-cli.py LANCER LANCER_CLI
Runs in a fresh XDG_DATA_HOME (the headless session gives a keyring).
"""
import json, os, re, subprocess, sys, tempfile

lancer, cli = sys.argv[1], sys.argv[2]
problems = []
data_home = tempfile.mkdtemp(prefix="lancer-check-cli-")
env = dict(os.environ, LC_ALL="C.UTF-8", XDG_DATA_HOME=data_home)


def run(*args, locale=None):
    e = dict(env)
    if locale:
        e["LC_ALL"] = locale
        e["LANGUAGE"] = locale.split(".")[0]
    return subprocess.run(list(args), capture_output=True, text=True, env=e, timeout=120)


p = run(lancer, "--version")
if p.returncode != 0 or not re.fullmatch(r"lancer \d+\.\d+\.\d+\n", p.stdout):
    problems.append(f"lancer --version: exit {p.returncode}, {p.stdout!r} {p.stderr!r}")
p = run(lancer, "--help")
if p.returncode != 0 or "lancer [OPTION" not in p.stdout or "--version" not in p.stdout:
    problems.append(f"lancer --help: exit {p.returncode}, {p.stdout!r}")

p = run(cli, "--version")
if p.returncode != 0 or not re.fullmatch(r"lancer-cli \d+\.\d+\.\d+\n", p.stdout):
    problems.append(f"lancer-cli --version: exit {p.returncode}, {p.stdout!r}")
p = run(cli, "--help")
commands = re.findall(r"^  ([a-z]+) ", p.stdout, re.M)
if p.returncode != 0 or len(commands) < 10:
    problems.append(f"lancer-cli --help: exit {p.returncode}, commands {commands}")
for command in commands:
    p = run(cli, command, "--help")
    usage = re.search(r"^\s+lancer-cli \[OPTION…\] (\S+)", p.stdout, re.M)
    if p.returncode != 0 or usage is None or usage.group(1) != command:
        problems.append(f"lancer-cli {command} --help: usage line does not name {command!r}: {p.stdout[:120]!r}")

p = run(cli, "--json", "profiles", "create", 'Quote "and" backslash \\')
try:
    created = json.loads(p.stdout)
    if not isinstance(created.get("id"), str) or not created["id"]:
        problems.append(f"profiles create --json: no id in {p.stdout!r}")
except ValueError:
    problems.append(f"profiles create --json is not JSON: {p.stdout!r} {p.stderr!r}")

for locale in (None, "uk_UA.UTF-8"):
    p = run(cli, "--profile", 'Quote "and" backslash \\', "stats", "--json", locale=locale)
    try:
        report = json.loads(p.stdout)
    except ValueError:
        problems.append(f"stats --json ({locale or 'C'}) is not JSON: {p.stdout[:200]!r} {p.stderr!r}")
        continue
    if report.get("to", 0) is not None:
        problems.append(f"stats --json ({locale or 'C'}): an open end is {report.get('to')!r}, not null")
    sentinels = re.findall(r"-?922337203685477\d{4}", p.stdout)
    if sentinels:
        problems.append(f"stats --json ({locale or 'C'}) prints INT64 sentinels: {sentinels}")

# A channel that is not set up fails with exit 1 and says what is missing.
p = run(cli, "--profile", 'Quote "and" backslash \\', "alerts", "test", "email")
if p.returncode != 1 or "server, a sender and a recipient" not in p.stderr:
    problems.append(f"alerts test email (not set up): exit {p.returncode}, {p.stderr!r}")
p = run(cli, "alerts", "test", "fax")
if p.returncode != 1 or "alerts test email|sms|telegram|webhook" not in p.stderr:
    problems.append(f"alerts test fax: exit {p.returncode}, {p.stderr!r}")

for p in problems:
    print("FAIL:", p)
print("command line:", "OK" if not problems else f"{len(problems)} problem(s)")
sys.exit(1 if problems else 0)
