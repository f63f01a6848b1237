/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <stdint.h>

#include "crm-vcard.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Reads every card, going on after broken ones, and writes each back as
 * vCard 3.0, which must parse again. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(CrmVcardReader) reader = crm_vcard_reader_new (in, NULL);

  if (reader == NULL)
    return 0;

  for (guint i = 0; i < 10000; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrmVcard) card = NULL;
      g_autofree char *text = NULL;

      if (!crm_vcard_reader_next (reader, &card, &error))
        {
          if (error == NULL)
            break;
          continue;
        }
      text = crm_vcard_to_string_30 (card);
      {
        g_autoptr(GInputStream) again = g_memory_input_stream_new_from_data (text, -1, NULL);
        g_autoptr(CrmVcardReader) r2 = crm_vcard_reader_new (again, NULL);
        g_autoptr(CrmVcard) back = NULL;

        if (!crm_vcard_reader_next (r2, &back, NULL))
          __builtin_trap ();
      }
    }
  return 0;
}
