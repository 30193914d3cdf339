/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "pilote-clients-view-private.h"
#include "pilote-pipeline-card.h"

/* The detail pane: the client's figures (from the KPI engine), its
 * fields, contacts (e-mail and phone as links), deals and activities,
 * newest first. It is built again each time a client is shown. */

#define MAX_DEALS 50
#define MAX_ACTIVITIES 30

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkWidget *
add_group (PiloteClientsView *self,
           const char        *title,
           const char        *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->detail_box, group);
  return group;
}

static GtkWidget *
add_value_row (GtkWidget  *group,
               const char *title,
               const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value != NULL && *value != '\0' ? value : "—");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return label;
}

static char *
money (PiloteClientsView *self,
       PiloteMoney        amount)
{
  return pilote_money_format (amount, pilote_store_get_currency (self->store),
                              PILOTE_MONEY_FORMAT_WHOLE);
}

static char *
record_name (PiloteStore  *store,
             PiloteEntity  entity,
             gint64        id)
{
  g_autoptr(PiloteRecord) record = NULL;

  if (id <= 0)
    return NULL;
  record = pilote_store_get (store, entity, id, NULL);
  /* members, segments, channels, stages: each starts with its name */
  return record != NULL ? g_strdup (((PiloteNamed *) record)->name) : NULL;
}

static GPtrArray *
list_of_client (PiloteClientsView *self,
                PiloteEntity       entity,
                const char        *sort,
                gboolean           descending,
                guint              limit)
{
  PiloteFilter by_client = { "client_id", PILOTE_OP_EQ, NULL, self->client->base.id };
  PiloteQuery query = {
    .filters = &by_client, .n_filters = 1, .sort_field = sort,
    .descending = descending, .limit = limit,
  };
  g_autoptr(GError) error = NULL;
  GPtrArray *records = pilote_store_list (self->store, entity, &query, &error);

  if (records == NULL)
    {
      g_warning ("Could not list the %s of a client: %s", pilote_entity_get_table (entity),
                 error->message);
      records = g_ptr_array_new ();
    }
  return records;
}

static void
add_figures (PiloteClientsView *self)
{
  g_autoptr(GError) error = NULL;
  PiloteClientFigures figures;
  GtkWidget *group;
  g_autofree char *revenue = NULL, *margin = NULL, *revenue_12 = NULL, *margin_12 = NULL;

  if (!pilote_client_get_figures (self->store, self->client->base.id, &self->today, &figures,
                                  &error))
    {
      g_warning ("Could not compute a client's figures: %s", error->message);
      return;
    }
  group = add_group (self, _("Figures"), NULL);
  revenue = money (self, figures.revenue);
  margin = money (self, figures.gross_margin);
  revenue_12 = money (self, figures.revenue_12_months);
  margin_12 = money (self, figures.gross_margin_12_months);
  add_value_row (group, _("Revenue to date"), revenue);
  add_value_row (group, _("Gross margin to date"), margin);
  add_value_row (group, _("Revenue, last 12 months"), revenue_12);
  add_value_row (group, _("Gross margin, last 12 months"), margin_12);
  g_object_set_data_full (G_OBJECT (self->detail_box), "pilote-figures",
                          g_memdup2 (&figures, sizeof figures), g_free);
}

static void
add_fields (PiloteClientsView *self)
{
  const PiloteClient *c = self->client;
  g_autofree char *owner = record_name (self->store, PILOTE_ENTITY_MEMBER, c->owner_id);
  g_autofree char *segment = record_name (self->store, PILOTE_ENTITY_SEGMENT, c->segment_id);
  g_autofree char *channel = record_name (self->store, PILOTE_ENTITY_CHANNEL, c->channel_id);
  g_autofree char *acquired = c->acquired_on != NULL ? pilote_pipeline_format_date (c->acquired_on)
                                                     : NULL;
  g_autofree char *place = NULL;
  g_autoptr(GString) where = g_string_new (NULL);
  GtkWidget *group = add_group (self, _("Details"), NULL);
  const char *parts[] = { c->city, c->region, c->country };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && *parts[i] != '\0')
      g_string_append_printf (where, "%s%s", where->len > 0 ? ", " : "", parts[i]);
  add_value_row (group, _("Kind"), pilote_client_kind_get_label (c->kind));
  add_value_row (group, _("Owner"), owner);
  add_value_row (group, _("Acquisition channel"), channel);
  add_value_row (group, _("Acquired on"), acquired);
  add_value_row (group, _("Segment"), segment);
  add_value_row (group, _("Sector"), c->sector);
  add_value_row (group, _("Location"), where->str);
  add_value_row (group, _("Tags"), c->tags);
  if (c->notes != NULL && *c->notes != '\0')
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Notes"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), c->notes);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static GtkWidget *
link_button (const char *scheme,
             const char *text,
             const char *tooltip)
{
  g_autofree char *escaped = g_uri_escape_string (text, "@+ ", FALSE);
  g_autofree char *uri = NULL;
  GtkWidget *button;
  GtkWidget *label;

  if (g_str_equal (scheme, "tel:"))
    {
      /* tel:+33123456789: the digits and the leading plus only */
      GString *digits = g_string_new (scheme);

      for (const char *p = text; *p; p++)
        if (g_ascii_isdigit (*p) || (*p == '+' && digits->len == 4))
          g_string_append_c (digits, *p);
      uri = g_string_free (digits, FALSE);
    }
  else
    uri = g_strconcat (scheme, escaped, NULL);
  button = gtk_link_button_new_with_label (uri, text);
  label = gtk_button_get_child (GTK_BUTTON (button));
  if (GTK_IS_LABEL (label))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
    }
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "contact-link");
  return button;
}

