# SPDX-License-Identifier: GPL-3.0-or-later
"""What every end-to-end test of Voronka needs: TAP output, a scratch
workspace, voronka-cli on it, the real app started with its accessibility
on, and ways to find widgets through AT-SPI and type into them.

A test script is run as SCRIPT VORONKA VORONKA_CLI; VORONKA_E2E_SHOTS=DIR
keeps screenshots of its steps (and of the step that failed).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import pyatspi


class Run:
    """One test run: its TAP counter, its workspace and the app under test."""

    def __init__(self, prefix):
        self.voronka, self.cli_path = sys.argv[1], sys.argv[2]
        self.tmp = tempfile.mkdtemp(prefix=prefix)
        self.db = os.path.join(self.tmp, 'voronka.db')
        self.shots = os.environ.get('VORONKA_E2E_SHOTS')
        self.n = 0
        self.app_proc = None

    def ok(self, cond, what):
        self.n += 1
        print(('ok %d - %s' if cond else 'not ok %d - %s') % (self.n, what), flush=True)
        if not cond:
            self.shot('failed-%d' % self.n)
            self.finish(1)

    def finish(self, code):
        proc = self.app_proc
        if code != 0 and proc is not None and proc.poll() is not None:
            print('# the app is gone, exit status %d' % proc.returncode)
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
        if code != 0 and proc is not None:
            sys.stdout.write('# app log:\n' + ''.join('# ' + l for l in open(os.path.join(self.tmp, 'app.log'))))
        print('1..%d' % self.n)
        shutil.rmtree(self.tmp, ignore_errors=True)
        sys.exit(code)

    def shot(self, name):
        if self.shots and shutil.which('import'):
            os.makedirs(self.shots, exist_ok=True)
            subprocess.run(['import', '-window', 'root', os.path.join(self.shots, name + '.png')], check=False)

    def cli(self, *args):
        """voronka-cli --json on the run's workspace, parsed."""
        out = subprocess.run([self.cli_path, '--db', self.db, '--json'] + list(args), check=True,
                             capture_output=True, text=True).stdout
        return json.loads(out)

    def run_cli(self, *args):
        subprocess.run([self.cli_path, '--db', self.db] + list(args), check=True, capture_output=True)

    def start_app(self, **extra_env):
        """Starts Voronka on the workspace with AT-SPI on; returns its
        accessible once its window is open."""
        env = dict(os.environ)
        env.pop('NO_AT_BRIDGE', None)
        env.pop('GTK_A11Y', None)
        env.setdefault('GSK_RENDERER', 'cairo')
        env.update(extra_env)
        log = open(os.path.join(self.tmp, 'app.log'), 'w')
        self.app_proc = subprocess.Popen([self.voronka, '--db', self.db], env=env,
                                         stdout=log, stderr=subprocess.STDOUT)
        app = wait_for(find_app, 20)
        self.ok(app is not None, 'the app shows up on the accessibility bus')
        frame = wait_for(lambda: find(app, 'frame'), 10)
        self.ok(frame is not None, 'its window is open')
        time.sleep(1)
        return app


def walk(acc):
    stack = [acc]
    while stack:
        a = stack.pop()
        yield a
        try:
            kids = [a.getChildAtIndex(i) for i in range(a.childCount)]
        except Exception:
            kids = []
        stack.extend(k for k in reversed(kids) if k is not None)


def wait_for(pred, timeout=10.0):
    # Waits end as soon as the condition holds; the budget is generous for
    # sanitizer builds on a busy machine.
    end = time.time() + timeout * 4
    while time.time() < end:
        try:
            found = pred()
        except Exception:
            found = None
        if found:
            return found
        time.sleep(0.2)
    return None


def find_app():
    desk = pyatspi.Registry.getDesktop(0)
    for i in range(desk.childCount):
        a = desk.getChildAtIndex(i)
        if a is not None and a.name == 'voronka':
            return a
    return None


def extents(acc):
    e = acc.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    return e.x, e.y, e.width, e.height


def is_showing(acc):
    x, y, w, h = extents(acc)
    return w > 0 and h > 0 and x >= 0 and y >= 0


def find(root, role, name=None, contains=None, showing=False):
    for a in walk(root):
        try:
            if a.getRoleName() != role:
                continue
            if name is not None and a.name != name:
                continue
            if contains is not None and contains not in (a.name or ''):
                continue
            if showing and not is_showing(a):
                continue
            return a
        except Exception:
            continue
    return None


def set_text(acc, text):
    """Types into a field through AT-SPI, checking it took."""
    for _ in range(10):
        acc.queryEditableText().setTextContents(text)
        time.sleep(0.2)
        t = acc.queryText()
        if t.getText(0, t.characterCount) == text:
            return True
    return False


def key(code, kind=pyatspi.KEY_PRESSRELEASE):
    pyatspi.Registry.generateKeyboardEvent(code, None, kind)
