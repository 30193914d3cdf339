/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pilote-error.h"
#include "pilote-objective-editor.h"
#include "pilote-objective-plan.h"
#include "pilote-plan-common.h"
#include "pilote-record.h"

/**
 * PiloteObjectiveEditor:
 *
 * Creates or edits one objective: a quantitative one (metric, whom it is
 * for, target) or a qualitative one (description, owner, due date,
 * progress, status, comments). Input is checked before anything is
 * written; a bad field is named in the message and nothing changes.
 * Saving, conflicts with someone else's changes, deleting and the history
 * are PiloteRecordEditor's.
 */

struct _PiloteObjectiveEditor
{
  PiloteRecordEditor parent_instance;

  PiloteStore       *store;
  gboolean           qualitative;
  GArray            *scope_kinds;   /* PiloteScope, as listed in scope_row */
  GArray            *scope_ids;     /* gint64 */
  GArray            *owner_ids;     /* gint64, as listed in owner_row; 0: nobody */

  /* template */
  AdwWindowTitle    *window_title;
  GtkButton         *save_button;
  GtkRevealer       *error_revealer;
  GtkLabel          *error_label;
  AdwComboRow       *metric_row;
  AdwEntryRow       *description_row;
  AdwComboRow       *scope_row;
  AdwActionRow      *period_row;
  AdwEntryRow       *target_row;
  AdwPreferencesGroup *follow_group;
  AdwComboRow       *owner_row;
  AdwEntryRow       *due_row;
  GtkSpinButton     *progress_spin;
  AdwComboRow       *status_row;
  AdwPreferencesGroup *comments_group;
  GtkTextView       *comments_view;
  GtkWidget         *delete_group;
};

G_DEFINE_FINAL_TYPE (PiloteObjectiveEditor, pilote_objective_editor, PILOTE_TYPE_RECORD_EDITOR)

/* metric_row lists the quantitative metrics in the order of PiloteMetric */
G_STATIC_ASSERT (PILOTE_METRIC_REVENUE == 0 && PILOTE_METRIC_WIN_RATE == 6);

static PiloteMetric
get_metric (PiloteObjectiveEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->metric_row);

  return selected <= PILOTE_METRIC_WIN_RATE ? (PiloteMetric) selected : PILOTE_METRIC_REVENUE;
}

/* The target's title says its unit */
static void
update_target_title (PiloteObjectiveEditor *self)
{
  g_autofree char *title = NULL;

  switch (get_metric (self))
    {
    case PILOTE_METRIC_REVENUE:
    case PILOTE_METRIC_GROSS_MARGIN:
      /* Translators: the target of a money objective, with the currency's symbol */
      title = g_strdup_printf (_("_Target (%s)"),
                               pilote_currency_symbol (pilote_store_get_currency (self->store)));
      break;
    case PILOTE_METRIC_WIN_RATE:
      title = g_strdup (_("_Target (%)"));
      break;
    case PILOTE_METRIC_DEALS_WON:
    case PILOTE_METRIC_NEW_CLIENTS:
    case PILOTE_METRIC_MEETINGS:
    case PILOTE_METRIC_CALLS:
    case PILOTE_METRIC_QUALITATIVE:
    default:
      title = g_strdup (_("_Target (count)"));
      break;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->target_row), title);
}

static void
on_metric_selected_cb (AdwComboRow           *row,
                       GParamSpec            *pspec,
                       PiloteObjectiveEditor *self)
{
  update_target_title (self);
}

static char *
format_target (PiloteObjectiveEditor *self,
               PiloteMetric           metric,
               gint64                 target)
{
  switch (metric)
    {
    case PILOTE_METRIC_REVENUE:
    case PILOTE_METRIC_GROSS_MARGIN:
      return pilote_money_format (target, pilote_store_get_currency (self->store),
                                  PILOTE_MONEY_FORMAT_NO_SYMBOL);
    case PILOTE_METRIC_WIN_RATE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        /* basis points to a percentage, as few decimals as it takes */
        return g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", target / 100.0));
      }
    case PILOTE_METRIC_DEALS_WON:
    case PILOTE_METRIC_NEW_CLIENTS:
    case PILOTE_METRIC_MEETINGS:
    case PILOTE_METRIC_CALLS:
    case PILOTE_METRIC_QUALITATIVE:
    default:
      return g_strdup_printf ("%" G_GINT64_FORMAT, target);
    }
}

