/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-record-model"

#include "config.h"

#include "crm-record-model.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "crm-page-cache.h"
#include "crm-store.h"
#include "crm-store-reader.h"

/*
 * A GListModel over a CrmQuery that stays smooth with a million rows
 * (PERF.md): the query's id array (8 bytes a row) plus a small page cache.
 * Everything that touches SQLite runs in a worker thread on the worker's
 * own CrmStore connection (WAL lets it read while the UI connection
 * writes); get_item() never runs SQL: it hands out a CrmRecordItem that
 * gets its record when the page arrives. A new result set rewrites the
 * items on screen in place and announces only the change of length (see
 * apply_result()). Ids are kept in 4 bytes when they fit (4 MB for a
 * million rows).
 */

/* 1,024 rows, thirty-odd screens to scroll back through: a lead's record
 * holds all its columns (about 6 KB), so 48 pages were 18 MB. */
#define MAX_PAGES 16

/* A freed id array of this many rows is worth giving back to the system. */
#define BIG_RESULT 65536

typedef struct
{
  GMutex     lock;
  char      *path;
  CrmStore  *store;
  gint       gen;     /* atomic: the model's current generation */
  gint       serial;  /* atomic: the newest query asked for */
  GThreadPool *pool;  /* one thread; made with the first job */
} Worker;

typedef struct
{
  Worker   *worker;
  char     *table;
  CrmQuery *query;
  guint     serial;
  GArray   *rids;
  gboolean  capped;
  GPtrArray *first;
} QueryJob;

typedef struct
{
  Worker   *worker;
  CrmQuery *query;
  guint     serial;
  gint64    count;
} CountJob;

typedef struct
{
  Worker    *worker;
  char      *table;
  gint64    *rids;
  guint      n_rids;
  guint      page;
  gint       gen;
  GPtrArray *records;
} PageJob;

struct _CrmRecordModel
{
  GObject       parent_instance;

  char         *table;
  Worker       *worker;
  GCancellable *cancellable;

  GArray       *rids;
  GHashTable   *items;     /* position → CrmRecordItem */
  CrmPageCache *pages;     /* page → GPtrArray of CrmRecord (NULL holes) */
  guint         serial;
  gboolean      loading;
  gboolean      capped;
  gint64        count;     /* a count-only query's answer, -1 after rows */
};

static void crm_record_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmRecordModel, crm_record_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      crm_record_model_list_model_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_LOADING,
  N_PROPS
};

enum {
  READY,
  REPLACED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];


/* ---- The worker (any thread) ---- */

static void
worker_clear (gpointer data)
{
  Worker *worker = data;

  if (worker->pool != NULL)
    g_thread_pool_free (worker->pool, FALSE, FALSE);
  g_clear_object (&worker->store);
  g_free (worker->path);
  g_mutex_clear (&worker->lock);
}

static Worker *
worker_new (const char *path)
{
  Worker *worker = g_atomic_rc_box_new0 (Worker);

  g_mutex_init (&worker->lock);
  worker->path = g_strdup (path);
  return worker;
}

static void
worker_unref (Worker *worker)
{
  g_atomic_rc_box_release_full (worker, worker_clear);
}

/* Called with the lock held. */
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
query_job_free (gpointer data)
{
  QueryJob *job = data;

  worker_unref (job->worker);
  g_free (job->table);
  crm_query_free (job->query);
  g_clear_pointer (&job->rids, g_array_unref);
  g_clear_pointer (&job->first, g_ptr_array_unref);
  g_free (job);
}

static void
page_job_free (gpointer data)
{
  PageJob *job = data;

  worker_unref (job->worker);
  g_free (job->table);
  g_free (job->rids);
  g_clear_pointer (&job->records, g_ptr_array_unref);
  g_free (job);
}

/* The rid at @pos of a model's array, which holds guint32 or gint64. */
static inline gint64
rid_at (GArray *rids,
        guint   pos)
{
  if (g_array_get_element_size (rids) == sizeof (guint32))
    return g_array_index (rids, guint32, pos);
  return g_array_index (rids, gint64, pos);
}

