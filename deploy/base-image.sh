#!/usr/bin/env bash
# Builds the container image's base (Debian bookworm, minimal, with a Java 17 runtime) as an image
# tarball in `docker save` format, without a Docker daemon or a container registry: debootstrap
# fetches Debian's packages from the mirror this machine's apt already uses. Root is needed
# (debootstrap chroots). Then: mvn -Pimage package -Djib.from.image=tar://$PWD/OUT.tar
#
# usage: deploy/base-image.sh OUT.tar
set -euo pipefail
out=$(realpath -m "${1:?usage: deploy/base-image.sh OUT.tar}")
mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
if [ -z "$mirror" ]; then
  mirror=$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
fi
if [ -z "$mirror" ]; then
  echo "deploy/base-image.sh: no Debian mirror in this machine's apt sources" >&2
  exit 1
fi
command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
debootstrap --variant=minbase --include=openjdk-17-jre-headless,libgomp1,ca-certificates bookworm \
  "$work/rootfs" "$mirror" > "$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
rm -rf "$work"/rootfs/var/cache/apt/archives/*.deb "$work"/rootfs/var/lib/apt/lists/* \
  "$work"/rootfs/usr/share/doc "$work"/rootfs/usr/share/man "$work"/rootfs/usr/share/locale
tar -C "$work/rootfs" --numeric-owner --sort=name -cf "$work/layer.tar" .
diff_id=sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64","LANG=C.UTF-8"]},"rootfs":{"type":"layers","diff_ids":["$diff_id"]}}
JSON
config=$(sha256sum "$work/config.json" | cut -d' ' -f1).json
mv "$work/config.json" "$work/$config"
printf '[{"Config":"%s","RepoTags":["alr-base:bookworm-jre17"],"Layers":["layer.tar"]}]\n' "$config" > "$work/manifest.json"
tar -C "$work" -cf "$out" manifest.json "$config" layer.tar
echo "base image: $out ($(du -h "$out" | cut -f1))"
