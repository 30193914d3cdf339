/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "pilote-error.h"
#include "pilote-objective-plan.h"
#include "pilote-objective-spread.h"
#include "pilote-record.h"

/**
 * PiloteObjectiveSpread:
 *
 * Spreads a yearly target over the twelve months of the (fiscal) year
 * holding the period shown, for the scope shown: evenly, or like last
 * year's revenue by month (read from the KPI engine in a worker thread).
 * The months shown add up exactly to the yearly target.
 */

struct _PiloteObjectiveSpread
{
  AdwWindow          parent_instance;

  PiloteStore       *store;
  PilotePeriod       year;
  PiloteScope        scope;
  gint64             scope_id;
  gint64             weights[PILOTE_MONTHS_IN_YEAR];
  gboolean           has_weights;   /* last year's revenue is read and not all zero */
  gint64             parts[PILOTE_MONTHS_IN_YEAR];
  gboolean           valid;
  GCancellable      *cancellable;
  GtkLabel          *month_values[PILOTE_MONTHS_IN_YEAR];

  /* template */
  GtkButton         *save_button;
  GtkRevealer       *error_revealer;
  GtkLabel          *error_label;
  AdwComboRow       *metric_row;
  AdwActionRow      *scope_row;
  AdwActionRow      *year_row;
  AdwEntryRow       *total_row;
  AdwComboRow       *method_row;
  GtkSwitch         *year_switch;
  AdwPreferencesGroup *months_group;
};

G_DEFINE_FINAL_TYPE (PiloteObjectiveSpread, pilote_objective_spread, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* metric_row lists the additive metrics in the order of PiloteMetric */
G_STATIC_ASSERT (PILOTE_METRIC_REVENUE == 0 && PILOTE_METRIC_CALLS == 5);

static PiloteMetric
get_metric (PiloteObjectiveSpread *self)
{
  guint selected = adw_combo_row_get_selected (self->metric_row);

  return selected <= PILOTE_METRIC_CALLS ? (PiloteMetric) selected : PILOTE_METRIC_REVENUE;
}

static gboolean
is_money (PiloteMetric metric)
{
  return metric == PILOTE_METRIC_REVENUE || metric == PILOTE_METRIC_GROSS_MARGIN;
}

static char *
format_value (PiloteObjectiveSpread *self,
              gint64                 value)
{
  if (is_money (get_metric (self)))
    return pilote_money_format (value, pilote_store_get_currency (self->store),
                                PILOTE_MONEY_FORMAT_DEFAULT);
  return g_strdup_printf ("%" PRId64, value);
}

static gboolean
parse_total (PiloteObjectiveSpread  *self,
             gint64                 *total,
             GError                **error)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->total_row))));
  g_autoptr(GError) local_error = NULL;
  guint64 count;

  if (*text == '\0')
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Yearly target: type the figure to reach over the year."));
      return FALSE;
    }
  if (is_money (get_metric (self)))
    {
      if (!pilote_money_parse (text, pilote_store_get_currency (self->store), total,
                               &local_error))
        {
          /* Translators: a field name and what is wrong with it */
          g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID, _("Yearly target: %s"),
                       local_error->message);
          return FALSE;
        }
    }
  else if (g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT32, &count, NULL))
    *total = (gint64) count;
  else
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Yearly target: type a whole number, such as 240."));
      return FALSE;
    }
  if (*total < 0)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Yearly target: the figure to reach cannot be negative."));
      return FALSE;
    }
  return TRUE;
}

/* Recomputes the months from the form; the preview always adds up */
static void
update_months (PiloteObjectiveSpread *self)
{
  g_autoptr(GError) error = NULL;
  gboolean seasonal = adw_combo_row_get_selected (self->method_row) == 1;
  gint64 total = 0;

  self->valid = parse_total (self, &total, &error);
  if (!self->valid &&
      *gtk_editable_get_text (GTK_EDITABLE (self->total_row)) == '\0')
    g_clear_error (&error);
  gtk_label_set_text (self->error_label, error != NULL ? error->message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, error != NULL);
  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->total_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->total_row), "error");

  if (seasonal && !self->has_weights)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->method_row),
                                self->cancellable != NULL
                                  ? _("Reading last year’s revenue…")
                                  : _("No revenue last year: spread evenly"));
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->method_row), "");

  pilote_objective_plan_spread (self->valid ? total : 0,
                                seasonal && self->has_weights ? self->weights : NULL,
                                PILOTE_MONTHS_IN_YEAR, self->parts);
  for (guint i = 0; i < PILOTE_MONTHS_IN_YEAR; i++)
    {
      g_autofree char *text = self->valid ? format_value (self, self->parts[i]) : g_strdup ("—");

      gtk_label_set_text (self->month_values[i], text);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), self->valid);
}

