/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-board-model"

#include "config.h"

#include "crm-board-model.h"

#include <string.h>

#include "crm-page-cache.h"
#include "crm-store.h"
#include "crm-store-reader.h"

/*
 * A board column as a GListModel (PERF.md): the column's rids in card
 * order (8 bytes a card) plus a small cache of pages of card fields, read
 * in a worker thread on the board's reader connection; get_item() never
 * runs SQL. Items are found again by rid (weakly held: GTK keeps the ones
 * on screen alive), so a local move — one remove here, one insert there —
 * keeps every visible card filled in while the pages are re-read.
 */

#define MAX_PAGES 24
/* Above this many rows on both sides, a change is announced as remove-all
 * then add-all rather than one big replace (PERF.md). */
#define BIG_CHANGE 4096

struct _CrmBoardWorker
{
  GMutex    lock;
  char     *path;
  CrmStore *store;
};

typedef struct
{
  CrmBoardWorker *worker;
  gint64         *rids;
  guint           n_rids;
  guint           page;
  guint           gen;
  GPtrArray      *cards;
} PageJob;

typedef struct
{
  CrmBoardWorker *worker;
  GStrv           stage_ids;
  char           *owner_id;
  char           *channel_id;
  char           *temperature;
  char           *text;
} LoadJob;

struct _CrmBoardModel
{
  GObject         parent_instance;

  CrmBoardWorker *worker;
  char           *stage_id;
  GCancellable   *cancellable;
  GArray         *rids;
  gint64          sum;
  GHashTable     *items;    /* rid → CrmBoardItem, weak */
  CrmPageCache   *pages;    /* page → GPtrArray of CrmBoardCard */
};

static void crm_board_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmBoardModel, crm_board_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      crm_board_model_list_model_init))

