// Frames in shared memory: files in the sidecar's shared-memory folder (GetInfo's
// shared_memory_folder) that hold a call's driving frame and the sidecar's answer, so that pixels
// never cross the socket. No OpenFX and no gRPC here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace pp::client {

/**
 * A pool of mapped files, lent to one call at a time and reused. Files are named
 * "<pid>-ofx-<n>.frames" (the sidecar removes those of a process that died) and made readable and
 * writable by this user only. Thread-safe; the pool and its files live until the last lease of it
 * ends, so a lease outlives a dropped connection safely.
 */
class SharedFrames : public std::enable_shared_from_this<SharedFrames> {
 public:
  class Lease;

  /** Throws std::runtime_error when shared memory cannot be used on this system. */
  static std::shared_ptr<SharedFrames> create(std::string folder);
  ~SharedFrames();
  SharedFrames(const SharedFrames&) = delete;
  SharedFrames& operator=(const SharedFrames&) = delete;

  /**
   * A file of at least bytes, for the caller alone until the lease ends.
   * Throws std::runtime_error naming the folder when no file can be made.
   */
  Lease acquire(size_t bytes);

  const std::string& folder() const { return folder_; }

 private:
  struct File;
  explicit SharedFrames(std::string folder);
  void giveBack(std::unique_ptr<File> file);

  std::string folder_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<File>> free_;
};

/**
 * One file lent to one call. Ending the lease drops the file (unmaps and removes it) unless done()
 * said the call ended with an answer: a call that failed or was cancelled may still have the sidecar
 * writing into it, so it is never reused.
 */
class SharedFrames::Lease {
 public:
  Lease();
  Lease(Lease&& other) noexcept;
  Lease& operator=(Lease&& other) noexcept;
  ~Lease();

  explicit operator bool() const { return file_ != nullptr; }
  uint8_t* data() const;
  size_t size() const;
  /** The file's name inside the folder, as a SharedRegion names it. */
  const std::string& name() const;
  /** Whether the lease is of that pool. */
  bool of(const SharedFrames& pool) const { return pool_.get() == &pool; }
  /** The call ended with an answer and nobody writes into the file any more: it may be reused. */
  void done() { reusable_ = true; }

 private:
  friend class SharedFrames;
  Lease(std::shared_ptr<SharedFrames> pool, std::unique_ptr<File> file);
  void end();

  std::shared_ptr<SharedFrames> pool_;
  std::unique_ptr<File> file_;
  bool reusable_ = false;
};

}  // namespace pp::client
