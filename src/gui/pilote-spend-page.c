/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <inttypes.h>

#include "pilote-error.h"
#include "pilote-money.h"
#include "pilote-plan-common.h"
#include "pilote-plan.h"
#include "pilote-record-editor.h"
#include "pilote-spend-page.h"

/*
 * The spend of a period. Spend is recorded per month: a week shows the
 * spend of its month. The lines are read from the file; the totals, the
 * new clients and the CAC per channel are the KPI engine's, computed in a
 * worker thread on a read-only connection, so that they match the
 * dashboard to the cent.
 */

struct _PiloteSpendPage
{
  GtkWidget        parent_instance;

  PiloteStore     *store;
  char            *period_kind;
  char            *period_start;
  char            *scope_kind;
  gint64           scope_id;

  PilotePeriod     period;
  gboolean         period_valid;
  GPtrArray       *lines;            /* PiloteSpend */
  GHashTable      *channel_names;    /* id → name */
  PiloteKpiReport *report;
  GCancellable    *cancellable;
  guint            reload_idle;
  gint64           undo_spend_id;

  GtkLabel        *title_label;
  GtkLabel        *hint_label;
  GtkStack        *spend_stack;
  GtkListBox      *spend_list;
  GtkSpinner      *spinner;
  GtkListBox      *totals_list;
};

G_DEFINE_FINAL_TYPE (PiloteSpendPage, pilote_spend_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PERIOD_KIND,
  PROP_PERIOD_START,
  PROP_SCOPE_KIND,
  PROP_SCOPE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
writable (PiloteSpendPage *self)
{
  return self->store != NULL && self->period_valid && !pilote_store_is_read_only (self->store);
}

static char *
format_money (PiloteSpendPage *self,
              PiloteMoney      amount)
{
  if (amount == PILOTE_MONEY_NONE)
    return g_strdup (C_("no value", "—"));
  return pilote_money_format (amount, pilote_store_get_currency (self->store),
                              PILOTE_MONEY_FORMAT_DEFAULT);
}

static GtkWidget *
suffix_label (const char *text,
              gboolean    bold)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "numeric");
  if (bold)
    gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  return label;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL &&
         GTK_IS_LIST_BOX_ROW (child))
    gtk_list_box_remove (list, child);
}

/* Lines */

static void
load_channels (PiloteSpendPage *self)
{
  PiloteQuery query = { .limit = 2000 };
  g_autoptr(GPtrArray) channels = NULL;

  g_hash_table_remove_all (self->channel_names);
  channels = pilote_store_list (self->store, PILOTE_ENTITY_CHANNEL, &query, NULL);
  for (guint i = 0; channels != NULL && i < channels->len; i++)
    {
      const PiloteNamed *channel = g_ptr_array_index (channels, i);

      g_hash_table_insert (self->channel_names, g_memdup2 (&channel->base.id, sizeof (gint64)),
                           g_strdup (channel->name));
    }
}

static GtkWidget *
line_row_new (PiloteSpendPage   *self,
              const PiloteSpend *spend)
{
  GtkWidget *row = adw_action_row_new ();
  const char *channel = g_hash_table_lookup (self->channel_names, &spend->channel_id);
  g_autofree char *month = pilote_plan_format_month (spend->month);
  g_autofree char *amount = format_money (self, spend->amount);
  g_autofree char *subtitle = NULL;
  g_autofree char *label = NULL;
  const char *kind = spend->kind == PILOTE_SPEND_SALES ? C_("spend kind", "Sales")
                                                       : C_("spend kind", "Marketing");
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit…"), NULL);
  g_autoptr(GMenuItem) delete = g_menu_item_new (_("_Delete"), NULL);
  GtkWidget *button = gtk_menu_button_new ();

  /* Translators: a month, a channel and the kind of spend ("November 2026 · Website · Marketing") */
  subtitle = g_strdup_printf (_("%s · %s · %s"), month,
                              channel != NULL ? channel : C_("channel", "No channel"), kind);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 spend->campaign != NULL ? spend->campaign : _("No campaign"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix_label (amount, FALSE));

  g_menu_item_set_action_and_target_value (edit, "spend.edit", g_variant_new_int64 (spend->base.id));
  g_menu_item_set_action_and_target_value (delete, "spend.delete",
                                           g_variant_new_int64 (spend->base.id));
  g_menu_append_item (menu, edit);
  g_menu_append_item (menu, delete);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Edit or delete"));
  label = g_strdup_printf (_("Edit or delete the spend “%s”"),
                           spend->campaign != NULL ? spend->campaign : subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_sensitive (button, writable (self));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), writable (self));
  g_object_set_data_full (G_OBJECT (row), "spend-id", g_memdup2 (&spend->base.id, sizeof (gint64)),
                          g_free);
  return row;
}

