/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pilote-enums.h"
#include "pilote-objective-editor.h"
#include "pilote-objective-plan.h"
#include "pilote-objective-spread.h"
#include "pilote-objectives-page-private.h"
#include "pilote-record.h"

/**
 * PiloteObjectivesPage:
 *
 * The objectives of a period and a scope: quantitative objectives with
 * their attainment and pacing, the roll-up of members into teams and teams
 * into the company, qualitative objectives, and the gap to target.
 */

struct _PiloteObjectivesPage
{
  GtkWidget          parent_instance;

  PiloteStore       *store;
  PilotePeriodKind   period_kind;
  char              *period_start;
  PiloteScope        scope;
  gint64             scope_id;
  GDate              today;
  guint              reload_id;
  GCancellable      *cancellable;
  GCancellable      *gaps_cancellable;
  PiloteObjData     *shown;
  AdwToast          *undo_toast;

  /* template */
  GtkWidget         *scroller;
  GtkLabel          *error_label;
  GtkLabel          *own_title;
  GtkLabel          *own_caption;
  GtkSpinner        *spinner;
  GtkListBox        *own_list;
  GtkLabel          *parts_title;
  GtkListBox        *parts_list;
  GtkLabel          *longer_title;
  GtkListBox        *longer_list;
  GtkLabel          *gap_caption;
  AdwBin            *gap_figures_bin;
  AdwBin            *gap_table_bin;
  GtkListBox        *qualitative_list;
};

