package org.portraitperf.installer.install;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One file an installation writes.
 *
 * @param target its final path
 * @param content where its bytes come from
 * @param executable whether it is a program (mode 755, else 644)
 * @param owner the user it is handed to (a per-user file written by root under sudo), if any
 */
record PlannedFile(Path target, Content content, boolean executable, Optional<String> owner) {

  /** Where a planned file's bytes come from. */
  sealed interface Content permits FromFile, FromBytes {}

  /**
   * A file on disk; {@code movable} when it is this installation's own staged copy on the same
   * file system, which is renamed rather than copied.
   */
  record FromFile(Path source, boolean movable) implements Content {}

  /** Text this program writes. */
  record FromBytes(byte[] bytes) implements Content {}

  static PlannedFile copy(Path source, Path target, boolean executable) {
    return new PlannedFile(target, new FromFile(source, false), executable, Optional.empty());
  }
}