enum { PROP_0, PROP_N_ITEMS, PROP_SUM, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* ---- The worker (any thread) ---- */

static void
worker_clear (gpointer data)
{
  CrmBoardWorker *worker = data;

  g_clear_object (&worker->store);
  g_free (worker->path);
  g_mutex_clear (&worker->lock);
}

CrmBoardWorker *
crm_board_worker_new (const char *db_path)
{
  CrmBoardWorker *worker = g_atomic_rc_box_new0 (CrmBoardWorker);

  g_mutex_init (&worker->lock);
  worker->path = g_strdup (db_path);
  return worker;
}

CrmBoardWorker *
crm_board_worker_ref (CrmBoardWorker *worker)
{
  return g_atomic_rc_box_acquire (worker);
}

void
crm_board_worker_unref (CrmBoardWorker *worker)
{
  g_atomic_rc_box_release_full (worker, worker_clear);
}

/* Called with the lock held. */
static CrmStore *
worker_store (CrmBoardWorker  *worker,
              GError         **error)
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
column_result_free (gpointer data)
{
  CrmBoardColumnResult *result = data;

  g_free (result->stage_id);
  g_clear_pointer (&result->rids, g_array_unref);
  g_clear_pointer (&result->first, g_ptr_array_unref);
  g_free (result);
}

static void
load_job_free (gpointer data)
{
  LoadJob *job = data;

  crm_board_worker_unref (job->worker);
  g_strfreev (job->stage_ids);
  g_free (job->owner_id);
  g_free (job->channel_id);
  g_free (job->temperature);
  g_free (job->text);
  g_free (job);
}

static void
run_load (GTask        *task,
          gpointer      source,
          gpointer      data,
          GCancellable *cancellable)
{
  LoadJob *job = data;
  CrmBoardFilter filter = { job->owner_id, job->channel_id, job->temperature, job->text };
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (column_result_free);
  g_autoptr(GArray) text_rids = NULL;
  g_autoptr(GError) error = NULL;
  CrmStore *store;

  g_mutex_lock (&job->worker->lock);
  if (g_task_return_error_if_cancelled (task))
    {
      g_mutex_unlock (&job->worker->lock);
      return;
    }
  if (!(store = worker_store (job->worker, &error)))
    goto fail;
  text_rids = crm_board_text_rids (store, &filter, &error);
  if (error != NULL)
    goto fail;
  for (guint i = 0; job->stage_ids[i] != NULL; i++)
    {
      CrmBoardColumnResult *result = g_new0 (CrmBoardColumnResult, 1);
      guint n;

      result->stage_id = g_strdup (job->stage_ids[i]);
      g_ptr_array_add (out, result);
      if (!(result->rids = crm_board_column_rids (store, result->stage_id, &filter, text_rids,
                                                  &result->value_sum, &error)))
        goto fail;
      /* The first page comes with the ids, so the board's first frame
       * shows real cards. */
      n = MIN (result->rids->len, CRM_BOARD_MODEL_PAGE_SIZE);
      result->first = crm_board_fetch_cards (store, (gint64 *) (gpointer) result->rids->data, n, NULL);
    }
  g_mutex_unlock (&job->worker->lock);
  g_task_return_pointer (task, g_steal_pointer (&out), (GDestroyNotify) g_ptr_array_unref);
  return;

fail:
  g_mutex_unlock (&job->worker->lock);
  g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * crm_board_load_async:
 * @worker: the board's reader
 * @stage_ids: the columns
 * @filter: (nullable): what to narrow them to
 *
 * Reads every column in the worker: the search text runs once, then each
 * column's rids and first page.
 */
void
crm_board_load_async (CrmBoardWorker       *worker,
                      const char *const    *stage_ids,
                      const CrmBoardFilter *filter,
                      GCancellable         *cancellable,
                      GAsyncReadyCallback   callback,
                      gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  LoadJob *job = g_new0 (LoadJob, 1);

  job->worker = crm_board_worker_ref (worker);
  job->stage_ids = g_strdupv ((GStrv) stage_ids);
  if (filter != NULL)
    {
      job->owner_id = g_strdup (filter->owner_id);
      job->channel_id = g_strdup (filter->channel_id);
      job->temperature = g_strdup (filter->temperature);
      job->text = g_strdup (filter->text);
    }
  g_task_set_source_tag (task, crm_board_load_async);
  g_task_set_task_data (task, job, load_job_free);
  g_task_run_in_thread (task, run_load);
}

/**
 * crm_board_load_finish:
 * Returns: (transfer full) (element-type CrmBoardColumnResult): the columns
 */
GPtrArray *
crm_board_load_finish (GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
page_job_free (gpointer data)
{
  PageJob *job = data;

  crm_board_worker_unref (job->worker);
  g_free (job->rids);
  g_clear_pointer (&job->cards, g_ptr_array_unref);
  g_free (job);
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
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_mutex_unlock (&job->worker->lock);
      g_task_return_boolean (task, FALSE);
      return;
    }
  if ((store = worker_store (job->worker, &error)) != NULL)
    job->cards = crm_board_fetch_cards (store, job->rids, job->n_rids, &error);
  g_mutex_unlock (&job->worker->lock);
  if (job->cards == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* ---- The model (UI thread) ---- */

static void
on_item_finalized (gpointer  data,
                   GObject  *where_the_object_was)
{
  CrmBoardModel *self = data;
  CrmBoardItem *item = (CrmBoardItem *) where_the_object_was;
  gint64 rid = crm_board_item_get_rid (item);

  if (g_hash_table_lookup (self->items, &rid) == item)
    g_hash_table_remove (self->items, &rid);
}

static void
store_page (CrmBoardModel *self,
            guint          page,
            GPtrArray     *cards)
{
  crm_page_cache_store (self->pages, page, g_ptr_array_ref (cards));
  for (guint i = 0; i < cards->len; i++)
    {
      CrmBoardCard *card = g_ptr_array_index (cards, i);
      CrmBoardItem *item;

      if (card == NULL)
        continue;
      if ((item = g_hash_table_lookup (self->items, &card->rid)) != NULL)
        crm_board_item_set_card (item, card);
    }
}

static void
on_page_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CrmBoardModel *self = CRM_BOARD_MODEL (source);
  PageJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean done = g_task_propagate_boolean (G_TASK (result), &error);

  if (!crm_page_cache_arrived (self->pages, job->page, job->gen))
    return;
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the cards of a column: %s", error->message);
      return;
    }
  if (done && job->cards != NULL)
    store_page (self, job->page, job->cards);
}

static void
request_page (CrmBoardModel *self,
              guint          page)
{
  g_autoptr(GTask) task = NULL;
  guint start = page * CRM_BOARD_MODEL_PAGE_SIZE;
  PageJob *job;

  if (start >= self->rids->len || !crm_page_cache_want (self->pages, page))
    return;

  job = g_new0 (PageJob, 1);
  job->worker = crm_board_worker_ref (self->worker);
  job->n_rids = MIN (CRM_BOARD_MODEL_PAGE_SIZE, self->rids->len - start);
  job->rids = g_memdup2 (&g_array_index (self->rids, gint64, start), job->n_rids * sizeof (gint64));
  job->page = page;
  job->gen = crm_page_cache_get_generation (self->pages);

  task = g_task_new (self, self->cancellable, on_page_ready_cb, NULL);
  g_task_set_source_tag (task, request_page);
  g_task_set_task_data (task, job, page_job_free);
  g_task_run_in_thread (task, run_page);
}

/* The rows moved under the page numbers: forget the pages (the items on
 * screen keep their cards until fresh ones arrive). */
static void
new_generation (CrmBoardModel *self)
{
  crm_page_cache_reset (self->pages);
}

/* Re-read the cards GTK holds, for values that changed. */
static void
refresh_live_items (CrmBoardModel *self)
{
  if (g_hash_table_size (self->items) == 0)
    return;
  for (guint i = 0; i < self->rids->len; i++)
    {
      gint64 rid = g_array_index (self->rids, gint64, i);

      if (g_hash_table_contains (self->items, &rid))
        request_page (self, i / CRM_BOARD_MODEL_PAGE_SIZE);
    }
}

static void
set_sum (CrmBoardModel *self,
         gint64         sum)
{
  if (self->sum == sum)
    return;
  self->sum = sum;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUM]);
}

