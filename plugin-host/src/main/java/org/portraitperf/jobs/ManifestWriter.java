package org.portraitperf.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.portraitperf.AtomicFiles;
import org.portraitperf.engine.ControlValues;
import org.portraitperf.engine.Controls;

/**
 * Writes a {@link BatchManifest} back as a JSON manifest that {@link ManifestReader} reads into the
 * same batch: every path absolute, every control spelled out with the type the schema gives it.
 * A farm job's tasks read such a copy, so that what they render cannot change under them when the
 * manifest they came from is edited.
 */
final class ManifestWriter {
  /** Controls the schema types as numbers; the others are text, but for the two below. */
  private static final Set<String> NUMBERS = Set.of(Controls.HEAD_GAIN, Controls.EXPRESSION_GAIN, Controls.EYES_GAIN,
      Controls.LIPS_GAIN, Controls.STRENGTH, Controls.DETAIL, Controls.SMOOTHING, Controls.FEATHER);

  private ManifestWriter() {}

  static void write(BatchManifest manifest, Path file) {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("version", 1);
    root.put("outputRoot", manifest.outputRoot().toString());
    root.put("allowOutsideRoot", manifest.allowOutsideRoot());
    root.put("rangeSize", manifest.rangeSize());
    root.put("retries", manifest.retries());
    ArrayNode takes = root.putArray("takes");
    for (TakeSpec take : manifest.takes()) {
      ObjectNode node = takes.addObject();
      node.put("name", take.name());
      node.put("portrait", take.portrait().toString());
      node.put("driving", take.driving().toString());
      point(node, "in", take.in());
      point(node, "out", take.out());
      node.put("output", take.output().toString());
      if (take.format() != null) {
        node.put("format", take.format());
      }
      ObjectNode settings = node.putObject("settings");
      for (Map.Entry<String, String> control : ControlValues.of(take.engine(), take.settings()).entrySet()) {
        String name = control.getKey();
        String value = control.getValue();
        if (NUMBERS.contains(name)) {
          settings.put(name, Double.parseDouble(value));
        } else if (name.equals(Controls.COLOUR_MATCH)) {
          settings.put(name, Boolean.parseBoolean(value));
        } else if (name.equals(Controls.REFERENCE_FRAME) && value.chars().allMatch(Character::isDigit)) {
          settings.put(name, Integer.parseInt(value));
        } else {
          settings.put(name, value);
        }
      }
    }
    Path partial = AtomicFiles.temporaryBeside(file);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(partial, json.writeValueAsBytes(root));
      AtomicFiles.commit(partial, file);
    } catch (IOException e) {
      AtomicFiles.discard(partial);
      throw new JobException(file.toString(), "cannot be written: " + e.getMessage(), e);
    }
  }

  private static void point(ObjectNode take, String field, FramePoint point) {
    if (point == null) {
      return;
    }
    if (point.timecode() != null) {
      take.put(field, point.timecode());
    } else {
      take.put(field, point.frame());
    }
  }
}
