#!/usr/bin/python3
"""Reads the console through the real accessibility bus (AT-SPI), as a
screen reader does, and fails on what a screen-reader user would miss.

Starts a real ferryd on a free loopback port with a three-level hierarchy,
starts ferry-console against it with Qt's AT-SPI bridge on, then walks the
console's accessible tree (pyatspi):
  - every focusable object must have an accessible name;
  - the sync tree list must expose, as text, each node's name, mode and state.
It also opens the Connection profiles dialog and checks it the same way, then
selects a node (a real click where AT-SPI says its row is) and checks the Edit
registry dialog and the Delete question (which names what cleanup removes)
the same way, each opened through its menu item's action.

Run it inside a D-Bus session with an X server (scripts/a11y-check.sh does):
  dbus-run-session -- scripts/with-keyring.sh xvfb-run -a scripts/a11y-check.py BUILD_DIR
Exit status: 0 all good, 1 findings, 77 the accessibility stack is missing.
"""

import base64
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request

try:
    import pyatspi
except ImportError:
    print("SKIP: python3-pyatspi is not installed (scripts/setup.sh --tests installs it)")
    sys.exit(77)

HIERARCHY = [  # name, mode, parent
    ("edgea", "ReadWrite", None),
    ("edgeb", "ReadOnly", None),
    ("mirrora", "ReadOnly", "edgea"),
]


def start_ferryd(ferryd, data, password):
    env = dict(os.environ, FERRY_ADMIN_PASSWORD=password)
    process = subprocess.Popen([ferryd, "--data", data, "--listen", "127.0.0.1:0"],
                               stderr=subprocess.PIPE, env=env, text=True)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        match = re.search(r"ready: listening on (https?://\S+)", line)
        if match:
            return process, match.group(1)
        if not line and process.poll() is not None:
            break
    raise SystemExit("ferryd did not become ready")


def api(url, password, method, path, body=None):
    request = urllib.request.Request(url + "/api/v1/" + path, method=method,
                                     data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Authorization", "Basic " + base64.b64encode(("admin:" + password).encode()).decode())
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=20) as reply:
        return reply.status


