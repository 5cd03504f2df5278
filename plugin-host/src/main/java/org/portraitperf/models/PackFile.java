package org.portraitperf.models;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One file of a model pack.
 *
 * @param role what the file is to the engine that reads the pack (e.g. {@code motion}); engines
 *     look files up by role, so a pack may name its files as its publisher did
 * @param name file name inside the pack folder
 * @param url where it is downloaded from
 * @param bytes exact size, or null where the publisher does not state it (the SHA-256 alone then
 *     decides, and progress shows the size the server reports)
 * @param sha256 expected SHA-256, lower-case hex
 * @param inputs the graph's inputs the engine binds by name
 * @param outputs the graph's outputs the engine reads by name
 */
public record PackFile(
    String role, String name, URI url, Long bytes, String sha256,
    List<TensorSignature> inputs, List<TensorSignature> outputs) {
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public PackFile {
    if (role == null || role.isBlank()) {
      throw new IllegalArgumentException("pack file role must not be blank");
    }
    // The name becomes a path under the model directory: no separators, no "..", no hidden files.
    if (name == null || !SAFE_NAME.matcher(name).matches() || name.contains("..")) {
      throw new IllegalArgumentException("pack file name '" + name + "' must be a plain file name");
    }
    if (url == null || !"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
      throw new IllegalArgumentException(name + ": url must be http(s), found " + url);
    }
    if (bytes != null && bytes <= 0) {
      throw new IllegalArgumentException(name + ": bytes must be positive, found " + bytes);
    }
    sha256 = sha256 == null ? null : sha256.toLowerCase(Locale.ROOT);
    if (sha256 == null || !SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException(name + ": sha256 must be 64 hex digits, found " + sha256);
    }
    inputs = inputs == null ? List.of() : List.copyOf(inputs);
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
  }

  /**
   * The first tensor of this entry that a graph lacks or declares differently, named, prefixed with
   * the file's name; empty when the graph has every tensor as listed (extra tensors are allowed).
   */
  public Optional<String> signatureMismatch(Map<String, DeclaredTensor> graphInputs,
      Map<String, DeclaredTensor> graphOutputs) {
    Optional<String> problem = TensorSignature.firstMismatch(inputs, graphInputs, "input");
    if (problem.isEmpty()) {
      problem = TensorSignature.firstMismatch(outputs, graphOutputs, "output");
    }
    return problem.map(p -> name + ": " + p);
  }

  /** Whether the file is an ONNX graph whose signature can be checked. */
  public boolean hasSignature() {
    return !inputs.isEmpty() || !outputs.isEmpty();
  }
}
