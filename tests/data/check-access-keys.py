#!/usr/bin/env python3
"""Access keys: no two mnemonics (“_X”) that are reachable at the same time
share a letter, in English and in every language of po/LINGUAS.

Groups, a simple approximation of what GTK shows together:
- each .ui file's top-level object (its template) is one group; a GtkPopover
  or a window nested in it starts a group of its own;
- in a menu model, each <menu> and each <submenu> is a group; a <section>
  belongs to the menu or submenu it is in, because GTK draws a section's
  items on its parent's popover page;
- widgets built in C (src/ui/*.c, src/app/lancer-application.c): every
  _("…") string with a “_” in these files is a mnemonic. A function's group is
  its own strings plus those of the static functions of the same file it calls,
  so a dialog built by a helper is checked with its caller's buttons.
  Strings set on one widget in turn (the labels of one button passed to
  *_set_label (self->ID, …), or the return values of one function) are
  alternatives and never clash with each other; a C label set on a template
  child (self->ID) is checked in that child's .ui group.

Usage: check-access-keys.py SOURCE_ROOT
"""
import os, re, sys
import xml.etree.ElementTree as ET

root = sys.argv[1]

# ---- the translated catalogues ------------------------------------------------

def po_unquote(s):
    s = s.strip()
    assert s.startswith('"') and s.endswith('"'), s
    return bytes(s[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")

def read_po(path):
    """{(msgctxt, msgid): msgstr} for singular, translated entries."""
    catalogue, entry, key = {}, {}, None
    def flush():
        if "msgid" in entry and "msgstr" in entry and entry["msgstr"]:
            catalogue[(entry.get("msgctxt"), entry["msgid"])] = entry["msgstr"]
        entry.clear()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                if not line and entry:
                    flush()
                continue
            m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?)\s+(".*")$', line)
            if m:
                key = m.group(1)
                if key == "msgctxt" and "msgid" in entry:
                    flush()
                entry[key] = po_unquote(m.group(2))
            elif line.startswith('"') and key:
                entry[key] += po_unquote(line)
    flush()
    return catalogue

# ---- access keys ------------------------------------------------------------------

def access_key(text):
    """The letter after the first single “_”, lowercased, or None."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "_":
            if text[i + 1] == "_":
                i += 2
                continue
            return text[i + 1].lower()
        i += 1
    return None

def is_mnemonic(text):
    return "{{" not in text and access_key(text) is not None and not access_key(text).isspace()

class Group:
    def __init__(self, name):
        self.name = name
        self.entries = []   # (slot, msgctxt, msgid)

    def add(self, slot, ctxt, msgid):
        self.entries.append((slot, ctxt, msgid))

groups = []
slot_counter = [0]

def unique_slot():
    slot_counter[0] += 1
    return f"#{slot_counter[0]}"

# ---- .ui files --------------------------------------------------------------------

WINDOW_CLASSES = ("GtkPopover", "GtkPopoverMenu", "GtkWindow", "GtkDialog", "AdwWindow",
                  "AdwMessageDialog", "AdwPreferencesWindow", "AdwAboutWindow")
ui_slots = {}   # (basename, widget id) -> Group

def object_has_underline(obj):
    for prop in obj.findall("property"):
        if prop.get("name") in ("use-underline", "use_underline") and \
           (prop.text or "").strip().lower() in ("true", "1", "yes"):
            return True
    return False

def walk_ui(node, group, base, rel):
    tag = node.tag
    if tag in ("object", "template"):
        cls = node.get("class", "")
        if tag == "object" and cls in WINDOW_CLASSES:
            group = Group(f"{rel}: {cls} {node.get('id', '')}".rstrip())
            groups.append(group)
        wid = node.get("id")
        if wid:
            ui_slots[(base, wid)] = group
        underline = object_has_underline(node)
        for prop in node.findall("property"):
            text = prop.text or ""
            if prop.get("translatable") == "yes" and is_mnemonic(text):
                if not underline:
                    problems.append(f"{rel}: “{text}” has an access key but its object does not set use-underline")
                group.add(wid or unique_slot(), prop.get("context"), text)
        for child in node:
            if child.tag == "responses":   # AdwMessageDialog: responses are mnemonics
                for r in child.findall("response"):
                    if r.get("translatable") == "yes" and is_mnemonic(r.text or ""):
                        group.add(unique_slot(), r.get("context"), r.text)
    elif tag in ("menu", "submenu"):
        label = node.find("attribute[@name='label']")
        if tag == "submenu" and label is not None and is_mnemonic(label.text or ""):
            group.add(unique_slot(), label.get("context"), label.text)   # in its parent
        group = Group(f"{rel}: <{tag}> {node.get('id') or (label.text if label is not None else '')}")
        groups.append(group)
    elif tag == "item":
        label = node.find("attribute[@name='label']")
        if label is not None and label.get("translatable") == "yes" and is_mnemonic(label.text or ""):
            group.add(unique_slot(), label.get("context"), label.text)
    for child in node:
        if tag in ("object", "template") and child.tag == "property":
            # a property may hold an object (a popover, a model)
            for sub in child:
                walk_ui(sub, group, base, rel)
        elif child.tag not in ("property", "attribute"):
            walk_ui(child, group, base, rel)

problems = []
ui_files = []
for top in ("data",):
    for dirpath, _, files in os.walk(os.path.join(root, top)):
        ui_files += [os.path.join(dirpath, n) for n in files if n.endswith(".ui")]
for path in sorted(ui_files):
    rel = os.path.relpath(path, root)
    base = os.path.basename(path)[:-3]
    tree = ET.parse(path).getroot()
    for top in tree:
        if top.tag in ("requires",):
            continue
        group = Group(f"{rel}: {top.get('class') or top.get('id') or top.tag}")
        groups.append(group)
        if top.tag == "menu":
            # walk_ui opens the menu's own group
            groups.pop()
        walk_ui(top, group, base, rel)

# ---- C files ----------------------------------------------------------------------

C_STRING = r'"(?:[^"\\]|\\.)*"'
TRANSLATED = re.compile(r'(?<![A-Za-z0-9_])_\s*\(\s*((?:' + C_STRING + r'\s*)+)\)')
FUNC_START = re.compile(r'^([a-z_][a-z0-9_]*)\s*\(', re.M)

def c_literal(concatenated):
    parts = re.findall(C_STRING, concatenated)
    return "".join(bytes(p[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
                   for p in parts)

def c_functions(text):
    """[(name, body)] for top-level function definitions (GNU style: name at column 0)."""
    funcs = []
    starts = [m for m in FUNC_START.finditer(text)]
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        chunk = text[m.start():end]
        brace = chunk.find("\n{")
        if brace < 0 or chunk.find(";", 0, brace) >= 0:
            continue   # a prototype
        funcs.append((m.group(1), chunk[brace:]))
    return funcs

def statement_around(body, pos):
    start = max(body.rfind(";", 0, pos), body.rfind("{", 0, pos), body.rfind("}", 0, pos)) + 1
    return body[start:pos]

c_files = [os.path.join(root, "src", "ui", n) for n in sorted(os.listdir(os.path.join(root, "src", "ui")))
           if n.endswith(".c")]
c_files.append(os.path.join(root, "src", "app", "lancer-application.c"))
for path in c_files:
    rel = os.path.relpath(path, root)
    base = os.path.basename(path)[:-2]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    funcs = c_functions(text)
    names = {n for n, _ in funcs}
    own = {}
    calls = {}
    for name, body in funcs:
        own[name] = []
        for m in TRANSLATED.finditer(body):
            msgid = c_literal(m.group(1))
            if not is_mnemonic(msgid):
                continue
            before = statement_around(body, m.start())
            target = re.search(r'set_label\s*\(\s*(?:[A-Z_]+\s*\()?\s*self->([a-z_0-9]+)', before)
            if target:
                slot = target.group(1)
            elif re.match(r'\s*return\b', before):
                slot = "return:" + name
            else:
                slot = unique_slot()
            own[name].append((slot, msgid))
        calls[name] = {c for c in re.findall(r'\b([a-z_][a-z0-9_]*)\s*\(', body) if c in names and c != name}
    for name in own:
        group = Group(f"{rel}: {name}()")
        seen, todo = set(), [name]
        while todo:
            f = todo.pop()
            if f in seen:
                continue
            seen.add(f)
            for slot, msgid in own[f]:
                if (base, slot) not in ui_slots:
                    group.add(slot, None, msgid)
            todo += calls[f]
        groups.append(group)
        # a label set on a template child is checked with the child's window
        for slot, msgid in own[name]:
            if (base, slot) in ui_slots:
                ui_slots[(base, slot)].add(slot, None, msgid)

# ---- the check --------------------------------------------------------------------

with open(os.path.join(root, "po", "LINGUAS")) as f:
    langs = [l.strip() for l in f if l.strip() and not l.startswith("#")]
catalogues = {"en": None}
for lang in langs:
    catalogues[lang] = read_po(os.path.join(root, "po", lang + ".po"))

reported = set()
checked = 0
for lang, catalogue in catalogues.items():
    for group in groups:
        by_key = {}
        for slot, ctxt, msgid in group.entries:
            text = msgid if catalogue is None else catalogue.get((ctxt, msgid))
            if text is None:
                continue   # check-translations.py reports missing entries
            key = access_key(text)
            if key is None:
                problems.append(f"{lang}: “{text}” (for “{msgid}”) lost its access key")
                continue
            by_key.setdefault(key, {})
            by_key[key].setdefault(slot, set()).add(text)
            checked += 1
        for key, slots in sorted(by_key.items()):
            if len(slots) > 1:
                texts = sorted({t for ts in slots.values() for t in ts})
                line = f"{lang}: {group.name}: access key “{key}” is shared by " + ", ".join(f"“{t}”" for t in texts)
                if (lang, key, tuple(texts)) not in reported:
                    reported.add((lang, key, tuple(texts)))
                    problems.append(line)

print(f"{checked} access keys checked in {sum(1 for g in groups if g.entries)} groups, "
      f"{len(catalogues)} languages")
for p in problems:
    print("FAIL:", p)
sys.exit(1 if problems else 0)
