/* lancer-chart.h
 *
 * Copyright 2026 The Lancer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  LANCER_CHART_LINE,
  LANCER_CHART_BAR,            /* series side by side */
  LANCER_CHART_STACKED_BAR,
  LANCER_CHART_FUNNEL,         /* one series; points are stages, widest first */
} LancerChartKind;

typedef enum
{
  LANCER_CHART_FORMAT_NUMBER,
  LANCER_CHART_FORMAT_PERCENT, /* values are 0–1 */
  LANCER_CHART_FORMAT_MONEY,   /* USD */
} LancerChartFormat;

#define LANCER_TYPE_CHART_KIND (lancer_chart_kind_get_type ())
GType lancer_chart_kind_get_type (void) G_GNUC_CONST;
#define LANCER_TYPE_CHART_FORMAT (lancer_chart_format_get_type ())
GType lancer_chart_format_get_type (void) G_GNUC_CONST;

typedef enum
{
  LANCER_CHART_DRAW_DEFAULT    = 0,
  LANCER_CHART_DRAW_BACKGROUND = 1 << 0,  /* fill the background (exports) */
  LANCER_CHART_DRAW_PAPER      = 1 << 1,  /* light colours whatever the theme (PDF) */
} LancerChartDrawFlags;

/* One named row of values, one per point; NAN leaves a gap. */
typedef struct
{
  const char   *name;
  const double *values;
} LancerChartSeries;

#define LANCER_TYPE_CHART (lancer_chart_get_type ())
G_DECLARE_FINAL_TYPE (LancerChart, lancer_chart, LANCER, CHART, GtkWidget)

GtkWidget        *lancer_chart_new             (LancerChartKind          kind);
LancerChartKind   lancer_chart_get_kind        (LancerChart             *self);
void              lancer_chart_set_kind        (LancerChart             *self,
                                                LancerChartKind          kind);
const char       *lancer_chart_get_title       (LancerChart             *self);
void              lancer_chart_set_title       (LancerChart             *self,
                                                const char              *title);
void              lancer_chart_set_format      (LancerChart             *self,
                                                LancerChartFormat        format);
/* Copies everything. @labels name the points (bars, stages, or dates for
 * the tooltip); @times, if given, put a line chart on a date axis (Unix
 * seconds, ascending). */
void              lancer_chart_set_data        (LancerChart             *self,
                                                guint                    n_points,
                                                const char * const      *labels,
                                                const gint64            *times,
                                                const LancerChartSeries *series,
                                                guint                    n_series);
guint             lancer_chart_get_n_points    (LancerChart             *self);
/* The point the tooltip shows (hover or arrow keys), or -1. */
int               lancer_chart_get_selected    (LancerChart             *self);
void              lancer_chart_set_selected    (LancerChart             *self,
                                                int                      index);
/* The text of the tooltip for @index. */
char             *lancer_chart_dup_point_text  (LancerChart             *self,
                                                int                      index);
/* A sentence or two summarising the data (also the accessible description). */
char             *lancer_chart_dup_description (LancerChart             *self);

/* Draws into any cairo context with the colours of the widget's style
 * (no GTK calls: safe for PNG, SVG and PDF surfaces). */
void              lancer_chart_draw            (LancerChart             *self,
                                                cairo_t                 *cr,
                                                int                      width,
                                                int                      height,
                                                LancerChartDrawFlags     flags);
/* Encoded images for export; the caller writes them off the main thread. */
GBytes           *lancer_chart_render_png      (LancerChart             *self,
                                                int                      width,
                                                int                      height);
GBytes           *lancer_chart_render_svg      (LancerChart             *self,
                                                int                      width,
                                                int                      height);
/* A cairo_write_func_t that appends to the GByteArray @closure, so that
 * the exports (PNG, SVG, the analytics PDF) are encoded into memory. */
cairo_status_t    lancer_chart_append_bytes    (void                    *closure,
                                                const unsigned char     *data,
                                                unsigned int             length);

G_END_DECLS
