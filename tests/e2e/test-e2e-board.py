#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end on the Funnel board, as a user would: start the real Voronka
on a fresh database with three leads, open the Funnel (Alt+3), drag a card
with the mouse (xdotool: press, slow steps, release) from «New» to «In
work», and check with voronka-cli on the same file that the lead moved.
Then drag another card to the far right — the board scrolls by itself
near its edge — onto «Refused», cancel the refusal dialog, and check with
voronka-cli that the lead stayed where it was.

Usage: test-e2e-board.py VORONKA VORONKA_CLI  (TAP on stdout)
Needs a display, a session bus with the AT-SPI bus, python3-pyatspi and
xdotool. Set VORONKA_E2E_SHOTS=DIR to keep screenshots of each step.
"""

import os
import subprocess
import time

import pyatspi

from voronka_e2e import Run, extents, find, is_showing, key, set_text, walk, wait_for

run = Run('voronka-e2e-board-')
ok, finish, shot, cli = run.ok, run.finish, run.shot, run.cli
tmp, db, CLI = run.tmp, run.db, run.cli_path


def stage_of(lead_id):
    return cli('show', lead_id).get('stage_id')


def find_card(root, title, showing=True):
    """A card on the board: one widget whose accessible name starts with its title."""
    for a in walk(root):
        try:
            name = a.name or ''
            if a.getRoleName() != 'label' and (name == title or name.startswith(title + ',')):
                if not showing:
                    return a
                if is_showing(a):
                    return a
        except Exception:
            continue
    return None


def xdo(*args):
    subprocess.run(['xdotool'] + [str(a) for a in args], check=True)


def origin():
    """Where the app's window is on the screen (window coordinates + this)."""
    out = subprocess.run(['xdotool', 'search', '--onlyvisible', '--name', 'Voronka',
                          'getwindowgeometry', '--shell'], capture_output=True, text=True).stdout
    vals = dict(l.split('=', 1) for l in out.splitlines() if '=' in l)
    return int(vals.get('X', 0)), int(vals.get('Y', 0))


def center(acc):
    ox, oy = origin()
    x, y, w, h = extents(acc)
    return ox + x + w // 2, oy + y + h // 2


