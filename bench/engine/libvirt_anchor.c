/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "libvirt_anchor.h"

#include <libvirt/libvirt.h>
#include <stdlib.h>
#include <time.h>

struct anchor
{
    virConnectPtr conn;
    virDomainPtr dom;
};

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

anchor *anchor_open(const char *uri, const char *domain)
{
    anchor *a = calloc(1, sizeof(*a));
    if (!a)
        return NULL;
    a->conn = virConnectOpen(uri);
    if (a->conn)
        a->dom = virDomainLookupByName(a->conn, domain);
    if (!a->dom) {
        anchor_close(a);
        return NULL;
    }
    return a;
}

void anchor_close(anchor *a)
{
    if (!a)
        return;
    if (a->dom)
        virDomainFree(a->dom);
    if (a->conn)
        virConnectClose(a->conn);
    free(a);
}

double anchor_seq_lib_version(anchor *a, int n)
{
    unsigned long version = 0;
    const double start = now_us();
    for (int i = 0; i < n; ++i)
        if (virConnectGetLibVersion(a->conn, &version) < 0)
            return -1;
    return (now_us() - start) / n;
}

double anchor_seq_domain_get_info(anchor *a, int n)
{
    virDomainInfo info;
    const double start = now_us();
    for (int i = 0; i < n; ++i)
        if (virDomainGetInfo(a->dom, &info) < 0)
            return -1;
    return (now_us() - start) / n;
}
