/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "voronka-bench"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "crm-core.h"

/* voronka-bench: the figures of DESIGN.md §7 for the core, against the
 * floors of PERF.md, measured in the same run on the same data:
 *
 *   import of N rows (normalize + dedupe + search index) vs `sqlite3 .import`
 *   search median / p95 over 1,000 queries vs the raw FTS5 query
 *   duplicate check per new record
 *   peak memory of the import
 *
 * Usage: voronka-bench [--rows N[,N…]] [--keep DIR]
 *        voronka-bench gen N FILE       (just write the CSV) */

/* ---- Deterministic realistic data ---- */

static const char *ru_last[] = {
  "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов",
  "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
  "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин",
  "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв",
};
static const char *ru_first_m[] = {
  "Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Максим", "Евгений", "Иван",
  "Михаил", "Артём", "Никита", "Пётр", "Семён", "Олег", "Юрий", "Владимир",
};
static const char *ru_first_f[] = {
  "Елена", "Ольга", "Наталья", "Анна", "Мария", "Татьяна", "Ирина", "Светлана",
  "Екатерина", "Юлия", "Алёна", "Дарья", "Ксения", "Марина", "Людмила", "Валентина",
};
static const char *ru_middle_m[] = {
  "Александрович", "Сергеевич", "Дмитриевич", "Андреевич", "Иванович", "Петрович",
  "Михайлович", "Николаевич", "Юрьевич", "Олегович",
};
static const char *ru_middle_f[] = {
  "Александровна", "Сергеевна", "Дмитриевна", "Андреевна", "Ивановна", "Петровна",
  "Михайловна", "Николаевна", "Юрьевна", "Олеговна",
};
static const char *en_first[] = {
  "John", "Michael", "David", "James", "Robert", "Mary", "Linda", "Susan", "Emma", "Olivia",
};
static const char *en_last[] = {
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor", "Clark",
};
static const char *company_words[] = {
  "Ромашка", "Вектор", "Альфа", "СтройМир", "ТехноСервис", "Северный ветер", "Гранит",
  "Меридиан", "Прогресс", "Импульс", "Логистик", "Агро", "МедТех", "Акцент", "Омега",
  "Acme", "Globex", "Initech", "Umbrella", "Stark",
};
static const char *company_forms[] = { "ООО", "АО", "ИП", "ПАО", "", "LLC" };
static const char *channels[] = {
  "Сайт", "Звонок", "Почта", "Telegram", "ВКонтакте", "Рекомендация", "Партнер",
  "Выставка", "Яндекс Директ", "Website",
};
static const char *mail_domains[] = {
  "mail.ru", "yandex.ru", "gmail.com", "bk.ru", "inbox.ru", "rambler.ru", "example.com",
};
static const char *translit[] = {
  "ivanov", "smirnov", "kuznetsov", "popov", "vasiliev", "petrov", "sokolov", "mikhailov",
  "novikov", "fedorov", "morozov", "volkov", "alekseev", "lebedev", "semenov", "egorov",
  "pavlov", "kozlov", "stepanov", "nikolaev", "orlov", "andreev", "makarov", "nikitin",
  "zakharov", "zaitsev", "solovyev", "borisov", "yakovlev", "grigoriev", "romanov", "vorobyev",
};

typedef struct
{
  char   name[160];
  char   phone_digits[16];   /* 10 national digits */
  char   email[96];
  char   company[96];
} Person;

