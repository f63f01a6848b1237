/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The demo generator's people and companies (crm-demo-people.c). */

typedef struct
{
  char     *full_name;
  char     *last;
  char     *first;
  gboolean  english;
} CrmDemoPerson;

typedef struct
{
  char     *name;
  char     *domain;
  char     *office;
  char     *city;
  gboolean  ip;
} CrmDemoCompany;

char       *crm_demo_translit       (const char *s);
char       *crm_demo_phone          (GRand *rng);
char       *crm_demo_reformat_phone (const char *raw);
char       *crm_demo_office_phone   (GRand *rng);
void        crm_demo_person_clear   (CrmDemoPerson *p);
void        crm_demo_person         (GRand         *rng,
                                     CrmDemoPerson *p);
char       *crm_demo_email          (GRand               *rng,
                                     const CrmDemoPerson *p,
                                     const char          *company_domain);
void        crm_demo_digits         (GRand *rng,
                                     char  *out,
                                     guint  n);
char       *crm_demo_inn10          (GRand      *rng,
                                     const char *office);
char       *crm_demo_inn12          (GRand      *rng,
                                     const char *office);
char       *crm_demo_ogrn           (GRand      *rng,
                                     const char *office,
                                     gboolean    ip);
void        crm_demo_company_clear  (CrmDemoCompany *c);
void        crm_demo_company        (GRand               *rng,
                                     CrmDemoCompany      *c,
                                     const CrmDemoPerson *owner);
const char *crm_demo_city           (GRand *rng);

G_END_DECLS
