#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end, as a user would: start the real Voronka on a fresh database
that already has a contact, add a lead with Ctrl+N, type a phone the contact
has in another format, see the duplicate banner, convert the lead, then
check with voronka-cli on the same file that the client and the links exist.

Usage: test-e2e-card.py VORONKA VORONKA_CLI  (TAP on stdout)
Needs a display, a session bus with the AT-SPI bus, and python3-pyatspi.
Set VORONKA_E2E_SHOTS=DIR to keep screenshots of each step.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import pyatspi

VORONKA, CLI = sys.argv[1], sys.argv[2]
tmp = tempfile.mkdtemp(prefix='voronka-e2e-')
db = os.path.join(tmp, 'voronka.db')
shots = os.environ.get('VORONKA_E2E_SHOTS')
n = 0
app_proc = None


def ok(cond, what):
    global n
    n += 1
    print(('ok %d - %s' if cond else 'not ok %d - %s') % (n, what), flush=True)
    if not cond:
        finish(1)


def finish(code):
    if code != 0 and app_proc is not None and app_proc.poll() is not None:
        print('# the app is gone, exit status %d' % app_proc.returncode)
    if app_proc is not None and app_proc.poll() is None:
        app_proc.terminate()
        try:
            app_proc.wait(10)
        except subprocess.TimeoutExpired:
            app_proc.kill()
    if code != 0 and app_proc is not None:
        sys.stdout.write('# app log:\n' + ''.join('# ' + l for l in open(os.path.join(tmp, 'app.log'))))
    print('1..%d' % n)
    shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(code)


def shot(name):
    if shots and shutil.which('import'):
        os.makedirs(shots, exist_ok=True)
        subprocess.run(['import', '-window', 'root', os.path.join(shots, name + '.png')], check=False)


def cli(*args):
    out = subprocess.run([CLI, '--db', db, '--json'] + list(args), check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


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


def wait_for(pred, timeout=10.0, what='something'):
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


def find(root, role, name=None, contains=None, showing=False):
    for a in walk(root):
        try:
            if a.getRoleName() != role:
                continue
            if name is not None and a.name != name:
                continue
            if contains is not None and contains not in (a.name or ''):
                continue
            if showing:
                ext = a.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
                if ext.width <= 0 or ext.height <= 0:
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


# ---- the workspace: one contact with a phone ----
vcf = os.path.join(tmp, 'contact.vcf')
with open(vcf, 'w') as f:
    f.write('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Smirnov Aleksey\r\nN:Smirnov;Aleksey;;;\r\n'
            'TEL;TYPE=CELL:+7 912 345-67-89\r\nEND:VCARD\r\n')
subprocess.run([CLI, '--db', db, 'init'], check=True, capture_output=True)
subprocess.run([CLI, '--db', db, 'import', 'vcard', vcf, '--entity', 'contacts'], check=True, capture_output=True)
contacts = cli('list', '--entity', 'contacts')['items']
ok(len(contacts) == 1, 'the workspace has one contact')
contact_id = contacts[0]['id']

# ---- start the real app ----
env = dict(os.environ)
env.pop('NO_AT_BRIDGE', None)
env.pop('GTK_A11Y', None)
env.setdefault('GSK_RENDERER', 'cairo')
log = open(os.path.join(tmp, 'app.log'), 'w')
app_proc = subprocess.Popen([VORONKA, '--db', db], env=env, stdout=log, stderr=subprocess.STDOUT)
app = wait_for(find_app, 20)
ok(app is not None, 'the app shows up on the accessibility bus')
frame = wait_for(lambda: find(app, 'frame'), 10)
ok(frame is not None, 'its window is open')
time.sleep(1)

# ---- Ctrl+N: a new lead card ----
CONTROL_L, N_KEY = 37, 57
key(CONTROL_L, pyatspi.KEY_PRESS)
key(N_KEY)
key(CONTROL_L, pyatspi.KEY_RELEASE)
name = wait_for(lambda: find(app, 'text', 'Full name', showing=True), 10)
ok(name is not None, 'Ctrl+N opens an empty lead card')

ok(set_text(name, 'Aleksey Smirnov'), 'typing the name')
phone = wait_for(lambda: find(app, 'text', 'Phone', showing=True), 5)
ok(phone is not None, 'the card has a phone field')
ok(set_text(phone, '8 (912) 345 67 89'), 'typing the phone in another format')

banner = wait_for(lambda: find(app, 'label', contains='Possible duplicate', showing=True), 10)
ok(banner is not None, 'typing a known phone in another format shows the duplicate banner')
# The banner's title and its details are set one after the other.
detail = wait_for(lambda: find(app, 'label', contains='+7 912 345-67-89', showing=True), 5)
ok(detail is not None, 'the banner names the matching phone')
shot('1-duplicate-banner')

# The lead is saved as typed.
lead = wait_for(lambda: [l for l in cli('list', '--entity', 'leads')['items']
                         if l.get('full_name') == 'Aleksey Smirnov'], 10)
ok(bool(lead), 'the lead is in the database')
lead_id = lead[0]['id']

# ---- Convert… ----
convert = find(app, 'push button', contains='Convert', showing=True)
ok(convert is not None, 'the card offers Convert…')
convert.queryAction().doAction(0)
dialog = wait_for(lambda: find(app, 'frame', 'Convert to Client'), 10)
ok(dialog is not None, 'the convert dialog opens')
inn = wait_for(lambda: find(dialog, 'text', 'INN', showing=True), 5)
ok(inn is not None and set_text(inn, '7707083893'), 'typing the INN of the new client')
shot('2-convert-dialog')
button = None
for b in walk(dialog):
    try:
        if b.getRoleName() == 'push button' and 'onvert' in (b.name or ''):
            button = b
    except Exception:
        pass
ok(button is not None, 'the dialog has a Convert button')
button.queryAction().doAction(0)
gone = wait_for(lambda: find(app, 'frame', 'Convert to Client') is None, 10)
ok(bool(gone), 'converting closes the dialog')
converted = wait_for(lambda: find(app, 'label', 'Converted into a client'), 15)
ok(converted is not None, 'the lead card now says it was converted')
shot('3-converted')

# ---- what voronka-cli sees in the same file ----
clients = cli('list', '--entity', 'clients')['items']
ok(len(clients) == 1, 'there is one client')
client = clients[0]
ok(client.get('lead_id') == lead_id, 'the client knows the lead it came from')
ok(client.get('inn') == '7707083893', 'the client has the INN typed in the dialog')
leads = {l['id']: l for l in cli('list', '--entity', 'leads')['items']}
ok(leads[lead_id].get('client_id') == client['id'], 'the lead links to the client')
ok(leads[lead_id].get('converted_ms') is not None, 'the lead is marked converted')
new_contacts = [c for c in cli('list', '--entity', 'contacts')['items'] if c['id'] != contact_id]
ok(len(new_contacts) == 1 and new_contacts[0].get('client_id') == client['id'],
   'a contact of the person belongs to the client')
finish(0)
