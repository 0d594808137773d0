#include "storage/uploadpipeline.h"

namespace ferry {

// Four buffers: one being received, one being stored, two in reserve to
// absorb jitter on either side.
static constexpr size_t kBuffers = 4;

UploadPipeline::UploadPipeline(UploadSession& session)
    : m_session(session)
    , m_buffers(kBuffers, std::vector<char>(kBufferSize)) {
    for (auto& buffer : m_buffers)
        m_free.push_back(buffer.data());
    m_writer = std::thread([this] { write(); });
}

UploadPipeline::~UploadPipeline() {
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
    }
    m_changed.notify_all();
    m_writer.join();
}

char* UploadPipeline::acquire() {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_failure || !m_free.empty(); });
    if (m_failure)
        return nullptr;
    char* buffer = m_free.back();
    m_free.pop_back();
    return buffer;
}

void UploadPipeline::submit(char* buffer, size_t size) {
    {
        std::lock_guard lock(m_mutex);
        m_filled.emplace_back(buffer, size);
    }
    m_changed.notify_all();
}

std::optional<StorageError> UploadPipeline::finish() {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_failure || (m_filled.empty() && !m_writing); });
    return m_failure;
}

void UploadPipeline::write() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [this] { return m_closing || !m_filled.empty(); });
        if (m_filled.empty())
            return; // closing with nothing left
        auto [buffer, size] = m_filled.front();
        m_filled.pop_front();
        m_writing = true;
        lock.unlock();
        std::optional<StorageError> failure;
        if (!m_failure) // only this thread sets it
            failure = m_session.append(buffer, size);
        lock.lock();
        m_writing = false;
        if (failure && !m_failure)
            m_failure = std::move(failure);
        m_free.push_back(buffer);
        m_changed.notify_all();
    }
}

} // namespace ferry
