/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pilote-error.h"
#include "pilote-pipeline-board-private.h"
#include "pilote-record.h"

/*
 * The pipeline: a kanban board with one column per open stage (then the
 * won and lost stages as narrow drop targets), a list of the open deals
 * sorted in SQL, and the forecast by expected close month. Filters by
 * owner, team and expected close apply to all three. Every figure comes
 * from pilote-pipeline.c; a refresh runs one aggregate query for the
 * column headers, and the columns read their cards a page at a time.
 */

G_DEFINE_FINAL_TYPE (PilotePipelineBoard, pilote_pipeline_board, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PERIOD_ANY,
  PERIOD_THIS_MONTH,
  PERIOD_THIS_QUARTER,
  PERIOD_NEXT_QUARTER,
};

static void refresh (PilotePipelineBoard *self);

/* Errors */

/**
 * pilote_pipeline_board_show_error:
 *
 * Tells the user what went wrong: a toast when the board sits in a toast
 * overlay, else a dialog.
 */
void
pilote_pipeline_board_show_error (PilotePipelineBoard *self,
                                  const char          *heading,
                                  const char          *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_if_fail (PILOTE_IS_PIPELINE_BOARD (self));

  if (overlay != NULL)
    {
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_timeout (toast, 8);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
      return;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Filters */

static void
period_bounds (PilotePipelineBoard *self,
               guint                choice,
               char                 from[PILOTE_ISO_DATE_LEN],
               char                 to[PILOTE_ISO_DATE_LEN])
{
  GDateMonth fiscal_start = pilote_store_get_fiscal_start (self->store);
  PilotePeriod period, next;

  if (choice == PERIOD_THIS_MONTH)
    pilote_period_init_containing (&period, PILOTE_PERIOD_MONTH, &self->today, fiscal_start);
  else
    pilote_period_init_containing (&period, PILOTE_PERIOD_QUARTER, &self->today, fiscal_start);
  if (choice == PERIOD_NEXT_QUARTER)
    {
      pilote_period_next (&period, &next);
      period = next;
    }
  pilote_period_from_iso (&period, from);
  pilote_period_to_iso (&period, to);
}

/**
 * pilote_pipeline_board_get_filter:
 * @from: room for the start of the expected close period
 * @to: room for its end
 *
 * Sets @filter as the drop-downs say; its dates point into @from and @to.
 */
void
pilote_pipeline_board_get_filter (PilotePipelineBoard  *self,
                                  PilotePipelineFilter *filter,
                                  char                  from[PILOTE_ISO_DATE_LEN],
                                  char                  to[PILOTE_ISO_DATE_LEN])
{
  guint owner = gtk_drop_down_get_selected (self->owner_dropdown);
  guint team = gtk_drop_down_get_selected (self->team_dropdown);
  guint period = gtk_drop_down_get_selected (self->period_dropdown);

  memset (filter, 0, sizeof *filter);
  if (self->owner_ids != NULL && owner < self->owner_ids->len)
    filter->owner_id = g_array_index (self->owner_ids, gint64, owner);
  if (self->team_ids != NULL && team < self->team_ids->len)
    filter->team_id = g_array_index (self->team_ids, gint64, team);
  if (period != PERIOD_ANY && period != GTK_INVALID_LIST_POSITION && self->store != NULL)
    {
      period_bounds (self, period, from, to);
      filter->close_from = from;
      filter->close_to = to;
    }
}

static void
on_filter_changed_cb (PilotePipelineBoard *self)
{
  if (!self->loading)
    refresh (self);
}

/* A drop-down of named records, "all" first; the ids of its rows. */
static GArray *
fill_named_dropdown (PilotePipelineBoard *self,
                     GtkDropDown         *dropdown,
                     GtkDropDown         *narrow,
                     PiloteEntity         entity,
                     const char          *all)
{
  PiloteQuery query = { .sort_field = "name" };
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  GArray *ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  gint64 none = 0;

  gtk_string_list_append (names, all);
  g_array_append_val (ids, none);
  records = pilote_store_list (self->store, entity, &query, &error);
  if (records == NULL)
    g_warning ("Could not list the %s: %s", pilote_entity_get_table (entity), error->message);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      /* members, teams: both start with their name */
      const PiloteTeam *named = g_ptr_array_index (records, i);

      gtk_string_list_append (names, named->name);
      g_array_append_val (ids, named->base.id);
    }
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_model (narrow, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (dropdown, 0);
  return ids;
}

/* Columns */

static void
move_and_report (PilotePipelineBoard *self,
                 gint64               deal_id,
                 gint64               version,
                 gint64               stage_id,
                 gint64               lost_reason_id,
                 gint64               competitor_id)
{
  g_autoptr(GError) error = NULL;

  if (!pilote_pipeline_board_move_deal (self, deal_id, version, stage_id, lost_reason_id,
                                        competitor_id, &error))
    pilote_pipeline_board_show_error (self, _("Could Not Move the Deal"), error->message);
}

static void
on_deal_dropped_cb (PilotePipelineColumn *column,
                    PilotePipelineItem   *item,
                    PilotePipelineBoard  *self)
{
  const PilotePipelineDeal *deal = pilote_pipeline_item_get_deal (item);
  gint64 stage_id = pilote_pipeline_column_get_stage_id (column);

  if (deal == NULL || self->store == NULL)
    return;
  if (pilote_pipeline_column_get_kind (column) == PILOTE_STAGE_KIND_LOST)
    pilote_pipeline_board_ask_lost_reason (self, deal, stage_id);
  else
    move_and_report (self, deal->deal_id, deal->version, stage_id, 0, 0);
}

/* The column a card moves to without dragging: the neighbouring open
 * stage, or the first won or lost one */
static PilotePipelineColumn *
find_target_column (PilotePipelineBoard *self,
                    gint64               stage_id,
                    const char          *target)
{
  gboolean won = g_strcmp0 (target, "won") == 0;
  int step = g_strcmp0 (target, "previous") == 0 ? -1 : 1;
  int from = -1;

  for (guint i = 0; i < self->columns->len; i++)
    {
      PilotePipelineColumn *column = g_ptr_array_index (self->columns, i);
      PiloteStageKind kind = pilote_pipeline_column_get_kind (column);

      if (won || g_strcmp0 (target, "lost") == 0)
        {
          if (kind == (won ? PILOTE_STAGE_KIND_WON : PILOTE_STAGE_KIND_LOST))
            return column;
        }
      else if (pilote_pipeline_column_get_stage_id (column) == stage_id)
        from = (int) i;
    }
  for (int i = from + step; from >= 0 && i >= 0 && i < (int) self->columns->len; i += step)
    {
      PilotePipelineColumn *column = g_ptr_array_index (self->columns, i);

      if (pilote_pipeline_column_get_kind (column) == PILOTE_STAGE_KIND_OPEN)
        return column;
    }
  return NULL;
}

static void
on_deal_move_requested_cb (PilotePipelineColumn *column,
                           PilotePipelineItem   *item,
                           const char           *target,
                           PilotePipelineBoard  *self)
{
  const PilotePipelineDeal *deal = pilote_pipeline_item_get_deal (item);
  PilotePipelineColumn *to = deal != NULL ? find_target_column (self, deal->stage_id, target)
                                          : NULL;

  if (to == NULL)
    {
      /* the first or the last stage already */
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  on_deal_dropped_cb (to, item, self);
}

static void
add_column (PilotePipelineBoard *self,
            const PiloteStage   *stage)
{
  PilotePipelineColumn *column = pilote_pipeline_column_new (stage->base.id, stage->name,
                                                             stage->kind);

  g_signal_connect (column, "deal-dropped", G_CALLBACK (on_deal_dropped_cb), self);
  g_signal_connect (column, "deal-move-requested", G_CALLBACK (on_deal_move_requested_cb), self);
  g_signal_connect (column, "deal-activated",
                    G_CALLBACK (pilote_pipeline_board_deal_activated_cb), self);
  gtk_box_append (self->columns_box, GTK_WIDGET (column));
  g_ptr_array_add (self->columns, column);
}

static void
remove_columns (PilotePipelineBoard *self)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      GtkWidget *column = g_ptr_array_index (self->columns, i);

      g_signal_handlers_disconnect_by_data (column, self);
      gtk_box_remove (self->columns_box, column);
    }
  g_ptr_array_set_size (self->columns, 0);
}

static void
load_store (PilotePipelineBoard *self)
{
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GError) error = NULL;

  remove_columns (self);
  g_clear_pointer (&self->owner_ids, g_array_unref);
  g_clear_pointer (&self->team_ids, g_array_unref);
  if (self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* the open stages in pipeline order, then the won ones, then the lost ones */
  stages = pilote_store_list (self->store, PILOTE_ENTITY_STAGE, NULL, &error);
  if (stages == NULL)
    {
      pilote_pipeline_board_show_error (self, _("Could Not Read the Pipeline"), error->message);
      return;
    }
  for (PiloteStageKind kind = PILOTE_STAGE_KIND_OPEN; kind <= PILOTE_STAGE_KIND_LOST; kind++)
    for (guint i = 0; i < stages->len; i++)
      {
        const PiloteStage *stage = g_ptr_array_index (stages, i);

        if (stage->kind == kind)
          add_column (self, stage);
      }

  self->loading = TRUE;
  self->owner_ids = fill_named_dropdown (self, self->owner_dropdown, self->owner_dropdown_narrow,
                                         PILOTE_ENTITY_MEMBER, _("Everyone"));
  self->team_ids = fill_named_dropdown (self, self->team_dropdown, self->team_dropdown_narrow,
                                        PILOTE_ENTITY_TEAM, _("All teams"));
  gtk_drop_down_set_selected (self->period_dropdown, PERIOD_ANY);
  self->loading = FALSE;
}

static void
refresh (PilotePipelineBoard *self)
{
  g_autoptr(GArray) totals = NULL;
  g_autoptr(GError) error = NULL;
  PilotePipelineFilter filter;
  char from[PILOTE_ISO_DATE_LEN], to[PILOTE_ISO_DATE_LEN];
  const char *currency;
  gint64 n_open = 0;

  if (self->store == NULL)
    {
      pilote_pipeline_model_reload (self->list_model, NULL, NULL, &self->today, 0);
      return;
    }

  pilote_pipeline_board_get_filter (self, &filter, from, to);
  currency = pilote_store_get_currency (self->store);
  totals = pilote_pipeline_stage_totals (self->store, &filter, &self->today, &error);
  if (totals == NULL)
    {
      pilote_pipeline_board_show_error (self, _("Could Not Read the Pipeline"), error->message);
      return;
    }

  for (guint i = 0; i < self->columns->len; i++)
    {
      PilotePipelineColumn *column = g_ptr_array_index (self->columns, i);
      gint64 stage_id = pilote_pipeline_column_get_stage_id (column);
      PilotePipelineStageTotals figures = { .stage_id = stage_id };

      if (pilote_pipeline_column_get_kind (column) != PILOTE_STAGE_KIND_OPEN)
        continue;
      for (guint t = 0; t < totals->len; t++)
        if (g_array_index (totals, PilotePipelineStageTotals, t).stage_id == stage_id)
          figures = g_array_index (totals, PilotePipelineStageTotals, t);
      n_open += figures.count;
      pilote_pipeline_column_set_totals (column, &figures, currency, &self->today);
      pilote_pipeline_model_reload (pilote_pipeline_column_get_model (column), self->store,
                                    &filter, &self->today, (guint) figures.count);
    }
  pilote_pipeline_model_reload (self->list_model, self->store, &filter, &self->today,
                                (guint) n_open);
  if (gtk_toggle_button_get_active (self->forecast_toggle))
    pilote_pipeline_board_fill_forecast (self);
}

static void
show_view (PilotePipelineBoard *self)
{
  if (self->store == NULL)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (gtk_toggle_button_get_active (self->list_toggle))
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (gtk_toggle_button_get_active (self->forecast_toggle))
    {
      pilote_pipeline_board_fill_forecast (self);
      gtk_stack_set_visible_child_name (self->stack, "forecast");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "board");
}

static void
on_view_toggled_cb (GtkToggleButton     *button,
                    PilotePipelineBoard *self)
{
  if (gtk_toggle_button_get_active (button))
    show_view (self);
}

/* Moving deals */

typedef struct {
  PilotePipelineBoard *board;
  gint64               deal_id;
  gint64               version;
  gint64               stage_id;
  GtkDropDown         *reason_dropdown;
  GtkDropDown         *competitor_dropdown;
  GArray              *reason_ids;
  GArray              *competitor_ids;
} LostRequest;

static void
lost_request_free (gpointer data)
{
  LostRequest *request = data;

  g_clear_object (&request->board);
  g_clear_pointer (&request->reason_ids, g_array_unref);
  g_clear_pointer (&request->competitor_ids, g_array_unref);
  g_free (request);
}

static gint64
selected_id (GtkDropDown *dropdown,
             GArray      *ids)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected < ids->len ? g_array_index (ids, gint64, selected) : 0;
}

