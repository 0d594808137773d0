// Repository names and tags against the OCI Distribution grammar (spec
// "Pulling manifests"). Names become folder-free keys, but a bad name must
// still never pass: "..", absolute paths and empty components are refused.

#include "registry/names.h"

#include <QtTest>

#include <string>

using namespace ferry::oci;

class TestOciNames : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void repositoryName_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("simple") << "alpine" << true;
        QTest::newRow("digits") << "0" << true;
        QTest::newRow("nested") << "library/alpine" << true;
        QTest::newRow("deeply nested") << "a/b/c/d/e" << true;
        QTest::newRow("dot") << "my.app" << true;
        QTest::newRow("underscore") << "my_app" << true;
        QTest::newRow("double underscore") << "my__app" << true;
        QTest::newRow("dash") << "my-app" << true;
        QTest::newRow("run of dashes") << "my---app" << true;
        QTest::newRow("mixed separators") << "a.b_c__d-e--f/g" << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("upper case") << "Alpine" << false;
        QTest::newRow("upper case inside") << "alPine" << false;
        QTest::newRow("triple underscore") << "a___b" << false;
        QTest::newRow("double dot") << "a..b" << false;
        QTest::newRow("dot-dot component") << "a/../b" << false;
        QTest::newRow("dot-dot alone") << ".." << false;
        QTest::newRow("dot then dash") << "a.-b" << false;
        QTest::newRow("underscore then dash") << "a_-b" << false;
        QTest::newRow("leading separator") << ".a" << false;
        QTest::newRow("leading dash") << "-a" << false;
        QTest::newRow("trailing separator") << "a_" << false;
        QTest::newRow("trailing dash") << "a-" << false;
        QTest::newRow("component ends with separator") << "a-/b" << false;
        QTest::newRow("leading slash") << "/a" << false;
        QTest::newRow("trailing slash") << "a/" << false;
        QTest::newRow("empty component") << "a//b" << false;
        QTest::newRow("space") << "a b" << false;
        QTest::newRow("colon") << "a:b" << false;
        QTest::newRow("at") << "a@b" << false;
        QTest::newRow("backslash") << "a\\b" << false;
        QTest::newRow("non-ascii") << QString::fromUtf8("caf\xc3\xa9") << false;
    }

    void repositoryName() {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QCOMPARE(isValidRepositoryName(name.toStdString()), valid);
    }

    void repositoryNameLength() {
        // 255 characters is the limit: components of 127 + '/' + 127.
        const std::string half(127, 'a');
        const std::string name255 = half + "/" + half;
        QCOMPARE(name255.size(), size_t(255));
        QVERIFY(isValidRepositoryName(name255));
        QVERIFY(!isValidRepositoryName(name255 + "a"));
        QVERIFY(isValidRepositoryName(std::string(255, 'b')));
        QVERIFY(!isValidRepositoryName(std::string(256, 'b')));
    }

    void repositoryNameWithNul() { QVERIFY(!isValidRepositoryName(std::string("a\0b", 3))); }

    void tag_data() {
        QTest::addColumn<QString>("tag");
        QTest::addColumn<bool>("valid");
        QTest::newRow("latest") << "latest" << true;
        QTest::newRow("upper case") << "Latest" << true;
        QTest::newRow("version") << "v1.2.3-rc.1" << true;
        QTest::newRow("leading underscore") << "_hidden" << true;
        QTest::newRow("leading digit") << "1" << true;
        QTest::newRow("single underscore") << "_" << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("leading dot") << ".a" << false;
        QTest::newRow("leading dash") << "-a" << false;
        QTest::newRow("slash") << "a/b" << false;
        QTest::newRow("colon") << "a:b" << false;
        QTest::newRow("plus") << "1.0+build" << false;
        QTest::newRow("digest-like") << "sha256:abc" << false;
        QTest::newRow("space") << "a b" << false;
    }

    void tag() {
        QFETCH(QString, tag);
        QFETCH(bool, valid);
        QCOMPARE(isValidTag(tag.toStdString()), valid);
    }

    void tagLength() {
        QVERIFY(isValidTag(std::string(128, 'a')));
        QVERIFY(!isValidTag(std::string(129, 'a')));
        QVERIFY(isValidTag("_" + std::string(127, '-')));
        QVERIFY(!isValidTag("_" + std::string(128, '-')));
    }
};

QTEST_GUILESS_MAIN(TestOciNames)
#include "tst_ocinames.moc"
