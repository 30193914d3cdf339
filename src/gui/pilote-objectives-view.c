/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pilote-enums.h"
#include "pilote-objectives-page.h"
#include "pilote-objectives-view.h"
#include "pilote-plan-page.h"
#include "pilote-record.h"
#include "pilote-spend-page.h"
#include "pilote-swot-page.h"

/**
 * PiloteObjectivesView:
 *
 * Objectives and what serves them — the action plan, the SWOT grid, the
 * spend — for one period and one scope chosen in the toolbar. The pages
 * of the inner view stack get the view's properties of the same name
 * (see pilote-objectives-view.h), so that every page follows the toolbar.
 */

struct _PiloteObjectivesView
{
  GtkWidget          parent_instance;

  PiloteStore       *store;
  PilotePeriod       period;
  GDate              today;
  PiloteScope        scope;
  gint64             scope_id;
  GArray            *scope_ids;      /* gint64: the ids listed in scope_drop */
  GListModel        *page_list;      /* the pages of the inner view stack */
  gboolean           updating;

  /* template */
  GtkStack          *stack;
  GtkLabel          *period_label;
  GtkDropDown       *period_kind_drop;
  GtkDropDown       *scope_kind_drop;
  GtkDropDown       *scope_drop;
  AdwViewStack      *pages;
  GtkWidget         *objectives_page;
};

G_DEFINE_FINAL_TYPE (PiloteObjectivesView, pilote_objectives_view, GTK_TYPE_WIDGET)

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

/* the kinds of period offered, in the order of period_kind_drop */
static const PilotePeriodKind period_kinds[] = {
  PILOTE_PERIOD_WEEK,
  PILOTE_PERIOD_MONTH,
  PILOTE_PERIOD_QUARTER,
  PILOTE_PERIOD_YEAR,
};

static const char *
get_enum_nick (GType type,
               int   value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (klass, value);
  const char *nick = enum_value != NULL ? enum_value->value_nick : NULL;

  g_type_class_unref (klass);
  return nick;
}

static gboolean
parse_enum_nick (GType       type,
                 const char *nick,
                 int        *value)
{
  GEnumClass *klass;
  GEnumValue *enum_value;

  if (nick == NULL)
    return FALSE;
  klass = g_type_class_ref (type);
  enum_value = g_enum_get_value_by_nick (klass, nick);
  if (enum_value != NULL)
    *value = enum_value->value;
  g_type_class_unref (klass);
  return enum_value != NULL;
}

static GDateMonth
get_fiscal_start (PiloteObjectivesView *self)
{
  return self->store != NULL ? pilote_store_get_fiscal_start (self->store) : G_DATE_JANUARY;
}

/* Handing the properties to the pages */

static void
push_property (GObject    *page,
               GObject    *source,
               GParamSpec *source_pspec)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (page),
                                                    source_pspec->name);
  g_auto(GValue) value = G_VALUE_INIT;

  if (pspec == NULL || (pspec->flags & G_PARAM_WRITABLE) == 0
      || (pspec->flags & G_PARAM_CONSTRUCT_ONLY) != 0
      || !g_value_type_transformable (source_pspec->value_type, pspec->value_type))
    return;
  g_value_init (&value, source_pspec->value_type);
  g_object_get_property (source, source_pspec->name, &value);
  g_object_set_property (page, source_pspec->name, &value);
}

/* The period and the scope first, the file last: a page that reads its
 * figures when given a file reads them for the right period at once */
static const guint pushed_order[] = {
  PROP_PERIOD_KIND, PROP_PERIOD_START, PROP_SCOPE_KIND, PROP_SCOPE_ID, PROP_STORE,
};

static void
push_to_page (PiloteObjectivesView *self,
              GtkWidget            *page,
              GParamSpec           *pspec)
{
  if (page == NULL)
    return;
  if (pspec != NULL)
    {
      push_property (G_OBJECT (page), G_OBJECT (self), pspec);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (pushed_order); i++)
    push_property (G_OBJECT (page), G_OBJECT (self), properties[pushed_order[i]]);
}

static void
push_to_pages (PiloteObjectivesView *self,
               GParamSpec           *pspec)
{
  guint n = self->page_list != NULL ? g_list_model_get_n_items (self->page_list) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (self->page_list, i);

      push_to_page (self, adw_view_stack_page_get_child (page), pspec);
    }
}

