/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pilote-gui"

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "pilote-chart-view.h"

/* Charts read a little smaller than body text */
#define CHART_FONT_SCALE 0.82

/**
 * PiloteChartView:
 *
 * Shows one chart drawn by a #PiloteChartViewDrawFunc, whatever its kind:
 * the light or dark chart style follows the system, the text the widget's
 * font. Hovering an item shows its exact value in a tooltip; clicking it
 * emits #PiloteChartView::item-activated when the view is activatable.
 */
struct _PiloteChartView
{
  GtkWidget                    parent_instance;

  PiloteChartViewDrawFunc      draw;
  PiloteChartViewHitFunc       hit;
  PiloteChartViewDescribeFunc  describe;
  gpointer                     data;
  GDestroyNotify               destroy;

  PiloteChartFormatFunc        format;
  gpointer                     format_data;
  GDestroyNotify               format_destroy;

  PiloteChartStyle            *style;    /* built on demand, dropped when the look changes */
  char                        *font;
  gboolean                     dark;
  gboolean                     activatable;
  gboolean                     over_item;
};

G_DEFINE_FINAL_TYPE (PiloteChartView, pilote_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ACTIVATABLE,
  PROP_DARK,
  N_PROPS
};

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
get_widget_font (PiloteChartView *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *desc = pango_context_get_font_description (context);
  const char *family = desc != NULL ? pango_font_description_get_family (desc) : NULL;
  double size = desc != NULL ? pango_font_description_get_size (desc) / (double) PANGO_SCALE : 0;

  /* the charts lay text out at 96 dpi in pixels */
  if (desc != NULL && !pango_font_description_get_size_is_absolute (desc))
    size = size * 96.0 / 72.0;
  if (size <= 0)
    size = 14.67;
  return g_strdup_printf ("%s %.0fpx", family != NULL ? family : "Sans",
                          MAX (9.0, round (size * CHART_FONT_SCALE)));
}

static const PiloteChartStyle *
ensure_style (PiloteChartView *self)
{
  g_autofree char *font = get_widget_font (self);

  if (self->style != NULL && g_strcmp0 (font, self->font) == 0)
    return self->style;

  g_clear_pointer (&self->style, pilote_chart_style_free);
  self->style = self->dark ? pilote_chart_style_dark () : pilote_chart_style_light ();
  /* the card behind shows through */
  self->style->fill_background = FALSE;
  pilote_chart_style_set_font (self->style, font);
  pilote_chart_style_set_font_options (self->style,
                                       pango_cairo_context_get_font_options (
                                         gtk_widget_get_pango_context (GTK_WIDGET (self))));
  if (self->format != NULL)
    pilote_chart_style_set_formatter (self->style, self->format, self->format_data);
  g_free (self->font);
  self->font = g_steal_pointer (&font);
  return self->style;
}

static void
drop_style (PiloteChartView *self)
{
  g_clear_pointer (&self->style, pilote_chart_style_free);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_dark_changed_cb (AdwStyleManager *manager,
                    GParamSpec      *pspec,
                    PiloteChartView *self)
{
  gboolean dark = adw_style_manager_get_dark (manager);

  if (dark == self->dark)
    return;
  self->dark = dark;
  drop_style (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
}

static gboolean
hit_test (PiloteChartView *self,
          double           x,
          double           y,
          PiloteChartHit  *hit)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->hit == NULL || width <= 0 || height <= 0)
    return FALSE;
  return self->hit (ensure_style (self), self->data, width, height, x, y, hit);
}

static char *
describe_hit (PiloteChartView      *self,
              const PiloteChartHit *hit)
{
  const PiloteChartStyle *style = ensure_style (self);

  if (self->describe != NULL)
    return self->describe (style, self->data, hit);
  if (isnan (hit->value))
    return NULL;
  return pilote_chart_style_format (style, hit->value, PILOTE_CHART_VALUE_COUNT, FALSE);
}

static gboolean
pilote_chart_view_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_tooltip,
                                 GtkTooltip *tooltip)
{
  PiloteChartView *self = PILOTE_CHART_VIEW (widget);
  PiloteChartHit hit;
  g_autofree char *text = NULL;
  GdkRectangle area;

  if (keyboard_tooltip || !hit_test (self, x, y, &hit))
    return FALSE;
  text = describe_hit (self, &hit);
  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  area.x = (int) floor (hit.area.x);
  area.y = (int) floor (hit.area.y);
  area.width = MAX (1, (int) ceil (hit.area.width));
  area.height = MAX (1, (int) ceil (hit.area.height));
  gtk_tooltip_set_tip_area (tooltip, &area);
  return TRUE;
}

static void
pilote_chart_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  PiloteChartView *self = PILOTE_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->draw == NULL || width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  self->draw (cr, ensure_style (self), self->data, width, height);
  cairo_destroy (cr);
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              PiloteChartView          *self)
{
  PiloteChartHit hit;
  gboolean over = self->activatable && hit_test (self, x, y, &hit);

  if (over == self->over_item)
    return;
  self->over_item = over;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), over ? "pointer" : NULL);
}

