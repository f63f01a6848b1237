/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-task-model"

#include "config.h"

#include "crm-task-model.h"

#include <string.h>

#include "crm-catalog.h"
#include "crm-page-cache.h"
#include "crm-store-query.h"
#include "crm-store-reader.h"
#include "crm-store.h"

/*
 * The Tasks page's model, built like CrmRecordModel (PERF.md): the rows of
 * crm_tasks_rows() — 24 bytes each, headers included — plus a small cache
 * of pages of tasks. Everything that touches SQLite runs in a worker thread
 * on its own reader connection; get_item() never runs SQL. A changed result
 * is announced as remove-all then add-all; the same rows again (a refresh
 * after an edit) keep their items and re-read their pages.
 */

#define MAX_PAGES 24

typedef struct
{
  GMutex    lock;
  char     *path;
  CrmStore *store;
  gint      gen;
  gint      serial;
} Worker;

/* A page in the cache: what a PageJob read. */
typedef struct
{
  gint64    *rids;
  guint      n;
  GPtrArray *tasks;
  GPtrArray *names;
  GPtrArray *owners;
} Page;

typedef struct
{
  Worker   *worker;
  guint     serial;
  gint64    now_ms;
  gboolean  with_done;
  char     *search;
  GArray   *rows;
  Page     *first;    /* page 0, read with the rows: real rows in the first frame */
} QueryJob;

typedef struct
{
  Worker    *worker;
  gint64    *rids;    /* one per position of the page, 0 for headers */
  guint      n;
  guint      page;
  gint       gen;
  Page      *page_read;
} PageJob;


struct _CrmTaskModel
{
  GObject       parent_instance;

  Worker       *worker;
  GCancellable *cancellable;
  GArray       *rows;
  GHashTable   *items;    /* position → CrmTaskItem */
  CrmPageCache *pages;    /* page → Page */
  guint         serial;
  gint64        now_ms;
  gboolean      loading;
  guint         counts[CRM_TASK_N_LISTS];
};

static void crm_task_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmTaskModel, crm_task_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      crm_task_model_list_model_init))