static void
on_form_changed_cb (PiloteObjectiveSpread *self)
{
  update_months (self);
}

/* Prefills the yearly target with the year's objective, when there is one */
static void
prefill_total (PiloteObjectiveSpread *self)
{
  gint64 target = G_MININT64;
  PiloteMetric metric = get_metric (self);

  if (!pilote_objective_plan_get_target (self->store, metric, &self->year, self->scope,
                                         self->scope_id, &target, NULL)
      || target == G_MININT64)
    gtk_editable_set_text (GTK_EDITABLE (self->total_row), "");
  else if (is_money (metric))
    {
      g_autofree char *text = pilote_money_format (target, pilote_store_get_currency (self->store),
                                                   PILOTE_MONEY_FORMAT_NO_SYMBOL);

      gtk_editable_set_text (GTK_EDITABLE (self->total_row), text);
    }
  else
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, target);

      gtk_editable_set_text (GTK_EDITABLE (self->total_row), text);
    }
}

static void
on_metric_changed_cb (PiloteObjectiveSpread *self)
{
  g_autofree char *title = NULL;

  if (is_money (get_metric (self)))
    /* Translators: the yearly target of a money objective, with the currency's symbol */
    title = g_strdup_printf (_("_Yearly Target (%s)"),
                             pilote_currency_symbol (pilote_store_get_currency (self->store)));
  else
    title = g_strdup (_("_Yearly Target (count)"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->total_row), title);
  prefill_total (self);
  update_months (self);
}

/* Last year's revenue, in a worker thread */

typedef struct {
  char         *path;
  PilotePeriod  year;
  PiloteScope   scope;
  gint64        scope_id;
} WeightsRequest;

static void
weights_request_free (gpointer data)
{
  WeightsRequest *request = data;

  g_free (request->path);
  g_free (request);
}

static void
read_weights_cb (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  const WeightsRequest *request = task_data;
  g_autoptr(PiloteStore) store = NULL;
  g_autofree gint64 *weights = g_new0 (gint64, PILOTE_MONTHS_IN_YEAR);
  GError *error = NULL;

  store = pilote_store_open (request->path, PILOTE_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL ||
      !pilote_objective_plan_seasonality (store, &request->year, request->scope,
                                          request->scope_id, weights, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&weights), g_free);
}

static void
on_weights_read_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  PiloteObjectiveSpread *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *weights = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (weights == NULL)
    g_warning ("Could not read last year’s revenue: %s", error->message);
  else
    {
      memcpy (self->weights, weights, sizeof self->weights);
      self->has_weights = FALSE;
      for (guint i = 0; i < PILOTE_MONTHS_IN_YEAR; i++)
        self->has_weights |= weights[i] > 0;
    }
  update_months (self);
}

static void
read_weights (PiloteObjectiveSpread *self)
{
  g_autoptr(GTask) task = NULL;
  WeightsRequest *request = g_new0 (WeightsRequest, 1);

  request->path = g_strdup (pilote_store_get_path (self->store));
  request->year = self->year;
  request->scope = self->scope;
  request->scope_id = self->scope_id;
  self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, on_weights_read_cb, self);
  g_task_set_source_tag (task, read_weights);
  g_task_set_task_data (task, request, weights_request_free);
  g_task_run_in_thread (task, read_weights_cb);
}

/**
 * pilote_objective_spread_get_parts:
 *
 * Returns: (array fixed-size=12): the targets of the months, as shown
 */
const gint64 *
pilote_objective_spread_get_parts (PiloteObjectiveSpread *self)
{
  g_return_val_if_fail (PILOTE_IS_OBJECTIVE_SPREAD (self), NULL);

  return self->parts;
}

/**
 * pilote_objective_spread_apply:
 *
 * Sets the twelve monthly objectives (and the year's, when asked) in one
 * transaction; on success emits ::saved and closes.
 */
