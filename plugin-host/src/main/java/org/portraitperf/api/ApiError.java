package org.portraitperf.api;

import io.grpc.Status;
import java.util.Map;

/**
 * A failure the api itself detects (an unknown handle, a limit, a missing driving frame), with the
 * status code it maps to, a machine-readable reason and its details. {@link Statuses} turns it,
 * and the domain's own exceptions, into what goes over the wire.
 */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Status.Code code;
  private final String reason;
  private final transient Map<String, String> details;

  ApiError(Status.Code code, String reason, String message, Map<String, String> details) {
    super(message, null, false, false);
    this.code = code;
    this.reason = reason;
    this.details = Map.copyOf(details);
  }

  ApiError(Status.Code code, String reason, String message) {
    this(code, reason, message, Map.of());
  }

  Status.Code code() {
    return code;
  }

  String reason() {
    return reason;
  }

  Map<String, String> details() {
    return details;
  }
}
