#pragma once
// The token signing keys in the data folder: token-signing-key.pem signs new
// tokens, token-signing-key.previous.pem (after a rotation) still verifies
// the tokens signed before it, until they expire. `ferryd rotate-signing-key`
// rotates by hand; a serving ferryd rotates when the current key is older
// than its rotation period, and picks up a rotation made by another process
// (the files' modification time changes) within a minute.

#include "core/periodictask.h"
#include "crypto/jwt.h"

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

namespace ferry::access {

struct SigningKeys {
    std::shared_ptr<const crypto::SigningKey> current;
    std::shared_ptr<const crypto::SigningKey> previous; // may be null
};

class SigningKeyFiles {
public:
    explicit SigningKeyFiles(const std::filesystem::path& dataDirectory);

    // Loads both keys, creating the current one when there is none.
    crypto::Result<SigningKeys> loadOrCreate() const;
    // The current key becomes the previous one (replacing any older one,
    // whose tokens have long expired) and a new key becomes current.
    crypto::Status rotate() const;
    // The current key file's age; nullopt when it is missing.
    std::optional<std::chrono::seconds> currentAge() const;
    std::optional<std::filesystem::file_time_type> currentModified() const;

    const std::filesystem::path& currentPath() const { return m_current; }

private:
    std::filesystem::path m_current;
    std::filesystem::path m_previous;
};

// A serving ferryd's rotation: checks once a minute, rotates when due and
// hands freshly loaded keys to `apply`.
class SigningKeyRotation {
public:
    SigningKeyRotation(SigningKeyFiles files, std::chrono::seconds period,
                       std::function<void(SigningKeys)> apply);
    ~SigningKeyRotation();
    void start();
    void stop();
    // One check now (the loop calls it; tests may too).
    void checkNow();

private:
    SigningKeyFiles m_files;
    std::chrono::seconds m_period;
    std::function<void(SigningKeys)> m_apply;
    std::optional<std::filesystem::file_time_type> m_loaded;
    PeriodicTask m_task;
};

} // namespace ferry::access