static void
make_person (GRand  *rand,
             guint   i,
             Person *p)
{
  guint last = g_rand_int_range (rand, 0, G_N_ELEMENTS (ru_last));
  gboolean female = g_rand_boolean (rand);
  guint fn = g_rand_int_range (rand, 0, 16);
  guint mn = g_rand_int_range (rand, 0, 10);
  guint style = g_rand_int_range (rand, 0, 10);

  if (style < 8)
    {
      const char *l = ru_last[last];
      g_autofree char *lf = female ? g_strconcat (l, "а", NULL) : g_strdup (l);

      if (style < 5)
        g_snprintf (p->name, sizeof p->name, "%s %s %s", lf,
                    female ? ru_first_f[fn] : ru_first_m[fn],
                    female ? ru_middle_f[mn] : ru_middle_m[mn]);
      else
        g_snprintf (p->name, sizeof p->name, "%s %s",
                    female ? ru_first_f[fn] : ru_first_m[fn], lf);
      g_snprintf (p->email, sizeof p->email, "%s.%u@%s", translit[last], i,
                  mail_domains[g_rand_int_range (rand, 0, G_N_ELEMENTS (mail_domains))]);
    }
  else
    {
      guint f = g_rand_int_range (rand, 0, G_N_ELEMENTS (en_first));
      guint l = g_rand_int_range (rand, 0, G_N_ELEMENTS (en_last));

      g_snprintf (p->name, sizeof p->name, "%s %s", en_first[f], en_last[l]);
      g_snprintf (p->email, sizeof p->email, "%c.%s%u@%s", g_ascii_tolower (en_first[f][0]),
                  en_last[l], i, mail_domains[g_rand_int_range (rand, 0, G_N_ELEMENTS (mail_domains))]);
    }

  /* Mobile 9xx numbers, unique per person. */
  g_snprintf (p->phone_digits, sizeof p->phone_digits, "9%02u%07u",
              g_rand_int_range (rand, 0, 100), i % 10000000);

  if (g_rand_int_range (rand, 0, 3) > 0)
    g_snprintf (p->company, sizeof p->company, "%s «%s %u»",
                company_forms[g_rand_int_range (rand, 0, G_N_ELEMENTS (company_forms))],
                company_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (company_words))],
                g_rand_int_range (rand, 1, 2000));
  else
    p->company[0] = '\0';
}

/* The same number the ways people type it. */
static void
format_phone (GRand      *rand,
              const char *d,
              char       *out,
              gsize       size)
{
  switch (g_rand_int_range (rand, 0, 5))
    {
    case 0:
      g_snprintf (out, size, "8 (%.3s) %.3s-%.2s-%.2s", d, d + 3, d + 6, d + 8);
      break;
    case 1:
      g_snprintf (out, size, "+7 %.3s %.3s %.2s %.2s", d, d + 3, d + 6, d + 8);
      break;
    case 2:
      g_snprintf (out, size, "8%s", d);
      break;
    case 3:
      g_snprintf (out, size, "7-%.3s-%.3s-%.2s-%.2s", d, d + 3, d + 6, d + 8);
      break;
    default:
      g_snprintf (out, size, "+7 (%.3s) %.7s", d, d + 3);
      break;
    }
}

static void
csv_cell (GString    *s,
          const char *text)
{
  if (strpbrk (text, ";\"\n") != NULL)
    {
      g_string_append_c (s, '"');
      for (const char *p = text; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (s, '"');
          g_string_append_c (s, *p);
        }
      g_string_append_c (s, '"');
    }
  else
    g_string_append (s, text);
}

static gboolean
generate (guint        rows,
          const char  *path,
          GError     **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  g_autoptr(GString) buf = g_string_sized_new (1 << 20);
  FILE *out = fopen (path, "w");
  Person p;

  if (out == NULL)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "%s: %s", path, g_strerror (errno));
      return FALSE;
    }

  g_string_append (buf, "ФИО;Телефон;E-mail;Компания;Источник;Комментарий\n");
  for (guint i = 0; i < rows; i++)
    {
      char phone[40];

      /* ~1% repeat someone already listed, with the phone typed differently. */
      if (i > 100 && g_rand_int_range (rand, 0, 100) == 0)
        {
          GRand *again = g_rand_new_with_seed (i / 2);
          guint earlier = g_rand_int_range (rand, 0, i);

          make_person (again, earlier, &p);
          g_rand_free (again);
          g_snprintf (p.phone_digits, sizeof p.phone_digits, "9%02u%07u", earlier % 100, earlier % 10000000);
        }
      else
        make_person (rand, i, &p);

      format_phone (rand, p.phone_digits, phone, sizeof phone);
      csv_cell (buf, p.name);
      g_string_append_c (buf, ';');
      csv_cell (buf, phone);
      g_string_append_c (buf, ';');
      csv_cell (buf, p.email);
      g_string_append_c (buf, ';');
      csv_cell (buf, p.company);
      g_string_append_c (buf, ';');
      csv_cell (buf, channels[g_rand_int_range (rand, 0, G_N_ELEMENTS (channels))]);
      g_string_append_c (buf, ';');
      if (g_rand_int_range (rand, 0, 4) == 0)
        csv_cell (buf, "Просил перезвонить, интересует доставка");
      g_string_append_c (buf, '\n');

      if (buf->len > (1 << 20))
        {
          fwrite (buf->str, 1, buf->len, out);
          g_string_truncate (buf, 0);
        }
    }
  fwrite (buf->str, 1, buf->len, out);
  return fclose (out) == 0;
}