static void
load_lines (PiloteSpendPage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->lines, g_ptr_array_unref);
  clear_list (self->spend_list);
  if (self->store != NULL && self->period_valid)
    {
      load_channels (self);
      self->lines = pilote_plan_list_spend (self->store, &self->period, &error);
      if (self->lines == NULL)
        g_warning ("Could not list the spend: %s", error->message);
    }
  for (guint i = 0; self->lines != NULL && i < self->lines->len; i++)
    gtk_list_box_append (self->spend_list, line_row_new (self, g_ptr_array_index (self->lines, i)));
  gtk_stack_set_visible_child_name (self->spend_stack,
                                    self->lines != NULL && self->lines->len > 0 ? "list" : "empty");
}

/* Totals */

typedef struct {
  char         *path;
  PilotePeriod  period;
} TotalsQuery;

static void
totals_query_free (gpointer data)
{
  TotalsQuery *query = data;

  g_free (query->path);
  g_free (query);
}

static void
compute_totals_cb (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  TotalsQuery *query = data;
  g_autoptr(PiloteStore) store = NULL;
  GError *error = NULL;
  PiloteKpiReport *report;

  store = pilote_store_open (query->path, PILOTE_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  report = pilote_kpi_compute (store, &query->period, NULL, PILOTE_DIMENSION_CHANNEL,
                               PILOTE_KPI_NO_SUMMARY | PILOTE_KPI_NO_PIPELINE_ROWS, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) pilote_kpi_report_free);
}

static GtkWidget *
total_row_new (PiloteSpendPage        *self,
               const char             *title,
               const PiloteKpiFigures *figures,
               gboolean                overall)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *spend = format_money (self, figures->spend);
  g_autofree char *cac = format_money (self, figures->cac);
  g_autofree char *subtitle = NULL;
  g_autofree char *cac_text = NULL;

  /* Translators: the CAC of a channel */
  cac_text = g_strdup_printf (_("CAC %s"), cac);
  if (figures->new_clients >= 0)
    {
      g_autofree char *n = pilote_count_format (figures->new_clients);

      /* Translators: new clients won through a channel, then its CAC */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s new client · %s",
                                               "%s new clients · %s",
                                               (gulong) figures->new_clients),
                                  n, cac_text);
    }
  else
    subtitle = g_strdup (cac_text);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix_label (spend, overall));
  g_object_set_data_full (G_OBJECT (row), "channel", g_strdup (title), g_free);
  g_object_set_data_full (G_OBJECT (row), "total-text", g_steal_pointer (&spend), g_free);
  g_object_set_data_full (G_OBJECT (row), "cac-text", g_steal_pointer (&cac), g_free);
  return row;
}

static void
show_totals (PiloteSpendPage *self)
{
  clear_list (self->totals_list);
  if (self->report == NULL)
    return;
  for (guint i = 0; i < self->report->rows->len; i++)
    {
      const PiloteKpiRow *row = g_ptr_array_index (self->report->rows, i);

      if ((row->figures.spend == PILOTE_MONEY_NONE || row->figures.spend == 0) &&
          row->figures.new_clients <= 0)
        continue;
      gtk_list_box_append (self->totals_list,
                           total_row_new (self, row->key != NULL ? row->key
                                                                 : C_("channel", "No channel"),
                                          &row->figures, FALSE));
    }
  gtk_list_box_append (self->totals_list,
                       total_row_new (self, _("All channels"), &self->report->totals, TRUE));
}

static void
on_totals_computed_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(PiloteSpendPage) self = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;
  PiloteKpiReport *report = g_task_propagate_pointer (G_TASK (result), &error);

  g_weak_ref_clear (ref);
  g_free (ref);
  if (self == NULL || g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      g_clear_pointer (&report, pilote_kpi_report_free);
      return;
    }
  gtk_spinner_stop (self->spinner);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->report, pilote_kpi_report_free);
  if (report == NULL)
    g_warning ("Could not compute the spend totals: %s", error->message);
  self->report = report;
  show_totals (self);
  g_signal_emit (self, signals[LOADED], 0);
}

