#!/usr/bin/env bash
# Builds the Debian package of Vigie from the shaded jar, with the JDK's own tools only:
#   jlink     a trimmed Java runtime (the modules jdeps finds in vigie.jar, plus French locale
#             data and charsets) with its class-data-sharing archive, under /opt/vigie/runtime
#   dpkg-deb  the .deb (root ownership without fakeroot: --root-owner-group)
# Why not jpackage: its --type deb installs everything under /opt/<name> and writes its own
# maintainer scripts; a conffile under /etc/vigie, a hardened systemd unit of our own, a system user
# and data under /var/lib/vigie need the control files written here anyway.
#
#   build-deb.sh JAR OUTDIR [VERSION]      -> OUTDIR/vigie_<version>_amd64.deb
#   VIGIE_DEB_COMPRESSION=xz|gzip|none (default xz; the tests use none)
# The jlinked runtime is kept in OUTDIR/runtime and reused while the JDK is unchanged.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
[ $# -ge 2 ] || { sed -n '2,15p' "$0" >&2; exit 2; }
JAR=$1
OUT=$2
VERSION=${3:-0.1.0}
DEBVER=${VERSION/-SNAPSHOT/~SNAPSHOT}
JAVA_HOME=${JAVA_HOME:-$("$ROOT/bin/find-jdk")}
[ -f "$JAR" ] || { echo "build-deb: $JAR missing (build vigie-server first)" >&2; exit 1; }
for t in "$JAVA_HOME/bin/jlink" dpkg-deb; do
  command -v "$t" >/dev/null || { echo "build-deb: $t missing" >&2; exit 1; }
done
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
MODULES=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.xml,jdk.charsets,jdk.crypto.cryptoki,jdk.jfr,jdk.localedata,jdk.management,jdk.net,jdk.unsupported,jdk.zipfs

RT="$OUT/runtime"
if [ ! -x "$RT/bin/java" ] || [ "$JAVA_HOME/release" -nt "$RT/release" ] || [ "$(cat "$RT/.modules" 2>/dev/null)" != "$MODULES" ]; then
  rm -rf "$RT"
  "$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --include-locales en,fr --strip-debug --no-man-pages \
    --no-header-files --compress zip-6 --generate-cds-archive --output "$RT"
  echo "$MODULES" >"$RT/.modules"
fi

S="$OUT/deb-root"
rm -rf "$S"
install -d "$S/DEBIAN" "$S/opt/vigie/bin" "$S/opt/vigie/lib" "$S/opt/vigie/share/training" \
  "$S/usr/bin" "$S/etc/vigie" "$S/lib/systemd/system" "$S/usr/share/vigie/systemd" \
  "$S/usr/share/vigie/grafana" "$S/usr/share/vigie/prometheus" "$S/usr/share/doc/vigie"
cp -a "$RT" "$S/opt/vigie/runtime"
rm -f "$S/opt/vigie/runtime/.modules"
install -m 0644 "$JAR" "$S/opt/vigie/lib/vigie.jar"
install -m 0755 "$HERE/src/deb/vigie" "$S/opt/vigie/bin/vigie"
install -m 0755 "$HERE/src/deb/vigie-unit-caps" "$S/opt/vigie/bin/vigie-unit-caps"
ln -s /opt/vigie/bin/vigie "$S/usr/bin/vigie"
install -m 0644 "$HERE/src/deb/vigie.yaml" "$S/etc/vigie/vigie.yaml"
install -m 0644 "$HERE/src/deb/systemd/vigie.service" "$S/lib/systemd/system/vigie.service"
install -m 0644 "$HERE/src/deb/systemd/nftables.conf" "$S/usr/share/vigie/systemd/nftables.conf"
# captures and inventory the post-install training run of the start-up (AOT) cache reads
install -m 0644 "$ROOT"/testdata/captures/*.pcap "$ROOT/testdata/inventory.yaml" "$S/opt/vigie/share/training/"
if [ -d "$ROOT/ops" ]; then
  cp -a "$ROOT"/ops/grafana/. "$S/usr/share/vigie/grafana/" 2>/dev/null || true
  cp -a "$ROOT"/ops/prometheus/. "$S/usr/share/vigie/prometheus/" 2>/dev/null || true
fi
install -m 0644 "$ROOT/README.md" "$S/usr/share/doc/vigie/README.md"
cat >"$S/usr/share/doc/vigie/copyright" <<'C'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: vigie
Files: *
Copyright: the Vigie authors
License: see the project repository. /opt/vigie/runtime is a jlink image of Eclipse Temurin
 (GPL-2.0 with the Classpath Exception); /opt/vigie/lib/vigie.jar bundles its dependencies under
 their own licences (Apache-2.0, EPL-2.0/MPL-2.0 for H2, BSD-2-Clause for PostgreSQL JDBC, ...).
C
for f in postinst prerm postrm conffiles; do install -m 0755 "$HERE/src/deb/DEBIAN/$f" "$S/DEBIAN/$f"; done
chmod 0644 "$S/DEBIAN/conffiles"
SIZE=$(du -sk --exclude=DEBIAN "$S" | cut -f1)
sed -e "s/@VERSION@/$DEBVER/" -e "s/@SIZE@/$SIZE/" "$HERE/src/deb/DEBIAN/control" >"$S/DEBIAN/control"
DEB="$OUT/vigie_${DEBVER}_amd64.deb"
dpkg-deb --root-owner-group -Z"${VIGIE_DEB_COMPRESSION:-xz}" --build "$S" "$DEB" >/dev/null
echo "$DEB"