static gboolean
parse_target (PiloteObjectiveEditor  *self,
              PiloteMetric            metric,
              gint64                 *target,
              GError                **error)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->target_row))));
  g_autoptr(GError) local_error = NULL;

  if (*text == '\0')
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Target: type the figure to reach."));
      return FALSE;
    }
  switch (metric)
    {
    case PILOTE_METRIC_REVENUE:
    case PILOTE_METRIC_GROSS_MARGIN:
      if (!pilote_money_parse (text, pilote_store_get_currency (self->store), target,
                               &local_error))
        {
          /* Translators: a field name and what is wrong with it */
          g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID, _("Target: %s"),
                       local_error->message);
          return FALSE;
        }
      break;
    case PILOTE_METRIC_WIN_RATE:
      {
        char *end = NULL;
        double value;
        gsize len = strlen (text);

        if (len > 0 && text[len - 1] == '%')
          text[len - 1] = '\0';
        g_strstrip (text);
        g_strdelimit (text, ",", '.');
        value = g_ascii_strtod (text, &end);
        if (*text == '\0' || end == NULL || *end != '\0' || !isfinite (value) || value < 0
            || value > 100)
          {
            g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                         _("Target: type a percentage between 0 and 100, such as 35 or 35.5."));
            return FALSE;
          }
        *target = llround (value * 100.0);
      }
      break;
    case PILOTE_METRIC_DEALS_WON:
    case PILOTE_METRIC_NEW_CLIENTS:
    case PILOTE_METRIC_MEETINGS:
    case PILOTE_METRIC_CALLS:
    case PILOTE_METRIC_QUALITATIVE:
    default:
      {
        guint64 count;

        if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT32, &count, NULL))
          {
            g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                         _("Target: type a whole number, such as 12."));
            return FALSE;
          }
        *target = (gint64) count;
      }
      break;
    }
  if (*target < 0)
    {
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("Target: the figure to reach cannot be negative."));
      return FALSE;
    }
  return TRUE;
}

/* Scopes and owners */

static void
fill_choices (PiloteObjectiveEditor  *self,
              GError                **error)
{
  g_autoptr(GtkStringList) scopes = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) owners = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) teams = NULL;
  g_autoptr(GPtrArray) members = NULL;
  PiloteQuery query = { .sort_field = "name" };
  PiloteScope company = PILOTE_SCOPE_COMPANY, team_scope = PILOTE_SCOPE_TEAM,
              member_scope = PILOTE_SCOPE_MEMBER;
  gint64 none = 0;

  teams = pilote_store_list (self->store, PILOTE_ENTITY_TEAM, &query, NULL);
  members = pilote_store_list (self->store, PILOTE_ENTITY_MEMBER, &query, NULL);

  gtk_string_list_append (scopes, C_("scope", "Company"));
  g_array_append_val (self->scope_kinds, company);
  g_array_append_val (self->scope_ids, none);
  gtk_string_list_append (owners, C_("owner", "Nobody"));
  g_array_append_val (self->owner_ids, none);
  for (guint i = 0; teams != NULL && i < teams->len; i++)
    {
      PiloteTeam *team = g_ptr_array_index (teams, i);
      /* Translators: a team in the list of whom an objective is for */
      g_autofree char *label = g_strdup_printf (_("Team %s"), team->name);

      gtk_string_list_append (scopes, label);
      g_array_append_val (self->scope_kinds, team_scope);
      g_array_append_val (self->scope_ids, team->base.id);
    }
  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      PiloteMember *member = g_ptr_array_index (members, i);

      gtk_string_list_append (scopes, member->name);
      g_array_append_val (self->scope_kinds, member_scope);
      g_array_append_val (self->scope_ids, member->base.id);
      gtk_string_list_append (owners, member->name);
      g_array_append_val (self->owner_ids, member->base.id);
    }
  adw_combo_row_set_model (self->scope_row, G_LIST_MODEL (scopes));
  adw_combo_row_set_model (self->owner_row, G_LIST_MODEL (owners));
}

