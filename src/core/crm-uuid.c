/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-uuid"

#include "config.h"

#include <string.h>

#include "crm-uuid.h"

/*
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made
 * on different PCs never collide, and sort by creation time, which keeps
 * B-tree inserts at the right-hand edge.
 *
 * Within one millisecond we bump a 12-bit counter in rand_a (method 1 of the
 * RFC) so ids made in a tight loop still sort in creation order.
 */
static gint64 last_ms = -1;
static guint  seq;
G_LOCK_DEFINE_STATIC (uuid_lock);

void
crm_uuid7_fill (gint64 now_ms,
                char   out[37])
{
  static const char hex[] = "0123456789abcdef";
  guint8 b[16];
  guint32 r1, r2, r3;
  guint counter;

  G_LOCK (uuid_lock);
  if (now_ms <= last_ms)
    {
      now_ms = last_ms;
      seq++;
      if (seq > 0xfff)
        {
          /* Counter exhausted: borrow the next millisecond. */
          now_ms = ++last_ms;
          seq = g_random_int_range (0, 0x400);
        }
    }
  else
    {
      last_ms = now_ms;
      seq = g_random_int_range (0, 0x400);
    }
  counter = seq;
  G_UNLOCK (uuid_lock);

  r1 = g_random_int ();
  r2 = g_random_int ();
  r3 = g_random_int ();

  b[0] = (now_ms >> 40) & 0xff;
  b[1] = (now_ms >> 32) & 0xff;
  b[2] = (now_ms >> 24) & 0xff;
  b[3] = (now_ms >> 16) & 0xff;
  b[4] = (now_ms >> 8) & 0xff;
  b[5] = now_ms & 0xff;
  b[6] = 0x70 | ((counter >> 8) & 0x0f);
  b[7] = counter & 0xff;
  b[8] = 0x80 | ((r1 >> 24) & 0x3f);
  b[9] = (r1 >> 16) & 0xff;
  b[10] = (r1 >> 8) & 0xff;
  b[11] = r1 & 0xff;
  b[12] = (r2 >> 24) & 0xff;
  b[13] = (r2 >> 16) & 0xff;
  b[14] = (r3 >> 8) & 0xff;
  b[15] = r3 & 0xff;

  for (guint i = 0, j = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        out[j++] = '-';
      out[j++] = hex[b[i] >> 4];
      out[j++] = hex[b[i] & 0xf];
    }
  out[36] = '\0';
}

/**
 * crm_uuid7_new:
 * @now_ms: the current time in UTC milliseconds (from a #CrmClock)
 *
 * Returns: (transfer full): a new lower-case UUIDv7
 */
char *
crm_uuid7_new (gint64 now_ms)
{
  char *out = g_malloc (37);

  crm_uuid7_fill (now_ms, out);
  return out;
}

gboolean
crm_uuid_is_valid (const char *text)
{
  if (text == NULL || strlen (text) != 36)
    return FALSE;
  for (guint i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (text[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isxdigit (text[i]))
        return FALSE;
    }
  return TRUE;
}
