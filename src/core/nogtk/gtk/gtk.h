/* SPDX-License-Identifier: GPL-3.0-or-later */
#error "libvoronka-core must not use GTK: keep widgets in src/gui"