/* Half the memory for a million rows: rids are row numbers, and a base
 * would need four billion rows to overflow 32 bits. */
static GArray *
compact_rids (GArray *rids)
{
  GArray *small;

  for (guint i = 0; i < rids->len; i++)
    {
      gint64 rid = g_array_index (rids, gint64, i);

      if (rid < 0 || rid > G_MAXUINT32)
        return g_array_ref (rids);
    }
  small = g_array_sized_new (FALSE, FALSE, sizeof (guint32), rids->len);
  g_array_set_size (small, rids->len);
  for (guint i = 0; i < rids->len; i++)
    g_array_index (small, guint32, i) = (guint32) g_array_index (rids, gint64, i);
  return small;
}

static gboolean
same_rids (GArray *a,
           GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  if (g_array_get_element_size (a) == g_array_get_element_size (b))
    return a->len == 0 || memcmp (a->data, b->data, (gsize) a->len * g_array_get_element_size (a)) == 0;
  for (guint i = 0; i < a->len; i++)
    if (rid_at (a, i) != rid_at (b, i))
      return FALSE;
  return TRUE;
}

/* A model's jobs run on a thread of its own rather than GLib's shared
 * pool: each pool thread that allocates gets a malloc arena of its own,
 * and page records spread over a dozen arenas, freed from the UI thread,
 * left each of them fragmented (10 MB more resident after browsing a
 * million rows). A model's jobs queued on its worker's lock anyway; each
 * model keeping a thread lets the Inbox count while the Leads list reads
 * the pages being scrolled to. */
static void
run_job (gpointer data,
         gpointer user_data)
{
  GTask *task = data;
  GTaskThreadFunc func = (GTaskThreadFunc) g_object_get_data (G_OBJECT (task), "crm-job-func");

  func (task, g_task_get_source_object (task), g_task_get_task_data (task),
        g_task_get_cancellable (task));
  g_object_unref (task);
}

/* Called on the UI thread only. */
static void
run_in_worker (Worker          *worker,
               GTask           *task,
               GTaskThreadFunc  func)
{
  if (worker->pool == NULL)
    worker->pool = g_thread_pool_new (run_job, NULL, 1, TRUE, NULL);
  g_object_set_data (G_OBJECT (task), "crm-job-func", func);
  g_thread_pool_push (worker->pool, g_object_ref (task), NULL);
}

/* glibc keeps what a thread freed in that thread's arena: a million-row
 * array dropped after a search stays resident (8 MB, more as the arenas
 * fragment) until trimmed. Off the UI thread: it takes a few ms. */
static void
run_trim (GTask        *task,
          gpointer      source,
          gpointer      data,
          GCancellable *cancellable)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  g_task_return_boolean (task, TRUE);
}

static void
trim_heap (Worker *worker)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_source_tag (task, trim_heap);
  run_in_worker (worker, task, run_trim);
}

/* get_many skips rows that vanished; line the records up with the rids. */
static GPtrArray *
align_page (const gint64 *rids,
            guint         n_rids,
            GPtrArray    *records)
{
  GPtrArray *page = g_ptr_array_new_full (n_rids, g_object_unref);
  guint j = 0;

  for (guint i = 0; i < n_rids; i++)
    {
      CrmRecord *record = j < records->len ? g_ptr_array_index (records, j) : NULL;

      if (record != NULL && crm_record_get_rid (record) == rids[i])
        {
          g_ptr_array_add (page, g_object_ref (record));
          j++;
        }
      else
        g_ptr_array_add (page, NULL);
    }
  return page;
}

