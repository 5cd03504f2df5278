package org.portraitperf.cli;

import java.time.Duration;
import org.portraitperf.jobs.farm.FarmAddress;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The render farm a batch command talks to: {@code --farm opencue --cuebot HOST[:PORT]}; without
 * {@code --farm} the command works on this machine.
 */
final class FarmTarget {
  static final String OPENCUE = "opencue";
  /** pycue's variable: the Cuebot hosts, comma separated. */
  static final String CUEBOT_HOSTS = "CUEBOT_HOSTS";

  @Option(names = "--farm", paramLabel = "KIND", description = "Work on a render farm instead of here: opencue.")
  String farm;

  @Option(names = "--cuebot", paramLabel = "HOST[:PORT]",
      description = "OpenCue's scheduler, Cuebot (port " + FarmAddress.CUEBOT_PORT + " unless given; default: the"
          + " first of $" + CUEBOT_HOSTS + ").")
  String cuebot;

  /** Whether a farm was named; without one, the command works on this machine. */
  boolean given() {
    return farm != null;
  }

  /** @throws CommandLine.ParameterException when the farm named is not one this program knows */
  void requireOpenCue(CommandSpec spec) {
    if (!OPENCUE.equals(farm)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--farm " + farm + " is not a farm this program"
          + " knows (expected " + OPENCUE + ")");
    }
  }

  /** @throws CommandLine.ParameterException when a farm flag is given without --farm */
  void requireNoneWithoutFarm(CommandSpec spec) {
    if (farm == null && cuebot != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--cuebot needs --farm " + OPENCUE);
    }
  }

  /** Where Cuebot listens: --cuebot, else the first of $CUEBOT_HOSTS. */
  FarmAddress address(CommandSpec spec) {
    String text = cuebot;
    if (text == null) {
      String hosts = System.getenv(CUEBOT_HOSTS);
      text = hosts == null || hosts.isBlank() ? null : hosts.split(",")[0];
    }
    if (text == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--farm " + OPENCUE + " needs --cuebot HOST[:PORT]"
          + " (or $" + CUEBOT_HOSTS + ")");
    }
    try {
      return FarmAddress.parse(text, FarmAddress.CUEBOT_PORT);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--cuebot " + e.getMessage());
    }
  }

  /** Following a job: how often to ask the farm how it stands. */
  static final class Poll {
    @Option(names = "--poll", paramLabel = "SECONDS", defaultValue = "5",
        description = "How often to ask the farm how the job stands while following it (default ${DEFAULT-VALUE}).")
    double pollSeconds = 5;

    Duration interval(CommandSpec spec) {
      if (!(pollSeconds >= 0.1 && pollSeconds <= 3600)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--poll " + pollSeconds
            + " must lie between 0.1 and 3600 seconds");
      }
      return Duration.ofMillis(Math.round(pollSeconds * 1000));
    }
  }
}
