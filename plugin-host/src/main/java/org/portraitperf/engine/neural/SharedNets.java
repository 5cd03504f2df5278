package org.portraitperf.engine.neural;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.portraitperf.models.InstalledPack;

/**
 * Loaded networks, shared by every session of the same pack (and device choice): loading a real
 * pack takes seconds, and sessions come and go often (an editor's change of settings closes one
 * session and opens another; a batch opens one per take and worker). The networks of a pack stay
 * loaded while no session holds them, so that the next session finds them ready, until a session
 * asks for a different pack or device: then networks nobody holds are released. At most one idle
 * set is kept.
 *
 * <p>Thread-safe. Loading happens under the lock, so two sessions opened at once on the same pack
 * load it once.
 */
final class SharedNets {
  private record Key(Path folder, String pack, String version, boolean gpu) {}

  private static final class Entry {
    final LivePortraitNets nets;
    int users;

    Entry(LivePortraitNets nets) {
      this.nets = nets;
    }
  }

  /** Guarded by {@code this}. */
  private final Map<Key, Entry> loaded = new HashMap<>();

  /**
   * The networks of {@code pack}, loaded if no session holds them and none are kept idle.
   *
   * @throws org.portraitperf.models.ModelException as {@link LivePortraitNets#load} does
   */
  synchronized Lease acquire(InstalledPack pack, boolean gpu) {
    Key key = new Key(pack.folder().toAbsolutePath().normalize(), pack.manifest().id(), pack.manifest().version(), gpu);
    Entry entry = loaded.get(key);
    if (entry == null) {
      releaseIdle();
      entry = new Entry(LivePortraitNets.load(pack, gpu));
      loaded.put(key, entry);
    }
    entry.users++;
    return new Lease(entry);
  }

  private void releaseIdle() {
    for (Iterator<Entry> it = loaded.values().iterator(); it.hasNext(); ) {
      Entry idle = it.next();
      if (idle.users == 0) {
        idle.nets.close();
        it.remove();
      }
    }
  }

  private synchronized void release(Entry entry) {
    entry.users--;
  }

  /** One session's hold on loaded networks; closing it twice releases once. */
  final class Lease implements AutoCloseable {
    private final Entry entry;
    private boolean closed;

    private Lease(Entry entry) {
      this.entry = entry;
    }

    LivePortraitNets nets() {
      return entry.nets;
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        release(entry);
      }
    }
  }
}