def find_app(name, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for index in range(desktop.childCount):
            app = desktop.getChildAtIndex(index)
            if app is not None and app.name == name:
                return app
        time.sleep(0.5)
    return None


def walk(node, depth=0, path=()):
    """Yields (accessible, path) for node and everything below it."""
    if node is None or depth > 60:
        return
    yield node, path
    try:
        count = node.childCount
    except Exception:
        return
    # A view's rows are many and alike; the tree list is checked on its own.
    if node.getRole() in (pyatspi.ROLE_TREE, pyatspi.ROLE_TREE_TABLE, pyatspi.ROLE_TABLE, pyatspi.ROLE_LIST):
        count = min(count, 40)
    for index in range(count):
        try:
            child = node.getChildAtIndex(index)
        except Exception:
            continue
        yield from walk(child, depth + 1, path + (f"{node.getRoleName()}:{node.name or '?'}",))


def unnamed_focusables(root):
    found = []
    for node, path in walk(root):
        try:
            states = node.getState()
            role = node.getRole()
        except Exception:
            continue
        if not states.contains(pyatspi.STATE_FOCUSABLE):
            continue
        # Cells and list items speak their text; the rule is about controls.
        if role in (pyatspi.ROLE_TABLE_CELL, pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_TREE_ITEM,
                    pyatspi.ROLE_PAGE_TAB, pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_MENU):
            if (node.name or "").strip():
                continue
        if not (node.name or "").strip():
            where = ""
            if role == pyatspi.ROLE_TABLE_CELL:
                try:
                    where = f" (row {node.queryTableCell().position[0]}, column {node.queryTableCell().position[1]})"
                except Exception:
                    where = f" (child {node.getIndexInParent()})"
            found.append(f"{node.getRoleName()}{where} at {' > '.join(path[-4:])}")
    return found


def tree_texts(root, tree_name):
    for node, _ in walk(root):
        if node.getRole() in (pyatspi.ROLE_TREE, pyatspi.ROLE_TREE_TABLE) and node.name == tree_name:
            texts = []
            for child, _ in walk(node):
                if child is not node and child.getRole() in (pyatspi.ROLE_TABLE_CELL, pyatspi.ROLE_TREE_ITEM):
                    texts.append(child.name or "")
            return texts
    return None


def find_dialog(app, title, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for node, _ in walk(app):
            if node.getRole() in (pyatspi.ROLE_DIALOG, pyatspi.ROLE_ALERT) and node.name == title:
                return node
        time.sleep(0.5)
    return None


def do_menu_item(app, prefix):
    for node, _ in walk(app):
        if node.getRole() == pyatspi.ROLE_MENU_ITEM and (node.name or "").startswith(prefix):
            node.queryAction().doAction(0)
            return True
    return False


def press_button(dialog, names):
    for node, _ in walk(dialog):
        if node.getRole() == pyatspi.ROLE_PUSH_BUTTON and (node.name or "").replace("&", "") in names:
            node.queryAction().doAction(0)
            return True
    return False


def select_node(app, name):
    """Clicks the node's row in the tree list where AT-SPI places it, as a person would."""
    for node, _ in walk(app):
        if node.getRole() in (pyatspi.ROLE_TREE, pyatspi.ROLE_TREE_TABLE) and node.name == "Sync tree":
            for child, _ in walk(node):
                if child.getRole() in (pyatspi.ROLE_TABLE_CELL, pyatspi.ROLE_TREE_ITEM) and \
                        (child.name or "").startswith(name + ","):
                    box = child.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
                    subprocess.run(["xdotool", "mousemove", str(box.x + 8), str(box.y + box.height // 2),
                                    "click", "1"], check=True)
                    time.sleep(1)
                    return True
    return False


def main():
    build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build")
    ferryd = os.path.join(build, "app", "ferryd")
    console = os.path.join(build, "app", "ferry-console")
    work = tempfile.mkdtemp(prefix="ferry-a11y-")
    password = secrets.token_urlsafe(24)
    server, url = start_ferryd(ferryd, os.path.join(work, "data"), password)
    findings = []
    checked = []  # the registry dialogs walked
    app_process = None
    try:
        for name, mode, parent in HIERARCHY:
            body = {"mode": mode, "repositories": ["app"]}
            if parent:
                body["parent"] = parent
            api(url, password, "PUT", "connected-registries/" + name, body)

        env = dict(os.environ, QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", FERRY_USERNAME="admin",
                   FERRY_PASSWORD=password, XDG_CONFIG_HOME=os.path.join(work, "config"),
                   XDG_DATA_HOME=os.path.join(work, "data-home"), XDG_CACHE_HOME=os.path.join(work, "cache"))
        env.pop("QT_QPA_PLATFORM", None)
        app_process = subprocess.Popen([console, "--url", url], env=env)
        app = find_app("ferry-console", 30)
        if app is None:
            print("FAIL: ferry-console never appeared on the accessibility bus")
            return 1

        # Wait for the hierarchy to be drawn: the tree list holds every node.
        expected = {name: (mode, "Offline") for name, mode, _ in HIERARCHY}
        texts = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            texts = tree_texts(app, "Sync tree") or []
            if all(any(t.startswith(name + ",") for t in texts) for name in expected):
                break
            time.sleep(0.5)
        for name, (mode, state) in expected.items():
            spoken = [t for t in texts if t.startswith(name + ",")]
            if not spoken:
                findings.append(f"the tree list does not read out node {name} (it reads: {texts[:12]})")
            elif mode not in spoken[0] or state not in spoken[0]:
                findings.append(f"the tree list reads {spoken[0]!r} for {name}: mode {mode} or state {state} missing")
        if not any(t.startswith("root,") for t in texts):
            findings.append("the tree list does not read out the root")

        findings += [f"no accessible name: {f}" for f in unnamed_focusables(app)]

        # The Connection profiles dialog, opened through its menu item's action.
        for node, _ in walk(app):
            if node.getRole() == pyatspi.ROLE_MENU_ITEM and (node.name or "").startswith("Connection profiles"):
                node.queryAction().doAction(0)
                break
        dialog = None
        deadline = time.monotonic() + 15
        while dialog is None and time.monotonic() < deadline:
            for node, _ in walk(app):
                if node.getRole() == pyatspi.ROLE_DIALOG and node.name == "Connection profiles":
                    dialog = node
                    break
            time.sleep(0.5)
        if dialog is None:
            findings.append("the Connection profiles dialog did not open on Ctrl+Shift+L")
        else:
            findings += [f"no accessible name in Connection profiles: {f}" for f in unnamed_focusables(dialog)]
            press_button(dialog, {"Close", "Cancel"})
            time.sleep(1)

        # Edit registry (edgea) and the Delete question (mirrora, a leaf).
        for node_name, item, title, what, close in (
                ("edgea", "Edit registry", "Edit edgea", "Edit registry", {"Cancel"}),
                ("mirrora", "Delete registry", "Delete mirrora?", "the Delete question", {"Cancel"})):
            if not select_node(app, node_name):
                findings.append(f"could not find {node_name}'s row to select it")
                continue
            if not do_menu_item(app, item):
                findings.append(f"no menu item {item!r}")
                continue
            dialog = find_dialog(app, title)
            if dialog is None:
                findings.append(f"{what} did not open for {node_name}")
                continue
            findings += [f"no accessible name in {what}: {f}" for f in unnamed_focusables(dialog)]
            checked.append(title)
            if what == "the Delete question":
                spoken = " ".join((n.name or "") + " " + (n.description or "") for n, _ in walk(dialog))
                texts = [n.queryText().getText(0, -1) for n, _ in walk(dialog)
                         if "Text" in n.get_interfaces()]
                if "mirrora-sync-token" not in spoken + " ".join(texts):
                    findings.append("the Delete question does not read out the sync token cleanup removes")
            press_button(dialog, close)
            time.sleep(1)
    finally:
        if app_process:
            app_process.terminate()
            app_process.wait(20)
        server.terminate()
        server.wait(20)

    for finding in findings:
        print("FAIL:", finding)
    if not findings:
        print(f"OK: every focusable object has a name; the tree list reads {len(expected) + 1} nodes "
              f"with their mode and state; dialogs walked: Connection profiles, {', '.join(checked)}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