static void
on_leave_cb (GtkEventControllerMotion *controller,
             PiloteChartView          *self)
{
  self->over_item = FALSE;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static void
on_released_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                PiloteChartView *self)
{
  PiloteChartHit hit;

  if (!self->activatable || n_press != 1 || !hit_test (self, x, y, &hit))
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, hit.series, hit.item);
}

static void
clear_chart (PiloteChartView *self)
{
  if (self->destroy != NULL && self->data != NULL)
    self->destroy (self->data);
  self->data = NULL;
  self->destroy = NULL;
  self->draw = NULL;
  self->hit = NULL;
}

static void
clear_formatter (PiloteChartView *self)
{
  if (self->format_destroy != NULL && self->format_data != NULL)
    self->format_destroy (self->format_data);
  self->format = NULL;
  self->format_data = NULL;
  self->format_destroy = NULL;
}

static void
pilote_chart_view_finalize (GObject *object)
{
  PiloteChartView *self = PILOTE_CHART_VIEW (object);

  clear_chart (self);
  clear_formatter (self);
  g_clear_pointer (&self->style, pilote_chart_style_free);
  g_free (self->font);

  G_OBJECT_CLASS (pilote_chart_view_parent_class)->finalize (object);
}

static void
pilote_chart_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PiloteChartView *self = PILOTE_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_ACTIVATABLE:
      g_value_set_boolean (value, self->activatable);
      break;
    case PROP_DARK:
      g_value_set_boolean (value, self->dark);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pilote_chart_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PiloteChartView *self = PILOTE_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_ACTIVATABLE:
      if (self->activatable != g_value_get_boolean (value))
        {
          self->activatable = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pilote_chart_view_class_init (PiloteChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pilote_chart_view_finalize;
  object_class->get_property = pilote_chart_view_get_property;
  object_class->set_property = pilote_chart_view_set_property;

  widget_class->snapshot = pilote_chart_view_snapshot;
  widget_class->query_tooltip = pilote_chart_view_query_tooltip;

  /**
   * PiloteChartView:activatable:
   *
   * Whether clicking an item emits #PiloteChartView::item-activated.
   */
  properties[PROP_ACTIVATABLE] =
    g_param_spec_boolean ("activatable", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * PiloteChartView:dark:
   *
   * Whether the chart is drawn with the dark style.
   */
  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PiloteChartView::item-activated:
   * @series: the series clicked, -1 for none in particular
   * @item: the category, period, stage or slice clicked
   *
   * Emitted when an item of an activatable chart is clicked.
   */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pilote_chart_view_init (PiloteChartView *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->dark = adw_style_manager_get_dark (manager);
  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (on_dark_changed_cb), self, 0);

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
pilote_chart_view_new (void)
{
  return g_object_new (PILOTE_TYPE_CHART_VIEW, NULL);
}

/**
 * pilote_chart_view_set_chart:
 * @draw: (nullable): draws the chart; %NULL to show nothing
 * @hit: (nullable): finds the item under a point; %NULL for no tooltip or click
 * @data: (nullable): the chart's data, passed to @draw and @hit
 * @destroy: (nullable): frees @data when the chart is replaced or the view
 *   finalized
 *
 * Sets the chart shown.
 */
void
pilote_chart_view_set_chart (PiloteChartView         *self,
                             PiloteChartViewDrawFunc  draw,
                             PiloteChartViewHitFunc   hit,
                             gpointer                 data,
                             GDestroyNotify           destroy)
{
  g_return_if_fail (PILOTE_IS_CHART_VIEW (self));

  clear_chart (self);
  self->draw = draw;
  self->hit = hit;
  self->data = data;
  self->destroy = destroy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * pilote_chart_view_set_describe:
 * @describe: (nullable): the text of the tooltip over an item; %NULL for
 *   the item's value as the style formats a count
 *
 * Sets what the tooltip says. It receives the chart's data.
 */
void
pilote_chart_view_set_describe (PiloteChartView             *self,
                                PiloteChartViewDescribeFunc  describe)
{
  g_return_if_fail (PILOTE_IS_CHART_VIEW (self));

  self->describe = describe;
}

/**
 * pilote_chart_view_set_formatter:
 * @func: (nullable): formats the chart's values; %NULL for the default
 * @user_data: passed to @func
 * @destroy: (nullable): frees @user_data
 *
 * Sets how values are written (the file's currency, say).
 */
void
pilote_chart_view_set_formatter (PiloteChartView       *self,
                                 PiloteChartFormatFunc  func,
                                 gpointer               user_data,
                                 GDestroyNotify         destroy)
{
  g_return_if_fail (PILOTE_IS_CHART_VIEW (self));

  clear_formatter (self);
  self->format = func;
  self->format_data = user_data;
  self->format_destroy = destroy;
  drop_style (self);
}

/**
 * pilote_chart_view_get_data:
 *
 * Returns: (transfer none) (nullable): the data of the chart shown
 */
gpointer
pilote_chart_view_get_data (PiloteChartView *self)
{
  g_return_val_if_fail (PILOTE_IS_CHART_VIEW (self), NULL);

  return self->data;
}

gboolean
pilote_chart_view_get_dark (PiloteChartView *self)
{
  g_return_val_if_fail (PILOTE_IS_CHART_VIEW (self), FALSE);

  return self->dark;
}