/* ---- GListModel ---- */

static GType
crm_board_model_get_item_type (GListModel *model)
{
  return CRM_TYPE_BOARD_ITEM;
}

static guint
crm_board_model_get_n_items (GListModel *model)
{
  return CRM_BOARD_MODEL (model)->rids->len;
}

static gpointer
crm_board_model_get_item (GListModel *model,
                          guint       position)
{
  CrmBoardModel *self = CRM_BOARD_MODEL (model);
  guint page_no = position / CRM_BOARD_MODEL_PAGE_SIZE;
  CrmBoardItem *item;
  GPtrArray *page;
  gint64 rid;

  if (position >= self->rids->len)
    return NULL;
  rid = g_array_index (self->rids, gint64, position);
  page = crm_page_cache_lookup (self->pages, page_no);

  item = g_hash_table_lookup (self->items, &rid);
  if (item != NULL)
    {
      if (page == NULL && crm_board_item_get_card (item) == NULL)
        request_page (self, page_no);
      return g_object_ref (item);
    }

  item = crm_board_item_new (rid);
  g_hash_table_insert (self->items, g_memdup2 (&rid, sizeof rid), item);
  g_object_weak_ref (G_OBJECT (item), on_item_finalized, self);
  if (page != NULL)
    crm_board_item_set_card (item, g_ptr_array_index (page, position % CRM_BOARD_MODEL_PAGE_SIZE));
  else
    {
      request_page (self, page_no);
      /* Columns mostly scroll down: read the next page too. */
      request_page (self, page_no + 1);
    }
  return item;
}

static void
crm_board_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_board_model_get_item_type;
  iface->get_n_items = crm_board_model_get_n_items;
  iface->get_item = crm_board_model_get_item;
}

/* ---- GObject ---- */

