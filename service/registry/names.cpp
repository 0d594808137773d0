#include "registry/names.h"

namespace ferry::oci {

static bool isLowerAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static bool isValidComponent(std::string_view component) {
    // alnum runs separated by '.', '_', '__' or one or more '-'.
    if (component.empty() || !isLowerAlnum(component.front()) || !isLowerAlnum(component.back()))
        return false;
    size_t i = 0;
    while (i < component.size()) {
        if (isLowerAlnum(component[i])) {
            ++i;
            continue;
        }
        const size_t start = i;
        while (i < component.size() && !isLowerAlnum(component[i]))
            ++i;
        const std::string_view separator = component.substr(start, i - start);
        const bool dashes = separator.find_first_not_of('-') == std::string_view::npos;
        if (!(separator == "." || separator == "_" || separator == "__" || dashes))
            return false;
    }
    return true;
}

bool isValidRepositoryName(std::string_view name) {
    if (name.empty() || name.size() > 255)
        return false;
    size_t start = 0;
    while (true) {
        const size_t slash = name.find('/', start);
        if (!isValidComponent(
                name.substr(start, slash == std::string_view::npos ? name.npos : slash - start)))
            return false;
        if (slash == std::string_view::npos)
            return true;
        start = slash + 1;
    }
}

bool isValidTag(std::string_view tag) {
    if (tag.empty() || tag.size() > 128)
        return false;
    auto word = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_';
    };
    if (!word(tag.front()))
        return false;
    for (char c : tag.substr(1))
        if (!(word(c) || c == '.' || c == '-'))
            return false;
    return true;
}

} // namespace ferry::oci
