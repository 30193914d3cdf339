/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "pilote-error.h"
#include "pilote-period.h"
#include "pilote-record.h"
#include "pilote-reports-view-private.h"
#include "pilote-worker.h"

/*
 * The Reports view: a preview of the monthly performance summary of a month
 * and a scope (the pages that pilote-cli report writes, computed in the
 * background), the director's comment for that month edited beside it, and
 * Print and Export PDF (pilote-reports-view-print.c).
 */

#define PAGE_GAP 24.0
#define SAVE_DELAY_MS 1000

typedef struct {
  PiloteScope scope;
  gint64      id;
} ScopeChoice;

typedef struct {
  char       *path;
  gint64      member_id;
  GDateYear   year;
  GDateMonth  month;
  PiloteScope scope;
  gint64      scope_id;
} Request;

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PiloteReportsView, pilote_reports_view, GTK_TYPE_WIDGET)

static void load_comment (PiloteReportsView *self);
static void compute (PiloteReportsView *self);

GtkWidget *
pilote_reports_view_new (void)
{
  return g_object_new (PILOTE_TYPE_REPORTS_VIEW, NULL);
}

PiloteStore *
pilote_reports_view_get_store (PiloteReportsView *self)
{
  g_return_val_if_fail (PILOTE_IS_REPORTS_VIEW (self), NULL);
  return self->store;
}

gboolean
pilote_reports_view_get_busy (PiloteReportsView *self)
{
  g_return_val_if_fail (PILOTE_IS_REPORTS_VIEW (self), FALSE);
  return self->cancellable != NULL;
}

guint
pilote_reports_view_get_n_pages (PiloteReportsView *self)
{
  g_return_val_if_fail (PILOTE_IS_REPORTS_VIEW (self), 0);
  return self->report != NULL ? pilote_report_get_n_pages (self->report) : 0;
}

AdwMessageDialog *
pilote_reports_view_get_conflict_dialog (PiloteReportsView *self)
{
  g_return_val_if_fail (PILOTE_IS_REPORTS_VIEW (self), NULL);
  return self->conflict_dialog;
}

/* The month and the scope, in words: "October 2026 · Paris team" */
char *
pilote_reports_view_describe (PiloteReportsView *self)
{
  g_autofree char *month = NULL;
  const char *scope = NULL;
  GListModel *model = G_LIST_MODEL (gtk_drop_down_get_model (self->scope_dropdown));
  guint selected = gtk_drop_down_get_selected (self->scope_dropdown);
  PilotePeriod period;

  pilote_period_init_month (&period, self->year, self->month);
  month = pilote_period_describe (&period);
  if (model != NULL && selected < g_list_model_get_n_items (model))
    scope = gtk_string_list_get_string (GTK_STRING_LIST (model), selected);
  /* Translators: the month and the scope (company, team or rep) of a summary */
  return scope != NULL ? g_strdup_printf (_("%s · %s"), month, scope) : g_steal_pointer (&month);
}

void
pilote_reports_view_toast (PiloteReportsView *self,
                           const char        *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

/* The preview: the pages one under the other, as wide as the view allows */

static double
preview_zoom (PiloteReportsView *self,
              int                width)
{
  double page_width = pilote_report_get_page_width (self->report);

  return CLAMP ((width - 2 * PAGE_GAP) / page_width, 0.3, 1.25);
}

static void
pages_resized_cb (GtkDrawingArea    *area,
                  int                width,
                  int                height,
                  PiloteReportsView *self)
{
  guint n_pages;
  double zoom;
  int content_height;

  if (self->report == NULL)
    return;
  n_pages = pilote_report_get_n_pages (self->report);
  zoom = preview_zoom (self, width);
  content_height = (int) ceil (n_pages * (pilote_report_get_page_height (self->report) * zoom +
                                          PAGE_GAP) + PAGE_GAP);
  if (gtk_drawing_area_get_content_height (area) != content_height)
    gtk_drawing_area_set_content_height (area, content_height);
}

static void
draw_pages (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  PiloteReportsView *self = user_data;
  double zoom, page_width, page_height, x;
  double clip_top, clip_bottom, unused;

  if (self->report == NULL)
    return;
  zoom = preview_zoom (self, width);
  page_width = pilote_report_get_page_width (self->report) * zoom;
  page_height = pilote_report_get_page_height (self->report) * zoom;
  x = floor ((width - page_width) / 2);
  cairo_clip_extents (cr, &unused, &clip_top, &unused, &clip_bottom);

  for (guint i = 0; i < pilote_report_get_n_pages (self->report); i++)
    {
      double y = PAGE_GAP + i * (page_height + PAGE_GAP);

      if (y > clip_bottom || y + page_height < clip_top)
        continue;
      /* the sheet, white in light and dark styles alike, on a soft shadow */
      cairo_set_source_rgba (cr, 0, 0, 0, 0.18);
      cairo_rectangle (cr, x + 1, y + 2, page_width, page_height);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, x, y, page_width, page_height);
      cairo_fill (cr);

      cairo_save (cr);
      cairo_translate (cr, x, y);
      cairo_scale (cr, zoom, zoom);
      cairo_rectangle (cr, 0, 0, pilote_report_get_page_width (self->report),
                       pilote_report_get_page_height (self->report));
      cairo_clip (cr);
      pilote_report_draw_page (self->report, cr, i);
      cairo_restore (cr);
    }
}

