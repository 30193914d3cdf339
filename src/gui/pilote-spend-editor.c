/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pilote-error.h"
#include "pilote-money.h"
#include "pilote-plan-common.h"
#include "pilote-spend-editor.h"

/*
 * The dialog of one line of spend. The month is typed as YYYY-MM (a full
 * date stands for its month); the amount in the file's currency, as the
 * deal editor reads amounts. A bad field is named in the error line and
 * nothing is written.
 */

struct _PiloteSpendEditor
{
  AdwWindow       parent_instance;

  PiloteStore    *store;
  PiloteSpend    *spend;
  GArray         *channel_ids;

  AdwWindowTitle *window_title;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  AdwEntryRow    *month_row;
  AdwComboRow    *channel_row;
  AdwEntryRow    *campaign_row;
  AdwComboRow    *kind_row;
  AdwEntryRow    *amount_row;
  GtkWidget      *delete_group;
};

G_DEFINE_FINAL_TYPE (PiloteSpendEditor, pilote_spend_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (PiloteSpendEditor *self,
            const char        *message,
            GtkWidget         *focus)
{
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

/* "2026-11" or "2026-11-15": the first day of the month, or NULL */
static char *
parse_month (const char *text)
{
  g_autofree char *day = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  GDate date;
  char iso[PILOTE_ISO_DATE_LEN];

  if (strlen (stripped) == 7)
    day = g_strconcat (stripped, "-01", NULL);
  else
    day = g_strdup (stripped);
  if (!pilote_date_parse_iso (day, &date))
    return NULL;
  g_date_set_day (&date, 1);
  pilote_date_to_iso (&date, iso);
  return g_strdup (iso);
}

static gboolean
fail (PiloteSpendEditor  *self,
      GtkWidget          *row,
      GError            **error,
      const char         *message)
{
  show_error (self, message, row);
  g_set_error_literal (error, PILOTE_ERROR, PILOTE_ERROR_INVALID, message);
  return FALSE;
}

/**
 * pilote_spend_editor_save:
 *
 * Checks the fields and writes the line; on failure the dialog says what
 * to fix and nothing is written.
 */
gboolean
pilote_spend_editor_save (PiloteSpendEditor  *self,
                          GError            **error)
{
  g_autoptr(PiloteSpend) spend = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *month = NULL;
  g_autofree char *amount_text = NULL;
  g_autofree char *campaign = NULL;
  PiloteMoney amount = 0;
  gboolean ok;

  g_return_val_if_fail (PILOTE_IS_SPEND_EDITOR (self), FALSE);

  month = parse_month (gtk_editable_get_text (GTK_EDITABLE (self->month_row)));
  if (month == NULL)
    return fail (self, GTK_WIDGET (self->month_row), error,
                 _("Month: type the month as YYYY-MM, for example 2026-11."));
  amount_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->amount_row))));
  if (*amount_text == '\0')
    return fail (self, GTK_WIDGET (self->amount_row), error,
                 _("Amount: type how much was spent, for example 1 250,00."));
  if (!pilote_money_parse (amount_text, pilote_store_get_currency (self->store), &amount,
                           &local_error))
    {
      /* Translators: what is wrong with the amount typed */
      g_autofree char *message = g_strdup_printf (_("Amount: %s"), local_error->message);

      return fail (self, GTK_WIDGET (self->amount_row), error, message);
    }
  if (amount < 0)
    return fail (self, GTK_WIDGET (self->amount_row), error,
                 _("Amount: spend cannot be negative. Correct the line that was too high "
                   "instead."));

  spend = pilote_record_copy (self->spend);
  g_free (spend->month);
  spend->month = g_steal_pointer (&month);
  spend->channel_id = pilote_plan_selected_id (self->channel_row, self->channel_ids);
  campaign = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->campaign_row))));
  g_free (spend->campaign);
  spend->campaign = *campaign != '\0' ? g_steal_pointer (&campaign) : NULL;
  spend->kind = adw_combo_row_get_selected (self->kind_row) == 1 ? PILOTE_SPEND_SALES
                                                                 : PILOTE_SPEND_MARKETING;
  spend->amount = amount;

  if (spend->base.id == 0)
    ok = pilote_store_insert (self->store, spend, &local_error);
  else
    ok = pilote_store_update (self->store, spend, &local_error);
  if (!ok)
    {
      if (g_error_matches (local_error, PILOTE_ERROR, PILOTE_ERROR_CONFLICT))
        show_error (self, _("Someone else changed or deleted this line meanwhile. Close the "
                            "dialog and open the line again to see their version."), NULL);
      else
        show_error (self, local_error->message, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  pilote_record_free (self->spend);
  self->spend = g_steal_pointer (&spend);
  show_error (self, NULL, NULL);
  g_signal_emit (self, signals[SAVED], 0, self->spend->base.id);
  return TRUE;
}

static void
save_activated_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PiloteSpendEditor *self = PILOTE_SPEND_EDITOR (widget);

  if (pilote_spend_editor_save (self, NULL))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
delete_activated_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PiloteSpendEditor *self = PILOTE_SPEND_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (self->spend->base.id == 0)
    return;
  if (!pilote_store_delete (self->store, PILOTE_ENTITY_SPEND, self->spend->base.id,
                            self->spend->base.version, &error))
    {
      show_error (self, error->message, NULL);
      return;
    }
  g_signal_emit (self, signals[DELETED], 0, self->spend->base.id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
pilote_spend_editor_finalize (GObject *object)
{
  PiloteSpendEditor *self = PILOTE_SPEND_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->spend, pilote_record_free);
  g_clear_pointer (&self->channel_ids, g_array_unref);
  G_OBJECT_CLASS (pilote_spend_editor_parent_class)->finalize (object);
}

static void
pilote_spend_editor_class_init (PiloteSpendEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pilote_spend_editor_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_activated_cb);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
button_new (const char *label,
            const char *action_name,
            const char *style)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  if (style != NULL)
    gtk_widget_add_css_class (button, style);
  return button;
}

