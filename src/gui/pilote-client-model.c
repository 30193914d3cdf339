/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <string.h>

#include "pilote-client-model.h"

/*
 * The clients of the list, read from the file a page at a time as the
 * view asks for them: only the pages shown (and a few around) are in
 * memory. The number of items is counted in SQL on each reload; a new
 * sort forgets the pages, which are read again in the new order.
 */

#define PAGE_SIZE PILOTE_CLIENT_MODEL_PAGE_SIZE
#define MAX_PAGES 8

struct _PiloteClientItem
{
  GObject          parent_instance;
  PiloteClientRow *row;   /* NULL for a placeholder */
};

G_DEFINE_FINAL_TYPE (PiloteClientItem, pilote_client_item, G_TYPE_OBJECT)

static void
pilote_client_item_finalize (GObject *object)
{
  PiloteClientItem *self = PILOTE_CLIENT_ITEM (object);

  g_clear_pointer (&self->row, pilote_client_row_free);
  G_OBJECT_CLASS (pilote_client_item_parent_class)->finalize (object);
}

static void
pilote_client_item_class_init (PiloteClientItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pilote_client_item_finalize;
}

static void
pilote_client_item_init (PiloteClientItem *self)
{
}

/**
 * pilote_client_item_get_row:
 *
 * Returns: (nullable): what the line shows, %NULL for a placeholder (a
 *   client gone since the list was counted)
 */
const PiloteClientRow *
pilote_client_item_get_row (PiloteClientItem *self)
{
  g_return_val_if_fail (PILOTE_IS_CLIENT_ITEM (self), NULL);
  return self->row;
}

struct _PiloteClientModel
{
  GObject           parent_instance;

  PiloteStore      *store;
  char             *search;
  char             *sector;
  char             *region;
  char             *tag;
  PiloteClientFilter filter;    /* its strings point to the ones above */
  PiloteClientSort  sort;
  gboolean          descending;
  guint             n_items;

  GHashTable       *pages;      /* page number → GPtrArray of items */
  GQueue            recent;     /* page numbers, most recently used first */
};

static void pilote_client_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PiloteClientModel, pilote_client_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pilote_client_model_list_model_init))

static void
clear_pages (PiloteClientModel *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->recent);
}

static GPtrArray *
load_page (PiloteClientModel *self,
           guint              page)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->store != NULL)
    rows = pilote_client_list (self->store, &self->filter, self->sort, self->descending,
                               PAGE_SIZE, page * PAGE_SIZE, &error);
  if (error != NULL)
    g_debug ("Could not read a page of clients: %s", error->message);
  if (rows == NULL)
    return items;
  g_ptr_array_set_free_func (rows, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      PiloteClientItem *item = g_object_new (PILOTE_TYPE_CLIENT_ITEM, NULL);

      item->row = g_ptr_array_index (rows, i);
      g_ptr_array_add (items, item);
    }
  return items;
}

static GPtrArray *
get_page (PiloteClientModel *self,
          guint              page)
{
  GPtrArray *items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));

  if (items != NULL)
    {
      g_queue_remove (&self->recent, GUINT_TO_POINTER (page));
      g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));
      return items;
    }
  items = load_page (self, page);
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
  g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));
  while (self->recent.length > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->recent));
  return items;
}

static GType
pilote_client_model_get_item_type (GListModel *model)
{
  return PILOTE_TYPE_CLIENT_ITEM;
}

static guint
pilote_client_model_get_n_items (GListModel *model)
{
  return PILOTE_CLIENT_MODEL (model)->n_items;
}

static gpointer
pilote_client_model_get_item (GListModel *model,
                              guint       position)
{
  PiloteClientModel *self = PILOTE_CLIENT_MODEL (model);
  GPtrArray *items;

  if (position >= self->n_items)
    return NULL;
  items = get_page (self, position / PAGE_SIZE);
  if (position % PAGE_SIZE < items->len)
    return g_object_ref (g_ptr_array_index (items, position % PAGE_SIZE));
  return g_object_new (PILOTE_TYPE_CLIENT_ITEM, NULL);
}

static void
pilote_client_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pilote_client_model_get_item_type;
  iface->get_n_items = pilote_client_model_get_n_items;
  iface->get_item = pilote_client_model_get_item;
}

static void
clear_filter (PiloteClientModel *self)
{
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->sector, g_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->tag, g_free);
  pilote_client_filter_init (&self->filter);
}

static void
pilote_client_model_finalize (GObject *object)
{
  PiloteClientModel *self = PILOTE_CLIENT_MODEL (object);

  clear_pages (self);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_object (&self->store);
  clear_filter (self);
  G_OBJECT_CLASS (pilote_client_model_parent_class)->finalize (object);
}