enum { READY, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- The worker (any thread) ---- */

static void
worker_clear (gpointer data)
{
  Worker *worker = data;

  g_clear_object (&worker->store);
  g_free (worker->path);
  g_mutex_clear (&worker->lock);
}

static void
worker_unref (Worker *worker)
{
  g_atomic_rc_box_release_full (worker, worker_clear);
}

static CrmStore *
worker_store (Worker  *worker,
              GError **error)
{
  if (worker->store == NULL)
    {
      g_autoptr(CrmStore) store = crm_store_open (worker->path, NULL, error);

      if (store == NULL || !crm_store_make_reader (store, error))
        return NULL;
      worker->store = g_steal_pointer (&store);
    }
  return worker->store;
}

static void
page_free (gpointer data)
{
  Page *page = data;

  g_free (page->rids);
  g_ptr_array_unref (page->tasks);
  g_ptr_array_unref (page->names);
  g_ptr_array_unref (page->owners);
  g_free (page);
}

static void
query_job_free (gpointer data)
{
  QueryJob *job = data;

  worker_unref (job->worker);
  g_free (job->search);
  g_clear_pointer (&job->rows, g_array_unref);
  g_clear_pointer (&job->first, page_free);
  g_free (job);
}

static void
page_job_free (gpointer data)
{
  PageJob *job = data;

  worker_unref (job->worker);
  g_free (job->rids);
  g_clear_pointer (&job->page_read, page_free);
  g_free (job);
}

static Page *read_page (CrmStore *store, const gint64 *rids, guint n, GError **error);

static void
run_query (GTask        *task,
           gpointer      source,
           gpointer      data,
           GCancellable *cancellable)
{
  QueryJob *job = data;
  g_autoptr(GError) error = NULL;
  CrmStore *store;

  g_mutex_lock (&job->worker->lock);
  if (g_atomic_int_get (&job->worker->serial) != (gint) job->serial ||
      g_cancellable_is_cancelled (cancellable))
    {
      g_mutex_unlock (&job->worker->lock);
      g_task_return_boolean (task, FALSE);
      return;
    }
  if ((store = worker_store (job->worker, &error)) != NULL)
    job->rows = crm_tasks_rows (store, job->now_ms, job->with_done, job->search, &error);
  if (job->rows != NULL)
    {
      guint n = MIN (job->rows->len, CRM_TASK_MODEL_PAGE_SIZE);
      g_autofree gint64 *rids = g_new (gint64, MAX (n, 1));

      for (guint i = 0; i < n; i++)
        rids[i] = g_array_index (job->rows, CrmTaskRow, i).rid;
      job->first = read_page (store, rids, n, NULL);
    }
  g_mutex_unlock (&job->worker->lock);
  if (job->rows == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
unref_nullable (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

/* Reads one page's tasks, linked names and owners (with the lock held).
 * @rids has one entry per position, 0 for headers. */
static Page *
read_page (CrmStore      *store,
           const gint64  *rids,
           guint          n,
           GError       **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree gint64 *wanted = g_new (gint64, MAX (n, 1));
  guint n_wanted = 0, j = 0;
  Page *page;

  for (guint i = 0; i < n; i++)
    if (rids[i] != 0)
      wanted[n_wanted++] = rids[i];
  if (!(records = crm_store_get_many (store, "tasks", wanted, n_wanted, error)))
    return NULL;

  page = g_new0 (Page, 1);
  page->rids = g_memdup2 (rids, n * sizeof (gint64));
  page->n = n;
  page->tasks = g_ptr_array_new_full (n, unref_nullable);
  page->names = g_ptr_array_new_full (n, g_free);
  page->owners = g_ptr_array_new_full (n, g_free);
  for (guint i = 0; i < n; i++)
    {
      CrmRecord *r = j < records->len ? g_ptr_array_index (records, j) : NULL;
      const char *owner;
      char *owner_name = NULL;

      if (rids[i] == 0 || r == NULL || crm_record_get_rid (r) != rids[i])
        {
          g_ptr_array_add (page->tasks, NULL);
          g_ptr_array_add (page->names, NULL);
          g_ptr_array_add (page->owners, NULL);
          continue;
        }
      j++;
      owner = crm_record_get_text (r, "owner_id");
      if (owner != NULL && !g_hash_table_lookup_extended (users, owner, NULL, (gpointer *) &owner_name))
        {
          owner_name = crm_catalog_name (store, "users", owner);
          g_hash_table_insert (users, g_strdup (owner), owner_name);
        }
      g_ptr_array_add (page->tasks, g_object_ref (r));
      g_ptr_array_add (page->names, crm_tasks_entity_name (store, crm_record_get_text (r, "entity_type"),
                                                           crm_record_get_text (r, "entity_id")));
      g_ptr_array_add (page->owners, g_strdup (owner_name));
    }
  return page;
}

static void
run_page (GTask        *task,
          gpointer      source,
          gpointer      data,
          GCancellable *cancellable)
{
  PageJob *job = data;
  g_autoptr(GError) error = NULL;
  CrmStore *store;

  g_mutex_lock (&job->worker->lock);
  if (g_cancellable_is_cancelled (cancellable) || g_atomic_int_get (&job->worker->gen) != job->gen)
    {
      g_mutex_unlock (&job->worker->lock);
      g_task_return_boolean (task, FALSE);
      return;
    }
  if ((store = worker_store (job->worker, &error)) != NULL)
    job->page_read = read_page (store, job->rids, job->n, &error);
  g_mutex_unlock (&job->worker->lock);
  if (job->page_read == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* ---- The model (UI thread) ---- */

static void
fill_item (CrmTaskModel *self,
           CrmTaskItem  *item,
           guint         position)
{
  Page *page = crm_page_cache_peek (self->pages, position / CRM_TASK_MODEL_PAGE_SIZE);
  guint i = position % CRM_TASK_MODEL_PAGE_SIZE;

  if (page == NULL || i >= page->n || page->rids[i] != crm_task_item_get_row (item)->rid)
    return;
  crm_task_item_set_task (item, g_ptr_array_index (page->tasks, i),
                          g_ptr_array_index (page->names, i), g_ptr_array_index (page->owners, i),
                          self->now_ms);
}

/* An evicted page takes the items of its rows that GTK no longer shows. */
static void
on_page_evicted (guint    page,
                 gpointer data)
{
  CrmTaskModel *self = data;
  guint start = page * CRM_TASK_MODEL_PAGE_SIZE;

  for (guint pos = start; pos < start + CRM_TASK_MODEL_PAGE_SIZE; pos++)
    g_hash_table_remove (self->items, GUINT_TO_POINTER (pos));
}

static void
on_page_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CrmTaskModel *self = CRM_TASK_MODEL (source);
  PageJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean done = g_task_propagate_boolean (G_TASK (result), &error);
  guint start;

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not read tasks: %s", error->message);
  if (!crm_page_cache_arrived (self->pages, job->page, (guint) job->gen) || !done)
    return;
  crm_page_cache_store (self->pages, job->page, g_steal_pointer (&job->page_read));
  start = job->page * CRM_TASK_MODEL_PAGE_SIZE;
  for (guint pos = start; pos < start + job->n; pos++)
    {
      CrmTaskItem *item = g_hash_table_lookup (self->items, GUINT_TO_POINTER (pos));

      if (item != NULL)
        fill_item (self, item, pos);
    }
}

static void
request_page (CrmTaskModel *self,
              guint         page)
{
  g_autoptr(GTask) task = NULL;
  PageJob *job;
  guint start = page * CRM_TASK_MODEL_PAGE_SIZE;

  if (start >= self->rows->len || !crm_page_cache_want (self->pages, page))
    return;

  job = g_new0 (PageJob, 1);
  job->worker = g_atomic_rc_box_acquire (self->worker);
  job->n = MIN (CRM_TASK_MODEL_PAGE_SIZE, self->rows->len - start);
  job->rids = g_new (gint64, job->n);
  for (guint i = 0; i < job->n; i++)
    job->rids[i] = g_array_index (self->rows, CrmTaskRow, start + i).rid;
  job->page = page;
  job->gen = (gint) crm_page_cache_get_generation (self->pages);

  task = g_task_new (self, self->cancellable, on_page_ready_cb, NULL);
  g_task_set_source_tag (task, request_page);
  g_task_set_task_data (task, job, page_job_free);
  g_task_run_in_thread (task, run_page);
}

static void
apply_rows (CrmTaskModel *self,
            GArray       *rows,
            Page         *first)
{
  guint old_n = self->rows->len;
  gboolean same = rows->len == old_n &&
                  (old_n == 0 || memcmp (rows->data, self->rows->data, old_n * sizeof (CrmTaskRow)) == 0);
  g_autoptr(GList) positions = NULL;

  g_atomic_int_set (&self->worker->gen, (gint) crm_page_cache_reset (self->pages));

  memset (self->counts, 0, sizeof self->counts);
  for (guint i = 0; i < rows->len; i++)
    {
      const CrmTaskRow *row = &g_array_index (rows, CrmTaskRow, i);

      if (row->kind == CRM_TASK_ROW_SECTION && row->list < CRM_TASK_N_LISTS)
        self->counts[row->list] = row->count;
    }

  if (first != NULL)
    {
      crm_page_cache_store (self->pages, 0, first);
    }
  if (same)
    {
      for (guint pos = 0; first != NULL && pos < first->n; pos++)
        {
          CrmTaskItem *item = g_hash_table_lookup (self->items, GUINT_TO_POINTER (pos));

          if (item != NULL)
            fill_item (self, item, pos);
        }
      positions = g_hash_table_get_keys (self->items);
      for (GList *l = positions; l != NULL; l = l->next)
        request_page (self, GPOINTER_TO_UINT (l->data) / CRM_TASK_MODEL_PAGE_SIZE);
      return;
    }
  g_hash_table_remove_all (self->items);
  g_array_set_size (self->rows, 0);
  if (old_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);
  g_array_unref (self->rows);
  self->rows = g_array_ref (rows);
  request_page (self, 0);
  if (rows->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, rows->len);
}

static void
on_query_ready_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CrmTaskModel *self = CRM_TASK_MODEL (source);
  QueryJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not list the tasks: %s", error->message);
    }
  if (job->serial != self->serial)
    return;
  self->now_ms = job->now_ms;
  if (job->rows != NULL)
    apply_rows (self, job->rows, g_steal_pointer (&job->first));
  self->loading = FALSE;
  g_signal_emit (self, signals[READY], 0);
}

/* ---- GListModel ---- */

static GType
crm_task_model_get_item_type (GListModel *model)
{
  return CRM_TYPE_TASK_ITEM;
}

static guint
crm_task_model_get_n_items (GListModel *model)
{
  return CRM_TASK_MODEL (model)->rows->len;
}

static gpointer
crm_task_model_get_item (GListModel *model,
                         guint       position)
{
  CrmTaskModel *self = CRM_TASK_MODEL (model);
  CrmTaskItem *item;
  guint page;

  if (position >= self->rows->len)
    return NULL;
  item = g_hash_table_lookup (self->items, GUINT_TO_POINTER (position));
  if (item != NULL)
    return g_object_ref (item);

  item = crm_task_item_new (&g_array_index (self->rows, CrmTaskRow, position));
  g_hash_table_insert (self->items, GUINT_TO_POINTER (position), item);
  page = position / CRM_TASK_MODEL_PAGE_SIZE;
  if (crm_page_cache_lookup (self->pages, page) != NULL)
    fill_item (self, item, position);
  else
    {
      request_page (self, page);
      request_page (self, page + 1);
    }
  return g_object_ref (item);
}

static void
crm_task_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_task_model_get_item_type;
  iface->get_n_items = crm_task_model_get_n_items;
  iface->get_item = crm_task_model_get_item;
}

/* ---- GObject ---- */

static void
crm_task_model_dispose (GObject *object)
{
  CrmTaskModel *self = CRM_TASK_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->items != NULL)
    g_hash_table_remove_all (self->items);
  if (self->pages != NULL)
    crm_page_cache_reset (self->pages);
  G_OBJECT_CLASS (crm_task_model_parent_class)->dispose (object);
}

static void
crm_task_model_finalize (GObject *object)
{
  CrmTaskModel *self = CRM_TASK_MODEL (object);

  g_clear_pointer (&self->worker, worker_unref);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->pages, crm_page_cache_free);
  g_clear_pointer (&self->rows, g_array_unref);
  G_OBJECT_CLASS (crm_task_model_parent_class)->finalize (object);
}

