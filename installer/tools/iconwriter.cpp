// Renders Ferry's SVG icon into the formats the Windows and macOS installers
// need, at build time, so that no binary icon lives in the repository:
//   ferry_iconwriter icon.svg ferry.ico         one 256 px Windows icon
//   ferry_iconwriter icon.svg ferry.iconset     the PNGs iconutil turns into .icns

#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QSvgRenderer>
#include <cstdio>

namespace {

QImage render(QSvgRenderer& svg, int size) {
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    svg.render(&painter);
    return image;
}

bool save(const QImage& image, const QString& path, const char* format) {
    QImageWriter writer(path, format);
    if (writer.write(image))
        return true;
    std::fprintf(stderr, "ferry_iconwriter: %s: %s\n", qPrintable(path),
                 qPrintable(writer.errorString()));
    return false;
}

} // namespace

int main(int argc, char** argv) {
    QGuiApplication app(argc, argv); // image plugins (ico) load through the application
    const QStringList args = app.arguments();
    if (args.size() != 3) {
        std::fputs("usage: ferry_iconwriter ICON.svg OUT.ico|OUT.iconset\n", stderr);
        return 2;
    }
    QSvgRenderer svg(args.at(1));
    if (!svg.isValid()) {
        std::fprintf(stderr, "ferry_iconwriter: cannot read %s\n", qPrintable(args.at(1)));
        return 1;
    }
    const QString out = args.at(2);
    if (out.endsWith(QLatin1String(".ico")))
        return save(render(svg, 256), out, "ico") ? 0 : 1;
    if (!out.endsWith(QLatin1String(".iconset")) || !QDir().mkpath(out)) {
        std::fprintf(stderr, "ferry_iconwriter: want a .ico file or a .iconset folder, got %s\n",
                     qPrintable(out));
        return 2;
    }
    // The sizes iconutil expects: 16 to 512 points at 1x and 2x.
    for (int points : {16, 32, 128, 256, 512}) {
        const QString base = QStringLiteral("%1/icon_%2x%2").arg(out).arg(points);
        if (!save(render(svg, points), base + QStringLiteral(".png"), "png") ||
            !save(render(svg, points * 2), base + QStringLiteral("@2x.png"), "png"))
            return 1;
    }
    return 0;
}
