/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-error.h"

G_DEFINE_QUARK (crm-validate-error-quark, crm_validate_error)
G_DEFINE_QUARK (crm-parse-error-quark, crm_parse_error)
G_DEFINE_QUARK (crm-store-error-quark, crm_store_error)