def glide(x1, y1, x2, y2, steps=25):
    # Slow motion: GTK needs motion events to start a drag and to track it.
    for i in range(1, steps + 1):
        xdo('mousemove', x1 + (x2 - x1) * i // steps, y1 + (y2 - y1) * i // steps)
        time.sleep(0.06)


# ---- the workspace: three new leads ----
subprocess.run([CLI, '--db', db, 'init'], check=True, capture_output=True)
for name in ('Anna Petrova', 'Boris Sidorov', 'Vera Ivanova'):
    subprocess.run([CLI, '--db', db, 'add-lead', '--name', name], check=True, capture_output=True)
leads = {l['full_name']: l['id'] for l in cli('list', '--entity', 'leads')['items']}
ok(len(leads) == 3, 'the workspace has three leads')
stages = {s['name']: s['id'] for s in cli('stages')}
new_id, work_id, refused_id = stages.get('New'), stages.get('In work'), stages.get('Refused')
ok(new_id and work_id and refused_id, 'the default funnel has New, In work and Refused')
ok(all(stage_of(i) == new_id for i in leads.values()), 'every lead starts in New')

# ---- start the real app, open the Funnel ----
app = run.start_app(GSETTINGS_BACKEND='memory')
frame = find(app, 'frame')
subprocess.run(['xdotool', 'search', '--onlyvisible', '--name', 'Voronka', 'windowfocus'], check=False)
xdo('key', 'alt+3')
board = wait_for(lambda: find(app, 'filler', 'CrmFunnelPage'), 10)
ok(board is not None, 'Alt+3 opens the Funnel page')
card = wait_for(lambda: find_card(board, 'Boris Sidorov'), 10)
ok(card is not None, 'Alt+3 shows the board with the lead cards')
work = wait_for(lambda: find(board, 'label', 'In work', showing=True), 5)
ok(work is not None, 'the board has an «In work» column')
shot('1-board')

# ---- a real drag from New to In work ----
x1, y1 = center(card)
wx, wy = center(work)
x2, y2 = wx, wy + 160
print('# drag from %d,%d to %d,%d (window at %s)' % (x1, y1, x2, y2, origin()), flush=True)
xdo('mousemove', x1, y1)
time.sleep(0.3)
xdo('mousedown', 1)
time.sleep(0.3)
glide(x1, y1, x2, y2)
time.sleep(0.5)
shot('2-dragging')
xdo('mouseup', 1)
moved = wait_for(lambda: stage_of(leads['Boris Sidorov']) == work_id, 10)
ok(bool(moved), 'after the drag voronka-cli shows the lead in «In work»')
in_work = [l['id'] for l in cli('list', '--stage', 'In work')['items']]
ok(in_work == [leads['Boris Sidorov']], 'voronka-cli lists it under --stage «In work»')
history = cli('show', leads['Boris Sidorov'])
ok(history.get('stage_id') == work_id, 'voronka-cli show agrees')
toast = wait_for(lambda: find(app, 'label', 'Moved to “In work”', showing=True), 5)
ok(toast is not None, 'a toast says where the lead went, with Undo')
shot('3-dropped')

# ---- a drag onto Refused, far right: the board scrolls near its edge ----
card = wait_for(lambda: find_card(board, 'Vera Ivanova'), 5)
ok(card is not None, 'another card is on the board')
x1, y1 = center(card)
ox, oy = origin()
fx, fy, fw, fh = extents(frame)
edge_x = ox + fx + fw - 12
xdo('mousemove', x1, y1)
time.sleep(0.3)
xdo('mousedown', 1)
time.sleep(0.3)
glide(x1, y1, edge_x, y1 + 120)
refused = wait_for(lambda: find(board, 'label', 'Refused', showing=True) if
                   extents(find(board, 'label', 'Refused'))[0] + 200 < fw else None, 10)
ok(refused is not None, 'holding a card near the right edge scrolls the board to «Refused»')
rx, ry = center(refused)
glide(edge_x, y1 + 120, rx, ry + 160, steps=15)
time.sleep(0.5)
xdo('mouseup', 1)
dialog = wait_for(lambda: find(app, 'label', 'Refuse the Lead?'), 10)
ok(dialog is not None, 'dropping on «Refused» asks for the reason')
shot('4-refusal')
# The dialog's own window: the toplevel holding its heading.
top = dialog
while top is not None and top.getRoleName() not in ('frame', 'dialog', 'alert'):
    top = top.parent
cancels = []
for b in walk(top if top is not None else app):
    try:
        if b.getRoleName() == 'push button' and 'Cancel' in (b.name or ''):
            cancels.append(b)
    except Exception:
        pass
ok(len(cancels) > 0, 'the refusal dialog has a Cancel button')
# It keeps a second, hidden row of the same buttons for narrow sizes:
# clicking the hidden one does nothing, so click each.
for b in cancels:
    try:
        b.queryAction().doAction(0)
    except Exception:
        pass
gone = wait_for(lambda: find(app, 'label', 'Refuse the Lead?') is None, 10)
ok(bool(gone), 'cancelling closes the dialog')
time.sleep(0.5)
ok(stage_of(leads['Vera Ivanova']) == new_id, 'voronka-cli shows the lead still in «New»')
ok(cli('show', leads['Vera Ivanova']).get('lost_reason') is None, 'and not refused')
new_ids = [l['id'] for l in cli('list', '--stage', 'New')['items']]
ok(sorted(new_ids) == sorted([leads['Anna Petrova'], leads['Vera Ivanova']]),
   'voronka-cli lists both remaining leads under «New»')
back = wait_for(lambda: find_card(board, 'Vera Ivanova', showing=False), 5)
ok(back is not None, 'the card is still on the board')
shot('5-cancelled')
finish(0)
