/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The anchor of the engine benchmark: libvirt's own client. */
#pragma once

#ifdef __cplusplus
extern "C" {
#endif

typedef struct anchor anchor;

/* A libvirt connection to uri with domain looked up; NULL on failure. */
anchor *anchor_open(const char *uri, const char *domain);
void anchor_close(anchor *a);
/* Microseconds per call, averaged over n sequential calls; < 0 on failure. */
double anchor_seq_lib_version(anchor *a, int n);
double anchor_seq_domain_get_info(anchor *a, int n);

#ifdef __cplusplus
}
#endif