/* ---- Measuring ---- */

typedef struct
{
  double seconds;
  long   max_rss_kb;
  int    status;
} Run;

static Run
run_child (const char *const *argv,
           const char        *stdin_text)
{
  Run run = { 0 };
  gint64 start = g_get_monotonic_time ();
  struct rusage usage;
  g_autoptr(GError) error = NULL;
  GPid pid;
  int in_fd = -1;
  int status = 0;

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                                 (g_getenv ("BENCH_VERBOSE") ? 0 : G_SPAWN_STDERR_TO_DEV_NULL),
                                 NULL, NULL, &pid, stdin_text ? &in_fd : NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  if (stdin_text != NULL)
    {
      gsize len = strlen (stdin_text);
      if (write (in_fd, stdin_text, len) != (ssize_t) len)
        g_error ("write: %s", g_strerror (errno));
      close (in_fd);
    }
  wait4 (pid, &status, 0, &usage);
  g_spawn_close_pid (pid);
  run.seconds = (g_get_monotonic_time () - start) / 1e6;
  run.max_rss_kb = usage.ru_maxrss;
  run.status = status;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_printerr ("warning: %s exited with status %d\n", argv[0], status);
  return run;
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
percentile (GArray *ms,
            double  p)
{
  guint idx;

  g_array_sort (ms, cmp_double);
  idx = (guint) ceil (p * ms->len) - 1;
  return g_array_index (ms, double, MIN (idx, ms->len - 1));
}

static void
row (const char *what,
     const char *value,
     const char *target,
     const char *ratio,
     gboolean    ok)
{
  /* printf, not g_print: the table is UTF-8 whatever the locale. */
  printf ("| %-44s | %14s | %22s | %8s | %-4s |\n", what, value, target, ratio, ok ? "ok" : "MISS");
  fflush (stdout);
}

/* Queries a person types: name prefixes, phone fragments, whole e-mails
 * and numbers. */
static GPtrArray *
make_queries (guint rows)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  GPtrArray *q = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < 1000; i++)
    {
      Person p;
      guint who = g_rand_int_range (rand, 0, rows);
      g_autoptr(GRand) again = g_rand_new_with_seed (who);

      make_person (again, who, &p);
      switch (i % 5)
        {
        case 0:
          g_ptr_array_add (q, g_utf8_substring (p.name, 0, 3));
          break;
        case 1:
          g_ptr_array_add (q, g_strdup (p.name));
          break;
        case 2:
          g_ptr_array_add (q, g_strdup_printf ("%04u", g_rand_int_range (rand, 0, 10000)));
          break;
        case 3:
          g_ptr_array_add (q, g_strdup_printf ("8 %s", p.phone_digits));
          break;
        default:
          g_ptr_array_add (q, g_utf8_substring (p.company[0] ? p.company : p.name, 0, 5));
          break;
        }
    }
  return q;
}

static gboolean search_only;