/* Computing the summary, on a connection of its own */

static void
request_free (Request *request)
{
  g_free (request->path);
  g_free (request);
}

static void
compute_cb (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Request *request = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PiloteStore) store = NULL;
  PiloteReport *report;

  store = pilote_store_open (request->path, PILOTE_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (request->member_id > 0)
    pilote_store_set_member_id (store, request->member_id);
  report = pilote_report_new (store, request->year, request->month, request->scope,
                              request->scope_id, pilote_paper_from_locale (), &error);
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, (GDestroyNotify) pilote_report_free);
}

static void
set_busy (PiloteReportsView *self,
          GCancellable      *cancellable)
{
  gboolean was_busy = self->cancellable != NULL;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, cancellable);
  gtk_spinner_set_spinning (self->spinner, cancellable != NULL);
  if (was_busy != (cancellable != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
computed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  PiloteReportsView *self = PILOTE_REPORTS_VIEW (object);
  g_autoptr(GError) error = NULL;
  PiloteReport *report = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      g_clear_pointer (&report, pilote_report_free);
      return;
    }
  g_clear_object (&self->cancellable);
  gtk_spinner_set_spinning (self->spinner, FALSE);

  g_clear_pointer (&self->report, pilote_report_free);
  self->report = report;
  if (report == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else
    {
      int width = gtk_widget_get_width (GTK_WIDGET (self->pages_area));

      pages_resized_cb (self->pages_area, MAX (width, 1),
                        gtk_widget_get_height (GTK_WIDGET (self->pages_area)), self);
      gtk_widget_queue_draw (GTK_WIDGET (self->pages_area));
      gtk_stack_set_visible_child_name (self->stack, "preview");
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.print", report != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export", report != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
compute (PiloteReportsView *self)
{
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GTask) task = NULL;
  Request *request;

  g_clear_pointer (&self->report, pilote_report_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.print", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export", FALSE);
  if (self->store == NULL)
    {
      set_busy (self, NULL);
      return;
    }

  cancellable = g_cancellable_new ();
  set_busy (self, cancellable);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  request = g_new0 (Request, 1);
  request->path = g_strdup (pilote_store_get_path (self->store));
  request->member_id = pilote_store_get_member_id (self->store);
  request->year = self->year;
  request->month = self->month;
  request->scope = self->scope;
  request->scope_id = self->scope_id;

  task = pilote_worker_task_new (self, cancellable, computed_cb);
  g_task_set_source_tag (task, compute);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_task_run_in_thread (task, compute_cb);
}

/* The director's comment */

static char *
get_comment_text (PiloteReportsView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->comment_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
show_comment_text (PiloteReportsView *self,
                   const char        *text)
{
  self->loading_comment = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->comment_view),
                            text != NULL ? text : "", -1);
  self->loading_comment = FALSE;
  self->comment_dirty = FALSE;
}

static const char *
scope_nick (PiloteScope scope)
{
  return scope == PILOTE_SCOPE_COMPANY ? "company" : scope == PILOTE_SCOPE_TEAM ? "team"
                                                                               : "member";
}

/* The comment of the month and scope shown, as the file holds it now */
static PilotePeriodNote *
read_note (PiloteReportsView  *self,
           GError            **error)
{
  char start[PILOTE_ISO_DATE_LEN];
  PiloteFilter filters[5];
  PiloteQuery query = { 0 };
  g_autoptr(GPtrArray) notes = NULL;
  PilotePeriod period;

  pilote_period_init_month (&period, self->year, self->month);
  pilote_period_from_iso (&period, start);
  filters[0] = (PiloteFilter) { "kind", PILOTE_OP_EQ, "comment", 0 };
  filters[1] = (PiloteFilter) { "period_kind", PILOTE_OP_EQ, "month", 0 };
  filters[2] = (PiloteFilter) { "period_start", PILOTE_OP_EQ, start, 0 };
  filters[3] = (PiloteFilter) { "scope", PILOTE_OP_EQ, scope_nick (self->scope), 0 };
  filters[4] = (PiloteFilter) { "scope_id", PILOTE_OP_EQ, NULL, self->scope_id };
  query.filters = filters;
  query.n_filters = self->scope == PILOTE_SCOPE_COMPANY ? 4 : 5;
  query.limit = 1;
  notes = pilote_store_list (self->store, PILOTE_ENTITY_PERIOD_NOTE, &query, error);
  if (notes == NULL || notes->len == 0)
    return NULL;
  return g_ptr_array_steal_index (notes, 0);
}

static void
set_comment_status (PiloteReportsView *self,
                    const char        *status)
{
  gtk_label_set_label (self->comment_status, status != NULL ? status : "");
}

static void
load_comment (PiloteReportsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *described = NULL;
  g_autofree char *hint = NULL;
  gboolean writable;

  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_pointer (&self->note, pilote_period_note_free);
  if (self->store == NULL)
    {
      show_comment_text (self, NULL);
      return;
    }
  self->note = read_note (self, &error);
  show_comment_text (self, self->note != NULL ? self->note->text : NULL);

  writable = !pilote_store_is_read_only (self->store);
  gtk_text_view_set_editable (self->comment_view, writable);
  described = pilote_reports_view_describe (self);
  /* Translators: %s is the month and the scope, as "October 2026 · Paris team" */
  hint = g_strdup_printf (_("Printed at the end of the summary of %s. Saved as you type."),
                          described);
  gtk_label_set_label (self->comment_hint, hint);
  if (error != NULL)
    set_comment_status (self, error->message);
  else if (!writable)
    set_comment_status (self, _("This file is open read-only: the comment cannot be changed."));
  else
    set_comment_status (self, NULL);
}

static void conflict_response_cb (AdwMessageDialog  *dialog,
                                  const char        *response,
                                  PiloteReportsView *self);

static void
show_conflict (PiloteReportsView *self,
               PilotePeriodNote  *theirs)
{
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (self->conflict_dialog != NULL)
    return;
  /* Translators: %s is the comment as someone else saved it */
  body = g_strdup_printf (_("Someone else saved this month’s comment while you were writing "
                            "yours. Their version:\n\n%s\n\nKeep theirs, or save yours over it?"),
                          theirs != NULL && theirs->text != NULL ? theirs->text : "");
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("The Comment Was Changed"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "theirs", _("Use _Theirs"),
                                    "mine", _("Keep _Mine"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "mine",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "mine");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "theirs");
  g_signal_connect_object (dialog, "response", G_CALLBACK (conflict_response_cb), self, 0);
  self->conflict_dialog = ADW_MESSAGE_DIALOG (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->conflict_dialog);
  set_comment_status (self, _("Not saved: someone else changed the comment."));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * pilote_reports_view_save_comment:
 *
 * Writes the comment being edited, when it changed. A comment that someone
 * else saved in between is not overwritten: the conflict dialog asks.
 *
 * Returns: whether the file now holds the comment shown
 */
gboolean
pilote_reports_view_save_comment (PiloteReportsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *saved_at = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(PilotePeriodNote) note = NULL;
  gboolean ok;

  g_return_val_if_fail (PILOTE_IS_REPORTS_VIEW (self), FALSE);
  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->store == NULL || !self->comment_dirty || pilote_store_is_read_only (self->store))
    return !self->comment_dirty;

  text = get_comment_text (self);
  if (self->note == NULL && *text == '\0')
    {
      self->comment_dirty = FALSE;
      return TRUE;
    }
  if (self->note != NULL)
    {
      if (g_strcmp0 (self->note->text, text) == 0)
        {
          self->comment_dirty = FALSE;
          return TRUE;
        }
      note = pilote_store_get_period_note (self->store, self->note->base.id, &error);
      if (note != NULL && note->base.version != self->note->base.version)
        {
          /* theirs is now the version that mine would replace */
          g_clear_pointer (&self->note, pilote_period_note_free);
          self->note = g_steal_pointer (&note);
          show_conflict (self, self->note);
          return FALSE;
        }
      g_clear_error (&error);
      g_clear_pointer (&note, pilote_period_note_free);
      note = self->note;
      self->note = NULL;
      g_free (note->text);
      note->text = g_strdup (text);
      ok = pilote_store_update (self->store, note, &error);
    }
  else
    {
      char start[PILOTE_ISO_DATE_LEN];
      PilotePeriod period;

      pilote_period_init_month (&period, self->year, self->month);
      pilote_period_from_iso (&period, start);
      note = pilote_period_note_new ();
      note->kind = PILOTE_NOTE_COMMENT;
      note->period_kind = PILOTE_PERIOD_MONTH;
      note->period_start = g_strdup (start);
      note->scope = self->scope;
      note->scope_id = self->scope_id;
      note->text = g_strdup (text);
      ok = pilote_store_insert (self->store, note, &error);
    }

  if (!ok)
    {
      g_autoptr(GError) read_error = NULL;
      g_autoptr(PilotePeriodNote) theirs = read_note (self, &read_error);

      if (g_error_matches (error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT) ||
          (g_error_matches (error, PILOTE_ERROR, PILOTE_ERROR_DUPLICATE) && theirs != NULL) ||
          (theirs != NULL && note->base.id == 0))
        {
          self->note = g_steal_pointer (&theirs);
          show_conflict (self, self->note);
        }
      else
        {
          /* what the file holds stays the reference for the next try */
          self->note = g_steal_pointer (&theirs);
          set_comment_status (self, error->message);
        }
      return FALSE;
    }

  /* read back what was written: its version is the one to compare with next */
  self->note = pilote_store_get_period_note (self->store, note->base.id, NULL);
  self->comment_dirty = FALSE;
  now = g_date_time_new_now_local ();
  saved_at = g_date_time_format (now, "%X");
  {
    /* Translators: %s is the time of the day */
    g_autofree char *status = g_strdup_printf (_("Saved at %s."), saved_at);

    set_comment_status (self, status);
  }
  compute (self);
  return TRUE;
}

static void
conflict_response_cb (AdwMessageDialog  *dialog,
                      const char        *response,
                      PiloteReportsView *self)
{
  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->conflict_dialog);
  self->conflict_dialog = NULL;
  if (g_strcmp0 (response, "mine") == 0)
    {
      /* saving over their version, now known */
      self->comment_dirty = TRUE;
      pilote_reports_view_save_comment (self);
    }
  else
    {
      show_comment_text (self, self->note != NULL ? self->note->text : NULL);
      set_comment_status (self, _("Their version is shown."));
      compute (self);
    }
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  PiloteReportsView *self = user_data;

  self->save_source = 0;
  pilote_reports_view_save_comment (self);
  return G_SOURCE_REMOVE;
}

