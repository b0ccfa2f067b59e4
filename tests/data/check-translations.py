#!/usr/bin/env python3
"""Translation checks: po/POTFILES.in lists exactly the files with
translatable strings, every language in po/LINGUAS compiles cleanly,
and each is complete (no untranslated or fuzzy messages); every count shown
to the user goes through ngettext.

Usage: check-translations.py SOURCE_ROOT
"""
import os, re, subprocess, sys

root = sys.argv[1]
problems = []

def has_strings(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    if path.endswith((".ui", ".xml", ".xml.in")):
        return 'translatable="yes"' in text or "<summary>" in text or path.endswith(".metainfo.xml.in")
    if path.endswith(".desktop.in"):
        return True
    return re.search(r'(?<![A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext|ngettext)\s*\(\s*"', text) is not None

candidates = set()
for top in ("src", "data"):
    for dirpath, _, files in os.walk(os.path.join(root, top)):
        for name in files:
            if name.endswith((".c", ".ui", ".desktop.in", ".metainfo.xml.in", ".gschema.xml")):
                rel = os.path.relpath(os.path.join(dirpath, name), root)
                if has_strings(os.path.join(root, rel)):
                    candidates.add(rel)

with open(os.path.join(root, "po", "POTFILES.in")) as f:
    listed = {l.strip() for l in f if l.strip() and not l.startswith("#")}

for missing in sorted(candidates - listed):
    problems.append(f"po/POTFILES.in does not list {missing}, which has translatable strings")
for gone in sorted(listed - candidates):
    if not os.path.exists(os.path.join(root, gone)):
        problems.append(f"po/POTFILES.in lists {gone}, which does not exist")

with open(os.path.join(root, "po", "LINGUAS")) as f:
    langs = [l.strip() for l in f if l.strip() and not l.startswith("#")]

for lang in langs:
    po = os.path.join(root, "po", lang + ".po")
    p = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, po],
                       capture_output=True, text=True)
    if p.returncode != 0:
        problems.append(f"{lang}.po: msgfmt --check failed: {p.stderr.strip()}")
    stats = p.stderr.strip()
    print(f"{lang}: {stats}")
    if "untranslated" in stats or "fuzzy" in stats:
        problems.append(f"{lang}.po is incomplete: {stats}")
    # Every message in the sources must be in the catalogue.
    pot = subprocess.run(["xgettext", "--from-code=UTF-8", "-f", os.path.join(root, "po", "POTFILES.in"),
                          "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
                          "--keyword=g_dngettext:2,3", "--add-comments=Translators",
                          "-o", "-"], capture_output=True, text=True, cwd=root)
    if pot.returncode != 0:
        problems.append("xgettext failed: " + pot.stderr.strip())
        continue
    potfile = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"lancer-check-{os.getpid()}.pot")
    with open(potfile, "w") as f:
        f.write(pot.stdout)
    merged = subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", "-", po, potfile],
                            capture_output=True, text=True)
    os.unlink(potfile)
    stats2 = subprocess.run(["msgfmt", "--statistics", "-o", os.devnull, "-"], input=merged.stdout,
                            capture_output=True, text=True).stderr.strip()
    if "untranslated" in stats2 or "fuzzy" in stats2:
        problems.append(f"{lang}.po lacks strings that are in the sources: {stats2}")

# Every count shown to the user goes through ngettext: a number placeholder
# followed by a word, in a message with no plural form, is a count whose noun
# cannot agree with it ("1 proposals", «21 комірок»). A simple heuristic:
# these followers are not nouns, so their numbers need no plural forms.
NOT_A_COUNT = {
    # units: a symbol does not agree with its number
    "s", "ms", "px", "KB", "kB", "MB", "GB", "h", "min",
    # the number is followed by another phrase, not by what it counts
    "of", "and", "or", "for", "to", "vs",
    # "%u of %u won": a verb after the total
    "won",
}
NUMBER = r"%(?:\d+\$)?'?(?:hh|h|ll|l|j|z|t)?[udi]"

def singular_msgids(pot_text):
    for block in pot_text.split("\n\n"):
        if "msgid_plural" in block:
            continue
        m = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if m:
            yield "".join(re.findall(r'"(.*)"', m.group(1))), re.findall(r"^#: (\S+)", block, re.M)

pot = subprocess.run(["xgettext", "--from-code=UTF-8", "-f", os.path.join(root, "po", "POTFILES.in"),
                      "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
                      "--keyword=g_dngettext:2,3", "-o", "-"], capture_output=True, text=True, cwd=root)
for msgid, refs in singular_msgids(pot.stdout):
    for m in re.finditer("(?<![/%])(" + NUMBER + r") ([^\W\d_]+)", msgid):
        if m.group(2) not in NOT_A_COUNT:
            problems.append(f"{(refs or ['?'])[0]}: “{m.group(1)} {m.group(2)}” counts something outside "
                            f"ngettext: “{msgid}”")
# xgettext cannot join a literal split by a format macro ("%" G_GUINT64_FORMAT " jobs").
with open(os.path.join(root, "po", "POTFILES.in")) as f:
    sources = [l.strip() for l in f if l.strip().endswith(".c") and not l.startswith("#")]
for rel in sources:
    with open(os.path.join(root, rel), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            m = re.search(r'%"\s*G_G\w*_FORMAT\s*" ([^\W\d_]+)', line)
            if m and m.group(1) not in NOT_A_COUNT and re.search(r"(?<![A-Za-z0-9_])N?_\s*\(", line):
                problems.append(f"{rel}:{n}: a count outside ngettext: {line.strip()}")

for p in problems:
    print("FAIL:", p)
sys.exit(1 if problems else 0)