static GtkWidget *
contact_menu (const PiloteContact *contact)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit"), NULL);
  g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Remove"), NULL);
  GtkWidget *button = gtk_menu_button_new ();

  g_menu_item_set_action_and_target_value (edit, "clients.edit-contact",
                                           g_variant_new_int64 (contact->base.id));
  g_menu_item_set_action_and_target_value (remove, "clients.remove-contact",
                                           g_variant_new ("(xx)", contact->base.id,
                                                          contact->base.version));
  g_menu_append_item (menu, edit);
  g_menu_append_item (menu, remove);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Edit or Remove the Contact"));
  return button;
}

static void
add_contacts (PiloteClientsView *self)
{
  g_autoptr(GPtrArray) contacts = list_of_client (self, PILOTE_ENTITY_CONTACT, "name", FALSE, 0);
  GtkWidget *group = add_group (self, _("Contacts"), contacts->len == 0 ? _("No contacts yet.")
                                                                        : NULL);
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "clients.new-contact");
  gtk_widget_set_tooltip_text (add, _("Add a Contact"));
  gtk_widget_add_css_class (add, "flat");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), add);
  g_ptr_array_set_free_func (contacts, (GDestroyNotify) pilote_record_free);
  for (guint i = 0; i < contacts->len; i++)
    {
      const PiloteContact *contact = g_ptr_array_index (contacts, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *links = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), contact->name);
      if (contact->job_title != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), contact->job_title);
      gtk_widget_set_valign (links, GTK_ALIGN_CENTER);
      if (contact->email != NULL && *contact->email != '\0')
        gtk_box_append (GTK_BOX (links), link_button ("mailto:", contact->email,
                                                      _("Write an E-mail")));
      if (contact->phone != NULL && *contact->phone != '\0')
        gtk_box_append (GTK_BOX (links), link_button ("tel:", contact->phone, _("Call")));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), links);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), contact_menu (contact));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static void
on_deal_activated_cb (AdwActionRow      *row,
                      PiloteClientsView *self)
{
  gint64 deal_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "deal-id"));

  gtk_widget_activate_action (GTK_WIDGET (self), "clients.edit-deal", "x", deal_id);
}

static void
add_deals (PiloteClientsView *self)
{
  g_autoptr(GPtrArray) deals = list_of_client (self, PILOTE_ENTITY_DEAL, "created_on", TRUE,
                                               MAX_DEALS + 1);
  PiloteClientFigures *figures = g_object_get_data (G_OBJECT (self->detail_box),
                                                    "pilote-figures");
  g_autofree char *open = NULL, *won = NULL, *lost = NULL, *summary = NULL;
  GtkWidget *group;

  g_ptr_array_set_free_func (deals, (GDestroyNotify) pilote_record_free);
  if (figures != NULL)
    {
      g_autofree char *open_amount = money (self, figures->open_amount);
      g_autofree char *won_amount = money (self, figures->won_amount);
      g_autofree char *lost_amount = money (self, figures->lost_amount);

      /* Translators: "3 open, 12 500 €" */
      open = g_strdup_printf (g_dngettext (NULL, "%" PRId64 " open, %s", "%" PRId64 " open, %s",
                                           figures->open_deals),
                              figures->open_deals, open_amount);
      won = g_strdup_printf (g_dngettext (NULL, "%" PRId64 " won, %s", "%" PRId64 " won, %s",
                                          figures->won_deals),
                             figures->won_deals, won_amount);
      lost = g_strdup_printf (g_dngettext (NULL, "%" PRId64 " lost, %s", "%" PRId64 " lost, %s",
                                           figures->lost_deals),
                              figures->lost_deals, lost_amount);
      /* Translators: the deals of a client: "3 open, 12 500 € · 5 won, 40 000 € · …" */
      summary = g_strdup_printf (_("%s · %s · %s"), open, won, lost);
    }
  group = add_group (self, _("Deals"), deals->len == 0 ? _("No deals yet.") : summary);
  for (guint i = 0; i < deals->len && i < MAX_DEALS; i++)
    {
      const PiloteDeal *deal = g_ptr_array_index (deals, i);
      g_autofree char *stage = record_name (self->store, PILOTE_ENTITY_STAGE, deal->stage_id);
      g_autofree char *date = pilote_pipeline_format_date (deal->closed_on != NULL
                                                             ? deal->closed_on
                                                             : deal->expected_close_on);
      g_autofree char *subtitle = NULL;
      g_autofree char *amount = money (self, deal->amount);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (amount);

      if (date != NULL)
        /* Translators: a deal's stage and its close date (expected or done) */
        subtitle = g_strdup_printf (_("%s · %s"), stage != NULL ? stage : "", date);
      else
        subtitle = g_strdup (stage);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), deal->title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (label, "numeric");
      if (deal->status == PILOTE_STAGE_KIND_WON)
        gtk_widget_add_css_class (label, "success");
      else if (deal->status == PILOTE_STAGE_KIND_LOST)
        gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "deal-id", GSIZE_TO_POINTER ((gsize) deal->base.id));
      g_signal_connect_object (row, "activated", G_CALLBACK (on_deal_activated_cb), self, 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  if (deals->len > MAX_DEALS)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("Older deals are in the Pipeline view."));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static const char *
