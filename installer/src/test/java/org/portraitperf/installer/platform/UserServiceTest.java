package org.portraitperf.installer.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sidecar-at-login definitions: each system's own mechanism, in the user's folders, running the installed launcher. */
class UserServiceTest {

  @Test
  void linux_systemdUserUnitEnabledByItsWantsLink() throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      UserService service = UserService.forLauncher(Os.LINUX, LocationsTest.linux(fs, Map.of()),
          fs.getPath("/opt/portrait-performance/bin/pp"));
      assertEquals(fs.getPath("/home/ana/.config/systemd/user/portrait-performance.service"), service.files().get(0).path());
      assertTrue(service.files().get(0).text().contains("ExecStart=\"/opt/portrait-performance/bin/pp\" serve\n"));
      assertTrue(service.files().get(0).text().contains("WantedBy=default.target"));
      assertEquals(fs.getPath("/home/ana/.config/systemd/user/default.target.wants/portrait-performance.service"),
          service.link().orElseThrow().path());
      assertEquals(fs.getPath("../portrait-performance.service"), service.link().orElseThrow().target());
    }
  }

  @Test
  void linux_xdgConfigHome_followed() throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      UserService service = UserService.forLauncher(Os.LINUX, LocationsTest.linux(fs, Map.of("XDG_CONFIG_HOME", "/cfg")),
          fs.getPath("/opt/portrait-performance/bin/pp"));
      assertEquals(fs.getPath("/cfg/systemd/user/portrait-performance.service"), service.files().get(0).path());
    }
  }

  @Test
  void macos_launchAgentRunsAtLoad() throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.osX())) {
      UserService service = UserService.forLauncher(Os.MACOS, LocationsTest.mac(fs, Map.of()),
          fs.getPath("/Library/Application Support/Portrait Performance/bin/pp"));
      assertEquals(fs.getPath("/Users/ana/Library/LaunchAgents/org.portraitperf.sidecar.plist"), service.files().get(0).path());
      String plist = service.files().get(0).text();
      assertTrue(plist.contains("<string>/Library/Application Support/Portrait Performance/bin/pp</string><string>serve</string>"));
      assertTrue(plist.contains("<key>RunAtLoad</key><true/>"));
      assertTrue(service.link().isEmpty());
    }
  }

  @Test
  void windows_startupFolderScriptWithCrlf() throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.windows())) {
      UserService service = UserService.forLauncher(Os.WINDOWS, LocationsTest.windows(fs, Map.of(
          "APPDATA", "C:\\Users\\ana\\AppData\\Roaming")), fs.getPath("C:\\Program Files\\Portrait Performance\\bin\\pp.cmd"));
      assertEquals("C:\\Users\\ana\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\"
          + "Portrait Performance sidecar.cmd", service.files().get(0).path().toString());
      assertTrue(service.files().get(0).text().contains(
          "/min \"C:\\Program Files\\Portrait Performance\\bin\\pp.cmd\" serve\r\n"));
    }
  }

  @Test
  void environment_homeFromPasswd_readsTheUsersLine() throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      java.nio.file.Files.writeString(fs.getPath("/passwd"), "root:x:0:0:root:/root:/bin/bash\nana:x:1000:1000:Ana:/srv/ana:/bin/zsh\n");
      assertEquals(fs.getPath("/srv/ana"), Environment.homeFromPasswd(fs.getPath("/passwd"), "ana").orElseThrow());
      assertTrue(Environment.homeFromPasswd(fs.getPath("/passwd"), "bob").isEmpty());
      assertTrue(Environment.homeFromPasswd(fs.getPath("/missing"), "ana").isEmpty());
    }
  }
}