static void
on_pages_changed_cb (GListModel           *list,
                     guint                 position,
                     guint                 removed,
                     guint                 added,
                     PiloteObjectivesView *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (list, i);

      push_to_page (self, adw_view_stack_page_get_child (page), NULL);
    }
}

static void
notify_and_push (PiloteObjectivesView *self,
                 guint                 prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  push_to_pages (self, properties[prop_id]);
}

/* The toolbar */

static void
show_period (PiloteObjectivesView *self)
{
  g_autofree char *text = pilote_period_describe (&self->period);

  self->updating = TRUE;
  gtk_label_set_text (self->period_label, text);
  for (guint i = 0; i < G_N_ELEMENTS (period_kinds); i++)
    if (period_kinds[i] == self->period.kind)
      gtk_drop_down_set_selected (self->period_kind_drop, i);
  self->updating = FALSE;
}

static void
change_period (PiloteObjectivesView *self,
               const PilotePeriod   *period)
{
  gboolean kind_changed = period->kind != self->period.kind;
  gboolean start_changed = g_date_compare (&period->from, &self->period.from) != 0;

  self->period = *period;
  show_period (self);
  if (kind_changed)
    notify_and_push (self, PROP_PERIOD_KIND);
  if (start_changed)
    notify_and_push (self, PROP_PERIOD_START);
}

static void
fill_scope_drop (PiloteObjectivesView *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) records = NULL;
  PiloteQuery query = { 0 };
  guint selected = GTK_INVALID_LIST_POSITION;

  g_array_set_size (self->scope_ids, 0);
  if (self->store != NULL && self->scope != PILOTE_SCOPE_COMPANY)
    {
      g_autoptr(GError) error = NULL;

      query.sort_field = "name";
      records = pilote_store_list (self->store,
                                   self->scope == PILOTE_SCOPE_TEAM ? PILOTE_ENTITY_TEAM
                                                                    : PILOTE_ENTITY_MEMBER,
                                   &query, &error);
      if (records == NULL)
        g_warning ("Could not list the teams or members: %s", error->message);
    }
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      PiloteRecord *record = g_ptr_array_index (records, i);
      const char *name = self->scope == PILOTE_SCOPE_TEAM ? ((PiloteTeam *) record)->name
                                                          : ((PiloteMember *) record)->name;

      gtk_string_list_append (names, name);
      g_array_append_val (self->scope_ids, record->id);
      if (record->id == self->scope_id)
        selected = i;
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->scope_drop, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->scope_drop, selected);
  gtk_drop_down_set_selected (self->scope_kind_drop, (guint) self->scope);
  gtk_widget_set_visible (GTK_WIDGET (self->scope_drop), self->scope != PILOTE_SCOPE_COMPANY);
  self->updating = FALSE;
}

static void
change_scope (PiloteObjectivesView *self,
              PiloteScope           scope,
              gint64                scope_id)
{
  gboolean kind_changed = scope != self->scope;
  gboolean id_changed = scope_id != self->scope_id;

  if (scope == PILOTE_SCOPE_COMPANY)
    scope_id = 0, id_changed = self->scope_id != 0;
  self->scope = scope;
  self->scope_id = scope_id;
  fill_scope_drop (self);
  /* a team or a member kind without a choice yet: the first one listed */
  if (scope != PILOTE_SCOPE_COMPANY && self->scope_ids->len > 0
      && gtk_drop_down_get_selected (self->scope_drop) == GTK_INVALID_LIST_POSITION)
    {
      self->scope_id = g_array_index (self->scope_ids, gint64, 0);
      id_changed = self->scope_id != 0;
      self->updating = TRUE;
      gtk_drop_down_set_selected (self->scope_drop, 0);
      self->updating = FALSE;
    }
  if (kind_changed)
    notify_and_push (self, PROP_SCOPE_KIND);
  if (id_changed)
    notify_and_push (self, PROP_SCOPE_ID);
}

static void
on_period_kind_selected_cb (GtkDropDown          *drop,
                            GParamSpec           *pspec,
                            PiloteObjectivesView *self)
{
  guint selected = gtk_drop_down_get_selected (drop);
  const GDate *around;

  if (self->updating || selected >= G_N_ELEMENTS (period_kinds))
    return;
  /* stay around the period shown, on today when it holds today */
  around = pilote_period_contains (&self->period, &self->today) ? &self->today
                                                                : &self->period.from;
  pilote_objectives_view_set_period (self, period_kinds[selected], around);
}