activity_icon (PiloteActivityKind kind)
{
  switch (kind)
    {
    case PILOTE_ACTIVITY_CALL: return "call-start-symbolic";
    case PILOTE_ACTIVITY_MEETING: return "system-users-symbolic";
    case PILOTE_ACTIVITY_VISIT: return "mark-location-symbolic";
    case PILOTE_ACTIVITY_EMAIL: return "mail-unread-symbolic";
    case PILOTE_ACTIVITY_TASK:
    default: return "object-select-symbolic";
    }
}

static void
add_activities (PiloteClientsView *self)
{
  g_autoptr(GPtrArray) activities = list_of_client (self, PILOTE_ENTITY_ACTIVITY, "due_at", TRUE,
                                                    MAX_ACTIVITIES);
  GtkWidget *group = add_group (self, _("Activities"),
                                activities->len == 0 ? _("No activities yet.") : NULL);
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

  /* the Activities view is where they are made: the window's action */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "win.new-activity");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (add),
                                          g_variant_new_int64 (self->client->base.id));
  gtk_widget_set_tooltip_text (add, _("Plan an Activity"));
  gtk_widget_add_css_class (add, "flat");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), add);

  g_ptr_array_set_free_func (activities, (GDestroyNotify) pilote_record_free);
  for (guint i = 0; i < activities->len; i++)
    {
      const PiloteActivity *activity = g_ptr_array_index (activities, i);
      const char *when = activity->done_at != NULL ? activity->done_at : activity->due_at;
      g_autofree char *day = when != NULL ? g_strndup (when, 10) : NULL;
      g_autofree char *date = day != NULL ? pilote_pipeline_format_date (day) : NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (activity_icon (activity->kind));

      if (activity->done_at != NULL)
        /* Translators: an activity done on a date */
        subtitle = g_strdup_printf (_("Done %s"), date);
      else if (date != NULL)
        /* Translators: an activity due on a date */
        subtitle = g_strdup_printf (_("Due %s"), date);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), activity->subject);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      if (activity->done_at == NULL)
        gtk_widget_add_css_class (icon, "accent");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

/**
 * pilote_clients_view_show_detail:
 * @client_id: the client to show, 0 (or one gone) for none
 *
 * Reads the client and fills the detail pane.
 */
void
pilote_clients_view_show_detail (PiloteClientsView *self,
                                 gint64             client_id)
{
  g_autoptr(PiloteClient) client = NULL;

  g_object_set_data (G_OBJECT (self->detail_box), "pilote-figures", NULL);
  clear_box (self->detail_box);
  if (self->store != NULL && client_id > 0)
    client = pilote_store_get_client (self->store, client_id, NULL);
  g_clear_pointer (&self->client, pilote_client_free);
  if (client == NULL || client->base.deleted_at != NULL)
    {
      gtk_label_set_text (self->detail_title, "");
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      pilote_clients_view_update_actions (self);
      return;
    }
  self->client = g_steal_pointer (&client);
  gtk_label_set_text (self->detail_title, self->client->name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->detail_title), self->client->name);
  add_figures (self);
  add_contacts (self);
  add_deals (self);
  add_activities (self);
  add_fields (self);
  gtk_stack_set_visible_child_name (self->detail_stack, "client");
  pilote_clients_view_update_actions (self);
}
