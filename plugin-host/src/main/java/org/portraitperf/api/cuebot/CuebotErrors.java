package org.portraitperf.api.cuebot;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import org.portraitperf.jobs.farm.FarmAddress;
import org.portraitperf.jobs.farm.FarmException;

/**
 * Cuebot's errors as one line each: what was asked, the status and Cuebot's own description kept
 * word for word (its operators search its logs for those words), then a hint on what to do.
 */
final class CuebotErrors {
  private CuebotErrors() {}

  static FarmException of(FarmAddress address, String call, Duration deadline, StatusRuntimeException e) {
    Status status = e.getStatus();
    String said = status.getDescription() == null ? "" : status.getDescription();
    // For a refused or dropped connection gRPC says only "io exception"; the cause names what happened.
    if (status.getCause() != null && status.getCause().getMessage() != null
        && !said.contains(status.getCause().getMessage())) {
      said = said.isEmpty() ? status.getCause().getMessage() : said + ": " + status.getCause().getMessage();
    }
    String words = status.getCode() + (said.isEmpty() ? "" : ": " + said);
    return new FarmException("cuebot " + address, call + " failed: " + words + " (" + hint(address, status.getCode(),
        said, deadline) + ")", e);
  }

  private static String hint(FarmAddress address, Status.Code code, String said, Duration deadline) {
    return switch (code) {
      case UNAVAILABLE -> "is Cuebot running on " + address.host() + " and its gRPC port " + address.port()
          + " open to this machine? Cuebot listens on " + FarmAddress.CUEBOT_PORT + " unless its operator changed it";
      case DEADLINE_EXCEEDED -> "no answer within " + deadline.toSeconds() + " s: Cuebot may be overloaded, or "
          + address + " is not Cuebot";
      case UNIMPLEMENTED -> address + " does not offer Cuebot's job API: is it Cuebot's gRPC port?";
      case NOT_FOUND -> "Cuebot does not know it: check the job id or name that submit printed";
      case INTERNAL, UNKNOWN -> internalHint(said);
      default -> "see Cuebot's log for more";
    };
  }

  /** Cuebot reports launch problems as INTERNAL; its words say which. */
  private static String internalHint(String said) {
    if (said.contains("Failed to parse job spec XML")) {
      return "Cuebot could not read the spec; see it with --dry-run. It is written as cjsl-1.15 and checked against"
          + " that format before it is sent, so an older Cuebot that lacks 1.15 would refuse it";
    }
    if (said.contains("does not exist")) {
      return "the show must exist and be active on the farm: create it there (OpenCue's cueadmin can), or name an"
          + " existing one with --show";
    }
    if (said.contains("already pending")) {
      return "a job of that name is already waiting on the farm; submit again for a new name";
    }
    if (said.contains("as root")) {
      return "Cuebot refuses jobs launched as root: submit with --user ARTIST";
    }
    return "see Cuebot's log for more";
  }
}