static void
pilote_client_model_class_init (PiloteClientModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pilote_client_model_finalize;
}

static void
pilote_client_model_init (PiloteClientModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->recent);
  pilote_client_filter_init (&self->filter);
}

PiloteClientModel *
pilote_client_model_new (void)
{
  return g_object_new (PILOTE_TYPE_CLIENT_MODEL, NULL);
}

/**
 * pilote_client_model_reload:
 * @store: (nullable): the file to read
 * @filter: (nullable): which clients
 *
 * Counts the clients the filter finds, forgets the pages read so far and
 * announces that every item changed. On error the list is empty.
 */
gboolean
pilote_client_model_reload (PiloteClientModel         *self,
                            PiloteStore               *store,
                            const PiloteClientFilter  *filter,
                            GError                   **error)
{
  gint64 count = 0;

  g_return_val_if_fail (PILOTE_IS_CLIENT_MODEL (self), FALSE);
  g_return_val_if_fail (store == NULL || PILOTE_IS_STORE (store), FALSE);

  if (store != NULL)
    count = pilote_client_count (store, filter, error);
  pilote_client_model_set_results (self, store, filter, MAX (count, 0), NULL);
  return count >= 0;
}

/**
 * pilote_client_model_set_results:
 * @store: (nullable): the file the next pages are read from
 * @filter: (nullable): which clients
 * @count: how many clients the filter finds
 * @first_page: (nullable) (transfer full) (element-type PiloteClientRow):
 *   the first page, when it was read already (in a worker thread)
 *
 * Shows the clients a filter found: forgets the pages read so far and
 * announces that every item changed.
 */
void
pilote_client_model_set_results (PiloteClientModel        *self,
                                 PiloteStore              *store,
                                 const PiloteClientFilter *filter,
                                 gint64                    count,
                                 GPtrArray                *first_page)
{
  guint old_n_items;

  g_return_if_fail (PILOTE_IS_CLIENT_MODEL (self));

  g_set_object (&self->store, store);
  clear_filter (self);
  if (filter != NULL)
    {
      self->filter = *filter;
      self->search = g_strdup (filter->search);
      self->sector = g_strdup (filter->sector);
      self->region = g_strdup (filter->region);
      self->tag = g_strdup (filter->tag);
      self->filter.search = self->search;
      self->filter.sector = self->sector;
      self->filter.region = self->region;
      self->filter.tag = self->tag;
    }
  clear_pages (self);
  if (first_page != NULL)
    {
      GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

      g_ptr_array_set_free_func (first_page, NULL);
      for (guint i = 0; i < first_page->len; i++)
        {
          PiloteClientItem *item = g_object_new (PILOTE_TYPE_CLIENT_ITEM, NULL);

          item->row = g_ptr_array_index (first_page, i);
          g_ptr_array_add (items, item);
        }
      g_ptr_array_unref (first_page);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (0), items);
      g_queue_push_head (&self->recent, GUINT_TO_POINTER (0));
    }
  old_n_items = self->n_items;
  self->n_items = store != NULL && count > 0 ? (guint) count : 0;
  if (old_n_items > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);
}

void
pilote_client_model_set_sort (PiloteClientModel *self,
                              PiloteClientSort   sort,
                              gboolean           descending)
{
  g_return_if_fail (PILOTE_IS_CLIENT_MODEL (self));
  g_return_if_fail (sort < PILOTE_CLIENT_N_SORTS);

  if (self->sort == sort && self->descending == descending)
    return;
  self->sort = sort;
  self->descending = descending;
  clear_pages (self);
  if (self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, self->n_items, self->n_items);
}

PiloteClientSort
pilote_client_model_get_sort (PiloteClientModel *self,
                              gboolean          *descending)
{
  g_return_val_if_fail (PILOTE_IS_CLIENT_MODEL (self), PILOTE_CLIENT_SORT_NAME);
  if (descending != NULL)
    *descending = self->descending;
  return self->sort;
}

/**
 * pilote_client_model_find:
 *
 * Returns: the position of @client_id among the pages read, or
 *   %GTK_INVALID_LIST_POSITION
 */
guint
pilote_client_model_find (PiloteClientModel *self,
                          gint64             client_id)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (PILOTE_IS_CLIENT_MODEL (self), G_MAXUINT);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *items = value;

      for (guint i = 0; i < items->len; i++)
        {
          PiloteClientItem *item = g_ptr_array_index (items, i);

          if (item->row != NULL && item->row->id == client_id)
            return GPOINTER_TO_UINT (key) * PAGE_SIZE + i;
        }
    }
  return G_MAXUINT;
}
