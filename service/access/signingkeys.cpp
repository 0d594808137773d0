#include "access/signingkeys.h"

#include "core/log.h"
#include "platform/file.h"

namespace fs = std::filesystem;

namespace ferry::access {

SigningKeyFiles::SigningKeyFiles(const fs::path& dataDirectory)
    : m_current(dataDirectory / "token-signing-key.pem")
    , m_previous(dataDirectory / "token-signing-key.previous.pem") {}

crypto::Result<SigningKeys> SigningKeyFiles::loadOrCreate() const {
    SigningKeys keys;
    std::error_code ec;
    if (fs::exists(m_current, ec)) {
        auto current = crypto::SigningKey::load(m_current);
        if (!current)
            return std::move(current).takeError();
        keys.current = std::make_shared<const crypto::SigningKey>(std::move(current).value());
    } else {
        auto fresh = crypto::SigningKey::generate();
        if (!fresh)
            return std::move(fresh).takeError();
        if (auto saved = fresh.value().save(m_current); !saved)
            return std::move(saved).takeError();
        keys.current = std::make_shared<const crypto::SigningKey>(std::move(fresh).value());
    }
    if (fs::exists(m_previous, ec)) {
        // A previous key that cannot be read only costs the tokens it signed.
        if (auto previous = crypto::SigningKey::load(m_previous))
            keys.previous = std::make_shared<const crypto::SigningKey>(std::move(previous).value());
        else
            log::warning("token signing key: cannot read ", m_previous.string(), ": ",
                         previous.error());
    }
    return keys;
}

crypto::Status SigningKeyFiles::rotate() const {
    auto fresh = crypto::SigningKey::generate();
    if (!fresh)
        return std::move(fresh).takeError();
    std::error_code ec;
    if (fs::exists(m_current, ec) && platform::replaceFile(m_current, m_previous) != 0)
        return crypto::Error{"cannot keep the current key as the previous one"};
    // A crash right here leaves no current key: the next start makes one,
    // and the previous key still verifies what it signed.
    return fresh.value().save(m_current);
}

std::optional<fs::file_time_type> SigningKeyFiles::currentModified() const {
    std::error_code ec;
    const auto time = fs::last_write_time(m_current, ec);
    if (ec)
        return std::nullopt;
    return time;
}

std::optional<std::chrono::seconds> SigningKeyFiles::currentAge() const {
    const auto modified = currentModified();
    if (!modified)
        return std::nullopt;
    return std::chrono::duration_cast<std::chrono::seconds>(fs::file_time_type::clock::now() -
                                                            *modified);
}

SigningKeyRotation::SigningKeyRotation(SigningKeyFiles files, std::chrono::seconds period,
                                       std::function<void(SigningKeys)> apply)
    : m_files(std::move(files))
    , m_period(period)
    , m_apply(std::move(apply))
    , m_loaded(m_files.currentModified()) {}

SigningKeyRotation::~SigningKeyRotation() {
    stop();
}

void SigningKeyRotation::checkNow() {
    if (m_period.count() > 0) {
        const auto age = m_files.currentAge();
        if (age && *age >= m_period) {
            if (auto rotated = m_files.rotate(); !rotated) {
                log::error("token signing key rotation failed: ", rotated.error());
                return;
            }
            log::info("token signing key rotated (older than ", m_period.count(),
                      " s); tokens signed by the previous key stay valid until they expire");
        }
    }
    const auto modified = m_files.currentModified();
    if (modified == m_loaded)
        return;
    auto keys = m_files.loadOrCreate();
    if (!keys) {
        log::error("token signing key: ", keys.error());
        return;
    }
    m_loaded = m_files.currentModified();
    m_apply(std::move(keys).value());
    log::info("token signing key loaded: new tokens use ", m_files.currentPath().string());
}

void SigningKeyRotation::start() {
    m_task.start(std::chrono::seconds(60), [this] { checkNow(); });
}

void SigningKeyRotation::stop() {
    m_task.stop();
}

} // namespace ferry::access