static void
on_lost_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     LostRequest      *request)
{
  if (g_strcmp0 (response, "lost") == 0 && request->board->store != NULL)
    move_and_report (request->board, request->deal_id, request->version, request->stage_id,
                     selected_id (request->reason_dropdown, request->reason_ids),
                     selected_id (request->competitor_dropdown, request->competitor_ids));
}

static GtkWidget *
labelled_dropdown (GtkWidget   *box,
                   const char  *label_text,
                   GtkDropDown *dropdown)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (dropdown));
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (dropdown));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  return label;
}

static GtkDropDown *
named_dropdown (PiloteStore  *store,
                PiloteEntity  entity,
                const char   *none,
                GArray      **ids)
{
  PiloteQuery query = { .sort_field = "name" };
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) records = pilote_store_list (store, entity, &query, NULL);
  gint64 zero = 0;

  *ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  gtk_string_list_append (names, none);
  g_array_append_val (*ids, zero);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      const PiloteNamed *named = g_ptr_array_index (records, i);

      gtk_string_list_append (names, named->name);
      g_array_append_val (*ids, named->base.id);
    }
  return GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL));
}

/**
 * pilote_pipeline_board_ask_lost_reason:
 * @deal: the deal dropped on a lost stage
 * @stage_id: that stage
 *
 * Asks why the deal was lost and who won it, then moves it.
 *
 * Returns: (transfer none): the dialog, already shown
 */
