#!/usr/bin/env bash
# What the browser tests (tests/browser) need, installed only where missing, so running it
# again is quick: Debian's Chromium (Playwright drives it; `playwright install` cannot
# download browsers here and is never used), Java for the Nu Html Checker, an emoji font
# for the screenshots, the share image's fonts, and axe-core and vnu-jar from
# package-lock.json (`npm ci`).
#
#   scripts/browser-deps.sh          everything (needs root for apt-get); CI runs this
#   scripts/browser-deps.sh --npm    only the npm packages (what `make browser-deps` does)
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" != "--npm" ]]; then
    missing=()
    [[ -x /usr/bin/chromium ]] || missing+=(chromium)
    command -v java >/dev/null || missing+=(default-jre-headless)
    command -v npm >/dev/null || missing+=(npm)
    [[ -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ]] || missing+=(fonts-noto-color-emoji)
    # The share image's Japanese, Chinese and Hindi letters (events/sharing/lettering.py),
    # and the same letters in the Japanese and Chinese pages' screenshots.
    [[ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ]] || missing+=(fonts-noto-cjk)
    [[ -e /usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf ]] || missing+=(fonts-noto-core)
    [[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || missing+=(fonts-dejavu-core)
    ldconfig -p | grep -q libfribidi || missing+=(libfribidi0)
    if ((${#missing[@]})); then
        echo "Installing with apt-get: ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${missing[@]}" >/dev/null
    fi
fi

# The stamp is newer than the lock file once `npm ci` has installed exactly what it pins.
# --ignore-scripts: vnu-jar's install script would try to download a Java of its own.
stamp=node_modules/.installed
if [[ ! -e $stamp || package-lock.json -nt $stamp || package.json -nt $stamp ]]; then
    npm ci --ignore-scripts --no-audit --no-fund
    touch "$stamp"
fi
