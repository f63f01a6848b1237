/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-page-cache"

#include "config.h"

#include "crm-page-cache.h"

struct _CrmPageCache
{
  GHashTable       *pages;     /* page number → the caller's page */
  GHashTable       *pending;   /* page numbers asked for */
  GQueue            lru;       /* page numbers, most recent first */
  guint             max_pages;
  guint             generation;
  CrmPageEvictFunc  evicted;
  gpointer          user_data;
};

/**
 * crm_page_cache_new:
 * @max_pages: how many pages to keep
 * @free_page: frees a page the cache drops
 * @evicted: (nullable): told after a page was dropped to make room
 * @user_data: for @evicted
 *
 * Returns: (transfer full): an empty cache, generation 0
 */
CrmPageCache *
crm_page_cache_new (guint             max_pages,
                    GDestroyNotify    free_page,
                    CrmPageEvictFunc  evicted,
                    gpointer          user_data)
{
  CrmPageCache *self = g_new0 (CrmPageCache, 1);

  self->pages = g_hash_table_new_full (NULL, NULL, NULL, free_page);
  self->pending = g_hash_table_new (NULL, NULL);
  g_queue_init (&self->lru);
  self->max_pages = MAX (max_pages, 1);
  self->evicted = evicted;
  self->user_data = user_data;
  return self;
}

void
crm_page_cache_free (CrmPageCache *self)
{
  if (self == NULL)
    return;
  g_queue_clear (&self->lru);
  g_hash_table_unref (self->pages);
  g_hash_table_unref (self->pending);
  g_free (self);
}

static void
touch (CrmPageCache *self,
       guint         page)
{
  GList *link = g_queue_find (&self->lru, GUINT_TO_POINTER (page));

  if (link != NULL && link == self->lru.head)
    return;
  if (link != NULL)
    g_queue_unlink (&self->lru, link);
  else
    link = g_list_alloc ();
  link->data = GUINT_TO_POINTER (page);
  g_queue_push_head_link (&self->lru, link);
}

/**
 * crm_page_cache_lookup:
 *
 * Returns: (transfer none) (nullable): the page, now the most recently used
 */
gpointer
crm_page_cache_lookup (CrmPageCache *self,
                       guint         page)
{
  gpointer data = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));

  if (data != NULL)
    touch (self, page);
  return data;
}

/**
 * crm_page_cache_peek:
 *
 * Returns: (transfer none) (nullable): the page, its place in the order kept
 */
gpointer
crm_page_cache_peek (CrmPageCache *self,
                     guint         page)
{
  return g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
}

/**
 * crm_page_cache_want:
 *
 * Returns: %TRUE when @page is neither cached nor asked for already; it is
 *   then marked as asked for, and the caller reads it
 */
gboolean
crm_page_cache_want (CrmPageCache *self,
                     guint         page)
{
  if (g_hash_table_contains (self->pages, GUINT_TO_POINTER (page)) ||
      g_hash_table_contains (self->pending, GUINT_TO_POINTER (page)))
    return FALSE;
  g_hash_table_add (self->pending, GUINT_TO_POINTER (page));
  return TRUE;
}

/**
 * crm_page_cache_arrived:
 * @generation: the generation the page was asked for in
 *
 * An answer came back, a page or an error.
 *
 * Returns: %TRUE if it still matters (asked for in this generation)
 */
gboolean
crm_page_cache_arrived (CrmPageCache *self,
                        guint         page,
                        guint         generation)
{
  if (generation != self->generation)
    return FALSE;
  g_hash_table_remove (self->pending, GUINT_TO_POINTER (page));
  return TRUE;
}

/**
 * crm_page_cache_store:
 * @data: (transfer full): the page
 *
 * Keeps @data as the most recently used page, dropping the least recently
 * used ones beyond the limit.
 */
void
crm_page_cache_store (CrmPageCache *self,
                      guint         page,
                      gpointer      data)
{
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), data);
  touch (self, page);
  while (self->lru.length > self->max_pages)
    {
      guint old = GPOINTER_TO_UINT (g_queue_pop_tail (&self->lru));

      g_hash_table_remove (self->pages, GUINT_TO_POINTER (old));
      if (self->evicted != NULL)
        self->evicted (old, self->user_data);
    }
}

/**
 * crm_page_cache_reset:
 *
 * The rows moved under the page numbers: forgets every page and request.
 *
 * Returns: the new generation
 */
guint
crm_page_cache_reset (CrmPageCache *self)
{
  self->generation++;
  g_hash_table_remove_all (self->pages);
  g_hash_table_remove_all (self->pending);
  g_queue_clear (&self->lru);
  return self->generation;
}

guint
crm_page_cache_get_generation (CrmPageCache *self)
{
  return self->generation;
}

guint
crm_page_cache_get_n_pages (CrmPageCache *self)
{
  return g_hash_table_size (self->pages);
}
