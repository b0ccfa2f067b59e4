/* lancer-chart.c
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small chart: line, bar, stacked bar and funnel. Everything is drawn by
 * lancer_chart_draw() on a cairo context, so the widget (through a
 * GtkSnapshot cairo node) and the PNG, SVG and PDF exports look the same.
 * The tooltip is drawn inside the chart, so hovering and the arrow keys
 * show the same thing.
 */
#define G_LOG_DOMAIN "lancer-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <cairo-svg.h>

#include "lancer-chart.h"

#define PAD         12.0
#define MAX_SERIES  8

typedef struct
{
  GdkRGBA fg;
  GdkRGBA bg;
  GdkRGBA series[MAX_SERIES];
} Palette;

struct _LancerChart
{
  GtkWidget             parent_instance;

  LancerChartKind       kind;
  LancerChartFormat     format;
  char                 *title;

  guint                 n_points;
  char                **labels;
  gint64               *times;
  guint                 n_series;
  char                **names;
  double               *values;      /* values[s * n_points + i] */

  int                   selected;
  Palette               palette;
  gboolean              dark;
  PangoFontDescription *font;

  /* Plot area of the last draw, for hit testing. */
  double                plot_x, plot_y, plot_w, plot_h;
};

G_DEFINE_FINAL_TYPE (LancerChart, lancer_chart, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (LancerChartKind, lancer_chart_kind,
  G_DEFINE_ENUM_VALUE (LANCER_CHART_LINE, "line"),
  G_DEFINE_ENUM_VALUE (LANCER_CHART_BAR, "bar"),
  G_DEFINE_ENUM_VALUE (LANCER_CHART_STACKED_BAR, "stacked-bar"),
  G_DEFINE_ENUM_VALUE (LANCER_CHART_FUNNEL, "funnel"))

G_DEFINE_ENUM_TYPE (LancerChartFormat, lancer_chart_format,
  G_DEFINE_ENUM_VALUE (LANCER_CHART_FORMAT_NUMBER, "number"),
  G_DEFINE_ENUM_VALUE (LANCER_CHART_FORMAT_PERCENT, "percent"),
  G_DEFINE_ENUM_VALUE (LANCER_CHART_FORMAT_MONEY, "money"))

/* Settable from templates: the Analytics page declares its charts in .ui. */
enum {
  PROP_0,
  PROP_KIND,
  PROP_FORMAT,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* GNOME palette: blue 3, green 5, orange 3, purple 3, yellow 5, red 3, brown 3, teal. */
static const char * const light_colors[MAX_SERIES] = {
  "#3584e4", "#26a269", "#e66100", "#9141ac", "#c88800", "#c01c28", "#865e3c", "#2190a4",
};
static const char * const dark_colors[MAX_SERIES] = {
  "#78aeed", "#57e389", "#ffa348", "#dc8add", "#f8e45c", "#f66151", "#cdab8f", "#5bc8af",
};

static void
set_palette (Palette  *p,
             gboolean  dark)
{
  for (guint i = 0; i < MAX_SERIES; i++)
    gdk_rgba_parse (&p->series[i], dark ? dark_colors[i] : light_colors[i]);
  gdk_rgba_parse (&p->fg, dark ? "#ffffff" : "#241f31");
  gdk_rgba_parse (&p->bg, dark ? "#1e1e1e" : "#ffffff");
}

static void
update_palette (LancerChart *self)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  GdkRGBA accent;
  double luminance;

  /* GTK 4.8 has no gtk_widget_get_color(); the style context is the way
   * there, and it is not deprecated for a 4.8 minimum. */
  gtk_style_context_get_color (context, &self->palette.fg);
  luminance = 0.2126 * self->palette.fg.red + 0.7152 * self->palette.fg.green + 0.0722 * self->palette.fg.blue;
  self->dark = luminance > 0.5;
  set_palette (&self->palette, self->dark);
  gtk_style_context_get_color (context, &self->palette.fg);
  if (!gtk_style_context_lookup_color (context, "view_bg_color", &self->palette.bg))
    gdk_rgba_parse (&self->palette.bg, self->dark ? "#1e1e1e" : "#ffffff");
  if (gtk_style_context_lookup_color (context, self->dark ? "accent_color" : "accent_bg_color", &accent))
    self->palette.series[0] = accent;
}

/* Formatting */

static char *
format_value (LancerChartFormat format,
              double            value,
              double            step)
{
  if (isnan (value))
    return g_strdup ("—");

  switch (format)
    {
    case LANCER_CHART_FORMAT_PERCENT:
      if (step > 0 && step * 100 < 1)
        return g_strdup_printf ("%.1f %%", value * 100);
      return g_strdup_printf ("%.0f %%", value * 100);
    case LANCER_CHART_FORMAT_MONEY:
      {
        const char *sign = value < 0 ? "−" : "";

        value = fabs (value);
        if (step >= 1000 && value >= 1000)
          return g_strdup_printf ("%s$%gk", sign, value / 1000);
        if (step == 0 || step < 1)
          return g_strdup_printf ("%s$%.2f", sign, value);
        return g_strdup_printf ("%s$%.0f", sign, value);
      }
    case LANCER_CHART_FORMAT_NUMBER:
    default:
      if (step > 0 && step < 1)
        return g_strdup_printf ("%.2g", value);
      if (step == 0 && value != floor (value))
        return g_strdup_printf ("%.2f", value);
      return g_strdup_printf ("%.0f", value);
    }
}

static double
nice_number (double   x,
             gboolean round_it)
{
  double e = floor (log10 (x));
  double f = x / pow (10, e);
  double nf;

  if (round_it)
    nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
  else
    nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nf * pow (10, e);
}

/* Nice axis bounds and step for [lo, hi] with about @n ticks. */
static void
nice_scale (double  lo,
            double  hi,
            int     n,
            double *out_lo,
            double *out_hi,
            double *out_step)
{
  double range, step;

  if (!(hi > lo))
    hi = lo + 1;
  range = nice_number (hi - lo, FALSE);
  step = nice_number (range / MAX (n - 1, 1), TRUE);
  *out_lo = floor (lo / step) * step;
  *out_hi = ceil (hi / step) * step;
  *out_step = step;
}

static double
value_at (LancerChart *self,
          guint        s,
          guint        i)
{
  return self->values[s * self->n_points + i];
}

static void
value_range (LancerChart *self,
             double      *lo,
             double      *hi)
{
  *lo = 0;
  *hi = 0;
  for (guint i = 0; i < self->n_points; i++)
    {
      double pos = 0, neg = 0;

      for (guint s = 0; s < self->n_series; s++)
        {
          double v = value_at (self, s, i);

          if (isnan (v))
            continue;
          if (self->kind == LANCER_CHART_STACKED_BAR)
            {
              if (v >= 0)
                pos += v;
              else
                neg += v;
            }
          else
            {
              *lo = MIN (*lo, v);
              *hi = MAX (*hi, v);
            }
        }
      if (self->kind == LANCER_CHART_STACKED_BAR)
        {
          *lo = MIN (*lo, neg);
          *hi = MAX (*hi, pos);
        }
    }
}

/* Drawing helpers */

static void
set_color (cairo_t       *cr,
           const GdkRGBA *c,
           double         alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

static void
text_size (PangoLayout *layout,
           const char  *text,
           int         *w,
           int         *h)
{
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, w, h);
}

static void
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       xalign)
{
  int w, h;

  text_size (layout, text, &w, &h);
  cairo_move_to (cr, x - w * xalign, y);
  pango_cairo_show_layout (cr, layout);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static double
x_of_point (LancerChart *self,
            guint        i)
{
  if (self->kind == LANCER_CHART_LINE)
    {
      if (self->times != NULL && self->n_points > 1)
        {
          double span = (double) (self->times[self->n_points - 1] - self->times[0]);

          return self->plot_x + self->plot_w * (span > 0 ? (self->times[i] - self->times[0]) / span : 0.5);
        }
      if (self->n_points > 1)
        return self->plot_x + self->plot_w * i / (self->n_points - 1);
      return self->plot_x + self->plot_w / 2;
    }
  return self->plot_x + self->plot_w * (i + 0.5) / MAX (self->n_points, 1);
}

/* Date ticks: the smallest calendar step that keeps labels apart. */
static void
draw_time_ticks (LancerChart *self,
                 cairo_t     *cr,
                 PangoLayout *layout,
                 double       axis_y)
{
  static const struct { int days; int months; const char *format; } steps[] = {
    { 1, 0, "%e %b" }, { 2, 0, "%e %b" }, { 7, 0, "%e %b" }, { 14, 0, "%e %b" },
    { 0, 1, "%b %Y" }, { 0, 2, "%b %Y" }, { 0, 3, "%b %Y" }, { 0, 6, "%b %Y" },
    { 0, 12, "%Y" }, { 0, 24, "%Y" }, { 0, 60, "%Y" },
  };
  gint64 t0 = self->times[0], t1 = self->times[self->n_points - 1];
  double span = MAX (1, (double) (t1 - t0));
  int max_ticks = MAX (2, (int) (self->plot_w / 90));
  guint chosen = G_N_ELEMENTS (steps) - 1;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) first = g_date_time_new_from_unix_utc (t0);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      double step_s = steps[i].days ? steps[i].days * 86400.0 : steps[i].months * 30.4 * 86400;

      if (span / step_s <= max_ticks)
        {
          chosen = i;
          break;
        }
    }

  if (steps[chosen].days)
    start = g_date_time_new_utc (g_date_time_get_year (first), g_date_time_get_month (first),
                                 g_date_time_get_day_of_month (first), 0, 0, 0);
  else
    {
      int m = g_date_time_get_month (first) - 1;
      int every = steps[chosen].months;

      start = g_date_time_new_utc (g_date_time_get_year (first), every >= 12 ? 1 : (m / every) * every + 1, 1, 0, 0, 0);
    }

  for (g_autoptr(GDateTime) t = g_date_time_ref (start);
       g_date_time_to_unix (t) <= t1;)
    {
      gint64 u = g_date_time_to_unix (t);
      GDateTime *next;

      if (u >= t0)
        {
          double x = self->plot_x + self->plot_w * (u - t0) / span;
          g_autofree char *label = g_date_time_format (t, steps[chosen].format);

          set_color (cr, &self->palette.fg, 0.12);
          cairo_rectangle (cr, floor (x), self->plot_y, 1, self->plot_h);
          cairo_fill (cr);
          int w, h;

          set_color (cr, &self->palette.fg, 0.7);
          /* Centred on its tick, but never past the widget's edges. */
          text_size (layout, g_strstrip (label), &w, &h);
          draw_text (cr, layout, label, CLAMP (x - w / 2.0, 0, MAX (0, self->plot_x + self->plot_w + PAD - w)),
                     axis_y, 0);
        }
      next = steps[chosen].days ? g_date_time_add_days (t, steps[chosen].days)
                                : g_date_time_add_months (t, steps[chosen].months);
      g_date_time_unref (t);
      t = next;
    }
}

