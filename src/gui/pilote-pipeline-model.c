/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include "pilote-pipeline-model.h"

/*
 * The deals of one column of the board (or of the list mode), read from
 * the file a page at a time as the view asks for them. The number of items
 * comes from the column totals, computed once per refresh; a few pages are
 * kept, the least recently used one is dropped past that. An item the file
 * no longer has (changed by someone else since the totals) is an empty
 * placeholder until the next refresh.
 */

#define PAGE_SIZE 100
#define MAX_PAGES 8

struct _PilotePipelineItem
{
  GObject             parent_instance;
  PilotePipelineDeal *deal;   /* NULL for a placeholder */
};

G_DEFINE_FINAL_TYPE (PilotePipelineItem, pilote_pipeline_item, G_TYPE_OBJECT)

static void
pilote_pipeline_item_finalize (GObject *object)
{
  PilotePipelineItem *self = PILOTE_PIPELINE_ITEM (object);

  g_clear_pointer (&self->deal, pilote_pipeline_deal_free);
  G_OBJECT_CLASS (pilote_pipeline_item_parent_class)->finalize (object);
}

static void
pilote_pipeline_item_class_init (PilotePipelineItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pilote_pipeline_item_finalize;
}

static void
pilote_pipeline_item_init (PilotePipelineItem *self)
{
}

/**
 * pilote_pipeline_item_get_deal:
 *
 * Returns: (nullable): what the card shows, %NULL for a placeholder
 */
const PilotePipelineDeal *
pilote_pipeline_item_get_deal (PilotePipelineItem *self)
{
  g_return_val_if_fail (PILOTE_IS_PIPELINE_ITEM (self), NULL);
  return self->deal;
}

struct _PilotePipelineModel
{
  GObject              parent_instance;

  gint64               stage_id;
  PiloteStore         *store;
  gint64               owner_id;
  gint64               team_id;
  char                *close_from;
  char                *close_to;
  GDate                today;
  PilotePipelineSort   sort;
  gboolean             descending;
  guint                n_items;

  GHashTable          *pages;     /* page number → GPtrArray of items */
  GQueue               recent;    /* page numbers, most recently used first */
};

static void pilote_pipeline_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PilotePipelineModel, pilote_pipeline_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pilote_pipeline_model_list_model_init))

static void
clear_pages (PilotePipelineModel *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->recent);
}

static GPtrArray *
load_page (PilotePipelineModel *self,
           guint                page)
{
  g_autoptr(GPtrArray) deals = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;
  PilotePipelineFilter filter = {
    .owner_id = self->owner_id,
    .team_id = self->team_id,
    .close_from = self->close_from,
    .close_to = self->close_to,
  };

  if (self->store != NULL)
    deals = pilote_pipeline_list_deals (self->store, &filter, self->stage_id, self->sort,
                                        self->descending, PAGE_SIZE, page * PAGE_SIZE,
                                        &self->today, &error);
  if (error != NULL)
    g_debug ("Could not read a page of deals: %s", error->message);

  items = g_ptr_array_new_with_free_func (g_object_unref);
  if (deals == NULL)
    return items;
  /* the items take the deals over */
  g_ptr_array_set_free_func (deals, NULL);
  for (guint i = 0; i < deals->len; i++)
    {
      PilotePipelineItem *item = g_object_new (PILOTE_TYPE_PIPELINE_ITEM, NULL);

      item->deal = g_ptr_array_index (deals, i);
      g_ptr_array_add (items, item);
    }
  return items;
}

static GPtrArray *
get_page (PilotePipelineModel *self,
          guint                page)
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
pilote_pipeline_model_get_item_type (GListModel *model)
{
  return PILOTE_TYPE_PIPELINE_ITEM;
}

static guint
pilote_pipeline_model_get_n_items (GListModel *model)
{
  return PILOTE_PIPELINE_MODEL (model)->n_items;
}

static gpointer
pilote_pipeline_model_get_item (GListModel *model,
                                guint       position)
{
  PilotePipelineModel *self = PILOTE_PIPELINE_MODEL (model);
  GPtrArray *items;

  if (position >= self->n_items)
    return NULL;
  items = get_page (self, position / PAGE_SIZE);
  if (position % PAGE_SIZE < items->len)
    return g_object_ref (g_ptr_array_index (items, position % PAGE_SIZE));
  return g_object_new (PILOTE_TYPE_PIPELINE_ITEM, NULL);
}

static void
pilote_pipeline_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pilote_pipeline_model_get_item_type;
  iface->get_n_items = pilote_pipeline_model_get_n_items;
  iface->get_item = pilote_pipeline_model_get_item;
}

static void
pilote_pipeline_model_finalize (GObject *object)
{
  PilotePipelineModel *self = PILOTE_PIPELINE_MODEL (object);

  clear_pages (self);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_object (&self->store);
  g_free (self->close_from);
  g_free (self->close_to);
  G_OBJECT_CLASS (pilote_pipeline_model_parent_class)->finalize (object);
}

static void
pilote_pipeline_model_class_init (PilotePipelineModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pilote_pipeline_model_finalize;
}

static void
pilote_pipeline_model_init (PilotePipelineModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->recent);
  g_date_clear (&self->today, 1);
}

/**
 * pilote_pipeline_model_new:
 * @stage_id: the stage whose open deals to list; 0 for all open deals
 */
PilotePipelineModel *
pilote_pipeline_model_new (gint64 stage_id)
{
  PilotePipelineModel *self = g_object_new (PILOTE_TYPE_PIPELINE_MODEL, NULL);

  self->stage_id = stage_id;
  return self;
}

gint64
pilote_pipeline_model_get_stage_id (PilotePipelineModel *self)
{
  g_return_val_if_fail (PILOTE_IS_PIPELINE_MODEL (self), 0);
  return self->stage_id;
}

/**
 * pilote_pipeline_model_reload:
 * @store: (nullable): the file to read
 * @filter: (nullable): which deals
 * @today: the day times in stage are counted at
 * @n_items: how many deals the query finds (from the column totals)
 *
 * Forgets the pages read so far and announces that every item changed.
 */
void
pilote_pipeline_model_reload (PilotePipelineModel        *self,
                              PiloteStore                *store,
                              const PilotePipelineFilter *filter,
                              const GDate                *today,
                              guint                       n_items)
{
  guint old_n_items;

  g_return_if_fail (PILOTE_IS_PIPELINE_MODEL (self));
  g_return_if_fail (store == NULL || PILOTE_IS_STORE (store));
  g_return_if_fail (today != NULL);

  g_set_object (&self->store, store);
  self->owner_id = filter != NULL ? filter->owner_id : 0;
  self->team_id = filter != NULL ? filter->team_id : 0;
  g_free (self->close_from);
  g_free (self->close_to);
  self->close_from = filter != NULL ? g_strdup (filter->close_from) : NULL;
  self->close_to = filter != NULL ? g_strdup (filter->close_to) : NULL;
  self->today = *today;

  clear_pages (self);
  old_n_items = self->n_items;
  self->n_items = store != NULL ? n_items : 0;
  if (old_n_items > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);
}

void
pilote_pipeline_model_set_sort (PilotePipelineModel *self,
                                PilotePipelineSort   sort,
                                gboolean             descending)
{
  g_return_if_fail (PILOTE_IS_PIPELINE_MODEL (self));

  if (self->sort == sort && self->descending == descending)
    return;
  self->sort = sort;
  self->descending = descending;
  clear_pages (self);
  if (self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, self->n_items, self->n_items);
}