static void
comment_changed_cb (GtkTextBuffer     *buffer,
                    PiloteReportsView *self)
{
  if (self->loading_comment || self->store == NULL)
    return;
  self->comment_dirty = TRUE;
  set_comment_status (self, _("Editing…"));
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

void
pilote_reports_view_set_comment (PiloteReportsView *self,
                                 const char        *text)
{
  g_return_if_fail (PILOTE_IS_REPORTS_VIEW (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->comment_view), text, -1);
}

/* Month and scope */

static void
update_month_widgets (PiloteReportsView *self)
{
  g_autofree char *label = NULL;
  PilotePeriod period;

  pilote_period_init_month (&period, self->year, self->month);
  label = pilote_period_describe (&period);
  gtk_menu_button_set_label (self->month_button, label);
  self->filling = TRUE;
  gtk_drop_down_set_selected (self->month_dropdown, self->month - 1);
  gtk_spin_button_set_value (self->year_spin, self->year);
  self->filling = FALSE;
}

void
pilote_reports_view_set_month (PiloteReportsView *self,
                               GDateYear          year,
                               GDateMonth         month)
{
  g_return_if_fail (PILOTE_IS_REPORTS_VIEW (self));
  g_return_if_fail (g_date_valid_dmy (1, month, year));

  if (year == self->year && month == self->month)
    return;
  pilote_reports_view_save_comment (self);
  self->year = year;
  self->month = month;
  update_month_widgets (self);
  load_comment (self);
  compute (self);
}

static void
step_month (PiloteReportsView *self,
            int                step)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, self->month, self->year);
  if (step < 0)
    g_date_subtract_months (&date, 1);
  else
    g_date_add_months (&date, 1);
  pilote_reports_view_set_month (self, g_date_get_year (&date), g_date_get_month (&date));
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  step_month (PILOTE_REPORTS_VIEW (widget), -1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  step_month (PILOTE_REPORTS_VIEW (widget), 1);
}

