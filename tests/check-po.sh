#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-po.sh SRCDIR: the Russian translation is complete at all times.
#
# Fails, naming the offending files and messages, when
#   - a source file that marks strings for translation is not in po/POTFILES.in,
#   - a message extracted from the files of po/POTFILES.in is missing from
#     po/ru.po (or is there only fuzzy or untranslated),
#   - po/ru.po has a fuzzy or an untranslated entry,
#   - msgfmt --check --check-format rejects po/ru.po (or ru.po brought up to
#     date with the sources, so format flags are the sources' ones).
set -euo pipefail

if (($# != 1)); then
  echo "Usage: $0 SRCDIR" >&2
  exit 2
fi

srcdir=$1
po=$srcdir/po/ru.po
potfiles=$srcdir/po/POTFILES.in
export LC_ALL=C.UTF-8

# The same extraction as i18n.gettext (preset: 'glib') in po/meson.build.
# shellcheck disable=SC2054 # the commas belong to xgettext's keyword specs
XGETTEXT_ARGS=(
  --from-code=UTF-8
  --add-comments
  --keyword=_
  --keyword=N_
  --keyword=C_:1c,2
  --keyword=NC_:1c,2
  --keyword=g_dcgettext:2
  --keyword=g_dngettext:2,3
  --keyword=g_dpgettext2:2c,3
  --flag=N_:1:pass-c-format
  --flag=C_:2:pass-c-format
  --flag=NC_:2:pass-c-format
  --flag=g_dngettext:2:pass-c-format
  --flag=g_strdup_printf:1:c-format
  --flag=g_string_printf:2:c-format
  --flag=g_string_append_printf:2:c-format
  --flag=g_error_new:3:c-format
  --flag=g_set_error:4:c-format
  --flag=g_markup_printf_escaped:1:c-format
  --flag=g_log:3:c-format
  --flag=g_print:1:c-format
  --flag=g_printerr:1:c-format
  --flag=g_printf:1:c-format
  --flag=g_fprintf:2:c-format
  --flag=g_sprintf:2:c-format
  --flag=g_snprintf:3:c-format
)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

problems=0

# problem MESSAGE [FILE]: count a problem, print it and FILE (a log or the
# offending entries of a catalogue, without its header), indented.
problem() {
  problems=$((problems + 1))
  printf '\nFAIL: %s\n' "$1"
  if [[ -s ${2:-/dev/null} ]]; then
    without_header "$2" | sed 's/^/    /'
  fi
}

# The entries of a .po file but its header (msgid "" directly followed by
# msgstr); any other text goes through as it is.
without_header() {
  awk 'BEGIN { RS = ""; ORS = "\n\n" } !/(^|\n)msgid ""\nmsgstr /' "$1"
}

for f in "$po" "$potfiles"; do
  if [[ ! -f $f ]]; then
    echo "FAIL: $f is missing"
    exit 1
  fi
done

# The files to extract from: POTFILES.in without comments and blank lines.
sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e 's/^[[:space:]]*//' -e '/^$/d' \
  "$potfiles" >"$tmp/POTFILES"

: >"$tmp/missing-files"
: >"$tmp/existing"
while IFS= read -r f; do
  if [[ -f $srcdir/$f ]]; then
    echo "$f" >>"$tmp/existing"
  else
    echo "$f" >>"$tmp/missing-files"
  fi
done <"$tmp/POTFILES"
if [[ -s $tmp/missing-files ]]; then
  problem "po/POTFILES.in lists files that do not exist:" "$tmp/missing-files"
fi

# Every source file with translatable strings must be listed, or its strings
# would escape this check. _( N_( C_( NC_( not preceded by an identifier
# character (so __attribute__ (( is not one), and translatable="yes" in .ui.
: >"$tmp/unlisted"
{
  if [[ -d $srcdir/src ]]; then
    (cd "$srcdir" && { grep -rlE --include='*.c' --include='*.h' \
      '(^|[^[:alnum:]_])(N|C|NC)?_ ?\(' src || true; })
  fi
  if [[ -d $srcdir/ui ]]; then
    (cd "$srcdir" && { grep -rl --include='*.ui' 'translatable="yes"' ui || true; })
  fi
} | sort -u >"$tmp/marked"
grep -vxF -f "$tmp/POTFILES" "$tmp/marked" >"$tmp/unlisted" || true
if [[ -s $tmp/unlisted ]]; then
  problem "these files mark strings for translation but are not in po/POTFILES.in:" \
    "$tmp/unlisted"
fi

# Extract. --force-po: write the template even when there is nothing in it.
pot=$tmp/voronka.pot
if [[ -s $tmp/existing ]]; then
  if ! xgettext "${XGETTEXT_ARGS[@]}" --force-po --package-name=voronka \
    --files-from="$tmp/existing" --directory="$srcdir" -o "$pot" \
    2>"$tmp/xgettext.log"; then
    problem "xgettext failed:" "$tmp/xgettext.log"
    pot=
  fi
else
  # Nothing to extract: an empty template, so ru.po is checked on its own.
  printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n' >"$pot"
fi

if [[ -n $pot ]]; then
  n=$(grep -c '^msgid ' "$pot" || true)
  echo "po: $((n > 0 ? n - 1 : 0)) messages in $(wc -l <"$tmp/existing") source files"

  # ru.po brought up to date with the sources, with the sources' format flags
  # (ru.po's may be stale). msgmerge marks fuzzy a translation whose format
  # no longer matches its message.
  if ! msgmerge --quiet --no-fuzzy-matching --force-po --no-wrap -o "$tmp/current.po" \
    "$po" "$pot" 2>"$tmp/msgmerge.log"; then
    problem "msgmerge po/ru.po failed:" "$tmp/msgmerge.log"
  else
    # Messages of the sources without a usable translation: missing from
    # ru.po, untranslated there, or fuzzy (in ru.po or after the merge).
    msgcmp_ok=1
    msgcmp "$po" "$pot" >"$tmp/msgcmp.log" 2>&1 || msgcmp_ok=0
    msgattrib --clear-fuzzy --empty --no-obsolete --force-po "$tmp/current.po" 2>/dev/null |
      msgattrib --untranslated --no-wrap --no-location -o "$tmp/lacking.po" - 2>/dev/null || true
    if [[ -s $tmp/lacking.po ]]; then
      problem "po/ru.po has no usable translation (missing, untranslated, fuzzy, or a format that no longer matches) of these messages of the sources:" \
        "$tmp/lacking.po"
    elif ((msgcmp_ok == 0)); then
      problem "po/ru.po does not cover the sources (msgcmp):" "$tmp/msgcmp.log"
    fi

    if ! msgfmt --check --check-format -o /dev/null "$tmp/current.po" \
      >"$tmp/msgfmt-current.log" 2>&1; then
      sed -i "s|$tmp/current.po|ru.po (merged with the sources)|g" "$tmp/msgfmt-current.log"
      problem "translations do not match the sources' format strings (msgfmt --check):" \
        "$tmp/msgfmt-current.log"
    fi
  fi
fi

if ! msgattrib --only-fuzzy --no-obsolete --no-wrap -o "$tmp/fuzzy.po" "$po" \
  2>"$tmp/msgattrib.log"; then
  problem "msgattrib cannot read po/ru.po:" "$tmp/msgattrib.log"
elif [[ -s $tmp/fuzzy.po ]]; then
  problem "po/ru.po has fuzzy entries (check them, then drop the '#, fuzzy' line):" \
    "$tmp/fuzzy.po"
fi

if msgattrib --untranslated --no-obsolete --no-wrap -o "$tmp/untranslated.po" "$po" \
  2>/dev/null && [[ -s $tmp/untranslated.po ]]; then
  problem "po/ru.po has untranslated entries:" "$tmp/untranslated.po"
fi

# msgattrib takes a plural entry for translated when msgstr[0] is: every form
# must be there.
awk 'BEGIN { RS = ""; ORS = "\n\n" }
  {
    n = split($0, line, "\n")
    for (i = 1; i <= n; i++)
      if (line[i] ~ /^msgstr\[[0-9]+\] ""$/ && (i == n || line[i + 1] !~ /^"/)) {
        print
        break
      }
  }' "$po" >"$tmp/plural.po"
if [[ -s $tmp/plural.po ]]; then
  problem "po/ru.po has plural entries with an empty form:" "$tmp/plural.po"
fi

if ! msgfmt --check --check-format -o /dev/null "$po" >"$tmp/msgfmt.log" 2>&1; then
  problem "msgfmt --check --check-format po/ru.po failed:" "$tmp/msgfmt.log"
fi

if ((problems > 0)); then
  printf '\npo: %d problem(s). Update the catalogue with\n' "$problems"
  printf '    meson compile -C build voronka-pot voronka-update-po\n'
  printf 'then translate the new entries in po/ru.po and remove the fuzzy marks.\n'
  exit 1
fi
echo "po: ru.po is complete"
