# Sourced by scripts/system-deps.sh (tests) and scripts/run.sh (the application): which Debian
# packages are missing, and installing them. Not a command of its own.

# has_package PKG: installed by dpkg.
has_package() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

# missing_document_fonts: the CJK font packages the documents need that are not installed
# (fonts-noto-cjk for chart labels and Chinese pages; fonts-arphic-ukai stands in for 楷体).
# A font found by fontconfig counts too (a non-Debian machine, a manual install).
missing_document_fonts() {
  has_package fonts-noto-cjk || fc-list 2>/dev/null | grep -qi "noto sans cjk" || echo fonts-noto-cjk
  has_package fonts-arphic-ukai || fc-list 2>/dev/null | grep -qi "ukai" || echo fonts-arphic-ukai
}

# apt_install PKG...: install with apt-get; needs root (returns 1 with a message otherwise).
apt_install() {
  [ $# -gt 0 ] || return 0
  if [ "$(id -u)" != 0 ]; then
    echo "ecoplan: missing system packages: $* (run as root or: sudo apt-get install $*)" >&2
    return 1
  fi
  echo "ecoplan: installing $* from Debian ..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