static void
month_chosen_cb (PiloteReportsView *self)
{
  guint month = gtk_drop_down_get_selected (self->month_dropdown) + 1;
  int year = gtk_spin_button_get_value_as_int (self->year_spin);

  if (!self->filling && g_date_valid_dmy (1, month, year))
    pilote_reports_view_set_month (self, year, month);
}

void
pilote_reports_view_set_scope (PiloteReportsView *self,
                               PiloteScope        scope,
                               gint64             scope_id)
{
  g_return_if_fail (PILOTE_IS_REPORTS_VIEW (self));

  if (scope == self->scope && scope_id == self->scope_id)
    return;
  pilote_reports_view_save_comment (self);
  self->scope = scope;
  self->scope_id = scope == PILOTE_SCOPE_COMPANY ? 0 : scope_id;
  self->filling = TRUE;
  for (guint i = 0; self->scopes != NULL && i < self->scopes->len; i++)
    {
      const ScopeChoice *choice = &g_array_index (self->scopes, ScopeChoice, i);

      if (choice->scope == self->scope && choice->id == self->scope_id)
        gtk_drop_down_set_selected (self->scope_dropdown, i);
    }
  self->filling = FALSE;
  load_comment (self);
  compute (self);
}

static void
scope_chosen_cb (PiloteReportsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->scope_dropdown);
  const ScopeChoice *choice;

  if (self->filling || self->scopes == NULL || selected >= self->scopes->len)
    return;
  choice = &g_array_index (self->scopes, ScopeChoice, selected);
  pilote_reports_view_set_scope (self, choice->scope, choice->id);
}

