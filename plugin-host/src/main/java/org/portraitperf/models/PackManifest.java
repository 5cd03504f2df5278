package org.portraitperf.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A model pack: a set of files installed, verified and removed together, described by a JSON
 * manifest (see {@code packs/*.json} beside this class for the committed ones).
 *
 * @param id the pack's name on the command line and its folder under the model directory
 * @param version the manifest's version; a pack verified under another version must be verified again
 * @param format what the files are, so an engine can pick the packs it can run (e.g. {@code liveportrait-onnx})
 * @param title one line for users
 * @param licence the terms of the weights, shown before and after install
 * @param nonCommercial true when the licence forbids commercial use; users are warned
 * @param files the pack's files
 */
public record PackManifest(
    String id, String version, String format, String title, String licence, boolean nonCommercial,
    List<PackFile> files) {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.-]*");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public PackManifest {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("pack id '" + id + "' must be lower-case letters, digits, '.' and '-'");
    }
    requireText(id, "version", version);
    requireText(id, "format", format);
    requireText(id, "title", title);
    requireText(id, "licence", licence);
    files = List.copyOf(files == null ? List.of() : files);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("pack " + id + " lists no files");
    }
    Set<String> names = new HashSet<>();
    Set<String> roles = new HashSet<>();
    for (PackFile file : files) {
      if (!names.add(file.name()) || !roles.add(file.role())) {
        throw new IllegalArgumentException("pack " + id + " lists " + file.name() + " or role " + file.role() + " twice");
      }
    }
  }

  private static void requireText(String id, String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("pack " + id + ": " + field + " must not be blank");
    }
  }

  /** The file that plays {@code role}, if the pack has one. */
  public Optional<PackFile> file(String role) {
    return files.stream().filter(f -> f.role().equals(role)).findFirst();
  }

  /**
   * Reads a manifest.
   *
   * @param source how the user named it, for errors
   * @throws ModelException naming the source when it is not a valid manifest
   */
  public static PackManifest read(InputStream in, String source) {
    try {
      return JSON.readValue(in, PackManifest.class);
    } catch (IOException e) {
      // Jackson wraps the compact constructors' complaints; its message locates the field.
      String problem = e.getCause() instanceof IllegalArgumentException bad ? bad.getMessage()
          : e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
      throw new ModelException(source, "is not a valid model pack manifest: " + problem, e);
    }
  }

  /** The manifest as JSON, as it is stored beside an installed pack. */
  byte[] toJson() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    } catch (IOException e) {
      throw new IllegalStateException("a manifest record always serialises", e);
    }
  }
}
