package dev.orca.bench;

import java.util.List;
import java.util.Locale;

/** A minimal line chart as SVG, so a report needs no plotting library. */
public final class SvgChart {
  private SvgChart() {}

  /** One series of (x, y) points. */
  public record Series(String name, String color, List<double[]> points) {}

  public static String lines(String title, String xLabel, String yLabel, List<Series> series) {
    return lines(title, xLabel, yLabel, series, List.of());
  }

  /** The same, with {@code bands} ({x0, x1} ranges of x, e.g. when a fault was in effect) shaded behind the lines. */
  public static String lines(String title, String xLabel, String yLabel, List<Series> series, List<double[]> bands) {
    double maxX = 1e-9;
    double maxY = 1e-9;
    for (Series s : series) {
      for (double[] p : s.points()) {
        maxX = Math.max(maxX, p[0]);
        maxY = Math.max(maxY, p[1]);
      }
    }
    int w = 720;
    int h = 400;
    int left = 70;
    int right = 20;
    int top = 40;
    int bottom = 50;
    double plotW = w - left - right;
    double plotH = h - top - bottom;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", w, h));
    svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", w, h));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>%n", left, escape(title)));
    for (int i = 0; i <= 5; i++) {
      double y = top + plotH - plotH * i / 5;
      double x = left + plotW * i / 5;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
          left, y, w - right, y));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
          left - 6, y + 4, fmt(maxY * i / 5)));
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
          x, h - bottom + 18, fmt(maxX * i / 5)));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
        left + plotW / 2, h - 10, escape(xLabel)));
    svg.append(String.format(Locale.ROOT,
        "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 16 %.1f)\">%s</text>%n",
        top + plotH / 2, top + plotH / 2, escape(yLabel)));
    for (double[] b : bands) {
      double x0 = left + plotW * Math.max(0, b[0]) / maxX;
      double x1 = left + plotW * Math.min(maxX, Math.max(b[1], b[0] + maxX / 400)) / maxX;
      svg.append(String.format(Locale.ROOT,
          "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"#f4a261\" fill-opacity=\"0.25\"/>%n",
          x0, top, Math.max(1, x1 - x0), plotH));
    }
    int legendY = top + 10;
    for (Series s : series) {
      StringBuilder points = new StringBuilder();
      for (double[] p : s.points()) {
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + plotW * p[0] / maxX, top + plotH - plotH * p[1] / maxY));
      }
      svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
          s.color(), points.toString().trim()));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
          left + 10, legendY, s.color(), escape(s.name())));
      legendY += 16;
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String fmt(double v) {
    return v >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