/* The company, then the teams, then the active members, by name */
static void
fill_scopes (PiloteReportsView *self)
{
  static const PiloteEntity entities[] = { PILOTE_ENTITY_TEAM, PILOTE_ENTITY_MEMBER };
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  ScopeChoice company = { PILOTE_SCOPE_COMPANY, 0 };

  g_clear_pointer (&self->scopes, g_array_unref);
  self->scopes = g_array_new (FALSE, FALSE, sizeof (ScopeChoice));
  g_array_append_val (self->scopes, company);
  gtk_string_list_append (labels, C_("scope", "Whole company"));

  for (guint e = 0; self->store != NULL && e < G_N_ELEMENTS (entities); e++)
    {
      PiloteFilter active[] = { { "active", PILOTE_OP_EQ, NULL, 1 } };
      PiloteQuery query = { 0 };
      g_autoptr(GPtrArray) records = NULL;

      query.sort_field = "name";
      query.limit = 1000;
      if (entities[e] == PILOTE_ENTITY_MEMBER)
        {
          query.filters = active;
          query.n_filters = G_N_ELEMENTS (active);
        }
      records = pilote_store_list (self->store, entities[e], &query, NULL);
      for (guint i = 0; records != NULL && i < records->len; i++)
        {
          const PiloteNamed *named = g_ptr_array_index (records, i);
          ScopeChoice choice = { entities[e] == PILOTE_ENTITY_TEAM ? PILOTE_SCOPE_TEAM
                                                                   : PILOTE_SCOPE_MEMBER,
                                 named->base.id };

          g_array_append_val (self->scopes, choice);
          if (choice.scope == PILOTE_SCOPE_TEAM)
            {
              /* Translators: a scope of the summary; %s is a team's name */
              g_autofree char *label = g_strdup_printf (_("%s team"), named->name);

              gtk_string_list_append (labels, label);
            }
          else
            gtk_string_list_append (labels, named->name);
        }
    }

  self->filling = TRUE;
  gtk_drop_down_set_model (self->scope_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->scope_dropdown, 0);
  self->filling = FALSE;
  self->scope = PILOTE_SCOPE_COMPANY;
  self->scope_id = 0;
}

void
pilote_reports_view_set_store (PiloteReportsView *self,
                               PiloteStore       *store)
{
  g_return_if_fail (PILOTE_IS_REPORTS_VIEW (self));
  g_return_if_fail (store == NULL || PILOTE_IS_STORE (store));

  if (self->store == store)
    return;
  pilote_reports_view_save_comment (self);
  g_set_object (&self->store, store);
  fill_scopes (self);
  load_comment (self);
  compute (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* GObject */

static void
pilote_reports_view_dispose (GObject *object)
{
  PiloteReportsView *self = PILOTE_REPORTS_VIEW (object);

  pilote_reports_view_save_comment (self);
  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->conflict_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->conflict_dialog));
  gtk_widget_dispose_template (GTK_WIDGET (self), PILOTE_TYPE_REPORTS_VIEW);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (pilote_reports_view_parent_class)->dispose (object);
}