GtkWidget *
pilote_pipeline_board_ask_lost_reason (PilotePipelineBoard      *self,
                                       const PilotePipelineDeal *deal,
                                       gint64                    stage_id)
{
  LostRequest *request = g_new0 (LostRequest, 1);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  GtkWidget *box;

  request->board = g_object_ref (self);
  request->deal_id = deal->deal_id;
  request->version = deal->version;
  request->stage_id = stage_id;
  request->reason_dropdown = named_dropdown (self->store, PILOTE_ENTITY_LOST_REASON,
                                             _("Not given"), &request->reason_ids);
  request->competitor_dropdown = named_dropdown (self->store, PILOTE_ENTITY_COMPETITOR,
                                                 _("None or unknown"), &request->competitor_ids);

  heading = g_strdup_printf (_("Mark “%s” as Lost?"), deal->title);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("Why was the deal lost? The reasons show in the "
                                     "analysis of lost deals."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  labelled_dropdown (box, _("_Reason"), request->reason_dropdown);
  gtk_widget_set_margin_top (labelled_dropdown (box, _("C_ompetitor who won it"),
                                                request->competitor_dropdown), 6);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "lost", _("_Mark Lost"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "lost",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "lost");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_lost_response_cb), request,
                         (GClosureNotify) (void (*) (void)) lost_request_free, 0);
  g_object_set_data (G_OBJECT (dialog), "reason-dropdown", request->reason_dropdown);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/**
 * pilote_pipeline_board_move_deal:
 * @version: the version of the deal the board showed
 *
 * Moves a deal as a drop does (after the lost reason was asked), then
 * reads the columns again, whether the move was written or refused:
 * a refused card goes back where the file says it is.
 */