static void
on_scope_kind_selected_cb (GtkDropDown          *drop,
                           GParamSpec           *pspec,
                           PiloteObjectivesView *self)
{
  guint selected = gtk_drop_down_get_selected (drop);

  if (self->updating || selected > PILOTE_SCOPE_MEMBER)
    return;
  change_scope (self, (PiloteScope) selected, 0);
}

static void
on_scope_selected_cb (GtkDropDown          *drop,
                      GParamSpec           *pspec,
                      PiloteObjectivesView *self)
{
  guint selected = gtk_drop_down_get_selected (drop);

  if (self->updating || selected >= self->scope_ids->len)
    return;
  change_scope (self, self->scope, g_array_index (self->scope_ids, gint64, selected));
}

/* Actions */

static void
previous_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PiloteObjectivesView *self = PILOTE_OBJECTIVES_VIEW (widget);
  PilotePeriod previous;

  pilote_period_previous (&self->period, &previous);
  change_period (self, &previous);
}

static void
next_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PiloteObjectivesView *self = PILOTE_OBJECTIVES_VIEW (widget);
  PilotePeriod next;

  pilote_period_next (&self->period, &next);
  change_period (self, &next);
}

static void
current_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PiloteObjectivesView *self = PILOTE_OBJECTIVES_VIEW (widget);

  pilote_objectives_view_set_period (self, self->period.kind, &self->today);
}

/* ("month", "2026-11-01"): the period of that kind that holds the day */
static void
set_period_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PiloteObjectivesView *self = PILOTE_OBJECTIVES_VIEW (widget);
  const char *kind_nick, *date_text;
  int kind;
  GDate date;

  g_variant_get (parameter, "(&s&s)", &kind_nick, &date_text);
  if (!parse_enum_nick (PILOTE_TYPE_PERIOD_KIND, kind_nick, &kind)
      || kind == PILOTE_PERIOD_CUSTOM || !pilote_date_parse_iso (date_text, &date))
    {
      g_warning ("Not a period: %s holding %s", kind_nick, date_text);
      return;
    }
  pilote_objectives_view_set_period (self, kind, &date);
}

/* ("team", 3); ("company", 0) */
static void
set_scope_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  const char *scope_nick;
  gint64 scope_id;
  int scope;

  g_variant_get (parameter, "(&sx)", &scope_nick, &scope_id);
  if (!parse_enum_nick (PILOTE_TYPE_SCOPE, scope_nick, &scope))
    {
      g_warning ("Not a scope: %s", scope_nick);
      return;
    }
  pilote_objectives_view_set_scope (PILOTE_OBJECTIVES_VIEW (widget), scope, scope_id);
}

static gboolean
has_class_action (GtkWidget  *widget,
                  const char *name)
{
  GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (widget);
  const GVariantType *parameter_type;
  const char *action_name, *property_name;
  GType owner;

  for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &action_name,
                                                   &parameter_type, &property_name); i++)
    if (g_strcmp0 (action_name, name) == 0)
      return TRUE;
  return FALSE;
}

/* The file changed (someone else saved): every page that can reload does */
static void
reload_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PiloteObjectivesView *self = PILOTE_OBJECTIVES_VIEW (widget);
  guint n = self->page_list != NULL ? g_list_model_get_n_items (self->page_list) : 0;

  fill_scope_drop (self);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (self->page_list, i);
      GtkWidget *child = adw_view_stack_page_get_child (page);

      if (child != NULL && has_class_action (child, "page.reload"))
        gtk_widget_activate_action (child, "page.reload", NULL);
    }
}

static void
show_page_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  pilote_objectives_view_show_page (PILOTE_OBJECTIVES_VIEW (widget),
                                    g_variant_get_string (parameter, NULL));
}

/* GObject */

static void
pilote_objectives_view_dispose (GObject *object)
{
  PiloteObjectivesView *self = PILOTE_OBJECTIVES_VIEW (object);

  if (self->page_list != NULL)
    g_signal_handlers_disconnect_by_func (self->page_list, on_pages_changed_cb, self);
  g_clear_object (&self->page_list);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), PILOTE_TYPE_OBJECTIVES_VIEW);

  G_OBJECT_CLASS (pilote_objectives_view_parent_class)->dispose (object);
}

static void
pilote_objectives_view_finalize (GObject *object)
{
  PiloteObjectivesView *self = PILOTE_OBJECTIVES_VIEW (object);

  g_array_unref (self->scope_ids);

  G_OBJECT_CLASS (pilote_objectives_view_parent_class)->finalize (object);
}