G_DEFINE_FINAL_TYPE (PiloteObjectivesPage, pilote_objectives_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PERIOD_KIND,
  PROP_PERIOD_START,
  PROP_SCOPE_KIND,
  PROP_SCOPE_ID,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void queue_reload (PiloteObjectivesPage *self);

/* The period shown: of the kind chosen, holding its start day, with the
 * file's fiscal year */
static void
get_period (PiloteObjectivesPage *self,
            PilotePeriod         *period)
{
  GDate start = self->today;

  if (self->period_start != NULL && !pilote_date_parse_iso (self->period_start, &start))
    start = self->today;
  pilote_period_init_containing (period, self->period_kind, &start,
                                 self->store != NULL ? pilote_store_get_fiscal_start (self->store)
                                                     : G_DATE_JANUARY);
}

static void
show_error (PiloteObjectivesPage *self,
            const char           *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
toast (PiloteObjectivesPage *self,
       AdwToast             *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (toast));
  else
    g_debug ("No toast overlay above the objectives: %s", adw_toast_get_title (toast));
}

static void
report_error (PiloteObjectivesPage *self,
              const char           *heading,
              const GError         *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
create_placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* Showing the figures */

/* The table of each member's gap, or a note while it is worked out */
static void
show_member_gaps (PiloteObjectivesPage *self,
                  GPtrArray            *gaps,
                  const char           *currency)
{
  GtkWidget *child;

  if (gaps != NULL)
    {
      child = pilote_obj_gap_table_new (gaps, currency);
      gtk_widget_set_margin_bottom (child, 6);
    }
  else
    {
      GtkWidget *spinner = gtk_spinner_new ();

      child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_box_append (GTK_BOX (child), spinner);
      gtk_box_append (GTK_BOX (child), gtk_label_new (_("Working out each sales rep’s gap…")));
      gtk_widget_add_css_class (child, "dim-label");
      gtk_widget_set_margin_bottom (child, 12);
    }
  gtk_widget_set_margin_top (child, 12);
  gtk_widget_set_margin_start (child, 12);
  gtk_widget_set_margin_end (child, 12);
  adw_bin_set_child (self->gap_table_bin, child);
  gtk_widget_set_visible (GTK_WIDGET (self->gap_table_bin), gaps == NULL || gaps->len > 0);
}

static void
show_data (PiloteObjectivesPage *self,
           PiloteObjData        *data)
{
  g_autofree char *period = pilote_period_describe (&data->period);
  g_autofree char *caption = NULL;
  g_autofree char *own_placeholder = NULL;
  g_autofree char *gap_text = NULL;

  clear_list (self->own_list);
  clear_list (self->parts_list);
  clear_list (self->longer_list);
  clear_list (self->qualitative_list);

  /* Translators: the objectives' caption: whose, and over which period ("North · November 2026") */
  caption = g_strdup_printf (_("%s · %s"), data->scope_name, period);
  gtk_label_set_text (self->own_caption, caption);
  /* Translators: what to do when a scope has no objective for the period */
  own_placeholder = g_strdup_printf (_("No objective for %s in %s. Add one, copy last "
                                       "period’s, or spread a yearly target over its months."),
                                     data->scope_name, period);
  gtk_list_box_set_placeholder (self->own_list, create_placeholder (own_placeholder));
  for (guint i = 0; i < data->own->len; i++)
    gtk_list_box_append (self->own_list,
                         pilote_obj_row_new (g_ptr_array_index (data->own, i), data, FALSE, FALSE));

  gtk_label_set_text (self->parts_title, data->scope == PILOTE_SCOPE_COMPANY
                                           ? _("Teams’ Objectives")
                                           : _("Sales Reps’ Objectives"));
  gtk_widget_set_visible (GTK_WIDGET (self->parts_title), data->scope != PILOTE_SCOPE_MEMBER);
  gtk_widget_set_visible (GTK_WIDGET (self->parts_list), data->scope != PILOTE_SCOPE_MEMBER);
  gtk_list_box_set_placeholder (self->parts_list,
                                create_placeholder (data->scope == PILOTE_SCOPE_COMPANY
                                                      ? _("No team has an objective for this "
                                                          "period.")
                                                      : _("No sales rep of this team has an "
                                                          "objective for this period.")));
  for (guint i = 0; i < data->parts->len; i++)
    gtk_list_box_append (self->parts_list,
                         pilote_obj_row_new (g_ptr_array_index (data->parts, i), data, TRUE,
                                             FALSE));

  gtk_widget_set_visible (GTK_WIDGET (self->longer_title), data->longer->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->longer_list), data->longer->len > 0);
  for (guint i = 0; i < data->longer->len; i++)
    gtk_list_box_append (self->longer_list,
                         pilote_obj_row_new (g_ptr_array_index (data->longer, i), data, FALSE,
                                             TRUE));

  if (data->gap.target == PILOTE_MONEY_NONE)
    /* Translators: the gap caption when the scope has no revenue objective for the period */
    gap_text = g_strdup_printf (_("%s has no revenue objective for %s: set one to see the gap "
                                  "and the pipeline it takes."), data->scope_name, period);
  else
    {
      g_autofree char *rate = pilote_obj_format_ratio (data->gap.win_rate);

      /* Translators: how the gap to target is computed; the win rate of the last 12 months */
      gap_text = g_strdup_printf (_("Forecast: what is won plus the open pipeline expected to "
                                    "close in the period, weighted by probability. The pipeline "
                                    "to create closes the gap at the win rate of the last 12 "
                                    "months, %s."), rate);
    }
  gtk_label_set_text (self->gap_caption, gap_text);
  adw_bin_set_child (self->gap_figures_bin, pilote_obj_gap_figures_new (data));
  gtk_widget_set_margin_top (adw_bin_get_child (self->gap_figures_bin), 12);
  gtk_widget_set_margin_bottom (adw_bin_get_child (self->gap_figures_bin), 12);
  gtk_widget_set_margin_start (adw_bin_get_child (self->gap_figures_bin), 12);
  gtk_widget_set_margin_end (adw_bin_get_child (self->gap_figures_bin), 12);
  show_member_gaps (self, NULL, NULL);

  gtk_list_box_set_placeholder (self->qualitative_list,
                                create_placeholder (_("No qualitative objective runs over this "
                                                      "period: add one to follow a project, a "
                                                      "market to open, a training.")));
  for (guint i = 0; i < data->qualitative->len; i++)
    gtk_list_box_append (self->qualitative_list,
                         pilote_obj_qualitative_row_new (g_ptr_array_index (data->qualitative, i),
                                                         data));
}

/* Computing */

static void
set_busy (PiloteObjectivesPage *self,
          gboolean              busy)
{
  busy = busy || self->gaps_cancellable != NULL;
  if (busy == gtk_spinner_get_spinning (self->spinner))
    return;
  gtk_spinner_set_spinning (self->spinner, busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_member_gaps_computed_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  /* no reference is held: the page cancels its computation when disposed */
  PiloteObjectivesPage *self = user_data;
  g_autoptr(GPtrArray) gaps = NULL;
  g_autoptr(GError) error = NULL;

  gaps = pilote_obj_member_gaps_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->gaps_cancellable);
  if (gaps == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: shown when the sales reps' gaps to target could not be read */
      message = g_strdup_printf (_("The sales reps’ gaps could not be read: %s"), error->message);
      show_error (self, message);
      gtk_widget_set_visible (GTK_WIDGET (self->gap_table_bin), FALSE);
    }
  else if (self->shown != NULL)
    {
      g_clear_pointer (&self->shown->member_gaps, g_ptr_array_unref);
      self->shown->member_gaps = g_ptr_array_ref (gaps);
      show_member_gaps (self, gaps, self->shown->currency);
    }
  set_busy (self, self->cancellable != NULL);
}

static void
cancel_member_gaps (PiloteObjectivesPage *self)
{
  if (self->gaps_cancellable != NULL)
    g_cancellable_cancel (self->gaps_cancellable);
  g_clear_object (&self->gaps_cancellable);
}

static void
compute_member_gaps (PiloteObjectivesPage *self)
{
  PiloteObjRequest request = { 0 };

  cancel_member_gaps (self);
  if (self->store == NULL || self->shown == NULL)
    return;
  request.path = (char *) pilote_store_get_path (self->store);
  request.period = self->shown->period;
  request.today = self->shown->today;
  request.scope = self->shown->scope;
  request.scope_id = self->shown->scope_id;
  self->gaps_cancellable = g_cancellable_new ();
  pilote_obj_member_gaps_async (&request, self->gaps_cancellable, on_member_gaps_computed_cb,
                                self);
}

static void
on_computed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  /* no reference is held: the page cancels its computation when disposed */
  PiloteObjectivesPage *self = user_data;
  g_autoptr(PiloteObjData) data = NULL;
  g_autoptr(GError) error = NULL;

  data = pilote_obj_compute_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (data == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: shown when the objectives could not be read */
      message = g_strdup_printf (_("The objectives could not be read: %s"), error->message);
      show_error (self, message);
      set_busy (self, FALSE);
      return;
    }
  show_error (self, NULL);
  show_data (self, data);
  g_clear_pointer (&self->shown, pilote_obj_data_free);
  self->shown = g_steal_pointer (&data);
  compute_member_gaps (self);
  set_busy (self, FALSE);
}