gboolean
pilote_pipeline_board_move_deal (PilotePipelineBoard  *self,
                                 gint64                deal_id,
                                 gint64                version,
                                 gint64                stage_id,
                                 gint64                lost_reason_id,
                                 gint64                competitor_id,
                                 GError              **error)
{
  gboolean ok;

  g_return_val_if_fail (PILOTE_IS_PIPELINE_BOARD (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  ok = pilote_pipeline_move_deal (self->store, deal_id, version, stage_id, lost_reason_id,
                                  competitor_id, error);
  refresh (self);
  return ok;
}

/* The widget */

guint
pilote_pipeline_board_get_n_columns (PilotePipelineBoard *self)
{
  g_return_val_if_fail (PILOTE_IS_PIPELINE_BOARD (self), 0);
  return self->columns->len;
}

PilotePipelineColumn *
pilote_pipeline_board_get_column (PilotePipelineBoard *self,
                                  guint                index)
{
  g_return_val_if_fail (PILOTE_IS_PIPELINE_BOARD (self), NULL);
  g_return_val_if_fail (index < self->columns->len, NULL);
  return g_ptr_array_index (self->columns, index);
}

/**
 * pilote_pipeline_board_set_today:
 *
 * Sets the day that stale deals, overdue dates and the expected close
 * periods are judged at (today by default; the tests pin it).
 */
void
pilote_pipeline_board_set_today (PilotePipelineBoard *self,
                                 const GDate         *today)
{
  g_return_if_fail (PILOTE_IS_PIPELINE_BOARD (self));
  g_return_if_fail (today != NULL && g_date_valid (today));

  self->today = *today;
  refresh (self);
}

static void
pilote_pipeline_board_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PilotePipelineBoard *self = PILOTE_PIPELINE_BOARD (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pilote_pipeline_board_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PilotePipelineBoard *self = PILOTE_PIPELINE_BOARD (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pilote_pipeline_board_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pilote_pipeline_board_dispose (GObject *object)
{
  PilotePipelineBoard *self = PILOTE_PIPELINE_BOARD (object);

  if (self->columns != NULL)
    remove_columns (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PILOTE_TYPE_PIPELINE_BOARD);
  if (self->undo_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *) &self->undo_toast);
  self->undo_toast = NULL;
  g_clear_object (&self->list_model);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (pilote_pipeline_board_parent_class)->dispose (object);
}

static void
pilote_pipeline_board_finalize (GObject *object)
{
  PilotePipelineBoard *self = PILOTE_PIPELINE_BOARD (object);

  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->owner_ids, g_array_unref);
  g_clear_pointer (&self->team_ids, g_array_unref);
  G_OBJECT_CLASS (pilote_pipeline_board_parent_class)->finalize (object);
}

/* "view.reload": what others saved, shown again (see pilote-window.c) */
static void
reload_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  pilote_pipeline_board_reload (PILOTE_PIPELINE_BOARD (widget));
}

static void
pilote_pipeline_board_class_init (PilotePipelineBoardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = pilote_pipeline_board_get_property;
  object_class->set_property = pilote_pipeline_board_set_property;
  object_class->dispose = pilote_pipeline_board_dispose;
  object_class->finalize = pilote_pipeline_board_finalize;

  /**
   * PilotePipelineBoard:store: (nullable)
   *
   * The file whose pipeline the board shows.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PILOTE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PILOTE_TYPE_PIPELINE_COLUMN);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/pilote/Pilote/pilote-pipeline-board.ui");
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineBoard, content);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineBoard, board_toggle);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineBoard, list_toggle);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineBoard, forecast_toggle);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineBoard, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineBoard, team_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineBoard, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineBoard, owner_dropdown_narrow);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineBoard, team_dropdown_narrow);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineBoard,
                                        period_dropdown_narrow);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineBoard, stack);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineBoard, columns_box);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineBoard, list_view);
  gtk_widget_class_bind_template_child (widget_class, PilotePipelineBoard, forecast_grid);
  gtk_widget_class_bind_template_callback (widget_class, on_view_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "view.reload", NULL, reload_action_cb);
  pilote_pipeline_board_class_init_edit (widget_class);
}

static void
pilote_pipeline_board_init (PilotePipelineBoard *self)
{
  GtkDropDown *wide[] = { NULL, NULL, NULL };
  GtkDropDown *narrow[] = { NULL, NULL, NULL };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->columns = g_ptr_array_new ();
  pilote_date_set_today (&self->today);

  /* the drop-downs of the filter pop-over, for narrow windows, are the
   * same filters */
  wide[0] = self->owner_dropdown;
  wide[1] = self->team_dropdown;
  wide[2] = self->period_dropdown;
  narrow[0] = self->owner_dropdown_narrow;
  narrow[1] = self->team_dropdown_narrow;
  narrow[2] = self->period_dropdown_narrow;
  for (guint i = 0; i < G_N_ELEMENTS (wide); i++)
    g_object_bind_property (wide[i], "selected", narrow[i], "selected",
                            G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  self->list_model = pilote_pipeline_model_new (0);
  pilote_pipeline_board_init_list (self);
  pilote_pipeline_board_init_edit (self);
  show_view (self);
}

GtkWidget *
pilote_pipeline_board_new (void)
{
  return g_object_new (PILOTE_TYPE_PIPELINE_BOARD, NULL);
}

/**
 * pilote_pipeline_board_get_store:
 *
 * Returns: (transfer none) (nullable): the file shown
 */
PiloteStore *
pilote_pipeline_board_get_store (PilotePipelineBoard *self)
{
  g_return_val_if_fail (PILOTE_IS_PIPELINE_BOARD (self), NULL);
  return self->store;
}

/**
 * pilote_pipeline_board_set_store:
 * @store: (nullable): the file to show
 */
void
pilote_pipeline_board_set_store (PilotePipelineBoard *self,
                                 PiloteStore         *store)
{
  g_return_if_fail (PILOTE_IS_PIPELINE_BOARD (self));
  g_return_if_fail (store == NULL || PILOTE_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  load_store (self);
  refresh (self);
  show_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * pilote_pipeline_board_reload:
 *
 * Reads the pipeline again (after someone else changed the file, say).
 */
void
pilote_pipeline_board_reload (PilotePipelineBoard *self)
{
  g_return_if_fail (PILOTE_IS_PIPELINE_BOARD (self));
  refresh (self);
}
