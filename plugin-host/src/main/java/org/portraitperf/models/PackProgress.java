package org.portraitperf.models;

/** What a pack install reports while it works; the command line draws it as lines and a bar. */
public interface PackProgress {

  /** One step finished or started, as a line for users. */
  void step(String line);

  /**
   * Bytes of {@code file} fetched so far (a resumed download starts above 0).
   *
   * @param total the file's size, or 0 when neither the manifest nor the server states it
   */
  void bytes(String file, long done, long total);

  /** Progress that goes nowhere. */
  PackProgress SILENT = new PackProgress() {
    @Override
    public void step(String line) {}

    @Override
    public void bytes(String file, long done, long total) {}
  };
}
