package org.portraitperf.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.portraitperf.engine.ControlValues;
import org.portraitperf.engine.Controls;
import org.portraitperf.engine.EngineSelector;
import org.portraitperf.engine.EngineSettings;

/**
 * Turns a manifest file into a {@link BatchManifest}: parse (YAML, or JSON by its extension),
 * check against the schema, then resolve paths and settings. Every message names the file, and
 * the take where one is at fault.
 */
final class ManifestReader {
  static final String SCHEMA = "batch-manifest.schema.json";
  /** Schema errors listed in one message; a broken manifest usually shows its problem in the first few. */
  private static final int ERRORS_SHOWN = 5;
  private static final Set<String> TAKE_FIELDS = Set.of("name", "portrait", "driving", "in", "out", "output", "format");

  private static final Schema MANIFEST_SCHEMA = loadSchema();

  private ManifestReader() {}

  private static Schema loadSchema() {
    try (InputStream in = ManifestReader.class.getResourceAsStream(SCHEMA)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA + " is missing from the build");
      }
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    } catch (IOException e) {
      throw new IllegalStateException(SCHEMA + " cannot be read", e);
    }
  }

  static BatchManifest read(Path file) {
    boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
    JsonNode root = parse(file.toString(), json ? "JSON" : "YAML", () -> mapper.readTree(file.toFile()));
    return build(file, file.toString(), root, file.toAbsolutePath().getParent());
  }

  /** YAML or JSON text (JSON is YAML too), its relative paths taken from {@code base}. */
  static BatchManifest read(String text, Path base) {
    Path folder = base.toAbsolutePath().normalize();
    String name = "inline manifest (base " + folder + ")";
    JsonNode root = parse(name, "YAML or JSON", () -> new ObjectMapper(new YAMLFactory()).readTree(text));
    // Recorded with the job as where it came from; no file is ever read there.
    return build(folder.resolve("inline-manifest.yaml"), name, root, folder);
  }

  private static BatchManifest build(Path file, String name, JsonNode root, Path base) {
    List<Error> errors = MANIFEST_SCHEMA.validate(root);
    if (!errors.isEmpty()) {
      throw new ManifestException(name, "does not match the batch manifest schema: " + errors.stream()
          .limit(ERRORS_SHOWN).map(ManifestReader::describe).collect(Collectors.joining("; ")));
    }
    Path outputRoot = base.resolve(root.path("outputRoot").asText("."));
    Map<String, String> defaults = settingsOf(root.path("defaults"));
    List<TakeSpec> takes = new ArrayList<>();
    for (JsonNode take : root.path("takes")) {
      Map<String, String> fields = new LinkedHashMap<>();
      take.properties().forEach(field -> {
        if (!field.getKey().equals("settings")) {
          fields.put(field.getKey(), field.getValue().asText());
        }
      });
      takes.add(take(name, base, outputRoot, takes.size(), fields, defaults, settingsOf(take.path("settings"))));
    }
    if (root.has("takesCsv")) {
      readCsv(name, base.resolve(root.get("takesCsv").asText()), outputRoot, defaults, takes);
    }
    try {
      return new BatchManifest(file, outputRoot, root.path("allowOutsideRoot").asBoolean(false),
          root.path("rangeSize").asInt(BatchManifest.DEFAULT_RANGE_SIZE),
          root.path("retries").asInt(BatchManifest.DEFAULT_RETRIES), takes);
    } catch (IllegalArgumentException e) {
      throw new ManifestException(name, e.getMessage());
    }
  }

  /** A tree reader that may fail as Jackson does. */
  private interface TreeReader {
    JsonNode read() throws IOException;
  }

  private static JsonNode parse(String name, String format, TreeReader reader) {
    try {
      JsonNode root = reader.read();
      if (root == null || root.isMissingNode()) {
        throw new ManifestException(name, "is empty (expected a batch manifest)");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new ManifestException(name, "is not valid " + format + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ManifestException(name, "cannot be read: " + e.getMessage(), e);
    }
  }

  private static String describe(Error error) {
    String at = error.getInstanceLocation().toString();
    return (at.isEmpty() ? "" : at + ": ") + error.getMessage();
  }

  private static Map<String, String> settingsOf(JsonNode settings) {
    Map<String, String> values = new LinkedHashMap<>();
    settings.properties().forEach(field -> values.put(field.getKey(), field.getValue().asText()));
    return values;
  }

  /** Takes from a CSV: a header row of take fields and controls; paths relative to the CSV. */
  private static void readCsv(String manifest, Path csv, Path outputRoot, Map<String, String> defaults,
      List<TakeSpec> takes) {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
        .setIgnoreEmptyLines(true).get();
    try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(reader, format)) {
      Set<String> controls = ControlValues.of(EngineSelector.AUTO, EngineSettings.DEFAULTS).keySet();
      for (String column : parser.getHeaderNames()) {
        if (!TAKE_FIELDS.contains(column) && !controls.contains(column)) {
          throw new ManifestException(csv.toString(), "column '" + column + "' is neither a take field ("
              + String.join(", ", TAKE_FIELDS) + ") nor a control");
        }
      }
      for (CSVRecord row : parser) {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> settings = new LinkedHashMap<>();
        row.toMap().forEach((column, value) -> {
          if (!value.isEmpty()) {
            (TAKE_FIELDS.contains(column) ? fields : settings).put(column, value);
          }
        });
        String where = csv + " line " + parser.getCurrentLineNumber();
        takes.add(take(where, csv.toAbsolutePath().getParent(), outputRoot, takes.size(), fields, defaults, settings));
      }
    } catch (IOException | IllegalStateException | IllegalArgumentException e) {
      throw new ManifestException(csv.toString(), "is not a usable take list: " + e.getMessage(), e);
    }
  }

  private static TakeSpec take(String source, Path base, Path outputRoot, int index, Map<String, String> fields,
      Map<String, String> defaults, Map<String, String> overrides) {
    String name = fields.getOrDefault("name", "take-" + (index + 1));
    String subject = source + " take " + name;
    for (String required : List.of("portrait", "driving", "output")) {
      if (!fields.containsKey(required)) {
        throw new ManifestException(subject, "has no " + required);
      }
    }
    Map<String, String> settings = new LinkedHashMap<>(defaults);
    settings.putAll(overrides);
    try {
      return new TakeSpec(name, base.resolve(fields.get("portrait")), base.resolve(fields.get("driving")),
          point(fields.get("in")), point(fields.get("out")), settings.getOrDefault(Controls.ENGINE, EngineSelector.AUTO),
          ControlValues.apply(EngineSettings.DEFAULTS, settings), outputRoot.resolve(fields.get("output")),
          fields.get("format"));
    } catch (IllegalArgumentException e) {
      throw new ManifestException(subject, e.getMessage(), e);
    }
  }

  private static FramePoint point(String text) {
    return text == null ? null : FramePoint.parse(text);
  }
}