static void
crm_board_model_dispose (GObject *object)
{
  CrmBoardModel *self = CRM_BOARD_MODEL (object);
  GHashTableIter iter;
  gpointer item;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->items != NULL)
    {
      g_hash_table_iter_init (&iter, self->items);
      while (g_hash_table_iter_next (&iter, NULL, &item))
        g_object_weak_unref (item, on_item_finalized, self);
      g_hash_table_remove_all (self->items);
    }
  if (self->pages != NULL)
    crm_page_cache_reset (self->pages);
  G_OBJECT_CLASS (crm_board_model_parent_class)->dispose (object);
}

static void
crm_board_model_finalize (GObject *object)
{
  CrmBoardModel *self = CRM_BOARD_MODEL (object);

  g_clear_pointer (&self->worker, crm_board_worker_unref);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->pages, crm_page_cache_free);
  g_clear_pointer (&self->rids, g_array_unref);
  g_free (self->stage_id);
  G_OBJECT_CLASS (crm_board_model_parent_class)->finalize (object);
}

static void
crm_board_model_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrmBoardModel *self = CRM_BOARD_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->rids->len);
      break;
    case PROP_SUM:
      g_value_set_int64 (value, self->sum);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_board_model_class_init (CrmBoardModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_board_model_dispose;
  object_class->finalize = crm_board_model_finalize;
  object_class->get_property = crm_board_model_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUM] =
    g_param_spec_int64 ("sum", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_board_model_init (CrmBoardModel *self)
{
  self->cancellable = g_cancellable_new ();
  self->rids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->pages = crm_page_cache_new (MAX_PAGES, (GDestroyNotify) g_ptr_array_unref, NULL, NULL);
}

CrmBoardModel *
crm_board_model_new (CrmBoardWorker *worker,
                     const char     *stage_id)
{
  CrmBoardModel *self;

  g_return_val_if_fail (worker != NULL, NULL);
  g_return_val_if_fail (stage_id != NULL, NULL);

  self = g_object_new (CRM_TYPE_BOARD_MODEL, NULL);
  self->worker = crm_board_worker_ref (worker);
  self->stage_id = g_strdup (stage_id);
  return self;
}

const char *
crm_board_model_get_stage_id (CrmBoardModel *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_MODEL (self), NULL);
  return self->stage_id;
}

gint64
crm_board_model_get_sum (CrmBoardModel *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_MODEL (self), 0);
  return self->sum;
}

gint64
crm_board_model_get_rid (CrmBoardModel *self,
                         guint          position)
{
  g_return_val_if_fail (CRM_IS_BOARD_MODEL (self), 0);
  return position < self->rids->len ? g_array_index (self->rids, gint64, position) : 0;
}

/**
 * crm_board_model_find:
 * Returns: the position of @rid, or -1
 */
gint
crm_board_model_find (CrmBoardModel *self,
                      gint64         rid)
{
  g_return_val_if_fail (CRM_IS_BOARD_MODEL (self), -1);

  for (guint i = 0; i < self->rids->len; i++)
    if (g_array_index (self->rids, gint64, i) == rid)
      return (gint) i;
  return -1;
}

/**
 * crm_board_model_peek_card:
 * Returns: (transfer none) (nullable): the card at @position if it is read
 */
CrmBoardCard *
crm_board_model_peek_card (CrmBoardModel *self,
                           guint          position)
{
  GPtrArray *page;
  CrmBoardItem *item;
  gint64 rid;

  g_return_val_if_fail (CRM_IS_BOARD_MODEL (self), NULL);

  if (position >= self->rids->len)
    return NULL;
  rid = g_array_index (self->rids, gint64, position);
  if ((item = g_hash_table_lookup (self->items, &rid)) != NULL && crm_board_item_get_card (item) != NULL)
    return crm_board_item_get_card (item);
  page = crm_page_cache_peek (self->pages, position / CRM_BOARD_MODEL_PAGE_SIZE);
  return page != NULL ? g_ptr_array_index (page, position % CRM_BOARD_MODEL_PAGE_SIZE) : NULL;
}

