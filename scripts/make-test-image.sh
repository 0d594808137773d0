#!/usr/bin/env bash
# Build a real OCI image layout with umoci, for pushing to a registry under test.
#
# usage: scripts/make-test-image.sh OUT_DIR [LAYERS=3] [LAYER_MIB=8]
#   env TAG=latest   tag to create in the layout
#
# Each layer adds one file of LAYER_MIB MiB of random data (so every layer blob
# is unique and incompressible). Prints the image reference, e.g.
#   oci:/tmp/img:latest
# which can be pushed with
#   skopeo copy --dest-tls-verify=false oci:/tmp/img:latest docker://127.0.0.1:PORT/repo:latest
set -euo pipefail

if [[ $# -lt 1 || $1 == -h || $1 == --help ]]; then
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
OUT=$1
LAYERS=${2:-3}
LAYER_MIB=${3:-8}
TAG=${TAG:-latest}
[[ $LAYERS =~ ^[0-9]+$ && $LAYERS -ge 1 ]] || { echo "LAYERS must be a positive integer" >&2; exit 2; }
[[ $LAYER_MIB =~ ^[0-9]+$ ]] || { echo "LAYER_MIB must be a non-negative integer" >&2; exit 2; }

if ! command -v umoci >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq umoci >&2
fi

if [[ -e $OUT ]] && [[ -n $(ls -A "$OUT") ]]; then
    echo "$OUT exists and is not empty" >&2
    exit 1
fi
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
rmdir "$OUT" # umoci init wants to create it

BUNDLE_PARENT=$(mktemp -d)
trap 'rm -rf "$BUNDLE_PARENT"' EXIT
BUNDLE=$BUNDLE_PARENT/bundle

rootless=()
[[ $(id -u) == 0 ]] || rootless=(--rootless)

umoci init --layout "$OUT"
umoci new --image "$OUT:$TAG"
umoci unpack "${rootless[@]}" --image "$OUT:$TAG" "$BUNDLE"

for ((i = 1; i <= LAYERS; i++)); do
    mkdir -p "$BUNDLE/rootfs/data"
    head -c $((LAYER_MIB << 20)) /dev/urandom >"$BUNDLE/rootfs/data/layer-$i.bin"
    printf 'ferry test image, layer %d of %d\n' "$i" "$LAYERS" >"$BUNDLE/rootfs/data/layer-$i.txt"
    umoci repack --refresh-bundle --image "$OUT:$TAG" \
        --history.created_by "make-test-image.sh: layer $i ($LAYER_MIB MiB random)" "$BUNDLE"
done

umoci config --image "$OUT:$TAG" \
    --architecture amd64 --os linux --author "ferry make-test-image.sh" \
    --config.env "FERRY_TEST_LAYERS=$LAYERS" \
    --config.workingdir /data \
    --config.cmd /bin/sh \
    --config.label "org.opencontainers.image.title=ferry-test" \
    --config.label "org.opencontainers.image.description=$LAYERS layers of $LAYER_MIB MiB random data" \
    --manifest.annotation "org.opencontainers.image.ref.name=$TAG" \
    --history.created_by "make-test-image.sh: config"
umoci gc --layout "$OUT"

echo "oci:$OUT:$TAG"