static void
reload (PiloteObjectivesPage *self)
{
  PiloteObjRequest request = { 0 };

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  cancel_member_gaps (self);
  if (self->store == NULL)
    {
      set_busy (self, FALSE);
      return;
    }
  request.path = (char *) pilote_store_get_path (self->store);
  get_period (self, &request.period);
  request.today = self->today;
  request.scope = self->scope;
  request.scope_id = self->scope == PILOTE_SCOPE_COMPANY ? 0 : self->scope_id;
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  pilote_obj_compute_async (&request, self->cancellable, on_computed_cb, self);
}

static gboolean
reload_cb (gpointer user_data)
{
  PiloteObjectivesPage *self = user_data;

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* Period and scope change together: read once they have all changed */
static void
queue_reload (PiloteObjectivesPage *self)
{
  /* not at idle priority: a busy frame clock would starve it */
  if (self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_DEFAULT, reload_cb, self, NULL);
  set_busy (self, self->store != NULL);
}

/* Editing */

static GtkWindow *
get_parent_window (PiloteObjectivesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
on_editor_saved_cb (PiloteObjectiveEditor *editor,
                    gint64                 objective_id,
                    PiloteObjectivesPage  *self)
{
  reload (self);
}

static PiloteObjectiveEditor *
open_editor (PiloteObjectivesPage *self,
             gint64                id,
             gboolean              qualitative)
{
  g_autoptr(GError) error = NULL;
  PiloteObjectiveEditor *editor;
  PilotePeriod period;

  if (self->store == NULL)
    return NULL;
  get_period (self, &period);
  editor = pilote_objective_editor_new (self->store, id, qualitative, &period, self->scope,
                                        self->scope_id, get_parent_window (self), &error);
  if (editor == NULL)
    {
      report_error (self, _("Could Not Open the Objective"), error);
      return NULL;
    }
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, 0);
  g_signal_connect_object (editor, "deleted", G_CALLBACK (on_editor_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

static void
on_row_activated_cb (GtkListBox           *list,
                     GtkListBoxRow        *row,
                     PiloteObjectivesPage *self)
{
  gint64 id = pilote_obj_row_get_id (row);

  if (id > 0)
    open_editor (self, id, list == self->qualitative_list);
}

static void
forget_undo_toast (PiloteObjectivesPage *self)
{
  if (self->undo_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *) &self->undo_toast);
  self->undo_toast = NULL;
}

static void
offer_undo (PiloteObjectivesPage *self,
            AdwToast             *undo)
{
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  forget_undo_toast (self);
  adw_toast_set_button_label (undo, _("_Undo"));
  adw_toast_set_priority (undo, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (undo, 10);
  self->undo_toast = undo;
  g_object_add_weak_pointer (G_OBJECT (undo), (gpointer *) &self->undo_toast);
  toast (self, undo);
}

static void
on_undo_delete_cb (AdwToast             *undo,
                   PiloteObjectivesPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (undo), "objective-id"));
  g_autoptr(GError) error = NULL;

  forget_undo_toast (self);
  if (self->store == NULL)
    return;
  if (!pilote_store_restore (self->store, PILOTE_ENTITY_OBJECTIVE, id, &error))
    report_error (self, _("Could Not Bring the Objective Back"), error);
  reload (self);
}

/**
 * pilote_objectives_page_delete:
 *
 * Deletes an objective (softly) and offers to undo it in a toast.
 */
gboolean
pilote_objectives_page_delete (PiloteObjectivesPage  *self,
                               gint64                 id,
                               GError               **error)
{
  g_autoptr(PiloteObjective) objective = NULL;
  g_autoptr(AdwToast) undo = NULL;

  g_return_val_if_fail (PILOTE_IS_OBJECTIVES_PAGE (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  objective = pilote_store_get_objective (self->store, id, error);
  if (objective == NULL ||
      !pilote_store_delete (self->store, PILOTE_ENTITY_OBJECTIVE, id, objective->base.version,
                            error))
    return FALSE;
  undo = adw_toast_new (_("Objective deleted"));
  g_object_set_data (G_OBJECT (undo), "objective-id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect_object (undo, "button-clicked", G_CALLBACK (on_undo_delete_cb), self, 0);
  offer_undo (self, undo);
  reload (self);
  return TRUE;
}

static void
on_undo_copy_cb (AdwToast             *undo,
                 PiloteObjectivesPage *self)
{
  GArray *created = g_object_get_data (G_OBJECT (undo), "created");
  g_autoptr(GError) error = NULL;

  forget_undo_toast (self);
  if (self->store == NULL || created == NULL)
    return;
  if (!pilote_store_begin_write (self->store, &error))
    {
      report_error (self, _("Could Not Undo the Copy"), error);
      return;
    }
  for (guint i = 0; i < created->len; i++)
    {
      g_autoptr(PiloteObjective) objective = NULL;

      objective = pilote_store_get_objective (self->store, g_array_index (created, gint64, i),
                                              &error);
      if (objective == NULL ||
          !pilote_store_delete (self->store, PILOTE_ENTITY_OBJECTIVE, objective->base.id,
                                objective->base.version, &error))
        {
          pilote_store_rollback (self->store);
          report_error (self, _("Could Not Undo the Copy"), error);
          reload (self);
          return;
        }
    }
  if (!pilote_store_commit (self->store, &error))
    report_error (self, _("Could Not Undo the Copy"), error);
  reload (self);
}

/**
 * pilote_objectives_page_copy_previous:
 *
 * Gives the period shown the quantitative objectives of the period before,
 * for the scope shown and below it, and offers to undo it in a toast.
 *
 * Returns: how many objectives were copied, -1 on error
 */
int
pilote_objectives_page_copy_previous (PiloteObjectivesPage  *self,
                                      GError               **error)
{
  g_autoptr(GArray) created = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(AdwToast) message = NULL;
  g_autofree char *previous_text = NULL;
  g_autofree char *title = NULL;
  PilotePeriod period, previous;

  g_return_val_if_fail (PILOTE_IS_OBJECTIVES_PAGE (self), -1);
  g_return_val_if_fail (self->store != NULL, -1);

  get_period (self, &period);
  pilote_period_previous (&period, &previous);
  previous_text = pilote_period_describe (&previous);
  if (!pilote_objective_plan_copy_previous (self->store, &period, self->scope,
                                            self->scope == PILOTE_SCOPE_COMPANY ? 0
                                                                                : self->scope_id,
                                            created, error))
    return -1;
  if (created->len == 0)
    {
      /* Translators: the previous period had nothing that this one lacks */
      title = g_strdup_printf (_("Nothing to copy from %s"), previous_text);
      message = adw_toast_new (title);
      toast (self, message);
      return 0;
    }
  /* Translators: how many objectives were copied, and from which period */
  title = g_strdup_printf (ngettext ("%u objective copied from %s",
                                     "%u objectives copied from %s", created->len),
                           created->len, previous_text);
  message = adw_toast_new (title);
  g_object_set_data_full (G_OBJECT (message), "created", g_array_ref (created),
                          (GDestroyNotify) g_array_unref);
  g_signal_connect_object (message, "button-clicked", G_CALLBACK (on_undo_copy_cb), self, 0);
  offer_undo (self, message);
  reload (self);
  return (int) created->len;
}

/**
 * pilote_objectives_page_get_undo_toast:
 *
 * Returns: (transfer none) (nullable): the toast offering to undo the
 *   last delete or copy, while it is shown
 */
AdwToast *
pilote_objectives_page_get_undo_toast (PiloteObjectivesPage *self)
{
  g_return_val_if_fail (PILOTE_IS_OBJECTIVES_PAGE (self), NULL);

  return self->undo_toast;
}

static void
on_spread_saved_cb (PiloteObjectiveSpread *spread,
                    PiloteObjectivesPage  *self)
{
  reload (self);
}

/* Actions */

static void
new_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_editor (PILOTE_OBJECTIVES_PAGE (widget), 0, FALSE);
}

static void
new_qualitative_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  open_editor (PILOTE_OBJECTIVES_PAGE (widget), 0, TRUE);
}

static void
edit_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PiloteObjectivesPage *self = PILOTE_OBJECTIVES_PAGE (widget);
  g_autoptr(PiloteObjective) objective = NULL;
  gint64 id = g_variant_get_int64 (parameter);

  if (self->store == NULL)
    return;
  objective = pilote_store_get_objective (self->store, id, NULL);
  if (objective != NULL)
    open_editor (self, id, objective->metric == PILOTE_METRIC_QUALITATIVE);
}

static void
delete_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PiloteObjectivesPage *self = PILOTE_OBJECTIVES_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->store != NULL &&
      !pilote_objectives_page_delete (self, g_variant_get_int64 (parameter), &error))
    {
      report_error (self, _("Could Not Delete the Objective"), error);
      reload (self);
    }
}

