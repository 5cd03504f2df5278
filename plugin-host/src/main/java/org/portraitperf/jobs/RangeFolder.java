package org.portraitperf.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folder that holds one take's rendered ranges: a subfolder of PNG files per range, named
 * {@code FIRST-LAST} with six-digit frame numbers so that names sort in frame order. The job runner
 * and the farm's tasks write the same layout, and assembly reads it back.
 */
public record RangeFolder(Path folder) {
  private static final Pattern NAME = Pattern.compile("(\\d{6,})-(\\d{6,})");

  /** Driving frames {@code first..last}, inclusive. */
  public record Span(int first, int last) {
    public Span {
      if (first < 0 || first > last) {
        throw new IllegalArgumentException("frames " + first + "-" + last + " are not a range");
      }
    }

    public int frames() {
      return last - first + 1;
    }
  }

  public RangeFolder {
    folder = folder.toAbsolutePath().normalize();
  }

  /** The folder of frames {@code first..last}, which exists only when they are all rendered. */
  public Path range(int first, int last) {
    return folder.resolve(String.format(Locale.ROOT, "%06d-%06d", first, last));
  }

  /** {@code first..last} cut into ranges of {@code size} frames from {@code first} on, the last one shorter. */
  public static List<Span> split(int first, int last, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("a range holds 1 frame or more, found " + size);
    }
    List<Span> spans = new ArrayList<>();
    for (long start = first; start <= last; start += size) {
      spans.add(new Span((int) start, (int) Math.min(last, start + size - 1)));
    }
    return spans;
  }

  /**
   * The rendered ranges that together hold frames {@code first..last}, in frame order, however they
   * were cut.
   *
   * @throws JobException naming the first frames no rendered range holds
   */
  public List<Path> covering(int first, int last) {
    TreeMap<Integer, Span> byFirst = new TreeMap<>();
    if (Files.isDirectory(folder)) {
      try (Stream<Path> entries = Files.list(folder)) {
        entries.filter(Files::isDirectory).forEach(entry -> {
          Matcher name = NAME.matcher(entry.getFileName().toString());
          if (name.matches()) {
            Span span = new Span(Integer.parseInt(name.group(1)), Integer.parseInt(name.group(2)));
            // Of two ranges starting together, the longer one that stays inside the take covers more.
            byFirst.merge(span.first(), span, (a, b) -> b.last() <= last && b.last() > a.last() ? b : a);
          }
        });
      } catch (IOException e) {
        throw new JobException(folder.toString(), "cannot be listed: " + e.getMessage(), e);
      }
    }
    List<Path> ranges = new ArrayList<>();
    int next = first;
    while (next <= last) {
      Span span = byFirst.get(next);
      if (span == null || span.last() > last) {
        Integer following = byFirst.higherKey(next);
        int gapEnd = following == null ? last : Math.min(last, following - 1);
        throw new JobException(folder.toString(), String.format(Locale.ROOT,
            "holds no rendered range with frames %d-%d (render them before assembling frames %d-%d)",
            next, gapEnd, first, last));
      }
      ranges.add(range(span.first(), span.last()));
      next = span.last() + 1;
    }
    return ranges;
  }
}
