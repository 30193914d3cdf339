/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <string.h>

#include "pilote-activities-model.h"

/*
 * The agenda as one flat list for a GtkListView: for each section that
 * has activities, a header entry, then its activities. The counts come
 * from one query per reload; the activities are read from the file a page
 * at a time as the view asks for them, and only a few pages are kept. An
 * activity the file no longer has (changed by someone else since the
 * counts) is an empty placeholder until the next reload.
 */

#define PAGE_SIZE 50
#define MAX_PAGES 8

struct _PiloteActivitiesEntry
{
  GObject             parent_instance;
  PiloteAgendaBucket  bucket;
  gboolean            header;
  gint64              count;   /* of the section, for a header */
  PiloteAgendaItem   *item;    /* NULL for a header or a placeholder */
};

G_DEFINE_FINAL_TYPE (PiloteActivitiesEntry, pilote_activities_entry, G_TYPE_OBJECT)

static void
pilote_activities_entry_finalize (GObject *object)
{
  PiloteActivitiesEntry *self = PILOTE_ACTIVITIES_ENTRY (object);

  g_clear_pointer (&self->item, pilote_agenda_item_free);
  G_OBJECT_CLASS (pilote_activities_entry_parent_class)->finalize (object);
}

static void
pilote_activities_entry_class_init (PiloteActivitiesEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pilote_activities_entry_finalize;
}

static void
pilote_activities_entry_init (PiloteActivitiesEntry *self)
{
}

static PiloteActivitiesEntry *
entry_new (PiloteAgendaBucket  bucket,
           gboolean            header,
           gint64              count,
           PiloteAgendaItem   *item)
{
  PiloteActivitiesEntry *self = g_object_new (PILOTE_TYPE_ACTIVITIES_ENTRY, NULL);

  self->bucket = bucket;
  self->header = header;
  self->count = count;
  self->item = item;
  return self;
}

PiloteAgendaBucket
pilote_activities_entry_get_bucket (PiloteActivitiesEntry *self)
{
  g_return_val_if_fail (PILOTE_IS_ACTIVITIES_ENTRY (self), PILOTE_AGENDA_LATER);
  return self->bucket;
}

gboolean
pilote_activities_entry_is_header (PiloteActivitiesEntry *self)
{
  g_return_val_if_fail (PILOTE_IS_ACTIVITIES_ENTRY (self), FALSE);
  return self->header;
}

gint64
pilote_activities_entry_get_count (PiloteActivitiesEntry *self)
{
  g_return_val_if_fail (PILOTE_IS_ACTIVITIES_ENTRY (self), 0);
  return self->count;
}

/**
 * pilote_activities_entry_get_item:
 *
 * Returns: (nullable): the activity, %NULL for a header or a placeholder
 */
const PiloteAgendaItem *
pilote_activities_entry_get_item (PiloteActivitiesEntry *self)
{
  g_return_val_if_fail (PILOTE_IS_ACTIVITIES_ENTRY (self), NULL);
  return self->item;
}

struct _PiloteActivitiesModel
{
  GObject             parent_instance;

  PiloteStore        *store;
  PiloteAgendaFilter  filter;
  PiloteAgendaBounds  bounds;
  gint64              counts[PILOTE_AGENDA_N_BUCKETS];
  guint               n_items;

  GHashTable         *pages;    /* bucket × page key → GPtrArray of entries */
  GQueue              recent;   /* keys, most recently used first */
};

static void pilote_activities_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PiloteActivitiesModel, pilote_activities_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pilote_activities_model_list_model_init))

#define PAGE_KEY(bucket, page) GUINT_TO_POINTER (((page) << 3 | (bucket)) + 1)

static GPtrArray *
load_page (PiloteActivitiesModel *self,
           PiloteAgendaBucket     bucket,
           guint                  page)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->store != NULL)
    items = pilote_agenda_list (self->store, &self->filter, &self->bounds, bucket, PAGE_SIZE,
                                page * PAGE_SIZE, &error);
  if (error != NULL)
    g_debug ("Could not read a page of activities: %s", error->message);
  if (items == NULL)
    return entries;
  g_ptr_array_set_free_func (items, NULL);
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (entries, entry_new (bucket, FALSE, 0, g_ptr_array_index (items, i)));
  return entries;
}

static GPtrArray *
get_page (PiloteActivitiesModel *self,
          PiloteAgendaBucket     bucket,
          guint                  page)
{
  gpointer key = PAGE_KEY (bucket, page);
  GPtrArray *entries = g_hash_table_lookup (self->pages, key);

  if (entries != NULL)
    {
      g_queue_remove (&self->recent, key);
      g_queue_push_head (&self->recent, key);
      return entries;
    }
  entries = load_page (self, bucket, page);
  g_hash_table_insert (self->pages, key, entries);
  g_queue_push_head (&self->recent, key);
  while (self->recent.length > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->recent));
  return entries;
}

static GType
pilote_activities_model_get_item_type (GListModel *model)
{
  return PILOTE_TYPE_ACTIVITIES_ENTRY;
}

static guint
pilote_activities_model_get_n_items (GListModel *model)
{
  return PILOTE_ACTIVITIES_MODEL (model)->n_items;
}