static void
copy_previous_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PiloteObjectivesPage *self = PILOTE_OBJECTIVES_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && pilote_objectives_page_copy_previous (self, &error) < 0)
    report_error (self, _("Could Not Copy the Objectives"), error);
}

static void
spread_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PiloteObjectivesPage *self = PILOTE_OBJECTIVES_PAGE (widget);
  PiloteObjectiveSpread *spread;
  PilotePeriod period;

  if (self->store == NULL)
    return;
  get_period (self, &period);
  spread = pilote_objective_spread_new (self->store, &period, self->scope,
                                        self->scope == PILOTE_SCOPE_COMPANY ? 0 : self->scope_id,
                                        get_parent_window (self));
  g_signal_connect_object (spread, "saved", G_CALLBACK (on_spread_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (spread));
}

static void
refresh_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  reload (PILOTE_OBJECTIVES_PAGE (widget));
}

/* GObject */

static int
parse_nick (GType       type,
            const char *nick,
            int         fallback)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *value = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;
  int result = value != NULL ? value->value : fallback;

  g_type_class_unref (klass);
  return result;
}

static const char *
get_nick (GType type,
          int   value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (klass, value);
  const char *nick = enum_value != NULL ? enum_value->value_nick : NULL;

  g_type_class_unref (klass);
  return nick;
}