static void
select_scope (PiloteObjectiveEditor *self,
              PiloteScope            scope,
              gint64                 scope_id)
{
  for (guint i = 0; i < self->scope_kinds->len; i++)
    if (g_array_index (self->scope_kinds, PiloteScope, i) == scope &&
        (scope == PILOTE_SCOPE_COMPANY || g_array_index (self->scope_ids, gint64, i) == scope_id))
      {
        adw_combo_row_set_selected (self->scope_row, i);
        return;
      }
  adw_combo_row_set_selected (self->scope_row, 0);
}

static void
select_owner (PiloteObjectiveEditor *self,
              gint64                 owner_id)
{
  for (guint i = 0; i < self->owner_ids->len; i++)
    if (g_array_index (self->owner_ids, gint64, i) == owner_id)
      {
        adw_combo_row_set_selected (self->owner_row, i);
        return;
      }
  adw_combo_row_set_selected (self->owner_row, 0);
}

/* Reading the form */

static char *
get_comments (PiloteObjectiveEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->comments_view);
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static gboolean check_unique (PiloteObjectiveEditor  *self,
                              const PiloteObjective  *objective,
                              GtkWidget             **bad_row,
                              GError                **error);

static gpointer
collect (PiloteRecordEditor  *editor,
         GtkWidget          **bad_row,
         GError             **error)
{
  PiloteObjectiveEditor *self = PILOTE_OBJECTIVE_EDITOR (editor);
  g_autoptr(PiloteObjective) objective = pilote_record_copy (pilote_record_editor_get_record (editor));
  guint scope_index = adw_combo_row_get_selected (self->scope_row);

  *bad_row = NULL;
  if (scope_index >= self->scope_kinds->len)
    {
      *bad_row = GTK_WIDGET (self->scope_row);
      g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                   _("For: choose the company, a team or a sales rep."));
      return NULL;
    }
  objective->scope = g_array_index (self->scope_kinds, PiloteScope, scope_index);
  objective->scope_id = g_array_index (self->scope_ids, gint64, scope_index);

  if (!self->qualitative)
    {
      objective->metric = get_metric (self);
      if (!parse_target (self, objective->metric, &objective->target, error))
        {
          *bad_row = GTK_WIDGET (self->target_row);
          return NULL;
        }
      if (!check_unique (self, objective, bad_row, error))
        return NULL;
      return g_steal_pointer (&objective);
    }

  {
    g_autofree char *description = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->description_row))));
    g_autofree char *due = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->due_row))));
    guint owner_index = adw_combo_row_get_selected (self->owner_row);
    GDate date;

    if (*description == '\0')
      {
        *bad_row = GTK_WIDGET (self->description_row);
        g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                     _("Description: say what is to be achieved, such as “Open the Lyon "
                       "market”."));
        return NULL;
      }
    if (*due != '\0' && !pilote_date_parse_iso (due, &date))
      {
        *bad_row = GTK_WIDGET (self->due_row);
        g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_INVALID,
                     _("Due date: type a date as year-month-day, such as 2026-12-31, or leave "
                       "it empty."));
        return NULL;
      }
    objective->metric = PILOTE_METRIC_QUALITATIVE;
    objective->target = G_MININT64;
    g_free (objective->description);
    objective->description = g_steal_pointer (&description);
    g_free (objective->due_on);
    objective->due_on = *due != '\0' ? g_steal_pointer (&due) : NULL;
    objective->owner_id = owner_index < self->owner_ids->len
                            ? g_array_index (self->owner_ids, gint64, owner_index) : 0;
    objective->progress = gtk_spin_button_get_value_as_int (self->progress_spin);
    objective->status = MIN (adw_combo_row_get_selected (self->status_row),
                             PILOTE_PROGRESS_CANCELLED);
    g_free (objective->comments);
    objective->comments = get_comments (self);
    /* done means all done */
    if (objective->status == PILOTE_PROGRESS_DONE)
      objective->progress = 100;
  }
  if (!check_unique (self, objective, bad_row, error))
    return NULL;
  return g_steal_pointer (&objective);
}