static void
load_totals (PiloteSpendPage *self)
{
  g_autoptr(GTask) task = NULL;
  TotalsQuery *query;
  GWeakRef *ref;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store == NULL || !self->period_valid)
    {
      g_clear_pointer (&self->report, pilote_kpi_report_free);
      show_totals (self);
      return;
    }
  self->cancellable = g_cancellable_new ();
  query = g_new0 (TotalsQuery, 1);
  query->path = g_strdup (pilote_store_get_path (self->store));
  query->period = self->period;
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  task = g_task_new (NULL, self->cancellable, on_totals_computed_cb, ref);
  g_task_set_source_tag (task, load_totals);
  g_task_set_task_data (task, query, totals_query_free);
  gtk_spinner_start (self->spinner);
  g_task_run_in_thread (task, compute_totals_cb);
}

static void
show_hint (PiloteSpendPage *self)
{
  if (g_strcmp0 (self->scope_kind, "company") == 0 || self->scope_kind == NULL)
    gtk_label_set_text (self->hint_label,
                        _("What marketing and sales spent each month, by channel and campaign. "
                          "The CAC of a channel is its spend divided by the new clients it "
                          "brought."));
  else
    gtk_label_set_text (self->hint_label,
                        _("Spend is recorded for the whole company, not per team or member: "
                          "these are the company’s figures. The CAC of a channel is its spend "
                          "divided by the new clients it brought."));
}

/**
 * pilote_spend_page_reload:
 *
 * Reads the spend of the period and computes its totals again.
 */
void
pilote_spend_page_reload (PiloteSpendPage *self)
{
  g_return_if_fail (PILOTE_IS_SPEND_PAGE (self));

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  self->period_valid = pilote_plan_read_period (self->store, self->period_kind, self->period_start,
                                                &self->period);
  if (self->period_valid && self->period.kind == PILOTE_PERIOD_WEEK)
    pilote_period_init_month (&self->period, g_date_get_year (&self->period.from),
                              g_date_get_month (&self->period.from));
  if (self->period_valid)
    {
      g_autofree char *when = pilote_period_describe (&self->period);
      /* Translators: the spend of a period ("Spend for November 2026") */
      g_autofree char *title = g_strdup_printf (_("Spend for %s"), when);

      gtk_label_set_text (self->title_label, title);
    }
  else
    gtk_label_set_text (self->title_label, _("Spend"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "spend.new", writable (self));
  show_hint (self);
  load_lines (self);
  load_totals (self);
}

static gboolean
on_reload_idle_cb (gpointer user_data)
{
  PiloteSpendPage *self = user_data;

  self->reload_idle = 0;
  pilote_spend_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
queue_reload (PiloteSpendPage *self)
{
  if (self->reload_idle == 0)
    self->reload_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_reload_idle_cb, self, NULL);
}

/* Editing */

static void
changed (PiloteSpendPage *self)
{
  load_lines (self);
  load_totals (self);
}

static void
on_editor_saved_cb (PiloteSpendEditor *editor,
                    gint64             spend_id,
                    PiloteSpendPage   *self)
{
  changed (self);
}

static void
on_undo_clicked_cb (AdwToast        *toast,
                    PiloteSpendPage *self)
{
  pilote_spend_page_undo_delete (self);
}

static void
spend_deleted (PiloteSpendPage *self,
               gint64           spend_id)
{
  AdwToast *toast = pilote_plan_show_toast (GTK_WIDGET (self), _("Spend deleted"), TRUE);

  self->undo_spend_id = spend_id;
  if (toast != NULL)
    g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self, 0);
  changed (self);
}

static void
on_editor_deleted_cb (PiloteSpendEditor *editor,
                      gint64             spend_id,
                      PiloteSpendPage   *self)
{
  spend_deleted (self, spend_id);
}

/**
 * pilote_spend_page_edit_spend:
 * @spend_id: the line, 0 for a new one
 *
 * Returns: (transfer none) (nullable): the line's dialog, shown
 */
