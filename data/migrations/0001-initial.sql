-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Voronka schema v1.
--
-- Conventions:
--  * rid INTEGER PRIMARY KEY: a stable local row number (VACUUM keeps it), used
--    for FTS rowids, id arrays in list models and keyset paging. Never synced.
--  * id TEXT: the UUIDv7 that identifies the row everywhere (sync, CLI, links).
--  * Every synced table carries _hlc (JSON field -> HLC; "*" is the clock of
--    every field not named), _deleted (0 or the tombstone time in ms) and
--    _seq (server sequence of the last applied change, 0 if only local).
--  * Times are UTC milliseconds; money is integer minor units + currency.
--  * Columns ending in _key are derived, folded search/dedupe keys computed in
--    core; they are local and never synced.

CREATE TABLE users (
  rid         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  login       TEXT,
  email       TEXT,
  role        TEXT NOT NULL DEFAULT 'manager'
              CHECK (role IN ('admin', 'supervisor', 'manager', 'viewer')),
  experienced INTEGER NOT NULL DEFAULT 0,
  is_active   INTEGER NOT NULL DEFAULT 1,
  absent_until INTEGER,
  created_ms  INTEGER NOT NULL,
  updated_ms  INTEGER NOT NULL,
  _hlc        TEXT NOT NULL DEFAULT '{}',
  _deleted    INTEGER NOT NULL DEFAULT 0,
  _seq        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE channels (
  rid         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL DEFAULT 'other'
              CHECK (kind IN ('website', 'phone', 'email', 'messenger', 'social',
                              'referral', 'partner', 'event', 'ads', 'import', 'other')),
  name_key    TEXT,
  position    INTEGER NOT NULL DEFAULT 0,
  is_active   INTEGER NOT NULL DEFAULT 1,
  created_ms  INTEGER NOT NULL,
  updated_ms  INTEGER NOT NULL,
  _hlc        TEXT NOT NULL DEFAULT '{}',
  _deleted    INTEGER NOT NULL DEFAULT 0,
  _seq        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX channels_name_key ON channels (name_key);

-- Spend per channel and month, for cost per lead.
CREATE TABLE channel_spend (
  rid         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  channel_id  TEXT NOT NULL REFERENCES channels (id),
  month       TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  amount      INTEGER NOT NULL DEFAULT 0,
  currency    TEXT NOT NULL DEFAULT 'RUB',
  created_ms  INTEGER NOT NULL,
  updated_ms  INTEGER NOT NULL,
  _hlc        TEXT NOT NULL DEFAULT '{}',
  _deleted    INTEGER NOT NULL DEFAULT 0,
  _seq        INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX channel_spend_month ON channel_spend (channel_id, month) WHERE _deleted = 0;

CREATE TABLE pipelines (
  rid         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  position    INTEGER NOT NULL DEFAULT 0,
  is_default  INTEGER NOT NULL DEFAULT 0,
  created_ms  INTEGER NOT NULL,
  updated_ms  INTEGER NOT NULL,
  _hlc        TEXT NOT NULL DEFAULT '{}',
  _deleted    INTEGER NOT NULL DEFAULT 0,
  _seq        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE stages (
  rid         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  pipeline_id TEXT NOT NULL REFERENCES pipelines (id),
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL DEFAULT 'open'
              CHECK (kind IN ('open', 'won', 'lost', 'nurture')),
  position    INTEGER NOT NULL DEFAULT 0,
  color       TEXT,
  sla_minutes INTEGER,
  rotting_days INTEGER,
  required_fields TEXT NOT NULL DEFAULT '[]',
  created_ms  INTEGER NOT NULL,
  updated_ms  INTEGER NOT NULL,
  _hlc        TEXT NOT NULL DEFAULT '{}',
  _deleted    INTEGER NOT NULL DEFAULT 0,
  _seq        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX stages_pipeline ON stages (pipeline_id, position);

CREATE TABLE lost_reasons (
  rid         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  position    INTEGER NOT NULL DEFAULT 0,
  created_ms  INTEGER NOT NULL,
  updated_ms  INTEGER NOT NULL,
  _hlc        TEXT NOT NULL DEFAULT '{}',
  _deleted    INTEGER NOT NULL DEFAULT 0,
  _seq        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE clients (
  rid         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL DEFAULT 'company' CHECK (kind IN ('company', 'person')),
  name        TEXT NOT NULL,
  legal_name  TEXT,
  inn         TEXT,
  kpp         TEXT,
  ogrn        TEXT,
  okpo        TEXT,
  address     TEXT,
  website     TEXT,
  note        TEXT,
  owner_id    TEXT REFERENCES users (id),
  lead_id     TEXT,
  name_key    TEXT,
  sort_key    TEXT,
  merged_into TEXT,
  created_ms  INTEGER NOT NULL,
  updated_ms  INTEGER NOT NULL,
  _hlc        TEXT NOT NULL DEFAULT '{}',
  _deleted    INTEGER NOT NULL DEFAULT 0,
  _seq        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX clients_name_key ON clients (name_key) WHERE _deleted = 0;
CREATE INDEX clients_sort ON clients (sort_key, rid) WHERE _deleted = 0 AND merged_into IS NULL;
CREATE INDEX clients_inn ON clients (inn) WHERE inn IS NOT NULL;
CREATE INDEX clients_lead ON clients (lead_id) WHERE lead_id IS NOT NULL;

CREATE TABLE contacts (
  rid         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  client_id   TEXT REFERENCES clients (id),
  full_name   TEXT NOT NULL,
  last_name   TEXT,
  first_name  TEXT,
  middle_name TEXT,
  job_title   TEXT,
  note        TEXT,
  owner_id    TEXT REFERENCES users (id),
  lead_id     TEXT,
  name_key    TEXT,
  sort_key    TEXT,
  merged_into TEXT,
  created_ms  INTEGER NOT NULL,
  updated_ms  INTEGER NOT NULL,
  _hlc        TEXT NOT NULL DEFAULT '{}',
  _deleted    INTEGER NOT NULL DEFAULT 0,
  _seq        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX contacts_client ON contacts (client_id);
CREATE INDEX contacts_name_key ON contacts (name_key) WHERE _deleted = 0;
CREATE INDEX contacts_sort ON contacts (sort_key, rid) WHERE _deleted = 0 AND merged_into IS NULL;

CREATE TABLE leads (
  rid         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  full_name   TEXT,
  last_name   TEXT,
  first_name  TEXT,
  middle_name TEXT,
  company     TEXT,
  job_title   TEXT,
  website     TEXT,
  city        TEXT,
  channel_id  TEXT REFERENCES channels (id),
  utm_source  TEXT,
  utm_medium  TEXT,
  utm_campaign TEXT,
  utm_content TEXT,
  utm_term    TEXT,
  request     TEXT,
  note        TEXT,
  extra       TEXT,
  pipeline_id TEXT REFERENCES pipelines (id),
  stage_id    TEXT REFERENCES stages (id),
  stage_pos   TEXT NOT NULL DEFAULT 'a0',
  stage_entered_ms INTEGER,
  temperature TEXT CHECK (temperature IN ('hot', 'warm', 'cold')),
  score       INTEGER NOT NULL DEFAULT 0,
  bant_budget TEXT,
  bant_authority TEXT,
  bant_need   TEXT,
  bant_timeline TEXT,
  value       INTEGER,
  currency    TEXT NOT NULL DEFAULT 'RUB',
  owner_id    TEXT REFERENCES users (id),
  first_response_ms INTEGER,
  converted_ms INTEGER,
  client_id   TEXT REFERENCES clients (id),
  contact_id  TEXT REFERENCES contacts (id),
  lost_reason TEXT,
  lost_ms     INTEGER,
  import_id   TEXT,
  merged_into TEXT,
  name_key    TEXT,
  company_key TEXT,
  sort_key    TEXT,
  created_ms  INTEGER NOT NULL,
  updated_ms  INTEGER NOT NULL,
  _hlc        TEXT NOT NULL DEFAULT '{}',
  _deleted    INTEGER NOT NULL DEFAULT 0,
  _seq        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX leads_stage ON leads (stage_id, stage_pos) WHERE _deleted = 0;
-- The lists' orders hold live rows only (what every list asks for), so a
-- million ids come straight from the index without reading a row.
CREATE INDEX leads_created ON leads (created_ms, rid) WHERE _deleted = 0 AND merged_into IS NULL;
CREATE INDEX leads_sort ON leads (sort_key, rid) WHERE _deleted = 0 AND merged_into IS NULL;
CREATE INDEX leads_name_key ON leads (name_key) WHERE _deleted = 0;
CREATE INDEX leads_name_company ON leads (name_key, company_key)
  WHERE _deleted = 0 AND company_key IS NOT NULL;
CREATE INDEX leads_owner ON leads (owner_id, created_ms);
CREATE INDEX leads_channel ON leads (channel_id, created_ms);
CREATE INDEX leads_client ON leads (client_id) WHERE client_id IS NOT NULL;
CREATE INDEX leads_contact ON leads (contact_id) WHERE contact_id IS NOT NULL;

-- Phones and e-mails of leads, contacts and clients: one index finds
-- duplicates across all three.
CREATE TABLE phones (
  rid         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  entity_type TEXT NOT NULL CHECK (entity_type IN ('lead', 'contact', 'client')),
  entity_id   TEXT NOT NULL,
  raw         TEXT NOT NULL,
  e164        TEXT,
  extension   TEXT,
  label       TEXT,
  position    INTEGER NOT NULL DEFAULT 0,
  created_ms  INTEGER NOT NULL,
  updated_ms  INTEGER NOT NULL,
  _hlc        TEXT NOT NULL DEFAULT '{}',
  _deleted    INTEGER NOT NULL DEFAULT 0,
  _seq        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX phones_entity ON phones (entity_id, position);
CREATE INDEX phones_e164 ON phones (e164) WHERE _deleted = 0;

CREATE TABLE emails (
  rid         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  entity_type TEXT NOT NULL CHECK (entity_type IN ('lead', 'contact', 'client')),
  entity_id   TEXT NOT NULL,
  raw         TEXT NOT NULL,
  normalized  TEXT,
  label       TEXT,
  position    INTEGER NOT NULL DEFAULT 0,
  created_ms  INTEGER NOT NULL,
  updated_ms  INTEGER NOT NULL,
  _hlc        TEXT NOT NULL DEFAULT '{}',
  _deleted    INTEGER NOT NULL DEFAULT 0,
  _seq        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX emails_entity ON emails (entity_id, position);
CREATE INDEX emails_normalized ON emails (normalized) WHERE _deleted = 0;

-- Append-only: calls, notes, e-mails, meetings, stage changes.
CREATE TABLE activities (
  rid         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  entity_type TEXT NOT NULL CHECK (entity_type IN ('lead', 'contact', 'client')),
  entity_id   TEXT NOT NULL,
  kind        TEXT NOT NULL
              CHECK (kind IN ('call', 'note', 'email', 'meeting', 'message', 'sms',
                              'stage', 'system')),
  direction   TEXT CHECK (direction IN ('in', 'out')),
  outcome     TEXT,
  duration_s  INTEGER,
  subject     TEXT,
  body        TEXT,
  attachment  TEXT,
  at_ms       INTEGER NOT NULL,
  user_id     TEXT,
  created_ms  INTEGER NOT NULL,
  updated_ms  INTEGER NOT NULL,
  _hlc        TEXT NOT NULL DEFAULT '{}',
  _deleted    INTEGER NOT NULL DEFAULT 0,
  _seq        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX activities_entity ON activities (entity_id, at_ms);

CREATE TABLE cadences (
  rid         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  trigger     TEXT NOT NULL,
  trigger_arg TEXT,
  steps       TEXT NOT NULL DEFAULT '[]',
  is_active   INTEGER NOT NULL DEFAULT 1,
  created_ms  INTEGER NOT NULL,
  updated_ms  INTEGER NOT NULL,
  _hlc        TEXT NOT NULL DEFAULT '{}',
  _deleted    INTEGER NOT NULL DEFAULT 0,
  _seq        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tasks (
  rid         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  entity_type TEXT CHECK (entity_type IN ('lead', 'contact', 'client')),
  entity_id   TEXT,
  kind        TEXT NOT NULL DEFAULT 'todo'
              CHECK (kind IN ('call', 'email', 'meeting', 'todo', 'respond', 'message')),
  title       TEXT NOT NULL,
  note        TEXT,
  due_ms      INTEGER,
  remind_ms   INTEGER,
  owner_id    TEXT,
  done_ms     INTEGER,
  cadence_id  TEXT,
  cadence_step INTEGER,
  template_id TEXT,
  created_ms  INTEGER NOT NULL,
  updated_ms  INTEGER NOT NULL,
  _hlc        TEXT NOT NULL DEFAULT '{}',
  _deleted    INTEGER NOT NULL DEFAULT 0,
  _seq        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX tasks_entity ON tasks (entity_id, due_ms);
CREATE INDEX tasks_open_due ON tasks (due_ms) WHERE done_ms IS NULL AND _deleted = 0;
CREATE INDEX tasks_open_remind ON tasks (remind_ms) WHERE done_ms IS NULL AND _deleted = 0;

-- Field-level audit: who changed what, when, from what to what. Append-only.
CREATE TABLE history (
  rid         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  entity_type TEXT NOT NULL,
  entity_id   TEXT NOT NULL,
  op          TEXT NOT NULL
              CHECK (op IN ('create', 'update', 'delete', 'restore', 'merge', 'unmerge', 'import')),
  field       TEXT,
  old_value   TEXT,
  new_value   TEXT,
  user_id     TEXT,
  at_ms       INTEGER NOT NULL,
  batch_id    TEXT,
  created_ms  INTEGER NOT NULL,
  updated_ms  INTEGER NOT NULL,
  _hlc        TEXT NOT NULL DEFAULT '{}',
  _deleted    INTEGER NOT NULL DEFAULT 0,
  _seq        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX history_entity ON history (entity_id, at_ms);
CREATE INDEX history_batch ON history (batch_id) WHERE batch_id IS NOT NULL;

CREATE TABLE templates (
  rid         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL DEFAULT 'email'
              CHECK (kind IN ('email', 'sms', 'messenger', 'call_script')),
  name        TEXT NOT NULL,
  subject     TEXT,
  body        TEXT NOT NULL DEFAULT '',
  created_ms  INTEGER NOT NULL,
  updated_ms  INTEGER NOT NULL,
  _hlc        TEXT NOT NULL DEFAULT '{}',
  _deleted    INTEGER NOT NULL DEFAULT 0,
  _seq        INTEGER NOT NULL DEFAULT 0
);

-- Workspace settings; the key is the row id so settings sync like rows.
CREATE TABLE settings (
  rid         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  value       TEXT,
  created_ms  INTEGER NOT NULL,
  updated_ms  INTEGER NOT NULL,
  _hlc        TEXT NOT NULL DEFAULT '{}',
  _deleted    INTEGER NOT NULL DEFAULT 0,
  _seq        INTEGER NOT NULL DEFAULT 0
);

-- Pairs a person said are not duplicates (a_id < b_id).
CREATE TABLE dedupe_ignore (
  rid         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  a_id        TEXT NOT NULL,
  b_id        TEXT NOT NULL,
  user_id     TEXT,
  created_ms  INTEGER NOT NULL,
  updated_ms  INTEGER NOT NULL,
  _hlc        TEXT NOT NULL DEFAULT '{}',
  _deleted    INTEGER NOT NULL DEFAULT 0,
  _seq        INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX dedupe_ignore_pair ON dedupe_ignore (a_id, b_id);

-- A merge, with what it moved, so it can be undone.
CREATE TABLE merges (
  rid         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  entity_type TEXT NOT NULL,
  kept_id     TEXT NOT NULL,
  other_id    TEXT NOT NULL,
  snapshot    TEXT NOT NULL,
  user_id     TEXT,
  at_ms       INTEGER NOT NULL,
  undone_ms   INTEGER,
  created_ms  INTEGER NOT NULL,
  updated_ms  INTEGER NOT NULL,
  _hlc        TEXT NOT NULL DEFAULT '{}',
  _deleted    INTEGER NOT NULL DEFAULT 0,
  _seq        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX merges_kept ON merges (kept_id);

CREATE TABLE imports (
  rid         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  format      TEXT NOT NULL,
  file_name   TEXT,
  policy      TEXT,
  rows_created INTEGER NOT NULL DEFAULT 0,
  rows_merged INTEGER NOT NULL DEFAULT 0,
  rows_skipped INTEGER NOT NULL DEFAULT 0,
  rows_failed INTEGER NOT NULL DEFAULT 0,
  user_id     TEXT,
  created_ms  INTEGER NOT NULL,
  updated_ms  INTEGER NOT NULL,
  _hlc        TEXT NOT NULL DEFAULT '{}',
  _deleted    INTEGER NOT NULL DEFAULT 0,
  _seq        INTEGER NOT NULL DEFAULT 0
);

-- ---- Sync (SYNC.md). Local tables, never synced themselves. ----

-- Written in the same transaction as each edit. op 'import' stands for
-- every row of one import (fields_json names it): the pusher expands it, so
-- a 1M-row import does not write 1M outbox rows.
CREATE TABLE outbox (
  mid         INTEGER PRIMARY KEY AUTOINCREMENT,
  tbl         TEXT NOT NULL,
  row_id      TEXT NOT NULL,
  op          TEXT NOT NULL CHECK (op IN ('upsert', 'delete', 'import')),
  fields_json TEXT NOT NULL,
  base_seq    INTEGER NOT NULL DEFAULT 0,
  created     INTEGER NOT NULL
);

CREATE TABLE sync_state (
  server_id   TEXT PRIMARY KEY,
  url         TEXT,
  epoch       TEXT,
  last_seq    INTEGER NOT NULL DEFAULT 0,
  acked_mid   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE conflicts (
  rid         INTEGER PRIMARY KEY,
  tbl         TEXT NOT NULL,
  row_id      TEXT NOT NULL,
  field       TEXT NOT NULL,
  kept_value  TEXT,
  lost_value  TEXT,
  kept_hlc    TEXT,
  lost_hlc    TEXT,
  kept_device TEXT,
  lost_device TEXT,
  other_user  TEXT,
  at_ms       INTEGER NOT NULL,
  resolved_ms INTEGER
);
CREATE INDEX conflicts_row ON conflicts (row_id) WHERE resolved_ms IS NULL;

-- Per-install facts: device_id, the HLC high-water mark, the local user.
CREATE TABLE local (
  key         TEXT PRIMARY KEY,
  value       TEXT
) WITHOUT ROWID;

-- ---- Search ----
-- rowid = entity rid * 4 + kind (1 lead, 2 contact, 3 client), in both
-- tables. Text is folded in core (case, ё→е). detail=none would build a
-- third faster but doubles the time of several-word prefix queries.
CREATE VIRTUAL TABLE search USING fts5 (
  name, company, emails, body,
  tokenize = 'unicode61 remove_diacritics 0',
  prefix = '2 3'
);
-- The digits of every phone (79123456789 74951234567): trigrams find any
-- part of a number ("4567" finds +7 912 345-67-89) at a quarter of the cost
-- of indexing every digit suffix.
CREATE VIRTUAL TABLE search_phones USING fts5 (
  digits,
  tokenize = 'trigram'
);
