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

import os
import subprocess
import time

import pyatspi

from voronka_e2e import Run, extents, find, is_showing, key, set_text, walk, wait_for

run = Run('voronka-e2e-')
ok, finish, shot, cli = run.ok, run.finish, run.shot, run.cli
tmp, db, CLI = run.tmp, run.db, run.cli_path



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
app = run.start_app()

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