static void
pilote_objectives_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PiloteObjectivesView *self = PILOTE_OBJECTIVES_VIEW (object);
  char start[PILOTE_ISO_DATE_LEN];

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PERIOD_KIND:
      g_value_set_string (value, get_enum_nick (PILOTE_TYPE_PERIOD_KIND, self->period.kind));
      break;
    case PROP_PERIOD_START:
      pilote_period_from_iso (&self->period, start);
      g_value_set_string (value, start);
      break;
    case PROP_SCOPE_KIND:
      g_value_set_string (value, get_enum_nick (PILOTE_TYPE_SCOPE, self->scope));
      break;
    case PROP_SCOPE_ID:
      g_value_set_int64 (value, self->scope_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pilote_objectives_view_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  PiloteObjectivesView *self = PILOTE_OBJECTIVES_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pilote_objectives_view_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pilote_objectives_view_class_init (PiloteObjectivesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pilote_objectives_view_dispose;
  object_class->finalize = pilote_objectives_view_finalize;
  object_class->get_property = pilote_objectives_view_get_property;
  object_class->set_property = pilote_objectives_view_set_property;

  /**
   * PiloteObjectivesView:store:
   *
   * The file shown, %NULL for none. Handed to every page with a "store"
   * property.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PILOTE_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * PiloteObjectivesView:period-kind:
   *
   * "week", "month", "quarter" or "year".
   */
  properties[PROP_PERIOD_KIND] =
    g_param_spec_string ("period-kind", NULL, NULL, "month",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * PiloteObjectivesView:period-start:
   *
   * The first day of the period, "YYYY-MM-DD".
   */
  properties[PROP_PERIOD_START] =
    g_param_spec_string ("period-start", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * PiloteObjectivesView:scope-kind:
   *
   * "company", "team" or "member".
   */
  properties[PROP_SCOPE_KIND] =
    g_param_spec_string ("scope-kind", NULL, NULL, "company",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * PiloteObjectivesView:scope-id:
   *
   * The id of the team or the member, 0 for the company.
   */
  properties[PROP_SCOPE_ID] =
    g_param_spec_int64 ("scope-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "objectives.previous", NULL,
                                   previous_action_cb);
  gtk_widget_class_install_action (widget_class, "objectives.next", NULL, next_action_cb);
  gtk_widget_class_install_action (widget_class, "objectives.current", NULL, current_action_cb);
  gtk_widget_class_install_action (widget_class, "objectives.set-period", "(ss)",
                                   set_period_action_cb);
  gtk_widget_class_install_action (widget_class, "objectives.set-scope", "(sx)",
                                   set_scope_action_cb);
  gtk_widget_class_install_action (widget_class, "objectives.show-page", "s",
                                   show_page_action_cb);
  gtk_widget_class_install_action (widget_class, "view.reload", NULL, reload_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_ALT_MASK,
                                       "objectives.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_ALT_MASK,
                                       "objectives.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK,
                                       "objectives.current", NULL);

  g_type_ensure (PILOTE_TYPE_OBJECTIVES_PAGE);
  g_type_ensure (PILOTE_TYPE_PLAN_PAGE);
  g_type_ensure (PILOTE_TYPE_SPEND_PAGE);
  g_type_ensure (PILOTE_TYPE_SWOT_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/pilote/Pilote/pilote-objectives-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectivesView, stack);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectivesView, period_label);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectivesView, period_kind_drop);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectivesView, scope_kind_drop);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectivesView, scope_drop);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectivesView, pages);
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectivesView, objectives_page);
  gtk_widget_class_bind_template_callback (widget_class, on_period_kind_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_scope_kind_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_scope_selected_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "objectives");
}

static void
pilote_objectives_view_init (PiloteObjectivesView *self)
{
  const char *forced = g_getenv ("PILOTE_TODAY");

  self->scope_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->scope = PILOTE_SCOPE_COMPANY;
  if (forced == NULL || !pilote_date_parse_iso (forced, &self->today))
    pilote_date_set_today (&self->today);
  pilote_period_init_containing (&self->period, PILOTE_PERIOD_MONTH, &self->today,
                                 G_DATE_JANUARY);

  gtk_widget_init_template (GTK_WIDGET (self));

  show_period (self);
  fill_scope_drop (self);
  self->page_list = G_LIST_MODEL (adw_view_stack_get_pages (self->pages));
  g_signal_connect (self->page_list, "items-changed", G_CALLBACK (on_pages_changed_cb), self);
  push_to_pages (self, NULL);
}