/* one objective per metric, period and scope: two would be added up */
static gboolean
check_unique (PiloteObjectiveEditor  *self,
              const PiloteObjective  *objective,
              GtkWidget             **bad_row,
              GError                **error)
{
  gpointer item = adw_combo_row_get_selected_item (self->metric_row);
  gint64 other_id = 0;

  if (!pilote_objective_plan_find_other (self->store, objective, &other_id, error))
    return FALSE;
  if (other_id == 0)
    return TRUE;
  *bad_row = GTK_WIDGET (self->metric_row);
  g_set_error (error, PILOTE_ERROR, PILOTE_ERROR_DUPLICATE,
               /* Translators: a metric ("Revenue") */
               _("%s: there is already an objective for this period and scope. Edit that "
                 "one, or choose another metric or scope."),
               item != NULL ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : "");
  return FALSE;
}

/**
 * pilote_objective_editor_save:
 *
 * Checks the form and saves the objective; on success emits ::saved and
 * closes. On error nothing is written and the message names the field.
 */
gboolean
pilote_objective_editor_save (PiloteObjectiveEditor  *self,
                              GError                **error)
{
  g_return_val_if_fail (PILOTE_IS_OBJECTIVE_EDITOR (self), FALSE);

  if (!pilote_record_editor_save (PILOTE_RECORD_EDITOR (self), error))
    return FALSE;
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

/* Filling the form */

static void
show (PiloteRecordEditor *editor,
      gconstpointer       record)
{
  PiloteObjectiveEditor *self = PILOTE_OBJECTIVE_EDITOR (editor);
  const PiloteObjective *o = record;
  g_autofree char *period = NULL;
  GDate start;

  gtk_widget_set_visible (GTK_WIDGET (self->metric_row), !self->qualitative);
  gtk_widget_set_visible (GTK_WIDGET (self->target_row), !self->qualitative);
  gtk_widget_set_visible (GTK_WIDGET (self->description_row), self->qualitative);
  gtk_widget_set_visible (GTK_WIDGET (self->follow_group), self->qualitative);
  gtk_widget_set_visible (GTK_WIDGET (self->comments_group), self->qualitative);
  gtk_widget_set_visible (self->delete_group, o->base.id > 0);

  if (pilote_date_parse_iso (o->period_start, &start))
    {
      PilotePeriod p;

      pilote_period_init_containing (&p, o->period_kind, &start,
                                     pilote_store_get_fiscal_start (self->store));
      period = pilote_period_describe (&p);
    }
  adw_action_row_set_subtitle (self->period_row, period != NULL ? period : o->period_start);
  select_scope (self, o->scope, o->scope_id);

  if (!self->qualitative)
    {
      adw_combo_row_set_selected (self->metric_row, o->metric);
      update_target_title (self);
      if (o->base.id > 0 && o->target != G_MININT64)
        {
          g_autofree char *target = format_target (self, o->metric, o->target);

          gtk_editable_set_text (GTK_EDITABLE (self->target_row), target);
        }
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->description_row),
                             o->description != NULL ? o->description : "");
      gtk_editable_set_text (GTK_EDITABLE (self->due_row), o->due_on != NULL ? o->due_on : "");
      select_owner (self, o->owner_id);
      gtk_spin_button_set_value (self->progress_spin, (double) o->progress);
      adw_combo_row_set_selected (self->status_row, o->status);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->comments_view),
                                o->comments != NULL ? o->comments : "", -1);
    }

  adw_window_title_set_title (self->window_title,
                              o->base.id > 0 ? _("Edit Objective")
                              : self->qualitative ? _("New Qualitative Objective")
                              : _("New Objective"));
  adw_window_title_set_subtitle (self->window_title, period != NULL ? period : "");
  gtk_widget_grab_focus (self->qualitative ? GTK_WIDGET (self->description_row)
                                           : GTK_WIDGET (self->target_row));
}

static char *
describe (PiloteRecordEditor *editor)
{
  PiloteObjectiveEditor *self = PILOTE_OBJECTIVE_EDITOR (editor);

  return pilote_plan_objective_label (self->store, pilote_record_editor_get_record (editor));
}

/* GObject */

static void
pilote_objective_editor_dispose (GObject *object)
{
  PiloteObjectiveEditor *self = PILOTE_OBJECTIVE_EDITOR (object);

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), PILOTE_TYPE_OBJECTIVE_EDITOR);

  G_OBJECT_CLASS (pilote_objective_editor_parent_class)->dispose (object);
}

