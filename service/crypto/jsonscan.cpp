#include "jsonscan.h"

#include <cstdint>

namespace ferry::crypto::detail {
namespace {

constexpr int kMaxDepth = 64;

class Scanner {
public:
    explicit Scanner(std::string_view text)
        : m_text(text) {}

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    std::size_t position() const { return m_pos; }
    std::string_view slice(std::size_t from) const { return m_text.substr(from, m_pos - from); }

    void skipWhitespace() {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            ++m_pos;
    }

    bool expect(char c) {
        if (peek() != c || atEnd())
            return false;
        ++m_pos;
        return true;
    }

    bool literal(std::string_view word) {
        if (m_text.substr(m_pos, word.size()) != word)
            return false;
        m_pos += word.size();
        return true;
    }

    bool string(std::string& out) {
        if (!expect('"'))
            return false;
        while (!atEnd()) {
            const char c = m_text[m_pos++];
            if (c == '"')
                return true;
            if (static_cast<unsigned char>(c) < 0x20)
                return false;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (atEnd())
                return false;
            switch (m_text[m_pos++]) {
            case '"':
                out += '"';
                break;
            case '\\':
                out += '\\';
                break;
            case '/':
                out += '/';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u':
                if (!unicodeEscape(out))
                    return false;
                break;
            default:
                return false;
            }
        }
        return false;
    }

    bool number() {
        expect('-');
        if (peek() == '0') {
            ++m_pos;
        } else if (!digits()) {
            return false;
        }
        if (peek() == '.') {
            ++m_pos;
            if (!digits())
                return false;
        }
        if (peek() == 'e' || peek() == 'E') {
            ++m_pos;
            if (peek() == '+' || peek() == '-')
                ++m_pos;
            if (!digits())
                return false;
        }
        return true;
    }

    bool value(int depth, JsonKind& kind) {
        if (depth > kMaxDepth)
            return false;
        std::string ignored;
        switch (peek()) {
        case '"':
            kind = JsonKind::String;
            return string(ignored);
        case '{':
            kind = JsonKind::Object;
            return object(depth + 1, nullptr);
        case '[':
            kind = JsonKind::Array;
            return array(depth + 1);
        case 't':
            kind = JsonKind::True;
            return literal("true");
        case 'f':
            kind = JsonKind::False;
            return literal("false");
        case 'n':
            kind = JsonKind::Null;
            return literal("null");
        default:
            kind = JsonKind::Number;
            return number();
        }
    }

    // With `members`, records each member (used for the top level only).
    bool object(int depth, std::vector<JsonMember>* members) {
        if (depth > kMaxDepth || !expect('{'))
            return false;
        skipWhitespace();
        if (expect('}'))
            return true;
        for (;;) {
            skipWhitespace();
            JsonMember member;
            if (!string(member.name))
                return false;
            skipWhitespace();
            if (!expect(':'))
                return false;
            skipWhitespace();
            const std::size_t start = position();
            if (members != nullptr && peek() == '"') {
                member.kind = JsonKind::String;
                if (!string(member.stringValue))
                    return false;
            } else if (!value(depth, member.kind)) {
                return false;
            }
            member.raw = slice(start);
            if (members != nullptr) {
                if (findMember(*members, member.name) != nullptr)
                    return false;
                members->push_back(std::move(member));
            }
            skipWhitespace();
            if (expect('}'))
                return true;
            if (!expect(','))
                return false;
        }
    }

private:
    bool digits() {
        const std::size_t start = m_pos;
        while (!atEnd() && peek() >= '0' && peek() <= '9')
            ++m_pos;
        return m_pos > start;
    }

    bool array(int depth) {
        if (depth > kMaxDepth || !expect('['))
            return false;
        skipWhitespace();
        if (expect(']'))
            return true;
        for (;;) {
            skipWhitespace();
            JsonKind ignored;
            if (!value(depth, ignored))
                return false;
            skipWhitespace();
            if (expect(']'))
                return true;
            if (!expect(','))
                return false;
        }
    }

    bool hex4(std::uint32_t& out) {
        if (m_pos + 4 > m_text.size())
            return false;
        out = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = m_text[m_pos++];
            out <<= 4;
            if (c >= '0' && c <= '9')
                out |= static_cast<std::uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f')
                out |= static_cast<std::uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                out |= static_cast<std::uint32_t>(c - 'A' + 10);
            else
                return false;
        }
        return true;
    }

    // Decodes \uXXXX (with a following low surrogate when needed) to UTF-8,
    // so that "\u0061lg" names the same member as "alg".
    bool unicodeEscape(std::string& out) {
        std::uint32_t code = 0;
        if (!hex4(code))
            return false;
        if (code >= 0xDC00 && code <= 0xDFFF)
            return false;
        if (code >= 0xD800 && code <= 0xDBFF) {
            std::uint32_t low = 0;
            if (!literal("\\u") || !hex4(low) || low < 0xDC00 || low > 0xDFFF)
                return false;
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        }
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | (code >> 6));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            out += static_cast<char>(0xE0 | (code >> 12));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (code >> 18));
            out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        }
        return true;
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
};

} // namespace

Result<std::vector<JsonMember>> scanTopLevelObject(std::string_view json) {
    Scanner scanner(json);
    std::vector<JsonMember> members;
    scanner.skipWhitespace();
    if (!scanner.object(1, &members))
        return Error{"invalid JSON object"};
    scanner.skipWhitespace();
    if (!scanner.atEnd())
        return Error{"trailing data after JSON object"};
    return members;
}

const JsonMember* findMember(const std::vector<JsonMember>& members, std::string_view name) {
    for (const JsonMember& member : members) {
        if (member.name == name)
            return &member;
    }
    return nullptr;
}

} // namespace ferry::crypto::detail
