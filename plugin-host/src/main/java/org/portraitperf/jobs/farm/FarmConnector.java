package org.portraitperf.jobs.farm;

/** Opens a connection to a farm's scheduler; the transport lives outside this package. */
public interface FarmConnector {
  /** Connects lazily: an unreachable scheduler shows on the first call, as a {@link FarmException}. */
  FarmScheduler connect(FarmAddress address);
}
