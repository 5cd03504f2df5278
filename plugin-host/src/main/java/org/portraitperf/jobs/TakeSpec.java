package org.portraitperf.jobs;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;
import org.portraitperf.engine.EngineSettings;

/**
 * One take of a batch as the manifest asks for it. Paths are absolute and normalised.
 *
 * @param name unique within the manifest, letters, digits, {@code . _ -}
 * @param in first driving frame to render, or null for the clip's first
 * @param out last driving frame to render (inclusive), or null for the clip's last
 * @param engine the {@code engine} control: {@code auto} or an engine's name
 * @param format the format the manifest states ({@code mp4}, {@code mov}, {@code png}), or null to
 *     go by the output's name
 */
public record TakeSpec(String name, Path portrait, Path driving, FramePoint in, FramePoint out, String engine,
    EngineSettings settings, Path output, String format) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  public TakeSpec {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("take name '" + name + "' must be 1-100 letters, digits, '.', '_' or '-'");
    }
    portrait = absolute(portrait, "portrait");
    driving = absolute(driving, "driving");
    output = absolute(output, "output");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(settings, "settings");
  }

  private static Path absolute(Path path, String what) {
    return Objects.requireNonNull(path, what).toAbsolutePath().normalize();
  }
}