static void
run_query (GTask        *task,
           gpointer      source,
           gpointer      data,
           GCancellable *cancellable)
{
  QueryJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  CrmStore *store;
  guint n;

  g_mutex_lock (&job->worker->lock);
  /* Typing fast queues queries; only the newest is worth running. A
   * skipped one returns FALSE without an error. */
  if (g_atomic_int_get (&job->worker->serial) != (gint) job->serial)
    {
      g_mutex_unlock (&job->worker->lock);
      g_task_return_boolean (task, FALSE);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      g_mutex_unlock (&job->worker->lock);
      return;
    }
  if (!(store = worker_store (job->worker, &error)) ||
      !(job->rids = crm_store_query_rids_full (store, job->query, &job->capped, &error)))
    {
      g_mutex_unlock (&job->worker->lock);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* The first page comes with the ids so the list paints real rows in its
   * first frame. */
  n = MIN (job->rids->len, CRM_RECORD_MODEL_PAGE_SIZE);
  records = crm_store_get_list_rows (store, job->table, (gint64 *) (gpointer) job->rids->data, n, NULL);
  g_mutex_unlock (&job->worker->lock);

  if (records != NULL)
    job->first = align_page ((gint64 *) (gpointer) job->rids->data, n, records);
  {
    GArray *small = compact_rids (job->rids);

    g_array_unref (job->rids);
    job->rids = small;
  }
  g_task_return_boolean (task, TRUE);
}

static void
run_page (GTask        *task,
          gpointer      source,
          gpointer      data,
          GCancellable *cancellable)
{
  PageJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  CrmStore *store;

  g_mutex_lock (&job->worker->lock);
  /* A page of a result set that has been replaced meanwhile: skip it. */
  if (g_cancellable_is_cancelled (cancellable) || g_atomic_int_get (&job->worker->gen) != job->gen)
    {
      g_mutex_unlock (&job->worker->lock);
      g_task_return_boolean (task, FALSE);
      return;
    }
  if ((store = worker_store (job->worker, &error)) != NULL)
    records = crm_store_get_list_rows (store, job->table, job->rids, job->n_rids, &error);
  g_mutex_unlock (&job->worker->lock);

  if (records == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->records = align_page (job->rids, job->n_rids, records);
  g_task_return_boolean (task, TRUE);
}

static void
count_job_free (gpointer data)
{
  CountJob *job = data;

  worker_unref (job->worker);
  crm_query_free (job->query);
  g_free (job);
}

static void
run_count (GTask        *task,
           gpointer      source,
           gpointer      data,
           GCancellable *cancellable)
{
  CountJob *job = data;
  g_autoptr(GError) error = NULL;
  CrmStore *store;

  g_mutex_lock (&job->worker->lock);
  if (g_atomic_int_get (&job->worker->serial) != (gint) job->serial)
    {
      g_mutex_unlock (&job->worker->lock);
      g_task_return_boolean (task, FALSE);
      return;
    }
  if ((store = worker_store (job->worker, &error)) != NULL)
    job->count = crm_store_query_count (store, job->query, &error);
  g_mutex_unlock (&job->worker->lock);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* ---- The model (UI thread) ---- */

/* An evicted page takes the items of its rows with it, but rows on screen
 * keep theirs (GTK holds another reference): a new result rewrites those
 * items in place. */
static void
on_page_evicted (guint    page,
                 gpointer data)
{
  CrmRecordModel *self = data;
  guint start = page * CRM_RECORD_MODEL_PAGE_SIZE;
  guint end = MIN (start + CRM_RECORD_MODEL_PAGE_SIZE, self->rids->len);

  for (guint pos = start; pos < end; pos++)
    {
      GObject *item = g_hash_table_lookup (self->items, GUINT_TO_POINTER (pos));

      if (item != NULL && item->ref_count == 1)
        g_hash_table_remove (self->items, GUINT_TO_POINTER (pos));
    }
}

static void
store_page (CrmRecordModel *self,
            guint           page,
            GPtrArray      *records)
{
  guint start = page * CRM_RECORD_MODEL_PAGE_SIZE;

  crm_page_cache_store (self->pages, page, g_ptr_array_ref (records));
  for (guint i = 0; i < records->len; i++)
    {
      CrmRecordItem *item = g_hash_table_lookup (self->items, GUINT_TO_POINTER (start + i));

      if (item != NULL)
        crm_record_item_set_record (item, g_ptr_array_index (records, i));
    }
}

static void
on_page_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CrmRecordModel *self = CRM_RECORD_MODEL (source);
  PageJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean done = g_task_propagate_boolean (G_TASK (result), &error);

  if (!crm_page_cache_arrived (self->pages, job->page, (guint) job->gen))
    return;
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read rows of %s: %s", self->table, error->message);
      return;
    }
  if (done && job->records != NULL)
    store_page (self, job->page, job->records);
}

static void
request_page (CrmRecordModel *self,
              guint           page)
{
  g_autoptr(GTask) task = NULL;
  PageJob *job;
  guint start = page * CRM_RECORD_MODEL_PAGE_SIZE;

  if (start >= self->rids->len || !crm_page_cache_want (self->pages, page))
    return;

  job = g_new0 (PageJob, 1);
  job->worker = g_atomic_rc_box_acquire (self->worker);
  job->table = g_strdup (self->table);
  job->n_rids = MIN (CRM_RECORD_MODEL_PAGE_SIZE, self->rids->len - start);
  job->rids = g_new (gint64, job->n_rids);
  for (guint i = 0; i < job->n_rids; i++)
    job->rids[i] = rid_at (self->rids, start + i);
  job->page = page;
  job->gen = (gint) crm_page_cache_get_generation (self->pages);

  task = g_task_new (self, self->cancellable, on_page_ready_cb, NULL);
  g_task_set_source_tag (task, request_page);
  g_task_set_task_data (task, job, page_job_free);
  run_in_worker (self->worker, task, run_page);
}

static void
set_loading (CrmRecordModel *self,
             gboolean        loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
new_generation (CrmRecordModel *self)
{
  g_atomic_int_set (&self->worker->gen, (gint) crm_page_cache_reset (self->pages));
}

/* Re-reads the pages of the rows that have items (those GTK shows). */
static void
refill_items (CrmRecordModel *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint pos = GPOINTER_TO_UINT (key);
      guint page_no = pos / CRM_RECORD_MODEL_PAGE_SIZE;
      GPtrArray *page = crm_page_cache_peek (self->pages, page_no);

      if (page != NULL)
        crm_record_item_set_record (value, g_ptr_array_index (page, pos % CRM_RECORD_MODEL_PAGE_SIZE));
      else
        request_page (self, page_no);
    }
}

static void
apply_result (CrmRecordModel *self,
              GArray         *rids,
              GPtrArray      *first)
{
  guint old_n = self->rids->len;
  guint new_n = rids->len;
  gboolean same = same_rids (rids, self->rids);
  GHashTableIter iter;
  gpointer key, value;

  new_generation (self);

  if (same)
    {
      /* A refresh after an edit: same rows, maybe new values. Keep the
       * items (and the scroll position) and re-read their pages. */
      if (first != NULL)
        store_page (self, 0, first);
      refill_items (self);
      return;
    }

  /* A new result rewrites the items GTK holds in place and announces
   * only the change of length. GTK 4.8 never recycles row widgets: a
   * remove-all and add-all destroys and rebuilds every visible row and
   * cell (about 100 ms for a screenful), where rewriting them costs a
   * scroll frame. Items past the new end go with their rows. */
  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint pos = GPOINTER_TO_UINT (key);

      /* Items no row holds are made again when asked for. */
      if (pos >= new_n || G_OBJECT (value)->ref_count == 1)
        g_hash_table_iter_remove (&iter);
      else
        crm_record_item_reset (value, rid_at (rids, pos));
    }
  g_array_unref (self->rids);
  self->rids = g_array_ref (rids);
  if (first != NULL)
    store_page (self, 0, first);
  refill_items (self);

  if (new_n < old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);
  else if (new_n > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_signal_emit (self, signals[REPLACED], 0);
  if (MAX (old_n, new_n) >= BIG_RESULT)
    trim_heap (self->worker);
}

static void
on_query_ready_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CrmRecordModel *self = CRM_RECORD_MODEL (source);
  QueryJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Skipped for a newer query (no error), or the model went away. */
      if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not list %s: %s", self->table, error->message);
    }
  /* A newer query is on its way: this result is already stale. */
  if (job->serial != self->serial)
    return;

  if (job->rids != NULL)
    {
      self->count = -1;
      self->capped = job->capped;
      apply_result (self, job->rids, job->first);
    }
  set_loading (self, FALSE);
  g_signal_emit (self, signals[READY], 0);
}

