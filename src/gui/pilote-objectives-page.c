/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pilote-enums.h"
#include "pilote-kpi.h"
#include "pilote-objectives-page.h"

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
  guint              reload_id;

  /* template */
  GtkBox            *content_box;
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

static void
reload (PiloteObjectivesPage *self)
{
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
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_cb, self);
}

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
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), PILOTE_TYPE_OBJECTIVES_PAGE);

  G_OBJECT_CLASS (pilote_objectives_page_parent_class)->dispose (object);
}

static void
pilote_objectives_page_finalize (GObject *object)
{
  PiloteObjectivesPage *self = PILOTE_OBJECTIVES_PAGE (object);

  g_free (self->period_start);

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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/pilote/Pilote/pilote-objectives-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PiloteObjectivesPage, content_box);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pilote_objectives_page_init (PiloteObjectivesPage *self)
{
  self->period_kind = PILOTE_PERIOD_MONTH;
  self->scope = PILOTE_SCOPE_COMPANY;
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

  return FALSE;
}

void
pilote_objectives_page_refresh (PiloteObjectivesPage *self)
{
  g_return_if_fail (PILOTE_IS_OBJECTIVES_PAGE (self));

  queue_reload (self);
}