static void
crm_task_model_class_init (CrmTaskModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_task_model_dispose;
  object_class->finalize = crm_task_model_finalize;
  signals[READY] = g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
crm_task_model_init (CrmTaskModel *self)
{
  self->cancellable = g_cancellable_new ();
  self->rows = g_array_new (FALSE, TRUE, sizeof (CrmTaskRow));
  self->items = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->pages = crm_page_cache_new (MAX_PAGES, page_free, on_page_evicted, self);
}

/**
 * crm_task_model_new:
 * @db_path: the workspace file (the worker opens its own connection)
 *
 * Returns: (transfer full): an empty model; refresh it
 */
CrmTaskModel *
crm_task_model_new (const char *db_path)
{
  CrmTaskModel *self;
  Worker *worker;

  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (CRM_TYPE_TASK_MODEL, NULL);
  worker = g_atomic_rc_box_new0 (Worker);
  g_mutex_init (&worker->lock);
  worker->path = g_strdup (db_path);
  self->worker = worker;
  return self;
}

/**
 * crm_task_model_refresh:
 * @self: a #CrmTaskModel
 * @now_ms: now (the store's clock: a test's, or the wall clock)
 * @with_done: list the completed tasks too
 * @search: (nullable): keep the tasks whose title contains this
 *
 * Reads the rows in the worker; "ready" when they are in place.
 */
void
crm_task_model_refresh (CrmTaskModel *self,
                        gint64        now_ms,
                        gboolean      with_done,
                        const char   *search)
{
  g_autoptr(GTask) task = NULL;
  QueryJob *job;

  g_return_if_fail (CRM_IS_TASK_MODEL (self));

  job = g_new0 (QueryJob, 1);
  job->worker = g_atomic_rc_box_acquire (self->worker);
  job->now_ms = now_ms;
  job->with_done = with_done;
  job->search = g_strdup (search);
  job->serial = ++self->serial;
  g_atomic_int_set (&self->worker->serial, (gint) job->serial);
  self->loading = TRUE;

  task = g_task_new (self, self->cancellable, on_query_ready_cb, NULL);
  g_task_set_source_tag (task, crm_task_model_refresh);
  g_task_set_task_data (task, job, query_job_free);
  g_task_run_in_thread (task, run_query);
}

gboolean
crm_task_model_get_loading (CrmTaskModel *self)
{
  g_return_val_if_fail (CRM_IS_TASK_MODEL (self), FALSE);
  return self->loading;
}

/**
 * crm_task_model_get_count:
 * @self: a #CrmTaskModel
 * @list: a group
 *
 * Returns: how many tasks the group has in the current rows
 */
guint
crm_task_model_get_count (CrmTaskModel *self,
                          CrmTaskList   list)
{
  g_return_val_if_fail (CRM_IS_TASK_MODEL (self), 0);
  g_return_val_if_fail (list < CRM_TASK_N_LISTS, 0);
  return self->counts[list];
}
