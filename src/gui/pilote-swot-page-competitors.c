/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "pilote-error.h"
#include "pilote-money.h"
#include "pilote-plan-common.h"
#include "pilote-swot-page-private.h"

/*
 * The competition beside the SWOT: every competitor of the list with the
 * deals met, won and lost against it in the period, from the KPI engine
 * (in a worker thread, on a read-only connection); the list edited in
 * place (add, rename, delete with Undo).
 */

static void
on_undo_clicked_cb (AdwToast       *toast,
                    PiloteSwotPage *self)
{
  pilote_swot_page_undo_delete (self);
}

typedef struct {
  char         *path;
  PilotePeriod  period;
  PiloteScope   scope;
  gint64        scope_id;
} CompetitorQuery;

static void
competitor_query_free (gpointer data)
{
  CompetitorQuery *query = data;

  g_free (query->path);
  g_free (query);
}

static void
count_competitors_cb (GTask        *task,
                      gpointer      source,
                      gpointer      data,
                      GCancellable *cancellable)
{
  CompetitorQuery *query = data;
  g_autoptr(PiloteStore) store = NULL;
  GError *error = NULL;
  GPtrArray *rows;

  store = pilote_store_open (query->path, PILOTE_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  rows = pilote_kpi_competitors (store, &query->period, query->scope, query->scope_id, &error);
  if (rows == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
}

static char *
competitor_text (PiloteSwotPage            *self,
                 const PiloteCompetitorRow *row)
{
  g_autofree char *lost = pilote_money_format (row->lost_amount,
                                               pilote_store_get_currency (self->store),
                                               PILOTE_MONEY_FORMAT_WHOLE);

  g_autofree char *met = pilote_count_format (row->met);
  g_autofree char *won = pilote_count_format (row->won);
  g_autofree char *lost_deals = pilote_count_format (row->lost);

  /* Translators: deals met against a competitor, won and lost against it, and the amount lost */
  return g_strdup_printf (_("Met %s · won %s · lost %s (%s lost)"), met, won, lost_deals, lost);
}

static void
show_competitors (PiloteSwotPage *self)
{
  pilote_swot_page_clear_list (self->competitor_list);
  gtk_widget_set_visible (GTK_WIDGET (self->competitor_list),
                          self->competitors != NULL && self->competitors->len > 0);
  if (self->competitors != NULL && self->competitors->len == 0)
    gtk_label_set_text (self->competition_hint,
                        _("No competitors in the list yet: add the companies your deals are won "
                          "against or lost to."));
  else
    {
      const char *hint = g_object_get_data (G_OBJECT (self->competition_hint), "period-hint");

      gtk_label_set_text (self->competition_hint, hint != NULL ? hint : "");
    }
  for (guint i = 0; self->competitors != NULL && i < self->competitors->len; i++)
    {
      const PiloteCompetitorRow *competitor = g_ptr_array_index (self->competitors, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *text = competitor_text (self, competitor);
      g_autoptr(GMenu) menu = g_menu_new ();
      g_autoptr(GMenuItem) rename = g_menu_item_new (_("_Rename…"), NULL);
      g_autoptr(GMenuItem) delete = g_menu_item_new (_("_Delete"), NULL);
      GtkWidget *button = gtk_menu_button_new ();
      g_autofree char *label = g_strdup_printf (_("Rename or delete “%s”"), competitor->name);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), competitor->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
      g_menu_item_set_action_and_target_value (rename, "swot.rename-competitor",
                                               g_variant_new_int64 (competitor->competitor_id));
      g_menu_item_set_action_and_target_value (delete, "swot.delete-competitor",
                                               g_variant_new_int64 (competitor->competitor_id));
      g_menu_append_item (menu, rename);
      g_menu_append_item (menu, delete);
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Rename or delete"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      gtk_widget_set_sensitive (button, pilote_swot_page_writable (self));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      g_object_set_data_full (G_OBJECT (row), "competitor-text", g_strdup (text), g_free);
      g_object_set_data_full (G_OBJECT (row), "competitor-name", g_strdup (competitor->name),
                              g_free);
      gtk_list_box_append (self->competitor_list, row);
    }
}

static void
on_competitors_counted_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(PiloteSwotPage) self = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = g_task_propagate_pointer (G_TASK (result), &error);

  g_weak_ref_clear (ref);
  g_free (ref);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      g_clear_pointer (&rows, g_ptr_array_unref);
      return;
    }
  gtk_spinner_stop (self->spinner);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->competitors, g_ptr_array_unref);
  if (rows == NULL)
    g_warning ("Could not count the deals met against competitors: %s", error->message);
  self->competitors = rows;
  show_competitors (self);
  pilote_swot_page_emit_loaded (self);
}

void
pilote_swot_page_load_competitors (PiloteSwotPage *self)
{
  g_autoptr(GTask) task = NULL;
  CompetitorQuery *query;
  GWeakRef *ref;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store == NULL || !self->period_valid)
    {
      g_clear_pointer (&self->competitors, g_ptr_array_unref);
      show_competitors (self);
      return;
    }
  self->cancellable = g_cancellable_new ();
  query = g_new0 (CompetitorQuery, 1);
  query->path = g_strdup (pilote_store_get_path (self->store));
  query->period = self->period;
  query->scope = pilote_plan_read_scope (self->scope_kind);
  query->scope_id = query->scope == PILOTE_SCOPE_COMPANY ? 0 : self->scope_id;
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  task = g_task_new (NULL, self->cancellable, on_competitors_counted_cb, ref);
  g_task_set_source_tag (task, pilote_swot_page_load_competitors);
  g_task_set_task_data (task, query, competitor_query_free);
  gtk_spinner_start (self->spinner);
  g_task_run_in_thread (task, count_competitors_cb);
}

