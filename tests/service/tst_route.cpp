// /v2/ request targets: which route a path names (recognised from the end,
// since repository names contain slashes), the query split, and the query
// string's percent-decoding.

#include "registry/route.h"

#include <QtTest>

#include <string>

using namespace ferry::oci;

Q_DECLARE_METATYPE(ferry::oci::RouteKind)

class TestRoute : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parseTarget_data() {
        QTest::addColumn<QString>("target");
        QTest::addColumn<RouteKind>("kind");
        QTest::addColumn<QString>("repository");
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("query");

        const QString digest = "sha256:" + QString(64, QLatin1Char('a'));
        QTest::newRow("base") << "/v2/" << RouteKind::Base << ""
                              << ""
                              << "";
        QTest::newRow("base without slash") << "/v2" << RouteKind::Base << ""
                                            << ""
                                            << "";
        QTest::newRow("base with query") << "/v2/?x=1" << RouteKind::Base << ""
                                         << ""
                                         << "x=1";
        QTest::newRow("catalog") << "/v2/_catalog" << RouteKind::Catalog << ""
                                 << ""
                                 << "";
        QTest::newRow("catalog paged") << "/v2/_catalog?n=10&last=a" << RouteKind::Catalog << ""
                                       << ""
                                       << "n=10&last=a";
        QTest::newRow("tags") << "/v2/a/tags/list" << RouteKind::Tags << "a"
                              << ""
                              << "";
        QTest::newRow("tags nested")
            << "/v2/org/team/app/tags/list?n=2" << RouteKind::Tags << "org/team/app"
            << ""
            << "n=2";
        QTest::newRow("manifest tag") << "/v2/a/b/manifests/latest" << RouteKind::Manifest << "a/b"
                                      << "latest"
                                      << "";
        QTest::newRow("manifest digest")
            << "/v2/a/manifests/" + digest << RouteKind::Manifest << "a" << digest << "";
        QTest::newRow("blob") << "/v2/a/b/c/blobs/" + digest << RouteKind::Blob << "a/b/c" << digest
                              << "";
        QTest::newRow("upload start") << "/v2/a/blobs/uploads/" << RouteKind::UploadStart << "a"
                                      << ""
                                      << "";
        QTest::newRow("upload start without slash")
            << "/v2/a/b/blobs/uploads" << RouteKind::UploadStart << "a/b"
            << ""
            << "";
        QTest::newRow("upload start mount")
            << "/v2/a/blobs/uploads/?mount=" + digest + "&from=b" << RouteKind::UploadStart << "a"
            << ""
            << "mount=" + digest + "&from=b";
        QTest::newRow("upload") << "/v2/a/b/blobs/uploads/0123abcd" << RouteKind::Upload << "a/b"
                                << "0123abcd"
                                << "";
        QTest::newRow("upload with digest")
            << "/v2/a/blobs/uploads/id1?digest=" + digest << RouteKind::Upload << "a"
            << "id1"
            << "digest=" + digest;
        QTest::newRow("referrers") << "/v2/a/referrers/" + digest + "?artifactType=x%2Fy"
                                   << RouteKind::Referrers << "a" << digest << "artifactType=x%2Fy";
        // Names whose segments look like keywords: the last keyword decides.
        QTest::newRow("keyword segments, manifest")
            << "/v2/a/blobs/b/manifests/latest" << RouteKind::Manifest << "a/blobs/b"
            << "latest"
            << "";
        QTest::newRow("keyword segments, tags")
            << "/v2/x/manifests/manifests/tags/list" << RouteKind::Tags << "x/manifests/manifests"
            << ""
            << "";
        QTest::newRow("repository named tags")
            << "/v2/tags/manifests/list" << RouteKind::Manifest << "tags"
            << "list"
            << "";
        QTest::newRow("keyword segments, blob")
            << "/v2/manifests/blobs/" + digest << RouteKind::Blob << "manifests" << digest << "";
        QTest::newRow("keyword segments, upload")
            << "/v2/uploads/blobs/uploads/u1" << RouteKind::Upload << "uploads"
            << "u1"
            << "";
        // Not routes.
        QTest::newRow("no name") << "/v2/manifests/latest" << RouteKind::NotFound << ""
                                 << ""
                                 << "";
        QTest::newRow("unknown keyword") << "/v2/a/things/x" << RouteKind::NotFound << ""
                                         << ""
                                         << "";
        QTest::newRow("single segment") << "/v2/a" << RouteKind::NotFound << ""
                                        << ""
                                        << "";
        QTest::newRow("tags only") << "/v2/tags/list" << RouteKind::NotFound << ""
                                   << ""
                                   << "";
        QTest::newRow("uploads without blobs") << "/v2/a/uploads/u1" << RouteKind::NotFound << ""
                                               << ""
                                               << "";
        QTest::newRow("outside v2") << "/v3/a/manifests/latest" << RouteKind::NotFound << ""
                                    << ""
                                    << "";
        QTest::newRow("v2 prefix only") << "/v2x/a/manifests/b" << RouteKind::NotFound << ""
                                        << ""
                                        << "";
        QTest::newRow("empty") << "" << RouteKind::NotFound << ""
                               << ""
                               << "";
    }

    void parseTarget() {
        QFETCH(QString, target);
        QFETCH(RouteKind, kind);
        QFETCH(QString, repository);
        QFETCH(QString, reference);
        QFETCH(QString, query);
        const std::string text = target.toStdString();
        Route route;
        route.repository = "stale"; // parseTarget must reset what it does not set
        route.reference = "stale";
        const std::string_view rest = ferry::oci::parseTarget(text, route);
        QCOMPARE(int(route.kind), int(kind));
        QCOMPARE(QString::fromStdString(route.repository), repository);
        QCOMPARE(QString::fromStdString(route.reference), reference);
        QCOMPARE(QString::fromStdString(std::string(rest)), query);
    }

    void queryValues() {
        const Query query("n=10&last=a%2Fb&empty=&flag&n=20&space=a+b&enc%6Fded=yes");
        QCOMPARE(query.value("n"), std::string("10")); // the first of repeated keys
        QCOMPARE(query.value("last"), std::string("a/b"));
        QVERIFY(query.has("empty"));
        QCOMPARE(query.value("empty"), std::string());
        QVERIFY(query.has("flag"));
        QCOMPARE(query.value("flag"), std::string());
        QCOMPARE(query.value("space"), std::string("a b"));
        QVERIFY(query.has("encoded"));
        QCOMPARE(query.value("encoded"), std::string("yes"));
        QVERIFY(!query.has("missing"));
        QCOMPARE(query.value("missing"), std::string());
        QVERIFY(!Query("").has(""));
    }

    void percentDecode_data() {
        QTest::addColumn<QString>("encoded");
        QTest::addColumn<QString>("decoded");
        QTest::newRow("plain") << "abc"
                               << "abc";
        QTest::newRow("slash") << "a%2Fb"
                               << "a/b";
        QTest::newRow("lower-case hex") << "a%2fb"
                                        << "a/b";
        QTest::newRow("colon") << "sha256%3Aab"
                               << "sha256:ab";
        QTest::newRow("plus") << "a+b"
                              << "a b";
        QTest::newRow("encoded plus") << "a%2Bb"
                                      << "a+b";
        QTest::newRow("at the end") << "ab%41"
                                    << "abA";
        QTest::newRow("truncated escape") << "ab%4"
                                          << "ab%4";
        QTest::newRow("lone percent") << "%"
                                      << "%";
        QTest::newRow("bad hex") << "%zz"
                                 << "%zz";
    }

    void percentDecode() {
        QFETCH(QString, encoded);
        QFETCH(QString, decoded);
        QCOMPARE(QString::fromStdString(ferry::oci::percentDecode(encoded.toStdString())), decoded);
    }

    void percentEncode_data() {
        QTest::addColumn<QString>("plain");
        QTest::addColumn<QString>("encoded");
        QTest::newRow("unreserved kept") << "aZ09-._~"
                                         << "aZ09-._~";
        QTest::newRow("slash and colon kept") << "a/b:c"
                                              << "a/b:c";
        QTest::newRow("space") << "a b"
                               << "a%20b";
        QTest::newRow("reserved") << "a&b=c?d+e%"
                                  << "a%26b%3Dc%3Fd%2Be%25";
    }

    void percentEncode() {
        QFETCH(QString, plain);
        QFETCH(QString, encoded);
        QCOMPARE(QString::fromStdString(ferry::oci::percentEncode(plain.toStdString())), encoded);
        QCOMPARE(QString::fromStdString(
                     ferry::oci::percentDecode(ferry::oci::percentEncode(plain.toStdString()))),
                 plain);
    }

    void percentEncodeBytes() {
        const std::string bytes("\x00\xff\xc3\xa9", 4);
        QCOMPARE(ferry::oci::percentEncode(bytes), std::string("%00%FF%C3%A9"));
        QCOMPARE(ferry::oci::percentDecode("%00%FF%C3%A9"), bytes);
    }
};

QTEST_GUILESS_MAIN(TestRoute)
#include "tst_route.moc"
