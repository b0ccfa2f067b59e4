#!/usr/bin/env python3
"""The packaging checker must catch what a Flathub reviewer caught in the
0.1.0 packaging (tests/data/flatpak-0.1.0/: its manifest, metainfo and
desktop file, as they were). Runs the checker on a copy of that tree and
expects a failure for every one of the problems, by name.

Usage: test-check-flatpak-manifest.py SOURCE_ROOT
"""
import os, shutil, subprocess, sys, tempfile

root = os.path.abspath(sys.argv[1])
old = os.path.join(root, "tests", "data", "flatpak-0.1.0")
checker = os.path.join(root, "tests", "data", "check-flatpak-manifest.py")
app_id = "io.github.lancerdesk.Lancer"

expected = {
    "tag without a commit": "git tag 'v247' without a commit",
    "no x-checker-data": "no x-checker-data",
    "dir source in the Flathub manifest": "a `dir` source in the Flathub manifest",
    "end-of-life runtime": "org.gnome.Platform//49 is end-of-life",
    "runtime without libportal": "needs libportal-gtk4, which org.gnome.Platform//49 lacks",
    "missing tray talk-name": "lack --talk-name=org.kde.StatusNotifierWatcher",
    "missing logind system-talk-name": "lack --system-talk-name=org.freedesktop.login1",
    "no licence file": "no COPYING",
    "summary too long": "summary is 41 characters",
    "no light branding": "lacks a primary light <branding> colour",
    "no dark branding": "lacks a primary dark <branding> colour",
    "empty OARS": "OARS rating is empty",
    "social-chat undeclared": "OARS social-chat is 'none'",
    "social-info undeclared": "OARS social-info is 'none'",
    "too few screenshots": "has 2 screenshots",
    "screenshots too big": "is 990×750",
    "one view twice": "show the same view",
    "Exec takes URIs": "takes files or URIs",
}

with tempfile.TemporaryDirectory() as tmp:
    # The old packaging next to today's code, and no COPYING (as in 0.1.0).
    os.symlink(os.path.join(root, "src"), os.path.join(tmp, "src"))
    shutil.copy(os.path.join(root, "meson.build"), tmp)
    os.makedirs(os.path.join(tmp, "flatpak"))
    shutil.copy(os.path.join(old, app_id + ".json"), os.path.join(tmp, "flatpak"))
    os.makedirs(os.path.join(tmp, "data", "screenshots"))
    for png in ("jobs.png", "jobs-dark.png"):
        shutil.copy(os.path.join(old, png), os.path.join(tmp, "data", "screenshots"))
    p = subprocess.run([sys.executable, checker, os.path.join(tmp, "flatpak", app_id + ".json"),
                        "--app-id", app_id, "--command", "lancer", "--flathub",
                        "--source-root", tmp,
                        "--metainfo", os.path.join(old, app_id + ".metainfo.xml.in"),
                        "--desktop", os.path.join(old, app_id + ".desktop.in")],
                       capture_output=True, text=True)

print(p.stdout, end="")
print(p.stderr, end="", file=sys.stderr)
missed = [what for what, text in expected.items() if text not in p.stdout]
for what in missed:
    print(f"FAIL: the checker did not catch: {what}")
if p.returncode != 1:
    print(f"FAIL: the checker exited {p.returncode} on the 0.1.0 packaging, not 1")
sys.exit(1 if missed or p.returncode != 1 else 0)