PiloteSpendEditor *
pilote_spend_page_edit_spend (PiloteSpendPage *self,
                              gint64           spend_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;
  PiloteSpendEditor *editor;

  g_return_val_if_fail (PILOTE_IS_SPEND_PAGE (self), NULL);

  if (self->store == NULL || !self->period_valid)
    return NULL;
  editor = pilote_spend_editor_new (self->store, spend_id, &self->period,
                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error);
  if (editor == NULL)
    {
      pilote_plan_show_error (GTK_WIDGET (self), _("Could Not Open the Spend"), error->message);
      changed (self);
      return NULL;
    }
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, 0);
  g_signal_connect_object (editor, "deleted", G_CALLBACK (on_editor_deleted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

/**
 * pilote_spend_page_delete_spend:
 *
 * Deletes a line (softly) and offers to undo it in a toast.
 */
gboolean
pilote_spend_page_delete_spend (PiloteSpendPage  *self,
                                gint64            spend_id,
                                GError          **error)
{
  const PiloteSpend *seen = NULL;

  g_return_val_if_fail (PILOTE_IS_SPEND_PAGE (self), FALSE);

  for (guint i = 0; self->lines != NULL && i < self->lines->len; i++)
    if (((PiloteRecord *) g_ptr_array_index (self->lines, i))->id == spend_id)
      seen = g_ptr_array_index (self->lines, i);
  if (seen == NULL || self->store == NULL)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_NOT_FOUND,
                   _("This spend is not in the period any more."));
      return FALSE;
    }
  if (!pilote_store_delete (self->store, PILOTE_ENTITY_SPEND, spend_id, seen->base.version, error))
    {
      changed (self);
      return FALSE;
    }
  spend_deleted (self, spend_id);
  return TRUE;
}

/**
 * pilote_spend_page_undo_delete:
 *
 * Brings back the line of the last "Spend deleted" toast.
 */
void
pilote_spend_page_undo_delete (PiloteSpendPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PILOTE_IS_SPEND_PAGE (self));

  if (self->store == NULL || self->undo_spend_id == 0)
    return;
  if (!pilote_store_restore (self->store, PILOTE_ENTITY_SPEND, self->undo_spend_id, &error))
    pilote_plan_show_error (GTK_WIDGET (self), _("Could Not Restore the Spend"), error->message);
  self->undo_spend_id = 0;
  changed (self);
}

static void
new_activated_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  pilote_spend_page_edit_spend (PILOTE_SPEND_PAGE (widget), 0);
}

static void
edit_activated_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  pilote_spend_page_edit_spend (PILOTE_SPEND_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
on_spend_deleted_cb (gpointer      owner,
                     gint64        spend_id,
                     gboolean      deleted,
                     const GError *error)
{
  PiloteSpendPage *self = PILOTE_SPEND_PAGE (owner);

  if (deleted)
    {
      spend_deleted (self, spend_id);
      return;
    }
  if (error != NULL)
    pilote_plan_show_error (GTK_WIDGET (self), _("Could Not Delete the Spend"), error->message);
  changed (self);
}

/* deleting a line someone else changed since the page read it asks first */
static void
delete_activated_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PiloteSpendPage *self = PILOTE_SPEND_PAGE (widget);
  gint64 spend_id = g_variant_get_int64 (parameter);
  GtkRoot *root = gtk_widget_get_root (widget);
  const PiloteSpend *seen = NULL;
  g_autofree char *month = NULL;

  for (guint i = 0; self->lines != NULL && i < self->lines->len; i++)
    if (((PiloteRecord *) g_ptr_array_index (self->lines, i))->id == spend_id)
      seen = g_ptr_array_index (self->lines, i);
  if (seen == NULL || self->store == NULL)
    {
      pilote_plan_show_error (widget, _("Could Not Delete the Spend"),
                              _("This spend is not in the period any more."));
      return;
    }
  month = pilote_plan_format_month (seen->month);
  pilote_record_delete_checked (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                                seen, seen->campaign != NULL ? seen->campaign : month,
                                on_spend_deleted_cb, self);
}

static void
on_spend_activated_cb (GtkListBox      *list,
                       GtkListBoxRow   *row,
                       PiloteSpendPage *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "spend-id");

  if (id != NULL)
    pilote_spend_page_edit_spend (self, *id);
}

/* Properties */

static void
set_string (PiloteSpendPage  *self,
            char            **field,
            const char       *value,
            guint             prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  queue_reload (self);
}