static void
on_count_ready_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CrmRecordModel *self = CRM_RECORD_MODEL (source);
  CountJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not count %s: %s", self->table, error->message);
    }
  if (job->serial != self->serial)
    return;
  if (error == NULL)
    self->count = job->count;
  set_loading (self, FALSE);
  g_signal_emit (self, signals[READY], 0);
}

/* ---- GListModel ---- */

static GType
crm_record_model_get_item_type (GListModel *model)
{
  return CRM_TYPE_RECORD_ITEM;
}

static guint
crm_record_model_get_n_items (GListModel *model)
{
  return CRM_RECORD_MODEL (model)->rids->len;
}

static gpointer
crm_record_model_get_item (GListModel *model,
                           guint       position)
{
  CrmRecordModel *self = CRM_RECORD_MODEL (model);
  CrmRecordItem *item;
  GPtrArray *page;
  guint page_no;

  if (position >= self->rids->len)
    return NULL;

  item = g_hash_table_lookup (self->items, GUINT_TO_POINTER (position));
  if (item != NULL)
    return g_object_ref (item);

  item = crm_record_item_new (rid_at (self->rids, position));
  g_hash_table_insert (self->items, GUINT_TO_POINTER (position), item);
  page_no = position / CRM_RECORD_MODEL_PAGE_SIZE;
  page = crm_page_cache_lookup (self->pages, page_no);
  if (page != NULL)
    crm_record_item_set_record (item, g_ptr_array_index (page, position % CRM_RECORD_MODEL_PAGE_SIZE));
  else
    {
      request_page (self, page_no);
      /* Lists mostly scroll down: read the next page too, so rows arrive
       * filled in rather than as placeholders. */
      request_page (self, page_no + 1);
    }
  return g_object_ref (item);
}