/**
 * crm_board_model_apply:
 * @result: the column's new rows
 *
 * Puts a (re)load in place: the same rows keep their items and scroll
 * position and have their cards re-read; changed rows are announced as
 * the changed stretch between the common head and tail.
 */
void
crm_board_model_apply (CrmBoardModel              *self,
                       const CrmBoardColumnResult *result)
{
  GArray *rids = result->rids;
  guint old_n = self->rids->len, new_n = rids->len;
  guint head = 0, tail = 0;
  const gint64 *a = (const gint64 *) (gpointer) self->rids->data;
  const gint64 *b = (const gint64 *) (gpointer) rids->data;

  g_return_if_fail (CRM_IS_BOARD_MODEL (self));

  while (head < old_n && head < new_n && a[head] == b[head])
    head++;
  while (tail < old_n - head && tail < new_n - head && a[old_n - 1 - tail] == b[new_n - 1 - tail])
    tail++;

  new_generation (self);
  set_sum (self, result->value_sum);
  if (head == old_n && head == new_n)
    {
      if (result->first != NULL)
        store_page (self, 0, result->first);
      refresh_live_items (self);
      return;
    }
  if (old_n - head - tail > BIG_CHANGE && new_n - head - tail > BIG_CHANGE)
    {
      /* Look empty while the removal is announced, full while the
       * addition is. */
      g_array_set_size (self->rids, 0);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);
      g_array_append_vals (self->rids, rids->data, new_n);
      if (result->first != NULL)
        store_page (self, 0, result->first);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, new_n);
    }
  else
    {
      g_array_set_size (self->rids, 0);
      g_array_append_vals (self->rids, rids->data, new_n);
      if (result->first != NULL)
        store_page (self, 0, result->first);
      gint64 t = g_get_monotonic_time ();
      g_list_model_items_changed (G_LIST_MODEL (self), head, old_n - head - tail, new_n - head - tail);
      g_debug ("items-changed %u -%u +%u: %.1f ms", head, old_n - head - tail, new_n - head - tail,
               (g_get_monotonic_time () - t) / 1000.0);
    }
  refresh_live_items (self);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* A card leaves the column after a move (before the reload confirms). */
void
crm_board_model_remove (CrmBoardModel *self,
                        guint          position)
{
  CrmBoardCard *card;

  g_return_if_fail (CRM_IS_BOARD_MODEL (self));
  g_return_if_fail (position < self->rids->len);

  card = crm_board_model_peek_card (self, position);
  if (card != NULL && card->has_value)
    set_sum (self, self->sum - card->value);
  g_array_remove_index (self->rids, position);
  new_generation (self);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* A card enters the column at @position, with the fields it had. */
void
crm_board_model_insert (CrmBoardModel *self,
                        guint          position,
                        gint64         rid,
                        CrmBoardCard  *card)
{
  CrmBoardItem *item;

  g_return_if_fail (CRM_IS_BOARD_MODEL (self));

  position = MIN (position, self->rids->len);
  g_array_insert_val (self->rids, position, rid);
  if (card != NULL && card->has_value)
    set_sum (self, self->sum + card->value);
  if (card != NULL && (item = g_hash_table_lookup (self->items, &rid)) != NULL)
    crm_board_item_set_card (item, card);
  new_generation (self);
  if (card != NULL)
    {
      /* A one-card page is not a page; keep the card on a fresh item. */
      item = g_hash_table_lookup (self->items, &rid);
      if (item == NULL)
        {
          item = crm_board_item_new (rid);
          crm_board_item_set_card (item, card);
          g_hash_table_insert (self->items, g_memdup2 (&rid, sizeof rid), item);
          g_object_weak_ref (G_OBJECT (item), on_item_finalized, self);
          /* Held until GTK asks for it in items-changed below. */
          g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
          g_object_unref (item);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
          return;
        }
    }
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

guint
crm_board_model_get_n_pages_cached (CrmBoardModel *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_MODEL (self), 0);
  return crm_page_cache_get_n_pages (self->pages);
}