static gpointer
pilote_activities_model_get_item (GListModel *model,
                                  guint       position)
{
  PiloteActivitiesModel *self = PILOTE_ACTIVITIES_MODEL (model);

  for (PiloteAgendaBucket b = 0; b < PILOTE_AGENDA_N_BUCKETS; b++)
    {
      guint64 n = self->counts[b];
      GPtrArray *entries;
      guint index;

      if (n == 0)
        continue;
      if (position == 0)
        return entry_new (b, TRUE, self->counts[b], NULL);
      position--;
      if (position >= n)
        {
          position -= n;
          continue;
        }
      index = position;
      entries = get_page (self, b, index / PAGE_SIZE);
      if (index % PAGE_SIZE < entries->len)
        return g_object_ref (g_ptr_array_index (entries, index % PAGE_SIZE));
      return entry_new (b, FALSE, 0, NULL);
    }
  return NULL;
}

static void
pilote_activities_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pilote_activities_model_get_item_type;
  iface->get_n_items = pilote_activities_model_get_n_items;
  iface->get_item = pilote_activities_model_get_item;
}

static void
clear_pages (PiloteActivitiesModel *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->recent);
}

static void
pilote_activities_model_finalize (GObject *object)
{
  PiloteActivitiesModel *self = PILOTE_ACTIVITIES_MODEL (object);

  clear_pages (self);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (pilote_activities_model_parent_class)->finalize (object);
}

static void
pilote_activities_model_class_init (PiloteActivitiesModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pilote_activities_model_finalize;
}

static void
pilote_activities_model_init (PiloteActivitiesModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->recent);
  pilote_agenda_filter_init (&self->filter);
}

PiloteActivitiesModel *
pilote_activities_model_new (void)
{
  return g_object_new (PILOTE_TYPE_ACTIVITIES_MODEL, NULL);
}

/**
 * pilote_activities_model_reload:
 * @store: (nullable): the file to read; none empties the list
 *
 * Counts the sections again and forgets the pages read so far.
 */
gboolean
pilote_activities_model_reload (PiloteActivitiesModel    *self,
                                PiloteStore              *store,
                                const PiloteAgendaFilter *filter,
                                const PiloteAgendaBounds *bounds,
                                GError                  **error)
{
  gint64 counts[PILOTE_AGENDA_N_BUCKETS] = { 0 };
  guint old_n_items = self->n_items;
  gboolean ok = TRUE;

  g_return_val_if_fail (PILOTE_IS_ACTIVITIES_MODEL (self), FALSE);
  g_return_val_if_fail (filter != NULL && bounds != NULL, FALSE);

  g_set_object (&self->store, store);
  self->filter = *filter;
  self->bounds = *bounds;
  if (store != NULL)
    ok = pilote_agenda_count (store, filter, bounds, counts, error);
  clear_pages (self);
  memcpy (self->counts, counts, sizeof counts);
  self->n_items = 0;
  for (PiloteAgendaBucket b = 0; b < PILOTE_AGENDA_N_BUCKETS; b++)
    if (counts[b] > 0)
      self->n_items += 1 + (guint) MIN (counts[b], G_MAXUINT / 8);
  if (old_n_items > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);
  return ok;
}

gint64
pilote_activities_model_get_count (PiloteActivitiesModel *self,
                                   PiloteAgendaBucket     bucket)
{
  g_return_val_if_fail (PILOTE_IS_ACTIVITIES_MODEL (self), 0);
  g_return_val_if_fail (bucket < PILOTE_AGENDA_N_BUCKETS, 0);
  return self->counts[bucket];
}

/**
 * pilote_activities_model_get_header_position:
 *
 * Returns: the position of the section's header, or
 *   %GTK_INVALID_LIST_POSITION (G_MAXUINT) when the section is empty
 */
guint
pilote_activities_model_get_header_position (PiloteActivitiesModel *self,
                                             PiloteAgendaBucket     bucket)
{
  guint position = 0;

  g_return_val_if_fail (PILOTE_IS_ACTIVITIES_MODEL (self), G_MAXUINT);

  for (PiloteAgendaBucket b = 0; b < bucket; b++)
    if (self->counts[b] > 0)
      position += 1 + (guint) self->counts[b];
  return bucket < PILOTE_AGENDA_N_BUCKETS && self->counts[bucket] > 0 ? position : G_MAXUINT;
}

/**
 * pilote_activities_model_find:
 *
 * Looks for an activity among the pages read so far.
 *
 * Returns: its position, or G_MAXUINT when it is not in them
 */
guint
pilote_activities_model_find (PiloteActivitiesModel *self,
                              gint64                 activity_id)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (PILOTE_IS_ACTIVITIES_MODEL (self), G_MAXUINT);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint k = GPOINTER_TO_UINT (key) - 1;
      PiloteAgendaBucket bucket = k & 7;
      guint page = k >> 3;
      GPtrArray *entries = value;

      for (guint i = 0; i < entries->len; i++)
        {
          PiloteActivitiesEntry *entry = g_ptr_array_index (entries, i);

          if (entry->item != NULL && entry->item->activity_id == activity_id)
            return pilote_activities_model_get_header_position (self, bucket) + 1 +
                   page * PAGE_SIZE + i;
        }
    }
  return G_MAXUINT;
}