static void
crm_record_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_record_model_get_item_type;
  iface->get_n_items = crm_record_model_get_n_items;
  iface->get_item = crm_record_model_get_item;
}

/* ---- GObject ---- */

static void
crm_record_model_dispose (GObject *object)
{
  CrmRecordModel *self = CRM_RECORD_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->items != NULL)
    g_hash_table_remove_all (self->items);
  if (self->pages != NULL)
    crm_page_cache_reset (self->pages);
  G_OBJECT_CLASS (crm_record_model_parent_class)->dispose (object);
}

static void
crm_record_model_finalize (GObject *object)
{
  CrmRecordModel *self = CRM_RECORD_MODEL (object);

  g_clear_pointer (&self->worker, worker_unref);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->pages, crm_page_cache_free);
  g_clear_pointer (&self->rids, g_array_unref);
  g_free (self->table);
  G_OBJECT_CLASS (crm_record_model_parent_class)->finalize (object);
}

static void
crm_record_model_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CrmRecordModel *self = CRM_RECORD_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->rids->len);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_record_model_class_init (CrmRecordModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_record_model_dispose;
  object_class->finalize = crm_record_model_finalize;
  object_class->get_property = crm_record_model_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmRecordModel::ready:
   * The last query's result is in place (also after an error).
   */
  signals[READY] = g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * CrmRecordModel::replaced:
   * A different result has taken the place of the rows. The rows on
   * screen were rewritten in place rather than removed, so a view that
   * keeps a selection or a scroll position resets them here.
   */
  signals[REPLACED] = g_signal_new ("replaced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
crm_record_model_init (CrmRecordModel *self)
{
  self->cancellable = g_cancellable_new ();
  self->count = -1;
  self->rids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->items = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->pages = crm_page_cache_new (MAX_PAGES, (GDestroyNotify) g_ptr_array_unref, on_page_evicted, self);
}

/**
 * crm_record_model_new:
 * @db_path: the workspace file (the worker opens its own connection)
 * @table: "leads", "contacts" or "clients"
 *
 * Returns: (transfer full): an empty model; give it a query
 */
CrmRecordModel *
crm_record_model_new (const char *db_path,
                      const char *table)
{
  CrmRecordModel *self;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (table != NULL, NULL);

  self = g_object_new (CRM_TYPE_RECORD_MODEL, NULL);
  self->table = g_strdup (table);
  self->worker = worker_new (db_path);
  return self;
}

const char *
crm_record_model_get_table (CrmRecordModel *self)
{
  g_return_val_if_fail (CRM_IS_RECORD_MODEL (self), NULL);
  return self->table;
}

/**
 * crm_record_model_set_query:
 * @self: a #CrmRecordModel
 * @query: (transfer full): what to list
 *
 * Runs @query in the worker; the rows change when it is done ("ready").
 * Setting the same query again refreshes the values in place.
 */
void
crm_record_model_set_query (CrmRecordModel *self,
                            CrmQuery       *query)
{
  g_autoptr(GTask) task = NULL;
  QueryJob *job;

  g_return_if_fail (CRM_IS_RECORD_MODEL (self));
  g_return_if_fail (query != NULL);

  job = g_new0 (QueryJob, 1);
  job->worker = g_atomic_rc_box_acquire (self->worker);
  job->table = g_strdup (self->table);
  job->query = query;
  job->serial = ++self->serial;
  g_atomic_int_set (&self->worker->serial, (gint) job->serial);

  set_loading (self, TRUE);
  task = g_task_new (self, self->cancellable, on_query_ready_cb, NULL);
  g_task_set_source_tag (task, crm_record_model_set_query);
  g_task_set_task_data (task, job, query_job_free);
  run_in_worker (self->worker, task, run_query);
}

gboolean
crm_record_model_get_loading (CrmRecordModel *self)
{
  g_return_val_if_fail (CRM_IS_RECORD_MODEL (self), FALSE);
  return self->loading;
}

guint
crm_record_model_get_n_pages_cached (CrmRecordModel *self)
{
  g_return_val_if_fail (CRM_IS_RECORD_MODEL (self), 0);
  return crm_page_cache_get_n_pages (self->pages);
}

/**
 * crm_record_model_get_capped:
 * @self: a #CrmRecordModel
 *
 * Returns: whether the last result stopped at the core's text search
 *   limit (%CRM_QUERY_TEXT_LIMIT): more records match than it lists
 */
gboolean
crm_record_model_get_capped (CrmRecordModel *self)
{
  g_return_val_if_fail (CRM_IS_RECORD_MODEL (self), FALSE);
  return self->capped;
}

/**
 * crm_record_model_count:
 * @self: a #CrmRecordModel
 * @query: (transfer full): what to count
 *
 * Counts the rows of @query in the worker without reading them, for a
 * badge while the list is hidden: a million ids, their pages and items
 * stay out of memory. The rows stay as they were; "ready" is emitted
 * when crm_record_model_get_count() has the answer.
 */
void
crm_record_model_count (CrmRecordModel *self,
                        CrmQuery       *query)
{
  g_autoptr(GTask) task = NULL;
  CountJob *job;

  g_return_if_fail (CRM_IS_RECORD_MODEL (self));
  g_return_if_fail (query != NULL);

  job = g_new0 (CountJob, 1);
  job->worker = g_atomic_rc_box_acquire (self->worker);
  job->query = query;
  job->serial = ++self->serial;
  g_atomic_int_set (&self->worker->serial, (gint) job->serial);

  set_loading (self, TRUE);
  task = g_task_new (self, self->cancellable, on_count_ready_cb, NULL);
  g_task_set_source_tag (task, crm_record_model_count);
  g_task_set_task_data (task, job, count_job_free);
  run_in_worker (self->worker, task, run_count);
}

/**
 * crm_record_model_get_count:
 * @self: a #CrmRecordModel
 *
 * Returns: the answer of the last crm_record_model_count(), or the
 *   number of rows once a query has read them again
 */
guint
crm_record_model_get_count (CrmRecordModel *self)
{
  g_return_val_if_fail (CRM_IS_RECORD_MODEL (self), 0);
  return self->count >= 0 ? (guint) self->count : self->rids->len;
}