static void
bench_rows (guint       rows,
            const char *dir,
            const char *cli,
            gboolean    with_search)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = g_strdup_printf ("%s/leads-%u.csv", dir, rows);
  g_autofree char *raw_db = g_strdup_printf ("%s/raw-%u.db", dir, rows);
  g_autofree char *db = g_strdup_printf ("%s/voronka-%u.db", dir, rows);
  g_autofree char *import_cmd = NULL;
  g_autofree char *label = NULL;
  g_autofree char *value = NULL;
  g_autofree char *target = NULL;
  g_autofree char *ratio = NULL;
  const char *sqlite_argv[] = { "sqlite3", raw_db, NULL };
  const char *init_argv[] = { cli, "--db", db, "init", NULL };
  const char *import_argv[] = { cli, "--db", db, "import", "csv", csv, "--on-duplicate", "skip", NULL };
  Run raw, ours, bare;
  double r;

  /* --search-only: the database a kept run left behind, searched again. */
  if (search_only)
    goto search;

  g_unlink (raw_db);
  g_unlink (db);
  if (!generate (rows, csv, &error))
    g_error ("%s", error->message);

  import_cmd = g_strdup_printf ("PRAGMA journal_mode=WAL;\nPRAGMA synchronous=NORMAL;\n"
                                ".mode csv\n.separator ;\n.import %s leads\n", csv);
  raw = run_child (sqlite_argv, import_cmd);
  bare = run_child (init_argv, NULL);
  ours = run_child (import_argv, NULL);

  r = ours.seconds / raw.seconds;
  label = g_strdup_printf ("import %u rows (normalize+dedupe+index)", rows);
  value = g_strdup_printf ("%.2f s", ours.seconds);
  target = g_strdup_printf ("≤ 4× sqlite3 (%.2f s)", raw.seconds);
  ratio = g_strdup_printf ("%.2f×", r);
  row (label, value, target, ratio, r <= 4.0);

  /* What SQLite alone needs to write the same rows into the same schema
   * (tables, indexes, both search tables), with no parsing, normalizing or
   * duplicate checks: the floor under any importer of this data model. */
  {
    g_autofree char *floor_db = g_strdup_printf ("%s/floor-%u.db", dir, rows);
    g_autofree char *copy = g_strdup_printf ("ATTACH '%s' AS src;\n"
                                             "PRAGMA journal_mode=WAL;\nPRAGMA synchronous=NORMAL;\n"
                                             "BEGIN;\n"
                                             "INSERT INTO leads SELECT * FROM src.leads;\n"
                                             "INSERT INTO phones SELECT * FROM src.phones;\n"
                                             "INSERT INTO emails SELECT * FROM src.emails;\n"
                                             "INSERT INTO search (rowid, name, company, emails, body)"
                                             " SELECT rowid, name, company, emails, body FROM src.search;\n"
                                             "INSERT INTO search_phones (rowid, digits)"
                                             " SELECT rowid, digits FROM src.search_phones;\n"
                                             "COMMIT;\n", db);
    const char *floor_init[] = { cli, "--db", floor_db, "init", NULL };
    const char *floor_argv[] = { "sqlite3", floor_db, NULL };
    Run floor;

    g_unlink (floor_db);
    run_child (floor_init, NULL);
    floor = run_child (floor_argv, copy);

    g_free (label);
    g_free (value);
    g_free (target);
    g_free (ratio);
    label = g_strdup_printf ("  floor: SQLite writing the same rows");
    value = g_strdup_printf ("%.2f s", floor.seconds);
    target = g_strdup_printf ("ours is %.1f× this", ours.seconds / floor.seconds);
    ratio = g_strdup_printf ("%.2f×", floor.seconds / raw.seconds);
    row (label, value, target, ratio, floor.seconds / raw.seconds <= 4.0);
  }

  g_free (label);
  g_free (value);
  label = g_strdup_printf ("import %u rows: peak memory", rows);
  value = g_strdup_printf ("%.1f MB", ours.max_rss_kb / 1024.0);
  /* Streaming keeps rows out of memory; what RSS holds is SQLite's page
   * cache (32 MB) and mapped pages of the file (mmap_size, 256 MB), both
   * bounded whatever the file's size. */
  row (label, value, "≤ bare + 32 + 256 MB", "", ours.max_rss_kb < bare.max_rss_kb + (32 + 256 + 16) * 1024);