static void
pilote_objective_editor_finalize (GObject *object)
{
  PiloteObjectiveEditor *self = PILOTE_OBJECTIVE_EDITOR (object);

  g_array_unref (self->scope_kinds);
  g_array_unref (self->scope_ids);
  g_array_unref (self->owner_ids);

  G_OBJECT_CLASS (pilote_objective_editor_parent_class)->finalize (object);
}

static void
pilote_objective_editor_class_init (PiloteObjectiveEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  PiloteRecordEditorClass *editor_class = PILOTE_RECORD_EDITOR_CLASS (klass);

  object_class->dispose = pilote_objective_editor_dispose;
  object_class->finalize = pilote_objective_editor_finalize;

  editor_class->collect = collect;
  editor_class->show = show;
  editor_class->describe = describe;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/pilote/Pilote/pilote-objective-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectiveEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectiveEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectiveEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectiveEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectiveEditor, metric_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectiveEditor, description_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectiveEditor, scope_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectiveEditor, period_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectiveEditor, target_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectiveEditor, follow_group);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectiveEditor, owner_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectiveEditor, due_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectiveEditor, progress_spin);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectiveEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectiveEditor, comments_group);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectiveEditor, comments_view);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectiveEditor, delete_group);
}

static void
pilote_objective_editor_init (PiloteObjectiveEditor *self)
{
  self->scope_kinds = g_array_new (FALSE, FALSE, sizeof (PiloteScope));
  self->scope_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->owner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
  pilote_record_editor_set_error_widgets (PILOTE_RECORD_EDITOR (self), self->error_revealer,
                                          self->error_label);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
  g_signal_connect_object (self->metric_row, "notify::selected",
                           G_CALLBACK (on_metric_selected_cb), self, 0);
}

/**
 * pilote_objective_editor_new:
 * @objective_id: the objective to edit, 0 for a new one
 * @qualitative: for a new objective, whether it is qualitative
 * @period: for a new objective, the period it is set for
 * @scope: for a new objective, whom it is for
 * @parent: (nullable): the window the editor belongs to
 *
 * Returns: (transfer none) (nullable): the editor, %NULL when the
 *   objective cannot be read
 */
PiloteObjectiveEditor *
pilote_objective_editor_new (PiloteStore         *store,
                             gint64               objective_id,
                             gboolean             qualitative,
                             const PilotePeriod  *period,
                             PiloteScope          scope,
                             gint64               scope_id,
                             GtkWindow           *parent,
                             GError             **error)
{
  g_autoptr(PiloteObjective) objective = NULL;
  PiloteObjectiveEditor *self;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (objective_id > 0 || period != NULL, NULL);

  if (objective_id > 0)
    {
      objective = pilote_store_get_objective (store, objective_id, error);
      if (objective == NULL)
        return NULL;
      qualitative = objective->metric == PILOTE_METRIC_QUALITATIVE;
    }
  else
    {
      char start[PILOTE_ISO_DATE_LEN];

      g_return_val_if_fail (period->kind != PILOTE_PERIOD_CUSTOM, NULL);
      objective = pilote_objective_new ();
      pilote_period_from_iso (period, start);
      objective->metric = qualitative ? PILOTE_METRIC_QUALITATIVE : PILOTE_METRIC_REVENUE;
      objective->target = G_MININT64;
      objective->period_kind = period->kind;
      objective->period_start = g_strdup (start);
      objective->scope = scope;
      objective->scope_id = scope == PILOTE_SCOPE_COMPANY ? 0 : scope_id;
      if (qualitative && scope == PILOTE_SCOPE_MEMBER)
        objective->owner_id = scope_id;
    }

  self = g_object_new (PILOTE_TYPE_OBJECTIVE_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->qualitative = qualitative;
  fill_choices (self, NULL);
  pilote_record_editor_load (PILOTE_RECORD_EDITOR (self), store, g_steal_pointer (&objective));
  return self;
}

gint64
pilote_objective_editor_get_objective_id (PiloteObjectiveEditor *self)
{
  g_return_val_if_fail (PILOTE_IS_OBJECTIVE_EDITOR (self), 0);
  return pilote_record_editor_get_id (PILOTE_RECORD_EDITOR (self));
}
