#pragma once
// A stand-in for macOS's launchctl(1): a shell script in a temporary folder
// that records each call's arguments and answers the four subcommands
// LaunchdService uses (print, bootstrap, kickstart, bootout) from a state
// file, with launchctl's messages and exit codes (113 "Could not find
// service", 5 for a bootstrap of a loaded job, 3 for a bootout of a job that
// is not loaded). Header only: tests/models/tst_launchdservice and
// tests/ui/tst_servicestatus.

#include <QDir>
#include <QFile>
#include <QStringList>
#include <QTemporaryDir>

class FakeLaunchctl {
public:
    // Writes the script; false if the folder or the file could not be made.
    bool install() {
        if (!m_dir.isValid() || !QDir(m_dir.path()).mkpath(QStringLiteral("LaunchAgents")))
            return false;
        QFile script(program());
        if (!script.open(QIODevice::WriteOnly))
            return false;
        script.write(kScript);
        script.close();
        return script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }

    QString program() const { return m_dir.filePath(QStringLiteral("launchctl")); }
    QString domain() const { return QStringLiteral("gui/501"); }
    QString label() const { return QStringLiteral("org.ferry.ferryd"); }
    QString target() const { return QStringLiteral("gui/501/org.ferry.ferryd"); }
    QString plistPath() const {
        return m_dir.filePath(QStringLiteral("LaunchAgents/org.ferry.ferryd.plist"));
    }

    // The agent's plist in "~/Library/LaunchAgents": the installer's own.
    bool installPlist() {
        QFile::remove(plistPath());
        return QFile::copy(
            QStringLiteral(FERRY_SOURCE_DIR "/installer/macos/org.ferry.ferryd.plist"),
            plistPath());
    }
    void removePlist() { QFile::remove(plistPath()); }

    // unloaded, running, stopped (exited 0), failed (exit 78), killed (SIGKILL)
    void setJob(const QString& state) { write(QStringLiteral("job"), state.toUtf8()); }
    QString job() const { return QString::fromUtf8(read(QStringLiteral("job"))).trimmed(); }

    // Every call of subcommand from now on fails with this exit code and
    // message; a backslash and an n in it start a new line, as printf's %b does.
    void failWith(const QString& subcommand, int exitCode, const QString& message) {
        write(QStringLiteral("fail-") + subcommand,
              QByteArray::number(exitCode) + ' ' + message.toUtf8() + '\n');
    }
    // Calls of subcommand take 30 s before answering (for timeouts).
    void hang(const QString& subcommand) { write(QStringLiteral("hang-") + subcommand, {}); }
    // No failures, no hangs, no calls recorded; the job stays as it is.
    void reset() {
        const QStringList names =
            QDir(m_dir.path())
                .entryList(
                    {QStringLiteral("fail-*"), QStringLiteral("hang-*"), QStringLiteral("calls")});
        for (const QString& name : names)
            QFile::remove(m_dir.filePath(name));
    }

    // One line per call: its arguments, space-separated.
    QStringList calls() const {
        return QString::fromUtf8(read(QStringLiteral("calls")))
            .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

private:
    void write(const QString& name, const QByteArray& content) {
        QFile file(m_dir.filePath(name));
        if (file.open(QIODevice::WriteOnly))
            file.write(content);
    }
    QByteArray read(const QString& name) const {
        QFile file(m_dir.filePath(name));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    // print's output has the shape of macOS 13's for a loaded agent, nested
    // blocks included (one of which repeats the key "state").
    static constexpr const char* kScript = R"SH(#!/bin/sh
dir=$(dirname "$0")
echo "$*" >> "$dir/calls"
job=$(cat "$dir/job" 2>/dev/null || echo unloaded)
verb=$1
[ -f "$dir/hang-$verb" ] && exec sleep 30
if [ -f "$dir/fail-$verb" ]; then
  read -r code message < "$dir/fail-$verb"
  printf '%b\n' "$message" >&2
  exit "$code"
fi
not_found() {
  echo "Bad request." >&2
  echo "Could not find service \"org.ferry.ferryd\" in domain for user gui: 501" >&2
  exit 113
}
case "$verb" in
print)
  [ "$2" = "gui/501/org.ferry.ferryd" ] || { echo "Unrecognized target specifier." >&2; exit 64; }
  [ "$job" = unloaded ] && not_found
  case "$job" in
    running) state="running"; extra="	pid = 4242
	last exit code = (never exited)" ;;
    stopped) state="not running"; extra="	last exit code = 0" ;;
    failed)  state="not running"; extra="	last exit code = 78: EX_CONFIG" ;;
    killed)  state="not running"; extra="	last terminating signal = Killed: 9" ;;
  esac
  cat <<OUTPUT
gui/501/org.ferry.ferryd = {
	active count = 1
	path = $dir/LaunchAgents/org.ferry.ferryd.plist
	type = LaunchAgent
	state = $state

	program = /bin/sh
	arguments = {
		/bin/sh
		-c
		exec "/Applications/Ferry Console.app/Contents/MacOS/ferryd" serve
	}

	default environment = {
		PATH => /usr/bin:/bin:/usr/sbin:/sbin
	}

	event triggers = {
		trigger = {
			state = 0
		}
	}

	domain = gui/501 [100005]
	asid = 100005
	minimum runtime = 10
	exit timeout = 5
	runs = 1
$extra

	spawn type = daemon (3)
	properties = partial import | keepalive | runatload | inferred program
}
OUTPUT
  ;;
bootstrap)
  [ "$2" = "gui/501" ] || { echo "Unrecognized target specifier." >&2; exit 64; }
  [ -f "$3" ] || { echo "Bootstrap failed: 2: No such file or directory" >&2; exit 2; }
  [ "$job" = unloaded ] || { echo "Bootstrap failed: 5: Input/output error" >&2; exit 5; }
  echo running > "$dir/job"
  ;;
kickstart)
  [ "$job" = unloaded ] && not_found
  echo running > "$dir/job"
  ;;
bootout)
  [ "$job" = unloaded ] && { echo "Boot-out failed: 3: No such process" >&2; exit 3; }
  echo unloaded > "$dir/job"
  ;;
*)
  echo "Unrecognized subcommand: $verb" >&2
  exit 64
  ;;
esac
)SH";

    QTemporaryDir m_dir;
};
