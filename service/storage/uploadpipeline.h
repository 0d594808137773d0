#pragma once
// Overlaps receiving an upload body with storing it. One thread reads the
// socket into a free buffer while a second writes the previous buffer to the
// staging file and hashes it (UploadSession::append). On one thread the
// three steps ran in turn, and SHA-256 alone took about a quarter of a 256 MiB
// upload's time.

#include "storage/uploads.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace ferry {

class UploadPipeline {
public:
    static constexpr size_t kBufferSize = 256 * 1024;

    explicit UploadPipeline(UploadSession& session);
    // Waits for the writer; call finish() first to learn its outcome.
    ~UploadPipeline();
    UploadPipeline(const UploadPipeline&) = delete;
    UploadPipeline& operator=(const UploadPipeline&) = delete;

    // A buffer of kBufferSize to receive into; null once storing has failed.
    char* acquire();
    // Hands the first `size` bytes of the acquired buffer to the writer.
    void submit(char* buffer, size_t size);
    // Waits until everything submitted is stored; the first failure if any.
    std::optional<StorageError> finish();

private:
    void write();

    UploadSession& m_session;
    std::vector<std::vector<char>> m_buffers;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<char*> m_free;
    std::deque<std::pair<char*, size_t>> m_filled;
    std::optional<StorageError> m_failure;
    bool m_writing = false;
    bool m_closing = false;
    std::thread m_writer;
};

} // namespace ferry
