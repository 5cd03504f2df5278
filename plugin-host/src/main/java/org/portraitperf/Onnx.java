package org.portraitperf;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.util.Optional;

/**
 * The process's one ONNX Runtime environment, shared by face analysis and the neural engine.
 * Whoever asks first sets its log level, so every caller asks here: warnings about graphs' unused
 * initialisers would otherwise reach the user's terminal on each start.
 */
public final class Onnx {
  private Onnx() {}

  public static OrtEnvironment environment() {
    return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "portrait-performance");
  }

  /**
   * Why CUDA cannot be used here, or empty when it can. The providers a build lists are no proof
   * (the CUDA libraries or the driver may be missing), so a throwaway session option asks for it.
   */
  public static Optional<String> cudaUnavailable() {
    environment();
    try (OrtSession.SessionOptions probe = new OrtSession.SessionOptions()) {
      probe.addCUDA(0);
      return Optional.empty();
    } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }
}
