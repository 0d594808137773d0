#pragma once
// Paging of the management lists (tokens, scope maps, connected registries),
// the way the OCI distribution spec pages tags/list: `?n=<count>` asks for at
// most that many items, `last=<name>` starts after that name, and a response
// with more to come carries `Link: </api/v1/...?n=..&last=..>; rel="next"`.
// Without `n` a list comes whole, as it always has, so older clients keep
// working. The console pages 20,000 tokens this way as its view scrolls.

#include "management/apirequest.h"

#include <QList>
#include <QString>
#include <algorithm>
#include <initializer_list>
#include <optional>

namespace ferry::management {

struct PageRequest {
    std::optional<qsizetype> size; // `n`; absent: the whole list
    QString last;                  // `last`; empty: from the start
};

// 400 PARAMETER_INVALID (field `n`) for an `n` that is not an integer from 0
// to 100000.
Result<PageRequest> pageRequest(const ApiRequest& request);

struct PageSlice {
    qsizetype begin = 0;
    qsizetype end = 0;
    bool more = false; // items remain after `end`
};

// The slice of `items`, sorted by name(item) ascending, that the page asks
// for: the names after `last` (whether or not `last` itself still exists).
template <class T, class NameOf>
PageSlice pageOfSorted(const QList<T>& items, const PageRequest& page, NameOf name) {
    PageSlice slice;
    if (!page.last.isEmpty())
        slice.begin = std::upper_bound(
                          items.cbegin(), items.cend(), page.last,
                          [&](const QString& last, const T& item) { return last < name(item); }) -
                      items.cbegin();
    slice.end = page.size ? std::min(items.size(), slice.begin + *page.size) : items.size();
    slice.more = slice.end < items.size();
    return slice;
}

// For a list in no order: moves the page's items, sorted by name, to the
// front of `items` and returns their slice. Only the page is sorted
// (O(N + n log n)): a page of 100 out of 20,000 tokens no longer sorts all
// 20,000 (10-77 ms per page before, docs/performance.md).
template <class T, class NameOf>
PageSlice pageOfUnsorted(QList<T>& items, const PageRequest& page, NameOf name) {
    auto candidatesEnd = items.end();
    if (!page.last.isEmpty())
        candidatesEnd = std::partition(items.begin(), items.end(),
                                       [&](const T& item) { return page.last < name(item); });
    const qsizetype candidates = candidatesEnd - items.begin();
    const auto byName = [&](const T& a, const T& b) { return name(a) < name(b); };
    PageSlice slice;
    slice.end = page.size ? std::min(candidates, *page.size) : candidates;
    slice.more = slice.end < candidates;
    if (slice.more)
        std::partial_sort(items.begin(), items.begin() + slice.end, candidatesEnd, byName);
    else
        std::sort(items.begin(), candidatesEnd, byName);
    return slice;
}

// For a list in an order that is not by name (a subtree, parents first): the
// items after the one called `last`. `last` must be in the list.
template <class T, class NameOf>
Result<PageSlice> pageOfOrdered(const QList<T>& items, const PageRequest& page, NameOf name) {
    PageSlice slice;
    if (!page.last.isEmpty()) {
        const auto at = std::find_if(items.cbegin(), items.cend(), [&](const T& item) {
            return name(item).compare(page.last, Qt::CaseInsensitive) == 0;
        });
        if (at == items.cend())
            return makeError(
                QLatin1StringView("PARAMETER_INVALID"),
                QStringLiteral("'last' must name an item of this list (%1 is not one).")
                    .arg(page.last),
                QStringLiteral("last"));
        slice.begin = at - items.cbegin() + 1;
    }
    slice.end = page.size ? std::min(items.size(), slice.begin + *page.size) : items.size();
    slice.more = slice.end < items.size();
    return slice;
}

// Adds `Link: </api/v1/<path>?<filters>&n=..&last=<lastName>>; rel="next"`
// when the slice has more. `filters` names the request's query parameters to
// carry over, so the next page is of the same list.
void addNextLink(http::Response& response, const ApiRequest& request, const char* path,
                 const PageRequest& page, const PageSlice& slice, const QString& lastName,
                 std::initializer_list<const char*> filters = {});

} // namespace ferry::management