static void
pilote_reports_view_finalize (GObject *object)
{
  PiloteReportsView *self = PILOTE_REPORTS_VIEW (object);

  g_clear_pointer (&self->report, pilote_report_free);
  g_clear_pointer (&self->note, pilote_period_note_free);
  g_clear_pointer (&self->scopes, g_array_unref);
  G_OBJECT_CLASS (pilote_reports_view_parent_class)->finalize (object);
}

static void
pilote_reports_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PiloteReportsView *self = PILOTE_REPORTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, pilote_reports_view_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pilote_reports_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PiloteReportsView *self = PILOTE_REPORTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pilote_reports_view_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pilote_reports_view_class_init (PiloteReportsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pilote_reports_view_dispose;
  object_class->finalize = pilote_reports_view_finalize;
  object_class->get_property = pilote_reports_view_get_property;
  object_class->set_property = pilote_reports_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PILOTE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/pilote/Pilote/pilote-reports-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PiloteReportsView, content);
  gtk_widget_class_bind_template_child (widget_class, PiloteReportsView, month_button);
  gtk_widget_class_bind_template_child (widget_class, PiloteReportsView, month_popover);
  gtk_widget_class_bind_template_child (widget_class, PiloteReportsView, month_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PiloteReportsView, year_spin);
  gtk_widget_class_bind_template_child (widget_class, PiloteReportsView, scope_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PiloteReportsView, comment_toggle);
  gtk_widget_class_bind_template_child (widget_class, PiloteReportsView, flap);
  gtk_widget_class_bind_template_child (widget_class, PiloteReportsView, stack);
  gtk_widget_class_bind_template_child (widget_class, PiloteReportsView, spinner);
  gtk_widget_class_bind_template_child (widget_class, PiloteReportsView, preview_scroller);
  gtk_widget_class_bind_template_child (widget_class, PiloteReportsView, pages_area);
  gtk_widget_class_bind_template_child (widget_class, PiloteReportsView, error_page);
  gtk_widget_class_bind_template_child (widget_class, PiloteReportsView, comment_hint);
  gtk_widget_class_bind_template_child (widget_class, PiloteReportsView, comment_view);
  gtk_widget_class_bind_template_child (widget_class, PiloteReportsView, comment_status);

  gtk_widget_class_install_action (widget_class, "reports.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "reports.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "reports.print", NULL,
                                   pilote_reports_view_print_action);
  gtk_widget_class_install_action (widget_class, "reports.export", NULL,
                                   pilote_reports_view_export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "reports.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_ALT_MASK,
                                       "reports.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_ALT_MASK,
                                       "reports.next", NULL);
}

static void
pilote_reports_view_init (PiloteReportsView *self)
{
  g_autoptr(GtkStringList) months = gtk_string_list_new (NULL);
  GDate today;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint m = 1; m <= 12; m++)
    {
      g_autoptr(GDateTime) date = g_date_time_new_utc (2000, m, 1, 0, 0, 0);
      g_autofree char *name = g_date_time_format (date, "%OB");

      gtk_string_list_append (months, name);
    }
  gtk_drop_down_set_model (self->month_dropdown, G_LIST_MODEL (months));

  /* the summary of the month just finished, the one a meeting reviews */
  pilote_date_set_today (&today);
  g_date_set_day (&today, 1);
  g_date_subtract_months (&today, 1);
  self->year = g_date_get_year (&today);
  self->month = g_date_get_month (&today);
  update_month_widgets (self);
  fill_scopes (self);

  gtk_drawing_area_set_draw_func (self->pages_area, draw_pages, self, NULL);
  g_signal_connect (self->pages_area, "resize", G_CALLBACK (pages_resized_cb), self);
  g_signal_connect_swapped (self->month_dropdown, "notify::selected",
                            G_CALLBACK (month_chosen_cb), self);
  g_signal_connect_swapped (self->year_spin, "value-changed", G_CALLBACK (month_chosen_cb), self);
  g_signal_connect_swapped (self->scope_dropdown, "notify::selected",
                            G_CALLBACK (scope_chosen_cb), self);
  g_signal_connect (gtk_text_view_get_buffer (self->comment_view), "changed",
                    G_CALLBACK (comment_changed_cb), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.print", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export", FALSE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
}
