package dev.socra.server.web;

import dev.socra.core.interview.Dimension;
import dev.socra.core.interview.DimensionScore;
import dev.socra.core.interview.TurnEvaluation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The live scores beside the interview: per dimension the score, its one-line reason and the change
 * since the turn before, and the radar chart drawn from them as server-rendered SVG.
 *
 * @param polygon the latest scores as SVG points; {@code previous} those of the turn before (empty
 *     when there is none)
 */
record Scoreboard(
    List<Line> lines,
    String polygon,
    String previous,
    List<Axis> axes,
    List<String> rings,
    String summary) {

  static final double CX = 180;
  static final double CY = 150;
  static final double RADIUS = 100;
  static final int MAX = 10;

  /** One dimension: {@code change} is null on the first turn (nothing to compare with). */
  record Line(String dimension, String label, int score, String reason, Integer change) {
    public String changeText() {
      if (change == null) {
        return "";
      }
      return change > 0 ? "+" + change : change < 0 ? "−" + (-change) : "±0";
    }

    public String changeClass() {
      if (change == null || change == 0) {
        return "same";
      }
      return change > 0 ? "up" : "down";
    }

    public String changeLabel() {
      if (change == null) {
        return "";
      }
      return change == 0
          ? "unchanged since the last turn"
          : (change > 0 ? "up " : "down ") + Math.abs(change) + " since the last turn";
    }

    public int percent() {
      return score * 100 / MAX;
    }
  }

  /** A spoke of the chart, ending at (x, y), with its label at (lx, ly). */
  record Axis(String label, double x, double y, double lx, double ly, String anchor) {}

  public boolean empty() {
    return lines.isEmpty();
  }

  static Scoreboard of(TurnEvaluation latest, TurnEvaluation before) {
    Dimension[] dims = Dimension.values();
    List<Axis> axes = new ArrayList<>();
    for (int i = 0; i < dims.length; i++) {
      double[] end = point(i, MAX);
      double[] label = point(i, MAX * 1.16);
      double dx = label[0] - CX;
      String anchor = Math.abs(dx) < 1 ? "middle" : dx > 0 ? "start" : "end";
      double ly = label[1] + (label[1] > CY + 1 ? 10 : label[1] < CY - 1 ? -2 : 4);
      axes.add(new Axis(dims[i].label(), end[0], end[1], label[0], ly, anchor));
    }
    List<String> rings = new ArrayList<>();
    for (int level : new int[] {2, 4, 6, 8, 10}) {
      int[] all = new int[dims.length];
      java.util.Arrays.fill(all, level);
      rings.add(points(all));
    }
    if (latest == null) {
      return new Scoreboard(List.of(), "", "", axes, rings, "No scores yet.");
    }
    List<Line> lines = new ArrayList<>();
    for (Dimension d : dims) {
      DimensionScore now = score(latest, d);
      DimensionScore then = before == null ? null : score(before, d);
      int s = now == null ? 0 : now.score();
      lines.add(
          new Line(
              d.name().toLowerCase(Locale.ROOT),
              d.label(),
              s,
              now == null ? "" : now.reason(),
              then == null ? null : s - then.score()));
    }
    String summary =
        lines.stream()
            .map(l -> l.label() + " " + l.score() + " of " + MAX)
            .collect(Collectors.joining(", ", "Scores: ", "."));
    return new Scoreboard(
        lines,
        points(scores(latest)),
        before == null ? "" : points(scores(before)),
        axes,
        rings,
        summary);
  }

  private static DimensionScore score(TurnEvaluation e, Dimension d) {
    return e.scores().stream().filter(s -> s.dimension() == d).findFirst().orElse(null);
  }

  private static int[] scores(TurnEvaluation e) {
    Dimension[] dims = Dimension.values();
    int[] out = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      DimensionScore s = score(e, dims[i]);
      out[i] = s == null ? 0 : s.score();
    }
    return out;
  }

  private static String points(int[] values) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      double[] p = point(i, values[i]);
      if (i > 0) {
        b.append(' ');
      }
      b.append(String.format(Locale.ROOT, "%.1f,%.1f", p[0], p[1]));
    }
    return b.toString();
  }

  /** Spoke i (clockwise from the top) at {@code value} on the 0–10 scale. */
  private static double[] point(int i, double value) {
    double angle = -Math.PI / 2 + i * 2 * Math.PI / Dimension.values().length;
    double r = RADIUS * value / MAX;
    return new double[] {CX + r * Math.cos(angle), CY + r * Math.sin(angle)};
  }
}