static AdwEntryRow *
entry_row_new (const char *title)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  return row;
}

static void
pilote_spend_editor_init (PiloteSpendEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *error_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *delete_button = button_new (_("_Delete Line"), "editor.delete", "destructive-action");
  const char *kinds[] = { C_("spend kind", "Marketing"), C_("spend kind", "Sales"), NULL };
  g_autoptr(GtkStringList) kind_model = gtk_string_list_new (kinds);
  GtkWidget *month_hint = gtk_label_new ("YYYY-MM");

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 540);
  gtk_widget_set_size_request (GTK_WIDGET (self), 360, 294);

  self->window_title = ADW_WINDOW_TITLE (adw_window_title_new (_("Spend"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->window_title));
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), button_new (_("_Cancel"), "window.close", NULL));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header),
                           button_new (_("_Save"), "editor.save", "suggested-action"));
  gtk_box_append (GTK_BOX (box), header);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->error_label, 0);
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->error_label), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Error"), -1);
  gtk_box_append (GTK_BOX (error_box), icon);
  gtk_box_append (GTK_BOX (error_box), GTK_WIDGET (self->error_label));
  gtk_widget_add_css_class (error_box, "error");
  g_object_set (error_box, "margin-start", 18, "margin-end", 18, "margin-top", 12,
                "margin-bottom", 12, NULL);
  self->error_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->error_revealer, error_box);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_revealer));

  self->month_row = entry_row_new (_("Month"));
  gtk_widget_add_css_class (month_hint, "dim-label");
  adw_entry_row_add_suffix (self->month_row, month_hint);
  self->channel_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->channel_row), _("Channel"));
  self->campaign_row = entry_row_new (_("Campaign"));
  self->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _("Kind"));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kind_model));
  self->amount_row = entry_row_new (_("Amount"));
  gtk_editable_set_alignment (GTK_EDITABLE (self->amount_row), 1.0);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->month_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->channel_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->campaign_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->kind_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->amount_row));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("What was spent in a month to win clients: the "
                                           "CAC of the channel divides it by the clients it "
                                           "brought."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  self->delete_group = adw_preferences_group_new ();
  gtk_widget_set_halign (delete_button, GTK_ALIGN_CENTER);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->delete_group), delete_button);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->delete_group));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * pilote_spend_editor_new:
 * @spend_id: the line to edit, 0 for a new one
 * @period: the period shown (a new line is for its first month)
 *
 * Returns: (transfer none): the dialog, not yet shown, or %NULL when the
 *   line cannot be read
 */
