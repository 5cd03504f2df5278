package org.portraitperf.installer.distribution;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.portraitperf.installer.platform.Os;

/** The launchers run the runtime installed beside them, with the installed models as the default. */
class LaunchersTest {

  @Test
  void commandLine_posix_runsTheBundledRuntimeAndDefaultsTheModels() {
    String sh = Launchers.commandLine(Os.LINUX);
    assertTrue(sh.startsWith("#!/bin/sh\n"));
    assertTrue(sh.contains("exec \"$app/runtime/bin/java\" ${PP_JAVA_OPTS:--Xmx4g} -jar \"$app/portrait-performance.jar\" \"$@\""));
    assertTrue(sh.contains("if [ -z \"${PP_MODELS_DIR:-}\" ] && [ -d \"$app/models\" ]; then"));
  }

  @Test
  void setup_installedAndDistribution_passWhereTheyRunFrom() {
    assertTrue(Launchers.installedSetup(Os.MACOS).contains("-Dportraitperf.app=\"$app\""));
    assertTrue(Launchers.distributionSetup(Os.LINUX).contains("-Dportraitperf.distribution=\"$dist\""));
    assertTrue(Launchers.distributionSetup(Os.LINUX).contains("\"$dist/app/runtime/bin/java\""));
  }

  @Test
  void windows_cmdWithCrlfAndSemicolonClassPath() {
    String cmd = Launchers.installedSetup(Os.WINDOWS);
    assertTrue(cmd.startsWith("@echo off\r\n"));
    assertTrue(cmd.contains("\\portrait-performance-installer.jar;%APP%\\portrait-performance.jar"), cmd);
    assertTrue(Launchers.commandLine(Os.WINDOWS).contains("\"%APP%\\runtime\\bin\\java.exe\""));
    assertTrue(!cmd.replace("\r\n", "").contains("\n"), "no bare line feeds");
  }
}
