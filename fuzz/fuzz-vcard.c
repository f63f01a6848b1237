/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <stdint.h>
#include <string.h>

#include "crm-error.h"
#include "crm-vcard.h"

/* Reads every card, going on after broken ones as the importer does, and
 * checks that:
 *  - a stream handing out a few bytes per read gives the same cards,
 *  - each card written as vCard 3.0 parses again to the same fields. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define MAX_CARDS 10000

/* ---- A stream with short reads ---- */

#define FUZZ_TYPE_TRICKLE (fuzz_trickle_get_type ())
G_DECLARE_FINAL_TYPE (FuzzTrickle, fuzz_trickle, FUZZ, TRICKLE, GInputStream)

struct _FuzzTrickle
{
  GInputStream   parent_instance;
  const guint8  *data;
  gsize          size;
  gsize          pos;
  gsize          step;
};

G_DEFINE_FINAL_TYPE (FuzzTrickle, fuzz_trickle, G_TYPE_INPUT_STREAM)

static gssize
fuzz_trickle_read (GInputStream  *stream,
                   void          *buffer,
                   gsize          count,
                   GCancellable  *cancellable,
                   GError       **error)
{
  FuzzTrickle *self = FUZZ_TRICKLE (stream);
  gsize n = MIN (MIN (count, self->step), self->size - self->pos);

  memcpy (buffer, self->data + self->pos, n);
  self->pos += n;
  return n;
}

static void
fuzz_trickle_class_init (FuzzTrickleClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = fuzz_trickle_read;
}

static void
fuzz_trickle_init (FuzzTrickle *self)
{
}

/* ---- Checks ---- */

static void
describe_values (GString   *out,
                 GPtrArray *values)
{
  for (guint i = 0; i < values->len; i++)
    {
      CrmVcardValue *v = g_ptr_array_index (values, i);

      if (v->value == NULL || *v->value == '\0' || !g_utf8_validate (v->value, -1, NULL) ||
          (v->type != NULL && !g_utf8_validate (v->type, -1, NULL)))
        __builtin_trap ();
      g_string_append_printf (out, "[%s|%s]", v->value, v->type ? v->type : "");
    }
  g_string_append_c (out, '\n');
}

static void
append_text (GString    *out,
             const char *name,
             const char *value)
{
  if (value != NULL && (*value == '\0' || !g_utf8_validate (value, -1, NULL)))
    __builtin_trap ();
  g_string_append_printf (out, "%s=%s\n", name, value ? value : "(null)");
}

/* The fields the writer keeps as they are; FN is composed when missing. */
static char *
describe (const CrmVcard *c,
          gboolean        with_fn)
{
  GString *out = g_string_new (NULL);

  if (with_fn)
    append_text (out, "fn", c->fn);
  append_text (out, "last", c->last);
  append_text (out, "first", c->first);
  append_text (out, "middle", c->middle);
  append_text (out, "org", c->org);
  append_text (out, "title", c->title);
  append_text (out, "note", c->note);
  append_text (out, "uid", c->uid);
  append_text (out, "url", c->url);
  append_text (out, "adr", c->adr);
  return g_string_free (out, FALSE);
}

/* "tel:tel:1" reads as "tel:1", which reads again as "1": such values
 * cannot survive a round trip, nor can e-mail types without "internet". */
static gboolean
values_comparable (GPtrArray  *values,
                   const char *prefix)
{
  for (guint i = 0; i < values->len; i++)
    {
      CrmVcardValue *v = g_ptr_array_index (values, i);

      if (g_ascii_strncasecmp (v->value, prefix, strlen (prefix)) == 0)
        return FALSE;
    }
  return TRUE;
}

static void
check_roundtrip (const CrmVcard *card)
{
  g_autofree char *text = crm_vcard_to_string_30 (card);
  g_autoptr(GInputStream) again = g_memory_input_stream_new_from_data (text, -1, NULL);
  g_autoptr(CrmVcardReader) r = crm_vcard_reader_new (again, NULL);
  g_autoptr(CrmVcard) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;

  if (r == NULL || !crm_vcard_reader_next (r, &back, &error))
    {
      /* Escaping can push a card near 1 MiB over it. */
      if (g_error_matches (error, CRM_PARSE_ERROR, CRM_PARSE_ERROR_TOO_LARGE))
        return;
      __builtin_trap ();
    }
  want = describe (card, card->fn != NULL);
  got = describe (back, card->fn != NULL);
  if (strcmp (want, got) != 0)
    __builtin_trap ();

  if (values_comparable (card->phones, "tel:"))
    {
      g_autoptr(GString) a = g_string_new (NULL);
      g_autoptr(GString) b = g_string_new (NULL);

      describe_values (a, card->phones);
      describe_values (b, back->phones);
      if (strcmp (a->str, b->str) != 0)
        __builtin_trap ();
    }
  if (values_comparable (card->emails, "mailto:") && back->emails->len != card->emails->len)
    __builtin_trap ();
}

static char *
read_all (GInputStream *in,
          gboolean      check)
{
  g_autoptr(CrmVcardReader) reader = crm_vcard_reader_new (in, NULL);
  GString *out = g_string_new (NULL);

  if (reader == NULL)
    return g_string_free (out, FALSE);

  for (guint i = 0; i < MAX_CARDS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrmVcard) card = NULL;
      g_autofree char *text = NULL;

      if (!crm_vcard_reader_next (reader, &card, &error))
        {
          if (card != NULL)
            __builtin_trap ();
          if (error == NULL)
            break;
          if (error->domain != CRM_PARSE_ERROR)
            __builtin_trap ();
          g_string_append_printf (out, "!%s\n", error->message);
          continue;
        }
      text = describe (card, TRUE);
      g_string_append_printf (out, "%u\n%s", card->line, text);
      describe_values (out, card->phones);
      describe_values (out, card->emails);
      if (check)
        check_roundtrip (card);
    }
  return g_string_free (out, FALSE);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInputStream) whole = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(FuzzTrickle) trickle = g_object_new (FUZZ_TYPE_TRICKLE, NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  trickle->data = data;
  trickle->size = size;
  trickle->step = size > 0 ? data[0] % 7 + 1 : 1;

  a = read_all (whole, TRUE);
  b = read_all (G_INPUT_STREAM (trickle), FALSE);
  if (strcmp (a, b) != 0)
    __builtin_trap ();
  return 0;
}