GtkWidget *
pilote_objectives_view_new (void)
{
  return g_object_new (PILOTE_TYPE_OBJECTIVES_VIEW, NULL);
}

/**
 * pilote_objectives_view_get_store:
 *
 * Returns: (transfer none) (nullable): the file shown
 */
PiloteStore *
pilote_objectives_view_get_store (PiloteObjectivesView *self)
{
  g_return_val_if_fail (PILOTE_IS_OBJECTIVES_VIEW (self), NULL);

  return self->store;
}

/**
 * pilote_objectives_view_set_store:
 * @store: (nullable): the file to show
 *
 * Shows @store's objectives for the current period of the kind shown, for
 * the whole company, and hands @store to the pages.
 */
void
pilote_objectives_view_set_store (PiloteObjectivesView *self,
                                  PiloteStore          *store)
{
  PilotePeriod current;

  g_return_if_fail (PILOTE_IS_OBJECTIVES_VIEW (self));
  g_return_if_fail (store == NULL || PILOTE_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  gtk_stack_set_visible_child_name (self->stack, store != NULL ? "content" : "empty");
  /* quarters and years follow the file's fiscal year */
  pilote_period_init_containing (&current, self->period.kind, &self->today,
                                 get_fiscal_start (self));
  change_period (self, &current);
  change_scope (self, PILOTE_SCOPE_COMPANY, 0);
  notify_and_push (self, PROP_STORE);
}

/**
 * pilote_objectives_view_get_period:
 * @period: (out): the period shown
 */
void
pilote_objectives_view_get_period (PiloteObjectivesView *self,
                                   PilotePeriod         *period)
{
  g_return_if_fail (PILOTE_IS_OBJECTIVES_VIEW (self));
  g_return_if_fail (period != NULL);

  *period = self->period;
}

/**
 * pilote_objectives_view_set_period:
 * @kind: week, month, quarter or year
 * @date: a day of the period to show
 *
 * Shows the period of @kind that holds @date (quarters and years start on
 * the file's fiscal start month).
 */
void
pilote_objectives_view_set_period (PiloteObjectivesView *self,
                                   PilotePeriodKind      kind,
                                   const GDate          *date)
{
  PilotePeriod period;

  g_return_if_fail (PILOTE_IS_OBJECTIVES_VIEW (self));
  g_return_if_fail (kind != PILOTE_PERIOD_CUSTOM);
  g_return_if_fail (date != NULL && g_date_valid (date));

  pilote_period_init_containing (&period, kind, date, get_fiscal_start (self));
  change_period (self, &period);
}

/**
 * pilote_objectives_view_get_scope:
 * @scope_id: (out) (optional): the team's or member's id, 0 for the company
 *
 * Returns: the scope shown
 */
PiloteScope
pilote_objectives_view_get_scope (PiloteObjectivesView *self,
                                  gint64               *scope_id)
{
  g_return_val_if_fail (PILOTE_IS_OBJECTIVES_VIEW (self), PILOTE_SCOPE_COMPANY);

  if (scope_id != NULL)
    *scope_id = self->scope_id;
  return self->scope;
}

/**
 * pilote_objectives_view_set_scope:
 * @scope: company, team or member
 * @scope_id: the team's or member's id; 0 for the company, or for the
 *   first team or member listed
 */
void
pilote_objectives_view_set_scope (PiloteObjectivesView *self,
                                  PiloteScope           scope,
                                  gint64                scope_id)
{
  g_return_if_fail (PILOTE_IS_OBJECTIVES_VIEW (self));
  g_return_if_fail (scope <= PILOTE_SCOPE_MEMBER);
  g_return_if_fail (scope_id >= 0);

  change_scope (self, scope, scope_id);
}

/**
 * pilote_objectives_view_show_page:
 * @name: "objectives", or the name of another page
 */
void
pilote_objectives_view_show_page (PiloteObjectivesView *self,
                                  const char           *name)
{
  g_return_if_fail (PILOTE_IS_OBJECTIVES_VIEW (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->pages, name) != NULL)
    adw_view_stack_set_visible_child_name (self->pages, name);
  else
    g_warning ("No page named “%s” in the objectives view", name);
}