/**
 * pilote_swot_page_add_competitor:
 *
 * Adds a competitor to the list.
 */
gboolean
pilote_swot_page_add_competitor (PiloteSwotPage  *self,
                                 const char      *name,
                                 GError         **error)
{
  g_autoptr(PiloteNamed) competitor = NULL;

  g_return_val_if_fail (PILOTE_IS_SWOT_PAGE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!pilote_swot_page_writable (self))
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_READ_ONLY,
                   _("This file is open read-only: the competitors cannot be changed."));
      return FALSE;
    }
  competitor = pilote_competitor_new ();
  competitor->name = g_strstrip (g_strdup (name));
  if (!pilote_store_insert (self->store, competitor, error))
    return FALSE;
  pilote_swot_page_load_competitors (self);
  return TRUE;
}

static void
added_competitor_cb (GtkWidget  *widget,
                     const char *text,
                     gpointer    user_data)
{
  g_autoptr(GError) error = NULL;

  if (!pilote_swot_page_add_competitor (PILOTE_SWOT_PAGE (widget), text, &error))
    pilote_plan_show_error (widget, _("Could Not Add the Competitor"), error->message);
}

static void
add_competitor_activated_cb (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  pilote_plan_ask_text (widget, _("Add a Competitor"), _("Deals can then name it as the competitor met."),
                        NULL, _("_Add"), added_competitor_cb, NULL);
}

static void
renamed_competitor_cb (GtkWidget  *widget,
                       const char *text,
                       gpointer    user_data)
{
  PiloteSwotPage *self = PILOTE_SWOT_PAGE (widget);
  gint64 competitor_id = *(gint64 *) user_data;
  g_autoptr(PiloteNamed) competitor = NULL;
  g_autoptr(GError) error = NULL;

  g_free (user_data);
  if (self->store == NULL)
    return;
  competitor = pilote_store_get_competitor (self->store, competitor_id, &error);
  if (competitor != NULL)
    {
      g_free (competitor->name);
      competitor->name = g_strdup (text);
    }
  if (competitor == NULL || !pilote_store_update (self->store, competitor, &error))
    pilote_plan_show_error (widget, _("Could Not Rename the Competitor"), error->message);
  pilote_swot_page_load_competitors (self);
}

static const PiloteCompetitorRow *
find_competitor (PiloteSwotPage *self,
                 gint64          competitor_id)
{
  for (guint i = 0; self->competitors != NULL && i < self->competitors->len; i++)
    {
      const PiloteCompetitorRow *row = g_ptr_array_index (self->competitors, i);

      if (row->competitor_id == competitor_id)
        return row;
    }
  return NULL;
}

static void
rename_competitor_activated_cb (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  PiloteSwotPage *self = PILOTE_SWOT_PAGE (widget);
  gint64 competitor_id = g_variant_get_int64 (parameter);
  const PiloteCompetitorRow *row = find_competitor (self, competitor_id);

  if (row == NULL)
    return;
  pilote_plan_ask_text (widget, _("Rename the Competitor"),
                        _("Deals that name it follow the new name."), row->name, _("_Rename"),
                        renamed_competitor_cb, g_memdup2 (&competitor_id, sizeof competitor_id));
}

static void
delete_competitor_activated_cb (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  PiloteSwotPage *self = PILOTE_SWOT_PAGE (widget);
  gint64 competitor_id = g_variant_get_int64 (parameter);
  g_autoptr(PiloteNamed) competitor = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (self->store == NULL)
    return;
  competitor = pilote_store_get_competitor (self->store, competitor_id, &error);
  if (competitor == NULL ||
      !pilote_store_delete (self->store, PILOTE_ENTITY_COMPETITOR, competitor_id,
                            competitor->base.version, &error))
    {
      pilote_plan_show_error (widget, _("Could Not Delete the Competitor"), error->message);
      return;
    }
  self->undo_competitor_id = competitor_id;
  self->undo_item_id = 0;
  toast = pilote_plan_show_toast (widget, _("Competitor deleted"), TRUE);
  if (toast != NULL)
    g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self, 0);
  pilote_swot_page_load_competitors (self);
}

/**
 * pilote_swot_page_get_competitors:
 *
 * Returns: (transfer none) (nullable) (element-type PiloteCompetitorRow):
 *   the competitors shown
 */
GPtrArray *
pilote_swot_page_get_competitors (PiloteSwotPage *self)
{
  g_return_val_if_fail (PILOTE_IS_SWOT_PAGE (self), NULL);

  return self->competitors;
}

/**
 * pilote_swot_page_get_competitor_text:
 *
 * Returns: (nullable): the figures shown for a competitor
 */
const char *
pilote_swot_page_get_competitor_text (PiloteSwotPage *self,
                                      const char     *name)
{
  g_return_val_if_fail (PILOTE_IS_SWOT_PAGE (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->competitor_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "competitor-name"), name) == 0)
      return g_object_get_data (G_OBJECT (row), "competitor-text");
  return NULL;
}

/**
 * pilote_swot_page_install_competitor_actions:
 *
 * The "swot.*" actions that edit the competitors' list.
 */
void
pilote_swot_page_install_competitor_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "swot.add-competitor", NULL,
                                   add_competitor_activated_cb);
  gtk_widget_class_install_action (widget_class, "swot.rename-competitor", "x",
                                   rename_competitor_activated_cb);
  gtk_widget_class_install_action (widget_class, "swot.delete-competitor", "x",
                                   delete_competitor_activated_cb);
}
