package org.portraitperf.api.cuebot;

import org.portraitperf.jobs.farm.FarmAddress;
import org.portraitperf.jobs.farm.FarmConnector;
import org.portraitperf.jobs.farm.FarmScheduler;

/** Opens a {@link CuebotClient} per address; the channel connects on its first call. */
final class CuebotConnector implements FarmConnector {
  @Override
  public FarmScheduler connect(FarmAddress address) {
    return new CuebotClient(address);
  }
}