static void
draw_callout (LancerChart *self,
              cairo_t     *cr,
              PangoLayout *layout,
              int          width)
{
  g_autofree char *text = lancer_chart_dup_point_text (self, self->selected);
  double x, y, bw, bh;
  int w, h;

  if (text == NULL)
    return;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  bw = w + 16;
  bh = h + 12;

  if (self->kind == LANCER_CHART_FUNNEL)
    {
      double row_h = self->plot_h / MAX (self->n_points, 1);

      y = self->plot_y + row_h * (self->selected + 1) - 4;
      x = self->plot_x + self->plot_w - bw;
      if (y + bh > self->plot_y + self->plot_h)
        y = self->plot_y + row_h * self->selected - bh + 4;
    }
  else
    {
      double ax = x_of_point (self, self->selected);

      /* A guide line through the point. */
      set_color (cr, &self->palette.fg, 0.35);
      cairo_rectangle (cr, floor (ax), self->plot_y, 1, self->plot_h);
      cairo_fill (cr);
      x = ax + 10;
      if (x + bw > width - 2)
        x = ax - 10 - bw;
      x = MAX (2, x);
      y = self->plot_y + 4;
    }

  rounded_rect (cr, x, y, bw, bh, 6);
  set_color (cr, &self->palette.bg, 0.96);
  cairo_fill_preserve (cr);
  set_color (cr, &self->palette.fg, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  set_color (cr, &self->palette.fg, 1);
  cairo_move_to (cr, x + 8, y + 6);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_funnel (LancerChart *self,
             cairo_t     *cr,
             PangoLayout *layout,
             double       left,
             double       top,
             double       right,
             double       bottom)
{
  double max = 0, label_w = 0, row_h, first;
  int w, h;

  for (guint i = 0; i < self->n_points; i++)
    {
      max = MAX (max, value_at (self, 0, i));
      text_size (layout, self->labels[i], &w, &h);
      label_w = MAX (label_w, w);
    }
  first = self->n_points > 0 ? value_at (self, 0, 0) : 0;

  self->plot_x = left + label_w + 12;
  self->plot_y = top;
  self->plot_w = MAX (10, right - self->plot_x);
  self->plot_h = MAX (10, bottom - top);
  row_h = self->plot_h / MAX (self->n_points, 1);

  for (guint i = 0; i < self->n_points; i++)
    {
      double v = value_at (self, 0, i);
      double bw = max > 0 && !isnan (v) ? self->plot_w * v / max : 0;
      double y = self->plot_y + row_h * i;
      double bar_h = MIN (row_h - 6, 40);
      double bx = self->plot_x + (self->plot_w - bw) / 2;
      g_autofree char *value = NULL;

      bw = MAX (bw, 2);
      rounded_rect (cr, bx, y + (row_h - bar_h) / 2, bw, bar_h, 4);
      set_color (cr, &self->palette.series[0], (int) i == self->selected ? 1.0 : 0.85 - 0.1 * i);
      cairo_fill (cr);

      set_color (cr, &self->palette.fg, 0.85);
      text_size (layout, self->labels[i], &w, &h);
      draw_text (cr, layout, self->labels[i], self->plot_x - 12, y + (row_h - h) / 2, 1.0);

      if (i == 0 || first <= 0)
        value = g_strdup_printf ("%.0f", v);
      else
        /* TRANSLATORS: a funnel stage: count, and its share of the first stage */
        value = g_strdup_printf (_("%.0f · %.0f %%"), v, 100 * v / first);
      text_size (layout, value, &w, &h);
      /* Narrow (360 px): when neither the bar nor the room beside it holds
       * the count and share, the count alone is shown, never cut off. */
      if (w + 12 >= bw && bx + bw + 6 + w > right)
        {
          g_free (value);
          value = g_strdup_printf ("%.0f", v);
          text_size (layout, value, &w, &h);
        }
      if (w + 12 < bw)
        {
          cairo_set_source_rgb (cr, 1, 1, 1);
          draw_text (cr, layout, value, self->plot_x + self->plot_w / 2, y + (row_h - h) / 2, 0.5);
        }
      else
        {
          /* Too narrow: the number goes beside the bar. */
          set_color (cr, &self->palette.fg, 1);
          draw_text (cr, layout, value, bx + bw + 6, y + (row_h - h) / 2, 0);
        }
    }
}

void
lancer_chart_draw (LancerChart          *self,
                   cairo_t              *cr,
                   int                   width,
                   int                   height,
                   LancerChartDrawFlags  flags)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoFontDescription) font = NULL;
  Palette saved = self->palette;
  double left = PAD, top = PAD, right = width - PAD, bottom = height - PAD;
  double lo, hi, step, y_label_w = 0;
  int w, h, line_h, x_label_lines;
  gboolean use_key = FALSE;
  double key_h = 0;

  g_return_if_fail (LANCER_IS_CHART (self));

  if (flags & LANCER_CHART_DRAW_PAPER)
    set_palette (&self->palette, FALSE);

  cairo_save (cr);
  if (flags & LANCER_CHART_DRAW_BACKGROUND)
    {
      set_color (cr, &self->palette.bg, 1);
      cairo_paint (cr);
    }

  layout = pango_cairo_create_layout (cr);
  font = self->font != NULL ? pango_font_description_copy (self->font)
                            : pango_font_description_from_string ("Sans 10");
  if (pango_font_description_get_size (font) > 0)
    pango_font_description_set_size (font, pango_font_description_get_size (font) * 9 / 10);
  pango_layout_set_font_description (layout, font);
  text_size (layout, "0", &w, &line_h);

  if (self->n_points == 0 || self->n_series == 0)
    {
      set_color (cr, &self->palette.fg, 0.55);
      text_size (layout, _("No data in this period"), &w, &h);
      draw_text (cr, layout, _("No data in this period"), width / 2.0, (height - h) / 2.0, 0.5);
      self->plot_w = 0;
      goto out;
    }

  if (self->kind == LANCER_CHART_FUNNEL)
    {
      draw_funnel (self, cr, layout, left, top, right, bottom);
      goto callout;
    }

  /* Legend across the top, wrapping. */
  {
    double lx = left, ly = top;

    for (guint s = 0; s < self->n_series; s++)
      {
        text_size (layout, self->names[s], &w, &h);
        if (lx + 18 + w > right && lx > left)
          {
            lx = left;
            ly += line_h + 4;
          }
        rounded_rect (cr, lx, ly + (line_h - 10) / 2.0, 10, 10, 2);
        set_color (cr, &self->palette.series[s % MAX_SERIES], 1);
        cairo_fill (cr);
        set_color (cr, &self->palette.fg, 0.85);
        draw_text (cr, layout, self->names[s], lx + 16, ly, 0);
        lx += 16 + w + 16;
      }
    top = ly + line_h + 10;
  }

  value_range (self, &lo, &hi);
  nice_scale (lo, hi, MAX (2, MIN (6, (int) ((bottom - top) / (line_h * 2.5)))), &lo, &hi, &step);

  for (double v = lo; v <= hi + step / 2; v += step)
    {
      g_autofree char *label = format_value (self->format, fabs (v) < step / 1e6 ? 0 : v, step);

      text_size (layout, label, &w, &h);
      y_label_w = MAX (y_label_w, w);
    }

  self->plot_x = left + y_label_w + 8;
  self->plot_y = top + line_h / 2.0;
  self->plot_w = MAX (10, right - self->plot_x);

  /* Category labels never end in "…": one that does not fit its slot
   * takes two lines; if one needs more, the bars are numbered and a key
   * below the plot gives each label in full. */
  x_label_lines = 1;
  if (!(self->kind == LANCER_CHART_LINE && self->times != NULL && self->n_points > 1) && self->n_points > 0 &&
      self->plot_w / self->n_points >= 48)
    {
      double slot = self->plot_w / self->n_points;

      pango_layout_set_width (layout, (int) ((slot - 6) * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
      for (guint i = 0; i < self->n_points; i++)
        {
          text_size (layout, self->labels[i], &w, &h);
          if (pango_layout_get_line_count (layout) > 2 || w > slot - 6)
            use_key = TRUE;
          else
            x_label_lines = MAX (x_label_lines, pango_layout_get_line_count (layout));
        }
      if (use_key)
        {
          x_label_lines = 1;
          pango_layout_set_width (layout, (int) ((right - left) * PANGO_SCALE));
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
          key_h = 6;
          for (guint i = 0; i < self->n_points; i++)
            {
              g_autofree char *entry = g_strdup_printf ("%u  %s", i + 1, self->labels[i]);

              text_size (layout, entry, &w, &h);
              key_h += h + 2;
            }
        }
      pango_layout_set_width (layout, -1);
    }
  self->plot_h = MAX (10, bottom - line_h * x_label_lines - 6 - key_h - self->plot_y);

  /* Horizontal grid and y labels. */
  for (double v = lo; v <= hi + step / 2; v += step)
    {
      double y = self->plot_y + self->plot_h * (1 - (v - lo) / (hi - lo));
      g_autofree char *label = format_value (self->format, fabs (v) < step / 1e6 ? 0 : v, step);

      set_color (cr, &self->palette.fg, fabs (v) < step / 1e6 ? 0.35 : 0.12);
      cairo_rectangle (cr, self->plot_x, floor (y), self->plot_w, 1);
      cairo_fill (cr);
      set_color (cr, &self->palette.fg, 0.7);
      draw_text (cr, layout, label, self->plot_x - 8, y - line_h / 2.0, 1.0);
    }

  /* X labels. */
  if (self->kind == LANCER_CHART_LINE && self->times != NULL && self->n_points > 1)
    draw_time_ticks (self, cr, layout, self->plot_y + self->plot_h + 4);
  else
    {
      int max_w = 0;
      guint every;

      for (guint i = 0; i < self->n_points && !use_key; i++)
        {
          text_size (layout, self->labels[i], &w, &h);
          max_w = MAX (max_w, w);
        }
      double slot = self->plot_w / MAX (self->n_points, 1);

      /* Wide slots: every label, shortened to fit; narrow: every k-th. */
      every = slot >= 48 ? 1 : (guint) ceil ((max_w + 12) * self->n_points / self->plot_w);
      every = MAX (every, 1);
      set_color (cr, &self->palette.fg, 0.7);
      if (every == 1 && !use_key && max_w + 6 > slot)
        {
          pango_layout_set_width (layout, (int) ((slot - 6) * PANGO_SCALE));
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
          pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
        }
      else if (every > 1)
        {
          /* Every k-th label only: still never cut one short. */
          pango_layout_set_width (layout, -1);
        }
      for (guint i = 0; i < self->n_points; i += every)
        {
          g_autofree char *number = use_key ? g_strdup_printf ("%u", i + 1) : NULL;
          const char *text = use_key ? number : self->labels[i];

          /* A line's first and last points sit on the plot's edges: keep
           * their labels inside the widget. A wrapped label is centred
           * in a box as wide as its slot. */
          text_size (layout, text, &w, &h);
          if (pango_layout_get_width (layout) > 0)
            w = pango_layout_get_width (layout) / PANGO_SCALE;
          draw_text (cr, layout, text, CLAMP (x_of_point (self, i) - w / 2.0, 0, MAX (0, width - w)),
                     self->plot_y + self->plot_h + 4, 0);
        }
      pango_layout_set_width (layout, -1);
      pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
      if (use_key)
        {
          double ky = self->plot_y + self->plot_h + 4 + line_h + 6;

          pango_layout_set_width (layout, (int) ((right - left) * PANGO_SCALE));
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
          for (guint i = 0; i < self->n_points; i++)
            {
              g_autofree char *entry = g_strdup_printf ("%u  %s", i + 1, self->labels[i]);

              text_size (layout, entry, &w, &h);
              draw_text (cr, layout, entry, left, ky, 0);
              ky += h + 2;
            }
          pango_layout_set_width (layout, -1);
        }
    }

  cairo_save (cr);
  /* Room for a line's end markers (radius 5) on the plot's edges. */
  cairo_rectangle (cr, self->plot_x - 6, self->plot_y - 6, self->plot_w + 12, self->plot_h + 12);
  cairo_clip (cr);

#define Y_OF(v) (self->plot_y + self->plot_h * (1 - ((v) - lo) / (hi - lo)))
  if (self->kind == LANCER_CHART_LINE)
    {
      for (guint s = 0; s < self->n_series; s++)
        {
          gboolean pen_down = FALSE;
          double first_x = 0;
          gboolean dense = self->n_points > self->plot_w / 2;
          double bucket = -1, b_x = 0, b_first = 0, b_min = 0, b_max = 0, b_last = 0;

          cairo_new_path (cr);
          /* Thousands of edges: the fast rasteriser keeps a frame cheap. */
          cairo_set_antialias (cr, dense ? CAIRO_ANTIALIAS_FAST : CAIRO_ANTIALIAS_DEFAULT);
          for (guint i = 0; i <= self->n_points; i++)
            {
              double v = i < self->n_points ? value_at (self, s, i) : NAN;
              double px = i < self->n_points ? x_of_point (self, i) : 0;

              /* Dense series: one min/max pair per 2 px column, which
               * looks the same and strokes several times faster. */
              if (dense && bucket >= 0 && (isnan (v) || floor (px / 2) != bucket))
                {
                  double y1 = Y_OF (b_first), y2 = Y_OF (b_min), y3 = Y_OF (b_max), y4 = Y_OF (b_last);

                  if (pen_down)
                    cairo_line_to (cr, b_x, y1);
                  else
                    {
                      cairo_move_to (cr, b_x, y1);
                      first_x = b_x;
                    }
                  cairo_line_to (cr, b_x, MIN (y2, y3));
                  cairo_line_to (cr, b_x, MAX (y2, y3));
                  cairo_line_to (cr, b_x, y4);
                  pen_down = TRUE;
                  bucket = -1;
                }
              if (isnan (v))
                {
                  if (i < self->n_points)
                    pen_down = FALSE;
                  continue;
                }
              if (dense)
                {
                  if (bucket < 0)
                    {
                      bucket = floor (px / 2);
                      b_x = px;
                      b_first = b_min = b_max = v;
                    }
                  b_min = MIN (b_min, v);
                  b_max = MAX (b_max, v);
                  b_last = v;
                  continue;
                }
              if (pen_down)
                cairo_line_to (cr, px, Y_OF (v));
              else
                {
                  cairo_move_to (cr, px, Y_OF (v));
                  first_x = px;
                }
              pen_down = TRUE;
            }
          if (self->n_series == 1 && pen_down)
            {
              /* A soft area under a single series. */
              cairo_path_t *path = cairo_copy_path (cr);

              cairo_line_to (cr, x_of_point (self, self->n_points - 1), Y_OF (MAX (lo, 0)));
              cairo_line_to (cr, first_x, Y_OF (MAX (lo, 0)));
              cairo_close_path (cr);
              set_color (cr, &self->palette.series[0], 0.12);
              cairo_fill (cr);
              cairo_append_path (cr, path);
              cairo_path_destroy (path);
            }
          set_color (cr, &self->palette.series[s % MAX_SERIES], 1);
          cairo_set_line_width (cr, 2);
          cairo_set_line_join (cr, dense ? CAIRO_LINE_JOIN_BEVEL : CAIRO_LINE_JOIN_ROUND);
          cairo_stroke (cr);
          cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);

          if (self->n_points <= 60)
            for (guint i = 0; i < self->n_points; i++)
              {
                double v = value_at (self, s, i);

                if (isnan (v))
                  continue;
                cairo_arc (cr, x_of_point (self, i), Y_OF (v), (int) i == self->selected ? 5 : 3, 0, 2 * G_PI);
                cairo_fill (cr);
              }
          else if (self->selected >= 0 && !isnan (value_at (self, s, self->selected)))
            {
              cairo_arc (cr, x_of_point (self, self->selected), Y_OF (value_at (self, s, self->selected)),
                         4, 0, 2 * G_PI);
              cairo_fill (cr);
            }
        }
    }
  else
    {
      double group_w = self->plot_w / self->n_points;
      double inner = group_w * (self->n_points > 40 ? 0.9 : 0.7);

      for (guint i = 0; i < self->n_points; i++)
        {
          double gx = self->plot_x + group_w * i + (group_w - inner) / 2;
          double pos = 0, neg = 0;

          if ((int) i == self->selected)
            {
              set_color (cr, &self->palette.fg, 0.06);
              cairo_rectangle (cr, self->plot_x + group_w * i, self->plot_y, group_w, self->plot_h);
              cairo_fill (cr);
            }
          for (guint s = 0; s < self->n_series; s++)
            {
              double v = value_at (self, s, i);
              double y0, y1, bx, bw;

              if (isnan (v) || v == 0)
                continue;
              if (self->kind == LANCER_CHART_STACKED_BAR)
                {
                  double base = v >= 0 ? pos : neg;

                  y0 = Y_OF (base);
                  y1 = Y_OF (base + v);
                  if (v >= 0)
                    pos += v;
                  else
                    neg += v;
                  bx = gx;
                  bw = inner;
                }
              else
                {
                  bw = inner / self->n_series;
                  bx = gx + bw * s;
                  y0 = Y_OF (MAX (lo, 0));
                  y1 = Y_OF (v);
                }
              cairo_rectangle (cr, bx, MIN (y0, y1), MAX (bw - (self->kind == LANCER_CHART_BAR && self->n_series > 1 ? 1 : 0), 1),
                               MAX (fabs (y1 - y0) - (self->kind == LANCER_CHART_STACKED_BAR ? 1 : 0), 1));
              set_color (cr, &self->palette.series[s % MAX_SERIES], 1);
              cairo_fill (cr);
            }
        }
    }
#undef Y_OF
  cairo_restore (cr);

callout:
  if (self->selected >= 0 && (guint) self->selected < self->n_points)
    draw_callout (self, cr, layout, width);

out:
  cairo_restore (cr);
  self->palette = saved;
}

/* Text */

char *
lancer_chart_dup_point_text (LancerChart *self,
                             int          index)
{
  GString *text;

  g_return_val_if_fail (LANCER_IS_CHART (self), NULL);

  if (index < 0 || (guint) index >= self->n_points || self->n_series == 0)
    return NULL;

  text = g_string_new (self->labels[index]);
  if (self->kind == LANCER_CHART_FUNNEL)
    {
      double v = value_at (self, 0, index);
      double first = value_at (self, 0, 0);
      double prev = index > 0 ? value_at (self, 0, index - 1) : v;

      g_string_append_printf (text, "\n%.0f", v);
      if (index > 0 && first > 0)
        g_string_append_printf (text, _("\n%.1f %% of %s"), 100 * v / first, self->labels[0]);
      if (index > 0 && prev > 0)
        g_string_append_printf (text, _("\n%.1f %% of %s"), 100 * v / prev, self->labels[index - 1]);
      return g_string_free (text, FALSE);
    }

  for (guint s = 0; s < self->n_series; s++)
    {
      g_autofree char *value = format_value (self->format, value_at (self, s, index), 0);

      g_string_append_printf (text, "\n%s: %s", self->names[s], value);
    }
  return g_string_free (text, FALSE);
}

char *
lancer_chart_dup_description (LancerChart *self)
{
  static const char * const kinds[] = { N_("Line chart"), N_("Bar chart"), N_("Stacked bar chart"), N_("Funnel") };
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (LANCER_IS_CHART (self), NULL);

  g_string_append (text, _(kinds[self->kind]));
  if (self->title != NULL)
    g_string_append_printf (text, ", %s", self->title);
  if (self->n_points == 0 || self->n_series == 0)
    {
      g_string_append (text, _(": no data in this period."));
      return g_string_free (text, FALSE);
    }
  g_string_append_printf (text, ngettext (": %u point from %s to %s.", ": %u points from %s to %s.", self->n_points),
                          self->n_points, self->labels[0], self->labels[self->n_points - 1]);

  if (self->kind == LANCER_CHART_FUNNEL)
    {
      for (guint i = 0; i < self->n_points; i++)
        g_string_append_printf (text, " %s %.0f%s", self->labels[i], value_at (self, 0, i),
                                i + 1 < self->n_points ? "," : ".");
      return g_string_free (text, FALSE);
    }

  for (guint s = 0; s < self->n_series; s++)
    {
      double lo = INFINITY, hi = -INFINITY, last = NAN;

      for (guint i = 0; i < self->n_points; i++)
        {
          double v = value_at (self, s, i);

          if (isnan (v))
            continue;
          lo = MIN (lo, v);
          hi = MAX (hi, v);
          last = v;
        }
      if (isnan (last))
        g_string_append_printf (text, _(" %s: no values."), self->names[s]);
      else
        {
          g_autofree char *slo = format_value (self->format, lo, 0);
          g_autofree char *shi = format_value (self->format, hi, 0);
          g_autofree char *slast = format_value (self->format, last, 0);

          g_string_append_printf (text, _(" %s ranges from %s to %s, last %s."), self->names[s], slo, shi, slast);
        }
    }
  return g_string_free (text, FALSE);
}

static void
update_accessible (LancerChart *self)
{
  g_autofree char *description = lancer_chart_dup_description (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title ? self->title : _("Chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* Exports */

cairo_status_t
lancer_chart_append_bytes (void                *closure,
                           const unsigned char *data,
                           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
lancer_chart_render_png (LancerChart *self,
                         int          width,
                         int          height)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  GByteArray *bytes = g_byte_array_new ();

  g_return_val_if_fail (LANCER_IS_CHART (self), NULL);

  /* Twice the size, for sharp text on screens and in documents. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * 2, height * 2);
  cr = cairo_create (surface);
  cairo_scale (cr, 2, 2);
  lancer_chart_draw (self, cr, width, height, LANCER_CHART_DRAW_BACKGROUND);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, lancer_chart_append_bytes, bytes);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (bytes);
}

GBytes *
lancer_chart_render_svg (LancerChart *self,
                         int          width,
                         int          height)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  GByteArray *bytes = g_byte_array_new ();

  g_return_val_if_fail (LANCER_IS_CHART (self), NULL);

  surface = cairo_svg_surface_create_for_stream (lancer_chart_append_bytes, bytes, width, height);
  cr = cairo_create (surface);
  lancer_chart_draw (self, cr, width, height, LANCER_CHART_DRAW_BACKGROUND);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (bytes);
}

/* Widget */

static int
index_at (LancerChart *self,
          double       x,
          double       y)
{
  int best = -1;
  double best_d = G_MAXDOUBLE;

  if (self->n_points == 0 || self->plot_w <= 0)
    return -1;
  if (self->kind == LANCER_CHART_FUNNEL)
    {
      int i = (int) floor ((y - self->plot_y) / (self->plot_h / self->n_points));

      return CLAMP (i, 0, (int) self->n_points - 1);
    }
  if (self->kind != LANCER_CHART_LINE)
    {
      int i = (int) floor ((x - self->plot_x) / (self->plot_w / self->n_points));

      return CLAMP (i, 0, (int) self->n_points - 1);
    }
  /* Points are in ascending x: binary search, then compare neighbours. */
  {
    guint lo = 0, hi = self->n_points - 1;

    while (lo < hi)
      {
        guint mid = (lo + hi) / 2;

        if (x_of_point (self, mid) < x)
          lo = mid + 1;
        else
          hi = mid;
      }
    for (guint i = lo > 0 ? lo - 1 : 0; i <= lo && i < self->n_points; i++)
      {
        double d = fabs (x_of_point (self, i) - x);

        if (d < best_d)
          {
            best_d = d;
            best = (int) i;
          }
      }
  }
  return best;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           LancerChart              *self)
{
  lancer_chart_set_selected (self, index_at (self, x, y));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          LancerChart              *self)
{
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    lancer_chart_set_selected (self, -1);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                LancerChart           *self)
{
  int n = (int) self->n_points;
  int i = self->selected;
  gboolean vertical = self->kind == LANCER_CHART_FUNNEL;

  if (n == 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      if (vertical)
        return FALSE;
      i = i < 0 ? 0 : MAX (i - 1, 0);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      if (vertical)
        return FALSE;
      i = i < 0 ? 0 : MIN (i + 1, n - 1);
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (!vertical)
        return FALSE;
      i = i < 0 ? 0 : MAX (i - 1, 0);
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (!vertical)
        return FALSE;
      i = i < 0 ? 0 : MIN (i + 1, n - 1);
      break;
    case GDK_KEY_Home:
      i = 0;
      break;
    case GDK_KEY_End:
      i = n - 1;
      break;
    case GDK_KEY_Escape:
      i = -1;
      break;
    default:
      return FALSE;
    }
  lancer_chart_set_selected (self, i);
  return TRUE;
}

static void
focus_enter_cb (GtkEventControllerFocus *controller,
                LancerChart             *self)
{
  if (self->selected < 0 && self->n_points > 0)
    lancer_chart_set_selected (self, self->kind == LANCER_CHART_FUNNEL ? 0 : (int) self->n_points - 1);
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                LancerChart             *self)
{
  lancer_chart_set_selected (self, -1);
}

static void
lancer_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  LancerChart *self = LANCER_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  update_palette (self);
  if (self->font == NULL)
    self->font = pango_font_description_copy (pango_context_get_font_description (gtk_widget_get_pango_context (widget)));

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  lancer_chart_draw (self, cr, width, height, LANCER_CHART_DRAW_DEFAULT);
  if (gtk_widget_has_visible_focus (widget))
    {
      rounded_rect (cr, 1, 1, width - 2, height - 2, 8);
      set_color (cr, &self->palette.series[0], 0.6);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

/* The height the key under a bar chart takes at @width (see draw: the
 * key appears when a category label would need more than two lines). */
static int
key_height (LancerChart *self,
            int          width)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoFontDescription) font = NULL;
  gboolean use_key = FALSE;
  double slot;
  int w, h, total = 6;

  if (width <= 0 || self->n_points == 0 || (self->kind == LANCER_CHART_LINE && self->times != NULL) ||
      self->kind == LANCER_CHART_FUNNEL)
    return 0;
  /* The plot is the width less the padding and the y labels (about 48 px). */
  slot = (width - 2 * PAD - 48) / (double) self->n_points;
  if (slot < 48)
    return 0;
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  font = self->font != NULL ? pango_font_description_copy (self->font)
                            : pango_font_description_from_string ("Sans 10");
  if (pango_font_description_get_size (font) > 0)
    pango_font_description_set_size (font, pango_font_description_get_size (font) * 9 / 10);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) ((slot - 6) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  for (guint i = 0; i < self->n_points && !use_key; i++)
    {
      text_size (layout, self->labels[i], &w, &h);
      use_key = pango_layout_get_line_count (layout) > 2 || w > slot - 6;
    }
  if (!use_key)
    return 0;
  pango_layout_set_width (layout, (int) ((width - 2 * PAD) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  for (guint i = 0; i < self->n_points; i++)
    {
      g_autofree char *entry = g_strdup_printf ("%u  %s", i + 1, self->labels[i]);

      text_size (layout, entry, &w, &h);
      total += h + 2;
    }
  return total;
}

static GtkSizeRequestMode
lancer_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
lancer_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  LancerChart *self = LANCER_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 480;
    }
  else
    {
      int rows = self->kind == LANCER_CHART_FUNNEL ? MAX (self->n_points, 1) : 0;

      int key = key_height (self, for_size);

      *minimum = MAX (180, rows * 36 + 24) + key;
      *natural = MAX (240, rows * 44 + 24) + key;
    }
}

static void
lancer_chart_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  LancerChart *self = LANCER_CHART (widget);

  GTK_WIDGET_CLASS (lancer_chart_parent_class)->css_changed (widget, change);
  g_clear_pointer (&self->font, pango_font_description_free);
  gtk_widget_queue_draw (widget);
}

static void
clear_data (LancerChart *self)
{
  g_clear_pointer (&self->labels, g_strfreev);
  g_clear_pointer (&self->names, g_strfreev);
  g_clear_pointer (&self->times, g_free);
  g_clear_pointer (&self->values, g_free);
  self->n_points = 0;
  self->n_series = 0;
}

static void
lancer_chart_finalize (GObject *object)
{
  LancerChart *self = LANCER_CHART (object);

  clear_data (self);
  g_free (self->title);
  g_clear_pointer (&self->font, pango_font_description_free);

  G_OBJECT_CLASS (lancer_chart_parent_class)->finalize (object);
}

static void
lancer_chart_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LancerChart *self = LANCER_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_FORMAT:
      g_value_set_enum (value, self->format);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_chart_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LancerChart *self = LANCER_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      lancer_chart_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_FORMAT:
      lancer_chart_set_format (self, g_value_get_enum (value));
      break;

    case PROP_TITLE:
      lancer_chart_set_title (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lancer_chart_class_init (LancerChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lancer_chart_finalize;
  object_class->get_property = lancer_chart_get_property;
  object_class->set_property = lancer_chart_set_property;

  properties [PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, LANCER_TYPE_CHART_KIND, LANCER_CHART_LINE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_FORMAT] =
    g_param_spec_enum ("format", NULL, NULL, LANCER_TYPE_CHART_FORMAT, LANCER_CHART_FORMAT_NUMBER,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->snapshot = lancer_chart_snapshot;
  widget_class->measure = lancer_chart_measure;
  widget_class->get_request_mode = lancer_chart_get_request_mode;
  widget_class->css_changed = lancer_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lancer_chart_init (LancerChart *self)
{
  GtkEventController *controller;

  self->selected = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (focus_enter_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  set_palette (&self->palette, FALSE);
  update_accessible (self);
}

GtkWidget *
lancer_chart_new (LancerChartKind kind)
{
  LancerChart *self = g_object_new (LANCER_TYPE_CHART, NULL);

  self->kind = kind;
  update_accessible (self);
  return GTK_WIDGET (self);
}

LancerChartKind
lancer_chart_get_kind (LancerChart *self)
{
  g_return_val_if_fail (LANCER_IS_CHART (self), LANCER_CHART_LINE);
  return self->kind;
}

void
lancer_chart_set_kind (LancerChart     *self,
                       LancerChartKind  kind)
{
  g_return_if_fail (LANCER_IS_CHART (self));

  if (self->kind == kind)
    return;
  self->kind = kind;
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_KIND]);
}

const char *
lancer_chart_get_title (LancerChart *self)
{
  g_return_val_if_fail (LANCER_IS_CHART (self), NULL);
  return self->title;
}

void
lancer_chart_set_title (LancerChart *self,
                        const char  *title)
{
  g_return_if_fail (LANCER_IS_CHART (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TITLE]);
}

void
lancer_chart_set_format (LancerChart       *self,
                         LancerChartFormat  format)
{
  g_return_if_fail (LANCER_IS_CHART (self));

  if (self->format == format)
    return;
  self->format = format;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FORMAT]);
}

void
lancer_chart_set_data (LancerChart             *self,
                       guint                    n_points,
                       const char * const      *labels,
                       const gint64            *times,
                       const LancerChartSeries *series,
                       guint                    n_series)
{
  g_return_if_fail (LANCER_IS_CHART (self));
  g_return_if_fail (n_points == 0 || labels != NULL);
  g_return_if_fail (n_series == 0 || series != NULL);

  clear_data (self);
  self->n_points = n_points;
  self->n_series = n_series;
  self->labels = g_new0 (char *, n_points + 1);
  for (guint i = 0; i < n_points; i++)
    self->labels[i] = g_strdup (labels[i]);
  if (times != NULL && n_points > 0)
    self->times = g_memdup2 (times, sizeof (gint64) * n_points);
  self->names = g_new0 (char *, n_series + 1);
  self->values = g_new0 (double, (gsize) MAX (n_series * n_points, 1));
  for (guint s = 0; s < n_series; s++)
    {
      self->names[s] = g_strdup (series[s].name ? series[s].name : "");
      if (n_points > 0)
        memcpy (self->values + s * n_points, series[s].values, sizeof (double) * n_points);
    }
  if (self->selected >= (int) n_points)
    self->selected = -1;

  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
lancer_chart_get_n_points (LancerChart *self)
{
  g_return_val_if_fail (LANCER_IS_CHART (self), 0);
  return self->n_points;
}

int
lancer_chart_get_selected (LancerChart *self)
{
  g_return_val_if_fail (LANCER_IS_CHART (self), -1);
  return self->selected;
}

void
lancer_chart_set_selected (LancerChart *self,
                           int          index)
{
  g_return_if_fail (LANCER_IS_CHART (self));

  if (index >= (int) self->n_points)
    index = -1;
  if (index == self->selected)
    return;
  self->selected = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
