/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The anchor of the engine benchmark: libvirt's own client. */
#pragma once

#ifdef __cplusplus
extern "C" {
#endif

/* Microseconds per call, averaged over n sequential calls; < 0 on failure. */
double anchor_seq_lib_version(const char *uri, int n);
double anchor_seq_domain_get_info(const char *uri, const char *domain, int n);

#ifdef __cplusplus
}
#endif