search:
  if (!with_search)
    return;

  {
    g_autoptr(CrmStore) store = crm_store_open (db, NULL, &error);
    g_autoptr(GPtrArray) queries = make_queries (rows);
    g_autoptr(GArray) ours_ms = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) raw_ms = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) dedupe_ms = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GRand) rand = g_rand_new_with_seed (99);
    sqlite3_stmt *stmt = NULL;
    sqlite3_stmt *phones_stmt = NULL;
    double med, p95, raw_med, raw_p95;

    if (store == NULL)
      g_error ("%s", error->message);
    /* The raw side runs the same FTS5 queries crm_search_query() runs
     * (the text table, and the phone digits table for a number), without
     * the exact-match lookups and bookkeeping around them. */
    sqlite3_prepare_v2 (crm_store_get_db (store),
                        "SELECT rowid FROM search WHERE search MATCH ?1 ORDER BY rowid DESC LIMIT 50",
                        -1, &stmt, NULL);
    sqlite3_prepare_v2 (crm_store_get_db (store),
                        "SELECT rowid FROM search_phones WHERE search_phones MATCH ?1 ORDER BY rowid DESC LIMIT 50",
                        -1, &phones_stmt, NULL);

    /* Warm both the same way. */
    for (guint i = 0; i < 50; i++)
      {
        g_autoptr(GArray) hits = crm_search_query (store, g_ptr_array_index (queries, i),
                                                   CRM_SEARCH_ALL, 50, NULL);
      }

    /* Whichever runs second finds the pages the first one read in
     * SQLite's cache: take turns going first. */
    for (guint i = 0; i < queries->len; i++)
      {
        const char *q = g_ptr_array_index (queries, i);
        g_autofree char *match = crm_search_build_match (q);
        g_autofree char *phones = crm_search_build_phone_match (q);

        for (guint turn = 0; turn < 2; turn++)
          {
            gboolean raw_now = (turn + i) % 2 == 0;
            gint64 t0 = g_get_monotonic_time ();
            double ms;

            if (!raw_now)
              {
                g_autoptr(GArray) hits = crm_search_query (store, q, CRM_SEARCH_ALL, 50, NULL);

                ms = (g_get_monotonic_time () - t0) / 1000.0;
                g_array_append_val (ours_ms, ms);
                continue;
              }
            if (match == NULL)
              continue;
            sqlite3_reset (stmt);
            sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
            while (sqlite3_step (stmt) == SQLITE_ROW)
              ;
            if (phones != NULL)
              {
                sqlite3_reset (phones_stmt);
                sqlite3_bind_text (phones_stmt, 1, phones, -1, SQLITE_TRANSIENT);
                while (sqlite3_step (phones_stmt) == SQLITE_ROW)
                  ;
              }
            ms = (g_get_monotonic_time () - t0) / 1000.0;
            g_array_append_val (raw_ms, ms);
          }
      }
    sqlite3_finalize (stmt);
    sqlite3_finalize (phones_stmt);

    med = percentile (ours_ms, 0.5);
    p95 = percentile (ours_ms, 0.95);
    raw_med = percentile (raw_ms, 0.5);
    raw_p95 = percentile (raw_ms, 0.95);

    g_free (label);
    g_free (value);
    g_free (target);
    g_free (ratio);
    label = g_strdup_printf ("search median, %u leads, 1000 queries", rows);
    value = g_strdup_printf ("%.3f ms", med);
    target = g_strdup_printf ("≤ 20 ms, ≤ 1.3× raw %.3f", raw_med);
    ratio = g_strdup_printf ("%.2f×", med / MAX (raw_med, 0.001));
    row (label, value, target, ratio, med <= 20 && med <= 1.3 * raw_med);

    g_free (label);
    g_free (value);
    g_free (target);
    g_free (ratio);
    label = g_strdup_printf ("search p95, %u leads", rows);
    value = g_strdup_printf ("%.3f ms", p95);
    target = g_strdup_printf ("raw FTS5 p95 %.3f ms", raw_p95);
    ratio = g_strdup_printf ("%.2f×", p95 / MAX (raw_p95, 0.001));
    row (label, value, target, ratio, TRUE);

    /* A new record's duplicate check: half new people, half repeats. */
    for (guint i = 0; i < 1000; i++)
      {
        Person p;
        g_autoptr(GRand) again = NULL;
        g_autoptr(GPtrArray) found = NULL;
        char phone[40];
        const char *phones[2] = { phone, NULL };
        const char *emails[2] = { p.email, NULL };
        CrmDedupeProbe probe = { 0 };
        gint64 t0;
        double ms;
        guint who = i % 2 ? (guint) g_rand_int_range (rand, 0, rows) : rows + i;

        again = g_rand_new_with_seed (who);
        make_person (again, who, &p);
        format_phone (rand, p.phone_digits, phone, sizeof phone);
        probe.entity_type = "lead";
        probe.full_name = p.name;
        probe.company = p.company;
        probe.phones = phones;
        probe.emails = emails;

        t0 = g_get_monotonic_time ();
        found = crm_dedupe_find (store, &probe, NULL);
        ms = (g_get_monotonic_time () - t0) / 1000.0;
        g_array_append_val (dedupe_ms, ms);
      }

    g_free (label);
    g_free (value);
    label = g_strdup_printf ("duplicate check per record, %u leads", rows);
    value = g_strdup_printf ("%.3f ms", percentile (dedupe_ms, 0.5));
    g_free (ratio);
    ratio = g_strdup_printf ("p95 %.2f", percentile (dedupe_ms, 0.95));
    row (label, value, "≤ 2 ms", ratio, percentile (dedupe_ms, 0.5) <= 2.0);
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *cli = NULL;
  g_auto(GStrv) sizes = NULL;
  const char *rows_arg = "100000,1000000";
  const char *keep = NULL;

  if (argc == 4 && strcmp (argv[1], "gen") == 0)
    {
      if (!generate (g_ascii_strtoull (argv[2], NULL, 10), argv[3], &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      return 0;
    }

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--rows") == 0 && i + 1 < argc)
        rows_arg = argv[++i];
      else if (strcmp (argv[i], "--keep") == 0 && i + 1 < argc)
        keep = argv[++i];
      else if (strcmp (argv[i], "--search-only") == 0)
        search_only = TRUE;
      else
        {
          g_printerr ("Usage: voronka-bench [--rows N[,N…]] [--keep DIR [--search-only]] | gen N FILE\n");
          return 2;
        }
    }

  cli = g_strdup (g_getenv ("VORONKA_CLI"));
  if (cli == NULL)
    {
      g_autofree char *self_dir = g_path_get_dirname (argv[0]);
      cli = g_build_filename (self_dir, "..", "src", "cli", "voronka-cli", NULL);
    }
  if (!g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("voronka-cli not found at %s (set VORONKA_CLI)\n", cli);
      return 1;
    }
  if (g_find_program_in_path ("sqlite3") == NULL)
    {
      g_printerr ("sqlite3 is needed for the baseline (apt-get install sqlite3)\n");
      return 1;
    }

  if (search_only && keep == NULL)
    {
      g_printerr ("--search-only needs --keep DIR with a database from an earlier run\n");
      return 2;
    }
  if (keep != NULL)
    {
      g_mkdir_with_parents (keep, 0700);
      dir = g_strdup (keep);
    }
  else if (!(dir = g_dir_make_tmp ("voronka-bench-XXXXXX", &error)))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  printf ("Voronka core benchmark (SQLite %s, %u CPUs)\n\n", sqlite3_libversion (),
           g_get_num_processors ());
  printf ("| %-44s | %14s | %22s | %8s | %-4s |\n", "what", "measured", "target", "ratio", "");
  printf ("|%s|%s|%s|%s|%s|\n", "----------------------------------------------",
           "----------------", "------------------------", "----------", "------");

  sizes = g_strsplit (rows_arg, ",", -1);
  for (guint i = 0; sizes[i] != NULL; i++)
    {
      guint rows = g_ascii_strtoull (sizes[i], NULL, 10);

      if (rows == 0)
        continue;
      /* Search and dedupe are measured on the largest base. */
      bench_rows (rows, dir, cli, sizes[i + 1] == NULL);
    }

  if (keep == NULL)
    {
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_unlink (path);
        }
      g_rmdir (dir);
    }
  return 0;
}
