package org.portraitperf.api;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.portraitperf.PortraitPerfException;
import org.portraitperf.face.FaceException;
import org.portraitperf.jobs.JobException;
import org.portraitperf.jobs.ManifestException;
import org.portraitperf.media.MediaException;
import org.portraitperf.models.ModelException;

/**
 * The one place where failures become gRPC statuses. Each carries a one-line description naming the
 * input and the problem, and a {@code google.rpc.ErrorInfo} whose reason clients branch on. Causes
 * and stack traces stay in this process; UNKNOWN means a bug here, and is logged.
 */
final class Statuses {
  static final String DOMAIN = "portraitperf.org";

  /** Reasons, as {@code ErrorInfo.reason}; part of the wire contract, so never renamed. */
  static final String NO_FACE = "NO_FACE";
  static final String MODEL_PACK = "MODEL_PACK";
  static final String BAD_MEDIA = "BAD_MEDIA";
  static final String BAD_ARGUMENT = "BAD_ARGUMENT";
  static final String BAD_FRAME = "BAD_FRAME";
  static final String NOT_FOUND = "NOT_FOUND";
  static final String LIMIT = "LIMIT";
  static final String DRIVING_FRAME_NEEDED = "DRIVING_FRAME_NEEDED";
  static final String BAD_MANIFEST = "BAD_MANIFEST";
  static final String JOB_STATE = "JOB_STATE";
  /** A shared-memory region the sidecar cannot use; the client sends pixels in messages instead. */
  static final String SHARED_MEMORY = "SHARED_MEMORY";
  static final String INTERNAL = "INTERNAL";

  private static final Logger LOG = Logger.getLogger(Statuses.class.getName());

  private Statuses() {}

  /** The status for any failure of a call. */
  static StatusRuntimeException of(Throwable failure) {
    if (failure instanceof StatusRuntimeException status) {
      return status;
    }
    if (failure instanceof ApiError api) {
      return build(api.code(), api.reason(), api.getMessage(), api.details());
    }
    if (failure instanceof FaceException face) {
      return build(Status.Code.FAILED_PRECONDITION, NO_FACE, face.getMessage(), Map.of("input", face.subject()));
    }
    if (failure instanceof ModelException model) {
      return build(Status.Code.FAILED_PRECONDITION, MODEL_PACK, model.getMessage(), Map.of("model", model.subject()));
    }
    if (failure instanceof MediaException media) {
      return build(Status.Code.INVALID_ARGUMENT, BAD_MEDIA, media.getMessage(), Map.of("input", media.subject()));
    }
    if (failure instanceof ManifestException manifest) {
      return build(Status.Code.INVALID_ARGUMENT, BAD_MANIFEST, manifest.getMessage(), Map.of("input", manifest.subject()));
    }
    if (failure instanceof JobException job) {
      // A job in the wrong state for the call (another process renders it), or a store that cannot be used.
      return build(Status.Code.FAILED_PRECONDITION, JOB_STATE, job.getMessage(), Map.of("input", job.subject()));
    }
    if (failure instanceof PortraitPerfException other) {
      return build(Status.Code.INVALID_ARGUMENT, BAD_ARGUMENT, other.getMessage(), Map.of("input", other.subject()));
    }
    if (failure instanceof IllegalArgumentException bad) {
      return build(Status.Code.INVALID_ARGUMENT, BAD_ARGUMENT, bad.getMessage(), Map.of());
    }
    LOG.log(Level.WARNING, "internal error in a call", failure);
    return build(Status.Code.UNKNOWN, INTERNAL,
        "internal error in the sidecar (" + failure.getClass().getSimpleName() + "); see its log, and please report it",
        Map.of());
  }

  private static StatusRuntimeException build(Status.Code code, String reason, String message,
      Map<String, String> details) {
    com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
        .setCode(code.value())
        .setMessage(message)
        .addDetails(Any.pack(ErrorInfo.newBuilder().setDomain(DOMAIN).setReason(reason).putAllMetadata(details).build()))
        .build();
    return StatusProto.toStatusRuntimeException(status);
  }

  /** The ErrorInfo a status carries, or an empty one. */
  static ErrorInfo errorInfo(Throwable failure) {
    com.google.rpc.Status status = StatusProto.fromThrowable(failure);
    if (status != null) {
      for (Any detail : status.getDetailsList()) {
        if (detail.is(ErrorInfo.class)) {
          try {
            return detail.unpack(ErrorInfo.class);
          } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return ErrorInfo.getDefaultInstance();
          }
        }
      }
    }
    return ErrorInfo.getDefaultInstance();
  }
}
