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
  PiloteRecordEditor parent_instance;

  PiloteStore    *store;
  GArray         *channel_ids;

  AdwEntryRow    *month_row;
  AdwComboRow    *channel_row;
  AdwEntryRow    *campaign_row;
  AdwComboRow    *kind_row;
  AdwEntryRow    *amount_row;
};

G_DEFINE_FINAL_TYPE (PiloteSpendEditor, pilote_spend_editor, PILOTE_TYPE_RECORD_EDITOR)

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

/* a field is wrong: @row says which */
static gpointer
fail (GtkWidget          *row,
      GtkWidget         **bad_row,
      GError            **error,
      const char         *message)
{
  *bad_row = row;
  g_set_error_literal (error, PILOTE_ERROR, PILOTE_ERROR_INVALID, message);
  return NULL;
}

/* Reading and showing the form */

static gpointer
collect (PiloteRecordEditor  *editor,
         GtkWidget          **bad_row,
         GError             **error)
{
  PiloteSpendEditor *self = PILOTE_SPEND_EDITOR (editor);
  g_autoptr(PiloteSpend) spend = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *month = NULL;
  g_autofree char *amount_text = NULL;
  g_autofree char *campaign = NULL;
  PiloteMoney amount = 0;

  month = parse_month (gtk_editable_get_text (GTK_EDITABLE (self->month_row)));
  if (month == NULL)
    return fail (GTK_WIDGET (self->month_row), bad_row, error,
                 _("Month: type the month as YYYY-MM, for example 2026-11."));
  amount_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->amount_row))));
  if (*amount_text == '\0')
    {
      const char *currency = pilote_store_get_currency (self->store);
      PiloteMoney example_amount = 1250;
      g_autofree char *example = NULL;
      g_autofree char *message = NULL;

      /* 1250 in major units, written as the user's locale writes amounts */
      for (guint i = 0; i < pilote_currency_digits (currency); i++)
        example_amount *= 10;
      example = pilote_money_format (example_amount, currency, PILOTE_MONEY_FORMAT_NO_SYMBOL);
      /* Translators: %s is an example amount, like 1,250.00 */
      message = g_strdup_printf (_("Amount: type how much was spent, for example %s."), example);
      return fail (GTK_WIDGET (self->amount_row), bad_row, error, message);
    }
  if (!pilote_money_parse (amount_text, pilote_store_get_currency (self->store), &amount,
                           &local_error))
    {
      /* Translators: what is wrong with the amount typed */
      g_autofree char *message = g_strdup_printf (_("Amount: %s"), local_error->message);

      return fail (GTK_WIDGET (self->amount_row), bad_row, error, message);
    }
  if (amount < 0)
    return fail (GTK_WIDGET (self->amount_row), bad_row, error,
                 _("Amount: spend cannot be negative. Correct the line that was too high "
                   "instead."));

  spend = pilote_record_copy (pilote_record_editor_get_record (editor));
  g_free (spend->month);
  spend->month = g_steal_pointer (&month);
  spend->channel_id = pilote_plan_selected_id (self->channel_row, self->channel_ids);
  campaign = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->campaign_row))));
  g_free (spend->campaign);
  spend->campaign = *campaign != '\0' ? g_steal_pointer (&campaign) : NULL;
  spend->kind = adw_combo_row_get_selected (self->kind_row) == 1 ? PILOTE_SPEND_SALES
                                                                 : PILOTE_SPEND_MARKETING;
  spend->amount = amount;
  return g_steal_pointer (&spend);
}

static void
show (PiloteRecordEditor *editor,
      gconstpointer       record)
{
  PiloteSpendEditor *self = PILOTE_SPEND_EDITOR (editor);
  const PiloteSpend *spend = record;
  g_autofree char *month = g_strndup (spend->month != NULL ? spend->month : "", 7);
  g_autofree char *amount = NULL;

  pilote_record_editor_set_title (editor, spend->base.id > 0 ? _("Edit Spend") : _("New Spend"));
  gtk_editable_set_text (GTK_EDITABLE (self->month_row), month);
  adw_combo_row_set_selected (self->channel_row,
                              pilote_plan_find_id (self->channel_ids, spend->channel_id));
  gtk_editable_set_text (GTK_EDITABLE (self->campaign_row),
                         spend->campaign != NULL ? spend->campaign : "");
  adw_combo_row_set_selected (self->kind_row, spend->kind == PILOTE_SPEND_SALES ? 1 : 0);
  if (spend->base.id > 0)
    amount = pilote_money_format (spend->amount, pilote_store_get_currency (self->store),
                                  PILOTE_MONEY_FORMAT_NO_SYMBOL);
  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), amount != NULL ? amount : "");
}

static char *
describe (PiloteRecordEditor *editor)
{
  const PiloteSpend *spend = pilote_record_editor_get_record (editor);
  g_autofree char *month = pilote_plan_format_month (spend->month);

  if (spend->campaign != NULL)
    /* Translators: a line of spend: its campaign and month ("Salon Bureaux Expo, November 2026") */
    return g_strdup_printf (_("%s, %s"), spend->campaign, month);
  return g_steal_pointer (&month);
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
  g_return_val_if_fail (PILOTE_IS_SPEND_EDITOR (self), FALSE);
  return pilote_record_editor_save (PILOTE_RECORD_EDITOR (self), error);
}

static void
pilote_spend_editor_finalize (GObject *object)
{
  PiloteSpendEditor *self = PILOTE_SPEND_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->channel_ids, g_array_unref);
  G_OBJECT_CLASS (pilote_spend_editor_parent_class)->finalize (object);
}

static void
pilote_spend_editor_class_init (PiloteSpendEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PiloteRecordEditorClass *editor_class = PILOTE_RECORD_EDITOR_CLASS (klass);

  object_class->finalize = pilote_spend_editor_finalize;
  editor_class->collect = collect;
  editor_class->show = show;
  editor_class->describe = describe;
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
  AdwPreferencesPage *page;
  GtkWidget *group = adw_preferences_group_new ();
  const char *kinds[] = { C_("spend kind", "Marketing"), C_("spend kind", "Sales"), NULL };
  g_autoptr(GtkStringList) kind_model = gtk_string_list_new (kinds);
  GtkWidget *month_hint = gtk_label_new ("YYYY-MM");

  gtk_window_set_title (GTK_WINDOW (self), _("Spend"));
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 540);
  gtk_widget_set_size_request (GTK_WIDGET (self), 360, 294);
  page = pilote_record_editor_build (PILOTE_RECORD_EDITOR (self));

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
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));
  pilote_record_editor_add_delete_button (PILOTE_RECORD_EDITOR (self), page, _("_Delete Line"));
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
  self->channel_ids = pilote_plan_fill_combo (self->channel_row, store, PILOTE_ENTITY_CHANNEL,
                                              C_("channel", "None"));
  pilote_record_editor_load (PILOTE_RECORD_EDITOR (self), store, g_steal_pointer (&spend));
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
  return pilote_record_editor_get_error (PILOTE_RECORD_EDITOR (self));
}