static void
pilote_spend_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PiloteSpendPage *self = PILOTE_SPEND_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PERIOD_KIND:
      g_value_set_string (value, self->period_kind);
      break;
    case PROP_PERIOD_START:
      g_value_set_string (value, self->period_start);
      break;
    case PROP_SCOPE_KIND:
      g_value_set_string (value, self->scope_kind);
      break;
    case PROP_SCOPE_ID:
      g_value_set_int64 (value, self->scope_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pilote_spend_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PiloteSpendPage *self = PILOTE_SPEND_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      if (g_set_object (&self->store, g_value_get_object (value)))
        {
          g_object_notify_by_pspec (object, pspec);
          queue_reload (self);
        }
      break;
    case PROP_PERIOD_KIND:
      set_string (self, &self->period_kind, g_value_get_string (value), prop_id);
      break;
    case PROP_PERIOD_START:
      set_string (self, &self->period_start, g_value_get_string (value), prop_id);
      break;
    case PROP_SCOPE_KIND:
      /* spend is the company's: the scope is kept, not applied */
      if (g_strcmp0 (self->scope_kind, g_value_get_string (value)) != 0)
        {
          g_free (self->scope_kind);
          self->scope_kind = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
          show_hint (self);
        }
      break;
    case PROP_SCOPE_ID:
      if (self->scope_id != g_value_get_int64 (value))
        {
          self->scope_id = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pilote_spend_page_dispose (GObject *object)
{
  PiloteSpendPage *self = PILOTE_SPEND_PAGE (object);
  GtkWidget *child;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), PILOTE_TYPE_SPEND_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (pilote_spend_page_parent_class)->dispose (object);
}

static void
pilote_spend_page_finalize (GObject *object)
{
  PiloteSpendPage *self = PILOTE_SPEND_PAGE (object);

  g_free (self->period_kind);
  g_free (self->period_start);
  g_free (self->scope_kind);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->channel_names, g_hash_table_unref);
  g_clear_pointer (&self->report, pilote_kpi_report_free);
  G_OBJECT_CLASS (pilote_spend_page_parent_class)->finalize (object);
}

static void
pilote_spend_page_class_init (PiloteSpendPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = pilote_spend_page_get_property;
  object_class->set_property = pilote_spend_page_set_property;
  object_class->dispose = pilote_spend_page_dispose;
  object_class->finalize = pilote_spend_page_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PILOTE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PERIOD_KIND] =
    g_param_spec_string ("period-kind", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PERIOD_START] =
    g_param_spec_string ("period-start", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SCOPE_KIND] =
    g_param_spec_string ("scope-kind", NULL, NULL, "company",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SCOPE_ID] =
    g_param_spec_int64 ("scope-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/pilote/Pilote/pilote-spend-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PiloteSpendPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, PiloteSpendPage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, PiloteSpendPage, spend_stack);
  gtk_widget_class_bind_template_child (widget_class, PiloteSpendPage, spend_list);
  gtk_widget_class_bind_template_child (widget_class, PiloteSpendPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PiloteSpendPage, totals_list);
  gtk_widget_class_bind_template_callback (widget_class, on_spend_activated_cb);

  gtk_widget_class_install_action (widget_class, "spend.new", NULL, new_activated_cb);
  gtk_widget_class_install_action (widget_class, "spend.edit", "x", edit_activated_cb);
  gtk_widget_class_install_action (widget_class, "spend.delete", "x", delete_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pilote_spend_page_init (PiloteSpendPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->scope_kind = g_strdup ("company");
  self->channel_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  gtk_stack_set_visible_child_name (self->spend_stack, "empty");
}

GtkWidget *
pilote_spend_page_new (void)
{
  return g_object_new (PILOTE_TYPE_SPEND_PAGE, NULL);
}

gboolean
pilote_spend_page_is_loading (PiloteSpendPage *self)
{
  g_return_val_if_fail (PILOTE_IS_SPEND_PAGE (self), FALSE);

  return self->reload_idle != 0 || self->cancellable != NULL;
}

guint
pilote_spend_page_get_n_lines (PiloteSpendPage *self)
{
  g_return_val_if_fail (PILOTE_IS_SPEND_PAGE (self), 0);

  return self->lines != NULL ? self->lines->len : 0;
}

static const char *
total_data (PiloteSpendPage *self,
            const char      *channel,
            const char      *key)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->totals_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "channel"), channel) == 0)
      return g_object_get_data (G_OBJECT (row), key);
  return NULL;
}

/**
 * pilote_spend_page_get_total_text:
 * @channel: a channel's name, or "All channels" (translated) for the total
 *
 * Returns: (nullable): the total spend shown for the channel
 */
const char *
pilote_spend_page_get_total_text (PiloteSpendPage *self,
                                  const char      *channel)
{
  g_return_val_if_fail (PILOTE_IS_SPEND_PAGE (self), NULL);

  return total_data (self, channel, "total-text");
}

/**
 * pilote_spend_page_get_cac_text:
 *
 * Returns: (nullable): the CAC shown for the channel
 */
const char *
pilote_spend_page_get_cac_text (PiloteSpendPage *self,
                                const char      *channel)
{
  g_return_val_if_fail (PILOTE_IS_SPEND_PAGE (self), NULL);

  return total_data (self, channel, "cac-text");
}
