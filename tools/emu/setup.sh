#!/usr/bin/env bash
# Installs what tools/emu needs, once per machine (like CI's tool install;
# nothing is downloaded when tools/emu runs):
#   - the Debian packages bochs, bochsbios, vgabios (the emulator and its
#     BIOS), isolinux, syslinux-common and xorriso (the boot ISO), with
#     apt-get when one is missing (as root, or through sudo);
#   - Debian's cloud kernel image (linux-image-<version>-cloud-amd64, the
#     version linux-image-cloud-amd64 depends on), fetched with
#     `apt-get download` and its vmlinuz extracted to $CACHE/vmlinuz, where
#     CACHE is $GENSYN_EMU_CACHE or $XDG_CACHE_HOME/gensyn-emu
#     (~/.cache/gensyn-emu). A present $CACHE/vmlinuz is kept.
set -euo pipefail

cache=${GENSYN_EMU_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gensyn-emu}
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO=none; fi
fi

need=()
command -v bochs >/dev/null 2>&1 || need+=(bochs)
[ -f /usr/share/bochs/BIOS-bochs-latest ] || need+=(bochsbios)
[ -f /usr/share/vgabios/vgabios.bin ] || need+=(vgabios)
[ -f /usr/lib/ISOLINUX/isolinux.bin ] || need+=(isolinux)
[ -f /usr/lib/syslinux/modules/bios/ldlinux.c32 ] || need+=(syslinux-common)
command -v xorriso >/dev/null 2>&1 || need+=(xorriso)
updated=0
if [ ${#need[@]} -gt 0 ]; then
  if [ "$SUDO" = none ]; then
    echo "emu setup: missing ${need[*]}: install them (Debian: sudo apt-get install ${need[*]}), or run as root"
    exit 1
  fi
  echo "--- emu setup: installing ${need[*]} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  updated=1
  $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ ! -s "$cache/vmlinuz" ]; then
  mkdir -p "$cache"
  if [ $updated -eq 0 ] && [ "$SUDO" != none ]; then $SUDO apt-get update -qq; fi
  pkg=$(apt-cache depends linux-image-cloud-amd64 | sed -n 's/^ *Depends: \(linux-image-[^ ]*\)$/\1/p' | head -1)
  [ -n "$pkg" ] || { echo "emu setup: apt-cache knows no linux-image-cloud-amd64"; exit 1; }
  echo "--- emu setup: fetching $pkg into $cache"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && apt-get download "$pkg" 2>&1 | grep -v '^W: Download is performed unsandboxed' || true)
  deb=$(ls "$tmp"/*.deb)
  dpkg-deb -x "$deb" "$tmp/x"
  cp "$tmp"/x/boot/vmlinuz-* "$cache/vmlinuz.part"
  basename "$deb" > "$cache/vmlinuz.source"
  mv "$cache/vmlinuz.part" "$cache/vmlinuz"
fi
echo "--- emu setup: kernel $cache/vmlinuz ($(cat "$cache/vmlinuz.source" 2>/dev/null || echo 'source unknown'))"