PiloteSpendEditor *
pilote_spend_editor_new (PiloteStore         *store,
                         gint64               spend_id,
                         const PilotePeriod  *period,
                         GtkWindow           *parent,
                         GError             **error)
{
  PiloteSpendEditor *self;
  g_autoptr(PiloteSpend) spend = NULL;
  g_autofree char *amount = NULL;

  g_return_val_if_fail (PILOTE_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  if (spend_id > 0)
    {
      spend = pilote_store_get_spend (store, spend_id, error);
      if (spend == NULL)
        return NULL;
    }
  else
    {
      char iso[PILOTE_ISO_DATE_LEN];

      pilote_period_from_iso (period, iso);
      spend = pilote_spend_new ();
      spend->month = g_strdup (iso);
      spend->kind = PILOTE_SPEND_MARKETING;
    }

  self = g_object_new (PILOTE_TYPE_SPEND_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->spend = g_steal_pointer (&spend);
  adw_window_title_set_title (self->window_title,
                              spend_id > 0 ? _("Edit Spend") : _("New Spend"));
  gtk_widget_set_visible (self->delete_group, spend_id > 0);

  {
    g_autofree char *month = g_strndup (self->spend->month != NULL ? self->spend->month : "", 7);

    gtk_editable_set_text (GTK_EDITABLE (self->month_row), month);
  }
  self->channel_ids = pilote_plan_fill_combo (self->channel_row, store, PILOTE_ENTITY_CHANNEL,
                                              C_("channel", "None"));
  adw_combo_row_set_selected (self->channel_row,
                              pilote_plan_find_id (self->channel_ids, self->spend->channel_id));
  gtk_editable_set_text (GTK_EDITABLE (self->campaign_row),
                         self->spend->campaign != NULL ? self->spend->campaign : "");
  adw_combo_row_set_selected (self->kind_row, self->spend->kind == PILOTE_SPEND_SALES ? 1 : 0);
  if (spend_id > 0)
    amount = pilote_money_format (self->spend->amount, pilote_store_get_currency (store),
                                  PILOTE_MONEY_FORMAT_NO_SYMBOL);
  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), amount != NULL ? amount : "");
  return self;
}

/**
 * pilote_spend_editor_get_row:
 * @field: "month", "channel", "campaign", "kind" or "amount"
 *
 * Returns: (transfer none): the row that edits @field
 */
GtkWidget *
pilote_spend_editor_get_row (PiloteSpendEditor *self,
                             const char        *field)
{
  g_return_val_if_fail (PILOTE_IS_SPEND_EDITOR (self), NULL);

  if (g_str_equal (field, "month"))
    return GTK_WIDGET (self->month_row);
  if (g_str_equal (field, "channel"))
    return GTK_WIDGET (self->channel_row);
  if (g_str_equal (field, "campaign"))
    return GTK_WIDGET (self->campaign_row);
  if (g_str_equal (field, "kind"))
    return GTK_WIDGET (self->kind_row);
  if (g_str_equal (field, "amount"))
    return GTK_WIDGET (self->amount_row);
  g_return_val_if_reached (NULL);
}

const char *
pilote_spend_editor_get_error_text (PiloteSpendEditor *self)
{
  g_return_val_if_fail (PILOTE_IS_SPEND_EDITOR (self), NULL);

  return gtk_revealer_get_reveal_child (self->error_revealer)
           ? gtk_label_get_text (self->error_label) : NULL;
}
