/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CrmValidateError:
 * Why a value was rejected by a validator. The GError message always names
 * the field and the reason, translated ("Phone: too few digits").
 */
typedef enum {
  CRM_VALIDATE_ERROR_EMPTY,
  CRM_VALIDATE_ERROR_CHARACTERS,
  CRM_VALIDATE_ERROR_LENGTH,
  CRM_VALIDATE_ERROR_CHECKSUM,
  CRM_VALIDATE_ERROR_FORMAT,
} CrmValidateError;

/**
 * CrmParseError:
 * A malformed input file (CSV, vCard). Messages name the line number.
 */
typedef enum {
  CRM_PARSE_ERROR_ENCODING,
  CRM_PARSE_ERROR_SYNTAX,
  CRM_PARSE_ERROR_TOO_LARGE,
  CRM_PARSE_ERROR_HEADER,
} CrmParseError;

/**
 * CrmStoreError:
 * Storage and write-path failures.
 */
typedef enum {
  CRM_STORE_ERROR_SQLITE,
  CRM_STORE_ERROR_NOT_FOUND,
  CRM_STORE_ERROR_INVALID,
  CRM_STORE_ERROR_CORRUPT,
  CRM_STORE_ERROR_VERSION,
  CRM_STORE_ERROR_CANCELLED,
} CrmStoreError;

#define CRM_VALIDATE_ERROR (crm_validate_error_quark ())
#define CRM_PARSE_ERROR    (crm_parse_error_quark ())
#define CRM_STORE_ERROR    (crm_store_error_quark ())

GQuark crm_validate_error_quark (void);
GQuark crm_parse_error_quark    (void);
GQuark crm_store_error_quark    (void);

G_END_DECLS