gboolean
pilote_objective_spread_apply (PiloteObjectiveSpread  *self,
                               GError                **error)
{
  g_autoptr(GError) local_error = NULL;
  PiloteMetric metric = get_metric (self);
  gint64 total = 0;

  g_return_val_if_fail (PILOTE_IS_OBJECTIVE_SPREAD (self), FALSE);

  update_months (self);
  if (!parse_total (self, &total, &local_error))
    goto fail;
  if (!pilote_store_begin_write (self->store, &local_error))
    goto fail;
  if (!pilote_objective_plan_save_months (self->store, metric, &self->year, self->scope,
                                          self->scope_id, self->parts, &local_error)
      || (gtk_switch_get_active (self->year_switch)
          && !pilote_objective_plan_save_target (self->store, metric, &self->year, self->scope,
                                                 self->scope_id, total, &local_error)))
    {
      pilote_store_rollback (self->store);
      goto fail;
    }
  if (!pilote_store_commit (self->store, &local_error))
    goto fail;
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;

fail:
  gtk_label_set_text (self->error_label, local_error->message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static void
apply_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  pilote_objective_spread_apply (PILOTE_OBJECTIVE_SPREAD (widget), NULL);
}

/* GObject */

static void
pilote_objective_spread_dispose (GObject *object)
{
  PiloteObjectiveSpread *self = PILOTE_OBJECTIVE_SPREAD (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), PILOTE_TYPE_OBJECTIVE_SPREAD);

  G_OBJECT_CLASS (pilote_objective_spread_parent_class)->dispose (object);
}

static void
pilote_objective_spread_class_init (PiloteObjectiveSpreadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pilote_objective_spread_dispose;

  /**
   * PiloteObjectiveSpread::saved:
   *
   * Emitted once the monthly objectives are written to the file.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "spread.apply", NULL, apply_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "spread.apply", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/pilote/Pilote/pilote-objective-spread.ui");
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectiveSpread, save_button);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectiveSpread, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectiveSpread, error_label);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectiveSpread, metric_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectiveSpread, scope_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectiveSpread, year_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectiveSpread, total_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectiveSpread, method_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectiveSpread, year_switch);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectiveSpread, months_group);
}

static void
pilote_objective_spread_init (PiloteObjectiveSpread *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
}

static char *
describe_scope (PiloteStore *store,
                PiloteScope  scope,
                gint64       scope_id)
{
  g_autoptr(PiloteRecord) record = NULL;

  if (scope == PILOTE_SCOPE_COMPANY)
    return g_strdup (C_("scope", "Company"));
  record = pilote_store_get (store, scope == PILOTE_SCOPE_TEAM ? PILOTE_ENTITY_TEAM
                                                               : PILOTE_ENTITY_MEMBER,
                             scope_id, NULL);
  if (record == NULL)
    return g_strdup ("—");
  if (scope == PILOTE_SCOPE_TEAM)
    /* Translators: a team, in the list of whom an objective is for */
    return g_strdup_printf (_("Team %s"), ((PiloteTeam *) record)->name);
  return g_strdup (((PiloteMember *) record)->name);
}

/**
 * pilote_objective_spread_new:
 * @period: a period of the (fiscal) year to spread over
 * @parent: (nullable): the window the dialog belongs to
 *
 * Returns: (transfer none): the dialog
 */
PiloteObjectiveSpread *
pilote_objective_spread_new (PiloteStore         *store,
                             const PilotePeriod  *period,
                             PiloteScope          scope,
                             gint64               scope_id,
                             GtkWindow           *parent)
{
  PiloteObjectiveSpread *self;
  g_autofree char *year_text = NULL;
  g_autofree char *scope_text = NULL;
  GDate month;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  self = g_object_new (PILOTE_TYPE_OBJECTIVE_SPREAD, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->scope = scope;
  self->scope_id = scope == PILOTE_SCOPE_COMPANY ? 0 : scope_id;
  pilote_period_init_containing (&self->year, PILOTE_PERIOD_YEAR, &period->from,
                                 pilote_store_get_fiscal_start (store));

  year_text = pilote_period_describe (&self->year);
  adw_action_row_set_subtitle (self->year_row, year_text);
  scope_text = describe_scope (store, self->scope, self->scope_id);
  adw_action_row_set_subtitle (self->scope_row, scope_text);

  month = self->year.from;
  for (guint i = 0; i < PILOTE_MONTHS_IN_YEAR; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *value = gtk_label_new ("—");
      char name[64];

      /* Translators: a month and its year in the list of months, a strftime() format */
      g_date_strftime (name, sizeof name, C_("spread", "%B %Y"), &month);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      gtk_widget_add_css_class (value, "numeric");
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      adw_preferences_group_add (self->months_group, row);
      self->month_values[i] = GTK_LABEL (value);
      g_date_add_months (&month, 1);
    }

  g_signal_connect_object (self->metric_row, "notify::selected",
                           G_CALLBACK (on_metric_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->method_row, "notify::selected",
                           G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->total_row, "changed",
                           G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);
  read_weights (self);
  on_metric_changed_cb (self);
  return self;
}