static void
pilote_objectives_page_dispose (GObject *object)
{
  PiloteObjectivesPage *self = PILOTE_OBJECTIVES_PAGE (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  cancel_member_gaps (self);
  forget_undo_toast (self);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), PILOTE_TYPE_OBJECTIVES_PAGE);

  G_OBJECT_CLASS (pilote_objectives_page_parent_class)->dispose (object);
}

static void
pilote_objectives_page_finalize (GObject *object)
{
  PiloteObjectivesPage *self = PILOTE_OBJECTIVES_PAGE (object);

  g_free (self->period_start);
  g_clear_pointer (&self->shown, pilote_obj_data_free);

  G_OBJECT_CLASS (pilote_objectives_page_parent_class)->finalize (object);
}

static void
pilote_objectives_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PiloteObjectivesPage *self = PILOTE_OBJECTIVES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PERIOD_KIND:
      g_value_set_string (value, get_nick (PILOTE_TYPE_PERIOD_KIND, self->period_kind));
      break;
    case PROP_PERIOD_START:
      g_value_set_string (value, self->period_start);
      break;
    case PROP_SCOPE_KIND:
      g_value_set_string (value, get_nick (PILOTE_TYPE_SCOPE, self->scope));
      break;
    case PROP_SCOPE_ID:
      g_value_set_int64 (value, self->scope_id);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, pilote_objectives_page_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pilote_objectives_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  PiloteObjectivesPage *self = PILOTE_OBJECTIVES_PAGE (object);
  int number;

  switch (prop_id)
    {
    case PROP_STORE:
      pilote_objectives_page_set_store (self, g_value_get_object (value));
      break;
    case PROP_PERIOD_KIND:
      number = parse_nick (PILOTE_TYPE_PERIOD_KIND, g_value_get_string (value),
                           PILOTE_PERIOD_MONTH);
      if (number == PILOTE_PERIOD_CUSTOM || (PilotePeriodKind) number == self->period_kind)
        break;
      self->period_kind = number;
      g_object_notify_by_pspec (object, pspec);
      queue_reload (self);
      break;
    case PROP_PERIOD_START:
      if (g_strcmp0 (self->period_start, g_value_get_string (value)) == 0)
        break;
      g_free (self->period_start);
      self->period_start = g_value_dup_string (value);
      g_object_notify_by_pspec (object, pspec);
      queue_reload (self);
      break;
    case PROP_SCOPE_KIND:
      number = parse_nick (PILOTE_TYPE_SCOPE, g_value_get_string (value), PILOTE_SCOPE_COMPANY);
      if ((PiloteScope) number == self->scope)
        break;
      self->scope = number;
      g_object_notify_by_pspec (object, pspec);
      queue_reload (self);
      break;
    case PROP_SCOPE_ID:
      if (g_value_get_int64 (value) == self->scope_id)
        break;
      self->scope_id = g_value_get_int64 (value);
      g_object_notify_by_pspec (object, pspec);
      queue_reload (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pilote_objectives_page_class_init (PiloteObjectivesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pilote_objectives_page_dispose;
  object_class->finalize = pilote_objectives_page_finalize;
  object_class->get_property = pilote_objectives_page_get_property;
  object_class->set_property = pilote_objectives_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PILOTE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PERIOD_KIND] =
    g_param_spec_string ("period-kind", NULL, NULL, "month",
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
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "objectives-page.new", NULL, new_action_cb);
  gtk_widget_class_install_action (widget_class, "objectives-page.new-qualitative", NULL,
                                   new_qualitative_action_cb);
  gtk_widget_class_install_action (widget_class, "objectives-page.edit", "x", edit_action_cb);
  gtk_widget_class_install_action (widget_class, "objectives-page.delete", "x",
                                   delete_action_cb);
  gtk_widget_class_install_action (widget_class, "objectives-page.copy-previous", NULL,
                                   copy_previous_action_cb);
  gtk_widget_class_install_action (widget_class, "objectives-page.spread", NULL,
                                   spread_action_cb);
  gtk_widget_class_install_action (widget_class, "objectives-page.refresh", NULL,
                                   refresh_action_cb);
  gtk_widget_class_install_action (widget_class, "page.reload", NULL, refresh_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "objectives-page.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "objectives-page.refresh",
                                       NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/pilote/Pilote/pilote-objectives-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectivesPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectivesPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectivesPage, own_title);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectivesPage, own_caption);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectivesPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectivesPage, own_list);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectivesPage, parts_title);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectivesPage, parts_list);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectivesPage, longer_title);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectivesPage, longer_list);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectivesPage, gap_caption);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectivesPage, gap_figures_bin);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectivesPage, gap_table_bin);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectivesPage, qualitative_list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pilote_objectives_page_init (PiloteObjectivesPage *self)
{
  const char *forced = g_getenv ("PILOTE_TODAY");

  self->period_kind = PILOTE_PERIOD_MONTH;
  self->scope = PILOTE_SCOPE_COMPANY;
  if (forced == NULL || !pilote_date_parse_iso (forced, &self->today))
    pilote_date_set_today (&self->today);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pilote_objectives_page_new (void)
{
  return g_object_new (PILOTE_TYPE_OBJECTIVES_PAGE, NULL);
}

PiloteStore *
pilote_objectives_page_get_store (PiloteObjectivesPage *self)
{
  g_return_val_if_fail (PILOTE_IS_OBJECTIVES_PAGE (self), NULL);

  return self->store;
}

void
pilote_objectives_page_set_store (PiloteObjectivesPage *self,
                                  PiloteStore          *store)
{
  g_return_if_fail (PILOTE_IS_OBJECTIVES_PAGE (self));
  g_return_if_fail (store == NULL || PILOTE_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  queue_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gboolean
pilote_objectives_page_get_busy (PiloteObjectivesPage *self)
{
  g_return_val_if_fail (PILOTE_IS_OBJECTIVES_PAGE (self), FALSE);

  return gtk_spinner_get_spinning (self->spinner);
}

void
pilote_objectives_page_refresh (PiloteObjectivesPage *self)
{
  g_return_if_fail (PILOTE_IS_OBJECTIVES_PAGE (self));

  queue_reload (self);
}
